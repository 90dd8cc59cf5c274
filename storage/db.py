"""The encrypted SQLite file: SQLCipher through sqlcipher3, shimmed for sqlite-utils.

sqlcipher3 raises its own exception classes (``sqlcipher3.OperationalError``
and friends), which are not subclasses of sqlite3's. sqlite-utils catches
``sqlite3.OperationalError`` in several places (table detection, view drops,
``strict`` support), so with a bare sqlcipher3 connection those paths crash.
:class:`CipherConnection` wraps the connection once and re-raises every
driver error as the sqlite3 class of the same name, so the rest of the code
(and sqlite-utils) only ever deals with sqlite3's classes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Final, TypeVar, cast

import sqlcipher3
import sqlite_utils

from storage.errors import DatabaseUnreadable, DiskFull
from storage.secmem import raw_key_spec, wipe

_T = TypeVar("_T")

# sqlcipher3 class -> sqlite3 class of the same name.
_ERROR_MAP: dict[type[BaseException], type[sqlite3.Error]] = {
    sqlcipher3.NotSupportedError: sqlite3.NotSupportedError,
    sqlcipher3.IntegrityError: sqlite3.IntegrityError,
    sqlcipher3.OperationalError: sqlite3.OperationalError,
    sqlcipher3.ProgrammingError: sqlite3.ProgrammingError,
    sqlcipher3.DataError: sqlite3.DataError,
    sqlcipher3.InternalError: sqlite3.InternalError,
    sqlcipher3.InterfaceError: sqlite3.InterfaceError,
    sqlcipher3.DatabaseError: sqlite3.DatabaseError,
    sqlcipher3.Error: sqlite3.Error,
}


def translate_error(exc: BaseException) -> BaseException:
    """Return the sqlite3 equivalent of a sqlcipher3 error (or ``exc`` unchanged)."""
    for cls in type(exc).__mro__:
        target = _ERROR_MAP.get(cls)
        if target is not None:
            new = target(*exc.args)
            for attr in ("sqlite_errorcode", "sqlite_errorname"):
                if hasattr(exc, attr):
                    setattr(new, attr, getattr(exc, attr))
            return new
    return exc


def _call(fn: Callable[..., _T], *args: Any) -> _T:
    try:
        return fn(*args)
    except sqlcipher3.Error as exc:
        raise translate_error(exc) from exc


class CipherCursor:
    """A sqlcipher3 cursor whose errors arrive as sqlite3 errors."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> CipherCursor:
        _call(self._cursor.execute, sql, parameters)
        return self

    def executemany(self, sql: str, seq: Iterable[Any]) -> CipherCursor:
        _call(self._cursor.executemany, sql, seq)
        return self

    def fetchone(self) -> Any:
        return _call(self._cursor.fetchone)

    def fetchmany(self, size: int = 1) -> list[Any]:
        return cast(list[Any], _call(self._cursor.fetchmany, size))

    def fetchall(self) -> list[Any]:
        return cast(list[Any], _call(self._cursor.fetchall))

    def close(self) -> None:
        _call(self._cursor.close)

    def __iter__(self) -> Iterator[Any]:
        it = iter(self._cursor)
        while True:
            try:
                row = next(it)
            except StopIteration:
                return
            except sqlcipher3.Error as exc:
                raise translate_error(exc) from exc
            yield row

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def lastrowid(self) -> int | None:
        return cast("int | None", self._cursor.lastrowid)


class CipherConnection:
    """A sqlcipher3 connection presenting sqlite3's exception classes (for sqlite-utils)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    @property
    def raw(self) -> Any:
        return self._raw

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> CipherCursor:
        return CipherCursor(_call(self._raw.execute, sql, parameters))

    def executemany(self, sql: str, seq: Iterable[Any]) -> CipherCursor:
        return CipherCursor(_call(self._raw.executemany, sql, seq))

    def executescript(self, script: str) -> CipherCursor:
        return CipherCursor(_call(self._raw.executescript, script))

    def cursor(self) -> CipherCursor:
        return CipherCursor(_call(self._raw.cursor))

    def commit(self) -> None:
        _call(self._raw.commit)

    def rollback(self) -> None:
        _call(self._raw.rollback)

    def close(self) -> None:
        _call(self._raw.close)

    def create_function(self, *args: Any, **kwargs: Any) -> None:
        try:
            self._raw.create_function(*args, **kwargs)
        except sqlcipher3.Error as exc:
            raise translate_error(exc) from exc

    def iterdump(self) -> Iterator[str]:
        return cast(Iterator[str], self._raw.iterdump())

    def backup(self, target: CipherConnection, **kwargs: Any) -> None:
        _call(lambda: self._raw.backup(target._raw, **kwargs))

    def enable_load_extension(self, enabled: bool) -> None:
        raise sqlite3.NotSupportedError("extensions are disabled in the encrypted store")

    @property
    def in_transaction(self) -> bool:
        return bool(self._raw.in_transaction)

    @property
    def isolation_level(self) -> str | None:
        return cast("str | None", self._raw.isolation_level)

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._raw.isolation_level = value

    @property
    def row_factory(self) -> Any:
        return self._raw.row_factory

    @row_factory.setter
    def row_factory(self, value: Any) -> None:
        self._raw.row_factory = value

    def __enter__(self) -> CipherConnection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()


def _apply_key(raw: Any, key: bytes) -> None:
    # sqlite3_key() through set_key, with SQLCipher's raw-key form x'<hex>' in a
    # buffer wiped right after: no SQL text holds the key (PRAGMA key would
    # leave a hex str for the allocator and the statement cache), no KDF runs
    # (the key is random, never a passphrase), and nothing can log it.
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    spec = raw_key_spec(key)
    try:
        raw.set_key(spec)
    finally:
        wipe(spec)


# Every page read from disk is decrypted and authenticated by SQLCipher; a larger
# cache (64 MiB; negative: KiB) keeps hot pages decrypted between queries.
CACHE_SIZE_PRAGMA: Final = -65536

# Checkpoint every 64 MiB of WAL rather than SQLite's 4 MiB: a sync page of 1,000
# changes writes more than 4 MiB, so the default ran a checkpoint (with its fsync
# and a rewrite of every touched page) after every page; pages touched by several
# commits are now copied back once.
WAL_AUTOCHECKPOINT_PAGES: Final = 16384
WAL_SIZE_LIMIT_BYTES: Final = 64 * 1024 * 1024


# "Lagret" must mean on disk: FULL syncs the WAL at every commit, so a save
# survives a power cut (NORMAL only syncs at checkpoints, and a power cut can
# take the last commits with it). Measured in bench/engine_bench.py (figure d,
# 5,000 records, 2 shared cores): a put 1.99 ms median against 1.64 ms with
# NORMAL (p95 3.6 against 2.2 ms); a 1,000-change sync batch showed no steady
# difference over four runs (one sync against 100-200 ms of work), so sync
# batches use it too rather than switching settings per call.
SYNCHRONOUS: Final = "FULL"

# SQLCipher's cipher_memory_security (zero and mlock every allocation SQLite
# makes) stays off: it is process-wide, and with it on the engine bench (5,000
# records) searched 6.4x slower (1.54 ms against 0.24 ms; an index query alone
# 5x), applied 10,000 sync changes in 1.93 s against 1.15 s (missing its
# target) and put in 3.3 ms against 2.0 ms. What it would guard is covered more
# cheaply: the key reaches SQLCipher only through sqlite3_key from a buffer we
# wipe (_apply_key), and SQLCipher wipes its own key material when a
# connection closes (tests/storage/test_memory.py).
MEMORY_SECURITY: Final = "OFF"


def connect(path: Path, key: bytes, *, setup: bool = True) -> CipherConnection:
    """Open (or create) the encrypted database file at ``path`` with a raw 32-byte key.

    Raises :class:`DatabaseUnreadable` when the file is not a database this key
    opens (garbage, truncated, another key); the file is left untouched.
    ``setup=False`` only reads (used to check a backup without changing it).
    """
    raw = sqlcipher3.connect(str(path), check_same_thread=False)
    try:
        _quiet_cipher_log(raw)
        _apply_key(raw, key)
        raw.execute(f"PRAGMA cipher_memory_security = {MEMORY_SECURITY}")
        # Temp tables and sort spills stay in memory: never a plaintext temp file.
        raw.execute("PRAGMA temp_store = MEMORY")
        # SQLCipher's build default today; said here so that a driver built otherwise
        # still overwrites deleted rows instead of leaving them in free pages.
        raw.execute("PRAGMA secure_delete = ON")
        raw.execute(f"PRAGMA cache_size = {CACHE_SIZE_PRAGMA}")
        # Touch the schema: this is where a wrong key or garbage shows up.
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # A cut-off file: the header's page count promises more pages than the
        # file holds. O(1), unlike PRAGMA quick_check, which reads every page
        # (30 s on a 100k-record profile). `feltjournal verify` does the full check.
        if setup and _truncated(raw, path):
            raise sqlcipher3.DatabaseError("file is truncated")
        if setup:
            raw.execute("PRAGMA journal_mode = WAL")
            raw.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
            raw.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
            # Once a checkpoint lets the log start over, cut a file grown by a long
            # pull back to this size.
            raw.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
        # Explicit transactions only (BEGIN from sqlite-utils' atomic()).
        raw.isolation_level = None
    except sqlcipher3.Error as exc:
        raw.close()
        if _is_not_a_db(exc):
            raise DatabaseUnreadable(str(path), _problem_at_open(exc)) from None
        raise translate_error(exc) from exc
    return CipherConnection(raw)


def _problem_at_open(exc: BaseException) -> str:
    text = str(exc).lower()
    if "truncated" in text:
        return "truncated"
    # Our key opened page 1 (the schema), so the file is ours, and damaged further on.
    return "malformed" if "malformed" in text else "foreign"


def _quiet_cipher_log(raw: Any) -> None:
    # SQLCipher writes its own lines to stderr on a failed page ("hmac check failed
    # for pgno=87"); the store turns that failure into one sentence for the user,
    # and the command line must print nothing else.
    raw.execute("PRAGMA cipher_log_level = NONE")


def _truncated(raw: Any, path: Path) -> bool:
    if str(path) == ":memory:" or not path.exists():
        return False
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False  # the newest pages may live in the WAL
    pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    size = int(raw.execute("PRAGMA page_size").fetchone()[0])
    return path.stat().st_size < pages * size


def _is_not_a_db(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        s in text for s in ("not a database", "malformed", "truncated", "disk image", "file is not")
    )


def open_database(path: Path, key: bytes) -> sqlite_utils.Database:
    """An sqlite-utils Database over the encrypted file (no tracer, ever)."""
    conn = connect(path, key)
    return sqlite_utils.Database(cast(sqlite3.Connection, conn), execute_plugins=False)


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLite's "database or disk is full" failure."""
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def raise_known(exc: BaseException) -> None:
    """Re-raise a driver error as a known storage error when it is one."""
    if is_disk_full(exc):
        raise DiskFull() from exc
