"""Fødselsnummer and organisasjonsnummer against published examples and an independent formula."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.identifiers import (
    InvalidIdentifier,
    check_org_number,
    is_valid_identity_number,
    parse_identity_number,
)


def reference_check_digits(nine: str) -> str | None:
    """The classic rule as written in python-stdnum: (11 - weighted sum) % 11, 10 is invalid."""
    k1 = (11 - sum(w * int(n) for w, n in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), nine, strict=True))) % 11
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = (
        11 - sum(w * int(n) for w, n in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), ten, strict=True))
    ) % 11
    return None if k2 == 10 else f"{k1}{k2}"


# Published examples: python-stdnum's doctests (valid / bad checksum), Brønnøysundregistrene's
# and Nav's own organisation numbers.
@pytest.mark.parametrize("number", ["15108695088", "151086 95088"])
def test_published_valid_identity_number(number: str) -> None:
    parsed = parse_identity_number(number)
    assert parsed.value == "15108695088"
    assert parsed.birth_date == date(1986, 10, 15) and not parsed.d_number


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("15108695077", "check digit"),
        ("1510869508", "11 digits"),
        ("151086950888", "11 digits"),
        ("1510869508a", "11 digits"),
        ("３１０１８６９５０８８", "11 digits"),  # full-width digits
        ("31028695088", "check digit"),  # also no 31 February
    ],
)
def test_invalid_identity_numbers(number: str, why: str) -> None:
    with pytest.raises(InvalidIdentifier) as err:
        parse_identity_number(number)
    assert why in str(err.value)
    assert number not in str(err.value)  # identity numbers never echoed


def test_d_number_adds_four_to_the_first_digit() -> None:
    nine = "551086" + "950"
    d = nine + str(reference_check_digits(nine))
    parsed = parse_identity_number(d)
    assert parsed.d_number and parsed.birth_date == date(1986, 10, 15)


def test_impossible_date_is_refused_even_with_good_check_digits() -> None:
    nine = "310286950"  # 31 February
    digits = reference_check_digits(nine)
    assert digits is not None
    with pytest.raises(InvalidIdentifier, match="date"):
        parse_identity_number(nine + digits)


def test_2032_rule_first_check_digit_may_leave_remainder_one_to_three() -> None:
    nine = "151086950"
    accepted_new = []
    for k1 in range(10):
        ten = nine + str(k1)
        rem1 = (
            sum(w * int(n) for w, n in zip((3, 7, 6, 1, 8, 9, 4, 5, 2, 1), ten, strict=True)) % 11
        )
        k2 = (
            11 - sum(w * int(n) for w, n in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), ten, strict=True))
        ) % 11
        if k2 == 10:
            continue
        valid = is_valid_identity_number(ten + str(k2))
        assert valid == (rem1 in (0, 1, 2, 3)), (k1, rem1)
        if valid and rem1:
            accepted_new.append(k1)
    assert accepted_new  # at least one number only valid under the 2032 rule


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2039, 12, 31)),
    st.integers(0, 999),
)
def test_agrees_with_reference_formula(born: date, individual: int) -> None:
    # Keep the individual number in the range that encodes this century.
    if born.year >= 2000 and individual < 500:
        individual += 500
    if born.year < 2000 and individual >= 500:
        individual -= 500
    nine = born.strftime("%d%m%y") + f"{individual:03d}"
    digits = reference_check_digits(nine)
    if digits is None:
        return
    parsed = parse_identity_number(nine + digits)
    assert parsed.birth_date == born


@pytest.mark.parametrize("number", ["974760673", "889640782", "974 760 673"])
def test_published_valid_org_numbers(number: str) -> None:
    assert check_org_number(number) == number.replace(" ", "")


@pytest.mark.parametrize(
    "number", ["974760674", "889640781", "97476067", "9747606731", "abcdefghi"]
)
def test_invalid_org_numbers(number: str) -> None:
    with pytest.raises(InvalidIdentifier):
        check_org_number(number)
