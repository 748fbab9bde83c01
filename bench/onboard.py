"""Onboarding speed: seconds from ``POST /v1/onboard`` to ``ready``, split by stage, for each
shared site and a generated 50-page static site, all served on loopback, through a real
``acorn serve``-style server (uvicorn, in-process job runner, SQLite, local Qdrant).

Politeness delay 0 (the benchmark's own sites); everything else is the default agent config
(JS rendering on ``auto``, max 50 pages). A warm-up onboarding runs first so the figures are
those of a running server (the embedding model and the extraction pool's imports loaded).
Target (issue 5): the 50-page site ready in <= 20 s on this machine.

    .venv/bin/python bench/onboard.py [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.jobs.harness import make_app, serve  # noqa: E402
from tests.support.siteserver import SiteServer  # noqa: E402

from acorn.config import Settings  # noqa: E402

SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))
STAGES = ("queued", "starting", "crawling", "extracting", "indexing", "generating_faqs")
TOPICS = [
    "Brake repair",
    "Wheel truing",
    "Chain replacement",
    "Gear tuning",
    "Tyre fitting",
    "Suspension service",
    "E-bike diagnostics",
    "Bike fitting",
    "Frame inspection",
    "Headset service",
]


def generate_site(root: Path, pages: int = 50) -> Path:
    """A static 50-page small-business site: home, about, contact, FAQ and service pages,
    each with navigation, a few paragraphs, a price and the shared footer."""
    nav = "".join(f'<li><a href="/page-{i}/">Page {i}</a></li>' for i in range(1, pages))
    footer = (
        "<footer><p>Bramble Cycles, 12 Orchard Lane, Springfield. Call +1 415-555-0100 or "
        "email hello@bramble.example. Open Monday to Saturday 9am-6pm, closed Sunday.</p>"
        "</footer>"
    )

    def page(title: str, body: str) -> str:
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | '
            f"Bramble Cycles</title></head><body><header><nav><ul>{nav}</ul></nav></header>"
            f"<main><h1>{title}</h1>{body}</main>{footer}</body></html>"
        )

    home = "<p>Bramble Cycles repairs and services bicycles of every kind.</p>" * 3
    (root / "index.html").write_text(page("Bramble Cycles", home))
    for i in range(1, pages):
        topic = TOPICS[i % len(TOPICS)]
        sections = "".join(
            f"<h2>{topic}: part {j}</h2><p>Our {topic.lower()} service (variant {i}.{j}) "
            f"covers inspection, adjustment and a test ride. It costs ${40 + i + j} and "
            f"usually takes {1 + (i + j) % 3} days. Book online or drop in; we explain every "
            f"step and only replace parts you agree to. Tip {i}.{j}: keep your bike clean "
            "and dry, check tyre pressure weekly and lubricate the chain monthly.</p>"
            for j in range(1, 5)
        )
        folder = root / f"page-{i}"
        folder.mkdir()
        (folder / "index.html").write_text(page(f"{topic} ({i})", sections))
    return root


def _cpu() -> float:
    """CPU seconds used by this process (server, crawler, embedder; not the extraction
    processes): on a shared machine, CPU time / wall time shows how starved the run was."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def onboard(base: str, url: str, label: str, headers: dict[str, str]) -> dict:
    config = {"scraping": {"delay_seconds": 0}}
    started, cpu_started = time.perf_counter(), _cpu()
    resp = httpx.post(
        f"{base}/v1/onboard", json={"root_url": url, "config": config}, headers=headers, timeout=60
    )
    resp.raise_for_status()
    agent_id = resp.json()["agent_id"]
    while True:
        status = httpx.get(
            f"{base}/v1/agents/{agent_id}/status", headers=headers, timeout=60
        ).json()
        if status["job"] and status["job"]["status"] not in ("queued", "running"):
            break
        time.sleep(0.05)
    total = time.perf_counter() - started
    cpu = _cpu() - cpu_started
    job = status["job"]
    logs = httpx.get(f"{base}/v1/agents/{agent_id}/scrape-logs", headers=headers, timeout=60).json()
    stages = dict(job["stage_seconds"])
    if job["started_at"] and job["created_at"]:
        from datetime import datetime

        queued = datetime.fromisoformat(job["started_at"]) - datetime.fromisoformat(
            job["created_at"]
        )
        stages["queued"] = round(queued.total_seconds(), 3)
    split = " ".join(f"{s} {stages[s]:5.2f}" for s in STAGES if s in stages)
    print(
        f"{label:16} {job['status']:9} {total:6.2f} s (server CPU {cpu:5.1f} s) | pages {status['pages_scraped']:3} "
        f"(rendered {logs['counts'].get('rendered', 0)}) chunks {status['total_chunks']:4} | "
        f"{split}",
        flush=True,
    )
    return {"label": label, "seconds": total, "status": job["status"], "stages": stages}


def run_key(db: object, name: str) -> dict[str, str]:
    """An owner key of a new organisation."""
    from acorn.auth.accounts import create_organization
    from acorn.auth.keys import create_key

    org = create_organization(db, name)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {create_key(db, org.id, name, 'owner').key}"}  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="repeat each site this many times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp) / "data",
            allow_private_networks=["127.0.0.0/8"],
        )
        sites = {"generated-50": generate_site(Path(tempfile.mkdtemp(dir=tmp)))}
        if (SHARED / "qa.jsonl").is_file():
            sites |= {p.name: p for p in sorted(SHARED.iterdir()) if p.is_dir()}
        else:
            print(f"(shared sites not found at {SHARED}; set ACORN_SHARED_SITES)")
        servers = {name: SiteServer(path).start() for name, path in sites.items()}
        for site in servers.values():  # a crawler closing keep-alive sockets is not news
            site._httpd.handle_error = lambda request, address: None  # type: ignore[union-attr,method-assign]
        try:
            with serve(make_app(settings)) as server:
                load = os.getloadavg()[0]
                print(f"server {server.url}; {os.cpu_count()} CPUs, load {load:.1f}; warm-up:")
                db = server.app.state.db
                warm = run_key(db, "warm-up")
                onboard(server.url, servers["generated-50"].url + "/page-1/", "warm-up", warm)
                print()
                for run in range(args.runs):
                    # Each run as a new organisation: one that already has an agent for a
                    # site is offered that agent instead of a new crawl.
                    headers = run_key(db, f"run {run + 1}")
                    for name, site in servers.items():
                        onboard(server.url, site.url + "/", name, headers)
        finally:
            for site in servers.values():
                site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
