"""Policies a page states in schema.org rather than in its text: ``paymentAccepted``,
``currenciesAccepted``, ``availableLanguage`` (on the business or its ``ContactPoint``),
``petsAllowed``, ``smokingAllowed``. A site that declares "English, Greek" as its service
languages in JSON-LD may never write them on the page; the visitor's "Can I speak Greek with
you?" is still answered by the site. Kept as labelled policies, quoted as declared, with
the page they were read from.
"""

from __future__ import annotations

from typing import Any

from acorn.extract.jsonld import iter_nodes
from acorn.extract.types import Policy

# schema.org property -> (policy kind, the label it is given)
_PROPERTIES = {
    "paymentAccepted": ("payment", "Payment accepted"),
    "currenciesAccepted": ("payment", "Currencies accepted"),
    "availableLanguage": ("languages", "Languages spoken"),
    "knowsLanguage": ("languages", "Languages spoken"),
    "petsAllowed": ("pets", "Pets allowed"),
    "smokingAllowed": ("smoking", "Smoking allowed"),
}


def _words(value: Any) -> list[str]:
    """A property's value as the words it declares: text, a list, a Language node's name,
    a boolean as yes/no."""
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name") or value.get("alternateName")
        return _words(name) if name else []
    if isinstance(value, list):
        return [w for item in value for w in _words(item)]
    return []


def policies_from_nodes(data: list[Any], url: str) -> list[Policy]:
    """The policies the page's schema.org nodes declare, once each."""
    out: list[Policy] = []
    seen: set[tuple[str, str]] = set()
    for node in iter_nodes(data):
        for prop, (kind, label) in _PROPERTIES.items():
            words = list(dict.fromkeys(_words(node.get(prop))))
            if not words:
                continue
            text = ", ".join(words)
            if (kind, text.lower()) not in seen:
                seen.add((kind, text.lower()))
                out.append(Policy(kind, label, text, url))
    return out
