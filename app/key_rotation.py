"""Key rotation on the laptop: a space's new key version after a revocation, and who gets it.

A revoked laptop keeps copies of the space keys it held. Every space it held
therefore gets a new key version for new writes; old versions stay for old
records. The server decides which version is due and who makes it
(server.rotation); the devices that still hold a space do the rest, in every
sync round once the granted keys are in and before the push
(:func:`rotate_keys`):

1. Read the open rotations of the spaces this device holds (``GET /v1/rotations``).
2. An unclaimed one (or one this device claimed but whose key it never stored,
   after a crash): make a random key and claim the version; only an accepted
   claim stores the key in the vault. ``rotation_claimed``: another holder was
   first, the key is dropped and this device waits for that one's grant. So a
   version never has two keys, and nothing is sealed with a key that lost.
3. A version this device holds, with member devices waiting for it: grant it to
   each that the device directory trusts *here* (approved, certificate chain up
   to the organisation key), of this team, whose role may hold the space. Never
   to a revoked device (the server refuses that as well). This is what carries a
   clinical space's new key to the other therapists; work and team keys also
   reach the team through the round's ordinary sharing. A clinical key goes only
   to a device this laptop gave the space to before, or one the server shows a
   signed grant of an older version for, made by a therapist of the team whose
   certificate verified: a server that adds a member of its own choosing must not
   widen who reads a participant's therapy.
4. Seal again under the newest version every unpushed local change that an older
   one sealed (:meth:`storage.store.RecordStore.reseal_outbox`). The server
   rejects retired versions once a rotation is claimed (``retired_key``); this
   is how a laptop that was offline during a rotation switches: it goes on
   writing under the version it holds, and its edits leave under the new one
   once the grant has arrived.

New content is always sealed with the newest version held
(:meth:`storage.keys.SpaceKeys.current_version`); sealing with an older one
raises :class:`storage.errors.KeyRetired`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

import msgspec

from storage.crypto import random_key
from storage.store import RecordStore
from sync.client import BAD_RESPONSE, SyncError, Transport
from sync.grants import DeviceDirectory
from sync.protocol import (
    CENTRAL,
    DeviceInfo,
    Grant,
    Rotation,
    RotationClaim,
    RotationList,
    role_may_hold,
    space_kind,
)

log = logging.getLogger("feltjournal.sync")

ROTATION_CLAIMED: Final = "rotation_claimed"

GrantTo = Callable[[Transport, DeviceInfo, list[tuple[str, int]]], None]
Vouched = Callable[[Grant, DeviceDirectory], bool]
GrantedBefore = Callable[[str, str], bool]


@dataclass
class RotationReport:
    """What one round did: versions made here, versions another device made first,
    grants made and unpushed changes sealed again."""

    made: list[tuple[str, int]] = field(default_factory=list)
    lost: list[tuple[str, int]] = field(default_factory=list)
    granted: int = 0
    resealed: int = 0


def fetch_rotations(transport: Transport) -> list[Rotation]:
    """The open rotations of this device's spaces (none from a server without them)."""
    try:
        response = transport.request("GET", "/v1/rotations")
    except SyncError as exc:
        if exc.status == 404 and exc.server_code == "not_found":
            return []  # a server older than key rotation
        raise
    try:
        return list(msgspec.json.decode(response.content, type=RotationList).rotations)
    except (msgspec.DecodeError, msgspec.ValidationError):
        raise SyncError(BAD_RESPONSE, "The server's list of key rotations is unreadable.") from None


def claim_rotation(transport: Transport, space: str, key_version: int) -> Rotation:
    body = msgspec.json.encode(RotationClaim(space, key_version))
    response = transport.request("POST", "/v1/rotations/claim", body=body)
    try:
        return msgspec.json.decode(response.content, type=Rotation)
    except (msgspec.DecodeError, msgspec.ValidationError):
        raise SyncError(
            BAD_RESPONSE, "The server's answer to a key rotation is unreadable."
        ) from None


def rotate_keys(
    store: RecordStore,
    transport: Transport,
    *,
    directory: Callable[[], DeviceDirectory],
    team_id: str | None,
    may_hold: Callable[[str], bool],
    grant: GrantTo,
    vouched: Vouched,
    granted_before: GrantedBefore,
) -> RotationReport:
    """Make, claim and grant the due key versions of this device's spaces, then seal
    unpushed changes under the newest versions (see the module docstring).

    ``directory`` loads the device directory (on first need), ``may_hold`` says
    whether this device may hold a space, ``grant`` wraps keys to a device and
    records it, ``vouched`` checks a grant shown as evidence and
    ``granted_before(device, space)`` says whether this device gave it the space
    (app.sync_service). A refusal that concerns one space or one
    device is logged and the rest goes on; 401, 429 and 5xx end the round.
    """
    report = RotationReport()
    if store.role == CENTRAL:
        return report  # it holds other teams' report keys only: not its to rotate
    for rotation in fetch_rotations(transport):
        space, version = rotation.space, rotation.key_version
        if not may_hold(space) or not store.keys.has(space):
            continue
        held = version in store.keys.versions(space)
        mine = rotation.claimed_by == store.device
        if not held and (not rotation.claimed_by or mine):
            key = random_key()
            try:
                rotation = claim_rotation(transport, space, version)
            except SyncError as exc:
                _refused_here(exc)
                if exc.server_code == ROTATION_CLAIMED:
                    report.lost.append((space, version))  # the winner grants it to us
                else:
                    log.warning("key rotation of %s refused: %s", space, exc.server_code)
                continue
            store.keys.add(space, version, key)
            report.made.append((space, version))
            held = True
        if held:
            report.granted += _grant_waiting(
                transport,
                rotation,
                directory,
                store.device,
                team_id,
                grant,
                functools.partial(
                    _held_before, rotation, vouched=vouched, granted_before=granted_before
                ),
            )
    report.resealed = store.reseal_outbox()
    if report.made or report.lost or report.resealed:
        # Space ids name participants by a random id only.
        log.info(
            "key rotation: made %s, made elsewhere %s, %d changes sealed again",
            report.made,
            report.lost,
            report.resealed,
        )
    return report


def _grant_waiting(
    transport: Transport,
    rotation: Rotation,
    directory: Callable[[], DeviceDirectory],
    me: str,
    team_id: str | None,
    grant: GrantTo,
    held_before: Callable[[str, DeviceDirectory], bool],
) -> int:
    """Grant the rotated version to the waiting devices this laptop trusts; how many."""
    if not rotation.waiting:
        return 0
    found = directory()
    count = 0
    for device_id in rotation.waiting:
        target = found.devices.get(device_id)
        # The server names whom to grant; the laptop checks each one itself.
        if (
            target is None
            or device_id == me
            or target.team_id != team_id
            or not role_may_hold(target.role, rotation.space)
            or not found.trusted(device_id)
            or (space_kind(rotation.space) == "clinical" and not held_before(device_id, found))
        ):
            continue
        try:
            grant(transport, target, [(rotation.space, rotation.key_version)])
        except SyncError as exc:
            _refused_here(exc)
            log.warning("new key for device %s refused: %s", device_id, exc.server_code)
            continue
        count += 1
    return count


def _held_before(
    rotation: Rotation,
    device_id: str,
    found: DeviceDirectory,
    *,
    vouched: Vouched,
    granted_before: GrantedBefore,
) -> bool:
    """Whether a device waiting for a clinical space's new key was given the space
    before: by this laptop, or by a therapist whose signed grant the server shows."""
    if granted_before(device_id, rotation.space):
        return True
    return any(
        g.to_device == device_id
        and g.space == rotation.space
        and g.key_version < rotation.key_version
        and vouched(g, found)
        for g in rotation.evidence
    )


def _refused_here(exc: SyncError) -> None:
    """Re-raise what ends the round (no answer, authentication, rate limit, server)."""
    if exc.status is None or exc.status in (401, 429) or exc.status >= 500:
        raise exc
