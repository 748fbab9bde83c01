"""Facts and site FAQs as their own small chunks, so "what are your hours?" meets the hours
directly instead of a paragraph that happens to mention them."""

from __future__ import annotations

from dataclasses import dataclass

from acorn.sitedata import SiteData

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(slots=True)
class FactText:
    url: str
    heading: str
    text: str
    kind: str  # fact | faq
    facts: list[dict]
    category: str | None = None  # a chunk category when the heading does not name one


def _hours_text(hours: dict[str, list[list[str]]], notes: list[str]) -> str:
    parts = []
    for day in DAYS:
        if day not in hours:
            continue
        spans = hours[day]
        when = ", ".join(f"{a}–{b}" for a, b in spans) if spans else "closed"
        parts.append(f"{day.capitalize()} {when}")
    text = "Opening hours: " + "; ".join(parts) + "." if parts else ""
    if notes:
        text = (text + " " + " ".join(notes)).strip()
    return text


def _home_of(site: SiteData, values: list[str], default: str) -> str:
    """Where a site-wide fact (phone, email, address) lives for a visitor: the contact page
    that shows it, else the home page that shows it, else where it was first read."""
    for wanted in ("contact", "home"):
        for page in site.pages:
            if page.type == wanted and any(v and v in page.clean_text for v in values):
                return page.url
    return default


def fact_texts(site: SiteData) -> list[FactText]:
    sd = site.structured_data
    root = site.root_url
    out: list[FactText] = []
    name = sd.name or site.name
    if name and site.summary:
        out.append(FactText(root, "About", f"{name}: {site.summary}", "fact", []))
    phones_by_number = {p.e164 or p.display: p for p in reversed(sd.phones)}
    phone_list = [p for p in sd.phones if phones_by_number.get(p.e164 or p.display) is p]
    if phone_list:
        phones = "; ".join(p.display for p in phone_list)
        out.append(
            FactText(
                _home_of(site, [p.display for p in phone_list], sd.phones[0].source_url),
                "Phone",
                f"Phone number{'s' if len(phone_list) > 1 else ''}: {phones}.",
                "fact",
                [{"kind": "phone", "value": p.model_dump()} for p in phone_list],
            )
        )
    email_list = list(dict.fromkeys(e.address for e in sd.emails))
    if email_list:
        emails = "; ".join(email_list)
        out.append(
            FactText(
                _home_of(site, email_list, sd.emails[0].source_url),
                "Email",
                f"Email: {emails}.",
                "fact",
                [{"kind": "email", "value": e} for e in email_list],
            )
        )
    addresses = sd.addresses or ([sd.address] if sd.address else [])
    for addr in addresses[:3]:
        out.append(
            FactText(
                _home_of(site, [addr.street or addr.formatted], addr.source_url),
                "Address",
                f"Address: {addr.formatted}.",
                "fact",
                [{"kind": "address", "value": addr.model_dump()}],
            )
        )
    notes = [*sd.opening_hours_notes, *(n.text for n in sd.hours_notes)]
    if sd.opening_hours or notes:
        text = _hours_text(sd.opening_hours, notes)
        if text:
            out.append(
                FactText(
                    sd.opening_hours_source or root,
                    "Opening hours",
                    text,
                    "fact",
                    [{"kind": "opening_hours", "value": sd.opening_hours}],
                )
            )
    for svc in sd.services:
        name = f"{svc.name} ({svc.variant})" if svc.variant else svc.name
        text = name + (f": {svc.price}" if svc.price else "") + "."
        for extra in (svc.description, svc.section):  # "Deep clean: £40. Cleaning"
            if extra and extra not in text:
                text += f" {extra}"
        heading = "Prices" if svc.price else "Services"
        out.append(
            FactText(
                svc.source_url,
                heading,
                text,
                "fact",
                [{"kind": "service", "value": svc.model_dump()}],
            )
        )
    for person in sd.people:  # a name and its role in one chunk, whatever the page's layout
        quals = f" ({person.qualifications})" if person.qualifications else ""
        out.append(
            FactText(
                person.source_url,
                "Team",
                f"{person.name}{quals}: {person.role}.",
                "fact",
                [{"kind": "person", "value": person.model_dump()}],
            )
        )
    for policy in sd.policies:
        out.append(
            FactText(
                policy.source_url,
                policy.label,
                f"{policy.label}: {policy.text}",
                "fact",
                [{"kind": "policy", "value": policy.model_dump()}],
                "policy",
            )
        )
    if sd.price_range:
        out.append(FactText(root, "Prices", f"Price range: {sd.price_range}.", "fact", []))
    for faq in site.auto_faqs:
        out.append(
            FactText(faq.source_url, "FAQ", f"Q: {faq.question}\nA: {faq.answer}", "faq", [])
        )
    return out
