"""Intake through the API: a worker queues an application, a reviewer accepts (the case opens)
or rejects it; invalid answers are refused naming the field by its path."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cses.accounts.roles import Role
from cses.cases.intake import application_of, submit_application
from cses.cases.models import Case, CaseSource, IntakeApplication
from cses.synthetic.factories import sample_application

APPLICATIONS = "/api/v1/intake/applications/"

APPLICATION = {
    "applicant_role": "CP",
    "applicant": {
        "last_name": "Okafor",
        "first_name": "Ada",
        "date_of_birth": "1991-05-20",
        "sex": "F",
        "ssn": "345-67-8901",
        "phone": "860-555-0144",
        "language": "es",
        "address": {"line1": "12 Main Street", "city": "Hartford", "zip_code": "06103"},
    },
    "other_parent": {
        "last_name": "Brennan",
        "first_name": "Tom",
        "date_of_birth": "1989-01-02",
        "sex": "M",
        "ssn": "234567890",
        "employer_name": "Charter Oak Machining",
        "employer_fein": "061234567",
    },
    "other_parent_role": "AF",
    "children": [
        {"last_name": "Okafor", "first_name": "Chidi", "date_of_birth": "2019-08-01"},
        {"last_name": "Okafor", "first_name": "Ngozi", "date_of_birth": "2021-02-11"},
    ],
    "program_type": "never",
    "office_code": "HFD",
    "notes": "Applied at the Hartford office.",
}


def queue(office_code: str = "HFD") -> IntakeApplication:
    return submit_application(
        application=sample_application(office_code=office_code), channel=CaseSource.ONLINE
    )


def test_a_worker_queues_an_application_as_given(api, worker):
    # when a worker sends an application
    response = api(worker).post(APPLICATIONS, APPLICATION)
    # then it waits in the Hartford queue under a reference
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    item = IntakeApplication.objects.get(reference=body["reference"])
    assert (item.channel, item.office.code, item.applicant_name, item.language) == (
        "application",
        "HFD",
        "Ada Okafor",
        "es",
    )
    # with the answers as the intake service describes them, SSNs as nine digits
    application = application_of(item)
    assert application.applicant.ssn == "345678901"
    assert application.applicant.address.city == "Hartford"
    assert application.other_parent.ssn == "234567890"
    assert application.other_parent_role == "AF"
    assert [c.date_of_birth for c in application.children] == [
        dt.date(2019, 8, 1),
        dt.date(2021, 2, 11),
    ]


def with_change(path: list, value) -> dict:
    body = copy.deepcopy(APPLICATION)
    target = body
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (with_change(["children", 1, "date_of_birth"], "2021-02-31"), "children[1].date_of_birth"),
        (with_change(["children", 0, "date_of_birth"], "2999-01-01"), "children[0].date_of_birth"),
        (with_change(["children", 0, "ssn"], "666-12-3456"), "children[0].ssn"),
        (with_change(["applicant", "ssn"], "12345"), "applicant.ssn"),
        (with_change(["applicant", "address", "zip_code"], "6103"), "applicant.address.zip_code"),
        (with_change(["applicant", "last_name"], KeyError), "applicant.last_name"),
        (with_change(["other_parent", "employer_fein"], "06-123"), "other_parent.employer_fein"),
        (with_change(["children"], []), "children"),
        (with_change(["office_code"], "XXX"), "office_code"),
        (with_change(["office_code"], "S-HFD"), "office_code"),
        (with_change(["applicant_role"], "CH"), "applicant_role"),
        (with_change(["interstate_role"], "initiating"), "other_state"),
        (with_change(["program_type"], "maybe"), "program_type"),
    ],
)
def test_invalid_answers_are_refused_naming_the_field(api, worker, body, field):
    response = api(worker).post(APPLICATIONS, body)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not IntakeApplication.objects.exists()


def test_an_ssn_error_says_why_without_repeating_the_number(api, worker):
    body = with_change(["children", 1, "ssn"], "900-12-3456")
    response = api(worker).post(APPLICATIONS, body)
    assert response.json() == {"children[1].ssn": ["area number 900 is never issued"]}


def test_the_queue_lists_pending_applications_of_the_callers_office(api, worker, user_of):
    # given applications in Hartford (one already rejected) and one in New Haven
    first, second = queue(), queue()
    queue("NHV")
    decided = queue()
    api(worker).post(f"{APPLICATIONS}{decided.reference}/reject/", {"reason": "Duplicate"})
    # when the Hartford worker lists the queue
    response = api(worker).get(APPLICATIONS)
    # then the two pending Hartford applications come, oldest first, with their due dates
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["reference"] for r in results] == [first.reference, second.reference]
    assert results[0]["applicant_name"] == "Maria Rivera"
    assert (results[0]["channel"], results[0]["office"]) == ("online", "HFD")
    assert results[0]["due"] == (first.submitted_at.date() + dt.timedelta(days=20)).isoformat()
    # and an administrator, statewide, sees New Haven's too
    admin = user_of(Role.ADMINISTRATOR)
    assert api(admin).get(APPLICATIONS).json()["count"] == 3


def test_accepting_opens_the_case_once(api, worker):
    # given an application waiting in the queue
    item = queue()
    client = api(worker)
    # when the worker accepts it
    response = client.post(f"{APPLICATIONS}{item.reference}/accept/")
    # then the case is open, with its parties, and the application says so
    assert response.status_code == 201
    case = Case.objects.get(case_number=response.json()["case_number"])
    assert response.json()["status"] == "accepted"
    assert (case.source, case.office.code, case.members.count()) == ("online", "HFD", 3)
    item.refresh_from_db()
    assert (item.status, item.case, item.decided_by) == ("accepted", case, worker)
    # and a second accept is a conflict that opens nothing
    again = client.post(f"{APPLICATIONS}{item.reference}/accept/")
    assert again.status_code == 409
    assert "already" in again.json()["detail"]
    assert Case.objects.count() == 1


def test_rejecting_needs_a_reason(api, worker):
    item = queue()
    client = api(worker)
    assert "reason" in client.post(f"{APPLICATIONS}{item.reference}/reject/", {}).json()
    response = client.post(f"{APPLICATIONS}{item.reference}/reject/", {"reason": "Not IV-D"})
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    item.refresh_from_db()
    assert (item.status, item.rejection_reason) == ("rejected", "Not IV-D")
    assert client.post(f"{APPLICATIONS}{item.reference}/accept/").status_code == 409


def test_another_offices_application_is_not_found(api, worker):
    item = queue("NHV")
    client = api(worker)
    assert client.post(f"{APPLICATIONS}{item.reference}/accept/").status_code == 404
    assert (
        client.post(f"{APPLICATIONS}{item.reference}/reject/", {"reason": "x"}).status_code == 404
    )
    item.refresh_from_db()
    assert item.status == "pending"
