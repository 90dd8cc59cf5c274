"""``feltjournal agenda``: today's and this week's items, the caseload screen's agenda."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, Final

from app.agenda import AgendaItem
from app.cli.common import _emit, _journal
from app.operations.agenda import week_agenda

KIND_TEXT: Final = {
    "employer_visit": "Arbeidsgiverbesøk",
    "employer_next_step": "Neste steg med arbeidsgiver",
    "meeting": "Samarbeidsmøte",
    "follow_along": "Oppfølging i jobb",
    "disclosure_talk": "Snakke om åpenhet igjen (dag 60)",
    "benefits_talk": "Ytelsesveiledning før jobbstart",
    "outcome_6m": "Registrere seksmånedersstatus",
    "therapy_session": "Neste behandlingstime",
}
CHECKPOINT_TEXT: Final = {"before_start": "før start", "after_start": "etter start"}


def _day(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def checkpoint_text(name: str) -> str:
    """before_start → "før start", week_2 → "uke 2", month_3 → "måned 3"."""
    if name in CHECKPOINT_TEXT:
        return CHECKPOINT_TEXT[name]
    kind, _, number = name.partition("_")
    return {"week": f"uke {number}", "month": f"måned {number}", "after": "etter slutt"}.get(
        kind, name
    )


def item_text(item: AgendaItem) -> str:
    """What to do, in one line of bokmål."""
    text = KIND_TEXT[item.kind]
    if item.checkpoint:
        text += f" ({checkpoint_text(item.checkpoint)})"
    if item.until is not None:
        text += f", innen {_day(item.until)}"
    return f"{text}: {item.detail}" if item.detail else text


def _json(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "participant_id": item.participant_id,
        "participant": item.participant_name,
        "date": item.day.isoformat(),
        "overdue": item.overdue,
        "until": item.until.isoformat() if item.until else None,
        "record_type": item.record_type,
        "record_id": item.record_id,
        "detail": item.detail,
        "checkpoint": item.checkpoint,
    }


def _line(item: AgendaItem) -> str:
    when = f"forfalt {_day(item.day)}" if item.overdue else _day(item.day)
    return f"  {when:19} {item.participant_name[:26]:26} {item_text(item)}"


def cmd_agenda(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        agenda = week_agenda(journal, mine_only=args.mine)
    finally:
        journal.store.lock()
    lines = [f"I dag ({_day(agenda.today)})"]
    lines += [_line(i) for i in agenda.today_items] or ["  Ingenting i dag."]
    lines.append(f"Denne uken (til {_day(agenda.week_end)})")
    lines += [_line(i) for i in agenda.week_items] or ["  Ingenting mer denne uken."]
    data = {
        "today": agenda.today.isoformat(),
        "week_end": agenda.week_end.isoformat(),
        "today_items": [_json(i) for i in agenda.today_items],
        "week_items": [_json(i) for i in agenda.week_items],
    }
    _emit(args, data, "\n".join(lines))
    return 0
