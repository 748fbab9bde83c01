"""Accounts in the browser, real uvicorn and headless Chromium: the first run from the console's
setup link to an answered question, the link refusing a second use, and signing out and in
(a wrong password, a reload, an expired access token renewed behind the page's back)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from acorn.config import Settings
from tests.jobs.harness import Server, make_app, serve
from tests.support.siteserver import SiteServer
from tests.web.browser import new_page, sign_in
from tests.web.conftest import Owner

pytestmark = pytest.mark.slow

EMAIL = "olive@hazel-crumb.example"
PASSWORD = "flour water salt yeast"


def test_first_run_setup_link_to_answered_question_then_the_link_is_spent(  # type: ignore[no-untyped-def]
    settings: Settings, browser, fixture_site: SiteServer
) -> None:
    from playwright.sync_api import expect

    app = make_app(settings)
    with serve(app) as server:
        token = app.state.setup_token
        assert token and token.startswith("st_")
        link = f"{server.url}/setup?token={token}"
        page = new_page(browser, server.url)

        # Without an account the onboarding page points at the console's link.
        page.goto(server.url + "/")
        expect(page.get_by_role("heading", name="This Acorn has no account yet")).to_be_visible()
        expect(page.locator("#no-account")).to_contain_text("acorn serve")

        page.goto(link)
        expect(page.get_by_role("heading", name="Create the owner account")).to_be_visible()
        assert "token" not in page.url  # the one-time secret left the address bar
        page.get_by_label("E-mail address").fill(EMAIL)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Confirm password").fill(PASSWORD + "!")
        page.get_by_role("button", name="Create account").click()
        expect(page.locator("#setup-error")).to_have_text("The two passwords are not the same.")
        page.get_by_label("Confirm password").fill(PASSWORD)
        page.get_by_label("Organisation name (optional)").fill("Hazel & Crumb")
        page.get_by_role("button", name="Create account").click()

        # Onboarding, signed in.
        page.wait_for_url(server.url + "/")
        expect(page.locator("#account-email")).to_have_text(EMAIL)
        page.get_by_label("Website address").fill(fixture_site.url)
        page.get_by_role("button", name="Create my agent").click()
        expect(page.locator("#progress")).to_be_visible()
        expect(page.locator("#stat-fetched")).not_to_have_text("0", timeout=60_000)
        expect(page.locator("#ready")).to_be_visible(timeout=180_000)
        agent_id = page.locator("#agent-id").text_content()
        page.get_by_label("Ask your agent").fill("What are your opening hours?")
        page.get_by_role("button", name="Ask").click()
        expect(page.locator("#answer-text")).not_to_be_empty()
        link_out = page.locator("a.source-link").first
        expect(link_out).to_be_visible()
        assert (link_out.get_attribute("href") or "").startswith(fixture_site.url)

        # The same site again: the agent it already has, not a second crawl.
        page.get_by_label("Website address").fill(fixture_site.url)
        page.get_by_role("button", name="Create my agent").click()
        expect(page.locator("#existing-note")).to_have_text(
            "You already have an agent for this site."
        )
        expect(page.locator("#ready")).to_be_visible()
        expect(page.locator("#agent-id")).to_have_text(agent_id or "")

        # The link is spent: in this tab and in a fresh one, and for the API too.
        for tab in (page, new_page(browser, server.url)):
            tab.goto(link)
            expect(tab.get_by_role("heading", name="Already set up — sign in")).to_be_visible()
            expect(tab.get_by_role("link", name="Sign in")).to_have_attribute("href", "/")
            expect(tab.locator("#create")).to_be_hidden()
        again = page.request.post(
            server.url + "/v1/auth/setup",
            data={"token": token, "email": "mallory@example.org", "password": PASSWORD},
        )
        assert again.status == 422
        assert "not valid" in again.json()["error"] and again.json()["hint"]


@pytest.fixture
def server(settings: Settings, owner: Owner) -> Iterator[Server]:
    with serve(make_app(settings)) as server:
        yield server


def test_sign_out_wrong_password_then_sign_in(browser, server: Server, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = new_page(browser, server.url)
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator("#start")).to_be_hidden()
    sign_in(page, owner.email, owner.password)
    expect(page.locator("#account-email")).to_have_text(owner.email)

    # A reload keeps the tab signed in (the refresh token in sessionStorage).
    page.reload()
    expect(page.locator("#account-email")).to_have_text(owner.email)
    expect(page.get_by_label("Website address")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#signin-notice")).to_have_text("You have signed out.")
    expect(page.locator("#account")).to_be_hidden()
    assert page.evaluate("sessionStorage.length") == 0
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    sign_in(page, owner.email, "not the password")
    expect(page.locator("#signin-error")).to_contain_text("wrong e-mail address or password")
    expect(page.locator("#start")).to_be_hidden()
    sign_in(page, owner.email, owner.password)
    expect(page.locator("#account-email")).to_have_text(owner.email)
    expect(page.locator("#signin")).to_be_hidden()


def test_an_expired_access_token_is_renewed_once_for_concurrent_calls(  # type: ignore[no-untyped-def]
    browser, server: Server, owner: Owner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    import acorn.auth.tokens

    # Expiry counts whole seconds from a truncated "now": a token lives 2 to 3 s, enough for
    # a renewed one to be used at once even on a busy machine.
    monkeypatch.setattr(acorn.auth.tokens, "ACCESS_SECONDS", 3)
    page = new_page(browser, server.url)
    page.goto(server.url + "/")
    sign_in(page, owner.email, owner.password)
    expect(page.locator("#account-email")).to_have_text(owner.email)
    page.wait_for_timeout(3_100)  # the access token has expired

    # Three calls at once with the expired token: one refresh serves them all (two would spend
    # the single-use refresh token twice, and the server would revoke the sign-in).
    emails = page.evaluate(
        """() => Promise.all([1, 2, 3].map(() => AcornAuth.api("GET", "/v1/auth/me")))
                  .then((all) => all.map((me) => me.user.email))"""
    )
    assert emails == [owner.email] * 3
    page.wait_for_timeout(3_100)
    # The page's own calls renew too: the form's answer is the server's, not a sign-in prompt.
    page.get_by_label("Website address").fill("ftp://example.com/")
    page.get_by_role("button", name="Create my agent").click()
    expect(page.locator("#url-error")).to_contain_text("unsupported scheme")
    expect(page.locator("#account-email")).to_have_text(owner.email)
