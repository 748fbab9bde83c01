"""One voice turn, end to end, for the HTTP upload and the real-time socket alike: speech to
text with the agent's engine, the same answer service as typed questions, and the reply
rewritten for the ear and synthesised sentence by sentence in the language it is written in.

Engines are loaded once per process and kept here (model weights take seconds to load); every
blocking call is meant to run in a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import py3langid

from acorn.answer.service import AnswerService
from acorn.config import AgentConfig, Settings
from acorn.voice.clips import ClipStore
from acorn.voice.types import PCM, Transcript


@dataclass
class VoiceService:
    settings: Settings
    answers: AnswerService
    _stt: dict[str, Any] = field(default_factory=dict)
    _tts: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.clips = ClipStore(self.settings.data_dir / "audio")

    def config(self, agent_id: str) -> AgentConfig:
        return self.answers.load(agent_id).config

    def stt(self, config: AgentConfig) -> Any:
        from acorn.voice.stt import get_stt

        name = config.voice.stt_provider or self.settings.stt
        if name not in self._stt:
            # One per process: pocketsphinx keeps each agent's loaded model in it.
            self._stt[name] = get_stt(self.settings, name, db=self.answers.db)
        return self._stt[name]

    def tts(self, config: AgentConfig) -> Any:
        from acorn.voice.tts import get_tts

        name = config.voice.tts_provider or self.settings.tts
        if name not in self._tts:
            self._tts[name] = get_tts(self.settings, name)
        return self._tts[name]

    def transcribe(
        self, agent_id: str, audio: PCM, config: AgentConfig | None = None
    ) -> Transcript:
        config = config or self.config(agent_id)
        result: Transcript = self.stt(config).transcribe(
            audio, language=self.listening_language(agent_id, config), agent_id=agent_id
        )
        return result

    def listening_language(self, agent_id: str, config: AgentConfig) -> str | None:
        """The language to transcribe in: the agent's setting; else English on an English
        site; else None, so the engine detects it (visitors to a German site may speak
        German or English). Detection costs Whisper a second pass over the audio (about
        double the time), which the common case, English on an English site, is spared."""
        if config.voice.stt_language:
            return config.voice.stt_language
        site = reply_language(self.answers.load(agent_id).summary, "en")
        return "en" if site == "en" else None

    def spoken(self, text: str, config: AgentConfig) -> Iterator[tuple[str, PCM]]:
        """The reply's sentences for the ear, each synthesised in the reply's language."""
        from acorn.voice.speech_text import for_speech, sentences

        language = reply_language(text, config.voice.language)
        engine = self.tts(config)
        for sentence in sentences(for_speech(text, language)):
            if sentence.strip():
                yield sentence, engine.synthesize(sentence, language=language, voice=config.voice)


def reply_language(text: str, default: str) -> str:
    """The language a reply is written in (the site's, usually), so it is spoken with a voice
    for that language; short or unclear text keeps the agent's language."""
    if len(text.split()) < 4:
        return default
    lang, _score = py3langid.classify(text)
    return str(lang) if lang else default
