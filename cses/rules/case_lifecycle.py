"""The life of a IV-D case as an explicit state machine (no framework imports).

States follow the program's work: intake → locate → paternity → establishment → enforcement, with
closure under 45 CFR 303.11 and reopening. Each state has entry requirements over the case's facts;
a move is allowed only along a declared edge and only when the target's requirements hold. The
Django side records every move with who, when and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class CaseState(StrEnum):
    INTAKE = "intake"
    LOCATE = "locate"
    PATERNITY = "paternity"
    ESTABLISHMENT = "establishment"
    ENFORCEMENT = "enforcement"
    CLOSURE_PENDING = "closure_pending"
    CLOSED = "closed"


OPEN_WORK_STATES = (
    CaseState.INTAKE,
    CaseState.LOCATE,
    CaseState.PATERNITY,
    CaseState.ESTABLISHMENT,
    CaseState.ENFORCEMENT,
)


@dataclass(frozen=True)
class CaseFacts:
    """What the case record shows, as far as the lifecycle cares."""

    has_custodial_party: bool
    has_dependent_child: bool
    has_obligor: bool  # a noncustodial parent or an alleged father is on the case
    obligor_located: bool  # the obligor has a verified current address or employer
    paternity_established: bool  # for every dependent child
    has_support_order: bool


@dataclass(frozen=True)
class ClosureReason:
    code: str
    citation: str
    description: str
    notice_required: bool  # 60 calendar days' notice before closure, 303.11(d)


CLOSURE_REASONS: dict[str, ClosureReason] = {
    r.code: r
    for r in [
        ClosureReason(
            "b1", "303.11(b)(1)", "No current order; arrears under $500 or unenforceable", True
        ),
        ClosureReason(
            "b2", "303.11(b)(2)", "No current order; all arrears assigned to the state", True
        ),
        ClosureReason(
            "b3",
            "303.11(b)(3)",
            "No current order; children emancipated; NCP in long-term care without means",
            True,
        ),
        ClosureReason(
            "b4",
            "303.11(b)(4)",
            "Noncustodial parent or alleged father deceased; nothing more can be done",
            True,
        ),
        ClosureReason(
            "b5",
            "303.11(b)(5)",
            "Noncustodial parent lives with the child; services not appropriate",
            True,
        ),
        ClosureReason("b6", "303.11(b)(6)", "Paternity cannot be established", True),
        ClosureReason(
            "b7",
            "303.11(b)(7)",
            "Noncustodial parent cannot be located after diligent efforts",
            True,
        ),
        ClosureReason(
            "b8",
            "303.11(b)(8)",
            "Noncustodial parent cannot pay during the child's minority and has no assets",
            True,
        ),
        ClosureReason(
            "b9",
            "303.11(b)(9)",
            "Noncustodial parent's only income is SSI (or SSI with SSDI)",
            True,
        ),
        ClosureReason(
            "b10",
            "303.11(b)(10)",
            "Noncustodial parent is a foreign citizen abroad with no reachable income or assets",
            True,
        ),
        ClosureReason("b11", "303.11(b)(11)", "Locate-only services were provided", False),
        ClosureReason(
            "b12",
            "303.11(b)(12)",
            "Non-IV-A recipient asked for closure; no assigned arrears",
            False,
        ),
        ClosureReason("b13", "303.11(b)(13)", "Limited (paternity-only) service completed", True),
        ClosureReason("b14", "303.11(b)(14)", "Good cause or risk of harm", False),
        ClosureReason(
            "b15", "303.11(b)(15)", "Non-IV-A recipient cannot be contacted by two methods", True
        ),
        ClosureReason("b16", "303.11(b)(16)", "Non-IV-A recipient does not cooperate", True),
        ClosureReason(
            "b17", "303.11(b)(17)", "Responding case: initiating agency failed to act", True
        ),
        ClosureReason(
            "b18", "303.11(b)(18)", "Responding case: initiating agency closed its case", False
        ),
        ClosureReason(
            "b19",
            "303.11(b)(19)",
            "Responding case: initiating agency no longer needs services",
            False,
        ),
        ClosureReason(
            "b20",
            "303.11(b)(20)",
            "Inappropriate referral from another program, no application",
            False,
        ),
        ClosureReason("b21", "303.11(b)(21)", "Transferred to a Tribal IV-D agency", False),
        ClosureReason(
            "c",
            "303.11(c)",
            "Medicaid referral based only on Indian Health Program services",
            False,
        ),
    ]
}


class TransitionRefused(ValueError):
    """Raised with every reason the move is not allowed."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _entry_requirements(state: CaseState, facts: CaseFacts) -> list[str]:
    """What is missing for a case to be worked in ``state`` (empty when nothing is)."""
    ladder = [
        (CaseState.LOCATE, facts.has_custodial_party, "the case has no custodial party"),
        (CaseState.LOCATE, facts.has_dependent_child, "the case has no dependent child"),
        (CaseState.LOCATE, facts.has_obligor, "no noncustodial parent or alleged father is named"),
        (CaseState.PATERNITY, facts.obligor_located, "the noncustodial parent is not located"),
        (
            CaseState.ESTABLISHMENT,
            facts.paternity_established,
            "paternity is not established for every child",
        ),
        (CaseState.ENFORCEMENT, facts.has_support_order, "there is no support order to enforce"),
    ]
    order = list(OPEN_WORK_STATES)
    target = order.index(state)
    return [why for needed_for, ok, why in ladder if order.index(needed_for) <= target and not ok]


# Forward moves may skip stages whose work is already done; backward moves send a case back to
# work that has to be done again (a parent who moved away, an order that ended).
EDGES: dict[CaseState, frozenset[CaseState]] = {
    CaseState.INTAKE: frozenset(
        {CaseState.LOCATE, CaseState.PATERNITY, CaseState.ESTABLISHMENT, CaseState.ENFORCEMENT}
    ),
    CaseState.LOCATE: frozenset(
        {CaseState.PATERNITY, CaseState.ESTABLISHMENT, CaseState.ENFORCEMENT}
    ),
    CaseState.PATERNITY: frozenset({CaseState.LOCATE, CaseState.ESTABLISHMENT}),
    CaseState.ESTABLISHMENT: frozenset(
        {CaseState.LOCATE, CaseState.PATERNITY, CaseState.ENFORCEMENT}
    ),
    CaseState.ENFORCEMENT: frozenset({CaseState.LOCATE, CaseState.ESTABLISHMENT}),
    CaseState.CLOSURE_PENDING: frozenset(),
    CaseState.CLOSED: frozenset(),
}


def check_move(current: CaseState, target: CaseState, facts: CaseFacts, reason: str) -> None:
    """Raise TransitionRefused unless a worker may move the case from ``current`` to ``target``."""
    problems: list[str] = []
    if target not in EDGES[current]:
        problems.append(f"a case cannot move from {current} to {target}")
    else:
        problems += _entry_requirements(target, facts)
    if not reason.strip():
        problems.append("a reason is required")
    if problems:
        raise TransitionRefused(problems)


def allowed_moves(current: CaseState, facts: CaseFacts) -> list[CaseState]:
    """The states a worker may move the case to now, in the program's order."""
    return [
        s for s in OPEN_WORK_STATES if s in EDGES[current] and not _entry_requirements(s, facts)
    ]


def furthest_stage(facts: CaseFacts) -> CaseState:
    """The furthest stage of work the facts support: where an intake case should go next."""
    reachable = [s for s in OPEN_WORK_STATES[1:] if not _entry_requirements(s, facts)]
    return reachable[-1] if reachable else CaseState.INTAKE


def check_closure(current: CaseState, reason_code: str, note: str) -> ClosureReason:
    """Closure is open to any open case, for a 45 CFR 303.11 reason, with the worker's note."""
    problems = []
    if current not in OPEN_WORK_STATES:
        problems.append(f"a case in {current} cannot be closed")
    reason = CLOSURE_REASONS.get(reason_code)
    if reason is None:
        problems.append(f"{reason_code!r} is not a 45 CFR 303.11 closure reason")
    if not note.strip():
        problems.append("a note documenting the closure criterion is required")
    if problems:
        raise TransitionRefused(problems)
    assert reason is not None
    return reason


def check_cancel_closure(current: CaseState, note: str) -> None:
    """303.11(d)(3): information that could lead to action keeps the case open."""
    problems = []
    if current is not CaseState.CLOSURE_PENDING:
        problems.append("only a case pending closure can have its closure cancelled")
    if not note.strip():
        problems.append("a reason is required")
    if problems:
        raise TransitionRefused(problems)


def check_reopen(current: CaseState, reason: str) -> None:
    problems = []
    if current is not CaseState.CLOSED:
        problems.append("only a closed case can be reopened")
    if not reason.strip():
        problems.append("a reason is required (303.11(d)(5): a new application or referral)")
    if problems:
        raise TransitionRefused(problems)


@dataclass(frozen=True)
class Timeframes:
    """Calendar-day timeframes, from the program's parameters."""

    case_opening_days: int  # 45 CFR 303.2(b)
    locate_days: int  # 45 CFR 303.3(b)(3)
    establishment_days: int  # 45 CFR 303.4(d)
    closure_notice_days: int  # 45 CFR 303.11(d)
    closed_record_years: int  # 45 CFR 303.11(e)


@dataclass(frozen=True)
class NextStep:
    action: str
    due: dt.date | None
    basis: str


def next_step(
    state: CaseState,
    *,
    facts: CaseFacts,
    opened_on: dt.date,
    entered_on: dt.date,
    timeframes: Timeframes,
    closure_effective: dt.date | None = None,
) -> NextStep:
    """What the worker should do next on the case, by when, and under which rule."""
    days = dt.timedelta
    if state is CaseState.INTAKE:
        return NextStep(
            "Complete the case record (parties and children) and open the case",
            opened_on + days(timeframes.case_opening_days),
            "45 CFR 303.2(b)",
        )
    if state is CaseState.LOCATE:
        return NextStep(
            "Locate the noncustodial parent through every appropriate source",
            entered_on + days(timeframes.locate_days),
            "45 CFR 303.3(b)(3)",
        )
    if state is CaseState.PATERNITY:
        return NextStep(
            "Establish paternity (acknowledgment, genetic test or adjudication) or serve process",
            entered_on + days(timeframes.establishment_days),
            "45 CFR 303.4(d)",
        )
    if state is CaseState.ESTABLISHMENT:
        return NextStep(
            "Establish a support order or complete service of process",
            entered_on + days(timeframes.establishment_days),
            "45 CFR 303.4(d)",
        )
    if state is CaseState.ENFORCEMENT:
        return NextStep(
            "Monitor payments; take enforcement action within 30 days of a delinquency",
            None,
            "45 CFR 303.6",
        )
    if state is CaseState.CLOSURE_PENDING:
        return NextStep(
            "The case closes on the date shown unless the recipient supplies information that "
            "could lead to action",
            closure_effective,
            "45 CFR 303.11(d)",
        )
    return NextStep(
        "Keep the closed case's records",
        entered_on.replace(year=entered_on.year + timeframes.closed_record_years)
        if not (entered_on.month == 2 and entered_on.day == 29)
        else dt.date(entered_on.year + timeframes.closed_record_years, 3, 1),
        "45 CFR 303.11(e)",
    )
