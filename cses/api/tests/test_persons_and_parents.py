"""Persons through the API (masked SSN, whereabouts audited, protection flagged) and a parent's
own cases under the family-violence rule."""

from __future__ import annotations

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, MemberRole
from cses.core.models import AuditEvent
from cses.people.models import Alias


def person_url(person_id: int) -> str:
    return f"/api/v1/persons/{person_id}/"


def member(case, role: str) -> CaseMember:
    return CaseMember.objects.select_related("person").get(case=case, role=role)


def test_a_person_with_ssn_masked_whereabouts_and_cases(api, worker, case_of):
    # given a noncustodial parent with an employer, an alias and a case
    case = case_of(by=worker, ncp_verified_address=True)
    ncp = member(case, MemberRole.NONCUSTODIAL_PARENT).person
    Alias.objects.create(person=ncp, last_name="Walshe", first_name="Kev")
    # when the worker reads the person
    response = api(worker).get(person_url(ncp.pk))
    # then identity, masked SSN, whereabouts and the case are there
    assert response.status_code == 200
    body = response.json()
    assert (body["full_name"], body["date_of_birth"], body["sex"]) == (
        "Kevin Walsh",
        "1988-07-02",
        "M",
    )
    assert body["preferred_language"] == "en"
    assert body["ssn"] == "***-**-6789"
    assert body["aliases"] == [{"last_name": "Walshe", "first_name": "Kev", "middle_name": ""}]
    assert [a["city"] for a in body["addresses"]] == ["New Haven"]
    assert [p["number"] for p in body["phones"]] == ["203-555-0199"]
    assert [e["employer"]["name"] for e in body["employments"]] == ["Nutmeg Tool & Die"]
    assert body["cases"] == [
        {
            "case_number": case.case_number,
            "status": "intake",
            "office": "HFD",
            "role": "NCP",
            "family_violence": False,
        }
    ]
    assert body["protected"] is False and body["addresses"][0]["protected"] is False


def test_every_identifier_and_whereabouts_shown_is_audited_on_the_api_channel(api, worker, case_of):
    case = case_of(by=worker, ncp_verified_address=True)
    ncp = member(case, MemberRole.NONCUSTODIAL_PARENT).person
    api(worker).get(person_url(ncp.pk))
    events = AuditEvent.objects.filter(user=worker).exclude(action=AuditEvent.Action.LOGIN)
    assert {(e.action, e.object_type, e.channel) for e in events} == {
        (AuditEvent.Action.VIEW_SSN_MASKED, "person", "api"),
        (AuditEvent.Action.VIEW_ADDRESS, "address", "api"),
        (AuditEvent.Action.VIEW_PHONE, "phone", "api"),
        (AuditEvent.Action.VIEW_EMPLOYER, "employment", "api"),
    }
    assert events.get(action=AuditEvent.Action.VIEW_ADDRESS).object_id == str(
        ncp.addresses.get().pk
    )


def test_staff_see_a_protected_persons_addresses_flagged(api, worker, case_of):
    case = case_of(by=worker, cp_family_violence=True)
    cp = member(case, MemberRole.CUSTODIAL_PARTY)
    body = api(worker).get(person_url(cp.person_id)).json()
    assert body["protected"] is True
    assert body["addresses"] and all(a["protected"] for a in body["addresses"])
    assert body["cases"][0]["family_violence"] is True


def test_a_person_on_no_visible_case_is_not_found(api, worker, case_of):
    elsewhere = case_of(office_code="NHV")
    cp = member(elsewhere, MemberRole.CUSTODIAL_PARTY)
    assert api(worker).get(person_url(cp.person_id)).status_code == 404
    assert api(worker).get(person_url(999_999)).status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_parents_cases_show_where_the_other_party_lives(api, user_of, case_of):
    # given a case, and the custodial party's portal account
    case = case_of()
    cp = member(case, MemberRole.CUSTODIAL_PARTY)
    parent = user_of(Role.PARENT, None, person=cp.person)
    # when the parent asks for their cases
    response = api(parent).get("/api/v1/me/cases/")
    # then the other parent's city and state are shown, and that disclosure is audited
    assert response.status_code == 200
    (mine,) = response.json()
    assert (mine["case_number"], mine["your_role"], mine["children"]) == (
        case.case_number,
        "CP",
        ["Child0"],
    )
    assert mine["other_parties"] == [
        {"role": "NCP", "name": "Kevin Walsh", "whereabouts": "New Haven, CT"}
    ]
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_ADDRESS)
    assert (event.user, event.channel) == (parent, "api")


def test_a_parent_sees_a_protected_party_as_confidential(api, user_of, case_of):
    # given a custodial party protected by the family-violence indicator
    case = case_of(cp_family_violence=True)
    ncp = member(case, MemberRole.NONCUSTODIAL_PARENT)
    parent = user_of(Role.PARENT, None, person=ncp.person)
    # when the noncustodial parent asks for their cases
    response = api(parent).get("/api/v1/me/cases/")
    # then the custodial party's whereabouts are confidential, and nothing of them is disclosed
    (mine,) = response.json()
    assert mine["other_parties"] == [
        {"role": "CP", "name": "Maria Rivera", "whereabouts": "confidential"}
    ]
    assert "Hartford" not in response.content.decode()
    assert "Asylum" not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_ADDRESS).exists()


def test_a_parent_account_without_a_person_has_no_cases(api, user_of, case):
    assert api(user_of(Role.PARENT, None)).get("/api/v1/me/cases/").json() == []


def test_staff_endpoints_refuse_parent_and_employer_accounts(api, user_of, case):
    cp = member(case, MemberRole.CUSTODIAL_PARTY)
    for role in (Role.PARENT, Role.EMPLOYER):
        client = api(user_of(role, None, person=cp.person if role == Role.PARENT else None))
        assert client.get(f"/api/v1/cases/{case.case_number}/").status_code == 403
        assert client.get(person_url(cp.person_id)).status_code == 403
