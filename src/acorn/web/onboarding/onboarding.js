// Acorn onboarding page: paste a URL, watch the crawl live (server-sent events), get the embed
// snippet and try the agent. Everything that came from a crawled site is untrusted: it is only
// ever written with textContent, and links are kept only when they are http(s).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const STAGES = {
    queued: "Waiting to start", starting: "Starting", crawling: "Reading pages",
    extracting: "Understanding pages", indexing: "Building knowledge", generating_faqs: "Finishing up",
    ready: "Ready", failed: "Failed", cancelled: "Cancelled",
  };
  let agent = null;       // {agent_id, embed_code, ...} from POST /v1/onboard
  let source = null;      // the EventSource
  let startedAt = 0;
  let timer = null;
  let sessionId = null;

  function show(section) {
    for (const id of ["progress", "failed", "ready"]) $(id).hidden = id !== section;
  }

  function safeHttpUrl(value) {
    try {
      const url = new URL(value, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const error = new Error((data && data.error) || `The server answered ${response.status}.`);
      error.hint = data && data.hint;
      throw error;
    }
    return data;
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
    if (source) { source.close(); source = null; }
    if (timer) { clearInterval(timer); timer = null; }
    $("onboard-button").disabled = false;
  }

  async function onDone(e) {
    stop();
    if (e.status === "succeeded") {
      let status = null;
      try { status = await api("GET", `/v1/agents/${encodeURIComponent(agent.agent_id)}/status`); } catch (err) { status = null; }
      $("agent-id").textContent = agent.agent_id;
      $("embed-code").textContent = agent.embed_code;
      $("ready-summary").textContent = status
        ? `${status.pages_scraped} pages read, ${status.total_chunks} passages learned`
        : "";
      show("ready");
      $("ready-title").focus();
    } else {
      fail(e.error || "The crawl stopped.", e.hint || "Check the address and try again.");
    }
  }

  function fail(message, hint) {
    stop();
    $("failed-message").textContent = message;
    $("failed-hint").textContent = hint ? `What to do: ${hint}` : "";
    show("failed");
  }

  function listen() {
    const url = `/v1/agents/${encodeURIComponent(agent.agent_id)}/events`;
    source = new EventSource(url);
    const parse = (handler) => (msg) => { try { handler(JSON.parse(msg.data)); } catch (e) { /* ignore */ } };
    source.addEventListener("status", parse(onStatus));
    source.addEventListener("progress", parse(onProgress));
    source.addEventListener("stage", parse((e) => setStage(e.stage)));
    source.addEventListener("done", parse(onDone));
    // On a dropped connection EventSource reconnects by itself; the server starts every stream
    // with a fresh snapshot, so nothing is lost.
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
    $("onboard-button").disabled = true;
    try {
      agent = await api("POST", "/v1/onboard", { root_url: value });
    } catch (err) {
      $("onboard-button").disabled = false;
      $("url-error").textContent = err.hint ? `${err.message} ${err.hint}` : err.message;
      $("url-error").hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    sessionId = `onboard-${agent.agent_id}-${Date.now()}`;
    $("progress-site").textContent = value;
    setCounts(0, 0);
    setStage("queued");
    $("stat-current").textContent = "starting…";
    startedAt = Date.now();
    tick();
    timer = setInterval(tick, 1000);
    show("progress");
    listen();
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
      $("answer-text").textContent = err.hint ? `${err.message} ${err.hint}` : err.message;
      $("answer-sources-title").hidden = true;
    } finally {
      $("answer").hidden = false;
      $("ask-button").disabled = false;
    }
  }

  function retry() {
    show(null);
    $("root-url").focus();
    $("root-url").select();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("onboard-form").addEventListener("submit", onboard);
    $("cancel-button").addEventListener("click", cancel);
    $("copy-button").addEventListener("click", copy);
    $("ask-form").addEventListener("submit", ask);
    $("retry-button").addEventListener("click", retry);
  });
})();
