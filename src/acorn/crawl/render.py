"""JavaScript rendering with Playwright driving the system Chromium.

One browser per crawl job, launched only when the first page needs it, with one context whose
pages are reused. Every request the browser makes (scripts, XHR, frames) is checked by the SSRF
guard and aborted when refused; images, fonts and media are aborted too since only text matters.
Nothing is downloaded at run time: a missing Chromium is reported, never fetched.

A page is read as a visitor would see it once it has settled: the network idle and the DOM
quiet for a moment (scripts that fill a footer from a JSON file run after ``load``), within a
bounded budget per page. Then every tab, accordion and ``<details>`` is opened and each tab's
panel kept under its label as a heading (``js/open_panels.js``), since the snapshot is one HTML
document and a menu's lunch tab may exist only once clicked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from acorn.config import Settings
from acorn.crawl.safety import UrlGuard
from acorn.errors import AcornError

log = logging.getLogger(__name__)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SKIPPED_RESOURCES = frozenset({"image", "font", "media", "stylesheet"})
MAX_PAGES_OPEN = 2
SETTLE_SECONDS = 4.0  # at most this long per page for the network and DOM to go quiet
QUIET_MS = 300  # the DOM is settled after this long without a change
PANELS_SECONDS = 4.0  # at most this long per page opening tabs and accordions
OPEN_PANELS_JS = "\n".join(  # its header comment stays in the file, out of the expression
    line
    for line in (Path(__file__).parent / "js" / "open_panels.js").read_text("utf-8").splitlines()
    if not line.startswith("//")
)
# Resolves once the document has gone QUIET_MS without a mutation, or after the budget.
DOM_QUIET_JS = """([quietMs, budgetMs]) => new Promise((done) => {
  const end = Date.now() + budgetMs;
  let last = Date.now();
  const seen = new MutationObserver(() => { last = Date.now(); });
  seen.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  const tick = () => {
    if (Date.now() - last >= quietMs || Date.now() >= end) { seen.disconnect(); done(true); }
    else setTimeout(tick, 50);
  };
  tick();
})"""
# In-app navigation: click the app's own link to the target, else push the route and tell the
# router (single-page apps listen to popstate). True when a link was clicked.
FOLLOW_JS = """(target) => {
  const want = new URL(target, location.href).href;
  const link = [...document.querySelectorAll("a[href]")].find((a) => a.href === want);
  if (link) { link.click(); return true; }
  history.pushState(null, "", want);
  window.dispatchEvent(new PopStateEvent("popstate", {state: null}));
  return false;
}"""


@dataclass(slots=True)
class Rendered:
    """A page as the browser left it: the final URL, the snapshot, the HTTP status."""

    url: str
    html: str
    status: int = 200
    opened: dict[str, int] = field(default_factory=dict)  # tabs/accordions/details/more opened


class RenderUnavailable(Exception):
    """The browser cannot be used in this job (not installed, fails to start)."""


class RenderFailed(Exception):
    """This one page could not be rendered."""


class Renderer:
    def __init__(self, settings: Settings, guard: UrlGuard, *, timeout_seconds: float) -> None:
        self.settings = settings
        self.guard = guard
        self.timeout_ms = timeout_seconds * 1000
        self.blocked: list[tuple[str, str]] = []  # (url, reason) of refused sub-requests
        self._lock = asyncio.Lock()
        self._pw: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._pages: asyncio.Queue[Any] = asyncio.Queue()
        self._open = 0
        self._broken: str | None = None

    async def _start(self) -> None:
        async with self._lock:
            if self._broken:
                raise RenderUnavailable(self._broken)
            if self._context is not None:
                return
            path = self.settings.chromium_path
            if not (os.path.isfile(path) or shutil.which(path)):
                self._broken = (
                    f"Chromium not found at {path} (install the 'chromium' package or set "
                    "ACORN_CHROMIUM_PATH)"
                )
                raise RenderUnavailable(self._broken)
            try:
                from playwright.async_api import async_playwright

                self._pw = await async_playwright().start()
                self._browser = await self._pw.chromium.launch(
                    executable_path=path, args=CHROMIUM_ARGS, headless=True
                )
                self._context = await self._browser.new_context(
                    user_agent=self.settings.user_agent, java_script_enabled=True
                )
                await self._context.route("**/*", self._route)
            except Exception as exc:  # playwright raises its own Error types
                self._broken = f"Chromium failed to start: {exc}"
                await self.close()
                raise RenderUnavailable(self._broken) from None

    async def _route(self, route: Any) -> None:
        request = route.request
        url: str = request.url
        if request.resource_type in SKIPPED_RESOURCES:
            await route.abort("blockedbyclient")
            return
        if url.startswith(("http://", "https://")):
            try:
                await self.guard.check(url)
            except AcornError as exc:
                self.blocked.append((url, exc.message))
                await route.abort("blockedbyclient")
                return
        await route.continue_()

    async def render(self, url: str, *, accept_error: bool = False) -> Rendered:
        """``url`` rendered, settled and with its panels opened. An HTTP error status raises
        RenderFailed unless ``accept_error`` (a single-page app's deep link that a static host
        answers with its 404 page but the app renders)."""
        async with self._page() as page:
            response = await page.goto(url, wait_until="load", timeout=self.timeout_ms)
            status = response.status if response is not None else 200
            if status >= 400 and not accept_error:
                raise RenderFailed(f"HTTP {status} in browser")
            await self._settle(page)
            return await self._snapshot(page, status)

    async def render_in_app(self, entry: str, target: str) -> Rendered:
        """``target`` as the app at ``entry`` shows it when a visitor follows its link there:
        for single-page apps whose deep links a static host answers with 404."""
        async with self._page() as page:
            response = await page.goto(entry, wait_until="load", timeout=self.timeout_ms)
            if response is not None and response.status >= 400:
                raise RenderFailed(f"HTTP {response.status} in browser for {entry}")
            await self._settle(page)
            await page.evaluate(FOLLOW_JS, target)
            await self._settle(page)
            if urlsplit(page.url).path.rstrip("/") != urlsplit(target).path.rstrip("/"):
                raise RenderFailed(f"the app did not go to {target} (stayed at {page.url})")
            return await self._snapshot(page, 200)

    @contextlib.asynccontextmanager
    async def _page(self) -> AsyncIterator[Any]:
        """A browser tab from the pool, given back afterwards; anything Playwright raises
        becomes RenderFailed with its first line."""
        await self._start()
        page = await self._acquire()
        try:
            yield page
        except RenderFailed:
            raise
        except Exception as exc:
            raise RenderFailed(f"render failed: {str(exc).splitlines()[0]}") from None
        finally:
            await self._release(page)

    async def _settle(self, page: Any) -> None:
        budget = min(self.timeout_ms, SETTLE_SECONDS * 1000)
        with contextlib.suppress(Exception):
            await page.wait_for_load_state("networkidle", timeout=budget)
        with contextlib.suppress(Exception):
            await page.evaluate(DOM_QUIET_JS, [QUIET_MS, budget])

    async def _snapshot(self, page: Any, status: int) -> Rendered:
        opened: dict[str, int] = {}
        try:
            opened = await page.evaluate(OPEN_PANELS_JS, PANELS_SECONDS * 1000)
        except Exception as exc:  # a page's own script errors must not lose the page
            log.debug("opening panels of %s failed: %s", page.url, exc)
        return Rendered(page.url, await page.content(), status, opened or {})

    async def _release(self, page: Any) -> None:
        with contextlib.suppress(Exception):
            await page.goto("about:blank")
        self._pages.put_nowait(page)

    async def _acquire(self) -> Any:
        if self._pages.empty() and self._open < MAX_PAGES_OPEN:
            self._open += 1
            return await self._context.new_page()
        return await self._pages.get()

    async def close(self) -> None:
        """Close everything; safe to call twice and when nothing was started."""
        for attr in ("_context", "_browser"):
            obj = getattr(self, attr)
            setattr(self, attr, None)
            if obj is not None:
                with contextlib.suppress(Exception):
                    await obj.close()
        if self._pw is not None:
            pw, self._pw = self._pw, None
            with contextlib.suppress(Exception):
                await pw.stop()
