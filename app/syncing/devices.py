"""A team lead's device actions: list the team's devices, approve (certify and grant).

An approved device's certificate is its team lead's Ed25519 signature over
``certificate_input(device, user, role, team, keys)``; every other device checks it
(app.syncing.trust) before it trusts a key the approved device grants. Revoking is
the server's (``feltjournal-server admin revoke-device``); what a revoked laptop does
is the :meth:`app.syncing.link.Link.revocation_guard`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.syncing.link import Link
from app.syncing.sharing import Sharing, fetch_teams
from app.syncing.status import NO_SUCH_DEVICE, NOT_TEAM_LEAD, WRONG_ROLE
from app.syncing.trust import Trust, find_device
from sync import client as wire
from sync.client import BAD_RESPONSE, SyncError
from sync.protocol import CENTRAL, TEAM_LEAD, DeviceInfo, TeamInfo, certificate_input


@dataclass
class ApproveResult:
    """What approving a device did."""

    device: DeviceInfo
    granted: list[str] = field(default_factory=list)
    certified: bool = False


class Devices:
    """The team's devices as its lead sees them; the teams as the central team does."""

    def __init__(self, link: Link, trust: Trust, sharing: Sharing) -> None:
        self._link = link
        self._trust = trust
        self._sharing = sharing

    def _require_lead(self) -> None:
        if self._link.store.role != TEAM_LEAD:
            raise SyncError(NOT_TEAM_LEAD, "Only a team lead's computer may do this.")

    def list_devices(self) -> list[DeviceInfo]:
        """The team's devices, pending ones included, oldest first (team lead only)."""
        self._require_lead()
        with self._link.revocation_guard():
            return list(wire.list_devices(self._link.signed_transport()).devices)

    def approve_device(self, device_id: str) -> ApproveResult:
        """Approve a device of the team: certify it, then grant the keys its role may hold.

        The certificate is this (team lead) device's Ed25519 signature over
        ``certificate_input(device, user, role, team, keys)`` of the target; the
        server verifies and stores it, and every other device checks it (and
        this device's own certificate, up to the organisation key) before it
        trusts a key the approved device grants. An approved device whose
        certificate does not verify (approved before certificates) is certified
        again. A central team's lead approves its central-team devices the same
        way; they receive no participant key.
        """
        self._require_lead()
        with self._link.revocation_guard():
            return self._approve(device_id)

    def _approve(self, device_id: str) -> ApproveResult:
        link = self._link
        transport = link.signed_transport()
        directory = self._trust.load_directory(transport)
        target = find_device(directory.devices.values(), device_id)
        if target.device_id == link.store.device:
            raise SyncError(NO_SUCH_DEVICE, "A device cannot approve itself.")
        if target.status == "revoked":
            raise SyncError("device_revoked", "That device is revoked; it cannot be approved.")
        if target.team_id != link.team_id:
            raise SyncError(NO_SUCH_DEVICE, "That device belongs to another team.")
        if not target.user_id:
            raise SyncError(
                BAD_RESPONSE, "The server's device directory names no user; update the server."
            )
        certified = False
        if target.status == "pending" or not directory.trusted(target.device_id):
            message = certificate_input(
                target.device_id,
                target.user_id,
                target.role,
                target.team_id,
                target.x25519_public,
                target.ed25519_public,
            )
            signature = Ed25519PrivateKey.from_private_bytes(
                link.store.device_secrets.ed25519_private
            ).sign(message)
            target = wire.approve_device(transport, target.device_id, signature)
            certified = True
        items = self._sharing.grantable(target.role)
        if items:
            self._sharing.grant(transport, target, items)
        refreshed = find_device(wire.list_devices(transport).devices, target.device_id)
        return ApproveResult(refreshed, [f"{s}#{v}" for s, v in items], certified)

    def list_teams(self) -> list[TeamInfo]:
        """The teams a central-team computer reports on: id, name, programme, region, and
        whether the team's lead has shared its reports key (central team only)."""
        if self._link.store.role != CENTRAL:
            raise SyncError(WRONG_ROLE, "Only a central-team computer lists the teams.")
        with self._link.revocation_guard():
            return fetch_teams(self._link.signed_transport())
