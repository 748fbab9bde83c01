"""An agent's crawl, seen and steered by its owner: status, re-crawl, cancel, scrape logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from acorn.api.deps import DbDep
from acorn.api.routes.onboard import jobs_of
from acorn.api.security import Admin, Viewer, client_ip, owned_agent
from acorn.auth.audit import record
from acorn.jobs import state
from acorn.store import Agent, Database, ScrapeJob

router = APIRouter(prefix="/v1/agents", tags=["agents"])


class JobOut(BaseModel):
    id: str
    status: str
    stage: str
    attempts: int
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    elapsed_seconds: float | None
    stage_seconds: dict[str, float]


class StatusOut(BaseModel):
    agent_id: str
    name: str
    root_url: str
    status: str  # pending | scraping | ready | failed
    stage: str  # queued | crawling | extracting | indexing | generating_faqs | ready | failed | cancelled
    last_scraped: datetime | None
    pages_scraped: int
    total_pages: int
    total_chunks: int
    current_url: str | None
    error: str | None
    hint: str | None
    serving: bool  # a complete knowledge base is answering (even during a re-crawl)
    job: JobOut | None


class JobAccepted(BaseModel):
    agent_id: str
    job_id: str
    status: str


class LogEntry(BaseModel):
    url: str
    outcome: str  # fetched | rendered | skipped | failed
    reason: str
    depth: int


class ScrapeLogs(BaseModel):
    agent_id: str
    job_id: str | None
    status: str | None
    counts: dict[str, int]
    entries: list[LogEntry]


def _stage_seconds(log: list[dict[str, Any]], job: ScrapeJob) -> dict[str, float]:
    """Seconds spent in each stage, from the stage marks in the job log."""
    marks = [(e["stage"], float(e["seconds"])) for e in log if e.get("kind") == "stage"]
    end = _elapsed(job)
    out: dict[str, float] = {}
    for i, (stage, at) in enumerate(marks):
        nxt = marks[i + 1][1] if i + 1 < len(marks) else end
        if nxt is not None:
            out[stage] = round(max(0.0, nxt - at), 3)
    return out


def _elapsed(job: ScrapeJob) -> float | None:
    start = state.aware(job.started_at)
    if start is None:
        return None
    end = state.aware(job.finished_at) or state.now()
    return round((end - start).total_seconds(), 3)


def job_out(job: ScrapeJob) -> JobOut:
    return JobOut(
        id=job.id,
        status=job.status,
        stage=job.stage,
        attempts=job.attempts,
        created_at=state.aware(job.created_at),
        started_at=state.aware(job.started_at),
        finished_at=state.aware(job.finished_at),
        elapsed_seconds=_elapsed(job),
        stage_seconds=_stage_seconds(job.log or [], job),
    )


def status_of(db: Database, agent: Agent) -> StatusOut:
    job = state.latest_job(db, agent.id)
    log = (job.log or []) if job else []
    pages = [e for e in log if e.get("kind") in ("fetched", "rendered")]
    errors = [e for e in log if e.get("kind") == "error"]
    failed = job is not None and job.status in ("failed", "cancelled")
    return StatusOut(
        agent_id=agent.id,
        name=agent.name,
        root_url=agent.root_url,
        status=agent.status,
        stage=(job.stage if job else ("ready" if agent.status == "ready" else agent.status)),
        last_scraped=state.aware(agent.last_scraped_at),
        pages_scraped=job.pages_fetched if job else 0,
        total_pages=job.pages_discovered if job else 0,
        total_chunks=state.live_chunk_count(db, agent) if agent.live_generation else 0,
        current_url=pages[-1]["url"] if pages and job and job.status == "running" else None,
        error=job.error if failed and job else None,
        hint=errors[-1].get("hint") if failed and errors else None,
        serving=bool(agent.live_generation),
        job=job_out(job) if job else None,
    )


@router.get("/{agent_id}/status", response_model=StatusOut)
def agent_status(agent_id: str, who: Viewer, db: DbDep) -> StatusOut:
    """Where the agent's latest crawl is, and whether the agent can answer."""
    return status_of(db, owned_agent(db, who, agent_id))


@router.post("/{agent_id}/recrawl", status_code=202, response_model=JobAccepted)
def recrawl(agent_id: str, who: Admin, request: Request, db: DbDep) -> JobAccepted:
    """Crawl the site again. The current knowledge keeps answering until the new crawl is
    complete; 409 if a crawl is already queued or running."""
    agent = owned_agent(db, who, agent_id)
    job = jobs_of(request).submit(agent.id)
    record(
        db,
        who.organization_id,
        who,
        "agent.recrawl",
        f"agent:{agent.id}",
        {"job_id": job.id},
        client_ip(request),
    )
    return JobAccepted(agent_id=agent.id, job_id=job.id, status=job.status)


@router.post("/{agent_id}/cancel", response_model=JobAccepted)
def cancel(agent_id: str, who: Admin, request: Request, db: DbDep) -> JobAccepted:
    """Stop the running crawl (within about a second); 409 if nothing is running."""
    agent = owned_agent(db, who, agent_id)
    job = jobs_of(request).cancel(agent.id)
    record(
        db,
        who.organization_id,
        who,
        "agent.cancel",
        f"agent:{agent.id}",
        {"job_id": job.id},
        client_ip(request),
    )
    return JobAccepted(agent_id=agent.id, job_id=job.id, status=job.status)


@router.get("/{agent_id}/scrape-logs", response_model=ScrapeLogs)
def scrape_logs(agent_id: str, who: Viewer, db: DbDep, job_id: str | None = None) -> ScrapeLogs:
    """What happened to every page of the latest crawl (or ``job_id``): fetched, rendered,
    skipped (and why), failed (and why)."""
    agent = owned_agent(db, who, agent_id)
    job = state.get_job(db, job_id) if job_id else state.latest_job(db, agent.id)
    if job is not None and job.agent_id != agent.id:
        job = None
    entries = [
        LogEntry(
            url=str(e.get("url", "")),
            outcome=str(e["kind"]),
            reason=str(e.get("reason") or ""),
            depth=int(e.get("depth") or 0),
        )
        for e in ((job.log or []) if job else [])
        if e.get("kind") in ("fetched", "rendered", "skipped", "failed")
    ]
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.outcome] = counts.get(entry.outcome, 0) + 1
    return ScrapeLogs(
        agent_id=agent.id,
        job_id=job.id if job else None,
        status=job.status if job else None,
        counts=counts,
        entries=entries,
    )


class AgentSummary(BaseModel):
    agent_id: str
    name: str
    root_url: str
    status: str
    last_scraped: datetime | None
    verified: bool
    created_at: datetime | None


@router.get("", response_model=list[AgentSummary])
def list_agents(who: Viewer, db: DbDep) -> list[AgentSummary]:
    """The organisation's agents, oldest first."""
    from sqlalchemy import select

    with db.session() as session:
        rows = session.scalars(
            select(Agent)
            .where(Agent.organization_id == who.organization_id)
            .order_by(Agent.created_at)
        ).all()
        return [
            AgentSummary(
                agent_id=a.id,
                name=a.name,
                root_url=a.root_url,
                status=a.status,
                last_scraped=state.aware(a.last_scraped_at),
                verified=a.verified_at is not None,
                created_at=state.aware(a.created_at),
            )
            for a in rows
        ]
