"""The rollback anchor: the newest save, recorded outside ``journal.db``.

The audit chain proves that what the database holds was not edited, but its
head lives in the same file: a database (or its ``-wal`` log) that lost its
newest commits, from a damaged log frame after a crash or an old copy put
back, still verifies. So every committed user save (a create, change, delete,
restore or purge, i.e. an audited write) also bumps a save counter inside the
database (``meta.last_save``, in the same transaction), and after the commit
the same mark goes to ``anchor.json`` next to it:

    saves       user saves committed to this database, ever
    audit_seq   the audit entry of the newest save, and its chain hash
    at          when that save was made (UTC)

The file is synced to disk after each save (see :class:`AnchorFile` for how,
and what it costs) and carries an HMAC under a key derived from the database
key, so it cannot be edited into agreement without the vault. At unlock and in
``feltjournal verify`` the database must hold at least ``saves`` saves, and the
audit entry at ``audit_seq`` must carry that hash (else it is another history,
not merely an older one). A database ahead of the anchor is fine: a crash
between the commit and the anchor write leaves exactly that.

What this does not cover, by design: sync batches are not anchored (their
cursor lives in the same transaction, so a rolled-back batch is pulled again),
nor are reads (their audit entries are lost with a rollback, which the anchor
cannot count). Rolling back the whole profile folder, anchor included, is not
detected here; only a copy kept elsewhere (the server) can see that. A missing
anchor file is adopted at the next unlock: profiles made before this file
existed have none.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.keystore import atomic_write_private
from storage.secmem import wipe

__all__ = [
    "ANCHOR_FORMAT",
    "SAVE_ACTIONS",
    "AnchorDamaged",
    "AnchorFile",
    "Rollback",
    "SaveMark",
    "adopt",
    "anchor_key",
    "check",
    "database_mark",
    "record_save",
]

ANCHOR_FORMAT: Final = 1
SAVE_ACTIONS: Final = frozenset({"create", "change", "delete", "restore", "purge"})
_META_KEY: Final = "last_save"
_SLOT: Final = 4096  # one page: a slot write is never split across two
_datasync = getattr(os, "fdatasync", os.fsync)


def anchor_key(db_key: bytes) -> bytes:
    """The anchor's HMAC key, derived from (never equal to) the database key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"feltjournal anchor v1"
    ).derive(db_key)


@dataclass(frozen=True, slots=True)
class SaveMark:
    """How many saves a database holds, and which audit entry is the newest of them."""

    saves: int
    audit_seq: int
    audit_hash: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "saves": self.saves,
            "audit_seq": self.audit_seq,
            "audit_hash": self.audit_hash,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, data: object) -> SaveMark:
        if not isinstance(data, dict):
            raise ValueError("not an object")
        saves, seq, digest, at = (data.get(k) for k in ("saves", "audit_seq", "audit_hash", "at"))
        if type(saves) is not int or type(seq) is not int or saves < 0 or seq < 0:
            raise ValueError("bad counters")
        if not isinstance(digest, str) or not isinstance(at, str):
            raise ValueError("bad hash or time")
        return cls(saves, seq, digest, at)

    def saved_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.at)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Rollback:
    """The database does not reach the anchor.

    ``kind``: ``behind`` (``missing`` saves are gone), ``diverged`` (as many saves,
    but another history), ``damaged`` (the anchor file itself cannot be trusted).
    ``database`` is the newest save the database still holds (None: none at all).
    """

    kind: Literal["behind", "diverged", "damaged"]
    missing: int
    database: SaveMark | None
    anchor: SaveMark | None


def database_mark(conn: Any) -> SaveMark | None:
    """The newest save recorded inside the database, or None before the first."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
    if row is None:
        return None
    try:
        return SaveMark.from_json(json.loads(row[0]))
    except ValueError:
        return None


def record_save(conn: Any, audit_seq: int, audit_hash: str, at: str) -> SaveMark:
    """Count one more save inside the caller's transaction; returns the new mark."""
    before = database_mark(conn)
    mark = SaveMark((before.saves if before else 0) + 1, audit_seq, audit_hash, at)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_META_KEY, json.dumps(mark.to_json(), sort_keys=True)),
    )
    return mark


class AnchorDamaged(ValueError):
    """The anchor file is unreadable or its HMAC does not verify."""


class AnchorFile:
    """``anchor.json``: two HMAC'd slots holding a :class:`SaveMark`, one rewritten per save.

    Save N overwrites slot N % 2 in place and syncs the file's data only
    (fdatasync): one flush, no new inode, no rename, no directory sync. Replacing
    the whole file per save (write, fsync, rename, fsync the folder) cost 11 ms
    a save under load here; a slot is about the cost of the WAL sync itself. A
    slot torn by a crash mid-write leaves the other, one save older, which the
    database (committed before the anchor is written) still reaches.
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key: bytes | None = key

    def _mac(self, body: bytes) -> str:
        if self._key is None:
            raise ValueError("the anchor is closed")
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    @staticmethod
    def _body(mark: SaveMark) -> bytes:
        fields = {"format": ANCHOR_FORMAT, **mark.to_json()}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _slot(self, mark: SaveMark) -> bytes:
        body = self._body(mark)
        record = json.dumps({**json.loads(body), "mac": self._mac(body)}).encode("utf-8")
        if len(record) >= _SLOT:
            raise ValueError("anchor record too large")
        return record.ljust(_SLOT - 1, b" ") + b"\n"

    def _open_slot(self, raw: bytes) -> SaveMark | None:
        try:
            data = json.loads(raw)
            mark = SaveMark.from_json(data)
            mac = data.get("mac")
            if data.get("format") != ANCHOR_FORMAT or not isinstance(mac, str):
                return None
        except ValueError:
            return None
        return mark if hmac.compare_digest(mac, self._mac(self._body(mark))) else None

    def read(self) -> SaveMark | None:
        """The newest mark; None if there is no file; AnchorDamaged if no slot verifies."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            raise AnchorDamaged(str(self.path)) from None
        if len(raw) != 2 * _SLOT:
            raise AnchorDamaged(str(self.path))
        marks = [m for m in (self._open_slot(raw[:_SLOT]), self._open_slot(raw[_SLOT:])) if m]
        if not marks:
            raise AnchorDamaged(str(self.path))
        return max(marks, key=lambda m: m.saves)

    def write(self, mark: SaveMark) -> None:
        """Record ``mark`` durably (it must never be older than the committed save)."""
        slot = self._slot(mark)
        try:
            with open(self.path, "r+b") as f:
                if os.fstat(f.fileno()).st_size == 2 * _SLOT:
                    f.seek((mark.saves % 2) * _SLOT)
                    f.write(slot)
                    f.flush()
                    _datasync(f.fileno())
                    return
        except FileNotFoundError:
            pass
        # First write, or a file of the wrong size: a whole new file, both slots.
        self.reset(mark)

    def reset(self, mark: SaveMark) -> None:
        """Replace both slots with ``mark``, even if it is older than what they hold."""
        slot = self._slot(mark)
        atomic_write_private(self.path, slot + slot)

    def close(self) -> None:
        """Forget (and wipe) the key; later reads and writes raise."""
        key, self._key = self._key, None
        wipe(key)


def check(conn: Any, anchor: AnchorFile) -> Rollback | None:
    """Compare the database behind ``conn`` with the anchor; None when it reaches it."""
    db = database_mark(conn)
    try:
        mark = anchor.read()
    except AnchorDamaged:
        return Rollback("damaged", 0, db, None)
    if mark is None:
        # No anchor yet (a profile from before it existed, or just restored from a
        # backup): start one from here.
        adopt(conn, anchor)
        return None
    held = db.saves if db is not None else 0
    if held < mark.saves:
        return Rollback("behind", mark.saves - held, db, mark)
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (mark.audit_seq,)).fetchone()
    if row is None or not hmac.compare_digest(str(row[0]), mark.audit_hash):
        return Rollback("diverged", 0, db, mark)
    return None


def adopt(conn: Any, anchor: AnchorFile) -> None:
    """Make the anchor agree with the database as it is now (after an accepted loss)."""
    mark = database_mark(conn)
    if mark is None:
        with contextlib.suppress(FileNotFoundError):
            anchor.path.unlink()
        return
    anchor.reset(mark)
