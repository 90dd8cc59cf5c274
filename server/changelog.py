"""The change log: push, pull by cursor, purge and compaction.

The server stores envelopes it cannot read. It sees only a change's metadata
(ids, HLC, space, field, kind) and uses it for these rules:

- seq: every accepted change gets one, in commit order (see server.db);
- membership: a device pushes to and pulls from only the spaces it is a member
  of, and never a space its role may not hold (``protocol.role_may_hold``),
  even if a membership row says otherwise. A space nobody holds yet is created
  by its first push, and that device becomes its first member;
- purge: a ``kind == "purge"`` change empties the stored payloads of every
  other change of the same record in the same space, and of that record's
  changes arriving later. The purge's own payload (which may list further
  spaces) is encrypted, so the server cannot follow it: to erase a whole
  space the client pushes, per space, a purge whose ``record_id`` is
  ``"space:<space>"`` (the space anchor, as in the client's ``purged`` table)
  in that space. Emptied changes are kept (a retry stays a duplicate) but are
  never served again;
- purge authorisation: a purge may remove only what its author may remove
  (``protocol.purge_problem``, the rule every laptop checks again on receipt).
  Its ``purge_spaces`` (the spaces it erases, in the clear; laptops refuse a
  purge whose sealed list differs) may be non-empty only for the erasure of a
  participant record in its own ``work:<id>`` space, naming only that
  participant's work and clinical spaces, pushed by a team lead, and none of
  those spaces may belong to another team; otherwise the change is rejected
  with ``purge_not_allowed``. The changes of an erasure's named spaces stored
  before it are emptied with it;
- a team lead's records: a change of a type in ``protocol.LEAD_ONLY_TYPES`` (a job
  specialist's FTE, the team's settings, fidelity reviews) is stored only from a
  team lead's device (``protocol.write_problem``; laptops check the author again on
  receipt), otherwise rejected with ``not_team_lead``;
- compaction: register changes received before the horizon that a newer
  version of the same (space, record, field) supersedes are deleted; text,
  delete and purge changes are kept (the server cannot merge what it cannot
  read). The horizon becomes the newest seq compacted, and a device whose
  cursor was issued before that compaction and lies below the horizon gets
  409 ``resync_required``: it pulls again from 0.

Backfill: a grant does not move a device's cursors. The laptop that receives
a key for a space it did not hold pulls that space alone from 0
(:meth:`ChangeLog.pull_space`, ``GET /v1/changes?space=S``) until ``more`` is
false, while its main pull goes on from its cursor. Together they miss
nothing: a change of S the main pull passed before the membership existed was
committed before the grant, so before the laptop fetched the grant and started
the backfill, which serves every change of S up to its last page; everything
after that the main pull serves (the membership exists by then). A backfill
cursor carries the compaction epoch C only and follows the compaction rule
below (409 ``resync_required``: the laptop backfills that space from 0 again).

Cursors: a cursor is a seq tagged with the epoch it was issued in,
``epoch << CURSOR_SEQ_BITS | seq`` (see :func:`encode_cursor`). A device's
epoch is the compaction epoch C (global: a compaction that changes nothing
keeps it, every other one raises it) plus the device's cursor generation G
(``devices.cursor_generation``: raised by :func:`server.directory.add_membership`
with ``resync=True``; grants no longer ask for it — they are backfilled — but
memberships stored that way before stay in force). Before any of those the
epoch is 0 and a cursor is the plain seq. C and G only grow, so a device's
cursors only ever grow (clients refuse a cursor that goes backwards).

The tag lets the server tell a resync in progress (paging from 0, its cursors
issued after the event that made the resync necessary) from a stale cursor
(issued before it), without any state a pull has to clear:

- a membership added with ``resync`` stores ``valid_from`` = C + G as they
  are after it. A cursor of this device tagged below it
  was issued before the grant (its C was no larger and its G smaller) and is
  refused, however often the device asks: a lost answer to the pull from 0,
  or a page the laptop never committed, leaves it with such a cursor. Its
  first page from 0 carries a cursor of the new epoch, committed with the page;
- a cursor at or above every ``valid_from`` of the device was issued at the
  device's current G, so a tag below C + G means issued before the newest
  compaction: refused if it lies below the horizon (changes past it may have
  been compacted away), so a full resync pages through a log of any size and a
  device that was offline past the horizon never continues from its old cursor;
- a tag above C + G was never issued here: refused.

Other devices' cursors are untouched by such a membership: only that
device's G moves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.selectable import ScalarSelect, Select

from server.db import (
    EPOCH_KEY,
    PlannerStatistics,
    changes,
    devices,
    get_meta,
    memberships,
    meta,
    read_tx,
    set_meta,
    spaces,
    write_tx,
)
from server.directory import DeviceRow, add_membership, team_may_use
from server.errors import ApiError
from server.rotation import retired_below, retired_rejection
from server.wire import MAX_INT32, string_problem
from sync.changes import KINDS, canonical_spaces, split_spaces
from sync.protocol import (
    CURSOR_SEQ_BITS,
    MAX_FUTURE_MS,
    MAX_PAYLOAD_BYTES,
    SERVER_ROLLED_BACK,
    PullResponse,
    PushResponse,
    Rejected,
    WireChange,
    purge_problem,
    role_may_hold,
    space_kind,
    write_problem,
)

# sync.hlc encodes a stamp as "%013d-%06d" (wall ms, counter).
_HLC: Final = re.compile(r"([0-9]{13})-[0-9]{6}")
_SPACE_KINDS: Final = ("work", "clinical", "team", "reports")
DAY_MS: Final = 86_400_000
SPACE_ANCHOR_PREFIX: Final = "space:"
# Low bits of a cursor hold the seq (sync.protocol.CURSOR_SEQ_BITS), the bits above
# hold the compaction epoch (2**23 compactions fit in a signed 64-bit cursor).
_SEQ_MASK: Final = (1 << CURSOR_SEQ_BITS) - 1
_MAX_EPOCH: Final = (1 << (63 - CURSOR_SEQ_BITS)) - 1


def encode_cursor(epoch: int, seq: int) -> int:
    """The cursor for ``seq`` issued in compaction ``epoch``."""
    if not 0 <= seq <= _SEQ_MASK or not 0 <= epoch <= _MAX_EPOCH:
        raise OverflowError("the change log outgrew its cursor encoding")
    return epoch << CURSOR_SEQ_BITS | seq


def decode_cursor(cursor: int) -> tuple[int, int]:
    """(epoch, seq) of a cursor."""
    return cursor >> CURSOR_SEQ_BITS, cursor & _SEQ_MASK


@dataclass(frozen=True, slots=True)
class CompactionResult:
    """What one compaction did."""

    horizon: int
    removed_registers: int
    removed_emptied: int


class ChangeLog:
    """Push, pull, purge and compaction over the ``changes`` table."""

    def __init__(
        self,
        engine: Engine,
        *,
        now_ms: Callable[[], int],
        statistics: PlannerStatistics | None = None,
    ) -> None:
        self._engine = engine
        self._now = now_ms
        self._statistics = statistics or PlannerStatistics(engine)

    # --- push -----------------------------------------------------------------------------

    def push(self, device: DeviceRow, batch: Sequence[WireChange]) -> PushResponse:
        now = self._now()
        rejected: list[Rejected] = []
        duplicates: list[str] = []
        candidates: list[WireChange] = []
        in_batch: set[str] = set()
        for ch in batch:
            problem = self._check(device, ch, now)
            if problem is not None:
                rejected.append(problem)
            elif ch.change_id in in_batch:
                duplicates.append(ch.change_id)
            else:
                in_batch.add(ch.change_id)
                candidates.append(ch)
        accepted: list[str] = []
        first_seq = 0
        if candidates:
            with write_tx(self._engine) as conn:
                existing = {
                    str(r.change_id): str(r.device_id)
                    for r in conn.execute(
                        select(changes.c.change_id, changes.c.device_id).where(
                            changes.c.change_id.in_([c.change_id for c in candidates])
                        )
                    )
                }
                held = set(
                    conn.scalars(
                        select(memberships.c.space).where(memberships.c.device_id == device.id)
                    )
                )
                wanted = {c.space for c in candidates} - held
                known = (
                    set(conn.scalars(select(spaces.c.space).where(spaces.c.space.in_(wanted))))
                    if wanted
                    else set()
                )
                retired = retired_below(conn, {c.space for c in candidates})
                rows: list[dict[str, object]] = []
                joined = 0  # memberships of the spaces this push creates
                for ch in candidates:
                    owner = existing.get(ch.change_id)
                    if owner == device.id:
                        duplicates.append(ch.change_id)
                        continue
                    if owner is not None:
                        rejected.append(
                            Rejected(
                                ch.change_id,
                                "bad_change",
                                "Another device already used this change_id.",
                            )
                        )
                        continue
                    if ch.key_version < retired.get(ch.space, 0):
                        rejected.append(retired_rejection(ch, retired[ch.space]))
                        continue
                    if ch.purge_spaces and not _erasable_here(conn, ch, device.team_id):
                        rejected.append(
                            _purge_not_allowed(ch, "a space it names belongs to another team")
                        )
                        continue
                    if ch.space not in held:
                        if ch.space in known:
                            rejected.append(_not_member(ch))
                            continue
                        conn.execute(
                            spaces.insert().values(
                                space=ch.space, team_id=device.team_id, created_ms=now
                            )
                        )
                        add_membership(conn, ch.space, device.id, "created", now, resync=False)
                        held.add(ch.space)
                        joined += 1
                    rows.append(_row(ch, now))
                if rows:
                    _insert_changes(conn, rows)
                    _apply_purges(conn, rows)
                    first_seq = int(
                        conn.scalar(
                            select(func.min(changes.c.seq)).where(
                                changes.c.change_id.in_([r["change_id"] for r in rows])
                            )
                        )
                        or 0
                    )
                accepted = [str(r["change_id"]) for r in rows]
            self._statistics.grew("changes", len(accepted))
            self._statistics.grew("memberships", joined)
        return PushResponse(
            accepted=accepted,
            duplicates=duplicates,
            rejected=rejected,
            server_time_ms=now,
            first_seq=first_seq,
        )

    def _check(self, device: DeviceRow, ch: WireChange, now: int) -> Rejected | None:
        """Rules that need no database: shape, clock, size, role."""
        if string_problem(ch.change_id, max_chars=100):
            return Rejected(ch.change_id[:100], "bad_change", "change_id is missing or invalid.")
        for what, value, limit in (
            ("record_id", ch.record_id, 300),
            ("record_type", ch.record_type, 100),
            ("space", ch.space, 300),
            ("field", ch.field, 200),
        ):
            problem = string_problem(value, max_chars=limit)
            if problem:
                return Rejected(ch.change_id, "bad_change", f"{what} {problem}.")
        if ch.device != device.id:
            return Rejected(
                ch.change_id, "bad_change", "A device may only push changes it made itself."
            )
        if ch.kind not in KINDS:
            return Rejected(
                ch.change_id, "bad_change", f"kind must be one of {', '.join(sorted(KINDS))}."
            )
        if not 0 <= ch.key_version <= MAX_INT32:
            return Rejected(ch.change_id, "bad_change", "key_version is out of range.")
        stamp = _HLC.fullmatch(ch.hlc)
        if stamp is None:
            return Rejected(ch.change_id, "bad_change", "hlc must be 13 digits, '-', 6 digits.")
        if int(stamp[1]) > now + MAX_FUTURE_MS:
            return Rejected(
                ch.change_id,
                "clock_skew",
                f"This change is stamped more than {MAX_FUTURE_MS // 60_000} minutes after "
                "the server's time; check the laptop's clock.",
            )
        if len(ch.payload) > MAX_PAYLOAD_BYTES:
            return Rejected(
                ch.change_id,
                "too_large",
                f"The payload is larger than {MAX_PAYLOAD_BYTES} bytes.",
            )
        if not role_may_hold(device.role, ch.space) or not team_may_use(ch.space, device.team_id):
            return _not_member(ch)
        lead_only = write_problem(role=device.role, record_type=ch.record_type)
        if lead_only:
            return Rejected(
                ch.change_id, "not_team_lead", lead_only[:1].upper() + lead_only[1:] + "."
            )
        if ch.purge_spaces and (ch.kind != "purge" or not canonical_spaces(ch.purge_spaces)):
            return Rejected(
                ch.change_id,
                "bad_change",
                "purge_spaces must be empty, or for a purge the spaces it erases, "
                "sorted and separated by single spaces.",
            )
        if ch.kind == "purge":
            problem = purge_problem(
                role=device.role,
                record_type=ch.record_type,
                record_id=ch.record_id,
                space=ch.space,
                spaces=split_spaces(ch.purge_spaces),
            )
            if problem:
                return _purge_not_allowed(ch, problem)
        return None

    # --- pull -----------------------------------------------------------------------------

    def pull(self, device: DeviceRow, *, after: int, limit: int, instance_id: str) -> PullResponse:
        issued_in, after_seq = decode_cursor(after)
        allowed = tuple(k for k in _SPACE_KINDS if role_may_hold(device.role, f"{k}:x"))
        query = _pull_query(allowed, self._engine.dialect.name)
        params = {"device_id": device.id, "after_seq": after_seq, "limit": limit + 1}
        # One transaction, read-only, for the checks and the rows: a no-op round is
        # one query more than the checks. Nothing here is cleared or written.
        with read_tx(self._engine) as conn:
            state = _log_state(conn, device.id)
            epoch = state.compactions + state.generation
            if after > 0:
                _check_not_ahead(state, after_seq)
                _check_cursor(state, issued_in, after_seq)
            rows = _pulled_rows(conn, query, params)

        def keep(space: str) -> bool:
            # Belt and braces: never a space the role may not hold, whatever the rows say.
            return role_may_hold(device.role, space)

        # Tagged with the epoch read before the rows: if a compaction (or a resync
        # membership of this device) commits in between (PostgreSQL reads each statement
        # afresh), the next pull is refused and restarts (safe, never a skip).
        # The last page moves the cursor past the changes this device may not see too
        # (up to the log's end as read before the rows): otherwise every round of a
        # device whose own spaces are quiet reads them all again.
        return _page(
            rows, limit, epoch, after_seq, state.horizon, instance_id, keep, seen=state.last_seq
        )

    def pull_space(
        self, device: DeviceRow, space: str, *, after: int, limit: int, instance_id: str
    ) -> PullResponse:
        """The backfill of one space: its changes after ``after``, in seq order.

        For a device that was granted ``space`` after its main cursor had passed some
        of the space's changes (see the module docstring, "Backfill"). 403 unless the
        device is a member and its role may hold the space. The cursor carries the
        compaction epoch only: one issued before the newest compaction and below the
        horizon is refused (409 ``resync_required``, the backfill of that space starts
        again from 0), as is one tagged with an epoch never issued.
        """
        # As the main pull: membership and role. (Not team_may_use: a central-team
        # device is a member of other teams' reports spaces.)
        if not role_may_hold(device.role, space):
            raise ApiError(
                403,
                "role_may_not_hold",
                f"A {device.role} device may not hold space {space!r}.",
            )
        issued_in, after_seq = decode_cursor(after)
        params = {"space": space, "after_seq": after_seq, "limit": limit + 1}
        with read_tx(self._engine) as conn:
            member = conn.scalar(
                select(
                    exists().where(
                        and_(memberships.c.space == space, memberships.c.device_id == device.id)
                    )
                )
            )
            if not member:
                raise ApiError(
                    403,
                    "not_member",
                    f"This device is not a member of space {space!r}; it may not read it.",
                )
            horizon, epoch = _horizon_and_epoch(conn)
            if after > 0 and (issued_in > epoch or (issued_in < epoch and after_seq < horizon)):
                raise ApiError(
                    409,
                    "resync_required",
                    f"The server compacted its log up to {horizon}; this backfill cursor "
                    "is older. Backfill the space again from 0.",
                )
            rows = _pulled_rows(conn, _SPACE_QUERY, params)
        return _page(rows, limit, epoch, after_seq, horizon, instance_id, None)

    # --- compaction -----------------------------------------------------------------------

    def compact(self, *, days: int, now_ms: int | None = None) -> CompactionResult:
        """Drop superseded register changes received more than ``days`` ago; raise the horizon."""
        cutoff = (self._now() if now_ms is None else now_ms) - days * DAY_MS
        with write_tx(self._engine) as conn:
            old_horizon, epoch = _horizon_and_epoch(conn)
            newest_old = conn.scalar(
                select(func.max(changes.c.seq)).where(changes.c.received_ms < cutoff)
            )
            if newest_old is None:
                return CompactionResult(old_horizon, 0, 0)
            newer = changes.alias("newer")
            superseded = exists().where(
                newer.c.space == changes.c.space,
                newer.c.record_id == changes.c.record_id,
                newer.c.field == changes.c.field,
                newer.c.kind == "register",
                or_(
                    newer.c.hlc > changes.c.hlc,
                    and_(newer.c.hlc == changes.c.hlc, newer.c.device_id > changes.c.device_id),
                ),
            )
            removed = conn.execute(
                delete(changes).where(
                    changes.c.kind == "register", changes.c.seq <= newest_old, superseded
                )
            ).rowcount
            emptied = conn.execute(
                delete(changes).where(
                    changes.c.payload_dropped == true(), changes.c.seq <= newest_old
                )
            ).rowcount
            horizon = max(old_horizon, int(newest_old))
            if removed or emptied or horizon != old_horizon:
                set_meta(conn, "horizon", str(horizon))
                _set_epoch(conn, epoch + 1)
        return CompactionResult(horizon, removed, emptied)

    def horizon(self) -> int:
        with read_tx(self._engine) as conn:
            return int(get_meta(conn, "horizon"))


@dataclass(frozen=True, slots=True)
class _LogState:
    """What a pull checks its cursor against (see the module docstring, "Cursors")."""

    horizon: int
    compactions: int  # C: the compaction epoch
    generation: int  # G: the device's cursor generation
    valid_from: int  # the newest grant's C + G; cursors tagged below it predate it
    # The highest seq committed when the state was read (0 for an empty log); every
    # seq at or below it was committed or rolled back then (writers are serialised).
    last_seq: int = 0


def _horizon_and_epoch(conn: Connection) -> tuple[int, int]:
    state = _log_state(conn, None)
    return state.horizon, state.compactions


def _log_state(conn: Connection, device_id: str | None) -> _LogState:
    """The horizon, the compaction epoch and ``device_id``'s cursor generation and
    ``valid_from``, in one round trip to the database."""

    def value(key: str) -> ScalarSelect[str]:
        return select(meta.c.value).where(meta.c.key == key).scalar_subquery()

    generation = (
        select(devices.c.cursor_generation).where(devices.c.id == device_id).scalar_subquery()
    )
    valid_from = (
        select(func.max(memberships.c.valid_from))
        .where(memberships.c.device_id == device_id)
        .scalar_subquery()
    )
    last_seq = select(func.max(changes.c.seq)).scalar_subquery()
    columns = (value("horizon"), value(EPOCH_KEY), last_seq)
    row = conn.execute(
        select(*columns, generation, valid_from) if device_id is not None else select(*columns)
    ).one()
    if row[0] is None:
        raise LookupError("meta key 'horizon' missing: the database was not migrated")
    horizon = int(row[0])
    compactions = int(row[1]) if row[1] is not None else int(horizon > 0)
    top = int(row[2] or 0)
    if device_id is None:
        return _LogState(horizon, compactions, 0, 0, top)
    return _LogState(horizon, compactions, int(row[3] or 0), int(row[4] or 0), top)


def _check_not_ahead(state: _LogState, after_seq: int) -> None:
    """Refuse (409 ``server_rolled_back``) a cursor past the end of this log.

    Every cursor this log issues is at most its newest seq then; only a compaction
    deletes changes, and only at or below the horizon it raises. So a seq above both
    the newest change and the horizon was served from a log this one no longer
    has: the database was restored from an older backup. Answering it with an empty
    page would let the device skip, unseen, every change stored from now until the
    log grows past its cursor again."""
    if after_seq > max(state.last_seq, state.horizon):
        raise ApiError(
            409,
            SERVER_ROLLED_BACK,
            "This device's cursor is past the end of the server's change log: the server "
            "has lost changes it served before (restored from an older backup?). The "
            "device keeps everything it holds; sync stays paused until its user resumes it.",
        )


def _check_cursor(state: _LogState, issued_in: int, after_seq: int) -> None:
    """Refuse (409 ``resync_required``) a cursor above 0 this device must not go on from."""
    epoch = state.compactions + state.generation
    if issued_in < state.valid_from:
        raise ApiError(
            409,
            "resync_required",
            "This device was granted spaces that already hold changes after this cursor "
            "was issued; pull again from 0 to receive them (unsynced local changes are kept "
            "and pushed).",
        )
    # From here on the cursor was issued at the device's current generation, so a
    # smaller epoch means: issued before the newest compaction.
    if issued_in > epoch or (issued_in < epoch and after_seq < state.horizon):
        raise ApiError(
            409,
            "resync_required",
            f"The server compacted its log up to {state.horizon}; this device's cursor is "
            "older. Pull again from 0 (unsynced local changes are kept and pushed).",
        )


#: The columns a pull serves, in the order of ``WireChange``'s fields (seq last): a
#: row is the positional arguments of its ``WireChange``.
_PULLED: Final = (
    changes.c.change_id,
    changes.c.device_id,
    changes.c.hlc,
    changes.c.record_id,
    changes.c.record_type,
    changes.c.space,
    changes.c.field,
    changes.c.kind,
    changes.c.key_version,
    changes.c.payload,
    changes.c.seq,
    changes.c.purge_spaces,
)
_SPACE_AT: Final = 5
_SEQ_AT: Final = 10


def _pulled_after() -> Select[Any]:
    """Pulled columns of changes after the ``after_seq`` bind, at most ``limit`` of them."""
    return (
        select(*_PULLED)
        .where(
            changes.c.seq > bindparam("after_seq", type_=BigInteger),
            changes.c.payload_dropped == false(),
        )
        .order_by(changes.c.seq)
        .limit(bindparam("limit"))
    )


@functools.cache
def _pull_query(kinds: tuple[str, ...], dialect: str = "") -> Select[Any]:
    """The main pull of a device whose role may hold spaces of ``kinds``: binds
    ``device_id``, ``after_seq`` and ``limit``. One statement per role and dialect
    (SQLite's, or the plain one for any other), built once."""
    member_of = select(memberships.c.space).where(memberships.c.device_id == bindparam("device_id"))
    spaces = (
        changes.c.space.in_(member_of),
        or_(*[changes.c.space.startswith(f"{k}:", autoescape=True) for k in kinds]),
    )
    if dialect != "sqlite":
        return _pulled_after().where(*spaces)
    # SQLite walks each member space's changes after the cursor and sorts them to
    # find the first ``limit``: with every row read and sorted, payload and all,
    # that was ≈ 115 ms a page over 100,000 changes in 100 spaces. Picking the seqs
    # first and then reading only those rows: ≈ 20 ms; with the seqs from
    # ix_changes_live_space_seq (partial: only rows a pull may serve): ≈ 6 ms.
    seqs = (
        select(changes.c.seq)
        .where(
            changes.c.seq > bindparam("after_seq", type_=BigInteger),
            changes.c.payload_dropped == false(),
            *spaces,
        )
        .order_by(changes.c.seq)
        .limit(bindparam("limit"))
    )
    return select(*_PULLED).where(changes.c.seq.in_(seqs)).order_by(changes.c.seq)


#: The backfill of one space: binds ``space``, ``after_seq`` and ``limit``.
_SPACE_QUERY: Final = _pulled_after().where(changes.c.space == bindparam("space"))


@functools.lru_cache(maxsize=64)
def _compiled(query: Select[Any], dialect: Dialect) -> Compiled:
    return query.compile(dialect=dialect)


def _pulled_rows(
    conn: Connection, query: Select[Any], params: Mapping[str, Any]
) -> Sequence[Sequence[Any]]:
    """The rows of a pull query (columns ``_PULLED``), in ``conn``'s transaction.

    On PostgreSQL the statement SQLAlchemy compiles for the connection runs on the
    transaction's own psycopg connection and asks for a binary result: a bytea
    payload then arrives as its bytes, not as hex text for psycopg to decode, and
    the rows as plain tuples. Only these statements: a binary cursor for every
    statement breaks those that expect text. Elsewhere (SQLite) the ordinary path.
    """
    if conn.dialect.name != "postgresql":
        return conn.execute(query, params).all()
    compiled = _compiled(query, conn.dialect)
    bound = compiled.construct_params(params)
    driver = conn.connection.driver_connection
    assert driver is not None
    dbapi_error: type[Exception] = conn.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor:
            cursor.execute(compiled.string, bound, binary=True)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
    except dbapi_error as exc:
        # As SQLAlchemy would raise it (the app maps OperationalError to 503).
        raise sa_exc.DBAPIError.instance(
            compiled.string, bound, exc, dbapi_error, dialect=conn.dialect
        ) from exc
    return rows


def _page(
    rows: Sequence[Any],
    limit: int,
    epoch: int,
    after_seq: int,
    horizon: int,
    instance_id: str,
    keep: Callable[[str], bool] | None,
    *,
    seen: int = 0,
) -> PullResponse:
    """A page of at most ``limit`` of ``rows`` (fetched ``limit + 1`` to see ``more``).

    ``seen``: a seq every change up to which the query saw, if it was the device's;
    the last page's cursor goes at least that far.

    A row holds ``_PULLED``, a ``WireChange``'s arguments in order (both drivers
    return a bytea/BLOB as ``bytes``); by position, as a row's attributes cost more
    than the rest of the page.
    """
    served = rows[:limit]
    more = len(rows) > limit
    last_seq = served[-1][_SEQ_AT] if served else after_seq
    if not more:
        last_seq = max(int(last_seq), seen)
    if keep is None:
        wire = [WireChange(*r) for r in served]
    else:
        wire = [WireChange(*r) for r in served if keep(r[_SPACE_AT])]
    return PullResponse(
        changes=wire,
        next_cursor=encode_cursor(epoch, int(last_seq)),
        more=more,
        instance_id=instance_id,
        horizon=horizon,
    )


def _set_epoch(conn: Connection, epoch: int) -> None:
    if epoch > _MAX_EPOCH:
        raise OverflowError("the change log outgrew its cursor encoding")
    if conn.execute(meta.update().where(meta.c.key == EPOCH_KEY).values(value=str(epoch))).rowcount:
        return
    conn.execute(meta.insert().values(key=EPOCH_KEY, value=str(epoch)))


def _row(ch: WireChange, now: int) -> dict[str, object]:
    return {
        "change_id": ch.change_id,
        "device_id": ch.device,
        "hlc": ch.hlc,
        "record_id": ch.record_id,
        "record_type": ch.record_type,
        "space": ch.space,
        "field": ch.field,
        "kind": ch.kind,
        "key_version": ch.key_version,
        "payload": ch.payload,
        "payload_dropped": False,
        "received_ms": now,
        "purge_spaces": ch.purge_spaces,
    }


_COPY_COLUMNS: Final = (
    "change_id",
    "device_id",
    "hlc",
    "record_id",
    "record_type",
    "space",
    "field",
    "kind",
    "key_version",
    "payload",
    "payload_dropped",
    "received_ms",
    "purge_spaces",
)


def _insert_changes(conn: Connection, rows: Sequence[dict[str, object]]) -> None:
    """Insert a batch of change rows; seqs come from the identity column, in row order.

    On PostgreSQL the batch goes in with one COPY in the same transaction: an
    executemany is one INSERT per row there (psycopg pipelines them, still
    ~2,500 rows/s), and a multi-row INSERT spends its time parsing placeholders.
    SQLite's executemany is already one prepared statement stepped per row.
    """
    if conn.dialect.name != "postgresql":
        conn.execute(changes.insert(), rows)
        return
    driver = conn.connection.driver_connection
    assert driver is not None
    statement = f"COPY {changes.name} ({', '.join(_COPY_COLUMNS)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[c] for c in _COPY_COLUMNS])


def _apply_purges(conn: Connection, rows: Sequence[dict[str, object]]) -> None:
    """Empty payloads made obsolete by purges in this batch or earlier ones."""
    erased = sorted(
        {sp for r in rows if r["kind"] == "purge" for sp in split_spaces(str(r["purge_spaces"]))}
    )
    if erased:
        # What an erasure's spaces held when it arrived; a laptop drops what comes later.
        conn.execute(
            update(changes)
            .where(
                changes.c.space.in_(erased),
                changes.c.kind != "purge",
                changes.c.payload_dropped == false(),
            )
            .values(payload=b"", payload_dropped=True)
        )
    targets = {(str(r["space"]), str(r["record_id"])) for r in rows}
    anchors = {(space, SPACE_ANCHOR_PREFIX + space) for space, _ in targets}
    ids = {rid for _, rid in targets | anchors}
    purged = {
        (str(r.space), str(r.record_id))
        for r in conn.execute(
            select(changes.c.space, changes.c.record_id)
            .where(changes.c.kind == "purge", changes.c.record_id.in_(sorted(ids)))
            .distinct()
        )
    }
    if not purged:
        return
    for space, record_id in sorted(purged):
        if (space, record_id) not in targets | anchors:
            continue  # a purge in another space that happens to share the id
        scope = [
            changes.c.space == space,
            changes.c.kind != "purge",
            changes.c.payload_dropped == false(),
        ]
        if record_id != SPACE_ANCHOR_PREFIX + space:
            scope.append(changes.c.record_id == record_id)
        conn.execute(update(changes).where(*scope).values(payload=b"", payload_dropped=True))


def _erasable_here(conn: Connection, ch: WireChange, team_id: str) -> bool:
    """Whether every space an erasure names is unknown here or of the pusher's team."""
    named = split_spaces(ch.purge_spaces)
    teams = set(conn.scalars(select(spaces.c.team_id).where(spaces.c.space.in_(named))))
    return teams <= {team_id}


def _purge_not_allowed(ch: WireChange, why: str) -> Rejected:
    return Rejected(
        ch.change_id,
        "purge_not_allowed",
        f"This purge may not be stored: {why}. A purge removes only its own record; only a "
        "team lead's erasure of a participant may name that participant's work and "
        "clinical spaces.",
    )


def _not_member(ch: WireChange) -> Rejected:
    kind = space_kind(ch.space) or "unknown"
    return Rejected(
        ch.change_id,
        "not_member",
        f"This device may not write to space {ch.space!r} ({kind}): it is not a member.",
    )
