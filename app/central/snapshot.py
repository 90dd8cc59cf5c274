"""A team's de-identified figures for one period: what leaves the team for the central team.

De-identified by construction:
- only the figure keys in :data:`ALLOWED` leave, each with the fields its kind allows
  (counts, shares, means, medians, scores, targets); record ids, names, dates and
  free text never enter the snapshot, and breakdowns keep only keys from the
  schema's fixed vocabularies (exit reasons, decline reasons, referral sources,
  six-month statuses) — never STYRK codes, organisation numbers or item texts;
- job specialists appear as team-local pseudonyms ("JS-1", …): the numbers are
  handed out in the order of an HMAC of the name under a team secret, so neither
  names nor their alphabetical order leave;
- every count under the threshold is suppressed ("< 5"), and so is a second cell
  wherever a sum would otherwise give it away (:mod:`app.central.suppression`);
  a share, mean or score built on a suppressed count is suppressed with it;
- months and quarters are suppressed together: a count that adds up over the months
  (:attr:`Rule.over_time`) or is the last month's (:attr:`Rule.at_end`) is hidden where
  the team's published snapshots of the linked periods would otherwise give a hidden cell
  away (``linked``), and a recomputed snapshot keeps hidden what its previous revision hid
  (``previous``);
- participants whose latest ``central_reporting`` consent is withdrawn are left
  out before anything is computed, and counted only as "excluded".

The figures come from :func:`app.indicators.all_figures`, the function the reports
screen calls, over the same records: with no exclusions the team's values are
the reports screen's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal, TypeAlias, TypeGuard

from app.central.suppression import DEFAULT_THRESHOLD, CellTable
from app.domain.schema import DECLINE_REASONS, EXIT_REASONS, OUTCOME_6M, REFERRAL_SOURCES
from app.indicators import (
    INDICATOR_TYPES,
    OUTCOME_MISSING,
    SUBSIDISED_WORK,
    Figure,
    Period,
    Roster,
    all_figures,
    job_specialists,
)
from app.journal import Dataset
from storage.store import Record

FORMAT_VERSION: Final = 1
TEAM_SCOPE: Final = "team"
PSEUDONYM_PREFIX: Final = "JS-"

# The record types a snapshot is computed from: the indicators' and consent.
SNAPSHOT_TYPES: Final = INDICATOR_TYPES | {"consent"}

Kind = Literal["share", "mean", "rate", "count", "minutes"]


@dataclass(frozen=True, slots=True)
class Rule:
    """What one figure may publish.

    share: numerator, denominator (counts); mean: the mean or median and ``n``, the
    people or jobs it is over; rate: a count ÷ FTE or time; count: the value is the
    count; minutes: a share of working minutes (no one's count).
    ``additive``: the cell names whose team value is the sum of the job specialists'.
    ``parts``: the breakdown's allowed keys; ``hits``: the keys the numerator sums.
    ``over_time``: the cell names ("parts" for every breakdown part) whose quarter value is
    the sum of its months' (events dated in the period: starts, exits, referrals,
    contacts); ``at_end``: those whose quarter value is its last month's (people active
    on the period's last day). Counts of people served or jobs held in a period are
    neither: a person served in July and August is one in the quarter.
    """

    kind: Kind
    additive: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    hits: tuple[str, ...] = ()
    over_time: tuple[str, ...] = ()
    at_end: tuple[str, ...] = ()


_SHARE_CELLS: Final = ("numerator", "denominator", "complement")
_SHARE = Rule("share", additive=_SHARE_CELLS)
_SHARE_EVENTS = Rule("share", additive=_SHARE_CELLS, over_time=_SHARE_CELLS)
_SHARE_DISTINCT = Rule("share", additive=("denominator",))  # distinct counts do not add up
_MEAN = Rule("mean", additive=("n",))
_MEAN_EVENTS = Rule("mean", additive=("n",), over_time=("n",))

ALLOWED: Final[dict[str, Rule]] = {
    "caseload": Rule("rate", additive=("numerator",), at_end=("numerator",)),
    # First contact in the period, and those in service on its last day without one yet:
    # neither a sum over the months nor the last month's figure, so linked to neither.
    "rapid_job_search": _MEAN,
    "four_week_rule": _SHARE_EVENTS,  # 28th day in the period
    "job_development": Rule("rate", additive=("numerator",), over_time=("numerator",)),
    "individualised_search": _SHARE_EVENTS,  # contacts dated in the period
    "diversity_job_types": _SHARE_DISTINCT,
    "diversity_employers": _SHARE_DISTINCT,
    "competitive_jobs": _SHARE,  # jobs held
    "follow_along": _SHARE,  # jobs followed
    "community_based": Rule("minutes"),
    "disclosure": _SHARE_EVENTS,  # first client-specific contact in the period
    "disclosure_repeat": _SHARE_EVENTS,  # window closing in the period
    "benefits_planning": _SHARE_EVENTS,  # job starts
    "zero_exclusion": Rule(
        "share",
        additive=_SHARE_CELLS,
        parts=("accepted", *DECLINE_REASONS, "unspecified"),
        hits=("not_ready",),
        over_time=(*_SHARE_CELLS, "parts"),  # decisions dated in the period
    ),
    "referral_sources": Rule(
        "share",
        additive=_SHARE_CELLS,
        parts=(*REFERRAL_SOURCES, "unspecified"),
        hits=("self",),
        over_time=(*_SHARE_CELLS, "parts"),  # referrals received
    ),
    "collaboration_meetings": Rule("share", additive=_SHARE_CELLS, at_end=_SHARE_CELLS),
    # Contacts dated in the period (n: people served, not additive).
    "nav_contacts": Rule("rate", additive=("numerator", "n"), over_time=("numerator",)),
    "into_work": Rule(
        "share",
        additive=_SHARE_CELLS,
        # Exits the team leaves out (moved away, its setting) are in no part.
        parts=(*EXIT_REASONS, SUBSIDISED_WORK, "unspecified"),
        hits=("ordinary_work", "education"),
        over_time=(*_SHARE_CELLS, "parts"),  # exits
    ),
    # Exits left out of into_work (moved away, the team's setting): a count of exits.
    "into_work_excluded": Rule("count", additive=("value",), over_time=("value",)),
    "employment_rate": _SHARE,  # people served
    "job_starts": Rule("count", additive=("value",), over_time=("value",)),
    "days_to_first_job": _MEAN_EVENTS,  # first job starting in the period
    "retention_13w": _SHARE_EVENTS,  # week-13 mark in the period
    "retention_26w": _SHARE_EVENTS,
    "hours_per_week": _MEAN,  # jobs held
    "outcome_6m": Rule(
        "share",
        additive=_SHARE_CELLS,
        parts=(*OUTCOME_6M, OUTCOME_MISSING, "unspecified"),
        hits=("work_or_education",),
        over_time=(*_SHARE_CELLS, "parts"),  # six-month dates in the period
    ),
    "therapy_dose": _MEAN,  # people with a session in the period
    "self_assessment_change": _MEAN_EVENTS,  # end assessments dated in the period
}


def linked_cells(rule: Rule, names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Of the cell ``names``, those that add up over the months and those at the end."""

    def pick(spec: tuple[str, ...]) -> set[str]:
        return {n for n in names if n in spec or (n.startswith("part:") and "parts" in spec)}

    return pick(rule.over_time), pick(rule.at_end)


# ---------------------------------------------------------------------------
# Published values


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A value withheld because it rests on fewer than ``threshold`` people."""

    threshold: int

    def __str__(self) -> str:
        return f"< {self.threshold}"


Value: TypeAlias = float | int | Suppressed | None


def _encode_value(v: Value) -> Any:
    return str(v) if isinstance(v, Suppressed) else v


def _decode_value(v: Any) -> Value:
    if isinstance(v, str):
        if v.startswith("<"):
            return Suppressed(int(v.lstrip("< ").strip() or DEFAULT_THRESHOLD))
        raise ValueError("a snapshot value is neither a number nor suppressed")
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return v
    raise ValueError("a snapshot value is neither a number nor suppressed")


def is_number(v: object) -> TypeGuard[float | int]:
    return isinstance(v, int | float) and not isinstance(v, bool)


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One figure as a snapshot carries it."""

    key: str
    label: str
    group: str
    unit: str
    value: Value
    numerator: Value = None
    denominator: Value = None
    n: Value = None
    score: Value = None
    target: float | None = None
    better: str | None = None
    parts: dict[str, Value] = field(default_factory=dict)

    @property
    def suppressed(self) -> bool:
        return isinstance(self.value, Suppressed)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "group": self.group,
            "unit": self.unit,
            "value": _encode_value(self.value),
            "numerator": _encode_value(self.numerator),
            "denominator": _encode_value(self.denominator),
            "n": _encode_value(self.n),
            "score": _encode_value(self.score),
            "target": self.target,
            "better": self.better,
            "parts": {k: _encode_value(v) for k, v in self.parts.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PublishedFigure:
        key = str(data["key"])
        if key not in ALLOWED:
            raise ValueError("a snapshot carries a figure that is not allowed")
        rule = ALLOWED[key]
        parts = data.get("parts") or {}
        if not isinstance(parts, Mapping) or any(k not in rule.parts for k in parts):
            raise ValueError("a snapshot carries a breakdown that is not allowed")
        target = data.get("target")
        return cls(
            key=key,
            label=str(data.get("label", key)),
            group=str(data.get("group", "")),
            unit=str(data.get("unit", "")),
            value=_decode_value(data.get("value")),
            numerator=_decode_value(data.get("numerator")),
            denominator=_decode_value(data.get("denominator")),
            n=_decode_value(data.get("n")),
            score=_decode_value(data.get("score")),
            target=float(target) if isinstance(target, int | float) else None,
            better=str(data["better"]) if data.get("better") else None,
            parts={str(k): _decode_value(v) for k, v in parts.items()},
        )


@dataclass(frozen=True, slots=True)
class SnapshotFigures:
    """The content of a snapshot: figures for the team and each pseudonymous job specialist."""

    period: str
    threshold: int
    excluded: Value
    scopes: dict[str, dict[str, PublishedFigure]]

    @property
    def team(self) -> dict[str, PublishedFigure]:
        return self.scopes.get(TEAM_SCOPE, {})

    @property
    def job_specialists(self) -> list[str]:
        return sorted(
            (s for s in self.scopes if s != TEAM_SCOPE),
            key=lambda s: int(s.removeprefix(PSEUDONYM_PREFIX) or 0),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "period": self.period,
            "threshold": self.threshold,
            "excluded": _encode_value(self.excluded),
            "scopes": {
                scope: [f.to_json() for f in figs.values()] for scope, figs in self.scopes.items()
            },
        }

    def canonical(self) -> str:
        return canonical_json(self.to_json())

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SnapshotFigures:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError("unknown snapshot format")
        scopes: dict[str, dict[str, PublishedFigure]] = {}
        for scope, figs in dict(data.get("scopes") or {}).items():
            if scope != TEAM_SCOPE and not _is_pseudonym(scope):
                raise ValueError("a snapshot names a scope that is not a pseudonym")
            scopes[scope] = {f.key: f for f in (PublishedFigure.from_json(x) for x in figs)}
        return cls(
            period=str(data["period"]),
            threshold=int(data.get("threshold", DEFAULT_THRESHOLD)),
            excluded=_decode_value(data.get("excluded")),
            scopes=scopes,
        )

    @classmethod
    def parse(cls, text: str) -> SnapshotFigures:
        return cls.from_json(json.loads(text))


def _is_pseudonym(scope: str) -> bool:
    return scope.startswith(PSEUDONYM_PREFIX) and scope.removeprefix(PSEUDONYM_PREFIX).isdigit()


def canonical_json(data: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 text (for signing)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ---------------------------------------------------------------------------
# Pseudonyms


@dataclass(slots=True)
class Pseudonyms:
    """Team-local, stable labels for job specialists: "JS-1", "JS-2", ….

    ``assigned`` maps HMAC-SHA256(secret, name) to the number; the names themselves are
    never kept. Numbers are handed out once and never reused.
    """

    secret: bytes
    assigned: dict[str, int] = field(default_factory=dict)

    @classmethod
    def new(cls) -> Pseudonyms:
        return cls(os.urandom(32))

    def digest(self, name: str) -> str:
        return hmac.new(self.secret, name.casefold().encode(), hashlib.sha256).hexdigest()

    def label(self, name: str) -> str:
        return self.labels([name])[name]

    def labels(self, names: Iterable[str]) -> dict[str, str]:
        """Labels for ``names``; new names get the next numbers in digest order."""
        digests = {n: self.digest(n) for n in names}
        new = sorted({d for d in digests.values() if d not in self.assigned})
        for d in new:
            self.assigned[d] = max(self.assigned.values(), default=0) + 1
        return {n: f"{PSEUDONYM_PREFIX}{self.assigned[d]}" for n, d in digests.items()}

    def to_json(self) -> str:
        return json.dumps(
            {"secret": base64.b64encode(self.secret).decode(), "assigned": self.assigned},
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Pseudonyms:
        data = json.loads(text)
        return cls(
            base64.b64decode(data["secret"]), {str(k): int(v) for k, v in data["assigned"].items()}
        )


# ---------------------------------------------------------------------------
# Consent


def withdrawn_central_reporting(ds: Dataset, *, as_of: date) -> set[str]:
    """Participants whose latest central-reporting consent is withdrawn on or before ``as_of``.

    No such consent at all leaves a participant in (de-identified statistics); a later
    consent given again after a withdrawal brings them back.
    """
    latest: dict[str, Record] = {}
    for c in ds.of("consent"):
        if c.fields.get("scope") != "central_reporting" or c.parent is None:
            continue
        given = str(c.fields.get("given") or "")
        if given > as_of.isoformat():
            continue
        prev = latest.get(c.parent)
        if prev is None or (given, c.id) > (str(prev.fields.get("given") or ""), prev.id):
            latest[c.parent] = c
    out = set()
    for pid, c in latest.items():
        withdrawn = c.fields.get("withdrawn")
        if withdrawn and str(withdrawn) <= as_of.isoformat():
            out.add(pid)
    return out


def without_participants(ds: Dataset, excluded: set[str]) -> Dataset:
    """``ds`` less the excluded participants and every record under them."""
    if not excluded:
        return ds
    return Dataset.from_records(
        r
        for records in ds.by_type.values()
        for r in records
        if r.id not in excluded and r.parent not in excluded
    )


def _served(ds: Dataset, pids: set[str], period: Period) -> int:
    """How many of ``pids`` had an episode overlapping the period."""
    count = 0
    for pid in pids:
        for e in ds.children("episode", pid):
            entry, exit_ = str(e.fields.get("entry") or ""), e.fields.get("exit")
            if (
                entry
                and entry <= period.end.isoformat()
                and (not exit_ or str(exit_) >= period.start.isoformat())
            ):
                count += 1
                break
    return count


# ---------------------------------------------------------------------------
# Building


def _int(v: float | None) -> int:
    return round(v or 0)


def _raw_parts(fig: Figure, rule: Rule) -> dict[str, int]:
    if not rule.parts:
        return {}
    parts: Counter[str] = Counter()
    for p in fig.parts:
        key = p.key if p.key in rule.parts else "unspecified"
        parts[key] += _int(p.value)
    if fig.key == "zero_exclusion":
        # The parts are the declined referrals; the accepted ones complete the sum.
        parts["accepted"] = max(0, _int(fig.denominator) - sum(parts.values()))
    return {k: parts[k] for k in rule.parts if k in parts}


def _cells(table: CellTable, scope: str, fig: Figure, rule: Rule) -> None:
    key = fig.key
    if rule.kind == "share":
        n, d = _int(fig.numerator), _int(fig.denominator)
        table.add((scope, key, "numerator"), n)
        table.add((scope, key, "denominator"), d)
        table.add((scope, key, "complement"), d - n, published=False)
        table.relate(
            (scope, key, "denominator"), [(scope, key, "numerator"), (scope, key, "complement")]
        )
        if rule.parts:
            # Every allowed key is a cell (a key left out reads as 0), so that a linked
            # snapshot can make even a zero part hide ("< 5") when it must.
            raw_parts = _raw_parts(fig, rule)
            parts = {name: raw_parts.get(name, 0) for name in rule.parts}
            for name, v in parts.items():
                table.add((scope, key, f"part:{name}"), v)
            table.relate((scope, key, "denominator"), [(scope, key, f"part:{p}") for p in parts])
            table.relate(
                (scope, key, "numerator"),
                [(scope, key, f"part:{p}") for p in parts if p in rule.hits],
            )
    elif rule.kind == "mean":
        table.add((scope, key, "n"), len(fig.records))
    elif rule.kind == "rate":
        table.add((scope, key, "numerator"), _int(fig.numerator))
        if "n" in rule.additive:
            table.add((scope, key, "n"), len(fig.records))
    elif rule.kind == "count":
        table.add((scope, key, "value"), _int(fig.value))


def _publish(table: CellTable, scope: str, fig: Figure, rule: Rule, k: int) -> PublishedFigure:
    hidden = Suppressed(k)

    def cell(name: str) -> Value:
        cid = (scope, fig.key, name)
        if table.protected(cid):
            return hidden
        return table.cells[cid].value if table.has(cid) else None

    value: Value = fig.value
    score: Value = fig.score
    numerator: Value = None
    denominator: Value = None
    n: Value = None
    parts: dict[str, Value] = {}
    if rule.kind == "share":
        numerator, denominator = cell("numerator"), cell("denominator")
        if isinstance(numerator, Suppressed) or isinstance(denominator, Suppressed):
            value = hidden
        raw_parts = _raw_parts(fig, rule)
        parts = {
            p: cell(f"part:{p}")
            for p in rule.parts
            if p in raw_parts or table.protected((scope, fig.key, f"part:{p}"))
        }
    elif rule.kind == "mean":
        n = cell("n")
        if isinstance(n, Suppressed):
            value = hidden
    elif rule.kind == "rate":
        numerator = cell("numerator")
        if "n" in rule.additive:
            n = cell("n")
        else:
            denominator = fig.denominator  # FTE or FTE-weeks: no one's count
        if isinstance(numerator, Suppressed) or isinstance(n, Suppressed):
            value = hidden
    elif rule.kind == "count":
        value = cell("value") if fig.value is not None else None
    elif rule.kind == "minutes":
        numerator, denominator = fig.numerator, fig.denominator
    if isinstance(value, Suppressed) and score is not None:
        score = hidden  # a score band narrows the value down
    return PublishedFigure(
        key=fig.key,
        label=fig.label,
        group=fig.group,
        unit=fig.unit,
        value=value,
        numerator=numerator,
        denominator=denominator,
        n=n,
        score=score,
        target=fig.target,
        better=fig.better,
        parts=parts,
    )


# ---------------------------------------------------------------------------
# Months and quarters: linked suppression

CellId: TypeAlias = tuple[str, str, str]  # (scope, figure key, cell name)


def period_links(period: Period) -> tuple[str, ...]:
    """The periods whose published snapshots a snapshot of ``period`` is tied to by sums:
    a quarter's three months; a month's quarter and that quarter's other two months;
    nothing for any other period."""
    label = period.label
    if "Q" in label:
        first = period.start.month
        return tuple(Period.month(period.start.year, m).label for m in range(first, first + 3))
    if len(label) == 7:
        quarter = Period.quarter(period.start.year, (period.start.month - 1) // 3 + 1)
        return (quarter.label, *(m for m in period_links(quarter) if m != label))
    return ()


def published_cells(figures: SnapshotFigures) -> dict[CellId, int | None]:
    """The count cells a reader sees in a published snapshot: the value, None where hidden.

    The complement ``denominator − numerator`` is included (None unless both show).
    """
    out: dict[CellId, int | None] = {}

    def put(cid: CellId, v: Value) -> None:
        out[cid] = None if isinstance(v, Suppressed) else round(v) if is_number(v) else 0

    for scope, figs in figures.scopes.items():
        for key, f in figs.items():
            rule = ALLOWED[key]
            if rule.kind == "share":
                put((scope, key, "numerator"), f.numerator)
                put((scope, key, "denominator"), f.denominator)
                n, d = out[(scope, key, "numerator")], out[(scope, key, "denominator")]
                out[(scope, key, "complement")] = None if n is None or d is None else d - n
                for p, v in f.parts.items():
                    put((scope, key, f"part:{p}"), v)
            elif rule.kind == "mean":
                put((scope, key, "n"), f.n)
            elif rule.kind == "rate":
                put((scope, key, "numerator"), f.numerator)
                if "n" in rule.additive:
                    put((scope, key, "n"), f.n)
            elif rule.kind == "count":
                put((scope, key, "value"), f.value)
    return out


def _fixed(
    table: CellTable,
    label: str,
    figures: SnapshotFigures | None,
    cells: dict[CellId, int | None] | None,
    cid: CellId,
) -> tuple[str, str, str, str, str]:
    """The cell ``cid`` of the published snapshot ``label`` as a fixed cell of ``table``."""
    fid = ("published", label, *cid)
    if table.has(fid):
        return fid
    if figures is None or cells is None:
        table.add_fixed(fid, None, published=False)  # not published yet: may be hidden
    elif cid in cells:
        table.add_fixed(fid, cells[cid])
    else:
        table.add_fixed(fid, 0)  # a scope, figure or part left out reads as 0
    return fid


def add_published(table: CellTable, label: str, figures: SnapshotFigures) -> None:
    """Every count cell of the published snapshot ``label`` as fixed cells of ``table``,
    with the sums a reader knows tie them: denominator = numerator + complement =
    the breakdown's parts, numerator = the parts it counts, team = its job specialists
    (assumed exact: a reader may know that everyone has a job specialist)."""
    cells = published_cells(figures)
    for cid in cells:
        _fixed(table, label, figures, cells, cid)

    def fid(scope: str, key: str, name: str) -> tuple[str, str, str, str, str]:
        return _fixed(table, label, figures, cells, (scope, key, name))

    for scope, figs in figures.scopes.items():
        for key, f in figs.items():
            rule = ALLOWED[key]
            if rule.kind != "share":
                continue
            den, num = fid(scope, key, "denominator"), fid(scope, key, "numerator")
            table.link(den, [num, fid(scope, key, "complement")])
            if f.parts:
                table.link(den, [fid(scope, key, f"part:{p}") for p in f.parts])
                table.link(num, [fid(scope, key, f"part:{p}") for p in f.parts if p in rule.hits])
    specialists = [s for s in figures.scopes if s != TEAM_SCOPE]
    if not specialists:
        return
    for cid in cells:
        scope, key, name = cid
        rule = ALLOWED[key]
        if scope == TEAM_SCOPE and (name in rule.additive or name.startswith("part:")):
            table.link(fid(*cid), [fid(s, key, name) for s in specialists])


def _link_periods(
    table: CellTable, period: Period, linked: Mapping[str, SnapshotFigures | None]
) -> None:
    """Tie ``table``'s cells to the already published snapshots of the linked periods."""
    labels = period_links(period)
    if not labels:
        return
    published = {
        label: (f, published_cells(f) if f is not None else None)
        for label in labels
        for f in [linked.get(label)]
    }
    if "Q" not in period.label and published[labels[0]][0] is None:
        return  # the quarter links itself to this month when it is published
    for label, (figures, _cells) in published.items():
        if figures is not None:
            add_published(table, label, figures)
    # The snapshot's own figure cells: not "excluded", the fixed published cells or the
    # unpublished remainders ("remainder", n, total) that relate() adds.
    own: list[CellId] = [
        cid
        for cid in table.cells
        if isinstance(cid, tuple)
        and len(cid) == 3
        and isinstance(cid[0], str)
        and cid[1] in ALLOWED
    ]
    if "Q" in period.label:
        months = list(labels)
        for cid in own:
            adds, at_end = linked_cells(ALLOWED[cid[1]], [cid[2]])
            if adds:
                table.link(cid, [_fixed(table, m, *published[m], cid) for m in months])
            elif at_end and published[months[-1]][0] is not None:
                # (A last month not published yet equals the quarter: it links itself.)
                table.link(cid, [_fixed(table, months[-1], *published[months[-1]], cid)])
        return
    quarter, others = labels[0], labels[1:]
    q_figures, q_cells = published[quarter]
    assert q_figures is not None and q_cells is not None
    last = period.label == max(period.label, *others)
    for cid in own:
        adds, at_end = linked_cells(ALLOWED[cid[1]], [cid[2]])
        total = _fixed(table, quarter, q_figures, q_cells, cid)
        if adds:
            table.link(total, [cid, *(_fixed(table, m, *published[m], cid) for m in others)])
        elif at_end and last:
            table.link(total, [cid])


def build_snapshot(
    dataset: Dataset,
    period: Period,
    *,
    as_of: date,
    pseudonyms: Pseudonyms | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    figures_fn: Callable[..., list[Figure]] = all_figures,
    linked: Mapping[str, SnapshotFigures | None] | None = None,
    previous: SnapshotFigures | None = None,
    roster: Roster = None,
) -> SnapshotFigures:
    """The team's de-identified figures for ``period`` (see the module docstring).

    ``dataset`` must hold :data:`SNAPSHOT_TYPES` (consent included); ``as_of`` is the
    day the snapshot is made (consent withdrawn by then counts).

    ``linked``: the team's published snapshots (newest revision; None or absent when not
    published) of the periods :func:`period_links` names. A cell that adds up over the
    months (or equals the last month's) is hidden here when showing it would let a
    reader work out a cell those snapshots hide (quarter − the shown months), or narrow
    their hidden months down to less than the threshold. ``previous``: this period's
    newest published revision; whatever it hid stays hidden (see the README).
    ``roster``: the team's job specialists by role, as the reports screen counts them in
    caseload and job development per FTE (:func:`app.indicators.all_figures`); the FTE
    leaves as the rate's denominator, never the names behind it.
    """
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    pseudonyms = pseudonyms or Pseudonyms.new()
    excluded_ids = withdrawn_central_reporting(dataset, as_of=as_of) & {
        p.id for p in dataset.of("participant")
    }
    ds = without_participants(dataset, excluded_ids)
    raw: dict[str, list[Figure]] = {TEAM_SCOPE: figures_fn(ds, period, roster=roster)}
    names = job_specialists(ds, period)
    labels = pseudonyms.labels(names)
    for name in names:
        raw[labels[name]] = figures_fn(ds, period, job_specialist=name)

    table = CellTable()
    excluded_count = _served(dataset, excluded_ids, period)
    table.add(("excluded",), excluded_count)
    for scope, figs in raw.items():
        for fig in figs:
            rule = ALLOWED.get(fig.key)
            if rule is not None:
                _cells(table, scope, fig, rule)
    # The team's counts are the sums of the job specialists' (plus anyone unassigned).
    js_scopes = [s for s in raw if s != TEAM_SCOPE]
    cell_names: set[Hashable] = {cid for cid in table.cells}
    for key, rule in ALLOWED.items():
        names_here = list(rule.additive) + [f"part:{p}" for p in rule.parts] if js_scopes else []
        for name in names_here:
            if (TEAM_SCOPE, key, name) in cell_names:
                table.relate((TEAM_SCOPE, key, name), [(s, key, name) for s in js_scopes])
    if previous is not None:
        for cid, v in published_cells(previous).items():
            if v is None and cid[2] != "complement":
                table.force(cid)
        if isinstance(previous.excluded, Suppressed):
            table.force(("excluded",))
    if linked:
        _link_periods(table, period, linked)
    table.suppress(threshold)

    scopes: dict[str, dict[str, PublishedFigure]] = {}
    for scope, figs in raw.items():
        scopes[scope] = {
            f.key: _publish(table, scope, f, ALLOWED[f.key], threshold)
            for f in figs
            if f.key in ALLOWED
        }
    excluded: Value = Suppressed(threshold) if table.protected(("excluded",)) else excluded_count
    ordered = dict(sorted(scopes.items(), key=lambda kv: _scope_order(kv[0])))
    return SnapshotFigures(period.label, threshold, excluded, ordered)


def _scope_order(scope: str) -> tuple[int, int]:
    if scope == TEAM_SCOPE:
        return (0, 0)
    return (1, int(scope.removeprefix(PSEUDONYM_PREFIX)))
