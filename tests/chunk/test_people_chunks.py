"""Chunking never separates a person from their role: a long team section is split between
cards, never between a name line and the role under it, and every person and labelled policy
is also a small fact chunk of its own."""

from __future__ import annotations

import pytest

from acorn.chunk import Category, ChunkBounds, TokenCounter, chunk_site
from acorn.sitedata import PageOut, PersonOut, PolicyOut, SectionOut, SiteData, StructuredData

ROOT = "https://physio.example/"
FIRST = ["Anna", "Piotr", "Marta", "Jan", "Ewa", "Tomasz", "Ola", "Kasia", "Adam", "Zofia"] * 2
LAST = ["Kowalska", "Nowak", "Lis", "Wójcik", "Mazur", "Krawiec", "Zając", "Duda", "Sowa", "Bąk"]
LAST += [n + "-Lee" for n in LAST]


def role(filler: int) -> str:
    return "Senior physiotherapist" + " and coach" * filler


def team_site(filler: int = 0) -> SiteData:
    lines = []
    for first, last in zip(FIRST, LAST, strict=True):
        lines += [f"{first} {last}", role(filler), f"{first} treats back pain and stiff joints."]
    page = PageOut(
        url=ROOT + "team/", title="Team", depth=1, type="team", word_count=400,
        clean_text="\n".join(lines),
        sections=[SectionOut(heading_path=["Our team"], level=1, text="\n".join(lines))],
    )  # fmt: skip
    sd = StructuredData(
        people=[PersonOut(name="Anna Kowalska", role="Owner", source_url=ROOT + "team/")],
        policies=[
            PolicyOut(kind="parking", label="Parking", text="Free.", source_url=ROOT + "visit/")
        ],
    )
    return SiteData(root_url=ROOT, pages=[page], structured_data=sd)


@pytest.mark.parametrize("filler", range(6))  # moves where the budget runs out
def test_a_split_never_falls_between_name_and_role(
    counter: TokenCounter, bounds: ChunkBounds, filler: int
) -> None:
    chunks = [c for c in chunk_site(team_site(filler), counter, bounds) if c.kind == "text"]
    assert len(chunks) >= 2  # the section is long enough to be split
    for chunk in chunks:
        lines = chunk.content.split("\n")
        for i, line in enumerate(lines):
            if any(line == f"{f} {s}" for f, s in zip(FIRST, LAST, strict=True)):
                assert i + 1 < len(lines) and lines[i + 1] == role(filler)


def test_people_and_policies_are_fact_chunks(counter: TokenCounter, bounds: ChunkBounds) -> None:
    facts = {c.content: c for c in chunk_site(team_site(), counter, bounds) if c.kind == "fact"}
    assert facts["Anna Kowalska: Owner."].category == Category.TEAM
    assert facts["Parking: Free."].category == Category.POLICY
    assert facts["Parking: Free."].page_url == ROOT + "visit/"
