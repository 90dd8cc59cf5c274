"""Whom this laptop trusts: the device directory, grant verification, vouching.

Every approved device has a certificate: the organisation key's signature (the
first team lead, via ``feltjournal-server admin approve-device``) or an approved
team lead's of the same team, over ``certificate_input(device, user, role, team,
keys)``. The device directory (``GET /v1/devices``) serves the team's devices with
their certificates to every approved device, and each checks the chains itself.

Space keys arrive as grants wrapped to this device's X25519 key. A grant is
accepted only for this device, for a space its role may hold (never a clinical
space on a job specialist's laptop), for team spaces its own team's, and only when
signed by a device whose certificate chain verifies here and which may hold that
space (:meth:`Trust.verify_grant`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from app.central.records import (
    S_SIGNERS,
    trusted_signers_from_setting,
    trusted_signers_setting,
)
from app.domain.people import encode_people, people_from_directory
from app.store_settings import ORG_PUBLIC_KEY as S_ORG_KEY
from app.store_settings import USER_ID as S_USER_ID
from app.store_settings import set_own_devices, set_team_people
from app.syncing.link import Link
from app.syncing.status import NO_SUCH_DEVICE
from storage.errors import KeyUnavailable
from storage.store import ApplyResult
from sync import client as wire
from sync.client import SyncError, Transport, needs_backfill, request_backfill
from sync.grants import DeviceDirectory, GrantInvalid, unwrap_key, verify_grant
from sync.protocol import (
    CENTRAL,
    TEAM_LEAD,
    THERAPIST,
    DeviceInfo,
    Grant,
    MissingGrant,
    role_may_hold,
    space_kind,
)

log = logging.getLogger("feltjournal.sync")


@dataclass(frozen=True)
class DirectoryEntry:
    """A device of the directory, and whether its certificate chain verifies here."""

    info: DeviceInfo
    certified: bool


class RoundDirectory:
    """What one sync round fetched once: the directory, on first need."""

    def __init__(self, load: Callable[[Transport], DeviceDirectory]) -> None:
        self._load = load
        self._directory: DeviceDirectory | None = None

    def directory(self, transport: Transport) -> DeviceDirectory:
        if self._directory is None:
            self._directory = self._load(transport)
        return self._directory


def find_device(devices: Iterable[DeviceInfo], ref: str) -> DeviceInfo:
    """The device whose id is ``ref``, or the one device whose id starts with it."""
    ref = ref.strip().lower()
    exact = [d for d in devices if d.device_id == ref]
    if exact:
        return exact[0]
    found = [d for d in devices if len(ref) >= 6 and d.device_id.startswith(ref)]
    if len(found) != 1:
        raise SyncError(
            NO_SUCH_DEVICE,
            f"No device {ref!r} in your team."
            if not found
            else f"{ref!r} matches several devices; give more of the id.",
        )
    return found[0]


class Trust:
    """The directory and the keys held here, and which grants and granters to believe."""

    def __init__(self, link: Link) -> None:
        self._link = link
        self._signatures: dict[tuple[bytes, bytes, bytes], bool] = {}

    # ----------------------------------------------------------- directory

    def load_directory(self, transport: Transport) -> DeviceDirectory:
        listed = wire.list_devices(transport).devices
        org = bytes.fromhex(self._link.store.setting(S_ORG_KEY) or "")
        return DeviceDirectory({d.device_id: d for d in listed}, org, self._signatures)

    def round_directory(self) -> RoundDirectory:
        """A directory fetched at most once, for one round."""
        return RoundDirectory(self.load_directory)

    def directory(self) -> list[DirectoryEntry]:
        """The devices this computer may know, each with whether its certificate chain
        to the organisation key verifies here (see :meth:`verify_grant`)."""
        with self._link.revocation_guard():
            found = self.load_directory(self._link.signed_transport())
        return [DirectoryEntry(d, found.trusted(d.device_id)) for d in found.devices.values()]

    # ----------------------------------------------------------- keys held

    def held(self, space: str, version: int) -> bytes | None:
        try:
            return self._link.store.keys.key(space, version)
        except KeyUnavailable:
            return None

    def versions(self, space: str) -> list[int]:
        try:
            top = self._link.store.keys.current_version(space)
        except KeyUnavailable:
            return []
        return [v for v in range(1, top + 1) if self.held(space, v) is not None]

    def may_hold_here(self, space: str) -> bool:
        store = self._link.store
        kind = space_kind(space)
        if not role_may_hold(store.role, space):
            return False
        if kind == "reports" and store.role == CENTRAL:
            return True  # every team's; verify_grant checks the granter leads that team
        if kind in ("team", "reports"):
            return space == f"{kind}:{self._link.team_id}"
        return True

    # -------------------------------------------------------------- grants

    def receive_grants(self, transport: Transport, round_: RoundDirectory) -> ApplyResult | None:
        """Add the space keys granted to this device; apply what waited for them.

        A space new to this device is recorded for backfill (``request_backfill``)
        when the device has pulled before: its cursor may have passed the space's
        older changes, which the round then pulls for that space alone."""
        store = self._link.store
        problems: list[str] = []
        added: list[str] = []
        # Several devices may have granted the same key: one that verifies is enough,
        # and a refused one (say, from a device revoked since) never stops the others.
        offers: dict[tuple[str, int], list[Grant]] = {}
        for grant in wire.fetch_grants(transport).grants:
            if grant.to_device != store.device or not self.may_hold_here(grant.space):
                problems.append(f"{grant.space}: not for this device or role (ignored)")
                continue
            offers.setdefault((grant.space, grant.key_version), []).append(grant)
        for (space, version), offered in offers.items():
            if self.held(space, version) is not None:
                continue
            if store.space_erased(space):
                continue  # erased here: the server still lists its old grants
            key = self.first_valid_key(offered, round_.directory(transport), problems)
            if key is None:
                continue
            if not self.versions(space) and needs_backfill(store):
                # A space new to this device: its older changes may lie below the
                # cursor, so it is backfilled on its own. Recorded before the key is
                # stored: after a crash in between the grant comes again.
                request_backfill(store, [space])
            store.keys.add(space, version, key)
            added.append(space)
        if problems:
            # Space ids name participants by a random id only; never their data.
            log.warning("grants refused: %s", "; ".join(problems))
        self._link.status = replace(self._link.status, grant_problems=tuple(problems))
        if not added:
            return None
        return store.retry_pending()

    def first_valid_key(
        self, offered: list[Grant], directory: DeviceDirectory, problems: list[str]
    ) -> bytes | None:
        """The key of the first grant that verifies and unwraps here; each refused one is
        added to ``problems``."""
        secret = self._link.store.device_secrets.x25519_private
        for grant in offered:
            try:
                self.verify_grant(grant, directory)
                key = unwrap_key(grant, x25519_private=secret)
            except GrantInvalid as exc:
                problems.append(f"{grant.space}: {exc}")
                continue
            if len(key) != 32:
                problems.append(f"{grant.space}: the granted key has the wrong size")
                continue
            return key
        return None

    def verify_grant(self, grant: Grant, directory: DeviceDirectory) -> None:
        """Accept a grant only from a device this computer can trust to hold that key.

        The granting device must be in the directory, approved, with a
        certificate chain that verifies *here* up to the organisation key pinned
        at enrolment (organisation key → team lead of the device's team → …
        → device); the grant must carry its Ed25519 signature; and it must be
        a device that may hold the space: a device of this team whose role may
        hold it for work, team and clinical spaces, the team's lead for
        ``reports:<team>``. A server that inserts a device or a grant of its own
        making (or replays one from a revoked device) is therefore refused: it
        holds no key that the chain accepts. The wrap itself is bound
        (AES-GCM associated data) to this device, the space and the key version.
        """
        granter = directory.devices.get(grant.from_device)
        if granter is None or granter.status != "approved":
            raise GrantInvalid("granted by a device that is not an approved device")
        if not directory.trusted(granter.device_id):
            raise GrantInvalid("the granting device's certificate chain does not verify")
        verify_grant(grant, signer_ed25519_public=granter.ed25519_public)
        kind = space_kind(grant.space)
        if kind == "reports":
            allowed = granter.role == TEAM_LEAD and grant.space == f"reports:{granter.team_id}"
        else:
            allowed = granter.team_id == self._link.team_id and role_may_hold(
                granter.role, grant.space
            )
        if not allowed:
            raise GrantInvalid("granted by a device that may not hold this space")

    # ------------------------------------------------------------ vouching

    def held_before(self, missing: MissingGrant, directory: DeviceDirectory) -> bool:
        """A clinical key goes again only to a device a therapist of this team gave it
        to, shown by that therapist's own signed grant: the server's word that the
        device is a member would let a server widen who reads a participant's therapy."""
        grant = missing.evidence
        if grant is None or (grant.space, grant.key_version, grant.to_device) != (
            missing.space,
            missing.key_version,
            missing.to_device,
        ):
            return False
        return self.vouched(grant, directory)

    def vouched(self, grant: Grant, directory: DeviceDirectory) -> bool:
        """A grant signed by a device of this team that may hold its space and whose
        certificate verified (revoked since or not): it shows its recipient was given
        the key by someone entitled to give it."""
        granter = directory.devices.get(grant.from_device)
        if (
            granter is None
            or granter.team_id != self._link.team_id
            or not role_may_hold(granter.role, grant.space)
            or not directory.was_certified(granter.device_id)
        ):
            return False
        try:
            verify_grant(grant, signer_ed25519_public=granter.ed25519_public)
        except GrantInvalid:
            return False
        return True

    def remember_people(self, directory: DeviceDirectory) -> None:
        """Keep the team's people (users of its approved devices, their roles, how many
        of their devices are certified), so the window offers colleagues by name
        offline too (app.operations.team)."""
        team = self._link.team_id
        entries = [
            (d.user_name, d.role, directory.trusted(d.device_id))
            for d in directory.devices.values()
            if d.team_id == team and d.status == "approved"
        ]
        set_team_people(self._link.store, encode_people(people_from_directory(entries)))

    def remember_own_devices(self, directory: DeviceDirectory) -> None:
        """A therapist keeps its user's other approved therapist's computers whose
        certificate verifies here (``S_OWN_DEVICES``): a new laptop the team lead has
        just approved is offered the clinical journals held here
        (app.operations.handover.new_device_offers). Other roles keep none."""
        store = self._link.store
        if store.role != THERAPIST:
            return
        me = directory.devices.get(store.device)
        user = me.user_id if me is not None and me.user_id else store.setting(S_USER_ID)
        if not user:
            return
        set_own_devices(
            store,
            {
                d.device_id: d.device_name
                for d in directory.devices.values()
                if d.user_id == user
                and d.device_id != store.device
                and d.role == THERAPIST
                and d.team_id == self._link.team_id
                and d.status == "approved"
                and directory.trusted(d.device_id)
            },
        )

    def remember_signers(self, directory: DeviceDirectory) -> None:
        """Keep the Ed25519 keys of team leads whose certificates verify: every team's on
        a central device, its own team's on a team lead's (it reads its team's reports).

        Report snapshots carry their signer's key; the report view accepts one
        only when that key is a certified team lead's of the snapshot's team
        (``S_SIGNERS``, kept across rounds so a lead revoked later still vouches for
        what it signed before)."""
        store = self._link.store
        own_team = None if store.role == CENTRAL else self._link.team_id
        known = trusted_signers_from_setting(store.setting(S_SIGNERS))
        for device in directory.devices.values():
            if (
                device.role == TEAM_LEAD
                and device.team_id
                and (own_team is None or device.team_id == own_team)
                and directory.trusted(device.device_id)
            ):
                known[device.device_id] = (device.ed25519_public, device.team_id)
        encoded = trusted_signers_setting(known)
        if encoded != store.setting(S_SIGNERS):
            store.set_setting(S_SIGNERS, encoded)
