// After a server-side error, move focus to the error summary (or, without one, to
// the first invalid field), so a keyboard or screen reader user starts where the
// problem is instead of at the top of the page.
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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirstError);
  } else {
    focusFirstError();
  }
})();
