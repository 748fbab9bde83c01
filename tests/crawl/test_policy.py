"""The server's crawl policy: over a cap is refused with every field listed, never clamped;
ignoring robots.txt needs a verified site; the caps come from ``ACORN_CRAWL_*`` settings."""

from __future__ import annotations

import pytest

from acorn.config import AgentConfig, Settings
from acorn.crawl.policy import CrawlLimits, enforce_crawl_policy, policy_violations
from acorn.errors import PolicyViolation

LIMITS = CrawlLimits()


def config(**scraping: object) -> AgentConfig:
    return AgentConfig.model_validate({"scraping": scraping})


def test_defaults_and_the_test_suites_fast_configs_comply() -> None:
    enforce_crawl_policy(AgentConfig(), LIMITS, site_verified=False)
    fast = config(delay_seconds=0, max_pages=200, concurrency=4, render_js="never")
    enforce_crawl_policy(fast, LIMITS, site_verified=False)


def test_every_field_over_the_policy_is_listed_with_its_setting() -> None:
    greedy = config(
        respect_robots_txt=False,
        obey_crawl_delay=False,
        max_pages=10_000,
        concurrency=64,
        refresh_hours=0.25,
        max_depth=20,
        timeout_seconds=120,
        max_page_bytes=50_000_000,
        job_deadline_seconds=86_400,
    )
    with pytest.raises(PolicyViolation) as info:
        enforce_crawl_policy(greedy, LIMITS, site_verified=False)
    exc = info.value
    assert exc.http_status == 422
    assert exc.extra["fields"] == [
        "scraping.max_depth",
        "scraping.max_pages",
        "scraping.respect_robots_txt",
        "scraping.obey_crawl_delay",
        "scraping.concurrency",
        "scraping.timeout_seconds",
        "scraping.max_page_bytes",
        "scraping.job_deadline_seconds",
        "scraping.refresh_hours",
    ]
    assert "scraping.max_pages: 10000 is over 500" in exc.message
    assert "scraping.refresh_hours: 0.25 is under 6" in exc.message
    assert exc.hint is not None
    for setting in ("ACORN_CRAWL_MAX_PAGES", "ACORN_CRAWL_MAX_CONCURRENCY",
                    "ACORN_CRAWL_MIN_REFRESH_HOURS", "ACORN_CRAWL_MAX_DEADLINE_SECONDS",
                    "ACORN_CRAWL_MAX_PAGE_BYTES", "ACORN_CRAWL_MAX_DEPTH",
                    "ACORN_CRAWL_MAX_TIMEOUT_SECONDS"):  # fmt: skip
        assert setting in exc.hint
    assert "verification" in exc.hint


def test_values_at_the_caps_are_allowed_and_nothing_is_clamped() -> None:
    at_caps = config(max_pages=500, concurrency=8, refresh_hours=6, max_depth=10)
    enforce_crawl_policy(at_caps, LIMITS, site_verified=False)
    assert at_caps.scraping.max_pages == 500 and at_caps.scraping.concurrency == 8


def test_a_verified_owner_may_waive_robots_txt_and_its_crawl_delay() -> None:
    own_site = config(obey_crawl_delay=False, respect_robots_txt=False)
    enforce_crawl_policy(own_site, LIMITS, site_verified=True)
    refused = policy_violations(own_site, LIMITS, site_verified=False)
    assert [v.field for v in refused] == [
        "scraping.respect_robots_txt",
        "scraping.obey_crawl_delay",
    ]
    with pytest.raises(PolicyViolation) as info:
        enforce_crawl_policy(config(obey_crawl_delay=False), LIMITS, site_verified=False)
    assert info.value.hint and "ACORN_" not in info.value.hint  # no setting lifts this one


def test_verification_does_not_lift_the_caps() -> None:
    with pytest.raises(PolicyViolation, match="max_pages"):
        enforce_crawl_policy(config(max_pages=501), LIMITS, site_verified=True)


def test_limits_come_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACORN_CRAWL_MAX_PAGES", "2000")
    monkeypatch.setenv("ACORN_CRAWL_MIN_REFRESH_HOURS", "1")
    limits = CrawlLimits.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert limits.max_pages == 2000 and limits.min_refresh_hours == 1
    assert limits.max_concurrency == 8 and limits.max_timeout_seconds == 60
    enforce_crawl_policy(config(max_pages=2000, refresh_hours=1), limits, site_verified=False)
