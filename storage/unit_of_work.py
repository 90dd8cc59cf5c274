"""The unit of work: transactions (:class:`UnitOfWork`) and a merge call's bulk writes.

Every store write runs in :meth:`UnitOfWork.atomic` (nested calls are
savepoints); see the class for what follows a commit.

Merging a page of changes touches hundreds of records; written one statement
per record, the rows cost more than the merging. So a merge call *queues* each
record's row (insert or update), its merge metadata (``record_meta``) and its
search-index body here, and :meth:`WriteQueue.flush` writes them with one
``executemany`` each, inside the caller's transaction. :meth:`WriteQueue.drop`
forgets what was queued once flushed, or after an error rolled it back.

The search index goes last and in order: FTS5 keeps inserted rows in memory
until commit, but a contentless-delete DELETE (or an insert below the last
rowid) first flushes them to a new segment on disk; written record by record,
a batch of 300 records made 300 tiny segments and merges of them (the slowest
part of applying changes). So every delete goes first, then the inserts in
rowid order.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from storage import search
from storage.anchor import SAVE_ACTIONS, AnchorFile, SaveMark, record_save
from storage.audit import AuditEntry
from storage.checkpoint import WalCheckpointer
from storage.db import CipherConnection, raise_known
from storage.errors import DatabaseDamaged
from storage.keys import SpaceKeys

log = logging.getLogger("storage.store")  # the name these warnings always had


class WriteQueue:
    """Row and search-index writes of the records one merge call changes."""

    def __init__(self, conn: Callable[[], CipherConnection]) -> None:
        # A getter: the store's raises Locked once it is locked.
        self._conn = conn
        # rid -> (had an index row before, body now)
        self._search: dict[int, tuple[bool, str | None]] = {}
        # Rows for INSERT INTO records, in rid order (rids from new_rid).
        self.inserts: list[tuple[Any, ...]] = []
        self._rid_next: int | None = None
        # (moved, parent, deleted, flags, version, key_version, sealed_by, content, rid):
        # a row that did not move leaves the parent and deleted columns alone.
        self.updates: list[tuple[Any, ...]] = []
        # Rows for record_meta: (rid, versions, heads, texts).
        self.metas: list[tuple[Any, ...]] = []

    def drop(self) -> None:
        """Forget what a merge queued (flushed or, after an error, rolled back)."""
        self._search.clear()
        self.inserts.clear()
        self.updates.clear()
        self.metas.clear()
        self._rid_next = None

    def new_rid(self) -> int:
        """The rid of a record this merge inserts: SQLite's own choice (max + 1),
        made here so that the rows go in with one executemany, not one execute each."""
        if self._rid_next is None:
            (top,) = self._conn().execute("SELECT max(rid) FROM records").fetchone()
            self._rid_next = (top or 0) + 1
        rid = self._rid_next
        self._rid_next += 1
        return rid

    def flush(self) -> None:
        """Write everything queued, the search index last (see the module docstring)."""
        conn = self._conn()
        inserts, self.inserts = self.inserts, []
        if inserts:
            conn.executemany(
                "INSERT INTO records (rid, id, type, space, parent, deleted, flags, version,"
                " key_version, sealed_by, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
        self._rid_next = None
        updates, self.updates = self.updates, []
        moved = [u[1:] for u in updates if u[0]]
        if moved:
            conn.executemany(
                "UPDATE records SET parent = ?, deleted = ?, flags = ?, version = ?,"
                " key_version = ?, sealed_by = ?, content = ? WHERE rid = ?",
                moved,
            )
        # SQLite rewrites the entries of every index whose columns an UPDATE sets,
        # changed or not: leaving parent and deleted out spares two random index
        # pages per record (a fifth of the pages a sync page writes).
        same = [u[3:] for u in updates if not u[0]]
        if same:
            conn.executemany(
                "UPDATE records SET flags = ?, version = ?, key_version = ?, sealed_by = ?,"
                " content = ? WHERE rid = ?",
                same,
            )
        metas, self.metas = self.metas, []
        if metas:
            conn.executemany(
                "INSERT INTO record_meta (rid, versions, heads, texts) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (rid) DO UPDATE SET versions = excluded.versions,"
                " heads = excluded.heads, texts = excluded.texts",
                metas,
            )
        self._flush_search(conn)

    def queue_search(self, rid: int, had_row: bool, body: str | None) -> None:
        queued = self._search.get(rid)
        self._search[rid] = (queued[0] if queued else had_row, body)

    def _flush_search(self, conn: CipherConnection) -> None:
        queue, self._search = self._search, {}
        if not queue:
            return
        search.delete_rows(conn, sorted(rid for rid, (had, _b) in queue.items() if had))
        search.insert_rows(conn, sorted((rid, body) for rid, (_h, body) in queue.items() if body))


class UnitOfWork:
    """The store's transactions: all or nothing, nested as savepoints, and what follows a commit.

    After the outermost transaction commits: the save anchor kept outside the
    file is written when a user save was audited in it (storage.anchor), the
    keys of spaces a purge erased in it are forgotten (crypto-shredding), and
    the WAL checkpointer is nudged. A transaction rolled back does none of this.
    """

    def __init__(
        self,
        *,
        db: sqlite_utils.Database,
        conn: Callable[[], CipherConnection],
        damaged: Callable[[], DatabaseDamaged | None],
        keys: SpaceKeys,
        anchor: AnchorFile | None,
        checkpointer: Callable[[], WalCheckpointer | None],
    ) -> None:
        # Getters: the store drops its connection on lock and its checkpointer on
        # damage, and stops writing once the file is damaged.
        self._db = db
        self._conn = conn
        self._damaged = damaged
        self._keys = keys
        self._anchor = anchor
        self._checkpointer = checkpointer
        # The newest save audited in the open transaction: (seq, hash, time).
        self._pending_save: tuple[int, str, str] | None = None
        # Spaces whose keys go once the open transaction commits.
        self.forget_after_commit: set[str] = set()

    def audited(self, entry: AuditEntry, digest: str) -> None:
        """The audit log's append hook: a save's entry is what the anchor will record."""
        if entry.action in SAVE_ACTIONS:
            self._pending_save = (entry.seq, digest, entry.at)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        conn = self._conn()
        damaged = self._damaged()
        if damaged is not None:
            raise damaged
        outer = not conn.in_transaction
        saved: SaveMark | None = None
        # A savepoint rolled back takes its audit entries with it, so the newest
        # save is again what it was before the savepoint.
        pending_before = self._pending_save
        try:
            with self._db.atomic():
                yield
                if outer and self._pending_save is not None:
                    saved = record_save(conn, *self._pending_save)
        except sqlite3.OperationalError as exc:
            self.forget_after_commit.clear()
            self._pending_save = None if outer else pending_before
            raise_known(exc)
            raise
        except BaseException:
            self._pending_save = None if outer else pending_before
            if outer:
                self.forget_after_commit.clear()
            raise
        if saved is not None:
            self._pending_save = None
            self._write_anchor(saved)
        if outer and self.forget_after_commit:
            spaces, self.forget_after_commit = self.forget_after_commit, set()
            for sp in sorted(spaces):
                self._keys.forget(sp)
        checkpointer = self._checkpointer()
        if outer and checkpointer is not None:
            checkpointer.nudge()

    def _write_anchor(self, mark: SaveMark) -> None:
        if self._anchor is None:
            return
        try:
            self._anchor.write(mark)
        except OSError as exc:
            # The save itself is committed; a lagging anchor only weakens the
            # rollback check until the next save writes it.
            log.warning("could not update the save anchor (%s)", type(exc).__name__)


__all__ = ["UnitOfWork", "WriteQueue"]
