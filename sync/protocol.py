"""The wire protocol between laptops and the central server (version 1).

Shared by client and server; the server imports only this module and
sync.changes from the client side. Messages are msgspec Structs, sent as JSON
(documented API) or MessagePack (``Content-Type: application/msgpack``) for the
bulk change stream. Binary fields are bytes: base64 in JSON, raw in MessagePack.

Authentication: every request except /v1/health and /v1/enrol is signed by the
device's Ed25519 key over :func:`signing_input` and carries the headers
``X-Feltjournal-Device``, ``X-Feltjournal-Time`` (Unix ms) and
``X-Feltjournal-Signature`` (base64). The server refuses a time more than
``MAX_REQUEST_SKEW_MS`` away from its own (401, code ``clock_skew``), an
unknown device (401 ``unknown_device``), a revoked one (401 ``revoked``).

Pull: ``GET /v1/changes?after=CURSOR&limit=N`` serves the changes of every space
the device is a member of after an opaque cursor (``PullResponse.next_cursor``);
409 ``resync_required`` means: pull again from 0. A space granted to a device
whose cursor may already have passed some of its changes is backfilled on its
own: ``GET /v1/changes?space=S&after=CURSOR&limit=N`` serves S alone, in seq
order, with cursors of its own (start at 0; 403 unless a member whose role may
hold S; 409 ``resync_required``: backfill S again from 0). The client keeps the
pending spaces and their cursors (``backfill:<space>``) locally; see
server/README.md and sync/client.py.

Spaces are named ``work:<participant>``, ``clinical:<participant>``,
``team:<team>`` and ``reports:<team>``; the server reads only the prefix, to
keep clinical spaces to therapist devices.
"""

from __future__ import annotations

import hashlib
from typing import Final, Literal

import msgspec

from sync.changes import Change

PROTOCOL_VERSION: Final = 1
MAX_PUSH_CHANGES: Final = 500
MAX_PUSH_BYTES: Final = 1_000_000
MAX_PAYLOAD_BYTES: Final = 256 * 1024
MAX_PULL_LIMIT: Final = 2000
MAX_FUTURE_MS: Final = 5 * 60 * 1000
MAX_REQUEST_SKEW_MS: Final = 5 * 60 * 1000

HEADER_DEVICE: Final = "X-Feltjournal-Device"
HEADER_TIME: Final = "X-Feltjournal-Time"
HEADER_SIGNATURE: Final = "X-Feltjournal-Signature"
MSGPACK: Final = "application/msgpack"

SpaceKind = Literal["work", "clinical", "team", "reports"]
ServerRole = Literal["jobbspesialist", "terapeut", "teamleder", "sentralt_team"]
Programme = Literal["SFJ", "JMO", "IPS"]
PROGRAMMES: Final[tuple[str, ...]] = ("SFJ", "JMO", "IPS")
TEAM_LEAD: Final = "teamleder"
CENTRAL: Final = "sentralt_team"


def space_kind(space: str) -> str:
    """The prefix of a space id ("work", "clinical", ...), or "" when malformed."""
    kind, sep, rest = space.partition(":")
    return kind if sep and rest else ""


def role_may_hold(role: str, space: str) -> bool:
    """Which roles' devices may receive a space's changes and keys."""
    kind = space_kind(space)
    if kind == "clinical":
        return role == "terapeut"
    if kind in ("work", "team"):
        return role in ("jobbspesialist", "terapeut", "teamleder")
    if kind == "reports":
        return role in ("teamleder", "sentralt_team")
    return False


def signing_input(method: str, path_and_query: str, time_ms: int, body: bytes) -> bytes:
    """What a device signs for one request."""
    digest = hashlib.sha256(body).hexdigest()
    return f"feltjournal-v1\n{method.upper()}\n{path_and_query}\n{time_ms}\n{digest}".encode()


class Error(msgspec.Struct, frozen=True):
    """Every 4xx answer: a stable code and a readable English message."""

    code: str
    message: str


class Health(msgspec.Struct, frozen=True):
    status: str
    instance_id: str
    server_time_ms: int
    protocol: int = PROTOCOL_VERSION


class EnrolRequest(msgspec.Struct, frozen=True):
    code: str
    device_name: str
    x25519_public: bytes
    ed25519_public: bytes
    # The laptop's own device id: its changes carry it from the first offline
    # edit, before enrolment. Empty: the server makes one.
    device_id: str = ""


class EnrolResponse(msgspec.Struct, frozen=True):
    device_id: str
    user_id: str
    user_name: str
    role: str
    team_id: str
    instance_id: str
    org_public_key: bytes  # Ed25519; its SHA-256 is part of the enrolment code (pinned)
    device_certificate: bytes  # empty until approved (see certificate_input)
    # The team's name, programme (SFJ, JMO, IPS) and region; empty from an older server.
    team_name: str = ""
    programme: str = ""
    region: str = ""


def certificate_input(
    device_id: str, user_id: str, role: str, team_id: str, x25519: bytes, ed25519: bytes
) -> bytes:
    """What a certificate signs to vouch for a device's public keys, user, role and team.

    The signer is the organisation key (the first team lead of a team, or any
    device the admin approves with ``approve-device``) or an approved team lead
    device of the same team whose own certificate chains to the organisation
    key. Every device checks that chain before it trusts another device's key.
    """
    return b"\n".join(
        [
            b"feltjournal-device-v1",
            device_id.encode(),
            user_id.encode(),
            role.encode(),
            team_id.encode(),
            x25519.hex().encode(),
            ed25519.hex().encode(),
        ]
    )


class WireChange(msgspec.Struct, frozen=True):
    change_id: str
    device: str
    hlc: str
    record_id: str
    record_type: str
    space: str
    field: str
    kind: str
    key_version: int
    payload: bytes
    seq: int = 0  # set by the server on pull

    @classmethod
    def from_change(cls, ch: Change) -> WireChange:
        return cls(
            ch.change_id,
            ch.device,
            ch.hlc,
            ch.record_id,
            ch.record_type,
            ch.space,
            ch.field,
            ch.kind,
            ch.key_version,
            ch.payload,
        )

    def to_change(self) -> Change:
        return Change(
            self.change_id,
            self.device,
            self.hlc,
            self.record_id,
            self.record_type,
            self.space,
            self.field,
            self.kind,  # type: ignore[arg-type]
            self.key_version,
            self.payload,
        )


class PushRequest(msgspec.Struct, frozen=True):
    changes: list[WireChange]


class Rejected(msgspec.Struct, frozen=True):
    change_id: str
    code: str  # clock_skew, not_member, too_large, bad_change
    message: str


class PushResponse(msgspec.Struct, frozen=True):
    accepted: list[str]  # stored now
    duplicates: list[str]  # stored before (a retry): also safe to mark pushed
    rejected: list[Rejected]
    server_time_ms: int
    # The seq the first change stored by this push got (0: none stored, or an older
    # server). Seqs are never reused, so one at or below a cursor this server issued
    # means the server went back in its log (see SERVER_ROLLED_BACK).
    first_seq: int = 0


class PullResponse(msgspec.Struct, frozen=True):
    changes: list[WireChange]
    next_cursor: int  # pass as ?after= next time
    more: bool
    instance_id: str
    horizon: int = 0  # cursors below this need a full resync (or, backfilling, from 0)


class Grant(msgspec.Struct, frozen=True):
    """A space key wrapped to one device (X25519 + HKDF + AES-GCM), signed by the granter."""

    space: str
    key_version: int
    to_device: str
    from_device: str
    wrapped_key: bytes
    signature: bytes  # Ed25519 of the granting device over grant_input(...)


def grant_input(space: str, key_version: int, to_device: str, wrapped_key: bytes) -> bytes:
    return b"\n".join(
        [
            b"feltjournal-grant-v1",
            space.encode(),
            str(key_version).encode(),
            to_device.encode(),
            wrapped_key,
        ]
    )


class DeviceInfo(msgspec.Struct, frozen=True):
    """A device in the directory: its public keys, who uses it, and its certificate."""

    device_id: str
    user_name: str
    role: str
    device_name: str
    status: Literal["pending", "approved", "revoked"]
    x25519_public: bytes
    ed25519_public: bytes
    certificate: bytes  # signature over certificate_input(...); empty while pending
    enrolled_ms: int
    user_id: str = ""
    team_id: str = ""


class DeviceList(msgspec.Struct, frozen=True):
    """The device directory (``GET /v1/devices``).

    Every approved device reads its own team's approved and revoked devices; a
    team lead also its team's pending ones and the approved central-team
    devices (and their teams' leads, who certify them); a central-team device
    also the approved team leads of every team (they grant it report keys).
    """

    devices: list[DeviceInfo]


class TeamInfo(msgspec.Struct, frozen=True):
    """A team as a central-team device sees it (``GET /v1/teams``)."""

    team_id: str
    name: str
    programme: str  # SFJ, JMO or IPS
    region: str
    reports_shared: bool  # its lead has granted this device the team's reports key


class TeamList(msgspec.Struct, frozen=True):
    teams: list[TeamInfo]


class GrantList(msgspec.Struct, frozen=True):
    grants: list[Grant]


class AuditEvent(msgspec.Struct, frozen=True):
    """An audit line from a device: ids only."""

    seq: int
    at: str
    device: str
    actor: str
    action: str
    record_id: str | None
    hash: str


class AuditPush(msgspec.Struct, frozen=True):
    events: list[AuditEvent]


json_encode = msgspec.json.Encoder().encode
msgpack_encode = msgspec.msgpack.Encoder().encode


#: Low bits of a pull cursor hold the seq of the last change it passed (2**40 ≈ 10**12
#: changes); the bits above are the server's epoch tag (server.changelog.encode_cursor).
CURSOR_SEQ_BITS: Final = 40
#: 409: this cursor lies past the end of the server's change log, so the server has lost
#: changes it served before (restored from an older backup, or its log rolled back).
SERVER_ROLLED_BACK: Final = "server_rolled_back"


def cursor_seq(cursor: int) -> int:
    """The seq a pull cursor has passed (its epoch tag left out)."""
    return cursor & ((1 << CURSOR_SEQ_BITS) - 1)
