"""End-to-end fixtures: a real ``feltjournal-server serve`` process and laptops that sync with it.

One server process per storage backend (SQLite, PostgreSQL) for the whole
session, on 127.0.0.1 and a free port; every test makes its own team on it,
so tests never see each other's devices or spaces. Laptops are real profiles
(SQLCipher file, vault, in-memory test keyring) opened in-process, with a
:class:`SyncService` talking HTTP to the server; the CLI test drives the
``feltjournal`` command line as subprocesses instead.

Admin actions run in-process on the server's database (``server.admin.Admin``,
as tests/server/test_real_server.py does) except where a test exercises the
admin command line itself.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

import storage.profile
from app.journal import Journal
from app.sync_service import SyncService
from server import db, keys
from server.admin import Admin, Team
from storage.crypto import KdfParams
from storage.profile import Profile
from storage.store import RecordStore
from sync.client import Transport
from sync.hlc import HybridClock
from tests.server.conftest import PG_URL, _ensure_postgres
from tests.storage.conftest import memory_keyring  # noqa: F401 - re-exported fixture
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.server_only import server_only_env

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "korrekt hest batteri stift"
TODAY = date(2026, 11, 23)
DAY_MS = 86_400_000
_names = itertools.count(1)


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("feltjournal-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "server.cli"]


def server_env() -> dict[str, str]:
    env = server_only_env(
        {k: v for k, v in os.environ.items() if not k.startswith("FELTJOURNAL_SERVER_")}
    )
    # Every test enrols several laptops from 127.0.0.1; the default is 10 a minute.
    env["FELTJOURNAL_SERVER_ENROL_ATTEMPTS_PER_MINUTE"] = "100000"
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Process:
    """A running ``feltjournal-server serve``; its log is read by a thread."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.proc = subprocess.Popen(
            [*server_command(), *args],
            cwd=ROOT,
            env={**server_env(), **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            if "Application startup complete" in line:
                self.ready.set()
        self.ready.set()

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()
        return code


@dataclass
class RealServer:
    """The server process, its database and the admin's view of it."""

    backend: str
    url: str
    data: Path
    database_url: str
    engine: Engine
    admin: Admin
    org_key: Ed25519PrivateKey
    process: _Process

    def admin_cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``feltjournal-server admin ACTION ...`` against this server's data and database."""
        action, *rest = args
        return subprocess.run(
            [
                *server_command(),
                "admin",
                action,
                "--data",
                str(self.data),
                "--database",
                self.database_url,
                *rest,
            ],
            cwd=ROOT,
            env=server_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    def dump(self) -> bytes:
        """Everything the server stores: the SQLite files' bytes, or every PostgreSQL row."""
        if self.backend == "sqlite":
            out = b""
            for suffix in ("", "-wal", "-shm"):
                path = self.data / f"server.db{suffix}"
                if path.exists():
                    out += path.read_bytes()
            return out
        parts: list[bytes] = []
        with self.engine.connect() as conn:
            for table in db.metadata.sorted_tables:
                for row in conn.execute(table.select()):
                    for value in row:
                        if isinstance(value, bytes | bytearray | memoryview):
                            parts.append(bytes(value))
                        else:
                            parts.append(str(value).encode("utf-8"))
            # Anything outside the mapped tables too (the raw catalogue of this database).
            names = conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
            mapped = {t.name for t in db.metadata.sorted_tables}
            for name in sorted(set(names) - mapped):
                for row in conn.execute(text(f'SELECT * FROM "{name}"')):
                    parts.append(repr(tuple(row)).encode("utf-8"))
        return b"\n".join(parts)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def real_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RealServer]:
    """``feltjournal-server serve`` on 127.0.0.1 for the session, on SQLite or PostgreSQL."""
    backend: str = request.param
    data = tmp_path_factory.mktemp(f"server-{backend}")
    pg_name = ""
    root: Engine | None = None
    if backend == "sqlite":
        database_url = f"sqlite:///{data / 'server.db'}"
    else:
        _ensure_postgres()
        pg_name = f"fj_e2e_{os.getpid()}_{secrets.token_hex(4)}"
        root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with root.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{pg_name}"')
        database_url = make_url(PG_URL).set(database=pg_name).render_as_string(False)
    common = ["--data", str(data), "--database", database_url]
    subprocess.run(
        [*server_command(), "admin", "init", *common],
        check=True,
        env=server_env(),
        capture_output=True,
        cwd=ROOT,
    )
    port = free_port()
    process = _Process(["serve", *common, "--host", "127.0.0.1", "--port", str(port)])
    engine = db.open_engine(database_url, pool_size=1)
    try:
        assert process.ready.wait(timeout=60), "the server did not start in 60 s"
        assert process.proc.poll() is None, "".join(process.lines)
        admin = Admin(
            engine, org_public_key=keys.load_public_key(data / "org_ed25519.pub"), now_ms=db.now_ms
        )
        yield RealServer(
            backend,
            f"http://127.0.0.1:{port}",
            data,
            database_url,
            engine,
            admin,
            keys.load_private_key(data / "org_ed25519.key"),
            process,
        )
    finally:
        engine.dispose()
        code = process.stop()
        if root is not None:
            with root.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            root.dispose()
    assert code in (0, -signal.SIGTERM), "".join(process.lines)
    assert not any("Traceback" in line for line in process.lines), "".join(process.lines)


class FakeClock:
    """A laptop's wall clock: the real time plus an offset the test sets."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms


@dataclass
class Laptop:
    """One user's computer: a real profile, its journal and its sync service."""

    name: str
    role: str
    profile: Profile
    journal: Journal
    sync: SyncService
    clock: FakeClock

    @property
    def store(self) -> RecordStore:
        return self.journal.store

    @property
    def device(self) -> str:
        return self.store.device

    def x25519_public(self) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        private = self.store.device_secrets.x25519_private
        return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


@dataclass
class TeamWorld:
    """A team on the real server, and the laptops of its members (made on demand)."""

    server: RealServer
    folder: Path
    team: Team
    laptops: list[Laptop] = field(default_factory=list)
    lead: Laptop | None = None

    def laptop(
        self,
        role: str = "jobbspesialist",
        name: str | None = None,
        *,
        enrol: bool = True,
        approve: bool = True,
    ) -> Laptop:
        """A new profile enrolled in this team; approved by the org key (first team lead)
        or by the team lead's laptop (everyone else)."""
        name = name or f"{role} {next(_names)}"
        profile = Profile(self.folder / f"laptop-{len(self.laptops) + 1}")
        profile.create(
            user_name=name, role=role, passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests()
        )
        clock = FakeClock()
        mp = pytest.MonkeyPatch()
        # Profile.unlock takes no clock; hand the store one whose time the test controls.
        mp.setattr(
            storage.profile,
            "RecordStore",
            functools.partial(RecordStore, clock=HybridClock(now_ms=clock)),
        )
        try:
            store = profile.unlock(PASSPHRASE)
        finally:
            mp.undo()
        journal = Journal(store, today=lambda: TODAY)

        def transport(
            base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
        ) -> Transport:
            return Transport(
                base_url, device_id=device_id, signing_key=signing_key, now_ms=clock, timeout=15
            )

        service = SyncService(journal, profile, transport_factory=transport)
        laptop = Laptop(name, role, profile, journal, service, clock)
        self.laptops.append(laptop)
        if not enrol:
            return laptop
        user = self.server.admin.add_user(team=self.team.id, name=name, role=role)
        code = self.server.admin.issue_code(user=user.id).code
        service.enrol(self.server.url, code, f"{name}s laptop")
        if approve:
            self.approve(laptop)
        return laptop

    def approve(self, laptop: Laptop) -> None:
        if self.lead is None:
            assert laptop.role == "teamleder", "make the team lead first"
            self.server.admin.approve_device(laptop.device, self.server.org_key)
            self.lead = laptop
        else:
            self.lead.sync.approve_device(laptop.device)

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.sync.close()
            if not laptop.store.locked:
                laptop.store.lock()


@pytest.fixture
def world(
    real_server: RealServer,
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,  # noqa: F811 - the fixture imported above
) -> Iterator[TeamWorld]:
    team = real_server.admin.create_team(f"IPS e2e {uuid.uuid4().hex[:8]}")
    w = TeamWorld(real_server, tmp_path, team)
    try:
        yield w
    finally:
        w.close()


def sync_all(*laptops: Laptop, rounds: int = 2) -> None:
    """Every laptop syncs, in the order given, ``rounds`` times."""
    for _ in range(rounds):
        for laptop in laptops:
            laptop.sync.sync_once()


def read_json(text_out: str) -> dict[str, object]:
    data = json.loads(text_out)
    assert isinstance(data, dict)
    return data


Clock = Callable[[], int]
