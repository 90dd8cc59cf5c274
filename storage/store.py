"""The local replica: generic records, encrypted, merged field by field.

A record is ``(id, type, space, parent, fields)``. Every local write becomes
field changes (:class:`sync.changes.Change`) that go through the very same
merge path as changes pulled from another replica, so local and remote edits
obey one set of rules:

- register fields: last writer wins by (HLC, device); every version is kept in
  ``changes`` and a version that is neither the winner nor an ancestor of it
  (through the ``bases`` each write records) is a *losing value*, listed in
  ``conflicts`` until someone resolves it;
- text fields: a Yjs document per field (sync.text), its current text kept in
  the record's content so reading never loads CRDT state;
- delete: a register ``_deleted`` carrying the per-device watermark of what
  the deleting device had seen; an edit above that watermark (made
  concurrently) keeps the record alive and flags it for review;
- purge: removes content everywhere, including the payloads in the change log;
  later changes for the record are dropped. A purge may name whole spaces
  (erasing a participant: their work and clinical space), so a device can
  erase records it holds no key for; the keys of erased spaces are forgotten.

The materialised state is a function of the *set* of changes known, so merges
are idempotent and independent of delivery order.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

import msgspec
import sqlite_utils

from storage import search
from storage.audit import AuditEntry, AuditLog, ChainReport
from storage.crypto import Aad, EnvelopeCipher
from storage.db import CipherConnection, raise_known
from storage.errors import IntegrityFailure, KeyUnavailable, Locked, StorageError
from storage.ids import new_id
from storage.keys import SpaceKeys
from sync.changes import (
    DELETED_FIELD,
    KINDS,
    PARENT_FIELD,
    PURGE_FIELD,
    Change,
    split_version,
    version_of,
)
from sync.hlc import Hlc, HybridClock
from sync.text import BadTextUpdate, TextDoc

FLAG_CONFLICT: Final = 1
FLAG_RESURRECTED: Final = 2

_CONTENT_FIELD: Final = "*"
_REGISTER_KINDS: Final = ("register", "delete")

_msgpack_encode = msgspec.msgpack.Encoder().encode
_msgpack_decode = msgspec.msgpack.Decoder().decode
_json_encode = msgspec.json.Encoder().encode
_json_decode = msgspec.json.Decoder().decode


@dataclass(frozen=True, slots=True)
class DeviceSecrets:
    """The device's key pairs (raw 32-byte private keys) from the vault."""

    x25519_private: bytes
    ed25519_private: bytes


@dataclass(frozen=True, slots=True)
class Record:
    """The current state of one record as this device can read it."""

    id: str
    type: str
    space: str
    parent: str | None
    fields: dict[str, Any]
    deleted: bool = False
    flags: int = 0
    error: str | None = None

    @property
    def conflicted(self) -> bool:
        return bool(self.flags & FLAG_CONFLICT)

    @property
    def resurrected(self) -> bool:
        return bool(self.flags & FLAG_RESURRECTED)


@dataclass(frozen=True, slots=True)
class LosingValue:
    """A register value that lost to a concurrent write, with who wrote it and when."""

    record_id: str
    field: str
    value: Any
    device: str
    hlc: str
    version: str

    @property
    def written_at(self) -> datetime:
        return Hlc.decode(self.hlc).to_datetime()


@dataclass(slots=True)
class ApplyResult:
    """What one ``apply_changes`` call did."""

    applied: int = 0
    duplicates: int = 0
    pending_key: int = 0
    dropped_purged: int = 0
    quarantined: list[str] = field(default_factory=list)
    far_future: list[str] = field(default_factory=list)
    records: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Item:
    change: Change
    body: dict[str, Any]


@dataclass(slots=True)
class _Working:
    """One record being merged within a batch."""

    record_id: str
    type: str
    space: str
    exists: bool
    rid: int | None
    version: str
    values: dict[str, Any]
    winners: dict[str, str]
    items: list[_Item] = field(default_factory=list)
    docs: dict[str, TextDoc] = field(default_factory=dict)
    conflicted: set[str] = field(default_factory=set)  # fields with losing values


_F = TypeVar("_F", bound=Callable[..., Any])


def _serialized(method: _F) -> _F:
    """Run a public store method under the store's lock.

    The GUI thread makes quick reads and writes while one worker thread syncs
    and exports; the lock keeps their transactions from interleaving on the
    one connection.
    """

    @functools.wraps(method)
    def wrapper(self: RecordStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


@dataclass(slots=True)
class _Batch:
    """Per-batch lookups for apply_changes."""

    known: set[str] = field(default_factory=set)
    purged: set[str] = field(default_factory=set)
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _is_user_field(name: str) -> bool:
    return bool(name) and not name.startswith("_")


class RecordStore:
    """An unlocked replica over one encrypted database; ``lock()`` ends it."""

    def __init__(
        self,
        conn: CipherConnection,
        *,
        keys: SpaceKeys,
        device: str,
        actor: str,
        audit_key: bytes,
        role: str = "",
        clock: HybridClock | None = None,
        db_key: bytes | None = None,
        on_lock: Callable[[], None] | None = None,
        device_secrets: DeviceSecrets | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._conn: CipherConnection | None = conn
        self._db_key = db_key
        self._on_lock = on_lock
        self._device_secrets = device_secrets
        self._db = sqlite_utils.Database(conn, execute_plugins=False)  # type: ignore[arg-type]
        self._keys = keys
        self.device = device
        self.actor = actor
        self.role = role
        self._audit = AuditLog(conn, key=audit_key, device=device, actor=actor)
        self._forget_after_commit: set[str] = set()
        last = self._meta("hlc_last")
        self._clock = clock or HybridClock(last=Hlc.decode(last) if last else None)
        if clock is not None and last:
            clock.observe(Hlc.decode(last))

    # ------------------------------------------------------------------ basics

    @property
    def conn(self) -> CipherConnection:
        if self._conn is None:
            raise Locked()
        return self._conn

    @property
    def keys(self) -> SpaceKeys:
        self.conn  # noqa: B018 - raises Locked once locked
        return self._keys

    @property
    def clock(self) -> HybridClock:
        return self._clock

    @property
    def locked(self) -> bool:
        return self._conn is None

    @_serialized
    def lock(self) -> None:
        """Drop keys and the database connection; every later call raises Locked."""
        if self._conn is None:
            return
        try:
            with self._atomic():
                self._audit.append("lock")
        finally:
            self._keys.close()
            with contextlib.suppress(sqlite3.Error):
                # Keeps the planner's statistics fresh (cheap; see SQLite docs).
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None
            self._db_key = None
            self._device_secrets = None
            if self._on_lock is not None:
                self._on_lock()

    @property
    def device_secrets(self) -> DeviceSecrets:
        """This device's private keys (signing requests, unwrapping granted keys)."""
        self.conn  # noqa: B018
        if self._device_secrets is None:
            raise Locked()
        return self._device_secrets

    @_serialized
    def backup_key(self) -> bytes:
        """The database key, for writing a backup keyed like the live file."""
        self.conn  # noqa: B018
        if self._db_key is None:
            raise Locked()
        return self._db_key

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes into one transaction (all or nothing).

        Writes inside nest as savepoints; the lock is held throughout, so no
        other thread's writes interleave.
        """
        with self._lock, self._atomic():
            yield

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        conn = self.conn
        outer = not conn.in_transaction
        try:
            with self._db.atomic():
                yield
        except sqlite3.OperationalError as exc:
            self._forget_after_commit.clear()
            raise_known(exc)
            raise
        except BaseException:
            if outer:
                self._forget_after_commit.clear()
            raise
        if outer and self._forget_after_commit:
            spaces, self._forget_after_commit = self._forget_after_commit, set()
            for sp in sorted(spaces):
                self._keys.forget(sp)

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @_serialized
    def setting(self, key: str) -> str | None:
        """A small replica-local setting kept inside the encrypted file."""
        return self._meta(f"setting:{key}")

    @_serialized
    def set_setting(self, key: str, value: str) -> None:
        with self._atomic():
            self._set_meta(f"setting:{key}", value)

    # ------------------------------------------------------------ encryption

    def _content_aad(self, w: _Working, key_version: int, sealed_by: str) -> Aad:
        return Aad(w.space, w.type, w.record_id, _CONTENT_FIELD, w.version, key_version, sealed_by)

    @staticmethod
    def _change_aad(ch: Change) -> Aad:
        return Aad(
            ch.space,
            ch.record_type,
            ch.record_id,
            f"{ch.kind}:{ch.field}",
            ch.hlc,
            ch.key_version,
            ch.device,
        )

    def _cipher(self, space: str, version: int) -> EnvelopeCipher:
        return self.keys.cipher(space, version)

    def _open_content(
        self, record_id: str, rtype: str, space: str, version: str, kv: int, by: str, blob: bytes
    ) -> dict[str, Any]:
        aad = Aad(space, rtype, record_id, _CONTENT_FIELD, version, kv, by)
        plain = self._cipher(space, kv).open(blob, aad)
        try:
            content = _msgpack_decode(plain)
        except msgspec.DecodeError:
            raise IntegrityFailure(record_id) from None
        if not isinstance(content, dict):
            raise IntegrityFailure(record_id)
        return content

    # ----------------------------------------------------------------- reads

    def _row_to_record(self, row: Sequence[Any]) -> Record:
        _rid, record_id, rtype, space, parent, deleted, flags, version, kv, by, blob = row
        try:
            content = self._open_content(record_id, rtype, space, version, kv, by, blob)
        except KeyUnavailable:
            return Record(record_id, rtype, space, parent, {}, bool(deleted), flags, "key")
        except IntegrityFailure:
            return Record(record_id, rtype, space, parent, {}, bool(deleted), flags, "integrity")
        if "i" in content:  # internal fields kept apart: no filtering on the read path
            values = content["f"]
        else:
            values = {k: v for k, v in content.get("f", {}).items() if _is_user_field(k)}
        return Record(record_id, rtype, space, parent, values, bool(deleted), flags)

    _SELECT = (
        "SELECT rid, id, type, space, parent, deleted, flags, version, key_version, sealed_by,"
        " content FROM records"
    )

    @_serialized
    def get(self, record_id: str, *, audit: bool = True) -> Record | None:
        """One record, or None. Raises IntegrityFailure / KeyUnavailable for that record."""
        row = self.conn.execute(self._SELECT + " WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        rec = self._row_to_record(row)
        if rec.error == "integrity":
            with self._atomic():
                self._audit.append("integrity_failure", record_id)
            raise IntegrityFailure(record_id)
        if rec.error == "key":
            raise KeyUnavailable(rec.space)
        if audit:
            with self._atomic():
                self._audit.append("read", record_id)
        return rec

    @_serialized
    def query(
        self,
        *,
        record_type: str | None = None,
        parent: str | None = None,
        space: str | None = None,
        include_deleted: bool = False,
        readable_only: bool = True,
    ) -> list[Record]:
        """Records matching all given filters, decrypted.

        A record that fails its integrity check comes back with ``error =
        "integrity"`` and no fields, so one bad record never hides the rest.
        Records in spaces this device holds no key for are left out unless
        ``readable_only`` is False (then they come back with ``error = "key"``).
        """
        where: list[str] = []
        params: list[object] = []
        for column, value in (("type", record_type), ("parent", parent), ("space", space)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if not include_deleted:
            where.append("deleted = 0")
        sql = self._SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY rid"
        out: list[Record] = []
        readable = set(self.keys.spaces())
        for row in self.conn.execute(sql, params):
            if readable_only and row[3] not in readable:
                continue
            out.append(self._row_to_record(row))
        return out

    @_serialized
    def count(self, *, record_type: str | None = None) -> int:
        if record_type is None:
            row = self.conn.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()
        else:
            row = self.conn.execute(
                "SELECT count(*) FROM records WHERE deleted = 0 AND type = ?", (record_type,)
            ).fetchone()
        return int(row[0])

    @_serialized
    def search(self, query: str, *, limit: int = 50) -> list[Record]:
        """Records whose text matches every word typed (prefixes), best first."""
        rids = search.search_rids(self.conn, query, limit)
        if not rids:
            return []
        marks = ",".join("?" * len(rids))
        rows = {r[0]: r for r in self.conn.execute(self._SELECT + f" WHERE rid IN ({marks})", rids)}
        return [self._row_to_record(rows[rid]) for rid in rids if rid in rows]

    @_serialized
    def losing_values(self, record_id: str) -> list[LosingValue]:
        """Values that lost a concurrent write ("changed on two machines"), oldest first."""
        out: list[LosingValue] = []
        for field_name, version in self.conn.execute(
            "SELECT field, version FROM conflicts WHERE record_id = ? ORDER BY field, version",
            (record_id,),
        ).fetchall():
            hlc, device = split_version(version)
            row = self.conn.execute(
                "SELECT change_id, type, space, kind, key_version, payload FROM changes"
                " WHERE record_id = ? AND field = ? AND hlc = ? AND device = ?",
                (record_id, field_name, hlc, device),
            ).fetchone()
            if row is None or row[5] is None:
                continue
            ch = Change(
                row[0], device, hlc, record_id, row[1], row[2], field_name, row[3], row[4], row[5]
            )
            body = self._open_change(ch)
            out.append(LosingValue(record_id, field_name, body.get("v"), device, hlc, version))
        return out

    @_serialized
    def audit_entries(self, record_id: str | None = None) -> list[AuditEntry]:
        return self._audit.entries(record_id)

    @_serialized
    def audit(self, action: str, record_id: str | None = None, detail: str = "") -> None:
        """Record an event the store cannot see itself (export, print, ...)."""
        with self._atomic():
            self._audit.append(action, record_id, detail)

    @_serialized
    def verify_audit(self) -> ChainReport:
        return self._audit.verify()

    @_serialized
    def verify(self) -> list[IntegrityFailure]:
        """Decrypt every readable record and text state; return the failures."""
        bad: list[IntegrityFailure] = []
        readable = set(self.keys.spaces())
        for row in self.conn.execute(self._SELECT):
            if row[3] in readable and self._row_to_record(row).error == "integrity":
                bad.append(IntegrityFailure(row[1]))
        for record_id, fname, kv, by, seal_version, state, space, rtype in self.conn.execute(
            "SELECT t.record_id, t.field, t.key_version, t.sealed_by, t.seal_version, t.state,"
            " r.space, r.type FROM texts t JOIN records r ON r.id = t.record_id"
        ).fetchall():
            if space not in readable:
                continue
            try:
                self._cipher(space, kv).open(
                    state, Aad(space, rtype, record_id, f"crdt:{fname}", seal_version, kv, by)
                )
            except IntegrityFailure:
                bad.append(IntegrityFailure(record_id, fname))
        return bad

    # ---------------------------------------------------------------- writes

    @_serialized
    def put(
        self,
        record_id: str | None = None,
        *,
        record_type: str,
        space: str,
        parent: str | None = None,
        values: Mapping[str, Any] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> str:
        """Create or change a record; only fields that differ become changes.

        ``values`` are register fields (JSON-like values), ``texts`` are merged
        text fields. Returns the record id.
        """
        values = dict(values or {})
        texts = dict(texts or {})
        for name in (*values, *texts):
            if not _is_user_field(name):
                raise ValueError(f"field names may not start with '_': {name!r}")
        with self._atomic():
            if record_id is None:
                record_id = new_id()
            w = self._load_working(record_id, record_type, space)
            if not w.exists and self._is_purged(record_id, space):
                raise ValueError("that record was erased and cannot be written again")
            if w.exists and (w.type != record_type or w.space != space):
                raise ValueError("a record's type and space cannot change")
            if not w.exists:
                # Spaces are made explicitly (create_space); writing never mints a
                # key, so a device without a space's key cannot start one by accident.
                self.keys.current_version(space)
                if parent is not None:
                    values[PARENT_FIELD] = parent
            elif parent is not None and w.values.get(PARENT_FIELD) != parent:
                values[PARENT_FIELD] = parent
            is_new = not w.exists
            changes: list[tuple[Change, dict[str, Any]]] = []
            for name, value in values.items():
                if w.exists and name in w.values and w.values[name] == value:
                    continue
                changes.append(self._register_change(w, name, value, kind="register"))
            for name, text in texts.items():
                made = self._text_change(w, name, text)
                if made is not None:
                    changes.append(made)
            if not changes:
                return record_id
            self._apply_local(w, changes)
            self._audit.append("create" if is_new else "change", record_id)
        return record_id

    @_serialized
    def create_space(self, space: str) -> None:
        """Make a key for a new space (e.g. a new participant's work space)."""
        self.keys.ensure(space)

    @_serialized
    def create_spaces(self, spaces: Iterable[str]) -> None:
        """Make keys for several new spaces, writing the vault once."""
        self.keys.ensure_many(spaces)

    @_serialized
    def delete(self, record_id: str) -> None:
        """Delete (tombstone) a record; an edit made elsewhere meanwhile brings it back."""
        self._set_deleted(record_id, True, action="delete")

    @_serialized
    def restore(self, record_id: str) -> None:
        """Undo a delete, or accept a record that came back after a concurrent edit."""
        self._set_deleted(record_id, False, action="restore")

    def _set_deleted(self, record_id: str, deleted: bool, *, action: str) -> None:
        with self._atomic():
            w = self._require_working(record_id)
            seen = dict(
                self.conn.execute(
                    "SELECT device, hlc FROM heads WHERE record_id = ?", (record_id,)
                ).fetchall()
            )
            change, body = self._register_change(
                w, DELETED_FIELD, deleted, kind="delete", watermark=seen
            )
            self._apply_local(w, [(change, body)])
            self._audit.append(action, record_id)

    @_serialized
    def resolve_conflict(self, record_id: str, field_name: str, keep_version: str | None) -> None:
        """Settle a field changed on two machines: keep ``keep_version`` (None: the winner)."""
        with self._atomic():
            w = self._require_working(record_id)
            losers = [
                v
                for (v,) in self.conn.execute(
                    "SELECT version FROM conflicts WHERE record_id = ? AND field = ?",
                    (record_id, field_name),
                ).fetchall()
            ]
            if keep_version is None or keep_version == w.winners.get(field_name):
                value = w.values.get(field_name)
            else:
                chosen = [lv for lv in self.losing_values(record_id) if lv.version == keep_version]
                if not chosen:
                    raise ValueError("that value is not among the losing values")
                value = chosen[0].value
            change, body = self._register_change(
                w, field_name, value, kind="register", also_seen=losers
            )
            self._apply_local(w, [(change, body)])
            self._audit.append("change", record_id, "resolved")

    @_serialized
    def purge(self, record_id: str, *, spaces: Sequence[str] = ()) -> None:
        """Remove a record's content everywhere (erasure, retention); not undoable.

        With ``spaces``, everything in those spaces goes too, readable here or
        not (the purge is sealed under the key of ``record_id``'s space).
        """
        with self._atomic():
            w = self._require_working(record_id)
            value: Any = {"spaces": sorted(set(spaces))} if spaces else True
            change, body = self._register_change(w, PURGE_FIELD, value, kind="purge")
            self._apply_local(w, [(change, body)])
            self._audit.append("purge", record_id, f"{len(spaces)} spaces" if spaces else "")

    def _is_purged(self, record_id: str, space: str | None = None) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM purged WHERE record_id = ? OR record_id = ?",
            (record_id, f"space:{space}" if space else ""),
        ).fetchone()
        return row is not None

    def _require_working(self, record_id: str) -> _Working:
        row = self.conn.execute(
            "SELECT type, space FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise KeyError(record_id)
        return self._load_working(record_id, row[0], row[1])

    def _register_change(
        self,
        w: _Working,
        name: str,
        value: Any,
        *,
        kind: str,
        also_seen: Iterable[str] = (),
        watermark: dict[str, str] | None = None,
    ) -> tuple[Change, dict[str, Any]]:
        """A register write over what this device has seen of the field.

        ``also_seen`` adds versions the user settled (losing values), and
        ``watermark`` is the per-device HLC a delete had seen of the record.
        """
        current = w.winners.get(name)
        if current is not None:
            stamp = self._clock.tick_after(Hlc.decode(split_version(current)[0]))
        else:
            stamp = self._clock.tick()
        bases = sorted({*([current] if current else []), *also_seen})
        body: dict[str, Any] = {"v": value, "b": bases}
        if watermark is not None:
            body["s"] = watermark
        return self._local_change(w, name, kind, stamp, body), body

    def _text_change(
        self, w: _Working, name: str, text: str
    ) -> tuple[Change, dict[str, Any]] | None:
        doc = w.docs.get(name) or self._load_doc(w, name)
        w.docs[name] = doc
        update = doc.edit_to(text)
        if update is None:
            return None
        seen = dict(
            self.conn.execute(
                "SELECT device, max(hlc) FROM changes WHERE record_id = ? AND field = ?"
                " AND kind = 'text' GROUP BY device",
                (w.record_id, name),
            ).fetchall()
        )
        body: dict[str, Any] = {"u": update, "s": seen}
        return self._local_change(w, name, "text", self._clock.tick(), body), body

    def foreign_register_change(
        self,
        *,
        record_id: str,
        record_type: str,
        space: str,
        field_name: str,
        value: Any,
        device: str,
        hlc: str,
        kind: str = "register",
        watermark: dict[str, str] | None = None,
    ) -> Change:
        """A register version as another device wrote it, sealed for ``apply_changes``.

        For importing an export that carries losing values: applied as a received
        change, it is never pushed.
        """
        kv = self.keys.current_version(space)
        body: dict[str, Any] = {"v": value, "b": []}
        if watermark is not None:
            body["s"] = watermark
        draft = Change(
            str(uuid.uuid4()),
            device,
            hlc,
            record_id,
            record_type,
            space,
            field_name,
            kind,  # type: ignore[arg-type]
            kv,
            b"",
        )
        payload = self._cipher(space, kv).seal(_msgpack_encode(body), self._change_aad(draft))
        return Change(**{**_change_dict(draft), "payload": payload})

    def _local_change(
        self, w: _Working, name: str, kind: str, stamp: Hlc, body: dict[str, Any]
    ) -> Change:
        kv = self.keys.current_version(w.space)
        draft = Change(
            str(uuid.uuid4()),
            self.device,
            stamp.encode(),
            w.record_id,
            w.type,
            w.space,
            name,
            kind,  # type: ignore[arg-type]
            kv,
            b"",
        )
        payload = self._cipher(w.space, kv).seal(_msgpack_encode(body), self._change_aad(draft))
        return Change(**{**_change_dict(draft), "payload": payload})

    def _apply_local(self, w: _Working, changes: list[tuple[Change, dict[str, Any]]]) -> None:
        self._insert_change_rows([self._change_row(ch, body, local=True) for ch, body in changes])
        for ch, body in changes:
            w.items.append(_Item(ch, body))
        self._merge(w)
        self._set_meta("hlc_last", self._clock.last.encode())

    # ------------------------------------------------------------ sync side

    @_serialized
    def outbox(self, limit: int = 500) -> list[Change]:
        """Local changes not yet acknowledged by the server, oldest first."""
        rows = self.conn.execute(
            "SELECT change_id, device, hlc, record_id, type, space, field, kind, key_version,"
            " payload FROM changes WHERE local = 1 AND pushed = 0 ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [Change(*row) for row in rows if row[9] is not None]

    @_serialized
    def outbox_size(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM changes WHERE local = 1 AND pushed = 0"
        ).fetchone()
        return int(row[0])

    @_serialized
    def mark_pushed(self, change_ids: Iterable[str]) -> None:
        with self._atomic():
            self.conn.executemany(
                "UPDATE changes SET pushed = 1 WHERE change_id = ?", [(c,) for c in change_ids]
            )

    @_serialized
    def mark_all_unpushed(self) -> int:
        """Offer every local change again (a new or replaced server)."""
        with self._atomic():
            cur = self.conn.execute(
                "UPDATE changes SET pushed = 0 WHERE local = 1 AND payload IS NOT NULL"
            )
        return cur.rowcount

    @_serialized
    def cursor(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM cursors WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    @_serialized
    def all_changes(self) -> list[Change]:
        """Every change this replica holds with content (for tests and full resync)."""
        rows = self.conn.execute(
            "SELECT change_id, device, hlc, record_id, type, space, field, kind, key_version,"
            " payload FROM changes WHERE payload IS NOT NULL ORDER BY seq"
        ).fetchall()
        return [Change(*row) for row in rows]

    @_serialized
    def apply_changes(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> ApplyResult:
        """Merge changes from another replica, atomically with the caller's cursor.

        Idempotent (a change id seen before is skipped) and independent of
        order. A change that fails authentication is quarantined, not applied;
        one for a space without a key here is kept until a key arrives.
        """
        result = ApplyResult()
        with self._atomic():
            working: dict[str, _Working] = {}
            batch = self._batch_context(changes)
            for ch in changes:
                self._accept_remote(ch, working, result, batch)
            self._insert_change_rows(batch.rows)
            for w in working.values():
                self._merge(w)
                result.records.add(w.record_id)
                result.types.add(w.type)
            if cursor is not None:
                self.conn.execute(
                    "INSERT INTO cursors (name, value) VALUES (?, ?)"
                    " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    cursor,
                )
            self._set_meta("hlc_last", self._clock.last.encode())
        return result

    def _batch_context(self, changes: Sequence[Change]) -> _Batch:
        """What a batch needs to know up front, in a few queries instead of several per change."""
        batch = _Batch()
        ids = list({ch.change_id for ch in changes})
        anchors = list({ch.record_id for ch in changes} | {f"space:{ch.space}" for ch in changes})
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            batch.known.update(
                r
                for (r,) in self.conn.execute(
                    f"SELECT change_id FROM changes WHERE change_id IN ({marks})", chunk
                )
            )
        for chunk in _chunks(anchors, 500):
            marks = ",".join("?" * len(chunk))
            batch.purged.update(
                r
                for (r,) in self.conn.execute(
                    f"SELECT record_id FROM purged WHERE record_id IN ({marks})", chunk
                )
            )
        return batch

    def _accept_remote(
        self, ch: Change, working: dict[str, _Working], result: ApplyResult, batch: _Batch
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
        if not self._clock.observe(stamp):
            result.far_future.append(ch.change_id)
        if ch.record_id in batch.purged or f"space:{ch.space}" in batch.purged:
            batch.rows.append(self._change_row(ch, None, local=False))
            result.dropped_purged += 1
            return
        try:
            body = self._open_change(ch)
        except KeyUnavailable:
            batch.rows.append(self._change_row(ch, None, local=False, applied=False))
            result.pending_key += 1
            return
        except IntegrityFailure:
            self._quarantine(ch, "integrity", result)
            return
        w = working.get(ch.record_id)
        if w is None:
            w = self._load_working(ch.record_id, ch.record_type, ch.space)
            working[ch.record_id] = w
        if w.type != ch.record_type or w.space != ch.space:
            self._quarantine(ch, "record type or space mismatch", result)
            return
        batch.rows.append(self._change_row(ch, body, local=False))
        w.items.append(_Item(ch, body))
        result.applied += 1

    def _open_change(self, ch: Change) -> dict[str, Any]:
        plain = self._cipher(ch.space, ch.key_version).open(ch.payload, self._change_aad(ch))
        try:
            body = _msgpack_decode(plain)
        except msgspec.DecodeError:
            raise IntegrityFailure(ch.record_id, ch.field) from None
        if not isinstance(body, dict):
            raise IntegrityFailure(ch.record_id, ch.field)
        return body

    def _quarantine(self, ch: Change, reason: str, result: ApplyResult) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO quarantine (change_id, record_id, reason, received)"
            " VALUES (?, ?, ?, ?)",
            (ch.change_id, ch.record_id, reason, _now_iso()),
        )
        result.quarantined.append(ch.change_id)

    @staticmethod
    def _change_row(
        ch: Change, body: dict[str, Any] | None, *, local: bool, applied: bool = True
    ) -> tuple[Any, ...]:
        bases = ""
        if body is not None:
            meta: dict[str, Any] = {}
            if "b" in body:
                meta["b"] = body["b"]
            if "s" in body:
                meta["s"] = body["s"]
            bases = _json_encode(meta).decode()
        payload = ch.payload if (body is not None or not applied) else None
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
        )

    def _insert_change_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.executemany(
                "INSERT INTO changes (change_id, device, hlc, record_id, type, space, field,"
                " kind, key_version, payload, bases, local, pushed, applied)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                rows,
            )

    @_serialized
    def retry_pending(self) -> ApplyResult:
        """Apply changes that arrived before this device held their space key."""
        rows = self.conn.execute(
            "SELECT change_id, device, hlc, record_id, type, space, field, kind, key_version,"
            " payload FROM changes WHERE applied = 0 ORDER BY seq"
        ).fetchall()
        readable = set(self.keys.spaces())
        ready = [Change(*r) for r in rows if r[5] in readable]
        if not ready:
            return ApplyResult()
        with self._atomic():
            self.conn.executemany(
                "DELETE FROM changes WHERE change_id = ?", [(c.change_id,) for c in ready]
            )
        return self.apply_changes(ready)

    # ------------------------------------------------------------------ merge

    def _load_working(self, record_id: str, rtype: str, space: str) -> _Working:
        row = self.conn.execute(
            "SELECT rid, type, space, version, key_version, sealed_by, content, versions"
            " FROM records WHERE id = ?",
            (record_id,),
        ).fetchone()
        if row is None:
            return _Working(record_id, rtype, space, False, None, "", {}, {})
        rid, rtype, space, version, kv, by, blob, versions = row
        content = self._open_content(record_id, rtype, space, version, kv, by, blob)
        winners = _json_decode(versions) if versions else content.get("v", {})
        conflicted = {
            f
            for (f,) in self.conn.execute(
                "SELECT DISTINCT field FROM conflicts WHERE record_id = ?", (record_id,)
            )
        }
        return _Working(
            record_id,
            rtype,
            space,
            True,
            rid,
            version,
            {**content.get("f", {}), **content.get("i", {})},
            dict(winners),
            conflicted=conflicted,
        )

    def _load_doc(self, w: _Working, name: str) -> TextDoc:
        row = self.conn.execute(
            "SELECT key_version, sealed_by, seal_version, state FROM texts"
            " WHERE record_id = ? AND field = ?",
            (w.record_id, name),
        ).fetchone()
        if row is None:
            return TextDoc.load(None)
        kv, by, seal_version, state = row
        aad = Aad(w.space, w.type, w.record_id, f"crdt:{name}", seal_version, kv, by)
        return TextDoc.load(self._cipher(w.space, kv).open(state, aad))

    def _merge(self, w: _Working) -> None:
        items, w.items = w.items, []
        if not items:
            return
        if any(it.change.kind == "purge" for it in items):
            self._purge_local(w, items)
            return
        by_field: dict[str, list[_Item]] = {}
        text_items: dict[str, list[_Item]] = {}
        for it in items:
            target = text_items if it.change.kind == "text" else by_field
            target.setdefault(it.change.field, []).append(it)
        new_values = {
            it.change.version: it.body.get("v") for it in items if it.change.kind != "text"
        }
        for name in sorted(by_field):
            if not self._fast_register(w, name, by_field[name]):
                self._merge_register(w, name, new_values)
        for name, its in text_items.items():
            self._merge_text(w, name, its)
        heads: dict[str, str] = {}
        for it in items:
            ch = it.change
            if ch.kind != "delete" and ch.hlc > heads.get(ch.device, ""):
                heads[ch.device] = ch.hlc
            if ch.version > w.version:
                w.version = ch.version
        self.conn.executemany(
            "INSERT INTO heads (record_id, device, hlc) VALUES (?, ?, ?)"
            " ON CONFLICT (record_id, device) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
            [(w.record_id, device, hlc) for device, hlc in heads.items()],
        )
        self._write_record(w)

    def _fast_register(self, w: _Working, name: str, items: list[_Item]) -> bool:
        """The common case without touching the version history: one new version
        that is the field's first, or that was written over the current winner
        of a field with no losing values. Its losing values stay empty."""
        if len(items) != 1 or name in w.conflicted:
            return False
        it = items[0]
        current = w.winners.get(name)
        version = it.change.version
        if current is not None and not (version > current and current in it.body.get("b", ())):
            return False
        w.values[name] = it.body.get("v")
        w.winners[name] = version
        return True

    def _merge_register(self, w: _Working, name: str, new_values: dict[str, Any]) -> None:
        rows = self.conn.execute(
            "SELECT hlc, device, bases FROM changes WHERE record_id = ? AND field = ?"
            " AND kind IN ('register', 'delete') AND applied = 1 AND payload IS NOT NULL",
            (w.record_id, name),
        ).fetchall()
        parents: dict[str, list[str]] = {}
        for hlc, device, bases in rows:
            meta = _json_decode(bases) if bases else {}
            parents[version_of(hlc, device)] = list(meta.get("b", []))
        winner = max(parents)
        if winner != w.winners.get(name):
            if winner in new_values:
                w.values[name] = new_values[winner]
            else:  # a winner not in this batch: read it back (rare: a resync)
                w.values[name] = self._value_of(w.record_id, name, winner)
            w.winners[name] = winner
        ancestors: set[str] = set()
        stack = list(parents[winner])
        while stack:
            v = stack.pop()
            if v in ancestors:
                continue
            ancestors.add(v)
            stack.extend(parents.get(v, ()))
        losers = sorted(v for v in parents if v != winner and v not in ancestors)
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
        return self._open_change(ch).get("v")

    def _merge_text(self, w: _Working, name: str, items: list[_Item]) -> None:
        doc = w.docs.get(name)
        if doc is None:
            doc = self._load_doc(w, name)
            for it in items:
                try:
                    doc.apply(it.body["u"])
                except (BadTextUpdate, KeyError, TypeError):
                    raise IntegrityFailure(w.record_id, name) from None
        w.values[name] = doc.text
        kv = self.keys.current_version(w.space)
        seal_version = max(it.change.version for it in items)
        aad = Aad(w.space, w.type, w.record_id, f"crdt:{name}", seal_version, kv, self.device)
        state = self._cipher(w.space, kv).seal(doc.state(), aad)
        self.conn.execute(
            "INSERT INTO texts (record_id, field, key_version, sealed_by, seal_version, state)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id, field) DO UPDATE SET"
            " key_version = excluded.key_version, sealed_by = excluded.sealed_by,"
            " seal_version = excluded.seal_version, state = excluded.state",
            (w.record_id, name, kv, self.device, seal_version, state),
        )
        w.docs.pop(name, None)

    def _deleted_state(self, w: _Working) -> tuple[bool, bool]:
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
        for head_device, head_hlc in self.conn.execute(
            "SELECT device, hlc FROM heads WHERE record_id = ?", (w.record_id,)
        ):
            if head_hlc > seen.get(head_device, ""):
                return False, True
        return True, False

    def _write_record(self, w: _Working) -> None:
        deleted, resurrected = self._deleted_state(w)
        flags = (FLAG_CONFLICT if w.conflicted else 0) | (FLAG_RESURRECTED if resurrected else 0)
        kv = self.keys.current_version(w.space)
        user = {k: v for k, v in w.values.items() if _is_user_field(k)}
        internal = {k: v for k, v in w.values.items() if not _is_user_field(k)}
        blob = self._cipher(w.space, kv).seal(
            _msgpack_encode({"f": user, "i": internal}), self._content_aad(w, kv, self.device)
        )
        parent = w.values.get(PARENT_FIELD)
        versions = _json_encode(w.winners).decode()
        if w.exists:
            self.conn.execute(
                "UPDATE records SET parent = ?, deleted = ?, flags = ?, version = ?,"
                " key_version = ?, sealed_by = ?, content = ?, versions = ? WHERE rid = ?",
                (parent, int(deleted), flags, w.version, kv, self.device, blob, versions, w.rid),
            )
        else:
            cur = self.conn.execute(
                "INSERT INTO records (id, type, space, parent, deleted, flags, version,"
                " key_version, sealed_by, content, versions)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
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
                    versions,
                ),
            )
            w.rid = cur.lastrowid
            w.exists = True
        assert w.rid is not None
        body = None if deleted else search.body_of(user.values())
        search.index_record(self.conn, w.rid, body)

    def _purge_local(self, w: _Working, items: list[_Item]) -> None:
        purges = [it for it in items if it.change.kind == "purge"]
        version = max(it.change.version for it in purges)
        spaces = sorted(
            {
                sp
                for it in purges
                if isinstance(it.body.get("v"), dict)
                for sp in it.body["v"].get("spaces", [])
                if isinstance(sp, str)
            }
        )
        ids = [w.record_id]
        for sp in spaces:
            ids += [
                r for (r,) in self.conn.execute("SELECT id FROM records WHERE space = ?", (sp,))
            ]
        for record_id in ids:
            row = self.conn.execute("SELECT rid FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is not None:
                search.index_record(self.conn, row[0], None)
            for table in ("records", "texts", "heads", "conflicts"):
                column = "id" if table == "records" else "record_id"
                self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (record_id,))
            self.conn.execute(
                "UPDATE changes SET payload = NULL, bases = '' WHERE record_id = ?"
                " AND kind != 'purge'",
                (record_id,),
            )
            self.conn.execute(
                "INSERT OR IGNORE INTO purged (record_id, version) VALUES (?, ?)",
                (record_id, version),
            )
        for sp in spaces:
            # Pending changes never materialised (no key here) go as well.
            self.conn.execute(
                "UPDATE changes SET payload = NULL, bases = '', applied = 1 WHERE space = ?"
                " AND kind != 'purge'",
                (sp,),
            )
            self.conn.execute(
                "INSERT OR IGNORE INTO purged (record_id, version) VALUES (?, ?)",
                (f"space:{sp}", version),
            )
        # Keys of erased spaces are forgotten: crypto-shredding for anything
        # that might survive elsewhere (an old backup, say).
        self._forget_after_commit.update(spaces)

    # ----------------------------------------------------------- inspection

    @_serialized
    def canonical_state(self) -> bytes:
        """Every readable record's merged state, canonically encoded.

        Replicas that have merged the same changes return identical bytes.
        """
        out: list[dict[str, Any]] = []
        for rec in self.query(include_deleted=True):
            losing = [[lv.field, lv.version, lv.value] for lv in self.losing_values(rec.id)]
            out.append(
                {
                    "id": rec.id,
                    "type": rec.type,
                    "space": rec.space,
                    "parent": rec.parent,
                    "deleted": rec.deleted,
                    "flags": rec.flags,
                    "fields": rec.fields,
                    "losing": losing,
                }
            )
        out.sort(key=lambda r: r["id"])
        purged = [r for (r,) in self.conn.execute("SELECT record_id FROM purged ORDER BY 1")]
        # Key holdings differ by role; what counts is that the content is gone.
        return json.dumps(
            {"records": out, "purged": purged}, sort_keys=True, ensure_ascii=False
        ).encode()

    @_serialized
    def state_hash(self) -> str:
        return hashlib.sha256(self.canonical_state()).hexdigest()


def _change_dict(ch: Change) -> dict[str, Any]:
    return {name: getattr(ch, name) for name in Change.__slots__}


__all__ = [
    "FLAG_CONFLICT",
    "FLAG_RESURRECTED",
    "ApplyResult",
    "LosingValue",
    "Record",
    "RecordStore",
    "StorageError",
]
