"""The case information letter: to whom, where, and the audit of opening it."""

from __future__ import annotations

from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.documents import case_information_letter
from cses.cases.models import CaseMember, MemberRole
from cses.core.models import AuditEvent
from cses.people.models import Address, Language


def member(case, role):
    return CaseMember.objects.get(case=case, role=role)


def test_the_letter_names_the_case_parties_and_children(case_of, worker):
    case = case_of(by=worker, children=2)
    letter = case_information_letter(case, member(case, MemberRole.CUSTODIAL_PARTY))
    assert case.case_number in letter
    assert "Kevin Walsh" in letter and "Noncustodial parent" in letter
    assert "Child0 Rivera" in letter and "Child1 Rivera" in letter
    assert "Dear Maria Rivera" in letter


def test_an_ended_address_is_not_where_the_letter_goes(case_of, worker):
    case = case_of(by=worker)
    ncp = member(case, MemberRole.NONCUSTODIAL_PARENT)
    Address.objects.filter(person=ncp.person).update(end_date="2020-01-01")
    Address.objects.create(
        person=ncp.person, line1="9 Elm Street", city="Milford", zip_code="06460"
    )
    letter = case_information_letter(case, ncp)
    recipient = letter.split('id="recipient"')[1].split("</address>")[0]
    assert "9 Elm Street" in recipient and "Chapel Street" not in recipient


def test_the_letter_is_written_in_the_recipients_language(case_of, worker):
    case = case_of(by=worker)
    cp = member(case, MemberRole.CUSTODIAL_PARTY)
    cp.person.preferred_language = Language.SPANISH
    cp.person.save()
    assert '<html lang="es">' in case_information_letter(case, cp)


def test_staff_open_the_letter_from_the_case_page_and_it_is_audited(client, case, worker):
    client.force_login(worker)
    ncp = member(case, MemberRole.NONCUSTODIAL_PARENT)
    url = reverse("case-letter", args=[case.case_number, ncp.pk])
    assert url in client.get(reverse("case-detail", args=[case.case_number])).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "Kevin Walsh" in response.content.decode()
    events = AuditEvent.objects.filter(case_id=case.pk, detail__contains="letter")
    # the NCP's own address, the CP's address and phone
    assert sorted(events.values_list("action", flat=True)) == [
        AuditEvent.Action.VIEW_ADDRESS,
        AuditEvent.Action.VIEW_ADDRESS,
        AuditEvent.Action.VIEW_PHONE,
    ]


def test_no_letter_for_a_child_or_outside_the_office(client, case, worker, user_of):
    child = member(case, MemberRole.DEPENDENT_CHILD)
    client.force_login(worker)
    assert client.get(reverse("case-letter", args=[case.case_number, child.pk])).status_code == 404
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))
    cp = member(case, MemberRole.CUSTODIAL_PARTY)
    assert client.get(reverse("case-letter", args=[case.case_number, cp.pk])).status_code == 404
