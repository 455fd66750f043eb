"""The self-service portal: a parent's cases, and the employer an employer account acts for.

What a parent sees of the other parties passes the family-violence rule: a person protected from
them shows as "confidential", with no place at all.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.portal.selectors import PortalCase, parent_cases


@requires()
def portal_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if can(user, Cap.PORTAL_PARENT):
        person = user.profile.person
        cases: list[PortalCase] = []
        if person is not None:
            cases, shown = parent_cases(person.pk)
            record_view_set(
                request,
                [(AuditEvent.Action.VIEW_ADDRESS, "address", pk) for pk in shown],
                channel="portal",
                detail="portal: city and state of the other parties",
            )
        return render(request, "portal/parent_home.html", {"person": person, "cases": cases})
    if can(user, Cap.PORTAL_EMPLOYER):
        return render(request, "portal/employer_home.html", {"employer": user.profile.employer})
    raise PermissionDenied
