"""The collector pause (storage.gc_pause), and a dataset built inside one."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from app.journal import Dataset, Journal
from storage.gc_pause import gc_paused
from storage.store import Record
from tests.support.replicas import make_store


@dataclass
class Window:
    """Automatic collections counted while ``open`` (thresholds so low that almost
    every allocation starts one)."""

    open: bool = False
    count: int = 0


@pytest.fixture
def window() -> Iterator[Window]:
    w = Window()

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start" and w.open:
            w.count += 1

    thresholds = gc.get_threshold()
    gc.callbacks.append(note)
    gc.set_threshold(1, 1, 1)
    try:
        yield w
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(note)
        assert gc.isenabled()


def test_nested_pauses_leave_the_collector_to_the_outermost() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause did not turn it back on
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("a failed build")
    assert gc.isenabled()


def test_a_dataset_is_built_without_a_collection(
    window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(None, keys={}, actor="Kari Jobb")
    store.role = "jobbspesialist"
    journal = Journal(store)
    for i in range(30):
        journal.create_participant({"name": f"Deltaker {i}", "programme": "IPS"})
    query, from_records = store.query, Dataset.from_records

    def opening_query(**kwargs: Any) -> list[Record]:
        window.open = True  # from the first decrypted record ...
        return query(**kwargs)

    def closing_from_records(records: Iterable[Record]) -> Dataset:
        ds = from_records(records)
        window.open = False  # ... to the dataset built of them
        return ds

    monkeypatch.setattr(store, "query", opening_query)
    monkeypatch.setattr(Dataset, "from_records", closing_from_records)
    Dataset.from_records(store.query())  # the same steps, unpaused between them
    assert window.count > 0
    window.count = 0
    ds = journal.dataset()
    assert window.count == 0 and len(ds.of("participant")) == 30 and gc.isenabled()
    journal.dataset({"participant", "episode", "referral"})  # several queries
    assert window.count == 0
