"""The central team's view over the snapshots: teams side by side, trends, national totals.

National totals are summed from the teams' counts (numerators and denominators,
people behind a mean), never averaged from their shares. A team's cell that was
suppressed cannot be summed: the total then leaves that team out and says so
(``teams_suppressed``). A team with no snapshot for a period is *missing*, not
zero, and never enters a total. Medians cannot be pooled: the national median
is not given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from app import store_settings
from app.central.records import Snapshot
from app.central.snapshot import (
    ALLOWED,
    PublishedFigure,
    SnapshotFigures,
    Suppressed,
    Value,
    is_number,
)
from app.indicators import FIDELITY_BANDS, THRESHOLDS, Period, score_for
from storage.store import RecordStore

MEDIANS: Final = frozenset({"days_to_first_job"})
FIDELITY_ITEMS: Final = tuple(k for k in ALLOWED if k in THRESHOLDS)


class Missing:
    """A team that has not reported for a period (shown as missing, never as zero)."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = Missing()
Cell = Value | Missing


@dataclass(frozen=True, slots=True)
class Team:
    """A team as its newest snapshot describes it."""

    id: str
    name: str
    programme: str
    region: str

    @property
    def display_name(self) -> str:
        return self.name or self.id[:8]


def central_data(store: RecordStore) -> tuple[CentralData, int]:
    """What a central device (or a team lead, its own team's) shows: the verified
    snapshots with the server's team list, and how many could not be read or verified.

    An enrolled device accepts a snapshot only when a team lead of that very team,
    whose certificate it verified at sync, signed it; an enrolled team lead also
    trusts its own key for its own team (its snapshots read before any sync). A
    profile that is not enrolled (the demo) can check only that each signature
    matches its content."""
    from app.central.records import load_snapshots, trusted_signers

    good, bad = load_snapshots(store, trusted_keys=trusted_signers(store))
    return CentralData.from_snapshots(good, expected_teams=known_teams(store)), len(bad)


def known_teams(store: RecordStore) -> list[Team]:
    """The teams the server listed to this central device at its last sync (none offline
    before the first sync, or on a demo profile)."""
    raw = store_settings.known_teams(store)
    try:
        items = json.loads(raw) if raw else []
        return [
            Team(str(t["id"]), str(t["name"]), str(t["programme"]), str(t["region"])) for t in items
        ]
    except (ValueError, KeyError, TypeError):
        return []


@dataclass(frozen=True, slots=True)
class Filters:
    """Which teams to show: None means all."""

    programmes: frozenset[str] | None = None
    regions: frozenset[str] | None = None

    def admits(self, team: Team) -> bool:
        return (self.programmes is None or team.programme in self.programmes) and (
            self.regions is None or team.region in self.regions
        )


ALL_TEAMS: Final = Filters()


@dataclass(frozen=True, slots=True)
class TeamRow:
    """One team in one period: its figures, or missing."""

    team: Team
    period: str
    snapshot: Snapshot | None
    figures: SnapshotFigures | None

    @property
    def missing(self) -> bool:
        return self.figures is None

    def figure(self, key: str) -> PublishedFigure | None:
        return None if self.figures is None else self.figures.team.get(key)

    def value(self, key: str) -> Cell:
        if self.figures is None:
            return MISSING
        f = self.figures.team.get(key)
        return None if f is None else f.value


@dataclass(frozen=True, slots=True)
class NationalFigure:
    """A figure summed over the teams that reported it in full."""

    key: str
    unit: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    n: int | None = None
    teams_counted: int = 0
    teams_suppressed: int = 0
    teams_missing: int = 0
    score: int | None = None
    target: float | None = None

    @property
    def partial(self) -> bool:
        return self.teams_suppressed > 0 or self.teams_missing > 0


@dataclass(slots=True)
class CentralData:
    """Every verified snapshot on this device, indexed by team and period."""

    snapshots: dict[tuple[str, str], tuple[Snapshot, SnapshotFigures]] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)

    @classmethod
    def from_snapshots(
        cls,
        items: Iterable[tuple[Snapshot, SnapshotFigures]],
        *,
        expected_teams: Iterable[Team] = (),
    ) -> CentralData:
        """``expected_teams``: teams known from elsewhere (the server's directory) that
        should show as missing even before their first snapshot."""
        data = cls()
        for team in expected_teams:
            data.teams[team.id] = team
        newest: dict[str, str] = {}
        for snap, figs in items:
            key = (snap.team, snap.period)
            old = data.snapshots.get(key)
            if old is None or snap.revision > old[0].revision:
                data.snapshots[key] = (snap, figs)
            if snap.computed_at >= newest.get(snap.team, ""):
                newest[snap.team] = snap.computed_at
                data.teams[snap.team] = Team(snap.team, snap.team_name, snap.programme, snap.region)
        return data

    @property
    def empty(self) -> bool:
        return not self.snapshots

    def periods(self, kind: str | None = None) -> list[str]:
        """Period labels with any snapshot, oldest first; ``kind`` "month" or "quarter"."""
        labels = {p for _, p in self.snapshots}
        if kind == "quarter":
            labels = {p for p in labels if "Q" in p}
        elif kind == "month":
            labels = {p for p in labels if "Q" not in p and len(p) == 7}
        return sorted(labels, key=lambda p: (Period.parse(p).start, Period.parse(p).end))

    def programmes(self) -> list[str]:
        return sorted({t.programme for t in self.teams.values() if t.programme})

    def regions(self) -> list[str]:
        return sorted({t.region for t in self.teams.values() if t.region})

    def team_list(self, filters: Filters = ALL_TEAMS) -> list[Team]:
        return sorted(
            (t for t in self.teams.values() if filters.admits(t)),
            key=lambda t: (t.display_name.casefold(), t.id),
        )

    def rows(self, period: str, filters: Filters = ALL_TEAMS) -> list[TeamRow]:
        """Every team passing the filters, side by side for ``period`` (missing included)."""
        out = []
        for team in self.team_list(filters):
            item = self.snapshots.get((team.id, period))
            out.append(TeamRow(team, period, item[0] if item else None, item[1] if item else None))
        return out

    def trend(
        self, key: str, periods: Sequence[str], filters: Filters = ALL_TEAMS
    ) -> dict[str, list[Cell]]:
        """Per team, the figure's value for each period (MISSING where not reported)."""
        out: dict[str, list[Cell]] = {}
        for team in self.team_list(filters):
            values: list[Cell] = []
            for p in periods:
                item = self.snapshots.get((team.id, p))
                if item is None:
                    values.append(MISSING)
                else:
                    f = item[1].team.get(key)
                    values.append(None if f is None else f.value)
            out[team.id] = values
        return out

    def national(self, key: str, period: str, filters: Filters = ALL_TEAMS) -> NationalFigure:
        return national_total(key, period, self.rows(period, filters))

    def national_trend(
        self, key: str, periods: Sequence[str], filters: Filters = ALL_TEAMS
    ) -> list[NationalFigure]:
        return [self.national(key, p, filters) for p in periods]


def _num(v: Value) -> float | None:
    return float(v) if is_number(v) else None


def national_total(key: str, period: str, rows: Sequence[TeamRow]) -> NationalFigure:
    """Sum a figure's counts over the rows (see the module docstring)."""
    rule = ALLOWED[key]
    unit = ""
    target: float | None = None
    num_sum = 0.0
    den_sum = 0.0
    n_sum = 0
    weighted = 0.0
    counted = suppressed = 0
    missing = sum(1 for r in rows if r.missing)
    months = Period.parse(period).months
    for row in rows:
        f = row.figure(key)
        if f is None:
            continue
        unit, target = f.unit, f.target
        if f.value is None:
            continue  # reported, but nothing to measure: adds nothing, not even a zero
        if rule.kind == "share" or (rule.kind == "minutes"):
            n, d = _num(f.numerator), _num(f.denominator)
            if n is None or d is None:
                suppressed += isinstance(f.numerator, Suppressed) or isinstance(
                    f.denominator, Suppressed
                )
                continue
            num_sum += n
            den_sum += d
        elif rule.kind == "count":
            v = _num(f.value)
            if v is None:
                suppressed += isinstance(f.value, Suppressed)
                continue
            num_sum += v
        elif rule.kind == "rate":
            n = _num(f.numerator)
            base = _num(f.n) if "n" in rule.additive else _num(f.denominator)
            if n is None or base is None:
                suppressed += isinstance(f.numerator, Suppressed) or isinstance(f.n, Suppressed)
                continue
            num_sum += n
            den_sum += base * months if "n" in rule.additive else base
            n_sum += int(base) if "n" in rule.additive else 0
        elif rule.kind == "mean":
            v, n_ = _num(f.value), _num(f.n)
            if v is None or n_ is None:
                suppressed += isinstance(f.value, Suppressed)
                continue
            weighted += v * n_
            n_sum += int(n_)
        counted += 1
    value: float | None
    if rule.kind in ("share", "minutes"):
        value = 100.0 * num_sum / den_sum if den_sum > 0 else None
    elif rule.kind == "count":
        value = num_sum if counted else None
    elif rule.kind == "rate":
        value = num_sum / den_sum if den_sum > 0 else None
    else:
        value = weighted / n_sum if n_sum and key not in MEDIANS else None
    return NationalFigure(
        key=key,
        unit=unit,
        value=value,
        numerator=num_sum if rule.kind in ("share", "minutes", "rate", "count") else None,
        denominator=den_sum if rule.kind in ("share", "minutes", "rate") else None,
        n=n_sum if rule.kind in ("mean", "rate") else None,
        teams_counted=counted,
        teams_suppressed=suppressed,
        teams_missing=missing,
        score=score_for(key, value),
        target=target,
    )


def band_text(key: str) -> list[tuple[int, str]]:
    """The score bands of a fidelity item as (score, "≤ 20" / "≥ 85" / "21–25"), best first;
    "" for the open last band ("otherwise")."""
    out = []
    for b in THRESHOLDS.get(key, ()):
        lo = "" if b.min is None else f"{b.min:g}"
        hi = "" if b.max is None else f"{b.max:g}"
        if lo and hi:
            text = f"{lo}–{hi}"
        elif lo:
            text = f"≥ {lo}"
        elif hi:
            text = f"≤ {hi}"
        else:
            text = ""
        out.append((b.score, text))
    return out


def team_fidelity_points(figures: Mapping[str, PublishedFigure]) -> tuple[int, int]:
    """(points, items) over the team's published item scores (partial IPS-25)."""
    scores = [f.score for k, f in figures.items() if k in THRESHOLDS and isinstance(f.score, int)]
    return sum(scores), len(scores)


__all__ = [
    "FIDELITY_BANDS",
    "MISSING",
    "CentralData",
    "Filters",
    "NationalFigure",
    "Team",
    "TeamRow",
    "national_total",
]
