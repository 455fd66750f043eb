import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.intake import submit_application
from cses.cases.models import Case, CaseSource, IntakeApplication
from cses.people.models import Person
from cses.synthetic.factories import sample_application


def queued(office_code="HFD", days_ago=0, **kwargs):
    item = submit_application(
        application=sample_application(office_code=office_code, **kwargs),
        channel=CaseSource.ONLINE,
    )
    item.submitted_at = timezone.now() - dt.timedelta(days=days_ago)
    item.save(update_fields=["submitted_at"])
    return item


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def test_the_queue_lists_the_offices_pending_applications_oldest_first(logged_in, db):
    newer = queued(days_ago=2)
    older = queued(days_ago=25)
    elsewhere = queued(office_code="NHV")

    html = logged_in.get(reverse("intake-queue")).content.decode()

    assert html.index(older.reference) < html.index(newer.reference)
    assert elsewhere.reference not in html
    due = timezone.localdate(older.submitted_at) + dt.timedelta(days=20)
    assert "<td>25</td>" in html
    assert "Overdue" in html
    assert due.strftime("%m/%d/%Y") in html


def test_all_offices_see_every_office(client, user_of, db):
    elsewhere = queued(office_code="NHV")
    client.force_login(user_of(Role.ADMINISTRATOR))

    assert elsewhere.reference in client.get(reverse("intake-queue")).content.decode()


def test_another_offices_application_is_not_found(logged_in, db):
    elsewhere = queued(office_code="NHV")

    assert logged_in.get(reverse("intake-review", args=[elsewhere.reference])).status_code == 404


def test_review_shows_the_application_masked_and_accept_opens_the_case(logged_in, case_of):
    known = case_of(ncp_ssn="123-45-6789", cp_last="Other")
    ncp = known.members.get(role="NCP").person
    item = queued(ncp_ssn="123-45-6789", cp_last="Queued")

    page = logged_in.get(reverse("intake-review", args=[item.reference]))
    html = page.content.decode()
    assert "Maria Queued" in html and "***-**-6789" in html
    assert "123-45-6789" not in html
    assert "Use this person" in html

    response = logged_in.post(
        reverse("intake-review", args=[item.reference]),
        {"action": "accept", "party-1": str(ncp.pk)},
    )

    item.refresh_from_db()
    assert item.status == IntakeApplication.Status.ACCEPTED
    assert response["Location"] == reverse("case-detail", args=[item.case.case_number])
    assert item.case.members.get(role="NCP").person == ncp
    assert item.case.source == CaseSource.ONLINE
    assert Person.objects.filter(pk=ncp.pk).count() == 1


def test_reject_needs_a_reason(logged_in, db):
    item = queued()

    no_reason = logged_in.post(
        reverse("intake-review", args=[item.reference]), {"action": "reject"}
    )
    assert no_reason.status_code == 400
    item.refresh_from_db()
    assert item.status == IntakeApplication.Status.PENDING

    logged_in.post(
        reverse("intake-review", args=[item.reference]),
        {"action": "reject", "reason": "Duplicate of an open case"},
    )
    item.refresh_from_db()
    assert item.status == IntakeApplication.Status.REJECTED
    assert item.rejection_reason == "Duplicate of an open case"
    queue = logged_in.get(reverse("intake-queue")).content.decode()
    assert reverse("intake-review", args=[item.reference]) not in queue


def test_a_decided_application_cannot_be_decided_twice(logged_in, db):
    item = queued()
    url = reverse("intake-review", args=[item.reference])
    logged_in.post(url, {"action": "reject", "reason": "No IV-D services wanted"})

    again = logged_in.post(url, {"action": "accept"}, follow=True)

    assert "was already decided" in again.content.decode()
    assert Case.objects.count() == 0


@pytest.mark.parametrize("name", ["intake-queue"])
def test_roles_without_intake_review_are_refused(client, user_of, name):
    client.force_login(user_of(Role.MAGISTRATE))

    assert client.get(reverse(name)).status_code == 403
