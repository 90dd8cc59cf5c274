"""Publishing snapshots from a team lead's device: on demand, and each closed period.

``publish_due`` is meant to run before each sync round on a team lead's device
(the sync service or the workspace calls it): it writes a snapshot for every
month and quarter that has closed since the newest one in the store, and the
next sync pushes them. ``publish`` (re)computes one period on demand; the record
stays the same, with the next revision. Only closed calendar months and quarters are
published, never on the central team's own lead's device, and each snapshot is
suppressed against the team's published snapshots of the linked month(s) or quarter
and its own previous revision (months are written before quarters).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from app.central.records import (
    RECORD_TYPE,
    Snapshot,
    SnapshotInvalid,
    now_iso,
    read_snapshot,
    sign,
    write_snapshot,
)
from app.central.snapshot import (
    SNAPSHOT_TYPES,
    Pseudonyms,
    SnapshotFigures,
    build_snapshot,
    period_links,
)
from app.central.suppression import DEFAULT_THRESHOLD
from app.domain.access import TEAM_LEAD, AccessDenied
from app.domain.schema import PROGRAMMES
from app.indicators import Period
from app.journal import Dataset, Journal
from app.operations.team import job_specialists_by_role
from app.store_settings import CENTRAL_PSEUDONYMS as S_PSEUDONYMS
from app.store_settings import CENTRAL_THRESHOLD as S_THRESHOLD
from app.store_settings import TEAM_ID as S_TEAM_ID
from app.store_settings import TEAM_IS_CENTRAL as S_TEAM_IS_CENTRAL
from app.store_settings import TEAM_NAME as S_TEAM_NAME
from app.store_settings import TEAM_PROGRAMME as S_PROGRAMME
from app.store_settings import TEAM_REGION as S_REGION
from storage.store import RecordStore

# Settings in the store (replica-local, inside the encrypted file).
MAX_CATCH_UP: Final = 24  # periods per kind written in one go after a long time offline

PUBLISHER_ROLE: Final = TEAM_LEAD


@dataclass(frozen=True, slots=True)
class TeamInfo:
    """What a snapshot says about the team (no person)."""

    team: str
    name: str
    programme: str
    region: str


def dominant_programme(journal: Journal) -> str:
    """The programme most of the team's participants are in ("" without participants)."""
    counts = Counter(
        str(p.fields.get("programme"))
        for p in journal.store.query(record_type="participant")
        if p.fields.get("programme") in PROGRAMMES
    )
    return counts.most_common(1)[0][0] if counts else ""


def team_info(
    journal: Journal,
    *,
    team: str | None = None,
    name: str | None = None,
    programme: str | None = None,
    region: str | None = None,
) -> TeamInfo:
    """The team as the server named it at enrolment, with fallbacks before enrolment:
    the local team space's id, and the participants' dominant programme."""
    store = journal.store
    team_id = team or store.setting(S_TEAM_ID)
    if not team_id and journal.team_space:
        team_id = journal.team_space.partition(":")[2]
    if not team_id:
        raise AccessDenied("This device belongs to no team, so it has no figures to report.")
    return TeamInfo(
        team=team_id,
        name=name if name is not None else store.setting(S_TEAM_NAME) or "",
        programme=programme
        if programme is not None
        else store.setting(S_PROGRAMME) or dominant_programme(journal),
        region=region if region is not None else store.setting(S_REGION) or "",
    )


def threshold_of(store: RecordStore) -> int:
    raw = store.setting(S_THRESHOLD)
    try:
        value = int(raw) if raw else DEFAULT_THRESHOLD
    except ValueError:
        value = DEFAULT_THRESHOLD
    return max(value, DEFAULT_THRESHOLD) if value >= 1 else DEFAULT_THRESHOLD


def set_threshold(store: RecordStore, value: int) -> None:
    """Raise the suppression threshold (never below the default of 5)."""
    if value < DEFAULT_THRESHOLD:
        raise ValueError(f"the threshold cannot be below {DEFAULT_THRESHOLD}")
    store.set_setting(S_THRESHOLD, str(value))


def _pseudonyms(store: RecordStore) -> Pseudonyms:
    raw = store.setting(S_PSEUDONYMS)
    return Pseudonyms.from_json(raw) if raw else Pseudonyms.new()


def _require_publisher(journal: Journal) -> None:
    if journal.role != PUBLISHER_ROLE:
        raise AccessDenied("Only a team lead's device publishes the team's report snapshots.")
    if is_central_team(journal.store):
        raise AccessDenied("The central team reports to no one: it publishes no snapshots.")


class NotAPublishablePeriod(ValueError):
    """A snapshot is made only for a closed calendar month or quarter."""


def check_publishable(period: Period, today: date) -> None:
    """Refuse anything but a calendar month or quarter that has ended before ``today``."""
    kind = _kind(period.label)
    if kind is None:
        raise NotAPublishablePeriod(
            f"Snapshots are made for closed months and quarters (such as 2026-09 or 2026-Q3), "
            f"not for {period.label}."
        )
    if period.end >= today:
        raise NotAPublishablePeriod(
            f"Snapshots are made for closed months and quarters; {period.label} has not "
            f"ended yet (its snapshot can be made from "
            f"{(period.end + timedelta(days=1)).isoformat()})."
        )


def is_central_team(store: RecordStore) -> bool:
    """This device is the central team's (its lead approves central devices): it has no
    figures of its own to report."""
    return store.setting(S_TEAM_IS_CENTRAL) == "1"


def _figures(store: RecordStore, team: str, label: str) -> SnapshotFigures | None:
    """The team's newest published snapshot of ``label``'s figures, if readable."""
    try:
        snap = read_snapshot(store, team, label)
        return snap.content() if snap is not None else None
    except SnapshotInvalid:
        return None


def publish(
    journal: Journal,
    period: Period,
    *,
    team: TeamInfo | None = None,
    threshold: int | None = None,
    computed_at: Callable[[], str] = now_iso,
    dataset: Dataset | None = None,
    today: date | None = None,
) -> Snapshot:
    """Compute, sign and write the team's snapshot for ``period`` (next revision).

    ``period`` must be a closed month or quarter. Its figures are suppressed together
    with the team's published snapshots of the linked months and quarter (see
    :func:`app.central.snapshot.build_snapshot`) and its own previous revision.
    ``dataset`` (:data:`SNAPSHOT_TYPES`) spares loading it again for each period;
    ``today`` (default the journal's) decides what has closed and whose consent counts.
    """
    _require_publisher(journal)
    day = today or journal.today()
    check_publishable(period, day)
    info = team or team_info(journal)
    store = journal.store
    k = threshold if threshold is not None else threshold_of(store)
    pseudonyms = _pseudonyms(store)
    previous = read_snapshot(store, info.team, period.label)
    figures = build_snapshot(
        dataset if dataset is not None else journal.dataset(SNAPSHOT_TYPES),
        period,
        as_of=day,
        pseudonyms=pseudonyms,
        threshold=k,
        linked={label: _figures(store, info.team, label) for label in period_links(period)},
        previous=_figures(store, info.team, period.label),
        roster=job_specialists_by_role(journal),
    )
    snapshot = Snapshot(
        team=info.team,
        team_name=info.name,
        programme=info.programme,
        region=info.region,
        period=period.label,
        revision=(previous.revision + 1) if previous else 1,
        computed_at=computed_at(),
        figures=figures.canonical(),
        device=store.device,
        device_key="",
    )
    signed = sign(snapshot, store.device_secrets.ed25519_private)
    with store.transaction():
        store.set_setting(S_PSEUDONYMS, pseudonyms.to_json())
        write_snapshot(store, signed)
    journal.notify_external({RECORD_TYPE}, {signed.record_id})
    return signed


def closed_periods(after: Period | None, today: date, kind: str) -> list[Period]:
    """Months or quarters that ended before ``today``, after ``after`` (or only the
    latest when nothing was published), oldest first, at most MAX_CATCH_UP."""
    out: list[Period] = []
    p = _containing(today, kind)
    while len(out) < MAX_CATCH_UP:
        p = _previous(p, kind)
        if after is not None and p.end <= after.end:
            break
        out.append(p)
        if after is None:
            break
    return list(reversed(out))


def _containing(d: date, kind: str) -> Period:
    if kind == "month":
        return Period.month(d.year, d.month)
    return Period.quarter(d.year, (d.month - 1) // 3 + 1)


def _previous(p: Period, kind: str) -> Period:
    return _containing(date.fromordinal(p.start.toordinal() - 1), kind)


def _kind(label: str) -> str | None:
    if "Q" in label:
        return "quarter"
    return "month" if len(label) == 7 else None


def publish_due(
    journal: Journal,
    *,
    today: date | None = None,
    team: TeamInfo | None = None,
    threshold: int | None = None,
    computed_at: Callable[[], str] = now_iso,
) -> list[Snapshot]:
    """Snapshots for every month and quarter closed since the newest published one.

    Does nothing (returns []) on a device that is not a team lead's, on the central
    team's own lead (``sync.team_is_central``), or not yet enrolled (no server team id)
    unless ``team`` is given, so a sync round may call it unconditionally. The dataset
    is decrypted once for all the periods due.
    """
    if journal.role != PUBLISHER_ROLE or is_central_team(journal.store):
        return []
    if team is None and not journal.store.setting(S_TEAM_ID):
        # Not enrolled yet: the server would refuse a reports space it did not name.
        return []
    info = team or team_info(journal)
    day = today or journal.today()
    latest: dict[str, Period] = {}
    for record in journal.store.query(record_type=RECORD_TYPE):
        if record.error is not None or record.fields.get("team") != info.team:
            continue
        label = str(record.fields.get("period", ""))
        kind = _kind(label)
        if kind is None:
            continue
        p = Period.parse(label)
        if kind not in latest or p.end > latest[kind].end:
            latest[kind] = p
    # Months before quarters: a quarter is suppressed against its published months.
    due = [p for kind in ("month", "quarter") for p in closed_periods(latest.get(kind), day, kind)]
    if not due:
        return []
    dataset = journal.dataset(SNAPSHOT_TYPES)  # decrypted once for every period due
    return [
        publish(
            journal,
            period,
            team=info,
            threshold=threshold,
            computed_at=computed_at,
            dataset=dataset,
            today=day,
        )
        for period in due
    ]
