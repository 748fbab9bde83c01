"""``acorn serve`` — run the API (uvicorn) on the embedded defaults: SQLite and Qdrant under
``ACORN_DATA_DIR``, so a fresh checkout serves with no other setup."""

from __future__ import annotations

import typer

from acorn.cli.app import app


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to bind (default ACORN_HOST, 127.0.0.1)"),
    port: int = typer.Option(None, help="Port (default ACORN_PORT, 8000)"),
    reload: bool = typer.Option(False, help="Restart on code changes (development)"),
    log_level: str = typer.Option("info", help="uvicorn log level"),
) -> None:
    """Serve the HTTP API (docs at /docs)."""
    import uvicorn

    from acorn.api import create_app
    from acorn.auth.secret import check_can_serve
    from acorn.config import get_settings
    from acorn.index.stores.lock import ensure_index_available

    settings = get_settings()
    ensure_index_available(settings)  # a second `acorn serve` on one data dir: say so now
    bind_host = host or settings.host
    bind_port = port or settings.port
    check_can_serve(settings, bind_host)  # a public interface needs ACORN_SECRET_KEY
    if "public_base_url" not in settings.model_fields_set:
        # The setup link and embed codes name this server as it was started.
        shown = "127.0.0.1" if bind_host in ("0.0.0.0", "::", "") else bind_host
        settings.public_base_url = f"http://{shown}:{bind_port}"
    if reload:
        uvicorn.run(
            "acorn.api.app:create_app",
            factory=True,
            host=bind_host,
            port=bind_port,
            reload=True,
            log_level=log_level,
        )
        return
    uvicorn.run(create_app(settings), host=bind_host, port=bind_port, log_level=log_level)
