"""The records behind a figure, as the reports view lists them when a figure is chosen:
participants by name, contacts by date and employer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.indicators import PER_FTE_KEYS, Figure
from app.operations.reports import Report
from ui import plurals
from ui.formats import format_date
from ui.labels import choice_label
from ui.reports_format import format_number, format_value


def _checkpoint_text(name: str, value: float | None = None) -> str:
    if name == "monthly":  # how many monthly contacts short, on average
        return plurals.Indicators().monthly_short(int(value or 0))
    if name.startswith("week_"):
        return QCoreApplication.translate("Indicators", "week %1").replace("%1", name[5:])
    if name.startswith("month_"):
        return QCoreApplication.translate("Indicators", "month %1").replace("%1", name[6:])
    return {
        "before_start": QCoreApplication.translate("Indicators", "before the start"),
        "after_start": QCoreApplication.translate("Indicators", "just after the start"),
        "after_end": QCoreApplication.translate("Indicators", "after the job ended"),
    }.get(name, name)


@dataclass(frozen=True, slots=True)
class DrillRow:
    """One record behind a figure, as the drill-down list shows it."""

    record_id: str
    cells: tuple[str, ...]
    sort_key: tuple[Any, ...]


def drill_down(report: Report, figure: Figure) -> tuple[list[str], list[DrillRow], str]:
    """Headers, rows and a breakdown line for the records behind ``figure``."""
    recs = report.records
    counted = set(figure.numerator_records)
    per_record = {p.key: p for p in figure.parts if p.key in set(figure.records)}
    missed: dict[str, list[str]] = {}
    breakdown_parts = []
    for p in figure.parts:
        if p.key in per_record:
            continue
        job_id, _, checkpoint = p.key.partition(":")
        if checkpoint and job_id in set(figure.records):
            missed.setdefault(job_id, []).append(_checkpoint_text(checkpoint, p.value))
            continue
        breakdown_parts.append(p)

    def name_of(pid: str | None) -> str:
        p = recs.get(pid or "")
        return str(p.fields.get("name") or "") if p is not None else ""

    def employer_name(eid: Any) -> str:
        e = recs.get(str(eid or ""))
        return str(e.fields.get("name") or "") if e is not None else ""

    kind = figure.record_type
    if kind == "participant":
        headers = [
            QCoreApplication.translate("Indicators", "Participant"),
            QCoreApplication.translate("Indicators", "Job specialist"),
            QCoreApplication.translate("Indicators", "Programme"),
        ]
    elif kind == "job":
        headers = [
            QCoreApplication.translate("Indicators", "Participant"),
            QCoreApplication.translate("Indicators", "Job"),
            QCoreApplication.translate("Indicators", "Employer"),
            QCoreApplication.translate("Indicators", "Start"),
        ]
    elif kind == "contact":
        headers = [
            QCoreApplication.translate("Indicators", "Date"),
            QCoreApplication.translate("Indicators", "Employer"),
            QCoreApplication.translate("Indicators", "Mode"),
            QCoreApplication.translate("Indicators", "Purpose"),
            QCoreApplication.translate("Indicators", "Participant"),
        ]
    elif kind == "referral":
        headers = [
            QCoreApplication.translate("Indicators", "Participant"),
            QCoreApplication.translate("Indicators", "Received"),
            QCoreApplication.translate("Indicators", "Source"),
            QCoreApplication.translate("Indicators", "Decision"),
        ]
    elif kind == "activity":
        headers = [
            QCoreApplication.translate("Indicators", "Date"),
            QCoreApplication.translate("Indicators", "Job specialist"),
            QCoreApplication.translate("Indicators", "Location"),
            QCoreApplication.translate("Indicators", "Minutes"),
        ]
    else:
        headers = [QCoreApplication.translate("Indicators", "Record")]
    if per_record:
        headers.append(QCoreApplication.translate("Indicators", "Value"))
    has_missed = figure.key == "follow_along" or bool(missed)
    if has_missed:
        headers.append(QCoreApplication.translate("Indicators", "Missed contacts"))
    # Follow-along counts contacts, not jobs: each job's own share is its value.
    counts_rows = figure.is_share and figure.key != "follow_along"
    if counts_rows:
        headers.append(QCoreApplication.translate("Indicators", "Counted"))

    rows: list[DrillRow] = []
    for rid in figure.records:
        r = recs.get(rid)
        f = r.fields if r is not None else {}
        if r is None:
            cells = [QCoreApplication.translate("Indicators", "(not available)")] + [""] * (
                len(headers) - 1
            )
            rows.append(DrillRow(rid, tuple(cells[: len(headers)]), (2, "")))
            continue
        if kind == "participant":
            base = [
                name_of(r.id),
                str(f.get("job_specialist") or ""),
                choice_label(f.get("programme")),
            ]
            key: tuple[Any, ...] = (0, base[0].casefold())
        elif kind == "job":
            base = [
                name_of(r.parent),
                str(f.get("title") or ""),
                employer_name(f.get("employer")),
                format_date(f.get("start")),
            ]
            key = (0, base[0].casefold(), str(f.get("start") or ""))
        elif kind == "contact":
            participant = name_of(r.parent) if r.type == "employer_contact" else "–"
            base = [
                format_date(f.get("date")),
                employer_name(f.get("employer") if r.type == "employer_contact" else r.parent),
                choice_label(f.get("mode")),
                choice_label(f.get("purpose")),
                participant,
            ]
            key = (0, str(f.get("date") or ""), base[1].casefold())
        elif kind == "referral":
            base = [
                name_of(r.parent),
                format_date(f.get("received")),
                choice_label(f.get("source")),
                choice_label(f.get("decision")),
            ]
            key = (0, base[0].casefold(), str(f.get("received") or ""))
        elif kind == "activity":
            minutes = f.get("minutes")
            base = [
                format_date(f.get("date")),
                str(f.get("job_specialist") or ""),
                choice_label(f.get("location")),
                "" if minutes is None else str(minutes),
            ]
            key = (0, str(f.get("date") or ""))
        else:
            base = [rid]
            key = (0, rid)
        if per_record:
            part = per_record.get(rid)
            # NAV contacts: the part is a participant's number of contacts, not a rate.
            unit = "count" if figure.key == "nav_contacts" else figure.unit
            text = format_value(part.value if part else None, unit)
            if figure.key == "rapid_job_search" and part is not None and not part.records:
                # No face-to-face employer contact yet: the days so far (censored).
                text = QCoreApplication.translate("Indicators", "%1, no contact yet").replace(
                    "%1", text
                )
            base.append(text)
        if has_missed:
            base.append(", ".join(missed.get(rid, [])))
        if counts_rows:
            base.append(QCoreApplication.translate("Indicators", "✓") if rid in counted else "")
        rows.append(DrillRow(rid, tuple(base), key))
    rows.sort(key=lambda row: row.sort_key)
    breakdown = ""
    if figure.key in PER_FTE_KEYS:
        # Whom the figure is divided by: the names and FTE it rests on.
        if breakdown_parts:
            breakdown = QCoreApplication.translate("Indicators", "Divided by (FTE): %1").replace(
                "%1",
                " · ".join(f"{p.key} {format_number(p.value or 0.0, 1)}" for p in breakdown_parts),
            )
    elif breakdown_parts:
        pieces = []
        for p in breakdown_parts:
            label = (
                QCoreApplication.translate("Indicators", "Not recorded")
                if p.key == "unspecified"
                else employer_name(p.key) or choice_label(p.key)
            )
            pieces.append(f"{label}: {format_number(p.value, 0) if p.value is not None else '–'}")
        breakdown = QCoreApplication.translate("Indicators", "Breakdown: %1").replace(
            "%1", " · ".join(pieces)
        )
    return headers, rows, breakdown
