"""Small generated business sites on loopback, with knobs the job tests turn mid-test:
change a fact, slow every page down, or break the home page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.support.siteserver import Response, SiteServer


@dataclass
class Knobs:
    phone: str = "+1 415-555-0100"
    delay: float = 0.0
    broken: bool = False
    pages: int = 5
    name: str = "Bramble Bicycle Repair"
    hits: list[str] = field(default_factory=list)


def _page(knobs: Knobs, title: str, body: str, links: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {knobs.name}</title></head><body>
<header><nav>{links}</nav></header>
<main><h1>{title}</h1>{body}
<h2>Contact</h2><p>Call {knobs.name} on {knobs.phone} or write to hello@bramble.example.
We are at 12 Orchard Lane, Springfield.</p></main></body></html>"""


def business_site(knobs: Knobs | None = None) -> tuple[SiteServer, Knobs]:
    """A ``knobs.pages``-page site; returns the (not yet started) server and its knobs."""
    knobs = knobs or Knobs()
    server = SiteServer()
    links = " ".join(f'<a href="/page-{i}/">Topic {i}</a>' for i in range(1, knobs.pages))

    def home(count: int) -> Response:
        knobs.hits.append("/")
        if knobs.broken:
            return Response(500, "<h1>Internal Server Error</h1>")
        body = (
            f"<p>{knobs.name} fixes bicycles of every kind: road bikes, mountain bikes, "
            "children's bikes and cargo bikes. A standard service costs $65 and takes two "
            "days. We are open Monday to Saturday from 9am to 6pm.</p>"
        )
        return Response(200, _page(knobs, "Welcome", body, links), delay=knobs.delay)

    def topic(i: int) -> Callable[[int], Response]:
        def route(count: int) -> Response:
            knobs.hits.append(f"/page-{i}/")
            body = (
                f"<p>Topic {i}: advice from {knobs.name} about caring for your bicycle "
                f"between services, part {i}. Keep the chain clean and the tyres pumped, "
                f"and check the brake pads every {i + 2} weeks.</p>"
            )
            return Response(200, _page(knobs, f"Topic {i}", body, links), delay=knobs.delay)

        return route

    server.routes["/"] = home
    for i in range(1, knobs.pages):
        server.routes[f"/page-{i}/"] = topic(i)
    return server, knobs
