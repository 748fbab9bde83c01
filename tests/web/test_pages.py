"""The owner's pages as served: the strict Content-Security-Policy holds (no inline script or
style anywhere, so nothing needs 'unsafe-inline'), every referenced file is served with its type,
and the setup page never leaks its token onwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from acorn.api import errors
from acorn.api.headers import SecurityHeadersMiddleware
from acorn.web import onboarding

PAGES = ["/", "/setup"]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = FastAPI()
    errors.install(app)
    app.add_middleware(SecurityHeadersMiddleware)  # the CSP and nosniff come from it, as in the app
    app.include_router(onboarding.router)
    with TestClient(app) as client:
        yield client


class Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes,
    event-handler attributes; and the files the page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.files: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
        if tag == "style":
            self.problems.append("<style>")
        if tag == "script":
            self._in_script = True
            if not names.get("src"):
                self.problems.append("<script> without src")
        for attr in ("src", "href"):
            value = names.get(attr) or ""
            if tag in ("script", "link") and value:
                self.files.append(value)
            if value.lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {attr}=javascript:…>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script text")


@pytest.mark.parametrize("path", PAGES)
def test_page_has_a_strict_csp_and_no_inline_script_or_style(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    parser = Inline()
    parser.feed(page.text)
    assert parser.problems == []
    assert "/onboarding/auth.js" in parser.files
    for asset in parser.files:
        resp = client.get(asset)
        assert resp.status_code == 200, asset
        want = "text/css" if asset.endswith(".css") else "text/javascript"
        assert resp.headers["content-type"].startswith(want), asset
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_setup_page_works_with_any_token_in_the_query(client: TestClient) -> None:
    # The page itself is static: the token is checked by POST /v1/auth/setup, not here.
    assert client.get("/setup?token=st_whatever").status_code == 200


def test_scripts_write_untrusted_text_only_as_text_and_keep_no_cookies(
    client: TestClient,
) -> None:
    for name in ("auth.js", "onboarding.js", "setup.js"):
        script = client.get(f"/onboarding/{name}").text
        assert "innerHTML" not in script, name
        assert "document.cookie" not in script, name
        assert "localStorage" not in script, name  # the refresh token ends with the tab
        assert not re.search(r"\beval\(|new Function\(", script), name
    setup = client.get("/onboarding/setup.js").text
    assert "history.replaceState" in setup  # the one-time token leaves the address bar


def test_unknown_assets_are_404(client: TestClient) -> None:
    assert client.get("/onboarding/nope.js").status_code == 404
    assert client.get("/onboarding/setup.html").status_code == 404
    assert client.get("/onboarding/../../config.py").status_code == 404
