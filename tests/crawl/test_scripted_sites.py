"""Sites whose content appears only when scripts run (tests/fixtures/scripted), crawled and
extracted with the real Chromium: what a visitor sees is what Acorn keeps."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.scrape import scrape_site
from acorn.sitedata import SiteData
from tests.support.siteserver import SiteServer

SCRIPTED = Path(__file__).resolve().parent.parent / "fixtures" / "scripted"


@pytest.fixture
def serve() -> Iterator[dict[str, SiteServer]]:
    servers: dict[str, SiteServer] = {}
    yield servers
    for server in servers.values():
        server.stop()


async def scrape(
    settings: Settings, servers: dict[str, SiteServer], site: str, render_js: str = "auto"
) -> SiteData:
    servers[site] = server = SiteServer(SCRIPTED / site).start()
    config = ScrapingConfig(delay_seconds=0, render_js=render_js, max_pages=20)  # type: ignore[arg-type]
    with ThreadPoolExecutor(1) as pool:
        return await scrape_site(server.url, settings, config, executor=pool)


def page_texts(site: SiteData) -> dict[str, str]:
    return {urlsplit(p.url).path: p.clean_text for p in site.pages}


def everything(site: SiteData) -> str:
    """All that extraction kept: page text, section headings, facts and structured data."""
    return site.model_dump_json()


@pytest.mark.slow
async def test_injected_nav_and_footer_are_read_and_placeholders_are_not(
    settings: Settings, serve: dict[str, SiteServer]
) -> None:
    site = await scrape(settings, serve, "injected")
    assert set(page_texts(site)) == {"/", "/services/", "/visit/"}  # linked only by nav.html
    assert all(p.rendered for p in site.pages)
    data = everything(site)
    for placeholder in ("555-123-4567", "123 Main Street", "Your City", "Monday to Sunday"):
        assert placeholder not in data
    phones = {p.e164 for p in site.structured_data.phones}
    assert phones == {"+442079460958"}
    assert any("14 Quay Lane" in a.formatted for a in site.structured_data.addresses)
    noted = [e["reason"] for e in site.log if e["kind"] == "note"]
    assert len(noted) == 1 and "every page is rendered" in noted[0]
    assert "links only in the rendered page" in noted[0]


@pytest.mark.slow
async def test_static_crawl_of_injected_site_keeps_the_placeholders(
    settings: Settings, serve: dict[str, SiteServer]
) -> None:
    """The failure this fixes, pinned: without the browser only the entry page is found."""
    site = await scrape(settings, serve, "injected", render_js="never")
    assert set(page_texts(site)) == {"/"}


@pytest.mark.slow
async def test_every_menu_tab_is_read_under_its_label(
    settings: Settings, serve: dict[str, SiteServer]
) -> None:
    site = await scrape(settings, serve, "nextjs")
    (page,) = site.pages
    by_tab = {s.heading_path[-1]: s.text for s in page.sections}
    assert "Buttermilk pancakes" in by_tab["Breakfast"] and "$9.50" in by_tab["Breakfast"]
    assert "Smoked trout salad" in by_tab["Lunch"] and "$14.25" in by_tab["Lunch"]
    assert "Kettle club sandwich" in by_tab["Lunch"] and "$13.00" in by_tab["Lunch"]
    assert "Rhubarb lemonade" in by_tab["Drinks"] and "$4.75" in by_tab["Drinks"]
    assert "Cold brew coffee" in by_tab["Drinks"] and "$5.00" in by_tab["Drinks"]
    names = {s.name for s in site.structured_data.services}
    assert {"Rhubarb lemonade", "Cold brew coffee"} <= names


@pytest.mark.slow
async def test_tabs_accordions_and_details_are_opened_but_holiday_drafts_stay_out(
    settings: Settings, serve: dict[str, SiteServer]
) -> None:
    site = await scrape(settings, serve, "panels")
    (page,) = site.pages
    by_heading = {s.heading_path[-1]: s.text for s in page.sections}
    assert "Deep tissue sports massage, 60 minutes: £48" in by_heading["Sports massage"]
    assert "Small-group clinical pilates, six-week course: £90" in by_heading["Clinical pilates"]
    assert "No referral is needed" in by_heading["Do I need a referral?"]
    assert "24 hours notice" in by_heading["Cancellation policy"]
    data = everything(site)
    for draft in ("Holiday hours", "Christmas Eve", "New Year's Eve", "Easter", "Whit Monday"):
        assert draft not in data
    hours = site.structured_data.opening_hours
    assert hours is not None and hours.get("monday") == [["08:00", "19:00"]]


@pytest.mark.slow
async def test_single_page_app_deep_links_are_followed_inside_the_browser(
    settings: Settings, serve: dict[str, SiteServer]
) -> None:
    site = await scrape(settings, serve, "spa")
    texts = page_texts(site)
    assert set(texts) == {"/", "/classes", "/contact"}
    assert "Taster session for beginners, 90 minutes: £25" in texts["/classes"]
    assert "Millstone Trading Estate" in texts["/contact"]
    assert "nothing at this address" not in everything(site)
    noted = [e["reason"] for e in site.log if e["kind"] == "note"]
    assert noted and "single-page app" in noted[0]
