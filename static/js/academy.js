// Academie: a form marked data-submit-once sends once; its button is disabled after the
// first click (the server refuses a second enrolment anyway).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-submit-once]")) {
    return;
  }
  if (form.dataset.submitted === "yes") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "yes";
  form.querySelectorAll("button[type=submit]").forEach(function (button) {
    button.setAttribute("aria-disabled", "true");
    button.disabled = true;
  });
});
