"""Builders shared by the orders tests: a case ready for an order, and a saved worksheet."""

from __future__ import annotations

import datetime as dt

from cses.cases import lifecycle
from cses.cases.models import Case, CaseMember, MemberRole, PaternityStatus
from cses.orders.worksheets import save_worksheet
from cses.people.models import Person
from cses.rules.case_lifecycle import CaseState
from cses.synthetic.factories import make_case


def establishment_case(by, *, children: int = 1) -> Case:
    """A case whose parent is located and whose children's paternity is acknowledged, moved to
    establishment: the next step is an order. Children are born 1 January 2016, 2017, ..."""
    case = make_case(
        by=by,
        ncp_verified_address=True,
        paternity=PaternityStatus.ACKNOWLEDGED,
        children=children,
    )
    return lifecycle.move_case(
        case=case, to=CaseState.ESTABLISHMENT, by=by, reason="Paternity acknowledged"
    )


def children_of(case: Case) -> list[CaseMember]:
    return list(
        CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD)
        .select_related("person")
        .order_by("id")
    )


def born(member: CaseMember, on: dt.date) -> None:
    Person.objects.filter(pk=member.person_id).update(date_of_birth=on)


def worksheet(case: Case, by, *, children: int = 1, premium: str = "0", premium_by: str = ""):
    inputs = {
        "children": children,
        "custodial": {"gross_weekly_income": "500.00"},
        "noncustodial": {"gross_weekly_income": "900.00"},
    }
    if premium != "0":
        inputs["child_health_premium_weekly"] = premium
        inputs["child_health_premium_paid_by"] = premium_by
    return save_worksheet(case=case, inputs=inputs, purpose="establishment", by=by)
