"""Telling a damaged database file from a sound one, and naming what is wrong.

The driver's failures arrive as sqlite3 errors with SQLite's result code name
(``SQLITE_CORRUPT``, ``SQLITE_IOERR_WRITE`` ...); :func:`problem_of` maps the
ones that mean "this file cannot be trusted any more" to a key of
:data:`storage.errors.DATABASE_PROBLEMS`. Anything else (a constraint, a busy
lock, a bug) is not a property of the file and is left alone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

# Result code names (and the texts SQLite gives them, for errors without a name).
_BY_CODE: tuple[tuple[str, str], ...] = (
    ("SQLITE_CORRUPT", "malformed"),
    ("SQLITE_NOTADB", "malformed"),
    ("SQLITE_IOERR", "io"),
    ("SQLITE_CANTOPEN", "io"),
    ("SQLITE_READONLY", "readonly"),
    ("SQLITE_FULL", "full"),
)
_BY_TEXT: tuple[tuple[str, str], ...] = (
    ("malformed", "malformed"),
    ("not a database", "malformed"),
    ("disk i/o error", "io"),
    ("unable to open database", "io"),
    ("readonly database", "readonly"),
    ("database or disk is full", "full"),
)


def problem_of(exc: BaseException) -> str | None:
    """What a driver error says about the database file, or None when it says nothing."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for prefix, problem in _BY_CODE:
        if name.startswith(prefix):
            return problem
    text = str(exc).lower()
    for needle, problem in _BY_TEXT:
        if needle in text:
            return problem
    return None


def shape_problem(path: Path) -> str | None:
    """ "missing" or "empty" for a file no key could open; None when there is something to try.

    SQLite happily opens either as a new, empty database, which is how an empty
    file used to become an empty journal.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    return "empty" if size == 0 else None


def holds_journal(conn: Any) -> bool:
    """True when the opened file has the journal's tables (a fresh or foreign file has not)."""
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('records', 'meta')"
    ).fetchone()
    return int(row[0]) == 2


def integrity_problem(conn: Any) -> str | None:
    """Read every page: SQLCipher's page authentication, then SQLite's own integrity check.

    Returns a problem key, or None when both pass. Slow on a large file (it reads
    everything): for ``verify``, backups and restores, not for unlock.
    """
    try:
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            return "malformed"
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return problem_of(exc) or "malformed"
    return None if [tuple(r) for r in rows] == [("ok",)] else "malformed"
