"""Norwegian identifiers: fødselsnummer (with D-numbers and the 2032 rule) and organisasjonsnummer.

Messages never repeat the number itself: an identity number is personal data
and must not end up in logs or exception texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)  # digits 1-9 and the first check digit
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)  # digits 1-10 and the second check digit
_ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    """A checked fødselsnummer or D-number."""

    value: str
    birth_date: date
    d_number: bool


class InvalidIdentifier(ValueError):
    """A number failed its format or check-digit rules; the message names the rule and
    ``code`` (a code of app.domain.schema.PROBLEMS) says which, for the user's language."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def _century(year2: int, individual: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year2 >= 54:
        return 1800
    if individual >= 500 and year2 <= 39:
        return 2000
    if individual >= 900 and year2 >= 40:
        return 1900
    return None


def parse_identity_number(text: str) -> IdentityNumber:
    """Check an 11-digit fødselsnummer or D-number.

    Check digit 1: the weighted sum over digits 1-10 leaves remainder 0 modulo
    11, or (numbers issued from 2032) 0, 1, 2 or 3. Check digit 2: the weighted
    sum over all 11 digits leaves remainder 0. D-numbers add 4 to the first
    digit. Synthetic test numbers (month + 40 or + 80) are refused.
    """
    digits = text.replace(" ", "")
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        raise InvalidIdentifier("fnr_digits", "A fødselsnummer has exactly 11 digits.")
    d = [int(c) for c in digits]
    if sum(w * x for w, x in zip(_K1_WEIGHTS, d[:10], strict=True)) % 11 not in (0, 1, 2, 3):
        raise InvalidIdentifier(
            "fnr_check1", "The first check digit of the fødselsnummer is wrong."
        )
    if sum(w * x for w, x in zip(_K2_WEIGHTS, d, strict=True)) % 11 != 0:
        raise InvalidIdentifier(
            "fnr_check2", "The second check digit of the fødselsnummer is wrong."
        )
    day, month, year2 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    d_number = day > 40
    if d_number:
        day -= 40
    century = _century(year2, int(digits[6:9]))
    if century is None:
        raise InvalidIdentifier(
            "fnr_individual", "The fødselsnummer has an impossible individual number."
        )
    try:
        born = date(century + year2, month, day)
    except ValueError:
        raise InvalidIdentifier(
            "fnr_date", "The fødselsnummer does not contain a valid date."
        ) from None
    return IdentityNumber(digits, born, d_number)


def is_valid_identity_number(text: str) -> bool:
    try:
        parse_identity_number(text)
    except InvalidIdentifier:
        return False
    return True


def check_org_number(text: str) -> str:
    """Return the 9-digit organisation number, or raise InvalidIdentifier."""
    digits = text.replace(" ", "")
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        raise InvalidIdentifier("orgnr_digits", "An organisation number has exactly 9 digits.")
    remainder = sum(w * int(c) for w, c in zip(_ORG_WEIGHTS, digits[:8], strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(digits[8]):
        raise InvalidIdentifier("orgnr_check", "The organisation number's check digit is wrong.")
    return digits


def org_number_check_digit(first8: str) -> int | None:
    """The check digit for eight digits, or None when no valid number exists."""
    remainder = sum(w * int(c) for w, c in zip(_ORG_WEIGHTS, first8, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return None if check == 10 else check


def identity_check_digits(first9: str) -> str | None:
    """Classic (pre-2032) check digits for nine digits, or None if there are none."""
    d = [int(c) for c in first9]
    s1 = sum(w * x for w, x in zip(_K1_WEIGHTS[:9], d, strict=True)) % 11
    k1 = 0 if s1 == 0 else 11 - s1
    if k1 == 10:
        return None
    d.append(k1)
    s2 = sum(w * x for w, x in zip(_K2_WEIGHTS[:10], d, strict=True)) % 11
    k2 = 0 if s2 == 0 else 11 - s2
    if k2 == 10:
        return None
    return f"{k1}{k2}"
