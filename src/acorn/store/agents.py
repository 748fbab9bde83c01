"""Small queries about agents that several stages need (CLI, jobs, API)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from acorn.config import AgentConfig
from acorn.errors import NotFound
from acorn.store.db import Database
from acorn.store.models import Agent, new_verification_token


def create_agent(
    db: Database,
    root_url: str,
    name: str | None = None,
    config: AgentConfig | None = None,
    *,
    owner_id: str | None = None,
    organization_id: str | None = None,
) -> Agent:
    """Insert a new agent in ``pending`` status and return it (detached, attributes loaded)."""
    agent = Agent(
        root_url=root_url,
        name=name or "",
        config=(config or AgentConfig()).model_dump(mode="json"),
        owner_id=owner_id,
        organization_id=organization_id,
        status="pending",
        profile={},
        live_generation=0,
    )
    with db.session() as session:
        session.add(agent)
    return agent


def get_agent(db: Database, agent_id: str) -> Agent:
    """The agent by id (or by its public key), else :class:`NotFound`."""
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            agent = session.scalar(select(Agent).where(Agent.public_key == agent_id))
        if agent is None:
            raise NotFound(
                f"no agent with id {agent_id!r}",
                hint="list agents with `acorn agents` or create one with `acorn crawl URL`",
            )
        return agent


def agent_config(agent: Agent) -> AgentConfig:
    return AgentConfig.model_validate(agent.config or {}, context={"stored": True})


def verification_token(db: Database, agent_id: str) -> str:
    """The agent's owner-verification token; an agent made before tokens existed gets its
    random one now, so every agent can be verified."""
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            raise NotFound(f"no agent with id {agent_id!r}")
        if not agent.verification_token:
            agent.verification_token = new_verification_token()
        return agent.verification_token


def mark_verified(db: Database, agent_id: str, when: datetime) -> None:
    """Record that the live site showed the agent's token at ``when``."""
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            raise NotFound(f"no agent with id {agent_id!r}")
        agent.verified_at = when


def find_agent_for_site(db: Database, organization_id: str, root_url: str) -> Agent | None:
    """The organisation's agent for this site, if it has one (re-onboarding offers it)."""
    with db.session() as session:
        return session.scalar(
            select(Agent)
            .where(Agent.organization_id == organization_id, Agent.root_url == root_url)
            .order_by(Agent.created_at)
            .limit(1)
        )
