"""Issue #13 items 2 and 3 end to end: a revoked laptop's grant never hides a valid one, a
missing grant is made again by a laptop that holds the key, and a clinical grant counts only
from a therapist (SECURITY-TESTS 18, 19). A real server process on SQLite and PostgreSQL.

The schedule of the issue: laptop A registers a participant and syncs; laptop B syncs and
receives it (and, holding the key now, grants it to the lead as well); B is revoked; the
team lead, offline until then, syncs and must read the participant.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import delete, select

from server import db
from server.directory import add_membership
from sync import client as wire
from sync.client import SyncError, Transport
from sync.grants import make_grant
from tests.e2e.conftest import Laptop, RealServer, TeamWorld, read_json, sync_all
from tests.e2e.test_cli import _profile
from tests.support.cli import run


def _granters(server: RealServer, space: str, to_device: str) -> set[str]:
    with server.engine.connect() as conn:
        return set(
            conn.scalars(
                select(db.grants.c.from_device).where(
                    db.grants.c.space == space, db.grants.c.to_device == to_device
                )
            )
        )


def _schedule(world: TeamWorld) -> tuple[Laptop, Laptop, Laptop, str]:
    """Lead, A and B enrolled; A registers a participant; B receives it and grants it too."""
    lead = world.laptop("teamleder", "Lise Leder")
    a = world.laptop("jobbspesialist", "Anne A")
    b = world.laptop("jobbspesialist", "Bjørn B")
    sync_all(lead, a, b, rounds=1)
    pid = a.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    a.sync.sync_once()
    b.sync.sync_once()
    assert b.journal.get(pid).fields["name"] == "Kari Nordmann"
    # B holds the key now and grants it to the lead as well; both grants are kept.
    assert _granters(world.server, f"work:{pid}", lead.device) == {a.device, b.device}
    return lead, a, b, pid


def test_a_revoked_laptops_grant_never_hides_a_valid_one(world: TeamWorld) -> None:
    lead, _, b, pid = _schedule(world)
    world.server.admin.revoke_device(b.device)

    lead.sync.sync_once()  # offline until now
    assert lead.journal.get(pid).fields["name"] == "Kari Nordmann"
    assert lead.sync.status.grant_problems == ()
    assert lead.sync.status.unreadable_records == 0


def test_a_missing_grant_is_made_again_by_a_laptop_that_holds_the_key(world: TeamWorld) -> None:
    lead, a, b, pid = _schedule(world)
    space = f"work:{pid}"
    # What the server before migration 5 left: B's grant had replaced A's.
    with db.write_tx(world.server.engine) as conn:
        conn.execute(
            delete(db.grants).where(
                db.grants.c.space == space,
                db.grants.c.to_device == lead.device,
                db.grants.c.from_device == a.device,
            )
        )
    world.server.admin.revoke_device(b.device)

    lead.sync.sync_once()
    assert not lead.store.keys.has(space)
    assert lead.sync.status.unreadable_records >= 1
    assert lead.sync.status.unreadable_participants == 1

    # A's next round sees B revoked, asks which grants lack a trusted granter, grants again.
    a.sync.sync_once()
    assert a.device in _granters(world.server, space, lead.device)
    lead.sync.sync_once()
    assert lead.journal.get(pid).fields["name"] == "Kari Nordmann"
    assert (lead.sync.status.unreadable_records, lead.sync.status.unreadable_participants) == (
        0,
        0,
    )
    # Asked once per change of the revoked devices, not every round: nothing more is sent.
    before = _granters(world.server, space, lead.device)
    sync_all(a, lead, rounds=2)
    assert _granters(world.server, space, lead.device) == before


def test_a_clinical_key_lost_with_a_revoked_therapist_is_shared_again_with_its_members(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    treating = world.laptop("terapeut", "Tora Terapeut")
    second = world.laptop("terapeut", "Terje Terapeut")
    third = world.laptop("terapeut", "Tone Terapeut")
    outsider = world.laptop("terapeut", "Trond Terapeut")
    sync_all(lead, treating, second, third, outsider, rounds=1)
    pid = treating.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    session = treating.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 1, "body": "Klinisk notat."},
        participant_id=pid,
    )
    treating.sync.sync_once()
    treating.sync.share_clinical(second.device, pid)
    second.sync.sync_once()
    second.sync.share_clinical(third.device, pid)
    space = f"clinical:{pid}"
    # The treating therapist never granted the third: its only grant is the second's.
    assert _granters(world.server, space, third.device) == {second.device}
    # A compromised server also calls an outsider a member; no therapist ever granted it.
    with db.write_tx(world.server.engine) as conn:
        add_membership(conn, space, outsider.device, "grant", db.now_ms(), resync=False)
    world.server.admin.revoke_device(second.device)

    third.sync.sync_once()
    assert not third.store.keys.has(space)
    treating.sync.sync_once()  # sees the revocation, shares again with the member
    third.sync.sync_once()
    assert third.journal.get(session).fields["body"] == "Klinisk notat."
    # Need to know: no other therapist, and no lead, got the clinical key; the server's
    # word that the outsider is a member was not enough without a therapist's grant.
    sync_all(outsider, lead, rounds=1)
    assert not outsider.store.keys.has(space) and not lead.store.keys.has(space)
    assert _granters(world.server, space, outsider.device) == set()


def test_a_clinical_grant_from_a_lead_is_refused_and_the_others_still_apply(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    therapist = world.laptop("terapeut", "Tora Terapeut")
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    sync_all(lead, therapist, specialist, rounds=1)
    # A grant the server must refuse (the lead holds no clinical key; it makes one up) ...
    forged = make_grant(
        b"\x42" * 32,
        space=f"clinical:{uuid.uuid4()}",
        key_version=1,
        to_device=therapist.device,
        recipient_x25519=therapist.x25519_public(),
        from_device=lead.device,
        signer_ed25519_private=lead.store.device_secrets.ed25519_private,
    )
    try:
        wire.post_grants(lead.sync.link.signed_transport(), [forged])
    except SyncError as exc:
        assert exc.server_code == "granter_not_holder"
    else:
        raise AssertionError("the server stored a clinical grant from a team lead")
    # ... and which a compromised server serves all the same, first in the page.
    with db.write_tx(world.server.engine) as conn:
        conn.execute(
            db.grants.insert().values(
                space=forged.space,
                key_version=1,
                to_device=therapist.device,
                from_device=lead.device,
                wrapped_key=forged.wrapped_key,
                signature=forged.signature,
                created_ms=db.now_ms(),
            )
        )
    pid = specialist.journal.create_participant({"name": "Per Pendler", "programme": "IPS"})
    specialist.sync.sync_once()  # grants work:<pid> to the therapist, after the forged one

    therapist.sync.sync_once()
    assert not therapist.store.keys.has(forged.space)
    assert therapist.journal.get(pid).fields["name"] == "Per Pendler"
    problems = " | ".join(therapist.sync.status.grant_problems)
    assert f"{forged.space}: granted by a device that may not hold this space" in problems


# --- the command line says so ------------------------------------------------------------------


def test_sync_exits_4_and_says_why_while_records_wait_for_a_key(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    user = world.server.admin.add_user(team=world.team.id, name="Cato CLI", role="jobbspesialist")
    with _profile(world.folder / "cli", "Cato CLI", "jobbspesialist", monkeypatch) as (env, _):
        pass
    code = world.server.admin.issue_code(user=user.id).code
    done = run(env, "--json", "enrol", "--server", world.server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    device = read_json(done.stdout)["device_id"]
    assert isinstance(device, str)
    lead.sync.approve_device(device)
    a = world.laptop("jobbspesialist", "Anne A")
    pid = a.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    a.journal.add("case_note", {"date": "2026-11-20", "body": "Første møte."}, participant_id=pid)
    a.sync.sync_once()
    # The grant to this laptop is lost (as an older server lost it): the records arrive,
    # their key does not.
    with db.write_tx(world.server.engine) as conn:
        conn.execute(
            delete(db.grants).where(
                db.grants.c.space == f"work:{pid}", db.grants.c.to_device == device
            )
        )

    done = run(env, "sync", "--json")
    assert done.returncode == 4, done.stderr
    summary = read_json(done.stdout)
    assert summary["error"] is None
    assert (summary["unreadable_records"], summary["unreadable_participants"]) == (2, 1)
    done = run(env, "sync")
    assert done.returncode == 4
    assert done.stderr.strip() == (
        "feltjournal: 2 oppføringer om 1 deltaker kan ikke leses på denne maskinen fordi den "
        "mangler nøkkelen; be en kollega som har tilgang, eller teamlederen, om å synkronisere, "
        "og synkroniser deretter igjen."
    )
    assert "Traceback" not in done.stderr and "Kari" not in done.stderr + done.stdout

    a.store.set_setting("sync.granted", "{}")  # A grants its keys again
    a.sync.sync_once()
    done = run(env, "sync", "--json")
    assert done.returncode == 0, done.stderr
    summary = read_json(done.stdout)
    assert (summary["unreadable_records"], summary["unreadable_participants"]) == (0, 0)


class _OlderServer(httpx.BaseTransport):
    """Real HTTP to the server, but GET /v1/grants/missing answers as a server that
    predates it (404 not_found)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.asked = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/grants/missing":
            self.asked += 1
            return httpx.Response(
                404, json={"code": "not_found", "message": "No such endpoint."}, request=request
            )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def test_a_server_without_the_missing_list_never_stops_a_round(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    a = world.laptop("jobbspesialist", "Anne A")
    network = _OlderServer()

    def transport(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            client=httpx.Client(transport=network, timeout=15),
            now_ms=a.clock,
        )

    monkeypatch.setattr(a.sync, "transport_factory", transport)
    a.sync.close()
    pid = a.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    a.sync.sync_once()
    a.sync.sync_once()
    assert network.asked == 1  # once, not at every round
    lead.sync.sync_once()
    assert lead.journal.get(pid).fields["name"] == "Kari Nordmann"
