"""Phone numbers with the ``phonenumbers`` library, region guessed from the site.

The display form is kept exactly as the site writes it (visitors recognise "01308 421877",
not "+441308421877"); E.164 is the dedupe key. Fax numbers are left out: nobody should be
told to ring a fax.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from acorn.extract.dom import clean_ws
from acorn.extract.language import region_for_language

DEFAULT_REGION = "US"
MAX_TEXT = 200_000
_FAX = re.compile(r"\bfax\b|\bfacsimile\b|\bf:\s*$", re.I)
# Labels of tax and company-register numbers, which are often valid phone numbers too once
# the region is right (an 11-digit Italian VAT number is a Milan landline); by language.
_REGISTRY = re.compile(
    r"(?<!\w)(?:vat|vat\s+(?:no|number|reg)|company\s+(?:no|number|reg)|reg(?:istration)?\.?"
    r"\s*(?:no|number)|abn|acn|iban|bic|swift"  # en
    r"|ust-?id(?:nr)?|steuer-?nr|steuernummer|hr[ab]|handelsregister"  # de
    r"|siret|siren|tva|rcs|n°\s*tva"  # fr
    r"|p\.?\s*iva|partita\s+iva|c\.?\s*f\.?|codice\s+fiscale|rea"  # it
    r"|cif|nif|cnpj|cpf"  # es, pt
    r"|nip|regon|krs|pesel"  # pl
    r"|btw|kvk"  # nl
    r"|еик|ддс|булстат"  # bg
    r")[\s.:#№-]*$",
    re.I,
)
_TLD_REGION = {"uk": "GB", "eu": "", "su": "RU", "ac": "GB"}
_COUNTRY_NAMES = {
    "united kingdom": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "ireland": "IE",
    "united states": "US",
    "usa": "US",
    "canada": "CA",
    "australia": "AU",
    "new zealand": "NZ",
    "france": "FR",
    "germany": "DE",
    "deutschland": "DE",
    "spain": "ES",
    "españa": "ES",
    "italy": "IT",
    "italia": "IT",
    "morocco": "MA",
    "maroc": "MA",
    "india": "IN",
    "netherlands": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "south africa": "ZA",
}
_COUNTRY_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_COUNTRY_NAMES, key=len, reverse=True)) + r")\b",
    re.I,
)
_PHONEISH_LINE = re.compile(r"^.*\d[\d\s().+/-]{5,}\d.*$", re.M)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")


def region_from_country(country: str | None) -> str | None:
    """ISO region for a JSON-LD ``addressCountry`` ("GB", "UK", "United Kingdom")."""
    if not country:
        return None
    c = country.strip()
    if len(c) == 2 and c.isalpha():
        up = c.upper()
        up = "GB" if up == "UK" else up
        return up if up in phonenumbers.SUPPORTED_REGIONS else None
    return _COUNTRY_NAMES.get(c.lower())


def region_from_url(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if not tld or tld.isdigit():
        return None
    if tld in _TLD_REGION:
        return _TLD_REGION[tld] or None
    up = tld.upper()
    return up if len(tld) == 2 and up in phonenumbers.SUPPORTED_REGIONS else None


def guess_region(
    url: str, text: str, lang: str | None, jsonld_country: str | None
) -> tuple[str, bool]:
    """(region, confident): TLD, then JSON-LD country, then postcode/country words, then the
    page's language (``de-AT`` -> AT, ``pl`` -> PL)."""
    for region in (region_from_url(url), region_from_country(jsonld_country)):
        if region:
            return region, True
    if _UK_POSTCODE.search(text):
        return "GB", True
    m = _COUNTRY_RE.search(text[-20_000:])
    if m:
        return _COUNTRY_NAMES[m.group(1).lower()], True
    region = region_from_country(region_for_language(lang))
    if region:
        return region, False
    return DEFAULT_REGION, False


def _fmt(num: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str, region: str) -> list[tuple[str, str, str]]:
    """(e164, display, context) for every valid number in ``text``, faxes skipped."""
    out: list[tuple[str, str, str]] = []
    # the matcher is slow on long pages: hand it only the lines with a run of digits
    text = "\n".join(m.group() for m in _PHONEISH_LINE.finditer(text[:MAX_TEXT]))
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        before = text[max(0, match.start - 20) : match.start]
        if _FAX.search(before) or _REGISTRY.search(before):
            continue
        line_start = text.rfind("\n", 0, match.start) + 1
        line_end = text.find("\n", match.end)
        context = clean_ws(text[line_start : line_end if line_end >= 0 else len(text)])[:300]
        out.append((_fmt(match.number), " ".join(match.raw_string.split()), context))
    return out


def parse_tel_href(href: str, region: str) -> tuple[str, str] | None:
    """``tel:`` link → (e164, display) or None when it is not a valid number."""
    raw = " ".join(unquote(href.split(":", 1)[1] if ":" in href else href).split())
    raw = raw.split(";", 1)[0]
    if not raw:
        return None
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num):
        return None
    return _fmt(num), raw


def reparse(display: str, region: str) -> str | None:
    """E.164 of ``display`` read in ``region`` (used when the site's region is known later)."""
    try:
        num = phonenumbers.parse(display, region)
    except phonenumbers.NumberParseException:
        return None
    return _fmt(num) if phonenumbers.is_valid_number(num) else None


_CANDIDATE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{6,18}\d(?!\w)")
_CUE = re.compile(r"\b(?:tel|phone|telephone|call|ring|mobile|mob|cell|whatsapp)\b|☎|📞", re.I)


def unresolved_candidates(text: str) -> list[tuple[str, str]]:
    """Phone-looking strings next to a cue word, for re-reading once the site's region is
    known (a ``.com`` page with no address on it cannot tell us which country it is in)."""
    out = []
    for m in _CANDIDATE.finditer(text[:MAX_TEXT]):
        before = text[max(0, m.start() - 25) : m.start()]
        if _CUE.search(before) and not _FAX.search(before):
            digits = re.sub(r"\D", "", m.group())
            if 7 <= len(digits) <= 15:
                out.append((clean_ws(m.group()), clean_ws(before + m.group())))
    return out
