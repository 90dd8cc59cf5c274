"""Issue #5, second part, end to end: a newly granted space is backfilled on its own.

Every laptop of a team is granted the work space of each participant a colleague
registers. That grant used to make every laptop pull the whole log again; now
the laptop pulls that one space (``GET /v1/changes?space=…``) and its main cursor
goes on. Here, with real server processes on SQLite and PostgreSQL:

- a lead and two job specialists with a sizeable history; one registers a
  participant; the others hold it after one round and pulled only that space;
- the case where the backfill is needed (the grant arrives after the laptop's
  cursor passed the space's changes: the creator's grants failed at first),
  with the answer to backfill page 2 lost, and with a real ``feltjournal sync``
  process SIGKILLed inside page 2's transaction: both resume from page 1's
  cursor and end with every change;
- a compaction between two backfill pages: that space's backfill starts over.

Run as ``python -m tests.e2e.test_backfill STOP_AT PAGE_SIZE -- [cli args]`` this
module is the child process of the kill test (see :func:`_child`).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from app.journal import Journal
from server import db
from server.changelog import ChangeLog, decode_cursor
from storage.store import RecordStore
from sync.changes import Change
from sync.client import (
    BACKFILL_CURSOR,
    OFFLINE,
    RoundResult,
    SyncClient,
    SyncError,
    Transport,
    pending_backfills,
    request_backfill,
)
from tests.e2e.conftest import DAY_MS, TODAY, Laptop, TeamWorld, sync_all
from tests.e2e.helpers import held_ids, kill_at_mark, served_count, server_ids, space_state
from tests.e2e.test_resilience import _cli_laptop, _cli_store, _sync

PAGE = 10
MARK = "MID-BACKFILL"
SYNC = ("sync", "--json")


class Network(httpx.BaseTransport):
    """Real HTTP to the server, with two faults a test arms: ``refuse`` picks requests that
    never leave the laptop (httpx.ConnectError), ``lose`` the first request whose answer is
    read in full and then dropped (httpx.ReadError). Every request sent is recorded."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.refuse: Callable[[httpx.Request], bool] | None = None
        self.lose: Callable[[httpx.Request], bool] | None = None
        self.sent: list[httpx.URL] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.refuse is not None and self.refuse(request):
            raise httpx.ConnectError("no route to the server", request=request)
        self.sent.append(request.url)
        response = self._inner.handle_request(request)
        if self.lose is None or not self.lose(request):
            return response
        self.lose = None
        response.read()
        response.close()
        raise httpx.ReadError("the connection dropped after the server answered", request=request)

    def close(self) -> None:  # a client closed; the next one gets fresh connections
        self._inner.close()
        self._inner = httpx.HTTPTransport()


def _on_network(laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> Network:
    network = Network()

    def transport(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        client = httpx.Client(transport=network, timeout=15)
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            client=client,
            now_ms=laptop.clock,
        )

    monkeypatch.setattr(laptop.sync, "transport_factory", transport)
    laptop.sync.close()
    return network


def _grants(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path == "/v1/grants"


def _backfill(request: httpx.Request) -> bool:
    return request.method == "GET" and "space" in request.url.params


def _backfill_after_page_1(request: httpx.Request) -> bool:
    params = request.url.params
    return request.method == "GET" and "space" in params and params.get("after") != "0"


def _main_pulls_from_0(network: Network) -> int:
    return sum(
        1
        for url in network.sent
        if url.path == "/v1/changes" and "space" not in url.params and url.params["after"] == "0"
    )


def _participant(laptop: Laptop, name: str, notes: int) -> str:
    pid = laptop.journal.create_participant({"name": name, "programme": "IPS"})
    for n in range(notes):
        laptop.journal.add(
            "case_note",
            {"date": "2026-11-20", "body": f"Notat {n + 1}: samtale om jobbønsker, æøå."},
            participant_id=pid,
        )
    return pid


def _team(world: TeamWorld) -> tuple[Laptop, Laptop, Laptop]:
    lead = world.laptop("teamleder", "Lise Leder")
    first = world.laptop("jobbspesialist", "Anna Jobb")
    second = world.laptop("jobbspesialist", "Bjørn Jobb")
    sync_all(lead, first, second)
    return lead, first, second


def _quiet(*laptops: Laptop) -> None:
    """Sync until a round of every laptop brings nothing (keys shared, backfills done)."""
    for _ in range(4):
        results = [laptop.sync.sync_once() for laptop in laptops]
        if all(r.pulled == r.backfilled == r.pushed == 0 for r in results):
            assert all(not pending_backfills(laptop.store) for laptop in laptops)
            return
    raise AssertionError("the team never settled")


def test_a_registered_participant_reaches_the_team_without_pulling_the_log_again(
    world: TeamWorld,
) -> None:
    lead, first, second = _team(world)
    for laptop, names in ((first, ("Kari", "Ola", "Per")), (second, ("Siri", "Tor", "Unni"))):
        for name in names:
            _participant(laptop, f"{name} Nordmann", notes=15)
    _quiet(first, second, lead)
    log = served_count(world)
    assert log > 250  # a history worth not pulling again

    pid = _participant(second, "Vera Nordmann", notes=2)
    created = second.sync.sync_once()
    space = f"work:{pid}"
    size = served_count(world, space)
    assert created.pushed == size
    for laptop in (lead, first):
        result = laptop.sync.sync_once()
        assert laptop.store.get(pid, audit=False) is not None  # after one round
        # Its main cursor went on (the new space's changes came after it), and the
        # backfill took that space alone: nothing else of the log came again.
        assert (result.pulled, result.backfilled, result.resyncs) == (size, size, 0)
        assert result.pulled + result.backfilled < log / 10
        assert result.backfills_done == [space]
        assert pending_backfills(laptop.store) == []
        assert space_state(laptop.store, space) == space_state(second.store, space)
        after = laptop.sync.sync_once()
        assert (after.pulled, after.backfilled) == (0, 0)
    assert lead.store.state_hash() == first.store.state_hash() == second.store.state_hash()


def _granted_late(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch, reader_syncs: Callable[[], object]
) -> tuple[Laptop, Laptop, str]:
    """A participant whose changes the reader's cursor passes before it is granted the space:
    the creator's grants could not be sent at first (no network for POST /v1/grants).

    Returns (lead, creator, the new work space); the grants are on the server after this.
    """
    lead, creator, _ = _team(world)
    creator_net = _on_network(creator, monkeypatch)
    pid = _participant(creator, "Kari Nordmann", notes=12)
    creator_net.refuse = _grants
    with pytest.raises(SyncError) as failed:
        creator.sync.sync_once()  # pushed and pulled; the keys never left
    assert failed.value.code == OFFLINE
    space = f"work:{pid}"
    assert served_count(world, space) > 3 * PAGE
    reader_syncs()  # its cursor passes the space's changes: not a member, none served
    creator_net.refuse = None
    creator.sync.sync_once()  # the grants go out now
    return lead, creator, space


def test_a_lost_answer_mid_backfill_resumes_from_the_last_page(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "app.syncing.rounds.SyncClient", functools.partial(SyncClient, page_size=PAGE)
    )
    reader: list[Laptop] = []

    def reader_syncs() -> None:
        laptop = world.laptops[2]
        reader.append(laptop)
        _participant(laptop, "Ola Nordmann", notes=1)  # served back: the cursor passes
        laptop.sync.sync_once()

    lead, creator, space = _granted_late(world, monkeypatch, reader_syncs)
    colleague = reader[0]
    assert not held_ids(colleague.store, space)
    network = _on_network(colleague, monkeypatch)
    network.lose = _backfill_after_page_1
    with pytest.raises(SyncError) as lost:
        colleague.sync.sync_once()  # page 1 committed; page 2's answer never arrives
    assert lost.value.code == OFFLINE
    assert isinstance(lost.value.result, RoundResult) and lost.value.result.backfill_pages == 1
    page_1 = held_ids(colleague.store, space)
    assert page_1 and page_1 < server_ids(world, space)
    assert int(colleague.store.cursor(BACKFILL_CURSOR + space) or 0) > 0
    assert pending_backfills(colleague.store) == [space]

    result = colleague.sync.sync_once()
    size = served_count(world, space)
    # From page 1's cursor: page 1 is not asked for again, and the main pull took nothing.
    assert (result.backfilled, result.pulled, result.resyncs) == (size - PAGE, 0, 0)
    assert held_ids(colleague.store, space) == server_ids(world, space)
    assert space_state(colleague.store, space) == space_state(creator.store, space)
    assert pending_backfills(colleague.store) == []
    assert _main_pulls_from_0(network) == 0
    after = colleague.sync.sync_once()
    assert (after.backfilled, after.backfill_pages, after.pulled) == (0, 0, 0)
    sync_all(lead, creator, colleague, rounds=1)
    assert colleague.store.state_hash() == creator.store.state_hash() == lead.store.state_hash()


def test_a_compaction_between_backfill_pages_restarts_that_space_only(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "app.syncing.rounds.SyncClient", functools.partial(SyncClient, page_size=PAGE)
    )
    reader: list[Laptop] = []

    def reader_syncs() -> None:
        laptop = world.laptops[2]
        reader.append(laptop)
        _participant(laptop, "Ola Nordmann", notes=1)  # served back: the cursor passes
        laptop.sync.sync_once()

    _, creator, space = _granted_late(world, monkeypatch, reader_syncs)
    colleague = reader[0]
    network = _on_network(colleague, monkeypatch)
    network.lose = _backfill_after_page_1
    with pytest.raises(SyncError):
        colleague.sync.sync_once()  # page 1 committed, then the network dropped
    # The participant's status changes; the colleague's main pull takes that (its
    # backfill requests never leave the laptop this time), so its main cursor is at
    # the end of the log. A compaction then drops the older status and raises the
    # horizon past the backfill's cursor, not past the main one.
    creator.journal.update(space.partition(":")[2], {"status": "paused"})
    creator.sync.sync_once()
    network.refuse = _backfill
    with pytest.raises(SyncError):
        colleague.sync.sync_once()
    network.refuse = None
    _, stale = decode_cursor(int(colleague.store.cursor(BACKFILL_CURSOR + space) or 0))
    compacted = ChangeLog(world.server.engine, now_ms=db.now_ms).compact(
        days=1, now_ms=db.now_ms() + 2 * DAY_MS
    )
    assert compacted.removed_registers >= 1 and compacted.horizon > stale > 0
    result = colleague.sync.sync_once()
    assert result.backfill_restarts == 1  # told so for this space: from 0 again
    # The main cursor is at the end of the log: after the compaction it is not refused.
    assert result.resyncs == 0
    assert held_ids(colleague.store, space) >= server_ids(world, space)
    assert space_state(colleague.store, space) == space_state(creator.store, space)
    assert pending_backfills(colleague.store) == []
    assert _main_pulls_from_0(network) == 0


def test_a_laptop_killed_mid_backfill_resumes_from_the_last_committed_page(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: dict[str, str] = {}

    def reader_syncs() -> None:
        env.update(_cli_laptop(world, world.laptops[0], monkeypatch))
        _sync(env)
        with _cli_store(env, monkeypatch) as store:  # served back: the cursor passes
            Journal(store, today=lambda: TODAY).create_participant(
                {"name": "Ola Nordmann", "programme": "IPS"}
            )
        _sync(env)

    _, creator, space = _granted_late(world, monkeypatch, reader_syncs)
    with _cli_store(env, monkeypatch) as store:
        assert not held_ids(store, space)
    _killed_in_backfill(env, page=2)
    with _cli_store(env, monkeypatch) as store:
        page_1 = held_ids(store, space)
        assert page_1 and page_1 < server_ids(world, space)  # page 1 only was committed
        assert int(store.cursor(BACKFILL_CURSOR + space) or 0) > 0
        assert pending_backfills(store) == [space]

    resumed = _sync(env)
    assert resumed["pulled"] == 0  # the main pull took nothing again
    with _cli_store(env, monkeypatch) as store:
        assert held_ids(store, space) == server_ids(world, space)
        assert space_state(store, space) == space_state(creator.store, space)
        assert pending_backfills(store) == []
    again = _sync(env)
    assert (again["pulled"], again["applied"]) == (0, 0)


def _killed_in_backfill(env: dict[str, str], page: int) -> None:
    """``feltjournal sync`` (pages of PAGE changes) SIGKILLed inside backfill page ``page``."""
    kill_at_mark("tests.e2e.test_backfill", [str(page), str(PAGE), "--", *SYNC], env, MARK)


@contextmanager
def _paused_in_backfill(stop_at: int) -> Iterator[None]:
    """Stop inside the transaction of the ``stop_at``-th backfill page: written, not
    committed, ``MARK`` printed; the parent kills the process there."""
    original = RecordStore.apply_changes
    pages = 0

    def apply_changes(
        self: RecordStore, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> Any:
        nonlocal pages
        if not changes or cursor is None or not cursor[0].startswith(BACKFILL_CURSOR):
            return original(self, changes, cursor=cursor)
        pages += 1
        if pages != stop_at:
            return original(self, changes, cursor=cursor)
        with self.transaction():
            result = original(self, changes, cursor=cursor)
            print(MARK, flush=True)
            sys.stdin.readline()  # the parent kills us here
            return result

    RecordStore.apply_changes = apply_changes  # type: ignore[method-assign]
    try:
        yield
    finally:
        RecordStore.apply_changes = original  # type: ignore[method-assign]


def _child(argv: list[str]) -> int:
    """The real command line, with pages of ``PAGE_SIZE`` and a pause in a backfill page."""
    import app.syncing.rounds
    from app.cli import main as cli_main

    stop_at, page_size, sep, cli_args = int(argv[0]), int(argv[1]), argv[2], argv[3:]
    assert sep == "--" and stop_at >= 1
    small = functools.partial(SyncClient, page_size=page_size)
    setattr(app.syncing.rounds, "SyncClient", small)  # noqa: B010 - a test child's page size
    with _paused_in_backfill(stop_at):
        return cli_main(cli_args)


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))


def test_a_pending_space_the_server_will_not_serve_leaves_the_list(world: TeamWorld) -> None:
    """Neither pull can serve a space the device is not a member of: its backfill ends
    (403 not_member) instead of failing every round; other pending spaces go on."""
    lead, first, second = _team(world)
    pid = _participant(first, "Kari Nordmann", notes=2)
    _quiet(first, second, lead)
    space = f"work:{pid}"
    request_backfill(second.store, ["work:never-granted", space])
    result = second.sync.sync_once()
    assert sorted(result.backfills_done) == sorted(["work:never-granted", space])
    assert result.backfilled == served_count(world, space)
    assert pending_backfills(second.store) == []
    assert second.sync.sync_once().backfill_pages == 0
