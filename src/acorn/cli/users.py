"""``acorn users create EMAIL --role owner``: make a person's account from the machine, e.g.
the first owner without the setup link. The password is read from standard input (a hidden
prompt on a terminal, the first line of a pipe), never from the command line, where other
users of the machine could read it in the process list."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from acorn.cli.app import app
from acorn.config import get_settings

users_app = typer.Typer(help="Create people's accounts.", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise typer.BadParameter("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


@users_app.command("create")
def create(
    email: str,
    role: str = typer.Option("viewer", help="owner, admin or viewer"),
    name: str = typer.Option("", help="The person's name"),
) -> None:
    """Create a user in the default organisation (made if there is none); the password comes
    from standard input."""
    from acorn.auth.accounts import add_member, check_role, default_organization
    from acorn.auth.audit import record
    from acorn.store import Database

    check_role(role)
    password = _read_password()
    db = Database(get_settings()).ensure_ready()
    org = default_organization(db)
    member = add_member(db, org.id, email, role, password, name)
    record(
        db,
        org.id,
        "cli",
        "member.add",
        f"user:{member.user_id}",
        {"email": member.email, "role": role},
    )
    Console().print(f"Created {role} {member.email} ({member.user_id}) in organisation {org.name}.")
