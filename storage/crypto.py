"""Record encryption and key derivation.

This is the one module that seals and opens record content. Every envelope is
AES-256-GCM under a space key, with associated data (:class:`Aad`) that binds
it to the app, the format, and the exact space, record, field, version, key
version and author device, so a ciphertext moved anywhere else fails to open.

Envelope layout: ``FORMAT_VERSION (1 byte) || nonce (12 bytes) || ciphertext || tag (16 bytes)``.
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from storage.errors import IntegrityFailure, UnsupportedFormat

__all__ = [
    "FORMAT_VERSION",
    "KEY_SIZE",
    "NONCE_SIZE",
    "TAG_SIZE",
    "Aad",
    "EnvelopeCipher",
    "KdfParams",
    "combine_keys",
    "derive_passphrase_key",
    "encode_aad",
    "random_key",
]

KEY_SIZE: Final = 32
FORMAT_VERSION: Final = 1
NONCE_SIZE: Final = 12
TAG_SIZE: Final = 16
SALT_SIZE: Final = 16

_VERSION_BYTE: Final = bytes([FORMAT_VERSION])
_HEADER_SIZE: Final = 1 + NONCE_SIZE
_MIN_ENVELOPE: Final = _HEADER_SIZE + TAG_SIZE
_AAD_MAGIC: Final = b"feltjournal" + _VERSION_BYTE
# Six string lengths, then the key version. All lengths come before all strings,
# so one pack call covers the fixed part and the encoding stays unambiguous.
_AAD_FIXED: Final = struct.Struct(">IIIIIIq")
_aad_fixed_pack = _AAD_FIXED.pack


def random_key() -> bytes:
    """Return a fresh random 32-byte key."""
    return os.urandom(KEY_SIZE)


@dataclass(frozen=True, slots=True)
class Aad:
    """Associated data binding an envelope to exactly one place in one record."""

    space: str
    record_type: str
    record_id: str
    field: str
    version: str
    key_version: int
    device: str

    def encode(self) -> bytes:
        """Return the canonical byte encoding used as AES-GCM associated data."""
        return encode_aad(
            self.space,
            self.record_type,
            self.record_id,
            self.field,
            self.version,
            self.key_version,
            self.device,
        )


def encode_aad(
    space: str,
    record_type: str,
    record_id: str,
    field: str,
    version: str,
    key_version: int,
    device: str,
) -> bytes:
    """The bytes of ``Aad(...).encode()`` without building an Aad (the bulk read path)."""
    b_space = space.encode()
    b_type = record_type.encode()
    b_id = record_id.encode()
    b_field = field.encode()
    b_version = version.encode()
    b_device = device.encode()
    return b"".join(
        (
            _AAD_MAGIC,
            _aad_fixed_pack(
                len(b_space),
                len(b_type),
                len(b_id),
                len(b_field),
                len(b_version),
                len(b_device),
                key_version,
            ),
            b_space,
            b_type,
            b_id,
            b_field,
            b_version,
            b_device,
        )
    )


class EnvelopeCipher:
    """Seals and opens record envelopes under one 32-byte space key."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError(f"an envelope key must be {KEY_SIZE} bytes")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, aad: Aad) -> bytes:
        """Encrypt ``plaintext`` into a versioned envelope bound to ``aad``."""
        nonce = os.urandom(NONCE_SIZE)
        return b"".join((_VERSION_BYTE, nonce, self._aead.encrypt(nonce, plaintext, aad.encode())))

    def open(self, envelope: bytes, aad: Aad) -> bytes:
        """Decrypt an envelope; raise IntegrityFailure if it was altered or moved."""
        return self.open_encoded(envelope, aad.encode(), aad.record_id, aad.field)

    def open_encoded(
        self, envelope: bytes, aad: bytes, record_id: str, field: str | None = None
    ) -> bytes:
        """:meth:`open` with the associated data already encoded (see :func:`encode_aad`);
        ``record_id`` and ``field`` only name the failure."""
        if not envelope:
            raise IntegrityFailure(record_id, field)
        version = envelope[0]
        if version != FORMAT_VERSION:
            raise UnsupportedFormat("envelope", version)
        if len(envelope) < _MIN_ENVELOPE:
            raise IntegrityFailure(record_id, field)
        try:
            return self._aead.decrypt(envelope[1:_HEADER_SIZE], envelope[_HEADER_SIZE:], aad)
        except InvalidTag:
            raise IntegrityFailure(record_id, field) from None


_ARGON2ID: Final = "argon2id"
_SCRYPT: Final = "scrypt"

# Sanity limits for parameters read from disk: a damaged or hostile vault file
# must not make unlock allocate many gigabytes or spin for hours.
_MAX_MEMORY_KIB: Final = 4 * 1024 * 1024
_MAX_ITERATIONS: Final = 64
_MAX_LANES: Final = 64
_MAX_SCRYPT_N: Final = 2**22
_MAX_SCRYPT_R: Final = 32
_MAX_SCRYPT_P: Final = 16


@dataclass(frozen=True)
class KdfParams:
    """Passphrase KDF choice, salt and cost: argon2id uses memory/iterations/lanes, scrypt n/r/p."""

    name: str
    salt: bytes
    memory_kib: int = 0
    iterations: int = 0
    lanes: int = 0
    n: int = 0
    r: int = 0
    p: int = 0

    def __post_init__(self) -> None:
        if self.name not in (_ARGON2ID, _SCRYPT):
            raise UnsupportedFormat("kdf", self.name)
        if len(self.salt) < SALT_SIZE:
            raise ValueError(f"kdf salt must be at least {SALT_SIZE} bytes")
        if self.name == _ARGON2ID:
            if not 1 <= self.lanes <= _MAX_LANES:
                raise ValueError("argon2id lanes out of range")
            if not 1 <= self.iterations <= _MAX_ITERATIONS:
                raise ValueError("argon2id iterations out of range")
            if not 8 * self.lanes <= self.memory_kib <= _MAX_MEMORY_KIB:
                raise ValueError("argon2id memory out of range")
        else:
            if not 2 <= self.n <= _MAX_SCRYPT_N or self.n & (self.n - 1):
                raise ValueError("scrypt n must be a power of two in range")
            if not 1 <= self.r <= _MAX_SCRYPT_R or not 1 <= self.p <= _MAX_SCRYPT_P:
                raise ValueError("scrypt r or p out of range")
            if 128 * self.n * self.r > _MAX_MEMORY_KIB * 1024:
                raise ValueError("scrypt memory out of range")

    @classmethod
    def default(cls) -> KdfParams:
        """Argon2id at OWASP-recommended cost (64 MiB, 3 iterations, 4 lanes), fresh salt."""
        return cls(
            name=_ARGON2ID,
            salt=os.urandom(SALT_SIZE),
            memory_kib=64 * 1024,
            iterations=3,
            lanes=4,
        )

    @classmethod
    def scrypt_default(cls) -> KdfParams:
        """Scrypt at OWASP-recommended cost (n=2**17, r=8, p=1), fresh salt."""
        return cls(name=_SCRYPT, salt=os.urandom(SALT_SIZE), n=2**17, r=8, p=1)

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """TEST ONLY: argon2id at trivial cost (8 MiB, 1 iteration); never for real vaults."""
        return cls(
            name=_ARGON2ID,
            salt=os.urandom(SALT_SIZE),
            memory_kib=8 * 1024,
            iterations=1,
            lanes=1,
        )

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready dict (salt as base64)."""
        salt = base64.b64encode(self.salt).decode("ascii")
        if self.name == _ARGON2ID:
            return {
                "name": self.name,
                "salt": salt,
                "memory_kib": self.memory_kib,
                "iterations": self.iterations,
                "lanes": self.lanes,
            }
        return {"name": self.name, "salt": salt, "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, d: Mapping[str, object]) -> KdfParams:
        """Parse :meth:`to_json` output (UnsupportedFormat: unknown KDF; ValueError: malformed)."""
        name = d.get("name")
        if not isinstance(name, str) or name not in (_ARGON2ID, _SCRYPT):
            raise UnsupportedFormat("kdf", name)
        salt_text = d.get("salt")
        if not isinstance(salt_text, str):
            raise ValueError("kdf salt missing")
        try:
            salt = base64.b64decode(salt_text, validate=True)
        except binascii.Error:
            raise ValueError("kdf salt is not base64") from None
        if name == _ARGON2ID:
            return cls(
                name=name,
                salt=salt,
                memory_kib=_json_int(d, "memory_kib"),
                iterations=_json_int(d, "iterations"),
                lanes=_json_int(d, "lanes"),
            )
        return cls(
            name=name, salt=salt, n=_json_int(d, "n"), r=_json_int(d, "r"), p=_json_int(d, "p")
        )


def _json_int(d: Mapping[str, object], key: str) -> int:
    value = d.get(key)
    # bool is an int subclass; a JSON true is not a cost.
    if type(value) is not int:
        raise ValueError(f"kdf parameter {key} missing or not an integer")
    return value


def derive_passphrase_key(passphrase: str, params: KdfParams) -> bytes:
    """Derive a 32-byte key from a passphrase (NFC-normalised) with the given KDF."""
    # "å" may arrive precomposed or as a + combining ring depending on keyboard
    # and platform; both must open the same vault.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    if params.name == _ARGON2ID:
        return Argon2id(
            salt=params.salt,
            length=KEY_SIZE,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        ).derive(secret)
    return Scrypt(salt=params.salt, length=KEY_SIZE, n=params.n, r=params.r, p=params.p).derive(
        secret
    )


def combine_keys(device_key: bytes, passphrase_key: bytes, *, salt: bytes, info: bytes) -> bytes:
    """Combine the device key and passphrase key with HKDF-SHA256 into one 32-byte key."""
    if len(device_key) != KEY_SIZE or len(passphrase_key) != KEY_SIZE:
        raise ValueError(f"both input keys must be {KEY_SIZE} bytes")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=salt, info=info).derive(
        device_key + passphrase_key
    )
