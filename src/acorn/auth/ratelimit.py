"""Request rate limits with the ``limits`` library: a moving window per (rule, key), kept in
Redis when ``ACORN_REDIS_URL`` is set (so every API process shares the counts) and in memory
otherwise. A refused hit raises :class:`RateLimited` (429) carrying ``Retry-After``."""

from __future__ import annotations

import math
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from acorn.config import Settings
from acorn.errors import AcornError


class RateLimited(AcornError):
    """Too many requests; ``headers`` carries ``Retry-After`` in seconds."""

    http_status = 429

    def __init__(self, message: str, retry_after: int, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}
        self.extra = {"retry_after": retry_after}


class RateLimiter:
    """One per process; rules are ``limits`` strings such as ``"100/minute"``."""

    def __init__(self, settings: Settings) -> None:
        uri = settings.redis_url or "memory://"
        self.storage = storage_from_string(uri, key_prefix="acorn-rl")
        self.strategy = MovingWindowRateLimiter(self.storage)

    def hit(self, rule: str, scope: str, key: str, what: str = "requests") -> None:
        item = parse(rule)
        if self.strategy.hit(item, scope, key):
            return
        reset, _remaining = self.strategy.get_window_stats(item, scope, key)
        retry = max(1, math.ceil(reset - time.time()))
        raise RateLimited(
            f"too many {what}: at most {rule}",
            retry_after=retry,
            hint=f"wait {retry} s and try again",
        )

    def clear(self, rule: str, scope: str, key: str) -> None:
        self.strategy.clear(parse(rule), scope, key)
