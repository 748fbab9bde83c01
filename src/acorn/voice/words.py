"""Text as a recogniser hears it: lower case, numbers spelled out, no punctuation.

The per-agent language model is trained on this form (a recogniser emits words, never "£4.50"),
and the WER benchmark compares transcripts in it, so an engine that writes digits ("5 pm") and
one that writes words ("five p m") are scored alike.
"""

from __future__ import annotations

import re

from num2words import num2words

_NUMBER = re.compile(r"\d+(?:[.,:]\d+)?")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*")


def _say_number(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.isdigit() and (len(text) > 4 or (len(text) > 1 and text[0] == "0")):
        return " ".join(num2words(int(d)) for d in text)  # phone numbers are read digit by digit
    parts = re.split(r"[.,:]", text)
    if len(parts) == 2 and text[len(parts[0])] in ".:" and len(parts[1]) == 2:
        # clock times and prices are read as two numbers: "8.30" -> "eight thirty"
        return " ".join(num2words(int(p)) if int(p) else "" for p in parts)
    return " ".join(num2words(int(p)) for p in parts if p)


def spoken_words(text: str) -> list[str]:
    """``text`` as the words a listener would write down ("Open 8.30-5pm!" -> open eight
    thirty five pm)."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = _NUMBER.sub(lambda m: f" {_say_number(m)} ", text)
    text = text.replace("-", " ")
    return _TOKEN.findall(text)


def spoken(text: str) -> str:
    return " ".join(spoken_words(text))
