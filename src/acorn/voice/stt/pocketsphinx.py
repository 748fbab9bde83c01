"""Offline speech-to-text with CMU PocketSphinx: the US English acoustic model and dictionary
the wheel ships, decoding against the agent's own language model when it has one (built at
indexing, :mod:`acorn.voice.models`) and the generic model otherwise.

Decoders are not thread-safe and cost a few hundred milliseconds to load, so each is loaded
once per (agent, generation) and used under its own lock.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import OrderedDict
from functools import cached_property

from pocketsphinx import Decoder

from acorn.config import Settings
from acorn.store import Database
from acorn.voice.models import POCKETSPHINX_LM, load_voice_model, voice_model_generation
from acorn.voice.types import PCM, SAMPLE_RATE, Transcript

MAX_AGENT_DECODERS = 32  # loaded agent models kept per process (a few MB each)


class _Locked:
    def __init__(self, decoder: Decoder) -> None:
        self.decoder = decoder
        self.lock = threading.Lock()


class PocketSphinxSTT:
    name = "pocketsphinx"

    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self._db = db
        self._agents: OrderedDict[tuple[str, int], _Locked] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.settings)
        return self._db

    @cached_property
    def _generic(self) -> _Locked:
        return _Locked(Decoder(loglevel="FATAL"))

    def _agent(self, agent_id: str) -> _Locked:
        gen = voice_model_generation(self.db, agent_id, POCKETSPHINX_LM)
        if gen is None:
            return self._generic
        key = (agent_id, gen)
        with self._lock:
            if key in self._agents:
                self._agents.move_to_end(key)
                return self._agents[key]
        found = load_voice_model(self.db, agent_id, POCKETSPHINX_LM)
        if found is None:
            return self._generic
        decoder = _Locked(agent_decoder(found[1]))
        with self._lock:
            for old in [k for k in self._agents if k[0] == agent_id]:
                del self._agents[old]  # an older generation of the same agent
            self._agents[(agent_id, found[0])] = decoder
            while len(self._agents) > MAX_AGENT_DECODERS:
                self._agents.popitem(last=False)
        return decoder

    def transcribe(
        self, audio: PCM, *, language: str | None = None, agent_id: str | None = None
    ) -> Transcript:
        """English only: the wheel ships one acoustic model, so ``language`` is not used."""
        if audio.rate != SAMPLE_RATE:
            raise ValueError(f"pocketsphinx reads {SAMPLE_RATE} Hz audio, not {audio.rate}")
        slot = self._agent(agent_id) if agent_id else self._generic
        with slot.lock:
            d = slot.decoder
            d.start_utt()
            d.process_raw(audio.samples.astype("<i2").tobytes(), full_utt=True)
            d.end_utt()
            hyp = d.hyp()
            words = [s.word for s in d.seg() if not s.word.startswith(("<", "["))]
            confidence = d.logmath.exp(hyp.prob) if hyp is not None else None
        words = [w.split("(")[0] for w in words]  # "read(2)": a pronunciation variant
        return Transcript(text=" ".join(words), language="en", confidence=confidence, words=words)


def agent_decoder(arpa: str) -> Decoder:
    """A decoder for one agent's ARPA model, with a dictionary cut down to its words."""
    from acorn.voice.stt.agent_lm import dictionary, vocabulary

    with tempfile.TemporaryDirectory() as tmp:
        lm_path, dict_path = os.path.join(tmp, "agent.arpa"), os.path.join(tmp, "agent.dict")
        with open(lm_path, "w", encoding="utf-8") as f:
            f.write(arpa)
        with open(dict_path, "w", encoding="utf-8") as f:
            f.write(dictionary(vocabulary(arpa)))
        return Decoder(lm=lm_path, dict=dict_path, loglevel="FATAL")
