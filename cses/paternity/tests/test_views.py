"""The paternity page as workers and magistrates use it: forms post and come back, refusals show
next to the fields, and only magistrates record findings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.models import CaseStatus, PaternityStatus
from cses.core.models import AuditEvent
from cses.paternity.models import Acknowledgment, Adjudication, GeneticTest
from cses.paternity.tests.support import children_of, man_of


def page_of(case) -> str:
    return reverse("case-paternity", args=[case.case_number])


def days_ago(n: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def ack_data(child, father, *, filed: bool = True, **overrides) -> dict:
    data = {
        "child": child.pk,
        "father": father.pk,
        "mother_signed_on": days_ago(10),
        "father_signed_on": days_ago(9),
        "witness_name": "Rosa Clerk",
        "witness_signed_on": days_ago(9),
        "filed_on": days_ago(5) if filed else "",
    }
    return {**data, **overrides}


def test_the_page_shows_each_child_and_the_actions(worker_client, paternity_case):
    case = paternity_case(children=2)
    response = worker_client.get(page_of(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Child0 Rivera" in html and "Child1 Rivera" in html
    assert html.count("Not established") >= 2
    assert "Ask the parents to sign a voluntary acknowledgment" in html
    for name in ("paternity-acknowledgment", "paternity-test-schedule"):
        assert reverse(name, args=[case.case_number]) in html
    # a worker does not record a magistrate's finding
    assert reverse("paternity-adjudicate", args=[case.case_number]) not in html


def test_recording_a_filed_acknowledgment_moves_the_case(worker_client, paternity_case):
    # given a case in paternity
    case = paternity_case()
    (child,) = children_of(case)
    # when the worker records a filed VS56
    response = worker_client.post(
        reverse("paternity-acknowledgment", args=[case.case_number]),
        ack_data(child, man_of(case)),
    )
    # then the page comes back with the child acknowledged and the case moved on
    assert response.status_code == 302 and response["Location"] == page_of(case)
    page = worker_client.get(page_of(case)).content.decode()
    assert "Acknowledgment of paternity recorded." in page
    assert "The case moved to Establishment." in page
    deadline = (timezone.localdate() - dt.timedelta(days=9) + dt.timedelta(days=60)).strftime(
        "%m/%d/%Y"
    )
    assert f"Rescission window open until {deadline}" in page
    case.refresh_from_db()
    assert case.status == CaseStatus.ESTABLISHMENT


def test_a_refused_acknowledgment_shows_errors_next_to_the_fields(worker_client, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    response = worker_client.post(
        reverse("paternity-acknowledgment", args=[case.case_number]),
        ack_data(child, man_of(case), witness_name="", filed_on=days_ago(20)),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Nothing was saved" in html
    # the message sits next to its field, and the field points at it
    assert re.search(r'id="id_witness_name_error"[^>]*>The witness&#x27;s name is required', html)
    assert re.search(
        r'id="id_witness_name"[^>]*aria-describedby="id_witness_name_error"', html
    ) or (re.search(r'aria-describedby="id_witness_name_error"[^>]*id="id_witness_name"', html))
    assert 'id="id_filed_on_error"' in html
    assert "cannot be filed before every signature" in html
    # the worker's answers are kept
    assert 'value="Rosa Clerk"' not in html  # the witness name was left empty
    assert f'value="{days_ago(10)}"' in html
    assert not Acknowledgment.objects.exists()


def test_filing_and_rescinding_from_the_page(worker_client, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    worker_client.post(
        reverse("paternity-acknowledgment", args=[case.case_number]),
        ack_data(child, man_of(case), filed=False),
    )
    ack = Acknowledgment.objects.get()
    page = worker_client.get(page_of(case)).content.decode()
    assert "File the signed acknowledgment with Vital Records." in page
    response = worker_client.post(
        reverse("paternity-acknowledgment-file", args=[case.case_number, ack.pk]),
        {f"file-{ack.pk}-filed_on": days_ago(2)},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.paternity_status == PaternityStatus.ACKNOWLEDGED
    response = worker_client.post(
        reverse("paternity-acknowledgment-rescind", args=[case.case_number, ack.pk]),
        {f"rescind-{ack.pk}-rescinded_on": days_ago(1), f"rescind-{ack.pk}-by_party": "mother"},
    )
    assert response.status_code == 302
    page = worker_client.get(page_of(case)).content.decode()
    assert "The case moved to Paternity." in page
    child.refresh_from_db()
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED


def test_a_late_rescission_is_refused_with_the_reason(worker_client, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    worker_client.post(
        reverse("paternity-acknowledgment", args=[case.case_number]),
        ack_data(
            child,
            man_of(case),
            mother_signed_on=days_ago(70),
            father_signed_on=days_ago(70),
            witness_signed_on=days_ago(70),
            filed_on=days_ago(65),
        ),
    )
    ack = Acknowledgment.objects.get()
    response = worker_client.post(
        reverse("paternity-acknowledgment-rescind", args=[case.case_number, ack.pk]),
        {f"rescind-{ack.pk}-rescinded_on": days_ago(0), f"rescind-{ack.pk}-by_party": "father"},
    )
    assert response.status_code == 422
    assert "The rescission period ended on" in response.content.decode()
    ack.refresh_from_db()
    assert ack.status == Acknowledgment.Status.FILED


def test_a_genetic_test_from_appointment_to_ready_for_adjudication(worker_client, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    appointment = (timezone.localtime() - dt.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = worker_client.post(
        reverse("paternity-test-schedule", args=[case.case_number]),
        {
            "child": child.pk,
            "alleged_father": man_of(case).pk,
            "appointment_at": appointment,
            "location": "Hartford Lab, 1 Main St",
            "laboratory": "DNA Diagnostics Center",
        },
    )
    assert response.status_code == 302
    test = GeneticTest.objects.get()
    page = worker_client.get(page_of(case)).content.decode()
    assert "Genetic test appointment on" in page
    worker_client.post(
        reverse("paternity-test-samples", args=[case.case_number, test.pk]),
        {f"samples-{test.pk}-sampled_on": days_ago(14)},
    )
    response = worker_client.post(
        reverse("paternity-test-result", args=[case.case_number, test.pk]),
        {
            f"result-{test.pk}-received_on": days_ago(3),
            f"result-{test.pk}-probability_percent": "99.5",
            f"result-{test.pk}-lab_reference": "DDC-1",
        },
    )
    assert response.status_code == 302
    page = worker_client.get(page_of(case)).content.decode()
    assert "Ready for adjudication: genetic test presumes paternity" in page
    assert "99.5 % (threshold 99 %)" in page
    child.refresh_from_db()
    assert child.paternity_status == PaternityStatus.NOT_ESTABLISHED


def test_a_result_out_of_range_is_refused_by_the_form(worker_client, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    test = GeneticTest.objects.create(
        child=child,
        alleged_father=man_of(case).person,
        appointment_at=timezone.now() - dt.timedelta(days=10),
        location="Hartford",
        laboratory="DDC",
        status=GeneticTest.Status.SAMPLED,
        sampled_on=timezone.localdate() - dt.timedelta(days=10),
    )
    response = worker_client.post(
        reverse("paternity-test-result", args=[case.case_number, test.pk]),
        {
            f"result-{test.pk}-received_on": days_ago(1),
            f"result-{test.pk}-probability_percent": "101",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_result-{test.pk}-probability_percent_error"' in html


def test_only_a_magistrate_records_a_finding(client, user_of, worker, paternity_case):
    case = paternity_case()
    (child,) = children_of(case)
    url = reverse("paternity-adjudicate", args=[case.case_number])
    data = {
        "child": child.pk,
        "alleged_father": man_of(case).pk,
        "docket_number": "HHD-FA-26-5009999",
        "decided_on": days_ago(1),
        "finding": Adjudication.Finding.ESTABLISHED,
        "basis": Adjudication.Basis.DEFAULT,
    }
    client.force_login(worker)
    assert client.post(url, data).status_code == 403
    magistrate = user_of(Role.MAGISTRATE, None)
    client.force_login(magistrate)
    page = client.get(page_of(case)).content.decode()
    assert url in page
    # a magistrate does not record acknowledgments
    assert reverse("paternity-acknowledgment", args=[case.case_number]) not in page
    response = client.post(url, data)
    assert response.status_code == 302
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.paternity_status == PaternityStatus.ADJUDICATED
    assert case.status == CaseStatus.ESTABLISHMENT
    assert Adjudication.objects.get().magistrate == magistrate


def test_another_offices_case_is_not_found(client, user_of, paternity_case):
    case = paternity_case()
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))
    assert client.get(page_of(case)).status_code == 404
    assert client.post(reverse("paternity-test-schedule", args=[case.case_number])).status_code == (
        404
    )


def test_the_page_audits_the_masked_ssns_it_shows(worker_client, worker, paternity_case):
    case = paternity_case()
    worker_client.get(page_of(case))
    events = AuditEvent.objects.filter(user=worker, case_id=case.pk, detail="paternity page")
    assert {(e.action, e.object_id) for e in events} == {
        (AuditEvent.Action.VIEW_SSN_MASKED, str(man_of(case).person_id))
    }


def _queries(client, case) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page_of(case)).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_makes_the_same_number_of_queries_however_much_history(
    worker_client, worker, paternity_case
):
    from cses.paternity import services

    small = paternity_case()
    big = paternity_case(children=3, ncp_ssn="123-45-6790")
    big_ncp = man_of(big)
    for child in children_of(big):
        services.schedule_genetic_test(
            child=child,
            alleged_father=big_ncp,
            appointment_at=timezone.now() - dt.timedelta(days=3),
            location="Hartford",
            laboratory="DDC",
            by=worker,
        )
        services.record_acknowledgment(
            child=child,
            father=big_ncp,
            mother_signed_on=timezone.localdate(),
            father_signed_on=timezone.localdate(),
            witness_name="W",
            witness_signed_on=timezone.localdate(),
            by=worker,
        )
    assert _queries(worker_client, big) == _queries(worker_client, small)
