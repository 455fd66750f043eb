"""The demo set-up: a log-in per role, a caseload with work waiting, and nothing twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.utils import timezone

from cses.accounts.models import Profile
from cses.accounts.roles import Role
from cses.cases.models import Case, CaseMember, CaseSource, CaseStatus, IntakeApplication
from cses.synthetic.demo import DEMO_PASSWORD


def _demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", "--cases", "40", verbosity=0, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_twice_adds_nothing_the_second_time():
    # given the demo set up once
    _demo()
    users, cases = get_user_model().objects.count(), Case.objects.count()
    queued = IntakeApplication.objects.count()
    # when it runs again
    output = _demo()
    # then no user, case or application is added, and the log-ins are printed again
    assert get_user_model().objects.count() == users
    assert Case.objects.count() == cases == 44
    assert IntakeApplication.objects.count() == queued == 2
    assert "already has cases" in output
    assert "worker.nhv" in output and DEMO_PASSWORD in output


@pytest.mark.django_db
def test_demo_has_a_log_in_for_every_role_with_the_printed_password():
    output = _demo()
    profiles = Profile.objects.select_related("user", "office")
    assert {p.role for p in profiles} == set(Role)
    for profile in profiles:
        assert profile.user.username in output
        assert authenticate(username=profile.user.username, password=DEMO_PASSWORD)
    offices = {p.user.username: p.office.code if p.office else None for p in profiles}
    assert offices["worker"] == offices["supervisor"] == "HFD"
    assert offices["worker.nhv"] == "NHV"
    assert offices["auditor"] is None
    parent = profiles.get(role=Role.PARENT)
    assert CaseMember.objects.filter(person=parent.person, role="CP").exists()
    employer = profiles.get(role=Role.EMPLOYER)
    assert employer.employer.employments.filter(end_date__isnull=True).exists()


@pytest.mark.django_db
def test_the_demo_worker_has_cases_near_their_timeframes_and_applications_waiting():
    _demo()
    worker = get_user_model().objects.get(username="worker")
    today = timezone.localdate()
    mine = Case.objects.filter(assigned_worker=worker)
    assert mine.count() >= 4
    assert not mine.exclude(office__code="HFD").exists()
    assert mine.filter(
        status=CaseStatus.INTAKE, opened_on__lte=today - dt.timedelta(days=16)
    ).exists()
    assert mine.filter(
        status=CaseStatus.LOCATE,
        status_since__lte=today - dt.timedelta(days=68),
        status_since__gt=today - dt.timedelta(days=75),
    ).exists()
    pending = IntakeApplication.objects.filter(
        status=IntakeApplication.Status.PENDING, channel=CaseSource.ONLINE, office__code="HFD"
    )
    assert sorted(pending.values_list("language", flat=True)) == ["en", "es"]
