"""Who may call each route, read from the app itself: the role a route's security dependency
declares (:func:`acorn.api.security.require`), ``visitor`` for visitor endpoints, or ``public``
for the few routes in :data:`PUBLIC`. ``acorn routes`` prints the table, ``docs/api.md`` holds
it, and the access tests walk it, so a new route is documented and tested by being added.

``python -m acorn.api.access docs/api.md`` rewrites the table in the docs."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

# Anyone may call these (sign-in, health, and the public-key exchanges, which check the key and
# the Origin themselves). Every other route must declare a role.
PUBLIC = frozenset(
    {
        ("GET", "/healthz/live"),
        ("GET", "/healthz/ready"),
        ("GET", "/healthz"),
        ("POST", "/v1/auth/login"),
        ("POST", "/v1/auth/refresh"),
        ("POST", "/v1/auth/logout"),
        ("GET", "/v1/auth/setup"),
        ("POST", "/v1/auth/setup"),
        ("POST", "/v1/agents/{agent_id}/token"),
        ("GET", "/v1/audio/{clip_id}"),  # the random id is the capability
        ("POST", "/v1/agents/{agent_id}/widget-config"),
    }
)
WHO = {
    "public": "anyone",
    "visitor": "a visitor token for this agent, or any member",
    "viewer": "viewer, admin, owner",
    "admin": "admin, owner",
    "owner": "owner",
}


@dataclass(frozen=True)
class RouteAccess:
    method: str
    path: str
    access: str | None  # public | visitor | viewer | admin | owner; None: undeclared (a bug)
    summary: str


def declared_role(route: APIRoute) -> str | None:
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        if dep.call is not None and hasattr(dep.call, "acorn_role"):
            return str(dep.call.acorn_role)
        stack.extend(dep.dependencies)
    return None


def route_table(app: FastAPI) -> list[RouteAccess]:
    """Every operation in the OpenAPI schema, in its order, with who may call it."""
    found: dict[tuple[str, str], tuple[str | None, str]] = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            doc = " ".join((route.endpoint.__doc__ or route.name).split())
            summary = doc.split(". ")[0].rstrip(".") + "."
            for method in route.methods or ():
                found[(method, str(context.path))] = (declared_role(route), summary)
    rows = []
    for path, operations in app.openapi()["paths"].items():
        for method in operations:
            key = (method.upper(), path)
            role, summary = found.get(key, (None, ""))
            access = "public" if key in PUBLIC and role is None else role
            rows.append(RouteAccess(key[0], path, access, summary))
    return rows


def markdown(rows: list[RouteAccess]) -> str:
    lines = ["| method | path | who may call | what |", "|---|---|---|---|"]
    for r in rows:
        who = WHO.get(r.access or "", "UNDECLARED")
        what = r.summary.replace("|", "\\|")
        lines.append(f"| {r.method} | `{r.path}` | {who} | {what} |")
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- routes:begin -->", "<!-- routes:end -->"


def update_doc(text: str, table: str) -> str:
    """``text`` with the part between the route-table markers replaced by ``table``."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table}{END}{tail}"


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from acorn.api import create_app
    from acorn.config import Settings

    doc = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(_env_file=None, data_dir=Path(tmp)))  # type: ignore[call-arg]
        doc.write_text(update_doc(doc.read_text(), markdown(route_table(app))))
