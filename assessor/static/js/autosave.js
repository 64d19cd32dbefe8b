// Saves each answer as soon as it is chosen. "saved" appears only after the server confirmed
// the commit; on a network or server failure the answer is retried with growing pauses, at most
// MAX_ATTEMPTS times in all, and then the page says it gave up (the page's own Save button,
// which posts the whole form, still works).
(function () {
  "use strict";
  var MAX_ATTEMPTS = 6;  // pauses of 1, 2, 4, 8 and 16 s between them: about half a minute
  var form = document.querySelector("form.answer-form");
  if (!form || !window.fetch) { return; }
  var token = form.querySelector('input[name="csrf_token"]').value;
  var urlTemplate = form.dataset.saveUrl;
  var progress = document.getElementById("answer-progress");
  var timers = {};
  var pending = {};

  function say(item, text, kind) {
    var node = item.querySelector(".save-state");
    node.textContent = text;
    node.className = "save-state " + (kind || "");
  }

  function showProgress(answered, total) {  // the sticky "Page 3 of 9 · 21 of 72 answered"
    if (!progress || typeof answered !== "number") { return; }
    var bar = progress.querySelector("progress");
    bar.max = total;
    bar.value = answered;
    bar.textContent = answered + " / " + total;
    progress.querySelector(".progress-text").textContent = progress.dataset.template.replace("{n}", answered);
  }

  function send(item, attempt) {
    var code = item.dataset.code;
    var body = new FormData();
    body.append("csrf_token", token);
    item.querySelectorAll("input, textarea").forEach(function (field) {
      if ((field.type === "radio" && !field.checked) || !field.name) { return; }
      body.append(field.name, field.value);
    });
    var version = (pending[code] || 0) + 1;
    pending[code] = version;
    say(item, form.dataset.saving, "saving");
    fetch(urlTemplate.replace("CODE", encodeURIComponent(code)), {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
    }).then(function (reply) {
      if (pending[code] !== version) { return; }  // a newer change is on its way
      if (reply.ok && reply.data.saved) {
        say(item, form.dataset.saved, "saved");
        showProgress(reply.data.answered, reply.data.total);
        item.classList.remove("has-error");
      } else if (reply.status >= 500) {
        throw new Error("server");
      } else {
        var errors = (reply.data.errors || [reply.data.error || ""]).join(" ");
        say(item, form.dataset.invalid + ": " + errors, "error");
        item.classList.add("has-error");
      }
    }).catch(function () {
      if (pending[code] !== version) { return; }
      if (attempt + 1 >= MAX_ATTEMPTS) {
        say(item, form.dataset.gaveUp, "error");
        item.classList.add("has-error");
        return;
      }
      say(item, form.dataset.failed, "error");
      var delay = Math.min(1000 * Math.pow(2, attempt), 30000);
      setTimeout(function () { if (pending[code] === version) { send(item, attempt + 1); } }, delay);
    });
  }

  function hasLevel(item) { return !!item.querySelector('input[type="radio"]:checked'); }

  form.addEventListener("change", function (event) {
    var item = event.target.closest("fieldset.item");
    if (item && hasLevel(item)) { send(item, 0); }
  });
  form.addEventListener("input", function (event) {
    var item = event.target.closest("fieldset.item");
    if (!item || event.target.type === "radio" || !hasLevel(item)) { return; }
    clearTimeout(timers[item.dataset.code]);
    timers[item.dataset.code] = setTimeout(function () { send(item, 0); }, 800);
  });
})();
