"""Moving real cases through the lifecycle: every move recorded with who, when and why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cses.cases import lifecycle
from cses.cases.models import CaseMember, CaseStatus, CaseStatusChange, DiaryEntry, PaternityStatus
from cses.rules.case_lifecycle import CaseState, TransitionRefused


def test_worker_moves_a_complete_case_from_intake_to_locate(case, worker):
    # given a case with a custodial party, a child and a noncustodial parent
    # when the worker moves it to locate
    lifecycle.move_case(case=case, to=CaseState.LOCATE, by=worker, reason="Application complete")
    # then the case is in locate, and the move is in its history and diary
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATE
    change = CaseStatusChange.objects.filter(case=case).latest("at")
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        "intake",
        "locate",
        worker,
        "Application complete",
    )
    assert DiaryEntry.objects.filter(case=case, text__contains="Application complete").exists()


def test_an_unlocated_parent_keeps_the_case_out_of_paternity(case, worker):
    lifecycle.move_case(case=case, to=CaseState.LOCATE, by=worker, reason="complete")
    with pytest.raises(TransitionRefused, match="not located"):
        lifecycle.move_case(case=case, to=CaseState.PATERNITY, by=worker, reason="try")
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATE


def test_facts_come_from_the_case_record(case_of, worker):
    case = case_of(by=worker, ncp_verified_address=True, paternity=PaternityStatus.ACKNOWLEDGED)
    facts = lifecycle.case_facts(case)
    assert facts.obligor_located and facts.paternity_established and not facts.has_support_order
    case = lifecycle.move_case(case=case, to=CaseState.ESTABLISHMENT, by=worker, reason="all known")
    assert case.status == CaseStatus.ESTABLISHMENT


def test_an_existing_order_lets_intake_go_straight_to_enforcement(case_of, worker):
    case = case_of(
        by=worker,
        ncp_verified_address=True,
        paternity=PaternityStatus.MARITAL_PRESUMPTION,
        existing_order_docket="HHD-FA-24-1234567",
    )
    case = lifecycle.move_case(
        case=case, to=CaseState.ENFORCEMENT, by=worker, reason="order exists"
    )
    assert case.status == CaseStatus.ENFORCEMENT


def test_closure_with_notice_waits_60_days_then_closes_once(case, worker):
    today = dt.date(2026, 3, 1)
    lifecycle.close_case(
        case=case, reason_code="b7", note="two years of locate", by=worker, today=today
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PENDING
    assert case.closure_effective == dt.date(2026, 4, 30)
    assert lifecycle.finish_pending_closures(dt.date(2026, 4, 29)) == 0
    assert lifecycle.finish_pending_closures(dt.date(2026, 4, 30)) == 1
    # running the nightly step again changes nothing
    assert lifecycle.finish_pending_closures(dt.date(2026, 5, 1)) == 0
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == (
        "closed",
        dt.date(2026, 4, 30),
        "b7",
    )
    assert CaseStatusChange.objects.filter(case=case, to_status="closed").count() == 1


def test_closure_without_notice_is_immediate_and_reopening_returns_to_intake(case, worker):
    lifecycle.close_case(case=case, reason_code="b12", note="CP asked in writing", by=worker)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on is not None
    lifecycle.reopen_case(case=case, reason="new application 2026-06-01", by=worker)
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == ("intake", None, "")


def test_cancelled_closure_returns_to_the_stage_it_left(case, worker):
    lifecycle.move_case(case=case, to=CaseState.LOCATE, by=worker, reason="complete")
    lifecycle.close_case(case=case, reason_code="b15", note="no contact", by=worker)
    lifecycle.cancel_closure(case=case, note="CP called with a new address", by=worker)
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATE and case.closure_effective is None


def test_history_and_diary_are_append_only(case):
    change = CaseStatusChange.objects.filter(case=case).first()
    entry = DiaryEntry.objects.filter(case=case).first()
    for record in (change, entry):
        with pytest.raises(ValidationError):
            record.save()
        with pytest.raises(ValidationError):
            record.delete()


def test_family_violence_indicator_changes_are_written_to_the_diary(case, worker):
    from cses.cases.services import set_family_violence

    cp = CaseMember.objects.get(case=case, role="CP")
    set_family_violence(member=cp, on=True, reason="protective order", by=worker)
    cp.refresh_from_db()
    assert cp.family_violence and cp.family_violence_since is not None
    assert DiaryEntry.objects.filter(
        case=case, text__contains="Family-violence indicator set"
    ).exists()


def test_nightly_command_closes_cases_whose_notice_ended(case, worker):
    from io import StringIO

    from django.core.management import call_command

    lifecycle.close_case(
        case=case, reason_code="b1", note="arrears under $500", by=worker, today=dt.date(2026, 1, 1)
    )
    out = StringIO()
    call_command("close_pending_cases", "--as-of", "2026-03-02", stdout=out)
    assert "closed 1 case(s)" in out.getvalue()
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
