"""The words a site uses to *label* its practical policies, by kind and language.

"Payment methods", "Moyens de paiement", "Formy płatności"; "Cancellation policy",
"Stornierung", "Cancellazioni". A table of languages, not of sites or trades: each word is one
any business in that language might print as a heading or a bold label. Only a short label is
matched (``label_kind``), never prose: "we take payment by card" in a paragraph is no label.
Accents are folded before matching, so each word is written once, without them.
"""

from __future__ import annotations

import re
from functools import cache

from acorn.extract.pagewords import fold

# kind -> label words (folded lower case; a word matches at a word start, so "paiement"
# also matches "paiements"). Kinds are tried in this order: "Booking and cancellation" is
# about cancelling.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "cancellation": (
        # en
        "cancellation", "cancellations", "cancelling", "canceling", "refund", "no-show",
        "no show", "missed appointment",
        # fr, it, pl, de, es
        "annulation", "remboursement", "cancellazion", "disdett", "rimbors", "anulowan",
        "odwolan", "odwolyw", "rezygnacj", "zwrot", "stornierung", "storno", "absage", "rueckerstattung",
        "ruckerstattung", "cancelacion", "anulacion", "reembolso", "devolucion",
    ),
    "payment": (
        "payment", "payments", "paying", "ways to pay", "how to pay", "we accept",
        "accepted cards", "card payments",
        "paiement", "reglement", "moyens de paiement", "pagament", "modalita di pagamento",
        "platnosc", "platnosci", "formy platnosci", "zahlung", "zahlungsart", "bezahlung",
        "pago", "pagos", "formas de pago", "metodos de pago",
    ),
    "booking": (
        "booking", "bookings", "how to book", "appointments", "reservations", "reserving",
        "reservation", "rendez-vous", "prise de rendez-vous", "prenotazion", "appuntament",
        "rezerwacj", "zapisy", "umawianie", "wizyty", "buchung", "termine", "terminvereinbarung",
        "reservierung", "reserva", "reservas", "citas", "cita previa",
    ),
    "parking": (
        "parking", "car park", "car parking", "where to park", "stationnement", "parcheggi",
        "parkowanie", "parkplatz", "parkplatze", "parken", "aparcamiento", "estacionamiento",
    ),
    "accessibility": (
        "accessibility", "wheelchair", "disabled access", "step-free", "step free",
        "accessibilite", "acces handicape", "mobilite reduite", "accessibilita", "disabili",
        "dostepnosc", "niepelnosprawn", "barrierefrei", "rollstuhl", "accesibilidad",
        "movilidad reducida", "silla de ruedas",
    ),
}  # fmt: skip
MAX_LABEL_WORDS = 6
MAX_LABEL_CHARS = 60


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in LABEL_WORDS[kind]}, key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(reversed(parts))})", re.I)


def label_kind(label: str) -> str | None:
    """The kind of policy a short label names ("Payment methods:" → "payment"); None for
    anything longer than a label or naming no policy."""
    text = fold(" ".join(label.split())).lower().strip(" :.-–—")
    if not text or len(text) > MAX_LABEL_CHARS or len(text.split()) > MAX_LABEL_WORDS:
        return None
    if text.endswith("?"):
        return None  # a question heading is an FAQ, read as one
    for kind in LABEL_WORDS:
        if _pattern(kind).search(text):
            return kind
    return None
