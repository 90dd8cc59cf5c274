"""Alembic migrations: a fresh database and every schema an earlier release made (versions
1..8 of the forward-only migrations, ``legacy_schemas/``), with rows in it, end up with the
same schema and keep their rows, on SQLite and on PostgreSQL; every one of them runs the
revisions after it up to the newest (0009 included: the tables the server processes on one
database share their rate limits and planner counters in)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from server import db, migrations
from server.cli import main
from server.ratelimit import SharedRateLimiter
from tests.server.conftest import PG_URL, _ensure_postgres

LEGACY = Path(__file__).parent / "legacy_schemas"
OLD_VERSIONS = range(1, 9)

# One row set that fits every schema version: a table gets the columns it has.
ROWS: dict[str, list[dict[str, Any]]] = {
    "teams": [
        {"id": "t1", "name": "IPS Bergen", "created_ms": 1, "programme": "SFJ", "region": "Vest"}
    ],
    "users": [
        {"id": "u1", "team_id": "t1", "name": "Kari", "role": "teamleder", "created_ms": 2},
        {"id": "u2", "team_id": "t1", "name": "Ola", "role": "jobbspesialist", "created_ms": 3},
    ],
    "enrolment_codes": [
        {
            "id": "c1",
            "user_id": "u2",
            "code_hash": "ab" * 32,
            "created_ms": 4,
            "expires_ms": 5,
            "used_ms": 6,
            "used_by_device": "d2",
        }
    ],
    "devices": [
        {
            "id": f"d{n}",
            "user_id": f"u{n}",
            "name": f"laptop {n}",
            "status": "approved",
            "x25519_public": bytes([n]) * 32,
            "ed25519_public": bytes([n + 10]) * 32,
            "certificate": b"cert" * n,
            "enrolled_ms": 7,
            "approved_ms": 8,
            "revoked_ms": None,
            "cursor_generation": 0,
        }
        for n in (1, 2)
    ],
    "spaces": [
        {"space": "work:p1", "team_id": "t1", "created_ms": 9},
        {"space": "team:t1", "team_id": "t1", "created_ms": 9},
    ],
    "memberships": [
        {"space": "work:p1", "device_id": "d1", "via": "created", "added_ms": 10},
        {"space": "team:t1", "device_id": "d1", "via": "created", "added_ms": 10},
        # Granted a space with older changes: flagged before revision 3.
        {"space": "work:p1", "device_id": "d2", "via": "grant", "added_ms": 11},
    ],
    "changes": [
        {
            "change_id": f"ch{n}",
            "device_id": "d1",
            "hlc": f"{n:016d}",
            "record_id": "rec1",
            "record_type": "case_note",
            "space": "work:p1" if n < 3 else "team:t1",
            "field": "body",
            "kind": "set",
            "key_version": 1,
            "payload": bytes(range(n, n + 40)),
            "payload_dropped": n == 2,
            "received_ms": 12 + n,
            "purge_spaces": "",
        }
        for n in (1, 2, 3)
    ],
    "grants": [
        {
            "space": "work:p1",
            "key_version": 1,
            "to_device": "d2",
            "from_device": "d1",
            "wrapped_key": b"w" * 48,
            "signature": b"s" * 64,
            "created_ms": 16,
        }
    ],
    "audit_events": [
        {
            "team_id": "t1",
            "source_device": "d1",
            "seq": 1,
            "at": "2026-11-23T10:00:00Z",
            "device": "d1",
            "actor": "Kari",
            "action": "read",
            "record_id": "rec1",
            "hash": "cd" * 32,
            "received_ms": 17,
        }
    ],
    "key_rotations": [
        {
            "space": "team:t1",
            "key_version": 2,
            "team_id": "t1",
            "revoked_device": "d9",
            "due_ms": 18,
            "claimed_by": None,
            "claimed_ms": None,
            "closed_ms": None,
        }
    ],
    "request_ids": [{"device_id": "d1", "request_id": "r" * 22, "expires_ms": 19}],
}
INSTANCE = "0f6a1d2e-3c4b-4a5d-8e9f-a0b1c2d3e4f5"


# --- databases ----------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[str], Engine]]:
    """Makes empty databases of one backend (each PostgreSQL one created and dropped)."""
    engines: list[Engine] = []
    created: list[str] = []
    root: Engine | None = None
    if request.param == "postgresql":
        _ensure_postgres()
        root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def make(label: str) -> Engine:
        if root is None:
            url = f"sqlite:///{tmp_path / f'{label}.db'}"
        else:
            name = f"fj_mig_{os.getpid()}_{secrets.token_hex(4)}"
            with root.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            created.append(name)
            url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        engine = db.open_engine(url, pool_size=1)
        engines.append(engine)
        return engine

    try:
        yield make
    finally:
        for engine in engines:
            engine.dispose()
        if root is not None:
            with root.connect() as conn:
                for name in created:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            root.dispose()


def _load_legacy(engine: Engine, version: int) -> None:
    """The schema release ``version`` made, with its bookkeeping and the rows above."""
    ddl = (LEGACY / f"v{version}.{engine.dialect.name}.sql").read_text()
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            raw.executescript(ddl)  # type: ignore[attr-defined]
        else:
            with raw.cursor() as cur:
                cur.execute(ddl)
            raw.commit()
    finally:
        raw.close()
    with db.write_tx(engine) as conn:
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES ('instance_id', :i), ('horizon', '0')"),
            {"i": INSTANCE},
        )
        for v in range(1, version + 1):
            conn.execute(
                text(
                    "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (:v, :n, 1)"
                ),
                {"v": v, "n": f"migration {v}"},
            )
        present = set(inspect(conn).get_table_names())
        for table, rows in ROWS.items():
            if table not in present:
                continue
            columns = {c["name"] for c in inspect(conn).get_columns(table)}
            for row in rows:
                values = {k: v for k, v in row.items() if k in columns}
                if "needs_resync" in columns:
                    values["needs_resync"] = row["device_id"] == "d2"
                names = ", ".join(values)
                marks = ", ".join(f":{k}" for k in values)
                conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


# --- what is compared ---------------------------------------------------------------------


def _schema(conn: Connection) -> dict[str, Any]:
    """Everything about the tables that matters to the server, in a comparable form."""
    insp = inspect(conn)
    out: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        columns = [
            (
                c["name"],
                str(c["type"]),
                c["nullable"],
                str(c.get("default")),
                str(sorted((c.get("identity") or {}).items())),
            )
            for c in insp.get_columns(table)
        ]
        out[table] = {
            "columns": columns,
            "pk": insp.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in insp.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (
                    i["name"] or "",
                    tuple(str(c) for c in i["column_names"]),
                    bool(i["unique"]),
                    str(sorted((k, str(v)) for k, v in (i.get("dialect_options") or {}).items())),
                )
                for i in insp.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in insp.get_unique_constraints(table)
            ),
        }
        if conn.dialect.name == "sqlite":
            sql = conn.scalar(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
                {"t": table},
            )
            out[table]["autoincrement"] = "AUTOINCREMENT" in str(sql)
    return out


def _differences_from_the_tables(conn: Connection) -> list[Any]:
    """What Alembic finds between the database and ``server.db``'s tables (none, we want).
    Server defaults only on PostgreSQL: on SQLite Alembic takes an identity column and a
    default of '' for differences (``_schema`` compares SQLite's defaults instead)."""
    postgresql = conn.dialect.name == "postgresql"

    def include(obj: Any, *_: Any) -> bool:
        return not (postgresql and obj is db.ix_changes_live)  # made on SQLite only

    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "compare_server_default": postgresql,
            "include_object": include,
        },
    )
    return list(compare_metadata(context, db.metadata))


def _rows(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in db.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        rows = conn.execute(select(table).order_by(*key)).mappings().all()
        out[table.name] = [
            {k: (bytes(v) if isinstance(v, memoryview) else v) for k, v in r.items()} for r in rows
        ]
    return out


def _pg_dump(engine: Engine) -> str:
    url = engine.url
    done = subprocess.run(
        [
            "pg_dump",
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            url.username or "postgres",
            str(url.database),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PGPASSWORD": url.password or ""},
    )
    lines = [
        ln for ln in done.stdout.splitlines() if ln.strip() and ln[:2] not in ("--", "\\r", "\\u")
    ]
    return "\n".join(ln for ln in lines if "alembic_version" not in ln)


# --- tests --------------------------------------------------------------------------------


def test_revisions_are_one_numbered_chain() -> None:
    found = migrations.revisions()
    assert found == list(range(1, len(found) + 1))
    files = sorted(p.name for p in (migrations.HERE / "versions").glob("r[0-9]*.py"))
    assert [int(name[1:5]) for name in files] == found  # rNNNN_what.py, one per revision


def test_a_fresh_database_gets_the_schema_the_tables_describe(
    new_database: Callable[[str], Engine],
) -> None:
    engine = new_database("fresh")
    assert migrations.migrate(engine) == migrations.revisions()
    assert migrations.migrate(engine) == []
    with db.read_tx(engine) as conn:
        assert _differences_from_the_tables(conn) == []
        assert migrations.current(conn) == migrations.revisions()[-1]
        assert migrations.LEGACY_TABLE not in inspect(conn).get_table_names()
        assert len(db.get_meta(conn, "instance_id")) == 36


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_every_earlier_schema_with_rows_upgrades_to_the_fresh_schema(
    new_database: Callable[[str], Engine], version: int
) -> None:
    fresh = new_database("fresh")
    migrations.migrate(fresh)
    old = new_database(f"v{version}")
    _load_legacy(old, version)
    with db.read_tx(old) as conn:
        assert migrations.current(conn) is None  # not an Alembic database yet

    applied = migrations.migrate(old)
    assert applied == migrations.revisions()[version:] and 9 in applied

    with db.read_tx(old) as conn, db.read_tx(fresh) as fresh_conn:
        assert _schema(conn) == _schema(fresh_conn)
        assert _differences_from_the_tables(conn) == []
        assert migrations.current(conn) == migrations.revisions()[-1]
        assert db.get_meta(conn, "instance_id") == INSTANCE  # laptops see the same server
        rows = _rows(conn)
    if old.dialect.name == "postgresql":
        assert _pg_dump(old) == _pg_dump(fresh)
    for table, written in ROWS.items():
        if (table == "key_rotations" and version < 5) or (table == "request_ids" and version < 8):
            assert rows[table] == []
            continue
        kept = [{k: r[k] for k in w} for r, w in zip(rows[table], written, strict=True)]
        expected = [dict(w) for w in written]
        if version < 2 and table == "teams":
            expected[0].update(programme="IPS", region="")  # the defaults of revision 2
        if version < 3 and table == "devices":
            expected[1]["cursor_generation"] = 1  # d2 was flagged: it resyncs
        assert len(kept) == len(expected) and sorted(map(repr, kept)) == sorted(
            map(repr, expected)
        ), table
    valid_from = {(r["space"], r["device_id"]): r["valid_from"] for r in rows["memberships"]}
    assert valid_from[("work:p1", "d2")] == (1 if version < 3 else 0)
    assert valid_from[("work:p1", "d1")] == 0
    assert [r["seq"] for r in rows["changes"]] == [1, 2, 3]
    with db.write_tx(old) as conn:  # the log's seqs go on after the old ones
        seq = conn.execute(
            db.changes.insert()
            .values(**{**ROWS["changes"][0], "change_id": "ch4"})
            .returning(db.changes.c.seq)
        ).scalar()
    assert seq == 4
    _the_shared_limits_work(old)
    assert migrations.migrate(old) == []


def _the_shared_limits_work(engine: Engine) -> None:
    """Revision 0009's tables take what the server writes there (PostgreSQL's limiters and
    planner counters; SQLite keeps those in memory but has the same tables)."""
    with db.write_tx(engine) as conn:
        conn.execute(db.planner_counters.insert().values(table_name="spare", arrived=3))
        ids = [
            conn.execute(
                db.rate_hits.insert()
                .values(bucket="spare", key="k", at_ms=n)
                .returning(db.rate_hits.c.id)
            ).scalar()
            for n in (1, 2)
        ]
        assert conn.scalar(select(db.planner_counters.c.tenth)) == 0  # its server default
    assert ids[0] is not None and ids[1] == ids[0] + 1
    if engine.dialect.name != "postgresql":
        return
    limiter = SharedRateLimiter(engine, "enrol", 2)
    assert [limiter.hit("10.0.0.7") for _ in range(2)] == [None, None]
    assert (limiter.hit("10.0.0.7") or 0) > 0  # the third in a minute waits
    planner = db.PlannerStatistics(engine)
    arrived = select(db.planner_counters.c.arrived).where(
        db.planner_counters.c.table_name == "memberships"
    )
    planner.grew("memberships", 1)
    with db.read_tx(engine) as conn:
        assert conn.scalar(arrived) == 1
    planner.grew("memberships", db.ANALYZE_AFTER["memberships"] - 1)
    with db.read_tx(engine) as conn:
        assert conn.scalar(arrived) == 0  # the threshold reached: refreshed, counted anew


def test_a_schema_no_release_made_is_refused(new_database: Callable[[str], Engine]) -> None:
    engine = new_database("odd")
    _load_legacy(engine, 3)
    with db.write_tx(engine) as conn:
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 2"))
    with pytest.raises(migrations.MigrationError, match=r"\[1, 3\]"):
        migrations.migrate(engine)
    with db.read_tx(engine) as conn:  # nothing changed
        assert migrations.LEGACY_TABLE in inspect(conn).get_table_names()
        assert migrations.current(conn) is None


def test_pg_dump_is_there_for_the_schema_comparison() -> None:
    assert shutil.which("pg_dump"), "pg_dump (PostgreSQL's client tools) is needed"


def test_the_migrate_command_upgrades_an_older_database_and_says_so(
    new_database: Callable[[str], Engine], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    engine = new_database("v5")
    _load_legacy(engine, 5)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    newest = migrations.revisions()[-1]
    ran = ", ".join(f"{r:04d}" for r in migrations.revisions()[5:])
    assert main(["migrate", "--data", str(tmp_path / "srv"), "--database", url]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"upgraded to revision {newest:04d} (ran {ran}).\n")
    assert main(["migrate", "--data", str(tmp_path / "srv"), "--database", url, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["revision"] == newest and answer["applied"] == []

    odd = new_database("odd")
    _load_legacy(odd, 2)
    with db.write_tx(odd) as conn:
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 1"))
    url = odd.url.render_as_string(hide_password=False)
    assert main(["migrate", "--data", str(tmp_path / "srv"), "--database", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("feltjournal-server: The database's schema versions [2]")
    assert err.count("\n") == 1


def test_two_processes_starting_together_migrate_once(
    new_database: Callable[[str], Engine],
) -> None:
    engine = new_database("raced")
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    start = threading.Barrier(2)
    results: list[list[int]] = []

    def start_up() -> None:
        other = db.open_engine(url, pool_size=1)  # each "process" its own engine
        try:
            start.wait()
            results.append(migrations.migrate(other))
        finally:
            other.dispose()

    threads = [threading.Thread(target=start_up) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == [[], migrations.revisions()]
