"""The case lifecycle's rules, table-driven, plus properties over every combination of facts."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules import case_lifecycle as lc
from cses.rules.case_lifecycle import CaseFacts, CaseState, TransitionRefused

NOTHING = CaseFacts(False, False, False, False, False, False)
COMPLETE = CaseFacts(True, True, True, False, False, False)
LOCATED = CaseFacts(True, True, True, True, False, False)
PATERNITY_DONE = CaseFacts(True, True, True, True, True, False)
ORDERED = CaseFacts(True, True, True, True, True, True)

facts_strategy = st.builds(CaseFacts, *[st.booleans()] * 6)


@pytest.mark.parametrize(
    ("current", "target", "facts"),
    [
        (CaseState.INTAKE, CaseState.LOCATE, COMPLETE),
        (CaseState.LOCATE, CaseState.PATERNITY, LOCATED),
        (CaseState.PATERNITY, CaseState.ESTABLISHMENT, PATERNITY_DONE),
        (CaseState.ESTABLISHMENT, CaseState.ENFORCEMENT, ORDERED),
        (CaseState.INTAKE, CaseState.ENFORCEMENT, ORDERED),  # an existing order, all known
        (CaseState.ENFORCEMENT, CaseState.LOCATE, ORDERED),  # the parent moved away
    ],
)
def test_allowed_moves(current, target, facts):
    lc.check_move(current, target, facts, reason="worker's reason")
    assert target in lc.allowed_moves(current, facts)


@pytest.mark.parametrize(
    ("current", "target", "facts", "why"),
    [
        (CaseState.INTAKE, CaseState.LOCATE, NOTHING, "the case has no custodial party"),
        (CaseState.INTAKE, CaseState.LOCATE, NOTHING, "no noncustodial parent or alleged father"),
        (CaseState.LOCATE, CaseState.PATERNITY, COMPLETE, "not located"),
        (CaseState.PATERNITY, CaseState.ESTABLISHMENT, LOCATED, "paternity is not established"),
        (CaseState.ESTABLISHMENT, CaseState.ENFORCEMENT, PATERNITY_DONE, "no support order"),
        (
            CaseState.ENFORCEMENT,
            CaseState.INTAKE,
            ORDERED,
            "cannot move from enforcement to intake",
        ),
        (CaseState.CLOSED, CaseState.LOCATE, ORDERED, "cannot move from closed"),
    ],
)
def test_refused_moves_say_why(current, target, facts, why):
    with pytest.raises(TransitionRefused) as refused:
        lc.check_move(current, target, facts, reason="worker's reason")
    assert any(why in r for r in refused.value.reasons)


def test_a_move_needs_a_reason():
    with pytest.raises(TransitionRefused, match="a reason is required"):
        lc.check_move(CaseState.INTAKE, CaseState.LOCATE, COMPLETE, reason="  ")


@given(facts_strategy)
def test_every_allowed_move_passes_its_own_check(facts):
    for current in lc.OPEN_WORK_STATES:
        for target in lc.allowed_moves(current, facts):
            lc.check_move(current, target, facts, reason="r")


@given(facts_strategy)
def test_the_furthest_stage_has_its_requirements_met(facts):
    stage = lc.furthest_stage(facts)
    if stage is not CaseState.INTAKE:
        lc.check_move(CaseState.INTAKE, stage, facts, reason="r")


def test_requirements_are_cumulative():
    """A case can never be in a later stage while an earlier stage's requirement fails."""
    for bits in itertools.product([False, True], repeat=6):
        facts = CaseFacts(*bits)
        reachable = [
            s for s in lc.OPEN_WORK_STATES if s in lc.allowed_moves(CaseState.INTAKE, facts)
        ]
        order = list(lc.OPEN_WORK_STATES)
        # Reachable stages form a prefix of the ladder after intake.
        assert reachable == order[1 : 1 + len(reachable)]


def test_closure_reasons_follow_303_11_notice_rule():
    notice = {c for c, r in lc.CLOSURE_REASONS.items() if r.notice_required}
    assert notice == {f"b{i}" for i in [*range(1, 11), 13, 15, 16, 17]}
    assert lc.check_closure(CaseState.LOCATE, "b7", "two years of locate efforts").notice_required


@pytest.mark.parametrize(
    ("state", "code", "note", "why"),
    [
        (CaseState.CLOSED, "b1", "n", "cannot be closed"),
        (CaseState.LOCATE, "b99", "n", "not a 45 CFR 303.11 closure reason"),
        (CaseState.LOCATE, "b4", " ", "a note documenting the closure criterion"),
    ],
)
def test_closure_refusals(state, code, note, why):
    with pytest.raises(TransitionRefused, match=why):
        lc.check_closure(state, code, note)


def test_reopen_only_closed_cases():
    lc.check_reopen(CaseState.CLOSED, "new application received")
    with pytest.raises(TransitionRefused):
        lc.check_reopen(CaseState.LOCATE, "x")


TIMEFRAMES = lc.Timeframes(20, 75, 90, 60, 3)


@pytest.mark.parametrize(
    ("state", "due", "basis"),
    [
        (CaseState.INTAKE, dt.date(2026, 1, 21), "45 CFR 303.2(b)"),
        (CaseState.LOCATE, dt.date(2026, 4, 26), "45 CFR 303.3(b)(3)"),
        (CaseState.ESTABLISHMENT, dt.date(2026, 5, 11), "45 CFR 303.4(d)"),
        (CaseState.CLOSED, dt.date(2029, 2, 10), "45 CFR 303.11(e)"),
    ],
)
def test_next_step_due_dates(state, due, basis):
    step = lc.next_step(
        state,
        facts=COMPLETE,
        opened_on=dt.date(2026, 1, 1),
        entered_on=dt.date(2026, 2, 10),
        timeframes=TIMEFRAMES,
    )
    assert (step.due, step.basis) == (due, basis)


def test_records_of_a_case_closed_on_29_february_are_kept_to_1_march():
    step = lc.next_step(
        CaseState.CLOSED,
        facts=COMPLETE,
        opened_on=dt.date(2020, 1, 1),
        entered_on=dt.date(2024, 2, 29),
        timeframes=TIMEFRAMES,
    )
    assert step.due == dt.date(2027, 3, 1)
