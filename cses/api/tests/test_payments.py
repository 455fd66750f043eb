"""The money endpoints: a case's payment history, balances and disbursements, one receipt
explained, and recording a payment (idempotent on its source reference)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, MemberRole, ProgramType
from cses.disbursement.jobs import disburse_due
from cses.disbursement.services import set_payment_instruction
from cses.distribution.services import distribute_receipt
from cses.distribution.tests.helpers import charge, receive, to_suspense
from cses.receipts.models import Receipt
from cses.synthetic.factories import make_case, make_user

pytestmark = pytest.mark.django_db
MAY1, MAY15 = dt.date(2026, 5, 1), dt.date(2026, 5, 15)
ACCOUNT_NUMBER = "123456789"


@pytest.fixture
def paid_family():
    """A never-assistance case in Hartford: $500 due on 1 May, $200 received and distributed
    on 15 May, and paid to the family by direct deposit."""
    case = make_case(program_type=ProgramType.NEVER_ASSISTANCE, office_code="HFD")
    payee = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY).person
    set_payment_instruction(
        person=payee,
        method="direct_deposit",
        effective_from=dt.date(2025, 1, 1),
        routing_number="021000021",
        account_number=ACCOUNT_NUMBER,
    )
    charge(case, "500.00", MAY1)
    receipt = receive(case, "200.00", MAY15)
    distribute_receipt(receipt)
    disburse_due(MAY15)
    return case, receipt


def staff(role=Role.OCSS_WORKER, office="HFD"):
    return make_user(role, office)


# Payment history


def test_payment_history_explains_each_receipt_and_lists_disbursements(api, paid_family):
    case, receipt = paid_family
    response = api(staff()).get(f"/api/v1/cases/{case.case_number}/payments/")
    assert response.status_code == 200
    assert ACCOUNT_NUMBER not in response.content.decode()
    body = response.json()
    [got] = body["receipts"]
    assert got["id"] == receipt.pk and got["amount"] == "200.00"
    [part] = got["explanation"]["parts"]
    assert part["case_number"] == case.case_number
    assert part["payee"] == "family" and part["amount"] == "200.00"
    assert part["explanation"].startswith("$200.00 to current support for May 2026")
    assert got["explanation"]["to_family"] == "200.00"
    [paid] = body["disbursements"]
    assert paid["amount"] == "200.00" and paid["method"] == "direct_deposit"
    assert paid["destination"] == "****6789"
    assert paid["receipt_ids"] == [receipt.pk]


def test_payment_history_of_another_offices_case_is_not_found(api, paid_family):
    case, _ = paid_family
    response = api(staff(office="NHV")).get(f"/api/v1/cases/{case.case_number}/payments/")
    assert response.status_code == 404


def test_payment_history_needs_the_payments_capability(api, paid_family):
    case, _ = paid_family
    response = api(staff(Role.MAGISTRATE)).get(f"/api/v1/cases/{case.case_number}/payments/")
    assert response.status_code == 403


# Balances


def test_balances_by_category_owed_positive(api, paid_family):
    case, _ = paid_family
    url = f"/api/v1/cases/{case.case_number}/balances/"
    body = api(staff()).get(url, {"as_of": "2026-05-15"}).json()
    assert body["as_of"] == "2026-05-15" and "positive" in body["sign_convention"]
    accounts = {a["account"]: a for a in body["accounts"]}
    owed = accounts["owed_current_support"]
    assert owed["amount"] == "300.00" and owed["ledger_balance"] == "300.00"
    assert owed["group"] == "owed" and owed["label"] == "Current support due"
    assert body["totals"]["owed"] == "300.00" and body["totals"]["arrears"] == "0.00"
    assert body["totals"]["payable_to_family"] == "0.00"

    before = api(staff()).get(url, {"as_of": "2026-05-14"}).json()
    assert before["totals"]["owed"] == "500.00" and before["totals"]["undistributed"] == "0.00"


def test_balances_name_a_bad_date(api, paid_family):
    case, _ = paid_family
    response = api(staff()).get(
        f"/api/v1/cases/{case.case_number}/balances/", {"as_of": "15/05/2026"}
    )
    assert response.status_code == 400 and "as_of" in response.json()


def test_balances_of_another_offices_case_not_found_and_capability_needed(api, paid_family):
    case, _ = paid_family
    url = f"/api/v1/cases/{case.case_number}/balances/"
    assert api(staff(office="NHV")).get(url).status_code == 404
    assert api(staff(Role.MAGISTRATE)).get(url).status_code == 403


# Disbursements


def test_disbursements_with_status_masked_account_and_fee(api, paid_family):
    case, _ = paid_family
    response = api(staff()).get(f"/api/v1/cases/{case.case_number}/disbursements/")
    assert response.status_code == 200
    assert ACCOUNT_NUMBER not in response.content.decode()
    [paid] = response.json()["results"]
    assert paid["status"] in ("pending", "sent")
    assert paid["destination"] == "****6789"
    assert paid["due_by"] == "2026-05-19"  # two business days after Friday 15 May
    assert paid["fee"] == "0.00" and paid["gross"] == "200.00"
    assert "sent_on" in paid


def test_disbursements_of_another_office_and_without_capability(api, paid_family):
    case, _ = paid_family
    url = f"/api/v1/cases/{case.case_number}/disbursements/"
    assert api(staff(office="NHV")).get(url).status_code == 404
    assert api(staff(Role.MAGISTRATE)).get(url).status_code == 403


# One receipt


def test_receipt_explained_line_by_line(api):
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE, office_code="HFD")
    charge(case, "500.00", MAY1)
    receipt = receive(case, "200.00", MAY15)
    distribute_receipt(receipt)
    response = api(staff()).get(f"/api/v1/receipts/{receipt.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == case.case_number and body["status"] == "identified"
    texts = [p["explanation"] for p in body["explanation"]["parts"]]
    assert any(
        t.startswith("$50.00 to current support for May 2026, paid to the family") for t in texts
    )
    assert any(
        t.startswith("$150.00 to current support for May 2026, retained by the state")
        for t in texts
    )
    x = body["explanation"]
    assert x["to_family"] == "50.00" and x["retained"] == "150.00"
    assert Decimal(x["federal_share"]) + Decimal(x["state_share"]) == Decimal("150.00")
    assert x["distributed"] == "200.00" and x["undistributed"] == "0.00"


def test_receipt_on_another_offices_case_is_not_found(api):
    receipt = receive(make_case(office_code="HFD"), "10.00", MAY15)
    assert api(staff(office="NHV")).get(f"/api/v1/receipts/{receipt.pk}/").status_code == 404
    assert api(staff(Role.MAGISTRATE)).get(f"/api/v1/receipts/{receipt.pk}/").status_code == 403


def test_suspense_receipt_only_for_payment_processing(api):
    receipt = to_suspense("35.00", MAY15)
    url = f"/api/v1/receipts/{receipt.pk}/"
    assert api(staff()).get(url).status_code == 404
    assert api(staff(Role.AUDITOR, None)).get(url).status_code == 404
    response = api(staff(Role.PAYMENT_PROCESSING, None)).get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "suspense" and body["case_number"] is None
    assert body["explanation"]["in_suspense"] == "35.00"


# Recording a payment


def test_record_a_check_then_again_answers_the_same_receipt(api):
    case = make_case(office_code="HFD")
    client = api(staff(Role.PAYMENT_PROCESSING, None))
    body = {
        "amount": "125.00",
        "method": "check",
        "check_number": "1042",
        "routing_number": "021000021",
        "case_reference": case.case_number,
        "payer_name": "Mario Rivera",
        "ssn": "123-45-6789",
    }
    first = client.post("/api/v1/receipts/", body)
    assert first.status_code == 201, first.content
    created = first.json()
    assert created["status"] == "identified" and created["case_number"] == case.case_number
    assert created["source_reference"] == "CHECK:021000021:1042"
    assert "ssn" not in created

    again = client.post("/api/v1/receipts/", body)
    assert again.status_code == 200 and again.json()["id"] == created["id"]
    assert Receipt.objects.count() == 1

    other = client.post("/api/v1/receipts/", {**body, "amount": "12.50"})
    assert other.status_code == 409 and "already recorded" in other.json()["detail"]
    assert Receipt.objects.count() == 1


def test_a_card_payment_is_idempotent_on_its_transaction_id(api):
    client = api(staff(Role.ADMINISTRATOR, None))
    body = {"amount": "80.00", "method": "card", "source_reference": "TX-88120"}
    first = client.post("/api/v1/receipts/", body)
    assert first.status_code == 201 and first.json()["source_reference"] == "CARD:TX-88120"
    assert first.json()["status"] == "suspense"
    assert client.post("/api/v1/receipts/", body).json()["id"] == first.json()["id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": "0.00", "method": "cash"}, "amount"),
        ({"amount": "1.234", "method": "cash"}, "amount"),
        ({"amount": "10.00", "method": "offset"}, "method"),
        ({"amount": "10.00", "method": "check"}, "check_number"),
        ({"amount": "10.00", "method": "card"}, "source_reference"),
        ({"amount": "10.00", "method": "cash", "received_on": "2999-01-01"}, "received_on"),
        (
            {"amount": "10.00", "method": "check", "check_number": "7", "routing_number": "12"},
            "routing_number",
        ),
    ],
)
def test_a_bad_payment_names_its_field(api, body, field):
    response = api(staff(Role.PAYMENT_PROCESSING, None)).post("/api/v1/receipts/", body)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Receipt.objects.count() == 0


def test_recording_a_payment_needs_the_processing_capability(api):
    response = api(staff()).post("/api/v1/receipts/", {"amount": "10.00", "method": "cash"})
    assert response.status_code == 403
