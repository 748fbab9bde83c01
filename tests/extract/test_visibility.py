"""What a visitor can never see is never read; what they can open is."""

from __future__ import annotations

from pathlib import Path

from acorn.crawl.types import FetchedPage
from acorn.extract.dom import parse_html
from acorn.extract.page import extract_page
from acorn.extract.visibility import drop_invisible

SCRIPTED = Path(__file__).resolve().parent.parent / "fixtures" / "scripted"


def test_holiday_drafts_are_not_read_but_closed_panels_are() -> None:
    html = (SCRIPTED / "panels" / "index.html").read_text(encoding="utf-8")
    url = "http://physio.test/"
    page = extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=0))
    for draft in ("Christmas Eve", "New Year's Eve", "Whit Monday"):
        assert draft not in page.clean_text
        assert all(draft not in str(f.value) + f.context for f in page.facts)
    # a block hidden by a stylesheet rule may be shown by a script: only the browser can tell
    assert "Easter Monday" in page.clean_text
    hours = [f.value for f in page.facts if f.kind == "opening_hours" and "monday" in f.value]
    assert hours[:1] == [
        {
            day: [["08:00", "19:00"]]
            for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
        }
        | {"saturday": [["09:00", "12:00"]]}
    ]
    # hidden until clicked, but a visitor can open them
    assert "Deep tissue sports massage" in page.clean_text
    assert "No referral is needed" in page.clean_text


def test_hidden_blocks_without_a_control_are_dropped_and_their_tail_kept() -> None:
    root = parse_html(
        "<html><body><p>Open <span style='display:none'>closed</span>daily</p>"
        "<div id='more' hidden>More opening notes</div><a href='#more'>More</a>"
        "<div hidden>Old prices</div></body></html>"
    )
    assert root is not None
    assert drop_invisible(root) == 2
    text = " ".join(" ".join(root.itertext()).split())
    assert text == "Open daily More opening notes More"
