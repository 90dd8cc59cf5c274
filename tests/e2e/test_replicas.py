"""Three server processes on one PostgreSQL database, and laptops syncing through all three.

Each laptop (a real profile and the real sync client) sends every request to the next
process in turn, as behind a round-robin load balancer, while the others do the same
in their own threads: a push may go to one process and the pull that follows to
another, in the middle of the other laptops' pushes. At the end every laptop holds
exactly what the server holds (nothing lost, nothing doubled, no gap in any space),
no request was answered with a 5xx, and every process took pushes and pulls.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import func, select

from server import db
from sync.client import SyncError, Transport
from tests.e2e.conftest import Laptop, TeamWorld, sync_all
from tests.e2e.helpers import server_ids
from tests.e2e.replicas import RoundRobin, fresh_pg_database, metrics, replicas
from tests.storage.keyring_backends import InMemoryKeyring

PROCESSES = 3
SPECIALISTS = 5  # with the team lead: six laptops
PARTICIPANTS = 3
NOTES = 100  # per laptop, written while the others write and sync
SYNC_EVERY = 5  # notes between a laptop's sync rounds


def _through_all(laptop: Laptop, ports: list[int], start: int, statuses: Counter[int]) -> None:
    """From now on the laptop's requests go round-robin over the server processes."""

    def transport(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        balancer = RoundRobin(ports, start=start, statuses=statuses)
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            now_ms=laptop.clock,
            client=httpx.Client(transport=balancer, timeout=30),
        )

    laptop.sync.close()  # the next round makes its transport with the factory below
    laptop.sync.transport_factory = transport


def _sync(laptop: Laptop, retries: Counter[str]) -> None:
    """One round; a refused or failed round is counted and tried again (at most 5 times)."""
    for _ in range(5):
        try:
            laptop.sync.sync_once()
            return
        except SyncError as exc:
            retries[f"{exc.code} {exc.status}"] += 1
    raise AssertionError(f"{laptop.name}: five rounds in a row failed: {retries}")


def _held(laptop: Laptop, space: str) -> set[str]:
    """The replica's changes of ``space`` but text edits (its own are kept, the others'
    merged into the text; the note bodies below check the text)."""
    return {
        c.change_id for c in laptop.store.all_changes() if c.space == space and c.kind != "text"
    }


def _metric(text: str, name: str) -> int:
    found = re.search(rf"^{re.escape(name)} (\d+)$", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def test_laptops_syncing_through_three_processes_lose_and_double_nothing(
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,
) -> None:
    started = time.monotonic()
    with fresh_pg_database() as url, replicas(tmp_path, url, PROCESSES) as rs:
        team = rs.server.admin.create_team("IPS tre prosesser")
        world = TeamWorld(rs.server, tmp_path / "laptops", team)
        try:
            lead = world.laptop("teamleder", "Lise Leder")
            pids = [
                lead.journal.create_participant({"name": f"Deltaker {i}", "programme": "IPS"})
                for i in range(PARTICIPANTS)
            ]
            lead.sync.sync_once()
            laptops = [lead] + [world.laptop("jobbspesialist") for _ in range(SPECIALISTS)]
            statuses: Counter[int] = Counter()
            retries: Counter[str] = Counter()
            for i, laptop in enumerate(laptops):
                _through_all(laptop, rs.ports, i, statuses)
            sync_all(*laptops, rounds=1)  # every laptop holds the participants' keys
            ready = time.monotonic()

            failures: list[BaseException] = []

            def work(laptop: Laptop) -> None:
                try:
                    for n in range(NOTES):
                        laptop.journal.add(
                            "case_note",
                            {"date": "2026-11-20", "body": f"{laptop.name}: notat {n}"},
                            participant_id=pids[n % PARTICIPANTS],
                        )
                        if n % SYNC_EVERY == SYNC_EVERY - 1:
                            _sync(laptop, retries)
                except BaseException as exc:  # reported below, with the laptop's name
                    failures.append(exc)

            threads = [threading.Thread(target=work, args=(lp,)) for lp in laptops]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=300)
            assert not failures, failures
            concurrent_s = time.monotonic() - ready
            sync_all(*laptops, rounds=2)  # what the last pushes left for the others

            # Nothing lost, nothing doubled, no gap: every laptop holds exactly the server's
            # changes of every space, and every note once.
            expected = {f"{lp.name}: notat {n}" for lp in laptops for n in range(NOTES)}
            for pid in pids:
                space = f"work:{pid}"
                on_server = server_ids(world, space)
                for laptop in laptops:
                    assert _held(laptop, space) == on_server, laptop.name
                    assert laptop.store.outbox_size() == 0, laptop.name
            for laptop in laptops:
                bodies = [
                    r.fields["body"]
                    for pid in pids
                    for r in laptop.journal.records(pid, "case_note")
                ]
                assert len(bodies) == len(expected) and set(bodies) == expected, laptop.name
            with rs.server.engine.connect() as conn:
                stored = conn.scalar(select(func.count()).select_from(db.changes))
                distinct = conn.scalar(select(func.count(func.distinct(db.changes.c.change_id))))
            assert stored == distinct

            # No 5xx; every process took pushes and served pulls; the counts add up.
            assert not [s for s in statuses if s >= 500], statuses
            texts = [metrics(u) for u in rs.urls]
            accepted = [
                _metric(t, 'feltjournal_changes_pushed_total{result="accepted"}') for t in texts
            ]
            pulled = [_metric(t, "feltjournal_changes_pulled_total") for t in texts]
            assert all(a > 0 for a in accepted) and all(p > 0 for p in pulled), (accepted, pulled)
            assert sum(accepted) == stored
            for i in range(PROCESSES):
                errors = [e for e in rs.log(i) if isinstance(e.get("status"), int)]
                assert errors and not [e for e in errors if e["status"] >= 500]
            print(
                f"\nthree processes, {len(laptops)} laptops, {len(expected)} notes, "
                f"{stored} changes; concurrent phase {concurrent_s:.1f} s, whole test "
                f"{time.monotonic() - started:.1f} s; requests {sum(statuses.values())} "
                f"{dict(statuses)}; retried rounds {sum(retries.values())} {dict(retries)}; "
                f"accepted per process {accepted}, pulled per process {pulled}"
            )
        finally:
            world.close()
