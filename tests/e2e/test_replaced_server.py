"""A team lead's laptop after its server was replaced (issue #17): the team records it wrote
for the old server's team are refused by the new server's team for good. ``feltjournal
sync`` says so in one sentence with the way out, ``--json`` counts them, and an export holds
them; everything else reaches the new server. ``sync --adopt-stranded`` brings them into the
new team, where a colleague's laptop reads them. Real server processes, one after
the other at the same address, on SQLite and PostgreSQL; the laptop is driven through the
command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from app.cli.sync import stranded_sentence
from app.journal import Journal
from app.operations.team import fte_record_id, set_fte
from app.store_settings import TEAM_ID
from server import db
from server.admin import Admin
from storage.profile import Profile
from tests.e2e.conftest import RealServer, read_json
from tests.e2e.hosts import Host, host, server_cli
from tests.e2e.test_cli import _profile
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, run

__all__ = ["host"]  # the fixture


@contextmanager
def _open(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    """The CLI laptop's journal, opened in this process with its file-backed keyring."""
    previous = keyring.get_keyring()
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    keyring.set_keyring(JsonFileTestKeyring())  # type: ignore[no-untyped-call]
    store = Profile(Path(env["FELTJOURNAL_PROFILE"])).unlock(PASS)
    try:
        yield Journal(store)
    finally:
        store.lock()
        keyring.set_keyring(previous)


def _server(host: Host, label: str) -> RealServer:
    """A server started on its own new database (``label``), the organisation key kept
    (every laptop pins it): the first, or its replacement at the same address."""
    data, database = host.folder / "data", host.database(label)
    assert server_cli("admin", "init", "--data", str(data), "--database", database).returncode == 0
    return host.start(data, database)


def _colleague(js: dict[str, str], lead: dict[str, str], server: RealServer, team: str) -> None:
    """The job specialist's laptop enrolled in ``team`` and approved by the lead's."""
    user = server.admin.add_user(team=team, name="Jonas Jobb", role="jobbspesialist")
    code = server.admin.issue_code(user=user.id).code
    done = run(js, "--json", "enrol", "--server", server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    assert run(lead, "approve", str(read_json(done.stdout)["device_id"])).returncode == 0


def _enrol(env: dict[str, str], admin: Admin, url: str, org_key: object) -> str:
    team = admin.create_team("IPS Bergen", programme="IPS")
    user = admin.add_user(team=team.id, name="Lise Leder", role="teamleder")
    done = run(
        env, "--json", "enrol", "--server", url, "--code", admin.issue_code(user=user.id).code
    )
    assert done.returncode == 0, done.stderr
    device = str(read_json(done.stdout)["device_id"])
    admin.approve_device(device, org_key)  # type: ignore[arg-type]
    return team.id


def test_team_records_for_a_replaced_servers_team_are_named_and_kept_and_the_rest_syncs(
    host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _server(host, "old")
    with _profile(host.folder / "lead", "Lise Leder", "teamleder", monkeypatch) as (env, j):
        pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    old_team = _enrol(env, old.admin, old.url, old.org_key)
    assert run(env, "sync").returncode == 0
    with _open(env, monkeypatch) as j:  # offline, then the server is replaced
        assert j.team_space == f"team:{old_team}"
        employer = j.add("employer", {"name": "Lager AS", "org_number": "974760673"})
        j.add("employer_contact_person", {"name": "Per Lager"}, parent=employer)
        j.add("case_note", {"date": "2026-11-21", "body": "Etter møtet."}, participant_id=pid)
    host.stop(old)

    new = _server(host, "new")
    forgotten = run(env, "sync")
    assert forgotten.returncode == 1 and "er serveren byttet ut?" in forgotten.stderr, (
        forgotten.stderr
    )
    new_team = _enrol(env, new.admin, new.url, new.org_key)
    assert new_team != old_team

    done = run(env, "sync", "--json")
    assert done.returncode == 0, done.stderr
    answer = read_json(done.stdout)
    with _open(env, monkeypatch) as j:
        store = j.store
        assert store.setting(TEAM_ID) == new_team
        mine = [c for c in store.all_changes() if c.device == store.device]
    foreign = [c for c in mine if c.space.partition(":")[2] == old_team]
    assert {c.space for c in foreign} >= {f"team:{old_team}"}
    assert answer["stranded"] == len(foreign) == answer["pending"]
    with new.engine.connect() as conn:
        held = set(conn.scalars(select(db.changes.c.change_id)))
    assert {c.change_id for c in mine if c not in foreign} <= held  # the rest arrived
    assert not {c.change_id for c in foreign} & held

    again = run(env, "sync")  # the words, every round, until they are dealt with
    assert again.returncode == 0
    assert again.stdout.startswith("Synkronisert:")
    assert again.stderr == f"feltjournal: {stranded_sentence(len(foreign))}\n"

    exported = host.folder / "eksport.json"  # the way out the sentence names
    done = run(env, "export", "--format", "json", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    text = exported.read_text("utf-8")
    assert "Lager AS" in text and "Per Lager" in text
    assert json.loads(text)


def test_a_lead_brings_the_stranded_team_records_into_the_new_team_for_colleagues_to_read(
    host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _server(host, "old")
    with _profile(host.folder / "lead", "Lise Leder", "teamleder", monkeypatch) as (env, _):
        pass
    with _profile(host.folder / "js", "Jonas Jobb", "jobbspesialist", monkeypatch) as (js, _):
        pass
    old_team = _enrol(env, old.admin, old.url, old.org_key)
    _colleague(js, env, old, old_team)
    with _open(env, monkeypatch) as j:
        shared = j.add("employer", {"name": "Fisk AS"})  # reaches the colleague's laptop
    assert run(env, "sync").returncode == 0
    assert run(js, "sync").returncode == 0
    with _open(js, monkeypatch) as j:
        held = j.store.get(shared)
        assert held is not None and held.space == f"team:{old_team}"
    with _open(env, monkeypatch) as j:  # offline, then the server is replaced
        employer = j.add("employer", {"name": "Lager AS", "org_number": "974760673"})
        person = j.add("employer_contact_person", {"name": "Per Lager"}, parent=employer)
        set_fte(j, job_specialist="Jonas Jobb", fte=0.5)
    host.stop(old)

    new = _server(host, "new")
    new_team = _enrol(env, new.admin, new.url, new.org_key)
    done = run(env, "sync", "--json")
    assert done.returncode == 0, done.stderr
    stranded = read_json(done.stdout)["stranded"]
    assert isinstance(stranded, int) and stranded > 0

    done = run(env, "sync", "--adopt-stranded")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Tok med 4 oppføringer i dette teamet (2 × Arbeidsgiver")
    assert "Lager" not in done.stdout + done.stderr
    assert done.stderr == ""  # nothing stranded is left to tell of
    again = read_json(run(env, "sync", "--json").stdout)
    assert again["stranded"] == 0 and again["pending"] == 0
    space = f"team:{new_team}"
    fte = fte_record_id(space, "Jonas Jobb")
    with new.engine.connect() as conn:
        held = {
            (str(rid), str(sp))
            for rid, sp in conn.execute(
                select(db.changes.c.record_id, db.changes.c.space).where(
                    db.changes.c.space.like("team:%")
                )
            )
        }
    assert {(employer, space), (person, space), (fte, space)} <= held
    assert not {s for _, s in held if s != space}, old_team

    # The job specialist, enrolled in the new team, reads them; the employer the old
    # server gave the laptop moves into the new team with what the lead brought in.
    _colleague(js, env, new, new_team)
    done = run(js, "sync", "--json")
    assert done.returncode == 0, done.stderr
    assert read_json(done.stdout)["stranded"] == 0
    with _open(js, monkeypatch) as j:
        moved = j.store.get(shared)
        assert moved is not None and moved.space == space and moved.fields["name"] == "Fisk AS"
        contact = j.store.get(person)
        assert contact is not None and contact.fields["name"] == "Per Lager"
        assert contact.parent == employer and contact.space == space
        shared = j.store.get(fte)
        assert shared is not None and shared.fields["fte"] == 0.5
    done = run(js, "--json", "employers")
    assert done.returncode == 0, done.stderr
    assert "Lager AS" in done.stdout
