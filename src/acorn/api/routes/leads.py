"""What visitors leave behind in the widget: contact details (leads) and "was this helpful?".

``POST /v1/agents/{agent_id}/leads`` and ``/feedback`` are visitor endpoints (a visitor token
for this agent, from the origin it was minted for, or a member trying their agent); owners
read the leads with ``GET /v1/agents/{agent_id}/leads``. Contact details are checked here as
well as in the widget: an e-mail address by its syntax (no DNS lookup: the visitor is waiting),
a phone number by its numbering plan, stored in E.164.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from sqlalchemy import select, update

from acorn.api.deps import AnswerServiceDep, DbDep, SettingsDep
from acorn.api.routes.query import admit_visitor
from acorn.api.security import Viewer, VisitorOrMember, owned_agent
from acorn.errors import NotFound
from acorn.store import Conversation, Database, Lead

router = APIRouter(prefix="/v1/agents", tags=["widget"])


class LeadCreate(BaseModel):
    name: str = Field(..., min_length=1, max_length=200)
    region: str | None = Field(
        None, pattern=r"^[A-Z]{2}$", description="Where a phone number without +country is from"
    )
    email: str | None = Field(None, max_length=320)
    phone: str | None = Field(None, max_length=40)
    message: str = Field("", max_length=2000)

    @field_validator("name", "message")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        try:
            return validate_email(value.strip(), check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"not an e-mail address: {exc}") from None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value or not value.strip():
            return None
        return _e164(value, info.data.get("region"))

    @model_validator(mode="after")
    def _reachable(self) -> LeadCreate:
        if not self.name:
            raise ValueError("a name is needed")
        if not self.email and not self.phone:
            raise ValueError("an e-mail address or a phone number is needed")
        return self


def _e164(raw: str, region: str | None) -> str:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise ValueError("not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number (add the country code, e.g. +44)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class LeadOut(BaseModel):
    id: int
    session_id: str | None
    name: str
    email: str | None
    phone: str | None
    message: str
    created_at: datetime


class Feedback(BaseModel):
    turn_id: str = Field(..., max_length=32, pattern=r"^[A-Za-z0-9_-]+$")
    score: Literal[1, -1] = Field(..., description="1: helpful, -1: not helpful")


class FeedbackOut(BaseModel):
    turn_id: str
    score: int


def _store_lead(db: Database, agent_id: str, session_id: str | None, body: LeadCreate) -> Lead:
    with db.session() as session:
        lead = Lead(
            agent_id=agent_id,
            session_id=session_id,
            name=body.name,
            email=body.email,
            phone=body.phone,
            message=body.message,
        )
        session.add(lead)
        session.flush()
        session.expunge(lead)
    return lead


@router.post("/{agent_id}/leads", status_code=201, response_model=LeadOut)
def create_lead(
    agent_id: str,
    body: LeadCreate,
    who: VisitorOrMember,
    request: Request,
    settings: SettingsDep,
    db: DbDep,
) -> LeadOut:
    """Leave contact details for the business (name and an e-mail address or phone number);
    422 names the field that is wrong."""
    session_id = admit_visitor(request, settings, db, who, agent_id)
    return LeadOut.model_validate(_store_lead(db, agent_id, session_id, body), from_attributes=True)


@router.get("/{agent_id}/leads", response_model=list[LeadOut])
def list_leads(
    agent_id: str,
    who: Viewer,
    db: DbDep,
    limit: int = Query(100, ge=1, le=1000),
) -> list[LeadOut]:
    """The contact details visitors left, newest first."""
    owned_agent(db, who, agent_id)
    with db.session() as session:
        rows = session.scalars(
            select(Lead)
            .where(Lead.agent_id == agent_id)
            .order_by(Lead.created_at.desc(), Lead.id.desc())
            .limit(limit)
        ).all()
        return [LeadOut.model_validate(r, from_attributes=True) for r in rows]


def _rate(db: Database, agent_id: str, session_id: str | None, body: Feedback) -> bool:
    where = [Conversation.agent_id == agent_id, Conversation.turn_id == body.turn_id]
    if session_id is not None:  # a visitor rates only their own turns
        where.append(Conversation.session_id == session_id)
    with db.session() as session:
        done = session.execute(
            update(Conversation).where(*where).values(satisfaction_score=body.score)
        )
        return bool(getattr(done, "rowcount", 0))


@router.post("/{agent_id}/feedback", response_model=FeedbackOut)
async def feedback(
    agent_id: str,
    body: Feedback,
    who: VisitorOrMember,
    request: Request,
    settings: SettingsDep,
    db: DbDep,
    answers: AnswerServiceDep,
) -> FeedbackOut:
    """Was this answer helpful? Stores the score on the answered turn (``turn_id`` from the
    query response); the visitor may change their mind."""
    session_id = await run_in_threadpool(admit_visitor, request, settings, db, who, agent_id)
    if not await run_in_threadpool(_rate, db, agent_id, session_id, body):
        # The turn may still be waiting in the background recorder's queue.
        await run_in_threadpool(answers.flush)
        if not await run_in_threadpool(_rate, db, agent_id, session_id, body):
            raise NotFound(
                f"no answer {body.turn_id!r} in this conversation",
                hint="rate the turn_id a query response returned",
            )
    return FeedbackOut(turn_id=body.turn_id, score=body.score)
