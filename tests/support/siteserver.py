"""A real HTTP server on 127.0.0.1 that serves a directory like a static host
(``/prices/`` → ``prices/index.html``) plus programmable routes for misbehaviour:
redirects, errors that recover, slow pages, Retry-After, custom headers.

Runs in a thread so sync and async tests can both use it.
"""

from __future__ import annotations

import contextlib
import mimetypes
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Response:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[int], Response]  # called with the 1-based hit count for that path


class SiteServer:
    """Serve ``root`` (may be None) and ``routes`` on an ephemeral port of 127.0.0.1."""

    def __init__(self, root: Path | None = None, routes: dict[str, Route] | None = None) -> None:
        self.root = root
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: dict[str, int] = defaultdict(int)
        self.requests: list[tuple[str, str, float]] = []  # (path, user-agent, time)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SiteServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._serve(head=True)

            def do_GET(self) -> None:
                self._serve(head=False)

            def _serve(self, head: bool) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.hits[self.path] += 1
                    count = server.hits[self.path]
                    server.requests.append(
                        (self.path, self.headers.get("User-Agent", ""), time.monotonic())
                    )
                route = server.routes.get(self.path) or server.routes.get(path)
                resp = route(count) if route else server._static(path)
                if resp.delay:
                    time.sleep(resp.delay)
                body = resp.body.encode() if isinstance(resp.body, str) else resp.body
                self.send_response(resp.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **resp.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _static(self, path: str) -> Response:
        if self.root is None:
            return Response(404, "<h1>Not found</h1>")
        rel = path.lstrip("/")
        target = (self.root / rel).resolve()
        if not str(target).startswith(str(self.root.resolve())):
            return Response(403, "forbidden")
        if target.is_dir():
            if not path.endswith("/"):
                return Response(301, "", {"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file():
            page = self.root / "404.html"
            body = page.read_bytes() if page.is_file() else b"<h1>Not found</h1>"
            return Response(404, body)
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/xml", "application/javascript"):
            ctype += "; charset=utf-8"
        return Response(200, target.read_bytes(), {"Content-Type": ctype})
