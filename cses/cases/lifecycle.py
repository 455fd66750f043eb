"""Moving cases through their lifecycle: the services around ``cses.rules.case_lifecycle``.

Every move is checked by the rules module, written as a CaseStatusChange and a diary event, in one
transaction with the case row locked.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cses.cases.models import (
    OBLIGOR_ROLES,
    PATERNITY_ESTABLISHED,
    Case,
    CaseMember,
    CaseStatus,
    CaseStatusChange,
    MemberRole,
)
from cses.cases.services import record_event
from cses.core.parameters import int_parameter
from cses.people.models import Address, Employment
from cses.rules import case_lifecycle as rules
from cses.rules.case_lifecycle import CaseFacts, CaseState


def timeframes(on: dt.date | None = None) -> rules.Timeframes:
    return rules.Timeframes(
        case_opening_days=int_parameter("case_opening_days", on),
        locate_days=int_parameter("locate_days", on),
        establishment_days=int_parameter("establishment_days", on),
        closure_notice_days=int_parameter("closure_notice_days", on),
        closed_record_years=int_parameter("closed_record_years", on),
    )


def case_facts(case: Case) -> CaseFacts:
    members = list(
        CaseMember.objects.filter(case=case, left_on__isnull=True).values(
            "role", "person_id", "paternity_status"
        )
    )
    roles = {m["role"] for m in members}
    obligors = [m["person_id"] for m in members if m["role"] in OBLIGOR_ROLES]
    children = [m for m in members if m["role"] == MemberRole.DEPENDENT_CHILD]
    located = bool(obligors) and (
        Address.objects.filter(
            person_id__in=obligors, end_date__isnull=True, verified_on__isnull=False
        ).exists()
        or Employment.objects.filter(person_id__in=obligors, end_date__isnull=True).exists()
    )
    return CaseFacts(
        has_custodial_party=MemberRole.CUSTODIAL_PARTY in roles,
        has_dependent_child=bool(children),
        has_obligor=bool(obligors),
        obligor_located=located,
        paternity_established=bool(children)
        and all(c["paternity_status"] in PATERNITY_ESTABLISHED for c in children),
        # The orders module (downstream) keeps SupportOrder.active; reading it through the
        # reverse relation keeps this module free of an import from orders.
        has_support_order=bool(case.existing_order_docket)
        or case.support_orders.filter(active=True).exists(),
    )


def outlook(case: Case) -> tuple[rules.NextStep, list[CaseState]]:
    """What happens next on the case, and the stages a worker may move it to now."""
    facts = case_facts(case)
    step = rules.next_step(
        case.state,
        facts=facts,
        opened_on=case.opened_on,
        entered_on=case.status_since,
        timeframes=timeframes(),
        closure_effective=case.closure_effective,
    )
    return step, rules.allowed_moves(case.state, facts)


def _record(case: Case, *, to: str, by, reason: str, closure_reason: str = "") -> None:
    now = timezone.now()
    CaseStatusChange.objects.create(
        case=case,
        from_status=case.status,
        to_status=to,
        at=now,
        by=by,
        reason=reason,
        closure_reason=closure_reason,
    )
    record_event(case.pk, f"Case moved to {CaseStatus(to).label}: {reason}", by, at=now)
    case.status = to
    case.status_since = timezone.localdate(now)


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def move_case(*, case: Case, to: CaseState, by, reason: str) -> Case:
    case = _locked(case)
    rules.check_move(case.state, to, case_facts(case), reason)
    _record(case, to=to.value, by=by, reason=reason)
    case.save(update_fields=["status", "status_since"])
    return case


@transaction.atomic
def close_case(*, case: Case, reason_code: str, note: str, by, today: dt.date | None = None):
    """Close a case for a 303.11 reason. Where the rule requires 60 days' notice the case waits
    in closure-pending until the notice runs out (``finish_pending_closures``)."""
    today = today or timezone.localdate()
    case = _locked(case)
    reason = rules.check_closure(case.state, reason_code, note)
    text = f"{reason.citation} {reason.description}. {note}"
    if reason.notice_required:
        notice_days = int_parameter("closure_notice_days", today)
        _record(case, to=CaseStatus.CLOSURE_PENDING, by=by, reason=text, closure_reason=reason.code)
        case.closure_reason = reason.code
        case.closure_effective = today + dt.timedelta(days=notice_days)
    else:
        _record(case, to=CaseStatus.CLOSED, by=by, reason=text, closure_reason=reason.code)
        case.closure_reason = reason.code
        case.closed_on = today
    case.save(
        update_fields=["status", "status_since", "closure_reason", "closure_effective", "closed_on"]
    )
    return case


@transaction.atomic
def cancel_closure(*, case: Case, note: str, by) -> Case:
    case = _locked(case)
    rules.check_cancel_closure(case.state, note)
    back_to = (
        CaseStatusChange.objects.filter(case=case, to_status=CaseStatus.CLOSURE_PENDING)
        .order_by("-at", "-id")
        .values_list("from_status", flat=True)
        .first()
    ) or CaseStatus.INTAKE
    _record(case, to=back_to, by=by, reason=f"Closure cancelled (45 CFR 303.11(d)(3)): {note}")
    case.closure_reason = ""
    case.closure_effective = None
    case.save(update_fields=["status", "status_since", "closure_reason", "closure_effective"])
    return case


@transaction.atomic
def reopen_case(*, case: Case, reason: str, by) -> Case:
    case = _locked(case)
    rules.check_reopen(case.state, reason)
    _record(case, to=CaseStatus.INTAKE, by=by, reason=f"Reopened: {reason}")
    case.closed_on = None
    case.closure_reason = ""
    case.closure_effective = None
    case.save(
        update_fields=["status", "status_since", "closed_on", "closure_reason", "closure_effective"]
    )
    return case


AUTOMATIC_FROM = (CaseState.LOCATE, CaseState.PATERNITY, CaseState.ESTABLISHMENT)


@transaction.atomic
def advance_case(*, case: Case, reason: str, by=None) -> Case:
    """Move a case forward on its own when the work of its stage is done: paternity established
    for every child sends it to establishment, an order sends it to enforcement.

    Called by the services that record those facts (paternity, orders). Only forward moves from
    locate, paternity and establishment are automatic; anything else stays a worker's decision."""
    case = _locked(case)
    order = list(rules.OPEN_WORK_STATES)
    # Each step goes as far as the state machine's edges allow; a second step follows when the
    # facts already support it (a paternity case with an order on record ends in enforcement).
    while case.state in AUTOMATIC_FROM:
        facts = case_facts(case)
        forward = [
            s
            for s in rules.allowed_moves(case.state, facts)
            if order.index(s) > order.index(case.state)
        ]
        if not forward:
            break
        target = forward[-1]
        rules.check_move(case.state, target, facts, reason)
        _record(case, to=target.value, by=by, reason=reason)
        case.save(update_fields=["status", "status_since"])
    return case


def finish_pending_closures(today: dt.date | None = None) -> int:
    """Close every case whose closure notice has run out. Safe to run any number of times."""
    today = today or timezone.localdate()
    done = 0
    due = Case.objects.filter(
        status=CaseStatus.CLOSURE_PENDING, closure_effective__lte=today
    ).values_list("pk", flat=True)
    for pk in due.iterator(chunk_size=1000):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            if case.status != CaseStatus.CLOSURE_PENDING:
                continue
            _record(case, to=CaseStatus.CLOSED, by=None, reason="Closure notice period ended")
            case.closed_on = case.closure_effective
            case.save(update_fields=["status", "status_since", "closed_on"])
            done += 1
    return done
