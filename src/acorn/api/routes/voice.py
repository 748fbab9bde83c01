"""Voice endpoints: a recorded question uploaded whole (``POST /v1/agents/{id}/voice``), the
spoken reply it points to (``GET /v1/audio/{id}``), and a real-time conversation over a
WebSocket (``/v1/realtime/{id}?key=TOKEN``, see :mod:`acorn.voice.realtime`).

Both accept a visitor token for the agent (the widget) or a member's credential, like the
text query, with the same per-visitor rate limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile, WebSocket
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel
from starlette.websockets import WebSocketDisconnect

from acorn.api.deps import DbDep, SettingsDep
from acorn.api.routes.query import SourceOut, admit_visitor
from acorn.api.security import VisitorOrMember, authenticate
from acorn.auth.principal import Principal
from acorn.errors import AcornError
from acorn.voice.realtime import ProtocolError, RealtimeSession
from acorn.voice.service import VoiceService

router = APIRouter(tags=["voice"])

MAX_UPLOAD_BYTES = 10_000_000  # also the body limit of the upload route (acorn.api.app)
UPLOAD_PATH = r"^/v1/agents/[^/]+/voice$"
AudioFormat = Literal["mp3", "webm", "ogg", "wav"]
MEDIA = {"mp3": "audio/mpeg", "webm": "audio/webm", "ogg": "audio/ogg", "wav": "audio/wav"}


class VoiceReply(BaseModel):
    transcript: str
    language: str | None
    answer: str
    answered: bool
    audio_url: str | None  # the spoken reply, GET within ten minutes
    sources: list[SourceOut]
    session_id: str | None
    latency_ms: float
    turn_id: str | None = None  # for POST .../feedback


def voice_of(app_state: Any) -> VoiceService:
    service: VoiceService | None = getattr(app_state, "voice", None)
    if service is None:
        service = app_state.voice = VoiceService(app_state.settings, app_state.answers)
    return service


def _speak(voice: VoiceService, text: str, config: Any, fmt: str) -> str:
    import numpy as np

    from acorn.voice.encode import encode
    from acorn.voice.types import PCM

    parts = [pcm for _sentence, pcm in voice.spoken(text, config)]
    if not parts:
        return ""
    rate = parts[0].rate
    pcm = PCM(np.concatenate([p.samples for p in parts if p.rate == rate]), rate)
    return voice.clips.put(encode(pcm, fmt), fmt)  # type: ignore[arg-type]


async def admitted(
    agent_id: str, who: VisitorOrMember, request: Request, settings: SettingsDep, db: DbDep
) -> tuple[Principal, str | None]:
    """The caller, admitted for this agent (404, 403 or 429 otherwise), and the visitor's
    session. A dependency, so it answers before the upload is even validated."""
    if who.kind == "visitor":
        return who, admit_visitor(request, settings, db, who, agent_id)
    await run_in_threadpool(admit_visitor, request, settings, db, who, agent_id)
    return who, None


@router.post("/v1/agents/{agent_id}/voice", response_model=VoiceReply)
async def voice_question(
    agent_id: str,
    caller: Annotated[tuple[Principal, str | None], Depends(admitted)],
    request: Request,
    audio: UploadFile = File(..., description="The question: WAV, WebM/Opus, Ogg, MP3 or M4A"),
    session_id: str | None = Form(None, max_length=64),
    format: AudioFormat = Query("mp3", description="How the spoken reply is encoded"),
) -> VoiceReply:
    """Ask by voice: the recording is transcribed, answered like a typed question, and the
    answer spoken; ``audio_url`` serves the reply."""
    from acorn.voice.decode import decode

    started = time.perf_counter()
    session_id = caller[1] or session_id
    voice = voice_of(request.app.state)
    data = await audio.read(MAX_UPLOAD_BYTES + 1)
    config = await run_in_threadpool(voice.config, agent_id)
    pcm = await run_in_threadpool(decode, data, max_bytes=MAX_UPLOAD_BYTES)
    heard = await run_in_threadpool(voice.transcribe, agent_id, pcm, config)
    question = heard.text.strip()
    if not question:
        return VoiceReply(
            transcript="", language=heard.language, answer="", answered=False, audio_url=None,
            sources=[], session_id=session_id,
            latency_ms=round((time.perf_counter() - started) * 1000, 1),
        )  # fmt: skip
    turn_id = secrets.token_urlsafe(12)
    result = await run_in_threadpool(
        partial(voice.answers.answer, channel="voice", turn_id=turn_id),
        agent_id,
        question,
        session_id,
    )
    clip = await run_in_threadpool(_speak, voice, result.text, config, format)
    return VoiceReply(
        transcript=question,
        language=heard.language,
        answer=result.text,
        answered=result.answered,
        audio_url=f"/v1/audio/{clip}" if clip else None,
        sources=[
            SourceOut(
                chunk_id=s.chunk_id, url=s.url, title=s.title, relevance_score=s.relevance_score
            )
            for s in result.sources
        ],
        session_id=session_id,
        latency_ms=round((time.perf_counter() - started) * 1000, 1),
        turn_id=turn_id,
    )


@router.get("/v1/audio/{clip_id}")
def audio_clip(clip_id: str, request: Request) -> Response:
    """A spoken reply from ``POST .../voice``. The random id is the credential (it was handed
    only to whoever asked); clips expire after ten minutes."""
    data, fmt = voice_of(request.app.state).clips.get(clip_id)
    return Response(
        data, media_type=MEDIA.get(fmt, "application/octet-stream"),
        headers={"Cache-Control": "private, max-age=600"},
    )  # fmt: skip


# WebSocket close codes (4000-4999 are the application's): the client can tell them apart.
CLOSE_UNAUTHORIZED, CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_EXPIRED = 4401, 4403, 4404, 4440
CLOSE_RATE_LIMITED, CLOSE_PROTOCOL = 4429, 4400


def _close_code(exc: AcornError) -> int:
    return {401: CLOSE_UNAUTHORIZED, 403: CLOSE_FORBIDDEN, 404: CLOSE_NOT_FOUND,
            429: CLOSE_RATE_LIMITED}.get(exc.http_status, CLOSE_PROTOCOL)  # fmt: skip


@router.websocket("/v1/realtime/{agent_id}")
async def realtime(
    websocket: WebSocket,
    agent_id: str,
    key: str = Query("", description="A visitor token (or a member's credential)"),
    format: AudioFormat = Query("webm", description="How reply audio is encoded"),
) -> None:
    """A spoken conversation: the token is checked at the handshake, and the socket closes
    with 4440 when it expires mid-session (mint a new one and reconnect)."""
    await websocket.accept()
    state = websocket.app.state
    settings, db = state.settings, state.db
    try:
        creds = HTTPAuthorizationCredentials(scheme="Bearer", credentials=key)
        who = await asyncio.to_thread(authenticate, websocket, creds)
        if who.kind == "visitor":
            session_id = admit_visitor(websocket, settings, db, who, agent_id)
        else:
            await asyncio.to_thread(admit_visitor, websocket, settings, db, who, agent_id)
            session_id = None
        voice = voice_of(state)
        config = await asyncio.to_thread(voice.config, agent_id)
    except AcornError as exc:
        await websocket.send_json({"type": "error", "error": exc.message, "hint": exc.hint})
        await websocket.close(code=_close_code(exc), reason=exc.message[:120])
        return

    async def send(message: dict[str, Any]) -> None:
        await websocket.send_text(json.dumps(message))

    session = RealtimeSession(voice, agent_id, session_id, send, config, audio_format=format)
    try:
        while True:
            raw = await websocket.receive_text()
            if who.expires_at is not None and time.time() > who.expires_at:
                await send({"type": "error", "error": "the token has expired",
                            "hint": "mint a new visitor token and reconnect"})  # fmt: skip
                await websocket.close(code=CLOSE_EXPIRED, reason="token expired")
                break
            if who.kind == "visitor":
                admit_visitor(websocket, settings, db, who, agent_id)  # the rate limit, per message
            try:
                message = json.loads(raw)
                if not isinstance(message, dict):
                    raise ValueError
                await session.handle(message)
            except (ValueError, ProtocolError) as exc:
                hint = getattr(exc, "hint", None) or "send JSON messages: start, audio_chunk, stop"
                error = getattr(exc, "message", None) or "not a JSON message"
                await send({"type": "error", "error": error, "hint": hint})
            except AcornError as exc:
                await send({"type": "error", "error": exc.message, "hint": exc.hint})
    except WebSocketDisconnect:
        pass
    except AcornError as exc:  # the rate limit
        with contextlib.suppress(Exception):  # the client may be gone already
            await websocket.close(code=_close_code(exc), reason=exc.message[:120])
    finally:
        await session.close()
