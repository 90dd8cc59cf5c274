"""Dates as dd.mm.yyyy, whatever the locale."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate


def format_date(value: str | date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d.%m.%Y")
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
