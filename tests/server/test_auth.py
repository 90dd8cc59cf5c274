"""Request signatures: unknown, revoked, pending, skewed, replayed or tampered requests fail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, select, text

from server import db, migrations
from server.app import create_app
from server.settings import ServerSettings
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_REQUEST_ID,
    HEADER_SIGNATURE,
    HEADER_TIME,
    MAX_REQUEST_SKEW_MS,
)
from tests.server.helpers import TestDevice, World, asgi_client, error_code, now_ms


def test_a_signed_request_from_an_approved_device_passes(world: World) -> None:
    dev = world.device("jobbspesialist")
    r = world.call(dev, "GET", "/v1/changes?after=0&limit=10")
    assert r.status_code == 200, r.text


def test_an_unsigned_request_is_refused(world: World) -> None:
    r = world.client.get("/v1/changes")
    assert r.status_code == 401 and error_code(r) == "unauthenticated"
    assert HEADER_SIGNATURE in r.json()["message"]


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [
        (HEADER_TIME, "yesterday", "unauthenticated"),
        (HEADER_TIME, "-5", "unauthenticated"),
        (HEADER_TIME, "٣٣٣", "unauthenticated"),
        (HEADER_SIGNATURE, "not base64!", "bad_signature"),
        (HEADER_SIGNATURE, "AAAA", "bad_signature"),
        (HEADER_REQUEST_ID, "", "unauthenticated"),
        (HEADER_REQUEST_ID, "too-short", "unauthenticated"),
        (HEADER_REQUEST_ID, "a" * 65, "unauthenticated"),
        (HEADER_REQUEST_ID, "spaces are not ok here", "unauthenticated"),
    ],
)
def test_malformed_auth_headers_are_refused(
    world: World, header: str, value: str, code: str
) -> None:
    dev = world.device("jobbspesialist")
    headers = dev.headers("GET", "/v1/grants", b"")
    headers[header] = value
    r = world.client.get("/v1/grants", headers={k.encode(): v.encode() for k, v in headers.items()})
    assert r.status_code == 401 and error_code(r) == code


def test_a_signature_by_another_key_is_refused(world: World) -> None:
    dev = world.device("jobbspesialist")
    impostor = TestDevice()
    r = world.call(dev, "GET", "/v1/grants", signer=impostor)
    assert r.status_code == 401 and error_code(r) == "bad_signature"


def test_the_signature_covers_the_body_and_the_query(world: World) -> None:
    dev = world.device("jobbspesialist")
    headers = dev.headers("GET", "/v1/changes?after=0", b"")
    r = world.client.get("/v1/changes?after=5", headers=headers)
    assert r.status_code == 401 and error_code(r) == "bad_signature"
    body = b'{"changes": []}'
    headers = dev.headers("POST", "/v1/changes", body)
    r = world.client.post("/v1/changes", content=b'{"changes":[]} ', headers=headers)
    assert r.status_code == 401 and error_code(r) == "bad_signature"
    headers = dev.headers("GET", "/v1/grants", b"")
    r = world.client.post("/v1/grants", headers=headers)  # another method
    assert r.status_code == 401 and error_code(r) == "bad_signature"


def test_an_unknown_device_is_refused(world: World) -> None:
    stranger = TestDevice(id="00000000-0000-4000-8000-000000000000")
    r = world.call(stranger, "GET", "/v1/changes")
    assert r.status_code == 401 and error_code(r) == "unknown_device"
    assert "enrol" in r.json()["message"]


def test_a_revoked_device_is_told_so(world: World) -> None:
    dev = world.device("terapeut")
    world.admin.revoke_device(dev.id)
    for method, path in (("GET", "/v1/changes"), ("GET", "/v1/grants"), ("POST", "/v1/audit")):
        r = world.call(dev, method, path, b'{"events": []}' if method == "POST" else b"")
        assert r.status_code == 401 and error_code(r) == "revoked"
        assert "erase its keys" in r.json()["message"]


def test_a_pending_device_waits_for_approval(world: World) -> None:
    dev = world.device("jobbspesialist", approve=False)
    r = world.call(dev, "GET", "/v1/changes")
    assert r.status_code == 403 and error_code(r) == "pending_approval"
    r = world.call(dev, "POST", "/v1/changes", b'{"changes": []}')
    assert r.status_code == 403 and error_code(r) == "pending_approval"


@pytest.mark.parametrize("offset", [MAX_REQUEST_SKEW_MS + 60_000, -(MAX_REQUEST_SKEW_MS + 60_000)])
def test_a_skewed_clock_is_refused(world: World, offset: int) -> None:
    dev = world.device("jobbspesialist")
    r = world.call(dev, "GET", "/v1/changes", time_ms=now_ms() + offset)
    assert r.status_code == 401 and error_code(r) == "clock_skew"
    assert "clock" in r.json()["message"]
    ok = world.call(dev, "GET", "/v1/changes", time_ms=now_ms() + offset // 3)
    assert ok.status_code == 200


def test_requests_per_device_are_rate_limited(settings: ServerSettings, world: World) -> None:
    dev = world.device("jobbspesialist")
    with asgi_client(create_app(replace(settings, device_requests_per_minute=2))) as client:
        limited = World(client, world.admin, world.org_key)
        assert [limited.call(dev, "GET", "/v1/grants").status_code for _ in range(2)] == [200, 200]
        r = limited.call(dev, "GET", "/v1/grants")
    assert r.status_code == 429 and error_code(r) == "rate_limited"
    assert "Retry-After" in r.headers


def test_the_device_header_must_name_the_signer(world: World) -> None:
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    headers = a.headers("GET", "/v1/grants", b"")
    headers[HEADER_DEVICE] = b.id
    r = world.client.get("/v1/grants", headers=headers)
    assert r.status_code == 401 and error_code(r) == "bad_signature"


def test_the_signature_covers_the_request_id(world: World) -> None:
    dev = world.device("jobbspesialist")
    headers = dev.headers("GET", "/v1/grants", b"")
    headers[HEADER_REQUEST_ID] = "another-id-of-the-same-shape"
    r = world.client.get("/v1/grants", headers=headers)
    assert r.status_code == 401 and error_code(r) == "bad_signature"


def test_a_replayed_signed_request_is_refused(world: World) -> None:
    dev = world.device("teamleder")
    body = world.push(dev, [dev.change(f"team:{world.team.id}")])
    assert len(body.accepted) == 1
    headers = dev.headers("GET", "/v1/grants", b"")
    assert world.client.get("/v1/grants", headers=headers).status_code == 200
    r = world.client.get("/v1/grants", headers=headers)
    assert r.status_code == 409 and error_code(r) == "replayed_request"
    assert HEADER_REQUEST_ID in r.json()["message"]
    # A retry is a new request: signed again with a new id, it is served.
    assert world.call(dev, "GET", "/v1/grants").status_code == 200
    # Ids are per device: another device's request with the same id is its own.
    other = world.device("jobbspesialist")
    mine = other.headers("GET", "/v1/grants", b"", request_id=headers[HEADER_REQUEST_ID])
    assert world.client.get("/v1/grants", headers=mine).status_code == 200


def test_a_replayed_push_stores_nothing_and_says_so(world: World) -> None:
    dev = world.device("teamleder")
    body = b'{"changes": []}'
    headers = {**dev.headers("POST", "/v1/changes", body), "Content-Type": "application/json"}
    assert world.client.post("/v1/changes", content=body, headers=headers).status_code == 200
    r = world.client.post("/v1/changes", content=body, headers=headers)
    assert r.status_code == 409 and error_code(r) == "replayed_request"


def test_request_ids_are_forgotten_once_their_window_has_passed(engine: Engine) -> None:
    ids, now = db.RequestIds(engine), now_ms()
    assert ids.claim("dev-a", "r" * 22, expires_ms=now + 1_000, now=now)
    assert not ids.claim("dev-a", "r" * 22, expires_ms=now + 1_000, now=now)
    assert ids.claim("dev-a", "s" * 22, expires_ms=now + 9_000, now=now)
    assert ids.claim("dev-b", "t" * 22, expires_ms=now + 9_000, now=now + 500)
    assert _request_ids(engine) == {("dev-a", "r" * 22), ("dev-a", "s" * 22), ("dev-b", "t" * 22)}
    # Once a second a request deletes the rows whose window has passed, and only those.
    assert ids.claim("dev-b", "u" * 22, expires_ms=now + 9_000, now=now + 2_000)
    assert _request_ids(engine) == {("dev-a", "s" * 22), ("dev-b", "t" * 22), ("dev-b", "u" * 22)}
    # Another process (its own RequestIds) refuses the ids this one holds.
    assert not db.RequestIds(engine).claim("dev-a", "s" * 22, expires_ms=now, now=now + 2_000)


def _request_ids(engine: Engine) -> set[tuple[str, str]]:
    with db.read_tx(engine) as conn:
        rows = conn.execute(select(db.request_ids.c.device_id, db.request_ids.c.request_id))
        return {(r.device_id, r.request_id) for r in rows}


def test_migration_8_gives_an_older_database_the_request_ids(engine: Engine) -> None:
    with db.write_tx(engine) as conn:
        conn.execute(text("DROP TABLE request_ids"))
    migrations.stamp(engine, 7)  # as before revision 8
    assert migrations.migrate(engine) == migrations.revisions()[7:]
    ids, now = db.RequestIds(engine), now_ms()
    assert ids.claim("dev-a", "r" * 22, expires_ms=now + 1_000, now=now)
    assert not ids.claim("dev-a", "r" * 22, expires_ms=now + 1_000, now=now)
    assert migrations.migrate(engine) == []
