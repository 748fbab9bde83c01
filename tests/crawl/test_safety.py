"""SSRF guard: root URL syntax, address refusal, allow-list, pinned connections."""

from __future__ import annotations

import httpx
import pytest

from acorn.config import Settings
from acorn.crawl.safety import GuardedTransport, UrlGuard, literal_ip, validate_root_url
from acorn.errors import BlockedURL, FetchFailed, InvalidURL
from tests.support.siteserver import Response, SiteServer


def guard_with(allow: list[str]) -> UrlGuard:
    return UrlGuard(Settings(_env_file=None, allow_private_networks=allow))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "https://example.com/"),
        ("  https://Example.com/Menu?utm_source=x#top ", "https://example.com/Menu"),
        ("localhost:8000/x", "https://localhost:8000/x"),
        ("//example.com/a", "https://example.com/a"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0x7f.1:81/a", "http://127.0.0.1:81/a"),
        ("http://0177.0.0.1/", "http://127.0.0.1/"),
        ("https://例え.jp/", "https://xn--r8jz45g.jp/"),
    ],
)
def test_validate_root_url_normalises(raw: str, expected: str) -> None:
    assert validate_root_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "ftp://example.com/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://user:pw@example.com/",
        "http://",
        "http://exa mple.com/",
        "http://example.com:99999/",
        "http://..example.com/",
    ],
)
def test_validate_root_url_refuses(raw: str) -> None:
    with pytest.raises(InvalidURL) as info:
        validate_root_url(raw)
    assert info.value.hint


def test_literal_ip_understands_odd_forms() -> None:
    assert str(literal_ip("2130706433")) == "127.0.0.1"
    assert str(literal_ip("0x7f.1")) == "127.0.0.1"
    assert str(literal_ip("[::1]")) == "::1"
    assert literal_ip("example.com") is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://localhost:8080/",
        "http://10.1.2.3/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
async def test_guard_refuses_non_public_addresses(url: str) -> None:
    with pytest.raises(BlockedURL) as info:
        await guard_with([]).check(url)
    assert "ACORN_ALLOW_PRIVATE_NETWORKS" in (info.value.hint or "")


async def test_allow_list_permits_networks_and_hosts_but_never_metadata() -> None:
    await guard_with(["127.0.0.0/8"]).check("http://127.0.0.1:9/")
    await guard_with(["localhost"]).check("http://localhost:9/")
    await guard_with(["10.0.0.0/8"]).check("http://10.9.8.7/")
    with pytest.raises(BlockedURL):
        await guard_with(["10.0.0.0/8"]).check("http://192.168.0.1/")
    with pytest.raises(BlockedURL, match="metadata"):
        await guard_with(["169.254.0.0/16"]).check("http://169.254.169.254/")


async def test_public_literal_address_passes_and_dns_failure_is_fetch_failed() -> None:
    await guard_with([]).check("http://93.184.216.34/")
    with pytest.raises(FetchFailed) as info:
        await guard_with([]).check("https://no-such-host.invalid/")
    assert info.value.hint


def test_literal_refusal_labels_links_without_dns() -> None:
    guard = guard_with(["127.0.0.0/8"])
    assert guard.literal_refusal("http://169.254.169.254/x") == "cloud metadata address"
    assert guard.literal_refusal("http://127.0.0.1:1/") is None
    assert guard.literal_refusal("https://example.com/") is None


async def test_transport_connects_to_the_checked_address_keeping_the_host_header() -> None:
    seen: list[str] = []

    def echo(count: int) -> Response:
        return Response(200, "<p>ok</p>")

    with SiteServer(routes={"/": echo}) as server:
        transport = GuardedTransport(guard_with(["localhost"]))
        async with httpx.AsyncClient(transport=transport) as client:
            resp = await client.get(f"http://localhost:{server.port}/")
            seen.append(resp.text)
        assert seen == ["<p>ok</p>"]
        # without the allow-list the same name is refused before any connection is made
        transport_refusing = GuardedTransport(guard_with([]))
        async with httpx.AsyncClient(transport=transport_refusing) as client:
            with pytest.raises(BlockedURL):
                await client.get(f"http://localhost:{server.port}/")
        assert server.hits["/"] == 1
