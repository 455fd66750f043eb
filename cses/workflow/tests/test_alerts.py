"""Alerts derived from the case records: what is due, when, and under which rule."""

from __future__ import annotations

import datetime as dt

import pytest

from cses.accounts.roles import Role
from cses.cases import lifecycle
from cses.cases.intake import submit_application
from cses.cases.models import Case, CaseSource, CaseStatus
from cses.cases.selectors import pending_applications
from cses.rules.case_lifecycle import CaseState, next_step
from cses.synthetic.factories import sample_application
from cses.workflow.selectors import due_alerts, status_counts

TODAY = dt.date(2026, 6, 1)


def put(case, status, *, since, opened=None, closure_effective=None):
    Case.objects.filter(pk=case.pk).update(
        status=status,
        status_since=since,
        opened_on=opened or since,
        closure_effective=closure_effective,
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    ("status", "days_in", "due_in", "basis"),
    [
        (CaseStatus.INTAKE, 20, 0, "45 CFR 303.2(b)"),  # due today
        (CaseStatus.INTAKE, 13, 7, "45 CFR 303.2(b)"),  # due in exactly 7 days
        (CaseStatus.LOCATE, 80, -5, "45 CFR 303.3(b)(3)"),  # overdue
        (CaseStatus.PATERNITY, 85, 5, "45 CFR 303.4(d)"),
        (CaseStatus.ESTABLISHMENT, 90, 0, "45 CFR 303.4(d)"),
    ],
)
def test_a_step_due_within_7_days_or_overdue_raises_an_alert(
    worker, case, status, days_in, due_in, basis
):
    put(case, status, since=TODAY - dt.timedelta(days=days_in))
    result = due_alerts(worker, today=TODAY)
    assert result.total == 1
    alert = result.alerts[0]
    assert (alert.case_number, alert.due, alert.basis) == (
        case.case_number,
        TODAY + dt.timedelta(days=due_in),
        basis,
    )
    assert alert.overdue == (due_in < 0)


@pytest.mark.parametrize(
    ("status", "days_in"),
    [
        (CaseStatus.INTAKE, 12),  # due in 8 days
        (CaseStatus.LOCATE, 67),
        (CaseStatus.ENFORCEMENT, 4000),  # no fixed due date
    ],
)
def test_no_alert_before_the_horizon_or_without_a_due_date(worker, case, status, days_in):
    put(case, status, since=TODAY - dt.timedelta(days=days_in))
    assert due_alerts(worker, today=TODAY).total == 0


def test_a_closure_taking_effect_this_week_is_an_alert(worker, case):
    put(
        case,
        CaseStatus.CLOSURE_PENDING,
        since=TODAY - dt.timedelta(days=55),
        closure_effective=TODAY + dt.timedelta(days=5),
    )
    [alert] = due_alerts(worker, today=TODAY).alerts
    assert alert.due == TODAY + dt.timedelta(days=5) and alert.basis == "45 CFR 303.11(d)"


def test_alert_due_dates_match_next_step(worker, case_of):
    # given cases in every timed state, with their real facts
    cases = [
        put(case_of(by=worker), CaseStatus.INTAKE, since=TODAY - dt.timedelta(days=25)),
        put(case_of(by=worker), CaseStatus.LOCATE, since=TODAY - dt.timedelta(days=70)),
        put(case_of(by=worker), CaseStatus.PATERNITY, since=TODAY - dt.timedelta(days=95)),
    ]
    alerts = {a.case_number: a for a in due_alerts(worker, today=TODAY).alerts}
    for case in cases:
        step = next_step(
            case.state,
            facts=lifecycle.case_facts(case),
            opened_on=case.opened_on,
            entered_on=case.status_since,
            timeframes=lifecycle.timeframes(TODAY),
        )
        a = alerts[case.case_number]
        assert (a.due, a.action, a.basis) == (step.due, step.action, step.basis)


def test_alerts_are_soonest_first_limited_and_scoped(worker, case_of, user_of):
    for days in (30, 40, 25):
        put(case_of(by=worker), CaseStatus.INTAKE, since=TODAY - dt.timedelta(days=days))
    put(
        case_of(by=user_of(Role.OCSS_WORKER, "NHV"), office_code="NHV"),
        CaseStatus.INTAKE,
        since=TODAY - dt.timedelta(days=90),
    )
    result = due_alerts(worker, today=TODAY, limit=2)
    assert result.total == 3
    assert [a.due for a in result.alerts] == [
        TODAY - dt.timedelta(days=20),
        TODAY - dt.timedelta(days=10),
    ]
    assert due_alerts(user_of(Role.AUDITOR, None), today=TODAY).total == 4


def test_pending_intake_is_the_offices_queue(worker, user_of):
    submit_application(application=sample_application(), channel=CaseSource.ONLINE)
    submit_application(application=sample_application(office_code="NHV"), channel="online")
    assert pending_applications(worker).count() == 1
    assert pending_applications(user_of(Role.ADMINISTRATOR, None)).count() == 2
    # a role that does not review intake gets no queue alert
    assert pending_applications(user_of(Role.MAGISTRATE, None)).count() == 0


def test_status_counts_cover_every_status_in_scope(worker, case_of):
    case_of(by=worker)
    moved = case_of(by=worker)
    lifecycle.move_case(case=moved, to=CaseState.LOCATE, by=worker, reason="complete")
    case_of(by=worker, office_code="NHV")
    counts = {status: n for status, _label, n in status_counts(worker)}
    assert counts == {s: 0 for s in CaseStatus.values} | {"intake": 1, "locate": 1}


def test_a_review_due_within_7_days_or_overdue_is_an_alert(worker, case_of, user_of):
    from cses.orders.reviews import request_review
    from cses.synthetic.factories import make_order

    # Given orders whose reviews fall due in 3 days, 20 days, and 2 days ago
    due_soon, due_later, overdue = (case_of(by=worker) for _ in range(3))
    for case in (due_soon, due_later, overdue):
        put(case, CaseStatus.ENFORCEMENT, since=TODAY - dt.timedelta(days=400))
    for case, asked_days_ago in ((due_soon, 177), (due_later, 160), (overdue, 182)):
        request_review(
            case=case,
            order=make_order(case),
            source="custodial",
            requested_on=TODAY - dt.timedelta(days=asked_days_ago),
            by=worker,
        )

    # Then the worker's alerts show the two within the horizon, overdue first
    due = due_alerts(worker, today=TODAY)
    reviews = [a for a in due.alerts if a.basis == "45 CFR 303.8(e)"]
    assert [(a.case_number, a.overdue) for a in reviews] == [
        (overdue.case_number, True),
        (due_soon.case_number, False),
    ]
    assert reviews[0].action.startswith("Complete the review of order ")
    # and another office's worker sees none of them
    other = user_of(Role.OCSS_WORKER, "NHV")
    assert not [a for a in due_alerts(other, today=TODAY).alerts if a.basis == "45 CFR 303.8(e)"]
