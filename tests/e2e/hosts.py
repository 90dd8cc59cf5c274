"""Server hosts a test starts, stops and replaces itself: databases made and dropped on
demand, ``feltjournal-server`` processes on a port the test keeps (the address laptops
know), and the team worlds of tests/e2e/conftest.py on top of them."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from server import db, keys
from server.admin import Admin
from tests.e2e.conftest import (
    ROOT,
    RealServer,
    _Process,
    free_port,
    server_command,
    server_env,
)
from tests.server.conftest import PG_URL, _ensure_postgres


def server_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``feltjournal-server ARGS`` as a child process."""
    return subprocess.run(
        [*server_command(), *args],
        cwd=ROOT,
        env=env or server_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def cli_json(*args: str) -> dict[str, object]:
    done = server_cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert isinstance(data, dict)
    return data


@dataclass
class Host:
    """Databases and server processes of one backend, cleaned up at the end."""

    backend: str
    folder: Path
    root: Engine | None = None
    databases: list[str] = field(default_factory=list)
    servers: list[RealServer] = field(default_factory=list)
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def database(self, label: str) -> str:
        """A new, empty database's URL."""
        if self.root is None:
            return f"sqlite:///{self.folder / label / 'server.db'}"
        name = f"fj_ops_{os.getpid()}_{secrets.token_hex(4)}"
        with self.root.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    def start(self, data: Path, database_url: str) -> RealServer:
        """``feltjournal-server serve`` on this host's port, over ``database_url``."""
        process = _Process(
            [
                "serve",
                "--data",
                str(data),
                "--database",
                database_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ]
        )
        assert process.ready.wait(timeout=60), "the server did not start in 60 s"
        assert process.proc.poll() is None, "".join(process.lines)
        engine = db.open_engine(database_url, pool_size=1)
        server = RealServer(
            self.backend,
            self.url,
            data,
            database_url,
            engine,
            Admin(
                engine,
                org_public_key=keys.load_public_key(data / "org_ed25519.pub"),
                now_ms=db.now_ms,
            ),
            keys.load_private_key(data / "org_ed25519.key"),
            process,
        )
        self.servers.append(server)
        return server

    def stop(self, server: RealServer) -> None:
        server.engine.dispose()
        code = server.process.stop()
        lines = "".join(server.process.lines)
        assert code in (0, -15), lines
        assert "Traceback" not in lines, lines
        self.servers.remove(server)

    def close(self) -> None:
        for server in list(self.servers):
            server.engine.dispose()
            server.process.stop()
        if self.root is not None:
            with self.root.connect() as conn:
                for name in self.databases:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.root.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def host(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Host]:
    root = None
    if request.param == "postgresql":
        _ensure_postgres()
        root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    h = Host(request.param, tmp_path / "hosts", root)
    try:
        yield h
    finally:
        h.close()
