"""`feltjournal-server serve` as a real process on 127.0.0.1, set up with the real CLI."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import msgspec
import pytest
from cryptography.hazmat.primitives import serialization

from server import db, keys
from server.admin import Admin
from sync.client import Transport, fetch_grants
from sync.protocol import MAX_PUSH_BYTES, MSGPACK, EnrolResponse, PushRequest
from tests.server.helpers import TestDevice
from tests.support.server_only import server_only_env

ROOT = Path(__file__).resolve().parents[2]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("feltjournal-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "server.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _env() -> dict[str, str]:
    return server_only_env(
        {k: v for k, v in os.environ.items() if not k.startswith("FELTJOURNAL_SERVER_")}
    )


class Server:
    """A running server process; its log lines are collected by a reader thread."""

    def __init__(self, args: list[str]) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.proc = subprocess.Popen(
            [*_command(), *args],
            cwd=ROOT,
            env=_env(),
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
        self.ready.set()  # the process ended: stop waiting

    def stop(self) -> int:
        self.proc.terminate()
        code = self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()
        return code


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[tuple[httpx.Client, Path, str]]:
    data = tmp_path / "server-data"
    admin = [*_command(), "admin"]
    common = ["--data", str(data), "--database", database_url]
    subprocess.run([*admin, "init", *common], check=True, env=_env(), capture_output=True)
    port = _free_port()
    srv = Server(["serve", *common, "--host", "127.0.0.1", "--port", str(port)])
    try:
        assert srv.ready.wait(timeout=60), "the server did not start in 60 s"
        assert srv.proc.poll() is None, "".join(srv.lines)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client, data, database_url
    finally:
        code = srv.stop()
    # uvicorn shuts down gracefully, then re-raises the SIGTERM it caught.
    assert code in (0, -signal.SIGTERM), "".join(srv.lines)
    assert any("Application shutdown complete" in line for line in srv.lines)


@contextmanager
def _admin(data: Path, database: str) -> Iterator[Admin]:
    """The same database the server uses (the CLI itself is tested in test_cli.py)."""
    engine = db.open_engine(database, pool_size=1)
    try:
        public = keys.load_public_key(data / "org_ed25519.pub")
        yield Admin(engine, org_public_key=public, now_ms=db.now_ms)
    finally:
        engine.dispose()


def test_a_real_server_enrols_authenticates_and_syncs(
    server: tuple[httpx.Client, Path, str],
) -> None:
    client, data, database = server
    health = client.get("/v1/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert client.get("/openapi.json").json()["info"]["title"] == "Feltjournal sync server"

    with _admin(data, database) as admin:
        team = admin.create_team("IPS Oslo")
        admin.add_user(team=team.id, name="Lead", role="teamleder")
        code = admin.issue_code(user="Lead").code

    lead = TestDevice()
    r = client.post("/v1/enrol", content=msgspec.json.encode(lead.enrol_request(code)))
    assert r.status_code == 200, r.text
    lead.adopt(msgspec.json.decode(r.content, type=EnrolResponse))
    r = client.get("/v1/changes", headers=lead.headers("GET", "/v1/changes", b""))
    assert r.status_code == 403 and r.json()["code"] == "pending_approval"
    with _admin(data, database) as admin:
        org_key = keys.load_private_key(data / "org_ed25519.key")
        assert admin.approve_device(lead.id, org_key).status == "approved"

    space = f"team:{team.id}"
    changes = [lead.change(space) for _ in range(3)]
    body = msgspec.msgpack.encode(PushRequest(changes))
    headers = {**lead.headers("POST", "/v1/changes", body), "Content-Type": MSGPACK}
    r = client.post("/v1/changes", content=body, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"] == MSGPACK  # mirrors the body
    assert len(msgspec.msgpack.decode(r.content)["accepted"]) == 3
    # A retry is signed again (a new request id): the server answers it as duplicates.
    headers = {**lead.headers("POST", "/v1/changes", body), "Content-Type": MSGPACK}
    r = client.post("/v1/changes", content=body, headers={**headers, "Accept": "application/json"})
    assert len(r.json()["duplicates"]) == 3

    path = "/v1/changes?after=0&limit=2"
    r = client.get(path, headers={**lead.headers("GET", path, b""), "Accept": MSGPACK})
    assert r.headers["content-type"] == MSGPACK
    page = msgspec.msgpack.decode(r.content)
    assert [c["payload"] for c in page["changes"]] == [c.payload for c in changes[:2]]
    assert page["more"] is True

    r = client.get(path, headers={**lead.headers("GET", path, b""), "X-Feltjournal-Time": "1"})
    assert r.status_code == 401 and r.json()["code"] == "bad_signature"
    big = b"x" * (MAX_PUSH_BYTES + 1)
    r = client.post("/v1/changes", content=big, headers=lead.headers("POST", "/v1/changes", big))
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"
    r = client.get("/v1/nope")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


@pytest.fixture
def two_servers(tmp_path: Path, database_url: str) -> Iterator[tuple[list[httpx.Client], Path]]:
    """Two `serve` processes on one database (the org key pair of one `admin init`)."""
    data = tmp_path / "server-data"
    common = ["--data", str(data), "--database", database_url]
    subprocess.run(
        [*_command(), "admin", "init", *common], check=True, env=_env(), capture_output=True
    )
    ports = [_free_port(), _free_port()]
    started = [Server(["serve", *common, "--host", "127.0.0.1", "--port", str(p)]) for p in ports]
    try:
        for srv in started:
            assert srv.ready.wait(timeout=60), "a server did not start in 60 s"
            assert srv.proc.poll() is None, "".join(srv.lines)
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=30) for p in ports]
        try:
            yield clients, data
        finally:
            for c in clients:
                c.close()
    finally:
        codes = [srv.stop() for srv in started]
    assert all(code in (0, -signal.SIGTERM) for code in codes), codes


def test_a_signed_request_replayed_to_another_server_process_is_refused(
    two_servers: tuple[list[httpx.Client], Path], database_url: str
) -> None:
    (first, second), data = two_servers
    with _admin(data, database_url) as admin:
        team = admin.create_team("IPS Bergen")
        admin.add_user(team=team.id, name="Lead", role="teamleder")
        code = admin.issue_code(user="Lead").code
    lead = TestDevice()
    r = first.post("/v1/enrol", content=msgspec.json.encode(lead.enrol_request(code)))
    assert r.status_code == 200, r.text
    lead.adopt(msgspec.json.decode(r.content, type=EnrolResponse))
    with _admin(data, database_url) as admin:
        admin.approve_device(lead.id, keys.load_private_key(data / "org_ed25519.key"))

    body = msgspec.json.encode(PushRequest([lead.change(f"team:{team.id}")]))
    headers = {**lead.headers("POST", "/v1/changes", body), "Content-Type": "application/json"}
    r = first.post("/v1/changes", content=body, headers=headers)
    assert r.status_code == 200 and len(r.json()["accepted"]) == 1
    for server in (second, first):
        r = server.post("/v1/changes", content=body, headers=headers)
        assert r.status_code == 409 and r.json()["code"] == "replayed_request", r.text
    headers = lead.headers("GET", "/v1/grants", b"")
    assert second.get("/v1/grants", headers=headers).status_code == 200
    r = first.get("/v1/grants", headers=headers)
    assert r.status_code == 409 and r.json()["code"] == "replayed_request"

    # The laptop's transport signs every request, a retry too, with a new id.
    raw_key = lead.ed.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    for server in (first, second, first):
        with Transport(str(server.base_url), device_id=lead.id, signing_key=raw_key) as laptop:
            assert fetch_grants(laptop).grants == []
