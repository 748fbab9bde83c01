"""Per-agent speech models in the database: built from the live generation at the end of each
ingest, read by whichever API process decodes that agent's visitors.

Only pocketsphinx takes a per-agent model today (its language model, :mod:`.stt.agent_lm`);
whisper and hosted engines do not need one.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import delete, select

from acorn.store import Agent, Chunk, Database
from acorn.store.models import VoiceModel

log = logging.getLogger(__name__)

POCKETSPHINX_LM = "pocketsphinx.lm"


def build_voice_models(db: Database, agent_id: str) -> None:
    """(Re)build the agent's speech models from its live chunks and profile. Never raises:
    an agent without its own model is still decoded with the generic one, so a failure here
    must not fail the ingest that just succeeded."""
    try:
        started = time.perf_counter()
        size = _build_pocketsphinx(db, agent_id)
        log.info(
            "voice model for agent %s: %d bytes in %.1f s",
            agent_id,
            size,
            time.perf_counter() - started,
        )
    except Exception:
        log.exception(
            "could not build the voice model of agent %s; the generic one serves", agent_id
        )


def _build_pocketsphinx(db: Database, agent_id: str) -> int:
    from acorn.voice.stt.agent_lm import build_arpa, corpus

    with db.session() as s:
        agent = s.get(Agent, agent_id)
        if agent is None:
            return 0
        gen, profile = agent.live_generation, dict(agent.profile or {})
        rows = s.execute(
            select(Chunk.content, Chunk.metadata_).where(
                Chunk.agent_id == agent_id, Chunk.generation == gen
            )
        ).all()
    texts = [content for content, _ in rows]
    headings = {h for _, meta in rows for h in (meta or {}).get("heading_path") or []}
    arpa = build_arpa(corpus(profile, texts, sorted(headings)))
    save_voice_model(db, agent_id, gen, POCKETSPHINX_LM, arpa)
    return len(arpa)


def save_voice_model(db: Database, agent_id: str, generation: int, kind: str, data: str) -> None:
    with db.session() as s:
        s.execute(
            delete(VoiceModel).where(VoiceModel.agent_id == agent_id, VoiceModel.kind == kind)
        )
        s.add(VoiceModel(agent_id=agent_id, generation=generation, kind=kind, data=data))


def voice_model_generation(db: Database, agent_id: str, kind: str) -> int | None:
    """The generation the agent's stored model was built from (None: it has none); a cheap
    query, so a cache can tell whether its copy is current without reading the model."""
    with db.session() as s:
        return s.scalar(
            select(VoiceModel.generation).where(
                VoiceModel.agent_id == agent_id, VoiceModel.kind == kind
            )
        )


def load_voice_model(db: Database, agent_id: str, kind: str) -> tuple[int, str] | None:
    with db.session() as s:
        row = s.execute(
            select(VoiceModel.generation, VoiceModel.data).where(
                VoiceModel.agent_id == agent_id, VoiceModel.kind == kind
            )
        ).first()
    return (row[0], row[1]) if row else None
