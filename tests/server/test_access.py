"""Who gets what: space membership, roles, grants, device approval and revocation, audit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import msgspec
import pytest
from sqlalchemy import Engine, select

from server import db
from server.directory import add_membership
from sync.protocol import AuditEvent, AuditPush, DeviceInfo, DeviceList, GrantList
from tests.server.helpers import TestDevice, World, error_code


def test_a_space_belongs_to_its_first_pusher_and_then_to_members_only(world: World) -> None:
    first = world.device("jobbspesialist")
    second = world.device("jobbspesialist")
    assert world.push(first, [first.change("work:p1")]).accepted
    result = world.push(second, [second.change("work:p1")])
    assert [r.code for r in result.rejected] == ["not_member"]
    assert "member" in result.rejected[0].message
    assert world.pull(second).changes == []


def test_a_job_specialist_never_receives_a_clinical_change(world: World, engine: Engine) -> None:
    therapist = world.device("terapeut")
    specialist = world.device("jobbspesialist")
    note = therapist.change("clinical:p1", field="session_note", kind="text")
    assert world.push(therapist, [note]).accepted == [note.change_id]
    # The specialist may not even start a clinical space.
    result = world.push(specialist, [specialist.change("clinical:p2")])
    assert [r.code for r in result.rejected] == ["not_member"]
    # Even a membership row that should never exist does not leak it.
    with db.write_tx(engine) as conn:
        add_membership(conn, "clinical:p1", specialist.id, "grant", 0, resync=False)
    assert world.pull(specialist).changes == []
    assert world.pull(specialist, msgpack=True).changes == []


def test_a_therapist_receives_a_clinical_space_once_granted(world: World) -> None:
    treating = world.device("terapeut")
    colleague = world.device("terapeut")
    notes = [treating.change("clinical:p1", kind="text") for _ in range(3)]
    world.push(treating, notes)
    assert world.pull(colleague).changes == []
    # The treating therapist wraps its key for the colleague (a team lead holds no
    # clinical key and may not grant one: tests/server/test_grants.py).
    r = world.grant(treating, [treating.grant("clinical:p1", colleague)])
    assert r.status_code == 200, r.text
    got = world.pull(colleague).changes
    assert [c.change_id for c in got] == [c.change_id for c in notes]
    # ...and the colleague, now a member, may share it in turn.
    third = world.device("terapeut")
    assert world.grant(colleague, [colleague.grant("clinical:p1", third)]).status_code == 200
    assert len(world.pull(third).changes) == 3


def test_a_granted_device_that_pulled_before_backfills_the_space(world: World) -> None:
    owner = world.device("jobbspesialist")
    reader = world.device("jobbspesialist")
    lead = world.device("teamleder")
    older = [owner.change("work:p1") for _ in range(2)]
    world.push(owner, older)
    world.push(reader, [reader.change("work:p2")])
    page = world.pull(reader)
    assert len(page.changes) == 1 and page.next_cursor > 0
    assert world.grant(lead, [lead.grant("work:p1", reader)]).status_code == 200
    # The cursor goes on (issue #5: a grant no longer forces a full resync)...
    newer = owner.change("work:p1")
    world.push(owner, [newer])
    assert [c.change_id for c in world.pull(reader, page.next_cursor).changes] == [newer.change_id]
    # ...and the space's older changes come by its own backfill.
    backfill, _ = world.pull_all(reader, space="work:p1")
    assert [c.change_id for c in backfill] == [c.change_id for c in (*older, newer)]


def test_roles_limit_what_a_lead_may_grant(world: World) -> None:
    lead = world.device("teamleder")
    specialist = world.device("jobbspesialist")
    central = world.device("sentralt_team")
    r = world.grant(lead, [lead.grant("clinical:p1", specialist)])
    assert r.status_code == 403 and error_code(r) == "role_may_not_hold"
    r = world.grant(lead, [lead.grant("work:p1", central)])
    assert r.status_code == 403 and error_code(r) == "role_may_not_hold"
    r = world.grant(lead, [lead.grant(f"reports:{world.team.id}", central)])
    assert r.status_code == 200, r.text
    # Nothing of a refused request is stored (all or none).
    r = world.grant(
        lead, [lead.grant("work:p9", specialist), lead.grant("clinical:p9", specialist)]
    )
    assert r.status_code == 403
    assert world.call(specialist, "GET", "/v1/grants").json()["grants"] == []


def test_grants_are_checked_and_reach_only_their_device(world: World) -> None:
    lead = world.device("teamleder")
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    g_a = lead.grant("work:p1", a)
    g_b = lead.grant("work:p2", b)
    assert world.grant(lead, [g_a, g_b]).status_code == 200
    mine = msgspec.json.decode(world.call(a, "GET", "/v1/grants").content, type=GrantList)
    assert mine.grants == [g_a]
    theirs = msgspec.json.decode(world.call(b, "GET", "/v1/grants").content, type=GrantList)
    assert theirs.grants == [g_b]
    # A forged signature, a grant in someone else's name, a stranger's grant: refused.
    forged = msgspec.structs.replace(lead.grant("work:p3", a), signature=b"\x00" * 64)
    assert error_code(world.grant(lead, [forged])) == "bad_signature"
    in_my_name = msgspec.structs.replace(a.grant("work:p3", b), from_device=lead.id)
    assert world.grant(a, [in_my_name]).status_code in (400, 403)
    r = world.grant(b, [b.grant("work:p1", b)])  # b is not a member of work:p1
    assert r.status_code == 403


def test_spaces_of_another_team_stay_closed(world: World) -> None:
    lead = world.device("teamleder")
    other_team = world.admin.create_team("Another team")
    stranger = world.device("jobbspesialist", team=other_team)
    own = world.device("jobbspesialist")
    result = world.push(stranger, [stranger.change(f"team:{world.team.id}")])
    assert [r.code for r in result.rejected] == ["not_member"]
    assert world.push(stranger, [stranger.change("work:theirs")]).accepted
    r = world.grant(lead, [lead.grant("work:theirs", own)])
    assert r.status_code == 403
    r = world.grant(lead, [lead.grant("work:p1", stranger)])
    assert r.status_code == 404


def test_a_grant_never_approves_a_pending_device(world: World) -> None:
    """Approval is a certificate; keys go to approved (certified) devices only."""
    lead = world.device("teamleder")
    newcomer = world.device("jobbspesialist", approve=False)
    assert error_code(world.call(newcomer, "GET", "/v1/grants")) == "pending_approval"
    r = world.grant(lead, [lead.grant(f"team:{world.team.id}", newcomer)])
    assert r.status_code == 409 and error_code(r) == "device_pending"
    assert error_code(world.call(newcomer, "GET", "/v1/grants")) == "pending_approval"
    path = f"/v1/devices/{newcomer.id}/approve"
    cert = lead.certificate_for(newcomer)
    assert world.call(lead, "POST", path, cert, content_type="application/octet-stream").is_success
    assert world.grant(lead, [lead.grant(f"team:{world.team.id}", newcomer)]).status_code == 200
    assert world.call(newcomer, "GET", "/v1/grants").status_code == 200


def test_a_lead_approves_with_a_certificate(world: World) -> None:
    lead = world.device("teamleder")
    newcomer = world.device("terapeut", approve=False)
    path = f"/v1/devices/{newcomer.id}/approve"
    bad = world.call(lead, "POST", path, b"\x01" * 64, content_type="application/octet-stream")
    assert bad.status_code == 400 and error_code(bad) == "bad_certificate"
    cert = lead.certificate_for(newcomer)
    r = world.call(lead, "POST", path, cert, content_type="application/octet-stream")
    assert r.status_code == 200, r.text
    info = msgspec.json.decode(r.content, type=DeviceInfo)
    assert info.status == "approved" and info.certificate == cert
    assert world.call(newcomer, "GET", "/v1/grants").status_code == 200


def test_only_a_lead_revokes_the_teams_devices(world: World) -> None:
    lead = world.device("teamleder")
    specialist = world.device("jobbspesialist")
    world.device("jobbspesialist", team=world.admin.create_team("Elsewhere"))
    r = world.call(lead, "GET", "/v1/devices")
    listed = msgspec.json.decode(r.content, type=DeviceList).devices
    assert {d.device_id for d in listed} == {lead.id, specialist.id}
    r = world.call(specialist, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.status_code == 403
    r = world.call(lead, "POST", f"/v1/devices/{specialist.id}/revoke")
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    assert error_code(world.call(specialist, "GET", "/v1/changes")) == "revoked"
    r = world.call(lead, "POST", "/v1/devices/no-such-device/revoke")
    assert r.status_code == 404


def test_audit_events_are_stored_once_and_shown_to_the_lead(world: World, engine: Engine) -> None:
    lead = world.device("teamleder")
    dev = world.device("jobbspesialist")
    events = [
        AuditEvent(i, f"2026-11-0{i}T10:00:00Z", dev.id, "Kari", "read", f"rec-{i}", _hash(i))
        for i in range(1, 4)
    ]
    body = msgspec.json.encode(AuditPush(events))
    r = world.call(dev, "POST", "/v1/audit", body)
    assert r.status_code == 200 and r.json() == {"stored": 3, "duplicates": 0}
    r = world.call(dev, "POST", "/v1/audit", body)
    assert r.json() == {"stored": 0, "duplicates": 3}
    spoofed = AuditPush([AuditEvent(4, "x", lead.id, "Kari", "read", None, _hash(4))])
    r = world.call(dev, "POST", "/v1/audit", msgspec.json.encode(spoofed))
    assert r.status_code == 422
    assert error_code(world.call(dev, "GET", "/v1/audit")) == "forbidden"
    trail = msgspec.json.decode(world.call(lead, "GET", "/v1/audit").content, type=AuditPush)
    assert [e.seq for e in trail.events] == [3, 2, 1]
    one = world.call(lead, "GET", "/v1/audit?record_id=rec-2&limit=5")
    assert [e["record_id"] for e in one.json()["events"]] == ["rec-2"]
    with db.read_tx(engine) as conn:
        assert len(conn.execute(select(db.audit_events)).all()) == 3


def _hash(seq: int, salt: str = "") -> str:
    """Stands in for a chain hash (storage.audit: HMAC-SHA-256, lowercase hex)."""
    return hashlib.sha256(f"{salt}{seq}".encode()).hexdigest()


def _audit(dev: TestDevice, seqs: Iterable[int], *, salt: str = "", chained: bool = False) -> bytes:
    """Audit lines ``seqs``; ``chained``: each with the prev_hash of the line before."""
    return msgspec.json.encode(
        AuditPush(
            [
                AuditEvent(
                    s,
                    "2026-11-01T10:00:00.000+00:00",
                    dev.id,
                    "Kari",
                    "read",
                    None,
                    _hash(s, salt),
                    (_hash(s - 1, salt) if s > 1 else "0" * 64) if chained else None,
                )
                for s in seqs
            ]
        )
    )


def _held(engine: Engine) -> list[int]:
    with db.read_tx(engine) as conn:
        return sorted(conn.scalars(select(db.audit_events.c.seq)))


def test_an_audit_upload_with_a_gap_is_refused_and_stores_nothing(
    world: World, engine: Engine
) -> None:
    dev = world.device("jobbspesialist")
    for seqs, where in (([1, 2, 4], "from seq 2 to 4"), ([2, 3], "up to seq 0")):
        r = world.call(dev, "POST", "/v1/audit", _audit(dev, seqs))
        assert r.status_code == 400 and error_code(r) == "audit_gap", r.text
        assert where in r.json()["message"]
    assert _held(engine) == []
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [3, 1, 2]))  # any order
    assert r.json() == {"stored": 3, "duplicates": 0}
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [5, 6]))
    assert r.status_code == 400 and error_code(r) == "audit_gap"
    assert "up to seq 3, so the next is 4, not 5" in r.json()["message"]
    # Overlapping what the server holds is fine: the held lines count as duplicates.
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [2, 3, 4, 5]))
    assert r.json() == {"stored": 2, "duplicates": 2}
    assert _held(engine) == [1, 2, 3, 4, 5]
    # Another device's chain is its own: it starts at 1.
    other = world.device("jobbspesialist")
    r = world.call(other, "POST", "/v1/audit", _audit(other, [1]))
    assert r.json() == {"stored": 1, "duplicates": 0}


@pytest.mark.parametrize(
    "digest",
    [
        "h1",
        "",
        "A" * 64,  # not lowercase
        "0" * 63,
        "0" * 65,
        "0" * 64 + "\n",
        "g" * 64,
        "٣" * 64,
        "0" * 128,
    ],
    ids=["short", "empty", "upper", "63", "65", "newline", "not-hex", "arabic", "128"],
)
def test_an_audit_upload_whose_hash_is_not_a_hash_is_refused(
    world: World, engine: Engine, digest: str
) -> None:
    dev = world.device("jobbspesialist")
    events = [
        AuditEvent(1, "2026-11-01T10:00:00.000+00:00", dev.id, "Kari", "read", None, _hash(1)),
        AuditEvent(2, "2026-11-01T10:00:01.000+00:00", dev.id, "Kari", "read", None, digest),
    ]
    r = world.call(dev, "POST", "/v1/audit", msgspec.json.encode(AuditPush(events)))
    assert r.status_code == 400 and error_code(r) == "bad_audit_hash", r.text
    assert "Audit event 2" in r.json()["message"]
    assert _held(engine) == []


def test_an_audit_line_sent_again_with_another_hash_is_refused(
    world: World, engine: Engine
) -> None:
    dev = world.device("jobbspesialist")
    assert world.call(dev, "POST", "/v1/audit", _audit(dev, [1, 2])).status_code == 200
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [2, 3], salt="forged"))
    assert r.status_code == 409 and error_code(r) == "audit_conflict"
    twice = AuditPush(
        [
            AuditEvent(3, "x", dev.id, "Kari", "read", None, _hash(3)),
            AuditEvent(3, "x", dev.id, "Kari", "read", None, _hash(3, "forged")),
        ]
    )
    r = world.call(dev, "POST", "/v1/audit", msgspec.json.encode(twice))
    assert r.status_code == 409 and error_code(r) == "audit_conflict"
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [0, 1, 2]))
    assert r.status_code == 422
    assert _held(engine) == [1, 2]


def test_the_last_lead_device_of_a_team_cannot_revoke_itself(world: World) -> None:
    lead = world.device("teamleder")
    member = world.device("jobbspesialist")
    r = world.call(lead, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.status_code == 409 and error_code(r) == "last_lead_device"
    assert "approve another team lead device first" in r.json()["message"]
    assert world.call(lead, "GET", "/v1/grants").status_code == 200  # still approved
    # A pending lead device does not count: it can neither approve nor grant.
    pending = world.device("teamleder", approve=False)
    r = world.call(lead, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.status_code == 409 and error_code(r) == "last_lead_device"
    # With a second approved lead device, either may go, and then the other is the last.
    r = world.call(lead, "POST", f"/v1/devices/{pending.id}/approve", lead.certificate_for(pending))
    assert r.status_code == 200, r.text
    r = world.call(pending, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    r = world.call(pending, "POST", f"/v1/devices/{pending.id}/revoke")
    assert r.status_code == 409 and error_code(r) == "last_lead_device"
    # Other devices of the team are revoked as before; the admin keeps the last resort.
    r = world.call(pending, "POST", f"/v1/devices/{member.id}/revoke")
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    world.admin.revoke_device(pending.id)
    assert error_code(world.call(pending, "GET", "/v1/grants")) == "revoked"


def test_another_teams_lead_device_does_not_keep_a_team_led(world: World) -> None:
    lead = world.device("teamleder")
    world.device("teamleder", team=world.admin.create_team("IPS Tromsø"))
    r = world.call(lead, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.status_code == 409 and error_code(r) == "last_lead_device"


def test_an_audit_line_that_does_not_link_to_the_line_before_is_refused(
    world: World, engine: Engine
) -> None:
    dev = world.device("jobbspesialist")
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [1, 2, 3], chained=True))
    assert r.json() == {"stored": 3, "duplicates": 0}, r.text

    def line(seq: int, prev: str | None) -> AuditEvent:
        return AuditEvent(seq, "x", dev.id, "Kari", "read", None, _hash(seq), prev)

    for events in (
        [line(4, _hash(2))],  # links to an older held line
        [line(4, _hash(3)), line(5, _hash(3))],  # breaks inside the upload
        [line(3, _hash(1)), line(4, _hash(3))],  # a held line sent with another prev
    ):
        r = world.call(dev, "POST", "/v1/audit", msgspec.json.encode(AuditPush(events)))
        assert r.status_code == 400 and error_code(r) == "audit_broken_chain", r.text
    r = world.call(dev, "POST", "/v1/audit", msgspec.json.encode(AuditPush([line(4, "zz")])))
    assert r.status_code == 400 and error_code(r) == "bad_audit_hash"
    assert "prev_hash" in r.json()["message"]
    assert _held(engine) == [1, 2, 3]
    # A line without prev_hash (an older laptop) is checked for its seq and hash alone.
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [4, 5]))
    assert r.json() == {"stored": 2, "duplicates": 0}
    r = world.call(dev, "POST", "/v1/audit", _audit(dev, [6], chained=True))
    assert r.json() == {"stored": 1, "duplicates": 0}
    other = world.device("jobbspesialist")
    r = world.call(other, "POST", "/v1/audit", _audit(other, [1], salt="x", chained=True))
    assert r.json() == {"stored": 1, "duplicates": 0}
    another = world.device("jobbspesialist")  # its first line links to no genesis
    wrong_start = AuditEvent(1, "x", another.id, "Kari", "read", None, _hash(1), _hash(0))
    r = world.call(another, "POST", "/v1/audit", msgspec.json.encode(AuditPush([wrong_start])))
    assert r.status_code == 400 and error_code(r) == "audit_broken_chain"
