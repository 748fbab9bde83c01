"""What a visitor is asking about, from word patterns alone (fast, offline, predictable).

The intent drives three things: whether the structured-data fast path may answer, which chunk
categories retrieval boosts, and which follow-ups ("and on Saturday?") inherit the last turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_ALIASES = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
_DAY_RE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|weekday|"
    r"mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?:s|'s)?\b",
    re.IGNORECASE,
)

_HOURS = re.compile(
    r"\b(open|opens|opening|close|closes|closing|closed|hours|business hours|"
    r"working hours|office hours)\b|what time do you|when do you (?:open|close|start|finish)|"
    r"when are you (?:open|closed|available)|are you open",
    re.IGNORECASE,
)
# "What time is the Sunday service" is about an event, not opening hours.
_TIME_OF_EVENT = re.compile(r"\b(what time|when)\b", re.IGNORECASE)
_PHONE = re.compile(
    r"\b(phone|telephone|tel|call|ring|number to call|contact number|mobile|whatsapp)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b(e-?mail|email address|mail address)\b", re.IGNORECASE)
_ADDRESS = re.compile(
    r"\b(address|located|location|where (?:is|are|exactly is) (?:the|your|you)|"
    r"where (?:are you|can i find you)|find you|directions|postcode|zip code|how do i get to)\b",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"\b(youtube|facebook|instagram|twitter|tiktok|linkedin|social media|socials|"
    r"live ?stream(?:ed|ing)?|stream(?:ed|ing)?|watch\b.*\bonline|online\b.*\bwatch)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"\b(contact|get in touch|reach you|speak to someone)\b", re.IGNORECASE)
_PRICE = re.compile(
    r"\b(how much|price|prices|pricing|cost|costs|fee|fees|(?<!in )charge|charges|rate|rates|"
    r"expensive|cheap|afford)\b|[£$€]",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"\bwho\b|\b(name of|names of|staff|team|owner|owners|manager)\b", re.IGNORECASE
)
_POLICY = re.compile(
    r"\b(policy|cancel|cancellation|refund|pay|payment|instal?ments?|insurance|book|"
    r"booking|appointment|reserve|cards?|cash|contactless|park|parking|wheelchair|"
    r"accessible|accessibility|disabled|step-free)\b",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|or|also|then)\b|^\s*(on|for|at)\s+\w+\s*\??\s*$",
    re.IGNORECASE,
)
# "the manager's email" may be one person's detail, not the business's own (see referents).
_POSSESSIVE = re.compile(
    r"\b(?!(?:what|it|that|who|there|here|where|how|let)['’]s)(\w+)['’]s\b", re.IGNORECASE
)


@dataclass(slots=True)
class Intent:
    kind: str  # hours | phone | email | address | contact | price | schedule | social | people | policy | other
    days: list[str] = field(default_factory=list)
    follow_up: bool = False
    possessor: str = ""  # "manager" in "the manager's email", "clinic" in "the clinic's"

    @property
    def personal(self) -> bool:
        """Asks for someone's detail ("the X's phone"); whether X is a person or the business
        itself is for ``referents.names_a_person`` to say."""
        return bool(self.possessor)

    @property
    def fact_kind(self) -> bool:
        return self.kind in {"hours", "phone", "email", "address", "contact", "price"}


def find_days(text: str) -> list[str]:
    days: list[str] = []
    for match in _DAY_RE.finditer(text):
        token = match.group(1).lower()
        if token == "weekend":
            found = ["saturday", "sunday"]
        elif token == "weekday":
            found = list(DAYS[:5])
        else:
            found = [_DAY_ALIASES.get(token, token)]
        # "sun"/"sat"/"wed" are also ordinary words; accept them only in their full forms
        # unless capitalised like a day abbreviation.
        if token in {"sun", "sat", "wed"} and not match.group(0)[0].isupper():
            continue
        for day in found:
            if day in DAYS and day not in days:
                days.append(day)
    return days


def detect(query: str) -> Intent:
    q = query.strip()
    days = find_days(q)
    follow_up = bool(_FOLLOW_UP.search(q)) and len(q.split()) <= 6
    owner = _POSSESSIVE.search(q)
    if _EMAIL.search(q):
        kind = "email"
    elif _PHONE.search(q) and not _PRICE.search(q):
        kind = "phone"
    elif _HOURS.search(q) or (days and _TIME_OF_EVENT.search(q) and not _is_event(q)):
        kind = "hours"
    elif _PRICE.search(q):
        kind = "price"
    elif _TIME_OF_EVENT.search(q) and _is_event(q):
        kind = "schedule"
    elif _SOCIAL.search(q):
        kind = "social"
    elif _ADDRESS.search(q):
        kind = "address"
    elif _CONTACT.search(q):
        kind = "contact"
    elif _PEOPLE.search(q):
        kind = "people"
    elif _POLICY.search(q):
        kind = "policy"
    else:
        kind = "other"
    return Intent(
        kind=kind, days=days, follow_up=follow_up, possessor=owner.group(1) if owner else ""
    )


_EVENT_WORDS = re.compile(
    r"\b(service|services|mass|worship|class|classes|event|events|meeting|session|"
    r"sessions|show|match|prayer|lesson|lessons|tour|tours|market)\b",
    re.IGNORECASE,
)


def _is_event(query: str) -> bool:
    return bool(_EVENT_WORDS.search(query))


def is_event_question(query: str) -> bool:
    """True when the time asked about is of an event ("Sunday service"), not opening hours."""
    return _is_event(query)


_EXCLUSION = re.compile(
    r"\b(?:besides|apart from|other than|aside from|except(?: for)?)\b[^,?.]*,?\s*", re.I
)


def drop_exclusions(query: str) -> str:
    """ "Besides Sunday worship, what activities do you have?" asks about what is *not* Sunday
    worship: matching on those words would find exactly the wrong thing."""
    rest = _EXCLUSION.sub("", query).strip()
    return rest[:1].upper() + rest[1:] if len(rest.split()) >= 3 else query


def split_questions(query: str) -> list[str]:
    """Separate questions asked in one breath ("Can I pay monthly? Who do I talk to?")."""
    parts = [
        p.strip()
        for p in re.split(
            r"\?\s+|,\s+and\s+(?=(?:what|when|where|who|how|can|could|do|does|is|are)\b)",
            query.strip(),
            flags=re.I,
        )
        if p.strip()
    ]
    parts = [p if p.endswith("?") else p + "?" for p in parts]
    return parts if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts) else [query]
