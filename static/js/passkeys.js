// Passkeys (WebAuthn): registering one on the Säkerhet page, logging in with one,
// and confirming "Skicka för justering" or "Justera" with one. Each form works
// as an ordinary form: this script asks the server for options, lets the browser
// talk to the authenticator, puts the answer in a hidden field and submits.
(function () {
  "use strict";

  var supported = !!(window.PublicKeyCredential && navigator.credentials);

  function toBytes(value) {
    var text = value.replace(/-/g, "+").replace(/_/g, "/");
    while (text.length % 4) text += "=";
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function creationOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    json.excludeCredentials = descriptors(json.excludeCredentials);
    return json;
  }

  function requestOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.allowCredentials = descriptors(json.allowCredentials);
    return json;
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      if (response.getTransports) out.response.transports = response.getTransports();
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      if (response.userHandle) out.response.userHandle = toText(response.userHandle);
    }
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    return JSON.stringify(out);
  }

  function say(form, text) {
    var status = form.querySelector("[data-passkey-status]");
    if (status) status.textContent = text;
  }

  function options(form, url) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.error || "Servern svarade inte.");
        return json;
      });
    });
  }

  function failed(form, error) {
    if (error && error.name === "NotAllowedError") {
      say(form, "Nyckeln användes inte (avbrutet eller tiden gick ut). Försök igen.");
    } else if (error && error.name === "InvalidStateError") {
      say(form, "Nyckeln är redan registrerad för ditt konto.");
    } else if (error && error.name === "SecurityError") {
      say(form, "Webbläsaren godtar inte nycklar på den här adressen. Kontakta administratören.");
    } else {
      say(form, (error && error.message) || "Nyckeln kunde inte användas.");
    }
  }

  function missing(form) {
    var note = form.querySelector("[data-passkey-missing]");
    if (note) note.hidden = false;
  }

  // Registering on the Säkerhet page.
  document.querySelectorAll("form[data-passkey-register]").forEach(function (form) {
    if (!supported) return missing(form);
    var field = form.querySelector("input[name=credential]");
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      event.preventDefault();
      if (!form.reportValidity()) return;
      say(form, "Följ webbläsarens anvisningar för nyckeln …");
      options(form, form.dataset.passkeyRegister)
        .then(function (json) {
          return navigator.credentials.create({ publicKey: creationOptions(json) });
        })
        .then(function (credential) {
          field.value = credentialJSON(credential);
          form.submit();
        })
        .catch(function (error) { failed(form, error); });
    });
  });

  // Logging in (discoverable credentials: no user name needed).
  document.querySelectorAll("form[data-passkey-login]").forEach(function (form) {
    if (!supported) return missing(form);
    var field = form.querySelector("input[name=credential]");
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      event.preventDefault();
      say(form, "Följ webbläsarens anvisningar för nyckeln …");
      options(form, form.dataset.passkeyLogin)
        .then(function (json) {
          return navigator.credentials.get({ publicKey: requestOptions(json) });
        })
        .then(function (credential) {
          field.value = credentialJSON(credential);
          form.submit();
        })
        .catch(function (error) { failed(form, error); });
    });
  });

  // The step-up: "Bekräfta med nyckel" in the form of Skicka or Justera.
  document.querySelectorAll("button[data-passkey-step-up]").forEach(function (button) {
    var form = button.form;
    if (!supported) return missing(form);
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = form.querySelector("input[name=passkey_assertion]");
      var password = form.querySelector("input[type=password]");
      var required = password && password.required;
      if (password) password.required = false;
      var valid = form.reportValidity();
      if (password) password.required = required;
      if (!valid) return;
      say(form, "Följ webbläsarens anvisningar för nyckeln …");
      options(form, button.dataset.passkeyStepUp)
        .then(function (json) {
          return navigator.credentials.get({ publicKey: requestOptions(json) });
        })
        .then(function (credential) {
          field.value = credentialJSON(credential);
          if (password) password.value = "";
          form.submit();
        })
        .catch(function (error) { failed(form, error); });
    });
  });
})();
