"""deploy/: the container's entrypoint, the Dockerfile, the compose file and the systemd unit.

No container engine runs here, so the entrypoint script runs outside a container against
the local PostgreSQL (as in the compose file) and the image's and the compose file's health
checks (both the readiness route) are run against it, passing while the database answers and
failing once it is dropped; the Dockerfile and compose file are read and checked against the
code they name; the unit is checked by ``systemd-analyze verify`` with its command pointed at
this checkout's.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from deploy.server_requirements import CLIENT_ONLY, distribution
from server import db
from server.app import create_app
from server.settings import PREFIX, ServerSettings
from tests.server.conftest import PG_URL, _ensure_postgres
from tests.server.test_real_server import _free_port
from tests.support.server_only import server_only_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
SETTINGS = {f"{PREFIX}{name.upper()}" for name in ServerSettings.__dataclass_fields__}


def _routes() -> set[str]:
    app = create_app(ServerSettings())
    return {str(getattr(route, "path", "")) for route in app.routes}


@pytest.fixture
def pg_url() -> Iterator[str]:
    _ensure_postgres()
    root: Engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"fj_deploy_{os.getpid()}_{secrets.token_hex(4)}"
    with root.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with root.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        root.dispose()


def _entrypoint_env(data: Path, database_url: str, port: int) -> dict[str, str]:
    env = server_only_env({k: v for k, v in os.environ.items() if not k.startswith(PREFIX)})
    assert (BIN / "feltjournal-server").exists(), "install the project (make install)"
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        FELTJOURNAL_SERVER_DATA_DIR=str(data),
        FELTJOURNAL_SERVER_DATABASE_URL=database_url,
        FELTJOURNAL_SERVER_HOST="127.0.0.1",
        FELTJOURNAL_SERVER_PORT=str(port),
    )
    return env


def test_the_entrypoint_initialises_migrates_and_serves_a_postgresql_database(
    tmp_path: Path, pg_url: str
) -> None:
    port = _free_port()
    env = _entrypoint_env(tmp_path / "data", pg_url, port)
    script = str(DEPLOY / "entrypoint.sh")
    init = subprocess.run(
        [script, "admin", "init"], env=env, capture_output=True, text=True, timeout=120
    )
    assert init.returncode == 0, init.stderr
    assert (tmp_path / "data" / "org_ed25519.pub").exists()
    served = subprocess.Popen(
        [script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline, ready = time.monotonic() + 60, None
        while time.monotonic() < deadline and served.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/v1/ready", timeout=4)
                break
            except httpx.TransportError:
                time.sleep(0.2)  # waiting for the child process to listen
        assert ready is not None and ready.status_code == 200, served.poll()
        assert ready.json()["database"] == "postgresql"
        engine = db.open_engine(pg_url, pool_size=1)
        try:
            with db.read_tx(engine) as conn:
                assert ready.json()["instance_id"] == db.get_meta(conn, "instance_id")
        finally:
            engine.dispose()
        checks = {"Dockerfile": _dockerfile_check(port), "compose": _compose_check(port)}
        for name, check in checks.items():
            done = subprocess.run(check, capture_output=True, text=True, timeout=10)
            assert done.returncode == 0, (name, done.stderr)

        _drop(pg_url)  # the process runs on, its database is gone
        assert httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=4).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/v1/ready", timeout=8).status_code == 503
        for name, check in checks.items():
            done = subprocess.run(check, capture_output=True, text=True, timeout=10)
            assert done.returncode != 0, name  # the container is marked unhealthy
            assert "503" in done.stderr, (name, done.stderr)
    finally:
        served.send_signal(signal.SIGTERM)  # the script exec'd the server: it gets the signal
        out, err = served.communicate(timeout=30)
    assert served.returncode in (0, -signal.SIGTERM), err  # uvicorn re-raises the signal
    assert "Application shutdown complete" in err  # after a graceful shutdown
    assert "is up to date (revision" in out  # `migrate` ran first (init had upgraded it)
    assert "Traceback" not in err


def _drop(url: str) -> None:
    root: Engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with root.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)')
    finally:
        root.dispose()


def _on_port(argv: list[str], port: int) -> list[str]:
    """A health check's command run here: this interpreter, the test server's port."""
    assert argv[0] == "python", argv
    return [sys.executable, *(a.replace("127.0.0.1:8765/", f"127.0.0.1:{port}/") for a in argv[1:])]


def _dockerfile_check(port: int) -> list[str]:
    health = next(arg for op, arg in _dockerfile() if op == "HEALTHCHECK")
    options, command = health.split(" CMD ", 1)
    assert "--timeout=5s" in options
    return _on_port(shlex.split(command), port)


def _compose_check(port: int) -> list[str]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    kind, *argv = compose["services"]["server"]["healthcheck"]["test"]
    assert kind == "CMD"
    return _on_port(argv, port)


def test_the_entrypoint_script_is_valid_sh() -> None:
    script = DEPLOY / "entrypoint.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["sh", "-n", str(script)], check=False).returncode == 0


def _dockerfile() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [(ln.split(None, 1)[0], ln.split(None, 1)[1]) for ln in lines]


def test_the_dockerfile_installs_the_entrypoint_and_names_real_settings_and_routes() -> None:
    steps = _dockerfile()
    known = {"FROM", "ENV", "RUN", "WORKDIR", "COPY", "USER", "VOLUME", "EXPOSE"}
    known |= {"HEALTHCHECK", "ENTRYPOINT", "CMD"}
    assert {op for op, _ in steps} <= known
    assert steps[0][0] == "FROM"
    run = " ".join(arg for op, arg in steps if op == "RUN")
    assert "install -m 0755 deploy/entrypoint.sh /usr/local/bin/feltjournal-entrypoint" in run
    assert "postgresql-client" in run  # pg_dump for admin backup
    # The server's requirements only, then Feltjournal without the client's dependencies.
    assert "python deploy/server_requirements.py | pip install -r /dev/stdin" in run
    assert "pip install --no-deps ." in run
    assert ("ENTRYPOINT", '["feltjournal-entrypoint"]') in steps
    env = " ".join(arg for op, arg in steps if op == "ENV")
    names = set(re.findall(r"(FELTJOURNAL_SERVER_[A-Z_]+)=", env))
    assert names and names <= SETTINGS
    port = re.search(r"FELTJOURNAL_SERVER_PORT=(\d+)", env)
    assert port is not None and ("EXPOSE", port.group(1)) in steps
    health = next(arg for op, arg in steps if op == "HEALTHCHECK")
    path = re.search(rf"127\.0\.0\.1:{port.group(1)}(/v1/\w+)", health)
    assert path is not None and path.group(1) == "/v1/ready"  # readiness, not liveness
    assert "/v1/ready" in _routes()
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "server" not in ignored and "deploy" not in ignored and ".venv" in ignored


def test_the_image_installs_the_server_without_the_desktop_clients_dependencies() -> None:
    printed = subprocess.run(
        [sys.executable, str(DEPLOY / "server_requirements.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    names = {distribution(line) for line in printed}
    assert {"fastapi", "uvicorn", "sqlalchemy", "psycopg", "alembic", "cryptography"} <= names
    assert not names & set(CLIENT_ONLY)
    assert "pyside6" in CLIENT_ONLY and "psycopg[binary]>=3.2" in printed  # as pyproject says
    # The tests' server processes run so (tests/support/server_only): the client's modules
    # cannot be imported there, and the server's can.
    for module, code in (("PySide6", 1), ("sqlcipher3", 1), ("server.app", 0)):
        done = subprocess.run(
            [sys.executable, "-c", f"import {module}"],
            env=server_only_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == code, (module, done.stderr)
        assert code == 0 or "ModuleNotFoundError" in done.stderr or "ImportError" in done.stderr


def test_the_compose_file_runs_the_image_against_its_postgresql() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    server, database = compose["services"]["server"], compose["services"]["db"]
    context = (DEPLOY / server["build"]["context"]).resolve()
    assert (context / server["build"]["dockerfile"]) == DEPLOY / "Dockerfile"
    assert server["depends_on"]["db"]["condition"] == "service_healthy"
    assert set(server["environment"]) <= SETTINGS
    url = make_url(
        server["environment"]["FELTJOURNAL_SERVER_DATABASE_URL"].replace(
            "${FELTJOURNAL_DB_PASSWORD:?set FELTJOURNAL_DB_PASSWORD}", "pw"
        )
    )
    env = database["environment"]
    assert url.drivername == "postgresql+psycopg" and url.host == "db"
    assert (url.username, url.database) == (env["POSTGRES_USER"], env["POSTGRES_DB"])
    assert any(v.endswith(":/data") for v in server["volumes"])
    assert server["ports"] == ["127.0.0.1:8765:8765"]  # a TLS proxy goes in front
    assert "http://127.0.0.1:8765/v1/ready" in " ".join(server["healthcheck"]["test"])


def _unit() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (DEPLOY / "feltjournal-server.service").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


def test_the_systemd_unit_runs_real_commands_and_verifies(tmp_path: Path) -> None:
    unit = _unit()
    installed = "/opt/feltjournal/venv/bin/feltjournal-server"
    for key in ("ExecStartPre", "ExecStart"):
        (command,) = unit[key]
        program, *args = command.split()
        assert program == installed
        done = subprocess.run(
            [str(BIN / "feltjournal-server"), *args, "--help"],
            env=server_only_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr  # a command the server has
    environment = {v.split("=", 1)[0] for v in unit["Environment"]}
    assert environment <= SETTINGS
    verify = shutil.which("systemd-analyze")
    if verify is None:
        return  # the parse above is all that can be checked here
    local = tmp_path / "feltjournal-server.service"
    text = (DEPLOY / "feltjournal-server.service").read_text()
    local.write_text(text.replace(installed, str(BIN / "feltjournal-server")))
    done = subprocess.run([verify, "verify", str(local)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
