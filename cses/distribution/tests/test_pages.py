"""The receipt page, the case's payment history and the checkbook page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import ProgramType
from cses.distribution.services import distribute_receipt
from cses.synthetic.factories import make_case, make_user

from .helpers import charge, receive

pytestmark = pytest.mark.django_db
MAY1, MAY15 = dt.date(2026, 5, 1), dt.date(2026, 5, 15)


def test_receipt_page_and_history_explain_every_dollar(client):
    case = make_case(program_type=ProgramType.CURRENT_ASSISTANCE)
    charge(case, "500.00", MAY1)
    receipt = receive(case, "200.00", MAY15)
    distribute_receipt(receipt)
    client.force_login(make_user(Role.PAYMENT_PROCESSING))

    page = client.get(reverse("receipt-detail", kwargs={"pk": receipt.pk})).content.decode()
    assert "$50.00 to current support for May 2026, paid to the family" in page
    assert "$150.00 to current support for May 2026, retained by the state" in page

    history = client.get(
        reverse("case-payments", kwargs={"case_number": case.case_number})
    ).content.decode()
    assert "$50.00 to current support for May 2026" in history


def test_a_receipt_on_another_offices_case_is_not_shown(client):
    case = make_case(office_code="HFD")
    receipt = receive(case, "10.00", MAY15)
    client.force_login(make_user(Role.OCSS_WORKER, "NHV"))
    assert client.get(reverse("receipt-detail", kwargs={"pk": receipt.pk})).status_code == 404


def test_checkbook_page_flags_and_validates(client):
    case = make_case()
    receive(case, "10.00", MAY15)
    client.force_login(make_user(Role.AUDITOR))
    url = reverse("payments-checkbook")
    ok = client.get(url, {"start": "2026-05-15", "end": "2026-05-15"}).content.decode()
    assert "Balances; distribution pending" in ok
    bad = client.get(url, {"start": "2026-05-15", "end": "2026-05-01"}).content.decode()
    assert "must not be before" in bad
