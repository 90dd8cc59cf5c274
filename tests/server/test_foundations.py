"""Settings, migrations, and races that the write lock must settle."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from sqlalchemy import Engine, select

from server import db, migrations
from server.settings import ServerSettings, SettingsError
from sync.protocol import PushRequest, PushResponse
from tests.server.helpers import TestDevice, World


def _together(n: int, fn: Callable[[int], object]) -> list[object]:
    """Run fn(0..n-1) in threads released at the same moment; their results in order."""
    start = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        start.wait()
        results[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "FELTJOURNAL_SERVER_DATA_DIR": str(tmp_path),
        "FELTJOURNAL_SERVER_PORT": "9000",
        "FELTJOURNAL_SERVER_ENROL_ATTEMPTS_PER_MINUTE": "3",
        "FELTJOURNAL_SERVER_COMPACTION_DAYS": "",
    }
    s = ServerSettings.from_env(env)
    assert s.port == 9000 and s.enrol_attempts_per_minute == 3 and s.compaction_days == 90
    assert s.effective_database_url == f"sqlite:///{tmp_path.resolve() / 'server.db'}"
    assert s.org_public_key_path == tmp_path / "org_ed25519.pub"
    assert ServerSettings.from_env(env, port=8000).port == 8000  # flags win
    with pytest.raises(SettingsError, match="PORT"):
        ServerSettings.from_env({"FELTJOURNAL_SERVER_PORT": "eighty"})
    with pytest.raises(SettingsError, match="TLS"):
        ServerSettings(tls_cert=tmp_path / "cert.pem")


def test_migrations_run_once_and_the_instance_id_stays(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    engine = db.open_engine(url)
    try:
        assert migrations.migrate(engine) == migrations.revisions()
        assert migrations.revisions() == [1, 2, 3, 4, 5, 6, 7, 8, 9]
        assert migrations.migrate(engine) == []
        with db.read_tx(engine) as conn:
            first = db.get_meta(conn, "instance_id")
            assert migrations.current(conn) == migrations.revisions()[-1]
    finally:
        engine.dispose()
    engine = db.open_engine(url)
    try:
        with db.read_tx(engine) as conn:
            assert db.get_meta(conn, "instance_id") == first
    finally:
        engine.dispose()
    other = db.open_engine(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        migrations.migrate(other)
        with db.read_tx(other) as conn:
            assert db.get_meta(conn, "instance_id") != first  # a replaced server is recognisable
    finally:
        other.dispose()


def test_a_code_used_by_racing_devices_enrols_exactly_one(world: World) -> None:
    code = world.code_for("jobbspesialist")
    statuses = _together(5, lambda _i: world.enrol(code, TestDevice()).status_code)
    assert sorted(statuses) == [200, 403, 403, 403, 403]  # type: ignore[type-var]


def test_a_retry_racing_its_original_is_stored_once(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    batch = [dev.change("work:p1") for _ in range(5)]
    body = msgspec.json.encode(PushRequest(batch))

    def push(_i: int) -> PushResponse:
        r = world.call(dev, "POST", "/v1/changes", body)
        assert r.status_code == 200, r.text
        return msgspec.json.decode(r.content, type=PushResponse)

    results = [r for r in _together(4, push) if isinstance(r, PushResponse)]
    assert len(results) == 4
    assert sum(len(r.accepted) for r in results) == 5
    assert sum(len(r.duplicates) for r in results) == 15
    with db.read_tx(engine) as conn:
        assert len(conn.execute(select(db.changes.c.seq)).all()) == 5


def test_a_new_sqlite_file_waits_for_a_writer_before_it_turns_to_wal(tmp_path: Path) -> None:
    """Two servers started together on one new file: one holds the write lock while the
    other connects. SQLite refuses the switch to WAL at once ("database is locked"),
    without its busy handler; the connection waits and tries again instead of failing."""
    import sqlite3
    import time

    path = tmp_path / "server.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN IMMEDIATE")  # the other process's write, still in the old journal
    other.execute("INSERT INTO t VALUES (1)")
    threading.Timer(0.4, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    engine = db.open_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    finally:
        engine.dispose()
        other.close()
    assert mode == "wal"
    assert time.monotonic() - started >= 0.3  # it waited for the writer, then switched
