"""The HTTP API (FastAPI): ``create_app(settings)``."""

from acorn.api.app import create_app

__all__ = ["create_app"]
