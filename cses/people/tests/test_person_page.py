"""The person page and the audited reveal of a full SSN."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, MemberRole
from cses.core.models import AuditEvent
from cses.people.models import Address, Alias, VerificationSource


@pytest.fixture
def ncp(case_of, worker):
    case = case_of(by=worker, ncp_verified_address=True)
    return CaseMember.objects.get(case=case, role=MemberRole.NONCUSTODIAL_PARENT).person


def page_of(person) -> str:
    return reverse("person-detail", args=[person.pk])


def test_the_person_page_shows_identity_history_and_cases(client, worker, ncp):
    Alias.objects.create(person=ncp, last_name="Walshe", first_name="Kev")
    Address.objects.create(
        person=ncp,
        line1="1 Old Road",
        city="Meriden",
        zip_code="06450",
        start_date="2019-01-01",
        end_date="2023-05-31",
        verified_by=VerificationSource.DMV,
        verified_on="2020-02-02",
    )
    client.force_login(worker)
    html = client.get(page_of(ncp)).content.decode()
    assert "Kevin Walsh" in html and "Kev" in html and "Walshe" in html
    assert "***-**-6789" in html and "123-45-6789" not in html
    assert "1 Old Road" in html and "Motor vehicles on" in html
    assert "Chapel Street" in html and "203-555-0199" in html and "Nutmeg Tool" in html
    assert ncp.memberships.get().case.case_number in html
    assert "Show full SSN" in html
    actions = set(
        AuditEvent.objects.filter(
            object_type__in=["person", "address", "phone", "employment"]
        ).values_list("action", flat=True)
    )
    assert actions == {
        AuditEvent.Action.VIEW_SSN_MASKED,
        AuditEvent.Action.VIEW_ADDRESS,
        AuditEvent.Action.VIEW_PHONE,
        AuditEvent.Action.VIEW_EMPLOYER,
    }
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_ADDRESS).count() == 2


def test_a_person_on_no_visible_case_is_not_found(client, user_of, ncp):
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))
    assert client.get(page_of(ncp)).status_code == 404
    assert client.post(reverse("person-reveal-ssn", args=[ncp.pk])).status_code == 404


def test_revealing_the_full_ssn_is_audited(client, worker, ncp):
    client.force_login(worker)
    response = client.post(reverse("person-reveal-ssn", args=[ncp.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "123-45-6789" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_SSN_FULL)
    assert (event.user, event.object_type, event.object_id) == (worker, "person", str(ncp.pk))


@pytest.mark.parametrize("role", [Role.AAG, Role.MAGISTRATE, Role.AUDITOR, Role.PARENT])
def test_roles_without_the_ssn_capability_get_403(client, user_of, ncp, role):
    client.force_login(user_of(role, None))
    response = client.post(reverse("person-reveal-ssn", args=[ncp.pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_SSN_FULL).exists()


def test_the_reveal_button_is_only_offered_with_the_capability(client, user_of, ncp):
    client.force_login(user_of(Role.AUDITOR, None))
    html = client.get(page_of(ncp)).content.decode()
    assert "***-**-6789" in html and "Show full SSN" not in html


def test_revealing_is_a_post(client, worker, ncp):
    client.force_login(worker)
    assert client.get(reverse("person-reveal-ssn", args=[ncp.pk])).status_code == 405


def test_a_protected_person_is_marked(client, worker, case_of):
    case = case_of(by=worker, cp_family_violence=True)
    cp = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY).person
    client.force_login(worker)
    assert "Protected — do not disclose" in client.get(page_of(cp)).content.decode()
