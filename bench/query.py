"""Query latency under load: the real server (``acorn serve`` in a subprocess) answering an
indexed agent, hit by N concurrent clients for T seconds.

    .venv/bin/python bench/query.py [--clients 50] [--seconds 30] [--site ../shared/sites/ids]

The site folder is served on loopback, crawled and indexed into a throwaway data directory
first (default: the shared `ids` site, else the test fixture site). Questions come from the
site's qa.jsonl when there is one. Prints throughput and client-side p50/p95/p99, plus the
server-side latency the API reports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "sites"
GENERIC_QUESTIONS = [
    "What are your opening hours?",
    "Are you open on Sunday?",
    "What's your phone number?",
    "Where are you?",
    "How much does it cost?",
    "Who runs the business?",
    "Do you have parking?",
    "Can I book online?",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def index_site(site_dir: Path, data_dir: Path) -> str:
    """Serve, crawl and index ``site_dir`` into ``data_dir``; return the agent id."""
    from acorn.answer.evalsite import prepare_agent, serve_directory
    from acorn.config import ScrapingConfig, Settings
    from acorn.index import KnowledgeBase
    from acorn.index.stores.qdrant import close_local_clients
    from acorn.store import Database

    settings = Settings(data_dir=data_dir, allow_private_networks=["127.0.0.0/8"])
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    with serve_directory(site_dir) as url:
        agent = prepare_agent(settings, db, kb, url, scraping=ScrapingConfig(delay_seconds=0))
    db.dispose()
    close_local_clients(settings.qdrant_path)  # the server process opens the folder next
    return agent


async def load(url: str, questions: list[str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    server_ms: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def worker(n: int) -> None:
            nonlocal errors
            i = n
            while time.perf_counter() < stop:
                q = questions[i % len(questions)]
                i += 1
                t = time.perf_counter()
                try:
                    r = await client.post(url, json={"query": q, "session_id": f"bench-{n}"})
                    r.raise_for_status()
                    server_ms.append(r.json()["latency_ms"])
                    latencies.append((time.perf_counter() - t) * 1000)
                except httpx.HTTPError:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "client_ms": {p: round(pct(latencies, p), 1) for p in (50, 95, 99)} if latencies else {},
        "server_ms": {p: round(pct(server_ms, p), 1) for p in (50, 95, 99)} if server_ms else {},
        "server_mean_ms": round(statistics.mean(server_ms), 1) if server_ms else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    default_site = SHARED / "ids" if (SHARED / "ids").is_dir() else REPO / "tests/fixtures/site"
    parser.add_argument("--site", type=Path, default=default_site)
    args = parser.parse_args()

    qa = args.site.parent / "qa.jsonl"
    questions = GENERIC_QUESTIONS
    if qa.is_file():
        rows = [json.loads(line) for line in qa.read_text().splitlines() if line.strip()]
        questions = [r["question"] for r in rows if r.get("site") == args.site.name] or questions

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        t = time.perf_counter()
        agent = index_site(args.site, data_dir)
        print(f"indexed {args.site.name} as agent {agent} in {time.perf_counter() - t:.1f}s")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "ACORN_DATA_DIR": str(data_dir)}
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "acorn"),
                "serve",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/healthz/ready", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            url = f"{base}/v1/agents/{agent}/query"
            # Warm up: every question once (model, sentence vectors, answer cache), then load.
            cold = []
            for q in questions:
                t = time.perf_counter()
                httpx.post(url, json={"query": q}, timeout=120).raise_for_status()
                cold.append((time.perf_counter() - t) * 1000)
            print(
                f"first ask of each question (cold): p50 {pct(cold, 50):.0f} ms, "
                f"p95 {pct(cold, 95):.0f} ms"
            )
            result = asyncio.run(load(url, questions, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.clients} concurrent clients for {args.seconds:.0f}s, {len(questions)} questions")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
