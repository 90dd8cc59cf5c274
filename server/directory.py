"""Who is who: enrolment, the device directory, approval, revocation, key grants, audit.

Trust (see sync.protocol.certificate_input): a device is approved with a
certificate, the Ed25519 signature of the organisation key (``admin
approve-device``) or of an approved team lead device of its team. The server
checks that signature when it stores it, but the laptops do not take the
server's word for it: they check each certificate chain themselves against the
organisation key pinned at enrolment, from the directory served here.

Cross-team: a team lead of team T may grant exactly ``reports:T`` to an
approved central-team (``sentralt_team``) device of any team; no other grant
crosses a team's border, and a central device never holds a participant space.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    and_,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)

from server import keys
from server.db import (
    PlannerStatistics,
    audit_events,
    compaction_epoch,
    devices,
    enrolment_codes,
    grants,
    memberships,
    read_tx,
    spaces,
    teams,
    users,
    write_tx,
)
from server.errors import ApiError, bad_request, forbidden, invalid, not_found
from server.rotation import check_rotated_grant, schedule_rotations
from server.wire import MAX_INT32, MAX_INT64, clean_str, string_problem
from sync.protocol import (
    CENTRAL,
    TEAM_LEAD,
    AuditEvent,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    Grant,
    MissingGrant,
    TeamInfo,
    certificate_input,
    grant_input,
    role_may_hold,
    space_kind,
)

MAX_GRANTS_PER_REQUEST: Final = 1000
MAX_AUDIT_PER_REQUEST: Final = 5000
MAX_WRAPPED_KEY_BYTES: Final = 4096
MAX_CERTIFICATE_BYTES: Final = 4096
#: An audit line's hash as storage.audit makes it: HMAC-SHA-256, lowercase hex.
AUDIT_HASH: Final = re.compile(r"[0-9a-f]{64}")
#: The prev_hash of a device's first audit line.
AUDIT_GENESIS: Final = "0" * 64


@dataclass(frozen=True, slots=True)
class DeviceRow:
    """A device with its user's name, role and team."""

    id: str
    user_id: str
    user_name: str
    role: str
    team_id: str
    name: str
    status: str
    x25519_public: bytes
    ed25519_public: bytes
    certificate: bytes
    enrolled_ms: int

    def info(self) -> DeviceInfo:
        status = self.status if self.status in ("approved", "revoked") else "pending"
        return DeviceInfo(
            device_id=self.id,
            user_name=self.user_name,
            role=self.role,
            device_name=self.name,
            status=status,  # type: ignore[arg-type]
            x25519_public=self.x25519_public,
            ed25519_public=self.ed25519_public,
            certificate=self.certificate,
            enrolled_ms=self.enrolled_ms,
            user_id=self.user_id,
            team_id=self.team_id,
        )


_DEVICE_COLUMNS = (
    devices.c.id,
    devices.c.user_id,
    users.c.name,
    users.c.role,
    users.c.team_id,
    devices.c.name,
    devices.c.status,
    devices.c.x25519_public,
    devices.c.ed25519_public,
    devices.c.certificate,
    devices.c.enrolled_ms,
)


_GRANT_COLUMNS: Final = (
    grants.c.space,
    grants.c.key_version,
    grants.c.to_device,
    grants.c.from_device,
    grants.c.wrapped_key,
    grants.c.signature,
)


def grant_from_row(row: Sequence[Any]) -> Grant:
    """A stored grant as it travels (a row of ``_GRANT_COLUMNS``)."""
    space, key_version, to_device, from_device, wrapped_key, signature = tuple(row)
    return Grant(space, key_version, to_device, from_device, wrapped_key, signature)


def device_query() -> Select[Any]:
    return select(*_DEVICE_COLUMNS).join(users, users.c.id == devices.c.user_id)


def device_from_row(row: Row[tuple[object, ...]] | Sequence[object]) -> DeviceRow:
    (d_id, user_id, user_name, role, team_id, name, status, x, ed, cert, enrolled) = tuple(row)
    return DeviceRow(
        id=str(d_id),
        user_id=str(user_id),
        user_name=str(user_name),
        role=str(role),
        team_id=str(team_id),
        name=str(name),
        status=str(status),
        x25519_public=bytes(x),  # type: ignore[call-overload]
        ed25519_public=bytes(ed),  # type: ignore[call-overload]
        certificate=bytes(cert),  # type: ignore[call-overload]
        enrolled_ms=int(enrolled),  # type: ignore[call-overload]
    )


def load_device(conn: Connection, device_id: str) -> DeviceRow | None:
    row = conn.execute(device_query().where(devices.c.id == device_id)).first()
    return device_from_row(row) if row is not None else None


class Directory:
    """Enrolment, devices, grants and audit intake: the services behind those routes."""

    def __init__(
        self,
        engine: Engine,
        *,
        org_public_key: bytes,
        now_ms: Callable[[], int],
        statistics: PlannerStatistics | None = None,
    ) -> None:
        self._engine = engine
        self._org_public_key = org_public_key
        self._now = now_ms
        self._statistics = statistics or PlannerStatistics(engine)

    # --- enrolment ------------------------------------------------------------------------

    def enrol(self, req: EnrolRequest, *, instance_id: str) -> EnrolResponse:
        """Consume a one-time code and register the device's public keys (status pending)."""
        name = clean_str(req.device_name.strip(), "device_name", max_chars=200)
        _check_public_key(req.x25519_public, "x25519_public", X25519PublicKey.from_public_bytes)
        _check_public_key(req.ed25519_public, "ed25519_public", Ed25519PublicKey.from_public_bytes)
        if string_problem(req.code, max_chars=200):
            raise _invalid_code()
        secret, pin = keys.split_code(req.code)
        if pin and not keys.pins_match(pin, self._org_public_key):
            raise ApiError(
                400,
                "wrong_server",
                "This enrolment code was issued for another organisation's server "
                "(its key fingerprint does not match this server's).",
            )
        now = self._now()
        with write_tx(self._engine) as conn:
            code = conn.execute(
                select(
                    enrolment_codes.c.id,
                    enrolment_codes.c.user_id,
                    enrolment_codes.c.expires_ms,
                    enrolment_codes.c.used_ms,
                ).where(enrolment_codes.c.code_hash == keys.code_hash(secret))
            ).first()
            if code is None:
                raise _invalid_code()
            if code.used_ms is not None:
                raise forbidden(
                    "This enrolment code has already been used; ask the central team for a "
                    "new one.",
                    code="code_used",
                )
            if code.expires_ms <= now:
                raise forbidden(
                    "This enrolment code has expired; ask the central team for a new one.",
                    code="code_expired",
                )
            device_id = _proposed_device_id(conn, req.device_id)
            conn.execute(
                devices.insert().values(
                    id=device_id,
                    user_id=code.user_id,
                    name=name,
                    status="pending",
                    x25519_public=req.x25519_public,
                    ed25519_public=req.ed25519_public,
                    certificate=b"",
                    enrolled_ms=now,
                )
            )
            conn.execute(
                update(enrolment_codes)
                .where(enrolment_codes.c.id == code.id)
                .values(used_ms=now, used_by_device=device_id)
            )
            device = load_device(conn, device_id)
            assert device is not None
            team = conn.execute(
                select(teams.c.name, teams.c.programme, teams.c.region).where(
                    teams.c.id == device.team_id
                )
            ).one()
        return EnrolResponse(
            device_id=device.id,
            user_id=device.user_id,
            user_name=device.user_name,
            role=device.role,
            team_id=device.team_id,
            instance_id=instance_id,
            org_public_key=self._org_public_key,
            device_certificate=device.certificate,
            team_name=str(team.name),
            programme=str(team.programme),
            region=str(team.region),
        )

    # --- devices --------------------------------------------------------------------------

    def device(self, device_id: str) -> DeviceRow | None:
        if string_problem(device_id, max_chars=64):
            return None
        with read_tx(self._engine) as conn:
            return load_device(conn, device_id)

    def directory(self, actor: DeviceRow) -> list[DeviceRow]:
        """The devices ``actor`` may know the keys of (see protocol.DeviceList).

        Its own team's approved and revoked devices (revoked ones marked, so a
        grant they signed is refused) and, for a team lead, the pending ones to
        approve. Across teams only approved devices, and only those a grant
        may come from or go to: for a team lead the central-team devices and
        the leads of their teams (their certifiers); for a central-team device
        the team leads of every team.
        """
        own = users.c.team_id == actor.team_id
        if actor.role != TEAM_LEAD:
            own = and_(own, devices.c.status.in_(("approved", "revoked")))
        other = and_(users.c.team_id != actor.team_id, devices.c.status == "approved")
        clauses = [own]
        if actor.role == TEAM_LEAD:
            c_user, c_device = users.alias("c_user"), devices.alias("c_device")
            central_teams = (
                select(c_user.c.team_id)
                .join(c_device, c_device.c.user_id == c_user.c.id)
                .where(c_user.c.role == CENTRAL, c_device.c.status == "approved")
            )
            clauses.append(
                and_(
                    other,
                    or_(
                        users.c.role == CENTRAL,
                        and_(users.c.role == TEAM_LEAD, users.c.team_id.in_(central_teams)),
                    ),
                )
            )
        elif actor.role == CENTRAL:
            clauses.append(and_(other, users.c.role == TEAM_LEAD))
        with read_tx(self._engine) as conn:
            rows = conn.execute(
                device_query().where(or_(*clauses)).order_by(devices.c.enrolled_ms, devices.c.id)
            ).all()
        return [device_from_row(r) for r in rows]

    def teams_for_central(self, actor: DeviceRow) -> list[TeamInfo]:
        """The teams a central-team device reports on: every team but the central ones
        (teams with a central-team user), each with whether its lead has shared the
        team's reports key with this device."""
        if actor.role != CENTRAL:
            raise forbidden("Only a central-team device may list the teams.")
        central_teams = select(users.c.team_id).where(users.c.role == CENTRAL)
        with read_tx(self._engine) as conn:
            rows = conn.execute(
                select(teams.c.id, teams.c.name, teams.c.programme, teams.c.region)
                .where(teams.c.id.not_in(central_teams))
                .order_by(teams.c.name, teams.c.id)
            ).all()
            shared = set(
                conn.scalars(
                    select(memberships.c.space).where(
                        memberships.c.device_id == actor.id,
                        memberships.c.space.startswith("reports:", autoescape=True),
                    )
                )
            )
        return [
            TeamInfo(
                str(r.id), str(r.name), str(r.programme), str(r.region), f"reports:{r.id}" in shared
            )
            for r in rows
        ]

    def approve(self, actor: DeviceRow, device_id: str, certificate: bytes) -> DeviceRow:
        """A team lead vouches for a device of its team: the certificate is its Ed25519
        signature over the device's certificate_input. Approving an approved device
        again replaces its certificate (devices approved before certificates)."""
        _require_team_lead(actor)
        if not certificate or len(certificate) > MAX_CERTIFICATE_BYTES:
            raise bad_request(
                "Send the device certificate (the team lead device's Ed25519 signature over "
                "certificate_input) as the request body.",
                code="bad_certificate",
            )
        with write_tx(self._engine) as conn:
            target = _team_device(conn, actor, device_id)
            if target.status == "revoked":
                raise ApiError(409, "device_revoked", "A revoked device cannot be approved.")
            message = certificate_input(
                target.id,
                target.user_id,
                target.role,
                target.team_id,
                target.x25519_public,
                target.ed25519_public,
            )
            if not keys.verify(actor.ed25519_public, certificate, message):
                raise bad_request(
                    "The certificate is not this team lead device's signature over the "
                    "device's certificate_input.",
                    code="bad_certificate",
                )
            conn.execute(
                update(devices)
                .where(devices.c.id == target.id)
                .values(status="approved", certificate=certificate, approved_ms=self._now())
            )
            updated = load_device(conn, target.id)
        assert updated is not None
        return updated

    def revoke(self, actor: DeviceRow, device_id: str) -> DeviceRow:
        """A team lead revokes a device of its team, but never the team's last approved
        team lead device (409 ``last_lead_device``): nobody would be left to approve or
        grant. Only that device itself can ask for it (any other approved lead device
        asking means it is not the last); the admin's ``revoke-device`` still can, for a
        stolen or lost one."""
        _require_team_lead(actor)
        with write_tx(self._engine) as conn:
            target = _team_device(conn, actor, device_id)
            _keep_a_lead_device(conn, target)
            revoke_device(conn, target.id, self._now())
            updated = load_device(conn, target.id)
        assert updated is not None
        return updated

    # --- grants ---------------------------------------------------------------------------

    def store_grants(self, actor: DeviceRow, items: Sequence[Grant]) -> list[Grant]:
        """Store key grants (all or none) to approved devices and add memberships.

        A team lead may grant any work or team space of its team; any other device only
        a space it is a member of (it can only wrap keys it holds, e.g. a therapist
        sharing a clinical space with a colleague). A clinical space only ever from a
        member whose role may hold it (``granter_not_holder``): no lead exemption.
        The target's role must be allowed the space. Each granter's grant is kept
        beside the others' of the same key (a new one replaces only its own).
        The one grant across teams: a team lead's own ``reports:<team>`` to an
        approved central-team device. A grant never approves a device (approval is
        a certificate, see :meth:`approve`).
        """
        if len(items) > MAX_GRANTS_PER_REQUEST:
            raise ApiError(
                413, "too_many_grants", f"Send at most {MAX_GRANTS_PER_REQUEST} grants at once."
            )
        for g in items:
            _check_grant_shape(g, actor)
        now = self._now()
        with write_tx(self._engine) as conn:
            mine = set(
                conn.scalars(select(memberships.c.space).where(memberships.c.device_id == actor.id))
            )
            for g in items:
                target = load_device(conn, g.to_device)
                if target is None or (
                    target.team_id != actor.team_id
                    and not (
                        actor.role == TEAM_LEAD
                        and target.role == CENTRAL
                        and target.status == "approved"
                    )
                ):
                    raise not_found(f"No device {g.to_device!r} in your team.")
                if target.status == "revoked":
                    raise ApiError(
                        409, "device_revoked", f"Device {g.to_device} is revoked; grant nothing."
                    )
                if target.status != "approved":
                    raise ApiError(
                        409,
                        "device_pending",
                        f"Device {g.to_device} is not approved yet: approve it with a "
                        "certificate before granting it keys.",
                    )
                if target.team_id != actor.team_id and g.space != f"reports:{actor.team_id}":
                    raise forbidden(
                        "A team lead may grant a central-team device of another team only "
                        "its own team's reports key.",
                        code="role_may_not_hold",
                    )
                if not role_may_hold(target.role, g.space):
                    raise forbidden(
                        f"A {target.role} device may not hold space {g.space!r}.",
                        code="role_may_not_hold",
                    )
                owner = conn.scalar(select(spaces.c.team_id).where(spaces.c.space == g.space))
                if owner is not None and owner != actor.team_id:
                    raise forbidden(f"Space {g.space!r} belongs to another team.")
                if space_kind(g.space) == "clinical" and not (
                    role_may_hold(actor.role, g.space) and g.space in mine
                ):
                    # No lead exemption here: only a device holding the key can have
                    # wrapped it, so anything else is a key of the sender's choosing.
                    raise forbidden(
                        f"Only a therapist's device that holds clinical space {g.space!r} may "
                        "grant it; a team lead may not.",
                        code="granter_not_holder",
                    )
                if actor.role != TEAM_LEAD and g.space not in mine:
                    raise forbidden(
                        f"Only a team lead, or a member of space {g.space!r}, may grant it."
                    )
                if owner is None:
                    _create_space(conn, g.space, actor.team_id, now)
                    if role_may_hold(actor.role, g.space):
                        # The granter wrapped the key, so it holds the space too.
                        add_membership(conn, g.space, actor.id, "created", now, resync=False)
                        mine.add(g.space)
                check_rotated_grant(conn, actor.id, g.space, g.key_version)
                conn.execute(
                    delete(grants).where(
                        grants.c.space == g.space,
                        grants.c.key_version == g.key_version,
                        grants.c.to_device == g.to_device,
                        grants.c.from_device == actor.id,
                    )
                )
                conn.execute(
                    grants.insert().values(
                        space=g.space,
                        key_version=g.key_version,
                        to_device=g.to_device,
                        from_device=actor.id,
                        wrapped_key=g.wrapped_key,
                        signature=g.signature,
                        created_ms=now,
                    )
                )
                # No resync: the laptop backfills a newly granted space on its own
                # (GET /v1/changes?space=…), so the rest of its cursor stays valid.
                add_membership(conn, g.space, target.id, "grant", now, resync=False)
        self._statistics.grew("memberships", len(items))
        return list(items)

    def grants_for(self, device: DeviceRow) -> list[Grant]:
        """The grants to ``device`` whose granter is not revoked: every one of them, so
        that revoking one granter never hides another's grant of the same key."""
        granter = devices.alias("granter")
        with read_tx(self._engine) as conn:
            rows = conn.execute(
                select(*_GRANT_COLUMNS)
                .join(granter, granter.c.id == grants.c.from_device)
                .where(grants.c.to_device == device.id, granter.c.status != "revoked")
                .order_by(grants.c.id)
            ).all()
        return [grant_from_row(r) for r in rows if role_may_hold(device.role, r.space)]

    def missing_grants(self, actor: DeviceRow) -> list[MissingGrant]:
        """Key versions of spaces ``actor`` holds that a device should hold and that no
        granter still trusted (not revoked) has granted it, for ``actor`` to grant again.

        Only spaces ``actor`` is a member of and whose role may hold; only key versions
        some grant names; recipients only approved devices that may hold the space:
        work and team spaces every such device of the team, clinical and reports
        spaces only devices already members (need to know: who treats a participant
        or receives a team's reports is decided by a grant, never by this list), each
        with the grant a since-revoked device made it (``evidence``), which the laptop
        checks before it trusts the membership.
        """
        granter = devices.alias("granter")
        with read_tx(self._engine) as conn:
            held = sorted(
                s
                for s in conn.scalars(
                    select(memberships.c.space).where(memberships.c.device_id == actor.id)
                )
                if role_may_hold(actor.role, s) and team_may_use(s, actor.team_id)
            )
            team = [
                device_from_row(r)
                for r in conn.execute(
                    device_query().where(
                        users.c.team_id == actor.team_id, devices.c.status == "approved"
                    )
                )
            ]
            versions: dict[str, set[int]] = {}
            valid: set[tuple[str, int, str]] = set()
            members: dict[str, set[str]] = {}
            evidence: dict[tuple[str, int, str], Grant] = {}
            for i in range(0, len(held), 500):
                batch = held[i : i + 500]
                for space, version, to_device, from_device, status in conn.execute(
                    select(
                        grants.c.space,
                        grants.c.key_version,
                        grants.c.to_device,
                        grants.c.from_device,
                        granter.c.status,
                    )
                    .join(granter, granter.c.id == grants.c.from_device)
                    .where(grants.c.space.in_(batch))
                ):
                    versions.setdefault(space, set()).add(version)
                    # A granter held the key it wrapped (the space's creator has no
                    # grant of its own): it lacks nothing.
                    valid.add((space, version, from_device))
                    if status != "revoked":
                        valid.add((space, version, to_device))
                fenced = [s for s in batch if space_kind(s) in ("clinical", "reports")]
                if fenced:
                    for space, device_id in conn.execute(
                        select(memberships.c.space, memberships.c.device_id).where(
                            memberships.c.space.in_(fenced)
                        )
                    ):
                        members.setdefault(space, set()).add(device_id)
                    for r in conn.execute(
                        select(*_GRANT_COLUMNS)
                        .join(granter, granter.c.id == grants.c.from_device)
                        .where(grants.c.space.in_(fenced), granter.c.status == "revoked")
                        .order_by(grants.c.id)
                    ):
                        evidence[(r.space, r.key_version, r.to_device)] = grant_from_row(r)
            outside = {d for ids in members.values() for d in ids} - {d.id for d in team}
            if outside:
                # Central-team members of this team's reports space.
                team += [
                    device_from_row(r)
                    for r in conn.execute(
                        device_query().where(
                            devices.c.id.in_(sorted(outside)),
                            devices.c.status == "approved",
                            users.c.role == CENTRAL,
                        )
                    )
                ]
        out: list[MissingGrant] = []
        for space in held:
            only_members = space_kind(space) in ("clinical", "reports")
            for version in sorted(versions.get(space, ())):
                for device in team:
                    if (
                        device.id == actor.id
                        or not role_may_hold(device.role, space)
                        or (only_members and device.id not in members.get(space, ()))
                        or (space, version, device.id) in valid
                    ):
                        continue
                    out.append(
                        MissingGrant(
                            space,
                            version,
                            device.id,
                            evidence.get((space, version, device.id)) if only_members else None,
                        )
                    )
        return out

    # --- audit ----------------------------------------------------------------------------

    def store_audit(self, device: DeviceRow, events: Sequence[AuditEvent]) -> tuple[int, int]:
        """Store a device's audit lines (ids only); a retried line is counted, not stored.

        All or none. Refused: a hash or prev_hash that is not one (400
        ``bad_audit_hash``), a hole in the seqs of the upload or between what the server
        holds of this device and the upload (400 ``audit_gap``; a device's first line is
        seq 1), a prev_hash that is not the hash of the line before (400
        ``audit_broken_chain``), and a seq sent again with another hash (409
        ``audit_conflict``).
        """
        if len(events) > MAX_AUDIT_PER_REQUEST:
            raise ApiError(
                413,
                "too_many_events",
                f"Send at most {MAX_AUDIT_PER_REQUEST} audit events at once.",
            )
        batch: dict[int, AuditEvent] = {}
        for e in events:
            if e.device != device.id:
                raise invalid("Audit events must come from the device that recorded them.")
            if not 1 <= e.seq <= MAX_INT64:
                raise invalid("Audit event seq must be between 1 and 2^63-1.")
            clean_str(e.at, "Audit event 'at'", max_chars=64)
            clean_str(e.actor, "Audit event actor", max_chars=200)
            clean_str(e.action, "Audit event action", max_chars=64)
            for what, value in (("hash", e.hash), ("prev_hash", e.prev_hash)):
                if value is not None and not AUDIT_HASH.fullmatch(value):
                    raise bad_request(
                        f"Audit event {e.seq}: its {what} is not a SHA-256 hash (64 lowercase "
                        "hex digits).",
                        code="bad_audit_hash",
                    )
            if e.record_id is not None:
                clean_str(e.record_id, "Audit event record_id")
            if batch.setdefault(e.seq, e).hash != e.hash:
                raise _audit_conflict(e.seq, "sent twice in this upload, with different hashes")
        seqs = sorted(batch)
        # The lines of a device's chain arrive complete, in order: a hole would hide a
        # line the device removed, and the server could not show it was ever there.
        for before, after in pairwise(seqs):
            if after != before + 1:
                raise _audit_gap(f"this upload jumps from seq {before} to {after}")
        now = self._now()
        with write_tx(self._engine) as conn:
            held = (
                conn.scalar(
                    select(func.max(audit_events.c.seq)).where(
                        audit_events.c.source_device == device.id
                    )
                )
                or 0
            )
            if seqs and seqs[0] > held + 1:
                raise _audit_gap(
                    f"the server holds this device's lines up to seq {held}, so the next is "
                    f"{held + 1}, not {seqs[0]}"
                )
            seen: set[int] = set()
            for i in range(0, len(seqs), 500):
                for seq, digest in conn.execute(
                    select(audit_events.c.seq, audit_events.c.hash).where(
                        audit_events.c.source_device == device.id,
                        audit_events.c.seq.in_(seqs[i : i + 500]),
                    )
                ):
                    if digest != batch[seq].hash:
                        raise _audit_conflict(seq, "already held with another hash")
                    seen.add(seq)
            link: str | None = AUDIT_GENESIS
            if seqs and seqs[0] > 1:
                link = conn.scalar(
                    select(audit_events.c.hash).where(
                        audit_events.c.source_device == device.id,
                        audit_events.c.seq == seqs[0] - 1,
                    )
                )
            for seq in seqs:
                sent = batch[seq].prev_hash
                # No link: a line stored before the server refused gaps is missing.
                if sent is not None and link is not None and sent != link:
                    raise bad_request(
                        f"Audit event {seq} does not link to the line before it: its "
                        "prev_hash is not that line's hash.",
                        code="audit_broken_chain",
                    )
                link = batch[seq].hash
            rows = [
                {
                    "team_id": device.team_id,
                    "source_device": device.id,
                    "seq": e.seq,
                    "at": e.at,
                    "device": e.device,
                    "actor": e.actor,
                    "action": e.action,
                    "record_id": e.record_id,
                    "hash": e.hash,
                    "received_ms": now,
                }
                for e in (batch[seq] for seq in seqs if seq not in seen)
            ]
            if rows:
                conn.execute(audit_events.insert(), rows)
        return len(rows), len(events) - len(rows)

    def audit_trail(
        self, actor: DeviceRow, *, limit: int, record_id: str | None = None
    ) -> list[AuditEvent]:
        _require_team_lead(actor)
        return audit_trail(self._engine, team_id=actor.team_id, limit=limit, record_id=record_id)


# --- shared with the admin commands -------------------------------------------------------


def audit_trail(
    engine: Engine, *, team_id: str | None, limit: int, record_id: str | None = None
) -> list[AuditEvent]:
    """The newest ``limit`` audit events (of one team, of one record), newest first."""
    q = select(
        audit_events.c.seq,
        audit_events.c.at,
        audit_events.c.device,
        audit_events.c.actor,
        audit_events.c.action,
        audit_events.c.record_id,
        audit_events.c.hash,
    )
    if team_id is not None:
        q = q.where(audit_events.c.team_id == team_id)
    if record_id is not None:
        q = q.where(audit_events.c.record_id == record_id)
    with read_tx(engine) as conn:
        rows = conn.execute(q.order_by(audit_events.c.id.desc()).limit(limit)).all()
    return [AuditEvent(r.seq, r.at, r.device, r.actor, r.action, r.record_id, r.hash) for r in rows]


def revoke_device(conn: Connection, device_id: str, now: int) -> None:
    done = conn.execute(
        update(devices)
        .where(devices.c.id == device_id, devices.c.status != "revoked")
        .values(status="revoked", revoked_ms=now)
    )
    if done.rowcount:
        # Its copied keys must open nothing written from now on (server.rotation).
        schedule_rotations(conn, device_id, now)


def add_membership(
    conn: Connection, space: str, device_id: str, via: str, now: int, *, resync: bool
) -> None:
    """Make ``device_id`` a member of ``space`` (nothing if it is one already).

    ``resync``: the space already holds changes, which may sit below the cursors
    this device holds, and the device will not backfill it on its own (grants no
    longer ask for this: laptops backfill a granted space, see server.changelog).
    Its cursor generation goes up, and the membership is valid from the resulting
    epoch on: ``ChangeLog.pull`` refuses (``resync_required``)
    every cursor of this device tagged with an older epoch, until a pull from 0
    issues it new ones. Nothing is cleared by a pull, so a lost answer or a page
    the laptop never committed leaves it with an old cursor, refused again.
    Run inside a write transaction (the write lock orders the generations).
    """
    present = conn.scalar(
        select(
            exists().where(and_(memberships.c.space == space, memberships.c.device_id == device_id))
        )
    )
    if present:
        return
    valid_from = 0
    if resync:
        generation = 1 + int(
            conn.scalar(select(devices.c.cursor_generation).where(devices.c.id == device_id)) or 0
        )
        conn.execute(
            update(devices).where(devices.c.id == device_id).values(cursor_generation=generation)
        )
        valid_from = compaction_epoch(conn) + generation
    conn.execute(
        memberships.insert().values(
            space=space, device_id=device_id, via=via, added_ms=now, valid_from=valid_from
        )
    )


def _create_space(conn: Connection, space: str, team_id: str, now: int) -> None:
    conn.execute(spaces.insert().values(space=space, team_id=team_id, created_ms=now))


def team_may_use(space: str, team_id: str) -> bool:
    """team:<id> and reports:<id> spaces belong to the team named in them."""
    if space_kind(space) in ("team", "reports"):
        return space.partition(":")[2] == team_id
    return True


def _require_team_lead(actor: DeviceRow) -> None:
    if actor.role != TEAM_LEAD:
        raise forbidden("Only a team lead's device may do this.")


def _keep_a_lead_device(conn: Connection, target: DeviceRow) -> None:
    if target.role != TEAM_LEAD or target.status != "approved":
        return
    others = conn.scalar(
        select(func.count())
        .select_from(devices.join(users, users.c.id == devices.c.user_id))
        .where(
            users.c.team_id == target.team_id,
            users.c.role == TEAM_LEAD,
            devices.c.status == "approved",
            devices.c.id != target.id,
        )
    )
    if not others:
        raise ApiError(
            409,
            "last_lead_device",
            "This is the team's last approved team lead device; approve another team lead "
            "device first (or ask the central team's admin to revoke it).",
        )


def _team_device(conn: Connection, actor: DeviceRow, device_id: str) -> DeviceRow:
    target = None if string_problem(device_id, max_chars=64) else load_device(conn, device_id)
    if target is None or target.team_id != actor.team_id:
        raise not_found(f"No device {device_id!r} in your team.")
    return target


def _check_grant_shape(g: Grant, actor: DeviceRow) -> None:
    clean_str(g.space, "Grant space")
    clean_str(g.to_device, "Grant to_device", max_chars=64)
    if g.from_device != actor.id:
        raise forbidden("A grant's from_device must be the device sending it.", code="bad_grant")
    if not 0 <= g.key_version <= MAX_INT32:
        raise invalid("Grant key_version must be between 0 and 2^31-1.")
    if not g.wrapped_key or len(g.wrapped_key) > MAX_WRAPPED_KEY_BYTES:
        raise invalid(f"Grant wrapped_key must be 1 to {MAX_WRAPPED_KEY_BYTES} bytes.")
    if not space_kind(g.space):
        raise invalid(f"{g.space!r} is not a space id (work:…, clinical:…, team:…, reports:…).")
    if not team_may_use(g.space, actor.team_id):
        raise forbidden(f"Space {g.space!r} belongs to another team.")
    message = grant_input(g.space, g.key_version, g.to_device, g.wrapped_key)
    if not keys.verify(actor.ed25519_public, g.signature, message):
        raise bad_request(
            "A grant's signature is not this device's Ed25519 signature over grant_input.",
            code="bad_signature",
        )


def _audit_gap(detail: str) -> ApiError:
    return bad_request(
        f"Audit events must be uploaded without gaps in their seq numbers: {detail}.",
        code="audit_gap",
    )


def _audit_conflict(seq: int, detail: str) -> ApiError:
    return ApiError(409, "audit_conflict", f"Audit event {seq} is {detail}.")


def _check_public_key(raw: bytes, what: str, load: Callable[[bytes], object]) -> None:
    try:
        load(raw)
    except ValueError:
        raise invalid(f"{what} must be a raw 32-byte public key.") from None


def _invalid_code() -> ApiError:
    return forbidden(
        "This enrolment code is not valid; check it, or ask the central team for a new one.",
        code="invalid_code",
    )


def _proposed_device_id(conn: Connection, proposed: str) -> str:
    """The laptop's own id (its offline changes already carry it), or a new one."""
    if not proposed:
        return str(uuid.uuid4())
    try:
        canonical = str(uuid.UUID(proposed))
    except ValueError:
        raise ApiError(400, "bad_request", "device_id must be a UUID.") from None
    if canonical != proposed:
        raise ApiError(400, "bad_request", "device_id must be a UUID in canonical form.")
    taken = conn.execute(select(devices.c.id).where(devices.c.id == proposed)).first()
    if taken is not None:
        raise ApiError(409, "device_exists", "A device with this id is already enrolled.")
    return proposed
