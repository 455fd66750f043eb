"""Who may call which endpoint, for every role, read from the one access table
(``ROLE_CAPABILITIES``): allowed gives the endpoint's success status, anything else 403.

Each endpoint is declared once below with the capabilities it needs; the test applies every
role, and an anonymous caller, to every endpoint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import resolve
from django.utils import timezone

from cses.accounts.roles import ROLE_CAPABILITIES, STAFF_ROLES, Cap, Role
from cses.cases.intake import submit_application
from cses.cases.models import CaseMember, CaseSource, MemberRole
from cses.orders.models import OrderVersion, SupportOrder
from cses.orders.worksheets import save_worksheet
from cses.receipts.services import record_payment
from cses.synthetic.factories import make_case, make_user, sample_application

WORKSHEET_INPUT = {
    "children": 1,
    "custodial": {"gross_weekly_income": "500.00"},
    "noncustodial": {"gross_weekly_income": "900.00"},
}


@dataclass(frozen=True)
class World:
    case_number: str
    person_id: int
    reference: str
    order_id: int
    worksheet_id: int
    receipt_id: int


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # formatted with the World's fields
    needs: frozenset[str]
    success: int
    body: dict = field(default_factory=dict)


ENDPOINTS = [
    Endpoint("case list", "get", "/api/v1/cases/", frozenset({Cap.CASES_VIEW}), 200),
    Endpoint(
        "case search",
        "post",
        "/api/v1/cases/search/",
        frozenset({Cap.CASES_VIEW}),
        200,
        {"last_name": "Rivera"},
    ),
    Endpoint(
        "case detail", "get", "/api/v1/cases/{case_number}/", frozenset({Cap.CASES_VIEW}), 200
    ),
    Endpoint(
        "diary", "get", "/api/v1/cases/{case_number}/diary/", frozenset({Cap.CASES_VIEW}), 200
    ),
    Endpoint(
        "orders", "get", "/api/v1/cases/{case_number}/orders/", frozenset({Cap.CASES_VIEW}), 200
    ),
    Endpoint(
        "diary note",
        "post",
        "/api/v1/cases/{case_number}/diary/",
        frozenset({Cap.CASES_VIEW, Cap.CASES_NOTE}),
        201,
        {"text": "Called the custodial party"},
    ),
    Endpoint(
        "move",
        "post",
        "/api/v1/cases/{case_number}/transitions/",
        frozenset({Cap.CASES_VIEW, Cap.CASES_TRANSITION}),
        200,
        {"to": "locate", "reason": "Application complete"},
    ),
    Endpoint(
        "close",
        "post",
        "/api/v1/cases/{case_number}/transitions/",
        frozenset({Cap.CASES_VIEW, Cap.CASES_CLOSE}),
        200,
        {"action": "close", "reason_code": "b11", "reason": "Locate only"},
    ),
    Endpoint("person", "get", "/api/v1/persons/{person_id}/", frozenset({Cap.CASES_VIEW}), 200),
    Endpoint(
        "intake queue", "get", "/api/v1/intake/applications/", frozenset({Cap.INTAKE_REVIEW}), 200
    ),
    Endpoint(
        "intake create",
        "post",
        "/api/v1/intake/applications/",
        frozenset({Cap.INTAKE_CREATE}),
        201,
        {
            "applicant_role": "CP",
            "applicant": {"last_name": "Diaz", "first_name": "Rosa"},
            "children": [{"last_name": "Diaz", "first_name": "Luz"}],
            "program_type": "never",
            "office_code": "HFD",
        },
    ),
    Endpoint(
        "intake accept",
        "post",
        "/api/v1/intake/applications/{reference}/accept/",
        frozenset({Cap.INTAKE_REVIEW}),
        201,
    ),
    Endpoint(
        "intake reject",
        "post",
        "/api/v1/intake/applications/{reference}/reject/",
        frozenset({Cap.INTAKE_REVIEW}),
        200,
        {"reason": "Not a IV-D matter"},
    ),
    Endpoint("my cases", "get", "/api/v1/me/cases/", frozenset({Cap.PORTAL_PARENT}), 200),
    Endpoint(
        "guidelines calc",
        "post",
        "/api/v1/guidelines/calc/",
        frozenset({Cap.ORDERS_WORKSHEET}),
        200,
        WORKSHEET_INPUT,
    ),
    Endpoint(
        "worksheets",
        "get",
        "/api/v1/cases/{case_number}/worksheets/",
        frozenset({Cap.CASES_VIEW}),
        200,
    ),
    Endpoint(
        "worksheet save",
        "post",
        "/api/v1/cases/{case_number}/worksheets/",
        frozenset({Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET}),
        201,
        {"inputs": WORKSHEET_INPUT, "purpose": "establishment"},
    ),
    Endpoint(
        "worksheet",
        "get",
        "/api/v1/cases/{case_number}/worksheets/{worksheet_id}/",
        frozenset({Cap.CASES_VIEW}),
        200,
    ),
    Endpoint(
        "paternity",
        "get",
        "/api/v1/cases/{case_number}/paternity/",
        frozenset({Cap.CASES_VIEW}),
        200,
    ),
    Endpoint(
        "reviews", "get", "/api/v1/cases/{case_number}/reviews/", frozenset({Cap.CASES_VIEW}), 200
    ),
    Endpoint(
        "obligations",
        "get",
        "/api/v1/cases/{case_number}/orders/{order_id}/obligations/",
        frozenset({Cap.CASES_VIEW}),
        200,
    ),
    Endpoint(
        "payments",
        "get",
        "/api/v1/cases/{case_number}/payments/",
        frozenset({Cap.CASES_VIEW, Cap.PAYMENTS_VIEW}),
        200,
    ),
    Endpoint(
        "balances",
        "get",
        "/api/v1/cases/{case_number}/balances/",
        frozenset({Cap.CASES_VIEW, Cap.PAYMENTS_VIEW}),
        200,
    ),
    Endpoint(
        "disbursements",
        "get",
        "/api/v1/cases/{case_number}/disbursements/",
        frozenset({Cap.CASES_VIEW, Cap.PAYMENTS_VIEW}),
        200,
    ),
    Endpoint(
        "receipt", "get", "/api/v1/receipts/{receipt_id}/", frozenset({Cap.PAYMENTS_VIEW}), 200
    ),
    Endpoint(
        "record payment",
        "post",
        "/api/v1/receipts/",
        frozenset({Cap.PAYMENTS_PROCESS}),
        201,
        {"amount": "25.00", "method": "cash", "payer_name": "Mario Rivera"},
    ),
]


@pytest.fixture
def world(db) -> World:
    case = make_case()
    cp = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY)
    item = submit_application(application=sample_application(), channel=CaseSource.ONLINE)
    order = SupportOrder.objects.create(
        case=case,
        docket_number="FA-00001",
        court="fsm",
        issued_by="Magistrate Test",
        entered_at=timezone.now(),
    )
    OrderVersion.objects.create(
        order=order,
        version=1,
        kind=OrderVersion.Kind.ESTABLISHED,
        basis="court_record",
        effective_from=dt.date(2024, 1, 1),
        frequency="weekly",
        current_support=Decimal("100.00"),
        current_support_weekly=Decimal("100.00"),
        entered_at=timezone.now(),
    )
    worksheet = save_worksheet(case=case, inputs=WORKSHEET_INPUT, purpose="establishment", by=None)
    receipt = record_payment(
        amount=Decimal("40.00"), method="cash", case_reference=case.case_number
    )
    return World(case.case_number, cp.person_id, item.reference, order.pk, worksheet.pk, receipt.pk)


def expected_status(role: str | None, endpoint: Endpoint) -> int:
    if role is None:
        return 403
    return endpoint.success if endpoint.needs <= ROLE_CAPABILITIES[role] else 403


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", [*Role, None], ids=lambda r: r or "anonymous")
def test_permission_matrix(api, world, role, endpoint):
    # given a user of the role, in the office of the case and the application
    user = None
    if role is not None:
        user = make_user(role, "HFD" if role in STAFF_ROLES else None)
    # when they call the endpoint
    call = getattr(api(user), endpoint.method)
    response = call(endpoint.path.format(**world.__dict__), endpoint.body or None)
    # then they get what the access table says
    assert response.status_code == expected_status(role, endpoint), response.content


def test_the_matrix_covers_every_endpoint_of_the_api():
    from cses.api.urls import urlpatterns

    sample = {
        "case_number": "CS000000001",
        "person_id": 1,
        "reference": "ABCD1234",
        "order_id": 1,
        "worksheet_id": 1,
        "receipt_id": 1,
    }
    declared = {resolve(e.path.format(**sample)).url_name for e in ENDPOINTS}
    public = {"api-token", "api-schema"}
    assert declared == {p.name for p in urlpatterns} - public
