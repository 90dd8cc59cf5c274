"""How the reports show figures: short names, values with units ("–" for no data, never 0),
targets, scores, what a value rests on, and period names.

Shared by the reports view, the central view and its PDF.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from app.indicators import Figure, Period
from ui.formats import format_date

# Short display labels for the figures (Figure.label, the English source the CSV
# keeps, is the long form shown as a tooltip). Unknown keys show Figure.label.
FIGURE_LABELS: dict[str, object] = {
    "caseload": QT_TRANSLATE_NOOP("Indicators", "Caseload (active participants per FTE)"),
    "rapid_job_search": QT_TRANSLATE_NOOP(
        "Indicators", "Rapid job search (days to first employer contact)"
    ),
    "four_week_rule": QT_TRANSLATE_NOOP("Indicators", "First employer contact within four weeks"),
    "job_development": QT_TRANSLATE_NOOP(
        "Indicators", "Job development (employer contacts per week)"
    ),
    "individualised_search": QT_TRANSLATE_NOOP("Indicators", "Individualised job search"),
    "diversity_job_types": QT_TRANSLATE_NOOP("Indicators", "Diversity of job types"),
    "diversity_employers": QT_TRANSLATE_NOOP("Indicators", "Diversity of employers"),
    "competitive_jobs": QT_TRANSLATE_NOOP("Indicators", "Competitive jobs"),
    "follow_along": QT_TRANSLATE_NOOP("Indicators", "Follow-along contacts on time"),
    "community_based": QT_TRANSLATE_NOOP("Indicators", "Community-based services"),
    "disclosure": QT_TRANSLATE_NOOP("Indicators", "Disclosure discussed before client contacts"),
    "disclosure_repeat": QT_TRANSLATE_NOOP(
        "Indicators", "Disclosure revisited when no job by day 60"
    ),
    "benefits_planning": QT_TRANSLATE_NOOP("Indicators", "Benefits planning before job start"),
    "zero_exclusion": QT_TRANSLATE_NOOP("Indicators", "Zero exclusion (declined as not ready)"),
    "referral_sources": QT_TRANSLATE_NOOP("Indicators", "Self-referrals"),
    "collaboration_meetings": QT_TRANSLATE_NOOP(
        "Indicators", "Collaboration meeting in the last 90 days"
    ),
    "nav_contacts": QT_TRANSLATE_NOOP("Indicators", "NAV counsellor contacts"),
    "into_work": QT_TRANSLATE_NOOP("Indicators", "Into work (ordinary work or education)"),
    "into_work_excluded": QT_TRANSLATE_NOOP("Indicators", "Exits left out of into work"),
    "employment_rate": QT_TRANSLATE_NOOP("Indicators", "Employment rate (competitive work)"),
    "job_starts": QT_TRANSLATE_NOOP("Indicators", "Job starts"),
    "days_to_first_job": QT_TRANSLATE_NOOP("Indicators", "Days to first job (median)"),
    "retention_13w": QT_TRANSLATE_NOOP("Indicators", "Still in the job after 13 weeks"),
    "retention_26w": QT_TRANSLATE_NOOP("Indicators", "Still in the job after 26 weeks"),
    "hours_per_week": QT_TRANSLATE_NOOP("Indicators", "Hours per week in jobs held (mean)"),
    "outcome_6m": QT_TRANSLATE_NOOP("Indicators", "Six-month status: work or education"),
    "therapy_dose": QT_TRANSLATE_NOOP("Indicators", "Therapy sessions per participant"),
    "self_assessment_change": QT_TRANSLATE_NOOP(
        "Indicators", "Self-assessment change (end minus start)"
    ),
}

# What a figure counts, shown beside it where its name alone does not say
# (app.indicators.DEFINITIONS holds the English the CLI and CSV print).
DEFINITIONS: dict[str, object] = {
    "rapid_job_search": QT_TRANSLATE_NOOP(
        "Indicators", "From entry to first face-to-face employer contact; none yet: days so far"
    ),
    "into_work": QT_TRANSLATE_NOOP(
        "Indicators",
        "Moves and the team's chosen exit reasons left out; ordinary work needs an "
        "unsubsidised job",
    ),
    "into_work_excluded": QT_TRANSLATE_NOOP(
        "Indicators", "Exits not counted in the into-work share"
    ),
    "outcome_6m": QT_TRANSLATE_NOOP(
        "Indicators", "Everyone six months past a job start or exit; no status counts as missing"
    ),
    "four_week_rule": QT_TRANSLATE_NOOP(
        "Indicators", "Face-to-face employer contact or a job start by day 28 after entry"
    ),
    "follow_along": QT_TRANSLATE_NOOP(
        "Indicators", "Face-to-face contacts due after each job start, judged on average"
    ),
}

# The IPS-25 items (app.indicators.IPS25_ITEMS), for the fidelity summary and review.
ITEM_LABELS: dict[str, object] = {
    "caseload": QT_TRANSLATE_NOOP("Indicators", "Caseload size"),
    "employment_staff": QT_TRANSLATE_NOOP("Indicators", "Employment services staff"),
    "vocational_generalists": QT_TRANSLATE_NOOP("Indicators", "Vocational generalists"),
    "team_assignment": QT_TRANSLATE_NOOP(
        "Indicators", "Integration with treatment: team assignment"
    ),
    "team_contact": QT_TRANSLATE_NOOP(
        "Indicators", "Integration with treatment: frequent team contact"
    ),
    "nav_collaboration": QT_TRANSLATE_NOOP("Indicators", "Collaboration with NAV counsellors"),
    "vocational_unit": QT_TRANSLATE_NOOP("Indicators", "Vocational unit"),
    "supervisor_role": QT_TRANSLATE_NOOP("Indicators", "Role of the employment supervisor"),
    "zero_exclusion": QT_TRANSLATE_NOOP("Indicators", "Zero exclusion criteria"),
    "agency_focus": QT_TRANSLATE_NOOP("Indicators", "Agency focus on competitive work"),
    "executive_support": QT_TRANSLATE_NOOP("Indicators", "Executive team support"),
    "benefits_planning": QT_TRANSLATE_NOOP("Indicators", "Work incentives planning"),
    "disclosure": QT_TRANSLATE_NOOP("Indicators", "Disclosure"),
    "work_based_assessment": QT_TRANSLATE_NOOP("Indicators", "Ongoing, work-based assessment"),
    "rapid_job_search": QT_TRANSLATE_NOOP("Indicators", "Rapid job search"),
    "individualised_search": QT_TRANSLATE_NOOP("Indicators", "Individualised job search"),
    "job_development": QT_TRANSLATE_NOOP("Indicators", "Job development: frequent contact"),
    "employer_contact_quality": QT_TRANSLATE_NOOP(
        "Indicators", "Job development: quality of contact"
    ),
    "diversity_job_types": QT_TRANSLATE_NOOP("Indicators", "Diversity of job types"),
    "diversity_employers": QT_TRANSLATE_NOOP("Indicators", "Diversity of employers"),
    "competitive_jobs": QT_TRANSLATE_NOOP("Indicators", "Competitive jobs"),
    "individualised_follow_along": QT_TRANSLATE_NOOP("Indicators", "Individualised follow-along"),
    "follow_along": QT_TRANSLATE_NOOP("Indicators", "Time-unlimited follow-along"),
    "community_based": QT_TRANSLATE_NOOP("Indicators", "Community-based services"),
    "assertive_engagement": QT_TRANSLATE_NOOP("Indicators", "Assertive engagement and outreach"),
}

# The whole rule a figure follows, where one line cannot hold it: in the drill-down and
# the figure's tooltip (others show their one-line definition there).
FIGURE_EXPLANATIONS: dict[str, object] = {
    "four_week_rule": QT_TRANSLATE_NOOP(
        "Indicators",
        "Participants whose day 28 after entry falls in the period: the share who had a "
        "face-to-face employer contact about a competitive job, or started a job (also "
        "one found through their own network), by day 28. Those who left before day 28 "
        "without either are not counted.",
    ),
    "follow_along": QT_TRANSLATE_NOOP(
        "Indicators",
        "Face-to-face follow-along contacts made of those due after each job start: within "
        "a week before the start, within 3 days after it, weekly in the first month, then "
        "monthly for a year, judged on average (a month with two contacts makes up for "
        "one with none), and within 3 days of a job loss. Follow-along stops at exit, at "
        "the job's end and when the participant wants no more.",
    ),
}

_UNIT_TEMPLATES: dict[str, object] = {
    "%": QT_TRANSLATE_NOOP("Indicators", "%1 %"),
    "days": QT_TRANSLATE_NOOP("Indicators", "%1 days"),
    "per week": QT_TRANSLATE_NOOP("Indicators", "%1 per week"),
    "per FTE": QT_TRANSLATE_NOOP("Indicators", "%1 per FTE"),
    "per participant per month": QT_TRANSLATE_NOOP("Indicators", "%1 per month"),
    "count": QT_TRANSLATE_NOOP("Indicators", "%1"),
    "hours per week": QT_TRANSLATE_NOOP("Indicators", "%1 h per week"),
    "sessions": QT_TRANSLATE_NOOP("Indicators", "%1 sessions"),
    "points": QT_TRANSLATE_NOOP("Indicators", "%1 points"),
}
_DECIMALS = {"%": 0, "days": 0, "count": 0}

_BANDS: dict[str, object] = {
    "exemplary fidelity": QT_TRANSLATE_NOOP("Indicators", "exemplary fidelity"),
    "good fidelity": QT_TRANSLATE_NOOP("Indicators", "good fidelity"),
    "fair fidelity": QT_TRANSLATE_NOOP("Indicators", "fair fidelity"),
    "not supported employment": QT_TRANSLATE_NOOP("Indicators", "not supported employment"),
}


def _from_table(source: object) -> str:
    """A QT_TRANSLATE_NOOP("Indicators", ...) entry of the tables above, translated (the
    tables are typed object; their entries are str)."""
    return QCoreApplication.translate("Indicators", str(source))


def band_label(band: str) -> str:
    """A fidelity band ("good fidelity") in the user's language."""
    return _from_table(_BANDS.get(band, band))


def figure_label(figure: Figure) -> str:
    source = FIGURE_LABELS.get(figure.key)
    return _from_table(source) if source else figure.label


def figure_definition(figure: Figure) -> str:
    """What the figure counts, in the user's language ("" where its name says it)."""
    source = DEFINITIONS.get(figure.key)
    return _from_table(source) if source else ""


def item_label(key: str) -> str:
    """An IPS-25 item's name in the user's language."""
    source = ITEM_LABELS.get(key)
    return _from_table(source) if source else key


def format_number(value: float, decimals: int) -> str:
    return QLocale().toString(float(value), "f", decimals)


def figure_explanation(figure: Figure) -> str:
    """The whole rule the figure follows, in a sentence or two (its one-line definition
    where that says it all); "" when its label says it."""
    source = FIGURE_EXPLANATIONS.get(figure.key)
    return _from_table(source) if source else figure_definition(figure)


def format_value(value: float | None, unit: str, *, signed: bool = False) -> str:
    """A value with its unit; "–" when there is no data (never 0)."""
    if value is None:
        return "–"
    text = format_number(value, _DECIMALS.get(unit, 1))
    if signed and value > 0:
        text = "+" + text
    return _from_table(_UNIT_TEMPLATES.get(unit, "%1")).replace("%1", text)


def format_target(figure: Figure) -> str:
    if figure.target is None:
        return ""
    text = format_value(figure.target, figure.unit)
    if figure.better == "lower":
        return "≤ " + text
    if figure.better == "higher":
        return "≥ " + text
    return text


def format_score(figure: Figure) -> str:
    if figure.score is not None:
        return QCoreApplication.translate("Indicators", "%1 / 5").replace("%1", str(figure.score))
    return "–" if figure.scored else ""


def format_basis(figure: Figure) -> str:
    """What the value rests on: "7 of 9", "n = 5", "12 active ÷ 1.0 FTE"."""
    num, den = figure.numerator, figure.denominator
    if figure.value is None:
        return ""
    if figure.key == "caseload" and num is not None and den is not None:
        return (
            QCoreApplication.translate("Indicators", "%1 active ÷ %2 FTE")
            .replace("%1", format_number(num, 0))
            .replace("%2", format_number(den, 1))
        )
    if figure.key == "community_based" and num is not None and den is not None:
        return (
            QCoreApplication.translate("Indicators", "%1 of %2 hours")
            .replace("%1", format_number(num / 60, 0))
            .replace("%2", format_number(den / 60, 0))
        )
    if figure.is_share and num is not None and den is not None:
        return (
            QCoreApplication.translate("Indicators", "%1 of %2")
            .replace("%1", format_number(num, 0))
            .replace("%2", format_number(den, 0))
        )
    if figure.unit in ("per week", "per participant per month") and num is not None:
        return QCoreApplication.translate("Indicators", "%1 contacts").replace(
            "%1", format_number(num, 0)
        )
    if den is not None and figure.unit != "count":
        return QCoreApplication.translate("Indicators", "n = %1").replace(
            "%1", format_number(den, 0)
        )
    return ""


# ------------------------------------------------------------------ periods


def period_text(period: Period, *, short: bool = False, with_year: bool = False) -> str:
    """ "Q3 2026", "November 2026" or "2026"; short, for charts: "Q3 26", "Nov" ("Nov 2026"
    ``with_year``)."""
    s, e = period.start, period.end
    label = period.label
    locale = QLocale()
    if "Q" in label:
        year = str(s.year)[2:] if short else str(s.year)
        return (
            QCoreApplication.translate("Indicators", "Q%1 %2")
            .replace("%1", label[-1])
            .replace("%2", year)
        )
    if len(label) == 7:  # 2026-09
        fmt = ("MMM yyyy" if with_year else "MMM") if short else "MMMM yyyy"
        return locale.toString(QDate(s.year, s.month, 1), fmt)
    if len(label) == 4:
        return label
    return f"{format_date(s)}–{format_date(e)}"
