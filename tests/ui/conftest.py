"""UI test fixtures: real profiles and journals in tmp_path, offscreen Qt, test keyring."""

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

PASSPHRASE = "korrekt hest batteri stift"
TODAY = date(2026, 11, 23)


def make_journal(tmp_path: Path, role: str, name: str) -> Journal:
    profile = Profile(tmp_path / f"profile-{role}")
    profile.create(user_name=name, role=role, passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    return Journal(profile.unlock(PASSPHRASE), today=lambda: TODAY)


@pytest.fixture
def specialist_journal(tmp_path: Path, memory_keyring: InMemoryKeyring) -> Iterator[Journal]:  # noqa: F811
    j = make_journal(tmp_path, "jobbspesialist", "Kari Jobb")
    yield j
    if not j.store.locked:
        j.store.lock()


@pytest.fixture
def therapist_journal(tmp_path: Path, memory_keyring: InMemoryKeyring) -> Iterator[Journal]:  # noqa: F811
    j = make_journal(tmp_path, "terapeut", "Tore Terapeut")
    yield j
    if not j.store.locked:
        j.store.lock()
