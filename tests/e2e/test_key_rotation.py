"""Key rotation on revocation, end to end against a real server process (SQLite and
PostgreSQL): copies of a revoked laptop's keys open nothing written afterwards, old records
still open with them, and the laptops that remain read everything."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Row, func, select

import app.key_rotation
from server import db
from storage.crypto import EnvelopeCipher, encode_aad
from storage.errors import IntegrityFailure
from sync import client as wire
from sync.client import REVOKED, SyncError, Transport
from sync.grants import DeviceDirectory
from sync.protocol import Rotation
from tests.e2e.conftest import Laptop, TeamWorld, sync_all

Keys = dict[str, dict[int, bytes]]


def _copy_keys(laptop: Laptop) -> Keys:
    """What a thief copies from an unlocked laptop: every version of every space key."""
    keys = laptop.store.keys
    # Copies of the bytes: the vault's own key objects are zeroed when the laptop locks.
    return {
        s: {v: bytes(bytearray(keys.key(s, v))) for v in keys.versions(s)} for s in keys.spaces()
    }


def _server_changes(world: TeamWorld, spaces: set[str]) -> list[Row[Any]]:
    with world.server.engine.connect() as conn:
        return list(
            conn.execute(
                select(db.changes)
                .where(db.changes.c.space.in_(sorted(spaces)))
                .order_by(db.changes.c.seq)
            )
        )


def _opens_with(row: Row[Any], copied: Keys) -> bool:
    """True when any copied key of the change's space opens its envelope."""
    field = f"{row.kind}:{row.field}"
    aad = encode_aad(
        row.space, row.record_type, row.record_id, field, row.hlc, row.key_version, row.device_id
    )
    for key in copied.get(row.space, {}).values():
        try:
            EnvelopeCipher(key).open_encoded(bytes(row.payload), aad, row.record_id)
        except IntegrityFailure:
            continue
        return True
    return False


def _newest_seq(world: TeamWorld) -> int:
    with world.server.engine.connect() as conn:
        return int(conn.scalar(select(func.max(db.changes.c.seq))) or 0)


def _claims(world: TeamWorld, spaces: set[str]) -> dict[tuple[str, int], str | None]:
    with world.server.engine.connect() as conn:
        rows = conn.execute(
            select(db.key_rotations).where(db.key_rotations.c.space.in_(sorted(spaces)))
        ).all()
    return {(r.space, r.key_version): r.claimed_by for r in rows}


def _revoke(world: TeamWorld, laptop: Laptop) -> None:
    world.server.admin.revoke_device(laptop.device)
    with pytest.raises(SyncError) as gone:
        laptop.sync.sync_once()
    assert gone.value.code == REVOKED and laptop.store.locked


def test_a_revoked_laptops_copied_keys_open_nothing_written_after_the_revocation(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    a = world.laptop("jobbspesialist", "Jonas Jobb")
    b = world.laptop("jobbspesialist", "Bente Borte")
    sync_all(lead, a, b, rounds=1)
    pid = a.journal.create_participant({"name": "Per Pendler", "programme": "IPS"})
    old_note = a.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Før tilbakekallingen."}, participant_id=pid
    )
    sync_all(a, lead, b, rounds=2)
    assert b.journal.get(old_note).fields["body"] == "Før tilbakekallingen."
    work, team = f"work:{pid}", f"team:{world.team.id}"
    copied = _copy_keys(b)  # B's keys leave with the laptop
    assert copied[work] == {1: a.store.keys.key(work, 1)} and team in copied
    before = _newest_seq(world)

    _revoke(world, b)
    assert _claims(world, {work, team}) == {(work, 2): None, (team, 2): None}
    # The lead is offline and writes under the version it holds: it keeps working.
    offline = lead.journal.add(
        "case_note", {"date": "2026-11-21", "body": "Skrevet uten nett."}, participant_id=pid
    )
    assert {c.key_version for c in lead.store.outbox()} == {1}
    # The lead's next round will see a stale list (the rotations before A claimed them).
    with Transport(
        world.server.url,
        device_id=lead.device,
        signing_key=lead.store.device_secrets.ed25519_private,
    ) as transport:
        stale: list[Rotation] = app.key_rotation.fetch_rotations(transport)
    assert {(r.space, r.key_version, r.claimed_by) for r in stale} == {(work, 2, ""), (team, 2, "")}
    # A holds both spaces: it claims and makes version 2 of each (its grants come later).
    with Transport(
        world.server.url, device_id=a.device, signing_key=a.store.device_secrets.ed25519_private
    ) as transport:
        listed = {d.device_id: d for d in wire.list_devices(transport).devices}
        org = world.server.org_key.public_key().public_bytes_raw()
        held_back: list[tuple[str, list[tuple[str, int]]]] = []
        made = app.key_rotation.rotate_keys(
            a.store,
            transport,
            directory=lambda: DeviceDirectory(listed, org),
            team_id=world.team.id,
            may_hold=lambda _space: True,
            grant=lambda _t, target, items: held_back.append((target.device_id, items)),
            vouched=a.sync.trust.vouched,
            granted_before=a.sync.sharing.granted_before,
        )
    assert sorted(made.made) == sorted([(work, 2), (team, 2)]) and not made.lost
    # It would grant version 2 to the lead (waiting), and to B never.
    assert sorted(held_back) == sorted([(lead.device, [(work, 2)]), (lead.device, [(team, 2)])])
    assert _claims(world, {work, team}) == {(work, 2): a.device, (team, 2): a.device}
    assert a.store.keys.versions(work) == [1, 2] and a.store.keys.versions(team) == [1, 2]
    claims: list[tuple[str, str]] = []
    real_claim = app.key_rotation.claim_rotation

    def watched_claim(transport: Transport, space: str, version: int) -> Rotation:
        try:
            return real_claim(transport, space, version)
        except SyncError as exc:
            claims.append((space, str(exc.server_code)))
            raise

    with monkeypatch.context() as m:
        m.setattr(app.key_rotation, "fetch_rotations", lambda _transport: stale)
        m.setattr(app.key_rotation, "claim_rotation", watched_claim)
        result = lead.sync.sync_once()
    # The lead made keys of its own, lost both claims and dropped them; its offline note
    # was refused under the retired version and waits in its outbox.
    assert sorted(claims) == sorted([(work, "rotation_claimed"), (team, "rotation_claimed")])
    assert lead.store.keys.versions(work) == [1] and lead.store.keys.versions(team) == [1]
    assert {code for _, code in result.rejected} == {"retired_key"}
    assert lead.store.outbox_size() > 0
    a.sync.sync_once()  # grants version 2 to the team's devices (never to B)
    lead.sync.sync_once()  # takes A's version 2, seals its note again and pushes it
    for space in (work, team):
        assert lead.store.keys.versions(space) == [1, 2]
        assert lead.store.keys.key(space, 2) == a.store.keys.key(space, 2)
    assert lead.store.outbox_size() == 0

    new_note = a.journal.add(
        "case_note", {"date": "2026-11-22", "body": "Etter tilbakekallingen."}, participant_id=pid
    )
    a.journal.update(pid, {"name": "Per Pendler-Nilsen"})
    sync_all(a, lead, rounds=2)
    for laptop in (lead, a):
        assert laptop.journal.get(old_note).fields["body"] == "Før tilbakekallingen."
        assert laptop.journal.get(new_note).fields["body"] == "Etter tilbakekallingen."
        assert laptop.journal.get(offline).fields["body"] == "Skrevet uten nett."
        assert laptop.journal.get(pid).fields["name"] == "Per Pendler-Nilsen"
        assert laptop.store.outbox_size() == 0

    # The server's log: everything written after the revocation is under version 2 and
    # none of it opens with B's copied keys; everything before still does.
    rows = _server_changes(world, {work, team})
    earlier = [r for r in rows if r.seq <= before]
    later = [r for r in rows if r.seq > before]
    assert earlier and later
    assert {r.key_version for r in later} == {2}
    assert not [r.change_id for r in later if _opens_with(r, copied)]
    assert all(_opens_with(r, copied) for r in earlier)
    assert {r.space for r in later} >= {work}


def test_a_clinical_spaces_new_key_reaches_only_the_therapists_that_remain(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    first = world.laptop("terapeut", "Tora Terapeut")
    second = world.laptop("terapeut", "Terje Terapeut")
    gone = world.laptop("terapeut", "Tapt Terapeut")
    sync_all(lead, first, second, gone, rounds=1)
    pid = first.journal.create_participant({"name": "Kari Klinikk", "programme": "IPS"})
    first.sync.sync_once()
    old_session = first.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 1, "body": "Første time."},
        participant_id=pid,
    )
    clinical = f"clinical:{pid}"
    first.sync.share_clinical(second.device, pid)
    first.sync.share_clinical(gone.device, pid)
    sync_all(first, second, gone, lead, rounds=2)
    assert gone.journal.get(old_session).fields["body"] == "Første time."
    copied = _copy_keys(gone)
    assert set(copied[clinical]) == {1}
    before = _newest_seq(world)

    _revoke(world, gone)
    lead.sync.sync_once()  # the lead holds no clinical key: it makes nothing clinical
    assert not lead.store.keys.has(clinical)
    assert _claims(world, {clinical}) == {(clinical, 2): None}
    first.sync.sync_once()  # makes version 2 and grants it to the therapist that remains
    assert _claims(world, {clinical}) == {(clinical, 2): first.device}
    new_session = first.journal.add(
        "therapy_session",
        {"date": "2026-11-27", "number": 2, "body": "Andre time, etter tilbakekallingen."},
        participant_id=pid,
    )
    sync_all(first, second, lead, rounds=2)
    assert second.store.keys.versions(clinical) == [1, 2]
    assert second.store.keys.key(clinical, 2) == first.store.keys.key(clinical, 2)
    assert second.journal.get(new_session).fields["body"] == ("Andre time, etter tilbakekallingen.")
    assert second.journal.get(old_session).fields["body"] == "Første time."
    with world.server.engine.connect() as conn:
        to_gone = conn.scalars(
            select(db.grants.c.key_version).where(
                db.grants.c.space == clinical, db.grants.c.to_device == gone.device
            )
        ).all()
    assert to_gone == [1]
    rows = _server_changes(world, {clinical})
    later = [r for r in rows if r.seq > before]
    assert later and {r.key_version for r in later} == {2}
    assert not [r.change_id for r in later if _opens_with(r, copied)]
    assert all(_opens_with(r, copied) for r in rows if r.seq <= before)


def test_a_server_without_key_rotation_lists_none_and_the_round_goes_on(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    # Under another prefix every path is unknown, as /v1/rotations is to an older server.
    with Transport(
        f"{world.server.url}/older",
        device_id=lead.device,
        signing_key=lead.store.device_secrets.ed25519_private,
    ) as transport:
        assert app.key_rotation.fetch_rotations(transport) == []
        with pytest.raises(SyncError) as refused:
            app.key_rotation.claim_rotation(transport, f"team:{world.team.id}", 2)
    assert (refused.value.status, refused.value.server_code) == (404, "not_found")
