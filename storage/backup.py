"""Encrypted local backups through SQLite's online backup API.

A backup is a page copy keyed with the same database key, so it is exactly as
unreadable as the live file. Backups live in ``<profile>/backups`` and only
the newest ``keep`` are kept.

A copy counts as a backup only once it is fully verified (:func:`verify_copy`:
every page authenticates, SQLite's integrity check passes, every readable record
decrypts, the audit chain holds); until then it is a ``.partial`` file, deleted
when the check fails. So every ``journal-*.db`` is a verified backup, and the
one just written is never rotated out, whatever the clock says.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import CipherConnection, connect
from storage.dbfile import holds_journal, integrity_problem
from storage.errors import DATABASE_PROBLEMS, BackupUnverified, DatabaseUnreadable, StorageError
from storage.keys import SpaceKeys

_NAME = re.compile(r"^journal-(\d{8}T\d{6}\d{3}Z)\.db$")
_STAMP = "%Y%m%dT%H%M%S"


def _stamp(now: datetime) -> str:
    now = now.astimezone(UTC)
    return now.strftime(_STAMP) + f"{now.microsecond // 1000:03d}Z"


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _NAME.match(p.name))


def backup_time(path: Path) -> datetime:
    m = _NAME.match(path.name)
    if m is None:
        raise ValueError(f"not a backup file name: {path.name}")
    stamp = m.group(1)
    return datetime.strptime(stamp[:15], _STAMP).replace(
        microsecond=int(stamp[15:18]) * 1000, tzinfo=UTC
    )


def make_backup(
    conn: CipherConnection,
    folder: Path,
    key: bytes,
    *,
    keep: int = 7,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    verify: Callable[[Path], None] | None = None,
) -> Path:
    """Copy the live database to a new encrypted backup; prune to the newest ``keep``.

    ``verify`` checks the copy before it counts (default: pages and integrity
    only); when it raises, the copy is deleted and no older backup is touched.
    """
    if keep < 1:
        # keep=0 deleted every backup, the one just reported saved included.
        raise ValueError("keep must be at least 1")
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"journal-{_stamp(now())}.db"
    partial = final.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    try:
        target = connect(partial, key)
        try:
            conn.backup(target)
        finally:
            target.close()
        (verify or (lambda path: verify_pages(path, key)))(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    os.replace(partial, final)
    older = [p for p in list_backups(folder) if p != final]
    for old in older[: max(0, len(older) - (keep - 1))]:
        old.unlink()
    return final


def verify_pages(path: Path, key: bytes, *, during: str = "backup") -> None:
    """Raise BackupUnverified unless every page of ``path`` authenticates and SQLite's
    integrity check passes (what can be checked without the space keys)."""
    try:
        conn = connect(path, key, setup=False)
    except DatabaseUnreadable as exc:
        raise BackupUnverified(str(path), DATABASE_PROBLEMS[exc.problem], during=during) from None
    try:
        if not holds_journal(conn):
            raise BackupUnverified(str(path), DATABASE_PROBLEMS["foreign"], during=during)
        problem = integrity_problem(conn)
        if problem is not None:
            raise BackupUnverified(str(path), DATABASE_PROBLEMS[problem], during=during)
    finally:
        conn.close()


def verify_copy(
    path: Path,
    key: bytes,
    *,
    keys: SpaceKeys,
    audit_key: bytes,
    device: str,
    during: str = "backup",
) -> None:
    """The full check of a backup: :func:`verify_pages`, then every readable record,
    text and kept version decrypts and the audit chain holds."""
    from storage.store import RecordStore  # the store imports nothing from here

    verify_pages(path, key, during=during)
    conn = connect(path, key, setup=False)
    try:
        # Read-only use: no lock(), which would write an audit entry and close ``keys``.
        copy = RecordStore(conn, keys=keys, device=device, actor="", audit_key=audit_key)
        bad = copy.verify()
        if bad:
            raise BackupUnverified(
                str(path), f"{len(bad)} poster kunne ikke dekrypteres", during=during
            )
        if not copy.verify_audit().ok:
            raise BackupUnverified(str(path), "tilgangsloggen er brutt", during=during)
    except StorageError as exc:
        if isinstance(exc, BackupUnverified):
            raise
        raise BackupUnverified(str(path), DATABASE_PROBLEMS["malformed"], during=during) from None
    finally:
        conn.close()


def backup_due(folder: Path, *, every: timedelta, now: datetime) -> bool:
    backups = list_backups(folder)
    return not backups or now - backup_time(backups[-1]) >= every
