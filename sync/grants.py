"""Space keys travel between devices wrapped to the recipient's X25519 key and signed.

Wrap: an ephemeral X25519 key agreement with the recipient's public key, HKDF
to an AES-256-GCM key, the space key sealed with associated data naming the
space, key version and recipient. The granting device signs the wrapped key
with its Ed25519 key, so neither the server nor anyone else can hand a device
a key of their own choosing without holding a trusted device's signing key.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.protocol import Grant, grant_input


class GrantInvalid(ValueError):
    """A grant failed its signature or could not be unwrapped by this device."""


def _aad(space: str, key_version: int, to_device: str) -> bytes:
    return f"feltjournal-wrap-v1\n{space}\n{key_version}\n{to_device}".encode()


def _kek(shared: bytes, ephemeral_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=b"feltjournal wrap v1"
    ).derive(shared)


def wrap_key(
    key: bytes, *, space: str, key_version: int, to_device: str, recipient_x25519: bytes
) -> bytes:
    """``ephemeral public (32) || nonce (12) || AES-GCM(key)``."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_x25519))
    nonce = os.urandom(12)
    sealed = AESGCM(_kek(shared, eph_pub)).encrypt(nonce, key, _aad(space, key_version, to_device))
    return eph_pub + nonce + sealed


def unwrap_key(grant: Grant, *, x25519_private: bytes) -> bytes:
    blob = grant.wrapped_key
    if len(blob) < 32 + 12 + 16:
        raise GrantInvalid("wrapped key too short")
    eph_pub, nonce, sealed = blob[:32], blob[32:44], blob[44:]
    shared = X25519PrivateKey.from_private_bytes(x25519_private).exchange(
        X25519PublicKey.from_public_bytes(eph_pub)
    )
    try:
        return AESGCM(_kek(shared, eph_pub)).decrypt(
            nonce, sealed, _aad(grant.space, grant.key_version, grant.to_device)
        )
    except InvalidTag:
        raise GrantInvalid("the wrapped key is not for this device or was altered") from None


def make_grant(
    key: bytes,
    *,
    space: str,
    key_version: int,
    to_device: str,
    recipient_x25519: bytes,
    from_device: str,
    signer_ed25519_private: bytes,
) -> Grant:
    wrapped = wrap_key(
        key,
        space=space,
        key_version=key_version,
        to_device=to_device,
        recipient_x25519=recipient_x25519,
    )
    signature = Ed25519PrivateKey.from_private_bytes(signer_ed25519_private).sign(
        grant_input(space, key_version, to_device, wrapped)
    )
    return Grant(space, key_version, to_device, from_device, wrapped, signature)


def verify_grant(grant: Grant, *, signer_ed25519_public: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(signer_ed25519_public).verify(
            grant.signature,
            grant_input(grant.space, grant.key_version, grant.to_device, grant.wrapped_key),
        )
    except (InvalidSignature, ValueError):
        raise GrantInvalid("the grant's signature does not verify") from None
