"""Every page's people, labelled policies and hours notes → one deduplicated list each for
the site document.

A person appears on the team page, the about page and a bio page; a payment note repeats in
every footer. One record survives per person (schema.org's over markup's, a team page's over
another's: the site's own declaration of who does what) and per policy text, in page order, so
the first page a visitor would meet is the one an answer cites.
"""

from __future__ import annotations

import re

from acorn.extract.types import ExtractedPage, PageType, Person
from acorn.sitedata import HoursNoteOut, PersonOut, PolicyOut
from acorn.values.person import name_key

_ORIGIN = {"jsonld": 0, "microdata": 1, "markup": 2}
_PAGE = {PageType.TEAM: 0, PageType.ABOUT: 1}
MAX_PER_KIND = 3  # policies of one kind kept (a site says its cancellation terms once or twice)
MAX_NOTES = 10


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def site_people(pages: list[ExtractedPage]) -> list[PersonOut]:
    best: dict[str, tuple[tuple[int, int, int], Person]] = {}
    quals: dict[str, str] = {}
    for order, page in enumerate(pages):
        for person in page.people:
            key = name_key(person.name)
            rank = (_ORIGIN.get(person.origin, 3), _PAGE.get(page.type, 2), order)
            if person.qualifications:
                quals.setdefault(key, person.qualifications)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, person)
    ranked = sorted(best.items(), key=lambda kv: kv[1][0][1:])  # page order, as printed
    return [
        PersonOut(
            name=p.name,
            role=p.role,
            qualifications=p.qualifications or quals.get(key),
            source_url=p.source_url,
        )
        for key, (_, p) in ranked
    ]


def site_policies(pages: list[ExtractedPage]) -> list[PolicyOut]:
    out: list[PolicyOut] = []
    seen: set[tuple[str, str]] = set()
    per_kind: dict[str, int] = {}
    for page in pages:
        for policy in page.policies:
            key = (policy.kind, _norm(policy.text))
            if key in seen or per_kind.get(policy.kind, 0) >= MAX_PER_KIND:
                continue
            seen.add(key)
            per_kind[policy.kind] = per_kind.get(policy.kind, 0) + 1
            out.append(
                PolicyOut(
                    kind=policy.kind,
                    label=policy.label,
                    text=policy.text,
                    source_url=policy.source_url,
                )
            )
    return out


def site_hours_notes(pages: list[ExtractedPage]) -> list[HoursNoteOut]:
    out: list[HoursNoteOut] = []
    seen: set[str] = set()
    for page in pages:
        for note in page.hours_notes:
            key = _norm(note.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(HoursNoteOut(text=note.text, source_url=note.source_url))
    return out[:MAX_NOTES]
