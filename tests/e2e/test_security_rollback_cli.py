"""SECURITY-TESTS.md line 4 on the command line: ``feltjournal sync`` says in one line
that sync is paused after the server lost changes, stays paused, and ``sync --resume``
sends this laptop's changes to the server again (subprocesses against the real server)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli.failures import SYNC_TEXTS
from app.words import tr, use_language
from server import db
from sync.client import ROLLED_BACK
from tests.e2e.conftest import TeamWorld, read_json
from tests.e2e.test_cli import _profile
from tests.e2e.test_security_rollback import _last_seq, _roll_back
from tests.support.cli import run


def _held_by(world: TeamWorld, device: str) -> int:
    with world.server.engine.connect() as conn:
        return int(
            conn.scalar(
                select(func.count()).select_from(db.changes).where(db.changes.c.device_id == device)
            )
            or 0
        )


def test_sync_on_the_command_line_pauses_after_a_rollback_and_resumes_on_request(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = world.server
    user = server.admin.add_user(team=world.team.id, name="Lise Leder", role="teamleder")
    with _profile(world.folder / "lead", "Lise Leder", "teamleder", monkeypatch) as (env, j):
        pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
        j.add("case_note", {"date": "2026-11-20", "body": "Første møte."}, participant_id=pid)
    code = server.admin.issue_code(user=user.id).code
    done = run(env, "--json", "enrol", "--server", server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    device = read_json(done.stdout)["device_id"]
    assert isinstance(device, str)
    server.admin.approve_device(device, server.org_key)
    backup_at = _last_seq(server)
    done = run(env, "sync", "--json")
    assert done.returncode == 0, done.stderr
    held = _held_by(world, device)
    assert held >= 5

    assert _roll_back(server, backup_at) == held  # the backup predates all of them
    use_language("nb")
    paused = tr(SYNC_TEXTS[ROLLED_BACK])
    assert paused.startswith("Synkroniseringen står")
    for _ in range(2):  # and stays paused
        done = run(env, "sync")
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == f"feltjournal: {paused}\n"  # one readable line, in bokmål
    done = run(env, "sync", "--json")
    assert done.returncode == 1
    assert read_json(done.stdout)["error"] == ROLLED_BACK
    assert _held_by(world, device) == 0

    done = run(env, "sync", "--resume")
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("Synkroniseringen fortsetter")
    # Its own changes came back from the server: sent, and no news (not «hentet»).
    assert second == f"Synkronisert: {held} sendt, 0 nye fra serveren, 0 venter."
    assert _held_by(world, device) == held
    done = run(env, "sync", "--resume", "--json")  # not paused: an ordinary round
    assert done.returncode == 0, done.stderr
    assert read_json(done.stdout)["error"] is None
