/* Acorn widget: one <script src=".../widget.js" data-agent data-key async> puts the
   receptionist on a page. Plain JavaScript, no build step, no third-party requests.
   Everything renders in a shadow root (the host page's CSS cannot reach it); answers and
   sources are set with textContent, and a link gets an href only for http(s) URLs, because
   scraped text may contain markup. See docs/widget.md. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__acornWidget) return;
  window.__acornWidget = 1;
  var AGENT = me.getAttribute("data-agent") || "";
  var KEY = me.getAttribute("data-key") || "";
  var ORIGIN = new URL(me.src, location.href).origin;
  var API = ORIGIN + "/v1/agents/" + encodeURIComponent(AGENT);
  var SID = "acorn.sid." + AGENT;

  var T = {
    en: ["Chat with us", "Close", "Type your question…", "Send", "Typing…", "Sources",
      "Helpful", "Not helpful", "Thanks for your feedback.", "Hi! How can I help you today?",
      "Sorry, something went wrong. Please try again.",
      "Sorry, the assistant is not available here right now.",
      "Leave your details and we will get back to you.", "Contact me", "Name", "E-mail",
      "Phone", "Message (optional)", "Send details", "Thanks! We will be in touch.",
      "Please enter your name.", "Please enter a valid e-mail address.",
      "Please enter a valid phone number.", "Please give an e-mail address or a phone number.",
      "Talk to us", "Assistant", "Your questions are stored to improve this assistant. Use the microphone?",
      "Allow", "Cancel", "Listening…", "Thinking…", "Speaking…",
      "Sorry, the microphone is not available. You can still type your question.", "Stop"],
    de: ["Chatten Sie mit uns", "Schließen", "Ihre Frage…", "Senden", "Schreibt…", "Quellen",
      "Hilfreich", "Nicht hilfreich", "Danke für Ihr Feedback.",
      "Hallo! Wie kann ich Ihnen helfen?",
      "Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.",
      "Der Assistent ist hier leider gerade nicht verfügbar.",
      "Hinterlassen Sie Ihre Kontaktdaten, wir melden uns.", "Kontakt aufnehmen", "Name",
      "E-Mail", "Telefon", "Nachricht (optional)", "Daten senden",
      "Danke! Wir melden uns bei Ihnen.", "Bitte geben Sie Ihren Namen ein.",
      "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
      "Bitte geben Sie eine gültige Telefonnummer ein.",
      "Bitte geben Sie eine E-Mail-Adresse oder Telefonnummer an.",
      "Sprechen Sie mit uns", "Assistent",
      "Ihre Fragen werden gespeichert, um diesen Assistenten zu verbessern. Mikrofon verwenden?",
      "Erlauben", "Abbrechen", "Hört zu…", "Denkt nach…", "Spricht…",
      "Das Mikrofon ist leider nicht verfügbar. Sie können Ihre Frage weiterhin eintippen.",
      "Stopp"],
    fr: ["Discuter avec nous", "Fermer", "Votre question…", "Envoyer", "Écrit…", "Sources",
      "Utile", "Pas utile", "Merci pour votre avis.", "Bonjour ! Comment puis-je vous aider ?",
      "Désolé, une erreur s'est produite. Veuillez réessayer.",
      "Désolé, l'assistant n'est pas disponible ici pour le moment.",
      "Laissez vos coordonnées, nous vous recontacterons.", "Être recontacté", "Nom",
      "E-mail", "Téléphone", "Message (facultatif)", "Envoyer",
      "Merci ! Nous vous recontacterons.", "Veuillez saisir votre nom.",
      "Veuillez saisir une adresse e-mail valide.",
      "Veuillez saisir un numéro de téléphone valide.",
      "Indiquez une adresse e-mail ou un numéro de téléphone.", "Parler avec nous", "Assistant",
      "Vos questions sont enregistrées pour améliorer cet assistant. Utiliser le micro ?",
      "Autoriser", "Annuler", "À l'écoute…", "Réflexion…", "Parle…",
      "Désolé, le micro n'est pas disponible. Vous pouvez toujours écrire votre question.",
      "Arrêter"],
    es: ["Chatea con nosotros", "Cerrar", "Escribe tu pregunta…", "Enviar", "Escribiendo…",
      "Fuentes", "Útil", "No útil", "Gracias por tu opinión.", "¡Hola! ¿En qué puedo ayudarte?",
      "Lo sentimos, algo salió mal. Inténtalo de nuevo.",
      "Lo sentimos, el asistente no está disponible aquí ahora.",
      "Déjanos tus datos y te contactaremos.", "Contactarme", "Nombre", "Correo electrónico",
      "Teléfono", "Mensaje (opcional)", "Enviar datos", "¡Gracias! Te contactaremos.",
      "Introduce tu nombre.", "Introduce un correo electrónico válido.",
      "Introduce un número de teléfono válido.", "Indica un correo o un teléfono.",
      "Habla con nosotros", "Asistente",
      "Tus preguntas se guardan para mejorar este asistente. ¿Usar el micrófono?",
      "Permitir", "Cancelar", "Escuchando…", "Pensando…", "Hablando…",
      "Lo sentimos, el micrófono no está disponible. Puedes seguir escribiendo tu pregunta.",
      "Detener"]
  };
  var K = ["open", "close", "ph", "send", "typing", "sources", "up", "down", "thanks", "hello",
    "error", "refused", "leadAsk", "leadBtn", "name", "email", "phone", "msg", "submit",
    "leadOk", "needName", "badEmail", "badPhone", "needContact", "voice", "title", "consent",
    "allow", "cancel", "listening", "thinking", "speaking", "noMic", "stop"];
  function strings(lang) {
    var o = {}, a = T[lang] || T.en;
    K.forEach(function (k, i) { o[k] = a[i]; });
    return o;
  }
  var L = strings("en");
  var cfg = {}, refused = false, token = null, tokenExp = 0;

  var CSS = ":host{all:initial}*{box-sizing:border-box;font:inherit;margin:0}" +
    ".w{font:15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f;--c:#2f6f4f}" +
    ".fab{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;" +
    "border:0;background:var(--c);color:#fff;cursor:pointer;box-shadow:0 4px 14px #0004;" +
    "display:flex;align-items:center;justify-content:center;transition:transform .2s}" +
    ".fab:hover{transform:scale(1.06)}.l .fab,.l .p{right:auto;left:20px}" +
    "button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible" +
    "{outline:3px solid #1a73e8;outline-offset:2px}" +
    ".p{position:fixed;bottom:88px;right:20px;width:370px;max-height:min(600px,calc(100vh - 108px));" +
    "display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;" +
    "box-shadow:0 8px 30px #0005;animation:in .18s ease-out}" +
    ".p[hidden]{display:none}@keyframes in{from{opacity:0;transform:translateY(12px)}}" +
    "header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;" +
    "background:var(--c);color:#fff}h2{font-size:16px;font-weight:600}" +
    ".x{background:none;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:2px 6px}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;" +
    "min-height:120px}.m{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;" +
    "overflow-wrap:anywhere}.a{background:#f1f3f4;align-self:flex-start}" +
    ".u{background:var(--c);color:#fff;align-self:flex-end}.e{background:#fdecea;color:#8a1c12}" +
    ".m ul{padding-left:18px;margin-top:6px;font-size:13px}.m a{color:#0b57d0}" +
    ".f{display:flex;gap:4px;margin-top:6px;align-items:center;font-size:13px}" +
    ".f button{border:1px solid #ccc;background:#fff;border-radius:6px;cursor:pointer;padding:2px 8px}" +
    ".f button[aria-pressed=true]{background:var(--c);color:#fff}" +
    ".t{font-size:13px;color:#555;padding:0 14px;min-height:18px}" +
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #eee}" +
    "input,textarea{flex:1;min-width:0;padding:8px 10px;border:1px solid #bbb;border-radius:8px;" +
    "background:#fff;color:#1d1d1f}.b{border:0;border-radius:8px;padding:8px 12px;" +
    "background:var(--c);color:#fff;cursor:pointer}.b:disabled{opacity:.5;cursor:default}" +
    ".g{background:#fff;color:var(--c);border:1px solid var(--c)}" +
    ".lead{flex-direction:column;background:#fafafa}.lead label{font-size:13px;display:flex;" +
    "flex-direction:column;gap:2px}[aria-invalid=true]{border-color:#c5221f}" +
    ".lv{height:3px;margin:0 14px;background:var(--c);transform:scaleX(0);transform-origin:left;" +
    "transition:transform .1s}.lv[hidden]{display:none}.b.g[aria-pressed=true]{background:var(--c);" +
    "color:#fff}.pt{opacity:.6}.k{display:flex;gap:6px;margin-top:6px}" +
    ".err{color:#c5221f;font-size:13px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;" +
    "clip:rect(0 0 0 0)}" +
    "@media (max-width:480px){.p{inset:0;width:auto;max-height:none;border-radius:0}" +
    ".fab{bottom:14px;right:14px}}" +
    "@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // The host element: every property reset with inline !important (which beats any
  // stylesheet rule of the page) and, where the browser has it, lifted into the top layer
  // so no z-index of the page can cover it.
  var host = el("div", { "data-acorn-widget": "" });
  host.style.cssText = "all:initial!important;position:fixed!important;width:0!important;" +
    "height:0!important;overflow:visible!important;z-index:2147483647!important;" +
    "inset:auto 0 0 auto!important;display:block!important;border:0!important;" +
    "padding:0!important;margin:0!important;background:none!important";
  var root = host.attachShadow({ mode: "open" });
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS); // constructed sheets also work under a strict style-src CSP
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    root.appendChild(el("style", {}, CSS));
  }
  var w = el("div", { "class": "w" });
  var fab = el("button", { "class": "fab", type: "button", "aria-expanded": "false",
    "aria-controls": "acorn-p", "aria-label": L.open });
  // Icons are drawn, not emoji (not every system has an emoji font), and built without
  // innerHTML (pages may enforce Trusted Types).
  function svg(d, size) {
    var NS = "http://www.w3.org/2000/svg", i = document.createElementNS(NS, "svg");
    var p = document.createElementNS(NS, "path");
    p.setAttribute("d", d);
    [["width", size], ["height", size], ["viewBox", "0 0 24 24"], ["aria-hidden", "true"],
      ["fill", "currentColor"]].forEach(function (a) { i.setAttribute(a[0], a[1]); });
    i.appendChild(p);
    return i;
  }
  var THUMB = "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 " +
    "6.6 7.6C6.2 7.9 6 8.4 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z";
  fab.appendChild(svg("M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z", "26"));
  w.appendChild(fab);
  root.appendChild(w);
  (document.body || document.documentElement).appendChild(host);
  if (host.showPopover) {
    try { host.setAttribute("popover", "manual"); host.showPopover(); } catch (e) { /* fixed */ }
  }

  function post(path, body, auth) {
    var h = { "Content-Type": "application/json" };
    if (auth) h.Authorization = "Bearer " + auth;
    return fetch(API + path, { method: "POST", headers: h, body: JSON.stringify(body),
      mode: "cors", credentials: "omit" });
  }

  // A refused key or origin fails like a network error (the browser may not read a response
  // without CORS): either way the widget is not available, and says so when opened.
  function loadConfig() {
    return post("/widget-config", { public_key: KEY }).then(function (r) {
      if (!r.ok) throw r.status;
      return r.json();
    }).then(function (c) {
      cfg = c;
      refused = false;
      L = strings(c.language);
      w.style.setProperty("--c", c.color);
      if (c.position === "bottom-left") w.classList.add("l");
      fab.setAttribute("aria-label", L.open);
    }, function () { refused = true; });
  }
  var cfgP = loadConfig();

  function mint() {
    var sid = null;
    try { sid = sessionStorage.getItem(SID); } catch (e) { /* storage blocked */ }
    var body = { public_key: KEY };
    if (sid) body.session_id = sid;
    return post("/token", body).then(function (r) {
      if (!r.ok) throw r.status;
      return r.json();
    }).then(function (t) {
      token = t.token;
      tokenExp = Date.now() + (t.expires_in - 30) * 1000; // re-mint before it expires
      try { sessionStorage.setItem(SID, t.session_id); } catch (e) { /* storage blocked */ }
      return token;
    });
  }
  function auth() { return token && Date.now() < tokenExp ? Promise.resolve(token) : mint(); }
  // A visitor call; a 401 (expired or revoked token) re-mints once and retries.
  function call(path, body, retried) {
    return auth().then(function (t) {
      return post(path, body, t).then(function (r) {
        if (r.status === 401 && !retried) { token = null; return call(path, body, 1); }
        return r;
      });
    });
  }

  var panel, log, status, input, send, mic, lv, built = false, busy = false;

  function build() {
    built = true;
    panel = el("div", { "class": "p", id: "acorn-p", role: "dialog", "aria-labelledby": "acorn-t",
      hidden: "" });
    var head = el("header");
    head.appendChild(el("h2", { id: "acorn-t" }, cfg.name || L.title));
    var x = el("button", { "class": "x", type: "button", "aria-label": L.close }, "×");
    x.onclick = close;
    head.appendChild(x);
    log = el("div", { "class": "log", role: "log", "aria-live": "polite" });
    status = el("div", { "class": "t", role: "status" });
    var form = el("form");
    input = el("input", { type: "text", maxlength: "1000", "aria-label": L.ph,
      placeholder: L.ph, autocomplete: "off" });
    // Shown only when the server says voice is on (cfg.voice); see the voice part below.
    mic = el("button", { "class": "b g", type: "button", "aria-label": L.voice, title: L.voice,
      "aria-pressed": "false" });
    mic.onclick = micPress;
    mic.appendChild(svg("M12 15a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v7a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 " +
      "0H5a7 7 0 0 0 6 6.9V22h2v-3.1a7 7 0 0 0 6-6.9z", "18"));
    mic.hidden = !cfg.voice;
    send = el("button", { "class": "b", type: "submit" }, L.send);
    form.appendChild(input);
    form.appendChild(mic);
    form.appendChild(send);
    form.onsubmit = function (ev) { ev.preventDefault(); ask(); };
    panel.appendChild(head);
    panel.appendChild(log);
    lv = el("div", { "class": "lv", "aria-hidden": "true", hidden: "" });
    panel.appendChild(lv);
    panel.appendChild(status);
    panel.appendChild(form);
    panel.addEventListener("keydown", keys);
    w.appendChild(panel);
    if (refused) {
      say(L.refused, "a e");
      input.disabled = send.disabled = true;
      return;
    }
    say(cfg.greeting || L.hello, "a");
    if (cfg.lead_capture) offerLead();
  }

  function say(text, cls) {
    var m = el("div", { "class": "m " + cls });
    m.appendChild(el("span", {}, text));
    log.appendChild(m);
    log.scrollTop = log.scrollHeight;
    return m;
  }

  function safeUrl(u) {
    try {
      var p = new URL(u, location.href);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
    } catch (e) { return null; }
  }

  function sources(m, list) {
    var ul = el("ul", { "aria-label": L.sources });
    list.slice(0, 3).forEach(function (s) {
      var href = safeUrl(s.url), li = el("li");
      var a = el(href ? "a" : "span", {}, s.title || s.url);
      if (href) { a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; }
      li.appendChild(a);
      ul.appendChild(li);
    });
    if (ul.firstChild) m.appendChild(ul);
  }

  function thumbs(m, turn) {
    var f = el("div", { "class": "f" });
    [[1, L.up], [-1, L.down]].forEach(function (t) {
      var b = el("button", { type: "button", "aria-label": t[1], "aria-pressed": "false" });
      b.appendChild(svg(THUMB, "14"));
      if (t[0] < 0) b.lastChild.style.transform = "rotate(180deg)";
      b.onclick = function () {
        f.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", "true");
        call("/feedback", { turn_id: turn, score: t[0] }).then(function (r) {
          if (r.ok) status.textContent = L.thanks;
        }, function () { /* feedback is best effort */ });
      };
      f.appendChild(b);
    });
    m.appendChild(f);
  }

  function ask() {
    var q = input.value.trim();
    if (!q || busy) return;
    busy = send.disabled = true;
    input.value = "";
    say(q, "u");
    status.textContent = L.typing;
    call("/query", { query: q }).then(function (r) {
      if (!r.ok) throw r.status;
      return r.json();
    }).then(reply).catch(function () {
      say(L.error, "a e");
    }).then(function () {
      busy = send.disabled = false;
      status.textContent = "";
      input.focus();
    });
  }

  function reply(res) { // a typed or spoken question's answer (realtime's is in .text)
    var m = say(res.answer || res.text || "", "a");
    sources(m, res.sources || []);
    if (res.turn_id) thumbs(m, res.turn_id);
    if (!res.answered && !cfg.lead_capture) offerLead();
  }

  function offerLead() {
    if (panel.querySelector(".lead,.lb")) return;
    var b = el("button", { "class": "b g lb", type: "button" }, L.leadBtn);
    var m = say(L.leadAsk, "a");
    m.appendChild(el("br"));
    m.appendChild(b);
    b.onclick = function () { b.remove(); leadForm(); };
  }

  function field(form, name, type, label) {
    var lab = el("label", {}, label);
    var i = el(name === "message" ? "textarea" : "input", { name: name, maxlength: "300" });
    if (type) i.type = type;
    lab.appendChild(i);
    form.appendChild(lab);
    return i;
  }

  function leadForm() {
    var form = el("form", { "class": "lead", novalidate: "" });
    var n = field(form, "name", "text", L.name), e = field(form, "email", "email", L.email);
    var p = field(form, "phone", "tel", L.phone), msg = field(form, "message", null, L.msg);
    n.autocomplete = "name"; e.autocomplete = "email"; p.autocomplete = "tel";
    var err = el("p", { "class": "err", role: "alert", id: "acorn-lead-err" });
    var sub = el("button", { "class": "b", type: "submit" }, L.submit);
    form.appendChild(err);
    form.appendChild(sub);
    log.appendChild(form);
    n.focus();
    form.onsubmit = function (ev) {
      ev.preventDefault();
      var bad = null, digits = p.value.replace(/\D/g, "").length;
      [n, e, p].forEach(function (i) { i.removeAttribute("aria-invalid"); });
      if (!n.value.trim()) bad = [n, L.needName];
      else if (e.value.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.value.trim())) bad = [e, L.badEmail];
      else if (p.value.trim() && (digits < 6 || digits > 15 || /[^\d\s()+./-]/.test(p.value))) bad = [p, L.badPhone];
      else if (!e.value.trim() && !p.value.trim()) bad = [e, L.needContact];
      if (bad) return invalid(bad[0], bad[1]);
      sub.disabled = true;
      var region = (navigator.language || "").split("-")[1];
      var body = { name: n.value, email: e.value || null, phone: p.value || null,
        message: msg.value };
      if (region && /^[A-Z]{2}$/.test(region)) body.region = region;
      call("/leads", body).then(function (r) {
        if (r.status === 422) {
          return r.json().then(function (j) {
            var d = (j.detail && j.detail[0]) || {}, where = (d.loc || [])[1];
            invalid({ email: e, phone: p }[where] || n,
              where === "email" ? L.badEmail : where === "phone" ? L.badPhone : L.needContact);
          });
        }
        if (!r.ok) throw r.status;
        form.remove();
        say(L.leadOk, "a");
      }).catch(function () { err.textContent = L.error; }).then(function () {
        sub.disabled = false;
      });
    };
    function invalid(i, text) {
      i.setAttribute("aria-invalid", "true");
      i.setAttribute("aria-describedby", "acorn-lead-err");
      err.textContent = text;
      i.focus();
    }
  }

  // ---------------------------------------------------------------- voice
  // The mic streams 16 kHz int16 PCM in ~100 ms chunks over WS /v1/realtime (the server finds
  // each turn's end) and the reply's audio chunks play back to back. Without WebSocket or audio
  // processing, or when the socket fails twice, it records with MediaRecorder (stopped by a
  // press or a second of quiet) and uploads to POST .../voice. See docs/widget.md.
  var CONSENT = "acorn.consent." + AGENT;
  var STILL = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  var WK = "registerProcessor('acorn-mic',class extends AudioWorkletProcessor{" +
    "process(i){var c=i[0][0];if(c)this.port.postMessage(c.slice(0));return true}})";
  var V = { st: "", fails: 0, pcm: [], pos: 0, srcs: [], t: 0, gen: 0, pg: 0, played: 0, peak: 0 };

  function state(st) {
    V.st = st;
    mic.setAttribute("aria-pressed", String(!!st));
    mic.setAttribute("data-state", st);
    mic.setAttribute("aria-label", st ? L.stop : L.voice);
    status.textContent = st ? L[st] : "";
    lv.hidden = st !== "listening";
  }

  function micPress() {
    if (V.st === "speaking") { // barge-in
      if (V.up) return stop();
      hush();
      V.mute = true; // the rest of this reply
      return state("listening");
    }
    if (V.st) return V.rec && V.rec.state === "recording" ? V.rec.stop() : stop();
    var ok = null;
    try { ok = sessionStorage.getItem(CONSENT); } catch (e) { /* storage blocked */ }
    if (ok) return start();
    if (panel.querySelector(".k")) return;
    var m = say(cfg.consent_text || L.consent, "a"), k = el("div", { "class": "k" });
    var yes = el("button", { "class": "b", type: "button" }, L.allow);
    var no = el("button", { "class": "b g", type: "button" }, L.cancel);
    k.appendChild(yes);
    k.appendChild(no);
    m.appendChild(k);
    yes.focus();
    yes.onclick = function () {
      try { sessionStorage.setItem(CONSENT, "1"); } catch (e) { /* asked again next page */ }
      k.remove();
      mic.focus();
      start();
    };
    no.onclick = function () { m.remove(); input.focus(); };
  }

  function start() {
    var md = navigator.mediaDevices, C = window.AudioContext || window.webkitAudioContext;
    if (!V.ctx && C) V.ctx = new C(); // made within the press, so it may play
    if (V.ctx && V.ctx.state === "suspended") V.ctx.resume();
    V.on = true;
    V.up = false;
    var gen = ++V.gen;
    state("listening");
    if (!md || !md.getUserMedia) return noMic();
    md.getUserMedia({ audio: true }).then(function (st) {
      if (gen !== V.gen) return st.getTracks().forEach(function (t) { t.stop(); });
      V.stream = st;
      return tap(st).then(function (live) {
        if (gen !== V.gen) return;
        if (live && window.WebSocket && V.fails < 2) connect(); else record();
      });
    }, noMic);
  }

  function noMic() { say(L.noMic, "a e"); stop(); input.focus(); }

  // PCM from the mic: an AudioWorklet (its code from a blob: URL), else a ScriptProcessor
  // where the page's CSP forbids that; resolves to whether samples flow.
  function tap(st) {
    var c = V.ctx;
    if (!c) return Promise.resolve(false);
    var src = c.createMediaStreamSource(st);
    function hook(n) { src.connect(n); n.connect(c.destination); V.nodes = [src, n]; return true; }
    function old() {
      if (!c.createScriptProcessor) return false;
      var n = c.createScriptProcessor(2048, 1, 1);
      n.onaudioprocess = function (e) { feed(e.inputBuffer.getChannelData(0)); };
      return hook(n);
    }
    if (!c.audioWorklet || !window.AudioWorkletNode) return Promise.resolve(old());
    V.wk = V.wk || c.audioWorklet.addModule(
      URL.createObjectURL(new Blob([WK], { type: "text/javascript" })));
    return V.wk.then(function () {
      var n = new AudioWorkletNode(c, "acorn-mic");
      n.port.onmessage = function (e) { feed(e.data); };
      return hook(n);
    }).catch(old);
  }

  // Downsampled to 16 kHz (each sample the mean of its span of input samples).
  function feed(x) {
    var r = V.ctx.sampleRate / 16000, e = 0, i, j, n, v;
    for (i = 0; i < x.length; i++) e += x[i] * x[i];
    V.peak = Math.max(V.peak, Math.sqrt(e / x.length));
    for (; V.pos < x.length; V.pos += r) {
      for (v = 0, n = 0, j = V.pos | 0; j < Math.min(x.length, V.pos + r); j++, n++) v += x[j];
      V.pcm.push(Math.max(-1, Math.min(1, v / (n || 1))) * 32767);
    }
    V.pos -= x.length;
    if (V.pcm.length >= 1600) flush();
  }

  function flush() {
    var b = new DataView(new ArrayBuffer(V.pcm.length * 2)), s = "", u, i, e = V.peak;
    V.pcm.forEach(function (v, k) { b.setInt16(k * 2, v, true); });
    V.pcm = [];
    V.peak = 0;
    u = new Uint8Array(b.buffer);
    for (i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
    if (V.ws && V.ready) V.ws.send(JSON.stringify({ type: "audio_chunk", data: btoa(s) }));
    lv.style.transform = STILL ? "none" : "scaleX(" + Math.min(1, e * 8) + ")";
    if (STILL) lv.style.opacity = e > 0.02 ? "1" : ".3";
    if (V.rec) { // the upload's end of turn: speech, then a second of quiet
      if (e > 0.02) { V.loud = 1; V.quiet = 0; }
      else if (V.loud && (V.quiet += 100) >= 1000 && V.rec.state === "recording") V.rec.stop();
    }
  }

  function connect() {
    var gen = V.gen;
    auth().then(function (t) {
      if (gen !== V.gen) return;
      var ws = V.ws = new WebSocket(ORIGIN.replace(/^http/, "ws") + "/v1/realtime/" +
        encodeURIComponent(AGENT) + "?format=mp3&key=" + encodeURIComponent(t));
      V.ready = false;
      ws.onopen = function () {
        ws.send(JSON.stringify({ type: "start", format: "pcm16", sample_rate: 16000 }));
      };
      ws.onmessage = function (e) { if (ws === V.ws) heard(JSON.parse(e.data)); };
      ws.onclose = function (e) { if (ws === V.ws) retry(e.code); };
    }).catch(function () { if (gen === V.gen) retry(0); });
  }

  // 4401/4440: the token was refused or expired, mint a new one; 4403/4404: not here.
  function retry(code) {
    var gen = V.gen;
    V.ws = null;
    if (code === 4403 || code === 4404) { say(L.refused, "a e"); return stop(); }
    if (code === 4401 || code === 4440) token = null;
    if (code !== 4440 && ++V.fails >= 2 && !V.ok) return record();
    if (V.fails > 6) { say(L.error, "a e"); return stop(); }
    setTimeout(function () { if (gen === V.gen) connect(); }, 300 * Math.pow(2, V.fails));
  }

  function heard(m) {
    var t = m.type;
    if (t === "ready") {
      V.ready = V.ok = true;
      V.fails = 0;
    } else if (t === "speech_started" || t === "interrupt") {
      hush();
      state("listening");
    } else if (t === "partial_transcript") {
      partial(m.text);
    } else if (t === "transcript") {
      V.mute = false;
      partial("");
      if (m.text) say(m.text, "u");
      state("thinking");
    } else if (t === "answer") {
      reply(m);
    } else if (t === "audio_chunk" && !V.mute) {
      play(m.data);
    } else if (t === "done" && V.st === "thinking") {
      state("listening");
    }
  }

  function partial(text) {
    if (V.pt) V.pt.remove();
    V.pt = text ? say(text, "u pt") : null;
  }

  // Each chunk decoded in order and scheduled right after the one before.
  function play(b64) {
    var c = V.ctx, pg = V.pg, bin = atob(b64), u = new Uint8Array(bin.length), i;
    for (i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    V.chain = (V.chain || Promise.resolve()).then(function () {
      return c.decodeAudioData(u.buffer);
    }).then(function (buf) {
      if (pg !== V.pg) return;
      var s = c.createBufferSource(), at = Math.max(c.currentTime + 0.05, V.t);
      s.buffer = buf;
      s.connect(c.destination);
      s.start(at);
      V.t = at + buf.duration;
      V.srcs.push(s);
      s.onended = function () {
        V.srcs = V.srcs.filter(function (x) { return x !== s; });
        if (!V.srcs.length && V.st === "speaking") state("listening");
      };
      w.setAttribute("data-played", ++V.played); // a test hook: chunks started
      state("speaking");
    }, function () { /* an undecodable chunk is skipped */ });
  }

  function hush() {
    var s = V.srcs;
    V.pg++;
    V.t = 0;
    V.srcs = [];
    s.forEach(function (x) { try { x.stop(); } catch (e) { /* not started */ } });
    if (V.au) { V.au.pause(); V.au = null; }
  }

  function release() {
    (V.nodes || []).forEach(function (n) { n.disconnect(); });
    if (V.stream) V.stream.getTracks().forEach(function (t) { t.stop(); });
    V.nodes = V.stream = null;
    V.pcm = [];
  }

  function stop() {
    var ws = V.ws;
    V.gen++;
    V.ws = V.rec = null;
    if (ws) ws.close();
    hush();
    release();
    partial("");
    state("");
  }

  function record() {
    var ws = V.ws, gen = V.gen, parts = [], rec;
    V.up = true;
    V.ws = null;
    if (ws) ws.close();
    if (!window.MediaRecorder || !V.stream) return noMic();
    rec = V.rec = new MediaRecorder(V.stream);
    V.loud = V.quiet = 0;
    rec.ondataavailable = function (e) { parts.push(e.data); };
    rec.onstop = function () {
      if (gen !== V.gen) return;
      var fd = new FormData();
      fd.append("audio", new Blob(parts, { type: rec.mimeType || "audio/webm" }), "question");
      V.rec = null;
      release();
      state("thinking");
      auth().then(function (t) {
        return fetch(API + "/voice?format=mp3", { method: "POST", body: fd, mode: "cors",
          credentials: "omit", headers: { Authorization: "Bearer " + t } });
      }).then(function (r) {
        if (!r.ok) throw r.status;
        return r.json();
      }).then(function (res) {
        if (gen !== V.gen) return;
        if (!res.transcript || !res.audio_url) return stop();
        say(res.transcript, "u");
        reply(res);
        var a = V.au = new Audio(ORIGIN + res.audio_url);
        a.onended = function () { if (V.au === a) stop(); };
        a.onplaying = function () { w.setAttribute("data-played", ++V.played); };
        state("speaking");
        return a.play();
      }).catch(function () { if (gen === V.gen) { say(L.error, "a e"); stop(); } });
    };
    rec.start();
    setTimeout(function () { if (rec.state === "recording") rec.stop(); }, 30000);
    state("listening");
  }

  function keys(ev) {
    if (ev.key === "Escape") { ev.preventDefault(); close(); return; }
    if (ev.key !== "Tab") return;
    var f = Array.prototype.filter.call(
      panel.querySelectorAll("button,input,textarea,a[href]"),
      function (x) { return !x.disabled && !x.hidden && x.offsetParent !== null; });
    if (!f.length) return;
    var first = f[0], last = f[f.length - 1], at = root.activeElement;
    if (ev.shiftKey && at === first) { ev.preventDefault(); last.focus(); }
    else if (!ev.shiftKey && at === last) { ev.preventDefault(); first.focus(); }
  }

  function open() {
    if (refused && !built) cfgP = loadConfig(); // once more: it may have been a network blip
    Promise.race([cfgP, new Promise(function (r) { setTimeout(r, 3000); })]).then(function () {
      if (!built) build();
      panel.hidden = false;
      fab.setAttribute("aria-expanded", "true");
      fab.setAttribute("aria-label", L.close);
      if (!refused && !token) mint().catch(function () { /* shown on the first question */ });
      (input.disabled ? panel.querySelector(".x") : input).focus();
    });
  }

  function close() {
    if (V.st) stop();
    panel.hidden = true;
    fab.setAttribute("aria-expanded", "false");
    fab.setAttribute("aria-label", L.open);
    fab.focus();
  }

  fab.onclick = function () { if (built && !panel.hidden) close(); else open(); };
})();
