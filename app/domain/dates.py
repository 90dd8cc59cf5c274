"""Dates as a person types them: dd.mm.yyyy, also d.m.yyyy and d.m.yy (and ISO yyyy-mm-dd).

One pure function, :func:`parse_typed_date`, used by every date field in the window and by
the command line. It takes exactly what was typed or refuses it with a reason; it never
guesses a day, month or year the person did not write (31.02.1990 is refused, not moved).

Two-digit years: ``d.m.yy`` means the year ending in ``yy`` that lies within
:data:`YEARS_BACK` years before this year and :data:`YEARS_AHEAD` years after it (in 2026:
1946–2045). Where a date may not lie in the future (a birth date, ``past_only``), it is the
latest such date not after today (in 2026: ``1.2.26`` is 01.02.2026, ``31.12.26`` is
31.12.1926).

Errors never repeat the text: a birth date is personal data and must not reach a log.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

EARLIEST: date = date(1900, 1, 1)
LATEST: date = date(2200, 12, 31)
YEARS_BACK = 80
YEARS_AHEAD = 19

Reason = Literal["format", "no_such_date", "out_of_range", "future"]

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


class DateInputError(ValueError):
    """Typed text that is not a date this program will save; ``reason`` says why:

    - ``format``: not written as dd.mm.yyyy, d.m.yy or yyyy-mm-dd;
    - ``no_such_date``: no such day (31.02.1990, month 13);
    - ``out_of_range``: before :data:`EARLIEST` or after :data:`LATEST`;
    - ``future``: after today where the date may not be in the future.
    """

    def __init__(self, reason: Reason) -> None:
        super().__init__(f"not a date ({reason})")
        self.reason: Reason = reason


def _whole_year(yy: int, today: date, *, past_only: bool) -> int:
    if past_only:
        return today.year - (today.year - yy) % 100
    first = today.year - YEARS_BACK
    return first + (yy - first) % 100


def parse_typed_date(text: str, *, today: date, past_only: bool = False) -> date | None:
    """The date ``text`` names, or None when it is blank; raises :class:`DateInputError`.

    ``today`` decides two-digit years and, with ``past_only``, what counts as the future.
    """
    text = text.strip()
    if not text:
        return None
    two_digit = False
    if m := _DOTTED.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        two_digit = len(m[3]) == 2
    elif m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DateInputError("format")
    if two_digit:
        year = _whole_year(year, today, past_only=past_only)
    try:
        result = date(year, month, day)
    except ValueError:
        raise DateInputError("no_such_date") from None
    if two_digit and past_only and result > today:
        try:
            result = result.replace(year=result.year - 100)
        except ValueError:  # 29.02 in a century year that is not a leap year
            raise DateInputError("no_such_date") from None
    if not EARLIEST <= result <= LATEST:
        raise DateInputError("out_of_range")
    if past_only and result > today:
        raise DateInputError("future")
    return result
