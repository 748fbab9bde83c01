"""Whose detail a visitor asks for: the business's, or one person's.

"What's the clinic's phone number?" asks for the business's number; "What's the manager's
email?" asks for one person's, which the business's own address does not answer. Which nouns
name a place and which a person is not a list to write by hand (every trade has its own words,
in every language): the embedder already knows, so a word is compared with a description of
each. A capitalised word inside the question is a name, so a person.
"""

from __future__ import annotations

from acorn.answer.similarity import Similarity

PLACE = "the business: its shop, office, premises or company"
PERSON = "a person: a member of staff, owner or employee"


def names_a_person(word: str, similarity: Similarity | None) -> bool:
    """True when ``word`` (the possessor in "the X's email") names a person, not the
    business. Without an embedder, assume a person: stepping aside is the safe mistake."""
    if not word:
        return False
    if word[:1].isupper():
        return True
    if similarity is None:
        return True
    place, person = similarity.scores(word, [PLACE, PERSON])
    return float(person) > float(place)
