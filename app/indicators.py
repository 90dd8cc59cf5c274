"""IPS fidelity and outcome indicators: pure functions over a Dataset and a Period.

Every figure is computed from the records *as of the period's last day*: records
dated after it are ignored, an exit or a job end after it has not happened yet,
and nothing here reads the clock. The reports screen and the central reports
both call :func:`all_figures`; each indicator also has its own function.

A :class:`Figure` carries its value (``None`` when there is nothing to measure,
never 0 for "no data"), the share's numerator and denominator, a 1–5 score for
the fidelity items that have anchors in :data:`THRESHOLDS`, and the ids of the
records behind it for drill-down (``records``; for a share also
``numerator_records``). ``record_type`` says what those ids are.

Scope: ``job_specialist`` filters by name. Participant-based figures follow the
participant's ``job_specialist`` field; contacts and activities follow their
own ``job_specialist`` field (a participant's employer contact without one
falls back to the participant's job specialist).

Conventions used throughout (documented once here):
- An episode is open on day *d* when ``entry <= d <= exit`` (the exit day is the
  last day of service). "Served in the period" = an episode overlaps it;
  "active" = an episode open on the period's last day.
- A job is held in the period when ``start <= period.end`` and it has not ended
  before ``period.start``; a job *start* is a job whose ``start`` is in the period.
- Shares are percentages (0–100); targets and score bands use the figure's unit.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal, TypeAlias

from app.domain.schema import DECLINE_REASONS, EXIT_REASONS, OUTCOME_6M, REFERRAL_SOURCES
from app.journal import Dataset
from storage.store import Record

# ---------------------------------------------------------------------------
# Periods


_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/)\s*(\d{4}-\d{2}-\d{2})$")
_DAYS_PER_MONTH: Final = 365.25 / 12


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, the day clamped to the month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    month = m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, both ends inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1–4, not {quarter}")
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), Period.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-Q3", "2026Q3", "2026-09", "2026" or "2026-07-01..2026-09-30"."""
        s = text.strip()
        if m := _QUARTER.match(s):
            return cls.quarter(int(m[1]), int(m[2]))
        if m := _MONTH.match(s):
            month = int(m[2])
            if not 1 <= month <= 12:
                raise ValueError(f"not a month: {text!r}")
            return cls.month(int(m[1]), month)
        if m := _YEAR.match(s):
            return cls.year(int(m[1]))
        if m := _RANGE.match(s):
            return cls(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        raise ValueError(f"not a period: {text!r} (use 2026-Q3, 2026-09 or 2026)")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def months(self) -> float:
        """Whole calendar months when the period is made of them, else days / 30.44."""
        if self.start.day == 1 and self.end == Period.month(self.end.year, self.end.month).end:
            return float(
                (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            )
        return self.days / _DAYS_PER_MONTH

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
            return str(s.year)
        if (
            s.day == 1
            and (s.month - 1) % 3 == 0
            and e == Period.quarter(s.year, s.month // 3 + 1).end
        ):
            return f"{s.year}-Q{s.month // 3 + 1}"
        if s.day == 1 and e == Period.month(s.year, s.month).end:
            return f"{s.year}-{s.month:02d}"
        return f"{s.isoformat()}..{e.isoformat()}"

    def contains(self, d: date | None) -> bool:
        return d is not None and self.start <= d <= self.end


def parse_period(text: str) -> Period:
    """Same as :meth:`Period.parse`."""
    return Period.parse(text)


# ---------------------------------------------------------------------------
# Score bands: THE one table a team corrects


@dataclass(frozen=True, slots=True)
class Band:
    """A score given when ``min <= value <= max`` (either end open when None).

    Bands are tried in order and the first that matches wins, so a value that
    falls between two published anchors (a caseload of 20.5) gets the next band.
    """

    score: int
    min: float | None = None
    max: float | None = None

    def matches(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


# Values are in each figure's unit: participants per FTE, days, contacts per
# week, or percent (0–100).
#   ✓          confirmed from the scale's sources (marked ✓ in INDICATORS.md)
#   published  the IPS-25 scale's usual published anchors (not yet confirmed here)
#   derived    the item's anchors are qualitative; this numeric mapping is ours
#              (only its top, "all"/"none", comes from INDICATORS.md) — review it
THRESHOLDS: Final[dict[str, tuple[Band, ...]]] = {
    # ✓ caseload size: ≤ 20 → 5, 21–25 → 4, 26–30 → 3, 31–40 → 2, ≥ 41 → 1
    "caseload": (Band(5, max=20), Band(4, max=25), Band(3, max=30), Band(2, max=40), Band(1)),
    # ✓ rapid job search, mean days: ≤ 30 → 5, 31–60 → 4, 61–150 → 3, 151–270 → 2, ≥ 271 → 1
    "rapid_job_search": (
        Band(5, max=30),
        Band(4, max=60),
        Band(3, max=150),
        Band(2, max=270),
        Band(1),
    ),
    # published: face-to-face employer contacts per week: ≥ 6 → 5, 5 → 4, 4 → 3, 2 → 2, < 2 → 1
    "job_development": (Band(5, min=6), Band(4, min=5), Band(3, min=4), Band(2, min=2), Band(1)),
    # published: contacts based on preferences: ≥ 90 % → 5, 75–89 → 4, 50–74 → 3, 25–49 → 2
    "individualised_search": (
        Band(5, min=90),
        Band(4, min=75),
        Band(3, min=50),
        Band(2, min=25),
        Band(1),
    ),
    # published: ≥ 85 % diverse → 5, 70–84 → 4, 60–69 → 3, 50–59 → 2, < 50 → 1
    "diversity_job_types": (
        Band(5, min=85),
        Band(4, min=70),
        Band(3, min=60),
        Band(2, min=50),
        Band(1),
    ),
    # published: as for job types
    "diversity_employers": (
        Band(5, min=85),
        Band(4, min=70),
        Band(3, min=60),
        Band(2, min=50),
        Band(1),
    ),
    # published: ≥ 95 % → 5, 85–94 → 4, 75–84 → 3, 65–74 → 2, < 65 → 1
    "competitive_jobs": (
        Band(5, min=95),
        Band(4, min=85),
        Band(3, min=75),
        Band(2, min=65),
        Band(1),
    ),
    # published: share of scheduled time in the community: ≥ 65 % → 5, 50–64 → 4,
    # 40–49 → 3, 30–39 → 2, < 30 → 1
    "community_based": (
        Band(5, min=65),
        Band(4, min=50),
        Band(3, min=40),
        Band(2, min=30),
        Band(1),
    ),
    # derived: face-to-face follow-along contacts made of those due, monthly ones on
    # average (the scale's top: every contact, "at least monthly … on average")
    "follow_along": (Band(5, min=90), Band(4, min=75), Band(3, min=50), Band(2, min=25), Band(1)),
    # derived: disclosure discussed before the first client-specific contact (top = all)
    "disclosure": (Band(5, min=100), Band(4, min=75), Band(3, min=50), Band(2, min=25), Band(1)),
    # ✓ top (all job starts preceded by benefits counselling); lower bands derived
    "benefits_planning": (
        Band(5, min=100),
        Band(4, min=75),
        Band(3, min=50),
        Band(2, min=25),
        Band(1),
    ),
    # ✓ top (no referral declined as "not ready"); lower bands derived.
    # Value: % of decided referrals declined as not ready.
    "zero_exclusion": (Band(5, max=0), Band(4, max=5), Band(3, max=10), Band(2, max=20), Band(1)),
}

# IPS-25 total (25 items × 1–5): (lowest points, label), best first.
FIDELITY_BANDS: Final[tuple[tuple[int, str], ...]] = (
    (115, "exemplary fidelity"),
    (100, "good fidelity"),
    (74, "fair fidelity"),
    (0, "not supported employment"),
)
SCALE_ITEMS: Final = 25


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """One item of the IPS-25 scale: computed from the records when ``key`` is in
    :data:`THRESHOLDS`, else rated by the team lead (a fidelity review, per period)."""

    number: int
    key: str
    label: str  # English source

    @property
    def computed(self) -> bool:
        return self.key in THRESHOLDS


# The 25 items in the scale's order (Becker, Swanson, Bond et al.), "VR counsellor" read as
# the NAV counsellor.
IPS25_ITEMS: Final[tuple[ScaleItem, ...]] = tuple(
    ScaleItem(n, key, label)
    for n, (key, label) in enumerate(
        (
            ("caseload", "Caseload size"),
            ("employment_staff", "Employment services staff"),
            ("vocational_generalists", "Vocational generalists"),
            ("team_assignment", "Integration with treatment: team assignment"),
            ("team_contact", "Integration with treatment: frequent team member contact"),
            ("nav_collaboration", "Collaboration between job specialists and NAV counsellors"),
            ("vocational_unit", "Vocational unit"),
            ("supervisor_role", "Role of the employment supervisor"),
            ("zero_exclusion", "Zero exclusion criteria"),
            ("agency_focus", "Agency focus on competitive employment"),
            ("executive_support", "Executive team support for supported employment"),
            ("benefits_planning", "Work incentives planning"),
            ("disclosure", "Disclosure"),
            ("work_based_assessment", "Ongoing, work-based vocational assessment"),
            ("rapid_job_search", "Rapid job search for competitive job"),
            ("individualised_search", "Individualised job search"),
            ("job_development", "Job development: frequent employer contact"),
            ("employer_contact_quality", "Job development: quality of employer contact"),
            ("diversity_job_types", "Diversity of job types"),
            ("diversity_employers", "Diversity of employers"),
            ("competitive_jobs", "Competitive jobs"),
            ("individualised_follow_along", "Individualised follow-along supports"),
            ("follow_along", "Time-unlimited follow-along supports"),
            ("community_based", "Community-based services"),
            ("assertive_engagement", "Assertive engagement and outreach by the team"),
        ),
        start=1,
    )
)
#: The items a team lead rates by hand (nothing recorded here can compute them).
RATED_ITEMS: Final[tuple[str, ...]] = tuple(i.key for i in IPS25_ITEMS if not i.computed)

# Targets a team works to (in the figure's unit).
CASELOAD_MAX: Final = 20.0
RAPID_SEARCH_DAYS: Final = 30.0
FOUR_WEEK_DAYS: Final = 28  # SFJ: first face-to-face employer contact within four weeks
JOB_DEVELOPMENT_PER_WEEK: Final = 6.0
INTO_WORK_TARGET: Final = 80.0  # NAV's target for Senter for jobbmestring
EMPLOYMENT_RATE_BENCHMARKS: Final[tuple[tuple[str, float], ...]] = (
    ("minimal", 31.0),
    ("average", 41.0),
    ("excellent", 50.0),
)
MEETING_WINDOW_DAYS: Final = 90  # a collaboration meeting in the last 90 days
NAV_CONTACTS_PER_MONTH: Final = 1.0
DISCLOSURE_REPEAT_DAY: Final = 60  # no job by day 60 → talk about disclosure again
DISCLOSURE_REPEAT_WINDOW: Final = 30  # ... within the following 30 days
RETENTION_WEEKS: Final = (13, 26)

# Which contacts count for what.
JOB_DEVELOPMENT_PURPOSES: Final = frozenset({"job_development", "client_specific"})
INTO_WORK_REASONS: Final = frozenset({"ordinary_work", "education"})
# Exits NAV leaves out of the into-work share: always a move away; a team lead adds
# others (a team setting, app.operations.team_settings). Never the into-work reasons.
NAV_EXCLUDED_ALWAYS: Final = frozenset({"moved"})
NAV_EXCLUDABLE: Final = tuple(r for r in EXIT_REASONS if r not in INTO_WORK_REASONS)
# Part of the into-work breakdown: left for "ordinary work" holding only jobs with a
# wage subsidy (or not competitive): not counted as competitive work.
SUBSIDISED_WORK: Final = "ordinary_work_subsidised"
OUTCOME_MISSING: Final = "missing"  # six months passed, no status recorded
SIX_MONTHS: Final = 6
OUTCOME_EARLY_DAYS: Final = 30  # a status recorded up to 30 days before the date counts
DEFAULT_FTE: Final = 1.0
#: The figures divided by the team's FTE: their parts name whom, each at their FTE.
PER_FTE_KEYS: Final = frozenset({"caseload", "job_development"})

# Every record type the indicators read: a caller may load only these.
INDICATOR_TYPES: Final = frozenset(
    {
        "participant",
        "episode",
        "referral",
        "employer",
        "employer_contact",
        "team_employer_contact",
        "activity",
        "job",
        "follow_along",
        "case_note",
        "disclosure_plan",
        "meeting",
        "outcome_6m",
        "therapy_session",
        "self_assessment",
        "job_specialist_fte",
        "team_settings",
        "fidelity_review",
    }
)


def fte_by_job_specialist(ds: Dataset) -> dict[str, float]:
    """The team lead's FTE per job specialist (``job_specialist_fte`` records); a name
    with several (made apart on two laptops) takes its newest-id-last value."""
    out: dict[str, float] = {}
    for r in sorted(ds.of("job_specialist_fte"), key=lambda r: r.id):
        name, fte = r.fields.get("job_specialist"), r.fields.get("fte")
        if isinstance(name, str) and name and isinstance(fte, int | float) and fte > 0:
            out[name] = float(fte)
    return out


# What a figure counts, in one sentence, where that is not plain from its name (English
# source; the screen translates it, the CLI and the CSV print it beside the figure).
DEFINITIONS: Final[dict[str, str]] = {
    "rapid_job_search": (
        "Mean days from entry to the first face-to-face employer contact; a participant "
        "without one yet counts the days until the period's end (or exit)"
    ),
    "into_work": (
        "Exits to ordinary work or education ÷ exits; moves away and the exit reasons the "
        "team lead sets are left out; ordinary work counts only with a job held that is "
        "competitive and without wage subsidy"
    ),
    "into_work_excluded": "Exits in the period left out of the into-work share",
    "outcome_6m": (
        "Everyone six months past a job start or an exit in the period; no status "
        "recorded counts as missing"
    ),
    "four_week_rule": (
        "Participants whose day 28 after entry falls in the period: the share with a "
        "face-to-face employer contact about a competitive job, or a job start, by day 28"
    ),
    "follow_along": (
        "Face-to-face follow-along contacts made of those due after each job start, judged "
        "on average; it stops at exit, at the job's end and when the participant wants no more"
    ),
}


def score_for(key: str, value: float | None) -> int | None:
    """The 1–5 score of ``value`` for the item ``key``; None without bands or value."""
    bands = THRESHOLDS.get(key)
    if bands is None or value is None:
        return None
    for band in bands:
        if band.matches(value):
            return band.score
    return None


def fidelity_band(points: float) -> str:
    """The IPS-25 label for a total over all 25 items."""
    for lowest, label in FIDELITY_BANDS:
        if points >= lowest:
            return label
    return FIDELITY_BANDS[-1][1]


# ---------------------------------------------------------------------------
# Figures


Unit = Literal[
    "%",
    "days",
    "per week",
    "per FTE",
    "per participant per month",
    "count",
    "hours per week",
    "sessions",
    "points",
]
Group = Literal["fidelity", "outcome"]


@dataclass(frozen=True, slots=True)
class Part:
    """One line of a breakdown (a reason, a source, an item, a missed contact)."""

    key: str
    value: float | None
    records: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """One indicator for one scope and period.

    ``value`` is None when there is nothing to measure. For a share (unit "%"),
    ``numerator``/``denominator`` are the counts and ``numerator_records`` the
    ids counted above the line; for a mean, ``denominator`` is how many values
    were averaged. ``label`` is an English source string for the UI to translate.
    """

    key: str
    label: str
    group: Group
    unit: Unit
    value: float | None
    record_type: str  # what the ids in ``records`` are: participant, job, contact, …
    records: tuple[str, ...] = ()
    numerator: float | None = None
    denominator: float | None = None
    numerator_records: tuple[str, ...] = ()
    score: int | None = None
    target: float | None = None
    better: Literal["higher", "lower"] | None = None
    parts: tuple[Part, ...] = ()
    benchmarks: tuple[tuple[str, float], ...] = ()

    @property
    def scored(self) -> bool:
        return self.key in THRESHOLDS

    @property
    def is_share(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True, slots=True)
class FidelityTotal:
    """The IPS-25 total over the items scored: computed from the records, or rated by
    the team lead for the period (a fidelity review).

    ``computed``: items scored from the records; ``no_data``: items the app computes
    that had nothing to measure this period; ``rated``: items the team lead rated;
    ``unrated``: items only a team lead can rate that are not rated yet. ``band`` is set
    only when all 25 items were scored. ``projected_points`` is the mean item score × 25
    and ``projected_band`` its label: an estimate, not a fidelity review.
    """

    points: int
    items_scored: int
    max_points: int
    keys: tuple[str, ...]
    partial: bool
    band: str | None
    projected_points: float | None
    projected_band: str | None
    items_on_scale: int = SCALE_ITEMS
    computed: tuple[str, ...] = ()
    no_data: tuple[str, ...] = ()
    rated: tuple[str, ...] = ()
    unrated: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Reading records


def parse_date(value: object) -> date | None:
    """A field's ISO date, or None when missing or malformed."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class Index:
    """A Dataset's records by parent, built once per type on first use."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self._by_parent: dict[str, dict[str, list[Record]]] = {}
        self._by_id: dict[str, Record] | None = None

    def of(self, record_type: str) -> list[Record]:
        return self.ds.of(record_type)

    def children(self, record_type: str, parent: str) -> list[Record]:
        table = self._by_parent.get(record_type)
        if table is None:
            table = defaultdict(list)
            for r in self.ds.of(record_type):
                if r.parent is not None:
                    table[r.parent].append(r)
            self._by_parent[record_type] = table
        return table.get(parent, [])

    def participant(self, participant_id: str | None) -> Record | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.ds.of("participant")}
        return self._by_id.get(participant_id) if participant_id else None


@dataclass(frozen=True, slots=True)
class Episode:
    """An episode of service as known on ``as_of`` (a later exit has not happened)."""

    id: str
    participant: str
    entry: date
    exit: date | None
    exit_reason: str | None

    def open_on(self, d: date) -> bool:
        return self.entry <= d and (self.exit is None or d <= self.exit)

    def overlaps(self, period: Period) -> bool:
        return self.entry <= period.end and (self.exit is None or self.exit >= period.start)


def episodes(index: Index, participant_id: str, as_of: date) -> list[Episode]:
    """A participant's episodes that had begun by ``as_of``, oldest first."""
    out: list[Episode] = []
    for r in index.children("episode", participant_id):
        entry = parse_date(r.fields.get("entry"))
        if entry is None or entry > as_of:
            continue
        exit_ = parse_date(r.fields.get("exit"))
        reason = _str(r.fields.get("exit_reason"))
        if exit_ is None or exit_ > as_of:
            exit_, reason = None, None
        out.append(Episode(r.id, participant_id, entry, exit_, reason))
    out.sort(key=lambda e: (e.entry, e.id))
    return out


def open_episode(index: Index, participant_id: str, on: date) -> Episode | None:
    """The latest episode open on ``on``."""
    open_ = [e for e in episodes(index, participant_id, on) if e.open_on(on)]
    return open_[-1] if open_ else None


@dataclass(frozen=True, slots=True)
class Job:
    """A job as known on ``as_of`` (an end after it has not happened yet)."""

    id: str
    participant: str
    start: date
    end: date | None
    record: Record

    def held_in(self, period: Period) -> bool:
        return self.start <= period.end and (self.end is None or self.end >= period.start)

    def held_on(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def jobs(index: Index, participant_id: str, as_of: date | None = None) -> list[Job]:
    """A participant's jobs, by start; with ``as_of``, only those started by then."""
    out: list[Job] = []
    for r in index.children("job", participant_id):
        start = parse_date(r.fields.get("start"))
        if start is None or (as_of is not None and start > as_of):
            continue
        end = parse_date(r.fields.get("end"))
        if as_of is not None and end is not None and end > as_of:
            end = None
        out.append(Job(r.id, participant_id, start, end, r))
    out.sort(key=lambda j: (j.start, j.id))
    return out


def first_face_to_face_contact(
    index: Index, episode: Episode, as_of: date
) -> tuple[date, Record] | None:
    """The first face-to-face employer contact about a competitive job in an episode.

    Counts the participant's ``employer_contact`` records with mode face_to_face
    whose ``competitive_job`` is not recorded as False, dated from the entry to
    the exit (or ``as_of``).
    """
    last = min(episode.exit, as_of) if episode.exit else as_of
    best: tuple[date, Record] | None = None
    for c in index.children("employer_contact", episode.participant):
        if c.fields.get("mode") != "face_to_face" or c.fields.get("competitive_job") is False:
            continue
        d = parse_date(c.fields.get("date"))
        if d is None or not episode.entry <= d <= last:
            continue
        if best is None or (d, c.id) < (best[0], best[1].id):
            best = (d, c)
    return best


FourWeekHow = Literal["contact", "job"]


@dataclass(frozen=True, slots=True)
class FourWeekStop:
    """What stopped an episode's four-week clock, and on which day."""

    day: date
    how: FourWeekHow  # the first face-to-face employer contact, or a job start
    record_id: str

    def day_number(self, entry: date) -> int:
        """Days from entry (the entry day is day 0; the rule is met up to day 28)."""
        return (self.day - entry).days


def four_week_stop(index: Index, episode: Episode, as_of: date) -> FourWeekStop | None:
    """The first face-to-face employer contact about a competitive job or the first job
    start in an episode, whichever came first, up to the exit (or ``as_of``).

    A job found without the job specialist (through the participant's own network, say)
    stops the clock as a contact does: the search it measures is over. A job already held
    on the entry day counts from the entry day; a contact and a job start on the same day
    count as the contact.
    """
    last = min(episode.exit, as_of) if episode.exit else as_of
    found: list[tuple[date, int, FourWeekHow, str]] = []
    first = first_face_to_face_contact(index, episode, as_of)
    if first is not None:
        found.append((first[0], 0, "contact", first[1].id))
    for job in jobs(index, episode.participant, last):
        if job.end is not None and job.end < episode.entry:
            continue  # over before this episode began
        found.append((max(job.start, episode.entry), 1, "job", job.id))
    if not found:
        return None
    day, _, how, rid = min(found)
    return FourWeekStop(day, how, rid)


# ---------------------------------------------------------------------------
# Follow-along schedule (shared with reminders)

CheckpointStatus = Literal["met", "missed", "pending"]


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One follow-along contact a job start calls for, and whether it happened."""

    name: str  # before_start, after_start, week_1..week_4, month_2..month_12, after_end
    window_start: date
    window_end: date
    status: CheckpointStatus
    contact: str | None = None  # id of the follow_along record that met it


def follow_along_windows(start: date, end: date | None) -> list[tuple[str, date, date]]:
    """The contacts due after a job start, as (name, first day, last day).

    Within 7 days before the start; within 3 days after it (start day included);
    once in each of weeks 1–4; once in each calendar month 2–12. After a job
    ends, windows that would open later fall away and one more is due within
    3 days of the end.
    """
    day = timedelta(days=1)
    out = [
        ("before_start", start - 7 * day, start - day),
        ("after_start", start, start + 3 * day),
    ]
    out += [
        (f"week_{k}", start + 7 * (k - 1) * day, start + (7 * k - 1) * day) for k in range(1, 5)
    ]
    out += [
        (f"month_{m}", add_months(start, m - 1), add_months(start, m) - day) for m in range(2, 13)
    ]
    if end is not None:
        out = [w for w in out if w[1] <= end]
        out.append(("after_end", end, end + 3 * day))
    return out


def follow_along_contacts(index: Index, job: Job, as_of: date) -> list[tuple[date, str]]:
    """Face-to-face follow-along contacts for this job (or for no job in particular) up to
    ``as_of``. A phone call or a message is follow-along too, but the scale counts
    face-to-face contacts only, and so do the reminders."""
    out: list[tuple[date, str]] = []
    for r in index.children("follow_along", job.participant):
        if r.fields.get("job") not in (None, "", job.id):
            continue
        if r.fields.get("mode") != "face_to_face":
            continue
        d = parse_date(r.fields.get("date"))
        if d is not None and d <= as_of:
            out.append((d, r.id))
    out.sort()
    return out


def follow_along_stop(index: Index, job: Job, as_of: date) -> date | None:
    """The day follow-along stops before its year is out, as known on ``as_of``: the
    participant's exit (the first one on or after the week before the start) or the day
    they said they want no more follow-along (``follow_along_declined`` on the job),
    whichever comes first. None while neither has happened. (A job's end stops it too:
    :func:`follow_along_windows` ends the schedule there, with one more contact due.)"""
    stops: list[date] = []
    declined = parse_date(job.record.fields.get("follow_along_declined"))
    if declined is not None and declined <= as_of:
        stops.append(declined)
    week_before = job.start - timedelta(days=7)
    for ep in episodes(index, job.participant, as_of):
        if ep.exit is not None and ep.exit >= week_before:
            stops.append(ep.exit)
    return min(stops) if stops else None


def follow_along_checkpoints(
    job: Job,
    contacts: Sequence[tuple[date, str]],
    closed_through: date,
    stop: date | None = None,
) -> tuple[Checkpoint, ...]:
    """Each window's status: met by a contact in it, missed when it closed on or
    before ``closed_through`` without one, else pending. Once follow-along has stopped
    (``stop``: exit, or no more wanted), a window not closed by then is no longer owed
    and is left out unless a contact met it."""
    out: list[Checkpoint] = []
    for name, ws, we in follow_along_windows(job.start, job.end):
        hit = next((cid for d, cid in contacts if ws <= d <= we), None)
        if hit is not None:
            status: CheckpointStatus = "met"
        elif stop is not None and we > stop:
            continue
        elif we <= closed_through:
            status = "missed"
        else:
            status = "pending"
        out.append(Checkpoint(name, ws, we, status, hit))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class JobFollowAlong:
    """One job's follow-along as the fidelity item judges it.

    The contacts around the start (within a week before, within 3 days after, each of
    weeks 1–4) and after a job loss are owed one by one. After the first month the scale
    asks for face-to-face contact "at least monthly, on average": every month owed calls
    for one contact, and a month with two makes up for one with none. ``owed`` is how
    many contacts were due so far, ``made`` how many of them there were.
    """

    participant_id: str
    job_id: str
    start: date
    checkpoints: tuple[Checkpoint, ...]
    contacts_in_months: int = 0  # face-to-face contacts in the monthly phase so far

    @property
    def due(self) -> tuple[Checkpoint, ...]:
        return tuple(c for c in self.checkpoints if c.status != "pending")

    @property
    def missed(self) -> tuple[Checkpoint, ...]:
        """Contacts missed around the start or a job loss (monthly ones: ``months_short``)."""
        return tuple(c for c in self.due if c.status == "missed" and not _monthly(c))

    @property
    def months_owed(self) -> int:
        return sum(1 for c in self.due if _monthly(c))

    @property
    def months_short(self) -> int:
        return max(0, self.months_owed - self.contacts_in_months)

    @property
    def owed(self) -> int:
        return len(self.due)

    @property
    def made(self) -> int:
        return self.owed - len(self.missed) - self.months_short


def _monthly(c: Checkpoint) -> bool:
    return c.name.startswith("month_")


def job_follow_along(
    job: Job, contacts: Sequence[tuple[date, str]], closed_through: date, stop: date | None
) -> JobFollowAlong:
    """A job's checkpoints and its monthly contacts counted on average (see JobFollowAlong)."""
    checks = follow_along_checkpoints(job, contacts, closed_through, stop)
    months = [c for c in checks if _monthly(c) and c.status != "pending"]
    in_months = 0
    if months:
        first, last = months[0].window_start, max(c.window_end for c in months)
        in_months = sum(1 for d, _ in contacts if first <= d <= last)
    return JobFollowAlong(job.participant, job.id, job.start, checks, in_months)


# ---------------------------------------------------------------------------
# Scope


Fte: TypeAlias = float | Mapping[str, float] | None
#: The team's job specialists by role (the device directory as this laptop last synced
#: it, app.operations.team.job_specialists_by_role), or None where no directory is known.
Roster: TypeAlias = Collection[str] | None


class _Scope:
    """One dataset, period and (optional) job specialist; lookups built once."""

    def __init__(
        self, ds: Dataset, period: Period, job_specialist: str | None, roster: Roster = None
    ) -> None:
        self.index = Index(ds)
        self.period = period
        self.end = period.end
        self.js = job_specialist
        self.roster = None if roster is None else frozenset(roster)
        self.participants: dict[str, Record] = {
            p.id: p
            for p in ds.of("participant")
            if job_specialist is None or p.fields.get("job_specialist") == job_specialist
        }
        self._episodes: dict[str, list[Episode]] = {}
        self._jobs: dict[str, list[Job]] = {}
        self.fte_setting = fte_by_job_specialist(ds)

    def episodes(self, pid: str) -> list[Episode]:
        if pid not in self._episodes:
            self._episodes[pid] = episodes(self.index, pid, self.end)
        return self._episodes[pid]

    def jobs(self, pid: str) -> list[Job]:
        if pid not in self._jobs:
            self._jobs[pid] = jobs(self.index, pid, self.end)
        return self._jobs[pid]

    def all_jobs(self) -> list[Job]:
        return [j for pid in self.participants for j in self.jobs(pid)]

    def served(self) -> list[str]:
        return sorted(
            pid
            for pid in self.participants
            if any(e.overlaps(self.period) for e in self.episodes(pid))
        )

    def active(self) -> list[str]:
        return sorted(
            pid for pid in self.participants if any(e.open_on(self.end) for e in self.episodes(pid))
        )

    def dated(self, records: Iterable[Record], field: str = "date") -> list[tuple[date, Record]]:
        """Records (with their date) dated inside the period."""
        out = []
        for r in records:
            d = parse_date(r.fields.get(field))
            if self.period.contains(d):
                assert d is not None
                out.append((d, r))
        return out

    def children_dated_upto(
        self, record_type: str, pid: str, field: str = "date"
    ) -> list[tuple[date, Record]]:
        out = []
        for r in self.index.children(record_type, pid):
            d = parse_date(r.fields.get(field))
            if d is not None and d <= self.end:
                out.append((d, r))
        out.sort(key=lambda t: (t[0], t[1].id))
        return out

    def owner(self, r: Record) -> str | None:
        """Whose contact or activity this is."""
        own = _str(r.fields.get("job_specialist"))
        if own is not None:
            return own
        if r.type == "employer_contact":
            p = self.index.participant(r.parent)
            if p is not None:
                return _str(p.fields.get("job_specialist"))
        return None

    def mine(self, r: Record) -> bool:
        return self.js is None or self.owner(r) == self.js

    def carrying(self) -> set[str]:
        """The job specialists of the participants served in the period."""
        names: set[str] = set()
        for pid in self.served():
            name = _str(self.participants[pid].fields.get("job_specialist"))
            if name:
                names.add(name)
        return names

    def job_specialists(self) -> list[str]:
        names = self.carrying()
        for t in ("employer_contact", "team_employer_contact", "activity"):
            for _, r in self.dated(self.index.of(t)):
                name = self.owner(r)
                if name:
                    names.add(name)
        return sorted(names)

    def divisor(self, fte: Fte) -> dict[str, float] | None:
        """Whom caseload and job development divide by, each at their FTE, by name; None
        when the caller gave the FTE as a number.

        A job specialist's scope: that name. The team, where the device directory is
        known (``roster``): its job specialists by role, every name the team lead set an
        FTE for (the lead's word wins: a lead who carries a caseload sets their own), and
        anyone who is the job specialist of a participant served in the period, at 1.0
        unless set. The last keeps the figure honest: that person's participants are in
        the numerator, so leaving them out would make the caseload look heavier than it
        is. A team lead or therapist who only logs an employer visit or an activity is
        not counted. Without a directory (a laptop never enrolled): everyone named as
        job specialist on a participant served, or on a contact or activity in the
        period, and every name with an FTE set.
        """
        if isinstance(fte, int | float):
            return None
        mapping: Mapping[str, float] = self.fte_setting if fte is None else fte
        if self.js is not None:
            names = {self.js}
        elif self.roster is None:
            names = set(self.job_specialists()) | set(mapping)
        else:
            names = set(self.roster) | set(mapping) | self.carrying()
        return {n: float(mapping.get(n, DEFAULT_FTE)) for n in sorted(names, key=str.casefold)}

    def fte(self, fte: Fte) -> tuple[float, tuple[Part, ...]]:
        """The scope's FTE, and its parts (one per name in :meth:`divisor`, the value
        its FTE; none when the caller gave a number)."""
        if isinstance(fte, int | float):
            return float(fte), ()
        divisor = self.divisor(fte) or {}
        return float(sum(divisor.values())), tuple(Part(n, v) for n, v in divisor.items())


def job_specialists(ds: Dataset, period: Period) -> list[str]:
    """Names of job specialists with participants served, contacts or activities in the period."""
    return _Scope(ds, period, None).job_specialists()


# ---------------------------------------------------------------------------
# Building figures


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))


def _share(
    key: str,
    label: str,
    group: Group,
    record_type: str,
    members: Iterable[str],
    hits: Iterable[str],
    *,
    target: float | None = 100.0,
    parts: tuple[Part, ...] = (),
    better: Literal["higher", "lower"] | None = "higher",
    benchmarks: tuple[tuple[str, float], ...] = (),
) -> Figure:
    members_t = _ids(members)
    hits_t = _ids(hits)
    den = len(members_t)
    value = 100.0 * len(hits_t) / den if den else None
    return Figure(
        key=key,
        label=label,
        group=group,
        unit="%",
        value=value,
        record_type=record_type,
        records=members_t,
        numerator=float(len(hits_t)),
        denominator=float(den),
        numerator_records=hits_t,
        score=score_for(key, value),
        target=target,
        better=better,
        parts=parts,
        benchmarks=benchmarks,
    )


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _count_parts(keyed: Mapping[str, Iterable[str]], order: Sequence[str] = ()) -> tuple[Part, ...]:
    """One part per key (``order`` first, then the rest sorted), value = how many ids."""
    keys = [k for k in order if k in keyed] + sorted(k for k in keyed if k not in order)
    return tuple(Part(k, float(len(set(keyed[k]))), _ids(keyed[k])) for k in keys)


# ------------------------------------------------------------ fidelity items


def _caseload(sc: _Scope, fte: Fte) -> Figure:
    active = sc.active()
    team_fte, fte_parts = sc.fte(fte)
    value = len(active) / team_fte if active and team_fte > 0 else None
    return Figure(
        key="caseload",
        label="Caseload size (active participants per FTE)",
        group="fidelity",
        unit="per FTE",
        value=value,
        record_type="participant",
        records=tuple(active),
        numerator=float(len(active)),
        denominator=team_fte,
        score=score_for("caseload", value),
        target=CASELOAD_MAX,
        better="lower",
        parts=fte_parts,
    )


def _rapid_job_search(sc: _Scope) -> Figure:
    # Per participant, the latest episode whose first face-to-face contact falls in the
    # period; a participant in service on the period's last day without one yet counts
    # the days from entry to that day (censored: the wait is at least that long).
    found: dict[str, tuple[int, str | None]] = {}
    for pid in sc.participants:
        for ep in sc.episodes(pid):
            first = first_face_to_face_contact(sc.index, ep, sc.end)
            if first is not None:
                if sc.period.contains(first[0]):
                    found[pid] = ((first[0] - ep.entry).days, first[1].id)
            elif ep.open_on(sc.end):
                found[pid] = ((sc.end - ep.entry).days, None)
    days = [float(d) for d, _ in found.values()]
    value = _mean(days)
    contacted = [pid for pid, (_, cid) in found.items() if cid is not None]
    return Figure(
        key="rapid_job_search",
        label="Rapid job search: mean days from entry to first face-to-face employer contact",
        group="fidelity",
        unit="days",
        value=value,
        record_type="participant",
        records=_ids(found),
        numerator=float(len(contacted)),
        denominator=float(len(found)),
        numerator_records=_ids(contacted),
        score=score_for("rapid_job_search", value),
        target=RAPID_SEARCH_DAYS,
        better="lower",
        parts=tuple(
            Part(pid, float(d), (cid,) if cid else ()) for pid, (d, cid) in sorted(found.items())
        ),
    )


def _four_week_rule(sc: _Scope) -> Figure:
    # Cohort: episodes whose 28th day falls in the period (latest per participant),
    # leaving out those who exited before day 28 without a contact or a job.
    # Met when the first face-to-face employer contact or a job start came by day 28.
    met: dict[str, bool] = {}
    for pid in sc.participants:
        for ep in sc.episodes(pid):
            deadline = ep.entry + timedelta(days=FOUR_WEEK_DAYS)
            if not sc.period.contains(deadline):
                continue
            stop = four_week_stop(sc.index, ep, sc.end)
            if stop is None and ep.exit is not None and ep.exit < deadline:
                continue
            met[pid] = stop is not None and stop.day <= deadline
    return _share(
        "four_week_rule",
        "Four-week rule: first face-to-face employer contact (or a job start) within 28 days",
        "fidelity",
        "participant",
        met,
        [pid for pid, ok in met.items() if ok],
    )


def _job_seekers(sc: _Scope) -> list[str]:
    """Active participants without a job on the period's last day."""
    return [pid for pid in sc.active() if not any(j.held_on(sc.end) for j in sc.jobs(pid))]


def _job_development(sc: _Scope, fte: Fte) -> Figure:
    contacts: list[Record] = []
    for t in ("employer_contact", "team_employer_contact"):
        for _, c in sc.dated(sc.index.of(t)):
            if (
                c.fields.get("mode") == "face_to_face"
                and c.fields.get("purpose") in JOB_DEVELOPMENT_PURPOSES
                and sc.mine(c)
            ):
                contacts.append(c)
    team_fte, fte_parts = sc.fte(fte)
    has_data = bool(contacts) or bool(sc.served())
    per_fte_week = team_fte * sc.period.weeks
    value = len(contacts) / per_fte_week if has_data and per_fte_week > 0 else None
    # Fewer than 3 job seekers per job specialist: the top score needs 2 × seekers
    # a week instead of 6, so the value is scaled to that requirement before banding.
    target = JOB_DEVELOPMENT_PER_WEEK
    scored = value
    if value is not None and team_fte > 0:
        seekers = len(_job_seekers(sc)) / team_fte
        if 0 < seekers < 3:
            target = 2 * seekers
            scored = value * JOB_DEVELOPMENT_PER_WEEK / target
    return Figure(
        key="job_development",
        label="Job development: face-to-face employer contacts per job specialist per week",
        group="fidelity",
        unit="per week",
        value=value,
        record_type="contact",
        records=_ids(c.id for c in contacts),
        numerator=float(len(contacts)),
        denominator=per_fte_week,
        score=score_for("job_development", scored),
        target=target,
        better="higher",
        parts=fte_parts,
    )


def _individualised_search(sc: _Scope) -> Figure:
    contacts = [
        c
        for _, c in sc.dated(sc.index.of("employer_contact"))
        if c.fields.get("purpose") == "client_specific" and sc.mine(c)
    ]
    return _share(
        "individualised_search",
        "Individualised job search: client-specific contacts matching preferences",
        "fidelity",
        "contact",
        (c.id for c in contacts),
        (c.id for c in contacts if c.fields.get("matches_preferences") is True),
        target=90.0,
    )


def _jobs_held(sc: _Scope) -> list[Job]:
    return [j for j in sc.all_jobs() if j.held_in(sc.period)]


def _distinct_share(key: str, label: str, keyed: list[tuple[str, Job]], target: float) -> Figure:
    groups: dict[str, list[Job]] = defaultdict(list)
    for k, j in keyed:
        groups[k].append(j)
    firsts = [min(js, key=lambda j: (j.start, j.id)).id for js in groups.values()]
    parts = tuple(Part(k, float(len(v)), _ids(j.id for j in v)) for k, v in sorted(groups.items()))
    return _share(
        key,
        label,
        "fidelity",
        "job",
        (j.id for _, j in keyed),
        firsts,
        target=target,
        parts=parts,
    )


def _diversity_job_types(sc: _Scope) -> Figure:
    # Job type = STYRK-08 unit group (first four digits); jobs without a code are left out.
    keyed = []
    for j in _jobs_held(sc):
        code = _str(j.record.fields.get("occupation_code"))
        if code:
            keyed.append((code[:4], j))
    return _distinct_share(
        "diversity_job_types", "Diversity of job types (distinct STYRK ÷ jobs)", keyed, 85.0
    )


def _diversity_employers(sc: _Scope) -> Figure:
    # Employer = its organisation number, or the employer record when it has none;
    # jobs without an employer are left out.
    employers = {e.id: e for e in sc.index.of("employer")}
    keyed = []
    for j in _jobs_held(sc):
        eid = _str(j.record.fields.get("employer"))
        if not eid:
            continue
        emp = employers.get(eid)
        org = _str(emp.fields.get("org_number")) if emp is not None else None
        keyed.append((org or eid, j))
    return _distinct_share(
        "diversity_employers", "Diversity of employers (distinct employers ÷ jobs)", keyed, 85.0
    )


def _competitive_jobs(sc: _Scope) -> Figure:
    held = _jobs_held(sc)
    return _share(
        "competitive_jobs",
        "Competitive jobs",
        "fidelity",
        "job",
        (j.id for j in held),
        (j.id for j in held if j.record.fields.get("competitive") is True),
        target=95.0,
    )


def _follow_along_statuses(sc: _Scope) -> list[JobFollowAlong]:
    out: list[JobFollowAlong] = []
    for pid in sc.participants:
        # Jobs starting the day after the period still owe the before-start contact.
        for job in jobs(sc.index, pid, sc.end + timedelta(days=1)):
            if job.end is not None and job.end > sc.end:
                job = Job(job.id, job.participant, job.start, None, job.record)
            contacts = follow_along_contacts(sc.index, job, sc.end)
            stop = follow_along_stop(sc.index, job, sc.end)
            status = job_follow_along(job, contacts, sc.end, stop)
            checks = status.checkpoints
            if status.due and checks[-1].window_end >= sc.period.start:
                out.append(status)
    out.sort(key=lambda f: (f.start, f.job_id))
    return out


def _follow_along(sc: _Scope) -> Figure:
    # Pooled over the jobs in follow-along in the period: face-to-face contacts made ÷
    # contacts owed so far (monthly ones on average); one part per job with its own
    # share, and one per missed contact ("<job>:<checkpoint>", "<job>:monthly" = how
    # many monthly contacts short).
    statuses = [f for f in _follow_along_statuses(sc) if f.owed]
    owed = sum(f.owed for f in statuses)
    made = sum(f.made for f in statuses)
    value = 100.0 * made / owed if owed else None
    parts: list[Part] = [Part(f.job_id, 100.0 * f.made / f.owed) for f in statuses]
    for f in statuses:
        parts += [Part(f"{f.job_id}:{c.name}", None, (f.job_id,)) for c in f.missed]
        if f.months_short:
            parts.append(Part(f"{f.job_id}:monthly", float(f.months_short), (f.job_id,)))
    return Figure(
        key="follow_along",
        label="Time-unlimited follow-along: face-to-face contacts made of those due after "
        "job starts (monthly ones on average), until exit, job end or no more wanted",
        group="fidelity",
        unit="%",
        value=value,
        record_type="job",
        records=_ids(f.job_id for f in statuses),
        numerator=float(made),
        denominator=float(owed),
        numerator_records=_ids(f.job_id for f in statuses if f.made == f.owed),
        score=score_for("follow_along", value),
        target=100.0,
        better="higher",
        parts=tuple(parts),
    )


def _community_based(sc: _Scope) -> Figure:
    acts = [a for _, a in sc.dated(sc.index.of("activity")) if sc.mine(a)]
    minutes = {a.id: _num(a.fields.get("minutes")) or 0.0 for a in acts}
    total = sum(minutes.values())
    community = [a for a in acts if a.fields.get("location") == "community" and minutes[a.id]]
    outside = sum(minutes[a.id] for a in community)
    value = 100.0 * outside / total if total > 0 else None
    return Figure(
        key="community_based",
        label="Community-based services: share of minutes outside the office",
        group="fidelity",
        unit="%",
        value=value,
        record_type="activity",
        records=_ids(a.id for a in acts if minutes[a.id]),
        numerator=outside,
        denominator=total,
        numerator_records=_ids(a.id for a in community),
        score=score_for("community_based", value),
        target=65.0,
        better="higher",
    )


def _disclosure_talks(sc: _Scope, pid: str) -> list[date]:
    talks = [
        d
        for d, n in sc.children_dated_upto("case_note", pid)
        if n.fields.get("topic") == "disclosure"
    ]
    talks += [d for d, _ in sc.children_dated_upto("disclosure_plan", pid, "discussed")]
    return sorted(talks)


def _disclosure(sc: _Scope) -> Figure:
    # Participants whose first client-specific employer contact ever is in the period;
    # met when a disclosure case note or plan is dated on or before it.
    members: list[str] = []
    hits: list[str] = []
    for pid in sc.participants:
        firsts = [
            d
            for d, c in sc.children_dated_upto("employer_contact", pid)
            if c.fields.get("purpose") == "client_specific"
        ]
        if not firsts or not sc.period.contains(firsts[0]):
            continue
        members.append(pid)
        if any(t <= firsts[0] for t in _disclosure_talks(sc, pid)):
            hits.append(pid)
    return _share(
        "disclosure",
        "Disclosure discussed before the first client-specific employer contact",
        "fidelity",
        "participant",
        members,
        hits,
    )


def _disclosure_repeat(sc: _Scope) -> Figure:
    # Episodes with no job started by day 60 whose follow-up window (days 60–90) closes in
    # the period; met when a disclosure talk is dated in that window.
    met: dict[str, bool] = {}
    for pid in sc.participants:
        for ep in sc.episodes(pid):
            day60 = ep.entry + timedelta(days=DISCLOSURE_REPEAT_DAY)
            close = day60 + timedelta(days=DISCLOSURE_REPEAT_WINDOW)
            if not sc.period.contains(close) or not ep.open_on(day60):
                continue
            if any(ep.entry <= j.start <= day60 for j in sc.jobs(pid)):
                continue
            met[pid] = any(day60 <= t <= close for t in _disclosure_talks(sc, pid))
    return _share(
        "disclosure_repeat",
        "Disclosure revisited when there is no job by day 60",
        "fidelity",
        "participant",
        met,
        [p for p, ok in met.items() if ok],
    )


def _job_starts_in(sc: _Scope) -> list[Job]:
    return [j for j in sc.all_jobs() if sc.period.contains(j.start)]


def _benefits_planning(sc: _Scope) -> Figure:
    starts = _job_starts_in(sc)
    hits = []
    for j in starts:
        notes = sc.children_dated_upto("case_note", j.participant)
        if any(d <= j.start and n.fields.get("topic") == "benefits" for d, n in notes):
            hits.append(j.id)
    return _share(
        "benefits_planning",
        "Benefits planning before job start",
        "fidelity",
        "job",
        (j.id for j in starts),
        hits,
    )


def _referrals(sc: _Scope) -> list[Record]:
    return [r for pid in sc.participants for r in sc.index.children("referral", pid)]


def _zero_exclusion(sc: _Scope) -> Figure:
    # Decided referrals (decision date, or received date when none) in the period.
    decided: list[Record] = []
    for r in _referrals(sc):
        if r.fields.get("decision") not in ("accepted", "declined"):
            continue
        when = parse_date(r.fields.get("decided")) or parse_date(r.fields.get("received"))
        if sc.period.contains(when):
            decided.append(r)
    by_reason: dict[str, list[str]] = defaultdict(list)
    for r in decided:
        if r.fields.get("decision") == "declined":
            by_reason[_str(r.fields.get("decline_reason")) or "unspecified"].append(r.id)
    return _share(
        "zero_exclusion",
        "Referrals declined as not ready",
        "fidelity",
        "referral",
        (r.id for r in decided),
        by_reason.get("not_ready", []),
        target=0.0,
        better="lower",
        parts=_count_parts(by_reason, DECLINE_REASONS),
    )


def _referral_sources(sc: _Scope) -> Figure:
    received = [r for _, r in sc.dated(_referrals(sc), "received")]
    by_source: dict[str, list[str]] = defaultdict(list)
    for r in received:
        by_source[_str(r.fields.get("source")) or "unspecified"].append(r.id)
    return _share(
        "referral_sources",
        "Self-referrals (referral source mix)",
        "fidelity",
        "referral",
        (r.id for r in received),
        by_source.get("self", []),
        target=None,
        better=None,
        parts=_count_parts(by_source, REFERRAL_SOURCES),
    )


def _collaboration_meetings(sc: _Scope) -> Figure:
    # Active participants in service for the whole last 90 days; met when a meeting
    # is dated in those 90 days (the period's last day included).
    since = sc.end - timedelta(days=MEETING_WINDOW_DAYS - 1)
    members: list[str] = []
    hits: list[str] = []
    for pid in sc.active():
        ep = [e for e in sc.episodes(pid) if e.open_on(sc.end)][-1]
        if ep.entry > since:
            continue
        members.append(pid)
        if any(d >= since for d, _ in sc.children_dated_upto("meeting", pid)):
            hits.append(pid)
    return _share(
        "collaboration_meetings",
        "Collaboration meeting in the last 90 days",
        "fidelity",
        "participant",
        members,
        hits,
    )


def _nav_contacts(sc: _Scope) -> Figure:
    served = sc.served()
    per: dict[str, list[str]] = {}
    for pid in served:
        notes = [
            n.id
            for _, n in sc.dated(sc.index.children("case_note", pid))
            if n.fields.get("topic") == "nav_contact"
        ]
        per[pid] = notes
    count = sum(len(v) for v in per.values())
    months = len(served) * sc.period.months
    value = count / months if served else None
    return Figure(
        key="nav_contacts",
        label="NAV counsellor contacts per participant per month",
        group="fidelity",
        unit="per participant per month",
        value=value,
        record_type="participant",
        records=tuple(served),
        numerator=float(count),
        denominator=months,
        numerator_records=_ids(n for v in per.values() for n in v),
        target=NAV_CONTACTS_PER_MONTH,
        better="higher",
        parts=tuple(Part(pid, float(len(v)), tuple(sorted(v))) for pid, v in per.items()),
    )


# ------------------------------------------------------------------ outcomes


def _exits(sc: _Scope) -> dict[str, Episode]:
    """Per participant, the latest episode that ended in the period."""
    out: dict[str, Episode] = {}
    for pid in sc.participants:
        for ep in sc.episodes(pid):
            if ep.exit is not None and sc.period.contains(ep.exit):
                out[pid] = ep
    return out


def team_settings_record(ds: Dataset) -> Record | None:
    """The team's settings record (the first by id should two have been made at once)."""
    found = [r for r in ds.of("team_settings") if not r.deleted]
    return min(found, key=lambda r: r.id) if found else None


def team_excluded_reasons(ds: Dataset) -> tuple[str, ...]:
    """The exit reasons the team lead leaves out of the into-work share (team setting)."""
    r = team_settings_record(ds)
    raw = r.fields.get("nav_excluded_exit_reasons") if r is not None else None
    return tuple(v for v in raw if isinstance(v, str)) if isinstance(raw, list) else ()


def fidelity_review_record(ds: Dataset, period: Period) -> Record | None:
    """The period's latest fidelity review (highest revision, then id), or None."""
    found = [
        r
        for r in ds.of("fidelity_review")
        if not r.deleted and r.fields.get("period") == period.label
    ]
    if not found:
        return None
    return max(found, key=lambda r: (_num(r.fields.get("revision")) or 0, r.id))


def review_scores(record: Record | None) -> dict[str, int]:
    """A fidelity review's ratings, item key → 1–5 (anything else left out)."""
    out: dict[str, int] = {}
    raw = record.fields.get("scores") if record is not None else None
    if isinstance(raw, list):
        for s in raw:
            if isinstance(s, Mapping):
                item, score = _str(s.get("item")), _num(s.get("score"))
                if item in RATED_ITEMS and score is not None and score in (1, 2, 3, 4, 5):
                    out[item] = int(score)
    return out


def nav_excluded(extra: Iterable[str] = ()) -> frozenset[str]:
    """The exit reasons left out of the into-work share: a move away, and ``extra`` (the
    team's setting) where it names a reason that may be left out."""
    return NAV_EXCLUDED_ALWAYS | (frozenset(extra) & frozenset(NAV_EXCLUDABLE))


def _into_work_reason(sc: _Scope, ep: Episode) -> str:
    """The exit's reason, or SUBSIDISED_WORK for ordinary work when every job held in the
    episode had a wage subsidy or was not competitive (none: the reason stands)."""
    reason = ep.exit_reason or "unspecified"
    if reason != "ordinary_work":
        return reason
    assert ep.exit is not None
    held = [
        j
        for j in sc.jobs(ep.participant)
        if j.start <= ep.exit and (j.end is None or j.end >= ep.entry)
    ]
    if held and not any(
        j.record.fields.get("wage_subsidy") is not True
        and j.record.fields.get("competitive") is not False
        for j in held
    ):
        return SUBSIDISED_WORK
    return reason


def _into_work(sc: _Scope, excluded: frozenset[str]) -> Figure:
    reason_of: dict[str, str] = {}
    for pid, ep in _exits(sc).items():
        if (ep.exit_reason or "unspecified") not in excluded:
            reason_of[pid] = _into_work_reason(sc, ep)
    by_reason: dict[str, list[str]] = defaultdict(list)
    for pid, reason in reason_of.items():
        by_reason[reason].append(pid)
    return _share(
        "into_work",
        "Exits to ordinary work or education",
        "outcome",
        "participant",
        reason_of,
        [p for p, r in reason_of.items() if r in INTO_WORK_REASONS],
        target=INTO_WORK_TARGET,
        parts=_count_parts(by_reason, (*EXIT_REASONS, SUBSIDISED_WORK)),
    )


def _into_work_excluded(sc: _Scope, excluded: frozenset[str]) -> Figure:
    by_reason: dict[str, list[str]] = defaultdict(list)
    for pid, ep in _exits(sc).items():
        reason = ep.exit_reason or "unspecified"
        if reason in excluded:
            by_reason[reason].append(pid)
    ids = _ids(p for v in by_reason.values() for p in v)
    value = float(len(ids)) if ids or sc.served() else None
    return Figure(
        key="into_work_excluded",
        label="Exits left out of the into-work share (moved away, team setting)",
        group="outcome",
        unit="count",
        value=value,
        record_type="participant",
        records=ids,
        numerator=value,
        parts=_count_parts(by_reason, EXIT_REASONS),
    )


def _employment_rate(sc: _Scope) -> Figure:
    served = sc.served()
    working = [
        pid
        for pid in served
        if any(
            j.held_in(sc.period) and j.record.fields.get("competitive") is True
            for j in sc.jobs(pid)
        )
    ]
    return _share(
        "employment_rate",
        "Employment rate: participants in competitive work in the period",
        "outcome",
        "participant",
        served,
        working,
        target=EMPLOYMENT_RATE_BENCHMARKS[1][1],
        benchmarks=EMPLOYMENT_RATE_BENCHMARKS,
    )


def _job_starts(sc: _Scope) -> Figure:
    starts = _job_starts_in(sc)
    value = float(len(starts)) if starts or sc.served() else None
    return Figure(
        key="job_starts",
        label="Job starts",
        group="outcome",
        unit="count",
        value=value,
        record_type="job",
        records=_ids(j.id for j in starts),
        numerator=value,
        better="higher",
    )


def _days_to_first_job(sc: _Scope) -> Figure:
    found: dict[str, tuple[int, str]] = {}
    for pid in sc.participants:
        for ep in sc.episodes(pid):
            last = ep.exit or sc.end
            first = next((j for j in sc.jobs(pid) if ep.entry <= j.start <= last), None)
            if first is not None and sc.period.contains(first.start):
                found[pid] = ((first.start - ep.entry).days, first.id)
    days = sorted(float(d) for d, _ in found.values())
    return Figure(
        key="days_to_first_job",
        label="Median days from entry to first job start",
        group="outcome",
        unit="days",
        value=statistics.median(days) if days else None,
        record_type="participant",
        records=_ids(found),
        denominator=float(len(found)),
        better="lower",
        parts=tuple(Part(pid, float(d), (jid,)) for pid, (d, jid) in sorted(found.items())),
    )


def _retention(sc: _Scope, weeks: int) -> Figure:
    # Jobs whose N-week mark (last day of week N) falls in the period; kept when
    # the job had not ended before that day.
    cohort: list[str] = []
    kept: list[str] = []
    for j in sc.all_jobs():
        mark = j.start + timedelta(days=7 * weeks - 1)
        if not sc.period.contains(mark):
            continue
        cohort.append(j.id)
        if j.end is None or j.end >= mark:
            kept.append(j.id)
    return _share(
        f"retention_{weeks}w",
        f"Still in the job after {weeks} weeks",
        "outcome",
        "job",
        cohort,
        kept,
        target=None,
    )


def _hours_per_week(sc: _Scope) -> Figure:
    hours = {
        j.id: h
        for j in _jobs_held(sc)
        if (h := _num(j.record.fields.get("hours_per_week"))) is not None
    }
    return Figure(
        key="hours_per_week",
        label="Mean hours per week in jobs held",
        group="outcome",
        unit="hours per week",
        value=_mean(list(hours.values())),
        record_type="job",
        records=_ids(hours),
        denominator=float(len(hours)),
        better="higher",
    )


def six_month_dates(index: Index, participant_id: str, as_of: date) -> list[date]:
    """Six months after each job start and each exit known on ``as_of``, sorted."""
    anchors = [j.start for j in jobs(index, participant_id, as_of)]
    anchors += [e.exit for e in episodes(index, participant_id, as_of) if e.exit is not None]
    return sorted({add_months(a, SIX_MONTHS) for a in anchors})


def _outcome_6m(sc: _Scope) -> Figure:
    # Cohort: everyone with a six-month date (job start or exit + 6 months) in the period,
    # from its first such date. Status: the latest recorded from 30 days before that date up
    # to the period's end; none recorded counts as missing, in the denominator.
    status_of: dict[str, str] = {}
    for pid in sc.participants:
        due = [m for m in six_month_dates(sc.index, pid, sc.end) if sc.period.contains(m)]
        if not due:
            continue
        since = due[0] - timedelta(days=OUTCOME_EARLY_DAYS)
        recorded = [(d, r) for d, r in sc.children_dated_upto("outcome_6m", pid) if d >= since]
        if recorded:
            latest = max(recorded, key=lambda t: (t[0], t[1].id))[1]
            status_of[pid] = _str(latest.fields.get("status")) or "unspecified"
        else:
            status_of[pid] = OUTCOME_MISSING
    by_status: dict[str, list[str]] = {s: [] for s in (*OUTCOME_6M, OUTCOME_MISSING)}
    for pid, s in status_of.items():
        by_status.setdefault(s, []).append(pid)
    return _share(
        "outcome_6m",
        "Six-month status: ordinary work or education",
        "outcome",
        "participant",
        status_of,
        by_status["work_or_education"],
        target=None,
        parts=_count_parts(by_status, (*OUTCOME_6M, OUTCOME_MISSING)),
    )


def _therapy_dose(sc: _Scope) -> Figure:
    # Participants with a session in the period; their sessions so far (up to its end).
    dose: dict[str, int] = {}
    for pid in sc.participants:
        sessions = sc.children_dated_upto("therapy_session", pid)
        if any(sc.period.contains(d) for d, _ in sessions):
            dose[pid] = len(sessions)
    return Figure(
        key="therapy_dose",
        label="Therapy sessions per participant",
        group="outcome",
        unit="sessions",
        value=_mean([float(v) for v in dose.values()]),
        record_type="participant",
        records=_ids(dose),
        numerator=float(sum(dose.values())),
        denominator=float(len(dose)),
        parts=tuple(Part(pid, float(n)) for pid, n in sorted(dose.items())),
    )


def _scores(r: Record) -> dict[str, float]:
    out: dict[str, float] = {}
    raw = r.fields.get("scores")
    if isinstance(raw, list):
        for s in raw:
            if isinstance(s, Mapping):
                item, score = _str(s.get("item")), _num(s.get("score"))
                if item is not None and score is not None:
                    out[item] = score
    return out


def _self_assessment_change(sc: _Scope) -> Figure:
    # Participants with an end assessment in the period (the latest), against their
    # latest start assessment dated on or before it; items present in both.
    diffs: dict[str, list[tuple[str, float]]] = defaultdict(list)
    people: list[str] = []
    for pid in sc.participants:
        rows = sc.children_dated_upto("self_assessment", pid)
        ends = [(d, r) for d, r in rows if r.fields.get("kind") == "end" and sc.period.contains(d)]
        if not ends:
            continue
        end_d, end_r = ends[-1]
        starts = [r for d, r in rows if r.fields.get("kind") == "start" and d <= end_d]
        if not starts:
            continue
        before, after = _scores(starts[-1]), _scores(end_r)
        common = sorted(set(before) & set(after))
        if not common:
            continue
        people.append(pid)
        for item in common:
            diffs[item].append((pid, after[item] - before[item]))
    allv = [v for pairs in diffs.values() for _, v in pairs]
    return Figure(
        key="self_assessment_change",
        label="Self-assessment change (end minus start, mean over items)",
        group="outcome",
        unit="points",
        value=_mean(allv),
        record_type="participant",
        records=_ids(people),
        denominator=float(len(allv)),
        better="higher",
        parts=tuple(
            Part(item, _mean([v for _, v in pairs]), _ids(p for p, _ in pairs))
            for item, pairs in sorted(diffs.items())
        ),
    )


# ---------------------------------------------------------------------------
# Public API: one function per indicator, all_figures, total_fidelity_score


def caseload(
    ds: Dataset,
    period: Period,
    *,
    job_specialist: str | None = None,
    fte: Fte = None,
    roster: Roster = None,
) -> Figure:
    """Participants active on the period's last day ÷ FTE (default 1.0 per job specialist;
    whom it divides by: ``_Scope.divisor``, one part per name)."""
    return _caseload(_Scope(ds, period, job_specialist, roster), fte)


def rapid_job_search(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Mean days from episode entry to the first face-to-face employer contact, over
    participants whose first such contact is in the period and those in service on its
    last day without one yet (their days so far)."""
    return _rapid_job_search(_Scope(ds, period, job_specialist))


def four_week_rule(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Share of participants whose 28th day is in the period who had their first
    face-to-face employer contact, or started a job, within 28 days of entry (day 28
    counts)."""
    return _four_week_rule(_Scope(ds, period, job_specialist))


def job_development(
    ds: Dataset,
    period: Period,
    *,
    job_specialist: str | None = None,
    fte: Fte = None,
    roster: Roster = None,
) -> Figure:
    """Face-to-face employer contacts (client-specific and team, purpose job development or
    client-specific) ÷ (FTE × weeks in the period); the FTE as in :func:`caseload`."""
    return _job_development(_Scope(ds, period, job_specialist, roster), fte)


def individualised_search(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> Figure:
    """Client-specific contacts with matches_preferences ÷ client-specific contacts."""
    return _individualised_search(_Scope(ds, period, job_specialist))


def diversity_job_types(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> Figure:
    """Distinct STYRK unit groups ÷ coded jobs held in the period."""
    return _diversity_job_types(_Scope(ds, period, job_specialist))


def diversity_employers(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> Figure:
    """Distinct organisation numbers ÷ jobs (with an employer) held in the period."""
    return _diversity_employers(_Scope(ds, period, job_specialist))


def competitive_jobs(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Jobs marked competitive ÷ jobs held in the period."""
    return _competitive_jobs(_Scope(ds, period, job_specialist))


def follow_along(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Face-to-face follow-along contacts made ÷ contacts due so far, over the jobs in
    follow-along during the period (monthly contacts judged on average; follow-along
    stops at exit, the job's end or when no more is wanted). Parts: each job's own share
    (key = job id), each missed contact "<job id>:<checkpoint>", and "<job id>:monthly"
    with how many monthly contacts are short."""
    return _follow_along(_Scope(ds, period, job_specialist))


def follow_along_status(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> list[JobFollowAlong]:
    """The checkpoints behind :func:`follow_along`, job by job."""
    return _follow_along_statuses(_Scope(ds, period, job_specialist))


def community_based(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Activity minutes in the community ÷ all activity minutes."""
    return _community_based(_Scope(ds, period, job_specialist))


def disclosure(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Participants with a disclosure talk (case note or plan) on or before their first
    client-specific employer contact ÷ those whose first such contact is in the period."""
    return _disclosure(_Scope(ds, period, job_specialist))


def disclosure_repeat(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Participants without a job by day 60 with a disclosure talk in days 60–90 ÷ those
    whose day 90 is in the period."""
    return _disclosure_repeat(_Scope(ds, period, job_specialist))


def benefits_planning(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Job starts with a benefits case note on or before the start ÷ job starts."""
    return _benefits_planning(_Scope(ds, period, job_specialist))


def zero_exclusion(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Referrals declined as not_ready ÷ referrals decided in the period; parts by reason."""
    return _zero_exclusion(_Scope(ds, period, job_specialist))


def referral_sources(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Self-referrals ÷ referrals received in the period; parts by source."""
    return _referral_sources(_Scope(ds, period, job_specialist))


def collaboration_meetings(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> Figure:
    """Active participants (in service ≥ 90 days) with a meeting in the last 90 days."""
    return _collaboration_meetings(_Scope(ds, period, job_specialist))


def nav_contacts(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Case notes with topic nav_contact ÷ (participants served × months in the period)."""
    return _nav_contacts(_Scope(ds, period, job_specialist))


def into_work(
    ds: Dataset,
    period: Period,
    *,
    job_specialist: str | None = None,
    excluded_reasons: Iterable[str] | None = None,
) -> Figure:
    """Exits to ordinary work or education ÷ exits in the period (target 80 %), leaving
    out moves away and ``excluded_reasons`` (see :func:`nav_excluded`); ordinary work with
    only wage-subsidised or non-competitive jobs held is the part SUBSIDISED_WORK.
    ``excluded_reasons`` None: the team setting in ``ds``."""
    reasons = team_excluded_reasons(ds) if excluded_reasons is None else excluded_reasons
    return _into_work(_Scope(ds, period, job_specialist), nav_excluded(reasons))


def into_work_excluded(
    ds: Dataset,
    period: Period,
    *,
    job_specialist: str | None = None,
    excluded_reasons: Iterable[str] | None = None,
) -> Figure:
    """Exits in the period left out of :func:`into_work`; parts by reason."""
    reasons = team_excluded_reasons(ds) if excluded_reasons is None else excluded_reasons
    return _into_work_excluded(_Scope(ds, period, job_specialist), nav_excluded(reasons))


def employment_rate(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Participants served with a competitive job held in the period ÷ participants served."""
    return _employment_rate(_Scope(ds, period, job_specialist))


def job_starts(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Jobs whose start is in the period."""
    return _job_starts(_Scope(ds, period, job_specialist))


def days_to_first_job(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Median days from entry to the episode's first job start, for first starts in the period."""
    return _days_to_first_job(_Scope(ds, period, job_specialist))


def retention(
    ds: Dataset, period: Period, weeks: int, *, job_specialist: str | None = None
) -> Figure:
    """Jobs still held at the end of week ``weeks`` ÷ jobs whose week mark is in the period."""
    return _retention(_Scope(ds, period, job_specialist), weeks)


def hours_per_week(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Mean hours_per_week over jobs held in the period that record it."""
    return _hours_per_week(_Scope(ds, period, job_specialist))


def outcome_6m(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Share with status work_or_education of everyone whose six-month date (job start or
    exit + 6 months) is in the period; no status recorded is the part "missing"."""
    return _outcome_6m(_Scope(ds, period, job_specialist))


def therapy_dose(ds: Dataset, period: Period, *, job_specialist: str | None = None) -> Figure:
    """Mean sessions so far per participant with a session in the period."""
    return _therapy_dose(_Scope(ds, period, job_specialist))


def self_assessment_change(
    ds: Dataset, period: Period, *, job_specialist: str | None = None
) -> Figure:
    """Mean (end − start) over participants' items; one part per item."""
    return _self_assessment_change(_Scope(ds, period, job_specialist))


def all_figures(
    ds: Dataset,
    period: Period,
    *,
    job_specialist: str | None = None,
    fte: Fte = None,
    roster: Roster = None,
    excluded_reasons: Iterable[str] | None = None,
) -> list[Figure]:
    """Every indicator for one scope and period: fidelity items first, then outcomes.

    ``fte``: a number (the scope's total FTE), a mapping of job specialist name to
    FTE (missing names count 1.0), or None: the team lead's setting in the data
    (``job_specialist_fte`` records; 1.0 for a job specialist without one).
    ``roster``: the team's job specialists by role, None where no device directory is
    known; the team's FTE counts them and not a lead or therapist who only logged a
    contact (``_Scope.divisor``). Caseload and job development list the names and FTE
    they divide by as their parts.
    ``excluded_reasons``: the exit reasons the team leaves out of the into-work share
    besides a move away (see :func:`nav_excluded`); None: the team setting in ``ds``, so
    the reports screen, the CLI and the central snapshot count alike.
    """
    sc = _Scope(ds, period, job_specialist, roster)
    excluded = nav_excluded(
        team_excluded_reasons(ds) if excluded_reasons is None else excluded_reasons
    )
    return [
        _caseload(sc, fte),
        _rapid_job_search(sc),
        _four_week_rule(sc),
        _job_development(sc, fte),
        _individualised_search(sc),
        _diversity_job_types(sc),
        _diversity_employers(sc),
        _competitive_jobs(sc),
        _follow_along(sc),
        _community_based(sc),
        _disclosure(sc),
        _disclosure_repeat(sc),
        _benefits_planning(sc),
        _zero_exclusion(sc),
        _referral_sources(sc),
        _collaboration_meetings(sc),
        _nav_contacts(sc),
        _into_work(sc, excluded),
        _into_work_excluded(sc, excluded),
        _employment_rate(sc),
        _job_starts(sc),
        _days_to_first_job(sc),
        *(_retention(sc, w) for w in RETENTION_WEEKS),
        _hours_per_week(sc),
        _outcome_6m(sc),
        _therapy_dose(sc),
        _self_assessment_change(sc),
    ]


def total_fidelity_score(
    figures: Iterable[Figure], rated: Mapping[str, int] | None = None
) -> FidelityTotal:
    """Sum the scores of the computed items present (one per key) and the team lead's
    ratings (``rated``: item key → 1–5) of the items nothing recorded can compute.

    A rating for a computed item, or outside 1–5, is ignored. ``band`` stays None
    unless all 25 items were scored.
    """
    scores: dict[str, int] = {}
    for f in figures:
        if f.score is not None and f.key in THRESHOLDS:
            scores.setdefault(f.key, f.score)
    computed = tuple(sorted(scores))
    given = {
        k: int(v)
        for k, v in (rated or {}).items()
        if k in RATED_ITEMS and isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
    }
    scores.update(given)
    n = len(scores)
    points = sum(scores.values())
    projected = points / n * SCALE_ITEMS if n else None
    return FidelityTotal(
        points=points,
        items_scored=n,
        max_points=5 * n,
        keys=tuple(sorted(scores)),
        partial=n < SCALE_ITEMS,
        band=fidelity_band(points) if n >= SCALE_ITEMS else None,
        projected_points=projected,
        projected_band=fidelity_band(projected) if projected is not None else None,
        computed=computed,
        no_data=tuple(k for k in sorted(THRESHOLDS) if k not in computed),
        rated=tuple(k for k in RATED_ITEMS if k in given),
        unrated=tuple(k for k in RATED_ITEMS if k not in given),
    )
