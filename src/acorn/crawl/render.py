"""JavaScript rendering with Playwright driving the system Chromium.

One browser per crawl job, launched only when the first page needs it, with one context whose
pages are reused. Every request the browser makes (scripts, XHR, frames) is checked by the SSRF
guard and aborted when refused; images, fonts and media are aborted too since only text matters.
Nothing is downloaded at run time: a missing Chromium is reported, never fetched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
from typing import Any

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

    async def render(self, url: str) -> tuple[str, str]:
        """(final URL, rendered HTML) of ``url``."""
        await self._start()
        page = await self._acquire()
        try:
            response = await page.goto(url, wait_until="load", timeout=self.timeout_ms)
            with contextlib.suppress(Exception):
                await page.wait_for_load_state("networkidle", timeout=min(self.timeout_ms, 3000))
            if response is not None and response.status >= 400:
                raise RenderFailed(f"HTTP {response.status} in browser")
            return page.url, await page.content()
        except RenderFailed:
            raise
        except Exception as exc:
            raise RenderFailed(f"render failed: {str(exc).splitlines()[0]}") from None
        finally:
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
