"""The laptop's judge of received purges, over a real certified device directory.

Real replicas (SQLCipher files) with their own device keys; a directory whose
certificates the organisation key signed; the purge travels as the server
would serve it (or as a compromised server or a peer with the space key could
forge it).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.purge_gate import PurgeGate
from storage.crypto import random_key
from storage.store import DeviceSecrets, RecordStore
from sync.changes import Change
from sync.grants import DeviceDirectory
from sync.protocol import LEAD_ONLY_TYPES, DeviceInfo, certificate_input
from tests.support.replicas import make_store

TEAM_ID = "t1"
PID = "p1"
WORK, CLINICAL, TEAM = f"work:{PID}", f"clinical:{PID}", f"team:{TEAM_ID}"


@dataclass
class _Device:
    device_id: str
    role: str
    team_id: str
    secrets: DeviceSecrets

    def info(self, org: Ed25519PrivateKey, *, status: str = "approved") -> DeviceInfo:
        x = X25519PrivateKey.from_private_bytes(self.secrets.x25519_private)
        ed = Ed25519PrivateKey.from_private_bytes(self.secrets.ed25519_private)
        x_pub, ed_pub = x.public_key().public_bytes_raw(), ed.public_key().public_bytes_raw()
        user = f"user-{self.device_id}"
        cert = org.sign(
            certificate_input(self.device_id, user, self.role, self.team_id, x_pub, ed_pub)
        )
        return DeviceInfo(
            self.device_id,
            user,
            self.role,
            "laptop",
            status,  # type: ignore[arg-type]
            x_pub,
            ed_pub,
            cert,
            0,
            user_id=user,
            team_id=self.team_id,
        )


def _device(name: str, role: str, team_id: str = TEAM_ID) -> _Device:
    return _Device(name, role, team_id, DeviceSecrets(os.urandom(32), os.urandom(32)))


@dataclass
class _World:
    org: Ed25519PrivateKey
    keys: dict[str, dict[int, bytes]]
    tmp: Path

    def store(self, dev: _Device, spaces: tuple[str, ...]) -> RecordStore:
        return make_store(
            self.tmp / f"{dev.device_id}-{uuid.uuid4().hex[:8]}.db",
            keys={s: self.keys[s] for s in spaces},
            device=dev.device_id,
            device_secrets=dev.secrets,
        )

    def directory(self, *devices: _Device, revoked: tuple[_Device, ...] = ()) -> DeviceDirectory:
        infos = [d.info(self.org) for d in devices]
        infos += [d.info(self.org, status="revoked") for d in revoked]
        org_pub = self.org.public_key().public_bytes_raw()
        return DeviceDirectory({i.device_id: i for i in infos}, org_pub)


@pytest.fixture
def w(tmp_path: Path) -> _World:
    keys = {s: {1: random_key()} for s in (WORK, CLINICAL, TEAM)}
    return _World(Ed25519PrivateKey.generate(), keys, tmp_path)


LEAD = _device("lead", "teamleder")
SPEC = _device("spec", "jobbspesialist")
THER = _device("ther", "terapeut")
STRANGER = _device("stranger", "teamleder", team_id="t2")


def _therapist(w: _World, gate: PurgeGate) -> tuple[RecordStore, str]:
    ther = w.store(THER, (WORK, CLINICAL, TEAM))
    ther.set_purge_check(gate)
    ther.put(PID, record_type="participant", space=WORK, values={"name": "Per"})
    note = ther.put(
        record_type="therapy_session", space=CLINICAL, parent=PID, texts={"body": "økt"}
    )
    return ther, note


def _erasure(w: _World, author: _Device, ther: RecordStore) -> list[Change]:
    """``author`` receives the participant and erases it; what it pushes."""
    store = w.store(author, (WORK, TEAM))
    store.apply_changes([c for c in ther.all_changes() if c.space == WORK])
    store.purge(PID, spaces=[WORK, CLINICAL])
    return [c for c in store.outbox() if c.kind == "purge"]


def _reason(store: RecordStore, change_id: str) -> str:
    row = store.conn.execute(
        "SELECT reason FROM quarantine WHERE change_id = ?", (change_id,)
    ).fetchone()
    return "" if row is None else str(row[0])


def _intact(ther: RecordStore, note: str) -> bool:
    rec = ther.get(note)
    return rec is not None and rec.error is None and ther.keys.has(CLINICAL)


def test_a_leads_erasure_is_applied(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER))
    ther, note = _therapist(w, gate)
    purge = _erasure(w, LEAD, ther)
    result = ther.apply_changes(purge)
    assert result.quarantined == [] and ther.get(note) is None and ther.get(PID) is None
    assert not ther.keys.has(CLINICAL) and not ther.keys.has(WORK)


def test_a_job_specialists_erasure_is_quarantined(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER))
    ther, note = _therapist(w, gate)
    spec = w.store(SPEC, (TEAM,))
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    ther.apply_changes(spec.outbox())
    spec.purge(employer, spaces=[CLINICAL, WORK])
    (forged,) = [c for c in spec.outbox() if c.kind == "purge"]
    (as_participant,) = _erasure(w, SPEC, ther)

    result = ther.apply_changes([forged, as_participant])

    assert result.quarantined == [forged.change_id, as_participant.change_id]
    assert "only a team lead may erase" in _reason(ther, forged.change_id)
    assert _intact(ther, note) and ther.get(employer) is not None and ther.get(PID) is not None


def test_a_purge_in_a_leads_name_not_signed_by_it_is_quarantined(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER))
    ther, note = _therapist(w, gate)
    # A peer holding the work key (or a server given one) seals a purge naming the lead.
    impostor = _Device(LEAD.device_id, "teamleder", TEAM_ID, SPEC.secrets)
    (forged,) = _erasure(w, impostor, ther)
    unsigned_store = make_store(
        w.tmp / "unsigned.db", keys={WORK: w.keys[WORK]}, device=LEAD.device_id
    )
    unsigned_store.apply_changes([c for c in ther.all_changes() if c.space == WORK])
    unsigned_store.purge(PID, spaces=[WORK, CLINICAL])
    (unsigned,) = [c for c in unsigned_store.outbox() if c.kind == "purge"]
    # The lead's own signature does not carry over to another change id either.
    (real,) = _erasure(w, LEAD, ther)
    moved = replace(real, change_id="another-id")

    result = ther.apply_changes([forged, unsigned, moved])

    assert len(result.quarantined) == 3
    assert "signature does not verify" in _reason(ther, forged.change_id)
    assert "no author signature" in _reason(ther, unsigned.change_id)
    assert _reason(ther, "another-id") != ""
    assert _intact(ther, note)


def test_a_lead_of_another_team_erases_nothing_here(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, THER, STRANGER))
    ther, note = _therapist(w, gate)
    (purge,) = _erasure(w, STRANGER, ther)
    assert ther.apply_changes([purge]).quarantined == [purge.change_id]
    assert "not of this team" in _reason(ther, purge.change_id)
    assert _intact(ther, note)


def test_without_a_directory_that_vouches_for_the_author_a_purge_is_held(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID)
    ther, note = _therapist(w, gate)
    (lead_purge,) = _erasure(w, LEAD, ther)
    result = ther.apply_changes([lead_purge])
    assert result.held_purges == 1 and _intact(ther, note) and ther.held_purges() == 1

    # A stale directory that does not know the lead yet: still held.
    gate.directory = w.directory(SPEC, THER)
    ther.retry_pending()
    assert _intact(ther, note) and ther.held_purges() == 1

    # One fetched now that knows it: applied.
    with gate.settled(w.directory(LEAD, SPEC, THER)):
        ther.retry_pending()
    assert ther.get(note) is None and ther.held_purges() == 0


@pytest.mark.parametrize("known_as", ["absent", "revoked"])
def test_a_fresh_directory_that_does_not_vouch_for_the_author_refuses(
    w: _World, known_as: str
) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID)
    ther, note = _therapist(w, gate)
    (purge,) = _erasure(w, LEAD, ther)
    assert ther.apply_changes([purge]).held_purges == 1
    revoked = (LEAD,) if known_as == "revoked" else ()
    with gate.settled(w.directory(SPEC, THER, revoked=revoked)):
        result = ther.retry_pending()
    assert result.quarantined == [purge.change_id] and ther.held_purges() == 0
    assert "not a certified device" in _reason(ther, purge.change_id)
    assert _intact(ther, note)


# ------------------------------------------- the records only a team lead writes


def _spec_laptop(w: _World, gate: PurgeGate) -> RecordStore:
    spec = w.store(SPEC, (TEAM,))
    spec.set_purge_check(gate)
    spec.set_author_check(gate.author, LEAD_ONLY_TYPES)
    return spec


def _setting(w: _World, author: _Device, reasons: list[str]) -> list[Change]:
    """``author`` writes the team's settings record; what it pushes."""
    store = w.store(author, (TEAM,))
    store.put(
        "settings-1",
        record_type="team_settings",
        space=TEAM,
        values={"nav_excluded_exit_reasons": reasons},
    )
    return store.outbox()


def test_a_leads_team_setting_is_applied_and_a_job_specialists_is_refused(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER, STRANGER))
    spec = _spec_laptop(w, gate)
    assert spec.apply_changes(_setting(w, LEAD, ["health"])).quarantined == []
    rec = spec.get("settings-1")
    assert rec is not None and rec.fields["nav_excluded_exit_reasons"] == ["health"]
    # A therapist's laptop (it holds the team key) writes the same record: refused.
    forged = _setting(w, THER, ["health", "other", "dropped_out"])
    result = spec.apply_changes(forged)
    assert result.quarantined == [c.change_id for c in forged]
    assert "only a team lead may change team_settings" in _reason(spec, forged[0].change_id)
    rec = spec.get("settings-1")
    assert rec is not None and rec.fields["nav_excluded_exit_reasons"] == ["health"]
    # A lead of another team is no lead here.
    foreign = _setting(w, STRANGER, ["other"])
    assert spec.apply_changes(foreign).quarantined == [c.change_id for c in foreign]


def test_a_team_setting_waits_for_a_directory_that_vouches_for_its_author(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID)
    spec = _spec_laptop(w, gate)
    changes = _setting(w, LEAD, ["health"])
    assert spec.apply_changes(changes).held_purges == len(changes)
    assert spec.get("settings-1") is None and spec.held_purges() == len(changes)
    with gate.settled(w.directory(LEAD, SPEC)):
        spec.retry_pending()
    rec = spec.get("settings-1")
    assert rec is not None and rec.fields["nav_excluded_exit_reasons"] == ["health"]
    assert spec.held_purges() == 0


def test_ordinary_team_records_are_not_judged_by_author(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID)  # no directory at all
    spec = _spec_laptop(w, gate)
    ther = w.store(THER, (TEAM,))
    employer = ther.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    assert spec.apply_changes(ther.outbox()).held_purges == 0
    assert spec.get(employer) is not None
