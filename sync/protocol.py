"""The wire protocol between laptops and the central server (version 1).

Shared by client and server; the server imports only this module and
sync.changes from the client side. Messages are msgspec Structs, sent as JSON
(documented API) or MessagePack (``Content-Type: application/msgpack``) for the
bulk change stream. Binary fields are bytes: base64 in JSON, raw in MessagePack.

Authentication: every request except /v1/health and /v1/enrol is signed by the
device's Ed25519 key over :func:`signing_input` and carries the headers
``X-Feltjournal-Device``, ``X-Feltjournal-Time`` (Unix ms),
``X-Feltjournal-Request-Id`` (a fresh random id per request, see
:func:`new_request_id`) and ``X-Feltjournal-Signature`` (base64). The server
refuses a time more than ``MAX_REQUEST_SKEW_MS`` away from its own (401, code
``clock_skew``), an unknown device (401 ``unknown_device``), a revoked one (401
``revoked``), and a request id this device already used (409
``replayed_request``): it remembers every id until the request's time is out of
the window, in its database, so a captured request cannot be sent again to any
server process. A retry is a new request: signed again, with a new id.

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
import re
import secrets
from collections.abc import Mapping, Sequence
from types import MappingProxyType
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
HEADER_REQUEST_ID: Final = "X-Feltjournal-Request-Id"
#: A request id: 16 to 64 characters of the URL-safe base64 alphabet.
REQUEST_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9_-]{16,64}")
MSGPACK: Final = "application/msgpack"

SpaceKind = Literal["work", "clinical", "team", "reports"]
ServerRole = Literal["jobbspesialist", "terapeut", "teamleder", "sentralt_team"]
Programme = Literal["SFJ", "JMO", "IPS"]
PROGRAMMES: Final[tuple[str, ...]] = ("SFJ", "JMO", "IPS")
# The roles, named once for the server, the app and the command line.
JOB_SPECIALIST: Final = "jobbspesialist"
THERAPIST: Final = "terapeut"
TEAM_LEAD: Final = "teamleder"
CENTRAL: Final = "sentralt_team"
ROLES: Final[tuple[ServerRole, ...]] = (JOB_SPECIALIST, THERAPIST, TEAM_LEAD, CENTRAL)
#: The kinds of space each role's devices may hold: receive the changes and the
#: keys of. The one statement of this policy; the server enforces it on every
#: push, pull and grant, and the app asks for keys by it.
SPACE_KINDS_BY_ROLE: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        # Only a therapist's device holds a clinical space.
        THERAPIST: frozenset({"work", "clinical", "team"}),
        JOB_SPECIALIST: frozenset({"work", "team"}),
        # The team lead's device publishes the team's report snapshots.
        TEAM_LEAD: frozenset({"work", "team", "reports"}),
        # Only the reports spaces: a central device never holds a participant's key.
        CENTRAL: frozenset({"reports"}),
    }
)


def space_kind(space: str) -> str:
    """The prefix of a space id ("work", "clinical", ...), or "" when malformed."""
    kind, sep, rest = space.partition(":")
    return kind if sep and rest else ""


def role_may_hold(role: str, space: str) -> bool:
    """Which roles' devices may receive a space's changes and keys."""
    return space_kind(space) in SPACE_KINDS_BY_ROLE.get(role, frozenset())


#: The one record type whose purge may name spaces: a participant's erasure.
ERASABLE_TYPE: Final = "participant"
#: Roles whose devices may erase a participant (a purge naming their spaces).
#: Only the team lead: an erasure removes the clinical space too, which no job
#: specialist may touch, and the work space holds every colleague's notes. A
#: stolen or compromised job specialist's or therapist's laptop can then purge
#: single records of its own spaces, never a whole participant.
ERASING_ROLES: Final = frozenset({TEAM_LEAD})


def may_erase(role: str) -> bool:
    """Whether a device of ``role`` may erase a participant everywhere."""
    return role in ERASING_ROLES


#: Record types only a team lead's device may write, all in the team space every
#: member holds the key of: a job specialist's FTE, the team's settings (exit reasons
#: left out of the into-work share) and the fidelity reviews (IPS-25 items rated by
#: hand). One rule, :func:`write_problem`, checked in four places: the journal refuses
#: another role before writing, the JSON import refuses such records on another role's
#: profile, the server refuses another role's change on push (``not_team_lead``), and
#: every laptop quarantines one received whose author its device directory does not
#: vouch for as a team lead of its team (app.purge_gate.PurgeGate.author), holding it
#: until it can tell, as it does a purge.
LEAD_ONLY_TYPES: Final = frozenset({"job_specialist_fte", "team_settings", "fidelity_review"})


def write_problem(*, role: str, record_type: str) -> str:
    """Why a device of ``role`` may not change a record of ``record_type``, or ""."""
    if record_type in LEAD_ONLY_TYPES and role != TEAM_LEAD:
        return f"only a team lead may change {record_type} records"
    return ""


def erasure_spaces(participant_id: str) -> tuple[str, str]:
    """The spaces an erasure of participant ``participant_id`` names, sorted."""
    return (f"clinical:{participant_id}", f"work:{participant_id}")


def purge_problem(
    *, role: str, record_type: str, record_id: str, space: str, spaces: Sequence[str]
) -> str:
    """Why a device of ``role`` may not make this purge, or "" when it may.

    The one place that says what a purge may remove, read by the server on push
    and by every laptop on receipt: its own record, in a space the role may hold;
    with ``spaces``, only a participant record (in its own work space) by a role
    that may erase, naming no space but that participant's work and clinical ones.
    """
    if not role_may_hold(role, space):
        return f"a {role or 'device'} may not hold space {space!r}"
    if not spaces:
        return ""
    if not may_erase(role):
        return "only a team lead may erase a participant"
    if record_type != ERASABLE_TYPE or space != f"work:{record_id}":
        return "only the erasure of a participant, in its own work space, may name spaces"
    if len(set(spaces)) != len(spaces) or not set(spaces) <= set(erasure_spaces(record_id)):
        return "an erasure may name only its own participant's work and clinical spaces"
    return ""


def signing_input(
    method: str, path_and_query: str, time_ms: int, body: bytes, *, request_id: str
) -> bytes:
    """What a device signs for one request (``request_id``: see :func:`new_request_id`)."""
    digest = hashlib.sha256(body).hexdigest()
    return (
        f"feltjournal-v2\n{method.upper()}\n{path_and_query}\n{time_ms}\n{request_id}\n{digest}"
    ).encode()


def new_request_id() -> str:
    """A random id for one signed request; never reuse one (the server refuses a replay)."""
    return secrets.token_urlsafe(16)


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
    # A purge's erased spaces in the clear (sync.changes.join_spaces); "" otherwise.
    purge_spaces: str = ""

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
            purge_spaces=ch.purge_spaces,
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
            self.purge_spaces,
        )


class PushRequest(msgspec.Struct, frozen=True):
    changes: list[WireChange]


class Rejected(msgspec.Struct, frozen=True):
    """A change the server refused, with a stable code.

    ``bad_change`` (malformed), ``clock_skew`` (stamped too far ahead),
    ``too_large``, ``not_member`` (a space the device may not write),
    ``not_team_lead`` (a record type only a team lead writes, :data:`LEAD_ONLY_TYPES`,
    from another role's device), and ``purge_not_allowed``: a purge that names spaces
    other than its own
    participant's work and clinical ones, names spaces without being a
    participant's erasure, comes from a role that may not erase (only a team
    lead may), or names a space of another team.
    """

    change_id: str
    # clock_skew, not_member, too_large, bad_change, retired_key, not_team_lead,
    # purge_not_allowed
    code: str
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


class MissingGrant(msgspec.Struct, frozen=True):
    """A key version of a space the caller holds that a device should hold, and no
    device that is still trusted has granted to it."""

    space: str
    key_version: int
    to_device: str
    # Clinical and reports spaces go only to devices that held them: the newest grant
    # a since-revoked device made to this one, for the laptop to check itself.
    evidence: Grant | None = None


class MissingGrantList(msgspec.Struct, frozen=True):
    """``GET /v1/grants/missing``: what the calling device may grant again."""

    missing: list[MissingGrant]


class AuditEvent(msgspec.Struct, frozen=True):
    """An audit line from a device: ids only.

    ``hash`` is the line's chain hash (64 lowercase hex digits, storage.audit). On
    upload ``prev_hash``, when sent, is the previous line's hash (64 zeros before
    line 1): the server refuses a line that does not link to the line before it.
    The server does not serve it back (null in ``GET /v1/audit``).
    """

    seq: int
    at: str
    device: str
    actor: str
    action: str
    record_id: str | None
    hash: str
    prev_hash: str | None = None


class AuditPush(msgspec.Struct, frozen=True):
    events: list[AuditEvent]


class Rotation(msgspec.Struct, frozen=True):
    """A space whose key gets a new version because a device that held it was revoked.

    ``GET /v1/rotations`` lists the open ones of the spaces the calling device
    holds; ``POST /v1/rotations/claim`` (a :class:`RotationClaim`) makes the caller
    the one device that creates ``key_version``: the first claim wins, a second
    gets 409 ``rotation_claimed``. See server.rotation and app.key_rotation.
    """

    space: str
    key_version: int  # the version to make
    claimed_by: str = ""  # the device that makes it; empty until claimed
    # Approved member devices whose role may hold the space and that hold no grant
    # of key_version yet (the claimer excluded): whom the holders grant it to.
    waiting: list[str] = []
    # Clinical spaces only: for each waiting device, the newest grant of an older
    # version of the space made to it. A laptop grants a new clinical key only to a
    # device a therapist of the team is shown, by such a signed grant, to have given
    # the space: the server's word that a device is a member is not enough.
    evidence: list[Grant] = []


class RotationList(msgspec.Struct, frozen=True):
    rotations: list[Rotation]


class RotationClaim(msgspec.Struct, frozen=True):
    space: str
    key_version: int


#: Low bits of a pull cursor hold the seq of the last change it passed (2**40 ≈ 10**12
#: changes); the bits above are the server's epoch tag (server.changelog.encode_cursor).
CURSOR_SEQ_BITS: Final = 40
#: 409: this cursor lies past the end of the server's change log, so the server has lost
#: changes it served before (restored from an older backup, or its log rolled back).
SERVER_ROLLED_BACK: Final = "server_rolled_back"


def cursor_seq(cursor: int) -> int:
    """The seq a pull cursor has passed (its epoch tag left out)."""
    return cursor & ((1 << CURSOR_SEQ_BITS) - 1)
