"""The order pages as a worker uses them: from a saved worksheet to an entered order, a
modification, a child's schooling, ending an order, the schedule preview; and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import CaseStatus
from cses.orders.models import OrderVersion, SupportOrder
from cses.orders.tests.order_helpers import born, children_of, establishment_case, worksheet
from cses.rules.frequency import from_weekly
from cses.synthetic.factories import make_case, make_order, make_user

D = Decimal


def _order_form(ws, children, **changes) -> dict:
    data = {
        "kind": "established",
        "docket_number": "NNH-FA26-5012345-S",
        "court": "fsm",
        "issued_by": "FSM Carter",
        "effective_from": "2026-02-06",
        "children": [c.pk for c in children],
        "frequency": "monthly",
        "current_support": str(from_weekly(ws.current_support_weekly, "monthly")),
        "arrearage_payment": "0.00",
        "cash_medical_support": "0.00",
        "child_care_contribution": "0.00",
        "medical_coverage_by": "",
        "unreimbursed_medical_percent": "0",
        "basis": "guidelines",
        "worksheet": ws.pk,
        "deviation_criterion": "",
        "deviation_finding": "",
        "reason": "",
    }
    data.update(changes)
    return data


def test_a_worker_takes_a_case_from_a_saved_worksheet_to_an_entered_order(client, worker):
    # given a case in establishment with a saved worksheet for its two children
    case = establishment_case(worker, children=2)
    ws = worksheet(case, worker, children=2)
    client.force_login(worker)
    url = reverse("order-new", args=[case.case_number])
    # when the worker opens the entry page, the newest worksheet is the starting point
    page = client.get(url)
    assert page.status_code == 200
    weekly = from_weekly(ws.current_support_weekly, "weekly")
    assert f'value="{weekly}"' in page.content.decode()
    # and filling in from the worksheet, monthly, converts the amounts at 52 weeks a year
    monthly = from_weekly(ws.current_support_weekly, "monthly")
    filled = client.post(
        url, {**_order_form(ws, children_of(case)), "current_support": "", "prefill": "1"}
    )
    assert filled.status_code == 200
    assert f'value="{monthly}"' in filled.content.decode()
    assert not SupportOrder.objects.filter(case=case).exists()
    # when the order is entered
    response = client.post(url, _order_form(ws, children_of(case)))
    # then the worker lands on the order, and the case moved to enforcement on its own
    order = SupportOrder.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("order-detail", args=[case.case_number, order.pk])
    case.refresh_from_db()
    assert case.status == CaseStatus.ENFORCEMENT
    detail = client.get(response["Location"]).content.decode()
    assert "NNH-FA26-5012345-S" in detail and f"Worksheet #{ws.pk}" in detail
    assert detail.count("Age 18 (CGS 46b-84(b))") == 2
    assert 'id="schedule"' in detail and 'id="nothing-due"' not in detail


def test_a_guideline_order_that_differs_from_the_worksheet_is_refused(client, worker):
    case = establishment_case(worker)
    ws = worksheet(case, worker)
    client.force_login(worker)
    response = client.post(
        reverse("order-new", args=[case.case_number]),
        _order_form(ws, children_of(case), current_support="10.00"),
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "The order was not entered" in body and "needs a finding (46b-215a-5c)" in body
    assert not SupportOrder.objects.exists()


def test_missing_fields_are_marked_on_the_form(client, worker):
    case = establishment_case(worker)
    client.force_login(worker)
    response = client.post(reverse("order-new", args=[case.case_number]), {})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Please correct the marked fields" in body
    assert "usa-form-group--error" in body
    assert response.context["form"].errors.keys() >= {"docket_number", "current_support", "basis"}


def test_an_existing_order_named_at_intake_is_offered_from_the_court_record(client, worker):
    case = make_case(by=worker, existing_order_docket="HHD-FA19-4000001-S")
    client.force_login(worker)
    form = client.get(reverse("order-new", args=[case.case_number])).context["form"]
    assert form.initial["docket_number"] == "HHD-FA19-4000001-S"
    assert (form.initial["kind"], form.initial["basis"]) == ("prior", "court_record")


def test_a_modification_from_the_page_adds_a_version(client, worker):
    case = make_case(by=worker)
    order = make_order(case, by=worker)
    client.force_login(worker)
    url = reverse("order-modify", args=[case.case_number, order.pk])
    assert client.get(url).context["form"].initial["current_support"] == D("100.00")
    response = client.post(
        url,
        {
            "effective_from": "2026-03-02",
            "frequency": "biweekly",
            "current_support": "240.00",
            "basis": "court_record",
            "reason": "Modified after review",
        },
    )
    assert response.status_code == 302
    assert list(order.versions.values_list("version", "frequency")) == [
        (1, "weekly"),
        (2, "biweekly"),
    ]
    detail = client.get(reverse("order-detail", args=[case.case_number, order.pk]))
    assert "Modified after review" in detail.content.decode()
    # a modification dated before the current terms is refused on the page
    response = client.post(
        url,
        {
            "effective_from": "2026-01-01",
            "frequency": "weekly",
            "current_support": "100.00",
            "basis": "court_record",
            "reason": "x",
        },
    )
    assert response.status_code == 422
    assert "The modification was not recorded" in response.content.decode()


def test_schooling_and_the_schedule_preview_on_the_order_page(client, worker):
    case = make_case(by=worker)
    born(children_of(case)[0], dt.date(2008, 9, 10))
    order = make_order(case, by=worker)
    child = order.children.get()
    client.force_login(worker)
    url = reverse("order-child-schooling", args=[case.case_number, order.pk, child.pk])
    response = client.post(
        url,
        {
            f"child-{child.pk}-high_school_student": "on",
            f"child-{child.pk}-expected_graduation": "2027-06-15",
            f"child-{child.pk}-unmarried_living_with_parent": "on",
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.support_ends_on == dt.date(2027, 6, 15)
    # the schedule of June 2027 stops before graduation day
    detail = client.get(
        reverse("order-detail", args=[case.case_number, order.pk]),
        {"start": "2027-06-01", "end": "2027-06-30"},
    )
    schedule = detail.context["schedule"]
    assert [row["due_on"] for row in schedule] == [
        dt.date(2027, 6, 7),
        dt.date(2027, 6, 14),
    ]
    assert detail.context["totals"] == [("Current support", D("200.00"))]
    # a period that ends before it starts is marked
    detail = client.get(
        reverse("order-detail", args=[case.case_number, order.pk]),
        {"start": "2027-06-30", "end": "2027-06-01"},
    )
    assert "The period ends before it starts." in detail.content.decode()


def test_ending_an_order_from_its_page(client, worker):
    case = make_case(by=worker)
    order = make_order(case, by=worker)
    client.force_login(worker)
    url = reverse("order-vacate", args=[case.case_number, order.pk])
    refused = client.post(url, {"on": "2026-04-01", "reason": ""})
    assert refused.status_code == 422 and "The order was not ended" in refused.content.decode()
    response = client.post(url, {"on": "2026-04-01", "reason": "Vacated by the court"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert not order.active
    page = client.get(reverse("order-detail", args=[case.case_number, order.pk])).content.decode()
    assert "Record a modification" not in page and "Ended" in page


def test_the_list_and_who_may_enter(client, worker, user_of):
    case = make_case(by=worker)
    make_order(case, by=worker, docket_number="HHD-FA25-7777777-S")
    client.force_login(user_of(Role.AAG))
    page = client.get(reverse("order-list", args=[case.case_number])).content.decode()
    assert "HHD-FA25-7777777-S" in page and 'id="enter-order"' not in page
    client.force_login(worker)
    page = client.get(reverse("order-list", args=[case.case_number])).content.decode()
    assert 'id="enter-order"' in page


def test_the_order_page_reads_a_fixed_number_of_queries(
    client, worker, django_assert_max_num_queries
):
    case = make_case(by=worker, children=3)
    order = make_order(case, by=worker)
    for n in range(3):
        OrderVersion.objects.create(
            order=order,
            version=n + 2,
            kind="modified",
            basis="court_record",
            effective_from=dt.date(2025, 6, 1 + n),
            frequency="weekly",
            current_support=D("90.00"),
            current_support_weekly=D("90.00"),
            entered_at=order.entered_at,
        )
    client.force_login(worker)
    with django_assert_max_num_queries(12):
        client.get(reverse("order-detail", args=[case.case_number, order.pk]))


@pytest.mark.parametrize("office", ["HFD", "NHV"])
def test_the_api_lists_a_cases_orders(api_client, worker, user_of, office):
    case = make_case(by=worker)
    order = make_order(case, by=worker)
    client = api_client(user_of(Role.OCSS_WORKER, office))
    response = client.get(f"/api/v1/cases/{case.case_number}/orders/")
    if office != "HFD":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    (found,) = response.json()["results"]
    assert found["docket_number"] == order.docket_number
    assert [v["version"] for v in found["versions"]] == [1]
    assert found["versions"][0]["current_support"] == "100.00"
    assert found["children"][0]["support_ends_on"] == "2034-01-01"


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def client_for(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for


def test_user_of_other_role_cannot_enter(client, worker):
    case = make_case(by=worker)
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(reverse("order-new", args=[case.case_number])).status_code == 403
