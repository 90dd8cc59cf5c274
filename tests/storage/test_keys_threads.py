"""Space keys change from two threads (sync grants, GUI creating a participant): no key is
lost from the vault on disk, however the two vault writes interleave."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import storage.vault as vault_module
from storage.profile import Profile
from tests.storage.profiles import PASSPHRASE


def test_a_granted_key_and_a_new_participants_key_both_reach_the_vault_file(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = profile.unlock(PASSPHRASE)
    original = vault_module.write_vault_file
    writing = threading.Event()

    def slow_on_the_sync_thread(path: Path, header: object) -> None:
        if threading.current_thread().name == "sync":
            writing.set()
            time.sleep(0.3)  # a loaded disk: the older vault image lands last
        original(path, header)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_module, "write_vault_file", slow_on_the_sync_thread)
    sync = threading.Thread(
        target=lambda: store.keys.add("work:granted-by-lead", 1, os.urandom(32)), name="sync"
    )
    sync.start()
    assert writing.wait(5)
    store.create_space("work:new-participant")  # the GUI, meanwhile
    sync.join()
    store.lock()

    again = profile.unlock(PASSPHRASE)
    try:
        assert again.keys.has("work:new-participant")
        assert again.keys.has("work:granted-by-lead")
    finally:
        again.lock()
