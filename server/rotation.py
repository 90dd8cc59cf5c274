"""Key rotation after a revocation: which spaces need a new key version, and who makes it.

A revoked laptop keeps a copy of every space key it held. So that it reads
nothing written afterwards, every space it held gets a new key version for new
writes; old versions stay for old records. The team lead who revokes holds no
clinical key, so the devices that still hold a space make the new version, and
the server keeps it deterministic and race-free:

- **Due.** Revoking a device records, for every space it was a member of, that
  version n+1 is due (n: the highest version the server has seen for the space,
  in changes, grants and earlier rotations), unless an unclaimed rotation of the
  space is due already: made later, that one reaches only devices still approved,
  so it covers this revocation too.
- **Claim.** A holder of the space (a member of its team whose role may hold it)
  reads the open rotations (``GET /v1/rotations``), makes a random key, claims
  ``(space, n+1)`` (``POST /v1/rotations/claim``) and stores the key only once
  the claim is accepted. The first claim wins; a second device gets 409
  ``rotation_claimed``, drops its key and waits for the winner's grant. The
  winner may claim again (a crash between claim and storing the key): nobody
  else can hold that version, since only the claimer grants it first.
- **Grant.** The open rotations list, per version, the approved member devices
  whose role may hold the space and that hold no grant of it yet (``waiting``);
  a holder of the version grants it to them. A grant of a rotated version is
  refused while nobody has claimed it (409 ``rotation_unclaimed``) and from a
  device that neither made it nor received it (409 ``rotation_claimed``): one
  key per version. Grants to a revoked device are refused anyway
  (server.directory).
- **Retired versions.** Once version m of a space is claimed, a pushed change of
  that space sealed under a lower version is rejected (code ``retired_key``).
  Nothing is lost: the change stays in the laptop's outbox, and the laptop seals
  it again under the newest version as soon as it holds it
  (``storage.store.RecordStore.reseal_outbox``), before it pushes. So what is
  written after a rotation never travels under a key the revoked device held.

Rotation state lives in its own table (``key_rotations``, migration 5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, and_, exists, func, select, update

from server.db import (
    changes,
    devices,
    grants,
    key_rotations,
    memberships,
    read_tx,
    spaces,
    users,
    write_tx,
)
from server.errors import ApiError, forbidden
from server.wire import MAX_INT32, clean_str
from sync.protocol import Grant, Rejected, Rotation, WireChange, role_may_hold, space_kind

if TYPE_CHECKING:
    from server.directory import DeviceRow

RETIRED_KEY = "retired_key"


def schedule_rotations(conn: Connection, device_id: str, now: int) -> list[tuple[str, int]]:
    """Record the rotations a revocation of ``device_id`` makes due: (space, version) each.

    Run in the revocation's write transaction. Set-based: a lead's device may hold
    hundreds of spaces."""
    held = select(memberships.c.space).where(memberships.c.device_id == device_id)
    pending = set(
        conn.scalars(
            select(key_rotations.c.space).where(
                key_rotations.c.space.in_(held), key_rotations.c.claimed_by.is_(None)
            )
        )
    )
    top: dict[str, int] = {}
    for table in (changes, grants, key_rotations):
        for space, version in conn.execute(
            select(table.c.space, func.max(table.c.key_version))
            .where(table.c.space.in_(held))
            .group_by(table.c.space)
        ):
            top[str(space)] = max(top.get(str(space), 0), int(version or 0))
    owners = conn.execute(
        select(spaces.c.space, spaces.c.team_id).where(spaces.c.space.in_(held))
    ).all()
    rows = [
        {
            "space": str(space),
            "key_version": top.get(str(space), 0) + 1,
            "team_id": str(team),
            "revoked_device": device_id,
            "due_ms": now,
        }
        for space, team in sorted(owners)
        if str(space) not in pending
    ]
    if rows:
        conn.execute(key_rotations.insert(), rows)
    return [(str(r["space"]), int(str(r["key_version"]))) for r in rows]


def check_rotated_grant(conn: Connection, actor_id: str, space: str, key_version: int) -> None:
    """Refuse a grant of a rotated version from any device but its maker or a receiver."""
    row = conn.execute(
        select(key_rotations.c.claimed_by).where(
            key_rotations.c.space == space, key_rotations.c.key_version == key_version
        )
    ).first()
    if row is None or row.claimed_by == actor_id:
        return
    if row.claimed_by is None:
        raise ApiError(
            409,
            "rotation_unclaimed",
            f"Key version {key_version} of space {space!r} is due after a revocation and "
            "nobody has made it yet: claim it (POST /v1/rotations/claim) before granting it.",
        )
    received = conn.scalar(
        select(
            exists().where(
                grants.c.space == space,
                grants.c.key_version == key_version,
                grants.c.to_device == actor_id,
            )
        )
    )
    if not received:
        raise ApiError(
            409,
            "rotation_claimed",
            f"Key version {key_version} of space {space!r} was made by another device; only "
            "that device, or one it granted the key to, may grant it.",
        )


def retired_below(conn: Connection, wanted: Iterable[str]) -> dict[str, int]:
    """Per space, the newest claimed rotation: versions below it are retired."""
    names = sorted(set(wanted))
    out: dict[str, int] = {}
    for i in range(0, len(names), 500):
        rows = conn.execute(
            select(key_rotations.c.space, func.max(key_rotations.c.key_version))
            .where(
                key_rotations.c.space.in_(names[i : i + 500]),
                key_rotations.c.claimed_by.is_not(None),
            )
            .group_by(key_rotations.c.space)
        ).all()
        out.update({str(space): int(version) for space, version in rows})
    return out


def retired_rejection(ch: WireChange, newest: int) -> Rejected:
    return Rejected(
        ch.change_id,
        RETIRED_KEY,
        f"Key version {ch.key_version} of space {ch.space} is retired after a revocation; "
        f"seal the change again with version {newest} and push it again.",
    )


def _waiting(
    conn: Connection, actor: DeviceRow, wanted: list[tuple[str, int]]
) -> dict[tuple[str, int], list[str]]:
    """For each (space, version): the approved member devices of the actor's team whose
    role may hold the space, that did not make the version and hold no grant of it."""
    out: dict[tuple[str, int], list[str]] = {w: [] for w in wanted}
    names = sorted({space for space, _ in wanted})
    for i in range(0, len(names), 500):
        rows = conn.execute(
            select(
                key_rotations.c.space,
                key_rotations.c.key_version,
                memberships.c.device_id,
                users.c.role,
            )
            .join(memberships, memberships.c.space == key_rotations.c.space)
            .join(devices, devices.c.id == memberships.c.device_id)
            .join(users, users.c.id == devices.c.user_id)
            .where(
                key_rotations.c.space.in_(names[i : i + 500]),
                devices.c.status == "approved",
                users.c.team_id == actor.team_id,
                func.coalesce(key_rotations.c.claimed_by, "") != memberships.c.device_id,
                ~exists().where(
                    and_(
                        grants.c.space == key_rotations.c.space,
                        grants.c.key_version == key_rotations.c.key_version,
                        grants.c.to_device == memberships.c.device_id,
                    )
                ),
            )
            .order_by(memberships.c.device_id)
        ).all()
        for space, version, device_id, role in rows:
            key = (str(space), int(version))
            if key in out and role_may_hold(str(role), str(space)):
                out[key].append(str(device_id))
    return out


def _evidence(conn: Connection, space: str, key_version: int, waiting: list[str]) -> list[Grant]:
    """For a clinical space, the newest grant of an older version made to each waiting
    device (whoever made it, a since-revoked therapist included): what a laptop checks
    before it trusts the membership (app.key_rotation). Other spaces: none needed."""
    if space_kind(space) != "clinical" or not waiting:
        return []
    newest: dict[str, Grant] = {}
    for r in conn.execute(
        select(grants)
        .where(
            grants.c.space == space,
            grants.c.key_version < key_version,
            grants.c.to_device.in_(waiting),
        )
        .order_by(grants.c.key_version, grants.c.created_ms)
    ):
        newest[str(r.to_device)] = Grant(
            r.space, r.key_version, r.to_device, r.from_device, r.wrapped_key, r.signature
        )
    return [newest[d] for d in waiting if d in newest]


class Rotations:
    """The open rotations of a device's spaces, and the single claim of each."""

    def __init__(self, engine: Engine, *, now_ms: Callable[[], int]) -> None:
        self._engine = engine
        self._now = now_ms

    def open_for(self, actor: DeviceRow) -> list[Rotation]:
        """Rotations of the spaces ``actor`` holds that are unclaimed or that some
        member device still waits for, oldest version first."""
        with read_tx(self._engine) as conn:
            rows = conn.execute(
                select(
                    key_rotations.c.space, key_rotations.c.key_version, key_rotations.c.claimed_by
                )
                .join(
                    memberships,
                    and_(
                        memberships.c.space == key_rotations.c.space,
                        memberships.c.device_id == actor.id,
                    ),
                )
                .where(
                    key_rotations.c.team_id == actor.team_id, key_rotations.c.closed_ms.is_(None)
                )
                .order_by(key_rotations.c.space, key_rotations.c.key_version)
            ).all()
            rows = [r for r in rows if role_may_hold(actor.role, str(r.space))]
            waiting = _waiting(conn, actor, [(str(r.space), int(r.key_version)) for r in rows])
            out: list[Rotation] = []
            served: list[tuple[str, int]] = []
            for r in rows:
                space, version = str(r.space), int(r.key_version)
                left = waiting[(space, version)]
                if r.claimed_by is None or left:
                    shown = _evidence(conn, space, version, left)
                    out.append(Rotation(space, version, r.claimed_by or "", left, shown))
                else:
                    served.append((space, version))
        if served:
            self._close(served)
        return out

    def _close(self, served: list[tuple[str, int]]) -> None:
        """Stop listing rotations every member holds: each round of every holder reads
        this list, and closed ones would make it grow with every revocation. A device
        that joins the space later gets every version from the ordinary sharing."""
        now = self._now()
        with write_tx(self._engine) as conn:
            for space, version in served:
                conn.execute(
                    update(key_rotations)
                    .where(
                        key_rotations.c.space == space,
                        key_rotations.c.key_version == version,
                        key_rotations.c.claimed_by.is_not(None),
                    )
                    .values(closed_ms=now)
                )

    def claim(self, actor: DeviceRow, space: str, key_version: int) -> Rotation:
        """Make ``actor`` the device that creates ``key_version`` of ``space``; the first
        claim wins, the winner's own claim may be repeated."""
        clean_str(space, "space", max_chars=300)
        if not 0 < key_version <= MAX_INT32:
            raise ApiError(422, "invalid_request", "key_version must be between 1 and 2^31-1.")
        if not role_may_hold(actor.role, space):
            raise forbidden(f"A {actor.role} device may not hold space {space!r}.", "not_member")
        with write_tx(self._engine) as conn:
            row = conn.execute(
                select(key_rotations.c.team_id, key_rotations.c.claimed_by).where(
                    key_rotations.c.space == space, key_rotations.c.key_version == key_version
                )
            ).first()
            if row is None or row.team_id != actor.team_id:
                raise ApiError(
                    404,
                    "rotation_not_due",
                    f"No new key version {key_version} of space {space!r} is due.",
                )
            member = conn.scalar(
                select(
                    exists().where(
                        memberships.c.space == space, memberships.c.device_id == actor.id
                    )
                )
            )
            if not member:
                raise forbidden(
                    f"Only a device that holds space {space!r} may make its new key.",
                    "not_member",
                )
            if row.claimed_by is None:
                conn.execute(
                    update(key_rotations)
                    .where(
                        key_rotations.c.space == space,
                        key_rotations.c.key_version == key_version,
                        key_rotations.c.claimed_by.is_(None),
                    )
                    .values(claimed_by=actor.id, claimed_ms=self._now())
                )
            elif row.claimed_by != actor.id:
                raise ApiError(
                    409,
                    "rotation_claimed",
                    f"Another device already made key version {key_version} of space "
                    f"{space!r}; drop yours and wait for its grant.",
                )
            left = _waiting(conn, actor, [(space, key_version)])[(space, key_version)]
            shown = _evidence(conn, space, key_version, left)
        return Rotation(space, key_version, actor.id, left, shown)
