"""A worker's alerts, read from the case records as they stand (nothing is stored).

Three kinds: applications waiting in the office's intake queue, cases whose next step
(``cses.rules.case_lifecycle.next_step``) is overdue or due within the warning horizon, and reviews
of orders whose 180-day deadline (45 CFR 303.8(e)) is overdue or within the horizon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cses.cases.lifecycle import timeframes
from cses.cases.models import Case, CaseStatus
from cses.cases.selectors import visible_cases
from cses.orders.reviews import open_reviews_due
from cses.rules.case_lifecycle import CaseFacts, CaseState, next_step

WARNING_DAYS = 7

# next_step's due date depends on the state, the dates and the timeframes only; the facts change
# nothing in it. Alerts are computed for many cases at once, so they pass this neutral value
# rather than reading each case's facts (test_alert_due_dates_match_next_step pins this).
_NO_FACTS = CaseFacts(
    has_custodial_party=False,
    has_dependent_child=False,
    has_obligor=False,
    obligor_located=False,
    paternity_established=False,
    has_support_order=False,
)


@dataclass(frozen=True)
class DueAlert:
    case_id: int
    case_number: str
    status: str
    action: str
    due: dt.date
    basis: str
    overdue: bool


@dataclass(frozen=True)
class DueAlerts:
    alerts: list[DueAlert]  # soonest due first, at most the limit asked for
    total: int  # how many cases are due in all


def _due_filters(today: dt.date) -> dict[CaseState, tuple[Q, str]]:
    """For each state with a timeframe: which cases fall due by the horizon, and the date field
    that orders them (the earliest start is the earliest due)."""
    tf = timeframes(today)
    horizon = today + dt.timedelta(days=WARNING_DAYS)

    def started_by(days: int) -> dt.date:
        return horizon - dt.timedelta(days=days)

    return {
        CaseState.INTAKE: (Q(opened_on__lte=started_by(tf.case_opening_days)), "opened_on"),
        CaseState.LOCATE: (Q(status_since__lte=started_by(tf.locate_days)), "status_since"),
        CaseState.PATERNITY: (
            Q(status_since__lte=started_by(tf.establishment_days)),
            "status_since",
        ),
        CaseState.ESTABLISHMENT: (
            Q(status_since__lte=started_by(tf.establishment_days)),
            "status_since",
        ),
        CaseState.CLOSURE_PENDING: (Q(closure_effective__lte=horizon), "closure_effective"),
    }


def due_alerts(user, *, today: dt.date | None = None, limit: int = 50) -> DueAlerts:
    """Visible cases whose next step is overdue or due within ``WARNING_DAYS``, soonest first.

    Enforcement has no fixed due date and a closed case's only step is keeping its records, so
    neither raises an alert. One query per state with a timeframe, each limited, and one for the
    reviews due."""
    today = today or timezone.localdate()
    tf = timeframes(today)
    scope = visible_cases(user)
    rows: list[Case] = []
    total = 0
    for state, (condition, order_field) in _due_filters(today).items():
        due_here = scope.filter(condition, status=state.value)
        total += due_here.count()
        rows += list(
            due_here.order_by(order_field, "case_number").only(
                "id", "case_number", "status", "opened_on", "status_since", "closure_effective"
            )[:limit]
        )
    alerts = []
    for case in rows:
        step = next_step(
            CaseState(case.status),
            facts=_NO_FACTS,
            opened_on=case.opened_on,
            entered_on=case.status_since,
            timeframes=tf,
            closure_effective=case.closure_effective,
        )
        assert step.due is not None
        alerts.append(
            DueAlert(
                case_id=case.pk,
                case_number=case.case_number,
                status=case.get_status_display(),
                action=step.action,
                due=step.due,
                basis=step.basis,
                overdue=step.due < today,
            )
        )
    reviews = open_reviews_due(on=today, within_days=WARNING_DAYS, cases=scope)
    total += reviews.count()
    alerts += [
        DueAlert(
            case_id=review.case_id,
            case_number=review.case.case_number,
            status=review.case.get_status_display(),
            action=_("Complete the review of order %(docket)s")
            % {"docket": review.order.docket_number},
            due=review.due_by,
            basis="45 CFR 303.8(e)",
            overdue=review.due_by < today,
        )
        for review in reviews[:limit]
    ]
    alerts.sort(key=lambda a: (a.due, a.case_number))
    return DueAlerts(alerts=alerts[:limit], total=total)


def status_counts(user) -> list[tuple[str, str, int]]:
    """(status, label, number of cases) over the user's visible cases, in lifecycle order."""
    counts = {
        row["status"]: row["n"]
        for row in visible_cases(user).order_by().values("status").annotate(n=Count("id"))
    }
    return [(value, label, counts.get(value, 0)) for value, label in CaseStatus.choices]
