"""The local vault: the database key and this user's and device's private keys.

The vault file is AES-256-GCM under a wrap key that needs both halves (DESIGN §4):

    wrap key = HKDF(device key from the KeyStore || passphrase key from Argon2id/scrypt)

so a copied disk without the keyring item opens nothing, and a keyring leak
without the passphrase opens nothing either. The file itself is plain JSON with
only the format, the KDF parameters, the salts, the nonce and the ciphertext.

Failed unlocks are counted in ``<vault name>.attempts`` next to the vault (a
counter and a timestamp, nothing secret). An unlock holds an exclusive lock on
``<vault name>.lock`` from reading that counter to recording its result, so
parallel processes get one try each in turn, each one under the backoff.

A tampered vault file cannot be told apart from a wrong passphrase by AES-GCM,
so it is reported as WrongPassphrase and counts as a failed attempt.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import hmac
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.crypto import (
    KEY_SIZE,
    NONCE_SIZE,
    SALT_SIZE,
    KdfParams,
    combine_keys,
    derive_passphrase_key,
    random_key,
)
from storage.errors import (
    DeviceKeyMissing,
    Locked,
    ProfileError,
    UnlockThrottled,
    UnsupportedFormat,
    WrongPassphrase,
)
from storage.filelock import exclusive_lock
from storage.keystore import KeyStore, atomic_write_private
from storage.secmem import wipe

__all__ = ["VAULT_FORMAT", "Vault", "VaultContents"]

VAULT_FORMAT: Final = 1
_VAULT_AD: Final = b"feltjournal-vault-v1"
_HKDF_INFO: Final = b"feltjournal vault v1"

FREE_ATTEMPTS: Final = 3
MAX_DELAY_SECONDS: Final = 300.0


@dataclass
class VaultContents:
    """The secrets the vault protects."""

    device_id: str
    user_name: str
    role: str
    db_key: bytes
    x25519_private: bytes
    ed25519_private: bytes
    space_keys: dict[str, dict[int, bytes]]
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls, *, device_id: str, user_name: str, role: str) -> VaultContents:
        """Fresh contents: a random database key and new X25519/Ed25519 key pairs."""
        return cls(
            device_id=device_id,
            user_name=user_name,
            role=role,
            db_key=random_key(),
            x25519_private=X25519PrivateKey.generate().private_bytes_raw(),
            ed25519_private=Ed25519PrivateKey.generate().private_bytes_raw(),
            space_keys={},
        )

    def x25519_public(self) -> bytes:
        """The raw 32-byte X25519 public key (space keys are wrapped to it)."""
        return (
            X25519PrivateKey.from_private_bytes(self.x25519_private).public_key().public_bytes_raw()
        )

    def ed25519_public(self) -> bytes:
        """The raw 32-byte Ed25519 public key (this device's signatures verify with it)."""
        return (
            Ed25519PrivateKey.from_private_bytes(self.ed25519_private)
            .public_key()
            .public_bytes_raw()
        )

    def _check(self) -> None:
        keys = [self.db_key, self.x25519_private, self.ed25519_private]
        keys.extend(k for versions in self.space_keys.values() for k in versions.values())
        if any(len(k) != KEY_SIZE for k in keys):
            raise ValueError("vault contents hold a key of the wrong size")


class _Attempts:
    """The failed-unlock counter kept next to a vault file."""

    def __init__(self, vault_path: Path) -> None:
        self.path = vault_path.with_name(vault_path.name + ".attempts")
        self.lock_path = vault_path.with_name(vault_path.name + ".lock")

    def serialised(self) -> contextlib.AbstractContextManager[None]:
        """Held from check() through the KDF to fail()/reset(): one attempt at a time."""
        return exclusive_lock(self.lock_path)

    def read(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_bytes())
            failures = data["failures"]
            last = data["last_failure"]
        except (OSError, ValueError, TypeError, KeyError):
            # Anyone who can edit this file can also delete it; the KDF cost, not
            # this counter, is what makes guessing expensive.
            return 0, 0.0
        if type(failures) is not int or not isinstance(last, int | float) or failures < 0:
            return 0, 0.0
        return failures, float(last)

    def check(self, now: float) -> None:
        failures, last = self.read()
        if failures < FREE_ATTEMPTS:
            return
        delay = min(2.0 ** min(failures - FREE_ATTEMPTS, 16), MAX_DELAY_SECONDS)
        # min() with delay: a clock set backwards must not lock the user out for longer.
        retry_after = min(last + delay - now, delay)
        if retry_after > 0:
            raise UnlockThrottled(retry_after)

    def fail(self, now: float) -> int:
        failures = self.read()[0] + 1
        body = json.dumps({"failures": failures, "last_failure": now})
        atomic_write_private(self.path, body.encode("ascii"), durable=False)
        return failures

    def reset(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


@dataclass(frozen=True)
class _Header:
    kdf: KdfParams
    hkdf_salt: bytes
    nonce: bytes
    ciphertext: bytes


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"{what} missing")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        raise ValueError(f"{what} is not base64") from None


def _read_vault_file(path: Path) -> _Header:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"There is no vault at {path}.", kind="damaged", path=path) from None
    damaged = ProfileError(f"The vault file {path} is damaged.", kind="damaged", path=path)
    try:
        data = json.loads(raw)
    except ValueError:
        raise damaged from None
    if not isinstance(data, dict):
        raise damaged
    fmt = data.get("format")
    if type(fmt) is not int or fmt != VAULT_FORMAT:
        raise UnsupportedFormat("vault", fmt)
    kdf_json = data.get("kdf")
    if not isinstance(kdf_json, dict):
        raise damaged
    try:
        kdf = KdfParams.from_json(kdf_json)
        header = _Header(
            kdf=kdf,
            hkdf_salt=_unb64(data.get("hkdf_salt"), "hkdf_salt"),
            nonce=_unb64(data.get("nonce"), "nonce"),
            ciphertext=_unb64(data.get("ciphertext"), "ciphertext"),
        )
    except UnsupportedFormat:
        raise
    except ValueError:
        raise damaged from None
    if len(header.nonce) != NONCE_SIZE:
        raise damaged
    return header


def write_vault_file(path: Path, header: _Header) -> None:
    """Write the vault file (atomically): the one point where a vault reaches the disk.

    Every vault write goes through this module-level name, so a test can slow it or
    make it fail at exactly that point (a fault seam); nothing in the product replaces it.
    """
    body = {
        "format": VAULT_FORMAT,
        "kdf": header.kdf.to_json(),
        "hkdf_salt": _b64(header.hkdf_salt),
        "nonce": _b64(header.nonce),
        "ciphertext": _b64(header.ciphertext),
    }
    atomic_write_private(path, json.dumps(body, indent=2).encode("ascii") + b"\n")


def _wrap_key(device_key: bytes, passphrase: str, kdf: KdfParams, hkdf_salt: bytes) -> bytes:
    return combine_keys(
        device_key, derive_passphrase_key(passphrase, kdf), salt=hkdf_salt, info=_HKDF_INFO
    )


def _seal(wrap_key: bytes, kdf: KdfParams, hkdf_salt: bytes, contents: VaultContents) -> _Header:
    nonce = os.urandom(NONCE_SIZE)
    plaintext = msgspec.json.encode(contents)
    try:
        ciphertext = AESGCM(wrap_key).encrypt(nonce, plaintext, _VAULT_AD)
    finally:
        wipe(plaintext)  # every key, in base64
    return _Header(kdf=kdf, hkdf_salt=hkdf_salt, nonce=nonce, ciphertext=ciphertext)


def _device_key(keystore: KeyStore, key_name: str) -> bytes:
    key = keystore.get(key_name)
    if key is None or len(key) != KEY_SIZE:
        raise DeviceKeyMissing()
    return key


def _require_passphrase(passphrase: str) -> None:
    if not passphrase:
        # An empty passphrase would leave the device key as the only protection.
        raise ValueError("the passphrase must not be empty")


class Vault:
    """An unlocked vault: holds the wrap key and the decrypted contents until close()."""

    def __init__(
        self,
        path: Path,
        *,
        keystore: KeyStore,
        key_name: str,
        kdf: KdfParams,
        hkdf_salt: bytes,
        wrap_key: bytes,
        contents: VaultContents,
        now: Callable[[], float],
    ) -> None:
        """Internal: use :meth:`create` or :meth:`unlock`."""
        self.path = path
        self._keystore = keystore
        self._key_name = key_name
        self._kdf = kdf
        self._hkdf_salt = hkdf_salt
        self._wrap_key: bytes | None = wrap_key
        self._contents: VaultContents | None = contents
        self._now = now
        self._attempts = _Attempts(path)
        # Key objects this vault made itself, and may therefore wipe on close.
        self._owned: list[bytes] = []

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        keystore: KeyStore,
        key_name: str,
        passphrase: str,
        contents: VaultContents,
        kdf: KdfParams | None = None,
    ) -> Vault:
        """Make a new device key, store it in ``keystore`` and write a new vault at ``path``."""
        _require_passphrase(passphrase)
        if path.exists():
            raise ProfileError(f"A vault already exists at {path}.", kind="exists", path=path)
        if not path.parent.is_dir():
            raise ProfileError(
                f"The profile folder {path.parent} does not exist.",
                kind="no_folder",
                path=path.parent,
            )
        kdf = kdf if kdf is not None else KdfParams.default()
        hkdf_salt = os.urandom(SALT_SIZE)
        device_key = random_key()
        wrap_key = _wrap_key(device_key, passphrase, kdf, hkdf_salt)
        header = _seal(wrap_key, kdf, hkdf_salt, contents)
        # The name is per profile, and no vault exists yet, so any key under it is
        # left over from an interrupted create and nothing depends on it.
        keystore.set(key_name, device_key)
        try:
            write_vault_file(path, header)
        except BaseException:
            keystore.delete(key_name)
            raise
        vault = cls(
            path,
            keystore=keystore,
            key_name=key_name,
            kdf=kdf,
            hkdf_salt=hkdf_salt,
            wrap_key=wrap_key,
            contents=contents,
            now=time.time,
        )
        vault._attempts.reset()
        return vault

    @classmethod
    def unlock(
        cls,
        path: Path,
        *,
        keystore: KeyStore,
        key_name: str,
        passphrase: str,
        now: Callable[[], float] = time.time,
    ) -> Vault:
        """Open the vault at ``path`` with the device key and the passphrase."""
        header = _read_vault_file(path)
        attempts = _Attempts(path)
        with attempts.serialised():
            attempts.check(now())
            device_key = _device_key(keystore, key_name)
            wrap_key = _wrap_key(device_key, passphrase, header.kdf, header.hkdf_salt)
            try:
                plaintext = AESGCM(wrap_key).decrypt(header.nonce, header.ciphertext, _VAULT_AD)
            except InvalidTag:
                raise WrongPassphrase(attempts.fail(now())) from None
            try:
                contents = msgspec.json.decode(plaintext, type=VaultContents)
                contents._check()
            except ValueError:
                # Authenticated but unparseable: written by a broken build, not an attacker.
                raise ProfileError(
                    f"The vault file {path} is damaged.", kind="damaged", path=path
                ) from None
            finally:
                # The JSON holds every key in base64; it is ours alone, so zero it.
                wipe(plaintext)
            attempts.reset()
        vault = cls(
            path,
            keystore=keystore,
            key_name=key_name,
            kdf=header.kdf,
            hkdf_salt=header.hkdf_salt,
            wrap_key=wrap_key,
            contents=contents,
            now=now,
        )
        vault._owned = [contents.db_key, contents.x25519_private, contents.ed25519_private]
        vault._owned += [k for versions in contents.space_keys.values() for k in versions.values()]
        return vault

    @property
    def contents(self) -> VaultContents:
        """The decrypted contents; raises Locked after :meth:`close`."""
        if self._contents is None:
            raise Locked()
        return self._contents

    @property
    def is_open(self) -> bool:
        """True until :meth:`close` is called."""
        return self._contents is not None

    def _require_open(self) -> tuple[bytes, VaultContents]:
        if self._wrap_key is None or self._contents is None:
            raise Locked()
        return self._wrap_key, self._contents

    def save(self) -> None:
        """Re-encrypt the current contents under the same wrap key with a fresh nonce."""
        wrap_key, contents = self._require_open()
        contents._check()
        write_vault_file(self.path, _seal(wrap_key, self._kdf, self._hkdf_salt, contents))

    def change_passphrase(self, old: str, new: str) -> None:
        """Check ``old``, then re-wrap only the vault file under ``new`` (database untouched)."""
        wrap_key, contents = self._require_open()
        _require_passphrase(new)
        with self._attempts.serialised():
            self._attempts.check(self._now())
            device_key = _device_key(self._keystore, self._key_name)
            if not hmac.compare_digest(
                _wrap_key(device_key, old, self._kdf, self._hkdf_salt), wrap_key
            ):
                raise WrongPassphrase(self._attempts.fail(self._now()))
            self._attempts.reset()
        kdf = dataclasses.replace(self._kdf, salt=os.urandom(SALT_SIZE))
        hkdf_salt = os.urandom(SALT_SIZE)
        new_wrap_key = _wrap_key(device_key, new, kdf, hkdf_salt)
        write_vault_file(self.path, _seal(new_wrap_key, kdf, hkdf_salt, contents))
        self._kdf, self._hkdf_salt, self._wrap_key = kdf, hkdf_salt, new_wrap_key

    def close(self) -> None:
        """Drop the wrap key and the decrypted contents; afterwards ``contents`` raises Locked."""
        if self._contents is not None:
            # The keys this vault decoded are zeroed in place (storage.secmem), so
            # every holder of those objects (the store, its checkpointer, SpaceKeys)
            # is left with zeros; a key object handed in by a caller is theirs, only
            # dropped. Clearing the dicts empties them for anyone still holding them.
            contents = self._contents
            for versions in contents.space_keys.values():
                versions.clear()
            contents.space_keys.clear()
            contents.extra.clear()
        for key in self._owned:
            wipe(key)
        self._owned = []
        wipe(self._wrap_key)
        self._contents = None
        self._wrap_key = None
