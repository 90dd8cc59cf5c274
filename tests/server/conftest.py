"""Server fixtures: every test runs against SQLite and a real PostgreSQL.

PostgreSQL: one uniquely named database per test session (dropped at the end)
and one schema per test inside it, so parallel runs never collide. The server
URL is FELTJOURNAL_TEST_PG_URL (default: the local cluster's ``test`` database);
if the cluster is down we try to start it, and fail — never skip — if we can't.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from server import db, keys, migrations
from server.admin import Admin
from server.app import create_app
from server.settings import ServerSettings
from tests.server.helpers import World, asgi_client

PG_URL = os.environ.get(
    "FELTJOURNAL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_reachable() -> bool:
    try:
        psycopg.connect(_libpq(PG_URL), connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def _ensure_postgres() -> None:
    if _pg_reachable():
        return
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if shutil.which("pg_ctlcluster") and versions:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
            check=False,
            capture_output=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if _pg_reachable():
                return
            time.sleep(0.2)  # waiting on an external service to accept connections
    pytest.fail(
        f"PostgreSQL is not reachable at {make_url(PG_URL).render_as_string()}; start it "
        "(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set "
        "FELTJOURNAL_TEST_PG_URL. The PostgreSQL tests do not skip."
    )


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Engine]:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    _ensure_postgres()
    name = f"fj_server_{os.getpid()}_{secrets.token_hex(4)}"
    root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with root.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = db.open_engine(
        make_url(PG_URL).set(database=name).render_as_string(False), pool_size=1
    )
    try:
        migrations.migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with root.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        root.dispose()


def _clear(engine: Engine) -> None:
    """Empty every table, as a fresh database would be (new instance id, horizon 0)."""
    with db.write_tx(engine) as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(
            db.meta.insert(),
            [{"key": "instance_id", "value": str(uuid.uuid4())}, {"key": "horizon", "value": "0"}],
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the session's PostgreSQL database cleared."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    engine: Engine = request.getfixturevalue("pg_database")
    _clear(engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> ServerSettings:
    """Settings for a server whose `admin init` has run (org key pair in the data folder)."""
    data = tmp_path / "data"
    s = ServerSettings(data_dir=data, database_url=database_url)
    keys.write_key_pair(s.org_private_key_path, s.org_public_key_path)
    return s


@pytest.fixture
def engine(settings: ServerSettings) -> Iterator[Engine]:
    e = db.open_engine(settings.effective_database_url, pool_size=4)
    migrations.migrate(e)
    try:
        yield e
    finally:
        e.dispose()


@pytest.fixture
def org_key(settings: ServerSettings) -> Ed25519PrivateKey:
    return keys.load_private_key(settings.org_private_key_path)


@pytest.fixture
def admin(engine: Engine, settings: ServerSettings) -> Admin:
    return Admin(
        engine, org_public_key=keys.load_public_key(settings.org_public_key_path), now_ms=db.now_ms
    )


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[httpx.Client]:
    with asgi_client(create_app(settings)) as c:
        yield c


@pytest.fixture
def world(client: httpx.Client, admin: Admin, org_key: Ed25519PrivateKey) -> World:
    return World(client, admin, org_key)
