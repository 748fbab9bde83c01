"""``acorn keys``: API keys from the machine itself (the automation path).

``acorn keys create --name NAME`` prints a new **owner** key as the last line of standard
output, in the default organisation (made if there is none), so a script can do
``KEY=$(acorn keys create --name ci | tail -1)``. Only the database is opened, so this works
beside a running server.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from acorn.cli.app import app
from acorn.config import get_settings

keys_app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _db():  # type: ignore[no-untyped-def]
    from acorn.store import Database

    return Database(get_settings()).ensure_ready()


@keys_app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="What the key is for, e.g. 'deploy script'"),
    role: str = typer.Option("owner", help="owner, admin or viewer"),
) -> None:
    """Create a key and print it (last line of standard output); it is not shown again."""
    from acorn.auth.accounts import default_organization
    from acorn.auth.audit import record
    from acorn.auth.keys import create_key

    db = _db()
    org = default_organization(db)
    new = create_key(db, org.id, name, role, created_by="cli")
    record(db, org.id, "cli", "key.create", f"key:{new.info.id}", {"name": name, "role": role})
    err = Console(stderr=True)
    err.print(
        f"Created {role} key [bold]{new.info.id}[/] ({name}) in organisation {org.name} "
        f"({org.id}). It is shown once, below: store it safely."
    )
    print(new.key, flush=True)


@keys_app.command("list")
def list_() -> None:
    """The default organisation's keys (never the secrets)."""
    from acorn.auth.accounts import default_organization
    from acorn.auth.keys import list_keys

    db = _db()
    table = Table("id", "name", "role", "prefix", "created", "last used", "revoked")
    for k in list_keys(db, default_organization(db).id):
        table.add_row(
            k.id,
            k.name,
            k.role,
            k.prefix + "…",
            k.created_at.strftime("%Y-%m-%d %H:%M"),
            k.last_used_at.strftime("%Y-%m-%d %H:%M") if k.last_used_at else "—",
            "yes" if k.revoked_at else "",
        )
    Console().print(table)


@keys_app.command("revoke")
def revoke(key_id: str) -> None:
    """Revoke a key by id: it stops working at once."""
    from acorn.auth.accounts import default_organization
    from acorn.auth.audit import record
    from acorn.auth.keys import revoke_key

    db = _db()
    org = default_organization(db)
    info = revoke_key(db, org.id, key_id)
    record(db, org.id, "cli", "key.revoke", f"key:{key_id}", {"name": info.name})
    Console().print(f"Revoked key {key_id} ({info.name}).")
