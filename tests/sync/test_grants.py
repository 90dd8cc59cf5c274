"""Space keys wrapped to one device and signed by another."""

from __future__ import annotations

import os

import msgspec
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.client import Backoff
from sync.grants import DeviceDirectory, GrantInvalid, make_grant, unwrap_key, verify_grant
from sync.protocol import DeviceInfo, Grant, certificate_input


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


# --- certificate chains ----------------------------------------------------------------------


class _Dev:
    """A device's key pairs and the directory entry the server would list for it."""

    def __init__(self, role: str, team: str = "t1", *, status: str = "approved") -> None:
        self.ed = Ed25519PrivateKey.generate()
        self.x = X25519PrivateKey.generate()
        self.id = f"dev-{os.urandom(4).hex()}"
        self.user = f"user-{os.urandom(4).hex()}"
        self.role, self.team, self.status = role, team, status
        self.certificate = b""

    def input(self, *, role: str | None = None) -> bytes:
        return certificate_input(
            self.id,
            self.user,
            role or self.role,
            self.team,
            self.x.public_key().public_bytes_raw(),
            self.ed.public_key().public_bytes_raw(),
        )

    def certify(self, other: _Dev) -> None:
        other.certificate = self.ed.sign(other.input())

    def info(self, **changes: object) -> DeviceInfo:
        base = DeviceInfo(
            device_id=self.id,
            user_name="N.N.",
            role=self.role,
            device_name="laptop",
            status=self.status,  # type: ignore[arg-type]
            x25519_public=self.x.public_key().public_bytes_raw(),
            ed25519_public=self.ed.public_key().public_bytes_raw(),
            certificate=self.certificate,
            enrolled_ms=1,
            user_id=self.user,
            team_id=self.team,
        )
        return msgspec.structs.replace(base, **changes)


def _directory(org: Ed25519PrivateKey, *devices: DeviceInfo) -> DeviceDirectory:
    return DeviceDirectory({d.device_id: d for d in devices}, org.public_key().public_bytes_raw())


def test_a_chain_runs_from_the_org_key_through_team_leads() -> None:
    org = Ed25519PrivateKey.generate()
    lead, second_lead, specialist = _Dev("teamleder"), _Dev("teamleder"), _Dev("jobbspesialist")
    lead.certificate = org.sign(lead.input())
    lead.certify(second_lead)
    second_lead.certify(specialist)
    d = _directory(org, lead.info(), second_lead.info(), specialist.info())
    assert d.trusted(lead.id) and d.trusted(second_lead.id) and d.trusted(specialist.id)
    assert not d.trusted("unknown-device")


def test_who_may_certify_and_what_a_certificate_binds() -> None:
    org = Ed25519PrivateKey.generate()
    lead = _Dev("teamleder")
    lead.certificate = org.sign(lead.input())
    # A job specialist cannot certify, a lead of another team cannot either.
    specialist, by_specialist = _Dev("jobbspesialist"), _Dev("terapeut")
    lead.certify(specialist)
    specialist.certify(by_specialist)
    other_lead, by_other_team = _Dev("teamleder", "t2"), _Dev("jobbspesialist")
    other_lead.certificate = org.sign(other_lead.input())
    other_lead.certify(by_other_team)
    # A certificate for one role does not vouch for another, nor for other keys.
    promoted = _Dev("jobbspesialist")
    lead.certify(promoted)
    d = _directory(
        org,
        lead.info(),
        specialist.info(),
        by_specialist.info(),
        other_lead.info(),
        by_other_team.info(),
        promoted.info(role="teamleder"),
    )
    assert d.trusted(specialist.id) and d.trusted(other_lead.id)
    assert not d.trusted(by_specialist.id)
    assert not d.trusted(by_other_team.id)
    assert not d.trusted(promoted.id)
    swapped = _directory(org, lead.info(), specialist.info(x25519_public=_x25519()[1]))
    assert not swapped.trusted(specialist.id)


def test_revoked_pending_and_uncertified_devices_are_not_trusted() -> None:
    org = Ed25519PrivateKey.generate()
    lead, specialist = _Dev("teamleder"), _Dev("jobbspesialist")
    lead.certificate = org.sign(lead.input())
    lead.certify(specialist)
    revoked_lead = _directory(org, lead.info(status="revoked"), specialist.info())
    assert not revoked_lead.trusted(lead.id) and not revoked_lead.trusted(specialist.id)
    assert not _directory(org, lead.info(), specialist.info(status="pending")).trusted(
        specialist.id
    )
    assert not _directory(org, lead.info(), specialist.info(certificate=b"")).trusted(specialist.id)
    assert not _directory(org, lead.info(), specialist.info(user_id="")).trusted(specialist.id)
    assert not DeviceDirectory({lead.id: lead.info()}, b"").trusted(lead.id)  # no pinned key


def test_leads_that_certify_each_other_without_the_org_key_are_not_trusted() -> None:
    org = Ed25519PrivateKey.generate()
    a, b = _Dev("teamleder"), _Dev("teamleder")
    a.certify(b)
    b.certify(a)
    d = _directory(org, a.info(), b.info())
    assert not d.trusted(a.id) and not d.trusted(b.id)  # a cycle ends, untrusted
