"""Acceptance scenarios 6 and 10 of the sync issue, against a real server process.

6. The client process is killed (SIGKILL) while applying a pulled page; after a
   restart the next sync completes with no gap and nothing applied twice.
10. A device offline past the compaction horizon resyncs and keeps its unsynced
    edits: they reach the server and the other laptops.

Both run on SQLite and on PostgreSQL server storage (the ``real_server`` fixture).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from sqlalchemy import update

from server import db
from storage.crypto import KdfParams
from storage.profile import Profile
from storage.store import RecordStore
from sync.protocol import MAX_PULL_LIMIT
from tests.e2e.conftest import DAY_MS, Laptop, TeamWorld, read_json, sync_all
from tests.e2e.helpers import kill_at_mark
from tests.e2e.pull_child import MARK
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run

PAGE = 1000  # SyncClient's page size: the CLI pulls in pages of this many changes


def _fields(store: RecordStore) -> dict[str, dict[str, object]]:
    return {r.id: r.fields for r in store.query()}


@contextmanager
def _file_keyring(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process uses the CLI profile's file-backed test keyring for a while."""
    previous = keyring.get_keyring()
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    keyring.set_keyring(JsonFileTestKeyring())  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@contextmanager
def _cli_store(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordStore]:
    """The CLI laptop's store, unlocked in this process (its keyring is a file)."""
    with _file_keyring(env, monkeypatch):
        store = Profile(Path(env["FELTJOURNAL_PROFILE"])).unlock(PASS)
        try:
            yield store
        finally:
            store.lock()


def _cli_laptop(world: TeamWorld, lead: Laptop, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A job specialist's laptop driven by ``feltjournal`` subprocesses: enrolled and approved."""
    folder = world.folder / "cli-laptop"
    folder.mkdir()
    env = cli_env(folder)
    name = "Jonas Jobb"
    with _file_keyring(env, monkeypatch):
        Profile(Path(env["FELTJOURNAL_PROFILE"])).create(
            user_name=name, role="jobbspesialist", passphrase=PASS, kdf=KdfParams.fast_for_tests()
        )
    user = world.server.admin.add_user(team=world.team.id, name=name, role="jobbspesialist")
    code = world.server.admin.issue_code(user=user.id).code
    done = run(env, "--json", "enrol", "--server", world.server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    device = read_json(done.stdout)["device_id"]
    assert isinstance(device, str)
    lead.sync.approve_device(device)
    return env


def _sync(env: dict[str, str]) -> dict[str, object]:
    done = run(env, "sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = read_json(done.stdout)
    assert summary["error"] is None
    return summary


def _killed_in_page(env: dict[str, str], page: int) -> None:
    """``feltjournal sync`` in a child process, SIGKILLed inside the transaction of a page."""
    kill_at_mark("tests.e2e.pull_child", [str(page), "--", "sync", "--json"], env, MARK)


# --- (6) killed while applying a pull: no gap, nothing twice ---------------------------------


def test_6_a_laptop_killed_while_applying_a_pull_resumes_with_no_gap_and_nothing_twice(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    other = world.laptop("jobbspesialist")  # the replica to compare with
    env = _cli_laptop(world, lead, monkeypatch)
    first = _sync(env)  # the keys and the participant
    assert first["applied"] and first["pending"] == 0

    with lead.store.transaction():
        for n in range(700):
            lead.journal.add(
                "case_note",
                {"date": "2026-11-20", "body": f"Notat {n}: samtale om arbeidsgiverkontakt."},
                participant_id=pid,
            )
    pushed = lead.sync.sync_once().pushed
    assert pushed > 2 * PAGE  # at least three pages: one committed, one killed, one left
    per_note = pushed // 700
    assert per_note * 700 == pushed

    _killed_in_page(env, page=2)  # page 1 committed with its cursor, page 2 half-way
    with _cli_store(env, monkeypatch) as store:
        notes_after_kill = len(store.query(record_type="case_note", parent=pid))
    # Page 1's notes are in (one may straddle the page boundary), page 2's are not.
    assert PAGE // per_note <= notes_after_kill <= -(-PAGE // per_note)

    resumed = _sync(env)
    # It went on from page 1's cursor: exactly the changes after it, each applied once
    # (none of page 2 was left behind half-applied, none was skipped).
    assert resumed["pulled"] == pushed - PAGE
    assert resumed["applied"] == resumed["pulled"]
    assert _sync(env)["pulled"] == 0

    other.sync.sync_once()
    with _cli_store(env, monkeypatch) as store:
        assert len(store.query(record_type="case_note", parent=pid)) == 700
        assert len(store.all_changes()) == len(other.store.all_changes())
        assert store.state_hash() == other.store.state_hash()


# --- (10) offline past the compaction horizon: resync, unsynced edits kept --------------------


def test_10_a_laptop_offline_past_the_horizon_resyncs_and_keeps_its_unsynced_edits(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    away, colleague = world.laptop("jobbspesialist"), world.laptop("jobbspesialist")
    sync_all(away, colleague, rounds=1)  # the participant's key
    note = away.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Første møte."}, participant_id=pid
    )
    sync_all(away, colleague, lead, rounds=2)

    # Offline from here: edits that only this laptop has.
    away.journal.update(note, {"body": "Første møte. Skrevet ferdig på toget."})
    offline_note = away.journal.add(
        "case_note", {"date": "2026-11-21", "body": "Besøk hos arbeidsgiver."}, participant_id=pid
    )
    unsynced = away.store.outbox_size()
    assert unsynced > 0

    # Meanwhile the team rewrites a register many times: history that compaction removes,
    # and enough of it that the resync below pulls several pages under the horizon.
    for n in range(12):
        colleague.journal.update(pid, {"status": "paused" if n % 2 else "active"})
    with colleague.store.transaction():
        for n in range(800):  # three changes each: more than one page of MAX_PULL_LIMIT
            colleague.journal.add(
                "case_note", {"date": "2026-11-22", "body": f"Kort notat {n}."}, participant_id=pid
            )
    sync_all(colleague, lead, rounds=1)
    colleague.journal.update(pid, {"status": "exited"})
    sync_all(colleague, lead, rounds=1)
    # Two days pass on the server (for this team's changes), then the admin compacts.
    with world.server.engine.begin() as conn:
        conn.execute(
            update(db.changes)
            .where(db.changes.c.space.in_([f"work:{pid}", f"team:{world.team.id}"]))
            .values(received_ms=db.changes.c.received_ms - 2 * DAY_MS)
        )
    done = world.server.admin_cli("compact", "--days", "1", "--json")
    assert done.returncode == 0, done.stderr
    compaction = json.loads(done.stdout)
    assert compaction["removed_registers"] >= 12 and compaction["horizon"] > 0

    result = away.sync.sync_once()
    assert result.resyncs == 1  # its cursor was older than the horizon: pulled again from 0
    assert result.pushed == unsynced and away.store.outbox_size() == 0
    assert result.pulled > MAX_PULL_LIMIT  # larger than any page: it paged below the horizon
    # Its own offline edits are still there, next to everything the team did.
    assert away.journal.get(note).fields["body"] == "Første møte. Skrevet ferdig på toget."
    assert away.journal.get(offline_note).fields["body"] == "Besøk hos arbeidsgiver."
    assert away.journal.get(pid).fields["status"] == "exited"

    sync_all(colleague, lead, away, rounds=2)
    for laptop in (colleague, lead):
        assert laptop.journal.get(note).fields["body"] == "Første møte. Skrevet ferdig på toget."
        assert laptop.journal.get(offline_note).fields["body"] == "Besøk hos arbeidsgiver."
    assert _fields(away.store) == _fields(colleague.store)
    assert _fields(away.store).keys() <= _fields(lead.store).keys()
