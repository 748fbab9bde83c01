"""``acorn worker`` as its own process: it takes a job from Redis, crawls and indexes into the
shared database, and its progress reaches other processes through Redis pub/sub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from redis import Redis

from acorn.config import AgentConfig, Settings
from acorn.jobs import state
from acorn.jobs.events import MemoryBus, channel
from acorn.jobs.rq_backend import RqQueue
from acorn.jobs.tasks import JobContext
from acorn.store import Agent, Database, create_agent
from tests.jobs.sites import business_site

REDIS_URL = os.environ.get("ACORN_TEST_REDIS_URL")


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="ACORN_TEST_REDIS_URL is not set (run `make test`)")
def test_acorn_worker_process_runs_a_queued_job(settings: Settings, tmp_path: Path) -> None:
    settings = settings.model_copy(update={"redis_url": REDIS_URL})
    db = Database(settings).ensure_ready()
    queue_name = f"acorn-test-{uuid.uuid4().hex[:8]}"
    server, _ = business_site()
    with server:
        config = AgentConfig.model_validate(
            {"scraping": {"delay_seconds": 0, "render_js": "never"}}
        )
        agent = create_agent(db, server.url + "/", "Bramble", config)
        # The API's side: a job row and its id on Redis (no knowledge base needed to enqueue).
        rq_queue = RqQueue(JobContext(settings, db, None, MemoryBus()), queue_name=queue_name)
        job = state.submit(db, agent.id)

        connection = Redis.from_url(REDIS_URL or "")
        pubsub = connection.pubsub()
        pubsub.subscribe(channel(agent.id))
        events: list[dict] = []

        def listen() -> None:
            for message in pubsub.listen():
                if message["type"] == "message":
                    events.append(json.loads(message["data"]))
                    if events[-1].get("type") == "done":
                        return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        rq_queue.enqueue(job.id)

        env = {
            **os.environ,
            "ACORN_DATABASE_URL": settings.resolved_database_url,
            "ACORN_DATA_DIR": str(tmp_path / "worker-data"),  # its own local vector index
            "ACORN_REDIS_URL": REDIS_URL or "",
            "ACORN_ALLOW_PRIVATE_NETWORKS": "127.0.0.0/8",
        }
        acorn = Path(sys.executable).with_name("acorn")
        result = subprocess.run(
            [str(acorn), "worker", "--burst", "--queue", queue_name],
            env=env,
            capture_output=True,
            text=True,
            timeout=280,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        listener.join(timeout=30)
        pubsub.close()
        connection.close()

    done = state.get_job(db, job.id)
    assert done.status == "succeeded", (done.error, result.stderr[-3000:])
    assert done.pages_fetched == 5 and done.chunks > 0
    with db.session() as s:
        row = s.get(Agent, agent.id)
        assert row is not None and row.status == "ready" and row.live_generation == 1
    assert events and events[-1]["type"] == "done" and events[-1]["status"] == "succeeded"
    assert any(e["type"] == "progress" and e.get("kind") == "fetched" for e in events)
    db.dispose()
