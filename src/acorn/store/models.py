"""The database of record. The vector index is derived from these tables and can always be
rebuilt from ``chunks`` (``acorn reindex``), so anything worth keeping lives here.

Generations: a re-crawl writes its pages and chunks under ``agents.live_generation + 1`` while
searches keep reading the live one; only a complete ingest flips ``live_generation`` and drops
the old rows, so a half-indexed agent never answers.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

AGENT_STATUSES = ("pending", "scraping", "ready", "failed")
JOB_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """A short, URL-safe, unguessable id (agents, jobs, users)."""
    return uuid.uuid4().hex[:16]


def new_verification_token() -> str:
    """What an owner publishes on their site to prove it is theirs (see acorn.crawl.ownership):
    random, so nobody else can publish it first; URL-safe, so it fits a meta tag and a file."""
    return "acorn-" + secrets.token_urlsafe(24)


def new_public_key() -> str:
    """The key embedded in the widget snippet: public by design, random so ids are not guessable."""
    return "pk_" + secrets.token_urlsafe(18)


class Base(DeclarativeBase):
    type_annotation_map = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    api_key_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Organization(Base):
    """Who owns agents. Every credential acts for exactly one organisation, and an agent is
    visible only to credentials of its own (to anyone else it does not exist: 404)."""

    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """A user's role in an organisation: ``owner`` > ``admin`` > ``viewer``."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organization_id", "user_id", name="uq_membership"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    """A machine credential. Only its SHA-256 is stored: the key is random (256 bits), so a
    fast hash is enough and lets a request find its key with one indexed lookup."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    prefix: Mapped[str] = mapped_column(
        String(16), default=""
    )  # shown in lists, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class RefreshToken(Base):
    """One link of a sign-in's rotating refresh chain (``family_id``). Each is used once; a
    second use means it was stolen, and the whole family is revoked."""

    __tablename__ = "refresh_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    family_id: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class SetupToken(Base):
    """The one-time first-run link (printed on the console while there is no user)."""

    __tablename__ = "setup_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


class AuditEntry(Base):
    """Who did what to which thing, and when: every change an owner endpoint makes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(128))  # user:<id> <email> | key:<id> <name> | cli
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(128), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ip: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    root_url: Mapped[str] = mapped_column(String(2048))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)  # AgentConfig as JSON
    public_key: Mapped[str] = mapped_column(String(64), unique=True, default=new_public_key)
    secret_key_hash: Mapped[str | None] = mapped_column(String(128))
    # {name, summary, structured_data} of the latest SiteData: the answer fast path reads
    # facts from here without touching the index.
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    live_generation: Mapped[int] = mapped_column(Integer, default=0)
    # "<embedder name>:<dim>" the live vectors were built with; a mismatch means re-index.
    index_embedder: Mapped[str | None] = mapped_column(String(128))
    last_scraped_at: Mapped[datetime | None] = mapped_column()
    # Owner verification: the token published on the site, and when the live site last
    # showed it. A verified agent's crawls ignore robots.txt Crawl-delay (it is their site).
    verification_token: Mapped[str | None] = mapped_column(
        String(64), default=new_verification_token
    )
    verified_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ScrapeJob(Base):
    __tablename__ = "scrape_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str] = mapped_column(String(32), default="queued")
    pages_discovered: Mapped[int] = mapped_column(Integer, default=0)
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    log: Mapped[list[Any]] = mapped_column(default=list)
    generation: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("agent_id", "generation", "url", name="uq_pages_agent_gen_url"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    generation: Mapped[int] = mapped_column(Integer, default=1)
    url: Mapped[str] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[str] = mapped_column(String(32), default="other")
    depth: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(128), default="")
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    fetched_at: Mapped[datetime | None] = mapped_column()
    word_count: Mapped[int] = mapped_column(Integer, default=0)


class Chunk(Base):
    """One retrievable chunk. ``chunk_id`` is the vector id in the index; it is derived from
    (agent, url, content), so the same chunk keeps its id (and its vector) across generations."""

    __tablename__ = "chunks"
    __table_args__ = (
        UniqueConstraint("agent_id", "generation", "chunk_id", name="uq_chunks_agent_gen_chunk"),
        Index("ix_chunks_agent_gen_url", "agent_id", "generation", "page_url"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chunk_id: Mapped[str] = mapped_column(String(36), index=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    generation: Mapped[int] = mapped_column(Integer, default=1)
    page_url: Mapped[str] = mapped_column(String(2048))
    content: Mapped[str] = mapped_column(Text)
    token_count: Mapped[int] = mapped_column(Integer, default=0)
    # heading_path, page_title, page_type, facts and anything else the chunker attached
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)
    importance_score: Mapped[float] = mapped_column(Float, default=0.5)
    category: Mapped[str] = mapped_column(String(16), default="other")
    kind: Mapped[str] = mapped_column(String(8), default="text")


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    query: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[Any]] = mapped_column(default=list)
    answered: Mapped[bool] = mapped_column(Boolean, default=True)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    channel: Mapped[str] = mapped_column(String(16), default="text")  # text | voice
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The id the query response gave the visitor, so "was this helpful?" finds its turn.
    turn_id: Mapped[str | None] = mapped_column(String(32), index=True)
    satisfaction_score: Mapped[int | None] = mapped_column(Integer)  # 1 helpful, -1 not


class Lead(Base):
    """Contact details a visitor left in the widget, for the business to call back."""

    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))  # E.164
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class FAQ(Base):
    __tablename__ = "faqs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(2048))
    origin: Mapped[str] = mapped_column(String(16), default="page")  # page | jsonld | owner
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Analytics(Base):
    __tablename__ = "analytics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)  # query | missed_question
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class VoiceModel(Base):
    """A speech model built for one agent from its site (the pocketsphinx language model made at
    the end of indexing), kept in the database so every API process, on any machine, decodes
    with the same model. ``generation`` is the agent generation it was built from; ``kind``
    names the engine's format."""

    __tablename__ = "voice_models"
    __table_args__ = (UniqueConstraint("agent_id", "kind", name="uq_voice_models_agent_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    generation: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
