import datetime as dt
from decimal import Decimal as D

import pytest

from cses.rules.annual_fee import fee_due, fee_year_bounds, fee_year_of

BASE = {"threshold": D("550"), "fee": D("35"), "already_charged": False, "never_assistance": True}


@pytest.mark.parametrize(
    ("so_far", "this", "fee"),
    [
        # federal-rules.md §1.9 Example C: $520 so far, next $100 -> retain $35, family gets $65.
        (D("520"), D("100"), D("35.00")),
        (D("0"), D("550"), D("0.00")),  # exactly the first $550: nothing above it
        (D("0"), D("585"), D("35.00")),
        (D("540"), D("40"), D("0.00")),  # only $30 above: the fee waits for the next payment
        (D("580"), D("20"), D("0.00")),  # a payment smaller than the fee goes out whole
        (D("580"), D("35"), D("35.00")),
        (D("100"), D("100"), D("0.00")),
    ],
)
def test_fee_only_from_the_part_above_the_threshold(so_far, this, fee):
    assert fee_due(disbursed_this_year=so_far, this_disbursement=this, **BASE) == fee


def test_example_c_disburses_65_of_100():
    fee = fee_due(disbursed_this_year=D("520"), this_disbursement=D("100"), **BASE)
    assert D("100") - fee == D("65.00")


def test_no_fee_once_charged_or_for_an_assistance_family():
    assert fee_due(
        disbursed_this_year=D("600"),
        this_disbursement=D("100"),
        **{**BASE, "already_charged": True},
    ) == D("0.00")
    assert fee_due(
        disbursed_this_year=D("600"),
        this_disbursement=D("100"),
        **{**BASE, "never_assistance": False},
    ) == D("0.00")


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2025, 6, 30), 2025),
        (dt.date(2025, 7, 1), 2026),
        (dt.date(2026, 1, 15), 2026),
    ],
)
def test_state_fiscal_year(day, year):
    assert fee_year_of(day, 7) == year
    first, last = fee_year_bounds(year, 7)
    assert first <= day <= last


def test_federal_and_calendar_years():
    assert fee_year_of(dt.date(2025, 10, 1), 10) == 2026
    assert fee_year_bounds(2026, 10) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert fee_year_of(dt.date(2025, 12, 31), 1) == 2025
