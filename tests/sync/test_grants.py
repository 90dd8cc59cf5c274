"""Space keys wrapped to one device and signed by another."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.client import Backoff
from sync.grants import GrantInvalid, make_grant, unwrap_key, verify_grant
from sync.protocol import Grant


def _x25519() -> tuple[bytes, bytes]:
    k = X25519PrivateKey.generate()
    return k.private_bytes_raw(), k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _ed25519() -> tuple[bytes, bytes]:
    k = Ed25519PrivateKey.generate()
    return k.private_bytes_raw(), k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_grant_round_trip_and_signature() -> None:
    key = os.urandom(32)
    r_priv, r_pub = _x25519()
    s_priv, s_pub = _ed25519()
    grant = make_grant(
        key,
        space="work:p1",
        key_version=2,
        to_device="dev-b",
        recipient_x25519=r_pub,
        from_device="dev-a",
        signer_ed25519_private=s_priv,
    )
    verify_grant(grant, signer_ed25519_public=s_pub)
    assert unwrap_key(grant, x25519_private=r_priv) == key
    assert key not in grant.wrapped_key


@pytest.mark.parametrize("field", ["space", "key_version", "to_device"])
def test_grant_bound_to_space_version_and_recipient(field: str) -> None:
    key = os.urandom(32)
    r_priv, r_pub = _x25519()
    s_priv, s_pub = _ed25519()
    grant = make_grant(
        key,
        space="work:p1",
        key_version=1,
        to_device="dev-b",
        recipient_x25519=r_pub,
        from_device="dev-a",
        signer_ed25519_private=s_priv,
    )
    changed = {"space": "clinical:p1", "key_version": 2, "to_device": "dev-c"}[field]
    moved = Grant(**{**{f: getattr(grant, f) for f in Grant.__struct_fields__}, field: changed})
    with pytest.raises(GrantInvalid):
        verify_grant(moved, signer_ed25519_public=s_pub)
    with pytest.raises(GrantInvalid):
        unwrap_key(moved, x25519_private=r_priv)


def test_other_device_cannot_unwrap_and_forged_signature_fails() -> None:
    r_priv, r_pub = _x25519()
    other_priv, _ = _x25519()
    s_priv, _ = _ed25519()
    _, mallory_pub = _ed25519()
    grant = make_grant(
        os.urandom(32),
        space="team:t",
        key_version=1,
        to_device="dev-b",
        recipient_x25519=r_pub,
        from_device="dev-a",
        signer_ed25519_private=s_priv,
    )
    with pytest.raises(GrantInvalid):
        unwrap_key(grant, x25519_private=other_priv)
    with pytest.raises(GrantInvalid):
        verify_grant(grant, signer_ed25519_public=mallory_pub)
    truncated = Grant(grant.space, 1, "dev-b", "dev-a", grant.wrapped_key[:20], grant.signature)
    with pytest.raises(GrantInvalid):
        unwrap_key(truncated, x25519_private=r_priv)


def test_backoff_grows_with_jitter_under_cap_and_resets() -> None:
    import random

    b = Backoff(base=2, cap=60, rng=random.Random(1))
    waits = [b.failure() for _ in range(10)]
    assert all(0 <= w <= 60 for w in waits)
    assert max(waits[:3]) <= 8  # 2, 4, 8 second ceilings at first
    assert b.attempt == 10
    b.success()
    assert b.attempt == 0 and b.failure() <= 2
