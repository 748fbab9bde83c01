"""The onboarding page end to end in real headless Chromium against a real uvicorn server:
sign in, paste the fixture site's URL, watch progress, get the snippet, ask a question and see
the answer with its source link; and the failure path for an unreachable site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from acorn.config import Settings
from tests.jobs.harness import Server, make_app, serve
from tests.support.siteserver import SiteServer
from tests.web.browser import new_page, sign_in
from tests.web.conftest import Owner

pytestmark = pytest.mark.slow


@pytest.fixture
def server(settings: Settings, owner: Owner) -> Iterator[Server]:
    with serve(make_app(settings)) as server:
        yield server


@pytest.fixture
def page(browser, server: Server, owner: Owner) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = new_page(browser, server.url)
    page.goto(server.url + "/")
    sign_in(page, owner.email, owner.password)
    expect(page.locator("#account-email")).to_have_text(owner.email)
    yield page


def test_paste_url_watch_progress_get_snippet_and_ask(page, fixture_site: SiteServer) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.get_by_label("Website address").fill(fixture_site.url)
    page.get_by_role("button", name="Create my agent").click()

    expect(page.locator("#progress")).to_be_visible()
    expect(page.locator("#progress-site")).to_have_text(fixture_site.url)
    # Live progress: pages are found and read while we watch.
    expect(page.locator("#stat-fetched")).not_to_have_text("0", timeout=60_000)
    expect(page.locator("#stat-current")).to_contain_text(fixture_site.url, timeout=60_000)

    expect(page.locator("#ready")).to_be_visible(timeout=180_000)
    agent_id = page.locator("#agent-id").text_content()
    assert agent_id
    snippet = page.locator("#embed-code").text_content() or ""
    assert snippet.startswith('<script src="')
    assert f'data-agent="{agent_id}"' in snippet and "data-key=" in snippet
    page.get_by_role("button", name="Copy").click()
    expect(page.locator("#copy-status")).to_have_text("Copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == snippet

    page.get_by_label("Ask your agent").fill("What are your opening hours?")
    page.get_by_role("button", name="Ask").click()
    expect(page.locator("#answer")).to_be_visible()
    expect(page.locator("#answer-text")).not_to_be_empty()
    link = page.locator("a.source-link").first
    expect(link).to_be_visible()
    assert (link.get_attribute("href") or "").startswith(fixture_site.url)


def test_unreachable_site_shows_what_went_wrong_and_what_to_do(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.get_by_label("Website address").fill("http://127.0.0.1:1/")
    page.get_by_role("button", name="Create my agent").click()
    expect(page.locator("#failed")).to_be_visible(timeout=60_000)
    expect(page.locator("#failed-message")).not_to_be_empty()
    expect(page.locator("#failed-hint")).to_contain_text("What to do:")
    page.get_by_role("button", name="Try another address").click()
    expect(page.get_by_label("Website address")).to_be_focused()

    # A URL that can never be crawled is refused at once, next to the field.
    page.get_by_label("Website address").fill("ftp://example.com/")
    page.get_by_role("button", name="Create my agent").click()
    expect(page.locator("#url-error")).to_contain_text("unsupported scheme")
    expect(page.locator("#progress")).to_be_hidden()
