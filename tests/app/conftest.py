"""Fixtures shared by the app tests: real profiles in tmp_path with the in-memory keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from app.journal import Journal
from storage.crypto import KdfParams
from storage.profile import Profile
from storage.store import RecordStore
from tests.storage.conftest import memory_keyring  # noqa: F401 - re-exported fixture
from tests.storage.keyring_backends import InMemoryKeyring

PROFILE_PASSPHRASE = "korrekt hest batteri stift"
PROFILE_TODAY = date(2026, 11, 23)

JournalFactory = Callable[..., Journal]


@pytest.fixture
def make_profile_journal(
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,  # noqa: F811 - the fixture imported above
) -> Iterator[JournalFactory]:
    """Create a real profile (SQLCipher file, vault, keyring) and return its Journal.

    ``make_profile_journal(role="terapeut", name="Tore Terapeut", folder="b")``;
    every store opened is locked at the end of the test.
    """
    stores: list[RecordStore] = []
    made = 0

    def make(
        role: str = "jobbspesialist",
        name: str = "Kari Jobb",
        *,
        folder: str | None = None,
        today: date = PROFILE_TODAY,
    ) -> Journal:
        nonlocal made
        made += 1
        profile = Profile(tmp_path / (folder or f"profile-{made}"))
        profile.create(
            user_name=name,
            role=role,
            passphrase=PROFILE_PASSPHRASE,
            kdf=KdfParams.fast_for_tests(),
        )
        store = profile.unlock(PROFILE_PASSPHRASE)
        stores.append(store)
        return Journal(store, today=lambda: today)

    yield make
    for store in stores:
        store.lock()
