// Open what a visitor can open, then leave a snapshot that holds it: every tab's panel under
// the tab's label as a heading, accordions and <details> open, "show more" clicked once.
// Elements the page's own styles hide are marked `hidden` so extraction skips them (text a
// visitor cannot open, e.g. a block hidden by CSS, is not content). Returns counts.
async (budgetMs) => {
  const deadline = Date.now() + budgetMs;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const settle = () => sleep(80);
  const shown = (el) => !!el && el.isConnected && el.getClientRects().length > 0;
  const label = (el) => (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
  const inHeading = (el) => !!el.closest("h1,h2,h3,h4,h5,h6");
  const counts = { tabs: 0, accordions: 0, details: 0, more: 0 };

  for (const d of document.querySelectorAll("details")) {
    const summary = d.querySelector("summary");
    const name = summary ? label(summary) : "";
    if (name && !inHeading(summary)) { // a summary is not read as text: make it a heading
      const h = document.createElement("h3");
      h.textContent = name;
      d.parentNode.insertBefore(h, d);
    }
    if (!d.open) { d.open = true; counts.details++; }
  }

  // Tabs: click each, keep what its panel shows (frameworks often render a panel only when
  // its tab is chosen, reusing one element for all of them).
  const groups = new Map();
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    if (Date.now() > deadline) break;
    const name = label(tab);
    if (!name) continue;
    const list = tab.closest('[role="tablist"]') || tab.parentElement;
    try { tab.click(); } catch (e) { continue; }
    await settle();
    const id = tab.getAttribute("aria-controls");
    let panel = id ? document.getElementById(id) : null;
    if (id && panel && !shown(panel)) continue; // the page did not open it: not visible
    if (!panel) {
      const near = list && list.parentElement;
      const cands = [...((near || document).querySelectorAll('[role="tabpanel"]'))];
      panel = cands.find(shown) || null;
    }
    if (!panel || !list) continue;
    if (!groups.has(list)) groups.set(list, { panels: new Set(), items: [] });
    const g = groups.get(list);
    g.panels.add(panel);
    g.items.push({ name, html: panel.innerHTML });
  }
  for (const [list, g] of groups) {
    const box = document.createElement("section");
    box.setAttribute("data-acorn-opened", "tabs");
    for (const it of g.items) {
      const h = document.createElement("h3");
      h.textContent = it.name;
      const body = document.createElement("div");
      body.innerHTML = it.html;
      box.append(h, body);
      counts.tabs++;
    }
    list.parentNode.insertBefore(box, list);
    list.remove();
    for (const p of g.panels) p.remove();
  }

  // Accordions and disclosure buttons: open each in place; a button's label is not read as
  // text, so it becomes a heading above its panel unless it already sits in one.
  const toggles = document.querySelectorAll(
    '[aria-expanded="false"][aria-controls]:not([role="tab"])'
  );
  for (const btn of toggles) {
    if (Date.now() > deadline) break;
    if (btn.closest("nav,header,[role=navigation]")) continue;
    const panel = document.getElementById(btn.getAttribute("aria-controls"));
    if (!panel) continue;
    try { btn.click(); } catch (e) { continue; }
    await settle();
    if (!shown(panel)) continue;
    const name = label(btn);
    if (name && !inHeading(btn)) {
      const h = document.createElement("h3");
      h.textContent = name;
      panel.parentNode.insertBefore(h, panel);
    }
    counts.accordions++;
  }

  // "Show more" / "Read more" buttons (not links: a link is a page the crawl follows).
  const more = /^(show|read|see|view|load) (more|all)\b/i;
  for (const btn of document.querySelectorAll('button, [role="button"]:not(a[href])')) {
    if (Date.now() > deadline || counts.more >= 10) break;
    if (!more.test(label(btn)) || !shown(btn)) continue;
    try { btn.click(); } catch (e) { continue; }
    counts.more++;
    await settle();
  }

  for (const el of document.body ? document.body.querySelectorAll("*") : []) {
    const tag = el.tagName;
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "TEMPLATE" || el.hasAttribute("hidden")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") el.setAttribute("hidden", "");
  }
  return counts;
}
