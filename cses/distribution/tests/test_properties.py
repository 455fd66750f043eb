"""Properties over generated sequences of charges, receipts, distributions and reversals: every
cent conserved, balances equal the sum of the entries, a reversal restores the balances exactly,
distributing again changes nothing, the checkbook balances."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cses.cases.models import ProgramType
from cses.distribution.checkbook import daily_balancing
from cses.distribution.services import distribute_pending, reverse_receipt
from cses.ledger.models import Account as A
from cses.ledger.models import JournalLine
from cses.ledger.selectors import account_total, balances_of_cases
from cses.receipts.models import Receipt
from cses.synthetic.factories import make_case

from .helpers import arrears, charge, receive

START = dt.date(2026, 3, 1)
CASES = 2
RECEIVABLES = {
    A.OWED_CURRENT_SUPPORT,
    A.OWED_MEDICAL_SUPPORT,
    A.OWED_CHILD_CARE,
    A.ARREARS_PERMANENTLY_ASSIGNED,
    A.ARREARS_NEVER_ASSIGNED,
}

cents = st.integers(min_value=1, max_value=60000).map(lambda c: D(c).scaleb(-2))
operation = st.one_of(
    st.tuples(
        st.just("charge"),
        st.integers(0, CASES - 1),
        cents,
        st.sampled_from([A.OWED_CURRENT_SUPPORT, A.OWED_MEDICAL_SUPPORT, A.OWED_CHILD_CARE]),
    ),
    st.tuples(
        st.just("arrears"),
        st.integers(0, CASES - 1),
        cents,
        st.sampled_from([A.ARREARS_PERMANENTLY_ASSIGNED, A.ARREARS_NEVER_ASSIGNED]),
    ),
    st.tuples(
        st.just("receipt"),
        st.integers(0, CASES - 1),
        cents,
        st.sampled_from(["employer_withholding", "parent_payment", "federal_tax_offset"]),
    ),
    st.tuples(st.just("distribute"), st.just(0), st.just(D(0)), st.just("")),
    st.tuples(st.just("reverse"), st.integers(0, 50), st.just(D(0)), st.just("")),
)


def _balances(case_ids) -> dict:
    got = balances_of_cases(case_ids)
    return {c: got.get(c, {}) for c in case_ids}


def _sum_of_lines(case_ids) -> dict:
    out: dict = {c: defaultdict(D) for c in case_ids}
    for case_id, account, amount in JournalLine.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "account", "amount"
    ):
        out[case_id][account] += amount
    return {c: {a: v for a, v in accounts.items() if v} for c, accounts in out.items()}


def _effect_of(receipt: Receipt) -> dict:
    out: dict = defaultdict(D)
    for case_id, account, amount in JournalLine.objects.filter(entry__receipt=receipt).values_list(
        "case_id", "account", "amount"
    ):
        out[(case_id, account)] += amount
    return out


class LedgerProperties(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        programs=st.lists(
            st.sampled_from(list(ProgramType.values)), min_size=CASES, max_size=CASES
        ),
        operations=st.lists(operation, min_size=1, max_size=14),
    )
    def test_sequences(self, programs, operations):
        cases = [make_case(program_type=p) for p in programs]
        ids = [c.pk for c in cases]
        day = START
        receipts: list[Receipt] = []
        for name, target, amount, extra in operations:
            day += dt.timedelta(days=3)
            if name == "charge":
                charge(cases[target], str(amount), day, extra)
            elif name == "arrears":
                arrears(cases[target], str(amount), extra, day)
            elif name == "receipt":
                receipts.append(receive(cases[target], str(amount), day, source=extra))
            elif name == "distribute":
                distribute_pending(day)
                self.assertEqual(distribute_pending(day).entries_posted, 0)
            elif name == "reverse" and receipts:
                receipt = receipts[target % len(receipts)]
                receipt.refresh_from_db()
                if receipt.status == Receipt.Status.REVERSED:
                    continue
                before = _balances(ids)
                effect = _effect_of(receipt)
                reverse_receipt(receipt, reason="NSF", on=day)
                after = _balances(ids)
                for case_id in ids:
                    for account in set(before[case_id]) | set(after[case_id]):
                        self.assertEqual(
                            after[case_id].get(account, D(0)),
                            before[case_id].get(account, D(0)) - effect.get((case_id, account), 0),
                        )
                self.assertEqual(_effect_of(receipt), {k: 0 for k in effect})
            self._check(ids)
        distribute_pending(day)
        self._check(ids)
        book = daily_balancing(START, day, through=day)
        self.assertTrue(book.balanced, [(r.day, r.source, r.difference) for r in book.rows])

        # Reversing every receipt leaves exactly the charges.
        for receipt in receipts:
            receipt.refresh_from_db()
            if receipt.status != Receipt.Status.REVERSED:
                reverse_receipt(receipt, reason="misapplied", on=day)
        self.assertEqual(account_total(A.SDU_BANK), 0)
        for account in (A.UNDISTRIBUTED, A.PAYABLE_FAMILY, A.HELD, A.RETAINED_FEDERAL):
            self.assertEqual(account_total(account), 0)
        self._check(ids)

    def _check(self, ids):
        # Every entry balances; every cent received is somewhere.
        self.assertEqual(
            account_total(A.SDU_BANK),
            -sum(
                (
                    account_total(a)
                    for a in (
                        A.UNDISTRIBUTED,
                        A.SUSPENSE,
                        A.HELD,
                        A.PAYABLE_FAMILY,
                        A.RETAINED_FEDERAL,
                        A.RETAINED_STATE,
                    )
                ),
                D(0),
            ),
        )
        live = Receipt.objects.exclude(status=Receipt.Status.REVERSED)
        self.assertEqual(account_total(A.SDU_BANK), sum((r.amount for r in live), D(0)))
        balances = _balances(ids)
        self.assertEqual(balances, _sum_of_lines(ids))
        for case_id in ids:
            for account in RECEIVABLES:
                self.assertGreaterEqual(balances[case_id].get(account, D(0)), 0)
