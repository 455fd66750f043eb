"""The person endpoint: identity, whereabouts and cases, every view of them audited."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.cases.models import CaseMember
from cses.cases.selectors import visible_memberships
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.people.selectors import persons_with_history
from cses.people.serializers import PersonDetailSerializer


class PersonDetailView(CsesAPIView):
    """A person on at least one case the caller may see; any other person is not found, so
    office scoping holds for persons as it does for cases."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = PersonDetailSerializer

    @extend_schema(
        operation_id="person_retrieve",
        summary="A person: names, aliases, masked SSN, addresses, phones, employment, cases",
        responses={200: PersonDetailSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, person_id: int) -> Response:
        memberships = visible_memberships(request.user, person_id)
        if not memberships:
            raise Http404
        person = get_object_or_404(persons_with_history(), pk=person_id)
        # Protection follows the person onto every case, seen or not: staff see the addresses,
        # told that they must not reach the other party.
        person.protected = CaseMember.objects.filter(person=person, family_violence=True).exists()
        person.address_list = list(person.addresses.all())
        for address in person.address_list:
            address.protected = person.protected
        person.phone_list = list(person.phones.all())
        person.employment_list = list(person.employments.all())
        person.memberships_shown = memberships
        views: list[tuple[str, str, object]] = []
        if person.has_ssn:
            views.append((AuditEvent.Action.VIEW_SSN_MASKED, "person", person.pk))
        views += [(AuditEvent.Action.VIEW_ADDRESS, "address", a.pk) for a in person.address_list]
        views += [(AuditEvent.Action.VIEW_PHONE, "phone", p.pk) for p in person.phone_list]
        views += [
            (AuditEvent.Action.VIEW_EMPLOYER, "employment", e.pk) for e in person.employment_list
        ]
        record_view_set(request, views, channel=CHANNEL, detail="API: person")
        return Response(PersonDetailSerializer(person).data)
