"""Distribution of one child support collection on one case (no framework imports).

Where each cent of a receipt goes: which obligation it pays, whether the family or the state gets
it, and the federal and state shares of what the state keeps. The rules are federal (42 USC 657,
SSA §457; 45 CFR 302.51 and 303.72) with Connecticut's choices from
``shared/reference/ct-policy.md`` ("Distribution semantics for ``cses rules distribute``"). Every
parameter (FMAP, pass-through, PRWORA or DRA ordering, unreimbursed assistance) arrives as data.
``docs/distribution.md`` is the reviewer's version of this module, with worked examples.

In short:

- current support due for the period is paid first (45 CFR 302.51(a)(1)), then arrears;
- ``current`` assistance: current support reimburses the assistance paid (42 USC 657(a)(1)),
  except the pass-through, which goes to the family with no federal share (657(a)(6)); then the
  temporarily and permanently assigned arrears go to the state; then the family's arrears;
- ``former`` assistance: current support and then the family's arrears go to the family, then the
  assigned arrears to the state (657(a)(2));
- ``never`` assistance: everything to the family (657(a)(4));
- a federal tax refund offset never pays current support (45 CFR 303.72(h)(1)); it pays the
  assigned arrears first and the state keeps conditionally assigned arrears it collects
  (657(a)(2)(B)(iv) as enacted by PRWORA), unless the DRA family-first ordering is chosen
  (42 USC 654(34); 45 CFR 303.72(h)(3)(ii));
- the state never retains more than the unreimbursed assistance (657(a)(3)); the excess goes to
  the family;
- what exceeds everything owed is ``unallocated``: refunded to the payer or held for future
  support (45 CFR 302.51(b); 303.72(h)(4) for offsets).

``prorate`` divides one withholding payment among a parent's cases by current support due
(45 CFR 303.100(a)(5)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ONE = Decimal(1)
MAX_AMOUNT = Decimal("999999999.99")  # keeps every sum far inside Decimal's precision
FMAP_PLACES = 6

K = TypeVar("K", bound=Hashable)


class Assistance(StrEnum):
    """The family's assistance status (TANF or IV-E foster care; 42 USC 657(c)(1))."""

    CURRENT = "current"
    FORMER = "former"
    NEVER = "never"


class Source(StrEnum):
    """Where the money came from. Only a federal tax refund offset has its own distribution rule
    (45 CFR 303.72(h)); a state tax refund offset is distributed like any collection
    (45 CFR 303.102(g))."""

    EMPLOYER_WITHHOLDING = "employer_withholding"
    PARENT_PAYMENT = "parent_payment"
    FEDERAL_TAX_OFFSET = "federal_tax_offset"
    STATE_TAX_OFFSET = "state_tax_offset"
    LOTTERY_INTERCEPT = "lottery_intercept"
    INTERSTATE = "interstate"
    LEVY = "levy"
    UNEMPLOYMENT_INTERCEPT = "unemployment_intercept"


class Ordering(StrEnum):
    """The state's election for former-assistance families (42 USC 654(34))."""

    PRWORA = "prwora"
    DRA = "dra"


class Payee(StrEnum):
    FAMILY = "family"
    STATE = "state"


class Category(StrEnum):
    """What an allocation pays: a current-due key or an arrears assignment category (federal
    rules §1.4: PA, TA, CA, NA, UD)."""

    CURRENT_SUPPORT = "current_support"
    MEDICAL_SUPPORT = "medical_support"
    CHILD_CARE = "child_care"
    PERMANENTLY_ASSIGNED = "permanently_assigned"
    TEMPORARILY_ASSIGNED = "temporarily_assigned"
    CONDITIONALLY_ASSIGNED = "conditionally_assigned"
    NEVER_ASSIGNED = "never_assigned"
    UNASSIGNED_DURING_ASSISTANCE = "unassigned_during_assistance"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]

    @property
    def is_current(self) -> bool:
        return self in CURRENT_DUE


CATEGORY_LABELS: Mapping[Category, str] = {
    Category.CURRENT_SUPPORT: "current support due for the period",
    Category.MEDICAL_SUPPORT: "medical support due for the period",
    Category.CHILD_CARE: "child care support due for the period",
    Category.PERMANENTLY_ASSIGNED: "permanently assigned arrears",
    Category.TEMPORARILY_ASSIGNED: "temporarily assigned arrears",
    Category.CONDITIONALLY_ASSIGNED: "conditionally assigned arrears",
    Category.NEVER_ASSIGNED: "never-assigned arrears",
    Category.UNASSIGNED_DURING_ASSISTANCE: "arrears unassigned during assistance",
}
CURRENT_DUE = (Category.CURRENT_SUPPORT, Category.MEDICAL_SUPPORT, Category.CHILD_CARE)
ARREARS = (
    Category.PERMANENTLY_ASSIGNED,
    Category.TEMPORARILY_ASSIGNED,
    Category.CONDITIONALLY_ASSIGNED,
    Category.NEVER_ASSIGNED,
    Category.UNASSIGNED_DURING_ASSISTANCE,
)


class Basis(StrEnum):
    """Why an allocation went where it did, as a code (the ``reason`` says it in words)."""

    CURRENT_SUPPORT_TO_FAMILY = "current_support_to_family"
    PASS_THROUGH = "pass_through"  # noqa: S105 (not a password)
    REIMBURSES_ASSISTANCE = "reimburses_assistance"
    ASSIGNED_ARREARS = "assigned_arrears"
    FAMILY_ARREARS = "family_arrears"
    OFFSET_ASSIGNED_FIRST = "offset_assigned_first"
    OFFSET_FAMILY_ARREARS = "offset_family_arrears"
    OFFSET_FAMILY_FIRST = "offset_family_first"
    NEVER_ASSISTANCE = "never_assistance"
    URA_EXHAUSTED = "ura_exhausted"


# --- input -------------------------------------------------------------------------------------


def _check_amount(name: str, value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{name}: must be a Decimal amount, not {value!r}")
    if value < 0:
        raise ValueError(f"{name}: must not be negative ({value})")
    if value > MAX_AMOUNT:
        raise ValueError(f"{name}: must not exceed {MAX_AMOUNT}")
    if value != value.quantize(CENT):
        raise ValueError(f"{name}: must be in whole cents ({value})")


def _check_amounts(instance: object, prefix: str = "") -> None:
    for f in fields(instance):  # type: ignore[arg-type]
        _check_amount(prefix + f.name, getattr(instance, f.name))


@dataclass(frozen=True)
class Receipt:
    """One collection: its amount, its source and the date the State Disbursement Unit received
    it (the date of collection, 45 CFR 302.51(a)(4))."""

    amount: Decimal
    source: Source
    date: dt.date

    def __post_init__(self) -> None:
        _check_amount("receipt.amount", self.amount)
        object.__setattr__(self, "source", Source(self.source))


@dataclass(frozen=True)
class CurrentDue:
    """Support due for the period the collection is made in, still unpaid (45 CFR 302.51(a)(1))."""

    current_support: Decimal = ZERO
    medical_support: Decimal = ZERO
    child_care: Decimal = ZERO

    def __post_init__(self) -> None:
        _check_amounts(self, "current_due.")


@dataclass(frozen=True)
class Arrears:
    """Unpaid support from previous periods by assignment category (federal rules §1.4)."""

    permanently_assigned: Decimal = ZERO
    temporarily_assigned: Decimal = ZERO
    conditionally_assigned: Decimal = ZERO
    never_assigned: Decimal = ZERO
    unassigned_during_assistance: Decimal = ZERO

    def __post_init__(self) -> None:
        _check_amounts(self, "arrears.")


@dataclass(frozen=True)
class DistributionInput:
    """One receipt on one case with everything its distribution depends on.

    ``pass_through`` is what is still to pass through to a current-assistance family this month
    (the month's pass-through less what earlier receipts in the month already passed through);
    it is ignored for other families. ``ura`` is the unreimbursed assistance; None means no cap.
    ``ordering`` matters only for former-assistance families."""

    assistance: Assistance
    receipt: Receipt
    current_due: CurrentDue
    arrears: Arrears
    fmap: Decimal
    pass_through: Decimal = ZERO
    ordering: Ordering = Ordering.PRWORA
    ura: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "assistance", Assistance(self.assistance))
        object.__setattr__(self, "ordering", Ordering(self.ordering))
        fmap = self.fmap
        if not isinstance(fmap, Decimal) or not fmap.is_finite() or not ZERO <= fmap <= ONE:
            raise ValueError(f"fmap: must be a Decimal between 0 and 1, not {self.fmap!r}")
        _check_amount("pass_through", self.pass_through)
        if self.ura is not None:
            _check_amount("ura", self.ura)

    def owed(self, category: Category) -> Decimal:
        source = self.current_due if category.is_current else self.arrears
        return getattr(source, str(category))

    @property
    def is_federal_tax_offset(self) -> bool:
        return self.receipt.source is Source.FEDERAL_TAX_OFFSET


# --- output ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """Part of a receipt applied to one obligation and paid to one payee, with the reason in
    plain English (citing the rule) and as a code (``basis``)."""

    to: Category
    amount: Decimal
    payee: Payee
    reason: str
    basis: Basis


@dataclass(frozen=True)
class Distribution:
    """Where a receipt went. ``to_family + retained + unallocated`` is the receipt's amount and
    ``retained = federal_share + state_share``."""

    allocations: tuple[Allocation, ...]
    to_family: Decimal
    retained: Decimal
    federal_share: Decimal
    state_share: Decimal
    unallocated: Decimal
    input: DistributionInput
    pass_through_paid: Decimal = ZERO
    ura_remaining: Decimal | None = None
    unallocated_reason: str | None = None

    def applied_to(self, category: Category) -> Decimal:
        return sum((a.amount for a in self.allocations if a.to is category), ZERO)

    def owed_after(self, category: Category) -> Decimal:
        return self.input.owed(category) - self.applied_to(category)


# --- the rules ---------------------------------------------------------------------------------

CURRENT_FIRST = "current support is paid first (45 CFR 302.51(a)(1); 42 USC 657(a))"
OFFSET_NOT_CURRENT = (
    "a federal tax refund offset is never applied to current support (45 CFR 303.72(h)(1))"
)


@dataclass(frozen=True)
class _Step:
    category: Category
    payee: Payee
    basis: Basis
    why: str


def _current_due_steps(assistance: Assistance) -> list[_Step]:
    if assistance is Assistance.CURRENT:
        why = (
            f"{CURRENT_FIRST}, and while the family receives assistance it reimburses the "
            "assistance paid (42 USC 657(a)(1))"
        )
        return [_Step(c, Payee.STATE, Basis.REIMBURSES_ASSISTANCE, why) for c in CURRENT_DUE]
    if assistance is Assistance.FORMER:
        why = (
            f"{CURRENT_FIRST}, and a family that no longer receives assistance gets it "
            "(42 USC 657(a)(2)(A))"
        )
        return [_Step(c, Payee.FAMILY, Basis.CURRENT_SUPPORT_TO_FAMILY, why) for c in CURRENT_DUE]
    why = (
        f"{CURRENT_FIRST}, and a family that never received assistance gets everything "
        "collected (42 USC 657(a)(4))"
    )
    return [_Step(c, Payee.FAMILY, Basis.NEVER_ASSISTANCE, why) for c in CURRENT_DUE]


def _steps(data: DistributionInput) -> list[_Step]:
    """The order the receipt pays obligations in, and who gets each."""
    A = Category  # short name: the orders below read as lists of categories
    offset = data.is_federal_tax_offset
    steps = [] if offset else _current_due_steps(data.assistance)

    if data.assistance is Assistance.NEVER:
        why = (
            f"{OFFSET_NOT_CURRENT}; it pays arrears, and a family that never received assistance "
            "gets everything collected (42 USC 657(a)(4))"
            if offset
            else "after current support, arrears are paid (45 CFR 302.51(a)(1)), and a family "
            "that never received assistance gets everything collected (42 USC 657(a)(4))"
        )
        family_order = (
            A.NEVER_ASSIGNED,
            A.UNASSIGNED_DURING_ASSISTANCE,
            A.CONDITIONALLY_ASSIGNED,
            A.TEMPORARILY_ASSIGNED,
            A.PERMANENTLY_ASSIGNED,
        )
        return steps + [_Step(c, Payee.FAMILY, Basis.NEVER_ASSISTANCE, why) for c in family_order]

    dra_family_first = (
        offset and data.assistance is Assistance.FORMER and data.ordering is Ordering.DRA
    )
    if offset and not dra_family_first:
        assigned_why = (
            f"{OFFSET_NOT_CURRENT}, and it pays the arrears assigned to the state first "
            "(42 USC 657(a)(2)(B)(iv) as enacted by PRWORA)"
        )
        conditional_why = (
            f"{OFFSET_NOT_CURRENT}, it pays the arrears assigned to the state first, and "
            "conditionally assigned arrears collected by federal tax refund offset are kept by "
            "the state (42 USC 657(a)(2)(B)(iv) as enacted by PRWORA)"
        )
        family_why = (
            f"{OFFSET_NOT_CURRENT}; once the assigned arrears are paid, it pays the arrears owed "
            "to the family (42 USC 657(a)(2)(B)(iv) as enacted by PRWORA)"
        )
        return [
            _Step(A.TEMPORARILY_ASSIGNED, Payee.STATE, Basis.OFFSET_ASSIGNED_FIRST, assigned_why),
            _Step(
                A.CONDITIONALLY_ASSIGNED, Payee.STATE, Basis.OFFSET_ASSIGNED_FIRST, conditional_why
            ),
            _Step(A.PERMANENTLY_ASSIGNED, Payee.STATE, Basis.OFFSET_ASSIGNED_FIRST, assigned_why),
            _Step(A.NEVER_ASSIGNED, Payee.FAMILY, Basis.OFFSET_FAMILY_ARREARS, family_why),
            _Step(
                A.UNASSIGNED_DURING_ASSISTANCE,
                Payee.FAMILY,
                Basis.OFFSET_FAMILY_ARREARS,
                family_why,
            ),
        ]

    if data.assistance is Assistance.CURRENT:
        assigned_why = (
            "after current support, the arrears assigned to the state are paid and reimburse "
            "the assistance paid (42 USC 657(a)(1); 45 CFR 302.51(a)(1))"
        )
        family_why = (
            "once current support and the assigned arrears are paid, the rest pays the arrears "
            "owed to the family (42 USC 657(a)(1)(C))"
        )
        return [
            *steps,
            _Step(A.TEMPORARILY_ASSIGNED, Payee.STATE, Basis.ASSIGNED_ARREARS, assigned_why),
            _Step(A.PERMANENTLY_ASSIGNED, Payee.STATE, Basis.ASSIGNED_ARREARS, assigned_why),
            _Step(A.NEVER_ASSIGNED, Payee.FAMILY, Basis.FAMILY_ARREARS, family_why),
            _Step(A.UNASSIGNED_DURING_ASSISTANCE, Payee.FAMILY, Basis.FAMILY_ARREARS, family_why),
            _Step(A.CONDITIONALLY_ASSIGNED, Payee.FAMILY, Basis.FAMILY_ARREARS, family_why),
        ]

    # Former assistance: PRWORA ordering, or DRA (which differs only for a federal tax offset).
    if dra_family_first:
        basis = Basis.OFFSET_FAMILY_FIRST
        family_why = (
            "under the DRA family-first ordering a federal tax refund offset pays the arrears "
            "owed to the family before any assigned arrears (42 USC 654(34); "
            f"45 CFR 303.72(h)(3)(ii)); {OFFSET_NOT_CURRENT}"
        )
        assigned_why = (
            "under the DRA family-first ordering a federal tax refund offset pays the assigned "
            "arrears once the family's arrears are paid (42 USC 654(34), 657(a)(2)(B))"
        )
    else:
        basis = Basis.FAMILY_ARREARS
        family_why = (
            "after current support, a former-assistance family's own arrears are paid before "
            "any arrears assigned to the state (42 USC 657(a)(2)(B))"
        )
        assigned_why = (
            "once current support and the family's arrears are paid, the arrears assigned to "
            "the state are paid to reimburse the assistance paid (42 USC 657(a)(2)(B))"
        )
    conditional_why = (
        family_why
        if dra_family_first
        else family_why + "; conditionally assigned arrears collected other than by federal "
        "tax refund offset go to the family"
    )
    return [
        *steps,
        _Step(A.NEVER_ASSIGNED, Payee.FAMILY, basis, family_why),
        _Step(A.UNASSIGNED_DURING_ASSISTANCE, Payee.FAMILY, basis, family_why),
        _Step(A.CONDITIONALLY_ASSIGNED, Payee.FAMILY, basis, conditional_why),
        _Step(A.PERMANENTLY_ASSIGNED, Payee.STATE, Basis.ASSIGNED_ARREARS, assigned_why),
        _Step(A.TEMPORARILY_ASSIGNED, Payee.STATE, Basis.ASSIGNED_ARREARS, assigned_why),
    ]


def money(amount: Decimal) -> str:
    """``$1,234.56``."""
    return f"${amount:,.2f}"


def _allocation(step: _Step, amount: Decimal, payee: Payee, basis: Basis, why: str) -> Allocation:
    where = "paid to the family" if payee is Payee.FAMILY else "retained by the state"
    reason = f"{money(amount)} to {step.category.label}, {where}: {why}"
    return Allocation(to=step.category, amount=amount, payee=payee, reason=reason, basis=basis)


def federal_share_of(retained: Decimal, fmap: Decimal) -> Decimal:
    """The federal share of retained collections: FMAP * retained, to the cent (half up); the
    state share is the rest, so the two sum exactly (42 USC 657(c)(2)-(3))."""
    return (retained * fmap).quantize(CENT, rounding=ROUND_HALF_UP)


def distribute(data: DistributionInput) -> Distribution:
    """Allocate one receipt under 42 USC 657(a) and 45 CFR 302.51, with Connecticut's choices.

    Current support due is paid first (45 CFR 302.51(a)(1)), then arrears in the order for the
    family's assistance status (657(a)(1) current, (a)(2) former, (a)(4) never); a federal tax
    refund offset pays arrears only, assigned arrears first unless the DRA family-first ordering
    applies (45 CFR 303.72(h); 42 USC 654(34)). The pass-through to a current-assistance family
    carries no federal share (657(a)(6)); what the state retains never exceeds ``ura``
    (657(a)(3)) and the excess goes to the family; the federal share is FMAP * retained
    (657(c)(2)). What exceeds everything owed is unallocated (45 CFR 302.51(b), 303.72(h)(4)).
    """
    remaining = data.receipt.amount
    pass_through_left = data.pass_through if data.assistance is Assistance.CURRENT else ZERO
    ura_left = data.ura
    allocations: list[Allocation] = []
    for step in _steps(data):
        take = min(remaining, data.owed(step.category))
        if take <= 0:
            continue
        remaining -= take
        if step.payee is Payee.FAMILY:
            allocations.append(_allocation(step, take, Payee.FAMILY, step.basis, step.why))
            continue
        if step.category.is_current and pass_through_left > 0:
            passed = min(take, pass_through_left)
            pass_through_left -= passed
            take -= passed
            allocations.append(
                _allocation(
                    step,
                    passed,
                    Payee.FAMILY,
                    Basis.PASS_THROUGH,
                    f"{CURRENT_FIRST}, and up to {money(data.pass_through)} of the current "
                    "support collected in the month passes through to a family receiving "
                    "assistance, with no federal share (42 USC 657(a)(6); Connecticut's "
                    "pass-through)",
                )
            )
        kept = take if ura_left is None else min(take, ura_left)
        if kept > 0:
            allocations.append(_allocation(step, kept, Payee.STATE, step.basis, step.why))
            if ura_left is not None:
                ura_left -= kept
        if take > kept:
            allocations.append(
                _allocation(
                    step,
                    take - kept,
                    Payee.FAMILY,
                    Basis.URA_EXHAUSTED,
                    "the state may retain no more than the unreimbursed assistance "
                    f"({money(data.ura or ZERO)}), which is now fully reimbursed, so the rest "
                    "goes to the family (42 USC 657(a)(3))",
                )
            )

    to_family = sum((a.amount for a in allocations if a.payee is Payee.FAMILY), ZERO)
    retained = sum((a.amount for a in allocations if a.payee is Payee.STATE), ZERO)
    federal = federal_share_of(retained, data.fmap)
    return Distribution(
        allocations=tuple(allocations),
        to_family=to_family,
        retained=retained,
        federal_share=federal,
        state_share=retained - federal,
        unallocated=remaining,
        input=data,
        pass_through_paid=sum(
            (a.amount for a in allocations if a.basis is Basis.PASS_THROUGH), ZERO
        ),
        ura_remaining=ura_left,
        unallocated_reason=_unallocated_reason(data, remaining),
    )


def _unallocated_reason(data: DistributionInput, unallocated: Decimal) -> str | None:
    if unallocated <= 0:
        return None
    if data.is_federal_tax_offset:
        return (
            f"{money(unallocated)} is more than the arrears owed ({OFFSET_NOT_CURRENT}): it is "
            "refunded to the obligor (45 CFR 303.72(h)(4); 42 USC 664(a)(3)(D))"
        )
    return (
        f"{money(unallocated)} is more than everything owed: it is refunded to the payer or held "
        "for future support as policy says (45 CFR 302.51(b))"
    )


# --- proration among a parent's cases ----------------------------------------------------------


class ProrationError(ValueError):
    pass


def prorate(amount: Decimal, current_support_due_by_case: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """Divide one income-withholding payment among the cases of a parent with several, in
    proportion to each case's current support due (45 CFR 303.100(a)(5): the state's method of
    allocating withheld amounts among an obligor's cases; Connecticut prorates).

    Each case gets its exact share rounded down to the cent; the cents left over go, one each,
    to the cases with the largest remainders (the largest-remainder method), so the parts sum
    exactly to ``amount`` and none is more than a cent from its exact share. Ties go to the case
    with more support due, then to the case listed first. A case with more support due never
    gets less than one with less. Like every largest-remainder method it is not monotonic in the
    amount (the "Alabama paradox"): $0.03 over dues 1, 3, 3 gives each a cent, $0.04 gives
    0, 2 and 2 cents; no part is ever more than a cent from its exact share. Returns the parts
    in the order of the mapping."""
    _check_amount("amount", amount)
    for case, due in current_support_due_by_case.items():
        _check_amount(f"current support due for case {case!r}", due)
    if not current_support_due_by_case:
        raise ProrationError("there are no cases to prorate among")
    total_due = sum(current_support_due_by_case.values(), ZERO)
    if total_due == 0:
        if amount == 0:
            return dict.fromkeys(current_support_due_by_case, ZERO)
        raise ProrationError("no case has current support due, so there is nothing to prorate by")
    # Whole cents throughout, so the remainders compare exactly: case i's exact share is
    # cents * due_i / total cents, i.e. a whole part and a remainder of (cents * due_i) % total.
    cents = _to_cents_int(amount)
    total = _to_cents_int(total_due)
    parts: dict[K, int] = {}
    remainders: list[tuple[int, int, int, K]] = []
    for position, (case, due) in enumerate(current_support_due_by_case.items()):
        whole, remainder = divmod(cents * _to_cents_int(due), total)
        parts[case] = whole
        remainders.append((remainder, _to_cents_int(due), -position, case))
    left_over = cents - sum(parts.values())
    for _, _, _, case in sorted(remainders, key=lambda r: r[:3], reverse=True)[:left_over]:
        parts[case] += 1
    return {case: Decimal(part).scaleb(-2) for case, part in parts.items()}


def _to_cents_int(amount: Decimal) -> int:
    return int(amount.scaleb(2))


# --- the public contract (``cses rules distribute``) -------------------------------------------


class DistributionInputError(ValueError):
    """The contract's JSON input is not valid; each problem names its field by JSON path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))


_TOP_FIELDS = (
    "assistance",
    "receipt",
    "current_due",
    "arrears",
    "fmap",
    "pass_through",
    "ordering",
    "ura",
)
_RECEIPT_FIELDS = ("amount", "source", "date")


class _Reader:
    """Collects every problem in the JSON input, each named by its JSON path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def unknown(self, prefix: str, data: Mapping[str, object], known: tuple[str, ...]) -> None:
        for key in data:
            if key not in known:
                self.problem(
                    f"{prefix}{key}", f"is not a field of the input (known: {', '.join(known)})"
                )

    def object(self, path: str, raw: object, *, required: bool = True) -> dict[str, Any]:
        if raw is None:
            if required:
                self.problem(path, "is required")
            return {}
        if not isinstance(raw, dict):
            self.problem(path, "must be an object")
            return {}
        return raw

    def number(self, path: str, raw: object) -> Decimal | None:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            self.problem(path, 'must be an amount such as "123.45"')
            return None
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.problem(path, f'must be an amount such as "123.45", not {raw!r}')
            return None
        if not value.is_finite():
            self.problem(path, 'must be an amount such as "123.45"')
            return None
        return value

    def amount(self, path: str, raw: object, *, required: bool) -> Decimal:
        if raw is None:
            if required:
                self.problem(path, "is required")
            return ZERO
        value = self.number(path, raw)
        if value is None:
            return ZERO
        if value < 0:
            self.problem(path, "must not be negative")
        elif value > MAX_AMOUNT:
            self.problem(path, f"must not exceed {MAX_AMOUNT}")
        elif value != value.quantize(CENT):
            self.problem(path, "must have at most two decimal places")
        else:
            return value.quantize(CENT)
        return ZERO

    def fmap(self, path: str, raw: object, *, required: bool) -> Decimal:
        if raw is None:
            if required:
                self.problem(path, 'is required (the federal share as a fraction, e.g. "0.50")')
            return ZERO
        value = self.number(path, raw)
        if value is None:
            return ZERO
        if not ZERO <= value <= ONE:
            self.problem(path, 'must be a fraction between 0 and 1, such as "0.50"')
        elif value != value.quantize(Decimal(1).scaleb(-FMAP_PLACES)):
            self.problem(path, f"must have at most {FMAP_PLACES} decimal places")
        else:
            return value
        return ZERO

    def choice(self, path: str, raw: object, enum: type[StrEnum], default: Any) -> Any:
        allowed = [str(e) for e in enum]
        if raw is None:
            if default is None:
                self.problem(path, f"is required (one of {', '.join(allowed)})")
            return default
        if not isinstance(raw, str) or raw not in allowed:
            self.problem(path, f"must be one of {', '.join(allowed)}")
            return default
        return enum(raw)

    def date(self, path: str, raw: object) -> dt.date | None:
        if raw is None:
            self.problem(path, 'is required (a date such as "2026-05-15")')
            return None
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        self.problem(path, f'must be a date such as "2026-05-15", not {raw!r}')
        return None


def parse_contract_input(data: object) -> DistributionInput:
    """Read the ``cses rules distribute`` JSON input (already decoded) into a DistributionInput
    (contract: ``shared/reference/contracts.md``; rules: 42 USC 657). Amounts may be strings or
    JSON numbers (decode with ``json.loads(text, parse_float=Decimal)`` to keep a number's exact
    text). ``assistance``, ``receipt`` (``amount``, ``source``, ``date``), ``current_due`` and
    ``arrears`` are required; a key missing inside ``current_due`` or ``arrears`` is 0. ``fmap``
    is required unless the family never received assistance, ``pass_through`` when it receives
    assistance now. Raises DistributionInputError listing every problem, each naming its field
    by JSON path, e.g. ``receipt.amount: must not be negative``."""
    if not isinstance(data, dict):
        raise DistributionInputError(["input: must be a JSON object"])
    read = _Reader()
    read.unknown("", data, _TOP_FIELDS)
    assistance = read.choice("assistance", data.get("assistance"), Assistance, None)

    raw_receipt = data.get("receipt")
    receipt = read.object("receipt", raw_receipt)
    if isinstance(raw_receipt, dict):
        read.unknown("receipt.", receipt, _RECEIPT_FIELDS)
        amount = read.amount("receipt.amount", receipt.get("amount"), required=True)
        source = read.choice("receipt.source", receipt.get("source"), Source, None)
        date = read.date("receipt.date", receipt.get("date"))
    else:
        amount, source, date = ZERO, None, None

    def amounts(key: str, names: tuple[str, ...]) -> dict[str, Decimal]:
        raw = read.object(key, data.get(key))
        read.unknown(f"{key}.", raw, names)
        return {name: read.amount(f"{key}.{name}", raw.get(name), required=False) for name in names}

    current_due = amounts("current_due", tuple(str(c) for c in CURRENT_DUE))
    arrears = amounts("arrears", tuple(str(c) for c in ARREARS))
    fmap = read.fmap("fmap", data.get("fmap"), required=assistance is not Assistance.NEVER)
    if data.get("pass_through") is None and assistance is Assistance.CURRENT:
        read.problem(
            "pass_through",
            "is required for a family receiving assistance (what is still to pass through this "
            'month; "0" if none)',
        )
    pass_through = read.amount("pass_through", data.get("pass_through"), required=False)
    ordering = read.choice("ordering", data.get("ordering"), Ordering, Ordering.PRWORA)
    ura = None if data.get("ura") is None else read.amount("ura", data["ura"], required=True)

    if read.problems:
        raise DistributionInputError(read.problems)
    assert assistance is not None and source is not None and date is not None
    return DistributionInput(
        assistance=assistance,
        receipt=Receipt(amount=amount, source=source, date=date),
        current_due=CurrentDue(**current_due),
        arrears=Arrears(**arrears),
        fmap=fmap,
        pass_through=pass_through,
        ordering=ordering,
        ura=ura,
    )


def _money(amount: Decimal) -> str:
    return str(amount.quantize(CENT))


def distribution_to_contract(d: Distribution) -> dict[str, Any]:
    """The distribution as the ``cses rules distribute`` output of the public contract
    (``shared/reference/contracts.md``; rules: 42 USC 657): amounts as ``"123.45"`` strings.
    Beyond the contract's keys: each allocation's ``basis`` code, ``pass_through_paid``,
    ``ura_remaining``, ``unallocated_reason``, ``owed_after`` (the balances once the receipt is
    applied) and an echo of what was applied (``receipt``, ``assistance``, ``ordering``,
    ``fmap``)."""
    data = d.input
    return {
        "allocations": [
            {
                "to": str(a.to),
                "amount": _money(a.amount),
                "payee": str(a.payee),
                "reason": a.reason,
                "basis": str(a.basis),
            }
            for a in d.allocations
        ],
        "to_family": _money(d.to_family),
        "retained": _money(d.retained),
        "federal_share": _money(d.federal_share),
        "state_share": _money(d.state_share),
        "unallocated": _money(d.unallocated),
        "unallocated_reason": d.unallocated_reason,
        "pass_through_paid": _money(d.pass_through_paid),
        "ura_remaining": None if d.ura_remaining is None else _money(d.ura_remaining),
        "owed_after": {
            "current_due": {str(c): _money(d.owed_after(c)) for c in CURRENT_DUE},
            "arrears": {str(c): _money(d.owed_after(c)) for c in ARREARS},
        },
        "receipt": {
            "amount": _money(data.receipt.amount),
            "source": str(data.receipt.source),
            "date": data.receipt.date.isoformat(),
        },
        "assistance": str(data.assistance),
        "ordering": str(data.ordering),
        "fmap": str(data.fmap),
    }
