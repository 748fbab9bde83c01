"""``acorn serve`` — run the API (uvicorn) on the embedded defaults: SQLite and Qdrant under
``ACORN_DATA_DIR``, so a fresh checkout serves with no other setup."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from acorn.cli.app import app

if TYPE_CHECKING:
    import uvicorn

    from acorn.config import Settings


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to bind (default ACORN_HOST, 127.0.0.1)"),
    port: int = typer.Option(None, help="Port (default ACORN_PORT, 8000)"),
    reload: bool = typer.Option(False, help="Restart on code changes (development)"),
    log_level: str = typer.Option("info", help="uvicorn log level"),
) -> None:
    """Serve the HTTP API (docs at /docs)."""
    from acorn.auth.secret import check_can_serve
    from acorn.config import get_settings
    from acorn.index.stores.lock import ensure_index_available

    settings = get_settings()
    ensure_index_available(settings)  # a second `acorn serve` on one data dir: say so now
    bind_host = host or settings.host
    bind_port = port or settings.port
    check_can_serve(settings, bind_host)  # a public interface needs ACORN_SECRET_KEY
    # The setup link and embed codes name this server as it was started (unless
    # ACORN_PUBLIC_BASE_URL says otherwise); embed codes prefer the host a request came to.
    shown = "127.0.0.1" if bind_host in ("0.0.0.0", "::", "") else bind_host
    settings.guess_public_base_url(f"http://{shown}:{bind_port}")
    config = server_config(settings, bind_host, bind_port, log_level=log_level, reload=reload)
    run_server(config)


def server_config(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    *,
    log_level: str = "info",
    reload: bool = False,
) -> uvicorn.Config:
    """The uvicorn configuration ``acorn serve`` runs (tests start a real server from it).

    ``server_header=False``: no ``server: uvicorn`` on responses, which only tells a scanner
    which server's advisories to try; the ``date`` header stays (caches use it).
    """
    import uvicorn

    from acorn.api import create_app

    return uvicorn.Config(
        # --reload re-imports the code, so it needs the app as an import string.
        "acorn.api.app:create_app" if reload else create_app(settings),
        factory=reload,
        host=host if host is not None else settings.host,
        port=port if port is not None else settings.port,  # 0: any free port (tests)
        reload=reload,
        log_level=log_level,
        server_header=False,
    )


def run_server(config: uvicorn.Config) -> None:
    """Run ``config`` as ``uvicorn.run`` would (one process, or the reloading supervisor)."""
    import uvicorn
    from uvicorn.supervisors import ChangeReload

    server = uvicorn.Server(config)
    try:
        if config.should_reload:
            ChangeReload(config, target=server.run, sockets=[config.bind_socket()]).run()
            return
        server.run()
    except KeyboardInterrupt:
        pass
    if not server.started:
        raise typer.Exit(3)  # uvicorn's exit status for a failed start-up
