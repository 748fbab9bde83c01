from __future__ import annotations

import pytest

from acorn.config import AgentConfig, Settings


def test_agent_config_defaults_follow_the_plan() -> None:
    cfg = AgentConfig()
    assert cfg.scraping.max_depth == 3
    assert cfg.scraping.max_pages == 50
    assert cfg.scraping.respect_robots_txt is True
    assert cfg.scraping.delay_seconds == 0.0  # Crawl-delay and 429/503 set the pace (issue 9)
    assert cfg.rag.top_k == 8


def test_allow_list_is_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACORN_ALLOW_PRIVATE_NETWORKS", "127.0.0.0/8, intranet.local")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.allow_private_networks == ["127.0.0.0/8", "intranet.local"]
    assert [str(n) for n in s.private_allow_networks] == ["127.0.0.0/8"]
    assert s.private_allow_hosts == {"intranet.local"}


def test_production_refuses_default_secret() -> None:
    with pytest.raises(ValueError, match="ACORN_SECRET_KEY"):
        Settings(_env_file=None, environment="production")  # type: ignore[call-arg]


def test_sqlite_is_the_default_store(tmp_path) -> None:
    s = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert s.resolved_database_url.startswith("sqlite:///")
    assert s.resolved_database_url.endswith("acorn.db")
