"""The person page: identity, address, phone and employment history, and the person's cases."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import CaseMember
from cses.cases.selectors import visible_memberships
from cses.core.audit import record_view_set, record_views
from cses.core.models import AuditEvent
from cses.people.models import Person
from cses.people.selectors import persons_with_history
from cses.rules.ssn import format_ssn


def _visible_memberships(request: HttpRequest, person_id: int) -> list[CaseMember]:
    memberships = visible_memberships(request.user, person_id)
    if not memberships:
        raise Http404
    return memberships


@requires(Cap.CASES_VIEW)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    memberships = _visible_memberships(request, person_id)
    person = get_object_or_404(persons_with_history(), pk=person_id)
    addresses = list(person.addresses.all())
    phones = list(person.phones.all())
    employments = list(person.employments.all())
    views: list[tuple[str, str, object]] = []
    if person.has_ssn:
        views.append((AuditEvent.Action.VIEW_SSN_MASKED, "person", person.pk))
    views += [(AuditEvent.Action.VIEW_ADDRESS, "address", a.pk) for a in addresses]
    views += [(AuditEvent.Action.VIEW_PHONE, "phone", p.pk) for p in phones]
    views += [(AuditEvent.Action.VIEW_EMPLOYER, "employment", e.pk) for e in employments]
    record_view_set(request, views, detail="person page")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "aliases": person.aliases.all(),
            "addresses": addresses,
            "phones": phones,
            "employments": employments,
            "memberships": memberships,
            "protected": CaseMember.objects.filter(person=person, family_violence=True).exists(),
            "can_reveal_ssn": can(request.user, Cap.PEOPLE_VIEW_SSN),
        },
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PEOPLE_VIEW_SSN)
def reveal_ssn(request: HttpRequest, person_id: int) -> HttpResponse:
    """The full SSN, asked for explicitly, audited."""
    _visible_memberships(request, person_id)
    person = get_object_or_404(Person, pk=person_id)
    ssn = ""
    if person.has_ssn:
        ssn = format_ssn(person.ssn_plaintext())
        record_views(request, AuditEvent.Action.VIEW_SSN_FULL, "person", [person.pk])
    return render(request, "people/_ssn_full.html", {"person": person, "ssn": ssn})
