"""The command line end to end: ``feltjournal enrol``, ``approve``, ``sync --json`` as
subprocesses against the real server; revocation with ``feltjournal-server admin``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from app.cli.failures import sentence
from app.journal import Journal
from server import db
from storage.crypto import KdfParams
from storage.errors import ProfileError
from storage.profile import Profile
from sync.client import REVOKED, SyncError
from tests.e2e.conftest import TeamWorld, read_json
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run


@contextmanager
def _profile(
    folder: Path, name: str, role: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[dict[str, str], Journal]]:
    """A CLI laptop's profile, made in this process with its file-backed test keyring.

    Made here rather than with ``feltjournal init`` (tested in tests/app) so the
    vault uses the cheap test KDF: every command below unlocks it again.
    """
    folder.mkdir(parents=True)
    env = cli_env(folder)
    previous = keyring.get_keyring()
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    keyring.set_keyring(JsonFileTestKeyring())  # type: ignore[no-untyped-call]
    profile = Profile(Path(env["FELTJOURNAL_PROFILE"]))
    try:
        profile.create(user_name=name, role=role, passphrase=PASS, kdf=KdfParams.fast_for_tests())
        store = profile.unlock(PASS)
        try:
            yield env, Journal(store)
        finally:
            store.lock()
    finally:
        keyring.set_keyring(previous)


def test_enrol_approve_and_sync_through_the_command_line(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = world.server
    admin = server.admin
    lead_user = admin.add_user(team=world.team.id, name="Lise Leder", role="teamleder")
    js_user = admin.add_user(team=world.team.id, name="Jonas Jobb", role="jobbspesialist")
    with _profile(world.folder / "lead", "Lise Leder", "teamleder", monkeypatch) as (lead, j):
        pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
        j.add("case_note", {"date": "2026-11-20", "body": "Første møte."}, participant_id=pid)
    with _profile(world.folder / "js", "Jonas Jobb", "jobbspesialist", monkeypatch) as (js, _):
        pass

    code = admin.issue_code(user=lead_user.id).code
    done = run(
        lead, "--json", "enrol", "--server", server.url, "--code", code, "--device-name", "PC"
    )
    assert done.returncode == 0, done.stderr
    lead_device = read_json(done.stdout)["device_id"]
    assert isinstance(lead_device, str)
    admin.approve_device(lead_device, server.org_key)  # the first lead: by the org key
    done = run(lead, "sync", "--json")
    assert done.returncode == 0, done.stderr
    summary = read_json(done.stdout)
    assert summary["error"] is None and summary["pending"] == 0
    assert summary["backfilled"] == 0 and summary["restamped"] == 0
    pushed = summary["pushed"]
    assert isinstance(pushed, int) and pushed >= 5  # participant and note, field by field
    # What came back was its own changes: counted apart, and none of it new here.
    assert summary["own_returned"] == summary["pulled"] >= pushed and summary["applied"] == 0

    done = run(
        js, "enrol", "--server", server.url, "--code", admin.issue_code(user=js_user.id).code
    )
    assert done.returncode == 0 and "Venter på godkjenning" in done.stdout, done.stderr
    done = run(js, "sync", "--json")
    assert done.returncode == 1
    assert read_json(done.stdout)["error"] == "pending_approval"
    # One readable line, in the command line's bokmål (not the server's English).
    assert done.stderr == (
        "feltjournal: Denne maskinen venter på godkjenning fra en teamleder; synkroniser "
        "igjen etter det.\n"
    )

    done = run(lead, "devices", "--json")
    assert done.returncode == 0, done.stderr
    devices = {d["user"]: d for d in json.loads(done.stdout)["devices"]}
    assert devices["Jonas Jobb"]["status"] == "pending"
    assert devices["Lise Leder"]["status"] == "approved"
    done = run(lead, "approve", str(devices["Jonas Jobb"]["device_id"]))
    assert done.returncode == 0, done.stderr
    assert "Godkjent: Jonas Jobb" in done.stdout
    assert done.stdout.endswith("; 2 nøkler delt.\n")

    done = run(js, "sync", "--json")
    assert done.returncode == 0, done.stderr
    summary = read_json(done.stdout)
    # Everything the lead pushed but its report snapshots (a job specialist holds no
    # reports key; the lead's sync wrote them for the periods that have closed).
    with world.server.engine.connect() as conn:
        reports = conn.execute(
            select(func.count())
            .select_from(db.changes)
            .where(db.changes.c.device_id == lead_device, db.changes.c.space.like("reports:%"))
        ).scalar_one()
    assert reports > 0
    assert summary["error"] is None and summary["applied"] == pushed - reports
    done = run(js, "--json", "participants")
    assert done.returncode == 0, done.stderr
    assert [p["name"] for p in json.loads(done.stdout)["participants"]] == ["Ola Nordmann"]

    # Revoked: one line in bokmål (no English log line before it), and the profile says
    # why it no longer opens rather than calling its vault damaged.
    done = server.admin_cli(
        "revoke-device", read_json(run(js, "--json", "status").stdout)["device_id"]
    )
    assert done.returncode == 0, done.stderr
    done = run(js, "sync")
    assert done.returncode == 1
    assert done.stderr == (
        "feltjournal: Denne maskinen er tilbakekalt av teamlederen. Nøklene er slettet, og "
        "journalen på den kan ikke lenger åpnes; dataene er tatt vare på på serveren.\n"
    )
    done = run(js, "participants")
    assert done.returncode == 1
    assert done.stderr.startswith("feltjournal: Denne maskinen er tilbakekalt og nøklene slettet")


def test_a_revoked_laptop_erases_its_keys_on_its_next_sync(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "SFJ"})
    lead.sync.sync_once()
    lost = world.laptop("jobbspesialist", "Jonas Jobb")
    lost.sync.sync_once()
    assert lost.journal.get(pid).fields["name"] == "Kari Nordmann"
    lost.journal.add("case_note", {"date": "2026-11-21", "body": "Ulest."}, participant_id=pid)

    done = world.server.admin_cli("revoke-device", lost.device, "--json")
    assert done.returncode == 0, done.stderr
    with pytest.raises(SyncError) as caught:
        lost.sync.sync_once()
    assert caught.value.code == REVOKED and "erased" in str(caught.value)
    assert lost.store.locked  # keys and data left memory

    profile = lost.profile
    assert not profile.vault_path.exists()
    assert profile.keystore().get(f"device-key:{profile.info().profile_id}") is None
    assert profile.db_path.exists() and profile.db_path.stat().st_size > 0  # kept, unreadable
    assert b"Kari Nordmann" not in profile.db_path.read_bytes()
    with pytest.raises(ProfileError) as refused:
        profile.unlock("korrekt hest batteri stift")
    # Said as what happened, not as a damaged vault file.
    assert refused.value.kind == "revoked"
    assert sentence(refused.value) == (
        f"Denne maskinen er tilbakekalt og nøklene slettet: journalen i {profile.path} kan "
        "ikke lenger åpnes. Det den hadde synkronisert, er tatt vare på på serveren."
    )
    assert profile.keys_erased() is not None
    # The rest of the team syncs on.
    lead.sync.sync_once()
    devices = {d.device_id: d.status for d in lead.sync.list_devices()}
    assert devices[lost.device] == "revoked"


def test_sync_names_a_therapists_new_computer_and_the_command_that_shares(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = world.server
    lead = world.laptop("teamleder", "Lise Leder")
    user = server.admin.add_user(team=world.team.id, name="Tora Terapeut", role="terapeut")
    with _profile(world.folder / "tora", "Tora Terapeut", "terapeut", monkeypatch) as (tora, j):
        pid = j.create_participant({"name": "Per Pendler", "programme": "IPS"})
        session = j.add(
            "therapy_session", {"date": "2026-11-16", "body": "Klinisk."}, participant_id=pid
        )
    code = server.admin.issue_code(user=user.id).code
    done = run(tora, "--json", "enrol", "--server", server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    device = read_json(done.stdout)["device_id"]
    assert isinstance(device, str)
    lead.sync.approve_device(device)
    done = run(tora, "sync")
    assert done.returncode == 0, done.stderr
    assert "datamaskin" not in done.stdout  # no other computer of hers yet

    new = world.laptop("terapeut", "Tora Terapeut", enrol=False)
    new.sync.enrol(server.url, server.admin.issue_code(user=user.id).code, "Toras nye laptop")
    world.approve(new)
    done = run(tora, "sync")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "Din nye datamaskin «Toras nye laptop» er godkjent. Del de kliniske journalene med "
        'den: feltjournal share-clinical --to "Tora Terapeut"'
    ]
    done = run(tora, "--json", "sync")
    assert read_json(done.stdout)["new_devices"] == [
        {"device_id": new.device, "device_name": "Toras nye laptop", "journals": 1}
    ]
    # The command the line names: the new computer then reads her sessions.
    done = run(tora, "share-clinical", "--to", "Tora Terapeut")
    assert done.returncode == 0, done.stderr
    new.sync.sync_once()
    assert new.journal.get(session).fields["body"] == "Klinisk."
    done = run(tora, "sync")
    assert done.returncode == 0 and "datamaskin" not in done.stdout, done.stderr


def test_an_enrolled_team_lead_reports_the_snapshot_it_published(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = world.server.admin
    user = admin.add_user(team=world.team.id, name="Kari Leder", role="teamleder")
    with _profile(world.folder / "lead", "Kari Leder", "teamleder", monkeypatch) as (lead, j):
        j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    code = admin.issue_code(user=user.id).code
    done = run(lead, "--json", "enrol", "--server", world.server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    admin.approve_device(read_json(done.stdout)["device_id"], world.server.org_key)

    done = run(lead, "central", "publish", "--period", "2026-11")
    assert done.returncode == 0 and "Publisert 2026-11" in done.stdout, done.stderr
    done = run(lead, "central", "report", "--period", "2026-11")  # before any sync
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert world.team.name in done.stdout
    assert run(lead, "sync").returncode == 0
    done = run(lead, "central", "report", "--period", "2026-11")
    assert done.returncode == 0 and done.stderr == "", done.stderr
