// After a server-side error, move focus to the error summary (or, without one, to
// the first invalid field), so a keyboard or screen reader user starts where the
// problem is instead of at the top of the page. A link in the summary puts the
// focus in the field it names (a fragment link alone only scrolls there).
(function () {
  "use strict";
  function focusFirstError() {
    var main = document.getElementById("main") || document;
    var target = main.querySelector(".error-summary");
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    } else {
      target = main.querySelector("[aria-invalid=true]");
    }
    if (!target) { return; }
    target.focus();
    if (target.scrollIntoView) { target.scrollIntoView({ block: "center" }); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirstError);
  } else {
    focusFirstError();
  }
})();
