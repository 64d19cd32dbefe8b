// Refreshes the facilitator's live panel every few seconds from the server (the database is the
// only state, so any worker can answer), with random jitter so screens do not refetch in lockstep.
// It sends the panel's version as If-None-Match: the server answers 304 while nothing changed.
// Without JavaScript the page still works: reload it.
// The keys ← and → (or Page Up and Page Down, which presentation clickers send) post the
// "previous item" and "next item" forms: the item under discussion is stored, and the presenter
// screen follows it.
(function () {
  "use strict";
  var panel = document.getElementById("live");
  var status = document.getElementById("live-status");
  if (!panel) { return; }
  var src = panel.dataset.src;
  var etag = panel.dataset.version ? '"' + panel.dataset.version + '"' : "";
  var failures = 0;
  var timer = null;
  function refresh() {
    clearTimeout(timer);
    var headers = { "Accept": "text/html" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(src, { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        etag = response.headers.get("ETag") || etag;
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          failures = 0;
          status.textContent = status.dataset.updated || "";
          return;
        }
        var open = Array.prototype.map.call(panel.querySelectorAll("details[open]"), function (d) { return d.id || "all"; });
        if (panel.innerHTML !== html) { panel.innerHTML = html; }
        if (open.length) { panel.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
        failures = 0;
        status.textContent = status.dataset.updated || "";
      })
      .catch(function () {
        failures += 1;
        status.textContent = status.dataset.offline || "Connection lost — retrying";
      })
      .finally(function () { timer = setTimeout(refresh, Math.min(4000 * (failures + 1), 30000) + Math.random() * 1000); });
  }
  timer = setTimeout(refresh, 4000 + Math.random() * 1000);

  var moves = { ArrowRight: "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous" };
  var busy = false;
  document.addEventListener("keydown", function (event) {
    var move = moves[event.key];
    var target = event.target;
    if (!move || busy || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var form = document.getElementById("item-" + move);
    if (!form) { return; }
    event.preventDefault();
    busy = true;
    fetch(form.action, { method: "POST", credentials: "same-origin", body: new FormData(form) })
      .then(function () { refresh(); })
      .catch(function () { status.textContent = status.dataset.offline || ""; })
      .finally(function () { busy = false; });
  });
})();
