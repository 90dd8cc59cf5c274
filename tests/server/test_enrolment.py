"""Enrolment with one-time codes, and the health endpoint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select

from server import db, keys
from server.admin import Admin
from server.app import create_app
from server.settings import ServerSettings
from sync.protocol import EnrolResponse, Health, certificate_input
from tests.server.helpers import TestDevice, World, asgi_client, error_code, raw

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}\.[0-9a-f]{16}")


def test_health_names_the_instance_and_time(world: World) -> None:
    r = world.client.get("/v1/health")
    assert r.status_code == 200
    health = msgspec.json.decode(r.content, type=Health)
    assert health.status == "ok" and health.protocol == 1
    assert len(health.instance_id) == 36
    assert abs(health.server_time_ms - db.now_ms()) < 60_000


def test_a_good_code_enrols_a_pending_device_that_pins_the_org_key(world: World) -> None:
    code = world.code_for("jobbspesialist")
    assert CODE.fullmatch(code), code
    dev = TestDevice()
    r = world.enrol(code, dev)
    assert r.status_code == 200, r.text
    answer = msgspec.json.decode(r.content, type=EnrolResponse)
    assert answer.role == "jobbspesialist" and answer.team_id == world.team.id
    assert hashlib.sha256(answer.org_public_key).hexdigest()[:16] == code.rsplit(".", 1)[1]
    assert answer.device_certificate == b""  # pending: no certificate yet
    assert answer.instance_id == world.client.get("/v1/health").json()["instance_id"]
    [row] = [d for d in world.admin.list_devices() if d.id == answer.device_id]
    assert row.status == "pending" and row.ed25519_public == raw(dev.ed)


def test_a_used_code_is_refused(world: World) -> None:
    code = world.code_for("terapeut")
    assert world.enrol(code).status_code == 200
    again = world.enrol(code)
    assert again.status_code == 403 and error_code(again) == "code_used"
    assert "already been used" in again.json()["message"]


def test_codes_are_forgiving_about_case_dashes_and_lookalikes(world: World) -> None:
    code = world.code_for("terapeut")
    secret, pin = code.split(".")
    typed = secret.lower().replace("-", " ").replace("0", "o").replace("1", "l") + "." + pin
    assert world.enrol(typed).status_code == 200


def test_a_wrong_or_malformed_code_is_refused(world: World) -> None:
    code = world.code_for("terapeut")
    secret, pin = code.split(".")
    wrong = ("ZZZZ" if not secret.startswith("ZZZZ") else "YYYY") + secret[4:] + "." + pin
    for bad in (wrong, "nonsense", "", "x" * 500):
        r = world.enrol(bad)
        assert r.status_code in (403, 422) and r.json()["code"] in (
            "invalid_code",
            "invalid_request",
        )
    assert world.enrol(code).status_code == 200  # the real one still works


def test_a_code_for_another_organisation_is_refused(world: World) -> None:
    code = world.code_for("terapeut")
    r = world.enrol(code.split(".")[0] + ".0123456789abcdef")
    assert r.status_code == 400 and error_code(r) == "wrong_server"


def test_an_expired_code_is_refused(world: World, engine: Engine, settings: ServerSettings) -> None:
    team = world.team
    org_public = keys.load_public_key(settings.org_public_key_path)
    past = Admin(engine, org_public_key=org_public, now_ms=lambda: db.now_ms() - 3 * 3_600_000)
    user = past.add_user(team=team.id, name="Old Code", role="terapeut")
    code = past.issue_code(user=user.id, hours=1).code
    r = world.enrol(code)
    assert r.status_code == 403 and error_code(r) == "code_expired"


def test_only_a_hash_of_the_code_is_stored(world: World, engine: Engine) -> None:
    code = world.code_for("teamleder")
    secret = code.split(".")[0].replace("-", "")
    with db.read_tx(engine) as conn:
        rows = conn.execute(select(db.enrolment_codes)).all()
    dumped = repr(rows)
    assert secret not in dumped and code.split(".")[0] not in dumped


def test_enrolment_attempts_are_rate_limited_per_address(
    settings: ServerSettings, world: World
) -> None:
    limited = replace(settings, enrol_attempts_per_minute=3)
    with asgi_client(create_app(limited)) as client:
        other = World(client, world.admin, world.org_key)
        answers = [other.enrol("AAAA-BBBB-CCCC-DDDD").status_code for _ in range(3)]
        assert answers == [403, 403, 403]
        r = other.enrol(world.code_for("terapeut"))
    assert r.status_code == 429 and error_code(r) == "rate_limited"
    assert "Too many enrolment attempts" in r.json()["message"]
    assert int(r.headers["Retry-After"]) >= 1


def test_enrolment_refuses_keys_that_are_not_keys(world: World) -> None:
    code = world.code_for("terapeut")
    body = (
        b'{"code": "%s", "device_name": "x", "x25519_public": "AAAA", "ed25519_public": "AAAA"}'
        % code.encode()
    )
    r = world.client.post("/v1/enrol", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "32-byte" in r.json()["message"]
    assert world.enrol(code).status_code == 200  # a refused request does not use the code


def test_the_admin_bootstraps_the_first_team_lead_with_the_org_key(
    world: World, org_key: Ed25519PrivateKey
) -> None:
    lead = world.device("teamleder", approve=False)
    approved = world.admin.approve_device(lead.id, org_key)
    assert approved.status == "approved"
    message = certificate_input(
        lead.id, lead.user_id, "teamleder", lead.team_id, raw(lead.x), raw(lead.ed)
    )
    org_key.public_key().verify(approved.certificate, message)  # raises if wrong
    r = world.call(lead, "GET", "/v1/devices")
    assert r.status_code == 200
    [info] = r.json()["devices"]
    assert info["status"] == "approved" and info["device_id"] == lead.id


def test_a_laptop_keeps_its_own_device_id(world: World) -> None:
    """Changes made offline before enrolment already carry the laptop's id."""
    import uuid

    dev = TestDevice()
    own = str(uuid.uuid4())
    body = msgspec.json.encode(
        msgspec.structs.replace(dev.enrol_request(world.code_for("jobbspesialist")), device_id=own)
    )
    r = world.client.post("/v1/enrol", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert msgspec.json.decode(r.content, type=EnrolResponse).device_id == own
    again = msgspec.structs.replace(
        dev.enrol_request(world.code_for("jobbspesialist")), device_id=own
    )
    r = world.client.post(
        "/v1/enrol",
        content=msgspec.json.encode(again),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 409 and error_code(r) == "device_exists"
    bad = msgspec.structs.replace(
        dev.enrol_request(world.code_for("jobbspesialist")), device_id="not-a-uuid"
    )
    r = world.client.post(
        "/v1/enrol", content=msgspec.json.encode(bad), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
