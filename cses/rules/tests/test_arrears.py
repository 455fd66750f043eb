"""Where a month's unpaid current charges go (42 USC 657(a); PRWORA arrears categories):
permanently assigned during assistance, never assigned otherwise; only what is above zero moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.arrears import (
    ArrearsMove,
    arrears_category,
    is_month_end,
    month_end,
    unpaid_to_arrears,
)
from cses.rules.distribution import CURRENT_DUE, Category

D = Decimal
MAY = dt.date(2026, 5, 12)


@pytest.mark.parametrize(
    ("status", "category"),
    [
        ("current", Category.PERMANENTLY_ASSIGNED),
        ("former", Category.NEVER_ASSIGNED),
        ("never", Category.NEVER_ASSIGNED),
        ("medicaid", Category.NEVER_ASSIGNED),
    ],
)
def test_the_category_follows_the_assistance_status(status, category):
    assert arrears_category(status) == category


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="'foster'"):
        arrears_category("foster")


def test_each_kind_still_owed_moves_in_the_distribution_order():
    moves = unpaid_to_arrears(
        {
            Category.CHILD_CARE: D("25.00"),
            Category.CURRENT_SUPPORT: D("120.50"),
            Category.MEDICAL_SUPPORT: D("0.00"),
        },
        "current",
        MAY,
    )
    assert [(m.owed, m.to, m.amount) for m in moves] == [
        (Category.CURRENT_SUPPORT, Category.PERMANENTLY_ASSIGNED, D("120.50")),
        (Category.CHILD_CARE, Category.PERMANENTLY_ASSIGNED, D("25.00")),
    ]
    assert moves[0].reason.startswith(
        "Unpaid current support for May 2026 becomes permanently assigned arrears: accrued "
        "while the family receives assistance"
    )
    assert "657(a)(1)" in moves[0].reason
    assert moves[1].reason.startswith("Unpaid child care support for May 2026")


def test_a_balance_paid_ahead_does_not_move():
    assert unpaid_to_arrears({Category.CURRENT_SUPPORT: D("-40.00")}, "never", MAY) == ()
    assert unpaid_to_arrears({}, "never", MAY) == ()


def test_former_assistance_arrears_are_the_familys():
    (move,) = unpaid_to_arrears({Category.MEDICAL_SUPPORT: D("9.99")}, "former", MAY)
    assert move == ArrearsMove(
        owed=Category.MEDICAL_SUPPORT,
        to=Category.NEVER_ASSIGNED,
        amount=D("9.99"),
        reason="Unpaid medical support for May 2026 becomes never-assigned arrears: accrued "
        "after the family left assistance, so owed to the family (42 USC 657(a)(2))",
    )


def test_fractions_of_a_cent_are_refused():
    with pytest.raises(ValueError, match="not in cents"):
        unpaid_to_arrears({Category.CURRENT_SUPPORT: D("1.005")}, "never", MAY)


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
        (dt.date(2026, 4, 30), dt.date(2026, 4, 30)),
        (dt.date(2028, 2, 3), dt.date(2028, 2, 29)),
        (dt.date(2026, 2, 28), dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
    ],
)
def test_month_end(day, end):
    assert month_end(day) == end
    assert is_month_end(day) == (day == end)


@given(
    st.dictionaries(
        st.sampled_from(CURRENT_DUE),
        st.integers(-100_000, 100_000).map(lambda cents: D(cents) / 100),
    ),
    st.sampled_from(["current", "former", "never", "medicaid"]),
)
def test_what_moves_is_exactly_the_positive_unpaid(unpaid, status):
    moves = unpaid_to_arrears(unpaid, status, MAY)
    assert sum((m.amount for m in moves), D(0)) == sum(
        (amount for amount in unpaid.values() if amount > 0), D(0)
    )
    assert {m.to for m in moves} <= {arrears_category(status)}
    assert all(m.amount > 0 for m in moves)
