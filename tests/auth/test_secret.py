"""The signing key: made once per data folder when none is set, and required to listen beyond
loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from acorn.auth.secret import check_can_serve, signing_key
from acorn.config import Settings
from acorn.errors import ConfigurationError


def test_a_random_key_is_made_once_and_kept_private(settings: Settings) -> None:
    key = signing_key(settings)
    assert len(key) >= 48 and signing_key(settings) == key
    path = settings.data_dir / "secret_key"
    assert path.read_text() == key and (path.stat().st_mode & 0o777) == 0o600
    explicit = settings.model_copy(update={"secret_key": "x" * 40})
    assert signing_key(explicit) == "x" * 40


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_needs_no_secret(settings: Settings, host: str) -> None:
    check_can_serve(settings, host)


@pytest.mark.parametrize("secret", [None, "short"])
def test_a_public_interface_needs_a_real_secret(settings: Settings, secret: str | None) -> None:
    if secret:
        settings = settings.model_copy(update={"secret_key": secret})
    with pytest.raises(ConfigurationError, match="ACORN_SECRET_KEY"):
        check_can_serve(settings, "0.0.0.0")
    check_can_serve(settings.model_copy(update={"secret_key": "k" * 48}), "0.0.0.0")


def test_acorn_serve_refuses_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "ACORN_DATA_DIR": str(tmp_path / "data")}
    env.pop("ACORN_SECRET_KEY", None)
    acorn = str(Path(sys.executable).parent / "acorn")
    done = subprocess.run(
        [acorn, "serve", "--host", "0.0.0.0", "--port", "9"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "ACORN_SECRET_KEY" in done.stderr and "Traceback" not in done.stderr
