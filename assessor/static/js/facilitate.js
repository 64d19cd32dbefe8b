// Refreshes the facilitator's live panel every few seconds from the server (the database is the
// only state, so any worker can answer). Without JavaScript the page still works: reload it.
(function () {
  "use strict";
  var panel = document.getElementById("live");
  var status = document.getElementById("live-status");
  if (!panel) { return; }
  var src = panel.dataset.src;
  var failures = 0;
  function refresh() {
    fetch(src, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
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
      .finally(function () { setTimeout(refresh, Math.min(4000 * (failures + 1), 30000)); });
  }
  setTimeout(refresh, 4000);
})();
