"""The worker's home page: their open cases, counts by status and alerts from real data."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.intake import submit_application
from cses.cases.models import Case, CaseSource
from cses.synthetic.factories import sample_application


def test_home_lists_the_workers_open_cases_counts_and_alerts(client, worker, case_of):
    # given a case assigned to the worker, opened 30 days ago and still in intake
    case = case_of(by=worker)
    opened = timezone.localdate() - dt.timedelta(days=30)
    Case.objects.filter(pk=case.pk).update(opened_on=opened, status_since=opened)
    # and an online application waiting in the office's queue
    submit_application(application=sample_application(), channel=CaseSource.ONLINE)
    client.force_login(worker)
    # when the worker opens the home page
    html = client.get(reverse("home")).content.decode()
    # then the case is listed, counted, and flagged overdue under 303.2(b)
    assert html.count(f">{case.case_number}</a>") == 2  # among open cases and alerts
    assert "Overdue" in html and "45 CFR 303.2(b)" in html
    assert "Complete the case record" in html
    assert "1 application is waiting in your office's intake queue" in html
    assert "Cases by status in your office" in html


def test_home_alerts_are_bounded_to_the_users_office(client, user_of, case_of):
    other = case_of(by=user_of(Role.OCSS_WORKER, "NHV"), office_code="NHV")
    Case.objects.filter(pk=other.pk).update(opened_on=dt.date(2020, 1, 1))
    client.force_login(user_of(Role.OCSS_WORKER, "HFD"))
    html = client.get(reverse("home")).content.decode()
    assert other.case_number not in html
    assert "Nothing is due within the next 7 days." in html


def test_portal_users_go_to_the_portal_and_strangers_to_login(client, user_of):
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    client.force_login(user_of(Role.PARENT, None))
    assert client.get(reverse("home"))["Location"] == reverse("portal-home")
    client.force_login(user_of(Role.EMPLOYER, None))
    assert client.get(reverse("home"))["Location"] == reverse("portal-home")
