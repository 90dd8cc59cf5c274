"""Received purges are judged before they erase anything (SECURITY-TESTS line 17).

The store stays generic: the app's check (here a small stand-in that checks the
author's signature and refuses any purge naming spaces) decides; the store
quarantines a refused purge, holds one the check cannot judge yet, and insists
that the spaces a purge names in the clear are the sealed ones.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storage.crypto import random_key
from storage.store import DeviceSecrets, PurgeClaim, PurgeVerdict, RecordStore
from sync.changes import Change, purge_signing_input
from sync.grants import signed_by
from sync.hlc import HybridClock
from tests.support.replicas import make_store

TEAM = "team:t1"
WORK = "work:p1"
CLINICAL = "clinical:p1"


def _secrets() -> DeviceSecrets:
    return DeviceSecrets(os.urandom(32), os.urandom(32))


def _public(secrets: DeviceSecrets) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(secrets.ed25519_private)
        .public_key()
        .public_bytes_raw()
    )


class _Check:
    """Signed by a known device, and naming no space: what a job specialist may purge."""

    def __init__(self, known: dict[str, bytes]) -> None:
        self.known = known
        self.claims: list[PurgeClaim] = []
        self.hold = False

    def __call__(self, claim: PurgeClaim) -> PurgeVerdict:
        self.claims.append(claim)
        if self.hold:
            return PurgeVerdict(hold=True)
        public = self.known.get(claim.change.device)
        if public is None or not signed_by(
            public, claim.signature, purge_signing_input(claim.change)
        ):
            return PurgeVerdict(refused="not signed by its author")
        if claim.spaces:
            return PurgeVerdict(refused="a job specialist may not erase a participant")
        return PurgeVerdict()


@pytest.fixture
def team_key() -> bytes:
    return random_key()


def _therapist(tmp_path: Path, team_key: bytes) -> tuple[RecordStore, str, str]:
    """A therapist's replica with a participant's session note and a team record."""
    ther = make_store(
        tmp_path / "ther.db",
        keys={TEAM: {1: team_key}, WORK: {1: random_key()}, CLINICAL: {1: random_key()}},
        device_secrets=_secrets(),
    )
    note = ther.put(
        record_type="therapy_session",
        space=CLINICAL,
        parent="p1",
        texts={"body": "SENTINEL økt"},
    )
    plan = ther.put(record_type="ips_plan", space=WORK, parent="p1", texts={"body": "Plan"})
    return ther, note, plan


def _forged_erasure(tmp_path: Path, team_key: bytes, secrets: DeviceSecrets) -> Change:
    """A job specialist (team key only) purges an employer naming the participant's spaces."""
    spec = make_store(tmp_path / "spec.db", keys={TEAM: {1: team_key}}, device_secrets=secrets)
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    spec.purge(employer, spaces=[CLINICAL, WORK])
    (purge,) = [c for c in spec.outbox() if c.kind == "purge"]
    spec.lock()
    return purge


def test_a_forged_erasure_is_quarantined_and_nothing_goes(tmp_path: Path, team_key: bytes) -> None:
    spec_secrets = _secrets()
    ther, note, plan = _therapist(tmp_path, team_key)
    purge = _forged_erasure(tmp_path, team_key, spec_secrets)
    assert purge.purge_spaces == f"{CLINICAL} {WORK}"
    check = _Check({purge.device: _public(spec_secrets)})
    ther.set_purge_check(check)

    result = ther.apply_changes([purge])

    assert result.quarantined == [purge.change_id] and result.applied == 0
    (claim,) = check.claims
    assert claim.spaces == (CLINICAL, WORK) and claim.change == purge
    assert signed_by(_public(spec_secrets), claim.signature, purge_signing_input(purge))
    reason = ther.conn.execute(
        "SELECT reason FROM quarantine WHERE change_id = ?", (purge.change_id,)
    ).fetchone()[0]
    assert "may not erase" in reason
    for rid in (note, plan):
        rec = ther.get(rid)
        assert rec is not None and rec.error is None
    assert ther.keys.has(CLINICAL) and ther.keys.has(WORK)
    assert ther.conn.execute("SELECT count(*) FROM purged").fetchone()[0] == 0
    # Delivered again (the server serves it once more): quarantined again, never applied.
    assert ther.apply_changes([purge]).quarantined == [purge.change_id]
    assert ther.get(note) is not None


def test_a_purge_whose_clear_spaces_differ_from_the_sealed_ones_is_quarantined(
    tmp_path: Path, team_key: bytes
) -> None:
    # No check installed: the store itself refuses what the server did not see.
    ther, note, _ = _therapist(tmp_path, team_key)
    purge = _forged_erasure(tmp_path, team_key, _secrets())
    hidden = replace(purge, purge_spaces="")  # the server saw a plain purge

    result = ther.apply_changes([hidden])

    assert result.quarantined == [purge.change_id]
    assert ther.get(note) is not None and ther.keys.has(CLINICAL)


def test_a_signed_plain_purge_of_a_record_it_may_hold_is_applied(
    tmp_path: Path, team_key: bytes
) -> None:
    secrets = _secrets()
    ther, _, _ = _therapist(tmp_path, team_key)
    spec = make_store(tmp_path / "spec.db", keys={TEAM: {1: team_key}}, device_secrets=secrets)
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    ther.apply_changes(spec.outbox())
    assert ther.get(employer) is not None
    spec.purge(employer)
    ther.set_purge_check(_Check({spec.device: _public(secrets)}))

    result = ther.apply_changes([c for c in spec.outbox() if c.kind == "purge"])

    assert result.quarantined == [] and ther.get(employer) is None


def test_a_purge_that_cannot_be_judged_yet_is_held_then_judged(
    tmp_path: Path, team_key: bytes
) -> None:
    secrets = _secrets()
    ther, _, _ = _therapist(tmp_path, team_key)
    spec = make_store(tmp_path / "spec.db", keys={TEAM: {1: team_key}}, device_secrets=secrets)
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    ther.apply_changes(spec.outbox())
    spec.purge(employer)
    (purge,) = [c for c in spec.outbox() if c.kind == "purge"]
    check = _Check({spec.device: _public(secrets)})
    check.hold = True
    ther.set_purge_check(check)

    held = ther.apply_changes([purge])
    assert held.held_purges == 1 and held.quarantined == [] and held.applied == 0
    assert ther.get(employer) is not None and ther.held_purges() == 1
    assert ther.apply_changes([purge]).duplicates == 1  # kept: a re-delivery is known

    check.hold = False
    ther.retry_pending()
    assert ther.get(employer) is None and ther.held_purges() == 0


def test_own_purges_apply_whatever_the_check_says(tmp_path: Path, team_key: bytes) -> None:
    ther, note, _ = _therapist(tmp_path, team_key)
    ther.set_purge_check(lambda claim: PurgeVerdict(refused="never"))
    ther.purge(note)
    assert ther.get(note) is None


def test_an_imported_change_cannot_be_a_purge(tmp_path: Path, team_key: bytes) -> None:
    ther, note, _ = _therapist(tmp_path, team_key)
    for kind, name in (("purge", "_purge"), ("register", "_purge")):
        with pytest.raises(ValueError, match="purge"):
            ther.foreign_register_change(
                record_id=note,
                record_type="therapy_session",
                space=CLINICAL,
                field_name=name,
                value={"spaces": [CLINICAL]},
                device="elsewhere",
                hlc="0000000000000-000000",
                kind=kind,
            )


def test_a_purge_stamped_again_is_signed_again(tmp_path: Path, team_key: bytes) -> None:
    secrets = _secrets()
    ahead = 3 * 86_400_000
    now = [1_800_000_000_000 + ahead]
    spec = make_store(
        tmp_path / "spec.db",
        keys={TEAM: {1: team_key}},
        device_secrets=secrets,
        clock=HybridClock(now_ms=lambda: now[0]),
    )
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    ther, _, _ = _therapist(tmp_path, team_key)
    ther.apply_changes(spec.outbox())
    assert ther.get(employer) is not None
    spec.purge(employer)
    now[0] -= ahead  # the clock is put right
    assert spec.restamp_future(now[0]) > 0
    (purge,) = [c for c in spec.outbox() if c.kind == "purge"]
    assert int(purge.hlc[:13]) < 1_800_000_000_000 + ahead
    check = _Check({spec.device: _public(secrets)})
    ther.set_purge_check(check)
    assert ther.apply_changes([purge]).quarantined == []
    assert ther.get(employer) is None
    assert [c.change.hlc for c in check.claims] == [purge.hlc]


def test_a_purge_sealed_again_under_a_new_key_version_is_signed_again(
    tmp_path: Path, team_key: bytes
) -> None:
    secrets = _secrets()
    spec = make_store(tmp_path / "spec.db", keys={TEAM: {1: team_key}}, device_secrets=secrets)
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    ther, _, _ = _therapist(tmp_path, team_key)
    ther.apply_changes(spec.outbox())
    spec.purge(employer)
    # A key rotation reaches the job specialist before the purge is pushed.
    new_key = random_key()
    spec.keys.add(TEAM, 2, new_key)
    ther.keys.add(TEAM, 2, new_key)
    assert spec.reseal_outbox() > 0
    (purge,) = [c for c in spec.outbox() if c.kind == "purge"]
    assert purge.key_version == 2
    check = _Check({spec.device: _public(secrets)})
    ther.set_purge_check(check)
    assert ther.apply_changes([purge]).quarantined == []
    assert ther.get(employer) is None
