"""Sync use cases: enrol this laptop, run one sync round, and a team lead's device actions.

One :class:`SyncService` per unlocked journal. The desktop client calls
:meth:`SyncService.sync_once` on a worker thread (every few seconds while
online, at once after a local edit, with :attr:`SyncService.backoff` when
offline); the command line calls it in the foreground. Every failure is a
:class:`sync.client.SyncError` with a stable code and a readable message, and
:attr:`SyncService.status` keeps what the status bar shows.

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
  which may hold that space (:meth:`SyncService._verify_grant`).
- Every device shares the work and team keys it holds with the team's other
  certified devices whose role may hold them (a participant registered offline
  reaches the team at that laptop's next sync); clinical keys only go from
  therapist to therapist (:meth:`SyncService.share_clinical`). A team lead
  also grants its team's reports key to every approved central-team device.
- Grants of a revoked device stop counting (the server no longer serves them).
  When the directory shows a new revocation, each laptop asks the server which
  devices lack a grant from an unrevoked granter of a key it holds, and grants
  them again (:meth:`SyncService._reshare`). Records that stay unreadable for
  want of a key are counted in :attr:`SyncStatus.unreadable_records`.
- A revoked device locks at once and erases its keys
  (:meth:`storage.profile.Profile.erase_device_keys`); the encrypted database
  stays on disk, unreadable. Every space it held gets a new key version, made
  and granted by the devices that still hold it (app.key_rotation), so copies
  of its keys open nothing written afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Final, Protocol

import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.central.records import (
    S_SIGNERS,
    trusted_signers_from_setting,
    trusted_signers_setting,
)
from app.journal import Journal
from app.key_rotation import rotate_keys
from app.purge_gate import PurgeGate
from app.store_settings import DEVICE_ENROLLED as S_ENROLLED
from app.store_settings import GRANTED as S_GRANTED
from app.store_settings import ORG_PUBLIC_KEY as S_ORG_KEY
from app.store_settings import RESHARED_FOR as S_RESHARED
from app.store_settings import ROLE as S_ROLE
from app.store_settings import SERVER_URL as S_URL
from app.store_settings import TEAM_ID as S_TEAM
from app.store_settings import TEAM_IS_CENTRAL as S_TEAM_IS_CENTRAL
from app.store_settings import TEAM_NAME as S_TEAM_NAME
from app.store_settings import TEAM_PROGRAMME as S_PROGRAMME
from app.store_settings import TEAM_REGION as S_REGION
from app.store_settings import TEAMS as S_TEAMS
from app.store_settings import USER_ID as S_USER
from app.store_settings import USER_NAME as S_USER_NAME
from app.store_settings import set_team_space
from app.sync_pages import PagesOnExecutor
from storage.errors import KeyUnavailable, Locked
from storage.profile import Profile
from storage.store import ApplyResult, RecordStore
from sync import client as wire
from sync.client import (
    BAD_RESPONSE,
    CLOCK_SKEW,
    OFFLINE,
    PENDING,
    RATE_LIMITED,
    RESYNC,
    REVOKED,
    SERVER,
    UNKNOWN_DEVICE,
    WRONG_SERVER,
    Backoff,
    RoundResult,
    SyncClient,
    SyncError,
    Transport,
    needs_backfill,
    request_backfill,
)
from sync.grants import DeviceDirectory, GrantInvalid, make_grant, unwrap_key, verify_grant
from sync.protocol import (
    CENTRAL,
    TEAM_LEAD,
    THERAPIST,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    Grant,
    MissingGrant,
    TeamInfo,
    TeamList,
    certificate_input,
    role_may_hold,
    space_kind,
)

log = logging.getLogger("feltjournal.sync")

#: Codes only this service raises (the client's are in sync.client).
NOT_ENROLLED: Final = "not_enrolled"
ALREADY_ENROLLED: Final = "already_enrolled"
WRONG_ROLE: Final = "wrong_role"
BAD_CODE: Final = "bad_code"
NOT_TEAM_LEAD: Final = "not_team_lead"
NO_SUCH_DEVICE: Final = "no_such_device"
NO_KEY: Final = "no_key"
KEY_MISMATCH: Final = "key_mismatch"

MAX_GRANTS_PER_POST: Final = 500

_PIN: Final = re.compile(r"[0-9a-f]{16}")


#: What the user reads for each failure (the server's detail follows where useful).
_MESSAGES: Final[dict[str, str]] = {
    OFFLINE: "No connection to the sync server. Your changes are kept on this computer and "
    "sync when the connection is back.",
    CLOCK_SKEW: "The computer's clock is wrong, so the server refused to sync. Set the date and "
    "time (automatic time is best) and sync again.",
    REVOKED: "This computer has been revoked by the team lead. Its keys have been erased and "
    "the journal on it can no longer be opened; the data is kept on the server.",
    PENDING: "This computer is waiting for a team lead's approval; sync again after that.",
    UNKNOWN_DEVICE: "The server does not know this computer (was the server replaced?). "
    "Ask for a new enrolment code.",
    SERVER: "The sync server failed; your changes are kept. Try again later.",
    BAD_RESPONSE: "The sync server answered something unreadable; nothing was lost.",
    RATE_LIMITED: "The sync server is busy; it will be tried again shortly.",
    wire.ROLLED_BACK: wire.ROLLBACK_MESSAGE,
}


def readable(exc: SyncError) -> str:
    """One line for the user: the fixed text for the code, then the server's detail."""
    base = _MESSAGES.get(exc.code)
    detail = str(exc)
    if base is None or (exc.code == CLOCK_SKEW and exc.result is not None):
        # Per-change clock refusals explain themselves (the clock may be right now).
        return detail
    if exc.code in (REVOKED, PENDING, RATE_LIMITED, wire.ROLLED_BACK) or not detail:
        return base
    return f"{base} ({detail})"


class TransportFactory(Protocol):
    """Makes the HTTP transport; tests inject a clock, a failing network, a proxy."""

    def __call__(
        self, base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport: ...


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: online or not, last success, pending changes, last error."""

    online: bool | None = None
    last_success: datetime | None = None
    last_error_code: str | None = None
    last_error_message: str | None = None
    pending: int = 0
    retry_in: float | None = None
    grant_problems: tuple[str, ...] = ()
    # Records received that stay unreadable here for want of a space key, and how many
    # participants they belong to (after the last successful round).
    unreadable_records: int = 0
    unreadable_participants: int = 0


@dataclass(frozen=True)
class DirectoryEntry:
    """A device of the directory, and whether its certificate chain verifies here."""

    info: DeviceInfo
    certified: bool


@dataclass
class ApproveResult:
    """What approving a device did."""

    device: DeviceInfo
    granted: list[str] = field(default_factory=list)
    certified: bool = False


def pin_of(org_public_key: bytes) -> str:
    """The organisation key fingerprint printed at the end of every enrolment code."""
    return hashlib.sha256(org_public_key).hexdigest()[:16]


def _public(x25519_private: bytes, ed25519_private: bytes) -> tuple[bytes, bytes]:
    x = X25519PrivateKey.from_private_bytes(x25519_private).public_key().public_bytes_raw()
    ed = Ed25519PrivateKey.from_private_bytes(ed25519_private).public_key().public_bytes_raw()
    return x, ed


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
        #: How the service reaches the server (a test swaps in a lossy network).
        self.transport_factory = transport_factory
        self._now = now
        self._before_push = before_push
        self._signatures: dict[tuple[bytes, bytes, bytes], bool] = {}
        # Every purge pulled from the server is judged before it erases anything.
        self.purge_gate = PurgeGate(team_id=lambda: self.team_id)
        journal.store.set_purge_check(self.purge_gate)
        self._transport: Transport | None = None
        self._status = SyncStatus()
        self.backoff = Backoff()

    # ------------------------------------------------------------- state

    @property
    def store(self) -> RecordStore:
        return self.journal.store

    @property
    def enrolled(self) -> bool:
        return self.store.setting(S_ENROLLED) == "1"

    @property
    def server_url(self) -> str | None:
        return self.store.setting(S_URL)

    @property
    def team_id(self) -> str | None:
        return self.store.setting(S_TEAM)

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
    def status(self) -> SyncStatus:
        return self._status

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _signed_transport(self) -> Transport:
        url = self.server_url
        if not self.enrolled or not url:
            raise SyncError(
                NOT_ENROLLED, "This computer is not enrolled with a sync server; enrol it first."
            )
        if self._transport is None or self._transport.base_url != url.rstrip("/"):
            self.close()
            self._transport = self.transport_factory(
                url,
                device_id=self.store.device,
                signing_key=self.store.device_secrets.ed25519_private,
            )
        return self._transport

    # ------------------------------------------------------------ enrolment

    def enrol(self, server_url: str, code: str, device_name: str) -> EnrolResponse:
        """Register this laptop (its own device id and public keys) with a one-time code.

        The laptop starts ``pending`` on the server until a team lead approves it.
        The team's name, programme and region are kept in the settings
        (:attr:`team_name`, :attr:`programme`, :attr:`region`).
        """
        store = self.store
        if self.enrolled and not self._forgotten_by_server():
            raise SyncError(
                ALREADY_ENROLLED,
                f"This computer is already enrolled with {self.server_url}.",
            )
        code = code.strip()
        secret, dot, pin = code.rpartition(".")
        pin = pin.lower()
        if not dot or not secret or not _PIN.fullmatch(pin):
            raise SyncError(
                BAD_CODE,
                "The enrolment code must end in '.' and the 16-character key fingerprint, "
                "as the central team printed it (XXXX-XXXX-XXXX-XXXX.0123456789abcdef).",
            )
        secrets = store.device_secrets
        x_pub, ed_pub = _public(secrets.x25519_private, secrets.ed25519_private)
        request = EnrolRequest(
            code=f"{secret}.{pin}",
            device_name=device_name.strip() or "laptop",
            x25519_public=x_pub,
            ed25519_public=ed_pub,
            device_id=store.device,
        )
        with self.transport_factory(server_url) as transport:
            answer = wire.enrol(transport, request)
        # The point of pinning: only the organisation's own server may enrol us.
        if not hmac.compare_digest(pin_of(answer.org_public_key), pin):
            raise SyncError(
                WRONG_SERVER,
                "The server's organisation key does not match the enrolment code: this is not "
                "your organisation's server. Nothing was stored; check the address.",
            )
        pinned = store.setting(S_ORG_KEY)
        if pinned is not None and pinned != answer.org_public_key.hex():
            raise SyncError(
                WRONG_SERVER,
                "This computer was enrolled with another organisation's server; it cannot "
                "change organisation.",
            )
        if answer.device_id != store.device:
            raise SyncError(BAD_RESPONSE, "The server gave this computer another device id.")
        if answer.role != store.role:
            raise SyncError(
                WRONG_ROLE,
                f"The enrolment code is for a {answer.role} but this profile is a "
                f"{store.role}'s; ask the central team for the right code.",
            )
        if not answer.team_id or space_kind(f"team:{answer.team_id}") != "team":
            raise SyncError(BAD_RESPONSE, "The server's answer names no team.")
        team_space = f"team:{answer.team_id}"
        with store.transaction():
            store.set_setting(S_URL, server_url.rstrip("/"))
            store.set_setting(S_GRANTED, "{}")  # grants made through another server don't count
            store.set_setting(S_ORG_KEY, answer.org_public_key.hex())
            store.set_setting(S_ROLE, answer.role)
            store.set_setting(S_TEAM, answer.team_id)
            store.set_setting(S_USER, answer.user_id)
            store.set_setting(S_USER_NAME, answer.user_name)
            for key, value in (
                (S_TEAM_NAME, answer.team_name),
                (S_PROGRAMME, answer.programme),
                (S_REGION, answer.region),
            ):
                if value:
                    store.set_setting(key, value)
            if answer.instance_id and store.setting(wire.INSTANCE_SETTING) is None:
                store.set_setting(wire.INSTANCE_SETTING, answer.instance_id)
            if self.journal.team_space is not None:
                # The server names a team's space after the team. The team lead's
                # device makes its key; other devices receive it as a grant.
                # (Records written offline before enrolment in the old, local team
                # space stay on this computer: the server refuses that space.)
                if store.role == TEAM_LEAD and not store.keys.has(team_space):
                    store.create_space(team_space)
                set_team_space(store, team_space)
            store.set_setting(S_ENROLLED, "1")
        if self.journal.team_space is not None:
            self.journal.team_space = team_space
        self._status = replace(self._status, pending=store.outbox_size())
        return answer

    def _forgotten_by_server(self) -> bool:
        """True when the enrolled server no longer knows this device (replaced or reset):
        then enrolling again is allowed."""
        try:
            wire.fetch_grants(self._signed_transport())
        except SyncError as exc:
            return exc.code == UNKNOWN_DEVICE
        return False

    # ---------------------------------------------------------------- sync

    def sync_once(self) -> RoundResult:
        """One round: receive granted keys, ``before_push``, push, pull, backfill, share keys.

        Keys first, so that changes pulled in the same round for a space just
        granted are applied at once. Raises SyncError; on ``revoked`` the store
        is locked and the keys are erased before it is raised.
        """
        store = self.store
        deferred: SyncError | None = None
        kinds: set[str] = set()
        ids: set[str] = set()  # with ``kinds``: the records pages changed (views reread them)
        try:
            transport = self._signed_transport()
            round_ = _Round(self)
            retried = self._receive_grants(transport, round_)
            if retried is not None:
                kinds |= retried.types
                ids |= retried.records
            if store.role == TEAM_LEAD:
                self._note_team_kind(round_.directory(transport))
            self._ensure_reports_key()
            rotate_keys(
                store,
                transport,
                directory=lambda: round_.directory(transport),
                team_id=self.team_id,
                may_hold=self._may_hold_here,
                grant=self._grant,
                vouched=self._vouched,
                granted_before=self._granted_before,
            )
            self._run_before_push()
            client = SyncClient(PagesOnExecutor(store, self.journal.executor), transport)
            try:
                result = client.round()
            except SyncError as exc:
                if exc.code == CLOCK_SKEW and exc.result is not None:
                    # Some changes were refused for their stamps; the rest synced.
                    result, deferred = exc.result, exc
                elif exc.code == RESYNC:
                    result = self._resync(client)
                else:
                    raise
            # Spaces granted since the cursor passed their older changes, on their own.
            client.backfill(result)
            kinds |= set(result.types)
            ids |= result.records
            judged = self._judge_held_purges(transport)
            kinds |= judged.types
            ids |= judged.records
            if result.instance_changed:
                # A new or restored server holds none of the grants this device made.
                store.set_setting(S_GRANTED, "{}")
                store.set_setting(S_RESHARED, "")
            if retried is not None:
                # Changes that waited for a key were applied: count them with the round.
                result.applied += retried.applied
            self._share_spaces(transport, round_)
        except SyncError as exc:
            self._failed(exc)
            if exc.code == REVOKED:
                self._erase_after_revocation()
            else:
                # Pages applied before the failure are in the store: say so, or the
                # window would show them only after some later change.
                if exc.result is not None:
                    kinds |= set(exc.result.types)
                    ids |= exc.result.records
                if kinds:
                    self.journal.notify_external(kinds, ids)
            raise SyncError(
                exc.code,
                readable(exc),
                status=exc.status,
                server_code=exc.server_code,
                retry_after=exc.retry_after,
                result=exc.result,
            ) from None
        if kinds:
            self.journal.notify_external(kinds, ids)
        if deferred is not None:
            self._failed(deferred, online=True)
            raise deferred
        self.backoff.success()
        records, participants = self._unreadable()
        self._status = SyncStatus(
            online=True,
            last_success=self._now(),
            pending=store.outbox_size(),
            grant_problems=self._status.grant_problems,
            unreadable_records=records,
            unreadable_participants=participants,
        )
        return result

    def _judge_held_purges(self, transport: Transport) -> ApplyResult:
        """Purges held for want of a directory that vouches for their authors: judged
        again with one fetched now (a device approved a moment ago is in it); what it
        does not vouch for is quarantined. What changed."""
        if not self.store.held_purges():
            return ApplyResult()
        with self.purge_gate.settled(self._load_directory(transport)):
            retried = self.store.retry_pending()
        if retried.quarantined:
            log.warning("%d purges refused and quarantined", len(retried.quarantined))
        return retried

    def _unreadable(self) -> tuple[int, int]:
        """Records waiting for a key this device lacks, and their participants."""
        waiting = self.store.waiting_for_key()
        participants = {
            space.partition(":")[2]
            for space in waiting
            if space_kind(space) in ("work", "clinical")
        }
        return sum(waiting.values()), len(participants)

    def resume_after_rollback(self) -> bool:
        """Resume sync paused because the server lost changes it had served; False if it
        was not paused. The next round offers the server again everything this device
        wrote, and the grants it made, and pulls its whole log (nothing local is lost)."""
        if not wire.resume_after_rollback(self.store):
            return False
        self.store.set_setting(S_GRANTED, "{}")
        return True

    def _run_before_push(self) -> None:
        if self._before_push is None:
            return
        try:
            self._before_push()
        except Exception as exc:
            # A hook's failure must not stop the sync. Its type only: a message
            # could quote participant data.
            log.warning("before_push failed (%s); the round goes on", type(exc).__name__)

    def _resync(self, client: SyncClient) -> RoundResult:
        """The round's own resync gave up: reset the cursor to 0 and pull everything once."""
        instance = self.store.setting(wire.INSTANCE_SETTING)
        name = f"server:{instance}" if instance else "server"
        self.store.apply_changes([], cursor=(name, "0"))
        result = RoundResult()
        client.pull(result)
        return result

    def _failed(self, exc: SyncError, *, online: bool | None = None) -> None:
        retry = exc.retry_after
        if exc.code in (OFFLINE, SERVER, RATE_LIMITED, BAD_RESPONSE):
            retry = max(retry or 0.0, self.backoff.failure())
        pending: int
        try:
            pending = self.store.outbox_size()
        except Locked:  # revoked and erased: nothing is pending any more
            pending = 0
        self._status = SyncStatus(
            online=(exc.code != OFFLINE) if online is None else online,
            last_success=self._status.last_success,
            last_error_code=exc.code,
            last_error_message=readable(exc),
            pending=pending,
            retry_in=retry,
            grant_problems=self._status.grant_problems,
            unreadable_records=self._status.unreadable_records,
            unreadable_participants=self._status.unreadable_participants,
        )

    def _erase_after_revocation(self) -> None:
        """Lock (keys leave memory), then delete the keyring item and the vault."""
        self.close()
        try:
            self.store.lock()
        finally:
            self.profile.erase_device_keys()
        log.warning("this device was revoked: its keys were erased")

    # ----------------------------------------------------------- directory

    def _load_directory(self, transport: Transport) -> DeviceDirectory:
        listed = wire.list_devices(transport).devices
        org = bytes.fromhex(self.store.setting(S_ORG_KEY) or "")
        return DeviceDirectory({d.device_id: d for d in listed}, org, self._signatures)

    def directory(self) -> list[DirectoryEntry]:
        """The devices this computer may know, each with whether its certificate chain
        to the organisation key verifies here (see :meth:`_verify_grant`)."""
        with self._revocation_guard():
            found = self._load_directory(self._signed_transport())
        return [DirectoryEntry(d, found.trusted(d.device_id)) for d in found.devices.values()]

    # -------------------------------------------------------------- grants

    def _held(self, space: str, version: int) -> bytes | None:
        try:
            return self.store.keys.key(space, version)
        except KeyUnavailable:
            return None

    def _versions(self, space: str) -> list[int]:
        try:
            top = self.store.keys.current_version(space)
        except KeyUnavailable:
            return []
        return [v for v in range(1, top + 1) if self._held(space, v) is not None]

    def _may_hold_here(self, space: str) -> bool:
        kind = space_kind(space)
        if not role_may_hold(self.store.role, space):
            return False
        if kind == "reports" and self.store.role == CENTRAL:
            return True  # every team's; _verify_grant checks the granter leads that team
        if kind in ("team", "reports"):
            return space == f"{kind}:{self.team_id}"
        return True

    def _receive_grants(self, transport: Transport, round_: _Round) -> ApplyResult | None:
        """Add the space keys granted to this device; apply what waited for them.

        A space new to this device is recorded for backfill (``request_backfill``)
        when the device has pulled before: its cursor may have passed the space's
        older changes, which the round then pulls for that space alone."""
        store = self.store
        problems: list[str] = []
        added: list[str] = []
        # Several devices may have granted the same key: one that verifies is enough,
        # and a refused one (say, from a device revoked since) never stops the others.
        offers: dict[tuple[str, int], list[Grant]] = {}
        for grant in wire.fetch_grants(transport).grants:
            if grant.to_device != store.device or not self._may_hold_here(grant.space):
                problems.append(f"{grant.space}: not for this device or role (ignored)")
                continue
            offers.setdefault((grant.space, grant.key_version), []).append(grant)
        for (space, version), offered in offers.items():
            if self._held(space, version) is not None:
                continue
            if store.space_erased(space):
                continue  # erased here: the server still lists its old grants
            key = self._first_valid_key(offered, round_.directory(transport), problems)
            if key is None:
                continue
            if not self._versions(space) and needs_backfill(store):
                # A space new to this device: its older changes may lie below the
                # cursor, so it is backfilled on its own. Recorded before the key is
                # stored: after a crash in between the grant comes again.
                request_backfill(store, [space])
            store.keys.add(space, version, key)
            added.append(space)
        if problems:
            # Space ids name participants by a random id only; never their data.
            log.warning("grants refused: %s", "; ".join(problems))
        self._status = replace(self._status, grant_problems=tuple(problems))
        if not added:
            return None
        return store.retry_pending()

    def _first_valid_key(
        self, offered: list[Grant], directory: DeviceDirectory, problems: list[str]
    ) -> bytes | None:
        """The key of the first grant that verifies and unwraps here; each refused one is
        added to ``problems``."""
        secret = self.store.device_secrets.x25519_private
        for grant in offered:
            try:
                self._verify_grant(grant, directory)
                key = unwrap_key(grant, x25519_private=secret)
            except GrantInvalid as exc:
                problems.append(f"{grant.space}: {exc}")
                continue
            if len(key) != 32:
                problems.append(f"{grant.space}: the granted key has the wrong size")
                continue
            return key
        return None

    def _verify_grant(self, grant: Grant, directory: DeviceDirectory) -> None:
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
            allowed = granter.team_id == self.team_id and role_may_hold(granter.role, grant.space)
        if not allowed:
            raise GrantInvalid("granted by a device that may not hold this space")

    # ---------------------------------------------------------- team lead

    def _require_lead(self) -> None:
        if self.store.role != TEAM_LEAD:
            raise SyncError(NOT_TEAM_LEAD, "Only a team lead's computer may do this.")

    def list_devices(self) -> list[DeviceInfo]:
        """The team's devices, pending ones included, oldest first (team lead only)."""
        self._require_lead()
        with self._revocation_guard():
            return list(wire.list_devices(self._signed_transport()).devices)

    @contextmanager
    def _revocation_guard(self) -> Iterator[None]:
        """Whatever the request, a ``revoked`` answer locks this device and erases its keys."""
        try:
            yield
        except SyncError as exc:
            if exc.code == REVOKED and not self.store.locked:
                self._failed(exc)
                self._erase_after_revocation()
                raise SyncError(REVOKED, readable(exc), status=exc.status) from None
            raise

    def _find(self, devices: Iterable[DeviceInfo], ref: str) -> DeviceInfo:
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

    def _grantable(self, role: str) -> list[tuple[str, int]]:
        """(space, version) this device holds and may hand to a device of ``role`` in its team.

        Work and team spaces (team: only this team's), this team's reports key
        where the role allows; never a clinical space: those stay between
        therapists (:meth:`share_clinical`).
        """
        out: list[tuple[str, int]] = []
        team = self.team_id
        for space in self.store.keys.spaces():
            kind = space_kind(space)
            if kind == "clinical" or not role_may_hold(role, space):
                continue
            if kind in ("team", "reports") and space != f"{kind}:{team}":
                continue
            out += [(space, v) for v in self._versions(space)]
        return out

    def _grant(
        self, transport: Transport, target: DeviceInfo, items: list[tuple[str, int]]
    ) -> None:
        store = self.store
        signer = store.device_secrets.ed25519_private
        grants = [
            make_grant(
                self.store.keys.key(space, version),
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
        granted = self._granted()
        mine = set(granted.get(target.device_id, []))
        mine |= {f"{s}#{v}" for s, v in items}
        granted[target.device_id] = sorted(mine)
        store.set_setting(S_GRANTED, json.dumps(granted, sort_keys=True))
        # The audit log has no "key granted" action yet; "export" is the nearest
        # (access leaves this device), ids only.
        store.audit("export", None, f"{len(items)} space keys granted to {target.device_id}")

    def _granted_before(self, device_id: str, space: str) -> bool:
        """Whether this device has granted ``space`` (any version) to ``device_id``."""
        return any(item.rpartition("#")[0] == space for item in self._granted().get(device_id, []))

    def _granted(self) -> dict[str, list[str]]:
        raw = self.store.setting(S_GRANTED)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

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
        with self._revocation_guard():
            return self._approve(device_id)

    def _approve(self, device_id: str) -> ApproveResult:
        transport = self._signed_transport()
        directory = self._load_directory(transport)
        target = self._find(directory.devices.values(), device_id)
        if target.device_id == self.store.device:
            raise SyncError(NO_SUCH_DEVICE, "A device cannot approve itself.")
        if target.status == "revoked":
            raise SyncError("device_revoked", "That device is revoked; it cannot be approved.")
        if target.team_id != self.team_id:
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
                self.store.device_secrets.ed25519_private
            ).sign(message)
            target = wire.approve_device(transport, target.device_id, signature)
            certified = True
        items = self._grantable(target.role)
        if items:
            self._grant(transport, target, items)
        refreshed = self._find(wire.list_devices(transport).devices, target.device_id)
        return ApproveResult(refreshed, [f"{s}#{v}" for s, v in items], certified)

    # ------------------------------------------------------------ sharing

    def _ensure_reports_key(self) -> None:
        """A team lead holds its team's reports key (snapshots are sealed with it); the
        central team's own lead has no figures to report."""
        team = self.team_id
        if (
            self.store.role == TEAM_LEAD
            and team
            and not self.team_is_central
            and not self.store.keys.has(f"reports:{team}")
        ):
            self.store.create_space(f"reports:{team}")

    @property
    def team_is_central(self) -> bool:
        """This laptop's team is the central team (it has central-team members)."""
        return self.store.setting(S_TEAM_IS_CENTRAL) == "1"

    def _note_team_kind(self, directory: DeviceDirectory) -> None:
        """A lead learns from the directory whether its own team is the central team
        (``app.central.publish_due`` then publishes nothing)."""
        team = self.team_id
        central = any(
            d.team_id == team and d.role == CENTRAL and d.status == "approved"
            for d in directory.devices.values()
        )
        if central != self.team_is_central:
            self.store.set_setting(S_TEAM_IS_CENTRAL, "1" if central else "0")

    def _share_spaces(self, transport: Transport, round_: _Round) -> None:
        """Grant the keys this device holds to the devices that should have them.

        Every device (not only a lead) shares its work and team keys with the
        team's approved devices whose role may hold them and whose certificate
        chain verifies here, once per key version (``S_GRANTED``): a participant
        registered offline on a job specialist's laptop reaches the lead and the
        colleagues at that laptop's next sync. Clinical keys are never shared
        automatically. A team lead also grants its team's reports key to every
        approved central-team device.
        """
        role = self.store.role
        if role == CENTRAL:
            # It holds report keys of other teams only: not its to share. It notes
            # which team leads' signing keys it trusts, to verify their snapshots.
            self._remember_signers(round_.directory(transport))
            self._remember_teams(transport)
            return
        directory = round_.directory(transport)
        granted = self._granted()
        team = self.team_id
        reports = [(f"reports:{team}", v) for v in self._versions(f"reports:{team}")]
        by_role: dict[str, list[tuple[str, int]]] = {}
        for device in directory.devices.values():
            if device.device_id == self.store.device or not directory.trusted(device.device_id):
                continue
            if device.role == CENTRAL:
                # Report keys go only to central-team devices the organisation itself
                # approved: a team lead's certificate would let one lead create a
                # "central" device that every other team then trusts.
                if (
                    role != TEAM_LEAD
                    or self.team_is_central
                    or not directory.org_certified(device.device_id)
                ):
                    continue
                offer = reports
            elif device.team_id == team:
                if device.role not in by_role:
                    by_role[device.role] = self._grantable(device.role)
                offer = by_role[device.role]
            else:
                continue
            have = set(granted.get(device.device_id, []))
            items = [(s, v) for s, v in offer if f"{s}#{v}" not in have]
            if not items:
                continue
            try:
                self._grant(transport, device, items)
            except SyncError as exc:
                if exc.status is None or exc.status in (401, 429) or exc.status >= 500:
                    raise
                # Refused for this device alone (e.g. revoked a moment ago): the
                # others still get their keys; it is offered again next round.
                log.warning("keys for device %s refused: %s", device.device_id, exc.server_code)
        self._reshare(transport, directory)

    def _reshare(self, transport: Transport, directory: DeviceDirectory) -> None:
        """Grant again the keys this device holds to devices the server lists as lacking
        a grant from an unrevoked granter (``GET /v1/grants/missing``).

        A grant stops counting when its granter is revoked, and a server from before
        migration 5 kept one grant per recipient, the last granter's. Asked when the
        directory's revoked devices differ from the last check (and at the first
        round), not every round: that list reads every grant of the spaces held.
        Each device still has to qualify here as :meth:`_share_spaces` requires:
        certified, of this team (a reports key: an organisation-certified central
        device, from a lead), a role that may hold the space; clinical keys only
        from a therapist to a therapist another therapist of the team gave it to
        (:meth:`_held_before`).
        """
        store = self.store
        revoked = sorted(d.device_id for d in directory.devices.values() if d.status == "revoked")
        marker = json.dumps(revoked)
        if store.setting(S_RESHARED) == marker:
            return
        team = self.team_id
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
                or self._held(m.space, m.key_version) is None
            ):
                continue
            if kind == "reports":
                if not (
                    store.role == TEAM_LEAD
                    and m.space == f"reports:{team}"
                    and device.role == CENTRAL
                    and not self.team_is_central
                    and directory.org_certified(device.device_id)
                ):
                    continue
            elif (
                device.team_id != team
                or (kind == "team" and m.space != f"team:{team}")
                or (kind == "clinical" and not self._held_before(m, directory))
            ):
                continue
            wanted.setdefault(device.device_id, []).append((m.space, m.key_version))
        for device_id, items in wanted.items():
            try:
                self._grant(transport, directory.devices[device_id], items)
            except SyncError as exc:
                if exc.status is None or exc.status in (401, 429) or exc.status >= 500:
                    raise
                log.warning("keys for device %s refused: %s", device_id, exc.server_code)
        store.set_setting(S_RESHARED, marker)

    def _held_before(self, missing: MissingGrant, directory: DeviceDirectory) -> bool:
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
        return self._vouched(grant, directory)

    def _vouched(self, grant: Grant, directory: DeviceDirectory) -> bool:
        """A grant signed by a device of this team that may hold its space and whose
        certificate verified (revoked since or not): it shows its recipient was given
        the key by someone entitled to give it."""
        granter = directory.devices.get(grant.from_device)
        if (
            granter is None
            or granter.team_id != self.team_id
            or not role_may_hold(granter.role, grant.space)
            or not directory.was_certified(granter.device_id)
        ):
            return False
        try:
            verify_grant(grant, signer_ed25519_public=granter.ed25519_public)
        except GrantInvalid:
            return False
        return True

    def _remember_signers(self, directory: DeviceDirectory) -> None:
        """Central device: keep the Ed25519 keys of team leads whose certificates verify.

        Report snapshots carry their signer's key; the central view accepts one
        only when that key is a certified team lead's (``S_SIGNERS``, kept across
        rounds so a lead revoked later still vouches for what it signed before)."""
        known = trusted_signers_from_setting(self.store.setting(S_SIGNERS))
        for device in directory.devices.values():
            if device.role == TEAM_LEAD and device.team_id and directory.trusted(device.device_id):
                known[device.device_id] = (device.ed25519_public, device.team_id)
        encoded = trusted_signers_setting(known)
        if encoded != self.store.setting(S_SIGNERS):
            self.store.set_setting(S_SIGNERS, encoded)

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
        space = f"clinical:{participant_id}"
        if self.store.role != THERAPIST:
            raise SyncError(NO_KEY, "Only a therapist's computer holds clinical keys.")
        versions = self._versions(space)
        if not versions:
            raise SyncError(NO_KEY, "This computer holds no clinical key for that participant.")
        with self._revocation_guard():
            transport = self._signed_transport()
            directory = self._load_directory(transport)
            target = self._find(directory.devices.values(), device_id)
            if (
                target.role != THERAPIST
                or target.team_id != self.team_id
                or target.device_id == self.store.device
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
        self.store.audit("export", participant_id, f"clinical key granted to {target.device_id}")

    def _share(
        self, transport: Transport, space: str, versions: list[int], target: DeviceInfo
    ) -> None:
        SyncClient(self.store, transport).push(RoundResult())  # be a member of the space first
        signer = self.store.device_secrets.ed25519_private
        grants = [
            make_grant(
                self.store.keys.key(space, v),
                space=space,
                key_version=v,
                to_device=target.device_id,
                recipient_x25519=target.x25519_public,
                from_device=self.store.device,
                signer_ed25519_private=signer,
            )
            for v in versions
        ]
        wire.post_grants(transport, grants)

    # ----------------------------------------------------- central team

    def list_teams(self) -> list[TeamInfo]:
        """The teams a central-team computer reports on: id, name, programme, region, and
        whether the team's lead has shared its reports key (central team only)."""
        if self.store.role != CENTRAL:
            raise SyncError(WRONG_ROLE, "Only a central-team computer lists the teams.")
        with self._revocation_guard():
            return self._fetch_teams(self._signed_transport())

    def _remember_teams(self, transport: Transport) -> None:
        """Central device: keep the team list, so a team that never reported shows as
        missing in the central view, offline too (``S_TEAMS``)."""
        teams = [
            {"id": t.team_id, "name": t.name, "programme": t.programme, "region": t.region}
            for t in self._fetch_teams(transport)
        ]
        encoded = json.dumps(teams, sort_keys=True)
        if encoded != self.store.setting(S_TEAMS):
            self.store.set_setting(S_TEAMS, encoded)

    def _fetch_teams(self, transport: Transport) -> list[TeamInfo]:
        response = transport.request("GET", "/v1/teams")
        try:
            return list(msgspec.json.decode(response.content, type=TeamList).teams)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise SyncError(BAD_RESPONSE, "The server's list of teams is unreadable.") from None


class _Round:
    """What one sync round fetched once: the directory, on first need."""

    def __init__(self, service: SyncService) -> None:
        self._service = service
        self._directory: DeviceDirectory | None = None

    def directory(self, transport: Transport) -> DeviceDirectory:
        if self._directory is None:
            self._directory = self._service._load_directory(transport)
        return self._directory


__all__ = [
    "ApproveResult",
    "DirectoryEntry",
    "SyncError",
    "SyncService",
    "SyncStatus",
    "TransportFactory",
    "pin_of",
    "readable",
]
