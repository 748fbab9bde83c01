"""An agent's configuration: read by any member, changed by admins. A change is a partial
document merged into the stored config and validated as a whole, so a PATCH can set one field
without restating the rest, and can never store an invalid config."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from acorn.api.deps import DbDep, SettingsDep
from acorn.api.security import Admin, Viewer, client_ip, owned_agent
from acorn.auth.audit import record
from acorn.config import AgentConfig, Settings
from acorn.crawl.policy import CrawlLimits, enforce_crawl_policy
from acorn.errors import AcornError
from acorn.store import Agent, agent_config

router = APIRouter(prefix="/v1/agents", tags=["agents"])


class InvalidConfig(AcornError):
    http_status = 422


def merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _changed_paths(change: dict[str, Any], prefix: str = "") -> list[str]:
    paths: list[str] = []
    for key, value in change.items():
        if isinstance(value, dict):
            paths += _changed_paths(value, f"{prefix}{key}.")
        else:
            paths.append(prefix + key)
    return paths


@router.get("/{agent_id}/config", response_model=AgentConfig)
def get_config(agent_id: str, who: Viewer, db: DbDep) -> AgentConfig:
    """The agent's whole configuration (defaults filled in)."""
    return agent_config(owned_agent(db, who, agent_id))


@router.patch("/{agent_id}/config", response_model=AgentConfig)
def patch_config(
    agent_id: str,
    who: Admin,
    request: Request,
    settings: SettingsDep,
    db: DbDep,
    change: dict[str, Any] = Body(..., examples=[{"personality": {"tone": "professional"}}]),
) -> AgentConfig:
    """Change part of the configuration (e.g. ``{"scraping": {"max_pages": 100}}``); the
    result must be a valid config within the server's crawl policy, else 422 and nothing
    changes."""
    agent = owned_agent(db, who, agent_id)
    try:
        config = AgentConfig.model_validate(
            merge(agent_config(agent).model_dump(mode="json"), change)
        )
    except ValueError as exc:
        raise InvalidConfig(
            f"invalid configuration: {exc}".replace("\n", " ")[:1000],
            hint="GET this endpoint for the current config and the field names",
        ) from None
    check_policy(settings, config, agent)
    with db.session() as session:
        row = session.get(Agent, agent.id)
        assert row is not None
        row.config = config.model_dump(mode="json")
    record(
        db,
        who.organization_id,
        who,
        "agent.config",
        f"agent:{agent.id}",
        {"changed": _changed_paths(change)[:50]},
        client_ip(request),
    )
    return config


def check_policy(settings: Settings, config: AgentConfig, agent: Agent) -> None:
    """The server's crawl policy (bounded pages, concurrency, refresh; robots obeyed unless the
    owner verified the site)."""
    enforce_crawl_policy(
        config, CrawlLimits.from_settings(settings), site_verified=agent.verified_at is not None
    )
