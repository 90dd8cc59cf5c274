"""Append-only, hash-chained audit log: who did what to which record, ids only.

Each entry's hash is an HMAC over the previous hash and the entry's fields,
keyed by a key derived from the database key, so an edited, inserted or
removed entry breaks the chain, and nobody without the key can re-forge it.
The head (count and last hash) is also kept in ``meta`` so a cut-off tail is
detected too.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.secmem import wipe

ACTIONS: Final = frozenset(
    {
        "create",
        "read",
        "change",
        "delete",
        "restore",
        "purge",
        "export",
        "print",
        "import",
        "unlock",
        "lock",
        "unlock_failed",
        "integrity_failure",
        "key_unavailable",
        "backup",
        "restore_backup",
        "passphrase_changed",
        "rollback_accepted",
    }
)

GENESIS: Final = "0" * 64


def audit_key(db_key: bytes) -> bytes:
    """The chain's HMAC key, derived from (never equal to) the database key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"feltjournal audit v1"
    ).derive(db_key)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit line; never holds record content."""

    seq: int
    at: str
    device: str
    actor: str
    action: str
    record_id: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """Result of verifying the chain."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""


def _digest(key: bytes, prev: str, e: AuditEntry) -> str:
    parts = [prev, str(e.seq), e.at, e.device, e.actor, e.action, e.record_id or "", e.detail]
    msg = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


class AuditLog:
    """Appends and verifies entries in the ``audit`` table of an open connection."""

    def __init__(
        self,
        conn: Any,
        *,
        key: bytes,
        device: str,
        actor: str,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_append: Callable[[AuditEntry, str], None] | None = None,
    ) -> None:
        self._conn = conn
        self._key = key
        self._on_append = on_append
        self._device = device
        self._actor = actor
        self._now = now

    def append(self, action: str, record_id: str | None = None, detail: str = "") -> AuditEntry:
        """Add one entry; the caller owns the transaction (it joins the write's)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = self._now().astimezone(UTC).isoformat(timespec="milliseconds")
        entry = AuditEntry(seq, at, self._device, self._actor, action, record_id, detail)
        digest = _digest(self._key, prev, entry)
        self._conn.execute(
            "INSERT INTO audit (seq, at, device, actor, action, record_id, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, self._device, self._actor, action, record_id, detail, prev, digest),
        )
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"{seq}:{digest}",),
        )
        if self._on_append is not None:
            self._on_append(entry, digest)
        return entry

    def forget_key(self) -> None:
        """Wipe the chain key (on lock); later appends and verifies fail."""
        key, self._key = self._key, b""
        wipe(key)

    def entries(self, record_id: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT seq, at, device, actor, action, record_id, detail FROM audit"
        params: list[object] = []
        if record_id is not None:
            sql += " WHERE record_id = ?"
            params.append(record_id)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [AuditEntry(*row) for row in self._conn.execute(sql, params).fetchall()]

    def verify(self) -> ChainReport:
        prev = GENESIS
        expected_seq = 1
        count = 0
        for row in self._conn.execute(
            "SELECT seq, at, device, actor, action, record_id, detail, prev_hash, hash"
            " FROM audit ORDER BY seq"
        ):
            entry = AuditEntry(*row[:7])
            if entry.seq != expected_seq:
                return ChainReport(False, count, expected_seq, "an entry is missing")
            if row[7] != prev or not hmac.compare_digest(row[8], _digest(self._key, prev, entry)):
                return ChainReport(False, count, entry.seq, "an entry was altered")
            prev = row[8]
            expected_seq += 1
            count += 1
        head = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if head is None and count:
            return ChainReport(False, count, None, "the chain head is missing")
        if head is not None and head[0] != f"{count}:{prev}":
            return ChainReport(False, count, count + 1, "entries were removed from the end")
        return ChainReport(True, count)
