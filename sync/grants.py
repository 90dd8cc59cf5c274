"""Space keys travel between devices wrapped to the recipient's X25519 key and signed.

Wrap: an ephemeral X25519 key agreement with the recipient's public key, HKDF
to an AES-256-GCM key, the space key sealed with associated data naming the
space, key version and recipient. The granting device signs the wrapped key
with its Ed25519 key, so neither the server nor anyone else can hand a device
a key of their own choosing without holding a trusted device's signing key.

Which devices are trusted: :class:`DeviceDirectory` checks each device's
certificate chain (``protocol.certificate_input``) up to the organisation key
the laptop pinned at enrolment, from the directory the server serves.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from typing import Final

import msgspec
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.protocol import TEAM_LEAD, DeviceInfo, Grant, certificate_input, grant_input

#: How many signature checks a shared cache keeps before it starts again.
MAX_CACHED_SIGNATURES: Final = 10_000


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


def signed_by(public: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is ``public``'s valid Ed25519 signature over ``message``."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class DeviceDirectory:
    """One fetch of the device directory, and which of its devices this laptop trusts.

    A device is trusted when it is approved and its certificate, a signature
    over its ``certificate_input`` (device, user, role, team, keys), verifies
    with the organisation key, or with the key of an approved team lead device
    *of the same team* that is itself trusted. A revoked device neither counts
    nor certifies: after revoking a lead, another lead approves again the
    devices it had approved. ``signatures`` caches checks across fetches.
    """

    def __init__(
        self,
        devices: Mapping[str, DeviceInfo],
        org_public_key: bytes,
        signatures: dict[tuple[bytes, bytes, bytes], bool] | None = None,
    ) -> None:
        self.devices = dict(devices)
        self._org = org_public_key
        self._signatures = {} if signatures is None else signatures
        self._trusted: dict[str, bool] = {}

    def _signed(self, public: bytes, signature: bytes, message: bytes) -> bool:
        key = (public, signature, hashlib.sha256(message).digest())
        found = self._signatures.get(key)
        if found is None:
            found = signed_by(public, signature, message)
            if len(self._signatures) >= MAX_CACHED_SIGNATURES:
                self._signatures.clear()
            self._signatures[key] = found
        return found

    def trusted(self, device_id: str) -> bool:
        """True when the device is approved and its certificate chains to the org key."""
        found = self._trusted.get(device_id)
        if found is None:
            found = self._chain(device_id, frozenset())
            self._trusted[device_id] = found
        return found

    def _certified_input(self, device_id: str) -> tuple[DeviceInfo, bytes] | None:
        """The approved device and the message its certificate signs; None when it has
        no certificate that could verify."""
        device = self.devices.get(device_id)
        if (
            device is None
            or device.status != "approved"
            or not device.certificate
            or not device.user_id
            or not device.team_id
            or not self._org
        ):
            return None
        message = certificate_input(
            device.device_id,
            device.user_id,
            device.role,
            device.team_id,
            device.x25519_public,
            device.ed25519_public,
        )
        return device, message

    def was_certified(self, device_id: str) -> bool:
        """True when the device is trusted, or is revoked now and its certificate chain
        would verify had it not been: what a grant it signed before its revocation
        needs, to vouch that its recipient was given the key."""
        device = self.devices.get(device_id)
        if device is None or device.status != "revoked":
            return self.trusted(device_id)
        revived = msgspec.structs.replace(device, status="approved")
        return DeviceDirectory(
            {**self.devices, device_id: revived}, self._org, self._signatures
        ).trusted(device_id)

    def org_certified(self, device_id: str) -> bool:
        """True when the organisation key itself signed the device's certificate (the
        admin approved it), not a team lead: what a central-team device must be."""
        found = self._certified_input(device_id)
        return found is not None and self._signed(self._org, found[0].certificate, found[1])

    def _chain(self, device_id: str, below: frozenset[str]) -> bool:
        found = self._certified_input(device_id)
        if found is None:
            return False
        device, message = found
        if self._signed(self._org, device.certificate, message):
            return True
        seen = below | {device_id}
        return any(
            lead.role == TEAM_LEAD
            and lead.team_id == device.team_id
            and lead.device_id not in seen
            and self._signed(lead.ed25519_public, device.certificate, message)
            and self._chain(lead.device_id, seen)
            for lead in self.devices.values()
        )
