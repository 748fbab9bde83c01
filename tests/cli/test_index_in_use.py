"""A command that opens the local index beside another process holding it (a running ``acorn
serve``) refuses at once with one clear message and exit code 2: no crawl first, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import acorn
from acorn.config import Settings
from acorn.errors import IndexInUse
from acorn.index.stores.lock import ensure_index_available
from acorn.index.stores.qdrant import close_local_clients, local_client

# Another process with the folder open, as `acorn serve` has it: Qdrant local mode's own lock.
HOLDER = (
    "import sys; from qdrant_client import QdrantClient; "
    "client = QdrantClient(path=sys.argv[1]); print('holding', flush=True); sys.stdin.read()"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def held(data_dir: Path) -> Iterator[Path]:
    """The data dir, its index held by a second process until the test ends."""
    qdrant = data_dir / "qdrant"
    qdrant.mkdir(parents=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(qdrant)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        yield data_dir
    finally:
        assert proc.stdin is not None
        proc.stdin.close()  # the holder exits, releasing the lock
        proc.wait(timeout=30)


def settings_for(data_dir: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "args",
    [
        ["crawl", "http://127.0.0.1:9/"],
        ["search", "some-agent", "opening hours?"],
        ["reindex", "x"],
    ],
)
def test_commands_refuse_at_once_when_another_process_holds_the_index(
    held: Path, tmp_path: Path, args: list[str]
) -> None:
    env = {
        **os.environ,
        "ACORN_DATA_DIR": str(held),
        "ACORN_ALLOW_PRIVATE_NETWORKS": "127.0.0.0/8",
        "COLUMNS": "300",  # one line per message, whatever the terminal
        # This checkout's acorn, whatever the working directory (PYTHONPATH may be relative).
        "PYTHONPATH": str(Path(acorn.__file__).parents[1]),
    }
    env.pop("ACORN_QDRANT_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", "from acorn.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # no stray .env
        timeout=120,  # generous: a refusal takes a second or two, the crawl it spares 31 s
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        f"the index at {held / 'qdrant'} is in use by another Acorn process (a running "
        "`acorn serve`?)" in result.stderr
    )
    assert "use another ACORN_DATA_DIR" in result.stderr
    assert "ACORN_QDRANT_URL" in result.stderr


def test_the_store_reports_a_late_conflict_the_same_way(held: Path) -> None:
    settings = settings_for(held)
    with pytest.raises(IndexInUse, match="in use by another Acorn process"):
        ensure_index_available(settings)
    with pytest.raises(IndexInUse) as info:  # the other process started after the check
        local_client(settings.qdrant_path)
    assert info.value.exit_code == 2 and info.value.hint and "ACORN_QDRANT_URL" in info.value.hint


def test_a_free_or_missing_index_and_this_process_own_client_pass(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    ensure_index_available(settings)  # nothing there yet
    local_client(settings.qdrant_path)
    try:
        ensure_index_available(settings)  # this process's own lock does not count
    finally:
        close_local_clients(settings.qdrant_path)
    ensure_index_available(settings)
    served = Settings(_env_file=None, data_dir=data_dir, qdrant_url="http://127.0.0.1:9")  # type: ignore[call-arg]
    ensure_index_available(served)  # a Qdrant server is shared: nothing to check
