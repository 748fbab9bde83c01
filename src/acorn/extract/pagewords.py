"""The words websites use to name their common pages, in the languages Acorn meets most.

A contact page is "contact" in English, "kontakt" in German and Polish, "contatti" in Italian; a
price list is "prices", "tarifs", "preise", "prezzi", "cennik". This is a table of languages,
not of sites or trades: every entry is a word any business in that language might put in a
menu. URL slugs drop accents, so both spellings are listed where they differ. Used to guess a
page's type (``pagetype``) and, through it, which pages a visitor's answers live on.
"""

from __future__ import annotations

import re
from functools import cache

from acorn.extract.types import PageType

# PageType -> words (lower case; "-" in a phrase also matches a space or nothing in a URL).
PAGE_WORDS: dict[PageType, tuple[str, ...]] = {
    PageType.LEGAL: (
        # en
        "privacy", "terms", "cookie", "legal", "gdpr", "disclaimer", "small print",
        "accessibility", "policy", "policies", "conditions",
        # de, fr, it, es, pl, nl, pt
        "impressum", "imprint", "datenschutz", "agb", "mentions legales", "mentions-legales",
        "confidentialite", "cgv", "note legali", "privacy policy", "informativa",
        "aviso legal", "politica de privacidad", "polityka prywatnosci", "polityka",
        "regulamin", "rodo", "voorwaarden", "termos",
    ),
    PageType.CONTACT: (
        "contact", "find us", "get in touch", "location", "directions", "visit us",
        "reach us", "how to find",
        "kontakt", "anfahrt", "contactez", "nous contacter", "acces", "contatti", "contatto",
        "dove siamo", "contacto", "ubicacion", "dojazd", "contacten", "contato", "localizacao",
    ),
    PageType.PRICING: (
        "price", "prices", "pricing", "fees", "rates", "tariff", "tariffs", "cost", "menu",
        "price list", "plans",
        "preise", "preisliste", "speisekarte", "prix", "tarif", "tarifs", "carte", "prezzi",
        "listino", "tariffe", "precios", "tarifas", "carta", "cennik", "ceny", "menu",
        "prijzen", "tarieven", "precos", "precario",
    ),
    PageType.FAQ: (
        "faq", "faqs", "questions", "frequently asked", "help", "q and a",
        "haufige fragen", "fragen", "questions frequentes", "domande frequenti",
        "preguntas frecuentes", "pytania", "veelgestelde vragen", "perguntas frequentes",
    ),
    PageType.TEAM: (
        "team", "staff", "people", "our team", "meet the", "our staff", "leadership",
        "who we are", "equipe", "equipo", "squadra", "zespol", "personel", "mitarbeiter",
    ),
    PageType.BLOG: (
        "blog", "news", "article", "articles", "posts", "stories", "events", "press",
        "aktuelles", "neuigkeiten", "actualites", "notizie", "novita", "noticias",
        "aktualnosci", "wydarzenia", "nieuws", "noticias",
    ),
    PageType.ABOUT: (
        "about", "our story", "history", "mission", "who we", "ethos", "philosophy",
        "uber uns", "ueber uns", "a propos", "qui sommes", "chi siamo", "storia",
        "sobre nosotros", "quienes somos", "o nas", "over ons", "sobre nos",
    ),
    PageType.SERVICE: (
        "service", "services", "treatment", "treatments", "what we do", "offer", "solutions",
        "products", "rooms", "accommodation", "activities", "classes", "courses",
        "leistungen", "angebot", "behandlungen", "zimmer", "prestations", "soins", "offre",
        "chambres", "servizi", "trattamenti", "camere", "servicios", "tratamientos",
        "habitaciones", "uslugi", "oferta", "zabiegi", "pokoje", "diensten", "behandelingen",
        "servicos", "quartos",
    ),
}  # fmt: skip


@cache
def url_pattern(page_type: PageType) -> re.Pattern[str]:
    """Matches a URL path segment that starts with a word for this kind of page ("/tarifs/",
    "/find-us", "/pricing.html")."""
    parts = sorted({re.escape(w).replace(r"\ ", "[-_ ]?") for w in PAGE_WORDS[page_type]})
    return re.compile(rf"(?:^|[/_-])(?:{'|'.join(parts)})", re.I)


@cache
def word_pattern(page_type: PageType) -> re.Pattern[str]:
    """Matches a title or heading that names this kind of page ("Our prices", "Chi siamo")."""
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in PAGE_WORDS[page_type]})
    return re.compile(rf"\b(?:{'|'.join(parts)})s?\b", re.I)


def fold(text: str) -> str:
    """Accents off ("à propos" → "a propos", "Über" → "Uber"), as URL slugs write them."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")
