"""SSRF guard: Acorn fetches URLs that strangers type in, so it must never be turned against the
machine it runs on or the network around it (databases on 10/8, the cloud metadata service on
169.254.169.254, admin panels on localhost).

Every URL is resolved and refused when *any* address it resolves to is not public, unless the
operator's allow-list (``ACORN_ALLOW_PRIVATE_NETWORKS``) names the network or host. The answer is
cached per host for the life of one guard (one crawl job) and :class:`GuardedTransport` connects
to exactly the address that was checked, so a DNS answer that changes between check and connect
(DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from urllib.parse import urlsplit

import httpx

from acorn.config import Settings
from acorn.crawl.urls import normalize_url
from acorn.errors import BlockedURL, FetchFailed, InvalidURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints: refused even when an allow-list covers their network, because
# reaching them hands out the host's credentials.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
CGNAT = ipaddress.ip_network("100.64.0.0/10")

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ODD_IPV4_RE = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)
_HOST_RE = re.compile(r"^[a-z0-9.\-_\[\]:%]+$", re.IGNORECASE)


def literal_ip(host: str) -> IPAddress | None:
    """The address a host *string* denotes, including the forms browsers and libc accept
    (``2130706433``, ``0x7f.1``, ``0177.0.0.1``), or None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _ODD_IPV4_RE.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return refusal_reason(mapped)
    if ip in METADATA_ADDRESSES:
        return "cloud metadata address"
    if ip.is_loopback:
        return "loopback address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_multicast:
        return "multicast address"
    if ip.is_unspecified:
        return "unspecified address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in CGNAT:
        return "carrier-grade NAT address"
    if ip.is_private:
        return "private address"
    if ip.is_reserved or not ip.is_global:
        return "reserved address"
    return None


def validate_root_url(url: str) -> str:
    """Check a user-typed site URL and return its normalised form (``https://`` added when the
    scheme is missing). Syntax only; :meth:`UrlGuard.check` does the network checks."""
    raw = (url or "").strip()
    if not raw:
        raise InvalidURL("No URL given.", hint="Pass the website address, e.g. https://example.com")
    if raw.startswith("//"):
        raw = "https:" + raw
    elif not _SCHEME_RE.match(raw) or re.match(r"^[^/:]+:\d+(/|$)", raw):
        raw = "https://" + raw  # "example.com", "localhost:8000/x"
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError as exc:
        raise InvalidURL(
            f"'{url}' is not a valid URL ({exc}).", hint="Check the address for typos."
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidURL(
            f"'{url}' uses the unsupported scheme '{scheme}:'.",
            hint="Only http:// and https:// websites can be crawled.",
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidURL(
            "URLs with a user name or password are not accepted.",
            hint="Remove the 'user:password@' part; Acorn only crawls public pages.",
        )
    host = parts.hostname or ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = ""
    if not host or not _HOST_RE.match(host) or ".." in host or host.startswith("."):
        raise InvalidURL(
            f"'{url}' has no valid host name.",
            hint="Use a full address such as https://example.com",
        )
    ip = literal_ip(host)
    if ip is not None and ":" not in host:
        host = str(ip)  # "2130706433" -> "127.0.0.1", so logs and checks see the real address
        port = f":{parts.port}" if parts.port else ""
        raw = parts._replace(netloc=f"{host}{port}").geturl()
    normalized = normalize_url(raw)
    if normalized is None:
        raise InvalidURL(f"'{url}' is not a valid URL.", hint="Check the address for typos.")
    return normalized


class UrlGuard:
    """Resolve hosts once per job and refuse non-public addresses (see module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self._nets = list(settings.private_allow_networks)
        self._hosts = set(settings.private_allow_hosts)
        self._cache: dict[str, IPAddress | BaseException] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def allowed_ip(self, ip: IPAddress, host: str = "") -> str | None:
        """None when ``ip`` may be fetched, else the reason it is refused."""
        reason = refusal_reason(ip)
        if reason is None:
            return None
        if ip in METADATA_ADDRESSES:
            return reason
        if host.lower() in self._hosts or any(ip in net for net in self._nets):
            return None
        return reason

    def literal_refusal(self, url: str) -> str | None:
        """Refusal reason for a URL whose host is a literal IP, without any DNS (cheap; used
        to label off-site links)."""
        host = urlsplit(url).hostname or ""
        ip = literal_ip(host)
        return None if ip is None else self.allowed_ip(ip, host)

    async def check(self, url: str) -> None:
        """Raise :class:`BlockedURL` (refused address) or :class:`FetchFailed` (DNS failure)."""
        await self.address_for(url)

    async def address_for(self, url: str) -> IPAddress:
        """The checked address to connect to for ``url``'s host."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not host:
            raise InvalidURL(f"'{url}' has no host.", hint="Use a full http(s) URL.")
        cached = self._cache.get(host)
        if cached is None:
            lock = self._locks.setdefault(host, asyncio.Lock())
            async with lock:
                cached = self._cache.get(host)
                if cached is None:
                    try:
                        cached = await self._resolve(host, url)
                    except (BlockedURL, FetchFailed) as exc:
                        cached = exc
                    self._cache[host] = cached
        if isinstance(cached, BaseException):
            raise cached
        return cached

    async def _resolve(self, host: str, url: str) -> IPAddress:
        ip = literal_ip(host)
        if ip is not None:
            addresses = [ip]
        else:
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError) as exc:
                raise FetchFailed(
                    f"Could not resolve '{host}' ({exc}).",
                    hint="Check the spelling of the address and that the site is online.",
                ) from None
            addresses = []
            for info in infos:
                addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
                if addr not in addresses:
                    addresses.append(addr)
            if not addresses:
                raise FetchFailed(f"'{host}' has no address.", hint="Check the address.")
        for addr in addresses:
            reason = self.allowed_ip(addr, host)
            if reason is not None:
                raise BlockedURL(
                    f"Refusing to fetch {url}: '{host}' resolves to {addr}, a {reason}.",
                    hint="Acorn only crawls public websites. To crawl a site on your own network, "
                    "add it to ACORN_ALLOW_PRIVATE_NETWORKS (host names or CIDRs).",
                )
        # Prefer IPv4: it works on hosts without IPv6 routes, which are common in containers.
        addresses.sort(key=lambda a: a.version)
        return addresses[0]


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that checks every request with the guard and connects to the checked
    address (Host header and TLS SNI keep the original name), so redirects, robots.txt and
    sitemap fetches are all covered and DNS cannot change under our feet."""

    def __init__(self, guard: UrlGuard, **transport_kwargs: object) -> None:
        self._guard = guard
        self._inner = httpx.AsyncHTTPTransport(**transport_kwargs)  # type: ignore[arg-type]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        ip = await self._guard.address_for(str(request.url))
        if str(ip) != host:
            if request.url.scheme == "https":
                request.extensions = {**request.extensions, "sni_hostname": host}
            request.url = request.url.copy_with(host=str(ip))
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
