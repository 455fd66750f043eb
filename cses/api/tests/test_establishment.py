"""The establishment endpoints: the guidelines worksheet (computed, saved, read), each child's
paternity, reviews of orders and an order's obligation schedule. Always within the caller's
offices, each refused to a role without its capability, and each bad field named."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.models import DiaryEntry
from cses.core.models import AuditEvent
from cses.orders import reviews
from cses.orders.models import OrderVersion, Review, Worksheet
from cses.orders.selectors import schedule_preview
from cses.orders.worksheets import compute_worksheet, save_worksheet
from cses.paternity import services as paternity
from cses.paternity.tests.support import children_of, man_of
from cses.synthetic.factories import make_order

CALC = "/api/v1/guidelines/calc/"
INPUT = {
    "children": 2,
    "custodial": {"gross_weekly_income": "700.00", "deductions": {}, "ss_dependency_benefit": "0"},
    "noncustodial": {
        "gross_weekly_income": "900.00",
        "deductions": {"federal_income_tax": "80.00"},
    },
    "child_health_premium_weekly": "0",
    "child_health_premium_paid_by": "noncustodial",
    "child_care_weekly": "0",
    "child_care_paid_by": "custodial",
    "arrears_owed": "0",
    "high_income": "minimum",
}


def case_url(case, tail: str) -> str:
    return f"/api/v1/cases/{case.case_number}/{tail}"


def post_json(client, url: str, text: str):
    return client.generic("POST", url, text, content_type="application/json")


@pytest.fixture
def auditor(user_of):
    """Sees every office's cases, but prepares no worksheet."""
    return user_of(Role.AUDITOR)


@pytest.fixture
def parent(user_of):
    """A portal parent: no staff capability at all."""
    return user_of(Role.PARENT, None)


# --- POST guidelines/calc/ ----------------------------------------------------------------------


def test_calc_answers_the_command_contract(api, worker):
    # when a worker posts the contract's input
    response = api(worker).post(CALC, INPUT)
    # then the answer is exactly the worksheet the contract computes today, nothing saved
    assert response.status_code == 200, response.content
    body = response.json()
    assert body == compute_worksheet(INPUT, timezone.localdate())
    assert body["children"] == 2 and body["net_weekly_income"]["noncustodial"] == "820.00"
    assert set(body["flags"]) >= {"illustrative_schedule"}
    assert not Worksheet.objects.exists()


def test_calc_reads_numbers_by_their_exact_text(api, worker):
    # given amounts sent as JSON numbers, as the command accepts them
    text = (
        '{"children": 1, "custodial": {"gross_weekly_income": 700.10},'
        ' "noncustodial": {"gross_weekly_income": 1234.56}}'
    )
    # when they are posted
    response = post_json(api(worker), CALC, text)
    # then they are read as the decimal strings they spell
    as_strings = {
        "children": 1,
        "custodial": {"gross_weekly_income": "700.10"},
        "noncustodial": {"gross_weekly_income": "1234.56"},
    }
    assert response.status_code == 200
    assert response.json() == compute_worksheet(as_strings, timezone.localdate())


def test_calc_on_a_date(api, worker):
    on = dt.date(2025, 1, 1)
    response = api(worker).post(f"{CALC}?on={on.isoformat()}", INPUT)
    assert response.status_code == 200
    assert response.json() == compute_worksheet(INPUT, on)


@pytest.mark.parametrize(
    ("query", "message"),
    [("on=2025-02-30", "Date"), ("on=1980-01-01", "No guideline")],
)
def test_calc_refuses_a_bad_date(api, worker, query, message):
    response = api(worker).post(f"{CALC}?{query}", INPUT)
    assert response.status_code == 400
    assert list(response.json()) == ["on"] and message in response.json()["on"][0]


def test_calc_names_every_bad_field(api, worker):
    # given an input with too many children, a negative income, an unknown deduction and an
    # unknown field, and no custodial parent
    bad = {
        "children": 9,
        "noncustodial": {"gross_weekly_income": "-5", "deductions": {"lunch": "10"}},
        "colour": "blue",
    }
    # when it is posted
    response = api(worker).post(CALC, bad)
    # then each bad field is named by its path, in the API's error shape
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {
        "children",
        "custodial.gross_weekly_income",
        "noncustodial.gross_weekly_income",
        "noncustodial.deductions.lunch",
        "colour",
    }
    assert errors["children"] == ["must be between 1 and 6"]
    assert all(isinstance(m, list) and m for m in errors.values())


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[1, 2]", "non_field_errors"),
        ('"two children"', "non_field_errors"),
        ('{"children": NaN}', "detail"),
        ("{not json", "detail"),
    ],
)
def test_calc_refuses_what_is_no_json_object(api, worker, text, key):
    response = post_json(api(worker), CALC, text)
    assert response.status_code == 400
    assert list(response.json()) == [key]


def test_calc_is_refused_without_the_worksheet_capability(api, auditor, parent):
    assert api(auditor).post(CALC, INPUT).status_code == 403
    assert api(parent).post(CALC, INPUT).status_code == 403
    assert api().post(CALC, INPUT).status_code == 403


def test_calc_is_described_in_the_openapi_document(api, db):
    schema = api().get("/api/v1/openapi.json").json()
    calc = schema["paths"][CALC]["post"]
    body = calc["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/GuidelinesInput"}
    assert body["examples"]
    ok = calc["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/GuidelinesResult"}
    assert {"400", "403"} <= set(calc["responses"])
    assert [p["name"] for p in calc["parameters"]] == ["on"]
    result = schema["components"]["schemas"]["GuidelinesResult"]
    assert {"current_support_weekly", "flags", "lines", "schedule"} <= set(result["properties"])
    detail = schema["components"]["schemas"]["WorksheetDetail"]["properties"]
    assert "GuidelinesInput" in json.dumps(detail["inputs"])


# --- cases/<n>/worksheets/ ----------------------------------------------------------------------


def test_a_worksheet_is_saved_to_the_case(api, worker, case):
    # when a worker saves a worksheet
    response = api(worker).post(
        case_url(case, "worksheets/"),
        {"inputs": INPUT, "purpose": "establishment", "notes": " From the financial affidavits "},
    )
    # then it is computed on the server, saved with its amounts and noted in the diary
    assert response.status_code == 201, response.content
    body = response.json()
    saved = Worksheet.objects.get(pk=body["id"])
    assert (
        saved.case == case
        and saved.prepared_by == worker
        and saved.notes == ("From the financial affidavits")
    )
    assert body["inputs"] == INPUT == saved.inputs
    assert body["result"] == compute_worksheet(INPUT, timezone.localdate()) == saved.result
    assert body["current_support_weekly"] == body["result"]["current_support_weekly"]
    assert body["prepared_by"] == worker.username and body["purpose"] == "establishment"
    assert DiaryEntry.objects.filter(case=case, text__contains=f"#{saved.pk} saved").exists()
    # and what it shows of the parents' incomes is audited
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW_INCOME, object_id=str(saved.pk), channel="api"
    ).exists()


def test_a_saved_input_keeps_numbers_as_decimal_strings(api, worker, case):
    text = json.dumps({"purpose": "other", "inputs": {"children": 1}}).replace(
        '"children": 1',
        '"children": 1, "custodial": {"gross_weekly_income": 500.5},'
        ' "noncustodial": {"gross_weekly_income": 900}',
    )
    response = post_json(api(worker), case_url(case, "worksheets/"), text)
    assert response.status_code == 201, response.content
    saved = Worksheet.objects.get()
    assert saved.inputs["custodial"] == {"gross_weekly_income": "500.5"}
    assert saved.inputs["noncustodial"] == {"gross_weekly_income": 900}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {"inputs": {**INPUT, "children": 0}, "purpose": "establishment"},
            {"inputs.children"},
        ),
        (
            {"inputs": {"children": 1, "custodial": {"gross_weekly_income": "x"}}},
            {"purpose"},
        ),
        (
            {
                "inputs": {"children": 1, "custodial": {"gross_weekly_income": "x"}},
                "purpose": "review",
            },
            {"inputs.custodial.gross_weekly_income", "inputs.noncustodial.gross_weekly_income"},
        ),
        ({"inputs": [1], "purpose": "review"}, {"inputs"}),
        ({"purpose": "birthday", "inputs": INPUT}, {"purpose"}),
    ],
)
def test_a_bad_worksheet_is_refused_field_by_field(api, worker, case, body, fields):
    response = api(worker).post(case_url(case, "worksheets/"), body)
    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Worksheet.objects.exists()


def test_saving_needs_the_worksheet_capability(api, auditor, parent, case):
    body = {"inputs": INPUT, "purpose": "establishment"}
    assert api(auditor).post(case_url(case, "worksheets/"), body).status_code == 403
    assert api(parent).post(case_url(case, "worksheets/"), body).status_code == 403
    assert not Worksheet.objects.exists()


def test_the_worksheet_list_and_detail(api, worker, case):
    # given two worksheets saved to the case
    first = save_worksheet(case=case, inputs=INPUT, purpose="establishment", by=worker)
    second = save_worksheet(case=case, inputs={**INPUT, "children": 1}, purpose="review", by=worker)
    # when the worker lists them
    listed = api(worker).get(case_url(case, "worksheets/"))
    # then they come newest first, with their amounts and not the parents' incomes
    assert listed.status_code == 200
    results = listed.json()["results"]
    assert [w["id"] for w in results] == [second.pk, first.pk]
    assert results[0]["children"] == 1 and results[0]["illustrative"] is True
    assert "inputs" not in results[0] and "result" not in results[0]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_INCOME).exists()
    # and one read in full holds its input and result, and the view is audited
    detail = api(worker).get(case_url(case, f"worksheets/{first.pk}/"))
    assert detail.status_code == 200
    assert detail.json()["inputs"] == INPUT and detail.json()["result"] == first.result
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_INCOME)
    assert (event.object_type, event.object_id, event.case_id, event.channel) == (
        "worksheet",
        str(first.pk),
        case.pk,
        "api",
    )
    assert event.user == worker


def test_a_worksheet_of_another_case_is_not_found(api, worker, case, case_of):
    other = case_of(by=worker)
    theirs = save_worksheet(case=other, inputs=INPUT, purpose="establishment", by=worker)
    assert api(worker).get(case_url(case, f"worksheets/{theirs.pk}/")).status_code == 404


def test_worksheets_of_another_office_are_not_found(api, worker, case_of):
    new_haven = case_of(office_code="NHV")
    theirs = save_worksheet(case=new_haven, inputs=INPUT, purpose="establishment", by=None)
    client = api(worker)
    assert client.get(case_url(new_haven, "worksheets/")).status_code == 404
    assert client.get(case_url(new_haven, f"worksheets/{theirs.pk}/")).status_code == 404
    body = {"inputs": INPUT, "purpose": "establishment"}
    assert client.post(case_url(new_haven, "worksheets/"), body).status_code == 404
    assert Worksheet.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_INCOME).exists()


def test_reading_worksheets_needs_case_access(api, parent, case):
    saved = save_worksheet(case=case, inputs=INPUT, purpose="establishment", by=None)
    assert api(parent).get(case_url(case, "worksheets/")).status_code == 403
    assert api(parent).get(case_url(case, f"worksheets/{saved.pk}/")).status_code == 403


# --- cases/<n>/paternity/ -----------------------------------------------------------------------


def test_each_childs_paternity_and_history(api, worker, case_of):
    # given a case with two children, one with an SSN, and an acknowledgment for the first
    case = case_of(by=worker, children=2)
    first, second = children_of(case)
    second.person.set_ssn("345-67-8901")
    second.person.save()
    signed = timezone.localdate() - dt.timedelta(days=3)
    ack = paternity.record_acknowledgment(
        child=first,
        father=man_of(case),
        mother_signed_on=signed,
        father_signed_on=signed,
        witness_name="Rosa Clerk, Hartford Hospital",
        witness_signed_on=signed,
        filed_on=signed,
        by=worker,
    )
    # when the worker reads the case's paternity
    response = api(worker).get(case_url(case, "paternity/"))
    # then each child comes with its status, next step and history; SSNs only masked
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [r["member_id"] for r in rows] == [first.pk, second.pk]
    one, two = rows
    assert one["paternity_status"] == "acknowledged" and one["open"] is False
    assert one["rescission_open_until"] == ack.rescission_deadline.isoformat()
    assert "Rescission window open" in one["next_step"]
    [acknowledgment] = one["acknowledgments"]
    assert acknowledgment["id"] == ack.pk and acknowledgment["status"] == "filed"
    assert acknowledgment["father_id"] == man_of(case).person_id
    assert one["genetic_tests"] == [] and one["adjudications"] == []
    assert two["paternity_status"] == "open" and two["open"] is True
    assert two["person"]["ssn"] == "***-**-8901" and one["person"]["ssn"] == ""
    assert "ssn" not in json.dumps(acknowledgment)
    # and the masked SSN shown is audited
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_SSN_MASKED)
    assert (event.object_id, event.case_id, event.channel) == (
        str(second.person_id),
        case.pk,
        "api",
    )


def test_paternity_of_another_office_is_not_found(api, worker, case_of):
    assert api(worker).get(case_url(case_of(office_code="NHV"), "paternity/")).status_code == 404


def test_paternity_needs_case_access(api, parent, case):
    assert api(parent).get(case_url(case, "paternity/")).status_code == 403


# --- cases/<n>/reviews/ -------------------------------------------------------------------------


def test_the_reviews_of_a_case(api, worker, case):
    # given an order on the case and a review a parent asked for
    order = make_order(case, by=worker)
    today = timezone.localdate()
    review = reviews.request_review(
        case=case, order=order, source=Review.Source.CUSTODIAL, requested_on=today, by=worker
    )
    # when the worker lists the case's reviews
    response = api(worker).get(case_url(case, "reviews/"))
    # then the review is there, open, with its deadline
    assert response.status_code == 200
    [listed] = response.json()["results"]
    assert listed["id"] == review.pk and listed["order_id"] == order.pk
    assert listed["docket_number"] == order.docket_number
    assert listed["source"] == "custodial" and listed["open"] is True
    assert listed["due_by"] == review.due_by.isoformat()
    assert listed["requested_by"] == worker.username and listed["outcome"] == ""


def test_reviews_of_another_office_are_not_found(api, worker, case_of):
    assert api(worker).get(case_url(case_of(office_code="NHV"), "reviews/")).status_code == 404


def test_reviews_need_case_access(api, parent, case):
    assert api(parent).get(case_url(case, "reviews/")).status_code == 403


# --- cases/<n>/orders/<id>/obligations/ ---------------------------------------------------------


def obligations_url(case, order) -> str:
    return case_url(case, f"orders/{order.pk}/obligations/")


def test_the_obligation_schedule_of_an_order(api, worker, case):
    # given a weekly order of $100 from Monday 6 January 2025, and $50 of arrearage payment
    # a week from 3 February under a second version
    order = make_order(case, by=worker, effective_from=dt.date(2025, 1, 6))
    current = order.versions.get()
    OrderVersion.objects.create(
        order=order,
        version=2,
        kind=OrderVersion.Kind.MODIFIED,
        basis=current.basis,
        effective_from=dt.date(2025, 2, 3),
        frequency="weekly",
        current_support=Decimal("100.00"),
        current_support_weekly=Decimal("100.00"),
        arrearage_payment=Decimal("50.00"),
        entered_at=timezone.now(),
    )
    # when the worker asks for January and February
    start, end = dt.date(2025, 1, 1), dt.date(2025, 2, 28)
    response = api(worker).get(obligations_url(case, order), {"start": start, "end": end})
    # then every amount due is listed, as the pure rules compute it, with the totals
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["order_id"], body["start"], body["end"]) == (order.pk, "2025-01-01", "2025-02-28")
    due = [(o["due_date"], o["kind"], o["amount"], o["version"]) for o in body["obligations"]]
    order.refresh_from_db()
    expected = [
        (c.due_on.isoformat(), c.kind.value, f"{c.amount:.2f}", c.version)
        for c in schedule_preview(order, start, end)
    ]
    assert due == expected
    assert due[0] == ("2025-01-06", "current_support", "100.00", 1)
    assert ("2025-02-03", "arrearage_payment", "50.00", 2) in due
    assert body["totals"] == [
        {"kind": "current_support", "amount": "800.00"},
        {"kind": "arrearage_payment", "amount": "200.00"},
    ]
    assert all(o["new_debt"] is (o["kind"] != "arrearage_payment") for o in body["obligations"])


def test_the_schedule_defaults_to_the_next_three_months(api, worker, case):
    order = make_order(case, by=worker, effective_from=dt.date(2025, 1, 6))
    response = api(worker).get(obligations_url(case, order))
    assert response.status_code == 200
    body = response.json()
    today = timezone.localdate()
    assert body["start"] == today.isoformat()
    assert 88 <= (dt.date.fromisoformat(body["end"]) - today).days <= 92
    assert 12 <= len(body["obligations"]) <= 14


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2025-01-01", "end": "2027-01-04"}, "end"),
        ({"start": "2025-03-01", "end": "2025-02-01"}, "end"),
        ({"start": "first of March"}, "start"),
        ({"start": "2025-01-01", "end": "2025-13-01"}, "end"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(api, worker, case, query, field):
    order = make_order(case, by=worker)
    response = api(worker).get(obligations_url(case, order), query)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_two_years_is_the_longest_period(api, worker, case):
    order = make_order(case, by=worker, effective_from=dt.date(2025, 1, 6))
    query = {"start": "2025-01-01", "end": "2026-12-31"}
    assert api(worker).get(obligations_url(case, order), query).status_code == 200


def test_an_order_of_another_case_or_office_is_not_found(api, worker, case, case_of):
    other = case_of(by=worker)
    theirs = make_order(other, by=worker)
    assert api(worker).get(case_url(case, f"orders/{theirs.pk}/obligations/")).status_code == 404
    new_haven = case_of(office_code="NHV")
    far = make_order(new_haven)
    assert api(worker).get(obligations_url(new_haven, far)).status_code == 404


def test_the_schedule_needs_case_access(api, parent, worker, case):
    order = make_order(case, by=worker)
    assert api(parent).get(obligations_url(case, order)).status_code == 403
