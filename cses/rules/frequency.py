"""Converting weekly support amounts to other payment frequencies and back (no framework imports).

This is the ONE place in CSES that converts between frequencies. Connecticut's guidelines work in
weekly amounts only (Conn. Agencies Regs. 46b-215a-2c(b)): the worksheet, the schedule and the
presumptive orders are weekly, and CSES keeps orders weekly. The guidelines give no convention for
other frequencies (``shared/reference/ct-guidelines.md`` §4), so CSES chooses one as documented
policy: **a year has 52 weeks**. Hence

- biweekly    = weekly * 52 / 26 = weekly * 2
- semimonthly = weekly * 52 / 24
- monthly     = weekly * 52 / 12 (≈ 4.333 weeks a month, the convention third-party tools use)

and the reverse divides by the same factor. Every result is rounded to the cent, half up. A weekly
amount survives the trip out and back exactly, but an amount set monthly may not (e.g. $100.00 a
month is $23.08 a week, which is $100.01 a month), which is why CSES stores orders weekly and
converts only for display, notices and employers' withholding.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
WEEKS_PER_YEAR = 52


class Frequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self]


PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.WEEKLY: 52,
    Frequency.BIWEEKLY: 26,
    Frequency.SEMIMONTHLY: 24,
    Frequency.MONTHLY: 12,
}


def to_cents(amount: Decimal) -> Decimal:
    """Round a money amount to the cent, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def from_weekly(amount: Decimal, frequency: Frequency | str) -> Decimal:
    """The amount per ``frequency`` period for a weekly ``amount`` (CSES policy: 52 weeks a year;
    the guidelines, 46b-215a-2c(b), are weekly only)."""
    periods = Frequency(frequency).periods_per_year
    return to_cents(Decimal(amount) * WEEKS_PER_YEAR / periods)


def to_weekly(amount: Decimal, frequency: Frequency | str) -> Decimal:
    """The weekly amount for an ``amount`` per ``frequency`` period (CSES policy: 52 weeks a
    year)."""
    periods = Frequency(frequency).periods_per_year
    return to_cents(Decimal(amount) * periods / WEEKS_PER_YEAR)
