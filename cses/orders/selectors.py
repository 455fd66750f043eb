"""Reads of support orders for the pages and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from cses.cases.models import Case, CaseMember, MemberRole
from cses.orders.models import OrderChild, OrderVersion, SupportOrder, Worksheet
from cses.orders.obligations import order_ends_on, terms_of
from cses.rules.frequency import from_weekly
from cses.rules.obligations import Charge, charges


def orders_of_case(case: Case) -> QuerySet[SupportOrder]:
    """The case's orders, active first then newest, with their versions (oldest first) and
    children (the first to end first)."""
    return (
        SupportOrder.objects.filter(case=case)
        .select_related("entered_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=OrderVersion.objects.select_related("worksheet", "entered_by").order_by(
                    "version"
                ),
            ),
            Prefetch(
                "children",
                queryset=OrderChild.objects.select_related("child__person").order_by(
                    "support_ends_on", "id"
                ),
            ),
        )
        .order_by("-active", "-entered_at", "-id")
    )


def current_version(order: SupportOrder) -> OrderVersion:
    """The order's latest version (prefetched ``versions`` are used when present)."""
    return list(order.versions.all())[-1]


def version_on(order: SupportOrder, on: dt.date) -> OrderVersion | None:
    """The version in effect on ``on``: the latest effective by then."""
    effective = [v for v in order.versions.all() if v.effective_from <= on]
    return max(effective, key=lambda v: (v.effective_from, v.version), default=None)


def schedule_preview(order: SupportOrder, start: dt.date, end: dt.date) -> list[Charge]:
    """What the order falls due within [start, end], by the pure rules (the bulk schedule,
    ``cses.orders.obligations``, computes the same for the ledger)."""
    return charges(
        [terms_of(v) for v in order.versions.all()], start, end, ends_on=order_ends_on(order)
    )


def worksheets_of_case(case: Case) -> QuerySet[Worksheet]:
    return Worksheet.objects.filter(case=case).order_by("-prepared_at", "-id")


def dependent_children(case: Case) -> QuerySet[CaseMember]:
    return (
        CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD, left_on__isnull=True)
        .select_related("person")
        .order_by("id")
    )


def amounts_from_worksheet(worksheet: Worksheet, frequency: str) -> dict[str, object]:
    """The order's terms as a worksheet presumes them, per ``frequency`` period: the starting
    point of an order entered on the guidelines.

    Lines 33a (health care) and 34a (child care) are cash the noncustodial parent pays only
    when the custodial parent pays the premium or the provider; paid by the noncustodial parent,
    they are paid directly and nothing falls due through the agency."""
    result = worksheet.result or {}
    premium_by = result.get("child_health_premium_paid_by", "")
    care_by = result.get("child_care_paid_by", "")
    health = worksheet.health_care_contribution_weekly
    care = worksheet.child_care_contribution_weekly
    coverage = ""
    if health > 0:
        coverage = "noncustodial" if premium_by == "noncustodial" else "custodial"
    return {
        "frequency": frequency,
        "current_support": from_weekly(worksheet.current_support_weekly, frequency),
        "arrearage_payment": from_weekly(worksheet.arrearage_payment_weekly, frequency),
        "cash_medical_support": from_weekly(
            health if premium_by != "noncustodial" else Decimal(0), frequency
        ),
        "child_care_contribution": from_weekly(
            care if care_by != "noncustodial" else Decimal(0), frequency
        ),
        "medical_coverage_by": coverage,
        "unreimbursed_medical_percent": Decimal(
            str(result.get("unreimbursed_medical_percentage", "0"))
        ),
    }
