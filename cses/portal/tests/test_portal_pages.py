"""The portal: parents see their own cases, employers their employer; staff are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, MemberRole
from cses.core.models import AuditEvent
from cses.people.models import Employer


def test_a_parent_sees_their_cases_and_the_other_parties_city(client, user_of, case_of, worker):
    case = case_of(by=worker)
    other = case_of(by=worker, ncp_last="Someoneelse")
    cp = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY)
    client.force_login(user_of(Role.PARENT, None, person=cp.person))
    html = client.get(reverse("portal-home")).content.decode()
    assert case.case_number in html and "Kevin Walsh" in html and "New Haven, CT" in html
    assert "Chapel Street" not in html and "Child0" in html
    assert other.case_number not in html and "Someoneelse" not in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_ADDRESS)
    assert event.channel == "portal"


def test_a_parent_without_a_person_record_is_told_so(client, user_of):
    client.force_login(user_of(Role.PARENT, None))
    assert "not linked to a case record" in client.get(reverse("portal-home")).content.decode()


def test_an_employer_sees_which_employer_they_act_for(client, user_of):
    employer = Employer.objects.create(
        name="Nutmeg Tool & Die",
        fein="069999999",
        line1="1 Main",
        city="Hartford",
        zip_code="06103",
    )
    client.force_login(user_of(Role.EMPLOYER, None, employer=employer))
    html = client.get(reverse("portal-home")).content.decode()
    assert "Nutmeg Tool &amp; Die" in html and "069999999" in html


@pytest.mark.parametrize("role", [Role.OCSS_WORKER, Role.AUDITOR, Role.ADMINISTRATOR])
def test_staff_are_refused_the_portal(client, user_of, role):
    client.force_login(user_of(role, "HFD"))
    assert client.get(reverse("portal-home")).status_code == 403


def test_the_portal_needs_a_login(client):
    assert client.get(reverse("portal-home"))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["case-search", "home"])
def test_parents_never_reach_staff_pages(client, user_of, name):
    client.force_login(user_of(Role.PARENT, None))
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("portal-home")
