"""The executor that owns the database: ordered, one thread, futures, closes on lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.composition import build_app
from app.executor import Executor, ExecutorClosed
from app.journal import ChangeEvent, Performed
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.app.conftest import PROFILE_PASSPHRASE, JournalFactory
from tests.storage.conftest import memory_keyring  # noqa: F401 - re-exported fixture
from tests.storage.keyring_backends import InMemoryKeyring


def test_runs_work_in_order_on_one_thread_off_the_caller() -> None:
    ex = Executor()
    seen: list[tuple[int, str]] = []
    futures = [
        ex.submit(lambda i=i: seen.append((i, threading.current_thread().name))) for i in range(50)
    ]
    for f in futures:
        f.result(timeout=10)
    assert [i for i, _ in seen] == list(range(50))
    assert {name for _, name in seen} == {"feltjournal-db"}
    assert threading.current_thread().name != "feltjournal-db"
    ex.close()


def test_a_failure_lands_in_its_own_future_and_the_next_work_still_runs() -> None:
    ex = Executor()

    def boom() -> None:
        raise ValueError("nei")

    bad = ex.submit(boom)
    good = ex.submit(lambda: 42)
    with pytest.raises(ValueError, match="nei"):
        bad.result(timeout=10)
    assert good.result(timeout=10) == 42
    ex.close()


def test_call_from_the_worker_runs_at_once_instead_of_deadlocking() -> None:
    ex = Executor()
    assert ex.submit(lambda: ex.call(lambda: "inner")).result(timeout=10) == "inner"
    ex.close()


def test_close_runs_what_was_queued_then_refuses_new_work() -> None:
    ex = Executor()
    gate = threading.Event()
    done: list[int] = []
    ex.submit(gate.wait)
    queued = ex.submit(lambda: done.append(1))
    closer = threading.Thread(target=ex.close)
    closer.start()
    gate.set()
    closer.join(timeout=10)
    assert not closer.is_alive()
    assert queued.done() and done == [1]
    with pytest.raises(ExecutorClosed):
        ex.submit(lambda: None)


def test_locking_the_app_lands_queued_writes_then_closes_the_executor(
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,  # noqa: F811 - the fixture imported above
) -> None:
    Profile(tmp_path / "p").create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PROFILE_PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    services = build_app(Settings(), profile_dir=tmp_path / "p")
    journal = services.unlock(PROFILE_PASSPHRASE)
    gate = threading.Event()
    journal.executor.submit(gate.wait)
    write = journal.executor.submit(
        journal.create_participant, {"name": "Ola Nordmann", "programme": "IPS"}
    )
    threading.Timer(0.05, gate.set).start()
    services.lock()
    assert write.done() and write.exception() is None
    assert journal.store.locked
    with pytest.raises(ExecutorClosed):
        journal.executor.submit(journal.participants)


def test_an_operation_performed_from_the_executor_itself_runs_at_once(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal()
    events: list[ChangeEvent] = []
    journal.subscribe(events.append)

    def outer() -> Performed[str]:
        inner = journal.perform(
            lambda: journal.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
        )
        assert inner.done()
        return inner.result()

    performed = journal.executor.submit(outer).result(timeout=10)
    assert events == []  # held for whoever takes the result
    journal.announce(performed.events)
    assert [e.record_ids for e in events] == [frozenset({performed.value})]
    assert [r.id for r in events[0].records] == [performed.value]
    # Nested in another performed operation, each keeps its own events.
    events.clear()
    both = journal.perform(
        lambda: (
            journal.create_participant({"name": "Kari Berg", "programme": "IPS"}),
            journal.perform(
                lambda: journal.create_participant({"name": "Per Dahl", "programme": "IPS"})
            ).result(),
        )
    ).result(timeout=10)
    first, inner_done = both.value
    assert [e.record_ids for e in both.events] == [frozenset({first})]
    assert [e.record_ids for e in inner_done.events] == [frozenset({inner_done.value})]
    assert events == []
