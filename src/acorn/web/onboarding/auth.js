// Acorn's owner session, shared by the onboarding page (/) and the setup page (/setup).
//
// The access token (15 minutes) lives only in memory; the refresh token lives in
// sessionStorage, so a reload or the step from /setup to / keeps the tab signed in and closing
// the tab ends it. No cookies anywhere, on purpose: every owner request carries
// "Authorization: Bearer", which a page on another site cannot make the browser add, so there
// is no CSRF surface to defend. The cost is that a script running on this origin could read the
// refresh token, which is why these pages load only their own files (CSP script-src 'self') and
// write anything that came from a crawled site only as text.
"use strict";

(function () {
  const KEY = "acorn.session";  // sessionStorage: {refresh_token, email, organization}
  let access = null;            // the access token, memory only
  let refreshing = null;        // the one refresh in flight, shared by every caller
  const signedOutHandlers = [];

  function stored() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }

  function keep(pair) {
    access = pair.access_token;
    window.sessionStorage.setItem(KEY, JSON.stringify({
      refresh_token: pair.refresh_token,
      email: pair.user && pair.user.email,
      organization: pair.organization && pair.organization.name,
    }));
    return session();
  }

  function forget() {
    access = null;
    window.sessionStorage.removeItem(KEY);
  }

  // {email, organization} of the signed-in owner, or null.
  function session() {
    const s = stored();
    return s && s.refresh_token ? { email: s.email || "", organization: s.organization || "" } : null;
  }

  // An Error carrying the server's {error, hint} and the HTTP status.
  function failure(status, data) {
    const error = new Error((data && data.error) || `The server answered ${status}.`);
    error.hint = (data && data.hint) || "";
    error.status = status;
    return error;
  }

  async function readJson(response) {
    try { return await response.json(); } catch (e) { return null; }
  }

  // A plain JSON call without credentials (sign-in, setup, the setup state).
  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await readJson(response);
    if (!response.ok) {
      const error = failure(response.status, data);
      const wait = response.headers.get("Retry-After");
      if (response.status === 429 && wait && !error.hint) error.hint = `Try again in ${wait} s.`;
      throw error;
    }
    return data;
  }

  async function setupNeeded() {
    const response = await fetch("/v1/auth/setup");
    const data = await readJson(response);
    if (!response.ok) throw failure(response.status, data);
    return Boolean(data && data.needed);
  }

  async function signIn(email, password) {
    return keep(await post("/v1/auth/login", { email, password }));
  }

  async function setup(token, fields) {
    return keep(await post("/v1/auth/setup", { token, ...fields }));
  }

  function signedOut(reason) {
    forget();
    for (const handler of signedOutHandlers) {
      try { handler(reason); } catch (e) { /* a handler's failure must not stop the others */ }
    }
  }

  // Trade the refresh token for a new pair. Refresh tokens work once, so concurrent callers
  // share one request: a second request with the same token would revoke the whole sign-in.
  function refresh() {
    if (!refreshing) {
      refreshing = (async () => {
        const s = stored();
        if (!s || !s.refresh_token) throw failure(401, { error: "You are not signed in." });
        try {
          return keep(await post("/v1/auth/refresh", { refresh_token: s.refresh_token }));
        } catch (err) {
          if (err.status === 401) {
            signedOut("Your session has ended. Please sign in again.");
            err.signedOut = true;
          }
          throw err;
        }
      })().finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  // On page load: an access token from the stored refresh token, if there is one.
  async function restore() {
    if (!session()) return null;
    if (access) return session();
    try { return await refresh(); } catch (err) { if (err.signedOut) return null; throw err; }
  }

  // fetch() with "Authorization: Bearer". On a 401 it refreshes (once, shared) and retries;
  // if that fails too the sign-in form comes back (signedOut handlers) and this throws.
  async function authFetch(url, opts) {
    const options = { ...(opts || {}) };
    if (!access) await refresh();
    for (let attempt = 0; ; attempt++) {
      const token = access;
      const headers = new Headers(options.headers || {});
      headers.set("Authorization", `Bearer ${token}`);
      const response = await fetch(url, { ...options, headers });
      if (response.status !== 401 || attempt > 0) {
        if (response.status === 401) signedOut("Your session has ended. Please sign in again.");
        return response;
      }
      if (access === token) await refresh();  // else another call has refreshed meanwhile
    }
  }

  // authFetch for JSON APIs: the parsed body, or an Error with the server's {error, hint}.
  async function api(method, path, body) {
    const response = await authFetch(path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = response.status === 204 ? null : await readJson(response);
    if (!response.ok) {
      const error = failure(response.status, data);
      error.signedOut = response.status === 401;  // the sign-in form is showing already
      throw error;
    }
    return data;
  }

  async function signOut() {
    const s = stored();
    forget();
    if (s && s.refresh_token) {
      try { await post("/v1/auth/logout", { refresh_token: s.refresh_token }); } catch (e) { /* gone already */ }
    }
  }

  function onSignedOut(handler) { signedOutHandlers.push(handler); }

  window.AcornAuth = Object.freeze({
    session, setupNeeded, signIn, setup, signOut, restore, authFetch, api, onSignedOut,
  });
})();
