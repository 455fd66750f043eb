"""Distribution through the ledger: worked examples per family type, proration, idempotency,
reversals, explanations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from cses.cases.models import CaseMember, MemberRole, ProgramType
from cses.distribution.checkbook import daily_balancing
from cses.distribution.selectors import payment_history, receipt_explanation
from cses.distribution.services import (
    PASS_THROUGH_MARK,
    NotDistributable,
    ReversalRefused,
    distribute_pending,
    distribute_receipt,
    reverse_receipt,
)
from cses.ledger.models import Account as A
from cses.ledger.models import EntryKind, JournalEntry
from cses.ledger.posting import Entry, Line, post
from cses.ledger.selectors import account_total, case_balances
from cses.receipts.models import Receipt
from cses.rules import distribution as rules
from cses.synthetic.factories import make_case

from .helpers import arrears, charge, receive, to_suspense

MAY1 = dt.date(2026, 5, 1)
MAY15 = dt.date(2026, 5, 15)
MAY20 = dt.date(2026, 5, 20)

pytestmark = pytest.mark.django_db


def test_never_assistance_everything_to_the_family():
    case = make_case(program_type=ProgramType.NEVER_ASSISTANCE)
    charge(case, "500.00", MAY1)
    arrears(case, "200.00", A.ARREARS_NEVER_ASSIGNED, MAY1)
    receipt = receive(case, "600.00", MAY15)

    run = distribute_receipt(receipt)

    assert run.entries_posted == 1
    b = case_balances(case.pk)
    assert A.OWED_CURRENT_SUPPORT not in b
    assert b[A.ARREARS_NEVER_ASSIGNED] == D("100.00")
    assert b[A.PAYABLE_FAMILY] == D("-600.00")
    assert A.UNDISTRIBUTED not in b
    entry = JournalEntry.objects.get(key=f"distribution:{receipt.pk}")
    assert entry.kind == EntryKind.DISTRIBUTION and entry.posted_on == MAY15
    assert all(line.explanation for line in entry.lines.all())

    explained = receipt_explanation(receipt)
    assert explained.to_family == D("600.00") and explained.retained == 0
    texts = [p.text for p in explained.parts]
    assert texts[0].startswith("$500.00 to current support for May 2026, paid to the family:")
    assert texts[1].startswith("$100.00 to never-assigned arrears, paid to the family:")


def test_current_assistance_retains_with_pass_through_across_the_month():
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(case, "500.00", MAY1)
    arrears(case, "300.00", A.ARREARS_PERMANENTLY_ASSIGNED, MAY1)
    first = receive(case, "30.00", MAY15)
    second = receive(case, "600.00", MAY20)

    distribute_receipt(first)
    distribute_receipt(second)

    b = case_balances(case.pk)
    # $50 pass-through over the month: $30 from the first receipt, $20 from the second.
    assert b[A.PAYABLE_FAMILY] == D("-50.00")
    # Retained: 500 - 50 current + 130 PA arrears = 580; FMAP 0.50.
    assert b[A.RETAINED_FEDERAL] == D("-290.00")
    assert b[A.RETAINED_STATE] == D("-290.00")
    assert b[A.ARREARS_PERMANENTLY_ASSIGNED] == D("170.00")
    assert A.OWED_CURRENT_SUPPORT not in b
    explained = receipt_explanation(second)
    assert [p.payee for p in explained.parts] == ["family", "state", "state"]
    assert PASS_THROUGH_MARK in explained.parts[0].text


def test_pass_through_starts_again_next_month():
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(case, "100.00", MAY1)
    charge(case, "100.00", dt.date(2026, 6, 1))
    distribute_receipt(receive(case, "100.00", MAY15))
    distribute_receipt(receive(case, "100.00", dt.date(2026, 6, 10)))
    assert case_balances(case.pk)[A.PAYABLE_FAMILY] == D("-100.00")


def test_former_assistance_family_arrears_before_assigned_and_offset_the_other_way():
    case = make_case(program_type=ProgramType.FORMER_ASSISTANCE)
    charge(case, "500.00", MAY1)
    arrears(case, "100.00", A.ARREARS_NEVER_ASSIGNED, MAY1)
    arrears(case, "200.00", A.ARREARS_PERMANENTLY_ASSIGNED, MAY1)
    distribute_receipt(receive(case, "700.00", MAY15))
    b = case_balances(case.pk)
    assert b[A.PAYABLE_FAMILY] == D("-600.00")
    assert b[A.RETAINED_FEDERAL] + b[A.RETAINED_STATE] == D("-100.00")
    assert b[A.ARREARS_PERMANENTLY_ASSIGNED] == D("100.00")

    # A federal tax refund offset never pays current support and pays assigned arrears first.
    charge(case, "500.00", dt.date(2026, 6, 1))
    arrears(case, "100.00", A.ARREARS_NEVER_ASSIGNED, dt.date(2026, 6, 1))
    distribute_receipt(receive(case, "150.00", dt.date(2026, 6, 5), source="federal_tax_offset"))
    b = case_balances(case.pk)
    assert A.ARREARS_PERMANENTLY_ASSIGNED not in b
    assert b[A.ARREARS_NEVER_ASSIGNED] == D("50.00")
    assert b[A.OWED_CURRENT_SUPPORT] == D("500.00")


def test_medicaid_only_is_distributed_as_never_assistance():
    case = make_case(program_type=ProgramType.MEDICAID_ONLY)
    charge(case, "100.00", MAY1)
    distribute_receipt(receive(case, "100.00", MAY15))
    assert case_balances(case.pk)[A.PAYABLE_FAMILY] == D("-100.00")


def test_more_than_owed_is_held():
    case = make_case()
    charge(case, "100.00", MAY1)
    receipt = receive(case, "150.00", MAY15)
    distribute_receipt(receipt)
    b = case_balances(case.pk)
    assert b[A.HELD] == D("-50.00") and b[A.PAYABLE_FAMILY] == D("-100.00")
    assert receipt_explanation(receipt).held == D("50.00")


def test_distributing_twice_changes_nothing_and_pending_skips_it():
    case = make_case()
    charge(case, "100.00", MAY1)
    receipt = receive(case, "80.00", MAY15)
    assert distribute_receipt(receipt).entries_posted == 1
    assert distribute_receipt(receipt).entries_posted == 0
    assert distribute_pending(MAY20).entries_posted == 0
    assert JournalEntry.objects.filter(kind=EntryKind.DISTRIBUTION).count() == 1
    assert case_balances(case.pk)[A.OWED_CURRENT_SUPPORT] == D("20.00")


def test_distribute_pending_in_bulk_carries_balances_between_receipts():
    one = make_case()
    two = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(one, "100.00", MAY1)
    charge(two, "100.00", MAY1)
    receive(one, "60.00", MAY15)
    receive(one, "60.00", MAY15)
    receive(two, "40.00", MAY15)
    receive(two, "40.00", MAY15)
    later = receive(one, "10.00", MAY20)

    run = distribute_pending(MAY15)

    assert run.entries_posted == 4 and run.receipts == 4
    b1, b2 = case_balances(one.pk), case_balances(two.pk)
    assert b1[A.PAYABLE_FAMILY] == D("-100.00") and b1[A.HELD] == D("-20.00")
    assert b2[A.PAYABLE_FAMILY] == D("-50.00")  # the month's pass-through, once
    assert b2[A.RETAINED_FEDERAL] + b2[A.RETAINED_STATE] == D("-30.00")
    assert not JournalEntry.objects.filter(receipt=later, kind=EntryKind.DISTRIBUTION).exists()


def test_withholding_for_an_obligor_with_two_cases_is_prorated():
    one = make_case()
    two = make_case()
    obligor = CaseMember.objects.get(case=one, role=MemberRole.NONCUSTODIAL_PARENT).person
    CaseMember.objects.filter(case=two, role=MemberRole.NONCUSTODIAL_PARENT).delete()
    CaseMember.objects.create(
        case=two, person=obligor, role=MemberRole.NONCUSTODIAL_PARENT, joined_on=MAY1
    )
    charge(one, "300.00", MAY1)
    charge(two, "100.00", MAY1)
    receipt = receive(None, "200.00", MAY15, obligor=obligor)

    run = distribute_receipt(receipt)

    assert run.entries_posted == 2
    assert JournalEntry.objects.filter(key=f"distribution:{receipt.pk}:{one.pk}").exists()
    assert case_balances(one.pk)[A.PAYABLE_FAMILY] == D("-150.00")
    assert case_balances(two.pk)[A.PAYABLE_FAMILY] == D("-50.00")
    assert account_total(A.UNDISTRIBUTED) == 0
    assert distribute_receipt(receipt).entries_posted == 0
    assert [e.receipt for e in payment_history(two)] == [receipt]
    assert payment_history(two)[0].to_family == D("50.00")


def test_a_receipt_in_suspense_is_not_distributed():
    receipt = to_suspense("25.00", MAY15)
    with pytest.raises(NotDistributable, match="suspense"):
        distribute_receipt(receipt)


def test_reversal_restores_every_balance_exactly():
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(case, "500.00", MAY1)
    arrears(case, "300.00", A.ARREARS_PERMANENTLY_ASSIGNED, MAY1)
    before = case_balances(case.pk)
    bank = account_total(A.SDU_BANK)
    receipt = receive(case, "600.00", MAY15)
    distribute_receipt(receipt)

    posted = reverse_receipt(receipt, reason="NSF", on=MAY20)

    assert posted == 2
    assert case_balances(case.pk) == before
    assert account_total(A.SDU_BANK) == bank
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.REVERSED and receipt.status_reason == "NSF"
    with pytest.raises(ReversalRefused, match="already reversed"):
        reverse_receipt(receipt, reason="again", on=MAY20)
    with pytest.raises(NotDistributable):
        distribute_receipt(receipt)
    explained = receipt_explanation(receipt)
    assert explained.reversed and explained.to_family == 0 and explained.retained == 0
    assert all(p.reversed for p in explained.parts)
    # The pass-through it paid no longer counts: a new receipt passes $50 through again.
    distribute_receipt(receive(case, "100.00", MAY20))
    assert case_balances(case.pk)[A.PAYABLE_FAMILY] == D("-50.00")


def test_reversal_is_refused_once_family_money_was_disbursed():
    case = make_case()
    charge(case, "100.00", MAY1)
    receipt = receive(case, "100.00", MAY15)
    distribute_receipt(receipt)
    post(
        [
            Entry(
                key=f"disbursement:test:{receipt.pk}",
                kind=EntryKind.DISBURSEMENT,
                posted_on=MAY20,
                case_id=case.pk,
                receipt_id=receipt.pk,
                lines=(
                    Line(A.PAYABLE_FAMILY, D("100.00"), case.pk),
                    Line(A.SDU_BANK, D("-100.00")),
                ),
            )
        ]
    )
    with pytest.raises(ReversalRefused, match="disbursed"):
        reverse_receipt(receipt, reason="NSF", on=MAY20)
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.IDENTIFIED


def test_the_pass_through_reason_carries_the_mark_the_ledger_searches_for():
    data = rules.DistributionInput(
        assistance=rules.Assistance.CURRENT,
        receipt=rules.Receipt(D("10.00"), rules.Source.PARENT_PAYMENT, MAY15),
        current_due=rules.CurrentDue(current_support=D("10.00")),
        arrears=rules.Arrears(),
        fmap=D("0.5"),
        pass_through=D("50.00"),
    )
    (allocation,) = rules.distribute(data).allocations
    assert allocation.basis is rules.Basis.PASS_THROUGH
    assert PASS_THROUGH_MARK in allocation.reason


# --- the checkbook -----------------------------------------------------------------------------


def test_checkbook_balances_on_a_clean_day_and_shows_undistributed_as_pending():
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(case, "100.00", MAY1)
    distribute_receipt(receive(case, "150.00", MAY15))
    to_suspense("25.00", MAY15)
    waiting = receive(case, "10.00", MAY15, source="parent_payment")
    reversed_ = receive(case, "5.00", MAY15, source="parent_payment")
    reverse_receipt(reversed_, reason="returned check", on=MAY20)

    book = daily_balancing(MAY15, MAY15, through=MAY20)

    assert book.balanced, [(r.source, r.difference) for r in book.rows]
    rows = {r.source: r for r in book.rows}
    withholding = rows["employer_withholding"]
    assert withholding.received == D("150.00")
    assert withholding.to_family == D("50.00") and withholding.retained == D("50.00")
    assert withholding.held == D("50.00") and not withholding.pending
    parent = rows["parent_payment"]
    assert parent.received == D("40.00") and parent.reversed == D("5.00")
    assert parent.in_suspense == D("25.00") and parent.undistributed == D("10.00")
    assert parent.pending and parent.balanced
    assert waiting.pk  # distributed later, the row still balances:
    distribute_receipt(waiting, on=MAY20)
    assert daily_balancing(MAY15, MAY15, through=MAY20).balanced


def test_checkbook_flags_a_day_whose_money_went_somewhere_unexplained():
    case = make_case()
    charge(case, "100.00", MAY1)
    receipt = receive(case, "100.00", MAY15)
    # Applied straight to the debt, bypassing distribution: nobody is owed it on the books.
    post(
        [
            Entry(
                key=f"adjustment:test:{receipt.pk}",
                kind=EntryKind.ADJUSTMENT,
                posted_on=MAY15,
                case_id=case.pk,
                receipt_id=receipt.pk,
                lines=(
                    Line(A.UNDISTRIBUTED, D("100.00"), case.pk),
                    Line(A.OWED_CURRENT_SUPPORT, D("-100.00"), case.pk),
                ),
            )
        ]
    )
    book = daily_balancing(MAY15, MAY15, through=MAY20)
    assert not book.balanced
    (row,) = book.flagged
    assert row.difference == D("100.00")
    assert book.unbalanced_entries == []


def test_checkbook_flags_a_receipt_recorded_without_its_ledger_entry():
    Receipt.objects.create(
        source_reference="NO-ENTRY",
        source="parent_payment",
        method="check",
        received_on=MAY15,
        amount=D("12.00"),
        status=Receipt.Status.IDENTIFIED,
    )
    book = daily_balancing(MAY15, MAY15, through=MAY20)
    (row,) = book.flagged
    assert row.recorded == D("12.00") and row.received == 0
