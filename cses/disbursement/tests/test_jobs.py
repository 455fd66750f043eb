"""The daily disbursement run: due dates, holds, the annual fee, files, idempotency, escheat."""

import datetime as dt
from decimal import Decimal as D
from itertools import count

import achkit
import pytest

from cses.cases.models import CaseMember, MemberRole, ProgramType
from cses.disbursement.jobs import disburse_due, escheat_due
from cses.disbursement.models import (
    Disbursement,
    DisbursementFile,
    DisbursementStatus,
    FileKind,
    HoldReason,
    PaymentMethod,
)
from cses.disbursement.services import (
    place_hold,
    record_undeliverable,
    release_hold,
    set_payment_instruction,
)
from cses.ledger.models import Account, EntryKind, JournalEntry
from cses.ledger.posting import Entry, Line, post
from cses.ledger.selectors import account_total, case_balances
from cses.receipts.models import Receipt

_serial = count(1)
FRI_BEFORE_MLK = dt.date(2026, 1, 16)  # Monday 19 January 2026 is Martin Luther King Jr. Day


def payee(case):
    return CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY).person


def pay_family(case, amount: str, on: dt.date) -> Receipt:
    """A receipt distributed wholly to the family (the distribution entry's family lines)."""
    n = next(_serial)
    receipt = Receipt.objects.create(
        source_reference=f"test-{n}",
        source="parent_payment",
        method="check",
        received_on=on,
        amount=D(amount),
        case=case,
        status=Receipt.Status.IDENTIFIED,
    )
    a = D(amount)
    post(
        [
            Entry(
                key=f"receipt:{receipt.pk}",
                kind=EntryKind.RECEIPT,
                posted_on=on,
                receipt_id=receipt.pk,
                lines=(
                    Line(Account.SDU_BANK, a),
                    Line(Account.UNDISTRIBUTED, -a, case.pk),
                ),
            ),
            Entry(
                key=f"distribution:{receipt.pk}",
                kind=EntryKind.DISTRIBUTION,
                posted_on=on,
                case_id=case.pk,
                receipt_id=receipt.pk,
                lines=(
                    Line(Account.UNDISTRIBUTED, a, case.pk),
                    Line(Account.SUPPORT_ACCRUED, a, case.pk),
                    Line(Account.OWED_CURRENT_SUPPORT, -a, case.pk),
                    Line(Account.PAYABLE_FAMILY, -a, case.pk, explanation="current support"),
                ),
            ),
        ]
    )
    return receipt


def direct_deposit(case, on=dt.date(2025, 1, 1)):
    return set_payment_instruction(
        person=payee(case),
        method=PaymentMethod.DIRECT_DEPOSIT,
        effective_from=on,
        routing_number="021000021",
        account_number="123456789",
    )


@pytest.fixture
def family(case):
    direct_deposit(case)
    return case


@pytest.mark.django_db
def test_due_two_business_days_after_receipt_over_a_monday_holiday(family):
    pay_family(family, "100.00", FRI_BEFORE_MLK)
    report = disburse_due(FRI_BEFORE_MLK)
    d = Disbursement.objects.get()
    assert d.due_by == dt.date(2026, 1, 21)
    assert report.disbursed == 1 and d.amount == D("100.00")
    assert list(d.receipts.values_list("received_on", flat=True)) == [FRI_BEFORE_MLK]
    assert case_balances(family.pk).get(Account.PAYABLE_FAMILY) is None


@pytest.mark.django_db
def test_nacha_file_passes_the_parser_and_matches_the_disbursements(family, case_of, worker):
    other = case_of(by=worker, cp_last="Lopez")
    set_payment_instruction(
        person=payee(other),
        method=PaymentMethod.DIRECT_DEPOSIT,
        effective_from=dt.date(2025, 1, 1),
        routing_number="011000015",
        account_number="9876",
        account_type="savings",
    )
    pay_family(family, "100.00", FRI_BEFORE_MLK)
    pay_family(other, "250.25", FRI_BEFORE_MLK)
    report = disburse_due(FRI_BEFORE_MLK)
    (file,) = report.files
    assert file.kind == FileKind.NACHA_PPD and file.entry_count == 2
    assert file.total_amount == D("350.25")
    assert achkit.validate(file.content)["ok"]
    parsed = achkit.parse(file.content)
    assert parsed["control"]["total_credit"] == 35025
    traces = {e["trace_number"] for e in parsed["batches"][0]["entries"]}
    assert traces == set(Disbursement.objects.values_list("trace_number", flat=True))
    assert set(Disbursement.objects.values_list("status", flat=True)) == {"sent"}
    assert "123456789" in file.content  # the decrypted account number goes only to the bank


@pytest.mark.django_db
def test_running_twice_creates_nothing_new(family):
    pay_family(family, "100.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    again = disburse_due(FRI_BEFORE_MLK)
    assert again.disbursed == 0 and again.files == []
    assert Disbursement.objects.count() == 1 and DisbursementFile.objects.count() == 1
    assert JournalEntry.objects.filter(kind=EntryKind.DISBURSEMENT).count() == 1


@pytest.mark.django_db
def test_hold_blocks_disbursement_and_release_lets_it_go(family):
    pay_family(family, "80.00", FRI_BEFORE_MLK)
    hold = place_hold(case=family, reason=HoldReason.DISPUTE, held_from=FRI_BEFORE_MLK)
    report = disburse_due(FRI_BEFORE_MLK)
    assert report.held == 1 and not Disbursement.objects.exists()
    assert case_balances(family.pk)[Account.PAYABLE_FAMILY] == D("-80.00")
    release_hold(hold=hold, on=dt.date(2026, 1, 20))
    report = disburse_due(dt.date(2026, 1, 20))
    assert report.disbursed == 1
    assert Disbursement.objects.get().amount == D("80.00")


@pytest.mark.django_db
def test_no_instruction_no_disbursement(case):
    pay_family(case, "80.00", FRI_BEFORE_MLK)
    report = disburse_due(FRI_BEFORE_MLK)
    assert report.no_instruction == 1 and not Disbursement.objects.exists()


@pytest.mark.django_db
def test_annual_fee_example_c(family):
    """$520 disbursed in the state fiscal year, then $100: $35 fee, $65 to the family."""
    pay_family(family, "520.00", dt.date(2025, 9, 2))
    disburse_due(dt.date(2025, 9, 2))
    pay_family(family, "100.00", dt.date(2025, 10, 1))
    disburse_due(dt.date(2025, 10, 1))
    d = Disbursement.objects.get(created_on=dt.date(2025, 10, 1))
    assert (d.amount, d.fee, d.fee_year) == (D("65.00"), D("35.00"), 2026)
    fee = JournalEntry.objects.get(key=f"fee:{family.pk}:2026")
    assert fee.kind == EntryKind.FEE
    assert account_total(Account.FEE_INCOME) == D("-35.00")
    assert account_total(Account.SDU_BANK) == D("620.00") - D("520.00") - D("65.00")
    assert case_balances(family.pk).get(Account.PAYABLE_FAMILY) is None


@pytest.mark.django_db
def test_fee_once_per_fee_year_and_again_next_year(family):
    for day in (dt.date(2025, 9, 2), dt.date(2025, 10, 1), dt.date(2025, 11, 3)):
        pay_family(family, "400.00", day)
        disburse_due(day)
    assert list(Disbursement.objects.order_by("created_on").values_list("fee", flat=True)) == [
        D("0.00"),
        D("35.00"),
        D("0.00"),
    ]
    pay_family(family, "600.00", dt.date(2026, 7, 1))  # fee year 2027
    disburse_due(dt.date(2026, 7, 1))
    assert Disbursement.objects.get(created_on=dt.date(2026, 7, 1)).fee == D("35.00")


@pytest.mark.parametrize("program", [ProgramType.CURRENT_ASSISTANCE, ProgramType.FORMER_ASSISTANCE])
@pytest.mark.django_db
def test_no_fee_for_a_family_that_had_tanf(case_of, worker, program):
    case = case_of(by=worker, program_type=program)
    direct_deposit(case)
    pay_family(case, "700.00", dt.date(2025, 9, 2))
    disburse_due(dt.date(2025, 9, 2))
    assert Disbursement.objects.get().fee == D("0.00")
    assert not JournalEntry.objects.filter(kind=EntryKind.FEE).exists()


@pytest.mark.django_db
def test_debit_card_and_check_files(case_of, worker):
    card_case = case_of(by=worker, cp_last="Card")
    check_case = case_of(by=worker, cp_last="Check")
    set_payment_instruction(
        person=payee(card_case),
        method=PaymentMethod.DEBIT_CARD,
        effective_from=dt.date(2025, 1, 1),
        card_account_id="CTCARD000123",
    )
    person = payee(check_case)
    set_payment_instruction(
        person=person,
        method=PaymentMethod.CHECK,
        effective_from=dt.date(2025, 1, 1),
        mailing_address=person.addresses.first(),
    )
    pay_family(card_case, "45.50", FRI_BEFORE_MLK)
    pay_family(check_case, "60.00", FRI_BEFORE_MLK)
    files = {f.kind: f for f in disburse_due(FRI_BEFORE_MLK).files}
    card = Disbursement.objects.get(case=card_case)
    assert files[FileKind.DEBIT_CARD_LOAD].content == (
        f"card_account_id,amount,reference\nCTCARD000123,45.50,CSES-D{card.pk}\n"
    )
    check = Disbursement.objects.get(case=check_case)
    assert check.check_number == 1
    register = files[FileKind.CHECK_REGISTER].content.splitlines()
    assert register[1].startswith("1,2026-01-16,") and ",60.00," in register[1]
    assert check_case.case_number in register[1]


@pytest.mark.django_db
def test_undeliverable_check_is_held_then_escheated_after_the_period(family):
    pay_family(family, "90.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    d = Disbursement.objects.get()
    record_undeliverable(disbursement=d, on=dt.date(2026, 2, 2), note="Returned by USPS")
    assert case_balances(family.pk)[Account.PAYABLE_FAMILY] == D("-90.00")
    assert disburse_due(dt.date(2026, 2, 3)).held == 1  # address unknown: not paid again
    assert escheat_due(dt.date(2026, 2, 3)) == 0
    assert escheat_due(dt.date(2026, 2, 2) + dt.timedelta(days=1095)) == 1
    d.refresh_from_db()
    assert d.status == DisbursementStatus.ESCHEATED
    balances = case_balances(family.pk)
    assert Account.PAYABLE_FAMILY not in balances
    assert balances[Account.ESCHEATED] == D("-90.00")
    assert escheat_due(dt.date(2030, 1, 1)) == 0
