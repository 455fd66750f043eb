"""Weekly amounts to other frequencies and back: 52 weeks a year, cents rounded half up."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.frequency import PERIODS_PER_YEAR, Frequency, from_weekly, to_weekly

D = Decimal
weekly_amounts = st.decimals(min_value=0, max_value=100_000, places=2)


def test_periods_per_year():
    assert {f.value: f.periods_per_year for f in Frequency} == {
        "weekly": 52,
        "biweekly": 26,
        "semimonthly": 24,
        "monthly": 12,
    }
    assert set(PERIODS_PER_YEAR) == set(Frequency)


@pytest.mark.parametrize(
    ("weekly", "frequency", "expected"),
    [
        ("100.00", Frequency.WEEKLY, "100.00"),
        ("100.00", Frequency.BIWEEKLY, "200.00"),
        ("100.00", Frequency.SEMIMONTHLY, "216.67"),  # 100 * 52 / 24 = 216.666…
        ("100.00", Frequency.MONTHLY, "433.33"),  # 100 * 52 / 12 = 433.333…
        ("4000.00", "monthly", "17333.33"),  # the figure third-party tools show for $4,000/week
        ("0.15", Frequency.SEMIMONTHLY, "0.33"),  # 0.325: half up, not to even
        ("0.45", Frequency.SEMIMONTHLY, "0.98"),  # 0.975
        ("1.50", Frequency.SEMIMONTHLY, "3.25"),  # exact
    ],
)
def test_from_weekly(weekly, frequency, expected):
    assert from_weekly(D(weekly), frequency) == D(expected)


@pytest.mark.parametrize(
    ("amount", "frequency", "expected"),
    [
        ("433.33", Frequency.MONTHLY, "100.00"),
        ("100.00", Frequency.MONTHLY, "23.08"),
        ("200.00", Frequency.BIWEEKLY, "100.00"),
        ("216.67", Frequency.SEMIMONTHLY, "100.00"),
        ("52.00", Frequency.WEEKLY, "52.00"),
    ],
)
def test_to_weekly(amount, frequency, expected):
    assert to_weekly(D(amount), frequency) == D(expected)


def test_an_unknown_frequency_is_refused():
    with pytest.raises(ValueError, match="fortnightly"):
        from_weekly(D(1), "fortnightly")


@given(weekly_amounts)
def test_biweekly_is_exactly_twice_weekly(weekly):
    assert from_weekly(weekly, Frequency.BIWEEKLY) == weekly * 2


@given(weekly_amounts, st.sampled_from(list(Frequency)))
def test_a_weekly_amount_survives_the_round_trip(weekly, frequency):
    assert to_weekly(from_weekly(weekly, frequency), frequency) == weekly


def test_an_amount_set_monthly_may_not_survive_it():
    assert from_weekly(to_weekly(D("100.00"), Frequency.MONTHLY), Frequency.MONTHLY) == D("100.01")


@given(weekly_amounts, weekly_amounts, st.sampled_from(list(Frequency)))
def test_conversion_keeps_order(a, b, frequency):
    low, high = sorted((a, b))
    assert from_weekly(low, frequency) <= from_weekly(high, frequency)
