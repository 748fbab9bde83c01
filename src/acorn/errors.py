"""The few errors Acorn raises on purpose. The CLI and the API translate them at the edge:
each carries a message that says what went wrong *and what to do next*."""

from __future__ import annotations


class AcornError(Exception):
    """Base class. ``hint`` tells the user the next step."""

    http_status: int = 400
    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidURL(AcornError):
    """The URL is malformed or uses an unsupported scheme."""

    http_status = 422
    exit_code = 2


class BlockedURL(AcornError):
    """The URL resolves to an address Acorn refuses to fetch (SSRF guard)."""

    http_status = 422
    exit_code = 3


class FetchFailed(AcornError):
    """A page could not be fetched (DNS, connection, timeout, HTTP error)."""

    http_status = 502
    exit_code = 4


class InvalidPattern(AcornError):
    """An include/exclude pattern RE2 cannot compile (a config stored before patterns were
    checked on submission; new ones are refused by the config's validation)."""

    http_status = 422
    exit_code = 2


class PolicyViolation(AcornError):
    """An agent config asks for more than this server's crawl policy allows
    (:mod:`acorn.crawl.policy`); ``extra["fields"]`` lists every field refused."""

    http_status = 422
    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None, fields: list[str]) -> None:
        super().__init__(message, hint=hint)
        self.extra = {"fields": fields}


class RobotsDisallowed(AcornError):
    """robots.txt forbids crawling the root URL."""

    http_status = 422
    exit_code = 5


class EmptySite(AcornError):
    """The crawl found no page with readable content."""

    http_status = 422
    exit_code = 6


class NotFound(AcornError):
    """An agent, job or other record does not exist (or belongs to someone else)."""

    http_status = 404


class Unauthorized(AcornError):
    """No credential, or one that is malformed, expired or revoked (401)."""

    http_status = 401
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(AcornError):
    """A valid credential whose role or scope does not allow this (403)."""

    http_status = 403


class NotReady(AcornError):
    """The agent exists but cannot answer yet (still crawling, or failed)."""

    http_status = 409


class ConfigurationError(AcornError):
    """A provider or setting is missing or wrong; the hint names the setting or install."""

    http_status = 500
    exit_code = 7


class MissingExtra(ConfigurationError):
    """An optional dependency is not installed; the hint gives the pip command."""


class IndexInUse(ConfigurationError):
    """Qdrant local mode's folder is locked by another process (e.g. a running ``acorn
    serve``): one process at a time may open it; the hint names the ways out."""

    http_status = 503
    exit_code = 2


class Cancelled(AcornError):
    """A job was cancelled by its owner."""

    http_status = 409


class VerificationFailed(AcornError):
    """The live site did not show the agent's owner-verification token (the message says what
    was found instead, the hint how to publish it)."""

    http_status = 422


class BadAudio(AcornError):
    """Uploaded audio that cannot be used: not a supported container, corrupt, or empty (422);
    the hint says which formats are read."""

    http_status = 422


class UnsupportedAudio(BadAudio):
    """Bytes that are not a container Acorn reads at all (415: the media type is the problem)."""

    http_status = 415


class AudioTooLarge(AcornError):
    """Audio over the size or duration limit (413); the hint gives the limit."""

    http_status = 413
