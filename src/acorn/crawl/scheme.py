"""Addresses as people type them: ``example.com`` or ``127.0.0.1:8080`` has no scheme, so the
root is tried over https first and, when nothing answers there (refused, no TLS, timeout),
over http, the way a browser's address bar does. The crawl log says when http was used.

Only the root is probed, with one request each (robots.txt, which the crawl reads next
anyway) and no retries, so a site that speaks https costs nothing extra but that request.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from acorn.crawl.fetch import Fetcher, PageFailed, PageSkipped
from acorn.errors import FetchFailed

PROBE_PATH = "/robots.txt"
PROBE_MAX_BYTES = 512_000


async def reachable_root(fetcher: Fetcher, root: str) -> tuple[str, str]:
    """(the root to crawl, a note for the log when it changed). Raises :class:`FetchFailed`
    with both reasons when neither https nor http answers."""
    if not root.startswith("https://"):
        return root, ""
    https_problem = await _connect_problem(fetcher, root)
    if https_problem is None:
        return root, ""
    plain = "http://" + root.removeprefix("https://")
    http_problem = await _connect_problem(fetcher, plain)
    host = urlsplit(root).netloc
    if http_problem is None:
        return plain, f"no answer over https ({https_problem}); crawling over http"
    if https_problem == http_problem:
        message = f"{https_problem[:1].upper()}{https_problem[1:]}; tried https and http."
    else:
        message = f"Could not connect to {host}: over https, {https_problem}; over http, "
        message += f"{http_problem}."
    raise FetchFailed(
        message,
        hint="Check that the address opens in a browser, and the port if you gave one.",
    )


async def _connect_problem(fetcher: Fetcher, root: str) -> str | None:
    """Why nothing answered at ``root``'s origin, or None when a server answered (any
    status: a 404 or 500 still proves the scheme is right)."""
    try:
        await fetcher.fetch(
            urljoin(root, PROBE_PATH), html_only=False, max_bytes=PROBE_MAX_BYTES, retries=0
        )
    except PageFailed as exc:
        if exc.connect:
            return exc.reason.removeprefix("connection error: ")
    except PageSkipped:
        pass
    return None
