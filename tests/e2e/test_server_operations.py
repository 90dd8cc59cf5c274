"""The server as operations see it, with real processes: readiness when the database goes,
limits that hold across three processes, and a log that never holds a participant's data."""

from __future__ import annotations

import base64
import json
import re
import shutil
import time
from pathlib import Path

import httpx
import msgspec
import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from server import db
from tests.e2e.conftest import TeamWorld, sync_all
from tests.e2e.replicas import fresh_pg_database, metrics, replicas

#: What a server log line may hold, by logger (server/logs.py says why).
ACCESS_KEYS = {"ts", "level", "logger", "msg", "request_id", "method", "route", "status", "ms"}
ACCESS_OPTIONAL = {"client", "device", "accepted", "duplicate", "rejected", "served"}
SENTINEL = "SENTINEL-Kari-Nordmann-0147"


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _ready(url: str) -> httpx.Response:
    return httpx.get(f"{url}/v1/ready", timeout=30)


def _until(url: str, status: int, timeout: float = 15.0) -> httpx.Response:
    """Poll /v1/ready until it answers ``status`` (the probe's own timeout is 2-3 s)."""
    deadline = time.monotonic() + timeout
    while True:
        r = _ready(url)
        if r.status_code == status or time.monotonic() > deadline:
            return r
        time.sleep(0.2)  # a load balancer's probe interval, shortened


def test_readiness_fails_while_postgresql_is_locked_or_gone_and_liveness_stays(
    tmp_path: Path,
) -> None:
    with fresh_pg_database() as url, replicas(tmp_path, url, 1) as rs:
        (base,) = rs.urls
        assert _ready(base).status_code == 200
        # Blocked: a session holds the table the probe reads; the probe gives up in seconds.
        with psycopg.connect(_libpq(url)) as blocker:
            blocker.execute("LOCK TABLE meta IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            r = _ready(base)
            assert r.status_code == 503 and r.json()["code"] == "unavailable", r.text
            assert time.monotonic() - started < 5
            assert httpx.get(f"{base}/v1/health").status_code == 200
        assert _ready(base).status_code == 200  # released: ready again
        # Gone: the database is dropped under the running process.
        root = psycopg.connect(_libpq(url).rsplit("/", 1)[0] + "/postgres", autocommit=True)
        with root:
            name = make_url(url).database
            root.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        r = _until(base, 503)
        assert r.status_code == 503 and r.json()["code"] == "unavailable", r.text
        assert "database" in r.json()["message"]
        assert httpx.get(f"{base}/v1/health").status_code == 200  # liveness: the process is up
        warnings = [e for e in rs.log(0) if e["msg"].startswith("not ready:")]
        assert warnings and all(e["level"] == "WARNING" for e in warnings)


def test_readiness_fails_while_the_sqlite_file_is_gone_or_replaced(tmp_path: Path) -> None:
    database = tmp_path / "server.db"
    with replicas(tmp_path, f"sqlite:///{database}", 1) as rs:
        (base,) = rs.urls
        assert _ready(base).status_code == 200
        aside = tmp_path / "moved-away.db"
        shutil.move(database, aside)
        r = _ready(base)
        assert r.status_code == 503 and "gone" in r.json()["message"], r.text
        assert httpx.get(f"{base}/v1/health").status_code == 200
        database.write_bytes(b"not a database at all" * 100)  # replaced by an unreadable file
        r = _ready(base)
        assert r.status_code == 503 and "replaced" in r.json()["message"], r.text
        database.unlink()
        shutil.move(aside, database)
        assert _ready(base).json()["status"] == "ready"


def test_enrolment_attempts_over_three_processes_are_limited_as_one(tmp_path: Path) -> None:
    """Four attempts a minute per address, whichever process takes them; the caller's
    X-Forwarded-For (no proxy is trusted) changes nothing."""
    env = {"FELTJOURNAL_SERVER_ENROL_ATTEMPTS_PER_MINUTE": "4"}
    with fresh_pg_database() as url, replicas(tmp_path, url, 3, env) as rs:
        body = msgspec.json.encode({"code": "AAAA-BBBB-CCCC-DDDD"})
        answers = []
        for i in range(12):
            r = httpx.post(
                f"{rs.urls[i % 3]}/v1/enrol",
                content=body,
                headers={"Content-Type": "application/json", "X-Forwarded-For": f"203.0.113.{i}"},
            )
            answers.append(r.status_code)
            if r.status_code == 429:
                assert 1 <= int(r.headers["Retry-After"]) <= 60
        assert answers == [422] * 4 + [429] * 8, answers
        refusals = [
            re.search(r'^feltjournal_rate_limit_refusals_total\{limit="enrol"\} (\d+)$', t, re.M)
            for t in (metrics(u) for u in rs.urls)
        ]
        assert sum(int(m.group(1)) for m in refusals if m) == 8


def test_the_log_is_json_with_request_ids_and_holds_no_participant_data(
    world: TeamWorld,
) -> None:
    """A participant and a note whose text holds a sentinel go through the server: no log
    line holds the sentinel, a record id, a space, a change id or an envelope (in any
    encoding); every line is JSON, and access lines hold only the listed keys."""
    lines = world.server.process.lines
    since = len(lines)
    lead = world.laptop("teamleder")
    specialist = world.laptop("jobbspesialist")
    pid = lead.journal.create_participant({"name": f"Kari {SENTINEL}", "programme": "IPS"})
    note = lead.journal.add(
        "case_note", {"date": "2026-11-20", "body": f"Møtte {SENTINEL} i dag."}, participant_id=pid
    )
    sync_all(lead, specialist, rounds=2)
    assert SENTINEL in specialist.journal.get(note).fields["body"]  # it did go through
    last = httpx.get(f"{world.server.url}/v1/health").headers["X-Request-ID"]
    deadline = time.monotonic() + 10
    while not any(last in line for line in lines[since:]) and time.monotonic() < deadline:
        time.sleep(0.02)  # the access line is written as the answer goes out
    logged = lines[since:]
    assert any(last in line for line in logged)

    with world.server.engine.connect() as conn:
        rows = conn.execute(
            select(db.changes.c.change_id, db.changes.c.space, db.changes.c.payload).where(
                db.changes.c.record_id.in_([pid, note])
            )
        ).all()
    assert rows
    forbidden = {SENTINEL, pid, note}
    for change_id, space, payload in rows:
        forbidden |= {change_id, space, bytes(payload).hex()[:32]}
        forbidden |= {base64.b64encode(bytes(payload)).decode()[:32]}
    text = "".join(logged)
    leaked = sorted(f for f in forbidden if f in text)
    assert leaked == [], leaked

    entries = [json.loads(line) for line in logged]
    access = [e for e in entries if e["logger"] == "feltjournal.access"]
    assert len(access) > 10
    for entry in access:
        assert ACCESS_KEYS <= set(entry) <= ACCESS_KEYS | ACCESS_OPTIONAL, entry
        assert re.fullmatch(r"[0-9a-f]{32}", entry["request_id"])
        assert entry["route"].startswith("/v1/") and "?" not in entry["route"]
    ids = [e["request_id"] for e in access]
    assert len(set(ids)) == len(ids)  # one id per request
    pushes = [e for e in access if e["route"] == "/v1/changes" and e["method"] == "POST"]
    assert sum(e.get("accepted", 0) for e in pushes) >= len(rows)
    assert {e["device"] for e in pushes} <= {lead.device, specialist.device}
