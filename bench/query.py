"""Query latency under load: the real server (``acorn serve`` in a subprocess) answering an
indexed agent, hit by N concurrent clients for T seconds.

    .venv/bin/python bench/query.py [--clients 50] [--seconds 30] [--site ../shared/sites/ids]
                                    [--driver auto|wrk|python] [--cold]
    .venv/bin/python bench/query.py --first-ask [--sites-dir ../shared/sites]

The site folder is served on loopback, crawled and indexed into a throwaway data directory
first (default: the shared `ids` site, else the test fixture site). Questions come from the
site's qa.jsonl when there is one, cycled across the clients. Prints throughput and client-side
p50/p95/p99, plus the server's own per-query latency as logged in ``conversations``.

The load comes from ``wrk`` (C, apt package ``wrk``) when it is installed: on a 2-core box a
Python load generator spends more CPU than the server it measures and its own pauses show up
as server latency (an httpx client topped out near 300 req/s here while wrk drove 1,700).
``--driver python`` uses the aiohttp client instead, for machines without wrk.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
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
        agent = prepare_agent(
            settings, db, kb, url, scraping=ScrapingConfig(delay_seconds=0, obey_crawl_delay=False)
        )
    db.dispose()
    close_local_clients(settings.qdrant_path)  # the server process opens the folder next
    return agent


def owner_key(data_dir: Path) -> str:
    """An owner API key of the default organisation (where ``index_site`` put the agents)."""
    from acorn.auth.accounts import default_organization
    from acorn.auth.keys import create_key
    from acorn.config import Settings
    from acorn.store import Database

    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    db = Database(settings).ensure_ready()
    try:
        return create_key(db, default_organization(db).id, "bench", "owner").key
    finally:
        db.dispose()


def start_server(
    data_dir: Path, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """``acorn serve`` on a free loopback port, once it reports ready."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ACORN_DATA_DIR": str(data_dir), **(extra_env or {})}
    exe = str(Path(sys.executable).parent / "acorn")
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--log-level", "warning"], env=env
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz/ready", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    return server, base


def visitor_headers(client: httpx.Client, base: str, agent: str, owner: dict[str, str]) -> dict:
    """What the widget sends: a visitor token minted from the agent's public key on an
    allowed origin (Acorn's own, allowed by default), and that Origin."""
    key = client.get(f"{base}/v1/agents/{agent}/widget", headers=owner).json()["public_key"]
    minted = client.post(
        f"{base}/v1/agents/{agent}/token", json={"public_key": key}, headers={"Origin": base}
    )
    minted.raise_for_status()
    return {"Authorization": f"Bearer {minted.json()['token']}", "Origin": base}


def first_ask(sites_dir: Path) -> None:
    """Every shared question asked once, one at a time, of a server that has never seen it:
    what a visitor's (usually new) question waits for. Agents are loaded by a warm-up
    question that is in no qa file, so the figure is per question, not per agent.

    Asked as the widget asks: a visitor token, over one kept-alive connection (a browser
    keeps its connection; a new client per question would add the client's own set-up,
    ~40 ms here, to every figure). The visitor rate limit is raised for the run: one
    address asks hundreds of questions a minute."""
    rows = [json.loads(x) for x in (sites_dir / "qa.jsonl").read_text().splitlines() if x.strip()]
    names = sorted({r["site"] for r in rows if (sites_dir / r["site"]).is_dir()})
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        agents = {}
        for name in names:
            t = time.perf_counter()
            agents[name] = index_site(sites_dir / name, data_dir)
            print(f"indexed {name} in {time.perf_counter() - t:.1f}s", flush=True)
        owner = {"Authorization": f"Bearer {owner_key(data_dir)}"}
        server, base = start_server(data_dir, {"ACORN_RATE_LIMIT_VISITOR": "100000/minute"})
        try:
            client = httpx.Client(timeout=120)
            visitors = {
                name: visitor_headers(client, base, agent, owner) for name, agent in agents.items()
            }
            for name, agent in agents.items():
                client.post(
                    f"{base}/v1/agents/{agent}/query",
                    json={"query": "hello"},
                    headers=visitors[name],
                )
            per_site: dict[str, list[float]] = {}
            for r in rows:
                if r["site"] not in agents:
                    continue
                t = time.perf_counter()
                client.post(
                    f"{base}/v1/agents/{agents[r['site']]}/query",
                    json={"query": r["question"]},
                    headers=visitors[r["site"]],
                ).raise_for_status()
                per_site.setdefault(r["site"], []).append((time.perf_counter() - t) * 1000)
        finally:
            server.terminate()
            server.wait(10)
    every = [ms for values in per_site.values() for ms in values]
    for name, values in per_site.items():
        print(
            f"{name:14} n={len(values):3}  p50 {pct(values, 50):5.0f} ms  p95 {pct(values, 95):5.0f} ms"
        )
    print(
        f"first ask, {len(every)} questions: p50 {pct(every, 50):.0f} ms, "
        f"p95 {pct(every, 95):.0f} ms, max {max(every):.0f} ms"
    )


async def load_python(
    url: str, questions: list[str], clients: int, seconds: float, headers: dict[str, str]
) -> dict:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def worker(n: int) -> None:
            nonlocal errors
            i = n
            while time.perf_counter() < stop:
                body = {"query": questions[i % len(questions)], "session_id": f"bench-{n}"}
                i += 1
                t = time.perf_counter()
                try:
                    async with session.post(url, json=body) as r:
                        r.raise_for_status()
                        await r.read()
                    latencies.append((time.perf_counter() - t) * 1000)
                except aiohttp.ClientError:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return {
        "driver": "python (aiohttp)",
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "client_ms": {p: round(pct(latencies, p), 1) for p in (50, 95, 99)} if latencies else {},
    }


WRK_SCRIPT = """
local bodies = %s
local counter = 0
setup = function(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
                                   ["Authorization"] = "Bearer %s"},
                    bodies[((i + offset * 7) %% #bodies) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests, errors,
           summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
           latency:percentile(99) / 1000))
end
"""


def load_wrk(
    url: str, questions: list[str], clients: int, seconds: float, headers: dict[str, str]
) -> dict:
    """Drive the server with wrk: two threads, ``clients`` keep-alive connections."""
    bodies = "{" + ",".join(json.dumps(json.dumps({"query": q})) for q in questions) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        token = headers["Authorization"].removeprefix("Bearer ")
        script.write(WRK_SCRIPT % (bodies, token))
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{clients}",
                f"-d{seconds:.0f}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, errors, duration_us, p50, p95, p99 = line.split()[1:]
    elapsed = int(duration_us) / 1e6
    return {
        "driver": "wrk",
        "requests": int(requests),
        "errors": int(errors),
        "seconds": round(elapsed, 1),
        "throughput_rps": round(int(requests) / elapsed, 1),
        "client_ms": {50: float(p50), 95: float(p95), 99: float(p99)},
    }


def server_latencies(data_dir: Path, since: float) -> dict:
    """The server's own per-query latency, as it logged each turn in ``conversations``."""
    import sqlite3

    with sqlite3.connect(data_dir / "acorn.db") as conn:
        rows = [
            r[0]
            for r in conn.execute(
                "SELECT latency_ms FROM conversations WHERE created_at >= ?",
                (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(since)),),
            )
        ]
    if not rows:
        return {}
    return {
        "server_ms": {p: round(pct(rows, p), 2) for p in (50, 95, 99)},
        "server_mean_ms": round(statistics.mean(rows), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    default_site = SHARED / "ids" if (SHARED / "ids").is_dir() else REPO / "tests/fixtures/site"
    parser.add_argument("--site", type=Path, default=default_site)
    parser.add_argument("--driver", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--cold", action="store_true", help="start the load on a cold server (no warm-up asks)"
    )
    parser.add_argument(
        "--first-ask",
        action="store_true",
        help="ask every question of every site in --sites-dir once (no load test)",
    )
    parser.add_argument("--sites-dir", type=Path, default=SHARED)
    args = parser.parse_args()
    if args.first_ask:
        if not (args.sites_dir / "qa.jsonl").is_file():
            print(f"no qa.jsonl in {args.sites_dir}: nothing to ask")
            return
        first_ask(args.sites_dir)
        return
    driver = args.driver
    if driver == "auto":
        driver = "wrk" if shutil.which("wrk") else "python"
        if driver == "python":
            print("wrk not found (apt-get install wrk); using the slower Python load generator")

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
        headers = {"Authorization": f"Bearer {owner_key(data_dir)}"}
        server, base = start_server(data_dir)
        try:
            url = f"{base}/v1/agents/{agent}/query"
            if args.cold:
                print("cold start: no warm-up, the load meets an empty answer cache")
            else:
                # Warm up: every question once (model, sentence vectors, answer cache).
                cold = []
                for q in questions:
                    t = time.perf_counter()
                    httpx.post(
                        url, json={"query": q}, headers=headers, timeout=120
                    ).raise_for_status()
                    cold.append((time.perf_counter() - t) * 1000)
                print(
                    f"first ask of each question (cold): p50 {pct(cold, 50):.0f} ms, "
                    f"p95 {pct(cold, 95):.0f} ms"
                )
            since = time.time()
            if driver == "wrk":
                result = load_wrk(url, questions, args.clients, args.seconds, headers)
            else:
                result = asyncio.run(
                    load_python(url, questions, args.clients, args.seconds, headers)
                )
        finally:
            server.terminate()
            server.wait(10)
        result.update(server_latencies(data_dir, since))
    print(f"{args.clients} concurrent clients for {args.seconds:.0f}s, {len(questions)} questions")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
