"""An indexed agent for the fixture bakery site, built once per module with the real pipeline
(crawl on loopback → extract → chunk → embed → Qdrant local), and the app serving it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from acorn.api import create_app
from tests.support.auth import sign_in
from tests.support.indexed import Indexed, indexed_bakery


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Iterator[Indexed]:
    with indexed_bakery(tmp_path_factory.mktemp("api") / "data", "Hazel & Crumb") as built:
        yield built


@pytest.fixture(scope="module")
def client(indexed: Indexed) -> Iterator[TestClient]:
    with TestClient(create_app(indexed.settings)) as c:
        sign_in(c, "viewer")  # any member may try the agent
        yield c
