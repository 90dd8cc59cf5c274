"""Space keys held by this device, as ciphers, with a hook to persist new ones.

A space may have several key versions: a new one is made when a device that
held the space is revoked (app.key_rotation). New content is always sealed with
the newest version held (:meth:`SpaceKeys.sealing_cipher`); older versions stay
for the records they sealed and are *retired*: opening with them works, sealing
with them raises :class:`storage.errors.KeyRetired`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from storage.crypto import EnvelopeCipher, random_key
from storage.errors import KeyRetired, KeyUnavailable, Locked
from storage.secmem import wipe


class SpaceKeys:
    """The space keys of one unlocked vault; ``close()`` forgets them.

    A change and its ``persist`` (which writes the whole vault) happen under one
    lock: the sync thread adds granted keys while the GUI thread creates keys for
    new participants, and two interleaved vault writes could otherwise leave the
    older snapshot on disk, losing a key for good."""

    def __init__(
        self,
        keys: dict[str, dict[int, bytes]],
        *,
        persist: Callable[[], None] = lambda: None,
    ) -> None:
        # `keys` is the vault's own dict: new keys land in the vault and
        # `persist` writes it back.
        self._keys: dict[str, dict[int, bytes]] | None = keys
        self._persist = persist
        self._ciphers: dict[tuple[str, int], EnvelopeCipher] = {}
        self._lock = threading.RLock()
        # Keys made or copied here: ours alone, so close() may wipe them.
        self._owned: list[bytes] = []

    def _mint(self) -> bytes:
        key = random_key()
        self._owned.append(key)
        return key

    def _all(self) -> dict[str, dict[int, bytes]]:
        if self._keys is None:
            raise Locked()
        return self._keys

    def has(self, space: str) -> bool:
        return bool(self._all().get(space))

    def spaces(self) -> list[str]:
        return sorted(s for s, versions in self._all().items() if versions)

    def current_version(self, space: str) -> int:
        versions = self._all().get(space)
        if not versions:
            raise KeyUnavailable(space)
        return max(versions)

    def cipher(self, space: str, version: int) -> EnvelopeCipher:
        found = self._ciphers.get((space, version))
        if found is not None:
            return found
        key = self._all().get(space, {}).get(version)
        if key is None:
            raise KeyUnavailable(space, version)
        cipher = EnvelopeCipher(key)
        self._ciphers[(space, version)] = cipher
        return cipher

    def versions(self, space: str) -> list[int]:
        """The key versions of ``space`` held here, oldest first (empty: none)."""
        return sorted(self._all().get(space, {}))

    def sealing_cipher(self, space: str, version: int) -> EnvelopeCipher:
        """The cipher to seal *new* content of ``space`` under ``version``: only the
        newest version held; an older one raises KeyRetired, a missing one KeyUnavailable."""
        current = self.current_version(space)
        if version < current:
            raise KeyRetired(space, version, current)
        return self.cipher(space, version)

    def key(self, space: str, version: int) -> bytes:
        """The raw key, to wrap it for another device (a grant)."""
        key = self._all().get(space, {}).get(version)
        if key is None:
            raise KeyUnavailable(space, version)
        return key

    def ensure(self, space: str) -> int:
        """Create a key for a new space made on this device; returns its version."""
        with self._lock:
            keys = self._all()
            if keys.get(space):
                return max(keys[space])
            keys[space] = {1: self._mint()}
            self._persist()
            return 1

    def add(self, space: str, version: int, key: bytes) -> None:
        """Store a key granted by another device."""
        with self._lock:
            own = bytes(bytearray(key))  # a copy of our own, to wipe on close
            self._all().setdefault(space, {})[version] = own
            self._owned.append(own)
            self._persist()

    def forget(self, space: str) -> None:
        """Drop a space's keys (its content was erased everywhere)."""
        with self._lock:
            keys = self._all()
            if space in keys:
                del keys[space]
                self._ciphers = {k: v for k, v in self._ciphers.items() if k[0] != space}
                self._persist()

    def close(self) -> None:
        with self._lock:
            self._ciphers.clear()
            self._keys = None
            for key in self._owned:
                wipe(key)
            self._owned = []
