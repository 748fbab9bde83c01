"""Helpers for the browser tests: a fresh tab, and signing in through the page's form."""

from __future__ import annotations


def new_page(browser, base_url: str):  # type: ignore[no-untyped-def]
    """A tab in a fresh context (its own sessionStorage: a new visitor)."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def sign_in(page, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
