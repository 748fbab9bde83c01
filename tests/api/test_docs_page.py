"""``/docs`` is served from the app: the page loads only its own files (no CDN, no inline
script), the assets come from an allow-list with long cache headers, and in real Chromium the
Swagger UI renders the API's operations under the page's strict CSP."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
import uvicorn

from acorn.api import create_app
from acorn.api.headers import PAGE_CSP
from acorn.config import Settings
from tests.api.edge_support import bare_client, uvicorn_server


def test_page_has_no_outside_url_and_no_inline_script(settings: Settings) -> None:
    response = bare_client(settings).get("/docs")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == PAGE_CSP
    html = response.text
    assert not re.search(r"https?://", html)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 2
    for attributes, body in scripts:
        assert 'src="/docs/assets/' in attributes and body.strip() == ""
    assert 'data-openapi-url="/openapi.json"' in html
    assert "style=" not in html and "<style" not in html


def test_assets_load_with_their_types_and_cache(settings: Settings) -> None:
    client = bare_client(settings)
    html = client.get("/docs").text
    urls = re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', html)
    assert len(urls) == 4
    types = {
        "swagger-ui-bundle.js": "text/javascript",
        "docs-init.js": "text/javascript",
        "swagger-ui.css": "text/css",
        "favicon-32x32.png": "image/png",
    }
    for url in urls:
        name = url.split("/")[-1].split("?")[0]
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith(types[name])
        assert "max-age=31536000" in response.headers["cache-control"]
        assert response.headers["x-content-type-options"] == "nosniff"
    init = client.get("/docs/assets/docs-init.js").text
    assert "SwaggerUIBundle(" in init and "validatorUrl: null" in init


def test_assets_are_an_allow_list(settings: Settings) -> None:
    client = bare_client(settings)
    for name in ("index.html", "swagger-ui-bundle.js.map", "..%2F__init__.py", "%2e%2e"):
        response = client.get(f"/docs/assets/{name}")
        assert response.status_code == 404, name
        assert set(response.json()) == {"error", "hint"}


def test_openapi_kept_and_default_docs_replaced(settings: Settings) -> None:
    client = bare_client(settings)
    schema = client.get("/openapi.json").json()
    assert "/v1/onboard" in schema["paths"]
    assert not any(path.startswith("/docs") for path in schema["paths"])
    assert client.get("/redoc").status_code == 404
    assert client.get("/docs/oauth2-redirect").status_code == 404


def test_bundled_swagger_ui_reads_the_schema_version(settings: Settings) -> None:
    """Swagger UI 4 refuses an OpenAPI 3.1 schema ("does not specify a valid version")."""
    from acorn.api.routes.docs import SWAGGER_UI_VERSION

    schema_version = bare_client(settings).get("/openapi.json").json()["openapi"]
    if schema_version.startswith("3.1"):
        assert int(SWAGGER_UI_VERSION.split(".")[0]) >= 5


def test_root_path_prefixes_every_url(settings: Settings) -> None:
    html = bare_client(settings, root_path="/acorn").get("/docs").text
    assert 'href="/acorn/docs/assets/swagger-ui.css' in html
    assert 'data-openapi-url="/acorn/openapi.json"' in html


@pytest.fixture
def docs_server(settings: Settings) -> Iterator[str]:
    # /docs and /openapi.json need no database or index: skip the lifespan.
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=0, log_level="warning", lifespan="off"
    )
    with uvicorn_server(config) as url:
        yield url


@pytest.mark.slow
def test_swagger_ui_renders_in_chromium_under_the_csp(settings: Settings, docs_server: str) -> None:
    if not os.path.exists(settings.chromium_path):
        pytest.skip(f"Chromium not found at {settings.chromium_path}")
    from playwright.sync_api import expect, sync_playwright

    from acorn.crawl.render import CHROMIUM_ARGS

    console_errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=settings.chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(30_000)
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console_errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(docs_server) else outside.append(r.url),
        )
        # Recorded by the browser itself, whatever the console says.
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(docs_server + "/docs")
        expect(page.locator(".opblock").first).to_be_visible()
        assert page.locator(".opblock").count() >= 5
        expect(page.locator(".opblock-summary-path", has_text="/v1/onboard")).to_be_visible()
        violations = page.evaluate("window.__violations")
        browser.close()
    assert violations == []
    assert not [e for e in console_errors if "Content Security Policy" in e or "Refused" in e]
    assert console_errors == []
    assert outside == []
