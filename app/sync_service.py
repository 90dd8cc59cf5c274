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
- Space keys arrive as grants wrapped to this device's X25519 key. A grant is
  accepted only for this device, for a space its role may hold (never a
  clinical space on a job specialist's laptop) and, for team spaces, for its
  own team. See :meth:`SyncService._verify_grant` for what can and cannot be
  checked about the granting device with the server as it is.
- A revoked device locks at once and erases its keys
  (:meth:`storage.profile.Profile.erase_device_keys`); the encrypted database
  stays on disk, unreadable.
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

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.journal import Journal
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
)
from sync.grants import GrantInvalid, make_grant, unwrap_key, verify_grant
from sync.protocol import (
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    Grant,
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
NOTHING_TO_GRANT: Final = "nothing_to_grant"
NO_KEY: Final = "no_key"

TEAM_LEAD: Final = "teamleder"
MAX_GRANTS_PER_POST: Final = 500

_PIN: Final = re.compile(r"[0-9a-f]{16}")

# Store settings (replica-local, inside the encrypted file).
S_URL: Final = "sync.server_url"
S_ENROLLED: Final = "sync.device_enrolled"
S_ORG_KEY: Final = "sync.org_public_key"
S_ROLE: Final = "sync.role"
S_TEAM: Final = "sync.team_id"
S_USER: Final = "sync.user_id"
S_USER_NAME: Final = "sync.user_name"
S_GRANTED: Final = "sync.granted"  # team lead: {device: ["space#version", ...]} already granted

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
}


def readable(exc: SyncError) -> str:
    """One line for the user: the fixed text for the code, then the server's detail."""
    base = _MESSAGES.get(exc.code)
    detail = str(exc)
    if base is None or (exc.code == CLOCK_SKEW and exc.result is not None):
        # Per-change clock refusals explain themselves (the clock may be right now).
        return detail
    if exc.code in (REVOKED, PENDING, RATE_LIMITED) or not detail:
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


def _signed_by(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class SyncService:
    """Enrolment, sync rounds and device management for one unlocked journal."""

    def __init__(
        self,
        journal: Journal,
        profile: Profile,
        *,
        transport_factory: TransportFactory = Transport,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.journal = journal
        self.profile = profile
        self._factory = transport_factory
        self._now = now
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
            self._transport = self._factory(
                url,
                device_id=self.store.device,
                signing_key=self.store.device_secrets.ed25519_private,
            )
        return self._transport

    # ------------------------------------------------------------ enrolment

    def enrol(self, server_url: str, code: str, device_name: str) -> EnrolResponse:
        """Register this laptop (its own device id and public keys) with a one-time code.

        The laptop starts ``pending`` on the server until a team lead approves it.
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
        with self._factory(server_url) as transport:
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
            store.set_setting(S_ORG_KEY, answer.org_public_key.hex())
            store.set_setting(S_ROLE, answer.role)
            store.set_setting(S_TEAM, answer.team_id)
            store.set_setting(S_USER, answer.user_id)
            store.set_setting(S_USER_NAME, answer.user_name)
            if answer.instance_id and store.setting("sync.instance_id") is None:
                store.set_setting("sync.instance_id", answer.instance_id)
            if self.journal.team_space is not None:
                # The server names a team's space after the team. The team lead's
                # device makes its key; other devices receive it as a grant.
                # (Records written offline before enrolment in the old, local team
                # space stay on this computer: the server refuses that space.)
                if store.role == TEAM_LEAD and not store.keys.has(team_space):
                    store.create_space(team_space)
                store.set_setting("team_space", team_space)
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
        """One round: push, pull, receive granted keys; a team lead also shares keys.

        Raises SyncError; on ``revoked`` the store is locked and the keys are
        erased before it is raised.
        """
        store = self.store
        deferred: SyncError | None = None
        try:
            transport = self._signed_transport()
            client = SyncClient(store, transport)
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
            kinds = set(result.types)
            retried = self._receive_grants(transport)
            if retried is not None:
                # Changes that waited for a key are applied now: count them with the round.
                result.applied += retried.applied
                kinds |= retried.types
            if store.role == TEAM_LEAD:
                self._share_spaces(transport)
        except SyncError as exc:
            self._failed(exc)
            if exc.code == REVOKED:
                self._erase_after_revocation()
            raise SyncError(
                exc.code,
                readable(exc),
                status=exc.status,
                server_code=exc.server_code,
                retry_after=exc.retry_after,
                result=exc.result,
            ) from None
        if kinds:
            self.journal.notify_external(kinds)
        if deferred is not None:
            self._failed(deferred, online=True)
            raise deferred
        self.backoff.success()
        self._status = SyncStatus(
            online=True,
            last_success=self._now(),
            pending=store.outbox_size(),
            grant_problems=self._status.grant_problems,
        )
        return result

    def _resync(self, client: SyncClient) -> RoundResult:
        """The round's own resync gave up: reset the cursor to 0 and pull everything once."""
        instance = self.store.setting("sync.instance_id")
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
        )

    def _erase_after_revocation(self) -> None:
        """Lock (keys leave memory), then delete the keyring item and the vault."""
        self.close()
        try:
            self.store.lock()
        finally:
            self.profile.erase_device_keys()
        log.warning("this device was revoked: its keys were erased")

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
        if kind in ("team", "reports"):
            return space == f"{kind}:{self.team_id}"
        return True

    def _receive_grants(self, transport: Transport) -> ApplyResult | None:
        """Add the space keys granted to this device; apply what waited for them."""
        store = self.store
        problems: list[str] = []
        added: list[str] = []
        directory: dict[str, DeviceInfo] | None = None
        for grant in wire.fetch_grants(transport).grants:
            if grant.to_device != store.device or not self._may_hold_here(grant.space):
                problems.append(f"{grant.space}: not for this device or role (ignored)")
                continue
            held = self._held(grant.space, grant.key_version)
            if held is not None:
                continue
            if store.role == TEAM_LEAD and directory is None:
                directory = {d.device_id: d for d in wire.list_devices(transport).devices}
            try:
                self._verify_grant(grant, directory)
                key = unwrap_key(grant, x25519_private=store.device_secrets.x25519_private)
            except GrantInvalid as exc:
                problems.append(f"{grant.space}: {exc}")
                continue
            if len(key) != 32:
                problems.append(f"{grant.space}: the granted key has the wrong size")
                continue
            store.keys.add(grant.space, grant.key_version, key)
            added.append(grant.space)
        if problems:
            log.warning("grants refused: %s", "; ".join(problems))
        self._status = replace(self._status, grant_problems=tuple(problems))
        if not added:
            return None
        return store.retry_pending()

    def _verify_grant(self, grant: Grant, directory: dict[str, DeviceInfo] | None) -> None:
        """Check who signed a grant, as far as the server lets this device know.

        TRUST GAP (server as it is): ``GET /v1/devices`` is for team leads only,
        and nothing else tells a device another device's public keys. So only a
        team lead's device can verify a grant's Ed25519 signature (against the
        granter's key from the device list) and the granter's certificate chain
        (organisation key → team lead → device). Any other device accepts a
        grant on the server's word: the server verified the signature when the
        grant was posted, and the wrap itself is bound (AES-GCM associated data)
        to this device, the space and the key version, so nobody but a holder
        of this device's X25519 private key can read it. What such a device
        cannot rule out is a malicious *server* wrapping a key of its own
        choosing to it. Closing this needs a read-only device directory
        (public keys and certificates) for every approved device of the team.
        """
        if directory is None:
            return
        granter = directory.get(grant.from_device)
        if granter is None or granter.status != "approved":
            raise GrantInvalid("granted by a device that is not an approved device of this team")
        verify_grant(grant, signer_ed25519_public=granter.ed25519_public)
        if not self._certified(granter, directory, depth=0):
            # Devices approved through a lead's grant (the way this app approves,
            # see approve_device) carry no certificate: the signature is checked,
            # the chain cannot be.
            log.info("grant from %s: its certificate chain cannot be checked", granter.device_id)

    def _certified(self, device: DeviceInfo, directory: dict[str, DeviceInfo], depth: int) -> bool:
        """True when the device's certificate chains to the pinned organisation key."""
        if not device.certificate or depth > 4:
            return False
        team = self.team_id or ""
        user = getattr(device, "user_id", None)
        if not isinstance(user, str):
            return False  # DeviceInfo carries no user id: the certificate cannot be rebuilt
        message = certificate_input(
            device.device_id, user, device.role, team, device.x25519_public, device.ed25519_public
        )
        org = bytes.fromhex(self.store.setting(S_ORG_KEY) or "")
        if org and _signed_by(org, device.certificate, message):
            return True
        return any(
            lead.role == TEAM_LEAD
            and lead.status == "approved"
            and lead.device_id != device.device_id
            and _signed_by(lead.ed25519_public, device.certificate, message)
            and self._certified(lead, directory, depth + 1)
            for lead in directory.values()
        )

    # ---------------------------------------------------------- team lead

    def _require_lead(self) -> None:
        if self.store.role != TEAM_LEAD:
            raise SyncError(NOT_TEAM_LEAD, "Only a team lead's computer may do this.")

    def list_devices(self) -> list[DeviceInfo]:
        """The team's devices, oldest first (team lead only)."""
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
        """(space, version) this device holds and may hand to a device of ``role``.

        Work and team spaces (team: only this team's), reports where the role
        allows; never a clinical space (a team lead holds none anyway).
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

    def _granted(self) -> dict[str, list[str]]:
        raw = self.store.setting(S_GRANTED)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def approve_device(self, device_id: str) -> ApproveResult:
        """Approve a pending device of the team and grant it the space keys its role may hold.

        The server verifies a certificate over ``certificate_input(device, user,
        role, team, keys)``, but ``DeviceInfo`` (the device list) carries no user
        id, so this device cannot build that certificate. It therefore approves the
        way the server also accepts: a team lead's grant approves a pending target.
        Should the device list carry a ``user_id``, a certificate is signed and
        posted first (``ApproveResult.certified``).
        """
        self._require_lead()
        with self._revocation_guard():
            return self._approve(device_id)

    def _approve(self, device_id: str) -> ApproveResult:
        transport = self._signed_transport()
        target = self._find(wire.list_devices(transport).devices, device_id)
        if target.device_id == self.store.device:
            raise SyncError(NO_SUCH_DEVICE, "A device cannot approve itself.")
        if target.status == "revoked":
            raise SyncError("device_revoked", "That device is revoked; it cannot be approved.")
        certified = False
        user = getattr(target, "user_id", None)
        if target.status == "pending" and isinstance(user, str) and user and self.team_id:
            message = certificate_input(
                target.device_id,
                user,
                target.role,
                self.team_id,
                target.x25519_public,
                target.ed25519_public,
            )
            signature = Ed25519PrivateKey.from_private_bytes(
                self.store.device_secrets.ed25519_private
            ).sign(message)
            target = wire.approve_device(transport, target.device_id, signature)
            certified = True
        items = self._grantable(target.role)
        if not items and target.status == "pending":
            raise SyncError(
                NOTHING_TO_GRANT,
                f"This computer holds no key a {target.role} may have, so it cannot approve "
                "the device yet (sync first).",
            )
        if items:
            self._grant(transport, target, items)
        refreshed = self._find(wire.list_devices(transport).devices, target.device_id)
        return ApproveResult(refreshed, [f"{s}#{v}" for s, v in items], certified)

    def _share_spaces(self, transport: Transport) -> None:
        """Team lead: grant keys made since approval (new participants) to the team's devices."""
        granted = self._granted()
        for device in wire.list_devices(transport).devices:
            if device.device_id == self.store.device or device.status != "approved":
                continue
            have = set(granted.get(device.device_id, []))
            items = [(s, v) for s, v in self._grantable(device.role) if f"{s}#{v}" not in have]
            if items:
                self._grant(transport, device, items)

    def share_clinical(
        self, device_id: str, participant_id: str, *, recipient_x25519: bytes
    ) -> None:
        """A therapist grants a participant's clinical space to another therapist's device.

        The recipient's X25519 public key must come from the team lead (``feltjournal
        devices --json``): the server tells only team leads the team's device keys.
        The server refuses the grant unless the target is a therapist's device of
        this team and this device is a member of the space (it has pushed to it).
        """
        space = f"clinical:{participant_id}"
        if self.store.role != "terapeut":
            raise SyncError(NO_KEY, "Only a therapist's computer holds clinical keys.")
        versions = self._versions(space)
        if not versions:
            raise SyncError(NO_KEY, "This computer holds no clinical key for that participant.")
        with self._revocation_guard():
            self._share(space, versions, device_id, recipient_x25519)
        self.store.audit("export", participant_id, f"clinical key granted to {device_id}")

    def _share(
        self, space: str, versions: list[int], device_id: str, recipient_x25519: bytes
    ) -> None:
        transport = self._signed_transport()
        SyncClient(self.store, transport).push(RoundResult())  # be a member of the space first
        signer = self.store.device_secrets.ed25519_private
        grants = [
            make_grant(
                self.store.keys.key(space, v),
                space=space,
                key_version=v,
                to_device=device_id,
                recipient_x25519=recipient_x25519,
                from_device=self.store.device,
                signer_ed25519_private=signer,
            )
            for v in versions
        ]
        wire.post_grants(transport, grants)


__all__ = [
    "ApproveResult",
    "SyncError",
    "SyncService",
    "SyncStatus",
    "TransportFactory",
    "pin_of",
    "readable",
]
