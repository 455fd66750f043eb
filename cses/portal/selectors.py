"""What a parent may see of their own cases, for the portal page and the API alike.

A person protected from the parent by the family-violence indicator shows as confidential, with
no place at all.

A custodial party or noncustodial parent also sees the support orders in force on the case: the
current terms, each child's end of support, and every review of the order. Nothing written by
staff about the order or the review (reasons, findings, notes) is shown: it may say where the
other party lives or works.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from cses.cases.disclosure import hidden_from
from cses.cases.documents import contact_address
from cses.cases.models import Case, CaseMember, CaseStatus, MemberRole
from cses.core.parameters import int_parameter
from cses.orders.models import OrderChild, OrderVersion, Review, SupportOrder
from cses.orders.reviews import COMPLETED_OUTCOMES, CYCLE_STARTS
from cses.people.models import Address
from cses.rules.modification import cycle_review_due

# Either parent may ask for a review of the order (45 CFR 303.8(b)): the source of the review is
# the requester's role on the case.
REVIEW_SOURCE_OF_ROLE = {
    MemberRole.CUSTODIAL_PARTY: Review.Source.CUSTODIAL,
    MemberRole.NONCUSTODIAL_PARENT: Review.Source.NONCUSTODIAL,
}


@dataclass(frozen=True)
class OtherParty:
    name: str
    role: str  # as shown
    role_code: str
    city_state: str  # empty when unknown or confidential
    confidential: bool


@dataclass(frozen=True)
class ChildSupportEnd:
    first_name: str
    support_ends_on: dt.date
    ended: bool


@dataclass(frozen=True)
class PortalReview:
    review_id: int
    source: str  # as shown
    source_code: str
    requested_on: dt.date
    due_by: dt.date
    outcome: str  # as shown: "Under review" while open
    outcome_code: str  # empty while open
    outcome_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.outcome_code == Review.Outcome.PENDING


@dataclass(frozen=True)
class PortalOrder:
    """An active order as its parent sees it: the terms in effect today (or, for an order that
    has not started, its first terms), per period of ``frequency``."""

    order_id: int
    docket_number: str
    court: str  # as shown
    court_code: str
    effective_from: dt.date
    started: bool  # false for an order whose terms start after today
    frequency: str  # as shown
    frequency_code: str
    current_support: Decimal
    arrearage_payment: Decimal
    cash_medical_support: Decimal
    child_care_contribution: Decimal
    medical_coverage_code: str  # custodial, noncustodial, both, or empty: not ordered
    # Who provides health insurance, from the parent's side: "you", "custodial",
    # "noncustodial", "both", or empty when none is ordered.
    health_insurance_by: str
    unreimbursed_medical_percent: Decimal  # the noncustodial parent's share
    children: list[ChildSupportEnd]
    reviews: list[PortalReview]  # newest request first
    # The order's establishment, last modification or last completed review: the start of the
    # review cycle (45 CFR 303.8(b)).
    cycle_from: dt.date | None
    cycle_months: int
    # A review asked for today needs a substantial change in circumstances: the request falls
    # outside the review cycle (45 CFR 303.8(b)(6)).
    change_needed: bool
    may_request_review: bool

    @property
    def open_review(self) -> PortalReview | None:
        return next((r for r in self.reviews if r.is_open), None)


@dataclass(frozen=True)
class PortalCase:
    case_number: str
    status: str  # as shown
    status_code: str
    your_role: str  # as shown
    your_role_code: str
    parties: list[OtherParty]
    children: list[str]
    orders: list[PortalOrder] = field(default_factory=list)  # for a CP or NCP only


def parent_cases(person_id: int) -> tuple[list[PortalCase], list[int]]:
    """The parent's cases as the portal shows them, with the orders in force where the parent is
    the custodial party or the noncustodial parent, and the addresses shown (for the audit)."""
    hidden = hidden_from(person_id)
    cases = (
        Case.objects.filter(members__person_id=person_id)
        .distinct()
        .order_by("-opened_on")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.filter(left_on__isnull=True).select_related("person"),
            ),
            Prefetch(
                "support_orders",
                queryset=_active_orders(),
                to_attr="active_orders",
            ),
        )
    )
    cases = list(cases)
    today = timezone.localdate()
    cycle_months = (
        int_parameter("review_cycle_months", today) if any(c.active_orders for c in cases) else 0
    )
    disclosable = {
        m.person_id
        for c in cases
        for m in c.members.all()
        if not m.is_child and m.person_id != person_id and m.person_id not in hidden
    }
    addresses: dict[int, list[Address]] = {pid: [] for pid in disclosable}
    for a in Address.objects.filter(person_id__in=disclosable, end_date__isnull=True):
        addresses[a.person_id].append(a)
    shown: list[int] = []
    out = []
    for c in cases:
        members = list(c.members.all())
        parties = []
        for m in members:
            if m.is_child or m.person_id == person_id:
                continue
            address = (
                contact_address(addresses[m.person_id]) if m.person_id in disclosable else None
            )
            if address:
                shown.append(address.pk)
            parties.append(
                OtherParty(
                    name=m.person.full_name,
                    role=m.get_role_display(),
                    role_code=m.role,
                    city_state=f"{address.city}, {address.state}" if address else "",
                    confidential=m.person_id not in disclosable,
                )
            )
        mine = next((m for m in members if m.person_id == person_id), None)
        role = mine.role if mine else ""
        orders = (
            [
                _portal_order(o, c, role, today, cycle_months)
                for o in c.active_orders
                if o.versions.all()
            ]
            if role in REVIEW_SOURCE_OF_ROLE
            else []
        )
        out.append(
            PortalCase(
                case_number=c.case_number,
                status=c.get_status_display(),
                status_code=c.status,
                your_role=mine.get_role_display() if mine else "",
                your_role_code=mine.role if mine else "",
                parties=parties,
                children=[
                    m.person.first_name for m in members if m.role == MemberRole.DEPENDENT_CHILD
                ],
                orders=orders,
            )
        )
    return out, shown


def find_order(cases: list[PortalCase], case_number: str, order_id: int) -> PortalOrder | None:
    """The order, among the parent's cases, that the parent may see and act on."""
    for c in cases:
        if c.case_number == case_number:
            return next((o for o in c.orders if o.order_id == order_id), None)
    return None


def find_review(
    cases: list[PortalCase], case_number: str, review_id: int
) -> tuple[PortalOrder, PortalReview] | None:
    for c in cases:
        if c.case_number != case_number:
            continue
        for o in c.orders:
            for r in o.reviews:
                if r.review_id == review_id:
                    return o, r
    return None


def _active_orders():
    return (
        SupportOrder.objects.filter(active=True)
        .prefetch_related(
            Prefetch("versions", queryset=OrderVersion.objects.order_by("version")),
            Prefetch(
                "children",
                queryset=OrderChild.objects.select_related("child__person").order_by(
                    "support_ends_on", "id"
                ),
            ),
            Prefetch("reviews", queryset=Review.objects.order_by("-requested_on", "-id")),
        )
        .order_by("-entered_at", "-id")
    )


def _terms_today(versions: list[OrderVersion], today: dt.date) -> OrderVersion:
    """The version in effect today; for an order that starts later, its first version."""
    effective = [v for v in versions if v.effective_from <= today]
    if effective:
        return max(effective, key=lambda v: (v.effective_from, v.version))
    return min(versions, key=lambda v: (v.effective_from, v.version))


def _cycle_from(versions: list[OrderVersion], reviews: list[Review]) -> dt.date | None:
    """The start of the order's review cycle: its establishment, last modification or last
    completed review, whichever is latest (45 CFR 303.8(b)(1))."""
    starts = [v.effective_from for v in versions if v.kind in CYCLE_STARTS]
    starts += [r.outcome_on for r in reviews if r.outcome in COMPLETED_OUTCOMES and r.outcome_on]
    return max(starts, default=None)


def _health_insurance_by(coverage: str, your_role: str) -> str:
    if coverage in ("", OrderVersion.MedicalCoverageBy.BOTH):
        return coverage
    return "you" if REVIEW_SOURCE_OF_ROLE.get(your_role) == coverage else coverage


def _portal_order(
    order: SupportOrder, case: Case, your_role: str, today: dt.date, cycle_months: int
) -> PortalOrder:
    versions = list(order.versions.all())
    reviews = list(order.reviews.all())
    terms = _terms_today(versions, today)
    cycle_from = _cycle_from(versions, reviews)
    shown_reviews = [
        PortalReview(
            review_id=r.pk,
            source=r.get_source_display(),
            source_code=r.source,
            requested_on=r.requested_on,
            due_by=r.due_by,
            outcome=r.get_outcome_display(),
            outcome_code=r.outcome,
            outcome_on=r.outcome_on,
        )
        for r in reviews
    ]
    return PortalOrder(
        order_id=order.pk,
        docket_number=order.docket_number,
        court=order.get_court_display(),
        court_code=order.court,
        effective_from=terms.effective_from,
        started=terms.effective_from <= today,
        frequency=terms.get_frequency_display(),
        frequency_code=terms.frequency,
        current_support=terms.current_support,
        arrearage_payment=terms.arrearage_payment,
        cash_medical_support=terms.cash_medical_support,
        child_care_contribution=terms.child_care_contribution,
        medical_coverage_code=terms.medical_coverage_by,
        health_insurance_by=_health_insurance_by(terms.medical_coverage_by, your_role),
        unreimbursed_medical_percent=terms.unreimbursed_medical_percent,
        children=[
            ChildSupportEnd(
                first_name=oc.child.person.first_name,
                support_ends_on=oc.support_ends_on,
                ended=oc.ended,
            )
            for oc in order.children.all()
            if oc.child.case_id == case.pk
        ],
        reviews=shown_reviews,
        cycle_from=cycle_from,
        cycle_months=cycle_months,
        change_needed=cycle_from is not None and today < cycle_review_due(cycle_from, cycle_months),
        may_request_review=case.status != CaseStatus.CLOSED
        and not any(r.is_open for r in shown_reviews),
    )
