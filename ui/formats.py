"""Dates as dd.mm.yyyy, whatever the locale."""

from __future__ import annotations

from datetime import date, datetime


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
