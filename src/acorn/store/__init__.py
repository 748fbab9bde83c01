"""The database of record: SQLAlchemy models, sessions and Alembic migrations."""

from acorn.store.agents import (
    agent_config,
    create_agent,
    find_agent_for_site,
    get_agent,
    mark_verified,
    verification_token,
)
from acorn.store.db import Database
from acorn.store.models import (
    FAQ,
    Agent,
    Analytics,
    Base,
    Chunk,
    Conversation,
    Lead,
    Page,
    ScrapeJob,
    User,
)

__all__ = [
    "FAQ",
    "Agent",
    "Analytics",
    "Base",
    "Chunk",
    "Conversation",
    "Database",
    "Lead",
    "Page",
    "ScrapeJob",
    "User",
    "agent_config",
    "create_agent",
    "find_agent_for_site",
    "get_agent",
    "mark_verified",
    "verification_token",
]
