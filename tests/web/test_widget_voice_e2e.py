"""The widget's voice mode in real headless Chromium against a real uvicorn server: Chromium's
fake microphone plays a question spoken by espeak-ng (then long silence, since it loops the
file), the widget asks for consent, streams the mic over the realtime WebSocket, shows the
transcript and the answer with its source, and plays the reply; pressing the mic while it
speaks stops the reply (barge-in); Cancel keeps text mode; without WebSocket the recording is
uploaded to ``POST .../voice`` instead."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from acorn.crawl.render import CHROMIUM_ARGS
from tests.voice.speech import silence, spoken
from tests.web.widget_world import World, widget_world

pytestmark = pytest.mark.slow

QUESTION = "What is your phone number?"
PHONE = "7946 0321"  # the fixture workshop's number, as its contact page gives it


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with widget_world(tmp_path_factory.mktemp("widget-voice") / "data") as w:
        yield w


@pytest.fixture(scope="module")
def question_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The question at 16 kHz, then silence long enough that Chromium's loop of the file does
    not start again (and barge in) before the reply has played."""
    pcm = np.concatenate([silence(0.3), spoken(QUESTION).samples, silence(12.0)])
    path = tmp_path_factory.mktemp("audio") / "question.wav"
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(16000)
        f.writeframes(pcm.astype("<i2").tobytes())
    return path


@pytest.fixture(scope="module")
def voice_browser(world: World, question_wav: Path) -> Iterator[object]:
    import os

    if not os.path.exists(world.settings.chromium_path):
        pytest.skip(f"Chromium not found at {world.settings.chromium_path}")
    from playwright.sync_api import sync_playwright

    fake_mic = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={question_wav}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=world.settings.chromium_path, args=CHROMIUM_ARGS + fake_mic
        )
        yield browser
        browser.close()


@pytest.fixture
def page(voice_browser, world: World) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = voice_browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["microphone"], origin=world.host.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def open_and_allow(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(world.host.url + "/")
    page.locator(".fab").click()
    mic = page.get_by_role("button", name="Talk to us")
    expect(mic).to_be_visible()
    mic.press("Enter")  # keyboard operable
    expect(page.locator(".m.a").last).to_contain_text("Your questions are stored")
    page.get_by_role("button", name="Allow").click()
    expect(page.locator("form:not(.lead) .b.g")).to_have_attribute("aria-pressed", "true")


def expect_spoken_answer(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    expect(page.locator(".m.u").last).to_contain_text("phone", timeout=90_000, ignore_case=True)
    answer = page.locator(".m.a").filter(has_text=PHONE)
    expect(answer).to_have_count(1, timeout=60_000)
    assert (answer.locator("a").first.get_attribute("href") or "").startswith("http")
    expect(page.locator(".w[data-played]")).to_have_count(1, timeout=30_000)


def test_a_spoken_question_is_answered_and_spoken_and_barge_in_stops_the_reply(
    page, world: World
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_and_allow(page, world)
    mic = page.locator("form:not(.lead) .b.g")
    expect(mic).to_have_attribute("data-state", "listening")
    expect(page.get_by_role("status")).to_have_text("Listening…")
    expect(page.locator(".lv")).to_be_visible()  # the level meter
    expect_spoken_answer(page)
    expect(mic).to_have_attribute("data-state", "speaking")
    mic.click()  # barge-in
    expect(mic).to_have_attribute("data-state", "listening")
    page.wait_for_timeout(800)
    assert mic.get_attribute("data-state") == "listening"  # the rest of the reply was dropped
    assert page.evaluate("sessionStorage.getItem(Object.keys(sessionStorage).find("
                         "k => k.startsWith('acorn.consent')))") == "1"  # fmt: skip
    mic.click()  # stop: the mic is released
    expect(mic).to_have_attribute("aria-pressed", "false")
    assert page.errors == []  # type: ignore[attr-defined]


def test_cancel_on_consent_keeps_text_mode(page, world: World) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(world.host.url + "/")
    page.locator(".fab").click()
    page.get_by_role("button", name="Talk to us").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Allow")).to_have_count(0)
    expect(page.locator("form:not(.lead) .b.g")).to_have_attribute("aria-pressed", "false")
    page.locator("form:not(.lead) input").fill("What are your opening hours?")
    page.locator("form:not(.lead) input").press("Enter")
    expect(page.locator(".m.a").last).to_contain_text("9am")
    assert page.errors == []  # type: ignore[attr-defined]


def test_without_websocket_the_recording_is_uploaded(page, world: World) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script("delete window.WebSocket")
    uploads = []
    page.on(
        "request", lambda r: uploads.append(r.url) if r.url.endswith("/voice?format=mp3") else None
    )
    open_and_allow(page, world)
    expect_spoken_answer(page)  # stopped by the quiet after the question, then uploaded
    assert uploads and page.errors == []  # type: ignore[attr-defined]
