// Acorn's first-run page (/setup?token=st_…): create the owner account with the one-time token
// printed in the server's console, sign in, and go on to onboarding at /.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const auth = window.AcornAuth;
  const MIN_PASSWORD = 10;  // as the server's check (acorn.auth.passwords.MIN_LENGTH)
  // Read once, then dropped from the address bar and history: the token is a secret.
  const token = new URLSearchParams(window.location.search).get("token") || "";
  if (window.location.search) window.history.replaceState(null, "", window.location.pathname);

  function screen(name) {
    for (const id of ["loading", "done", "no-token", "create"]) $(id).hidden = id !== name;
  }

  function showError(text, field) {
    $("setup-error").textContent = text;
    $("setup-error").hidden = false;
    if (field) $(field).focus();
  }

  async function create(event) {
    event.preventDefault();
    $("setup-error").hidden = true;
    const email = $("setup-email").value.trim();
    const password = $("setup-password").value;
    if (!email) return showError("Please enter your e-mail address.", "setup-email");
    if (password.length < MIN_PASSWORD) {
      return showError(`The password must have at least ${MIN_PASSWORD} characters.`, "setup-password");
    }
    if (password !== $("setup-confirm").value) {
      return showError("The two passwords are not the same.", "setup-confirm");
    }
    $("setup-button").disabled = true;
    try {
      await auth.setup(token, {
        email, password, organization_name: $("setup-organization").value.trim(),
      });
      window.location.assign("/");
    } catch (err) {
      $("setup-button").disabled = false;
      showError(err.hint ? `${err.message} ${err.hint}` : err.message);
    }
  }

  async function boot() {
    let needed = true;
    try { needed = await auth.setupNeeded(); } catch (err) { needed = true; }
    if (!needed) {
      screen("done");
      $("done-title").focus();
    } else if (!token) {
      screen("no-token");
    } else {
      screen("create");
      $("setup-email").focus();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("setup-form").addEventListener("submit", create);
    boot();
  });
})();
