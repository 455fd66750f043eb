"""The obligation schedule: due days per frequency (month-end clamping included), versions that
change mid-period, and the order's end."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.frequency import Frequency
from cses.rules.obligations import (
    ChargeKind,
    ObligationTerms,
    charges,
    due_dates,
    semimonthly_days,
)

D = dt.date
W, B, S, M = Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.SEMIMONTHLY, Frequency.MONTHLY


@pytest.mark.parametrize(
    ("frequency", "anchor", "start", "end", "expected"),
    [
        (W, D(2026, 1, 5), D(2026, 1, 1), D(2026, 1, 31), [5, 12, 19, 26]),
        (W, D(2026, 1, 5), D(2026, 1, 13), D(2026, 1, 26), [19, 26]),
        (B, D(2026, 1, 5), D(2026, 1, 1), D(2026, 1, 31), [5, 19]),
        (B, D(2025, 12, 29), D(2026, 1, 1), D(2026, 1, 31), [12, 26]),
        (M, D(2025, 11, 15), D(2026, 1, 1), D(2026, 1, 31), [15]),
        (S, D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 31), [1, 16]),
        (S, D(2026, 1, 16), D(2026, 1, 1), D(2026, 1, 31), [16]),  # nothing before the anchor
        (S, D(2025, 12, 15), D(2026, 1, 1), D(2026, 1, 31), [15, 30]),
        (S, D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 31), [16, 31]),
        # an empty period, and a period wholly before the anchor
        (W, D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 11), []),
        (M, D(2026, 3, 1), D(2026, 1, 1), D(2026, 2, 28), []),
    ],
)
def test_due_days(frequency, anchor, start, end, expected):
    assert [d.day for d in due_dates(frequency, anchor, start, end)] == expected


@pytest.mark.parametrize(
    ("frequency", "anchor", "expected"),
    [
        # monthly on the 31st: the last day of each shorter month
        (M, D(2026, 1, 31), [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]),
        # on the 29th: 28 February in a common year, 29 in a leap year
        (M, D(2027, 1, 29), [D(2027, 1, 29), D(2027, 2, 28), D(2027, 3, 29), D(2027, 4, 29)]),
        (M, D(2028, 1, 29), [D(2028, 1, 29), D(2028, 2, 29), D(2028, 3, 29), D(2028, 4, 29)]),
        # semimonthly on the 15th and 30th: February's 30th is its last day
        (
            S,
            D(2026, 1, 15),
            [D(2026, 1, 15), D(2026, 1, 30), D(2026, 2, 15), D(2026, 2, 28)],
        ),
        # semimonthly on the 16th and 31st
        (
            S,
            D(2026, 1, 31),
            [D(2026, 1, 31), D(2026, 2, 16), D(2026, 2, 28), D(2026, 3, 16)],
        ),
    ],
)
def test_month_ends_clamp_the_day(frequency, anchor, expected):
    assert due_dates(frequency, anchor, anchor, expected[-1]) == expected


def test_semimonthly_pairs_are_15_days_apart_and_include_the_anchor():
    for day in range(1, 32):
        first, second = semimonthly_days(D(2026, 1, day))
        assert second - first == 15
        assert day in (first, second)


def test_a_version_applies_until_the_next_ones_effective_date():
    # given $100 weekly from Monday 5 January, modified to $200 monthly from 20 January
    versions = [
        ObligationTerms(D(2026, 1, 5), W, Decimal("100.00"), version=1),
        ObligationTerms(D(2026, 1, 20), M, Decimal("200.00"), version=2),
    ]
    # when January and February are charged
    got = [
        (c.due_on, c.amount, c.version) for c in charges(versions, D(2026, 1, 1), D(2026, 2, 28))
    ]
    # then the weekly amounts stop the day before the change, and the monthly ones start with it
    assert got == [
        (D(2026, 1, 5), Decimal("100.00"), 1),
        (D(2026, 1, 12), Decimal("100.00"), 1),
        (D(2026, 1, 19), Decimal("100.00"), 1),
        (D(2026, 1, 20), Decimal("200.00"), 2),
        (D(2026, 2, 20), Decimal("200.00"), 2),
    ]


def test_every_kind_is_charged_and_an_arrearage_payment_is_no_new_debt():
    versions = [
        ObligationTerms(
            D(2026, 1, 1),
            M,
            Decimal("400.00"),
            cash_medical_support=Decimal("25.00"),
            child_care_contribution=Decimal("60.00"),
            arrearage_payment=Decimal("80.00"),
        )
    ]
    got = charges(versions, D(2026, 1, 1), D(2026, 1, 31))
    assert [(c.kind, c.amount) for c in got] == [
        (ChargeKind.CURRENT_SUPPORT, Decimal("400.00")),
        (ChargeKind.MEDICAL_SUPPORT, Decimal("25.00")),
        (ChargeKind.CHILD_CARE, Decimal("60.00")),
        (ChargeKind.ARREARAGE_PAYMENT, Decimal("80.00")),
    ]
    assert [c.new_debt for c in got] == [True, True, True, False]


def test_zero_amounts_and_the_orders_end_charge_nothing():
    versions = [
        ObligationTerms(D(2026, 1, 1), W, Decimal("50.00"), version=1),
        # a termination: every amount zero
        ObligationTerms(D(2026, 1, 15), W, Decimal("0"), version=2),
    ]
    assert [c.due_on for c in charges(versions, D(2026, 1, 1), D(2026, 2, 28))] == [
        D(2026, 1, 1),
        D(2026, 1, 8),
    ]
    # the order's end stops charges on the end day itself
    only = versions[:1]
    assert [
        c.due_on for c in charges(only, D(2026, 1, 1), D(2026, 2, 28), ends_on=D(2026, 1, 8))
    ] == [D(2026, 1, 1)]


def test_a_version_replaced_on_its_own_effective_date_never_applies():
    versions = [
        ObligationTerms(D(2026, 1, 1), W, Decimal("50.00"), version=1),
        ObligationTerms(D(2026, 1, 1), W, Decimal("70.00"), version=2),
    ]
    assert {c.amount for c in charges(versions, D(2026, 1, 1), D(2026, 1, 31))} == {
        Decimal("70.00")
    }


@given(
    frequency=st.sampled_from(list(Frequency)),
    anchor=st.dates(D(2024, 1, 1), D(2026, 12, 31)),
    start=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
    days=st.integers(0, 400),
)
def test_due_days_agree_with_a_day_by_day_reading_of_the_pattern(frequency, anchor, start, days):
    end = start + dt.timedelta(days=days)
    expected = [
        d for d in _each_day(start, end) if d >= anchor and _falls_due(frequency, anchor, d)
    ]
    assert due_dates(frequency, anchor, start, end) == expected


def _each_day(start, end):
    while start <= end:
        yield start
        start += dt.timedelta(days=1)


def _falls_due(frequency, anchor, day):
    """The pattern read one day at a time, as the bulk SQL reads it."""
    import calendar

    last = calendar.monthrange(day.year, day.month)[1]

    def clamp(d):
        return min(d, last)

    if frequency is W:
        return (day - anchor).days % 7 == 0
    if frequency is B:
        return (day - anchor).days % 14 == 0
    if frequency is M:
        return day.day == clamp(anchor.day)
    first, second = semimonthly_days(anchor)
    return day.day in (first, clamp(second))
