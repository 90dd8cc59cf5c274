"""The device directory, certificates, the central team's report grants and the team list."""

from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import Engine, inspect, select, text

from server import db, migrations
from server.admin import Team
from server.directory import add_membership
from sync.protocol import DeviceList, EnrolResponse, GrantList, TeamList, certificate_input
from tests.server.helpers import TestDevice, World, error_code, raw


def _directory(world: World, dev: TestDevice) -> dict[str, dict[str, object]]:
    r = world.call(dev, "GET", "/v1/devices")
    assert r.status_code == 200, r.text
    listed = msgspec.json.decode(r.content, type=DeviceList).devices
    return {
        d.device_id: {
            "status": d.status,
            "role": d.role,
            "team": d.team_id,
            "user": d.user_id,
            "cert": d.certificate,
        }
        for d in listed
    }


def _approve(world: World, lead: TestDevice, dev: TestDevice) -> None:
    path = f"/v1/devices/{dev.id}/approve"
    cert = lead.certificate_for(dev)
    r = world.call(lead, "POST", path, cert, content_type="application/octet-stream")
    assert r.status_code == 200, r.text


@pytest.fixture
def central_team(world: World) -> Team:
    return world.admin.create_team("Sentralt team", programme="IPS", region="Nasjonalt")


def test_every_approved_device_reads_its_teams_directory(world: World) -> None:
    lead = world.device("teamleder")
    specialist = world.device("jobbspesialist")
    therapist = world.device("terapeut", approve=False)
    gone = world.device("jobbspesialist")
    stranger = world.device("jobbspesialist", team=world.admin.create_team("Elsewhere"))
    world.admin.revoke_device(gone.id)

    seen = _directory(world, specialist)
    # Approved and revoked (marked) devices of the team; no pending one, nobody else's.
    assert set(seen) == {lead.id, specialist.id, gone.id}
    assert seen[gone.id]["status"] == "revoked"
    assert seen[lead.id]["user"] == lead.user_id and seen[lead.id]["team"] == world.team.id
    message = certificate_input(
        lead.id, lead.user_id, "teamleder", world.team.id, raw(lead.x), raw(lead.ed)
    )
    world.org_key.public_key().verify(seen[lead.id]["cert"], message)  # type: ignore[arg-type]
    # The lead also sees the pending device it has to approve.
    assert set(_directory(world, lead)) == {lead.id, specialist.id, therapist.id, gone.id}
    assert stranger.id not in _directory(world, lead)
    # A pending device reads nothing.
    assert error_code(world.call(therapist, "GET", "/v1/devices")) == "pending_approval"


def test_a_lead_certifies_and_the_certificate_is_in_the_directory(world: World) -> None:
    lead = world.device("teamleder")
    newcomer = world.device("jobbspesialist", approve=False)
    # A signature over another role than the user's: refused.
    forged = lead.ed.sign(
        certificate_input(
            newcomer.id,
            newcomer.user_id,
            "teamleder",
            world.team.id,
            raw(newcomer.x),
            raw(newcomer.ed),
        )
    )
    path = f"/v1/devices/{newcomer.id}/approve"
    r = world.call(lead, "POST", path, forged, content_type="application/octet-stream")
    assert r.status_code == 400 and error_code(r) == "bad_certificate"
    _approve(world, lead, newcomer)
    entry = _directory(world, newcomer)[newcomer.id]
    assert entry["status"] == "approved" and entry["cert"] == lead.certificate_for(newcomer)
    # A non-lead cannot certify anyone.
    third = world.device("terapeut", approve=False)
    r = world.call(
        newcomer,
        "POST",
        f"/v1/devices/{third.id}/approve",
        newcomer.certificate_for(third),
        content_type="application/octet-stream",
    )
    assert r.status_code == 403


def test_leads_see_central_devices_and_central_devices_see_leads(
    world: World, central_team: Team
) -> None:
    lead = world.device("teamleder")
    specialist = world.device("jobbspesialist")
    other_team = world.admin.create_team("IPS Bodø", programme="IPS", region="Nordland")
    other_lead = world.device("teamleder", team=other_team)
    other_specialist = world.device("jobbspesialist", team=other_team)
    central_lead = world.device("teamleder", team=central_team)
    central = world.device("sentralt_team", team=central_team)
    waiting = world.device("sentralt_team", team=central_team, approve=False)

    seen = _directory(world, lead)
    assert {central.id, central_lead.id} <= set(seen)  # the central device and its certifier
    assert waiting.id not in seen  # another team's pending device: not shown
    assert other_lead.id not in seen and other_specialist.id not in seen
    assert seen[central.id]["team"] == central_team.id and seen[central.id]["user"]
    # A job specialist sees its own team only.
    assert set(_directory(world, specialist)) == {lead.id, specialist.id}

    central_view = _directory(world, central)
    assert {lead.id, other_lead.id, central_lead.id, central.id} <= set(central_view)
    assert specialist.id not in central_view and other_specialist.id not in central_view
    assert {v["role"] for k, v in central_view.items() if k != central.id} == {"teamleder"}


def test_a_lead_grants_its_reports_key_to_a_central_device_and_nothing_else(
    world: World, central_team: Team
) -> None:
    team = world.team.id
    lead = world.device("teamleder")
    specialist = world.device("jobbspesialist")
    central = world.device("sentralt_team", team=central_team)
    pending_central = world.device("sentralt_team", team=central_team, approve=False)
    other_team = world.admin.create_team("JMO Oslo", programme="JMO")
    other_lead = world.device("teamleder", team=other_team)
    other_specialist = world.device("jobbspesialist", team=other_team)

    world.push(lead, [lead.change(f"reports:{team}", record_id="snap-1")])
    world.push(other_lead, [other_lead.change(f"reports:{other_team.id}", record_id="snap-2")])
    world.push(lead, [lead.change("work:p1")])

    refused = {
        "a participant's work key": lead.grant("work:p1", central),
        "the team key": lead.grant(f"team:{team}", central),
        "another team's reports key": lead.grant(f"reports:{other_team.id}", central),
    }
    for what, grant in refused.items():
        r = world.grant(lead, [grant])
        assert r.status_code == 403, what
    # Only a lead grants across teams, and only to a central device that is approved.
    world.push(specialist, [specialist.change("work:p2")])
    assert world.grant(specialist, [specialist.grant("work:p2", central)]).status_code == 404
    assert world.grant(lead, [lead.grant(f"reports:{team}", pending_central)]).status_code == 404
    assert world.grant(lead, [lead.grant(f"reports:{team}", other_specialist)]).status_code == 404

    good = lead.grant(f"reports:{team}", central)
    assert world.grant(lead, [good]).status_code == 200
    mine = msgspec.json.decode(world.call(central, "GET", "/v1/grants").content, type=GrantList)
    assert mine.grants == [good]
    changes, _ = world.pull_all(central)
    assert [(c.space, c.record_id) for c in changes] == [(f"reports:{team}", "snap-1")]
    # It cannot write into a team's reports, nor start another team's reports space.
    result = world.push(central, [central.change(f"reports:{other_team.id}")])
    assert [r.code for r in result.rejected] == ["not_member"]
    result = world.push(central, [central.change(f"reports:{team}")])
    assert [r.code for r in result.rejected] == ["not_member"]


def test_a_central_device_never_gets_a_participant_key_or_record(
    world: World, central_team: Team, engine: Engine
) -> None:
    lead = world.device("teamleder")
    central = world.device("sentralt_team", team=central_team)
    world.push(lead, [lead.change("work:p1"), lead.change(f"team:{world.team.id}")])
    forged = lead.grant("work:p1", central)
    # A server-side forgery: the grant and a membership written straight into the tables.
    with db.write_tx(engine) as conn:
        conn.execute(
            db.grants.insert().values(
                space=forged.space,
                key_version=1,
                to_device=central.id,
                from_device=lead.id,
                wrapped_key=forged.wrapped_key,
                signature=forged.signature,
                created_ms=db.now_ms(),
            )
        )
        add_membership(conn, "work:p1", central.id, "grant", 0, resync=False)
        add_membership(conn, f"team:{world.team.id}", central.id, "grant", 0, resync=False)
    assert world.call(central, "GET", "/v1/grants").json()["grants"] == []
    assert world.pull(central).changes == []
    assert world.pull(central, msgpack=True).changes == []


def test_central_devices_list_the_teams_they_report_on(world: World, central_team: Team) -> None:
    lead = world.device("teamleder")
    central = world.device("sentralt_team", team=central_team)
    sfj = world.admin.create_team("SFJ Bergen", programme="SFJ", region="Vestland")
    world.device("teamleder", team=sfj)
    assert error_code(world.call(lead, "GET", "/v1/teams")) == "forbidden"

    def teams() -> dict[str, tuple[str, str, str, bool]]:
        r = world.call(central, "GET", "/v1/teams")
        assert r.status_code == 200, r.text
        found = msgspec.json.decode(r.content, type=TeamList).teams
        return {t.team_id: (t.name, t.programme, t.region, t.reports_shared) for t in found}

    before = teams()
    assert central_team.id not in before  # a central team reports nothing
    assert before[sfj.id] == ("SFJ Bergen", "SFJ", "Vestland", False)
    assert before[world.team.id][3] is False
    assert world.grant(lead, [lead.grant(f"reports:{world.team.id}", central)]).is_success
    after = teams()
    assert after[world.team.id][3] is True and after[sfj.id][3] is False


def test_enrolment_names_the_teams_programme_and_region(world: World) -> None:
    team = world.admin.create_team("JMO Tromsø", programme="JMO", region="Troms")
    user = world.admin.add_user(team=team.id, name="Tone", role="jobbspesialist")
    r = world.enrol(world.admin.issue_code(user=user.id).code)
    answer = msgspec.json.decode(r.content, type=EnrolResponse)
    assert (answer.team_name, answer.programme, answer.region) == ("JMO Tromsø", "JMO", "Troms")
    with pytest.raises(Exception, match="Unknown programme"):
        world.admin.create_team("Bad", programme="NAV")


def test_an_old_database_gets_programme_and_region_by_migration(engine: Engine) -> None:
    with db.write_tx(engine) as conn:
        conn.execute(
            db.teams.insert().values(
                id="t-old", name="Old team", created_ms=1, programme="SFJ", region="x"
            )
        )
        # Back to the schema of migration 1: no programme or region yet.
        conn.execute(text("ALTER TABLE teams DROP COLUMN programme"))
        conn.execute(text("ALTER TABLE teams DROP COLUMN region"))
    migrations.stamp(engine, 1)  # as before revision 2
    with engine.connect() as conn:
        assert "programme" not in {c["name"] for c in inspect(conn).get_columns("teams")}
    assert migrations.migrate(engine) == migrations.revisions()[1:]
    with db.read_tx(engine) as conn:
        row = conn.execute(
            select(db.teams.c.programme, db.teams.c.region).where(db.teams.c.id == "t-old")
        ).one()
    assert tuple(row) == ("IPS", "")
    assert migrations.migrate(engine) == []
