// Idle-timeout warning (WCAG 2.2.1): two minutes before the session ends, a dialog offers to keep it.
// Without JavaScript the server-side timeout still applies; the dialog only adds the warning.
(function () {
  var dialog = document.getElementById("portal-timeout-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var timeout = parseInt(dialog.dataset.timeoutSeconds, 10) * 1000;
  var warning = parseInt(dialog.dataset.warningSeconds, 10) * 1000;
  var keepAliveUrl = dialog.dataset.keepAliveUrl;
  var timedOutUrl = dialog.dataset.timedOutUrl;
  var csrf = dialog.querySelector("input[name=csrfmiddlewaretoken]").value;
  var warnTimer, endTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () { dialog.showModal(); }, Math.max(timeout - warning, 0));
    endTimer = setTimeout(function () { window.location.href = timedOutUrl; }, timeout);
  }

  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf }
    }).then(function (response) {
      if (response.ok) {
        dialog.close();
        schedule();
      } else {
        window.location.href = timedOutUrl;
      }
    });
  });
  schedule();
})();
