"""Tables and transactions (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The tables describe the newest schema; server/migrations/ brings a database there.

Ordering guarantee of the change log: every accepted change gets a ``seq`` from
an identity column, and clients pull by ``seq > cursor``. Under concurrent
writers a reader must never see a later seq before an earlier one commits,
or its cursor would skip the earlier one forever. Every write transaction
therefore runs under one lock held until commit: on PostgreSQL a
transaction-level advisory lock (released only after the commit is visible),
on SQLite ``BEGIN IMMEDIATE`` (the database's single writer lock). Seqs are
thus assigned and made visible in the same order.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    false,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from server.settings import SettingsError

log = logging.getLogger(__name__)

# Any 64-bit number unique to this application; pg_advisory_xact_lock takes a bigint.
WRITE_LOCK_KEY: Final = 0x46_4A_53_45_52_56_45_52  # "FJSERVER"
_WRITE_OPTION: Final = "feltjournal_write"
#: Seconds PostgreSQL gets to accept a new connection.
CONNECT_TIMEOUT_S: Final = 5

metadata = MetaData()
_BigId = BigInteger().with_variant(Integer(), "sqlite")

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
    # Revision 0002 (server.directory owns these): protocol.Programme, and a free short region.
    Column("programme", String(16), nullable=False, server_default="IPS"),
    Column("region", String(100), nullable=False, server_default=""),
)

users = Table(
    "users",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(32), nullable=False),  # protocol.ServerRole
    Column("created_ms", BigInteger, nullable=False),
    UniqueConstraint("team_id", "name"),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), ForeignKey("users.id"), nullable=False),
    # SHA-256 of the normalised secret; the secret itself is never stored.
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("used_ms", BigInteger, nullable=True),
    Column("used_by_device", String(64), nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), ForeignKey("users.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # pending, approved, revoked
    Column("x25519_public", LargeBinary, nullable=False),
    Column("ed25519_public", LargeBinary, nullable=False),
    Column("certificate", LargeBinary, nullable=False),
    Column("enrolled_ms", BigInteger, nullable=False),
    Column("approved_ms", BigInteger, nullable=True),
    Column("revoked_ms", BigInteger, nullable=True),
    # Revision 0003: how many times a grant of a space that already held changes made
    # this device's earlier cursors invalid (server.changelog, "Cursors").
    Column("cursor_generation", BigInteger, nullable=False, server_default=text("0")),
)

# Which team a space belongs to: set by whoever made it first (push or grant).
spaces = Table(
    "spaces",
    metadata,
    Column("space", String(300), primary_key=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

memberships = Table(
    "memberships",
    metadata,
    Column("space", String(300), ForeignKey("spaces.space"), primary_key=True),
    Column("device_id", String(64), ForeignKey("devices.id"), primary_key=True),
    Column("via", String(16), nullable=False),  # created, grant
    Column("added_ms", BigInteger, nullable=False),
    # Revision 0003 (replaces the needs_resync flag): granted a space that already had
    # changes, the device's cursors issued before the grant may be past them. Its
    # cursors tagged with an epoch below this are refused (resync_required); 0: none.
    Column("valid_from", BigInteger, nullable=False, server_default=text("0")),
    Index("ix_memberships_device", "device_id"),
    # Every pull reads max(valid_from) of its device: from this index alone.
    Index("ix_memberships_device_valid_from", "device_id", "valid_from"),
)

changes = Table(
    "changes",
    metadata,
    Column("seq", _BigId, Identity(), primary_key=True),
    Column("change_id", String(100), nullable=False, unique=True),
    Column("device_id", String(64), nullable=False),
    Column("hlc", String(32), nullable=False),
    Column("record_id", String(300), nullable=False),
    Column("record_type", String(100), nullable=False),
    Column("space", String(300), nullable=False),
    Column("field", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    # A purge emptied the payload; such rows are kept for retries, never served.
    Column("payload_dropped", Boolean, nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    # A purge's erased spaces in the clear, as checked on push (revision 0006); "" otherwise.
    Column("purge_spaces", Text, nullable=False, server_default=""),
    Index("ix_changes_space_seq", "space", "seq"),
    Index("ix_changes_record_field", "record_id", "field"),
    sqlite_autoincrement=True,  # seqs are never reused, even after compaction
)

# SQLite only (revision 0004): the seqs of the changes a pull may serve, by space, so
# that SQLite picks a page's seqs from this index alone and then reads just those
# rows (server.changelog._pull_query). PostgreSQL plans the pull well from
# ix_changes_space_seq and its statistics, and does not get it.
ix_changes_live = Index(
    "ix_changes_live_space_seq",
    changes.c.space,
    changes.c.seq,
    sqlite_where=changes.c.payload_dropped == false(),
).ddl_if(dialect="sqlite")

grants = Table(
    "grants",
    metadata,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("space", String(300), nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("to_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("from_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    # One grant per granter (revision 0007): a second device granting the same key
    # must not replace the first's, or revoking the second would hide both.
    UniqueConstraint(
        "space", "key_version", "to_device", "from_device", name="uq_grants_space_to_from"
    ),
    Index("ix_grants_to_device", "to_device"),
    sqlite_autoincrement=True,
)

# Revision 0005 (server.rotation owns it): a device that held a space was revoked, so
# the space's key needs version key_version; the first holder to claim it makes it.
key_rotations = Table(
    "key_rotations",
    metadata,
    Column("space", String(300), primary_key=True),
    Column("key_version", Integer, primary_key=True, autoincrement=False),
    Column("team_id", String(64), nullable=False),
    Column("revoked_device", String(64), nullable=False),
    Column("due_ms", BigInteger, nullable=False),
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_ms", BigInteger, nullable=True),
    # Set once claimed and every member device then holds the version: no longer listed.
    Column("closed_ms", BigInteger, nullable=True),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("team_id", String(64), nullable=False),
    Column("source_device", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("at", String(64), nullable=False),
    Column("device", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("record_id", String(300), nullable=True),
    Column("hash", String(128), nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    UniqueConstraint("source_device", "seq"),
    Index("ix_audit_team_id", "team_id", "id"),
    Index("ix_audit_record", "record_id"),
    sqlite_autoincrement=True,
)

# Revision 0008: the request ids of signed requests still inside the signature window
# (server.app.authenticate). Kept in the database, not in memory, so that a request
# replayed to another server process on the same database is refused as well.
request_ids = Table(
    "request_ids",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("request_id", String(64), primary_key=True),
    # After this server time the request's own time stamp is refused (clock_skew).
    Column("expires_ms", BigInteger, nullable=False),
    Index("ix_request_ids_expires", "expires_ms"),
)

# Revision 0009 (PostgreSQL uses them; SQLite's single process keeps both in memory):
# the hits of each rate limit in its sliding window (server.ratelimit), and the
# rows that arrived in a table since its planner statistics were last refreshed
# (PlannerStatistics), so that several server processes on one database share them.
rate_hits = Table(
    "rate_hits",
    metadata,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("bucket", String(32), nullable=False),  # "enrol" (per address) or "device"
    Column("key", String(200), nullable=False),
    Column("at_ms", BigInteger, nullable=False),  # the database's clock
    Index("ix_rate_hits_bucket_key_at", "bucket", "key", "at_ms"),
    Index("ix_rate_hits_at", "at_ms"),
    sqlite_autoincrement=True,
)

planner_counters = Table(
    "planner_counters",
    metadata,
    Column("table_name", String(64), primary_key=True),
    Column("arrived", BigInteger, nullable=False),
    # A tenth of the table's rows at the last refresh (0 before the first).
    Column("tenth", BigInteger, nullable=False, server_default=text("0")),
)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


# --- engines and transactions -------------------------------------------------------------


def open_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for a SQLite file or a PostgreSQL database (psycopg 3)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(
            "The database URL is not a valid URL (sqlite:///FILE or postgresql+psycopg://…)."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            max_overflow=pool_size,
            hide_parameters=True,  # an error's message never carries a row's values
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        # READ COMMITTED whatever the server's default: each statement after the
        # write lock must see everything committed before the lock was granted.
        return create_engine(
            parsed,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=True,
            isolation_level="READ COMMITTED",
            hide_parameters=True,  # an error's message never carries a row's values
            # A database host that does not answer fails the request (503) in seconds.
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    raise SettingsError(
        f"Unsupported database {parsed.get_backend_name()!r}: use sqlite:///FILE or "
        "postgresql+psycopg://…"
    )


def _enter_wal(cur: sqlite3.Cursor, *, patience_s: float = 30.0) -> None:
    """Switch a new file to WAL. The switch takes the file's exclusive lock, and SQLite
    answers "database is locked" at once, without its busy handler, while another
    process starting at the same moment holds it (two servers started together on one
    file): so wait and try again, within the busy timeout's patience."""
    deadline = time.monotonic() + patience_s
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling is off, so BEGIN is ours: IMMEDIATE for
    # writes (take the writer lock up front, no lock-upgrade deadlocks), DEFERRED
    # for reads (WAL readers never block).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        _enter_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One serialised write transaction (see the module docstring); commits on success."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction (one consistent snapshot on SQLite WAL)."""
    with engine.connect() as conn, conn.begin():
        yield conn


# --- planner statistics -------------------------------------------------------------------

#: Per table: refresh PostgreSQL's statistics once this many rows arrived since the last
#: refresh, or a tenth of the table when that is more.
ANALYZE_AFTER: Final = {"changes": 5_000, "memberships": 50}


class PlannerStatistics:
    """Keeps PostgreSQL's planner statistics current for tables that grow in bursts.

    Autovacuum analyzes a table a minute or more after it grew. Until then a change
    log that grew from empty, or a laptop's memberships that grew from none with its
    grants, look empty to the planner, and the pull query reads every change of each
    member space after the cursor and sorts them, for every page: 30-235 ms a page
    instead of 1-3 ms over 100,000 changes (measured here; the plan log showed one
    membership row expected where a hundred were). So the request that takes a table
    past its threshold runs ``ANALYZE`` on it (a sample; tens of ms; it blocks neither
    readers nor writers; concurrent requests never wait for it). SQLite's planner takes
    the same plan for that query with or without statistics: nothing to do there.

    The rows that arrived are counted in the database (``planner_counters``), so every
    server process on it adds to one count and exactly one request, in whichever
    process, crosses the threshold and refreshes.
    """

    _GREW: Final = text(
        "INSERT INTO planner_counters (table_name, arrived) "
        "VALUES (:t, CASE WHEN :n >= :base THEN 0 ELSE :n END) "
        "ON CONFLICT (table_name) DO UPDATE SET arrived = CASE "
        "WHEN planner_counters.arrived + :n >= GREATEST(:base, planner_counters.tenth) "
        "THEN 0 ELSE planner_counters.arrived + :n END "
        "RETURNING arrived"
    )

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._enabled = engine.dialect.name == "postgresql"

    def grew(self, table: str, count: int) -> None:
        """``count`` rows were committed to ``table`` (one of ANALYZE_AFTER's)."""
        if not self._enabled or count <= 0:
            return
        try:
            with self._engine.begin() as conn:
                # One statement under the counter row's lock: only the request whose
                # rows reach the threshold sees the count go back to 0.
                arrived = conn.execute(
                    self._GREW, {"t": table, "n": count, "base": ANALYZE_AFTER[table]}
                ).scalar_one()
            if arrived != 0:
                return
            with self._engine.begin() as conn:
                conn.exec_driver_sql(f"ANALYZE {table}")  # a name from ANALYZE_AFTER
                rows = conn.execute(
                    text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"),
                    {"t": table},
                ).scalar()
                conn.execute(
                    planner_counters.update()
                    .where(planner_counters.c.table_name == table)
                    .values(tenth=max(0, int(rows or 0)) // 10)
                )
        except SQLAlchemyError as exc:
            # What was written is committed; autovacuum gets there later.
            log.warning("ANALYZE %s failed (%s)", table, type(exc).__name__)


def get_meta(conn: Connection, key: str) -> str:
    value: str | None = conn.scalar(select(meta.c.value).where(meta.c.key == key))
    if value is None:
        raise LookupError(f"meta key {key!r} missing: the database was not migrated")
    return value


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(meta.update().where(meta.c.key == key).values(value=value))


#: meta key of the compaction epoch (server.changelog). Databases compacted before
#: epochs existed lack it: their epoch is 1 (any cursor they issued is epoch 0, older).
EPOCH_KEY: Final = "compaction_epoch"


def compaction_epoch(conn: Connection) -> int:
    """How many compactions changed the log (see server.changelog, "Cursors")."""
    value: str | None = conn.scalar(select(meta.c.value).where(meta.c.key == EPOCH_KEY))
    return int(value) if value is not None else int(int(get_meta(conn, "horizon")) > 0)


# --- request ids (replay refusal) ---------------------------------------------------------


class RequestIds:
    """The request ids of signed requests still inside the signature window."""

    #: How often one process deletes the ids whose window has passed.
    PRUNE_EVERY_MS: Final = 1_000

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._insert = _dialect_insert(engine.dialect.name)
        self._lock = threading.Lock()
        self._next_prune = 0

    def claim(self, device_id: str, request_id: str, *, expires_ms: int, now: int) -> bool:
        """Record a signed request's id; False when this device already used it (a replay).

        Its own short transaction, outside the write lock: a pull must not queue behind
        pushes for this. The primary key decides between two processes claiming the same
        id at once. Rows whose window has passed go at most once a second per process
        (a range of the ``expires_ms`` index); a replay after that carries a time stamp
        the server refuses anyway.
        """
        with self._lock:
            prune = now >= self._next_prune
            if prune:
                self._next_prune = now + self.PRUNE_EVERY_MS
        with self._engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                if prune:
                    conn.execute(request_ids.delete().where(request_ids.c.expires_ms < now))
                # RETURNING, not rowcount: psycopg reports no rowcount for this statement.
                claimed = conn.execute(
                    self._insert(request_ids)
                    .values(device_id=device_id, request_id=request_id, expires_ms=expires_ms)
                    .on_conflict_do_nothing()
                    .returning(request_ids.c.request_id)
                ).first()
        return claimed is not None


def _dialect_insert(dialect: str) -> Any:
    return pg_insert if dialect == "postgresql" else sqlite_insert


# --- readiness and the device gauge -------------------------------------------------------

#: Seconds a readiness probe gives the database (statement and lock waits included).
READY_TIMEOUT_S: Final = 2


class Readiness:
    """Whether the database still answers as the one this process opened at start.

    PostgreSQL: a pooled connection (pinged first) reads the instance id under a
    statement timeout; a dropped, refusing or locked database fails it. SQLite: the
    pool's open connections would keep using a file that was deleted or replaced
    (and lose what they write), so the probe checks the path still names the file
    opened at start and reads it through a new connection that may not create it.
    """

    def __init__(self, engine: Engine, *, instance_id: str) -> None:
        self._engine = engine
        self._instance_id = instance_id
        self._path: Path | None = None
        self._file: tuple[int, int] | None = None
        name = engine.url.database
        if engine.dialect.name == "sqlite" and name and name != ":memory:":
            self._path = Path(name)
            st = self._path.stat()
            self._file = (st.st_dev, st.st_ino)

    def check(self) -> str:
        """ "" when ready, else why not (one short phrase, no values from the database)."""
        try:
            found = self._read_sqlite() if self._path is not None else self._read_pooled()
        except FileNotFoundError:
            return "the database file is gone"
        except (sqlite3.Error, SQLAlchemyError, OSError) as exc:
            return f"the database does not answer ({type(exc).__name__})"
        if found is None:
            return "the database holds no instance id"
        if found != self._instance_id:
            return "the database was replaced (another instance id)"
        return ""

    def _read_pooled(self) -> str | None:
        with self._engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                ms = READY_TIMEOUT_S * 1000
                conn.exec_driver_sql(f"SET LOCAL statement_timeout = {ms}")
            found: str | None = conn.scalar(select(meta.c.value).where(meta.c.key == "instance_id"))
            return found

    def _read_sqlite(self) -> str | None:
        assert self._path is not None
        st = os.stat(self._path)
        if (st.st_dev, st.st_ino) != self._file:
            return "(another file)"
        uri = f"file:{quote(str(self._path))}?mode=rw"
        conn = sqlite3.connect(uri, uri=True, timeout=READY_TIMEOUT_S)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
        finally:
            conn.close()
        return None if row is None else str(row[0])


def device_counts(engine: Engine) -> dict[str, int]:
    """Enrolled devices by status (pending, approved, revoked)."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(devices.c.status, func.count()).group_by(devices.c.status))
        return {str(status): int(n) for status, n in rows}
