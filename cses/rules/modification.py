"""Review and modification of support orders (no framework imports).

Two rules meet here. Federal: an assistance (TANF) order is reviewed at least every 36 months, and
a review is completed within 180 calendar days of the request (45 CFR 303.8(b)(1), 303.8(e)).
Connecticut: an order may be modified when the guideline amount deviates from it by 15 % or more
(CGS 46b-86(a)); the percentage is a parameter.

Amounts compared are weekly: the order version's weekly equivalent against the worksheet's
current support. The change is measured against the current order, not the larger of the two,
so the test is not symmetric: $100 to $115 is a 15 % change, $115 to $100 is 13.04 %.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ModificationTest:
    """The outcome of comparing a recomputed guideline amount with the current order.

    ``change_percent`` is signed (negative for a decrease) and ``None`` when the current order is
    zero, where a percentage has no meaning."""

    current_weekly: Decimal
    guideline_weekly: Decimal
    change_percent: Decimal | None
    threshold_percent: Decimal
    substantial: bool


def _check_amounts(current_weekly: Decimal, guideline_weekly: Decimal) -> None:
    if current_weekly < 0 or guideline_weekly < 0:
        raise ValueError("weekly amounts compared for a modification cannot be negative")


def change_percent(current_weekly: Decimal, guideline_weekly: Decimal) -> Decimal | None:
    """How far the guideline amount is from the current order, as a percentage of the current
    order (CGS 46b-86(a)): positive for an increase, negative for a decrease.

    Rounded toward zero to the cent of a percent, so that the figure shown never reaches the
    threshold when the exact change does not (100.01 to 115.01 is 14.9985 %, shown 14.99 %).

    A current order of zero has no percentage: the answer is ``None``, and
    ``is_substantial_change`` treats any positive guideline amount against it as substantial."""
    _check_amounts(current_weekly, guideline_weekly)
    if current_weekly == 0:
        return None
    exact = (guideline_weekly - current_weekly) * HUNDRED / current_weekly
    return exact.quantize(CENT, rounding=ROUND_DOWN)


def is_substantial_change(
    current_weekly: Decimal, guideline_weekly: Decimal, threshold_percent: Decimal
) -> bool:
    """CGS 46b-86(a): a substantial change in circumstances is presumed when the guideline amount
    deviates from the current order by ``threshold_percent`` (15 %) or more, up or down.

    Decided on exact amounts, without division: |guideline - current| x 100 >= threshold x
    current. Against a current order of zero, any positive guideline amount is substantial (an
    order of nothing cannot stand against a guideline obligation); zero against zero is not."""
    _check_amounts(current_weekly, guideline_weekly)
    if threshold_percent < 0:
        raise ValueError("the modification threshold cannot be negative")
    if current_weekly == 0:
        return guideline_weekly > 0
    return abs(guideline_weekly - current_weekly) * HUNDRED >= threshold_percent * current_weekly


def compare_to_order(
    current_weekly: Decimal, guideline_weekly: Decimal, threshold_percent: Decimal
) -> ModificationTest:
    """The CGS 46b-86(a) comparison in one record: change percentage and substantial flag."""
    return ModificationTest(
        current_weekly=current_weekly,
        guideline_weekly=guideline_weekly,
        change_percent=change_percent(current_weekly, guideline_weekly),
        threshold_percent=threshold_percent,
        substantial=is_substantial_change(current_weekly, guideline_weekly, threshold_percent),
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months; a day past the end of the target month becomes its
    last day (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_review_due(last_established_or_reviewed: dt.date, months: int) -> dt.date:
    """45 CFR 303.8(b)(1): an assistance order is reviewed within ``months`` (36) of its
    establishment or its last review. The day the next periodic review falls due."""
    if months <= 0:
        raise ValueError("a review cycle is a positive number of months")
    return add_months(last_established_or_reviewed, months)


def cycle_cutoff(on: dt.date, months: int) -> dt.date:
    """The latest date of establishment or last review whose periodic review (45 CFR
    303.8(b)(1)) is due on ``on``: ``cycle_review_due(d, months) <= on`` exactly when
    ``d <= cycle_cutoff(on, months)``. Lets a batch select due orders with one comparison.

    Month-end clamping makes the answer the last day of the earlier month when ``on`` is a month's
    last day: on 28 February 2023, an order of 29 February 2020 is 36 months old."""
    if months <= 0:
        raise ValueError("a review cycle is a positive number of months")
    back = add_months(on, -months)
    if on.day == calendar.monthrange(on.year, on.month)[1]:
        return back.replace(day=calendar.monthrange(back.year, back.month)[1])
    return back


def review_due_by(requested_on: dt.date, days: int, located_on: dt.date | None = None) -> dt.date:
    """45 CFR 303.8(e): a review is completed, and the order adjusted or a decision not to adjust
    made, within ``days`` (180) calendar days of the request or of locating the non-requesting
    parent, whichever is later."""
    if days <= 0:
        raise ValueError("a review timeframe is a positive number of days")
    start = max(requested_on, located_on) if located_on else requested_on
    return start + dt.timedelta(days=days)
