"""The case page and its actions, as a worker uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, CaseStatus, DiaryEntry, MemberRole, PaternityStatus
from cses.core.models import AuditEvent
from cses.people.models import Employment


def page_of(case) -> str:
    return reverse("case-detail", args=[case.case_number])


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def test_case_page_shows_header_members_and_next_step(worker_client, case_of, worker):
    # given a case with a CP, an NCP with an SSN and a child
    case = case_of(by=worker)
    # when the worker opens it
    response = worker_client.get(page_of(case))
    # then the header, the members (SSN masked only) and the next step are shown
    html = response.content.decode()
    assert response.status_code == 200
    assert case.case_number in html and "Hartford (Windsor)" in html
    assert "Maria Rivera" in html and "Kevin Walsh" in html and "Child0 Rivera" in html
    assert "***-**-6789" in html and "123-45-6789" not in html
    assert "Not established" in html
    assert "45 CFR 303.2(b)" in html
    ncp = CaseMember.objects.get(case=case, role=MemberRole.NONCUSTODIAL_PARENT)
    assert reverse("person-detail", args=[ncp.person_id]) in html


def test_a_case_of_another_office_is_not_found(client, user_of, case_of):
    # given a case of Hartford and a New Haven worker
    case = case_of(by=user_of(Role.OCSS_WORKER, "HFD"))
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))
    # then the case page and its actions are 404 for them
    assert client.get(page_of(case)).status_code == 404
    note = reverse("case-note", args=[case.case_number])
    assert client.post(note, {"text": "x"}).status_code == 404
    # and a statewide role sees it
    client.force_login(user_of(Role.AAG, None))
    assert client.get(page_of(case)).status_code == 200


def test_portal_users_are_refused_staff_pages(client, user_of, case):
    client.force_login(user_of(Role.PARENT, None))
    assert client.get(page_of(case)).status_code == 403


def test_viewing_the_case_page_audits_ssns_and_whereabouts_once_per_record(
    worker_client, case_of, worker
):
    # given a case whose NCP has an SSN, an address, a phone and an employer
    case = case_of(by=worker, ncp_verified_address=True, cp_ssn="111-22-3333")
    ncp = CaseMember.objects.get(case=case, role=MemberRole.NONCUSTODIAL_PARENT)
    # when the page is viewed
    worker_client.get(page_of(case))
    # then every SSN, address, phone and employer shown is in the audit log with the case id
    events = AuditEvent.objects.filter(case_id=case.pk, user=worker)
    by_action = {
        a: set(events.filter(action=a).values_list("object_id", flat=True))
        for a in AuditEvent.Action.values
    }
    assert by_action[AuditEvent.Action.VIEW_SSN_MASKED] == {
        str(m.person_id) for m in CaseMember.objects.filter(case=case).exclude(role="CH")
    }
    assert len(by_action[AuditEvent.Action.VIEW_ADDRESS]) == 2  # CP's and NCP's
    assert len(by_action[AuditEvent.Action.VIEW_PHONE]) == 2
    assert by_action[AuditEvent.Action.VIEW_EMPLOYER] == {
        str(Employment.objects.get(person_id=ncp.person_id).pk)
    }


def test_the_case_page_query_count_does_not_grow_with_members(
    worker_client, case_of, worker, django_assert_max_num_queries
):
    # given a case with five children and contacts for both parents
    case = case_of(by=worker, children=5, ncp_verified_address=True)
    # then the page is read in a bounded number of queries
    with django_assert_max_num_queries(21):
        response = worker_client.get(page_of(case))
    assert response.status_code == 200


def test_a_diary_note_through_htmx_returns_just_the_new_entry(worker_client, case, worker):
    # when the worker adds a note through the page's htmx form
    response = worker_client.post(
        reverse("case-note", args=[case.case_number]),
        {"text": "Called the CP; she will send the birth certificate."},
        HTTP_HX_REQUEST="true",
    )
    # then the answer is the entry alone, and the diary has it
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and "birth certificate" in html
    assert "<html" not in html
    note = DiaryEntry.objects.get(case=case, kind=DiaryEntry.Kind.NOTE)
    assert note.author == worker
    # and the case page lists it first
    diary = worker_client.get(page_of(case)).content.decode().split('id="diary"')[1]
    assert diary.index("birth certificate") < diary.index("Case opened from")


def test_an_empty_note_is_refused_into_the_forms_error_slot(worker_client, case):
    response = worker_client.post(
        reverse("case-note", args=[case.case_number]), {"text": " "}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Retarget"] == "#diary-note-error"
    assert "required" in response.content.decode()
    assert not DiaryEntry.objects.filter(case=case, kind=DiaryEntry.Kind.NOTE).exists()


def test_a_worker_without_the_note_capability_cannot_write_notes(client, user_of, case):
    client.force_login(user_of(Role.MAGISTRATE, None))
    response = client.post(reverse("case-note", args=[case.case_number]), {"text": "x"})
    assert response.status_code == 403


def test_moving_a_case_through_the_form(worker_client, case):
    # when the worker moves the intake case to locate, with a reason
    response = worker_client.post(
        reverse("case-move", args=[case.case_number]),
        {"to": "locate", "reason": "Application complete"},
        follow=True,
    )
    # then the case is in locate and the page says so
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATE
    assert "Case moved to Locate." in response.content.decode()
    assert "Application complete" in response.content.decode()


def test_a_refused_move_shows_every_reason(worker_client, case):
    # given a case in intake whose NCP is not located
    # when the worker asks to move it to paternity without a reason
    response = worker_client.post(
        reverse("case-move", args=[case.case_number]), {"to": "paternity", "reason": ""}
    )
    # then nothing moves and the page shows the rules' reasons in an error alert
    html = response.content.decode()
    assert response.status_code == 422
    assert "usa-alert--error" in html and "The case was not moved" in html
    assert "The noncustodial parent is not located" in html
    assert "A reason is required" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_closing_with_notice_then_cancelling_then_closing_and_reopening(worker_client, case):
    close = reverse("case-close", args=[case.case_number])
    # when the worker closes for a reason that needs 60 days' notice
    worker_client.post(close, {"reason_code": "b7", "note": "Diligent locate failed"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PENDING
    page = worker_client.get(page_of(case)).content.decode()
    assert "45 CFR 303.11(d)" in page and "Keep the case open" in page
    # and cancels it when the CP brings new information
    worker_client.post(
        reverse("case-cancel-closure", args=[case.case_number]), {"note": "New employer reported"}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE
    # then closes for a reason without notice, and reopens on a new application
    worker_client.post(close, {"reason_code": "b12", "note": "CP asked in writing"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == dt.date.today()
    worker_client.post(
        reverse("case-reopen", args=[case.case_number]), {"reason": "New application received"}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE
    history = worker_client.get(page_of(case)).content.decode()
    for text in ["Diligent locate failed", "New employer reported", "Reopened: New application"]:
        assert text in history


def test_a_closure_without_a_note_is_refused(worker_client, case):
    response = worker_client.post(
        reverse("case-close", args=[case.case_number]), {"reason_code": "b12", "note": ""}
    )
    assert response.status_code == 422
    assert "A note documenting the closure criterion is required" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_reopening_an_open_case_is_refused(worker_client, case):
    response = worker_client.post(reverse("case-reopen", args=[case.case_number]), {"reason": "x"})
    assert "Only a closed case can be reopened" in response.content.decode()


def test_setting_and_clearing_the_family_violence_indicator(worker_client, case):
    cp = CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY)
    url = reverse("case-family-violence", args=[case.case_number, cp.pk])
    # when the worker sets it without a reason, it is refused
    response = worker_client.post(url, {"on": "1", "reason": ""})
    assert response.status_code == 422
    cp.refresh_from_db()
    assert not cp.family_violence
    # when set with a reason, the banner appears
    worker_client.post(url, {"on": "1", "reason": "Protective order HHD-FA-25-1"})
    page = worker_client.get(page_of(case)).content.decode()
    assert "Family violence indicator: do not disclose whereabouts of" in page
    assert "Protected — do not disclose" in page
    # and clearing it removes the banner
    worker_client.post(url, {"on": "0", "reason": "Order expired"})
    assert "do not disclose whereabouts" not in worker_client.get(page_of(case)).content.decode()


def test_only_moves_the_rules_allow_are_offered(worker_client, case_of, worker):
    case = case_of(by=worker, ncp_verified_address=True, paternity=PaternityStatus.ACKNOWLEDGED)
    html = worker_client.get(page_of(case)).content.decode()
    assert '<option value="establishment">' in html
    assert '<option value="enforcement">' not in html
