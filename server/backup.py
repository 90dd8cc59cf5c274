"""Backing up and restoring the server's database (``feltjournal-server admin backup``,
``admin restore``).

SQLite: SQLite's online backup API copies the database while the server runs (a
consistent snapshot, WAL included) to a new file, checked with ``PRAGMA
integrity_check``. PostgreSQL: ``pg_dump --format=custom`` (PostgreSQL's client tools
must be on PATH), checked by ``pg_restore --list``.

A restore goes into an empty database only, then gives it a new instance id and
upgrades it to this release's schema. The new instance id tells every laptop that this
is not the server it synced with: it offers the server everything it wrote again and
pulls from the start (sync.client), so what the backup lacks comes back from the laptops
that hold it, and no laptop pauses as it would for a server gone back in its log.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url

from server import db, migrations
from server.errors import AdminError

INSTANCE_KEY: Final = "instance_id"


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    revision: int | None
    instance_id: str


@dataclass(frozen=True, slots=True)
class RestoreResult:
    source: Path
    instance_id: str
    previous_instance_id: str
    migrations_applied: list[int]


def default_backup_path(data_dir: Path, backend: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    suffix = "db" if backend == "sqlite" else "dump"
    return data_dir / "backups" / f"feltjournal-server-{stamp}.{suffix}"


def backup(engine: Engine, output: Path) -> BackupResult:
    """Write a consistent copy of the database to ``output`` (which must not exist)."""
    if output.exists():
        raise AdminError(f"{output} exists already; choose another file.")
    output.parent.mkdir(parents=True, exist_ok=True)
    with db.read_tx(engine) as conn:
        revision = migrations.current(conn)
        instance_id = db.get_meta(conn, INSTANCE_KEY)
    if engine.dialect.name == "sqlite":
        _sqlite_backup(_sqlite_path(engine.url), output)
    else:
        _pg_dump(engine.url, output)
    return BackupResult(output, output.stat().st_size, revision, instance_id)


def restore(engine: Engine, source: Path) -> RestoreResult:
    """Load the backup ``source`` into the empty database of ``engine``, give it a new
    instance id and upgrade it."""
    if not source.is_file():
        raise AdminError(f"{source}: no such backup file.")
    with engine.connect() as conn:
        found = inspect(conn).get_table_names()
    if found:
        raise AdminError(
            "The database to restore into is not empty; restore into a new database "
            "(a new SQLite file, or CREATE DATABASE on PostgreSQL)."
        )
    if engine.dialect.name == "sqlite":
        engine.dispose()
        _sqlite_restore(source, _sqlite_path(engine.url))
    else:
        _pg_restore(engine.url, source)
    engine.dispose()
    with db.write_tx(engine) as conn:
        try:
            previous = db.get_meta(conn, INSTANCE_KEY)
        except LookupError:
            raise AdminError(f"{source} is not a backup of a Feltjournal server.") from None
        instance_id = str(uuid.uuid4())
        db.set_meta(conn, INSTANCE_KEY, instance_id)
    applied = migrations.migrate(engine)
    return RestoreResult(source, instance_id, previous, applied)


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise AdminError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(url.database)


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    partial = target_path.with_name(target_path.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = target.execute("PRAGMA integrity_check").fetchone()
        if check is None or check[0] != "ok":
            raise AdminError(f"The copy failed SQLite's integrity check: {check}")
    finally:
        target.close()
    with partial.open("rb") as f:
        os.fsync(f.fileno())
    partial.replace(target_path)


def _sqlite_backup(database: Path, output: Path) -> None:
    if not database.is_file():
        raise AdminError(f"{database}: no such database file.")
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        _copy(source, output)
    finally:
        source.close()


def _sqlite_restore(source: Path, database: Path) -> None:
    try:
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        backup_db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        raise AdminError(f"{source} is not an SQLite backup.") from None
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):  # the empty file the check above opened
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        _copy(backup_db, database)
    finally:
        backup_db.close()


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise AdminError(
            f"{name} is not on PATH: install PostgreSQL's client tools "
            "(the same major version as the server or newer)."
        )
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise AdminError(f"{what} failed: {reason}")


def _pg_dump(url: URL, output: Path) -> None:
    target, env = _libpq(url)
    partial = output.with_name(output.name + ".partial")
    _run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", target],
        env,
        "pg_dump",
    )
    _run([_pg_tool("pg_restore"), "--list", str(partial)], env, "Checking the dump")
    partial.replace(output)


def _pg_restore(url: URL, source: Path) -> None:
    target, env = _libpq(url)
    _run([_pg_tool("pg_restore"), "--list", str(source)], env, f"Reading {source}")
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={target}",
            str(source),
        ],
        env,
        "pg_restore",
    )


def backend_of(url: str) -> str:
    return make_url(url).get_backend_name()
