"""A parent's own cases through the API, under the family-violence rule: a party protected from
the parent shows ``"whereabouts": "confidential"`` and nothing of where they are."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.cases.disclosure import hidden_from
from cses.cases.documents import contact_address
from cses.cases.models import Case, CaseMember, MemberRole
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.people.models import Address

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


def parent_cases(person_id: int) -> tuple[list[dict], list[int]]:
    """The parent's cases as the API shows them, and the ids of the addresses disclosed."""
    hidden = hidden_from(person_id)
    cases = list(
        Case.objects.filter(members__person_id=person_id)
        .distinct()
        .order_by("-opened_on", "case_number")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.filter(left_on__isnull=True)
                .select_related("person")
                .order_by("role", "id"),
            )
        )
    )
    adults = {
        m.person_id
        for c in cases
        for m in c.members.all()
        if not m.is_child and m.person_id != person_id and m.person_id not in hidden
    }
    addresses: dict[int, list[Address]] = {pid: [] for pid in adults}
    for address in Address.objects.filter(person_id__in=adults, end_date__isnull=True):
        addresses[address.person_id].append(address)
    shown: list[int] = []
    out = []
    for case in cases:
        members = list(case.members.all())
        parties = []
        for m in members:
            if m.is_child or m.person_id == person_id:
                continue
            if m.person_id in hidden:
                whereabouts = CONFIDENTIAL
            else:
                address = contact_address(addresses[m.person_id])
                whereabouts = f"{address.city}, {address.state}" if address else None
                if address:
                    shown.append(address.pk)
            parties.append({"role": m.role, "name": m.person.full_name, "whereabouts": whereabouts})
        mine = next((m for m in members if m.person_id == person_id), None)
        out.append(
            {
                "case_number": case.case_number,
                "status": case.status,
                "your_role": mine.role if mine else "",
                "children": [
                    m.person.first_name for m in members if m.role == MemberRole.DEPENDENT_CHILD
                ],
                "other_parties": parties,
            }
        )
    return out, shown


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
        return Response(ParentCaseSerializer(cases, many=True).data)
