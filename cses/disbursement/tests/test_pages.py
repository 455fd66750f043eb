"""The disbursement pages: the case's payment history with balances, disbursements and holds;
the payment instruction (masked, audited); holds; returns; the day's files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.core.models import AuditEvent
from cses.disbursement.jobs import disburse_due
from cses.disbursement.models import (
    Disbursement,
    DisbursementFile,
    DisbursementHold,
    DisbursementStatus,
    PaymentInstruction,
    PaymentMethod,
)
from cses.ledger.models import Account
from cses.ledger.selectors import case_balances
from cses.people.models import Address
from cses.synthetic.factories import make_user

from .test_jobs import FRI_BEFORE_MLK, direct_deposit, pay_family, payee

pytestmark = pytest.mark.django_db


def url(name, case, **kw):
    return reverse(name, kwargs={"case_number": case.case_number, **kw})


@pytest.fixture
def processor(client):
    user = make_user(Role.PAYMENT_PROCESSING)
    client.force_login(user)
    return user


def test_history_shows_balances_disbursement_masked_and_links_receipts(client, case, processor):
    direct_deposit(case)
    receipt = pay_family(case, "100.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    page = client.get(url("case-payments", case)).content.decode()
    assert reverse("receipt-detail", kwargs={"pk": receipt.pk}) in page
    assert "****6789" in page and "123456789" not in page
    assert 'id="disbursement-' in page and "$100.00" in page
    assert str(Account.OWED_CURRENT_SUPPORT.label) in page
    assert "Payable to the family" in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW_BANK_ACCOUNT, object_type="payment_instruction"
    ).exists()


def test_balances_as_of_a_date(client, case, processor):
    pay_family(case, "100.00", FRI_BEFORE_MLK)
    before = client.get(url("case-payments", case), {"as_of": "2026-01-15"}).content.decode()
    after = client.get(url("case-payments", case), {"as_of": "2026-01-16"}).content.decode()
    section = 'id="balances-payable"'
    assert "$0.00" in before.split(section)[1].split("</tbody>")[0]
    assert "$100.00" in after.split(section)[1].split("</tbody>")[0]


def test_case_page_links_to_payments_only_with_the_capability(client, case, worker):
    client.force_login(worker)
    page = client.get(reverse("case-detail", kwargs={"case_number": case.case_number}))
    assert url("case-payments", case) in page.content.decode()
    client.force_login(make_user(Role.MAGISTRATE))
    page = client.get(reverse("case-detail", kwargs={"case_number": case.case_number}))
    assert url("case-payments", case) not in page.content.decode()


def test_nav_shows_payment_pages_by_capability(client, processor, worker):
    page = client.get(reverse("home")).content.decode()
    for name in ("payments-suspense", "payments-upload", "payments-window", "payments-checkbook"):
        assert reverse(name) in page
    client.force_login(worker)
    page = client.get(reverse("home")).content.decode()
    assert reverse("payments-suspense") in page
    assert reverse("payments-upload") not in page


def test_a_worker_sees_the_instruction_masked_but_cannot_set_one(client, case, worker):
    direct_deposit(case)
    client.force_login(worker)
    page = client.get(url("payment-instruction", case)).content.decode()
    assert "****6789" in page and "123456789" not in page
    assert 'id="instruction-form"' not in page
    assert client.post(url("payment-instruction-set", case), {}).status_code == 403


def test_set_direct_deposit_checks_the_routing_number(client, case, processor):
    data = {
        "method": PaymentMethod.DIRECT_DEPOSIT,
        "effective_from": "2026-02-01",
        "routing_number": "021000022",
        "account_number": "5550001234",
        "account_type": "savings",
    }
    bad = client.post(url("payment-instruction-set", case), data)
    assert bad.status_code == 422
    assert "not a valid routing number" in bad.content.decode()
    assert not PaymentInstruction.objects.exists()

    ok = client.post(url("payment-instruction-set", case), {**data, "routing_number": "021000021"})
    assert ok.status_code == 302
    instruction = PaymentInstruction.objects.get(ended_on__isnull=True)
    assert instruction.account_last4 == "1234" and instruction.account_number() == "5550001234"
    page = client.get(url("payment-instruction", case)).content.decode()
    assert "****1234" in page and "5550001234" not in page


def test_set_check_needs_an_address_of_the_payee(client, case, processor):
    data = {"method": PaymentMethod.CHECK, "effective_from": "2026-02-01"}
    assert client.post(url("payment-instruction-set", case), data).status_code == 422
    address = Address.objects.create(
        person=payee(case), line1="1 Main St", city="Hartford", zip_code="06103"
    )
    response = client.post(
        url("payment-instruction-set", case), {**data, "mailing_address": address.pk}
    )
    assert response.status_code == 302
    assert PaymentInstruction.objects.get().mailing_address == address


def test_set_debit_card_replaces_direct_deposit(client, case, processor):
    direct_deposit(case)
    response = client.post(
        url("payment-instruction-set", case),
        {"method": PaymentMethod.DEBIT_CARD, "effective_from": "2026-02-01", "card_account_id": ""},
    )
    assert response.status_code == 422
    client.post(
        url("payment-instruction-set", case),
        {
            "method": PaymentMethod.DEBIT_CARD,
            "effective_from": "2026-02-01",
            "card_account_id": "CARD00098765",
        },
    )
    current = PaymentInstruction.objects.get(ended_on__isnull=True)
    assert current.method == PaymentMethod.DEBIT_CARD
    assert PaymentInstruction.objects.filter(ended_on=dt.date(2026, 2, 1)).count() == 1
    assert "****8765" in client.get(url("payment-instruction", case)).content.decode()


def test_a_hold_blocks_the_run_then_release_pays(client, case, processor):
    direct_deposit(case)
    pay_family(case, "80.00", FRI_BEFORE_MLK)
    response = client.post(
        url("disbursement-hold-place", case),
        {"reason": "dispute", "held_from": "2026-01-01", "note": "Timely appeal"},
    )
    assert response.status_code == 302
    hold = DisbursementHold.objects.get()
    assert disburse_due(FRI_BEFORE_MLK).held == 1
    assert not Disbursement.objects.exists()
    assert "Timely appeal" in client.get(url("case-payments", case)).content.decode()

    client.post(url("disbursement-hold-release", case, hold_id=hold.pk), {"on": "2026-01-16"})
    hold.refresh_from_db()
    assert hold.released_on == FRI_BEFORE_MLK
    disburse_due(FRI_BEFORE_MLK)
    assert Disbursement.objects.get().amount == D("80.00")


def test_hold_form_refuses_an_end_before_the_start(client, case, processor):
    client.post(
        url("disbursement-hold-place", case),
        {"reason": "court_order", "held_from": "2026-03-01", "held_until": "2026-02-01"},
    )
    assert not DisbursementHold.objects.exists()


def test_ach_return_puts_the_money_back_and_ends_the_instruction(client, case, processor):
    direct_deposit(case)
    pay_family(case, "60.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    d = Disbursement.objects.get()
    assert d.status == DisbursementStatus.SENT
    response = client.post(
        url("disbursement-ach-return", case, pk=d.pk), {"on": "2026-01-22", "return_code": "x"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DisbursementStatus.SENT  # bad code: nothing done
    client.post(
        url("disbursement-ach-return", case, pk=d.pk), {"on": "2026-01-22", "return_code": "r03"}
    )
    d.refresh_from_db()
    assert d.status == DisbursementStatus.RETURNED
    assert case_balances(case.pk)[Account.PAYABLE_FAMILY] == D("-60.00")
    assert not PaymentInstruction.objects.filter(ended_on__isnull=True).exists()
    # A direct deposit cannot be an undeliverable check.
    client.post(url("disbursement-undeliverable", case, pk=d.pk), {"on": "2026-01-22"})
    d.refresh_from_db()
    assert d.status == DisbursementStatus.RETURNED


def test_undeliverable_check_holds_the_case(client, case, processor):
    address = Address.objects.create(
        person=payee(case), line1="1 Main St", city="Hartford", zip_code="06103"
    )
    from cses.disbursement.services import set_payment_instruction

    set_payment_instruction(
        person=payee(case),
        method=PaymentMethod.CHECK,
        effective_from=dt.date(2025, 1, 1),
        mailing_address=address,
    )
    pay_family(case, "40.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    d = Disbursement.objects.get()
    client.post(
        url("disbursement-undeliverable", case, pk=d.pk), {"on": "2026-02-02", "note": "moved"}
    )
    d.refresh_from_db()
    assert d.status == DisbursementStatus.UNDELIVERABLE
    assert DisbursementHold.objects.get().reason == "address_unknown"
    page = client.get(url("case-payments", case)).content.decode()
    assert "Address unknown" in page


def test_day_files_list_and_download_for_payment_processing_only(client, case, processor, worker):
    direct_deposit(case)
    pay_family(case, "100.00", FRI_BEFORE_MLK)
    disburse_due(FRI_BEFORE_MLK)
    file = DisbursementFile.objects.get()
    page = client.get(reverse("disbursement-files"), {"day": "2026-01-16"}).content.decode()
    assert file.filename in page
    download = client.get(reverse("disbursement-file-download", kwargs={"pk": file.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(f'"{file.filename}"')
    assert download.content.decode() == file.content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_id=str(file.pk)
    ).exists()
    client.force_login(worker)
    assert client.get(reverse("disbursement-files")).status_code == 403


def test_another_offices_case_is_not_found(client, case):
    client.force_login(make_user(Role.OCSS_WORKER, "NHV"))
    assert client.get(url("case-payments", case)).status_code == 404
    assert client.get(url("payment-instruction", case)).status_code == 404
