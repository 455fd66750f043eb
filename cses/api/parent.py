"""A parent's own cases through the API, under the family-violence rule: a party protected from
the parent shows ``"whereabouts": "confidential"`` and nothing of where they are.

A custodial party or noncustodial parent also reads the support orders in force on each case:
the current terms, each child's end of support, and the reviews of the order (45 CFR 303.8)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.orders.models import Court, Frequency, OrderVersion, Review
from cses.portal.selectors import PortalCase, PortalOrder, parent_cases

CONFIDENTIAL = "confidential"


class OtherPartySerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    whereabouts = serializers.CharField(
        allow_null=True,
        help_text=_(
            '"City, ST" of the current address; "confidential" when it may not be disclosed to '
            "you; null when unknown"
        ),
    )


class ChildSupportEndSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    support_ends_on = serializers.DateField()
    ended = serializers.BooleanField(help_text=_("The child's support has ended"))


def _inline_choices(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field described with its values in place: the names ``source`` and ``outcome``
    stand for other choice sets elsewhere in the API, so a shared enum component would clash."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


class ParentReviewSerializer(serializers.Serializer):
    requested_on = serializers.DateField()
    due_by = serializers.DateField(help_text=_("Completed within 180 days (45 CFR 303.8(e))"))
    source = _inline_choices(Review.Source.choices)
    open = serializers.BooleanField(help_text=_("Still under review"))
    outcome = _inline_choices(Review.Outcome.choices, help_text=_("Empty while under review"))
    outcome_on = serializers.DateField(allow_null=True)


class ParentOrderSerializer(serializers.Serializer):
    docket_number = serializers.CharField()
    court = serializers.ChoiceField(choices=Court.choices)
    effective_from = serializers.DateField(help_text=_("When the terms shown took effect"))
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    current_support = serializers.DecimalField(max_digits=12, decimal_places=2)
    arrearage_payment = serializers.DecimalField(max_digits=12, decimal_places=2)
    cash_medical_support = serializers.DecimalField(max_digits=12, decimal_places=2)
    child_care_contribution = serializers.DecimalField(max_digits=12, decimal_places=2)
    medical_coverage_by = serializers.ChoiceField(
        choices=OrderVersion.MedicalCoverageBy.choices,
        help_text=_("Who provides the children's health coverage; empty when not ordered"),
    )
    unreimbursed_medical_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text=_("The noncustodial parent's share of unreimbursed medical costs"),
    )
    children = ChildSupportEndSerializer(many=True)
    reviews = ParentReviewSerializer(many=True, help_text=_("Newest request first"))
    review_requestable = serializers.BooleanField(
        help_text=_("A review may be asked for now (no review is open)")
    )
    substantial_change_needed = serializers.BooleanField(
        help_text=_(
            "A review asked for now falls outside the review cycle, so it needs a substantial "
            "change in circumstances (45 CFR 303.8(b)(6))"
        )
    )


class ParentCaseSerializer(serializers.Serializer):
    case_number = serializers.CharField()
    status = serializers.CharField()
    your_role = serializers.CharField()
    children = serializers.ListField(child=serializers.CharField(), help_text=_("First names"))
    other_parties = OtherPartySerializer(many=True)
    orders = ParentOrderSerializer(
        many=True, help_text=_("Support orders in force; for a custodial or noncustodial party")
    )


def _order_as_api(order: PortalOrder) -> dict:
    return {
        "docket_number": order.docket_number,
        "court": order.court_code,
        "effective_from": order.effective_from,
        "frequency": order.frequency_code,
        "current_support": order.current_support,
        "arrearage_payment": order.arrearage_payment,
        "cash_medical_support": order.cash_medical_support,
        "child_care_contribution": order.child_care_contribution,
        "medical_coverage_by": order.medical_coverage_code,
        "unreimbursed_medical_percent": order.unreimbursed_medical_percent,
        "children": [
            {"first_name": c.first_name, "support_ends_on": c.support_ends_on, "ended": c.ended}
            for c in order.children
        ],
        "reviews": [
            {
                "requested_on": r.requested_on,
                "due_by": r.due_by,
                "source": r.source_code,
                "open": r.is_open,
                "outcome": r.outcome_code,
                "outcome_on": r.outcome_on,
            }
            for r in order.reviews
        ],
        "review_requestable": order.may_request_review,
        "substantial_change_needed": order.change_needed,
    }


def _as_api(case: PortalCase) -> dict:
    return {
        "case_number": case.case_number,
        "status": case.status_code,
        "your_role": case.your_role_code,
        "children": case.children,
        "other_parties": [
            {
                "role": p.role_code,
                "name": p.name,
                "whereabouts": CONFIDENTIAL if p.confidential else (p.city_state or None),
            }
            for p in case.parties
        ],
        "orders": [_order_as_api(o) for o in case.orders],
    }


class MyCasesView(CsesAPIView):
    """For parent accounts: the cases they are a party to."""

    required_capabilities = (Cap.PORTAL_PARENT,)
    serializer_class = ParentCaseSerializer
    pagination_class = None

    @extend_schema(
        operation_id="me_cases_list",
        summary="Your cases (parent accounts)",
        responses={200: ParentCaseSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        person_id = request.user.profile.person_id
        if person_id is None:
            return Response([])
        cases, shown = parent_cases(person_id)
        record_view_set(
            request,
            [(AuditEvent.Action.VIEW_ADDRESS, "address", pk) for pk in shown],
            channel=CHANNEL,
            detail="API: city and state of the other parties",
        )
        return Response(ParentCaseSerializer([_as_api(c) for c in cases], many=True).data)
