"""The nightly accrual of charges and the month-end rollover of what is unpaid into arrears:
the order schedule posted exactly, each event once, only the unpaid part rolling, into the
category the family's assistance status decides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cses.cases.models import ProgramType
from cses.ledger.jobs import (
    AccrualRun,
    NotAMonthEnd,
    RolloverRun,
    accrue_charges,
    accrue_through,
    months_ending_between,
    roll_over_month,
)
from cses.ledger.models import RECEIVABLE_ACCOUNTS, Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, post
from cses.ledger.selectors import case_balances
from cses.orders.obligations import terms_of
from cses.rules.obligations import ChargeKind, charges
from cses.synthetic.factories import make_case, make_order

D = Decimal
MAY_1 = dt.date(2026, 5, 1)
MAY_31 = dt.date(2026, 5, 31)
JUNE_30 = dt.date(2026, 6, 30)


def payment(case_id: int, amount: str, on: dt.date, key: str, account=Account.OWED_CURRENT_SUPPORT):
    """A distribution-like entry paying ``amount`` of what is owed on the case."""
    amount = D(amount)
    return Entry(
        key=key,
        kind=EntryKind.DISTRIBUTION,
        posted_on=on,
        case_id=case_id,
        lines=(
            Line(Account.UNDISTRIBUTED, amount, case_id),
            Line(account, -amount, case_id),
            Line(Account.SUPPORT_ACCRUED, amount, case_id),
            Line(Account.PAYABLE_FAMILY, -amount, case_id),
        ),
    )


def ledger_sum() -> Decimal:
    return sum(JournalLine.objects.values_list("amount", flat=True), D(0)).quantize(D("0.01"))


@pytest.mark.parametrize(
    ("frequency", "amount", "effective_from"),
    [
        ("weekly", "115.38", dt.date(2026, 1, 5)),
        ("biweekly", "230.77", dt.date(2026, 4, 24)),
        ("semimonthly", "250.00", dt.date(2026, 3, 31)),
        ("monthly", "500.00", dt.date(2026, 1, 31)),
    ],
)
def test_a_months_accrual_equals_the_pure_schedule(worker, frequency, amount, effective_from):
    # Given an order with current and medical support and an arrearage payment plan
    case = make_case(by=worker)
    order = make_order(
        case,
        by=worker,
        frequency=frequency,
        current_support=amount,
        effective_from=effective_from,
        cash_medical_support=D("12.50"),
        arrearage_payment=D("20.00"),
    )
    # When May is accrued day by day
    run = accrue_through(MAY_1, MAY_31)
    # Then the ledger holds exactly the pure schedule's new debt, each on its due date
    expected = [
        c for c in charges([terms_of(v) for v in order.versions.all()], MAY_1, MAY_31) if c.new_debt
    ]
    assert expected
    lines = JournalLine.objects.filter(entry__kind=EntryKind.CHARGE, amount__gt=0)
    posted = sorted((line.due_on, line.account, line.amount) for line in lines)
    account = {
        ChargeKind.CURRENT_SUPPORT: Account.OWED_CURRENT_SUPPORT,
        ChargeKind.MEDICAL_SUPPORT: Account.OWED_MEDICAL_SUPPORT,
    }
    assert posted == sorted((c.due_on, account[c.kind], c.amount) for c in expected)
    total = sum((c.amount for c in expected), D(0))
    assert run == AccrualRun(len(expected), total, len(expected))
    balances = case_balances(case.pk)
    assert balances[Account.SUPPORT_ACCRUED] == -total
    assert Account.ARREARS_NEVER_ASSIGNED not in balances  # the payment plan is not new debt
    assert ledger_sum() == 0


def test_accruing_twice_posts_once(worker):
    case = make_case(by=worker)
    make_order(case, by=worker, frequency="weekly", effective_from=dt.date(2026, 5, 4))
    first = accrue_charges(dt.date(2026, 5, 4))
    assert first == AccrualRun(1, D("100.00"), 1)
    again = accrue_charges(dt.date(2026, 5, 4))
    assert again == AccrualRun(1, D("100.00"), 0)
    assert JournalEntry.objects.get().key.startswith("charge:")
    assert JournalEntry.objects.count() == 1
    assert accrue_charges(dt.date(2026, 5, 5)) == AccrualRun()


def test_accrual_batches_and_case_filter_do_not_change_the_answer(worker):
    cases = [make_case(by=worker) for _ in range(3)]
    for case in cases:
        make_order(case, by=worker, frequency="weekly", effective_from=dt.date(2026, 5, 4))
    only = accrue_through(MAY_1, MAY_31, case_ids=[cases[0].pk], batch_size=2)
    assert only.posted == 4
    rest = accrue_through(MAY_1, MAY_31, batch_size=3)
    assert (rest.charges_due, rest.posted) == (12, 8)
    assert case_balances(cases[2].pk)[Account.OWED_CURRENT_SUPPORT] == D("400.00")


def test_rollover_moves_the_unpaid_part_to_pa_for_current_assistance_and_na_for_never(worker):
    # Given a current-assistance case and a never-assistance case, each charged $400 in May
    tanf = make_case(by=worker, program_type=ProgramType.CURRENT_ASSISTANCE)
    never = make_case(by=worker, program_type=ProgramType.NEVER_ASSISTANCE)
    for case in (tanf, never):
        make_order(
            case,
            by=worker,
            effective_from=dt.date(2026, 5, 4),
            cash_medical_support=D("10.00"),
        )
    accrue_through(MAY_1, MAY_31)
    # and $150 of the never-assistance case's current support paid before the month ended
    post([payment(never.pk, "150.00", dt.date(2026, 5, 20), "distribution:1")])
    # When May rolls over
    run = roll_over_month(MAY_31)
    # Then everything unpaid of May is arrears: all of it for the TANF case, into PA
    assert case_balances(tanf.pk) == {
        Account.ARREARS_PERMANENTLY_ASSIGNED: D("440.00"),
        Account.SUPPORT_ACCRUED: D("-440.00"),
    }
    # and only what was left unpaid for the never-assistance case, into NA
    assert case_balances(never.pk) == {
        Account.ARREARS_NEVER_ASSIGNED: D("290.00"),
        Account.SUPPORT_ACCRUED: D("-290.00"),
        Account.UNDISTRIBUTED: D("150.00"),
        Account.PAYABLE_FAMILY: D("-150.00"),
    }
    assert run.cases == 2 and run.posted == 2 and run.amount == D("730.00")
    assert dict(run.by_account) == {
        Account.ARREARS_PERMANENTLY_ASSIGNED: D("440.00"),
        Account.ARREARS_NEVER_ASSIGNED: D("290.00"),
    }
    # Each rollover line explains itself
    entry = JournalEntry.objects.get(key=f"rollover:{tanf.pk}:2026-05")
    assert entry.posted_on == MAY_31 and entry.kind == EntryKind.ROLLOVER
    explanations = set(entry.lines.values_list("explanation", flat=True))
    assert "Unpaid current support for May 2026 becomes permanently assigned arrears" in " ".join(
        explanations
    )
    # Balances before the month end still show current support due
    assert case_balances(tanf.pk, dt.date(2026, 5, 30))[Account.OWED_CURRENT_SUPPORT] == D("400")
    assert ledger_sum() == 0


def test_a_payment_after_the_month_end_does_not_reduce_what_rolls(worker):
    case = make_case(by=worker)
    make_order(case, by=worker, effective_from=dt.date(2026, 5, 4))
    accrue_through(MAY_1, MAY_31)
    post([payment(case.pk, "100.00", dt.date(2026, 6, 1), "distribution:late")])
    roll_over_month(MAY_31)
    balances = case_balances(case.pk)
    assert balances[Account.ARREARS_NEVER_ASSIGNED] == D("400.00")
    assert balances[Account.OWED_CURRENT_SUPPORT] == D("-100.00")


def test_a_fully_paid_month_rolls_nothing(worker):
    case = make_case(by=worker)
    make_order(case, by=worker, effective_from=dt.date(2026, 5, 4))
    accrue_through(MAY_1, MAY_31)
    post([payment(case.pk, "400.00", MAY_31, "distribution:all")])
    run = roll_over_month(MAY_31)
    assert (run.cases, run.posted) == (0, 0)
    assert not JournalEntry.objects.filter(kind=EntryKind.ROLLOVER).exists()


def test_rolling_over_twice_posts_once_and_a_late_charge_rolls_next_month(worker):
    case = make_case(by=worker)
    make_order(case, by=worker, effective_from=dt.date(2026, 5, 4))
    accrue_through(MAY_1, dt.date(2026, 5, 20))
    assert roll_over_month(MAY_31).posted == 1
    assert roll_over_month(MAY_31).posted == 0
    # The accrual of 25 May ran late, after May had rolled: June's rollover takes it along
    accrue_through(dt.date(2026, 5, 21), JUNE_30)
    june = roll_over_month(JUNE_30)
    assert june.posted == 1 and june.amount == D("100.00") + D("500.00")
    balances = case_balances(case.pk)
    assert balances[Account.ARREARS_NEVER_ASSIGNED] == D("900.00")
    assert Account.OWED_CURRENT_SUPPORT not in balances


def test_an_earlier_month_rolled_after_a_later_one_moves_nothing_again(worker):
    case = make_case(by=worker)
    make_order(case, by=worker, effective_from=dt.date(2026, 5, 4))
    accrue_through(MAY_1, JUNE_30)
    # Four weekly charges in May and five in June, none rolled at the end of May
    assert roll_over_month(JUNE_30).amount == D("900.00")
    assert roll_over_month(MAY_31) == RolloverRun(month_end=MAY_31)
    assert case_balances(case.pk)[Account.ARREARS_NEVER_ASSIGNED] == D("900.00")


def test_only_a_month_end_rolls_over(db):
    with pytest.raises(NotAMonthEnd, match="2026-05-30 is not the end of a month"):
        roll_over_month(dt.date(2026, 5, 30))


def test_months_ending_between():
    assert months_ending_between(dt.date(2026, 4, 30), dt.date(2026, 6, 29)) == [
        dt.date(2026, 4, 30),
        MAY_31,
    ]
    assert months_ending_between(MAY_1, dt.date(2026, 5, 30)) == []


def test_the_command_accrues_and_rolls_over_the_month_that_ended(worker, capsys):
    case = make_case(by=worker, program_type=ProgramType.CURRENT_ASSISTANCE)
    make_order(case, by=worker, effective_from=dt.date(2026, 5, 4))
    call_command("accrue_charges", "--date", "2026-05-01", "--through", "2026-05-31")
    out = capsys.readouterr().out
    assert "4 charge(s) due, $400.00; 4 newly posted" in out
    call_command("accrue_charges", "--date", "2026-06-01", "--roll-over")
    out = capsys.readouterr().out
    assert "rolled over 2026-05: 1 case(s), $400.00 (arrears_pa $400.00); 1 newly posted" in out
    assert case_balances(case.pk)[Account.ARREARS_PERMANENTLY_ASSIGNED] == D("400.00")


class AccrualProperties(TestCase):
    """Hypothesis over random orders and payments through two months: the ledger sums to zero,
    and what is owed (current plus arrears) equals the charges less the payments."""

    @settings(max_examples=15, deadline=None)
    @given(
        frequency=st.sampled_from(["weekly", "biweekly", "semimonthly", "monthly"]),
        amount=st.integers(1, 100_000).map(lambda cents: D(cents) / 100),
        start=st.integers(0, 58),
        program=st.sampled_from(list(ProgramType)),
        payments=st.lists(
            st.tuples(st.integers(0, 60), st.integers(1, 50_000).map(lambda c: D(c) / 100)),
            max_size=6,
        ),
    )
    def test_money_is_conserved_and_receivables_are_charges_less_payments(
        self, frequency, amount, start, program, payments
    ):
        case = make_case(program_type=program)
        order = make_order(
            case,
            frequency=frequency,
            current_support=str(amount),
            effective_from=MAY_1 + dt.timedelta(days=start),
        )
        day = MAY_1
        paid = D(0)
        for n in range(61):
            accrue_charges(day, case_ids=[case.pk])
            for i, (offset, pay) in enumerate(payments):
                if offset == n:
                    owed = case_balances(case.pk, day).get(Account.OWED_CURRENT_SUPPORT, D(0))
                    pay = min(pay, owed)
                    if pay > 0:
                        post([payment(case.pk, str(pay), day, f"pay:{i}")])
                        paid += pay
            if day in (MAY_31, JUNE_30):
                roll_over_month(day, case_ids=[case.pk])
            day += dt.timedelta(days=1)
        charged = sum(
            (
                c.amount
                for c in charges([terms_of(v) for v in order.versions.all()], MAY_1, JUNE_30)
                if c.new_debt
            ),
            D(0),
        )
        balances = case_balances(case.pk)
        # Scoped to the case: another test's committed orders must not count here.
        assert balances.get(Account.SUPPORT_ACCRUED, D(0)) == paid - charged
        owed = sum((balances.get(a, D(0)) for a in RECEIVABLE_ACCOUNTS), D(0))
        assert owed == charged - paid
        assert ledger_sum() == 0
        assert balances.get(Account.OWED_CURRENT_SUPPORT, D(0)) == 0
        arrears = (
            Account.ARREARS_PERMANENTLY_ASSIGNED
            if program == ProgramType.CURRENT_ASSISTANCE
            else Account.ARREARS_NEVER_ASSIGNED
        )
        assert set(balances) <= {
            arrears,
            Account.SUPPORT_ACCRUED,
            Account.UNDISTRIBUTED,
            Account.PAYABLE_FAMILY,
        }
