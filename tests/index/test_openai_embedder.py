"""The ``openai`` embedder against a real local HTTP server speaking the OpenAI
``POST /v1/embeddings`` wire protocol (bag-of-words vectors stand in for a model)."""

from __future__ import annotations

import json
import re
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.index import KnowledgeBase
from acorn.index.embedders import get_embedder
from acorn.index.stores.qdrant import close_local_clients
from acorn.store import Database, create_agent
from tests.chunk.sites import ROOT, bakery_site

DIM = 64


def bag_of_words(text: str) -> list[float]:
    vec = [0.0] * DIM
    for word in re.findall(r"\w+", text.lower()):
        vec[zlib.crc32(word.encode()) % DIM] += 1.0
    return vec


class EmbeddingsServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), **body}
                )
                if self.headers.get("Authorization") != "Bearer sk-test":
                    self._send(401, {"error": {"message": "Incorrect API key provided"}})
                    return
                inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [
                    {"object": "embedding", "index": i, "embedding": bag_of_words(t)}
                    for i, t in enumerate(inputs)
                ]
                data.reverse()  # the protocol orders by "index", not by position
                self._send(200, {"object": "list", "data": data, "model": body["model"],
                                 "usage": {"prompt_tokens": 1, "total_tokens": 1}})  # fmt: skip

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@pytest.fixture
def server() -> Iterator[EmbeddingsServer]:
    srv = EmbeddingsServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def openai_settings(settings: Settings, server: EmbeddingsServer) -> Settings:
    return settings.model_copy(
        update={
            "embedder": "openai",
            "embed_base_url": server.base_url,
            "embed_api_key": "sk-test",
            "embed_model": "test-embed",
        }
    )


def test_embeds_in_batches_in_order_and_normalised(
    openai_settings: Settings, server: EmbeddingsServer
) -> None:
    embedder = get_embedder(openai_settings)
    embedder.batch_size = 3  # type: ignore[attr-defined]
    texts = [f"text number {i} about bread" for i in range(7)]
    vectors = embedder.embed(texts)
    assert vectors.shape == (7, DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    expected = np.asarray(bag_of_words(texts[5]))
    assert np.allclose(vectors[5], expected / np.linalg.norm(expected))
    assert [len(r["input"]) for r in server.requests] == [3, 3, 1]
    assert all(
        r["path"] == "/v1/embeddings" and r["model"] == "test-embed" for r in server.requests
    )
    assert embedder.dim == DIM and embedder.name == "openai:test-embed"


def test_wrong_key_is_a_configuration_error(openai_settings: Settings) -> None:
    embedder = get_embedder(openai_settings.model_copy(update={"embed_api_key": "sk-wrong"}))
    with pytest.raises(ConfigurationError) as err:
        embedder.embed(["hello"])
    assert "ACORN_EMBED_API_KEY" in (err.value.hint or "")


def test_missing_endpoint_is_a_configuration_error(settings: Settings) -> None:
    with pytest.raises(ConfigurationError):
        get_embedder(settings.model_copy(update={"embedder": "openai"}))
    with pytest.raises(ConfigurationError):
        get_embedder(settings.model_copy(update={"embedder": "nope"}))


def test_knowledge_base_runs_on_the_openai_embedder(openai_settings: Settings) -> None:
    db = Database(openai_settings).ensure_ready()
    kb = KnowledgeBase(openai_settings, db)
    agent = create_agent(db, ROOT)
    report = kb.ingest(agent.id, bakery_site())
    assert report.chunks > 0
    for chunk in kb.chunk(agent, bakery_site()):
        assert chunk.token_count <= kb.bounds(agent).max_tokens
    hits = kb.search(agent.id, "What is your phone number?", k=3, mode="dense")
    assert hits[0].url == ROOT + "contact/"
    close_local_clients(openai_settings.qdrant_path)
    db.dispose()
