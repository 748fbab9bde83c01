"""Answer plain facts straight from the site's structured data: hours, phone, email, address,
the price of a named service, owner-approved FAQs and the site's own FAQ pairs.

These are the questions callers ask most and the ones a wrong answer hurts most, so they skip
retrieval and read the fact itself, citing the page it was found on. Anything the fast path is
unsure about (an unknown service, a named person's email, "holiday hours") falls through to
retrieval instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from acorn.answer import hours as hours_speech
from acorn.answer.intent import Intent
from acorn.answer.records import Found, hours_note_answer, people_answer, policy_answer
from acorn.answer.referents import names_a_person
from acorn.answer.similarity import Similarity
from acorn.answer.text import PRICE_WORDS, content_terms, stem, stem_set
from acorn.answer.types import AgentContext, Answer, ApprovedFAQ, Source
from acorn.sitedata import SocialOut

_HOURS_VOCAB = {
    stem(w)
    for w in [
        "open",
        "opens",
        "opening",
        "close",
        "closes",
        "closing",
        "closed",
        "hour",
        "hours",
        "time",
        "times",
        "today",
        "tomorrow",
        "day",
        "days",
        "week",
        "weekly",
        "normal",
        "usual",
        "regular",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "weekday",
        "weekdays",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "late",
        "early",
        "morning",
        "afternoon",
        "evening",
    ]
}
_CONTACT_VOCAB = {
    stem(w)
    for w in [
        "phone",
        "telephone",
        "tel",
        "number",
        "call",
        "ring",
        "mobile",
        "email",
        "e-mail",
        "mail",
        "address",
        "contact",
        "reach",
        "touch",
        "speak",
        "someone",
        "best",
        "located",
        "location",
        "where",
        "find",
        "directions",
        "postcode",
        "zip",
        "code",
        "exactly",
        "get",
    ]
}
_CLOSE_WORDS = re.compile(r"\b(close|closes|closing|finish|shut)\b", re.IGNORECASE)
_PRICE_VOCAB = {
    stem(w)
    for w in [
        *PRICE_WORDS,
        "charges",
        "pay",
        "rate",
        "rates",
        "expensive",
        "cheap",
        "afford",
        "typically",
        "usually",
        "roughly",
        "approximately",
        "would",
    ]
}


@dataclass(slots=True)
class FastPathConfig:
    service_match: float = 0.55  # how well a service name must match the question's words


class FastPath:
    def __init__(self, similarity: Similarity | None, config: FastPathConfig | None = None) -> None:
        self.similarity = similarity
        self.config = config or FastPathConfig()

    def answer(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        faq = self._faq(ctx, query)
        if faq is not None:
            return faq
        if intent.personal and intent.kind in {"phone", "email", "address", "contact"}:
            if names_a_person(intent.possessor, self.similarity):
                return None
            # "the clinic's phone": the business's own detail, asked by the kind of place it is.
            query = _without_word(query, intent.possessor)
        handler = {
            "hours": self._hours,
            "phone": self._phone,
            "email": self._email,
            "address": self._address,
            "contact": self._contact,
            "price": self._price,
            "social": self._social,
            "people": self._people,
            "policy": self._policy,
        }.get(intent.kind)
        return handler(ctx, query, intent) if handler else None

    # ------------------------------------------------------------------ facts

    def _residual(self, ctx: AgentContext, query: str, vocab: set[str]) -> list[str]:
        """Question words the fact cannot speak to (beyond the topic words and the business's
        own name): "holiday hours" or "parking address" are not the plain fact."""
        own = stem_set(ctx.name or "") | stem_set(ctx.structured.name or "")
        return [t for t in content_terms(query) if t not in vocab and t not in own]

    def _hours(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        table = ctx.structured.opening_hours
        residual = self._residual(ctx, query, _HOURS_VOCAB)
        if residual:  # "bank holiday hours": a note the site wrote beside its hours, or nothing
            return _found(hours_note_answer(ctx.structured, residual), "hours", ctx)
        if not table:
            return None
        url = ctx.structured.opening_hours_source or ""
        clock = hours_speech.clock_of(hours_speech.business_country(ctx.structured))
        if intent.days:
            asks_close = bool(_CLOSE_WORDS.search(query))
            text = " ".join(
                hours_speech.day_answer(table, d, asks_close, clock) for d in intent.days[:2]
            )
        else:
            text = f"Our opening hours are: {hours_speech.week_summary(table, clock)}."
            notes = [n.text.rstrip(".") + "." for n in ctx.structured.hours_notes[:3]]
            text = " ".join([text, *notes])  # the site's own exceptions, word for word
        evidence = "Opening hours: " + hours_speech.week_summary(table, clock)
        return _fact_answer(text, "hours", url, evidence, ctx)

    def _phone(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        phones = ctx.structured.phones
        if not phones or self._residual(ctx, query, _CONTACT_VOCAB):
            return None
        shown = phones[0].display
        evidence = "Phone: " + shown
        return _fact_answer(
            f"You can call us on {shown}.", "phone", phones[0].source_url, evidence, ctx
        )

    def _email(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        emails = ctx.structured.emails
        if not emails or self._residual(ctx, query, _CONTACT_VOCAB):
            return None
        shown = emails[0].address  # the site's main address; others are often a webmaster's
        return _fact_answer(
            f"You can email us at {shown}.", "email", emails[0].source_url, "Email: " + shown, ctx
        )

    def _address(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        address = ctx.structured.address or (
            ctx.structured.addresses[0] if ctx.structured.addresses else None
        )
        if address is None or self._residual(ctx, query, _CONTACT_VOCAB):
            return None
        text = f"We're at {address.formatted.rstrip('.')}."
        return _fact_answer(text, "address", address.source_url, address.formatted, ctx)

    def _contact(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        sd = ctx.structured
        if not (sd.phones or sd.emails) or self._residual(ctx, query, _CONTACT_VOCAB):
            return None
        parts, evidence = [], []
        if sd.phones:
            parts.append(f"call us on {sd.phones[0].display}")
            evidence.append(f"Phone: {sd.phones[0].display}")
        if sd.emails:
            parts.append(f"email {sd.emails[0].address}")
            evidence.append(f"Email: {sd.emails[0].address}")
        url = sd.phones[0].source_url if sd.phones else sd.emails[0].source_url
        text = "You can " + " or ".join(parts) + "."
        return _fact_answer(text, "contact", url, "; ".join(evidence), ctx)

    def _price(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        priced = [s for s in ctx.structured.services if s.price]
        asked = [t for t in self._residual(ctx, query, _PRICE_VOCAB)]
        if not priced or not asked:
            return None
        best, best_score = None, 0.0
        for service in priced:
            name_terms = content_terms(service.name)
            if not name_terms:
                continue
            # Every word the visitor named should be in the service name too, or we may be
            # pricing a different service ("whitening" is not "cleaning"); and the name should
            # be mostly covered by the question ("Examination" is not "New patient examination").
            named = sum(1 for t in asked if _term_in(t, name_terms)) / len(asked)
            covered = sum(1 for t in name_terms if _term_in(t, asked)) / len(name_terms)
            score = 0.6 * named + 0.4 * covered
            if score > best_score:
                best, best_score = service, score
        # No match by meaning alone: "sourdough class" is as close to "sourdough loaf" as
        # "six-monthly check-up" is to "6 monthly examination", and a wrong price is worse
        # than retrieval's answer or an honest "I don't know".
        if best is None or best_score < self.config.service_match:
            return None
        text = f"{best.name.rstrip('.')} is {best.price}."
        evidence = f"{best.name}: {best.price}"
        if best.description and best.position is not None:
            # a price list's own words for the item ("two eggs any style, toast"): what the
            # visitor gets for the price, said with it
            said = best.description.rstrip(".")
            text += f" {said[:1].upper()}{said[1:]}."
            evidence += f". {best.description}"
        return _fact_answer(text, "price", best.source_url, evidence, ctx)

    def _social(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        links = ctx.structured.social
        if not links:
            return None
        q = query.lower()
        asked = [s for s in links if s.network.lower() in q]
        watching = bool(_WATCH.search(q))
        if not asked and watching:
            asked = [s for s in links if s.network.lower() in _VIDEO_NETWORKS]
        if not asked and not watching:
            asked = links
        if not asked:
            return None
        live = [s for s in asked if _LIVE.search(s.url)] if watching else []
        if live:
            text = f"Yes, you can watch our live streams on {_names(live)}."
        elif watching:
            text = f"You can watch us on {_names(asked)}."
        else:
            text = f"You can find us on {_names(asked)}."
        evidence = "; ".join(f"{s.network}: {s.url}" for s in asked)
        return _fact_answer(text, "social", asked[0].url, evidence, ctx)

    def _people(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        """ "Who runs the clinic?" / "Who is the practice manager?": name and printed role."""
        own = stem_set(ctx.name or "") | stem_set(ctx.structured.name or "")
        return _found(people_answer(ctx.structured, query, own, self.similarity), "people", ctx)

    def _policy(self, ctx: AgentContext, query: str, intent: Intent) -> Answer | None:
        """ "Can I pay by card?": the text the site labels as its payment policy, quoted."""
        return _found(policy_answer(ctx.structured, query), "policy", ctx)

    # ------------------------------------------------------------------ FAQs

    def _faq(self, ctx: AgentContext, query: str) -> Answer | None:
        """The owner's approved FAQs first, then the site's own question-answer pairs, matched
        the same way (``rag.faq_match_threshold``): a site that already answers "Do you take
        cards?" in an accordion should be quoted, citing that page."""
        for faqs, kind in ((ctx.faqs, "faq"), (ctx.site_faqs, "faq:site")):
            found = self._match(ctx, query, faqs, kind)
            if found is not None:
                return found
        return None

    def _match(
        self, ctx: AgentContext, query: str, faqs: list[ApprovedFAQ], kind: str
    ) -> Answer | None:
        if not faqs or self.similarity is None:
            return None
        scores = self.similarity.scores(query, [f.question for f in faqs])
        best = int(scores.argmax())
        score = float(scores[best])
        if score < ctx.config.rag.faq_match_threshold:
            return None
        faq = faqs[best]
        source = Source(
            chunk_id=f"{kind}:{faq.faq_id or best}",
            url=faq.source_url,
            title=faq.question,
            relevance_score=round(score, 4),
            content=f"{faq.question}\n{faq.answer}",
        )
        return Answer(
            text=faq.answer,
            answered=True,
            sources=[source],
            intent="faq",
            path="faq",
            confidence=score,
        )


_WATCH = re.compile(r"\b(watch|stream|streams|streaming|livestream|video|videos)\b", re.I)
_LIVE = re.compile(r"stream|live", re.I)
_VIDEO_NETWORKS = {"youtube", "facebook", "vimeo", "twitch", "instagram"}
_NETWORK_NAMES = {"youtube": "YouTube", "tiktok": "TikTok", "linkedin": "LinkedIn"}


def _names(links: list[SocialOut]) -> str:
    names = list(
        dict.fromkeys(_NETWORK_NAMES.get(s.network.lower(), s.network.capitalize()) for s in links)
    )
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _term_in(term: str, terms: list[str]) -> bool:
    """Exact stem match, or a near spelling for longer words ("acryllic" ~ "acrylic")."""
    if term in terms:
        return True
    return len(term) >= 5 and any(len(t) >= 5 and fuzz.ratio(term, t) >= 85 for t in terms)


def _fact_answer(text: str, kind: str, url: str, evidence: str, ctx: AgentContext) -> Answer:
    source = Source(
        chunk_id=f"fact:{kind}",
        url=url,
        title=ctx.name or "",
        relevance_score=1.0,
        content=evidence,
    )
    return Answer(
        text=text, answered=True, sources=[source], intent=kind, path="fastpath", confidence=1.0
    )


def _found(found: Found | None, kind: str, ctx: AgentContext) -> Answer | None:
    return _fact_answer(found.text, kind, found.url, found.evidence, ctx) if found else None


def _without_word(query: str, word: str) -> str:
    return re.sub(rf"\b{re.escape(word)}(?:['’]s)?\b", " ", query, flags=re.I)
