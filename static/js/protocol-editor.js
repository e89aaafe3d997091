// The protokoll editor, enhanced: the preview follows the typing, the draft saves
// itself a moment after typing stops (autosave, with the version check), and with
// htmx the editor's buttons change the page without reloading it. Without this
// script every button still posts the form and the page reloads.
(function () {
  "use strict";
  var FORM_ID = "protocol-form";
  var AUTOSAVE_DELAY = 2000;
  var status = document.getElementById("autosave-status");
  var live = document.getElementById("editor-live");
  var dirty = false;          // typed since the last save
  var edits = 0;              // counts input, to know if typing went on during a save
  var stopped = false;        // a conflict or a logout: no more autosaves
  var saving = null;          // the autosave in flight (a Promise)
  var saveTimer = null;
  var previewTimer = null;

  if (window.htmx) {
    // The CSP allows no inline style or eval: htmx must not need them.
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
    htmx.config.allowScriptTags = false;
    htmx.config.historyEnabled = false;
    // A refused save (400) or a conflict (409) returns the editor with its
    // messages at the fields: show it, as the page without script would.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "(400|409)", swap: true },
      { code: "...", swap: false, error: true }
    ];
  }

  function form() { return document.getElementById(FORM_ID); }

  // Said only where the script runs: without it nothing saves by itself.
  if (status && form() && form().dataset.autosaveUrl) {
    status.textContent = "Utkastet sparas av sig självt medan du skriver.";
  }

  function say(text, state) {
    if (!status) { return; }
    status.textContent = text;
    status.dataset.state = state || "";
  }

  function announce(text) {
    if (!live || !text) { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function clock() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(now.getHours()) + "." + pad(now.getMinutes());
  }

  function formData(withFiles) {
    var data = new FormData(form());
    // Never the chosen files (they go with Spara) nor which button was pressed.
    if (!withFiles) {
      Array.prototype.forEach.call(
        form().querySelectorAll("input[type=file]"),
        function (input) { data.delete(input.name); }
      );
    }
    data.delete("op");
    return data;
  }

  // The preview -------------------------------------------------------------------
  function refreshPreview() {
    var preview = document.getElementById("preview");
    var f = form();
    if (!preview || !f || !f.dataset.previewUrl) { return; }
    fetch(f.dataset.previewUrl, {
      method: "POST",
      body: formData(false),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null) { preview.innerHTML = html; }
    }).catch(function () { /* the preview is a help, never a requirement */ });
  }

  // Autosave ----------------------------------------------------------------------
  function loginLink(url, text) {
    say(text, "error");
    if (!status || !url) { return; }
    var link = document.createElement("a");
    link.href = url;
    link.textContent = " Logga in igen";
    status.appendChild(link);
  }

  function autosave() {
    var f = form();
    window.clearTimeout(saveTimer);
    if (!f || !f.dataset.autosaveUrl || stopped || !dirty) { return Promise.resolve(); }
    if (saving) {
      // One at a time: save again when this one is done.
      return saving.then(autosave);
    }
    var startedAt = edits;
    say("Sparar…", "saving");
    saving = fetch(f.dataset.autosaveUrl, {
      method: "POST",
      body: formData(false),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { status: "error" }; });
    }).then(function (answer) {
      if (answer.status === "saved") {
        var version = form() && form().querySelector("input[name=lock_version]");
        if (version && answer.lock_version !== undefined) {
          version.value = answer.lock_version;
        }
        if (edits === startedAt) { dirty = false; }
        say(answer.message || ("Sparat " + clock()), "saved");
      } else if (answer.status === "conflict") {
        stopped = true;
        say(answer.message, "error");
      } else if (answer.status === "login") {
        stopped = true;
        loginLink(answer.login_url, answer.message);
      } else {
        say(answer.message || "Inte sparat. Tryck Spara utkastet.", "error");
      }
    }).catch(function () {
      say("Inte sparat: ingen kontakt med servern. Försöker igen när du skriver.", "error");
    }).then(function () { saving = null; });
    return saving;
  }

  function scheduleAutosave(delay) {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(autosave, delay);
  }

  function inEditor(target) {
    return target && target.form && target.form.id === FORM_ID;
  }

  document.addEventListener("input", function (event) {
    if (!inEditor(event.target)) { return; }
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(refreshPreview, 700);
    if (event.target.type === "file") { return; }
    dirty = true;
    edits += 1;
    if (!stopped) {
      say("Inte sparat ännu", "dirty");
      scheduleAutosave(AUTOSAVE_DELAY);
    }
  });
  document.addEventListener("change", function (event) {
    if (!inEditor(event.target) || event.target.type === "file") { return; }
    if (event.target.type === "checkbox" || event.target.tagName === "SELECT") {
      dirty = true;
      edits += 1;
      scheduleAutosave(AUTOSAVE_DELAY);
    }
  });
  // Leaving a field saves at once.
  document.addEventListener("focusout", function (event) {
    if (inEditor(event.target) && dirty && !stopped) { scheduleAutosave(0); }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === FORM_ID && !window.htmx) { dirty = false; }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // htmx: no reload, the focus where the change is, and said aloud ----------------
  document.addEventListener("htmx:confirm", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== FORM_ID) { return; }
    // The button's save includes the text: no autosave beside it, and none in
    // flight, or the two would compete for the version.
    window.clearTimeout(saveTimer);
    if (saving) {
      event.preventDefault();
      saving.then(function () { event.detail.issueRequest(); });
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === FORM_ID) { say("Sparar…", "saving"); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Fired on the new editor region htmx put in place of the old one.
    var region = event.target;
    if (!region || region.id !== "editor-region") { return; }
    var ok = event.detail.xhr && event.detail.xhr.status < 300;
    if (ok) {
      dirty = false;
      stopped = false;
      say("Sparat " + clock(), "saved");
    } else {
      say("Inte sparat", "error");
    }
    var message = document.getElementById("editor-announce");
    if (message) { announce(message.textContent); }
    var target = region.dataset.focus && document.getElementById(region.dataset.focus);
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
      target.scrollIntoView({ block: "start" });
    }
  });
  document.addEventListener("htmx:responseError", function () {
    say("Inte sparat: något gick fel. Försök igen, eller ladda om sidan.", "error");
  });
  document.addEventListener("htmx:sendError", function () {
    say("Inte sparat: ingen kontakt med servern. Försök igen.", "error");
  });
})();
