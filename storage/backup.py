"""Encrypted local backups through SQLite's online backup API.

A backup is a page copy keyed with the same database key, so it is exactly as
unreadable as the live file. Backups live in ``<profile>/backups`` and only
the newest ``keep`` are kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import CipherConnection, connect
from storage.errors import DatabaseUnreadable

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
) -> Path:
    """Copy the live database to a new encrypted backup; prune to the newest ``keep``."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"journal-{_stamp(now())}.db"
    partial = final.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    target = connect(partial, key)
    try:
        conn.backup(target)
    finally:
        target.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    os.replace(partial, final)
    for old in list_backups(folder)[: max(0, len(list_backups(folder)) - keep)]:
        old.unlink()
    return final


def backup_due(folder: Path, *, every: timedelta, now: datetime) -> bool:
    backups = list_backups(folder)
    return not backups or now - backup_time(backups[-1]) >= every


def check_backup(path: Path, key: bytes) -> None:
    """Raise DatabaseUnreadable unless ``path`` is a sound backup this key opens."""
    conn = connect(path, key, setup=False)
    try:
        conn.execute("SELECT count(*) FROM records").fetchone()
    except Exception:
        raise DatabaseUnreadable(str(path)) from None
    finally:
        conn.close()
