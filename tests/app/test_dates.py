"""Typed dates: what a person writes is the date, or it is refused with a reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.dates import (
    EARLIEST,
    LATEST,
    YEARS_AHEAD,
    YEARS_BACK,
    DateInputError,
    parse_typed_date,
)

TODAY = date(2026, 12, 7)


def parse(text: str, *, past_only: bool = False, today: date = TODAY) -> date | None:
    return parse_typed_date(text, today=today, past_only=past_only)


def reason(text: str, *, past_only: bool = False, today: date = TODAY) -> str:
    with pytest.raises(DateInputError) as caught:
        parse(text, past_only=past_only, today=today)
    return caught.value.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The examples: each is the date typed, never the old day kept.
        ("20.04.1985", date(1985, 4, 20)),
        ("15.03.1985", date(1985, 3, 15)),
        ("03.12.2026", date(2026, 12, 3)),
        # Short forms.
        ("1.2.2026", date(2026, 2, 1)),
        ("1.2.26", date(2026, 2, 1)),
        ("01.02.26", date(2026, 2, 1)),
        ("9.11.1989", date(1989, 11, 9)),
        ("29.02.2024", date(2024, 2, 29)),
        ("31.12.2200", LATEST),
        ("01.01.1900", EARLIEST),
        # ISO, as exports and the command line write it.
        ("1985-04-20", date(1985, 4, 20)),
        # Surrounding spaces are not part of what was meant.
        ("  20.04.1985 ", date(1985, 4, 20)),
    ],
)
def test_what_is_typed_is_the_date(text: str, expected: date) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_is_no_date(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31.02.1990", "no_such_date"),
        ("30.02.2024", "no_such_date"),
        ("29.02.2023", "no_such_date"),
        ("29.02.1900", "no_such_date"),
        ("1.13.26", "no_such_date"),
        ("0.1.2026", "no_such_date"),
        ("32.01.2026", "no_such_date"),
        ("15.00.2026", "no_such_date"),
        ("2026-02-30", "no_such_date"),
        ("ring meg", "format"),
        ("i morgen", "format"),
        ("20.04.198", "format"),
        ("20.04.19855", "format"),
        ("20.04", "format"),
        ("20/04/1985", "format"),
        ("20-04-1985", "format"),
        ("20.04.1985.", "format"),
        ("20,04,1985", "format"),
        ("200485", "format"),
        ("19850420", "format"),
        ("1985-4-20", "format"),
        ("2026-W01-1", "format"),
        ("١٢.٠٤.١٩٨٥", "format"),  # other digits than 0-9
        ("20.04.1985 kl 12", "format"),
        ("–", "format"),
        ("31.12.1899", "out_of_range"),
        ("01.01.2201", "out_of_range"),
        ("01.01.9999", "out_of_range"),
    ],
)
def test_anything_else_is_refused_with_its_reason(text: str, why: str) -> None:
    assert reason(text) == why


def test_the_error_never_repeats_the_text() -> None:
    with pytest.raises(DateInputError) as caught:
        parse("31.02.1990")
    assert "1990" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1.46", date(1946, 1, 1)),  # 80 years back
        ("31.12.45", date(2045, 12, 31)),  # 19 years ahead
        ("7.12.26", date(2026, 12, 7)),
        ("1.1.00", date(2000, 1, 1)),
        ("20.04.85", date(1985, 4, 20)),
        ("1.1.99", date(1999, 1, 1)),
        ("1.1.30", date(2030, 1, 1)),
    ],
)
def test_two_digit_years_lie_from_80_years_back_to_19_ahead(text: str, expected: date) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20.04.85", date(1985, 4, 20)),
        ("1.2.26", date(2026, 2, 1)),  # earlier this year
        ("7.12.26", date(2026, 12, 7)),  # today
        ("8.12.26", date(1926, 12, 8)),  # tomorrow's date is a century ago
        ("31.12.26", date(1926, 12, 31)),
        ("1.1.30", date(1930, 1, 1)),
        ("1.1.27", date(1927, 1, 1)),
        ("29.02.28", date(1928, 2, 29)),
    ],
)
def test_a_past_only_two_digit_year_is_the_latest_not_after_today(
    text: str, expected: date
) -> None:
    assert parse(text, past_only=True) == expected


def test_a_past_only_date_in_the_future_is_refused() -> None:
    assert reason("08.12.2026", past_only=True) == "future"
    assert reason("2030-01-01", past_only=True) == "future"
    assert parse("07.12.2026", past_only=True) == TODAY
    # 29.02.00 read as 1900 on New Year's Day 2000: no such day, not a shifted one.
    assert reason("29.02.00", past_only=True, today=date(2000, 1, 1)) == "no_such_date"
    assert parse("29.02.00", past_only=True, today=date(2000, 3, 1)) == date(2000, 2, 29)


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_every_date_written_in_full_reads_back_as_itself(d: date) -> None:
    for text in (
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day}.{d.month}.{d.year}",
        d.isoformat(),
    ):
        assert parse(text) == d
        assert parse(text, past_only=True, today=LATEST) == d


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2150, 12, 31)),
    st.integers(min_value=-YEARS_BACK * 366, max_value=YEARS_AHEAD * 365),
)
def test_a_two_digit_year_within_the_window_reads_back_as_itself(today: date, offset: int) -> None:
    d = today + timedelta(days=offset)
    if not today.year - YEARS_BACK <= d.year <= today.year + YEARS_AHEAD:
        return
    assert parse(f"{d.day}.{d.month}.{d.year % 100:02d}", today=today) == d


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2150, 12, 31)),
    st.integers(min_value=0, max_value=36_000),
)
def test_a_past_only_two_digit_year_within_a_century_reads_back_as_itself(
    today: date, back: int
) -> None:
    d = today - timedelta(days=back)
    if (today.year - d.year) * 12 + today.month - d.month >= 1199:  # near a century back
        return
    assert parse(f"{d.day}.{d.month}.{d.year % 100:02d}", past_only=True, today=today) == d


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_refused_never_an_error_of_another_kind(text: str) -> None:
    try:
        result = parse(text)
    except DateInputError as exc:
        assert exc.reason in ("format", "no_such_date", "out_of_range", "future")
    else:
        assert result is None or EARLIEST <= result <= LATEST
