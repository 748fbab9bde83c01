"""``acorn crawl``: output file, summary and the exit code for each kind of root problem."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from acorn import __version__
from acorn.cli import main
from acorn.sitedata import SiteData
from tests.support.siteserver import Response, SiteServer


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("ACORN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ACORN_ALLOW_PRIVATE_NETWORKS", "127.0.0.0/8")


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["acorn", *args])
    with pytest.raises(SystemExit) as info:
        main()
    return int(info.value.code or 0)


def test_crawl_writes_site_json_and_a_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture_site: SiteServer, capsys
) -> None:
    out = tmp_path / "site.json"
    code = run_cli(
        monkeypatch, "crawl", fixture_site.url, "--delay", "0", "--render", "never",
        "--max-pages", "8", "--max-depth", "1", "--no-store", "-o", str(out),
    )  # fmt: skip
    assert code == 0
    site = SiteData.model_validate(json.loads(out.read_text()))
    assert len(site.pages) == 8 and all(p.depth <= 1 for p in site.pages)
    err = capsys.readouterr().err
    assert "pages kept" in err and "Skipped and failed, by reason" in err


def test_crawl_stores_and_indexes_an_agent_that_search_finds(
    monkeypatch: pytest.MonkeyPatch, fixture_site: SiteServer, capsys
) -> None:
    code = run_cli(
        monkeypatch, "crawl", fixture_site.url, "--delay", "0", "--render", "never",
        "--max-pages", "30",
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0, err
    match = re.search(r"Agent ready: (\S+)", err)
    assert match, err
    agent_id = match.group(1)
    assert run_cli(monkeypatch, "agents") == 0
    listed = capsys.readouterr().out
    assert agent_id in listed and "ready" in listed
    code = run_cli(monkeypatch, "search", agent_id, "opening hours", "-k", "3")
    out = capsys.readouterr().out
    assert code == 0
    assert "/contact" in out or "hours" in out.lower()

    # Re-crawling into the same agent reuses every unchanged chunk's vector.
    code = run_cli(
        monkeypatch, "crawl", fixture_site.url, "--delay", "0", "--render", "never",
        "--max-pages", "30", "--agent", agent_id,
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0 and f"Agent ready: {agent_id}" in err
    assert re.search(r"\(0 embedded, \d+ reused\)", err), err


def test_ignore_robots_is_announced(
    monkeypatch: pytest.MonkeyPatch, fixture_site: SiteServer, capsys
) -> None:
    code = run_cli(
        monkeypatch, "crawl", fixture_site.url, "--ignore-robots", "--delay", "0",
        "--render", "never", "--max-pages", "40", "--no-store", "-o", "-",
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0 and "Ignoring robots.txt" in captured.err
    site = SiteData.model_validate_json(captured.out)
    assert any(p.url.endswith("/admin/") for p in site.pages)


def robots_all(n: int) -> Response:
    return Response(200, "User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"})


@pytest.mark.parametrize(
    ("case", "exit_code", "message"),
    [
        ("ftp://example.com/", 2, "unsupported scheme"),
        ("blocked", 3, "Refusing to fetch"),
        ("https://no-such-bakery.invalid/", 4, "Could not resolve"),
        ("robots", 5, "robots.txt"),
        ("empty", 6, "No readable text"),
    ],
)
def test_root_problems_have_clear_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys, case: str, exit_code: int, message: str
) -> None:
    routes = {
        "/": lambda n: Response(200, "<html><body></body></html>"),
        "/robots.txt": robots_all if case == "robots" else (lambda n: Response(404, "")),
    }
    with SiteServer(routes=routes) as server:
        url = server.url if case in ("blocked", "robots", "empty") else case
        if case == "blocked":
            monkeypatch.setenv("ACORN_ALLOW_PRIVATE_NETWORKS", "")
        assert run_cli(monkeypatch, "crawl", url, "--render", "never") == exit_code
    err = capsys.readouterr().err
    assert message in err and "What to do:" in err


def test_console_script_entry_point_and_version() -> None:
    cmd = [sys.executable, "-c", "from acorn.cli import main; main()"]
    bad = subprocess.run([*cmd, "crawl", "javascript:alert(1)"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unsupported scheme" in bad.stderr
    version = subprocess.run([*cmd, "version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == __version__


def test_a_slow_crawl_says_why_and_a_closed_port_says_refused(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    page = "<html><body><h1>Tea room</h1><p>Scones and tea all afternoon.</p></body></html>"
    routes = {
        "/": lambda n: Response(200, page),
        "/robots.txt": lambda n: Response(
            200, "User-agent: *\nCrawl-delay: 1\n", {"Content-Type": "text/plain"}
        ),
    }
    with SiteServer(routes=routes) as server:
        typed = server.url.removeprefix("http://")  # as people type it: no scheme
        code = run_cli(monkeypatch, "crawl", typed, "--render", "never", "--no-store", "-o", "-")
        port = server.port
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Crawl-delay: 1" in err
    # the port is closed now
    assert run_cli(monkeypatch, "crawl", f"127.0.0.1:{port}", "--render", "never") == 4
    err = capsys.readouterr().err
    assert "refused" in err and "ssl" not in err.lower()
