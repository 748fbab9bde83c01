"""The audit log: every change made through an owner endpoint or the CLI, by whom, when and
from where. Written in the same request that makes the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from acorn.auth.principal import Principal
from acorn.store import Database
from acorn.store.models import AuditEntry


@dataclass(frozen=True)
class AuditRecord:
    id: int
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    ip: str | None
    created_at: datetime


def record(
    db: Database,
    organization_id: str | None,
    actor: Principal | str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    name = actor.actor if isinstance(actor, Principal) else actor
    with db.session() as session:
        session.add(
            AuditEntry(
                organization_id=organization_id,
                actor=name[:128],
                action=action,
                target=target[:128],
                detail=detail or {},
                ip=ip,
            )
        )


def entries(
    db: Database, organization_id: str, limit: int = 100, before_id: int | None = None
) -> list[AuditRecord]:
    with db.session() as session:
        query = select(AuditEntry).where(AuditEntry.organization_id == organization_id)
        if before_id is not None:
            query = query.where(AuditEntry.id < before_id)
        rows = session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [
            AuditRecord(r.id, r.actor, r.action, r.target, r.detail or {}, r.ip, r.created_at)
            for r in rows
        ]
