// The presenter screen follows the facilitator's controls: it asks the server every ~2 s
// (plus random jitter, so screens never refetch in lockstep) whether anything changed. The
// server answers 304 while its version (an ETag read from the database) is the same, so any
// worker can answer and an unchanged screen costs almost nothing.
(function () {
  "use strict";
  var screen = document.getElementById("screen");
  if (!screen) { return; }
  var src = screen.dataset.src;
  var etag = '"' + screen.dataset.version + '"';
  var every = Number(screen.dataset.poll) || 2000;
  var failures = 0;
  function later() {
    var wait = every * Math.min(failures + 1, 8) + Math.random() * 1000;
    setTimeout(refresh, wait);
  }
  function refresh() {
    fetch(src, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html", "If-None-Match": etag } })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        etag = response.headers.get("ETag") || etag;
        return response.text();
      })
      .then(function (html) {
        if (html !== null) { screen.innerHTML = html; }
        failures = 0;
      })
      .catch(function () { failures += 1; })
      .finally(later);
  }
  later();
})();
