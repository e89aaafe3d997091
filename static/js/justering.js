// The justering pages (Skicka för justering, Granska): after a refused submit
// the page opens with an error summary first in main. Move the focus to it, so
// a screen reader reads it at once, and let its links put the focus in the
// field they name (a fragment link alone only scrolls there).
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
