"""A parent's own cases through the API, under the family-violence rule: a party protected from
the parent shows ``"whereabouts": "confidential"`` and nothing of where they are."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.portal.selectors import PortalCase, parent_cases

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


class ParentCaseSerializer(serializers.Serializer):
    case_number = serializers.CharField()
    status = serializers.CharField()
    your_role = serializers.CharField()
    children = serializers.ListField(child=serializers.CharField(), help_text=_("First names"))
    other_parties = OtherPartySerializer(many=True)


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
