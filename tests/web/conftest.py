"""Browser tests' fixtures: headless Chromium (skipped where it is missing), the owner account
created the way `acorn users create` does it, and signing in through the page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from acorn.auth.accounts import add_member, default_organization
from acorn.config import Settings
from acorn.crawl.render import CHROMIUM_ARGS
from acorn.store import Database


@dataclass(frozen=True)
class Owner:
    email: str
    password: str


@pytest.fixture
def owner(settings: Settings) -> Owner:
    """An owner in the default organisation of the test's fresh database (before the server
    starts, so it prints no setup link)."""
    made = Owner("owner@hazel-crumb.example", "correct horse battery")
    db = Database(settings).ensure_ready()
    try:
        add_member(db, default_organization(db).id, made.email, "owner", made.password, "Olive")
    finally:
        db.dispose()
    return made


@pytest.fixture
def browser(settings: Settings) -> Iterator[object]:
    if not os.path.exists(settings.chromium_path):
        pytest.skip(f"Chromium not found at {settings.chromium_path}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=settings.chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
