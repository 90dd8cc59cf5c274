"""UI test fixtures: real profiles and journals in tmp_path, offscreen Qt, test keyring.

The journals' stores refuse a write the window makes on the GUI thread
(tests/support/gui_writes.py): every view test also checks that its writes ran on
the journal's executor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.journal import Journal
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.conftest import memory_keyring  # noqa: F401 - fixture re-export
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.gui_writes import GuiWriteGuard, gui_write_guard  # noqa: F401 - fixture

PASSPHRASE = "korrekt hest batteri stift"
TODAY = date(2026, 11, 23)


def make_journal(
    tmp_path: Path, role: str, name: str, guard: GuiWriteGuard | None = None
) -> Journal:
    profile = Profile(tmp_path / f"profile-{role}")
    profile.create(user_name=name, role=role, passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    store = profile.unlock(PASSPHRASE)
    store.guard_writes(guard)
    return Journal(store, today=lambda: TODAY)


@pytest.fixture
def specialist_journal(
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,  # noqa: F811
    gui_write_guard: GuiWriteGuard,  # noqa: F811
) -> Iterator[Journal]:
    j = make_journal(tmp_path, "jobbspesialist", "Kari Jobb", gui_write_guard)
    yield j
    if not j.store.locked:
        j.store.lock()


@pytest.fixture
def therapist_journal(
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,  # noqa: F811
    gui_write_guard: GuiWriteGuard,  # noqa: F811
) -> Iterator[Journal]:
    j = make_journal(tmp_path, "terapeut", "Tore Terapeut", gui_write_guard)
    yield j
    if not j.store.locked:
        j.store.lock()
