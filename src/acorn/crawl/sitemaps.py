"""Sitemaps seed the frontier so pages that no menu links to are still found.

Handles ``<urlset>``, ``<sitemapindex>`` (recursively, bounded), gzip (``.xml.gz`` or gzip
content) and plain-text sitemaps. XML is parsed with lxml with entities and network access
off (no XXE), sizes are capped before and after decompression, and every sitemap and page URL
goes through the same checks as a link: same site (``accept``) and the SSRF guard (the fetcher's
transport).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from acorn.crawl.fetch import Fetcher, PageFailed, PageSkipped
from acorn.crawl.urls import normalize_url
from acorn.errors import BlockedURL, FetchFailed

SITEMAP_MAX_BYTES = 10_000_000  # on the wire
SITEMAP_MAX_UNZIPPED = 50_000_000  # the sitemaps.org limit
MAX_SITEMAP_FILES = 30

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


@dataclass
class SitemapResult:
    urls: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (sitemap url, problem)
    priority: dict[str, float] = field(default_factory=dict)  # page url -> <priority>, if given


def gunzip(data: bytes, limit: int = SITEMAP_MAX_UNZIPPED) -> bytes:
    """Decompress gzip data, refusing to inflate past ``limit`` (zip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, limit)
    if inflater.unconsumed_tail:
        raise ValueError(f"sitemap larger than {limit} bytes once decompressed")
    return out


def parse_sitemap(
    data: bytes, priorities: dict[str, float] | None = None
) -> tuple[list[str], list[str]]:
    """(page locs, child sitemap locs) from one sitemap document; each page's ``<priority>``
    (0.0-1.0) goes into ``priorities`` when one is given."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    stripped = data.lstrip()
    if not stripped.startswith(b"<"):
        lines = stripped.decode("utf-8", errors="replace").splitlines()
        return [line.strip() for line in lines if line.strip().startswith("http")], []
    root = etree.fromstring(stripped, parser=_PARSER)
    if root is None:
        return [], []
    pages: list[str] = []
    children: list[str] = []
    for el in root.iter("{*}loc", "loc"):
        text = (el.text or "").strip()
        if not text:
            continue
        parent = el.getparent()
        tag = etree.QName(parent).localname if parent is not None else ""
        (children if tag == "sitemap" else pages).append(text)
        if priorities is not None and tag == "url" and parent is not None:
            value = _priority(parent)
            if value is not None:
                priorities[text] = value
    return pages, children


def _priority(url_element: etree._Element) -> float | None:
    for el in url_element.iter("{*}priority", "priority"):
        try:
            value = float((el.text or "").strip())
        except ValueError:
            return None
        return min(max(value, 0.0), 1.0)
    return None


async def collect_sitemap_urls(
    fetcher: Fetcher,
    sitemap_urls: list[str],
    *,
    accept: Callable[[str], bool],
    limit: int,
) -> SitemapResult:
    """Page URLs listed by the given sitemaps (breadth first, at most ``limit``)."""
    result = SitemapResult()
    queue = [u for u in sitemap_urls if accept(u)]
    seen: set[str] = set()
    pages_seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAP_FILES and len(result.urls) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            resp = await fetcher.fetch(
                url, html_only=False, max_bytes=SITEMAP_MAX_BYTES, check_hop=_offsite(accept)
            )
            priorities: dict[str, float] = {}
            pages, children = parse_sitemap(resp.body, priorities)
        except (PageFailed, PageSkipped) as exc:
            result.notes.append((url, exc.reason))
            continue
        except (BlockedURL, FetchFailed) as exc:
            result.notes.append((url, exc.message))
            continue
        except (ValueError, etree.LxmlError) as exc:
            result.notes.append((url, f"unreadable sitemap: {exc}"))
            continue
        for child in children:
            absolute = normalize_url(child, resp.url)
            if absolute and accept(absolute) and absolute not in seen:
                queue.append(absolute)
        for loc in pages:
            absolute = normalize_url(loc, resp.url)
            if absolute and accept(absolute) and absolute not in pages_seen:
                pages_seen.add(absolute)
                result.urls.append(absolute)
                if loc in priorities:
                    result.priority[absolute] = priorities[loc]
                if len(result.urls) >= limit:
                    break
    return result


def _offsite(accept: Callable[[str], bool]) -> Callable[[str], str | None]:
    return lambda url: None if accept(url) else "off-site"
