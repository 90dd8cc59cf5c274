"""Sharing keys: every device grants the work and team keys it holds to the team.

Every device shares the work and team keys it holds with the team's other
certified devices whose role may hold them (a participant registered offline
reaches the team at that laptop's next sync); clinical keys only go from
therapist to therapist (:meth:`Sharing.share_clinical`). A team lead also grants
its team's reports key to every approved central-team device.

Grants of a revoked device stop counting (the server no longer serves them). When
the directory shows a new revocation, each laptop asks the server which devices
lack a grant from an unrevoked granter of a key it holds, and grants them again
(:meth:`Sharing.reshare`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import msgspec

from app.store_settings import GRANTED as S_GRANTED
from app.store_settings import RESHARED_FOR as S_RESHARED
from app.store_settings import TEAM_IS_CENTRAL as S_TEAM_IS_CENTRAL
from app.store_settings import TEAMS as S_TEAMS
from app.syncing.link import Link
from app.syncing.status import KEY_MISMATCH, NO_KEY, NO_SUCH_DEVICE
from app.syncing.trust import RoundDirectory, Trust, find_device
from sync import client as wire
from sync.client import BAD_RESPONSE, RoundResult, SyncClient, SyncError, Transport
from sync.grants import DeviceDirectory, make_grant
from sync.protocol import (
    CENTRAL,
    TEAM_LEAD,
    THERAPIST,
    DeviceInfo,
    TeamInfo,
    TeamList,
    role_may_hold,
    space_kind,
)

log = logging.getLogger("feltjournal.sync")

MAX_GRANTS_PER_POST: Final = 500


def fetch_teams(transport: Transport) -> list[TeamInfo]:
    """The server's list of teams (a central-team device asks)."""
    response = transport.request("GET", "/v1/teams")
    try:
        return list(msgspec.json.decode(response.content, type=TeamList).teams)
    except (msgspec.DecodeError, msgspec.ValidationError):
        raise SyncError(BAD_RESPONSE, "The server's list of teams is unreadable.") from None


@dataclass(frozen=True, slots=True)
class ClinicalShare:
    """What sharing clinical journals with a colleague's computers did."""

    devices: tuple[str, ...]  # the therapist's certified computers that received them
    participants: tuple[str, ...]  # whose clinical key went to each of them
    without_key: tuple[str, ...]  # whose clinical key this computer does not hold


class Sharing:
    """Grants the keys this device holds to the devices that should have them."""

    def __init__(self, link: Link, trust: Trust) -> None:
        self._link = link
        self._trust = trust

    # -------------------------------------------------------------- grants

    def grantable(self, role: str) -> list[tuple[str, int]]:
        """(space, version) this device holds and may hand to a device of ``role`` in its team.

        Work and team spaces (team: only this team's), this team's reports key
        where the role allows; never a clinical space: those stay between
        therapists (:meth:`share_clinical`).
        """
        out: list[tuple[str, int]] = []
        team = self._link.team_id
        for space in self._link.store.keys.spaces():
            kind = space_kind(space)
            if kind == "clinical" or not role_may_hold(role, space):
                continue
            if kind in ("team", "reports") and space != f"{kind}:{team}":
                continue
            out += [(space, v) for v in self._trust.versions(space)]
        return out

    def grant(self, transport: Transport, target: DeviceInfo, items: list[tuple[str, int]]) -> None:
        store = self._link.store
        signer = store.device_secrets.ed25519_private
        grants = [
            make_grant(
                store.keys.key(space, version),
                space=space,
                key_version=version,
                to_device=target.device_id,
                recipient_x25519=target.x25519_public,
                from_device=store.device,
                signer_ed25519_private=signer,
            )
            for space, version in items
        ]
        for i in range(0, len(grants), MAX_GRANTS_PER_POST):
            wire.post_grants(transport, grants[i : i + MAX_GRANTS_PER_POST])
        self._remember_granted(target.device_id, items)
        # The audit log has no "key granted" action yet; "export" is the nearest
        # (access leaves this device), ids only.
        store.audit("export", None, f"{len(items)} space keys granted to {target.device_id}")

    def _remember_granted(self, device_id: str, items: Iterable[tuple[str, int]]) -> None:
        """Note in ``S_GRANTED`` the key versions granted to ``device_id``."""
        granted = self.granted()
        mine = set(granted.get(device_id, []))
        mine |= {f"{s}#{v}" for s, v in items}
        granted[device_id] = sorted(mine)
        self._link.store.set_setting(S_GRANTED, json.dumps(granted, sort_keys=True))

    def granted_before(self, device_id: str, space: str) -> bool:
        """Whether this device has granted ``space`` (any version) to ``device_id``."""
        return any(item.rpartition("#")[0] == space for item in self.granted().get(device_id, []))

    def granted(self) -> dict[str, list[str]]:
        raw = self._link.store.setting(S_GRANTED)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    # ----------------------------------------------------------- the team

    def ensure_reports_key(self) -> None:
        """A team lead holds its team's reports key (snapshots are sealed with it); the
        central team's own lead has no figures to report."""
        link = self._link
        team = link.team_id
        if (
            link.store.role == TEAM_LEAD
            and team
            and not link.team_is_central
            and not link.store.keys.has(f"reports:{team}")
        ):
            link.store.create_space(f"reports:{team}")

    def note_team_kind(self, directory: DeviceDirectory) -> None:
        """A lead learns from the directory whether its own team is the central team
        (``app.central.publish_due`` then publishes nothing)."""
        team = self._link.team_id
        central = any(
            d.team_id == team and d.role == CENTRAL and d.status == "approved"
            for d in directory.devices.values()
        )
        if central != self._link.team_is_central:
            self._link.store.set_setting(S_TEAM_IS_CENTRAL, "1" if central else "0")

    def share_spaces(self, transport: Transport, round_: RoundDirectory) -> None:
        """Grant the keys this device holds to the devices that should have them.

        Every device (not only a lead) shares its work and team keys with the
        team's approved devices whose role may hold them and whose certificate
        chain verifies here, once per key version (``S_GRANTED``): a participant
        registered offline on a job specialist's laptop reaches the lead and the
        colleagues at that laptop's next sync. Clinical keys are never shared
        automatically. A team lead also grants its team's reports key to every
        approved central-team device.
        """
        link = self._link
        role = link.store.role
        if role == CENTRAL:
            # It holds report keys of other teams only: not its to share. It notes
            # which team leads' signing keys it trusts, to verify their snapshots.
            self._trust.remember_signers(round_.directory(transport))
            self._remember_teams(transport)
            return
        directory = round_.directory(transport)
        granted = self.granted()
        team = link.team_id
        reports = [(f"reports:{team}", v) for v in self._trust.versions(f"reports:{team}")]
        by_role: dict[str, list[tuple[str, int]]] = {}
        for device in directory.devices.values():
            if device.device_id == link.store.device or not directory.trusted(device.device_id):
                continue
            if device.role == CENTRAL:
                # Report keys go only to central-team devices the organisation itself
                # approved: a team lead's certificate would let one lead create a
                # "central" device that every other team then trusts.
                if (
                    role != TEAM_LEAD
                    or link.team_is_central
                    or not directory.org_certified(device.device_id)
                ):
                    continue
                offer = reports
            elif device.team_id == team:
                if device.role not in by_role:
                    by_role[device.role] = self.grantable(device.role)
                offer = by_role[device.role]
            else:
                continue
            have = set(granted.get(device.device_id, []))
            items = [(s, v) for s, v in offer if f"{s}#{v}" not in have]
            if not items:
                continue
            try:
                self.grant(transport, device, items)
            except SyncError as exc:
                if exc.status is None or exc.status in (401, 429) or exc.status >= 500:
                    raise
                # Refused for this device alone (e.g. revoked a moment ago): the
                # others still get their keys; it is offered again next round.
                log.warning("keys for device %s refused: %s", device.device_id, exc.server_code)
        self.reshare(transport, directory)

    def reshare(self, transport: Transport, directory: DeviceDirectory) -> None:
        """Grant again the keys this device holds to devices the server lists as lacking
        a grant from an unrevoked granter (``GET /v1/grants/missing``).

        A grant stops counting when its granter is revoked, and a server from before
        migration 5 kept one grant per recipient, the last granter's. Asked when the
        directory's revoked devices differ from the last check (and at the first
        round), not every round: that list reads every grant of the spaces held.
        Each device still has to qualify here as :meth:`share_spaces` requires:
        certified, of this team (a reports key: an organisation-certified central
        device, from a lead), a role that may hold the space; clinical keys only
        from a therapist to a therapist another therapist of the team gave it to
        (:meth:`app.syncing.trust.Trust.held_before`).
        """
        link = self._link
        store = link.store
        revoked = sorted(d.device_id for d in directory.devices.values() if d.status == "revoked")
        marker = json.dumps(revoked)
        if store.setting(S_RESHARED) == marker:
            return
        team = link.team_id
        try:
            missing = wire.fetch_missing_grants(transport).missing
        except SyncError as exc:
            if exc.status != 404:
                raise
            # A server from before GET /v1/grants/missing: nothing to ask it until the
            # revoked devices change again; the round itself goes on.
            store.set_setting(S_RESHARED, marker)
            return
        wanted: dict[str, list[tuple[str, int]]] = {}
        for m in missing:
            device = directory.devices.get(m.to_device)
            kind = space_kind(m.space)
            if (
                device is None
                or device.device_id == store.device
                or not directory.trusted(device.device_id)
                or not role_may_hold(device.role, m.space)
                or not role_may_hold(store.role, m.space)
                or self._trust.held(m.space, m.key_version) is None
            ):
                continue
            if kind == "reports":
                if not (
                    store.role == TEAM_LEAD
                    and m.space == f"reports:{team}"
                    and device.role == CENTRAL
                    and not link.team_is_central
                    and directory.org_certified(device.device_id)
                ):
                    continue
            elif (
                device.team_id != team
                or (kind == "team" and m.space != f"team:{team}")
                or (kind == "clinical" and not self._trust.held_before(m, directory))
            ):
                continue
            wanted.setdefault(device.device_id, []).append((m.space, m.key_version))
        for device_id, items in wanted.items():
            try:
                self.grant(transport, directory.devices[device_id], items)
            except SyncError as exc:
                if exc.status is None or exc.status in (401, 429) or exc.status >= 500:
                    raise
                log.warning("keys for device %s refused: %s", device_id, exc.server_code)
        store.set_setting(S_RESHARED, marker)

    # ----------------------------------------------------------- clinical

    def share_clinical(
        self, device_id: str, participant_id: str, *, recipient_x25519: bytes | None = None
    ) -> None:
        """A therapist grants a participant's clinical space to another therapist's device.

        The recipient's X25519 key comes from the device directory, and only a
        therapist's device of this team whose certificate chain verifies here
        qualifies. ``recipient_x25519``, if given, must equal the directory's
        key (a key obtained elsewhere is double-checked, never trusted). The
        server refuses the grant unless this device is a member of the space.
        """
        link = self._link
        space = f"clinical:{participant_id}"
        if link.store.role != THERAPIST:
            raise SyncError(NO_KEY, "Only a therapist's computer holds clinical keys.")
        versions = self._trust.versions(space)
        if not versions:
            raise SyncError(NO_KEY, "This computer holds no clinical key for that participant.")
        with link.revocation_guard():
            transport = link.signed_transport()
            directory = self._trust.load_directory(transport)
            target = find_device(directory.devices.values(), device_id)
            if (
                target.role != THERAPIST
                or target.team_id != link.team_id
                or target.device_id == link.store.device
                or not directory.trusted(target.device_id)
            ):
                raise SyncError(
                    NO_SUCH_DEVICE,
                    "That device is not an approved, certified therapist's computer of your team.",
                )
            if recipient_x25519 is not None and recipient_x25519 != target.x25519_public:
                raise SyncError(
                    KEY_MISMATCH,
                    "The key given for that device differs from the one in the team's device "
                    "directory; nothing was shared.",
                )
            self._share(transport, space, versions, target)
        self._remember_granted(target.device_id, [(space, v) for v in versions])
        link.store.audit("export", participant_id, f"clinical key granted to {target.device_id}")

    def share_clinical_with_user(
        self, user_name: str, participant_ids: Iterable[str], *, only_device: str | None = None
    ) -> ClinicalShare:
        """A therapist shares the clinical journals of ``participant_ids`` it holds with
        every approved, certified therapist's computer of ``user_name`` in the team (a
        colleague taking over, or the same therapist's new laptop), or with the one of
        them whose id is ``only_device``: one push, one directory, every key version
        held. A participant whose clinical key this computer lacks (no session written
        here, or never shared with it) is named in the answer, not an error. What each
        computer received is noted in ``S_GRANTED`` (a key rotated later follows it, and
        the offer to a therapist's new computer knows it was made)."""
        link = self._link
        store = link.store
        if store.role != THERAPIST:
            raise SyncError(NO_KEY, "Only a therapist's computer holds clinical keys.")
        wanted = sorted(set(participant_ids))
        held = {pid: self._trust.versions(f"clinical:{pid}") for pid in wanted}
        sharable = [pid for pid in wanted if held[pid]]
        without = tuple(pid for pid in wanted if not held[pid])
        with link.revocation_guard():
            transport = link.signed_transport()
            directory = self._trust.load_directory(transport)
            targets = [
                d
                for d in directory.devices.values()
                if d.user_name == user_name
                and d.role == THERAPIST
                and d.team_id == link.team_id
                and d.status == "approved"
                and d.device_id != store.device
                and directory.trusted(d.device_id)
                and (only_device is None or d.device_id == only_device)
            ]
            if not targets:
                raise SyncError(
                    NO_SUCH_DEVICE,
                    f"{user_name} has no approved, certified therapist's computer in your "
                    "team; nothing was shared.",
                )
            if sharable:
                SyncClient(store, transport).push(RoundResult())  # a member of each space
                signer = store.device_secrets.ed25519_private
                grants = [
                    make_grant(
                        store.keys.key(f"clinical:{pid}", v),
                        space=f"clinical:{pid}",
                        key_version=v,
                        to_device=target.device_id,
                        recipient_x25519=target.x25519_public,
                        from_device=store.device,
                        signer_ed25519_private=signer,
                    )
                    for target in targets
                    for pid in sharable
                    for v in held[pid]
                ]
                for i in range(0, len(grants), MAX_GRANTS_PER_POST):
                    wire.post_grants(transport, grants[i : i + MAX_GRANTS_PER_POST])
        devices = tuple(sorted(t.device_id for t in targets))
        for target in targets:
            self._remember_granted(
                target.device_id, [(f"clinical:{pid}", v) for pid in sharable for v in held[pid]]
            )
        for pid in sharable:
            store.audit("export", pid, f"clinical key granted to {', '.join(devices)}")
        return ClinicalShare(devices, tuple(sharable), without)

    def _share(
        self, transport: Transport, space: str, versions: list[int], target: DeviceInfo
    ) -> None:
        store = self._link.store
        SyncClient(store, transport).push(RoundResult())  # be a member of the space first
        signer = store.device_secrets.ed25519_private
        grants = [
            make_grant(
                store.keys.key(space, v),
                space=space,
                key_version=v,
                to_device=target.device_id,
                recipient_x25519=target.x25519_public,
                from_device=store.device,
                signer_ed25519_private=signer,
            )
            for v in versions
        ]
        wire.post_grants(transport, grants)

    # ----------------------------------------------------- central team

    def _remember_teams(self, transport: Transport) -> None:
        """Central device: keep the team list, so a team that never reported shows as
        missing in the central view, offline too (``S_TEAMS``)."""
        teams = [
            {"id": t.team_id, "name": t.name, "programme": t.programme, "region": t.region}
            for t in fetch_teams(transport)
        ]
        encoded = json.dumps(teams, sort_keys=True)
        if encoded != self._link.store.setting(S_TEAMS):
            self._link.store.set_setting(S_TEAMS, encoded)
