"""A small realistic business site built by hand, for chunker and index tests."""

from __future__ import annotations

from acorn.sitedata import (
    AddressOut,
    EmailOut,
    FAQOut,
    PageOut,
    PhoneOut,
    SectionOut,
    ServiceOut,
    SiteData,
    StructuredData,
)

ROOT = "http://bakery.test/"

LONG_HISTORY = " ".join(
    f"In {1950 + i} the bakery {verb} and the neighbourhood kept coming back for the sourdough."
    for i, verb in enumerate(
        ["opened its doors", "added a second oven", "won a county prize", "hired two apprentices",
         "started a Saturday market stall", "rebuilt the shopfront", "introduced rye loaves",
         "began delivering to cafés", "trained a new head baker", "switched to local flour",
         "opened a tea room", "celebrated fifty years", "launched cake decorating classes",
         "installed solar panels", "partnered with the school", "reduced its plastic use",
         "published a recipe book", "won a national award", "hosted a bread festival",
         "added gluten-free bread"] * 2
    )
)  # fmt: skip


def page(
    url: str, title: str, ptype: str, sections: list[tuple[list[str], int, str]], depth: int = 1
) -> PageOut:
    secs = [SectionOut(heading_path=p, level=lvl, text=t) for p, lvl, t in sections]
    text = "\n\n".join(t for _, _, t in sections)
    return PageOut(
        url=url,
        title=title,
        depth=depth,
        type=ptype,
        word_count=len(text.split()),
        clean_text=text,
        sections=secs,
        content_hash=str(hash(text)),
    )


def bakery_site(
    root: str = ROOT,
    *,
    hours_text: str = "Monday to Friday 7am to 6pm. Saturday 8am to 2pm. Closed on Sunday.",
) -> SiteData:
    pages = [
        page(root, "Crumb & Co Bakery", "home", [
            ([], 0, "Fresh bread baked every morning in the heart of Ryde."),
            (["Welcome"], 1, "We are a family bakery making sourdough, pastries and celebration cakes."),
        ], depth=0),
        page(root + "contact/", "Contact us", "contact", [
            (["Contact us"], 1, "Call us on 01983 555123 or email hello@crumbandco.test."),
            (["Contact us", "Opening hours"], 2, hours_text),
            (["Contact us", "Find us"], 2, "We are at 12 High Street, Ryde, PO33 2AB, opposite the library."),
        ]),
        page(root + "prices/", "Prices", "pricing", [
            (["Price list"], 1, "- Sourdough loaf | £4.50\n- Croissant | £1.80\n- Celebration cake (8 inch) | £35"),
            (["Price list", "Delivery"], 2, "Delivery within Ryde costs £3. Orders over £30 are delivered free."),
        ]),
        page(root + "about/", "About us", "about", [
            (["Our story"], 1, LONG_HISTORY),
            (["Meet the team"], 1, "Jane Baker is our head baker. Tom Flour runs the tea room."),
        ]),
        page(root + "policies/", "Policies", "legal", [
            (["Cancellation policy"], 1, "Cake orders can be cancelled free of charge up to 48 hours before collection. Later cancellations are charged 50% of the price."),
            (["Allergens"], 1, "All our products are made in a kitchen that handles nuts, gluten and sesame."),
        ]),
    ]  # fmt: skip
    return SiteData(
        root_url=root,
        name="Crumb & Co Bakery",
        summary="Family bakery in Ryde making sourdough, pastries and celebration cakes.",
        structured_data=StructuredData(
            name="Crumb & Co Bakery",
            address=AddressOut(formatted="12 High Street, Ryde, PO33 2AB", source_url=root + "contact/"),
            phones=[PhoneOut(e164="+441983555123", display="01983 555123", source_url=root + "contact/")],
            emails=[EmailOut(address="hello@crumbandco.test", source_url=root + "contact/")],
            opening_hours={
                "monday": [["07:00", "18:00"]], "tuesday": [["07:00", "18:00"]],
                "wednesday": [["07:00", "18:00"]], "thursday": [["07:00", "18:00"]],
                "friday": [["07:00", "18:00"]], "saturday": [["08:00", "14:00"]], "sunday": [],
            },
            opening_hours_source=root + "contact/",
            services=[ServiceOut(name="Celebration cake (8 inch)", price="£35", currency="GBP", amount=35, source_url=root + "prices/")],
        ),
        pages=pages,
        auto_faqs=[FAQOut(question="Do you make gluten-free bread?", answer="Yes, every Friday.", source_url=root + "about/")],
    )  # fmt: skip
