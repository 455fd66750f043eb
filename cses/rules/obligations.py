"""The obligation schedule: on which days an order's amounts fall due, and how much (no
framework imports).

An order's terms live in versions; a version applies from its effective date until the next
version's effective date (``charges``). Within a version, each amount is due on the days of its
frequency's pattern, anchored on the version's effective date (``due_dates``):

- weekly and biweekly: the effective date and every 7 or 14 days after it;
- monthly: the effective date's day of the month, each month; a day the month lacks falls on the
  month's last day (an order effective on the 31st is due on 30 April and on 28 or 29 February);
- semimonthly: two days a month 15 days apart, one of them the effective date's day. An effective
  day D up to the 15th gives D and D + 15 (the 1st and 16th, the 15th and 30th); a later D gives
  D - 15 and D (the 16th: the 1st and 16th; the 31st: the 16th and the month's last day). The
  later day, missing from a short month, falls on its last day.

Support stops at the order's end: nothing falls due on or after the day it ends (the same
convention as a child's end of support, ``cses.rules.support_duration``).

A charge of an arrearage payment is a payment plan on arrears already owed, not a new debt: the
ledger books it as an amount due against the existing arrears balance (``Charge.new_debt``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cses.rules.frequency import Frequency

DAY = dt.timedelta(days=1)
STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}
SEMIMONTHLY_GAP = 15


class ChargeKind(StrEnum):
    """The amounts of an order that fall due, in the order they are listed on a due date."""

    CURRENT_SUPPORT = "current_support"
    MEDICAL_SUPPORT = "medical_support"  # cash medical support
    CHILD_CARE = "child_care"  # the noncustodial parent's contribution to child care
    ARREARAGE_PAYMENT = "arrearage_payment"  # a payment plan on existing arrears

    @property
    def new_debt(self) -> bool:
        """Whether a charge of this kind adds to what is owed (an arrearage payment does not)."""
        return self is not ChargeKind.ARREARAGE_PAYMENT


CHARGE_KINDS = tuple(ChargeKind)


@dataclass(frozen=True)
class ObligationTerms:
    """One version of an order's terms: amounts per period of ``frequency``, from
    ``effective_from`` until the next version's effective date. ``version`` breaks ties between
    versions effective on the same day (the later one applies)."""

    effective_from: dt.date
    frequency: Frequency
    current_support: Decimal
    cash_medical_support: Decimal = Decimal(0)
    child_care_contribution: Decimal = Decimal(0)
    arrearage_payment: Decimal = Decimal(0)
    version: int = 1

    def amount(self, kind: ChargeKind) -> Decimal:
        return {
            ChargeKind.CURRENT_SUPPORT: self.current_support,
            ChargeKind.MEDICAL_SUPPORT: self.cash_medical_support,
            ChargeKind.CHILD_CARE: self.child_care_contribution,
            ChargeKind.ARREARAGE_PAYMENT: self.arrearage_payment,
        }[kind]


@dataclass(frozen=True)
class Charge:
    """An amount of one kind due on one day under one version of the order."""

    due_on: dt.date
    kind: ChargeKind
    amount: Decimal
    version: int

    @property
    def new_debt(self) -> bool:
        return self.kind.new_debt


def last_day_of_month(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _in_month(year: int, month: int, day_of_month: int) -> dt.date:
    """The ``day_of_month`` of a month, or the month's last day if it has fewer days."""
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def semimonthly_days(anchor: dt.date) -> tuple[int, int]:
    """The two days of the month a semimonthly amount anchored on ``anchor`` falls due (before
    a short month moves the later one to its last day)."""
    first = anchor.day if anchor.day <= SEMIMONTHLY_GAP else anchor.day - SEMIMONTHLY_GAP
    return first, first + SEMIMONTHLY_GAP


def _months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def due_dates(
    frequency: Frequency | str, anchor: dt.date, start: dt.date, end: dt.date
) -> list[dt.date]:
    """The days within [``start``, ``end``] on which an amount of ``frequency`` anchored on
    ``anchor`` (the version's effective date) falls due, in order; none before the anchor.

    The patterns are CSES policy (the guidelines, 46b-215a-2c(b), state amounts weekly and say
    nothing of due days): see the module's description."""
    frequency = Frequency(frequency)
    start = max(start, anchor)
    if end < start:
        return []
    if frequency in STEP_DAYS:
        step = STEP_DAYS[frequency]
        offset = -(start - anchor).days % step
        first = start + dt.timedelta(days=offset)
        count = (end - first).days // step + 1 if first <= end else 0
        return [first + dt.timedelta(days=step * i) for i in range(count)]
    if frequency is Frequency.MONTHLY:
        days_of_month: tuple[int, ...] = (anchor.day,)
    else:
        days_of_month = semimonthly_days(anchor)
    out = []
    for year, month in _months(start, end):
        for day_of_month in days_of_month:
            day = _in_month(year, month, day_of_month)
            if start <= day <= end:
                out.append(day)
    return out


def spans(
    versions: Sequence[ObligationTerms], *, ends_on: dt.date | None = None
) -> list[tuple[ObligationTerms, dt.date, dt.date | None]]:
    """Each version with the days it applies: (terms, first day, day it stops applying or
    None). A version applies from its effective date until the next version's; a version
    replaced on its own effective date never applies. ``ends_on`` (the order's end) stops the
    last."""
    ordered = sorted(versions, key=lambda v: (v.effective_from, v.version))
    out = []
    for i, terms in enumerate(ordered):
        until = ordered[i + 1].effective_from if i + 1 < len(ordered) else None
        if ends_on is not None and (until is None or ends_on < until):
            until = ends_on
        if until is not None and until <= terms.effective_from:
            continue
        out.append((terms, terms.effective_from, until))
    return out


def charges(
    versions: Sequence[ObligationTerms],
    start: dt.date,
    end: dt.date,
    *,
    ends_on: dt.date | None = None,
) -> list[Charge]:
    """Every amount an order falls due within [``start``, ``end``], by due date then kind
    (``ChargeKind`` order): each version's amounts on its frequency's days while it applies,
    nothing on or after ``ends_on`` (the order's end). Zero amounts are not charged.

    The amounts are the order's (the court's or magistrate's terms); the due days are CSES policy
    (``due_dates``). This is the schedule the ledger accrues; ``cses.orders.obligations``
    computes the same in bulk SQL."""
    out: list[Charge] = []
    for terms, first, until in spans(versions, ends_on=ends_on):
        last = end if until is None else min(end, until - DAY)
        for day in due_dates(terms.frequency, terms.effective_from, max(start, first), last):
            for kind in CHARGE_KINDS:
                amount = terms.amount(kind)
                if amount > 0:
                    out.append(Charge(day, kind, amount, terms.version))
    out.sort(key=lambda c: (c.due_on, CHARGE_KINDS.index(c.kind)))
    return out
