"""The merge engine: a record's new changes folded into its materialised state.

:class:`Merger` loads a record as merging needs it (:class:`Working`: its
values, the winning version of each field, the per-device heads, the text
digests), folds in the changes a batch gathered for it (register fields by the
version history and causal summaries, text fields through their CRDT document
or, for an edit made on exactly this replica's text, a positional delta; a
purge erases it), and queues the record's row, merge metadata and search body
on the write queue (storage.unit_of_work). The rules (which version wins,
what loses, the delete watermark) are pure functions in :mod:`sync.merge`;
this module reads their inputs and writes their outcome.

Like the store's other collaborators it works on the store's connection and
keys through getters, so a locked store stays locked for it too; it runs no
transaction (its caller does).

Fault seam: :attr:`Merger.before_write` is called with each record's id just
before the record's merged state is queued. Nothing in the product sets it; a
test raises there to cut a merge at that exact point and check that the
caller's transaction leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import msgspec

from storage import search
from storage.changelog import change_row, insert_change_rows
from storage.db import CipherConnection
from storage.envelopes import Envelopes, text_state_aad
from storage.errors import IntegrityFailure
from storage.keys import SpaceKeys
from storage.purge import Purges
from storage.text_history import FLAG_TEXT_MERGED, TextHistory
from storage.unit_of_work import UnitOfWork, WriteQueue
from sync import merge
from sync.changes import DELETED_FIELD, PARENT_FIELD, Change, split_version, version_of
from sync.text import BadTextUpdate, TextDoc, apply_delta

FLAG_CONFLICT: Final = 1
FLAG_RESURRECTED: Final = 2

_json_encode = msgspec.json.Encoder().encode
_json_decode = msgspec.json.Decoder().decode


def is_user_field(name: str) -> bool:
    return bool(name) and not name.startswith("_")


def user_fields(content: dict[str, Any]) -> Any:
    """The user fields of content written before internal fields were kept apart."""
    values = content.get("f", {})
    if type(values) is not dict:
        return values
    return {k: v for k, v in values.items() if is_user_field(k)}


@dataclass(slots=True)
class Item:
    change: Change
    body: dict[str, Any]
    local: bool = False


@dataclass(slots=True)
class Working:
    """One record being merged within a batch."""

    record_id: str
    type: str
    space: str
    exists: bool
    rid: int | None
    version: str
    values: dict[str, Any]
    winners: dict[str, str]
    items: list[Item] = field(default_factory=list)
    docs: dict[str, TextDoc] = field(default_factory=dict)
    conflicted: set[str] = field(default_factory=set)  # fields with losing values
    # Highest HLC per device among the record's non-delete changes: an edit a
    # delete did not see brings the record back.
    heads: dict[str, str] = field(default_factory=dict)
    # The body in the search index (None: no index row), so an unchanged body
    # costs no index write and a new record no delete.
    indexed: str | None = None
    # Per text field: digest of the set of text changes merged (see sync.merge.digest_step).
    digests: dict[str, str] = field(default_factory=dict)
    # Text fields with unfolded changes (None: not known, look each time).
    pending: set[str] | None = field(default_factory=set)
    # Per text field: unfolded change ids folded into a document loaded for a local edit.
    unfolded: dict[str, list[str]] = field(default_factory=dict)
    # Text changes merged, to store once merged: (item, folded into the CRDT state).
    text_rows: list[tuple[Item, bool]] = field(default_factory=list)
    # Text fields with kept versions from a concurrent merge (FLAG_TEXT_MERGED).
    text_merged: set[str] = field(default_factory=set)
    # (parent, deleted) as stored in the records row: an update that changes
    # neither leaves the parent and type indexes alone (their pages unwritten).
    stored: tuple[str | None, int] | None = None


WORKING_SELECT = (
    "SELECT r.id, r.rid, r.type, r.space, r.version, r.key_version, r.sealed_by, r.content,"
    " r.deleted, r.flags, m.versions, m.heads, m.texts, r.parent"
    " FROM records r LEFT JOIN record_meta m ON m.rid = r.rid"
)


class Merger:
    """Merges the records of one replica's database (see the module docstring)."""

    def __init__(
        self,
        *,
        conn: Callable[[], CipherConnection],
        keys: Callable[[], SpaceKeys],
        envelopes: Envelopes,
        history: TextHistory,
        writes: WriteQueue,
        purges: Purges,
        work: UnitOfWork,
        device: str,
    ) -> None:
        self._conn = conn
        self._keys = keys
        self._env = envelopes
        self._history = history
        self._writes = writes
        self._purges = purges
        self._work = work
        self.device = device
        # The fault seam (module docstring): called with a record's id before it is written.
        self.before_write: Callable[[str], None] | None = None

    @property
    def conn(self) -> CipherConnection:
        return self._conn()

    @property
    def keys(self) -> SpaceKeys:
        return self._keys()

    def field_history(
        self, record_id: str, name: str
    ) -> tuple[dict[str, list[str]], dict[str, merge.Summary]]:
        """A register field's known versions: their bases, and their causal summaries."""
        parents: dict[str, list[str]] = {}
        summaries: dict[str, merge.Summary] = {}
        for hlc, device, bases in self.conn.execute(
            "SELECT hlc, device, bases FROM changes WHERE record_id = ? AND field = ?"
            " AND kind IN ('register', 'delete') AND applied = 1 AND payload IS NOT NULL",
            (record_id, name),
        ):
            meta = _json_decode(bases) if bases else {}
            version = version_of(hlc, device)
            parents[version] = list(meta.get("b", []))
            summary = merge.parse_summary(meta.get("c"))
            if summary is not None:
                summaries[version] = summary
        return parents, summaries

    def load_working(
        self,
        record_id: str,
        rtype: str,
        space: str,
        prefetched: dict[str, tuple[Any, ...]] | None = None,
    ) -> Working:
        """The record as merging needs it; ``prefetched`` holds the rows of a whole
        batch (read in a few queries), a record missing from it is new."""
        if prefetched is None:
            row = self.conn.execute(WORKING_SELECT + " WHERE r.id = ?", (record_id,)).fetchone()
        else:
            row = prefetched.get(record_id)
        if row is None:
            return Working(record_id, rtype, space, False, None, "", {}, {})
        (
            _id,
            rid,
            rtype,
            space,
            version,
            kv,
            by,
            blob,
            deleted,
            flags,
            versions,
            heads,
            texts,
            parent,
        ) = row
        content = self._env.open_content(record_id, rtype, space, version, kv, by, blob)
        winners = _json_decode(versions) if versions else content.get("v", {})
        conflicted: set[str] = set()
        if flags & FLAG_CONFLICT:  # the flag is set exactly when some field has losing values
            conflicted = {
                f
                for (f,) in self.conn.execute(
                    "SELECT DISTINCT field FROM conflicts WHERE record_id = ?", (record_id,)
                )
            }
        # {"d": digest per text field, "u": fields with unfolded changes}
        meta: dict[str, Any] = _json_decode(texts) if texts else {"u": []}
        text_merged: set[str] = set()
        if flags & FLAG_TEXT_MERGED:
            text_merged = self._history.merged_fields(record_id)
        user = content.get("f", {})
        indexed = None
        if not deleted:
            shown = user if "i" in content else user_fields(content)
            indexed = search.body_of(shown.values()) or None
        return Working(
            record_id,
            rtype,
            space,
            True,
            rid,
            version,
            {**user, **content.get("i", {})},
            dict(winners),
            conflicted=conflicted,
            heads=_json_decode(heads) if heads else {},
            indexed=indexed,
            digests=meta.get("d", {}),
            pending=set(meta["u"]) if "u" in meta else None,
            text_merged=text_merged,
            stored=(parent, int(deleted)),
        )

    def load_doc(self, w: Working, name: str, unfolded: list[str]) -> TextDoc:
        """The field's CRDT document: its stored state plus the unfolded text changes
        (whose ids are added to ``unfolded``, to be marked folded once it is stored)."""
        if not w.exists:
            return TextDoc.load(None)
        row = self.conn.execute(
            "SELECT key_version, sealed_by, seal_version, state FROM texts"
            " WHERE record_id = ? AND field = ?",
            (w.record_id, name),
        ).fetchone()
        if row is None:
            doc = TextDoc.load(None)
        else:
            kv, by, seal_version, state = row
            aad = text_state_aad(w.space, w.type, w.record_id, name, seal_version, kv, by)
            try:
                doc = TextDoc.load(self._env.cipher(w.space, kv).open(state, aad))
            except BadTextUpdate:
                raise IntegrityFailure(w.record_id, name) from None
        if w.pending is not None and name not in w.pending:
            return doc
        for change_id, device, hlc, kv, payload in self.conn.execute(
            "SELECT change_id, device, hlc, key_version, payload FROM changes"
            " WHERE record_id = ? AND field = ? AND kind = 'text' AND folded = 0"
            " AND applied = 1 AND payload IS NOT NULL ORDER BY seq",
            (w.record_id, name),
        ).fetchall():
            ch = Change(
                change_id, device, hlc, w.record_id, w.type, w.space, name, "text", kv, payload
            )
            try:
                doc.apply(self._env.open_change(ch)["u"])
            except (BadTextUpdate, KeyError, TypeError):
                raise IntegrityFailure(w.record_id, name) from None
            unfolded.append(change_id)
        return doc

    def text_digest(self, w: Working, name: str) -> str:
        """The digest of the text changes merged into a field (worked out once for
        fields merged before digests were kept)."""
        digest = w.digests.get(name)
        if digest is None:
            digest = ""
            if w.exists:
                for hlc, device in self.conn.execute(
                    "SELECT hlc, device FROM changes WHERE record_id = ? AND field = ?"
                    " AND kind = 'text' AND applied = 1",
                    (w.record_id, name),
                ):
                    digest = merge.digest_step(digest, version_of(hlc, device))
            w.digests[name] = digest
        return digest

    def merge_all(self, works: Iterable[Working]) -> None:
        """Merge each record's pending items, then write their rows and the search index
        in one go (the write queue: storage.unit_of_work)."""
        try:
            rows: list[tuple[Any, ...]] = []
            for w in works:
                self._merge(w)
                rows += [
                    change_row(it.change, it.body, local=it.local, folded=folded)
                    for it, folded in w.text_rows
                ]
                w.text_rows.clear()
            insert_change_rows(self.conn, rows)
            self._writes.flush()
        finally:
            self._writes.drop()
            self._purges.erased_now.clear()

    def _merge(self, w: Working) -> None:
        items, w.items = w.items, []
        if not items:
            return
        if self._purges.erased_in_this_merge(w.record_id, w.space):
            # Erased by a purge earlier in this batch: nothing to write back.
            if w.record_id not in self._purges.erased_now:
                self._purges.list_with_space(w.record_id, w.space)
            insert_change_rows(
                self.conn,
                [
                    change_row(it.change, None, local=it.local)
                    for it in items
                    if it.change.kind == "text"
                ],
            )
            return
        if any(it.change.kind == "purge" for it in items):
            insert_change_rows(
                self.conn,
                [
                    change_row(it.change, it.body, local=it.local)
                    for it in items
                    if it.change.kind == "text"
                ],
            )
            self._purge_local(w, items)
            return
        by_field: dict[str, list[Item]] = {}
        text_items: dict[str, list[Item]] = {}
        for it in items:
            target = text_items if it.change.kind == "text" else by_field
            target.setdefault(it.change.field, []).append(it)
        new_values = {
            it.change.version: it.body.get("v") for it in items if it.change.kind != "text"
        }
        for name in sorted(by_field):
            if not self._fast_register(w, name, by_field[name]):
                self.merge_register(w, name, new_values)
        for name, its in text_items.items():
            self._merge_text(w, name, its)
        heads = w.heads
        for it in items:
            ch = it.change
            merge.advance_heads(heads, ch.device, ch.hlc, ch.kind)
            if ch.version > w.version:
                w.version = ch.version
        self.write_record(w)

    def _fast_register(self, w: Working, name: str, items: list[Item]) -> bool:
        """The common case without touching the version history: one new version
        that is the field's first, or that was written over the current winner
        of a field with no losing values. Its losing values stay empty."""
        if len(items) != 1 or name in w.conflicted:
            return False
        it = items[0]
        current = w.winners.get(name)
        version = it.change.version
        if not merge.supersedes(current, version, it.body.get("b", ())):
            return False
        w.values[name] = it.body.get("v")
        w.winners[name] = version
        return True

    def merge_register(self, w: Working, name: str, new_values: dict[str, Any]) -> None:
        parents, summaries = self.field_history(w.record_id, name)
        winner, losers = merge.register_outcome(parents, summaries)
        if winner != w.winners.get(name):
            if winner in new_values:
                w.values[name] = new_values[winner]
            else:  # a winner not in this batch: read it back (rare: a resync)
                w.values[name] = self._value_of(w.record_id, name, winner)
            w.winners[name] = winner
        self.conn.execute(
            "DELETE FROM conflicts WHERE record_id = ? AND field = ?", (w.record_id, name)
        )
        if losers:
            self.conn.executemany(
                "INSERT INTO conflicts (record_id, field, version) VALUES (?, ?, ?)",
                [(w.record_id, name, v) for v in losers],
            )
            w.conflicted.add(name)
        else:
            w.conflicted.discard(name)

    def _value_of(self, record_id: str, name: str, version: str) -> Any:
        hlc, device = split_version(version)
        row = self.conn.execute(
            "SELECT change_id, type, space, kind, key_version, payload FROM changes"
            " WHERE record_id = ? AND field = ? AND hlc = ? AND device = ?",
            (record_id, name, hlc, device),
        ).fetchone()
        ch = Change(row[0], device, hlc, record_id, row[1], row[2], name, row[3], row[4], row[5])
        return self._env.open_change(ch).get("v")

    def _merge_text(self, w: Working, name: str, items: list[Item]) -> None:
        digest = self.text_digest(w, name)
        doc = w.docs.pop(name, None)
        if doc is None and self._merge_text_fast(w, name, items, digest):
            return
        if doc is None:
            unfolded: list[str] = []
            doc = self.load_doc(w, name, unfolded)
            before = doc.text
            for it in items:
                try:
                    doc.apply(it.body["u"])
                except (BadTextUpdate, KeyError, TypeError):
                    raise IntegrityFailure(w.record_id, name) from None
            if doc.text != before:
                self._keep_if_concurrent(w, name, items, before)
        else:  # a local edit: the document was loaded (and edited) by RecordStore._text_change
            unfolded = w.unfolded.pop(name, [])
        for it in items:
            digest = merge.digest_step(digest, it.change.version)
            w.text_rows.append((it, True))
        w.digests[name] = digest
        if w.pending is not None:
            w.pending.discard(name)
        w.values[name] = doc.text
        kv = self.keys.current_version(w.space)
        seal_version = max(it.change.version for it in items)
        aad = text_state_aad(w.space, w.type, w.record_id, name, seal_version, kv, self.device)
        state = self._env.cipher(w.space, kv).seal(doc.state(), aad)
        self.conn.execute(
            "INSERT INTO texts (record_id, field, key_version, sealed_by, seal_version, state)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id, field) DO UPDATE SET"
            " key_version = excluded.key_version, sealed_by = excluded.sealed_by,"
            " seal_version = excluded.seal_version, state = excluded.state",
            (w.record_id, name, kv, self.device, seal_version, state),
        )
        if unfolded:
            self.conn.executemany(
                "UPDATE changes SET folded = 1,"
                " payload = CASE WHEN local = 1 THEN payload END WHERE change_id = ?",
                [(c,) for c in unfolded],
            )

    def _keep_if_concurrent(self, w: Working, name: str, items: list[Item], before: str) -> None:
        """Keep this device's text from before the merge when a remote edit in it was
        made without seeing this device's last edit of the field.

        (The fast path never gets here: an edit made on exactly this replica's
        set of text changes has seen all of them.)
        """
        if self.device not in w.heads:
            return  # this device never changed the record
        mine = self._history.last_own_edit(w.record_id, name)
        if not mine:
            return
        concurrent = [
            it
            for it in items
            if not it.local
            and it.change.device != self.device
            and merge.concurrent_with(it.body, self.device, mine)
        ]
        if not concurrent:
            return
        latest = max(concurrent, key=lambda it: it.change.version).change
        self._history.keep(
            record_id=w.record_id,
            rtype=w.type,
            space=w.space,
            field_name=name,
            text=before,
            mine=mine,
            merged=latest,
            key_version=self.keys.current_version(w.space),
        )
        w.text_merged.add(name)

    def _merge_text_fast(self, w: Working, name: str, items: list[Item], digest: str) -> bool:
        """Apply remote text edits as positional deltas, leaving the CRDT state alone.

        An edit qualifies when its author had merged exactly the text changes this
        replica has merged for the field (same digest; the text hash guards the
        rest): the same set of Yjs updates gives the same text, so the author's
        text before the edit is this one and the delta gives the text after it.
        The update stays unfolded in ``changes`` until the document is next loaded.
        Anything else (a concurrent edit, an old payload) takes the CRDT path.
        """
        text = w.values.get(name, "")
        if not isinstance(text, str):
            return False
        todo = sorted(items, key=lambda it: it.change.version)
        done: list[Item] = []
        while todo:
            for i, it in enumerate(todo):
                body = it.body
                if body.get("h") != digest or "d" not in body:
                    continue
                if body.get("t") != merge.text_hash(text):
                    return False
                new = apply_delta(text, body["d"])
                if new is None:
                    return False
                text = new
                digest = merge.digest_step(digest, it.change.version)
                done.append(todo.pop(i))
                break
            else:
                return False
        w.values[name] = text
        w.digests[name] = digest
        w.text_rows += [(it, False) for it in done]
        if w.pending is not None:
            w.pending.add(name)
        return True

    def _deleted_state(self, w: Working) -> tuple[bool, bool]:
        """(deleted, resurrected) from the winning ``_deleted`` and the record's heads."""
        if not w.values.get(DELETED_FIELD):
            return False, False
        hlc, device = split_version(w.winners[DELETED_FIELD])
        row = self.conn.execute(
            "SELECT bases FROM changes"
            " WHERE record_id = ? AND field = ? AND hlc = ? AND device = ?",
            (w.record_id, DELETED_FIELD, hlc, device),
        ).fetchone()
        seen: dict[str, str] = _json_decode(row[0]).get("s", {}) if row and row[0] else {}
        return merge.deleted_state(True, seen, w.heads)

    def write_record(self, w: Working) -> None:
        if self.before_write is not None:
            self.before_write(w.record_id)
        deleted, resurrected = self._deleted_state(w)
        flags = (
            (FLAG_CONFLICT if w.conflicted else 0)
            | (FLAG_RESURRECTED if resurrected else 0)
            | (FLAG_TEXT_MERGED if w.text_merged else 0)
        )
        kv = self.keys.current_version(w.space)
        user = {k: v for k, v in w.values.items() if is_user_field(k)}
        internal = {k: v for k, v in w.values.items() if not is_user_field(k)}
        blob = self._env.seal_content(
            {"f": user, "i": internal},
            space=w.space,
            rtype=w.type,
            record_id=w.record_id,
            version=w.version,
            kv=kv,
            by=self.device,
        )
        parent = w.values.get(PARENT_FIELD)
        if w.exists:
            moved = w.stored != (parent, int(deleted))
            self._writes.updates.append(
                (moved, parent, int(deleted), flags, w.version, kv, self.device, blob, w.rid)
            )
            w.stored = (parent, int(deleted))
        else:
            w.rid = self._writes.new_rid()
            self._writes.inserts.append(
                (
                    w.rid,
                    w.record_id,
                    w.type,
                    w.space,
                    parent,
                    int(deleted),
                    flags,
                    w.version,
                    kv,
                    self.device,
                    blob,
                )
            )
            w.stored = (parent, int(deleted))
            w.exists = True
        assert w.rid is not None
        self._writes.metas.append(
            (
                w.rid,
                _json_encode(w.winners).decode(),
                _json_encode(w.heads).decode(),
                _json_encode(
                    {"d": w.digests, "u": sorted(w.pending)}
                    if w.pending is not None
                    else {"d": w.digests}
                ).decode(),
            )
        )
        body = None if deleted else (search.body_of(user.values()) or None)
        if body != w.indexed:
            self._writes.queue_search(w.rid, w.indexed is not None, body)
            w.indexed = body

    def _purge_local(self, w: Working, items: list[Item]) -> None:
        self._writes.flush()  # rows and index rows queued by this batch go before the purge
        purges = [it for it in items if it.change.kind == "purge"]
        version = max(it.change.version for it in purges)
        spaces = self._purges.erase(w.record_id, version, (it.body for it in purges))
        # Keys of erased spaces are forgotten: crypto-shredding for anything
        # that might survive elsewhere (an old backup, say).
        self._work.forget_after_commit.update(spaces)
