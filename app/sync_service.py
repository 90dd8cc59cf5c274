"""Sync use cases: enrol this laptop, run one sync round, and a team lead's device actions.

One :class:`SyncService` per unlocked journal. The desktop client calls
:meth:`SyncService.sync_once` on a worker thread (every few seconds while
online, at once after a local edit, with :attr:`SyncService.backoff` when
offline); the command line calls it in the foreground. Every failure is a
:class:`sync.client.SyncError` with a stable code and a readable message, and
:attr:`SyncService.status` keeps what the status bar shows.

The work is done by the parts in :mod:`app.syncing` (status, enrolment, rounds,
trust, devices, sharing); this class joins them over one shared
:class:`app.syncing.link.Link` and keeps the names every caller imports from here.

Keys and trust:

- Enrolment pins the organisation key: the code ends in ``.<16 hex>``, the
  first 16 hex digits of SHA-256 of the organisation's Ed25519 public key, and
  a server answering with another key is refused (``wrong_server``).
- Every approved device has a certificate: the organisation key's signature
  (the first team lead, via ``feltjournal-server admin approve-device``) or an
  approved team lead's of the same team (:meth:`SyncService.approve_device`),
  over ``certificate_input(device, user, role, team, keys)``. The device
  directory (``GET /v1/devices``) serves the team's devices with their
  certificates to every approved device, and each checks the chains itself.
- Space keys arrive as grants wrapped to this device's X25519 key. A grant is
  accepted only for this device, for a space its role may hold (never a
  clinical space on a job specialist's laptop), for team spaces its own team's,
  and only when signed by a device whose certificate chain verifies here and
  which may hold that space (:meth:`app.syncing.trust.Trust.verify_grant`).
- Every device shares the work and team keys it holds with the team's other
  certified devices whose role may hold them (a participant registered offline
  reaches the team at that laptop's next sync); clinical keys only go from
  therapist to therapist (:meth:`SyncService.share_clinical`). A team lead
  also grants its team's reports key to every approved central-team device.
- Grants of a revoked device stop counting (the server no longer serves them).
  When the directory shows a new revocation, each laptop asks the server which
  devices lack a grant from an unrevoked granter of a key it holds, and grants
  them again (:meth:`app.syncing.sharing.Sharing.reshare`). Records that stay unreadable for
  want of a key are counted in :attr:`SyncStatus.unreadable_records`.
- A revoked device locks at once and erases its keys
  (:meth:`storage.profile.Profile.erase_device_keys`); the encrypted database
  stays on disk, unreadable. Every space it held gets a new key version, made
  and granted by the devices that still hold it (app.key_rotation), so copies
  of its keys open nothing written afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from app.central.records import S_SIGNERS
from app.journal import Journal
from app.purge_gate import PurgeGate
from app.store_settings import SERVER_URL as S_URL
from app.store_settings import TEAM_NAME as S_TEAM_NAME
from app.store_settings import TEAM_PROGRAMME as S_PROGRAMME
from app.store_settings import TEAM_REGION as S_REGION
from app.syncing.adopt import may_move
from app.syncing.devices import ApproveResult, Devices
from app.syncing.enrolment import Enrolment, pin_of
from app.syncing.link import Link, TransportFactory
from app.syncing.rounds import Rounds
from app.syncing.sharing import MAX_GRANTS_PER_POST, ClinicalShare, Sharing
from app.syncing.status import (
    ALREADY_ENROLLED,
    BAD_CODE,
    KEY_MISMATCH,
    NO_KEY,
    NO_SUCH_DEVICE,
    NOT_ENROLLED,
    NOT_TEAM_LEAD,
    WRONG_ROLE,
    SyncStatus,
    readable,
)
from app.syncing.trust import DirectoryEntry, Trust
from storage.profile import Profile
from storage.store import RecordStore
from sync.client import Backoff, RoundResult, SyncError, Transport
from sync.protocol import LEAD_ONLY_TYPES, DeviceInfo, EnrolResponse, TeamInfo


class SyncService:
    """Enrolment, sync rounds and device management for one unlocked journal."""

    def __init__(
        self,
        journal: Journal,
        profile: Profile,
        *,
        transport_factory: TransportFactory = Transport,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        before_push: Callable[[], None] | None = None,
    ) -> None:
        """``before_push`` runs in every round once the granted keys are in, before the
        push (e.g. a team lead's report snapshots); its failure is logged, not raised."""
        self.journal = journal
        self.profile = profile
        self.link = Link(journal, profile, transport_factory)
        # Every purge pulled from the server is judged before it erases anything.
        self.purge_gate = PurgeGate(team_id=lambda: self.link.team_id)
        journal.store.set_purge_check(self.purge_gate)
        # And every received change of a lead-only type: a certified lead of the team's.
        journal.store.set_author_check(self.purge_gate.author, LEAD_ONLY_TYPES)
        # A team record a colleague brought into this team from the old one moves here too.
        journal.store.set_move_check(lambda old, new: may_move(old, new, self.link.team_id))
        self.trust = Trust(self.link)
        self.sharing = Sharing(self.link, self.trust)
        self.devices = Devices(self.link, self.trust, self.sharing)
        self.enrolment = Enrolment(self.link)
        self.rounds = Rounds(
            self.link,
            self.trust,
            self.sharing,
            self.purge_gate,
            now=now,
            before_push=before_push,
        )

    # ------------------------------------------------------------- state

    @property
    def transport_factory(self) -> TransportFactory:
        """How the service reaches the server (a test swaps in a lossy network)."""
        return self.link.transport_factory

    @transport_factory.setter
    def transport_factory(self, factory: TransportFactory) -> None:
        self.link.transport_factory = factory

    @property
    def backoff(self) -> Backoff:
        """The wait after failed rounds (the background engine reads and resets it)."""
        return self.link.backoff

    @backoff.setter
    def backoff(self, backoff: Backoff) -> None:
        self.link.backoff = backoff

    @property
    def store(self) -> RecordStore:
        return self.journal.store

    @property
    def enrolled(self) -> bool:
        return self.link.enrolled

    @property
    def server_url(self) -> str | None:
        return self.link.server_url

    @property
    def team_id(self) -> str | None:
        return self.link.team_id

    @property
    def team_name(self) -> str | None:
        return self.store.setting(S_TEAM_NAME)

    @property
    def programme(self) -> str | None:
        """The team's programme (SFJ, JMO or IPS) as the server named it at enrolment."""
        return self.store.setting(S_PROGRAMME)

    @property
    def region(self) -> str | None:
        return self.store.setting(S_REGION)

    @property
    def team_is_central(self) -> bool:
        """This laptop's team is the central team (it has central-team members)."""
        return self.link.team_is_central

    @property
    def status(self) -> SyncStatus:
        return self.link.status

    def close(self) -> None:
        self.link.close()

    # --------------------------------------------------------- use cases

    def enrol(self, server_url: str, code: str, device_name: str) -> EnrolResponse:
        """Register this laptop with a one-time code (:mod:`app.syncing.enrolment`)."""
        return self.enrolment.enrol(server_url, code, device_name)

    def sync_once(self) -> RoundResult:
        """One sync round (:meth:`app.syncing.rounds.Rounds.sync_once`)."""
        return self.rounds.sync_once()

    def resume_after_rollback(self) -> bool:
        """Resume sync paused because the server lost changes it had served."""
        return self.rounds.resume_after_rollback()

    def directory(self) -> list[DirectoryEntry]:
        """The devices this computer may know, each with whether its chain verifies here."""
        return self.trust.directory()

    def list_devices(self) -> list[DeviceInfo]:
        """The team's devices, pending ones included, oldest first (team lead only)."""
        return self.devices.list_devices()

    def approve_device(self, device_id: str) -> ApproveResult:
        """Approve a device of the team: certify it, then grant the keys its role may hold."""
        return self.devices.approve_device(device_id)

    def share_clinical(
        self, device_id: str, participant_id: str, *, recipient_x25519: bytes | None = None
    ) -> None:
        """A therapist grants a participant's clinical space to another therapist's device."""
        self.sharing.share_clinical(device_id, participant_id, recipient_x25519=recipient_x25519)

    def share_clinical_with_user(
        self, user_name: str, participant_ids: Iterable[str], *, only_device: str | None = None
    ) -> ClinicalShare:
        """A therapist shares clinical journals with every certified therapist's computer
        of ``user_name``, or with the one ``only_device``
        (:meth:`app.syncing.sharing.Sharing.share_clinical_with_user`)."""
        return self.sharing.share_clinical_with_user(
            user_name, participant_ids, only_device=only_device
        )

    def list_teams(self) -> list[TeamInfo]:
        """The teams a central-team computer reports on (central team only)."""
        return self.devices.list_teams()


__all__ = [
    "ALREADY_ENROLLED",
    "BAD_CODE",
    "KEY_MISMATCH",
    "MAX_GRANTS_PER_POST",
    "NOT_ENROLLED",
    "NOT_TEAM_LEAD",
    "NO_KEY",
    "NO_SUCH_DEVICE",
    "S_SIGNERS",
    "S_URL",
    "WRONG_ROLE",
    "ApproveResult",
    "ClinicalShare",
    "DirectoryEntry",
    "SyncError",
    "SyncService",
    "SyncStatus",
    "TransportFactory",
    "pin_of",
    "readable",
]
