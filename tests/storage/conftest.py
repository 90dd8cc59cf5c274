"""Fixtures shared by the storage tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.storage.profiles import PASSPHRASE


@pytest.fixture
def memory_keyring() -> Iterator[InMemoryKeyring]:
    """Install a fresh InMemoryKeyring as the keyring backend; restore the previous one after."""
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def profile(tmp_path: Path, memory_keyring: InMemoryKeyring) -> Profile:
    """A new, locked profile of a job specialist (fast KDF), unlocked with PASSPHRASE."""
    p = Profile(tmp_path / "laptop")
    p.create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    return p
