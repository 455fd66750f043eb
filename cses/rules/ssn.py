"""Social Security number validity and masking (no framework imports).

Validity follows the Social Security Administration's rules for numbers it never issues:
area 000, 666 or 900-999; group 00; serial 0000.
"""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"[\s-]")


class InvalidSSN(ValueError):
    pass


def normalize_ssn(raw: str) -> str:
    """Return the nine digits of ``raw`` or raise InvalidSSN saying why."""
    digits = _NON_DIGITS.sub("", raw or "")
    if not digits.isdigit() or len(digits) != 9:
        raise InvalidSSN("an SSN has nine digits")
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in {"000", "666"} or area >= "900":
        raise InvalidSSN(f"area number {area} is never issued")
    if group == "00":
        raise InvalidSSN("group number 00 is never issued")
    if serial == "0000":
        raise InvalidSSN("serial number 0000 is never issued")
    return digits


def mask_ssn(last4: str) -> str:
    """``***-**-1234``: the only form of an SSN most roles ever see."""
    return f"***-**-{last4}" if last4 else ""


def format_ssn(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
