"""The automation path, exactly as documented: ``acorn keys create --name NAME`` prints an
owner key as the last line of standard output, and ``acorn users create EMAIL --role owner``
reads the password from standard input; both work against the server's own data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from acorn.config import Settings
from tests.jobs.harness import make_app

ACORN = str(Path(sys.executable).parent / "acorn")


def acorn(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACORN_DATA_DIR": str(tmp_path / "data")}
    env.pop("ACORN_DATABASE_URL", None)
    return subprocess.run(
        [ACORN, *args],
        input=stdin,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_keys_and_users_from_the_command_line(tmp_path: Path) -> None:
    made = acorn(tmp_path, "keys", "create", "--name", "deploy")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("ak_") and len(key) > 40

    user = acorn(tmp_path, "users", "create", "Boss@Example.org", "--role", "owner",
                 stdin="a long enough secret\n")  # fmt: skip
    assert user.returncode == 0, user.stderr
    assert "a long enough secret" not in user.stdout + user.stderr
    weak = acorn(tmp_path, "users", "create", "x@example.org", "--role", "owner", stdin="short\n")
    assert weak.returncode != 0 and "Traceback" not in weak.stderr
    assert "at least" in weak.stderr + weak.stdout

    listed = acorn(tmp_path, "keys", "list")
    assert "deploy" in listed.stdout and key not in listed.stdout

    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    with TestClient(make_app(settings)) as client:
        me = client.get("/v1/auth/me", headers={"Authorization": f"Bearer {key}"}).json()
        assert me["kind"] == "key" and me["role"] == "owner"
        login = client.post(
            "/v1/auth/login", json={"email": "boss@example.org", "password": "a long enough secret"}
        )
        assert (
            login.status_code == 200
            and login.json()["organization"]["id"] == me["organization"]["id"]
        )
        assert client.app.state.setup_token is None  # someone has an account: no setup link
        keys = client.get("/v1/keys", headers={"Authorization": f"Bearer {key}"}).json()
        key_id = next(k["id"] for k in keys if k["name"] == "deploy")
        assert key not in str(keys)

    revoked = acorn(tmp_path, "keys", "revoke", key_id)
    assert revoked.returncode == 0, revoked.stdout + revoked.stderr
    with TestClient(make_app(settings)) as client:
        gone = client.get("/v1/auth/me", headers={"Authorization": f"Bearer {key}"})
        assert gone.status_code == 401
