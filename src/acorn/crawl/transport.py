"""An httpx transport that sends requests with aiohttp, for crawl throughput.

The crawler keeps httpx's client API (streams, headers, decoding, exceptions), but httpcore's
connection pool costs about 1.8 ms of CPU per request against 0.35 ms through aiohttp on the
same machine (measured fetching 500 pages at concurrency 16): on a 2-core host, CPU spent in
the pool is CPU not spent extracting, so the crawl uses this transport.

Safety is the same as :class:`acorn.crawl.safety.GuardedTransport`: every request is checked by
the :class:`UrlGuard`, and aiohttp resolves names through the guard too, so it connects to the
very address that was checked (no DNS rebinding between check and connect); TLS still verifies
the certificate against the original host name.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult

from acorn.crawl.safety import UrlGuard

CHUNK = 64 * 1024


class GuardResolver(AbstractResolver):
    """aiohttp resolver answering with the guard's checked (and cached) address."""

    def __init__(self, guard: UrlGuard) -> None:
        self.guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        ip = await self.guard.address_for(f"http://{host}/")
        return [
            ResolveResult(
                hostname=host,
                host=str(ip),
                port=port,
                family=socket.AF_INET6 if ip.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        return None


def describe_connect_error(exc: BaseException) -> str:
    """What went wrong, in words for a site owner: aiohttp's own text names its SSL context
    ("ssl:default [[SSL: WRONG_VERSION_NUMBER] ...") even for a plain-http connection."""
    host = exc.host if isinstance(exc, aiohttp.ClientConnectorError) else ""
    port = exc.port if isinstance(exc, aiohttp.ClientConnectorError) else None
    where = f"{host}:{port}" if host and port else "the server"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return f"the certificate of {where} is not valid for a secure (https) connection"
    if isinstance(exc, aiohttp.ClientConnectorSSLError | aiohttp.ClientSSLError):
        return f"{where} did not accept a secure (https) connection"
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, ConnectionRefusedError):
        return f"{where} refused the connection (nothing is listening on that port)"
    if isinstance(os_error, socket.gaierror):
        return f"could not resolve {host or 'the host name'}"
    if isinstance(os_error, OSError) and os_error.strerror:
        return f"could not connect to {where} ({os_error.strerror.lower()})"
    return f"could not connect to {where}"


def _map_error(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ClientConnectorError):
        message = describe_connect_error(exc)
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, TimeoutError | aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message, request=request)
    if isinstance(
        exc,
        aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientResponseError,
    ):
        return httpx.RemoteProtocolError(message, request=request)
    return httpx.ReadError(message, request=request)


class _Body(httpx.AsyncByteStream):
    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request
        self._done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_chunked(CHUNK):
                yield chunk
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise _map_error(exc, self._request) from exc
        self._done = True

    async def aclose(self) -> None:
        if self._done:
            self._response.release()
        else:  # stopped early (size cap, not HTML): drop the connection, do not drain it
            self._response.close()


class AiohttpTransport(httpx.AsyncBaseTransport):
    def __init__(self, guard: UrlGuard, *, max_connections: int) -> None:
        self.guard = guard
        self.max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(
                limit=self.max_connections,
                resolver=GuardResolver(self.guard),
                use_dns_cache=False,  # the guard caches, per job
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,  # httpx decodes Content-Encoding
                max_line_size=32_768,
                max_field_size=32_768,
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self.guard.check(str(request.url))  # literal IPs never reach the resolver
        timeouts: dict[str, Any] = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=timeouts.get("connect"),
            sock_read=timeouts.get("read"),
        )
        body = await request.aread() if request.method not in ("GET", "HEAD") else None
        try:
            response = await self._open().request(
                request.method,
                str(request.url),
                headers=[
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
                ],
                data=body,
                allow_redirects=False,
                timeout=timeout,
                skip_auto_headers=("Accept-Encoding", "User-Agent"),
            )
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise _map_error(exc, request) from exc
        version = response.version
        http_version = f"HTTP/{version.major}.{version.minor}" if version else "HTTP/1.1"
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_Body(response, request),
            request=request,
            extensions={"http_version": http_version.encode()},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
