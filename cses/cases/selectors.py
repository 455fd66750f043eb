"""Reads of cases for pages and the API, always through the viewer's office scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cses.accounts.access import can
from cses.accounts.roles import Cap
from cses.cases.models import Case, CaseMember, CaseStatus, IntakeApplication
from cses.core import crypto
from cses.people.models import Alias, Person
from cses.rules.ssn import InvalidSSN, normalize_ssn


def visible_cases(user) -> QuerySet[Case]:
    """The cases a staff user may see: their office's, or every office's if granted."""
    if not can(user, Cap.CASES_VIEW):
        return Case.objects.none()
    if can(user, Cap.ALL_OFFICES):
        return Case.objects.all()
    office_id = user.profile.office_id
    return Case.objects.filter(office_id=office_id) if office_id else Case.objects.none()


def visible_case_or_404(user, case_number: str) -> Case:
    """The case the page or endpoint is about, if the user may see it; else Http404 (a case of
    another office is not found, rather than forbidden)."""
    return get_object_or_404(
        visible_cases(user).select_related("office", "assigned_worker"), case_number=case_number
    )


def visible_memberships(user, person_id: int) -> list[CaseMember]:
    """The person's memberships on cases the user may see. Empty means the person is not the
    user's to see: office scoping holds for persons as it does for cases."""
    return list(
        CaseMember.objects.filter(person_id=person_id, case__in=visible_cases(user))
        .select_related("case", "case__office")
        .order_by("-case__opened_on", "case__case_number")
    )


def visible_applications(user) -> QuerySet[IntakeApplication]:
    """Intake applications of the user's office (every office's if granted), any status."""
    if not can(user, Cap.INTAKE_REVIEW):
        return IntakeApplication.objects.none()
    if can(user, Cap.ALL_OFFICES):
        return IntakeApplication.objects.all()
    office_id = user.profile.office_id
    return (
        IntakeApplication.objects.filter(office_id=office_id)
        if office_id
        else IntakeApplication.objects.none()
    )


def pending_applications(user) -> QuerySet[IntakeApplication]:
    """The user's intake queue: applications waiting for a worker."""
    return visible_applications(user).filter(status=IntakeApplication.Status.PENDING)


class SearchError(ValueError):
    pass


def search_cases(
    user,
    *,
    case_number: str = "",
    last_name: str = "",
    first_name: str = "",
    ssn: str = "",
    date_of_birth: dt.date | None = None,
    status: str = "",
) -> QuerySet[Case]:
    """Cases visible to ``user`` matching every criterion given (names match aliases too)."""
    cases = visible_cases(user)
    if case_number:
        cases = cases.filter(case_number__iexact=case_number.strip())
    if status:
        cases = cases.filter(status=status)
    persons = Person.objects.all()
    person_filtered = False
    if ssn:
        try:
            digits = normalize_ssn(ssn)
        except InvalidSSN as e:
            raise SearchError(f"SSN: {e}") from e
        persons = persons.filter(ssn_index=crypto.blind_index(digits))
        person_filtered = True
    if date_of_birth:
        persons = persons.filter(date_of_birth=date_of_birth)
        person_filtered = True
    # A name matches a person's own name or one of their aliases. The two are separate member
    # subqueries, not one OR inside the person query, so each can use its name index.
    candidate_sets = [persons] if person_filtered else []
    if last_name or first_name:
        names = Q()  # the same fields on Person and Alias
        if last_name:
            names &= Q(last_name__istartswith=last_name.strip())
        if first_name:
            names &= Q(first_name__istartswith=first_name.strip())
        candidate_sets = [
            persons.filter(names),
            persons.filter(pk__in=Alias.objects.filter(names).values("person_id")),
        ]
    if candidate_sets:
        on_case = Q()
        for candidates in candidate_sets:
            on_case |= Q(
                pk__in=CaseMember.objects.filter(person__in=candidates.values("pk")).values(
                    "case_id"
                )
            )
        cases = cases.filter(on_case)
    return cases.select_related("office").order_by("-opened_on", "case_number")


def workers_open_cases(user) -> QuerySet[Case]:
    return (
        visible_cases(user)
        .filter(assigned_worker=user)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("office")
        .order_by("status_since")
    )
