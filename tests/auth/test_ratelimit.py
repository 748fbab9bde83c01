"""Rate limits in memory and in the real Redis: refused with Retry-After, then allowed again
once the window has passed."""

from __future__ import annotations

import os
import time
import uuid

import pytest

from acorn.auth.ratelimit import RateLimited, RateLimiter
from acorn.config import Settings


@pytest.fixture(params=["memory", "redis"])
def limiter(request: pytest.FixtureRequest, settings: Settings) -> RateLimiter:
    if request.param == "redis":
        url = os.environ.get("ACORN_TEST_REDIS_URL")
        if not url:
            pytest.skip("ACORN_TEST_REDIS_URL is not set (run `make services`)")
        settings = settings.model_copy(update={"redis_url": url})
    return RateLimiter(settings)


def test_limit_refuses_then_recovers(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    for _ in range(3):
        limiter.hit("3/2 seconds", "test", key)
    with pytest.raises(RateLimited) as refused:
        limiter.hit("3/2 seconds", "test", key)
    assert refused.value.http_status == 429
    assert 1 <= refused.value.retry_after <= 2
    assert refused.value.headers == {"Retry-After": str(refused.value.retry_after)}
    limiter.hit("3/2 seconds", "test", uuid.uuid4().hex)  # other keys are not affected
    time.sleep(refused.value.retry_after + 0.2)
    limiter.hit("3/2 seconds", "test", key)


def test_processes_share_counts_through_redis(settings: Settings) -> None:
    url = os.environ.get("ACORN_TEST_REDIS_URL")
    if not url:
        pytest.skip("ACORN_TEST_REDIS_URL is not set (run `make services`)")
    shared = settings.model_copy(update={"redis_url": url})
    one, two = RateLimiter(shared), RateLimiter(shared)
    key = uuid.uuid4().hex
    one.hit("2/minute", "test", key)
    two.hit("2/minute", "test", key)
    with pytest.raises(RateLimited):
        one.hit("2/minute", "test", key)
