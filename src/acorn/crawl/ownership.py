"""Owner verification: a site's owner proves the site is theirs by publishing the agent's
token, and a verified agent's crawls may then ignore robots.txt ``Crawl-delay`` (a pace meant
for strangers' crawlers; the owner wants their receptionist in seconds, not minutes).

Two ways to publish, as search consoles offer: a ``<meta name="acorn-site-verification">`` tag
on the entry page, or a text file at ``/.well-known/acorn-verification.txt``. The live site is
read through the crawler's own :class:`Fetcher`, so the SSRF guard applies to every request and
every redirect hop, and a redirect may not leave the site (another site's page proves nothing
about this one).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Literal
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.fetch import Fetcher, PageFailed, PageSkipped
from acorn.crawl.html import decode_html
from acorn.crawl.safety import UrlGuard, validate_root_url
from acorn.crawl.scheme import reachable_root
from acorn.crawl.urls import site_of
from acorn.errors import FetchFailed, VerificationFailed

META_NAME = "acorn-site-verification"
FILE_PATH = "/.well-known/acorn-verification.txt"
FILE_MAX_BYTES = 4_096
PAGE_MAX_BYTES = 2_000_000
TIMEOUT_SECONDS = 10.0

Method = Literal["meta", "file"]


def meta_tag(token: str) -> str:
    """The exact tag to paste into the entry page's ``<head>``."""
    return f'<meta name="{META_NAME}" content="{escape(token)}">'


@dataclass(frozen=True, slots=True)
class Proof:
    method: Method
    url: str  # where the token was found


async def verify_site(settings: Settings, root_url: str, token: str) -> Proof:
    """Where the live site at ``root_url`` shows ``token``; else :class:`VerificationFailed`
    saying what each way found. Blocked addresses raise ``BlockedURL`` as a crawl would."""
    root = validate_root_url(root_url)
    guard = UrlGuard(settings)
    await guard.check(root)
    config = ScrapingConfig(timeout_seconds=TIMEOUT_SECONDS, max_retries=1)
    fetcher = Fetcher(settings, config, guard)
    try:
        root, _ = await reachable_root(fetcher, root)
        file_url = urljoin(root, FILE_PATH)
        meta_problem = await _check_meta(fetcher, root, token)
        if meta_problem is None:
            return Proof("meta", root)
        file_problem = await _check_file(fetcher, file_url, token)
        if file_problem is None:
            return Proof("file", file_url)
    finally:
        await fetcher.aclose()
    raise VerificationFailed(
        f"The site does not show this agent's verification token: {meta_problem}; {file_problem}.",
        hint=f"publish it either as {meta_tag(token)} in the <head> of {root} or as a file "
        f"at {file_url} containing only the token, then verify again",
    )


async def _check_meta(fetcher: Fetcher, root: str, token: str) -> str | None:
    """None when the entry page carries the tag with ``token``, else what was found."""
    try:
        page = await fetcher.fetch(root, max_bytes=PAGE_MAX_BYTES, check_hop=_same_site_hop(root))
    except (PageFailed, PageSkipped, FetchFailed) as exc:
        return f"the entry page {root} could not be read ({_reason(exc)})"
    tree = LexborHTMLParser(decode_html(page.body, page.headers.get("content-type", "")))
    found = [
        (node.attributes.get("content") or "").strip()
        for node in tree.css("meta[name]")
        if (node.attributes.get("name") or "").strip().lower() == META_NAME
    ]
    if any(_same(value, token) for value in found):
        return None
    if found:
        return f"the {META_NAME} meta tag on {page.url} holds a different token"
    return f"no {META_NAME} meta tag on {page.url}"


async def _check_file(fetcher: Fetcher, url: str, token: str) -> str | None:
    """None when the file holds ``token`` (alone on a line), else what was found."""
    try:
        resp = await fetcher.fetch(
            url, html_only=False, max_bytes=FILE_MAX_BYTES, check_hop=_same_site_hop(url)
        )
    except (PageFailed, PageSkipped, FetchFailed) as exc:
        return f"{url} could not be read ({_reason(exc)})"
    lines = resp.body.decode("utf-8", errors="replace").splitlines()
    if any(_same(line.strip(), token) for line in lines):
        return None
    return f"{url} does not contain this agent's token"


def _same_site_hop(start: str) -> Callable[[str], str | None]:
    """A redirect check: the token must be on this site, not wherever a redirect leads."""
    site = site_of(start)
    return lambda target: None if site_of(target) == site else "another site"


def _same(found: str, token: str) -> bool:
    return secrets.compare_digest(found.encode(), token.encode())


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", None) or exc)
