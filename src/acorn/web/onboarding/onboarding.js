// Acorn onboarding page: sign in, paste a URL, watch the crawl live (server-sent events read
// with fetch, since EventSource cannot send the Authorization header), get the embed snippet
// and try the agent. Every API call goes through AcornAuth (auth.js). Everything that came from
// a crawled site is untrusted: it is only ever written with textContent, and links are kept
// only when they are http(s).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const auth = window.AcornAuth;
  const STAGES = {
    queued: "Waiting to start", starting: "Starting", crawling: "Reading pages",
    extracting: "Understanding pages", indexing: "Building knowledge", generating_faqs: "Finishing up",
    ready: "Ready", failed: "Failed", cancelled: "Cancelled",
  };
  let agent = null;       // {agent_id, embed_code, ...} from POST /v1/onboard
  let following = null;   // the AbortController of the events stream being read
  let startedAt = 0;
  let timer = null;
  let sessionId = null;

  function show(section) {
    for (const id of ["progress", "failed", "ready"]) $(id).hidden = id !== section;
  }

  // The page's top-level state: loading, no-account, signin or start (signed in).
  function screen(name) {
    for (const id of ["loading", "no-account", "signin", "start"]) $(id).hidden = id !== name;
    if (name !== "start") { show(null); $("existing-note").hidden = true; }
    $("account").hidden = name !== "start";
  }

  function safeHttpUrl(value) {
    try {
      const url = new URL(value, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }

  const api = (method, path, body) => auth.api(method, path, body);

  function message(err) {
    return err.hint ? `${err.message} ${err.hint}` : err.message;
  }

  function tick() {
    $("stat-elapsed").textContent = `${Math.round((Date.now() - startedAt) / 1000)} s`;
  }

  function setStage(stage) {
    if (!stage) return;
    const label = STAGES[stage] || stage;
    if ($("stat-stage").textContent !== label) {
      $("stat-stage").textContent = label;
      $("progress-status").textContent = label;
    }
  }

  function setCounts(found, fetched) {
    if (typeof found === "number") $("stat-found").textContent = String(found);
    if (typeof fetched === "number") $("stat-fetched").textContent = String(fetched);
    const bar = $("progress-bar");
    if (found > 0) { bar.max = found; bar.value = Math.min(fetched || 0, found); }
  }

  function onStatus(s) {
    setStage(s.stage);
    setCounts(s.total_pages, s.pages_scraped);
    if (s.current_url) $("stat-current").textContent = s.current_url;
  }

  function onProgress(e) {
    setStage(e.stage);
    setCounts(e.discovered, e.fetched);
    if (e.kind === "indexing" && e.total) {
      $("stat-current").textContent = `indexing ${e.done} of ${e.total} passages`;
    } else if (e.url && (e.kind === "fetched" || e.kind === "rendered")) {
      $("stat-current").textContent = e.url;
    }
  }

  function stop() {
    if (following) { following.abort(); following = null; }
    if (timer) { clearInterval(timer); timer = null; }
    $("onboard-button").disabled = false;
  }

  function statusOf(agentId) {
    return api("GET", `/v1/agents/${encodeURIComponent(agentId)}/status`);
  }

  function showReady(status) {
    $("agent-id").textContent = agent.agent_id;
    $("embed-code").textContent = agent.embed_code;
    $("demo-link").href = `/demo/${encodeURIComponent(agent.agent_id)}`;
    $("ready-summary").textContent = status
      ? `${status.pages_scraped} pages read, ${status.total_chunks} passages learned`
      : "";
    show("ready");
    $("ready-title").focus();
  }

  async function onDone(e) {
    stop();
    if (e.status === "succeeded") {
      let status = null;
      try { status = await statusOf(agent.agent_id); } catch (err) { status = null; }
      showReady(status);
    } else {
      fail(e.error || "The crawl stopped.", e.hint || "Check the address and try again.");
    }
  }

  function fail(text, hint) {
    stop();
    $("failed-message").textContent = text;
    $("failed-hint").textContent = hint ? `What to do: ${hint}` : "";
    show("failed");
  }

  // Server-sent events from a fetch() body: "event:" and "data:" lines, a blank line ends an
  // event, lines starting with ":" are comments (the server's pings).
  async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let name = "";
    let data = [];
    const line = (text) => {
      if (text === "") {
        if (data.length) onEvent(name || "message", data.join("\n"));
        name = ""; data = [];
      } else if (!text.startsWith(":")) {
        const colon = text.indexOf(":");
        const field = colon < 0 ? text : text.slice(0, colon);
        let value = colon < 0 ? "" : text.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      }
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== "\n" && c !== "\r") continue;
        if (c === "\r" && i + 1 === buffer.length) break;  // "\r\n" may be split across reads
        line(buffer.slice(start, i));
        if (c === "\r" && buffer[i + 1] === "\n") i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
    }
  }

  const HANDLERS = { status: onStatus, progress: onProgress, stage: (e) => setStage(e.stage), done: onDone };

  // Follow the agent's events until "done". A dropped stream is opened again (authFetch brings
  // a fresh access token); the server starts every stream with a full snapshot, so nothing is
  // lost in between.
  async function follow() {
    if (following) following.abort();
    const controller = new AbortController();
    following = controller;
    const url = `/v1/agents/${encodeURIComponent(agent.agent_id)}/events`;
    let failures = 0;
    let finished = false;
    while (!controller.signal.aborted && !finished) {
      try {
        const response = await auth.authFetch(url, {
          headers: { Accept: "text/event-stream" }, signal: controller.signal,
        });
        if (!response.ok) {
          let data = null;
          try { data = await response.json(); } catch (e) { data = null; }
          if (response.status === 401) return;  // signed out: the sign-in form is showing
          if (response.status < 500) {
            fail((data && data.error) || `The server answered ${response.status}.`, data && data.hint);
            return;
          }
          throw new Error(`The server answered ${response.status}.`);
        }
        await readEvents(response.body, (name, text) => {
          let event;
          try { event = JSON.parse(text); } catch (e) { return; }
          failures = 0;
          if (name === "done") finished = true;
          if (HANDLERS[name]) HANDLERS[name](event);
        });
      } catch (err) {
        if (controller.signal.aborted || err.signedOut) return;
      }
      if (finished || controller.signal.aborted) return;
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** failures, 15000)));
    }
  }

  function startProgress(site) {
    $("progress-site").textContent = site;
    setCounts(0, 0);
    setStage("queued");
    $("stat-current").textContent = "starting…";
    startedAt = Date.now();
    tick();
    if (timer) clearInterval(timer);
    timer = setInterval(tick, 1000);
    show("progress");
    follow();
  }

  // The organisation already has an agent for this site: nothing was crawled; show it as it is.
  async function openExisting(site) {
    $("existing-note").textContent = "You already have an agent for this site.";
    $("existing-note").hidden = false;
    let status = null;
    try { status = await statusOf(agent.agent_id); } catch (err) { status = null; }
    $("onboard-button").disabled = false;
    if (status && (status.status === "ready" || status.serving)) showReady(status);
    else startProgress(site);
  }

  async function onboard(event) {
    event.preventDefault();
    const input = $("root-url");
    const value = input.value.trim();
    $("url-error").hidden = true;
    if (!value) {
      $("url-error").textContent = "Please enter your website's address.";
      $("url-error").hidden = false;
      input.focus();
      return;
    }
    stop();  // a stream still followed from an earlier address
    $("existing-note").hidden = true;
    $("onboard-button").disabled = true;
    try {
      agent = await api("POST", "/v1/onboard", { root_url: value });
    } catch (err) {
      $("onboard-button").disabled = false;
      if (err.signedOut) return;
      $("url-error").textContent = message(err);
      $("url-error").hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    sessionId = `onboard-${agent.agent_id}-${Date.now()}`;
    if (agent.existing) openExisting(value);
    else startProgress(value);
  }

  async function cancel() {
    if (!agent) return;
    try { await api("POST", `/v1/agents/${encodeURIComponent(agent.agent_id)}/cancel`); } catch (e) { /* already over */ }
  }

  async function copy() {
    const text = $("embed-code").textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents($("embed-code"));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
    }
    $("copy-status").textContent = "Copied to the clipboard.";
  }

  async function ask(event) {
    event.preventDefault();
    const query = $("question").value.trim();
    if (!query || !agent) return;
    $("ask-button").disabled = true;
    const list = $("answer-sources");
    list.replaceChildren();
    try {
      const reply = await api("POST", `/v1/agents/${encodeURIComponent(agent.agent_id)}/query`,
        { query, session_id: sessionId, include_sources: true });
      $("answer-text").textContent = reply.answer;
      const seen = new Set();
      for (const src of reply.sources || []) {
        const href = safeHttpUrl(src.url);
        if (!href || seen.has(href)) continue;
        seen.add(href);
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = href;
        link.textContent = src.title || href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.className = "source-link";
        item.appendChild(link);
        list.appendChild(item);
      }
      $("answer-sources-title").hidden = seen.size === 0;
    } catch (err) {
      $("answer-text").textContent = message(err);
      $("answer-sources-title").hidden = true;
    } finally {
      $("answer").hidden = false;
      $("ask-button").disabled = false;
    }
  }

  function retry() {
    show(null);
    $("existing-note").hidden = true;
    $("root-url").focus();
    $("root-url").select();
  }

  function signedIn(session) {
    $("account-email").textContent = session.email;
    screen("start");
    $("root-url").focus();
  }

  function showSignIn(notice) {
    stop();
    agent = null;
    $("signin-notice").textContent = notice || "";
    $("signin-notice").hidden = !notice;
    $("signin-error").hidden = true;
    $("signin-password").value = "";
    screen("signin");
    $("signin-email").focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const email = $("signin-email").value.trim();
    const password = $("signin-password").value;
    const error = $("signin-error");
    error.hidden = true;
    if (!email || !password) {
      error.textContent = "Please enter your e-mail address and password.";
      error.hidden = false;
      return;
    }
    $("signin-button").disabled = true;
    try {
      signedIn(await auth.signIn(email, password));
    } catch (err) {
      error.textContent = message(err);
      error.hidden = false;
      $("signin-password").select();
      $("signin-password").focus();
    } finally {
      $("signin-button").disabled = false;
    }
  }

  async function signOut() {
    stop();
    await auth.signOut();
    showSignIn("You have signed out.");
  }

  // Signed in (a stored session refreshes), else the sign-in form, or on a fresh installation
  // the pointer to the setup link.
  async function boot() {
    try {
      const session = await auth.restore();
      if (session) { signedIn(session); return; }
      if (await auth.setupNeeded()) { screen("no-account"); return; }
      showSignIn();
    } catch (err) {
      showSignIn(`Could not reach Acorn: ${message(err)}`);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    auth.onSignedOut((reason) => showSignIn(reason));
    $("signin-form").addEventListener("submit", signIn);
    $("signout-button").addEventListener("click", signOut);
    $("onboard-form").addEventListener("submit", onboard);
    $("cancel-button").addEventListener("click", cancel);
    $("copy-button").addEventListener("click", copy);
    $("ask-form").addEventListener("submit", ask);
    $("retry-button").addEventListener("click", retry);
    boot();
  });
})();
