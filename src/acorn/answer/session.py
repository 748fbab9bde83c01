"""Multi-turn memory: the last few turns of each conversation, so a follow-up such as
"and on Saturday?" or "what about a filling?" is understood in the light of the question before.

Memory is per (agent, session) and bounded; it lives in the service object (one per process),
and the conversations table remains the record of what was said.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, replace

from acorn.answer.intent import DAYS, Intent, detect, find_days

_LEAD = re.compile(r"^\s*(and|what about|how about|or|also|then)\b[\s,]*", re.IGNORECASE)
_DAY_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|\bweekends?\b", re.I
)


@dataclass(slots=True)
class Turn:
    query: str  # as understood (follow-ups expanded)
    intent: Intent
    answer: str


class SessionMemory:
    def __init__(self, max_sessions: int = 10_000, turns: int = 4) -> None:
        self.max_sessions = max_sessions
        self.turns = turns
        self._sessions: OrderedDict[tuple[str, str], deque[Turn]] = OrderedDict()
        self._lock = threading.Lock()

    def history(self, agent_id: str, session_id: str | None) -> list[Turn]:
        if not session_id:
            return []
        with self._lock:
            turns = self._sessions.get((agent_id, session_id))
            return list(turns) if turns else []

    def remember(self, agent_id: str, session_id: str | None, turn: Turn) -> None:
        if not session_id:
            return
        key = (agent_id, session_id)
        with self._lock:
            turns = self._sessions.get(key)
            if turns is None:
                turns = self._sessions[key] = deque(maxlen=self.turns)
            self._sessions.move_to_end(key)
            turns.append(turn)
            while len(self._sessions) > self.max_sessions:
                self._sessions.popitem(last=False)


def resolve(query: str, intent: Intent, previous: Turn | None) -> tuple[str, Intent]:
    """Expand a follow-up into a self-contained question, or return it unchanged."""
    if previous is None:
        return query, intent
    short = len(query.split()) <= 5
    if not (intent.follow_up or (short and intent.kind == "other")):
        return query, intent
    rest = _LEAD.sub("", query).strip().rstrip("?").strip()
    last = previous.intent
    if intent.days and last.kind in {"hours", "schedule"}:
        days = find_days(query)
        if _DAY_WORDS.search(previous.query):
            expanded = _DAY_WORDS.sub(days[0].capitalize(), previous.query, count=1)
        else:
            expanded = f"{previous.query.rstrip('?')} on {days[0].capitalize()}?"
        return expanded, replace(last, days=days, follow_up=True)
    if last.kind == "price" and rest:
        return f"How much is {rest}?", replace(detect(f"How much is {rest}?"), follow_up=True)
    if rest and last.kind in {"phone", "email", "address", "contact", "people"}:
        expanded = f"{previous.query.rstrip('?')} ({rest})?"
        return expanded, replace(detect(expanded), follow_up=True)
    expanded = f"{rest} ({previous.query.rstrip('?')})" if rest else previous.query
    return expanded, replace(detect(expanded), follow_up=True)


__all__ = ["DAYS", "SessionMemory", "Turn", "resolve"]
