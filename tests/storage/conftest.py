"""Fixtures shared by the storage tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.storage.keyring_backends import InMemoryKeyring


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
