"""The modification rules: the 15 % substantial-change test (CGS 46b-86(a)), the 36-month review
cycle (45 CFR 303.8(b)(1)) and the 180-day completion timeframe (45 CFR 303.8(e))."""

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cses.rules import modification as m

FIFTEEN = D("15")

money = st.decimals(min_value=D("0.01"), max_value=D("5000"), places=2)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


@pytest.mark.parametrize(
    ("current", "guideline", "percent", "substantial"),
    [
        ("100.00", "115.00", "15.00", True),  # exactly 15 % up
        ("100.00", "85.00", "-15.00", True),  # exactly 15 % down
        ("100.00", "114.99", "14.99", False),
        ("100.00", "85.01", "-14.99", False),
        ("100.01", "115.01", "14.99", False),  # 14.9985 %: shown and decided below 15
        ("333.33", "383.33", "15.00", True),  # 15.0001 %
        ("200.00", "200.00", "0.00", False),
        ("115.00", "100.00", "-13.04", False),  # not symmetric: measured against the order
        ("250.00", "0.00", "-100.00", True),
        ("0.00", "0.00", None, False),
        ("0.00", "0.01", None, True),  # nothing ordered: any guideline amount is substantial
    ],
)
def test_change_percent_and_substantial_change(current, guideline, percent, substantial):
    # given an order's weekly amount and a recomputed guideline amount
    current, guideline = D(current), D(guideline)
    # when they are compared at the 15 % threshold
    result = m.compare_to_order(current, guideline, FIFTEEN)
    # then
    assert result.change_percent == (None if percent is None else D(percent))
    assert result.substantial is substantial
    assert m.is_substantial_change(current, guideline, FIFTEEN) is substantial


def test_threshold_is_a_parameter():
    assert m.is_substantial_change(D("100"), D("110"), D("10"))
    assert not m.is_substantial_change(D("100"), D("110"), D("10.01"))


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        m.change_percent(D("-1"), D("10"))
    with pytest.raises(ValueError, match="negative"):
        m.is_substantial_change(D("10"), D("10"), D("-1"))


@given(current=money, guideline=money, threshold=st.decimals(0, 100, places=2))
def test_shown_percentage_agrees_with_the_decision(current, guideline, threshold):
    percent = m.change_percent(current, guideline)
    assert m.is_substantial_change(current, guideline, threshold) == (abs(percent) >= threshold)


@given(current=money, a=money, b=money, up=st.booleans())
def test_further_from_the_order_is_never_less_substantial(current, a, b, up):
    # two guideline amounts on the same side of the order, one further away than the other
    small, large = sorted([a, b])
    if up:
        near, far = current + small, current + large
    else:
        assume(large <= current)
        near, far = current - small, current - large
    if m.is_substantial_change(current, near, FIFTEEN):
        assert m.is_substantial_change(current, far, FIFTEEN)


@given(current=money, guideline=money, k=st.integers(1, 50))
def test_scaling_both_amounts_changes_nothing(current, guideline, k):
    assert m.is_substantial_change(current, guideline, FIFTEEN) == m.is_substantial_change(
        current * k, guideline * k, FIFTEEN
    )


@given(current=money, guideline=money)
def test_the_higher_the_threshold_the_fewer_substantial_changes(current, guideline):
    if m.is_substantial_change(current, guideline, D("20")):
        assert m.is_substantial_change(current, guideline, FIFTEEN)


@pytest.mark.parametrize(
    ("last", "months", "due"),
    [
        (dt.date(2021, 6, 15), 36, dt.date(2024, 6, 15)),
        (dt.date(2021, 1, 31), 1, dt.date(2021, 2, 28)),
        (dt.date(2020, 2, 29), 36, dt.date(2023, 2, 28)),  # leap day clamps
        (dt.date(2020, 2, 29), 48, dt.date(2024, 2, 29)),
        (dt.date(2021, 8, 31), 36, dt.date(2024, 8, 31)),
        (dt.date(2021, 12, 31), 2, dt.date(2022, 2, 28)),
    ],
)
def test_cycle_review_due(last, months, due):
    assert m.cycle_review_due(last, months) == due


@pytest.mark.parametrize(
    ("on", "months", "cutoff"),
    [
        (dt.date(2024, 6, 15), 36, dt.date(2021, 6, 15)),
        (dt.date(2023, 2, 28), 36, dt.date(2020, 2, 29)),  # 29 Feb 2020 + 36 months is due
        (dt.date(2024, 3, 30), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 6, 30), 1, dt.date(2024, 5, 31)),
    ],
)
def test_cycle_cutoff(on, months, cutoff):
    assert m.cycle_cutoff(on, months) == cutoff


@given(last=days, on=days, months=st.integers(1, 120))
def test_cutoff_selects_exactly_the_orders_due(last, on, months):
    assert (m.cycle_review_due(last, months) <= on) == (last <= m.cycle_cutoff(on, months))


@given(a=days, b=days, months=st.integers(-240, 240))
def test_adding_months_keeps_the_order_of_dates(a, b, months):
    if a <= b:
        assert m.add_months(a, months) <= m.add_months(b, months)


def test_review_due_by_180_days_from_the_later_of_request_and_locate():
    assert m.review_due_by(dt.date(2025, 1, 10), 180) == dt.date(2025, 7, 9)
    assert m.review_due_by(dt.date(2025, 1, 10), 180, dt.date(2025, 2, 1)) == dt.date(2025, 7, 31)
    assert m.review_due_by(dt.date(2025, 1, 10), 180, dt.date(2024, 12, 1)) == dt.date(2025, 7, 9)


def test_timeframes_must_be_positive():
    with pytest.raises(ValueError):
        m.cycle_review_due(dt.date(2025, 1, 1), 0)
    with pytest.raises(ValueError):
        m.review_due_by(dt.date(2025, 1, 1), 0)
