"""The change log: how a change is kept in the ``changes`` table, and the outbox and cursors.

Every change this replica knows is a row: its clear fields, its sealed payload
(dropped once a purge erased it, or once a received text change is folded into
its field's CRDT state, which holds it from then on), and ``bases``, the
causal part of its body kept in the clear inside the encrypted file (register
bases ``"b"``, the delete watermark or text seen-vector ``"s"``, the causal
summary ``"c"``) so merging reads history without opening payloads. Flags:
``local`` (written here), ``pushed`` (acknowledged by the server),
``applied`` (0: waiting for its key, or a held purge) and ``folded``.
A change that fails its checks goes to ``quarantine`` instead, ids only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec

from storage.db import CipherConnection
from sync.changes import Change

_json_encode = msgspec.json.Encoder().encode

# Position of ``bases`` in a change_row tuple.
BASES_COLUMN = 10


def stored_bases(body: dict[str, Any] | None) -> str:
    """The ``bases`` column of a change with this body ("" when its content is gone)."""
    if body is None:
        return ""
    meta: dict[str, Any] = {}
    if "b" in body:
        meta["b"] = body["b"]
    if "s" in body:
        meta["s"] = body["s"]
    if "c" in body:
        meta["c"] = body["c"]
    return _json_encode(meta).decode()


def change_row(
    ch: Change,
    body: dict[str, Any] | None,
    *,
    local: bool,
    applied: bool = True,
    folded: bool = True,
) -> tuple[Any, ...]:
    """The row of a change for :func:`insert_change_rows` (``body`` None: kept without
    content, e.g. a change for a purged record)."""
    bases = stored_bases(body)
    payload = ch.payload if (body is not None or not applied) else None
    if folded and not local and ch.kind == "text" and body is not None:
        # Merged into the field's CRDT state, which holds it from now on; the
        # server keeps it for any replica that still needs it.
        payload = None
    return (
        ch.change_id,
        ch.device,
        ch.hlc,
        ch.record_id,
        ch.record_type,
        ch.space,
        ch.field,
        ch.kind,
        ch.key_version,
        payload,
        bases,
        int(local),
        int(applied),
        int(folded),
        ch.purge_spaces,
    )


def insert_change_rows(conn: CipherConnection, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        conn.executemany(
            "INSERT INTO changes (change_id, device, hlc, record_id, type, space, field,"
            " kind, key_version, payload, bases, local, pushed, applied, folded,"
            " purge_spaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            rows,
        )


def quarantine(conn: CipherConnection, ch: Change, reason: str) -> None:
    """Keep a change that failed its checks out of the merge (ids and reason only)."""
    conn.execute(
        "INSERT OR IGNORE INTO quarantine (change_id, record_id, reason, received)"
        " VALUES (?, ?, ?, ?)",
        (ch.change_id, ch.record_id, reason, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """``items`` in slices of ``size`` (SQLite limits the parameters of one statement)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


_CHANGE_COLUMNS = (
    "change_id, device, hlc, record_id, type, space, field, kind, key_version,"
    " payload, purge_spaces"
)


class ChangeLog:
    """One replica's change log: the outbox, the pull cursors, changes waiting for a key.

    No transactions here: the store runs each call inside its own.
    """

    def __init__(self, conn: Callable[[], CipherConnection]) -> None:
        # A getter: the store's raises Locked once it is locked.
        self._conn = conn

    def outbox(self, limit: int) -> list[Change]:
        """Local changes not yet acknowledged by the server, oldest first."""
        rows = (
            self._conn()
            .execute(
                f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE local = 1 AND pushed = 0"
                " ORDER BY seq LIMIT ?",
                (limit,),
            )
            .fetchall()
        )
        return [Change(*row) for row in rows if row[9] is not None]

    def outbox_spaces(self) -> dict[str, int]:
        """How many local changes not yet acknowledged each space holds."""
        rows = (
            self._conn()
            .execute(
                "SELECT space, count(*) FROM changes WHERE local = 1 AND pushed = 0 GROUP BY space"
            )
            .fetchall()
        )
        return {str(space): int(n) for space, n in rows}

    def outbox_size(self) -> int:
        row = (
            self._conn()
            .execute("SELECT count(*) FROM changes WHERE local = 1 AND pushed = 0")
            .fetchone()
        )
        return int(row[0])

    def mark_pushed(self, change_ids: Iterable[str]) -> None:
        self._conn().executemany(
            "UPDATE changes SET pushed = 1 WHERE change_id = ?", [(c,) for c in change_ids]
        )

    def mark_all_unpushed(self) -> int:
        cur = self._conn().execute(
            "UPDATE changes SET pushed = 0 WHERE local = 1 AND payload IS NOT NULL"
        )
        return int(cur.rowcount)

    def cursor(self, name: str) -> str | None:
        row = self._conn().execute("SELECT value FROM cursors WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_cursor(self, name: str, value: str) -> None:
        self._conn().execute(
            "INSERT INTO cursors (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    def all_changes(self) -> list[Change]:
        """Every change held with content (remote text changes folded into their
        field's CRDT state are left out: the state holds them)."""
        rows = (
            self._conn()
            .execute(
                f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE payload IS NOT NULL ORDER BY seq"
            )
            .fetchall()
        )
        return [Change(*row) for row in rows]

    def unapplied(self) -> list[Change]:
        """Changes kept unapplied (waiting for a key, or held purges), oldest first."""
        rows = (
            self._conn()
            .execute(f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE applied = 0 ORDER BY seq")
            .fetchall()
        )
        return [Change(*row) for row in rows]

    def remove(self, changes: Iterable[Change]) -> None:
        """Take changes out of the log (to apply them again as received)."""
        self._conn().executemany(
            "DELETE FROM changes WHERE change_id = ?", [(c.change_id,) for c in changes]
        )

    def waiting_for_key(self) -> dict[str, int]:
        """Per space: how many records hold changes kept unapplied."""
        rows = (
            self._conn()
            .execute(
                "SELECT space, COUNT(DISTINCT record_id) FROM changes WHERE applied = 0"
                " GROUP BY space"
            )
            .fetchall()
        )
        return {str(space): int(n) for space, n in rows}


__all__ = [
    "BASES_COLUMN",
    "ChangeLog",
    "change_row",
    "chunks",
    "insert_change_rows",
    "quarantine",
    "stored_bases",
]
