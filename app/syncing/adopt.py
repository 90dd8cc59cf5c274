"""Bringing changes stranded by a replaced server into this laptop's team (issue #17).

Team records written for the team of a server this laptop used before (or before it
was enrolled) sit in that team's ``team:`` or ``reports:`` space, which the server it
syncs with now refuses for good (:func:`app.syncing.status.stranded_changes`).
:func:`adopt_stranded` opens each such record with the old team's key this laptop
holds and writes its current content in this team's space, as new local changes
sealed under this team's key (pushed like any other write); the old record and its
changes, which no server will ever take, go. In one transaction: all or nothing.

- A record keeps its id, so what refers to it (a participant's job naming its employer,
  a contact person's employer) still does; a job specialist's FTE takes the id this
  team's FTE record for that name has (:func:`app.operations.team.fte_record_id`).
- A record of that id already in this team's space is not overwritten silently: the
  newer of the two wins (storage.store.RecordStore.move_records), and the count says so.
- Lead-only types (:data:`sync.protocol.LEAD_ONLY_TYPES`) stay stranded on a device
  that is not a team lead's: this team's laptops would refuse them.
- A colleague's laptop that holds one of the records as the old server gave it lets it
  move when the brought-in record arrives (:func:`may_move`, storage's move check), as
  long as it holds no unsent change of it.
- The old team's report snapshots are not copied: they are signed for that team, and
  the next sync publishes this team's own. A deleted record has nothing to bring.

Nothing of the records' content reaches a log or an exception.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from app import store_settings
from app.domain.schema import entity
from app.journal import Journal
from app.operations.team import fte_record_id
from storage.store import NEWER, OLDER, OutboxRecord, RecordMove
from sync.protocol import space_kind, write_problem

log = logging.getLogger(__name__)

#: Why :func:`adopt_stranded` cannot run (:attr:`CannotAdopt.reason`).
NOT_ENROLLED: Final = "not_enrolled"
NO_TEAM_KEY: Final = "no_team_key"

_FTE: Final = "job_specialist_fte"


class CannotAdopt(Exception):
    """Stranded changes cannot be brought into this team now; ``reason`` says why
    (:data:`NOT_ENROLLED`, :data:`NO_TEAM_KEY`)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            "this computer is not enrolled with a team"
            if reason == NOT_ENROLLED
            else "this computer does not hold its team's key yet"
        )


def stranded_spaces(outbox_spaces: Iterable[str], team_id: str | None) -> list[str]:
    """Spaces of another team (``team:`` and ``reports:``) than ``team_id``: the server
    this laptop syncs with refuses their changes for good
    (:func:`app.syncing.status.stranded_changes` counts them)."""
    if team_id is None:
        return []
    return sorted(
        space
        for space in outbox_spaces
        if space_kind(space) in ("team", "reports") and space.partition(":")[2] != team_id
    )


def may_move(old: str, new: str, team_id: str | None) -> bool:
    """Whether a record held here in ``old`` may move to ``new`` when changes for it arrive
    there: from another team's space into the same kind of space of this laptop's team
    (a colleague brought it in, :func:`adopt_stranded`; the copy held here is older)."""
    return (
        team_id is not None
        and bool(stranded_spaces([old], team_id))
        and new == f"{space_kind(old)}:{team_id}"
    )


def _counts(items: Counter[str]) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted(items.items())))


@dataclass(frozen=True, slots=True)
class StrandedRecords:
    """The stranded records and what bringing them into this team would do with them."""

    kinds: Mapping[str, int] = field(default_factory=dict)  # type -> records to bring
    lead_only: Mapping[str, int] = field(default_factory=dict)  # type -> left: not a lead
    reports: int = 0  # the old team's report snapshots: left out
    deleted: int = 0  # deleted records: nothing to bring
    unreadable: int = 0  # not opened here (no key, or damaged): left stranded
    changes: int = 0  # stranded changes in all

    @property
    def records(self) -> int:
        """How many records would be written in this team."""
        return sum(self.kinds.values())


@dataclass(frozen=True, slots=True)
class Adoption:
    """What :func:`adopt_stranded` did."""

    kinds: Mapping[str, int] = field(default_factory=dict)  # type -> records brought
    replaced: int = 0  # a record of the same id here was older: written over it
    skipped: int = 0  # a record of the same id here was newer: kept, this one left out
    lead_only: Mapping[str, int] = field(default_factory=dict)  # left stranded: not a lead
    reports: int = 0
    deleted: int = 0
    unreadable: int = 0
    dropped: int = 0  # changes taken out of the outbox
    stranded: int = 0  # changes still stranded afterwards

    @property
    def records(self) -> int:
        return sum(self.kinds.values())

    def as_dict(self) -> dict[str, Any]:
        """The counts, for ``--json``."""
        return {
            "adopted": self.records,
            "kinds": dict(self.kinds),
            "replaced": self.replaced,
            "skipped": self.skipped,
            "lead_only": dict(self.lead_only),
            "reports": self.reports,
            "deleted": self.deleted,
            "unreadable": self.unreadable,
            "dropped": self.dropped,
            "stranded": self.stranded,
        }


@dataclass(frozen=True, slots=True)
class _Plan:
    bring: list[OutboxRecord]
    forget: list[OutboxRecord]  # deleted ones and report snapshots
    lead_only: list[OutboxRecord]
    unreadable: list[OutboxRecord]

    def summary(self) -> StrandedRecords:
        return StrandedRecords(
            kinds=_counts(Counter(o.type for o in self.bring)),
            lead_only=_counts(Counter(o.type for o in self.lead_only)),
            reports=sum(1 for o in self.forget if space_kind(o.space) == "reports"),
            deleted=sum(1 for o in self.forget if space_kind(o.space) == "team"),
            unreadable=len(self.unreadable),
            changes=sum(
                o.unsent for o in (*self.bring, *self.forget, *self.lead_only, *self.unreadable)
            ),
        )


def _plan(journal: Journal, team: str | None) -> _Plan:
    store = journal.store
    plan = _Plan([], [], [], [])
    for o in store.outbox_records(stranded_spaces(store.outbox_spaces(), team)):
        if space_kind(o.space) == "reports" or (o.record is not None and o.record.deleted):
            plan.forget.append(o)
        elif o.record is None or o.record.error is not None:
            plan.unreadable.append(o)
        elif write_problem(role=journal.role, record_type=o.type):
            plan.lead_only.append(o)
        else:
            plan.bring.append(o)
    return plan


def stranded_records(journal: Journal) -> StrandedRecords:
    """The records :func:`adopt_stranded` would bring, by type, and those it would not."""
    return _plan(journal, store_settings.team_id(journal.store)).summary()


def _split(record_type: str, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A record's fields as the store writes them: registers, and merged texts."""
    spec = entity(record_type)
    registers: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for name, value in values.items():
        wanted = spec.by_name.get(name) if spec is not None else None
        if wanted is not None and wanted.is_text:
            texts[name] = value or ""
        else:
            registers[name] = value
    return registers, texts


def _new_id(o: OutboxRecord, space: str) -> str:
    """The record's id in this team: its own (what refers to it, a participant's job
    naming its employer say, still does), or the one an FTE's id is derived to."""
    assert o.record is not None
    if o.type == _FTE and o.record.fields.get("job_specialist"):
        return fte_record_id(space, str(o.record.fields["job_specialist"]))
    return o.record_id


def adopt_stranded(journal: Journal) -> Adoption:
    """Write the stranded team records in this team's space and drop the old changes
    no server will take (see the module docstring); one transaction."""
    store = journal.store
    team = store_settings.team_id(store)
    if team is None:
        raise CannotAdopt(NOT_ENROLLED)
    space = f"team:{team}"
    plan = _plan(journal, team)
    if plan.bring and not store.keys.has(space):
        raise CannotAdopt(NO_TEAM_KEY)
    ids = {o.record_id: _new_id(o, space) for o in plan.bring}
    moves = []
    for o in plan.bring:
        assert o.record is not None
        values, texts = _split(o.type, o.record.fields)
        parent = o.record.parent
        moves.append(
            RecordMove(
                record_id=o.record_id,
                new_id=ids[o.record_id],
                record_type=o.type,
                space=space,
                parent=ids.get(parent, parent) if parent is not None else None,
                values=values,
                texts=texts,
                deleted=False,
                newest=o.newest,
            )
        )
    outcomes = store.move_records(moves, forget=[o.record_id for o in plan.forget])
    summary = plan.summary()
    brought = Counter(
        m.record_type for m, done in zip(moves, outcomes, strict=True) if done != OLDER
    )
    kinds = {m.record_type for m in moves} | {o.type for o in plan.forget}
    if kinds:
        journal.notify_external(kinds, [m.new_id for m in moves])
    done = Adoption(
        kinds=_counts(brought),
        replaced=outcomes.count(NEWER),
        skipped=outcomes.count(OLDER),
        lead_only=summary.lead_only,
        reports=summary.reports,
        deleted=summary.deleted,
        unreadable=summary.unreadable,
        dropped=sum(o.unsent for o in (*plan.bring, *plan.forget)),
        stranded=sum(o.unsent for o in (*plan.lead_only, *plan.unreadable)),
    )
    # Counts only: what the records held stays out of the log.
    log.info(
        "brought %d stranded records into the team (%d replaced, %d skipped)",
        done.records,
        done.replaced,
        done.skipped,
    )
    return done


__all__ = [
    "NOT_ENROLLED",
    "NO_TEAM_KEY",
    "Adoption",
    "CannotAdopt",
    "StrandedRecords",
    "adopt_stranded",
    "may_move",
    "stranded_records",
    "stranded_spaces",
]
