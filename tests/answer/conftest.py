"""Fixtures for answer tests: the real offline embedder (loaded once) and a business whose
facts are built by hand at the seam types."""

from __future__ import annotations

import pytest

from acorn.answer.similarity import Similarity
from acorn.answer.types import AgentContext, ApprovedFAQ
from acorn.config import AgentConfig
from acorn.sitedata import AddressOut, EmailOut, PhoneOut, ServiceOut, StructuredData


@pytest.fixture(scope="session")
def embedder():
    from acorn.index.embedders.minilm import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def similarity(embedder) -> Similarity:
    return Similarity(embedder)


URL = "https://bakery.example"


@pytest.fixture
def business() -> AgentContext:
    sd = StructuredData(
        name="Hazel Bakery",
        address=AddressOut(
            formatted="12 Mill Lane, Hebden Bridge, HX7 8AB",
            street="12 Mill Lane",
            source_url=f"{URL}/contact/",
        ),
        phones=[
            PhoneOut(e164="+441422555123", display="01422 555123", source_url=f"{URL}/contact/")
        ],
        emails=[EmailOut(address="hello@hazelbakery.example", source_url=f"{URL}/contact/")],
        opening_hours={
            "monday": [["08:30", "17:00"]],
            "tuesday": [["08:30", "17:00"]],
            "wednesday": [["08:30", "17:00"]],
            "thursday": [["08:30", "17:00"]],
            "friday": [["08:30", "16:00"]],
            "saturday": [["09:00", "13:00"]],
        },
        opening_hours_source=f"{URL}/hours/",
        services=[
            ServiceOut(name="Sourdough loaf", price="£4.50", source_url=f"{URL}/prices/"),
            ServiceOut(name="Celebration cake (8 inch)", price="£38", source_url=f"{URL}/prices/"),
            ServiceOut(
                name="Bread-making class", price="£65 per person", source_url=f"{URL}/classes/"
            ),
        ],
    )
    return AgentContext(
        agent_id="a1",
        status="ready",
        config=AgentConfig(),
        name="Hazel Bakery",
        summary="A family bakery in Hebden Bridge.",
        structured=sd,
        faqs=[
            ApprovedFAQ(
                question="Do you make gluten-free bread?",
                answer="Yes, we bake a gluten-free loaf every Friday.",
                source_url=f"{URL}/faq/",
                faq_id="7",
            )
        ],
    )
