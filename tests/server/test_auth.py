"""Request signatures: unknown, revoked, pending, skewed or tampered requests are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from server.app import create_app
from server.settings import ServerSettings
from sync.protocol import HEADER_DEVICE, HEADER_SIGNATURE, HEADER_TIME, MAX_REQUEST_SKEW_MS
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
