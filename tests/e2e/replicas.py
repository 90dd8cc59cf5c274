"""Several ``feltjournal-server serve`` processes on one database, and what tests read of them.

``replicas`` starts N processes on one data folder and database (PostgreSQL: a
fresh database on the local cluster, dropped afterwards), as N replicas behind a
load balancer would run. ``RoundRobin`` is that load balancer for a laptop: an
httpx transport that sends each request to the next process in turn.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import signal
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from server import db, keys
from server.admin import Admin
from tests.e2e.conftest import ROOT, RealServer, _Process, free_port, server_command, server_env
from tests.server.conftest import PG_URL, _ensure_postgres

METRICS_TOKEN = "replica-metrics-token-0123456789abcdef"
_COUNTING = threading.Lock()  # RoundRobin counters may be shared by laptops in threads


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped (with its sessions) afterwards."""
    _ensure_postgres()
    name = f"fj_replicas_{os.getpid()}_{secrets.token_hex(4)}"
    root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with root.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(False)
    finally:
        with root.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        root.dispose()


@dataclass
class Replicas:
    """N server processes on one database; ``server`` is the first as a RealServer."""

    data: Path
    database_url: str
    processes: list[_Process]
    urls: list[str]
    server: RealServer

    @property
    def ports(self) -> list[int]:
        return [int(u.rsplit(":", 1)[1]) for u in self.urls]

    def log(self, index: int, since: int = 0) -> list[dict[str, Any]]:
        """Process ``index``'s log lines from line ``since`` on, each parsed (all are JSON)."""
        return [json.loads(line) for line in self.processes[index].lines[since:]]


@contextmanager
def replicas(
    folder: Path, database_url: str, count: int, env: dict[str, str] | None = None
) -> Iterator[Replicas]:
    """``admin init`` once, then ``count`` ``serve`` processes on free ports, all started
    together; stopped with SIGTERM afterwards (each must stop cleanly, without a traceback)."""
    data = folder / "server-data"
    common = ["--data", str(data), "--database", database_url]
    subprocess.run(
        [*server_command(), "admin", "init", *common],
        check=True,
        env=server_env(),
        capture_output=True,
        cwd=ROOT,
    )
    extra = {"FELTJOURNAL_SERVER_METRICS_TOKEN": METRICS_TOKEN, **(env or {})}
    ports = [free_port() for _ in range(count)]
    processes = [
        _Process(["serve", *common, "--host", "127.0.0.1", "--port", str(p)], env=extra)
        for p in ports
    ]
    engine: Engine = db.open_engine(database_url, pool_size=1)
    try:
        for process in processes:
            assert process.ready.wait(timeout=90), "a server did not start in 90 s"
            assert process.proc.poll() is None, "".join(process.lines)
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        admin = Admin(
            engine, org_public_key=keys.load_public_key(data / "org_ed25519.pub"), now_ms=db.now_ms
        )
        backend = make_url(database_url).get_backend_name()
        server = RealServer(
            backend,
            urls[0],
            data,
            database_url,
            engine,
            admin,
            keys.load_private_key(data / "org_ed25519.key"),
            processes[0],
        )
        yield Replicas(data, database_url, processes, urls, server)
    finally:
        engine.dispose()
        codes = [p.stop() for p in processes]
    for process, code in zip(processes, codes, strict=True):
        assert code in (0, -signal.SIGTERM), "".join(process.lines)
        assert not any("Traceback" in line for line in process.lines), "".join(process.lines)


class RoundRobin(httpx.BaseTransport):
    """Sends each request to the next port in turn (a load balancer in front of replicas);
    counts, in counters it may share with others, the requests per port and the statuses."""

    def __init__(
        self,
        ports: Sequence[int],
        *,
        start: int = 0,
        sent: Counter[int] | None = None,
        statuses: Counter[int] | None = None,
    ) -> None:
        self._inner = httpx.HTTPTransport()
        self._ports = itertools.islice(itertools.cycle(ports), start % len(ports), None)
        self.sent: Counter[int] = Counter() if sent is None else sent
        self.statuses: Counter[int] = Counter() if statuses is None else statuses

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with _COUNTING:
            port = next(self._ports)
            self.sent[port] += 1
        request.url = request.url.copy_with(port=port)
        response = self._inner.handle_request(request)
        with _COUNTING:
            self.statuses[response.status_code] += 1
        return response

    def close(self) -> None:
        self._inner.close()


def metrics(url: str) -> str:
    r = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert r.status_code == 200, r.text
    return r.text
