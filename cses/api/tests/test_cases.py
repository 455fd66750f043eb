"""Cases through the API: list and filters, the search by SSN, detail, diary and lifecycle moves,
always within the caller's offices, SSNs masked and every view audited."""

from __future__ import annotations

import datetime as dt

import pytest

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, CaseStatus, DiaryEntry, MemberRole
from cses.core.models import AuditEvent

CASES = "/api/v1/cases/"
SEARCH = "/api/v1/cases/search/"


def case_url(case, tail: str = "") -> str:
    return f"{CASES}{case.case_number}/{tail}"


def numbers(response) -> list[str]:
    return [c["case_number"] for c in response.json()["results"]]


# Listing and searching


def test_the_list_holds_only_the_callers_offices_cases(api, worker, case_of):
    # given a case in the worker's office (Hartford) and one in New Haven
    mine = case_of(by=worker)
    case_of(office_code="NHV")
    # when the worker lists cases
    response = api(worker).get(CASES)
    # then only the Hartford case is listed, with its parties' names and no identifiers
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and numbers(response) == [mine.case_number]
    listed = body["results"][0]
    assert listed["office"] == "HFD" and listed["status"] == "intake"
    assert {p["role"] for p in listed["parties"]} == {"CP", "NCP", "CH"}
    assert "ssn" not in str(listed)


def test_statewide_roles_filter_by_office(api, user_of, case_of):
    hartford, new_haven = case_of(), case_of(office_code="NHV")
    auditor = user_of(Role.AUDITOR)
    assert set(numbers(api(auditor).get(CASES))) == {hartford.case_number, new_haven.case_number}
    assert numbers(api(auditor).get(CASES, {"office": "NHV"})) == [new_haven.case_number]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"last_name": "Okafor"}, ["okafor"]),
        ({"first_name": "Kevin", "last_name": "Brennan"}, ["brennan"]),
        ({"date_of_birth": "1990-03-14", "last_name": "Okaf"}, ["okafor"]),
        ({"status": "locate"}, ["brennan"]),
        ({"status": "intake"}, ["okafor"]),
    ],
)
def test_filters(api, worker, case_of, criteria, expected):
    # given two cases with different parties, one moved to locate
    cases = {
        "okafor": case_of(by=worker, cp_last="Okafor", ncp_last="Lindqvist"),
        "brennan": case_of(by=worker, cp_last="Cruz", ncp_last="Brennan", ncp_ssn="234-56-7890"),
    }
    api(worker).post(
        case_url(cases["brennan"], "transitions/"), {"to": "locate", "reason": "complete"}
    )
    # when the worker filters
    response = api(worker).get(CASES, criteria)
    # then the matching cases come back
    assert response.status_code == 200
    assert numbers(response) == [cases[name].case_number for name in expected]


def test_case_number_filter(api, worker, case_of):
    wanted, _other = case_of(by=worker), case_of(by=worker)
    assert numbers(api(worker).get(CASES, {"case_number": wanted.case_number.lower()})) == [
        wanted.case_number
    ]


def test_bad_filters_name_the_field(api, worker):
    response = api(worker).get(CASES, {"status": "lost", "date_of_birth": "14/03/1990"})
    assert response.status_code == 400
    assert set(response.json()) == {"status", "date_of_birth"}


def test_an_ssn_in_the_address_is_refused(api, worker, case):
    response = api(worker).get(CASES, {"ssn": "123-45-6789"})
    assert response.status_code == 400
    assert "POST /api/v1/cases/search/" in response.json()["ssn"][0]


def test_search_by_exact_ssn_in_the_body_is_audited(api, worker, case_of):
    # given two cases, one whose noncustodial parent has the SSN searched for
    wanted = case_of(by=worker, ncp_ssn="234-56-7890")
    case_of(by=worker)
    # when the worker searches by the SSN (without dashes)
    response = api(worker).post(SEARCH, {"ssn": "234567890"})
    # then only that case comes back, and the search is audited on the api channel
    assert response.status_code == 200 and numbers(response) == [wanted.case_number]
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH_SSN)
    assert (event.user, event.channel) == (worker, "api")
    assert "1 case(s) found" in event.detail


def test_a_bad_ssn_is_a_400_naming_the_field(api, worker):
    response = api(worker).post(SEARCH, {"ssn": "000-12-3456"})
    assert response.status_code == 400
    assert response.json() == {"ssn": ["area number 000 is never issued"]}


def test_the_list_costs_the_same_queries_for_one_case_or_many(
    api, worker, case_of, django_assert_max_num_queries
):
    for _ in range(8):
        case_of(by=worker)
    client = api(worker)
    # the caller's profile, the count, the page of cases and their parties
    with django_assert_max_num_queries(4):
        response = client.get(CASES)
    assert response.json()["count"] == 8


# Detail


def test_detail_shows_the_case_its_members_masked_ssns_history_and_next_step(api, worker, case):
    # when the worker reads the case
    response = api(worker).get(case_url(case))
    # then the case's facts are there
    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == case.case_number
    assert (body["program_type"], body["interstate_role"], body["status"]) == (
        "never",
        "none",
        "intake",
    )
    assert body["office"] == {"code": "HFD", "name": "Hartford (Windsor)"}
    assert body["status_since"] == case.status_since.isoformat()
    # with the members, the noncustodial parent's SSN masked
    ncp = next(m for m in body["members"] if m["role"] == "NCP")
    assert ncp["person"]["ssn"] == "***-**-6789"
    assert ncp["person"]["full_name"] == "Kevin Walsh"
    child = next(m for m in body["members"] if m["role"] == "CH")
    assert child["paternity_status"] == "open" and child["high_school_student"] is False
    # the history, the next step under its rule, and the moves open now
    assert [h["to_status"] for h in body["status_history"]] == ["intake"]
    assert body["next_step"]["basis"] == "45 CFR 303.2(b)"
    assert body["next_step"]["due"] == (case.opened_on + dt.timedelta(days=20)).isoformat()
    assert body["allowed_moves"] == ["locate"]


def test_detail_audits_each_ssn_shown_on_the_api_channel(api, worker, case):
    api(worker).get(case_url(case))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_SSN_MASKED)
    ncp = CaseMember.objects.get(case=case, role=MemberRole.NONCUSTODIAL_PARENT)
    assert [(e.object_id, e.channel, e.case_id, e.user) for e in events] == [
        (str(ncp.person_id), "api", case.pk, worker)
    ]


def test_a_case_outside_the_office_is_not_found(api, worker, case_of):
    elsewhere = case_of(office_code="NHV")
    client = api(worker)
    assert client.get(case_url(elsewhere)).status_code == 404
    assert client.get(case_url(elsewhere, "diary/")).status_code == 404
    response = client.post(case_url(elsewhere, "transitions/"), {"to": "locate", "reason": "x"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_SSN_MASKED).exists()


def test_detail_queries_are_bounded(api, worker, case_of, django_assert_max_num_queries):
    case = case_of(by=worker, children=4)
    client = api(worker)
    # the case, its members, history, facts (members, address, employment), the five
    # timeframes and the audit insert: none of them per member
    with django_assert_max_num_queries(13):
        assert client.get(case_url(case)).status_code == 200


# Diary


def test_a_worker_adds_a_note_and_reads_the_diary_newest_first(api, worker, case):
    client = api(worker)
    response = client.post(case_url(case, "diary/"), {"text": "  Called the CP.  "})
    assert response.status_code == 201
    assert (response.json()["text"], response.json()["author"]) == (
        "Called the CP.",
        worker.username,
    )
    diary = client.get(case_url(case, "diary/")).json()
    assert diary["results"][0]["text"] == "Called the CP."
    assert diary["results"][0]["kind"] == "note"
    assert diary["count"] == DiaryEntry.objects.filter(case=case).count()


def test_an_empty_note_is_refused_naming_the_field(api, worker, case):
    response = api(worker).post(case_url(case, "diary/"), {"text": ""})
    assert response.status_code == 400 and "text" in response.json()


# Lifecycle


def test_a_move_the_rules_allow_is_made_and_recorded(api, worker, case):
    response = api(worker).post(
        case_url(case, "transitions/"), {"to": "locate", "reason": "Application complete"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "locate"
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATE
    assert case.status_changes.last().by == worker


def test_a_refused_move_is_a_409_with_every_reason(api, worker, case):
    # given a case in intake whose noncustodial parent is not located
    # when the worker tries to jump to establishment
    response = api(worker).post(
        case_url(case, "transitions/"), {"to": "establishment", "reason": "try"}
    )
    # then the move is refused with the rules' reasons, and nothing changes
    assert response.status_code == 409
    assert response.json()["reasons"] == [
        "the noncustodial parent is not located",
        "paternity is not established for every child",
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_close_cancel_and_reopen(api, worker, case):
    client = api(worker)
    url = case_url(case, "transitions/")
    # a closure with notice waits in closure-pending
    response = client.post(url, {"action": "close", "reason_code": "b7", "reason": "Diligent"})
    assert response.status_code == 200 and response.json()["status"] == "closure_pending"
    assert response.json()["closure_reason"] == "b7"
    # the recipient supplies information: the closure is cancelled
    response = client.post(url, {"action": "cancel-closure", "reason": "New address given"})
    assert response.json()["status"] == "intake"
    # a closure without notice closes at once, and a closed case is reopened
    response = client.post(url, {"action": "close", "reason_code": "b11", "reason": "Locate only"})
    assert response.json()["status"] == "closed"
    response = client.post(url, {"action": "reopen", "reason": "New application"})
    assert response.json()["status"] == "intake"


def test_reopening_an_open_case_is_a_409(api, worker, case):
    response = api(worker).post(
        case_url(case, "transitions/"), {"action": "reopen", "reason": "why not"}
    )
    assert response.status_code == 409
    assert response.json()["reasons"] == ["only a closed case can be reopened"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "no target"}, "to"),
        ({"to": "locate"}, "reason"),
        ({"to": "closed", "reason": "x"}, "to"),
        ({"action": "close", "reason": "x"}, "reason_code"),
        ({"action": "close", "reason_code": "z9", "reason": "x"}, "reason_code"),
        ({"action": "shred", "reason": "x"}, "action"),
    ],
)
def test_malformed_transitions_name_the_field(api, worker, case, body, field):
    response = api(worker).post(case_url(case, "transitions/"), body)
    assert response.status_code == 400
    assert field in response.json()


def test_empty_filters_are_ignored(api, worker, case):
    response = api(worker).get(
        CASES, {"case_number": "", "last_name": "", "status": "", "date_of_birth": ""}
    )
    assert response.status_code == 200, response.json()
    assert numbers(response) == [case.case_number]
