"""The background WAL checkpointer: copies the log on its own thread, stops with the store."""

from __future__ import annotations

import logging
import os
import queue
import threading
from pathlib import Path

import pytest

from storage.checkpoint import FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer
from storage.db import WAL_AUTOCHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES, connect
from storage.profile import Profile
from tests.storage.profiles import PASSPHRASE


def _writer(path: Path, key: bytes) -> object:
    conn = connect(path, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # only the background thread copies
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b BLOB)")
    return conn


def test_a_nudge_after_commits_copies_the_log_on_the_checkpoint_thread(tmp_path: Path) -> None:
    path, key = tmp_path / "journal.db", os.urandom(32)
    conn = _writer(path, key)
    seen: queue.Queue[tuple[tuple[int, int, int] | None, str]] = queue.Queue()
    cp = WalCheckpointer(
        path,
        key,
        interval=0.01,
        on_checkpoint=lambda r: seen.put((r, threading.current_thread().name)),
    )
    try:
        conn.execute("BEGIN")  # type: ignore[attr-defined]
        conn.executemany(  # type: ignore[attr-defined]
            "INSERT INTO t (b) VALUES (?)", [(os.urandom(3000),) for _ in range(300)]
        )
        conn.execute("COMMIT")  # type: ignore[attr-defined]
        size_before = path.stat().st_size
        cp.nudge()
        result, thread = seen.get(timeout=10)
        assert result is not None
        busy, frames, copied = result
        assert thread == "wal-checkpoint"
        assert busy == 0 and frames >= 300 and copied == frames
        assert path.stat().st_size > size_before + 300 * 3000  # the pages are in the file now
        assert seen.empty()  # one nudge, one checkpoint
    finally:
        cp.close()
        conn.close()  # type: ignore[attr-defined]
    assert not cp.running


def test_a_failing_checkpoint_is_logged_by_type_and_never_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "journal.db"
    conn = _writer(path, os.urandom(32))
    done: queue.Queue[tuple[int, int, int] | None] = queue.Queue()
    wrong_key = os.urandom(32)
    cp = WalCheckpointer(path, wrong_key, interval=0.01, on_checkpoint=done.put)
    try:
        with caplog.at_level(logging.WARNING, logger="storage.checkpoint"):
            cp.nudge()
            assert done.get(timeout=10) is None
            cp.close()
        assert [r.getMessage() for r in caplog.records] == [
            "background checkpoint failed (DatabaseUnreadable)"
        ]
        assert not cp.running
    finally:
        conn.close()  # type: ignore[attr-defined]


def test_an_unlocked_store_checkpoints_in_the_background_and_lock_stops_it(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: queue.Queue[tuple[int, int, int] | None] = queue.Queue()

    def checkpointer(path: Path, key: bytes) -> WalCheckpointer:
        return WalCheckpointer(path, key, interval=0.01, on_checkpoint=seen.put)

    monkeypatch.setattr("storage.profile.WalCheckpointer", checkpointer)
    # Another test's store left unlocked may have a checkpoint thread of its own.
    before = {t for t in threading.enumerate() if t.name == "wal-checkpoint"}
    store = profile.unlock(PASSPHRASE)
    ours = {t for t in threading.enumerate() if t.name == "wal-checkpoint"} - before
    assert ours
    # The thread is the main checkpointer; SQLite's own, in a commit, the late fallback.
    (pages,) = store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    assert int(pages) == FALLBACK_AUTOCHECKPOINT_PAGES > WAL_AUTOCHECKPOINT_PAGES
    (limit,) = store.conn.execute("PRAGMA journal_size_limit").fetchone()
    assert int(limit) == WAL_SIZE_LIMIT_BYTES
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # only the background thread copies
    while not seen.empty():  # the unlock's own commit (its audit entry)
        seen.get_nowait()
    size_before = profile.db_path.stat().st_size
    store.create_space("work:p1")
    with store.transaction():
        for i in range(200):
            store.put(record_type="case_note", space="work:p1", texts={"body": f"notat {i} " * 50})
    while True:
        result = seen.get(timeout=10)
        assert result is not None
        busy, frames, copied = result
        if copied == frames and profile.db_path.stat().st_size > size_before:
            break  # (earlier results: checkpoints of the commits of create_space)
    assert busy == 0 and frames > 100
    store.lock()
    assert not any(t.is_alive() for t in ours)
    # The store's connection was the last: closing it copied the log back and removed it.
    assert not profile.db_path.with_name(profile.db_path.name + "-wal").exists()
