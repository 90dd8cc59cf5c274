"""Copying the write-ahead log back into the database file, off the writer's thread.

In WAL mode every commit appends its pages to ``journal.db-wal``; a checkpoint
copies them into the database file (and fsyncs both). Left to SQLite, the
checkpoint runs inside whichever commit crosses ``wal_autocheckpoint``: one
sync page in ten paid for the copy of the other nine (200-300 ms on a
100,000-record profile), on the thread applying changes. Here a thread of its
own, with its own connection, runs a PASSIVE checkpoint (it never waits for, nor
blocks, a reader or the writer) a short while after commits, so the copy
overlaps the next page's decrypt and merge on another core. SQLite's own
autocheckpoint stays on the main connection as the fallback, at a higher mark
(:data:`FALLBACK_AUTOCHECKPOINT_PAGES`) while the thread runs: during a long pull
the writer commits back to back, the log is never wholly copied at the moment a
transaction starts, so SQLite cannot start it over and it grows; at 64 MiB the
fallback copied the last second's pages inside a commit (a 250-400 ms page in a
pull of 10,000 changes). At 256 MiB it fires only in the longest bursts, and
``journal_size_limit`` gives the disk space back once the log starts over.

The checkpoint copies pages as they are (encrypted); nothing is decrypted
here. The connection holds the database key until :meth:`WalCheckpointer.close`,
which the store's ``lock()`` calls.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Final

from storage.db import CipherConnection, connect

log = logging.getLogger(__name__)

# A checkpoint at most this often while commits keep coming (seconds): each one
# costs two fsyncs, and a page written by several commits is copied once.
DEFAULT_INTERVAL = 1.0

# The writer's own autocheckpoint while a checkpointer runs (pages of 4 KiB).
FALLBACK_AUTOCHECKPOINT_PAGES: Final = 65536


class WalCheckpointer:
    """Runs PASSIVE WAL checkpoints on its own thread and connection after commits.

    :meth:`nudge` after each commit; the thread checkpoints at most once per
    ``interval`` seconds and sleeps while nothing is committed. ``on_checkpoint``
    (for tests) receives SQLite's (busy, log frames, checkpointed frames), or
    None when the attempt failed.
    """

    def __init__(
        self,
        path: Path,
        key: bytes,
        *,
        interval: float = DEFAULT_INTERVAL,
        on_checkpoint: Callable[[tuple[int, int, int] | None], None] | None = None,
    ) -> None:
        self._path = path
        self._key: bytes | None = key
        self._interval = interval
        self._on_checkpoint = on_checkpoint
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._conn: CipherConnection | None = None
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def attach(self, writer: CipherConnection) -> None:
        """Make this thread the writer connection's main checkpointer (see the module docs)."""
        writer.execute(f"PRAGMA wal_autocheckpoint = {FALLBACK_AUTOCHECKPOINT_PAGES}")

    def nudge(self) -> None:
        """Something was committed: checkpoint soon."""
        self._wake.set()

    def close(self, timeout: float = 10.0) -> None:
        """Stop the thread (after a checkpoint under way) and drop the connection and key."""
        self._stop.set()
        self._wake.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._wake.wait()
                # Let the commits of the next second or so pile up: one copy for all.
                if self._stop.wait(self._interval):
                    return
                self._wake.clear()
                self._checkpoint()
        finally:
            self._close_conn()
            self._key = None

    def _checkpoint(self) -> None:
        try:
            if self._conn is None:
                assert self._key is not None
                if not self._path.exists():
                    # Gone under the open store: opening by path would create a new,
                    # empty database in its place.
                    raise FileNotFoundError(self._path.name)
                # setup=False: the file is already in WAL mode; this connection only copies.
                self._conn = connect(self._path, self._key, setup=False)
            row = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except Exception as exc:  # never fatal: SQLite's autocheckpoint still runs
            log.warning("background checkpoint failed (%s)", type(exc).__name__)
            self._close_conn()
            result = None
        else:
            result = (int(row[0]), int(row[1]), int(row[2]))
        if self._on_checkpoint is not None:
            self._on_checkpoint(result)

    def _close_conn(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception as exc:
                log.warning("closing the checkpoint connection failed (%s)", type(exc).__name__)
