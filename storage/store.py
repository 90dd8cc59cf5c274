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
  later changes for the record are dropped; it may name whole spaces. A purge
  received from another replica is judged first by the app's
  :data:`PurgeCheck` (:meth:`RecordStore.set_purge_check`): refused ones are
  quarantined, those that cannot be checked yet held until
  :meth:`retry_pending`. This device's own purges are signed with its Ed25519
  key and apply at once (storage.purge).

The materialised state is a function of the *set* of changes known, so merges
are idempotent and independent of delivery order. The rules themselves (which
version wins, what loses, the delete watermark, what a purge erases) are pure
functions in :mod:`sync.merge`; this module reads their inputs and writes
their outcome.

:class:`RecordStore` is the façade; its collaborators, each with one concern:
storage.envelopes (associated data, sealing and opening, the purge
signature), storage.unit_of_work (transactions; the merge's bulk writes),
storage.changelog (the change log's rows, outbox and cursors),
storage.merging (the merge engine), storage.apply (a batch of received
changes), storage.purge, storage.restamp (re-stamping and re-sealing unpushed
changes) and storage.text_history (kept texts). They get the connection and
keys through getters, so a locked store stays locked for them too; the store
holds the lock and runs the transactions around them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeVar

import msgspec
import sqlite_utils

from storage import search
from storage.anchor import (
    AnchorFile,
    Rollback,
    database_mark,
)
from storage.anchor import adopt as anchor_adopt
from storage.anchor import check as anchor_check
from storage.apply import Applier, ApplyResult
from storage.audit import AuditEntry, AuditLog, ChainReport
from storage.changelog import ChangeLog, change_row, insert_change_rows
from storage.checkpoint import WalCheckpointer
from storage.crypto import EnvelopeCipher, encode_aad
from storage.db import CipherConnection
from storage.dbfile import integrity_problem, problem_of
from storage.envelopes import (
    CONTENT_FIELD,
    Envelopes,
    msgpack_decode,
    purge_signature,
    text_state_aad,
)
from storage.errors import (
    DatabaseDamaged,
    DiskFull,
    IntegrityFailure,
    KeyUnavailable,
    Locked,
    StorageError,
)
from storage.gc_pause import gc_paused
from storage.ids import new_id
from storage.keys import SpaceKeys
from storage.merging import (
    FLAG_CONFLICT,
    FLAG_RESURRECTED,
    Item,
    Merger,
    Working,
    is_user_field,
    user_fields,
)
from storage.purge import (
    AuthorCheck,
    MoveCheck,
    PurgeCheck,
    PurgeClaim,
    Purges,
    PurgeVerdict,
    forget_record,
)
from storage.restamp import Remap, Restamp, Restamper
from storage.text_history import FLAG_TEXT_MERGED, TextHistory, TextVersion
from storage.unit_of_work import UnitOfWork, WriteQueue
from sync import merge
from sync.changes import (
    DELETED_FIELD,
    PARENT_FIELD,
    PURGE_FIELD,
    Change,
    join_spaces,
    split_version,
    version_of,
)
from sync.hlc import MAX_COUNTER, MAX_WALL_MS, RESTAMP_MARGIN_MS, Hlc, HybridClock

log = logging.getLogger(__name__)

_REGISTER_KINDS: Final = ("register", "delete")

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

    @property
    def text_merged(self) -> bool:
        """A text field merged an edit made elsewhere at the same time (review it)."""
        return bool(self.flags & FLAG_TEXT_MERGED)


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


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """A record with local changes no server has acknowledged
    (:meth:`RecordStore.outbox_records`)."""

    record_id: str
    type: str
    space: str
    unsent: int  # its local changes not acknowledged yet
    newest: str  # the newest stamp among its changes
    record: Record | None  # its state as this device reads it (None: erased here)


@dataclass(frozen=True, slots=True)
class RecordMove:
    """One record written again, as a new local write, in another space
    (:meth:`RecordStore.move_records`)."""

    record_id: str  # the record as it is now: its rows and changes go
    new_id: str  # the record written (the same id, or another)
    record_type: str
    space: str
    parent: str | None
    values: Mapping[str, Any]
    texts: Mapping[str, str]
    deleted: bool
    newest: str  # the newest stamp of the record as it is now (see move_records)


#: What :meth:`RecordStore.move_records` did with each move.
MOVED: Final = "moved"  # written as a new record
NEWER: Final = "newer"  # a record of that id was older there: written over it
OLDER: Final = "older"  # a record of that id was newer there: kept as it is
GONE: Final = "gone"  # deleted, and no record of that id there: nothing to write


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
            try:
                return method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                damage = self._note_damage(exc)
                if damage is None:
                    raise
                raise damage from exc
            except DiskFull as exc:
                raise self._mark_damaged("full") from exc

    return wrapper  # type: ignore[return-value]


def _write(method: _F) -> _F:
    """A write the store's guard may refuse before it takes the lock
    (:meth:`RecordStore.guard_writes`)."""

    @functools.wraps(method)
    def wrapper(self: RecordStore, *args: Any, **kwargs: Any) -> Any:
        guard = self._write_guard
        if guard is not None:
            guard()
        return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


_MISSING: Final[Any] = object()


_set_record_slots = tuple(
    getattr(Record, name).__set__
    for name in ("id", "type", "space", "parent", "fields", "deleted", "flags", "error")
)


def _record(
    record_id: str,
    rtype: str,
    space: str,
    parent: str | None,
    fields: dict[str, Any],
    deleted: bool,
    flags: int,
    error: str | None,
) -> Record:
    """A Record without the frozen dataclass's __init__ (half the cost on bulk reads)."""
    rec: Record = object.__new__(Record)
    s_id, s_type, s_space, s_parent, s_fields, s_deleted, s_flags, s_error = _set_record_slots
    s_id(rec, record_id)
    s_type(rec, rtype)
    s_space(rec, space)
    s_parent(rec, parent)
    s_fields(rec, fields)
    s_deleted(rec, deleted)
    s_flags(rec, flags)
    s_error(rec, error)
    return rec


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
        checkpointer: WalCheckpointer | None = None,
        on_damage: Callable[[str], DatabaseDamaged] | None = None,
        anchor: AnchorFile | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._write_guard: Callable[[], None] | None = None
        # Set once the file fails under us (see _note_damage); no write follows.
        self._damaged: DatabaseDamaged | None = None
        self._on_damage = on_damage
        self._anchor = anchor
        self._checkpointer = checkpointer
        if checkpointer is not None:
            checkpointer.attach(conn)
        self._conn: CipherConnection | None = conn
        self._db_key = db_key
        self._on_lock = on_lock
        self._device_secrets = device_secrets
        self._db = sqlite_utils.Database(conn, execute_plugins=False)  # type: ignore[arg-type]
        self._work = UnitOfWork(
            db=self._db,
            conn=lambda: self.conn,
            damaged=lambda: self._damaged,
            keys=keys,
            anchor=anchor,
            checkpointer=lambda: self._checkpointer,
        )
        self._keys = keys
        self._env = Envelopes(lambda: self.keys)
        self._history = TextHistory(conn=lambda: self.conn, envelopes=self._env, device=device)
        self.device = device
        self.actor = actor
        self.role = role
        self._audit = AuditLog(
            conn, key=audit_key, device=device, actor=actor, on_append=self._work.audited
        )
        # The row and search-index writes of the records merged by one call.
        self._writes = WriteQueue(lambda: self.conn)
        self._purges = Purges(lambda: self.conn)
        self._log = ChangeLog(lambda: self.conn)
        last = self._meta("hlc_last")
        self._clock = clock or HybridClock(last=Hlc.decode(last) if last else None)
        if clock is not None and last:
            clock.observe(Hlc.decode(last))
        self._restamper = Restamper(
            conn=lambda: self.conn,
            keys=lambda: self.keys,
            envelopes=self._env,
            clock=self._clock,
            device=device,
            sign=self._purge_signature,
        )
        self._merger = Merger(
            conn=lambda: self.conn,
            keys=lambda: self.keys,
            envelopes=self._env,
            history=self._history,
            writes=self._writes,
            purges=self._purges,
            work=self._work,
            device=device,
        )
        self._applier = Applier(
            conn=lambda: self.conn,
            envelopes=self._env,
            clock=self._clock,
            purges=self._purges,
            log=self._log,
            audit=self._audit,
            merger=self._merger,
        )

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
    def merger(self) -> Merger:
        """The merge engine; its ``before_write`` hook is a fault seam for tests
        (storage.merging)."""
        return self._merger

    @property
    def locked(self) -> bool:
        return self._conn is None

    @property
    def damaged(self) -> DatabaseDamaged | None:
        """The failure that made this store stop writing to its file, or None."""
        return self._damaged

    def _note_damage(self, exc: BaseException) -> DatabaseDamaged | None:
        """The typed failure for a driver error that means the file is damaged, else None.

        From then on nothing is written to the file: a write to a damaged file
        can only make it worse, and every write would fail again the same way.
        """
        if self._damaged is not None:
            return self._damaged
        problem = problem_of(exc)
        return None if problem is None else self._mark_damaged(problem)

    def _mark_damaged(self, problem: str) -> DatabaseDamaged:
        self._damaged = (
            self._on_damage(problem)
            if self._on_damage is not None
            else DatabaseDamaged("journal.db", problem)
        )
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        return self._damaged

    @_serialized
    def check_database(self) -> None:
        """Read every page and run SQLite's integrity check; raises DatabaseDamaged."""
        problem = integrity_problem(self.conn)
        if problem is not None:
            raise self._mark_damaged(problem)

    @_serialized
    def rollback_check(self) -> Rollback | None:
        """Whether this database reaches the save anchor kept outside it (None: it does)."""
        if self._anchor is None:
            return None
        return anchor_check(self.conn, self._anchor)

    @_serialized
    def saves(self) -> int:
        """User saves committed to this database, ever (the anchor's counter)."""
        mark = database_mark(self.conn)
        return mark.saves if mark is not None else 0

    @_serialized
    def accept_rollback(self, found: Rollback) -> None:
        """Continue with the database as it is: audit the loss and re-anchor to it."""
        if self._anchor is None:
            return
        with self._atomic():
            self._audit.append("rollback_accepted", None, f"{found.kind}: {found.missing} saves")
        anchor_adopt(self.conn, self._anchor)

    @_serialized
    def lock(self, *, audit: bool = True) -> None:
        """Drop keys and the database connection; every later call raises Locked.

        Over a damaged file nothing is written (no audit entry, no optimize) and
        the keys are dropped all the same; ``audit=False`` writes nothing first
        either (a database refused at unlock).
        """
        if self._conn is None:
            return
        healthy = self._damaged is None
        try:
            if healthy and audit:
                with self._atomic():
                    self._audit.append("lock")
        except BaseException:
            healthy = False
            raise
        finally:
            self._keys.close()
            if healthy and audit:
                with contextlib.suppress(sqlite3.Error):
                    # Keeps the planner's statistics fresh (cheap; see SQLite docs).
                    self._conn.execute("PRAGMA optimize")
            if self._checkpointer is not None:
                # First, so that this is the last connection: closing it copies
                # the WAL back and removes it.
                self._checkpointer.close()
                self._checkpointer = None
            try:
                self._conn.close()
            except sqlite3.Error:
                if healthy:
                    raise
            self._conn = None
            self._db_key = None
            self._device_secrets = None
            self._audit.forget_key()
            if self._anchor is not None:
                self._anchor.close()
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

    def guard_writes(self, guard: Callable[[], None] | None) -> None:
        """Call ``guard`` before every write of records, spaces, settings and applied
        changes (not audit lines); it raises to refuse the write. None: no guard.

        The window's writes belong on the journal's executor, never on the GUI thread;
        tests install a guard that fails a write made there (tests/support/gui_writes.py).
        """
        self._write_guard = guard

    def _atomic(self) -> contextlib.AbstractContextManager[None]:
        return self._work.atomic()

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

    @_write
    @_serialized
    def set_setting(self, key: str, value: str) -> None:
        with self._atomic():
            self._set_meta(f"setting:{key}", value)

    # ----------------------------------------------------------------- reads

    def _row_to_record(self, row: Sequence[Any]) -> Record:
        return self._rows_to_records([row], readable=None)[0]

    def _rows_to_records(
        self, rows: Iterable[Sequence[Any]], *, readable: set[str] | None
    ) -> list[Record]:
        """Decrypt rows of ``_SELECT``; with ``readable``, rows of other spaces are left out.

        The bulk read path (query() of every record): one cipher lookup per
        space and key version, the associated data encoded without an Aad
        object, and records built without the frozen dataclass's __init__.
        """
        out: list[Record] = []
        append = out.append
        ciphers: dict[tuple[str, int], EnvelopeCipher | None] = {}
        keys = self.keys
        decode = msgpack_decode
        for _rid, record_id, rtype, space, parent, deleted, flags, version, kv, by, blob in rows:
            if readable is not None and space not in readable:
                continue
            cipher = ciphers.get((space, kv), _MISSING)
            if cipher is _MISSING:
                try:
                    cipher = keys.cipher(space, kv)
                except KeyUnavailable:
                    cipher = None
                ciphers[(space, kv)] = cipher
            if cipher is None:
                append(_record(record_id, rtype, space, parent, {}, bool(deleted), flags, "key"))
                continue
            try:
                plain = cipher.open_encoded(
                    blob,
                    encode_aad(space, rtype, record_id, CONTENT_FIELD, version, kv, by),
                    record_id,
                    CONTENT_FIELD,
                )
                content = decode(plain)
                # Internal fields are kept apart ("i"): no filtering on the read path.
                values = content["f"] if "i" in content else user_fields(content)
            except (IntegrityFailure, msgspec.DecodeError, TypeError, KeyError, AttributeError):
                append(
                    _record(record_id, rtype, space, parent, {}, bool(deleted), flags, "integrity")
                )
                continue
            if type(values) is not dict:
                append(
                    _record(record_id, rtype, space, parent, {}, bool(deleted), flags, "integrity")
                )
                continue
            append(_record(record_id, rtype, space, parent, values, bool(deleted), flags, None))
        return out

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
        readable = set(self.keys.spaces()) if readable_only else None
        cur = self.conn.execute(sql, params)
        out: list[Record] = []
        with gc_paused():
            # Chunks, not one row per next(): the wrapper's per-row error
            # translation was a tenth of reading every record.
            while chunk := cur.fetchmany(512):
                out += self._rows_to_records(chunk, readable=readable)
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
        return self._rows_to_records([rows[rid] for rid in rids if rid in rows], readable=None)

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
            body = self._env.open_change(ch)
            out.append(LosingValue(record_id, field_name, body.get("v"), device, hlc, version))
        return out

    @_serialized
    def text_versions(self, record_id: str, field_name: str | None = None) -> list[TextVersion]:
        """This device's own texts kept when a concurrent edit was merged in, newest first.

        A record with any has ``Record.text_merged`` set. Each is the field's text
        on this device just before a merge of an edit made elsewhere without
        seeing this device's edits (both edits survive in the merged text).
        """
        return self._history.versions(record_id, field_name)

    @_write
    @_serialized
    def restore_text_version(self, record_id: str, version_id: int) -> None:
        """Make a kept text the field's text again and clear the field's review flag.

        The restore is an ordinary local edit (it syncs like any other); the
        other wording stays in the CRDT history, not in the text.
        """
        with self._atomic():
            chosen = [v for v in self.text_versions(record_id) if v.id == version_id]
            if not chosen:
                raise ValueError("no such kept text for that record")
            version = chosen[0]
            self._history.drop(record_id, version.field)
            row = self.conn.execute(
                "SELECT type, space FROM records WHERE id = ?", (record_id,)
            ).fetchone()
            self.put(
                record_id, record_type=row[0], space=row[1], texts={version.field: version.text}
            )
            self._audit.append("change", record_id, "kept text restored")

    @_write
    @_serialized
    def dismiss_text_conflict(self, record_id: str, field_name: str) -> None:
        """Accept the merged text of a field as it is: its kept texts go, its flag clears."""
        with self._atomic():
            if (
                self.conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone()
                is None
            ):
                raise KeyError(record_id)
            self._history.drop(record_id, field_name)
            self._audit.append("change", record_id, "merged text accepted")

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
        """Decrypt every readable record, text state, unfolded text update and kept
        text; return the failures."""
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
                self._env.cipher(space, kv).open(
                    state, text_state_aad(space, rtype, record_id, fname, seal_version, kv, by)
                )
            except IntegrityFailure:
                bad.append(IntegrityFailure(record_id, fname))
        # Text updates not yet folded into a CRDT state: their only copy here.
        for row in self.conn.execute(
            "SELECT change_id, device, hlc, record_id, type, space, field, kind, key_version,"
            " payload FROM changes WHERE kind = 'text' AND folded = 0 AND applied = 1"
            " AND payload IS NOT NULL"
        ).fetchall():
            if row[5] not in readable:
                continue
            try:
                self._env.open_change(Change(*row))
            except IntegrityFailure:
                bad.append(IntegrityFailure(row[3], row[6]))
        for record_id in self._history.records_in(_json_encode(sorted(readable)).decode()):
            try:
                self._history.versions(record_id)
            except IntegrityFailure as exc:
                bad.append(exc)
        return bad

    # ---------------------------------------------------------------- writes

    @_write
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
            if not is_user_field(name):
                raise ValueError(f"field names may not start with '_': {name!r}")
        with self._atomic():
            if record_id is None:
                record_id = new_id()
            w = self._merger.load_working(record_id, record_type, space)
            if not w.exists and self._purges.is_purged(record_id, space):
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

    @_write
    @_serialized
    def create_space(self, space: str) -> None:
        """Make a key for a new space (e.g. a new participant's work space)."""
        self.keys.ensure(space)

    @_write
    @_serialized
    def delete(self, record_id: str) -> None:
        """Delete (tombstone) a record; an edit made elsewhere meanwhile brings it back."""
        self._set_deleted(record_id, True, action="delete")

    @_write
    @_serialized
    def restore(self, record_id: str) -> None:
        """Undo a delete, or accept a record that came back after a concurrent edit."""
        self._set_deleted(record_id, False, action="restore")

    def _set_deleted(self, record_id: str, deleted: bool, *, action: str) -> None:
        with self._atomic():
            w = self._require_working(record_id)
            seen = dict(w.heads)
            change, body = self._register_change(
                w, DELETED_FIELD, deleted, kind="delete", watermark=seen
            )
            self._apply_local(w, [(change, body)])
            self._audit.append(action, record_id)

    @_write
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

    @_write
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

    def set_purge_check(self, check: PurgeCheck | None) -> None:
        """Who judges purges received from other replicas; None applies every one.

        A replica that receives changes from other devices must have one: without
        it a purge erases whatever spaces its sealed body names.
        """
        self._purges.check = check

    def set_author_check(self, check: AuthorCheck | None, types: Iterable[str]) -> None:
        """Who judges received changes of ``types`` by their author (record types only
        some roles may write); None applies every one. Refused ones are quarantined,
        those that cannot be judged yet held until :meth:`retry_pending` (as received
        purges are)."""
        self._purges.author_check = check
        self._purges.author_types = frozenset(types) if check is not None else frozenset()

    def set_move_check(self, check: MoveCheck | None) -> None:
        """Who allows a record held here in one space to move to another when changes for
        it arrive in that one (:data:`storage.purge.MoveCheck`); None: never (they are
        quarantined). The record held here is forgotten and built again from what arrives,
        and only when none of its changes written here is still unsent."""
        self._purges.move_check = check

    @_serialized
    def held_purges(self) -> int:
        """Received purges readable here but held, unapplied, until they can be checked."""
        return self._purges.held(set(self.keys.spaces()))

    @_serialized
    def space_erased(self, space: str) -> bool:
        """Whether a purge erased ``space`` here: its key must not be taken back."""
        return self._purges.space_erased(space)

    def _require_working(self, record_id: str) -> Working:
        row = self.conn.execute(
            "SELECT type, space FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise KeyError(record_id)
        return self._merger.load_working(record_id, row[0], row[1])

    def _register_change(
        self,
        w: Working,
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
        if kind != "purge":
            body["c"] = self._write_summary(w, name, bases, stamp.encode())
        if watermark is not None:
            body["s"] = watermark
        return self._local_change(w, name, kind, stamp, body), body

    def _write_summary(
        self, w: Working, name: str, bases: list[str], stamp: str
    ) -> dict[str, list[Any]]:
        """The causal summary of a new write over ``bases`` (see sync.merge.Summary)."""
        parents, summaries = self._merger.field_history(w.record_id, name) if w.exists else ({}, {})
        return merge.write_summary(
            device=self.device, stamp=stamp, bases=bases, parents=parents, summaries=summaries
        )

    def _text_change(
        self, w: Working, name: str, text: str
    ) -> tuple[Change, dict[str, Any]] | None:
        doc = w.docs.get(name)
        if doc is None:
            unfolded: list[str] = []
            doc = self._merger.load_doc(w, name, unfolded)
            w.docs[name] = doc
            w.unfolded[name] = unfolded
        old = doc.text
        made = doc.edit(text)
        if made is None:
            return None
        update, delta = made
        seen = dict(
            self.conn.execute(
                "SELECT device, max(hlc) FROM changes WHERE record_id = ? AND field = ?"
                " AND kind = 'text' GROUP BY device",
                (w.record_id, name),
            ).fetchall()
        )
        body: dict[str, Any] = {"u": update, "s": seen}
        if old:  # from an empty text the delta would only repeat the update's text
            body["h"] = self._merger.text_digest(w, name)
            body["t"] = merge.text_hash(old)
            body["d"] = delta
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
        change, it is never pushed. Never a purge: an imported file names no
        device whose purge could be checked.
        """
        if kind == "purge" or field_name == PURGE_FIELD:
            raise ValueError("an imported change cannot be a purge")
        kv = self.keys.current_version(space)
        body: dict[str, Any] = {"v": value, "b": []}
        if watermark is not None:
            body["s"] = watermark
        draft = Change(
            new_id(),
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
        payload = self._env.seal_change(draft, body)
        return Change(**{**_change_dict(draft), "payload": payload})

    def _local_change(
        self, w: Working, name: str, kind: str, stamp: Hlc, body: dict[str, Any]
    ) -> Change:
        kv = self.keys.current_version(w.space)
        draft = Change(
            new_id(),
            self.device,
            stamp.encode(),
            w.record_id,
            w.type,
            w.space,
            name,
            kind,  # type: ignore[arg-type]
            kv,
            b"",
            join_spaces(merge.sealed_spaces(body) or ()) if kind == "purge" else "",
        )
        if kind == "purge":
            body["g"] = self._purge_signature(draft)
        payload = self._env.seal_change(draft, body)
        return Change(**{**_change_dict(draft), "payload": payload})

    def _purge_signature(self, ch: Change) -> bytes:
        secrets = self._device_secrets
        return purge_signature(ch, None if secrets is None else secrets.ed25519_private)

    def _apply_local(self, w: Working, changes: list[tuple[Change, dict[str, Any]]]) -> None:
        insert_change_rows(
            self.conn,
            [change_row(ch, body, local=True) for ch, body in changes if ch.kind != "text"],
        )
        for ch, body in changes:
            w.items.append(Item(ch, body, local=True))
        self._merger.merge_all([w])
        self._set_meta("hlc_last", self._clock.last.encode())

    # ------------------------------------------------------------ sync side

    @_serialized
    def outbox(self, limit: int = 500) -> list[Change]:
        """Local changes not yet acknowledged by the server, oldest first."""
        return self._log.outbox(limit)

    @_serialized
    def reseal_outbox(self) -> int:
        """Seal again under its space's newest key version every local change not yet
        pushed that a retired version sealed; returns how many.

        After a key rotation (a device that held the space was revoked) nothing
        that leaves this device may be sealed with a version the revoked device
        held: edits made offline before the new version arrived get it here,
        before they are pushed. The plaintext bytes stay as they are; only the key
        version (part of the associated data) and the envelope change. A change
        that does not open is left exactly as it is.
        """
        with self._atomic():
            return self._restamper.reseal_outbox()

    @_serialized
    def outbox_size(self) -> int:
        return self._log.outbox_size()

    @_serialized
    def outbox_spaces(self) -> dict[str, int]:
        """Space -> how many of its local changes the server has not acknowledged yet."""
        return self._log.outbox_spaces()

    @_serialized
    def mark_pushed(self, change_ids: Iterable[str]) -> None:
        with self._atomic():
            self._log.mark_pushed(change_ids)

    @_serialized
    def mark_all_unpushed(self) -> int:
        """Offer every local change again (a new or replaced server)."""
        with self._atomic():
            return self._log.mark_all_unpushed()

    @_serialized
    def outbox_records(self, spaces: Iterable[str]) -> list[OutboxRecord]:
        """The records of ``spaces`` with local changes not acknowledged yet, in the
        order of their first such change."""
        wanted = sorted(set(spaces))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        out: list[OutboxRecord] = []
        for record_id, rtype, space, unsent in self.conn.execute(
            "SELECT record_id, type, space, count(*) FROM changes WHERE local = 1"
            f" AND pushed = 0 AND space IN ({marks}) GROUP BY record_id ORDER BY min(seq)",
            wanted,
        ).fetchall():
            newest = self.conn.execute(
                "SELECT max(hlc) FROM changes WHERE record_id = ?", (record_id,)
            ).fetchone()[0]
            row = self.conn.execute(self._SELECT + " WHERE id = ?", (record_id,)).fetchone()
            record = None if row is None else self._row_to_record(row)
            out.append(OutboxRecord(record_id, rtype, space, unsent, newest, record))
        return out

    @_write
    @_serialized
    def move_records(self, moves: Sequence[RecordMove], *, forget: Sequence[str] = ()) -> list[str]:
        """Write records again in other spaces and forget them where they were; returns
        what became of each move (:data:`MOVED`, :data:`NEWER`, :data:`OLDER`, :data:`GONE`).

        For changes no server will ever take (a space of a team this device has left):
        each record's rows and every change of it go, pushed or not, and its content is
        written as new local changes under the new space's key, pushed like any other
        write. A record already there under ``new_id`` is not overwritten silently: the
        move's fields are written over it only when the move's ``newest`` stamp is later
        than every change of it (:data:`NEWER`), else it stays as it is (:data:`OLDER`).
        ``forget``: more records whose rows and changes go without being written again.
        All in one transaction: all moved, or nothing changed.
        """
        with self._atomic():
            for record_id in (*(m.record_id for m in moves), *forget):
                forget_record(self.conn, record_id)
            outcomes: list[str] = []
            for m in moves:
                row = self.conn.execute(
                    "SELECT space, deleted FROM records WHERE id = ?", (m.new_id,)
                ).fetchone()
                if row is None:
                    outcome = GONE if m.deleted else MOVED
                else:
                    newest = self.conn.execute(
                        "SELECT max(hlc) FROM changes WHERE record_id = ?", (m.new_id,)
                    ).fetchone()[0]
                    outcome = NEWER if (newest or "") < m.newest else OLDER
                if outcome in (MOVED, NEWER):
                    self.put(
                        m.new_id,
                        record_type=m.record_type,
                        space=m.space,
                        parent=m.parent,
                        values=m.values,
                        texts=m.texts,
                    )
                if outcome == NEWER and bool(row[1]) != m.deleted:
                    self._set_deleted(
                        m.new_id, m.deleted, action="delete" if m.deleted else "restore"
                    )
                outcomes.append(outcome)
            for m in moves:
                self._audit.append("change", m.record_id, f"moved to {m.new_id}")
            for record_id in forget:
                self._audit.append("change", record_id, "unsent changes dropped")
        return outcomes

    @_serialized
    def restamp_future(self, now_ms: int, *, margin_ms: int = RESTAMP_MARGIN_MS) -> int:
        """Stamp again this device's never-pushed changes stamped while its clock ran ahead.

        A laptop whose clock was set days ahead stamped its changes days ahead; the
        server refuses them, and since the HLC never goes back everything written
        after the clock was put right is stamped ahead too. Once the wall clock is
        right again (``now_ms``, which the caller checked against the server's
        time), every local change not yet pushed whose stamp is more than
        ``margin_ms`` ahead of ``now_ms`` gets a fresh stamp, in the order of the old
        stamps, from the clock set back to the newest stamp another replica may
        have seen (or ``now_ms``, if later). No server can have accepted such a
        change (see sync.hlc.RESTAMP_MARGIN_MS), so nobody has seen it and rewriting
        it loses nothing; a pushed change is never re-stamped.

        In one transaction: each payload is sealed again under its new associated
        data; references to the old versions are rewritten (register bases, text
        seen-vectors and set digests, delete watermarks, the records' winners,
        losing values, kept texts, the text state's seal, purges); the records are
        merged again and the clock persisted. A change id stays (the server never
        stored it). A change that fails authentication, or any change of a record
        whose content cannot be opened, is left exactly as it is. Returns how many
        changes got a new stamp.
        """
        threshold = Hlc(min(now_ms + margin_ms, MAX_WALL_MS), MAX_COUNTER).encode()
        before: Hlc | None = None
        try:
            with self._atomic():
                rows = self.conn.execute(
                    "SELECT seq, change_id, hlc, record_id, type, space, field, kind,"
                    " key_version, payload, purge_spaces FROM changes WHERE local = 1"
                    " AND pushed = 0"
                    " AND device = ? AND hlc > ? ORDER BY hlc, seq",
                    (self.device, threshold),
                ).fetchall()
                works: dict[str, Working] = {}
                broken: set[str] = set()
                todo: list[Restamp] = []
                for row in rows:
                    seq, change_id, hlc, record_id, rtype, space, name, kind, kv, payload, named = (
                        row
                    )
                    if record_id in broken:
                        continue
                    if record_id not in works and self._has_record(record_id):
                        try:
                            works[record_id] = self._merger.load_working(record_id, rtype, space)
                        except (IntegrityFailure, KeyUnavailable):
                            broken.add(record_id)
                            continue
                    ch = Change(
                        change_id,
                        self.device,
                        hlc,
                        record_id,
                        rtype,
                        space,
                        name,
                        kind,
                        kv,
                        payload,
                        named,
                    )
                    body: dict[str, Any] | None = None
                    if payload is not None:
                        try:
                            body = self._env.open_change(ch)
                        except (IntegrityFailure, KeyUnavailable):
                            continue  # altered (or unreadable): left as it is
                    todo.append(Restamp(seq, ch, body))
                if not todo:
                    return 0
                newest = self.conn.execute(
                    "SELECT max(hlc) FROM changes WHERE hlc <= ?", (threshold,)
                ).fetchone()[0]
                floor = Hlc(now_ms, 0)
                if newest:
                    floor = max(floor, Hlc.decode(newest))
                before = self._clock.rewind(floor)
                self._restamp(todo, works, threshold)
                self._set_meta("hlc_last", self._clock.last.encode())
            return len(todo)
        except BaseException:
            if before is not None:  # nothing was written: the clock goes back as well
                self._clock.rewind(before)
            raise

    def _has_record(self, record_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone()
        return row is not None

    def _restamp(self, todo: list[Restamp], works: dict[str, Working], threshold: str) -> None:
        remap = self._restamper.restamp(todo, threshold)
        try:
            for record_id, w in works.items():
                self._restamp_record(w, [r for r in todo if r.change.record_id == record_id], remap)
            self._writes.flush()
        finally:
            self._writes.drop()

    def _restamp_record(self, w: Working, mine: list[Restamp], remap: Remap) -> None:
        """Merge a record again after some of its changes were re-stamped."""
        versions = remap.versions
        w.winners = {name: versions.get(v, v) for name, v in w.winners.items()}
        heads = self.conn.execute(
            "SELECT max(hlc) FROM changes WHERE record_id = ? AND device = ?"
            " AND kind != 'delete' AND applied = 1",
            (w.record_id, self.device),
        ).fetchone()[0]
        if heads:
            w.heads[self.device] = heads
        w.version = max(
            (
                version_of(h, d)
                for h, d in self.conn.execute(
                    "SELECT hlc, device FROM changes WHERE record_id = ? AND applied = 1",
                    (w.record_id,),
                )
            ),
            default=w.version,
        )
        for r in mine:
            name = r.change.field
            if r.change.kind == "text" and name in w.digests:
                w.digests[name] = merge.digest_step(
                    merge.digest_step(w.digests[name], r.change.version), versions[r.change.version]
                )
        for name in sorted({r.change.field for r in mine if r.change.kind in _REGISTER_KINDS}):
            self._merger.merge_register(w, name, {})
        self._restamper.reseal_texts(w.record_id, w.space, w.type, remap)
        self._merger.write_record(w)

    @_serialized
    def cursor(self, name: str) -> str | None:
        return self._log.cursor(name)

    @_serialized
    def all_changes(self) -> list[Change]:
        """Every change this replica holds with content (for tests and full resync).

        Remote text changes are left out once merged into their field's CRDT
        state (which holds them); their authors and the server keep them.
        """
        return self._log.all_changes()

    @_write
    @_serialized
    def apply_changes(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> ApplyResult:
        """Merge changes from another replica, atomically with the caller's cursor.

        Idempotent (a change id seen before is skipped) and independent of
        order. A change that fails authentication is quarantined, not applied;
        one for a space without a key here is kept until a key arrives.
        """
        with self._atomic():
            result = self._applier.apply(changes, cursor=cursor)
            self._set_meta("hlc_last", self._clock.last.encode())
        return result

    @_serialized
    def retry_pending(self) -> ApplyResult:
        """Apply changes that arrived before this device held their space key."""
        pending = self._log.unapplied()
        readable = set(self.keys.spaces())
        ready = [ch for ch in pending if ch.space in readable]
        if not ready:
            return ApplyResult()
        # One transaction: if applying fails (a full disk, a power cut) the changes
        # are still waiting; removed in a transaction of their own they would be lost,
        # the cursor being long past them.
        with self._atomic():
            self._log.remove(ready)
            return self.apply_changes(ready)

    @_serialized
    def waiting_for_key(self) -> dict[str, int]:
        """Per space: how many records hold changes that wait for a key this device
        lacks (kept unapplied until :meth:`retry_pending` can open them)."""
        return self._log.waiting_for_key()

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
                    "flags": rec.flags & ~FLAG_TEXT_MERGED,  # a local review aid
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
    "FLAG_TEXT_MERGED",
    "GONE",
    "MOVED",
    "NEWER",
    "OLDER",
    "ApplyResult",
    "LosingValue",
    "OutboxRecord",
    "PurgeCheck",
    "PurgeClaim",
    "PurgeVerdict",
    "Record",
    "RecordMove",
    "RecordStore",
    "StorageError",
    "TextVersion",
]
