"""The audit chain detects edited, removed and re-forged entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.store import RecordStore
from tests.support.replicas import make_store

SPACE = "work:p1"


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    s = make_store(tmp_path / "a.db")
    for i in range(4):
        rid = s.put(record_type="t", space=SPACE, values={"n": i})
        s.get(rid)
    s.audit("export", None, "json")
    return s


def test_intact_chain_verifies(store: RecordStore) -> None:
    report = store.verify_audit()
    assert report.ok and report.entries == 9


def test_edited_entry_is_detected(store: RecordStore) -> None:
    store.conn.execute("UPDATE audit SET action = 'read' WHERE seq = 3")
    report = store.verify_audit()
    assert not report.ok and report.first_bad_seq == 3 and "altered" in report.reason


def test_removed_entry_is_detected(store: RecordStore) -> None:
    store.conn.execute("DELETE FROM audit WHERE seq = 5")
    report = store.verify_audit()
    assert not report.ok and report.first_bad_seq == 5 and "missing" in report.reason


def test_removed_tail_is_detected(store: RecordStore) -> None:
    store.conn.execute("DELETE FROM audit WHERE seq = 9")
    report = store.verify_audit()
    assert not report.ok and "end" in report.reason


def test_reforged_hash_without_key_is_detected(store: RecordStore) -> None:
    import hashlib

    row = store.conn.execute("SELECT prev_hash FROM audit WHERE seq = 2").fetchone()
    fake = hashlib.sha256((row[0] + "forged").encode()).hexdigest()
    store.conn.execute("UPDATE audit SET action = 'export', hash = ? WHERE seq = 2", (fake,))
    assert not store.verify_audit().ok


def test_unknown_action_is_refused(store: RecordStore) -> None:
    with pytest.raises(ValueError):
        store.audit("peek")
