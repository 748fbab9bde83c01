"""The crawl job: root checks, robots, sitemaps, then a pool of workers over a breadth-first
frontier, yielding :class:`CrawlEvent` s as it goes.

Problems with the *root* raise (the user typed something we cannot crawl: InvalidURL,
BlockedURL, FetchFailed, RobotsDisallowed). Problems with any other page become SKIPPED or
FAILED events with a reason, and the crawl carries on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from urllib.parse import urljoin

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.dedupe import ContentDeduper
from acorn.crawl.fetch import Fetched, Fetcher, PageFailed, PageSkipped
from acorn.crawl.frontier import Frontier
from acorn.crawl.html import PageSignals, decode_html, read_page
from acorn.crawl.links import LinkRules
from acorn.crawl.needs_render import RenderDecision, decide
from acorn.crawl.pace import Pace, left_out_note, pace_for
from acorn.crawl.priority import link_rank
from acorn.crawl.render import Rendered, Renderer, RenderFailed, RenderUnavailable
from acorn.crawl.robots import RobotsPolicy, load_robots, parse_robots_directives
from acorn.crawl.safety import UrlGuard, validate_root_url
from acorn.crawl.scheme import reachable_root
from acorn.crawl.sitemaps import collect_sitemap_urls
from acorn.crawl.types import CrawlEvent, EventKind, FetchedPage
from acorn.crawl.urls import normalize_url, site_of, url_key
from acorn.errors import BlockedURL, FetchFailed, RobotsDisallowed

log = logging.getLogger(__name__)

MIN_WORDS_TO_DEDUPE = 5


class Crawler:
    """``Crawler(settings, config).run(url)`` crawls one site; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        config: ScrapingConfig,
        override_robots: bool = False,
        *,
        backoff_base: float = 0.5,
        owner_verified: bool = False,
    ) -> None:
        self.settings = settings
        self.config = config
        self.override_robots = override_robots
        self.backoff_base = backoff_base
        self.owner_verified = owner_verified  # the owner proved the site theirs: no Crawl-delay

    async def run(self, root_url: str) -> AsyncIterator[CrawlEvent]:
        root = validate_root_url(root_url)
        events: asyncio.Queue[CrawlEvent | None] = asyncio.Queue()
        job = _CrawlJob(self, root, events)
        task = asyncio.create_task(job.execute(), name=f"crawl {root}")
        try:
            while True:
                event = await events.get()
                if event is None:
                    break
                yield event
            await task  # re-raises a root error
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task


class _CrawlJob:
    """State of one run; lives as long as the job's task."""

    def __init__(self, crawler: Crawler, root: str, events: asyncio.Queue[CrawlEvent | None]):
        self.settings = crawler.settings
        self.config = crawler.config
        self.override_robots = crawler.override_robots
        self.owner_verified = crawler.owner_verified
        self.root = root
        self.events = events
        self.guard = UrlGuard(crawler.settings)
        self.fetcher = Fetcher(
            crawler.settings, crawler.config, self.guard, backoff_base=crawler.backoff_base
        )
        self.renderer = Renderer(
            crawler.settings, self.guard, timeout_seconds=crawler.config.timeout_seconds
        )
        self.frontier = Frontier()
        self.deduper = ContentDeduper()
        self.links = LinkRules(
            root,
            crawler.config,
            self.guard,
            RobotsPolicy(self.settings.user_agent),
            obey_robots=self.config.respect_robots_txt and not self.override_robots,
        )
        self.kept_keys: set[str] = set()
        self.known_links: set[str] = set()  # normalised links already handled
        self.discovered = 0
        self.kept = 0
        self.in_flight = 0
        self.slots = asyncio.Condition()
        self.render_note_sent = False
        self.left_out: list[str] = []  # queued pages max_pages left unread, in queue order
        self.pace = Pace(crawler.config.delay_seconds, "")
        self.site_render: RenderDecision | None = None  # from the entry page, see _decide

    # ------------------------------------------------------------------ events

    def emit(self, kind: EventKind, url: str = "", reason: str = "", depth: int = 0, **kw) -> None:
        self.events.put_nowait(
            CrawlEvent(
                kind,
                url=url,
                reason=reason,
                depth=depth,
                discovered=self.discovered,
                fetched=self.kept,
                **kw,
            )
        )

    # ------------------------------------------------------------------ the job

    async def execute(self) -> None:
        try:
            async with contextlib.AsyncExitStack() as stack:
                stack.push_async_callback(self.fetcher.aclose)
                stack.push_async_callback(self.renderer.close)
                await self._crawl()
        finally:
            self.events.put_nowait(None)

    async def _crawl(self) -> None:
        started = time.monotonic()
        await self.guard.check(self.root)
        self.root, note = await reachable_root(self.fetcher, self.root)
        if note:
            self.links.site = site_of(self.root)
        await self._load_robots(self.root)
        if self.override_robots:
            ignored = "robots.txt ignored at the site owner's request (--ignore-robots)"
            log.warning("%s: %s", self.root, ignored)
            note = f"{note}; {ignored}" if note else ignored
        self.emit(EventKind.STARTED, self.root, note)
        self._note_pace()  # before the first slow request, so the owner knows why at once
        self.frontier.mark(self.root)
        self.discovered = 1
        self.emit(EventKind.DISCOVERED, self.root)
        self.kept += await self._process(self.root, 0, is_root=True)

        remaining = self.config.job_deadline_seconds - (time.monotonic() - started)
        reason = ""
        workers: list[asyncio.Task[None]] = []
        try:
            async with asyncio.timeout(max(remaining, 0.001)):
                if self.config.use_sitemaps and self.config.max_depth >= 1:
                    await self._seed_from_sitemaps()
                workers = [
                    asyncio.create_task(self._worker(), name=f"crawl worker {i}")
                    for i in range(self.config.concurrency)
                ]
                await self.frontier.join()
        except TimeoutError:
            reason = f"job deadline of {self.config.job_deadline_seconds:g}s reached"
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        if not reason and self.kept >= self.config.max_pages:
            reason = f"max_pages ({self.config.max_pages}) reached"
        self._note_left_out()
        self.emit(EventKind.FINISHED, self.root, reason)

    async def _load_robots(self, origin: str) -> None:
        robots = self.links.robots = await load_robots(
            self.fetcher, origin, self.settings.user_agent
        )
        if robots.note:
            log.info("%s: %s", origin, robots.note)
        if not self.links.robots_allow(origin):
            raise RobotsDisallowed(
                f"robots.txt of {origin} does not allow crawling it.",
                hint="Acorn respects robots.txt. If this is your own site, re-run with "
                "--ignore-robots (or set respect_robots_txt to false for the agent).",
            )
        self.pace = pace_for(
            self.config.delay_seconds,
            robots.crawl_delay if self.config.obey_crawl_delay else None,
            obey_robots=self.links.obey_robots,
            owner_verified=self.owner_verified,
        )
        self.fetcher.throttle.delay = self.pace.delay

    def _eta(self, kept: int) -> float | None:
        return self.pace.eta(min(self.discovered, self.config.max_pages) - kept)

    def _note_pace(self) -> None:
        note = self.pace.note(self.config.max_pages)
        if note:
            eta = self.pace.eta(self.config.max_pages)
            self.emit(EventKind.NOTE, self.root, note, eta_seconds=eta)

    def _note_left_out(self) -> None:
        note = left_out_note(self.config.max_pages, self.left_out)
        if note:
            self.emit(EventKind.NOTE, self.root, note)

    async def _seed_from_sitemaps(self) -> None:
        candidates = [*self.links.robots.sitemaps, urljoin(self.root, "/sitemap.xml")]
        candidates = list(dict.fromkeys(u for c in candidates if (u := normalize_url(c))))
        limit = max(self.config.max_pages * 4, 200)
        result = await collect_sitemap_urls(
            self.fetcher, candidates, accept=self.links.same_site, limit=limit
        )
        for sitemap_url, problem in result.notes:
            log.info("sitemap %s: %s", sitemap_url, problem)
        for url in result.urls:
            self._enqueue(url, 1, priority=result.priority.get(url))

    async def _worker(self) -> None:
        while True:
            url, depth = await self.frontier.pop()
            try:
                async with self.slots:
                    await self.slots.wait_for(
                        lambda: (
                            self.kept + self.in_flight < self.config.max_pages
                            or self.kept >= self.config.max_pages
                        )
                    )
                    if self.kept >= self.config.max_pages:
                        self.left_out.append(url)
                        continue
                    self.in_flight += 1
                kept = False
                try:
                    kept = await self._process(url, depth)
                except Exception as exc:  # a bug on one page must not end the crawl
                    log.exception("crawling %s failed", url)
                    self.emit(EventKind.FAILED, url, f"internal error: {exc!r}", depth)
                finally:
                    async with self.slots:
                        self.in_flight -= 1
                        self.kept += kept
                        self.slots.notify_all()
            finally:
                self.frontier.done()

    # ------------------------------------------------------------------ links

    def _enqueue(self, url: str, depth: int, text: str = "", priority: float | None = None) -> None:
        if url in self.known_links or depth > self.config.max_depth:
            return
        self.known_links.add(url)
        if not self.frontier.mark(url):
            return
        reason = self.links.refusal(url)
        if reason:
            self.emit(EventKind.SKIPPED, url, reason, depth)
            return
        self.discovered += 1
        self.emit(EventKind.DISCOVERED, url, depth=depth)
        self.frontier.push(url, depth, link_rank(url, depth, text, priority))

    # ------------------------------------------------------------------ one page

    async def _process(self, url: str, depth: int, *, is_root: bool = False) -> bool:
        """Fetch, render if needed, dedupe and emit one page; True when it was kept."""
        fetched = await self._fetch(url, depth, is_root)
        if fetched is None:
            return False
        final = fetched.url
        if is_root and not self.links.same_site(final):
            # The address the user typed moved (old domain → new): crawl the new site.
            self.links.site = site_of(final)
            self.root = final
            await self._load_robots(final)
        if url_key(final) != url_key(url):
            if self.frontier.seen(final) and not is_root:
                self.emit(EventKind.SKIPPED, url, f"duplicate: redirects to {final}", depth)
                return False
            self.frontier.mark(final)  # so links to the redirect target are not fetched again

        html = decode_html(fetched.body, fetched.headers.get("content-type"))
        signals = read_page(html)
        header_noindex, header_nofollow = parse_robots_directives(
            fetched.headers.get("x-robots-tag", "")
        )
        rendered = False
        mode = self.config.render_js
        site_render = self.site_render is not None and self.site_render.render_all
        if fetched.status >= 400:  # an app's deep link, see _fetch
            in_app = await self._render_in_app(final, depth)
            if in_app is None:
                return False
            html, signals, rendered = in_app.html, read_page(in_app.html), True
        elif is_root and mode != "never":
            html, signals, rendered = await self._decide(final, depth, html, signals)
        elif mode == "always" or (mode == "auto" and (site_render or signals.render_reason)):
            html, signals, rendered = await self._render(final, depth, html, signals)
        noindex = signals.noindex or header_noindex
        nofollow = signals.nofollow or header_nofollow

        canonical = self.links.canonical(signals, final)
        if (
            canonical is not None
            and url_key(canonical) != url_key(final)
            and url_key(canonical) not in self.kept_keys
        ):
            self.frontier.mark(canonical)
            final = canonical
        # A canonical that names an already kept page is left to the content check below:
        # themes that point every page's canonical at the home page are common.
        key = url_key(final)
        if key in self.kept_keys:
            self.emit(EventKind.SKIPPED, url, f"duplicate of {final}", depth)
            return False
        if not noindex and signals.text.count(" ") + 1 >= MIN_WORDS_TO_DEDUPE:
            original = self.deduper.duplicate_of(final, signals.text)
            if original is not None:
                self.emit(EventKind.SKIPPED, url, f"duplicate content of {original}", depth)
                return False
        self.kept_keys.add(key)

        if not nofollow and depth < self.config.max_depth:
            for link, text in self.links.labelled_links(signals, fetched.url):
                self._enqueue(link, depth + 1, text)

        page = FetchedPage(
            url=final,
            requested_url=url,
            status=fetched.status,
            html=html,
            depth=depth,
            content_type=fetched.content_type,
            headers=fetched.headers,
            rendered=rendered,
            noindex=noindex,
            nofollow=nofollow,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
            content_hash=signals.content_hash,
            elapsed_ms=fetched.elapsed_ms,
        )
        kind = EventKind.RENDERED if rendered else EventKind.FETCHED
        self.events.put_nowait(
            CrawlEvent(
                kind,
                url=final,
                depth=depth,
                page=page,
                discovered=self.discovered,
                fetched=self.kept + 1,
                eta_seconds=self._eta(self.kept + 1),
            )
        )
        return True

    async def _fetch(self, url: str, depth: int, is_root: bool) -> Fetched | None:
        try:
            return await self.fetcher.fetch(
                url, check_hop=None if is_root else self.links.hop_refusal
            )
        except PageSkipped as exc:
            if is_root:
                raise FetchFailed(
                    f"Cannot crawl {url}: {exc.reason}.",
                    hint="Give the address of the site's home page (an HTML page).",
                ) from None
            self.emit(EventKind.SKIPPED, url, exc.reason, depth)
        except PageFailed as exc:
            app = self.site_render is not None and self.site_render.app
            if app and exc.status == 404 and not is_root:
                # A static host answers a single-page app's deep link with its 404 page while
                # the app renders it: the page is read inside the browser (see _process).
                return Fetched(url, 404, {}, b"", "text/html", 0.0)
            if is_root:
                raise FetchFailed(
                    f"Could not fetch {url}: {exc.reason}.",
                    hint="Check that the address opens in a browser, then try again.",
                ) from None
            self.emit(EventKind.FAILED, url, exc.reason, depth)
        except BlockedURL as exc:
            if is_root:
                raise
            self.emit(EventKind.SKIPPED, url, f"refused address: {exc.message}", depth)
        except FetchFailed as exc:
            if is_root:
                raise
            self.emit(EventKind.FAILED, url, exc.message, depth)
        return None

    async def _decide(
        self, url: str, depth: int, html: str, signals: PageSignals
    ) -> tuple[str, PageSignals, bool]:
        """Render the entry page, compare it with its static HTML and decide for the whole
        site (see :mod:`acorn.crawl.needs_render`); the decision goes to the job log."""
        always = self.config.render_js == "always"
        if not signals.scripted:
            if not always:
                self.emit(EventKind.NOTE, url, "render: the entry page runs no script", depth)
                return html, signals, False
            return await self._render(url, depth, html, signals)
        new_html, new_signals, rendered = await self._render(url, depth, html, signals)
        if not rendered:
            return html, signals, False
        self.site_render = decision = decide(
            url,
            html,
            new_html,
            self.links.same_site,
            static_empty_root=signals.render_reason == "empty app root",
        )
        self.emit(EventKind.NOTE, url, f"render: {decision.reason}", depth)
        if always or decision.render_all or signals.render_reason:
            return new_html, new_signals, True
        return html, signals, False

    async def _render(
        self, url: str, depth: int, html: str, signals: PageSignals
    ) -> tuple[str, PageSignals, bool]:
        try:
            page = await self.renderer.render(url)
        except (RenderUnavailable, RenderFailed) as exc:
            self._not_rendered(url, depth, exc)
            return html, signals, False
        if not self.links.same_site(page.url):
            self.emit(EventKind.SKIPPED, url, f"browser went off-site to {page.url}", depth)
            return html, signals, False
        return page.html, read_page(page.html), True

    async def _render_in_app(self, url: str, depth: int) -> Rendered | None:
        """A deep link of a single-page app, followed from the entry page inside the browser."""
        try:
            page = await self.renderer.render_in_app(self.root, url)
        except (RenderUnavailable, RenderFailed) as exc:
            self.emit(EventKind.FAILED, url, f"HTTP 404, and the app did not show it: {exc}", depth)
            return None
        if not self.links.same_site(page.url):
            self.emit(EventKind.SKIPPED, url, f"browser went off-site to {page.url}", depth)
            return None
        return page

    def _not_rendered(self, url: str, depth: int, exc: Exception) -> None:
        if isinstance(exc, RenderUnavailable):
            if self.render_note_sent:
                return
            self.render_note_sent = True
        self.emit(EventKind.SKIPPED, url, f"not rendered, kept static HTML: {exc}", depth)
