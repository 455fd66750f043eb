"""A custodial party protected by the family-violence indicator: her whereabouts never reach the
noncustodial parent, on a letter or in the portal, while staff still see them under a banner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.documents import case_information_letter
from cses.cases.models import CaseMember, MemberRole
from cses.people.models import Address, Employer, Employment

CP_STREET = "77 Protected Lane"
CP_PHONE = "860-555-0101"  # the sample application's CP phone
CP_EMPLOYER = "Shelter Works LLC"


@pytest.fixture
def protected_case(case_of, worker):
    """A case whose CP is flagged for family violence, with a mailing address in Bristol and an
    employer; the NCP lives in New Haven."""
    case = case_of(by=worker, cp_family_violence=True, ncp_verified_address=True)
    cp = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY)
    Address.objects.create(
        person=cp.person,
        kind=Address.Kind.MAILING,
        line1=CP_STREET,
        city="Bristol",
        zip_code="06010",
    )
    employer = Employer.objects.create(
        name=CP_EMPLOYER, fein="061234567", line1="1 Main St", city="Bristol", zip_code="06010"
    )
    Employment.objects.create(person=cp.person, employer=employer)
    return case


def members_of(case):
    return (
        CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY),
        CaseMember.objects.get(case=case, role=MemberRole.NONCUSTODIAL_PARENT),
    )


def test_the_letter_to_the_ncp_says_address_confidential(protected_case):
    _cp, ncp = members_of(protected_case)
    # when the case information letter to the NCP is written
    letter = case_information_letter(protected_case, ncp)
    # then the CP is named but nothing of her whereabouts appears
    assert "Maria Rivera" in letter
    assert "Address confidential" in letter
    for secret in [CP_STREET, "Bristol", "Asylum Street", CP_PHONE, CP_EMPLOYER]:
        assert secret not in letter
    # and the NCP's own address is where the letter goes
    assert "Chapel Street" in letter and "New Haven" in letter


def test_the_letter_to_the_protected_cp_herself_has_her_address_and_the_ncps(protected_case):
    cp, _ncp = members_of(protected_case)
    letter = case_information_letter(protected_case, cp)
    # addressed to her mailing address, not her residence
    recipient_block = letter.split('id="recipient"')[1].split("</address>")[0]
    assert CP_STREET in recipient_block and "Asylum Street" not in recipient_block
    # and the NCP's contact address and phone are listed
    assert "Chapel Street" in letter and "203-555-0199" in letter
    assert "Address confidential" not in letter


def test_staff_see_the_protected_address_under_the_banner(client, worker, protected_case):
    client.force_login(worker)
    html = client.get(reverse("case-detail", args=[protected_case.case_number])).content.decode()
    assert "Family violence indicator: do not disclose whereabouts of" in html
    assert "Maria Rivera (Custodial party)" in html
    assert CP_STREET in html and CP_EMPLOYER in html
    assert "Protected — do not disclose" in html


def test_the_ncps_portal_page_hides_the_cp_city(client, user_of, protected_case):
    _cp, ncp = members_of(protected_case)
    parent = user_of(Role.PARENT, None, person=ncp.person)
    client.force_login(parent)
    html = client.get(reverse("portal-home")).content.decode()
    assert protected_case.case_number in html and "Maria Rivera" in html
    assert "Confidential" in html
    for secret in [CP_STREET, "Bristol", "Hartford", "Asylum Street", CP_PHONE, CP_EMPLOYER]:
        assert secret not in html


def test_the_protected_cps_portal_page_shows_the_ncps_city(client, user_of, protected_case):
    cp, _ncp = members_of(protected_case)
    client.force_login(user_of(Role.PARENT, None, person=cp.person))
    html = client.get(reverse("portal-home")).content.decode()
    assert "New Haven, CT" in html
    assert "Confidential" not in html


def test_protection_on_another_case_hides_her_from_the_same_ncp_here(case_of, worker):
    # given the same two parents on two cases, the CP flagged only on the first
    first = case_of(by=worker, cp_family_violence=True)
    cp, ncp = members_of(first)
    second = case_of(by=worker)
    CaseMember.objects.filter(case=second, role=MemberRole.CUSTODIAL_PARTY).update(person=cp.person)
    CaseMember.objects.filter(case=second, role=MemberRole.NONCUSTODIAL_PARENT).update(
        person=ncp.person
    )
    # then the letter to the NCP on the second case hides her too
    letter = case_information_letter(second, members_of(second)[1])
    assert "Address confidential" in letter and "Asylum Street" not in letter
