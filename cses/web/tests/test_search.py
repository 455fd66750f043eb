"""Case search: every criterion, aliases, office scope, htmx, and SSNs never echoed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.lifecycle import move_case
from cses.cases.models import CaseMember, MemberRole
from cses.core.models import AuditEvent
from cses.people.models import Alias
from cses.rules.case_lifecycle import CaseState

SSN = "212-33-4455"


@pytest.fixture
def cases(case_of, worker):
    """Two Hartford cases (Walsh, and Okafor with a known SSN) and a New Haven Walsh case."""
    walsh = case_of(by=worker)
    okafor = case_of(by=worker, ncp_last="Okafor", ncp_ssn=SSN)
    far = case_of(by=worker, office_code="NHV")
    return walsh, okafor, far


def search(client, **params):
    return client.post(reverse("case-search"), params).content.decode()


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def test_the_search_page_renders_without_results(worker_client):
    html = worker_client.get(reverse("case-search")).content.decode()
    assert 'hx-post="/search/"' in html and "cases found" not in html


def test_search_by_last_name_stays_in_the_office(worker_client, cases):
    walsh, okafor, far = cases
    html = search(worker_client, last_name="wal")
    assert walsh.case_number in html and "Kevin Walsh" in html
    assert far.case_number not in html and okafor.case_number not in html


def test_search_by_first_name_case_number_status_and_birth_date(worker_client, cases, worker):
    walsh, okafor, _far = cases
    assert okafor.case_number in search(worker_client, first_name="Kev", last_name="Oka")
    html = search(worker_client, case_number=walsh.case_number.lower())
    assert walsh.case_number in html and okafor.case_number not in html
    move_case(case=okafor, to=CaseState.LOCATE, by=worker, reason="complete")
    html = search(worker_client, status="locate")
    assert okafor.case_number in html and walsh.case_number not in html
    html = search(worker_client, date_of_birth="1988-07-02")
    assert okafor.case_number in html and walsh.case_number in html
    assert "No case matches." in search(worker_client, date_of_birth="1950-01-01")


def test_search_by_alias(worker_client, cases):
    walsh, okafor, _far = cases
    ncp = CaseMember.objects.get(case=okafor, role=MemberRole.NONCUSTODIAL_PARENT)
    Alias.objects.create(person=ncp.person, last_name="Okafor-Smith", first_name="Kev")
    Alias.objects.create(person=ncp.person, last_name="Baptiste", first_name="Kevin")
    html = search(worker_client, last_name="Baptiste")
    assert okafor.case_number in html and walsh.case_number not in html


def test_search_by_ssn_is_audited_and_never_echoes_the_ssn(worker_client, cases, worker):
    walsh, okafor, _far = cases
    html = search(worker_client, ssn=SSN)
    assert okafor.case_number in html and walsh.case_number not in html
    for form in (SSN, SSN.replace("-", "")):
        assert form not in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH_SSN)
    assert event.user == worker and "1 case(s) found" in event.detail
    assert "4455" not in event.detail and "212" not in event.detail


def test_an_invalid_ssn_is_refused_without_echoing_it(worker_client, cases):
    html = search(worker_client, ssn="666-12-3456")
    assert "area number 666 is never issued" in html
    assert "666-12-3456" not in html
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH_SSN).exists()


def test_an_empty_search_asks_for_a_criterion(worker_client, cases):
    assert "Enter at least one search criterion." in search(worker_client, last_name="")


def test_htmx_gets_only_the_results(worker_client, cases):
    walsh, _, _ = cases
    response = worker_client.post(
        reverse("case-search"), {"last_name": "Walsh"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert walsh.case_number in html and "<html" not in html and "<form" not in html


def test_results_are_paginated_25_a_page(worker_client, case_of, worker):
    for _ in range(27):
        case_of(by=worker, ncp_last="Pagewalker", ncp_ssn="")
    first = search(worker_client, last_name="Pagewalker")
    assert "27 cases found" in first and "page 1 of 2" in first
    assert first.count('<th scope="row">') == 25
    second = search(worker_client, last_name="Pagewalker", page=2)
    assert second.count('<th scope="row">') == 2


def test_an_ssn_search_shows_one_page_without_links(worker_client, case_of, worker):
    for _ in range(26):
        case_of(by=worker, ncp_ssn=SSN)
    html = search(worker_client, ssn=SSN)
    assert "add another criterion" in html and 'name="page"' not in html


def test_parents_cannot_search(client, user_of):
    client.force_login(user_of(Role.PARENT, None))
    assert client.post(reverse("case-search"), {"last_name": "W"}).status_code == 403


def test_a_statewide_role_finds_every_office(client, user_of, cases):
    walsh, _okafor, far = cases
    client.force_login(user_of(Role.AUDITOR, None))
    html = search(client, last_name="Walsh")
    assert walsh.case_number in html and far.case_number in html


def test_an_invalid_birth_date_is_an_error(worker_client, cases):
    html = search(worker_client, date_of_birth="not-a-date")
    assert "Enter a valid date." in html and "cases found" not in html
