"""Guidelines worksheets on a case: computing one (without saving) and saving one to the case.

The arithmetic is ``cses.rules.guidelines`` (form CCSG-1, Conn. Agencies Regs. 46b-215a-6); the
schedule and the thresholds are those in effect on the worksheet's date
(``cses.orders.schedules``). A saved worksheet is recomputed here, on the server, from its inputs:
what the page showed is never trusted as the result. Worksheets are append-only: a changed input
is a new worksheet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cses.cases.models import Case
from cses.cases.services import record_event
from cses.orders.models import Worksheet
from cses.orders.schedules import active_schedule, guideline_parameters, schedule_record
from cses.rules.guideline_schedule import Schedule
from cses.rules.guidelines import compute, parse_contract_input, worksheet_to_contract

# The denormalized amounts kept beside the result, by contract output key.
_AMOUNTS = (
    "current_support_weekly",
    "arrearage_payment_weekly",
    "health_care_contribution_weekly",
    "child_care_contribution_weekly",
    "total_award_weekly",
)


def _computed(inputs: dict, on: dt.date) -> tuple[Schedule, dict]:
    schedule = active_schedule(on)
    worksheet = compute(parse_contract_input(inputs), schedule, guideline_parameters(on))
    return schedule, worksheet_to_contract(worksheet)


def compute_worksheet(inputs: dict, on: dt.date) -> dict:
    """The ``cses guidelines calc`` output for a contract input, with the schedule and guideline
    parameters in effect on ``on``. Nothing is saved. Raises ``cses.rules.guidelines.InputError``
    or ``WorksheetError``, whose ``problems`` name each bad field by its JSON path."""
    return _computed(inputs, on)[1]


@transaction.atomic
def save_worksheet(
    *,
    case: Case,
    inputs: dict,
    purpose: str,
    notes: str = "",
    by,
    on: dt.date | None = None,
) -> Worksheet:
    """Compute the worksheet again from ``inputs`` and save it to the case with the schedule it
    used, whether that schedule is illustrative, and its amounts; write the case diary event."""
    if purpose not in Worksheet.Purpose.values:
        raise ValueError(f"unknown worksheet purpose {purpose!r}")
    on = on or timezone.localdate()
    schedule, result = _computed(inputs, on)
    worksheet = Worksheet.objects.create(
        case=case,
        purpose=purpose,
        prepared_at=timezone.now(),
        prepared_by=by,
        schedule=schedule_record(schedule),
        illustrative=schedule.illustrative,
        inputs=inputs,
        result=result,
        children=result["children"],
        notes=notes.strip(),
        **{key: Decimal(result[key]) for key in _AMOUNTS},
    )
    marking = " Illustrative schedule - not for court use." if schedule.illustrative else ""
    record_event(
        case.pk,
        f"Guidelines worksheet #{worksheet.pk} saved ({worksheet.get_purpose_display()}, "
        f"{worksheet.children} {'child' if worksheet.children == 1 else 'children'}): "
        f"current support ${worksheet.current_support_weekly}/week, total award "
        f"${worksheet.total_award_weekly}/week; schedule {schedule.name}, effective "
        f"{schedule.effective.isoformat()}.{marking}",
        by,
        at=worksheet.prepared_at,
    )
    return worksheet


def case_worksheets(case: Case) -> QuerySet[Worksheet]:
    """The worksheets saved to a case, newest first."""
    return (
        Worksheet.objects.filter(case=case)
        .select_related("prepared_by", "schedule")
        .order_by("-prepared_at", "-id")
    )
