// The protokoll editor: warn before leaving with unsaved changes, and refresh the
// preview from what is typed (nothing is saved until the user saves).
(function () {
  "use strict";
  var form = document.getElementById("protocol-form");
  var preview = document.getElementById("preview");
  if (!form) { return; }
  var dirty = false;
  var timer = null;

  function refresh() {
    if (!preview || !form.dataset.previewUrl) { return; }
    var data = new FormData(form);
    // The preview shows text only: never send chosen files or the password.
    Array.prototype.forEach.call(
      form.querySelectorAll("input[type=file], input[type=password]"),
      function (input) { data.delete(input.name); }
    );
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null) { preview.innerHTML = html; }
    }).catch(function () { /* the preview is a help, never a requirement */ });
  }

  form.addEventListener("input", function () {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 700);
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
