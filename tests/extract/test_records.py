"""People and policies across pages: one record per person (schema.org's wins, qualifications
merged), one per policy text, carried into the site document with their pages."""

from __future__ import annotations

from acorn.extract.site import assemble_site
from acorn.extract.types import ExtractedPage, PageType, Person, Policy
from acorn.sitedata import PersonOut, PolicyOut, SiteData

ROOT = "https://yoga.example"


def page(path: str, ptype: PageType, depth: int = 1, **kw: object) -> ExtractedPage:
    return ExtractedPage(
        url=ROOT + path, title=path, depth=depth, type=ptype, description="", lang="en",
        clean_text="", sections=[], **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_people_and_policies_deduplicated_across_pages() -> None:
    about = page(
        "/about/",
        PageType.ABOUT,
        people=[Person("Nina Berg", "Founder", ROOT + "/about/", "MCSP")],
        policies=[Policy("payment", "Payment", "Cash or card.", ROOT + "/about/")],
    )
    team = page(
        "/team/",
        PageType.TEAM,
        depth=2,
        people=[
            Person("Nina Berg", "Founder and lead teacher", ROOT + "/team/", None, "jsonld"),
            Person("Olek Nowak", "Teacher", ROOT + "/team/"),
        ],
        policies=[
            Policy("payment", "Paying", "Cash  or card!", ROOT + "/team/"),
            Policy("parking", "Parking", "On the street.", ROOT + "/team/"),
        ],
    )
    site = assemble_site(ROOT + "/", [team, about])
    sd = site.structured_data
    assert sd.people == [
        PersonOut(name="Nina Berg", role="Founder and lead teacher", qualifications="MCSP",
                  source_url=ROOT + "/team/"),
        PersonOut(name="Olek Nowak", role="Teacher", source_url=ROOT + "/team/"),
    ]  # fmt: skip
    assert sd.policies == [
        PolicyOut(kind="payment", label="Payment", text="Cash or card.", source_url=ROOT + "/about/"),
        PolicyOut(kind="parking", label="Parking", text="On the street.", source_url=ROOT + "/team/"),
    ]  # fmt: skip
    # they survive the crawl JSON (what the database stores as the agent's profile)
    again = SiteData.model_validate_json(site.model_dump_json())
    assert again.structured_data.people == sd.people
    assert again.structured_data.policies == sd.policies
