"""Which addresses one crawl follows: a page's hrefs resolved to normalised URLs, its canonical
link, and the rules that refuse a link or a redirect hop (off-site, not HTML, filtered by the
agent's include/exclude patterns, disallowed by robots.txt), each with the reason the job log
shows. Kept apart from the crawl job so its control flow reads without these details."""

from __future__ import annotations

from collections.abc import Iterator

from acorn.config import ScrapingConfig
from acorn.crawl.html import PageSignals
from acorn.crawl.patterns import PatternError, any_match, compile_patterns
from acorn.crawl.robots import RobotsPolicy
from acorn.crawl.safety import UrlGuard
from acorn.crawl.urls import non_html_extension, normalize_url, site_of
from acorn.errors import InvalidPattern


class LinkRules:
    """The link rules of one crawl. ``site`` and ``robots`` change when the root redirects to
    another site (the crawl follows it), so the job updates them in place."""

    def __init__(
        self,
        root: str,
        config: ScrapingConfig,
        guard: UrlGuard,
        robots: RobotsPolicy,
        *,
        obey_robots: bool,
    ) -> None:
        self.site = site_of(root)
        self.guard = guard
        self.robots = robots
        self.obey_robots = obey_robots
        try:  # RE2: linear-time matching, so no pattern can stall the event loop
            self.include = compile_patterns(config.include_patterns)
            self.exclude = compile_patterns(config.exclude_patterns)
        except PatternError as exc:  # only a config stored before patterns were checked
            raise InvalidPattern(
                str(exc), hint="update the agent's include_patterns/exclude_patterns"
            ) from None
        self._resolved: dict[str, str | None] = {}

    def same_site(self, url: str) -> bool:
        return site_of(url) == self.site

    def robots_allow(self, url: str) -> bool:
        """False only when robots.txt disallows ``url`` and the crawl obeys it."""
        return not self.obey_robots or self.robots.allowed(url)

    def refusal(self, url: str) -> str | None:
        """Why a discovered link is not crawled, or None to crawl it."""
        if not self.same_site(url):
            refused = self.guard.literal_refusal(url)
            return f"refused address ({refused})" if refused else "off-site link"
        ext = non_html_extension(url)
        if ext:
            return f"not HTML (.{ext} file)"
        if self.include and not any_match(self.include, url):
            return "not matched by include_patterns"
        if any_match(self.exclude, url):
            return "matched by exclude_patterns"
        if not self.robots_allow(url):
            return "disallowed by robots.txt"
        return None

    def hop_refusal(self, url: str) -> str | None:
        """Why a redirect to ``url`` is not followed, or None to follow it."""
        if not self.same_site(url):
            return "off-site"
        if not self.robots_allow(url):
            return "disallowed by robots.txt"
        return None

    def canonical(self, signals: PageSignals, final: str) -> str | None:
        """The page's canonical URL when it is a usable one (same site, HTML)."""
        if not signals.canonical:
            return None
        canonical = normalize_url(signals.canonical, final)
        if canonical is None or not self.same_site(canonical):
            return None
        if non_html_extension(canonical):
            return None
        return canonical

    def page_links(self, signals: PageSignals, page_url: str) -> Iterator[str]:
        """The page's links as normalised URLs, resolved against its ``<base>`` if it has one."""
        for link, _text in self.labelled_links(signals, page_url):
            yield link

    def labelled_links(self, signals: PageSignals, page_url: str) -> Iterator[tuple[str, str]]:
        """(normalised URL, anchor text) for each of the page's links."""
        base = normalize_url(signals.base, page_url) if signals.base else None
        base = base or page_url
        origin = base[: base.index("/", base.index("//") + 2)]
        for href in signals.links:
            link = self._resolve(href, base, origin)
            if link is not None:
                yield link, signals.link_texts.get(href, "")

    def _resolve(self, href: str, base: str, origin: str) -> str | None:
        """``normalize_url(href, base)``, cached for hrefs whose result does not depend on the
        page's path (absolute and root-relative): menus repeat them on every page."""
        if href.startswith(("http://", "https://")):
            key = href
        elif href.startswith("/") and not href.startswith("//"):
            key = origin + href
        else:
            return normalize_url(href, base)
        try:
            return self._resolved[key]
        except KeyError:
            link = self._resolved[key] = normalize_url(href, base)
            return link
