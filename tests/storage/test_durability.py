"""A save is on disk when the store returns: the WAL is synced at every commit."""

from __future__ import annotations

from storage.profile import Profile
from tests.storage.profiles import PASSPHRASE

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_the_store_commits_with_synchronous_full(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    try:
        store.create_space("work:p1")
        store.put(record_type="case_note", space="work:p1", texts={"body": "Lagret"})
        assert int(store.conn.execute("PRAGMA synchronous").fetchone()[0]) == FULL
        assert int(store.conn.execute("PRAGMA cipher_memory_security").fetchone()[0]) == 0
    finally:
        store.lock()
