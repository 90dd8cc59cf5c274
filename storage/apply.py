"""Applying a batch of changes received from another replica.

:class:`Applier` takes a page of changes as the server delivered it and sorts
each one: a change id seen before is a duplicate; a malformed stamp, an
unknown kind, a change that fails authentication, an envelope this version
cannot read or one that claims another type or space than its record's is
quarantined; one for a purged record or space is logged without content; one
for a space without a key here is kept unapplied until a key arrives
(:meth:`storage.store.RecordStore.retry_pending`); a received purge, and a change
of a type the app guards (who may write it), is judged by the app's check first
(storage.purge); one for a record held here in another space is quarantined, unless
the app lets the record move there (a team's record brought into a new team on another
laptop): then the copy held here is forgotten first. What is left is gathered per record
and merged in one go (storage.merging), and the caller's cursor is set with it.

What the batch needs to know up front (known ids, purged records, the records'
rows) is read in a few queries instead of several per change. The store runs
the transaction and holds the lock; the applier runs neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storage.audit import AuditLog
from storage.changelog import ChangeLog, change_row, chunks, insert_change_rows
from storage.changelog import quarantine as quarantine_change
from storage.db import CipherConnection
from storage.envelopes import Envelopes
from storage.errors import IntegrityFailure, KeyUnavailable, UnsupportedFormat
from storage.merging import WORKING_SELECT, Item, Merger, Working
from storage.purge import Purges, forget_record
from sync.changes import KINDS, Change
from sync.hlc import Hlc, HybridClock


@dataclass(slots=True)
class ApplyResult:
    """What one ``apply_changes`` call did."""

    applied: int = 0
    duplicates: int = 0
    pending_key: int = 0
    dropped_purged: int = 0
    # Received purges (and changes of guarded types) kept unapplied until they can be checked.
    held_purges: int = 0
    quarantined: list[str] = field(default_factory=list)
    far_future: list[str] = field(default_factory=list)
    records: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    # Records held here in another space that moved to the space their changes came in.
    moved: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Batch:
    """Per-batch lookups for apply_changes."""

    known: set[str] = field(default_factory=set)
    purged: set[str] = field(default_factory=set)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    # record id -> its row for Merger.load_working (records missing here are new)
    records: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # The newest stamp not far in the future: the clock takes it in once per batch.
    newest: Hlc | None = None
    # Spaces whose changes arrived without a key here (audited once per batch).
    no_key: set[str] = field(default_factory=set)


class Applier:
    """Applies batches of received changes to one replica's database."""

    def __init__(
        self,
        *,
        conn: Callable[[], CipherConnection],
        envelopes: Envelopes,
        clock: HybridClock,
        purges: Purges,
        log: ChangeLog,
        audit: AuditLog,
        merger: Merger,
    ) -> None:
        self._conn = conn
        self._env = envelopes
        self._clock = clock
        self._purges = purges
        self._log = log
        self._audit = audit
        self._merger = merger

    @property
    def conn(self) -> CipherConnection:
        return self._conn()

    def apply(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> ApplyResult:
        """Merge changes from another replica and set the caller's cursor, inside the
        caller's transaction (see RecordStore.apply_changes)."""
        result = ApplyResult()
        working: dict[str, Working] = {}
        batch = self._batch_context(changes)
        for ch in changes:
            self._accept_remote(ch, working, result, batch)
        if batch.newest is not None:
            # One HLC receive for the batch: after the newest stamp is after them all.
            self._clock.observe(batch.newest)
        insert_change_rows(self.conn, batch.rows)
        for space in sorted(batch.no_key):
            # Kept unread until a key comes; for a space this device's role never
            # holds, a sign that the server served what it must not.
            self._audit.append("key_unavailable", f"space:{space}")
        self._merger.merge_all(working.values())
        for w in working.values():
            result.records.add(w.record_id)
            result.types.add(w.type)
        if cursor is not None:
            self._log.set_cursor(*cursor)
        return result

    def _batch_context(self, changes: Sequence[Change]) -> _Batch:
        """What a batch needs to know up front, in a few queries instead of several per change."""
        batch = _Batch()
        ids = list({ch.change_id for ch in changes})
        anchors = list({ch.record_id for ch in changes} | {f"space:{ch.space}" for ch in changes})
        for chunk in chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            batch.known.update(
                r
                for (r,) in self.conn.execute(
                    f"SELECT change_id FROM changes WHERE change_id IN ({marks})", chunk
                )
            )
        for chunk in chunks(anchors, 500):
            marks = ",".join("?" * len(chunk))
            batch.purged.update(
                r
                for (r,) in self.conn.execute(
                    f"SELECT record_id FROM purged WHERE record_id IN ({marks})", chunk
                )
            )
        records = sorted({ch.record_id for ch in changes if ch.change_id not in batch.known})
        for chunk in chunks(records, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(WORKING_SELECT + f" WHERE r.id IN ({marks})", chunk):
                batch.records[row[0]] = tuple(row)
        return batch

    def _accept_remote(
        self, ch: Change, working: dict[str, Working], result: ApplyResult, batch: _Batch
    ) -> None:
        if ch.change_id in batch.known:
            result.duplicates += 1
            return
        batch.known.add(ch.change_id)
        try:
            stamp = Hlc.decode(ch.hlc)
        except ValueError:
            self._quarantine(ch, "malformed clock stamp", result)
            return
        if ch.kind not in KINDS or not ch.field:
            self._quarantine(ch, "unknown change kind", result)
            return
        if self._clock.is_far_future(stamp):
            result.far_future.append(ch.change_id)
        elif batch.newest is None or stamp > batch.newest:
            batch.newest = stamp
        if ch.record_id in batch.purged or f"space:{ch.space}" in batch.purged:
            batch.rows.append(change_row(ch, None, local=False))
            result.dropped_purged += 1
            if ch.record_id not in batch.purged:
                self._purges.list_with_space(ch.record_id, ch.space)
                batch.purged.add(ch.record_id)
            return
        try:
            body = self._env.open_change(ch)
        except KeyUnavailable:
            batch.rows.append(change_row(ch, None, local=False, applied=False))
            result.pending_key += 1
            batch.no_key.add(ch.space)
            return
        except IntegrityFailure:
            self._quarantine(ch, "integrity", result)
            return
        except UnsupportedFormat:
            # Another device's envelope this version cannot read: raised, it would fail
            # the whole page and stop every later pull at the same change.
            self._quarantine(ch, "unsupported envelope format", result)
            return
        w = working.get(ch.record_id)
        if w is None:
            w = self._merger.load_working(ch.record_id, ch.record_type, ch.space, batch.records)
            working[ch.record_id] = w
        if (
            w.type == ch.record_type
            and w.space != ch.space
            and not w.items
            and self._purges.may_move(ch.record_id, w.space, ch.space)
        ):
            # Brought into another space elsewhere (a team's record into a new team):
            # the copy held here goes, and the record is built again from what arrives.
            forget_record(self.conn, ch.record_id)
            batch.records.pop(ch.record_id, None)
            w = self._merger.load_working(ch.record_id, ch.record_type, ch.space, batch.records)
            working[ch.record_id] = w
            result.moved.add(ch.record_id)
            self._audit.append("change", ch.record_id, "moved to another space")
        if w.type != ch.record_type or w.space != ch.space:
            self._quarantine(ch, "record type or space mismatch", result)
            return
        # A purge, and a change of a type only some authors may write, is judged first.
        if ch.kind == "purge":
            verdict, refused = self._purges.judge(ch, body), "purge refused"
        else:
            verdict, refused = self._purges.judge_author(ch), "change refused"
        if verdict.refused:
            self._quarantine(ch, f"{refused}: {verdict.refused}", result)
            return
        if verdict.hold:
            batch.rows.append(change_row(ch, None, local=False, applied=False))
            result.held_purges += 1
            return
        if ch.kind != "text":  # text rows are stored once merged (folded or not)
            batch.rows.append(change_row(ch, body, local=False))
        w.items.append(Item(ch, body))
        result.applied += 1

    def _quarantine(self, ch: Change, reason: str, result: ApplyResult) -> None:
        quarantine_change(self.conn, ch, reason)
        result.quarantined.append(ch.change_id)
