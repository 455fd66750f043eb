"""Posting: balanced entries only, each business event once, reversals exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cses.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, UnbalancedEntry, post, reversal_of
from cses.ledger.selectors import account_total, case_balances
from cses.synthetic.factories import make_case

DAY = dt.date(2026, 5, 15)


def charge(case_id: int, amount: str, key: str = "charge:1", on: dt.date = DAY) -> Entry:
    return Entry(
        key=key,
        kind=EntryKind.CHARGE,
        posted_on=on,
        case_id=case_id,
        lines=(
            Line(Account.OWED_CURRENT_SUPPORT, D(amount), case_id, due_on=on),
            Line(Account.SUPPORT_ACCRUED, -D(amount), case_id, due_on=on),
        ),
    )


@pytest.mark.django_db
def test_an_unbalanced_entry_is_refused_and_nothing_is_written():
    case = make_case()
    bad = Entry(
        key="bad",
        kind=EntryKind.ADJUSTMENT,
        posted_on=DAY,
        lines=(Line(Account.SDU_BANK, D("10.00")), Line(Account.SUSPENSE, D("-9.99"))),
    )
    with pytest.raises(UnbalancedEntry, match=r"differ by 0\.01"):
        post([charge(case.pk, "5.00"), bad])
    assert not JournalEntry.objects.exists()
    with pytest.raises(UnbalancedEntry, match="not in cents"):
        post([charge(case.pk, "5.001")])


@pytest.mark.django_db
def test_the_same_event_posts_once():
    case = make_case()
    assert post([charge(case.pk, "100.00")]) == 1
    assert post([charge(case.pk, "100.00"), charge(case.pk, "50.00", key="charge:2")]) == 1
    assert case_balances(case.pk) == {
        Account.OWED_CURRENT_SUPPORT: D("150.00"),
        Account.SUPPORT_ACCRUED: D("-150.00"),
    }
    assert JournalLine.objects.count() == 4


@pytest.mark.django_db
def test_balances_are_available_for_any_date():
    case = make_case()
    post(
        [charge(case.pk, "100.00", "c1", DAY), charge(case.pk, "40.00", "c2", DAY.replace(day=20))]
    )
    assert case_balances(case.pk, DAY)[Account.OWED_CURRENT_SUPPORT] == D("100.00")
    assert case_balances(case.pk, DAY.replace(day=20))[Account.OWED_CURRENT_SUPPORT] == D("140.00")
    assert case_balances(case.pk, DAY.replace(day=14)) == {}


@pytest.mark.django_db
def test_a_reversal_restores_the_balances_exactly_and_posts_once():
    case = make_case()
    post([charge(case.pk, "100.00", "c1"), charge(case.pk, "25.00", "c2")])
    before = case_balances(case.pk)
    post([charge(case.pk, "60.00", "c3")])
    original = JournalEntry.objects.get(key="c3")
    undo = reversal_of(original, posted_on=DAY, memo="entered in error")
    assert post([undo]) == 1 and post([undo]) == 0
    assert case_balances(case.pk) == before
    assert JournalEntry.objects.get(key="reversal:c3").reverses == original


class PostingProperties(TestCase):
    """Hypothesis over sequences of charges and reversals: balances equal the sum of the lines
    posted, and posting a sequence twice equals posting it once."""

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2),
                st.booleans(),
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_posting_is_conserved_and_idempotent(self, events):
        case = make_case()
        entries = [
            charge(case.pk, str(amount), key=f"p{i}") for i, (amount, _) in enumerate(events)
        ]
        post(entries)
        post(entries)
        reversals = [
            reversal_of(JournalEntry.objects.get(key=f"p{i}"), posted_on=DAY, memo="x")
            for i, (_, undo) in enumerate(events)
            if undo
        ]
        post(reversals)
        post(reversals)
        kept = sum((amount for amount, undo in events if not undo), D(0))
        balances = case_balances(case.pk)
        assert balances.get(Account.OWED_CURRENT_SUPPORT, D(0)) == kept
        assert account_total(Account.SUPPORT_ACCRUED) == -kept
        assert (
            sum(JournalLine.objects.values_list("amount", flat=True), D(0)).quantize(D("0.01")) == 0
        )
