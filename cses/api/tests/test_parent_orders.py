"""A parent's support orders through ``GET /api/v1/me/cases/``: the terms in force, each child's
end of support and the reviews of the order; another family's order never, and nothing of a
protected party's whereabouts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, MemberRole
from cses.orders.models import OrderChild, Review
from cses.orders.reviews import request_review
from cses.synthetic.factories import make_order


def member(case, role: str) -> CaseMember:
    return CaseMember.objects.select_related("person").get(case=case, role=role)


def test_a_parent_reads_their_order_and_its_review(api, user_of, case_of, worker):
    # given an order with an open review requested by the noncustodial parent
    case = case_of(by=worker)
    order = make_order(
        case,
        by=worker,
        docket_number="HHD-FA25-0002222-S",
        arrearage_payment=Decimal("15.00"),
        medical_coverage_by="both",
        unreimbursed_medical_percent=Decimal("55.50"),
    )
    today = timezone.localdate()
    request_review(
        case=case, order=order, source=Review.Source.NONCUSTODIAL, requested_on=today, by=worker
    )
    other = case_of(by=worker, cp_last="Someoneelse")
    make_order(other, by=worker, docket_number="NNH-FA25-0009999-S")
    parent = user_of(Role.PARENT, None, person=member(case, MemberRole.CUSTODIAL_PARTY).person)
    # when the custodial party asks for their cases
    response = api(parent).get("/api/v1/me/cases/")
    # then the order's terms, the child's end of support and the review are there
    assert response.status_code == 200
    (mine,) = response.json()
    (shown,) = mine["orders"]
    ends = OrderChild.objects.get(order=order).support_ends_on
    assert shown == {
        "docket_number": "HHD-FA25-0002222-S",
        "court": "fsm",
        "effective_from": "2025-01-06",
        "frequency": "weekly",
        "current_support": "100.00",
        "arrearage_payment": "15.00",
        "cash_medical_support": "0.00",
        "child_care_contribution": "0.00",
        "medical_coverage_by": "both",
        "unreimbursed_medical_percent": "55.50",
        "children": [{"first_name": "Child0", "support_ends_on": ends.isoformat(), "ended": False}],
        "reviews": [
            {
                "requested_on": today.isoformat(),
                "due_by": (today + dt.timedelta(days=180)).isoformat(),
                "source": "noncustodial",
                "open": True,
                "outcome": "",
                "outcome_on": None,
            }
        ],
        "review_requestable": False,
        "substantial_change_needed": True,
    }
    assert "NNH-FA25-0009999-S" not in response.content.decode()


def test_a_parent_with_no_order_has_none(api, user_of, case_of):
    case = case_of()
    parent = user_of(Role.PARENT, None, person=member(case, MemberRole.CUSTODIAL_PARTY).person)
    (mine,) = api(parent).get("/api/v1/me/cases/").json()
    assert mine["orders"] == []


def test_a_protected_partys_whereabouts_stay_out_of_the_orders(api, user_of, case_of, worker):
    case = case_of(by=worker, cp_family_violence=True)
    order = make_order(case, by=worker)
    parent = user_of(Role.PARENT, None, person=member(case, MemberRole.NONCUSTODIAL_PARENT).person)
    response = api(parent).get("/api/v1/me/cases/")
    body = response.content.decode()
    (mine,) = response.json()
    assert [o["docket_number"] for o in mine["orders"]] == [order.docket_number]
    assert mine["other_parties"][0]["whereabouts"] == "confidential"
    assert "Hartford" not in body and "Asylum" not in body and "06103" not in body
