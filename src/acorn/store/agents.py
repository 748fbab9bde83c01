"""Small queries about agents that several stages need (CLI, jobs, API)."""

from __future__ import annotations

from sqlalchemy import select

from acorn.config import AgentConfig
from acorn.errors import NotFound
from acorn.store.db import Database
from acorn.store.models import Agent


def create_agent(
    db: Database,
    root_url: str,
    name: str | None = None,
    config: AgentConfig | None = None,
    *,
    owner_id: str | None = None,
) -> Agent:
    """Insert a new agent in ``pending`` status and return it (detached, attributes loaded)."""
    agent = Agent(
        root_url=root_url,
        name=name or "",
        config=(config or AgentConfig()).model_dump(mode="json"),
        owner_id=owner_id,
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
    return AgentConfig.model_validate(agent.config or {})
