"""A person's name by its shape, and a role line split from its qualifications."""

import pytest

from acorn.values.person import PersonName, name_key, read_name, split_role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr Jane Smith", PersonName("Dr Jane Smith")),
        ("Jane Smith BDS MFDS", PersonName("Jane Smith", "BDS, MFDS")),
        ("Sophie Martin, MSc", PersonName("Sophie Martin", "MSc")),
        ("lek. dent. Anna Kowalska", PersonName("lek. dent. Anna Kowalska")),
        ("Jean-Luc de la Tour", PersonName("Jean-Luc de la Tour")),
        ("Mme Claire Dubois", PersonName("Mme Claire Dubois")),
    ],
)
def test_names(text: str, expected: PersonName) -> None:
    assert read_name(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Our Team", "Meet Anna", "Notre équipe", "OPENING HOURS", "John", "Call 01234 567890",
     "Book Now", "a b", "Nasz zespół", "Who we are?"],
)  # fmt: skip
def test_not_names(text: str) -> None:
    assert read_name(text) is None


def test_roles_and_qualifications() -> None:
    assert split_role("Principal Dentist, BDS (Lond)") == ("Principal Dentist", "BDS (Lond)")
    assert split_role("Ostéopathe D.O.") == ("Ostéopathe", "D.O.")
    assert split_role("Head of IT") == ("Head of IT", None)
    assert split_role("BDS, MFDS RCS") == ("", "BDS, MFDS RCS")
    assert name_key("Dr. Jane Smith") == name_key("Jane  Smith") == "jane smith"
