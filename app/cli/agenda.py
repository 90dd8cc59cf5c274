"""``feltjournal agenda``: today's and this week's items, the caseload screen's agenda."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, Final

from app.agenda import AgendaItem
from app.cli.common import _emit, _journal
from app.operations.agenda import week_agenda
from app.words import day, mark, tr

KIND_TEXT: Final = {
    "employer_visit": mark("Employer visit"),
    "employer_next_step": mark("Next step with the employer"),
    "meeting": mark("Collaboration meeting"),
    "follow_along": mark("Follow-along in the job"),
    "disclosure_talk": mark("Talk about disclosure again (day 60)"),
    "benefits_talk": mark("Benefits counselling before the job start"),
    "outcome_6m": mark("Record the six-month outcome"),
    "therapy_session": mark("Next therapy session"),
}
CHECKPOINT_TEXT: Final = {
    "before_start": mark("before the start"),
    "after_start": mark("after the start"),
}


def checkpoint_text(name: str) -> str:
    """before_start → "før start", week_2 → "uke 2", month_3 → "måned 3"."""
    if name in CHECKPOINT_TEXT:
        return tr(CHECKPOINT_TEXT[name])
    kind, _, number = name.partition("_")
    if kind == "week":
        return tr("week {number}", number=number)
    if kind == "month":
        return tr("month {number}", number=number)
    if kind == "after":
        return tr("after the end")
    return name


def item_text(item: AgendaItem, today: date) -> str:
    """What to do, in one line (a window that opens later this week says from when)."""
    text = tr(KIND_TEXT[item.kind])
    if item.checkpoint:
        text += f" ({checkpoint_text(item.checkpoint)})"
    if item.until is not None and item.day > today:
        text += ", " + tr("from {date}", date=day(item.day))
    return f"{text}: {item.detail}" if item.detail else text


def item_when(item: AgendaItem) -> str:
    """The date column: the day an overdue item was due, a window's last day, else the day."""
    if item.overdue:
        return tr("overdue {date}", date=day(item.day))
    if item.until is not None:
        return tr("by {date}", date=day(item.until))
    return day(item.day)


def _json(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "participant_id": item.participant_id,
        "participant": item.participant_name,
        "date": item.day.isoformat(),
        "due": item.due.isoformat(),
        "overdue": item.overdue,
        "until": item.until.isoformat() if item.until else None,
        "record_type": item.record_type,
        "record_id": item.record_id,
        "detail": item.detail,
        "checkpoint": item.checkpoint,
    }


def _line(item: AgendaItem, today: date) -> str:
    return f"  {item_when(item):19} {item.participant_name[:26]:26} {item_text(item, today)}"


def cmd_agenda(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        agenda = week_agenda(journal, mine_only=args.mine)
    finally:
        journal.store.lock()
    lines = [tr("Today ({date})", date=day(agenda.today))]
    lines += [_line(i, agenda.today) for i in agenda.today_items] or ["  " + tr("Nothing today.")]
    lines.append(tr("This week (to {date})", date=day(agenda.week_end)))
    lines += [_line(i, agenda.today) for i in agenda.week_items] or [
        "  " + tr("Nothing more this week.")
    ]
    data = {
        "today": agenda.today.isoformat(),
        "week_end": agenda.week_end.isoformat(),
        "today_items": [_json(i) for i in agenda.today_items],
        "week_items": [_json(i) for i in agenda.week_items],
    }
    _emit(args, data, "\n".join(lines))
    return 0
