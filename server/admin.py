"""Admin actions that work directly on the database (used by ``feltjournal-server admin``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from server import keys
from server.changelog import ChangeLog, CompactionResult
from server.db import devices, enrolment_codes, read_tx, teams, users, write_tx
from server.directory import (
    DeviceRow,
    audit_trail,
    device_from_row,
    device_query,
    load_device,
    revoke_device,
)
from server.errors import AdminError
from server.wire import string_problem
from sync.protocol import PROGRAMMES, AuditEvent, certificate_input
from sync.protocol import ROLES as ROLES

MIN_PREFIX = 6
MAX_REGION_CHARS = 100


@dataclass(frozen=True, slots=True)
class Team:
    """A team: users, devices and spaces belong to one."""

    id: str
    name: str
    programme: str = "IPS"  # SFJ, JMO or IPS
    region: str = ""


@dataclass(frozen=True, slots=True)
class User:
    """A person with a role in a team."""

    id: str
    team_id: str
    team_name: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A one-time enrolment code, shown once; only its hash is stored."""

    code: str
    user: User
    expires_ms: int


class Admin:
    """The central team's actions: teams, users, codes, bootstrap approval, compaction."""

    def __init__(
        self, engine: Engine, *, org_public_key: bytes | None, now_ms: Callable[[], int]
    ) -> None:
        self._engine = engine
        self._org_public_key = org_public_key
        self._now = now_ms

    def create_team(self, name: str, *, programme: str = "IPS", region: str = "") -> Team:
        """A new team running ``programme`` (SFJ, JMO, IPS) in ``region`` (free short text).

        A central team is an ordinary team whose users are ``sentralt_team``
        (and a ``teamleder`` who approves their devices); its programme and
        region are not shown anywhere.
        """
        name = _clean_name(name, "team name")
        team = Team(str(uuid.uuid4()), name, _programme(programme), _region(region))
        try:
            with write_tx(self._engine) as conn:
                conn.execute(
                    teams.insert().values(
                        id=team.id,
                        name=name,
                        programme=team.programme,
                        region=team.region,
                        created_ms=self._now(),
                    )
                )
        except IntegrityError:
            raise AdminError(f"A team named {name!r} already exists.") from None
        return team

    def update_team(
        self, ref: str, *, programme: str | None = None, region: str | None = None
    ) -> Team:
        """Set a team's programme or region (teams made before they existed default to IPS)."""
        t = self.find_team(ref)
        changed = Team(
            t.id,
            t.name,
            t.programme if programme is None else _programme(programme),
            t.region if region is None else _region(region),
        )
        with write_tx(self._engine) as conn:
            conn.execute(
                update(teams)
                .where(teams.c.id == t.id)
                .values(programme=changed.programme, region=changed.region)
            )
        return changed

    def list_teams(self) -> list[Team]:
        with read_tx(self._engine) as conn:
            rows = conn.execute(
                select(teams.c.id, teams.c.name, teams.c.programme, teams.c.region).order_by(
                    teams.c.name
                )
            ).all()
        return [Team(r.id, r.name, r.programme, r.region) for r in rows]

    def add_user(self, *, team: str, name: str, role: str) -> User:
        if role not in ROLES:
            raise AdminError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
        name = _clean_name(name, "user name")
        t = self.find_team(team)
        user = User(str(uuid.uuid4()), t.id, t.name, name, role)
        try:
            with write_tx(self._engine) as conn:
                conn.execute(
                    users.insert().values(
                        id=user.id, team_id=t.id, name=name, role=role, created_ms=self._now()
                    )
                )
        except IntegrityError:
            raise AdminError(f"Team {t.name!r} already has a user named {name!r}.") from None
        return user

    def list_users(self, team: str | None = None) -> list[User]:
        q = select(users.c.id, users.c.team_id, teams.c.name.label("team_name"), users.c.name)
        q = q.add_columns(users.c.role).join(teams, teams.c.id == users.c.team_id)
        if team is not None:
            q = q.where(users.c.team_id == self.find_team(team).id)
        with read_tx(self._engine) as conn:
            rows = conn.execute(q.order_by(teams.c.name, users.c.name)).all()
        return [User(r.id, r.team_id, r.team_name, r.name, r.role) for r in rows]

    def issue_code(self, *, user: str, hours: float = 72) -> IssuedCode:
        if self._org_public_key is None:
            raise AdminError("No organisation key; run 'feltjournal-server admin init' first.")
        if not 0 < hours <= 24 * 365:
            raise AdminError("--hours must be more than 0 and at most a year.")
        u = self.find_user(user)
        secret = keys.new_code_secret()
        normal, _ = keys.split_code(secret)
        now = self._now()
        expires = now + int(hours * 3_600_000)
        with write_tx(self._engine) as conn:
            conn.execute(
                enrolment_codes.insert().values(
                    id=str(uuid.uuid4()),
                    user_id=u.id,
                    code_hash=keys.code_hash(normal),
                    created_ms=now,
                    expires_ms=expires,
                )
            )
        return IssuedCode(keys.format_code(secret, self._org_public_key), u, expires)

    def list_devices(self, team: str | None = None) -> list[DeviceRow]:
        q = device_query()
        if team is not None:
            q = q.where(users.c.team_id == self.find_team(team).id)
        with read_tx(self._engine) as conn:
            rows = conn.execute(q.order_by(devices.c.enrolled_ms, devices.c.id)).all()
        return [device_from_row(r) for r in rows]

    def approve_device(self, device: str, org_key: Ed25519PrivateKey) -> DeviceRow:
        """The organisation key signs the device's certificate.

        The bootstrap of every team (its first team lead), and of a central
        team; any device may be approved this way, and its certificate then
        chains directly to the organisation key every laptop pinned.
        """
        if self._org_public_key is not None and keys.raw_public(org_key.public_key()) != (
            self._org_public_key
        ):
            raise AdminError("That private key does not belong to this server's organisation key.")
        d = self.find_device(device)
        if d.status == "revoked":
            raise AdminError(f"Device {d.id} is revoked and cannot be approved.")
        cert = org_key.sign(
            certificate_input(d.id, d.user_id, d.role, d.team_id, d.x25519_public, d.ed25519_public)
        )
        with write_tx(self._engine) as conn:
            conn.execute(
                update(devices)
                .where(devices.c.id == d.id)
                .values(status="approved", certificate=cert, approved_ms=self._now())
            )
            updated = load_device(conn, d.id)
        assert updated is not None
        return updated

    def revoke_device(self, device: str) -> DeviceRow:
        d = self.find_device(device)
        with write_tx(self._engine) as conn:
            revoke_device(conn, d.id, self._now())
            updated = load_device(conn, d.id)
        assert updated is not None
        return updated

    def audit(self, *, team: str | None, limit: int) -> list[AuditEvent]:
        team_id = self.find_team(team).id if team is not None else None
        return audit_trail(self._engine, team_id=team_id, limit=limit)

    def compact(self, *, days: int) -> CompactionResult:
        if days < 1:
            raise AdminError("--days must be at least 1.")
        return ChangeLog(self._engine, now_ms=self._now).compact(days=days)

    # --- finding things by name, id or id prefix -----------------------------------------

    def find_team(self, ref: str) -> Team:
        found = [t for t in self.list_teams() if ref in (t.name, t.id)]
        found = found or [t for t in self.list_teams() if _prefix(ref, t.id)]
        return _one(found, "team", ref)

    def find_user(self, ref: str) -> User:
        everyone = self.list_users()
        found = [u for u in everyone if ref in (u.name, u.id)]
        found = found or [u for u in everyone if _prefix(ref, u.id)]
        return _one(found, "user", ref)

    def find_device(self, ref: str) -> DeviceRow:
        if string_problem(ref, max_chars=64):
            raise AdminError(f"No device {ref!r}.")
        with read_tx(self._engine) as conn:
            exact = load_device(conn, ref)
            if exact is not None:
                return exact
            rows = (
                conn.execute(
                    device_query().where(devices.c.id.startswith(ref, autoescape=True))
                ).all()
                if len(ref) >= MIN_PREFIX
                else []
            )
        return _one([device_from_row(r) for r in rows], "device", ref)


T = TypeVar("T")


def _one(found: list[T], what: str, ref: str) -> T:
    if not found:
        raise AdminError(f"No {what} {ref!r}.")
    if len(found) > 1:
        raise AdminError(f"{ref!r} matches {len(found)} {what}s; use the full id.")
    return found[0]


def _prefix(ref: str, ident: str) -> bool:
    return len(ref) >= MIN_PREFIX and ident.startswith(ref)


def _programme(value: str) -> str:
    code = value.strip().upper()
    if code not in PROGRAMMES:
        raise AdminError(f"Unknown programme {value!r}; use one of {', '.join(PROGRAMMES)}.")
    return code


def _region(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    problem = string_problem(value, max_chars=MAX_REGION_CHARS)
    if problem:
        raise AdminError(f"The region {problem}.")
    return value


def _clean_name(name: str, what: str) -> str:
    name = name.strip()
    problem = string_problem(name, max_chars=200)
    if problem:
        raise AdminError(f"The {what} {problem}.")
    return name
