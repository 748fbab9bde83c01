"""The server's crawl policy: how much crawling anyone who can submit an agent config may ask
for.

:class:`~acorn.config.ScrapingConfig`'s own bounds say what the crawler can do; this says what
this server lets a caller of the API make it do to somebody's site and to its own resources
(pages, parallel requests, re-crawl frequency, job time, page size). The operator sets the
caps with ``ACORN_CRAWL_*`` settings. A config over a cap is refused with every offending
field listed (a 422), never silently clamped: the caller learns what will really happen.

Ignoring robots.txt, or its ``Crawl-delay``, is a decision only a site's owner may make, so it
needs an agent whose owner proved the site is theirs (:mod:`acorn.crawl.ownership`); a new
onboarding is never verified yet.

The policy is applied where a config is submitted (``POST /v1/onboard``, a config update):
jobs run the stored config as it is. The ``acorn`` CLI is run by the machine's operator and
is not bound by it.
"""

from __future__ import annotations

from dataclasses import dataclass

from acorn.config import AgentConfig, Settings
from acorn.errors import PolicyViolation


@dataclass(frozen=True)
class CrawlLimits:
    """The caps one server applies to submitted crawl settings."""

    max_pages: int = 500
    max_concurrency: int = 8
    min_refresh_hours: float = 6.0
    max_deadline_seconds: float = 1800.0
    max_page_bytes: int = 10_000_000
    max_depth: int = 10
    max_timeout_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> CrawlLimits:
        return cls(
            max_pages=settings.crawl_max_pages,
            max_concurrency=settings.crawl_max_concurrency,
            min_refresh_hours=settings.crawl_min_refresh_hours,
            max_deadline_seconds=settings.crawl_max_deadline_seconds,
            max_page_bytes=settings.crawl_max_page_bytes,
            max_depth=settings.crawl_max_depth,
            max_timeout_seconds=settings.crawl_max_timeout_seconds,
        )


@dataclass(frozen=True)
class Violation:
    field: str  # dotted, as in the request body: "scraping.max_pages"
    problem: str
    remedy: str  # the setting an operator can raise, or what the owner can do


_VERIFY = (
    "create the agent respecting it, verify the site's ownership (GET, then POST "
    "/v1/agents/{id}/verification), then update its config"
)


def policy_violations(
    config: AgentConfig, limits: CrawlLimits, *, site_verified: bool
) -> list[Violation]:
    """Every way ``config`` exceeds ``limits``, in field order (empty when it complies)."""
    s = config.scraping
    found: list[Violation] = []

    def over(field: str, value: float, cap: float, setting: str) -> None:
        if value > cap:
            found.append(Violation(f"scraping.{field}", f"{value:g} is over {cap:g}", setting))

    over("max_depth", s.max_depth, limits.max_depth, "ACORN_CRAWL_MAX_DEPTH")
    over("max_pages", s.max_pages, limits.max_pages, "ACORN_CRAWL_MAX_PAGES")
    if not s.respect_robots_txt and not site_verified:
        found.append(
            Violation("scraping.respect_robots_txt", "false needs a verified site", _VERIFY)
        )
    if not s.obey_crawl_delay and not site_verified:
        found.append(Violation("scraping.obey_crawl_delay", "false needs a verified site", _VERIFY))
    over("concurrency", s.concurrency, limits.max_concurrency, "ACORN_CRAWL_MAX_CONCURRENCY")
    over(
        "timeout_seconds",
        s.timeout_seconds,
        limits.max_timeout_seconds,
        "ACORN_CRAWL_MAX_TIMEOUT_SECONDS",
    )
    over("max_page_bytes", s.max_page_bytes, limits.max_page_bytes, "ACORN_CRAWL_MAX_PAGE_BYTES")
    over(
        "job_deadline_seconds",
        s.job_deadline_seconds,
        limits.max_deadline_seconds,
        "ACORN_CRAWL_MAX_DEADLINE_SECONDS",
    )
    if s.refresh_hours is not None and s.refresh_hours < limits.min_refresh_hours:
        found.append(
            Violation(
                "scraping.refresh_hours",
                f"{s.refresh_hours:g} is under {limits.min_refresh_hours:g}",
                "ACORN_CRAWL_MIN_REFRESH_HOURS",
            )
        )
    return found


def enforce_crawl_policy(config: AgentConfig, limits: CrawlLimits, *, site_verified: bool) -> None:
    """Raise :class:`PolicyViolation` (422) listing every field of ``config`` that this
    server's policy refuses; return when it complies. ``site_verified``: the agent's owner has
    proved the site is theirs (``Agent.verified_at``); False for a new onboarding."""
    found = policy_violations(config, limits, site_verified=site_verified)
    if not found:
        return
    problems = "; ".join(f"{v.field}: {v.problem}" for v in found)
    settings = sorted({v.remedy for v in found if v.remedy.startswith("ACORN_")})
    steps = []
    if settings:
        steps.append(
            f"stay within the limits, or ask this server's operator to raise {', '.join(settings)}"
        )
    if len(settings) < len(found):
        steps.append(f"robots.txt may be ignored only for a verified site: {_VERIFY}")
    raise PolicyViolation(
        f"this server's crawl policy refuses: {problems}",
        hint="; ".join(steps),
        fields=[v.field for v in found],
    )


__all__ = ["CrawlLimits", "Violation", "enforce_crawl_policy", "policy_violations"]
