"""The embedded widget in real headless Chromium against a real uvicorn server, on host pages
served from other loopback ports (other origins): a page with hostile CSS, scraped content
that carries markup, a disallowed origin, keyboard-only use, the lead form and thumbs.
Screenshots of the open widget (desktop and mobile widths) are kept under the test's tmp dir
and ``tests/artifacts/`` (git-ignored)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from acorn.store import Conversation, Lead
from acorn.web.widget import HERE as WIDGET_DIR
from tests.jobs.harness import wait_for
from tests.web.widget_world import World, widget_world

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
HOURS = "What are your opening hours?"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with widget_world(tmp_path_factory.mktemp("widget") / "data") as w:
        yield w


@pytest.fixture
def page(browser, world: World) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    before = page.locator(".m.a").count()
    page.locator("form:not(.lead) input").fill(question)
    page.locator("form:not(.lead) input").press("Enter")
    expect(page.locator(".m.a")).to_have_count(before + 1)


def open_widget(page, world: World, origin: str | None = None) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto((origin or world.host.url) + "/")
    fab = page.locator(".fab")
    expect(fab).to_be_visible()
    fab.click()  # a click that lands: nothing of the page's covers the button
    expect(page.locator(".p")).to_be_visible()


def test_widget_on_a_hostile_page_answers_with_a_working_source_link(
    page, world: World, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_widget(page, world)
    page.mouse.move(10, 10)  # off the button (it grows on hover)
    page.wait_for_timeout(300)
    box = page.locator(".fab").bounding_box()
    assert box and box["width"] == 56 and box["x"] > 1280 - 100 and box["y"] > 800 - 100
    assert page.locator(".m.a").first.evaluate("e => getComputedStyle(e).fontSize") == "15px"
    ask(page, HOURS)
    answer = page.locator(".m.a").last
    expect(answer).to_contain_text("9am")
    link = answer.locator("a").first
    href = link.get_attribute("href") or ""
    assert href.startswith(world.site.url)
    with page.context.expect_page() as opened:
        link.click()
    assert opened.value.url.startswith(world.site.url)
    opened.value.close()

    answer.get_by_role("button", name="Helpful", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Thanks for your feedback.")
    with world.db.session() as s:
        scores = s.scalars(select(Conversation.satisfaction_score)).all()
    assert 1 in scores

    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("desktop", (1280, 800)), ("mobile", (375, 700))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        shot = page.screenshot()
        (tmp_path / f"widget-{name}.png").write_bytes(shot)
        (ARTIFACTS / f"widget-{name}.png").write_bytes(shot)
    panel = page.locator(".p").bounding_box()
    assert panel and panel["width"] == 375  # full width on a phone
    assert page.errors == []  # type: ignore[attr-defined]


def test_scraped_markup_is_shown_as_text_and_never_runs(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_widget(page, world)
    ask(page, HOURS)
    ask(page, "How much does a puncture repair cost?")
    shown = page.locator(".log").inner_text()
    assert "<img" in shown or "<script>" in shown  # the markup is there, as text
    page.wait_for_timeout(300)  # an onerror would have fired by now
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".log img, .log script").count() == 0
    expect(page.locator(".log a").first).to_have_attribute("href", world.site.url + "/")


def test_a_disallowed_origin_is_refused_politely_without_a_token(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    tokens = []
    page.on("request", lambda r: tokens.append(r.url) if r.url.endswith("/token") else None)
    open_widget(page, world, world.stranger.url)
    expect(page.locator(".m.e")).to_have_text(
        "Sorry, the assistant is not available here right now."
    )
    expect(page.locator("form:not(.lead) input")).to_be_disabled()
    assert tokens == []


def test_keyboard_only(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(world.host.url + "/")
    expect(page.locator(".fab")).to_be_visible()
    page.locator("#first").focus()
    for _ in range(10):  # Tab from the page's first link to the widget's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.hasAttribute('data-acorn-widget')"):
            break
    expect(page.locator(".fab")).to_be_focused()
    page.keyboard.press("Enter")
    question = page.locator("form:not(.lead) input")
    expect(question).to_be_focused()
    page.keyboard.type(HOURS)
    page.keyboard.press("Enter")
    expect(page.locator(".m.a").last).to_contain_text("9am")
    for _ in range(12):  # focus stays in the panel
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement?.hasAttribute('data-acorn-widget')")
    page.keyboard.press("Escape")
    expect(page.locator(".p")).to_be_hidden()
    expect(page.locator(".fab")).to_be_focused()
    expect(page.locator(".fab")).to_have_attribute("aria-expanded", "false")


def test_lead_form_validates_and_stores(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_widget(page, world)
    page.get_by_role("button", name="Contact me").click()
    form = page.locator("form.lead")
    expect(form.get_by_label("Name")).to_be_focused()
    form.get_by_role("button", name="Send details").click()
    expect(form.get_by_role("alert")).to_have_text("Please enter your name.")
    form.get_by_label("Name").fill("Grace Hopper")
    form.get_by_label("E-mail").fill("grace@")
    form.get_by_role("button", name="Send details").click()
    expect(form.get_by_role("alert")).to_have_text("Please enter a valid e-mail address.")
    expect(form.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    form.get_by_label("E-mail").fill("grace@navy.example.org")
    form.get_by_label("Phone").fill("+44 20 7946 0999")
    form.get_by_label("Message (optional)").fill("Please call about a cargo bike.")
    form.get_by_role("button", name="Send details").click()
    expect(page.locator(".m.a").last).to_have_text("Thanks! We will be in touch.")

    def stored() -> list[Lead]:
        with world.db.session() as s:
            return list(s.scalars(select(Lead).where(Lead.name == "Grace Hopper")))

    lead = wait_for(stored, timeout=10)[0]
    assert (lead.email, lead.phone) == ("grace@navy.example.org", "+442079460999")


def test_widget_script_is_within_its_size_budget() -> None:
    raw = (WIDGET_DIR / "widget.js").read_bytes()
    assert len(gzip.compress(raw, 9)) <= 12 * 1024
