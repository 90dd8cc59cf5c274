"""Purge on one replica: erasing a record (and whole spaces), and judging received purges.

A purge removes content everywhere, including the payloads in the change log;
later changes for the record are dropped (``purged`` lists what went). A purge
may name whole spaces (erasing a participant: their work and clinical space),
so a device can erase records it holds no key for; the keys of erased spaces
are forgotten once the transaction commits (crypto-shredding for anything
that might survive elsewhere, an old backup say).

Whether a purge received from another replica may do that is not this layer's
to know: the app gives the store a :data:`PurgeCheck`, asked for every
received purge once its envelope opened and the spaces it names in the clear
(``Change.purge_spaces``) equal the sealed ones. A refused purge is
quarantined, never applied; one that cannot be checked yet is held (kept
unapplied, like a change waiting for its key). What a purge erases is decided
by :mod:`sync.merge`; this module does the erasing in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from storage import search
from storage.db import CipherConnection
from sync import merge
from sync.changes import Change, join_spaces


@dataclass(frozen=True, slots=True)
class PurgeClaim:
    """A received purge, opened, for the app to judge: who says what is to go."""

    change: Change
    spaces: tuple[str, ...]  # sealed, equal to ``change.purge_spaces``
    signature: bytes  # the author's Ed25519 signature (b"" when it carries none)


@dataclass(frozen=True, slots=True)
class PurgeVerdict:
    """The app's answer: apply (the default), hold until it can tell, or refuse."""

    refused: str = ""  # why, in English, ids only; non-empty: quarantine it
    hold: bool = False


PurgeCheck = Callable[[PurgeClaim], PurgeVerdict]
#: The app's judge of a received change (not a purge) of a record type only some
#: authors may write (the app names the types): apply, hold until it can tell, or
#: refuse (quarantine), the same answers as a purge's.
AuthorCheck = Callable[[Change], PurgeVerdict]
#: The app's word on a received change for a record held here in another space
#: (``old``, ``new``): True lets the record move there (a team's record brought into a
#: new team on another laptop, :meth:`Purges.may_move`); False quarantines the change.
MoveCheck = Callable[[str, str], bool]


def space_anchor(space: str) -> str:
    """The ``purged`` entry that says a whole space was erased."""
    return f"space:{space}"


class Purges:
    """The purges of one replica's database: what was erased, erasing, judging."""

    def __init__(self, conn: Callable[[], CipherConnection]) -> None:
        # A getter: the store's raises Locked once it is locked.
        self._conn = conn
        self.check: PurgeCheck | None = None
        # Record types whose received changes ``author_check`` judges by their author.
        self.author_types: frozenset[str] = frozenset()
        self.author_check: AuthorCheck | None = None
        self.move_check: MoveCheck | None = None
        # Records and spaces (space_anchor) erased by a purge merged earlier in
        # the same merge call: their later changes in it write nothing back.
        self.erased_now: set[str] = set()

    def judge(self, ch: Change, body: dict[str, Any]) -> PurgeVerdict:
        """What may happen to a received purge (see the module docstring)."""
        spaces = merge.sealed_spaces(body)
        if spaces is None:
            return PurgeVerdict(refused="its sealed spaces are malformed")
        if join_spaces(spaces) != ch.purge_spaces:
            return PurgeVerdict(refused="the spaces it names differ from the sealed ones")
        if self.check is None:
            return PurgeVerdict()
        signature = body.get("g", b"")
        claim = PurgeClaim(ch, spaces, signature if isinstance(signature, bytes) else b"")
        return self.check(claim)

    def judge_author(self, ch: Change) -> PurgeVerdict:
        """What may happen to a received change of one of ``author_types`` (apply by
        default)."""
        if ch.record_type not in self.author_types or self.author_check is None:
            return PurgeVerdict()
        return self.author_check(ch)

    def may_move(self, record_id: str, old: str, new: str) -> bool:
        """Whether a record held here in space ``old`` may be forgotten here and built
        again from received changes in ``new``: the app allows the move, and this
        replica holds no change of it that no server has taken (those would be lost)."""
        if self.move_check is None or not self.move_check(old, new):
            return False
        unsent = (
            self._conn()
            .execute(
                "SELECT 1 FROM changes WHERE record_id = ? AND local = 1 AND pushed = 0 LIMIT 1",
                (record_id,),
            )
            .fetchone()
        )
        return unsent is None

    def held(self, readable: set[str]) -> int:
        """Received purges (and changes of ``author_types``) of readable spaces held,
        unapplied, until they can be checked."""
        guarded = sorted(self.author_types)
        marks = ",".join("?" * len(guarded))
        also = f" OR type IN ({marks})" if guarded else ""
        rows = (
            self._conn()
            .execute(
                f"SELECT space FROM changes WHERE applied = 0 AND (kind = 'purge'{also})",
                guarded,
            )
            .fetchall()
        )
        return sum(1 for (space,) in rows if space in readable)

    def space_erased(self, space: str) -> bool:
        row = (
            self._conn()
            .execute("SELECT 1 FROM purged WHERE record_id = ?", (space_anchor(space),))
            .fetchone()
        )
        return row is not None

    def is_purged(self, record_id: str, space: str | None = None) -> bool:
        row = (
            self._conn()
            .execute(
                "SELECT 1 FROM purged WHERE record_id = ? OR record_id = ?",
                (record_id, space_anchor(space) if space else ""),
            )
            .fetchone()
        )
        return row is not None

    def erased_in_this_merge(self, record_id: str, space: str) -> bool:
        return record_id in self.erased_now or space_anchor(space) in self.erased_now

    def list_with_space(self, record_id: str, space: str) -> None:
        """List a record of an erased space that arrived after the erasure as purged too,
        as a replica that held it when the erasure came does."""
        self._conn().execute(
            "INSERT OR IGNORE INTO purged (record_id, version)"
            " SELECT ?, version FROM purged WHERE record_id = ?",
            (record_id, space_anchor(space)),
        )

    def erase(self, record_id: str, version: str, bodies: Iterable[dict[str, Any]]) -> list[str]:
        """Erase a record and the spaces its purges (``bodies``) name; returns those
        spaces, whose keys the caller forgets once the transaction commits."""
        conn = self._conn()
        spaces = merge.purged_spaces(bodies)
        ids = [record_id]
        for sp in spaces:
            ids += [r for (r,) in conn.execute("SELECT id FROM records WHERE space = ?", (sp,))]
        for rec in ids:
            forget_rows(conn, rec)
            conn.execute(
                "UPDATE changes SET payload = NULL, bases = '' WHERE record_id = ?"
                " AND kind != 'purge'",
                (rec,),
            )
            conn.execute(
                "INSERT OR IGNORE INTO purged (record_id, version) VALUES (?, ?)", (rec, version)
            )
            self.erased_now.add(rec)
        for sp in spaces:
            # Pending changes never materialised (no key here) go as well.
            conn.execute(
                "UPDATE changes SET payload = NULL, bases = '', applied = 1 WHERE space = ?"
                " AND kind != 'purge'",
                (sp,),
            )
            conn.execute(
                "INSERT OR IGNORE INTO purged (record_id, version) VALUES (?, ?)",
                (space_anchor(sp), version),
            )
            self.erased_now.add(space_anchor(sp))
        return spaces


def forget_record(conn: CipherConnection, record_id: str) -> None:
    """Remove a record and every change of it from this replica (a record moved to
    another space: what the old space held goes, nothing of it is pushed)."""
    forget_rows(conn, record_id)
    conn.execute("DELETE FROM changes WHERE record_id = ?", (record_id,))


def forget_rows(conn: CipherConnection, record_id: str) -> None:
    """Remove what a record's changes made here: its row, merge metadata, index row, text
    states, losing values and kept texts (its changes stay: the caller decides)."""
    row = conn.execute("SELECT rid FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is not None:
        search.index_record(conn, row[0], None)
        conn.execute("DELETE FROM record_meta WHERE rid = ?", (row[0],))
    for table in ("records", "texts", "conflicts", "text_versions"):
        column = "id" if table == "records" else "record_id"
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (record_id,))


__all__ = [
    "AuthorCheck",
    "MoveCheck",
    "PurgeCheck",
    "PurgeClaim",
    "PurgeVerdict",
    "Purges",
    "forget_record",
    "forget_rows",
    "space_anchor",
]
