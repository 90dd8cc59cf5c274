"""The device directory end to end: certificates, key sharing from every laptop, and the
central team's report keys, against a real server process (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from app.sync_service import KEY_MISMATCH, NO_SUCH_DEVICE, SyncService
from server import db
from storage.crypto import KdfParams
from storage.profile import Profile
from sync import client as wire
from sync.client import SyncError, Transport
from sync.grants import make_grant
from sync.protocol import Grant, certificate_input
from tests.e2e.conftest import RealServer, TeamWorld, read_json, sync_all
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run


def _team_world(server: RealServer, folder: Path, name: str, **team: str) -> TeamWorld:
    created = server.admin.create_team(f"{name} {uuid.uuid4().hex[:8]}", **team)
    return TeamWorld(server, folder, created)


@pytest.fixture
def other_worlds(world: TeamWorld, tmp_path: Path) -> Iterator[list[TeamWorld]]:
    """More teams on the same server (a central team, a second ordinary team), closed after."""
    made: list[TeamWorld] = []
    try:
        yield made
    finally:
        for w in made:
            w.close()


def _grants_to(server: RealServer, device: str) -> list[tuple[str, str]]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(db.grants.c.space, db.grants.c.from_device).where(
                db.grants.c.to_device == device
            )
        ).all()
    return sorted((str(r.space), str(r.from_device)) for r in rows)


# --- sharing from every laptop ----------------------------------------------------------------


def test_a_participant_registered_offline_reaches_the_lead_and_colleagues(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    first = world.laptop("jobbspesialist", "Jonas Jobb")
    second = world.laptop("jobbspesialist", "Siri Spesialist")
    therapist = world.laptop("terapeut", "Tora Terapeut")
    sync_all(lead, first, second, therapist, rounds=1)
    assert first.sync.programme == "IPS" and first.sync.team_name == world.team.name

    # On a train, no network: a new participant and a note on the job specialist's laptop.
    pid = first.journal.create_participant({"name": "Per Pendler", "programme": "IPS"})
    note = first.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Møtte Per på toget."}, participant_id=pid
    )
    first.sync.sync_once()  # pushes, then grants work:<pid> to the team's certified devices
    assert {space for space, _ in _grants_to(world.server, second.device)} >= {f"work:{pid}"}
    assert (f"work:{pid}", first.device) in _grants_to(world.server, lead.device)

    lead.sync.sync_once()
    second.sync.sync_once()
    for laptop in (lead, second):
        assert laptop.journal.get(pid).fields["name"] == "Per Pendler"
        assert [r.id for r in laptop.journal.records(pid, "case_note")] == [note]
        assert laptop.sync.status.grant_problems == ()

    # The therapist got the work key too, and writes clinical notes that reach no job
    # specialist and no team lead, only the colleague it shares them with.
    therapist.sync.sync_once()
    session = therapist.journal.add(
        "therapy_session",
        {"date": "2026-11-21", "number": 1, "body": "Klinisk: uro på toget."},
        participant_id=pid,
    )
    colleague = world.laptop("terapeut", "Terje Terapeut")
    therapist.sync.sync_once()
    colleague.sync.sync_once()
    with pytest.raises(SyncError) as wrong:
        therapist.sync.share_clinical(colleague.device, pid, recipient_x25519=b"\x01" * 32)
    assert wrong.value.code == KEY_MISMATCH
    with pytest.raises(SyncError) as not_therapist:
        therapist.sync.share_clinical(second.device, pid)
    assert not_therapist.value.code == NO_SUCH_DEVICE
    therapist.sync.share_clinical(colleague.device, pid)  # the key comes from the directory
    sync_all(therapist, colleague, first, second, lead, rounds=2)
    assert colleague.journal.get(session).fields["body"] == "Klinisk: uro på toget."
    for laptop in (first, second, lead):
        assert not [s for s in laptop.store.keys.spaces() if s.startswith("clinical:")]
        assert laptop.store.get(session, audit=False) is None
        assert laptop.sync.status.grant_problems == ()
    # Each key version is granted once per device by each holder, not at every round.
    with world.server.engine.connect() as conn:
        per_pair = conn.execute(
            select(db.grants.c.to_device, db.grants.c.from_device, func.count())
            .where(db.grants.c.space == f"work:{pid}")
            .group_by(db.grants.c.to_device, db.grants.c.from_device)
        ).all()
    assert per_pair and all(count == 1 for _, _, count in per_pair)
    before = _grants_to(world.server, second.device)
    sync_all(first, lead, rounds=2)
    assert _grants_to(world.server, second.device) == before


def test_every_laptop_verifies_the_certificate_chains(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist")
    entries = {e.info.device_id: e for e in specialist.sync.directory()}
    assert entries[lead.device].certified  # org key → lead
    assert entries[specialist.device].certified  # org key → lead → specialist
    assert entries[lead.device].info.user_id and entries[lead.device].info.team_id
    done = lead.sync.approve_device(specialist.device)  # already certified: nothing to redo
    assert not done.certified and done.device.status == "approved"


# --- a malicious server -----------------------------------------------------------------------


def _rogue_device(
    server: RealServer, team_id: str, role: str, certifier: bytes | None
) -> tuple[str, Ed25519PrivateKey]:
    """A device the server makes up: a user and an approved device row written straight into
    its database, certified by ``certifier`` (an Ed25519 private key) or by nobody."""
    ed = Ed25519PrivateKey.generate()
    x = X25519PrivateKey.generate()
    user_id, device_id = str(uuid.uuid4()), str(uuid.uuid4())
    ed_pub = ed.public_key().public_bytes_raw()
    x_pub = x.public_key().public_bytes_raw()
    message = certificate_input(device_id, user_id, role, team_id, x_pub, ed_pub)
    certificate = (
        Ed25519PrivateKey.from_private_bytes(certifier).sign(message)
        if certifier is not None
        else Ed25519PrivateKey.generate().sign(message)  # "signed" by a key nobody knows
    )
    with db.write_tx(server.engine) as conn:
        conn.execute(
            db.users.insert().values(
                id=user_id, team_id=team_id, name=f"Rogue {device_id[:6]}", role=role, created_ms=1
            )
        )
        conn.execute(
            db.devices.insert().values(
                id=device_id,
                user_id=user_id,
                name="rogue",
                status="approved",
                x25519_public=x_pub,
                ed25519_public=ed_pub,
                certificate=certificate,
                enrolled_ms=1,
                approved_ms=1,
            )
        )
    return device_id, ed


def _insert_grant(server: RealServer, grant: Grant) -> None:
    with db.write_tx(server.engine) as conn:
        conn.execute(
            db.grants.insert().values(
                space=grant.space,
                key_version=grant.key_version,
                to_device=grant.to_device,
                from_device=grant.from_device,
                wrapped_key=grant.wrapped_key,
                signature=grant.signature,
                created_ms=db.now_ms(),
            )
        )


def test_a_grant_without_a_valid_certificate_chain_is_refused(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    victim = world.laptop("jobbspesialist", "Jonas Jobb")
    colleague = world.laptop("jobbspesialist", "Siri Spesialist")
    sync_all(lead, victim, colleague, rounds=1)
    server = world.server
    team = world.team.id

    def forged(space: str, from_device: str, signer: Ed25519PrivateKey) -> Grant:
        return make_grant(
            b"\x42" * 32,
            space=space,
            key_version=1,
            to_device=victim.device,
            recipient_x25519=victim.x25519_public(),
            from_device=from_device,
            signer_ed25519_private=signer.private_bytes_raw(),
        )

    # 1. A "team lead" the server made up, with a certificate no trusted key signed.
    fake_lead, fake_lead_key = _rogue_device(server, team, "teamleder", None)
    # 2. A device "certified" by a job specialist (who may not certify anyone).
    specialist_key = colleague.store.device_secrets.ed25519_private
    fake_device, fake_device_key = _rogue_device(server, team, "jobbspesialist", specialist_key)
    grants = [
        forged(f"work:{uuid.uuid4()}", fake_lead, fake_lead_key),
        forged(f"work:{uuid.uuid4()}", fake_device, fake_device_key),
        # 3. A grant in the real lead's name, signed by another key.
        forged(f"work:{uuid.uuid4()}", lead.device, fake_lead_key),
        # 4. Another team's space.
        forged(f"team:{team}-x", fake_lead, fake_lead_key),
    ]
    for g in grants:
        _insert_grant(server, g)
    # ... and one genuine grant in the same round: a participant made by the colleague.
    pid = colleague.journal.create_participant({"name": "Ekte Person", "programme": "IPS"})
    colleague.sync.sync_once()

    victim.sync.sync_once()
    assert victim.journal.get(pid).fields["name"] == "Ekte Person"
    for g in grants:
        assert not victim.store.keys.has(g.space), g.space
    problems = " | ".join(victim.sync.status.grant_problems)
    assert problems.count("certificate chain does not verify") == 2, problems
    assert "signature does not verify" in problems
    assert "not for this device" in problems  # another team's space

    entries = {e.info.device_id: e.certified for e in lead.sync.directory()}
    assert entries[fake_lead] is False and entries[fake_device] is False
    assert entries[lead.device] and entries[victim.device] and entries[colleague.device]
    # The made-up devices get no keys from anyone either.
    sync_all(lead, colleague, rounds=1)
    assert _grants_to(server, fake_lead) == [] and _grants_to(server, fake_device) == []


def test_a_grant_from_a_revoked_device_is_refused(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    victim = world.laptop("jobbspesialist")
    lost = world.laptop("jobbspesialist")
    sync_all(lead, victim, lost, rounds=1)
    world.server.admin.revoke_device(lost.device)
    replayed = make_grant(
        b"\x07" * 32,
        space=f"work:{uuid.uuid4()}",
        key_version=1,
        to_device=victim.device,
        recipient_x25519=victim.x25519_public(),
        from_device=lost.device,
        signer_ed25519_private=lost.store.device_secrets.ed25519_private,
    )
    _insert_grant(world.server, replayed)
    # The server no longer serves it (a revoked granter's grants do not count) ...
    served = wire.fetch_grants(victim.sync.link.signed_transport()).grants
    assert replayed not in served
    victim.sync.sync_once()
    assert not victim.store.keys.has(replayed.space)
    # ... and a server that served it all the same would be refused by the laptop.
    problems: list[str] = []
    directory = victim.sync.trust.load_directory(victim.sync.link.signed_transport())
    assert victim.sync.trust.first_valid_key([replayed], directory, problems) is None
    assert any("not an approved device" in p for p in problems)


# --- the central team -------------------------------------------------------------------------


def test_a_central_device_gets_the_reports_key_of_teams_that_grant_it_and_nothing_else(
    world: TeamWorld, tmp_path: Path, other_worlds: list[TeamWorld]
) -> None:
    server = world.server
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    pid = specialist.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    sync_all(specialist, lead, rounds=1)

    # Team U reported before any central device existed, and does not sync again.
    u_world = _team_world(server, tmp_path / "u", "SFJ Bodø", programme="SFJ", region="Nordland")
    other_worlds.append(u_world)
    u_lead = u_world.laptop("teamleder", "Ulla Leder")
    assert (u_lead.sync.programme, u_lead.sync.region) == ("SFJ", "Nordland")
    u_lead.sync.sync_once()
    u_space = f"reports:{u_world.team.id}"
    assert u_lead.store.keys.has(u_space)  # a lead makes its team's reports key
    u_snapshot = u_lead.store.put(
        record_type="report_snapshot", space=u_space, values={"period": "2026-Q3", "count": 9}
    )
    u_lead.sync.sync_once()

    # The central team: a lead (certified by the org key) approves one central device;
    # the admin approves the other with the organisation key. Only the second is trusted
    # with report keys: a team lead's certificate is not enough for that.
    central_world = _team_world(server, tmp_path / "central", "Sentralt team")
    other_worlds.append(central_world)
    central_lead = central_world.laptop("teamleder", "Sentral Leder")
    by_lead = central_world.laptop("sentralt_team", "Lars Ledergodkjent")
    central = central_world.laptop("sentralt_team", "Siv Sentral", approve=False)
    server.admin.approve_device(central.device, server.org_key)
    assert central.journal.team_space is None
    central.sync.sync_once()
    assert central.store.keys.spaces() == []

    t_space = f"reports:{world.team.id}"
    snapshot = lead.store.put(
        record_type="report_snapshot", space=t_space, values={"period": "2026-Q3", "count": 4}
    )
    lead.sync.sync_once()  # grants reports:T to the central device
    assert (t_space, lead.device) in _grants_to(server, central.device)
    assert _grants_to(server, by_lead.device) == []  # certified by a lead only: nothing
    central_lead.sync.sync_once()
    assert not central_lead.store.keys.has(f"reports:{central_world.team.id}")  # no figures
    assert central_lead.sync.team_is_central
    central.sync.sync_once()
    assert central.sync.status.grant_problems == ()
    assert central.store.keys.has(t_space)
    got = central.store.get(snapshot, audit=False)
    assert got is not None and got.fields["count"] == 4
    # Never another team's reports, never a participant's or a team's key or record.
    assert not central.store.keys.has(u_space)
    assert central.store.get(u_snapshot, audit=False) is None
    assert central.store.keys.spaces() == [t_space]
    assert central.store.get(pid, audit=False) is None
    local = central.store.conn.execute(
        "SELECT count(*) FROM changes WHERE space NOT LIKE 'reports:%'"
    ).fetchone()
    assert local[0] == 0
    assert {space for space, _ in _grants_to(server, central.device)} == {t_space}

    teams = {t.team_id: t for t in central.sync.list_teams()}
    assert teams[world.team.id].reports_shared and not teams[u_world.team.id].reports_shared
    assert (teams[u_world.team.id].programme, teams[u_world.team.id].region) == (
        "SFJ",
        "Nordland",
    )
    assert central_world.team.id not in teams

    # Even a grant the lead forges for a participant's work key is refused by the server ...
    transport = Transport(
        server.url, device_id=lead.device, signing_key=lead.store.device_secrets.ed25519_private
    )
    forged = make_grant(
        lead.store.keys.key(f"work:{pid}", 1),
        space=f"work:{pid}",
        key_version=1,
        to_device=central.device,
        recipient_x25519=central.x25519_public(),
        from_device=lead.device,
        signer_ed25519_private=lead.store.device_secrets.ed25519_private,
    )
    with transport, pytest.raises(SyncError) as refused:
        wire.post_grants(transport, [forged])
    assert refused.value.status == 403 and refused.value.server_code == "role_may_not_hold"
    # ... and, written straight into the database, neither served nor accepted.
    _insert_grant(server, forged)
    central.sync.sync_once()
    assert not central.store.keys.has(f"work:{pid}")
    assert central.store.get(pid, audit=False) is None

    # Once per key version: later rounds grant nothing new.
    before = _grants_to(server, central.device)
    lead.sync.sync_once()
    with server.engine.connect() as conn:
        count = conn.execute(
            select(func.count())
            .select_from(db.grants)
            .where(db.grants.c.to_device == central.device, db.grants.c.space == t_space)
        ).scalar_one()
    assert count == 1 and _grants_to(server, central.device) == before
    del central_lead


def test_the_before_push_hook_runs_after_the_keys_and_never_stops_a_round(
    world: TeamWorld, caplog: pytest.LogCaptureFixture
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist")
    pid = lead.journal.create_participant({"name": "Hemmelig Navn", "programme": "IPS"})
    lead.sync.sync_once()
    seen: list[bool] = []

    def snapshot() -> None:
        seen.append(specialist.store.keys.has(f"work:{pid}"))
        raise ValueError("Hemmelig Navn")  # a failure that quotes participant data

    def transport(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        return Transport(base_url, device_id=device_id, signing_key=signing_key)

    hooked = SyncService(
        specialist.journal, specialist.profile, transport_factory=transport, before_push=snapshot
    )
    try:
        with caplog.at_level(logging.WARNING, logger="feltjournal.sync"):
            result = hooked.sync_once()
    finally:
        hooked.close()
    assert seen == [True]  # the key granted at approval was in before the hook ran
    assert result.applied > 0 and specialist.journal.get(pid).fields["name"] == "Hemmelig Navn"
    assert "ValueError" in caplog.text and "Hemmelig" not in caplog.text


def test_after_a_lead_is_revoked_its_devices_are_certified_again(world: TeamWorld) -> None:
    first_lead = world.laptop("teamleder", "Lise Leder")
    second_lead = world.laptop("teamleder", "Lars Leder")  # certified by the first lead
    by_first = world.laptop("jobbspesialist")  # certified by the first lead
    by_second = world.laptop("jobbspesialist", approve=False)
    assert second_lead.sync.approve_device(by_second.device).certified
    sync_all(second_lead, by_first, by_second, rounds=1)

    def trusted(device: str) -> bool:
        return {e.info.device_id: e.certified for e in by_second.sync.directory()}[device]

    assert trusted(second_lead.device) and trusted(by_first.device) and trusted(by_second.device)
    world.server.admin.revoke_device(first_lead.device)  # e.g. the laptop was stolen
    assert not any(trusted(d.device) for d in (second_lead, by_first, by_second))
    pid = second_lead.journal.create_participant({"name": "Etter Tyveriet", "programme": "IPS"})
    sync_all(second_lead, by_first, by_second, rounds=1)
    for laptop in (by_first, by_second):
        assert not laptop.store.keys.has(f"work:{pid}")  # nothing through a broken chain

    # The admin certifies the remaining lead again: what it approved is trusted again ...
    world.server.admin.approve_device(second_lead.device, world.server.org_key)
    assert trusted(second_lead.device) and trusted(by_second.device)
    assert not trusted(by_first.device)
    assert not second_lead.sync.approve_device(by_second.device).certified  # nothing to redo
    # ... and it re-certifies the devices the revoked lead had approved.
    assert second_lead.sync.approve_device(by_first.device).certified
    assert trusted(by_first.device)
    sync_all(second_lead, by_first, by_second, rounds=1)
    for laptop in (by_first, by_second):
        assert laptop.journal.get(pid).fields["name"] == "Etter Tyveriet"
        assert laptop.sync.status.grant_problems == ()


# --- the command line -------------------------------------------------------------------------


def test_the_command_line_shows_every_member_the_directory_with_certificates(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    waiting = world.laptop("terapeut", approve=False)
    admin = world.server.admin
    user = admin.add_user(team=world.team.id, name="Jonas Jobb", role="jobbspesialist")
    folder = world.folder / "cli-js"
    folder.mkdir()
    env = cli_env(folder)
    previous = keyring.get_keyring()
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    keyring.set_keyring(JsonFileTestKeyring())  # type: ignore[no-untyped-call]
    try:
        profile = Profile(Path(env["FELTJOURNAL_PROFILE"]))
        profile.create(
            user_name="Jonas Jobb",
            role="jobbspesialist",
            passphrase=PASS,
            kdf=KdfParams.fast_for_tests(),
        )
    finally:
        keyring.set_keyring(previous)

    code = admin.issue_code(user=user.id).code
    done = run(env, "enrol", "--server", world.server.url, "--code", code, "--json")
    assert done.returncode == 0, done.stderr
    enrolled = read_json(done.stdout)
    assert enrolled["team"] == world.team.name and enrolled["programme"] == "IPS"
    device = str(enrolled["device_id"])
    lead.sync.approve_device(device)

    done = run(env, "devices", "--json")
    assert done.returncode == 0, done.stderr
    listed = {d["device_id"]: d for d in json.loads(done.stdout)["devices"]}
    assert set(listed) == {lead.device, device}  # the pending therapist is the lead's business
    assert waiting.device not in listed
    assert listed[lead.device]["certified"] is True and listed[device]["certified"] is True
    assert listed[lead.device]["role"] == "teamleder"
    assert listed[lead.device]["team_id"] == world.team.id and listed[lead.device]["user_id"]
    done = run(env, "devices")
    assert done.returncode == 0 and "Sertifisert" in done.stdout and " ja " in done.stdout
    done = run(env, "approve", waiting.device)
    assert done.returncode == 1 and "Bare en teamleders maskin" in done.stderr
