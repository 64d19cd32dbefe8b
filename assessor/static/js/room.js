// The end screen of a workshop: asks, about every 10 s (plus up to 5 s of random jitter) and at
// once when the phone is looked at again, whether the facilitator has shown the room's answers
// (the page then reloads and shows them) and, after that, whether the facilitator has opened a
// second vote this participant has not given yet (the phone then opens it). Nothing is asked
// while the page is hidden.
(function () {
  "use strict";
  var node = document.getElementById("room-wait");
  if (!node || !window.fetch) { return; }
  var url = node.dataset.pollUrl;
  var timer = null;
  var busy = false;

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 10000 + Math.random() * 5000);
  }

  function check() {
    if (document.hidden) { return; }  // asked again when the page is visible
    if (busy) { return; }
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) {
        busy = false;
        if (data.second_vote) { window.location.assign(node.dataset.secondVoteUrl); }
        else if (data.revealed && node.dataset.shown !== "yes") { window.location.reload(); }
        else { later(); }
      })
      .catch(function () { busy = false; later(); });
  }

  document.addEventListener("visibilitychange", function () { if (!document.hidden) { check(); } });
  later();
})();
