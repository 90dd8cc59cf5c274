"""Issue #5 end to end: a laptop granted a space that already holds changes gets every one of
them, even when its first backfill page is lost or never committed.

A therapist shares a participant's clinical space, holding older sessions, with a
colleague whose cursor is already past them (it synced the participant's work
space since). The colleague's next round backfills that space on its own
(``GET /v1/changes?space=…`` from 0; its main cursor goes on, nothing else is
pulled again) and either

- the server's answer to backfill page 1 is lost on the way (the connection drops
  after the server answered: an httpx transport that reads the answer and raises), or
- the laptop is killed (SIGKILL, a real ``feltjournal sync`` process) inside the
  transaction applying that page,

so the laptop holds no backfill cursor and still has the space pending. Its next
round must backfill the space again and end holding every change of it. (Before
backfill the grant made the laptop pull the whole log again; the server used to
clear its ``needs_resync`` flag on the page-1 request and serve the old cursor
afterwards, so the sessions were never received.)

Both run on SQLite and PostgreSQL server storage (the ``real_server`` fixture).
Multi-page backfills, the team case and compaction: tests/e2e/test_backfill.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from storage.crypto import KdfParams
from storage.profile import Profile
from sync.client import BACKFILL_CURSOR, OFFLINE, SyncError, Transport, pending_backfills
from tests.e2e.conftest import Laptop, TeamWorld, read_json, sync_all
from tests.e2e.helpers import held_ids, served_count, server_ids, space_state
from tests.e2e.test_resilience import _cli_store, _file_keyring, _killed_in_page, _sync
from tests.support.cli import PASS, cli_env, run

SESSIONS = 4


class LoseAnswers(httpx.BaseTransport):
    """Real HTTP to the server; while armed, the answer to the first request ``lost`` picks is
    read in full (the server answered) and then the connection 'drops' (httpx.ReadError)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.lost: Callable[[httpx.Request], bool] | None = None
        self.dropped: list[tuple[str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if self.lost is None or not self.lost(request):
            return response
        self.lost = None
        response.read()
        response.close()
        self.dropped.append((str(request.url.raw_path.decode()), response.status_code))
        raise httpx.ReadError("the connection dropped after the server answered", request=request)

    def close(self) -> None:  # a client closed; the next one gets fresh connections
        self._inner.close()
        self._inner = httpx.HTTPTransport()


def _backfill_page_1(request: httpx.Request) -> bool:
    return (
        request.method == "GET"
        and request.url.path == "/v1/changes"
        and "space" in request.url.params
        and request.url.params.get("after") == "0"
    )


def _team_with_sessions(world: TeamWorld) -> tuple[Laptop, Laptop, str, list[str]]:
    """A lead with a participant, and a therapist with clinical sessions on the server."""
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    therapist = world.laptop("terapeut", "Tora Terapeut")
    therapist.sync.sync_once()
    sessions = [
        therapist.journal.add(
            "therapy_session",
            {"date": "2026-11-20", "number": n + 1, "body": f"Time {n + 1}: uro på jobb."},
            participant_id=pid,
        )
        for n in range(SESSIONS)
    ]
    therapist.sync.sync_once()
    return lead, therapist, pid, sessions


def _move_past_the_sessions(lead: Laptop, pid: str) -> str:
    """A work-space note after the sessions, so that a colleague's cursor passes them."""
    note = lead.journal.add(
        "case_note", {"date": "2026-11-21", "body": "Møte med arbeidsgiver."}, participant_id=pid
    )
    lead.sync.sync_once()
    return note


def test_a_lost_backfill_answer_still_brings_every_change_of_the_granted_space(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead, therapist, pid, sessions = _team_with_sessions(world)
    colleague = world.laptop("terapeut", "Terje Terapeut")
    network = LoseAnswers()

    def transport(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        client = httpx.Client(transport=network, timeout=15)
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            client=client,
            now_ms=colleague.clock,
        )

    # The colleague's laptop talks to the server through the lossy network from here on.
    monkeypatch.setattr(colleague.sync, "transport_factory", transport)
    colleague.sync.close()
    colleague.sync.sync_once()
    note = _move_past_the_sessions(lead, pid)
    colleague.sync.sync_once()
    space = f"clinical:{pid}"
    expected = server_ids(world, space)
    assert len(expected) >= SESSIONS
    assert not held_ids(colleague.store, space)
    assert colleague.store.get(note, audit=False) is not None  # its cursor is past them

    therapist.sync.share_clinical(colleague.device, pid)
    network.lost = _backfill_page_1
    with pytest.raises(SyncError) as lost:
        colleague.sync.sync_once()  # backfills the space; page 1's answer never arrives
    assert lost.value.code == OFFLINE
    assert [status for _, status in network.dropped] == [200]  # the server did answer
    assert not held_ids(colleague.store, space)
    assert pending_backfills(colleague.store) == [space]

    result = colleague.sync.sync_once()
    assert held_ids(colleague.store, space) == expected
    # The space alone, from 0 again; nothing else was pulled again, nothing resynced.
    assert (result.backfilled, result.pulled, result.resyncs) == (served_count(world, space), 0, 0)
    assert pending_backfills(colleague.store) == []
    assert space_state(colleague.store, space) == space_state(therapist.store, space)
    for n, session in enumerate(sessions, start=1):
        assert colleague.journal.get(session).fields["body"] == f"Time {n}: uro på jobb."
    after = colleague.sync.sync_once()  # the backfill is done: nothing more is asked for
    assert (after.backfilled, after.backfill_pages, after.pulled) == (0, 0, 0)
    sync_all(therapist, colleague, rounds=1)
    assert held_ids(colleague.store, space) == expected
    assert colleague.store.state_hash() == therapist.store.state_hash()


def _cli_therapist(
    world: TeamWorld, lead: Laptop, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, str], str]:
    """A therapist's laptop driven by ``feltjournal`` subprocesses: enrolled and approved."""
    folder = world.folder / "cli-therapist"
    folder.mkdir()
    env = cli_env(folder)
    name = "Terje Terapeut"
    with _file_keyring(env, monkeypatch):
        Profile(Path(env["FELTJOURNAL_PROFILE"])).create(
            user_name=name, role="terapeut", passphrase=PASS, kdf=KdfParams.fast_for_tests()
        )
    user = world.server.admin.add_user(team=world.team.id, name=name, role="terapeut")
    code = world.server.admin.issue_code(user=user.id).code
    done = run(env, "--json", "enrol", "--server", world.server.url, "--code", code)
    assert done.returncode == 0, done.stderr
    device = read_json(done.stdout)["device_id"]
    assert isinstance(device, str)
    lead.sync.approve_device(device)
    return env, device


def test_a_laptop_killed_in_its_first_backfill_page_still_gets_every_change(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead, therapist, pid, sessions = _team_with_sessions(world)
    env, device = _cli_therapist(world, lead, monkeypatch)
    _sync(env)
    note = _move_past_the_sessions(lead, pid)
    _sync(env)
    space = f"clinical:{pid}"
    expected = server_ids(world, space)
    with _cli_store(env, monkeypatch) as store:
        assert not held_ids(store, space)
        assert store.get(note, audit=False) is not None  # its cursor is past them

    therapist.sync.share_clinical(device, pid)
    # It backfills the space from 0 (the round's only page with changes) and is killed
    # while applying page 1.
    _killed_in_page(env, page=1)
    with _cli_store(env, monkeypatch) as store:
        assert not held_ids(store, space)  # nothing of page 1 was committed
        assert store.cursor(BACKFILL_CURSOR + space) in (None, "0")

    resumed = _sync(env)
    with _cli_store(env, monkeypatch) as store:
        assert held_ids(store, space) == expected
        assert space_state(store, space) == space_state(therapist.store, space)
        for n, session in enumerate(sessions, start=1):
            record = store.get(session, audit=False)
            assert record is not None and record.fields["body"] == f"Time {n}: uro på jobb."
        assert pending_backfills(store) == []
    assert resumed["pulled"] == 0  # backfilled: the main pull took nothing again
    applied = resumed["applied"]
    assert isinstance(applied, int) and applied >= len(expected)
    again = _sync(env)
    assert (again["pulled"], again["applied"]) == (0, 0)
