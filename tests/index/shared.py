"""Crawl the shared real sites (served on loopback) into SiteData, and score retrieval
against their qa.jsonl ground truth. Used by the retrieval test and by bench/."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from acorn.config import ScrapingConfig, Settings
from acorn.scrape import scrape_site
from acorn.sitedata import SiteData


def crawl(url: str, settings: Settings) -> SiteData:
    config = ScrapingConfig(
        delay_seconds=0, obey_crawl_delay=False, render_js="never", max_pages=200, max_depth=6
    )
    return asyncio.run(scrape_site(url, settings, config))


def url_path(url: str) -> str:
    path = urlsplit(url).path or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/") + "/" if not path.endswith(".html") else path


def first_rank(urls: list[str], sources: list[str]) -> int | None:
    """1-based rank of the first hit on a page that holds the answer."""
    wanted = {url_path(s) for s in sources}
    for rank, url in enumerate(urls, start=1):
        if url_path(url) in wanted:
            return rank
    return None
