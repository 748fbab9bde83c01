"""Whether another process holds the local index.

Qdrant's local mode lets one process at a time open its folder (``$ACORN_DATA_DIR/qdrant``): it
takes an exclusive, non-blocking ``portalocker`` lock on ``.lock`` inside, but only after it has
loaded every collection, and fails with a RuntimeError and a long traceback. A command that
crawls first and stores last (``acorn crawl`` beside a running ``acorn serve``) found out only
after the whole crawl. :func:`ensure_index_available` tries the same lock up front, releases it
at once, and raises :class:`~acorn.errors.IndexInUse` with the ways out; the store translates a
late failure (the other process started in between) into the same error.
"""

from __future__ import annotations

from pathlib import Path

from acorn.config import Settings
from acorn.errors import IndexInUse


def index_in_use(path: Path) -> IndexInUse:
    return IndexInUse(
        f"the index at {path} is in use by another Acorn process (a running `acorn serve`?)",
        hint=(
            "stop it, use another ACORN_DATA_DIR, or run Acorn with a Qdrant server "
            "(ACORN_QDRANT_URL) so several processes can share the index"
        ),
    )


def locked_by_another_process(path: Path) -> bool:
    """True when some process holds the local-mode lock of the folder ``path``. Call it only
    when this process has not opened the folder itself (its own lock would count)."""
    try:
        handle = open(path / ".lock", "r+")  # noqa: SIM115  closed below; never created here
    except OSError:
        return False  # no folder or no lock file yet: nobody has it open
    # Imported here as qdrant-client does: portalocker probes for writable folders on import.
    import portalocker

    with handle:
        try:
            portalocker.lock(
                handle, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING
            )
        except portalocker.exceptions.LockException:
            return True
        portalocker.unlock(handle)
        return False


def ensure_index_available(settings: Settings) -> None:
    """Raise IndexInUse when the local index is held by another process; return at once with
    a Qdrant server (it serves any number of clients). For CLI commands, before slow work."""
    if settings.qdrant_url:
        return
    from acorn.index.stores.qdrant import holds_local_client

    path = settings.qdrant_path
    if not holds_local_client(path) and locked_by_another_process(path):
        raise index_in_use(path)
