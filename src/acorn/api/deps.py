"""``Annotated`` dependency aliases, so routes stay thin and tests can override any of them
(``app.dependency_overrides[get_db] = ...``). Everything is built once in the app's lifespan and
kept on ``app.state``; nothing here is global."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from acorn.answer.service import AnswerService
from acorn.config import Settings
from acorn.store import Database


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def get_kb(request: Request) -> Any:
    return request.app.state.kb


def get_answer_service(request: Request) -> AnswerService:
    return request.app.state.answers  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
KbDep = Annotated[Any, Depends(get_kb)]
AnswerServiceDep = Annotated[AnswerService, Depends(get_answer_service)]
