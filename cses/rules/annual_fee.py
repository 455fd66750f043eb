"""The annual fee on never-assistance cases (no framework imports).

**42 USC 654(6)(B)(ii)** and **45 CFR 302.33(e)**: a State charges a fee of $35 a year on each
case in which nobody has ever received assistance under Title IV-A (AFDC/TANF), once at least
$550 of support has been collected and disbursed to the family in the year. When the State
retains the fee from support, **45 CFR 302.33(e)(3)(i)** forbids taking it from the first $550
disbursed in the year; it is program income (302.33(e)(4), 302.51(a)(5)).

Connecticut (DSS) counts the year as the **state fiscal year**, July 1 to June 30, and deducts the
fee from the custodial party's payments. The amount, the threshold and the first month of the year
are parameters (``annual_fee_amount``, ``annual_fee_threshold``, ``annual_fee_year_start_month``).

**Worked example (federal-rules.md §1.9, Example C).** $520 disbursed so far this year; the next
payment is $100. The first $30 brings the year's total to $550; from the remaining $70 the fee of
$35 is retained and $35 is disbursed with it, $65 in all to the family.

**When the part above the threshold is smaller than the fee.** CSES takes the whole fee once, in
one ledger entry, from the first disbursement whose part above the threshold covers it. A smaller
disbursement goes out whole and the fee waits for the next one (every later disbursement in the
year lies wholly above the threshold). No fee is ever taken from the first $550.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

ZERO = Decimal("0.00")


def fee_year_of(day: dt.date, start_month: int = 7) -> int:
    """The fee year a date falls in, named by the calendar year in which it ends: with the state
    fiscal year (``start_month`` 7, CT DSS), 1 July 2025 to 30 June 2026 is fee year 2026. With
    ``start_month`` 10 it is the federal fiscal year of 45 CFR 302.33(e)(1); with 1, the calendar
    year."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"start_month {start_month} is not a month")
    if start_month == 1:
        return day.year
    return day.year + 1 if day.month >= start_month else day.year


def fee_year_bounds(fee_year: int, start_month: int = 7) -> tuple[dt.date, dt.date]:
    """The first and last day of ``fee_year`` as ``fee_year_of`` names it."""
    if start_month == 1:
        return dt.date(fee_year, 1, 1), dt.date(fee_year, 12, 31)
    first = dt.date(fee_year - 1, start_month, 1)
    last = dt.date(fee_year, start_month, 1) - dt.timedelta(days=1)
    return first, last


def fee_due(
    *,
    disbursed_this_year: Decimal,
    this_disbursement: Decimal,
    threshold: Decimal,
    fee: Decimal,
    already_charged: bool,
    never_assistance: bool,
) -> Decimal:
    """The annual fee to retain from ``this_disbursement`` (42 USC 654(6)(B)(ii); 45 CFR
    302.33(e)(1), (e)(3)(i)).

    ``disbursed_this_year`` is the support disbursed to the family earlier in the fee year,
    counted before any fee was taken from it. The fee is due only on a case where nobody ever
    received IV-A assistance, at most once a year, and only from the part of this disbursement
    that lies above ``threshold``; if that part is smaller than the fee, nothing is taken now
    (see the module docstring).
    """
    if not never_assistance or already_charged or fee <= 0 or this_disbursement <= 0:
        return ZERO
    total = disbursed_this_year + this_disbursement
    above = min(this_disbursement, total - max(threshold, disbursed_this_year))
    if above < fee:
        return ZERO
    return fee.quantize(ZERO)
