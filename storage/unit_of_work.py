"""The unit of work's write queue: a merge call's row and search-index writes, in bulk.

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

from collections.abc import Callable
from typing import Any

from storage import search
from storage.db import CipherConnection


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


__all__ = ["WriteQueue"]
