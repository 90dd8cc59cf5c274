"""A report: the IPS figures for a period and a job specialist, and the chart series ending with it.

The data only: formatting, drill-down texts and charts stay with the screen.
Building over 100k records takes a moment, so the window runs it on its
database thread and may cancel it between steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from app import indicators as ind
from app.indicators import INDICATOR_TYPES, FidelityTotal, Figure, Period
from app.journal import Dataset, Journal
from app.operations.records import Item
from app.operations.team import job_specialists_by_role
from storage.gc_pause import gc_paused

PERIOD_KINDS = ("month", "quarter", "year")
_RECENT = {"month": 24, "quarter": 12, "year": 6}
CHART_QUARTERS = 6
CHART_MONTHS = 12

# The kinds a drill-down names (participants, employers) or lists.
_LOOKUP_TYPES = (
    "participant",
    "job",
    "employer",
    "employer_contact",
    "team_employer_contact",
    "referral",
    "activity",
)


class ReportCancelled(Exception):
    """The caller cancelled the report while it was being built."""


def recent_periods(kind: str, today: date, count: int | None = None) -> list[Period]:
    """The period of ``kind`` containing ``today`` and the ones before it, newest first."""
    n = count or _RECENT[kind]
    out: list[Period] = []
    if kind == "month":
        year, month = today.year, today.month
        for _ in range(n):
            out.append(Period.month(year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif kind == "quarter":
        year, quarter = today.year, (today.month - 1) // 3 + 1
        for _ in range(n):
            out.append(Period.quarter(year, quarter))
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    elif kind == "year":
        out = [Period.year(today.year - i) for i in range(n)]
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    return out


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows for one period and scope."""

    period: Period
    job_specialist: str | None
    figures: list[Figure]
    total: FidelityTotal
    into_work: list[tuple[Period, Figure]]
    employment_rate: list[tuple[Period, Figure]]
    job_starts: list[tuple[Period, Figure]]
    job_specialists: list[str]
    records: Mapping[str, Item] = field(default_factory=dict)  # what a drill-down names

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures for one period and scope, and the fidelity total over them."""

    period: Period
    job_specialist: str | None
    figures: list[Figure]
    total: FidelityTotal


def figures_from_dataset(
    ds: Dataset,
    *,
    period: Period,
    job_specialist: str | None = None,
    roster: ind.Roster = None,
) -> Figures:
    """The report's table without its charts (``roster``: see :func:`ind.all_figures`)."""
    figures = ind.all_figures(ds, period, job_specialist=job_specialist, roster=roster)
    rated = ind.review_scores(ind.fidelity_review_record(ds, period))
    return Figures(period, job_specialist, figures, ind.total_fidelity_score(figures, rated))


def indicator_figures(
    journal: Journal, *, period: Period, job_specialist: str | None = None
) -> Figures:
    """What ``feltjournal indicators`` prints: the same figures as the report screen."""
    with gc_paused():
        return figures_from_dataset(
            journal.dataset(INDICATOR_TYPES),
            period=period,
            job_specialist=job_specialist,
            roster=job_specialists_by_role(journal),
        )


def report_from_dataset(
    ds: Dataset,
    *,
    period: Period,
    job_specialist: str | None = None,
    roster: ind.Roster = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """All figures for the period, plus the chart series ending with it.

    Raises ReportCancelled between steps once ``cancelled()`` is true.
    """

    def check() -> None:
        if cancelled():
            raise ReportCancelled

    table = figures_from_dataset(ds, period=period, job_specialist=job_specialist, roster=roster)
    check()
    end = period.end
    quarters = list(reversed(recent_periods("quarter", end, CHART_QUARTERS)))
    months = list(reversed(recent_periods("month", end, CHART_MONTHS)))
    into_work = [(q, ind.into_work(ds, q, job_specialist=job_specialist)) for q in quarters]
    check()
    employment = [(q, ind.employment_rate(ds, q, job_specialist=job_specialist)) for q in quarters]
    check()
    starts = [(m, ind.job_starts(ds, m, job_specialist=job_specialist)) for m in months]
    check()
    names = sorted(
        {
            str(p.fields["job_specialist"])
            for p in ds.of("participant")
            if p.fields.get("job_specialist")
        },
        key=str.casefold,
    )
    # Read-only views, not copies: a year's report names tens of thousands of records.
    records = {
        r.id: Item(r.id, r.type, r.parent, MappingProxyType(r.fields))
        for t in _LOOKUP_TYPES
        for r in ds.of(t)
    }
    return Report(
        period=period,
        job_specialist=job_specialist,
        figures=table.figures,
        total=table.total,
        into_work=into_work,
        employment_rate=employment,
        job_starts=starts,
        job_specialists=names,
        records=records,
    )


def build_report(
    journal: Journal,
    *,
    period: Period,
    job_specialist: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """The report over what this role may read (see ``report_from_dataset``)."""
    # Collections of the oldest generation walked every decrypted record,
    # 80-90 ms each with the GUI thread waiting (storage.gc_pause).
    with gc_paused():
        return report_from_dataset(
            journal.dataset(INDICATOR_TYPES),
            period=period,
            job_specialist=job_specialist,
            roster=job_specialists_by_role(journal),
            cancelled=cancelled,
        )
