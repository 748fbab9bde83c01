"""Which pages to read first when a site has more pages than the crawl's limit.

Visitors ask where, when, how much and who; the answers live on contact, about, price, service,
FAQ, team and booking pages, and almost never on a blog post, a news item, a tag or date
archive or page 7 of a listing. A link's place in the queue is its depth, moved earlier when
its words (URL path or link text) name an answer page or its sitemap ``<priority>`` is high,
and moved behind every ordinary page when they name a feed of posts.

The words are stems in the common European languages (matched at the start of a word, so
``kontakt`` covers ``kontakty``): a language table, not a list of sites.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Stems of the words that name a page where visitors' answers are, by language.
ANSWER_STEMS: frozenset[str] = frozenset(
    {
        # en
        "contact", "about", "price", "pricing", "fees", "rates", "tariff", "menu", "service",
        "treatment", "faq", "question", "team", "staff", "people", "booking", "book", "appoint",
        "reserv", "opening", "hours", "location", "find-us", "visit", "directions", "product",
        # de
        "kontakt", "ueber-uns", "uber-uns", "preis", "leistung", "angebot", "speisekarte",
        "oeffnungszeit", "offnungszeit", "anfahrt", "termin", "buchung", "haeufig", "impressum",
        # fr
        "a-propos", "qui-sommes", "prix", "tarif", "carte", "prestation", "soin", "equipe",
        "horaire", "acces", "rendez-vous", "reservation",
        # it
        "contatt", "chi-siamo", "prezz", "listino", "serviz", "trattament", "orari", "dove",
        "prenota", "domande",
        # es / pt
        "contacto", "contato", "nosotros", "sobre", "precio", "preco", "servicio", "servico",
        "equipo", "equipa", "horario", "reserva", "preguntas", "perguntas",
        # pl
        "o-nas", "cennik", "cena", "ceny", "uslug", "oferta", "zabieg", "zespol",
        "godziny", "dojazd", "rezerwac", "pytani",
        # nl
        "over-ons", "prijs", "prijzen", "tarieven", "diensten", "behandeling", "openingstijd",
        "afspraak",
    }
)  # fmt: skip

# Stems of the words that name a feed of posts or an archive: read after everything else.
FEED_STEMS: frozenset[str] = frozenset(
    {
        "blog", "news", "post", "article", "tag", "category", "categor", "archive", "author",
        "feed", "search", "comment",
        "aktuell", "nachricht", "beitrag", "schlagwort", "kategorie", "archiv",  # de
        "actualit", "etiquette", "categorie", "auteur",  # fr
        "notizi", "articol", "etichett", "archivio", "autore",  # it
        "noticia", "etiqueta", "categoria", "archivo", "autor",  # es / pt
        "aktualnosc", "wpis", "kategori", "archiwum",  # pl
        "nieuws", "artikel", "archief",  # nl
    }
)  # fmt: skip

ANSWER_BONUS = 1.5  # depth levels an answer page moves up
FEED_PENALTY = 100.0  # behind every ordinary page at any depth the crawl allows
SITEMAP_WEIGHT = 2.0  # depth levels per unit of sitemap priority above the default 0.5
DEFAULT_SITEMAP_PRIORITY = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DATE_PATH = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/|$)")
_PAGINATION = re.compile(r"(/page/\d+|[?&](page|paged|p|pg|start|offset)=\d+)(/|&|$)", re.I)


def _fold(text: str) -> str:
    """Lower case without accents: ``Über uns`` -> ``uber uns``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def _words(text: str) -> list[str]:
    """Words of ``text`` folded, plus each part of a hyphenated word and each pair of
    neighbours joined by a hyphen (so the text "Uber uns" meets the stem ``uber-uns``)."""
    words = _WORD.findall(_fold(text))
    parts = [part for w in words if "-" in w for part in w.split("-")]
    pairs = [f"{a}-{b}" for a, b in itertools.pairwise(words)]
    return [*words, *parts, *pairs]


def _names_any(words: list[str], stems: frozenset[str]) -> bool:
    """A word starts with a stem (stems under 5 letters must be the whole word, or it + s)."""
    for word in words:
        for stem in stems:
            if len(stem) >= 5 and word.startswith(stem):
                return True
            if word in (stem, stem + "s"):
                return True
    return False


def is_feed(url: str) -> bool:
    """True for blog, news, tag, archive, pagination and date-archive addresses."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if _DATE_PATH.search(path) or _PAGINATION.search(path + ("?" + parts.query)):
        return True
    return _names_any(_words(path.replace("/", " ")), FEED_STEMS)


def names_answer_page(url: str, text: str = "") -> bool:
    """True when the URL path or the link text names a page visitors' answers live on."""
    path = unquote(urlsplit(url).path).replace("/", " ").replace("_", "-")
    return _names_any(_words(path), ANSWER_STEMS) or _names_any(_words(text), ANSWER_STEMS)


def link_rank(url: str, depth: int, text: str = "", sitemap_priority: float | None = None) -> float:
    """Lower is read sooner. Depth first (breadth-first crawl), adjusted as the module says."""
    rank = float(depth)
    if is_feed(url):
        return rank + FEED_PENALTY
    if names_answer_page(url, text):
        rank -= ANSWER_BONUS
    if sitemap_priority is not None:
        rank -= SITEMAP_WEIGHT * (sitemap_priority - DEFAULT_SITEMAP_PRIORITY)
    return rank
