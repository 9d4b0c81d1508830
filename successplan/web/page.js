// The customer's page works without this script; with it, the page says when answers
// are waiting to be sent.
(function () {
  "use strict";
  var form = document.querySelector("form.plan-page");
  var status = document.getElementById("answer-status");
  if (!form || !status) {
    return;
  }
  form.addEventListener("change", function () {
    status.textContent = "Not sent yet: send your answers at the end of the page.";
  });
  form.addEventListener("submit", function () {
    status.textContent = "Sending…";
  });
})();
