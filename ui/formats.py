"""Dates as dd.mm.yyyy, whatever the locale."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate


def _dmy(d: date) -> str:
    # Not strftime: it imports the time module on every call, and PySide's import
    # hook makes that cost more than the formatting (lists format thousands of dates).
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def format_date(value: str | date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):  # a datetime too
        return _dmy(value)
    try:
        return _dmy(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def format_datetime(value: datetime) -> str:
    return value.astimezone().strftime("%d.%m.%Y %H:%M")


def parse_date(text: str) -> date | None:
    """dd.mm.yyyy (also d.m.yyyy) or ISO; None when empty or invalid."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def to_qdate(value: str | date | None) -> QDate:
    if not value:
        return QDate()
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> str | None:
    if not q.isValid():
        return None
    return date(q.year(), q.month(), q.day()).isoformat()


DATE_DISPLAY_FORMAT = "dd.MM.yyyy"
