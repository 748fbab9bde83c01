"""Synthesised replies kept briefly for ``GET /v1/audio/{id}``: a random, unguessable id is
the capability (the reply to a visitor's question is theirs to fetch, and nobody can list
clips), files live under the data folder and expire after ``ttl_seconds``."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from acorn.errors import NotFound

ID = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


class ClipStore:
    def __init__(self, folder: Path, ttl_seconds: float = 600.0) -> None:
        self.folder = folder
        self.ttl = ttl_seconds

    def put(self, data: bytes, fmt: str) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._expire()
        clip_id = secrets.token_urlsafe(18)
        (self.folder / f"{clip_id}.{fmt}").write_bytes(data)
        return clip_id

    def get(self, clip_id: str) -> tuple[bytes, str]:
        if ID.match(clip_id):
            for path in self.folder.glob(f"{clip_id}.*"):
                if time.time() - path.stat().st_mtime <= self.ttl:
                    return path.read_bytes(), path.suffix.lstrip(".")
        raise NotFound(
            "no such audio clip (they expire after a few minutes)",
            hint="ask the question again for a new reply",
        )

    def _expire(self) -> None:
        cutoff = time.time() - self.ttl
        for path in self.folder.glob("*.*"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:
                pass
