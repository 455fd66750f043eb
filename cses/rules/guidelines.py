"""The Connecticut child support guidelines worksheet, form CCSG-1 (Rev. 7-15), line by line.

Conn. Agencies Regs. §§ 46b-215a-1 (definitions), -2c (current support, health care, child care),
-3a (arrearage), -4b (the 55 % test), -5c (deviation criteria) and -6 (the worksheet), effective
July 1, 2015. No framework imports: frozen dataclasses in and out; the schedule and every threshold
arrive as data (``Schedule``, ``GuidelineParameters``).

What is verified against the regulation text and what is CSES's interim method is marked at each
step ("[verified]" / "[CSES interim]"); ``docs/guidelines.md`` has the same table for reviewers.
Source notes: ``shared/reference/ct-guidelines.md``.

- lines 1-14, gross income, allowable deductions (1(1)(A)-(J)), net: verified;
- lines 15-16, combined income, schedule lookup, high income (2c(a)(2)): verified method, but the
  official schedule has not been obtained (an illustrative one is flagged);
- lines 17-18, 21, 24-25, shares and net disposable income: secondary source;
- lines 19-20, Social Security dependency benefit credit: CSES interim;
- the low-income obligor's self-support reserve (2c(c)(3) not retrieved): CSES interim;
- line 31, arrearage payment (3a): verified;
- lines 33a and 34a, the child's premium and child care shared by line 25: CSES interim;
- lines 35a-35b, total award and the 55 % test (4b): verified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from cses.rules.guideline_schedule import Schedule

CENT = Decimal("0.01")
DOLLAR = Decimal(1)
HUNDRED = Decimal(100)
ZERO = Decimal(0)
ALL = Decimal(1)
MAX_WEEKLY_AMOUNT = Decimal("99999999.99")  # keeps arithmetic far inside Decimal's precision


class Parent(StrEnum):
    CUSTODIAL = "custodial"
    NONCUSTODIAL = "noncustodial"


class HighIncomeChoice(StrEnum):
    """Which presumptive amount applies above the schedule's top (46b-215a-2c(a)(2))."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"


class Flag(StrEnum):
    """What a reviewer must see on a worksheet."""

    ILLUSTRATIVE_SCHEDULE = "illustrative_schedule"
    HIGH_INCOME = "high_income"
    LOW_INCOME_OBLIGOR = "low_income_obligor"
    LOW_INCOME_LIMIT_APPLIED = "low_income_limit_applied"
    SS_DEPENDENCY_BENEFIT_COVERS_SHARE = "ss_dependency_benefit_covers_share"
    NO_CURRENT_ORDER = "no_current_order"
    ARREARAGE_PAYMENT_LIMITED_BY_55_PERCENT = "arrearage_payment_limited_by_55_percent"
    ARREARAGE_PAYMENT_ZERO_CURRENT_OVER_55_PERCENT = (
        "arrearage_payment_zero_current_over_55_percent"
    )
    ARREARAGE_PAYMENT_LIMITED_BY_ARREARS_OWED = "arrearage_payment_limited_by_arrears_owed"
    TOTAL_AWARD_OVER_55_PERCENT = "total_award_over_55_percent"
    OBLIGOR_HAS_NO_NET_INCOME = "obligor_has_no_net_income"


# Allowable deductions, 46b-215a-1(1)(A)-(J), and the CCSG-1 line each goes on. Federal and state
# income tax are one deduction in the regulation, two lines on the form.
DEDUCTION_LINES: Mapping[str, str] = MappingProxyType(
    {
        "federal_income_tax": "2",
        "social_security": "3",
        "medicare": "4",
        "state_local_income_tax": "5",
        "health_premiums": "6",
        "life_insurance": "7",
        "disability_insurance": "8",
        "union_dues": "9",
        "uniforms_tools": "10",
        "other_support_paid": "11",
        "qualified_child": "12",
    }
)

LINE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "1": "Gross weekly income",
        "2": "Federal income tax",
        "3": "Social Security tax or mandatory retirement",
        "4": "Medicare tax",
        "5": "State and local income tax",
        "6": "Health insurance premiums for the parent and legal dependents",
        "7": "Court-ordered life insurance for the child",
        "8": "Court-ordered disability insurance",
        "9": "Mandatory union dues or fees",
        "10": "Mandatory uniforms and tools",
        "11": "Court-ordered alimony and child support for others (not arrearage)",
        "12": "Qualified-child deduction",
        "13": "Total deductions (lines 2-12)",
        "14": "Net weekly income (line 1 minus line 13)",
        "15": "Combined net weekly income",
        "16": "Basic child support obligation (schedule)",
        "17": "Percentage share of combined net weekly income",
        "18": "Share of the basic obligation",
        "19": "Social Security dependency benefit credit",
        "20": "Share after the Social Security credit",
        "21": "Net disposable income after current support",
        "24": "Combined net disposable income",
        "25": "Percentage share of combined net disposable income",
        "30": "Presumptive current support order",
        "31": "Arrearage payment",
        "33a": "Health care coverage contribution (child's premium)",
        "34a": "Child care contribution",
        "34b": "Other contribution on line 34b (not modelled by CSES: always 0)",
        "35a": "Total presumptive child support award",
        "35b": "Total award as a percentage of the obligor's net weekly income",
    }
)


class WorksheetError(ValueError):
    """Input the worksheet cannot be computed from; each problem names its field by JSON path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))

    def by_field(self) -> list[tuple[str, str]]:
        """The problems as (JSON path, message) pairs, for putting them back on form fields."""
        pairs = []
        for problem in self.problems:
            path, separator, message = problem.partition(": ")
            pairs.append((path, message) if separator else ("", problem))
        return pairs


class InputError(WorksheetError):
    """The contract's JSON input is not valid (``parse_contract_input``)."""


class DeviationError(ValueError):
    pass


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_dollars(amount: Decimal) -> Decimal:
    """46b-215a-6: round to the nearest dollar; cents under 50 are dropped, 50-99 round up."""
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ParentIncome:
    """One parent's weekly figures: gross income (line 1), the allowable deductions by their
    contract key (lines 2-12) and any Social Security dependency benefit paid for the child on
    this parent's account (line 19; include it in gross income too)."""

    gross_weekly_income: Decimal
    deductions: Mapping[str, Decimal] = field(default_factory=dict)
    ss_dependency_benefit: Decimal = ZERO

    def __post_init__(self) -> None:
        object.__setattr__(self, "deductions", MappingProxyType(dict(self.deductions)))


@dataclass(frozen=True)
class WorksheetInput:
    children: int
    custodial: ParentIncome
    noncustodial: ParentIncome
    child_health_premium_weekly: Decimal = ZERO
    child_health_premium_paid_by: Parent = Parent.NONCUSTODIAL
    child_care_weekly: Decimal = ZERO
    child_care_paid_by: Parent = Parent.CUSTODIAL
    arrears_owed: Decimal = ZERO
    high_income: HighIncomeChoice = HighIncomeChoice.MINIMUM
    current_order_exists: bool = True
    present_duty_of_support: bool = True

    def parent(self, which: Parent) -> ParentIncome:
        return self.custodial if which is Parent.CUSTODIAL else self.noncustodial


@dataclass(frozen=True)
class GuidelineParameters:
    """The thresholds the worksheet uses, as of a date. The low-income threshold and the
    self-support reserve (46b-215a-1) are UNVERIFIED and have no default; the arrearage and 55 %
    figures are 46b-215a-3a and -4b as verified."""

    low_income_threshold_weekly: Decimal
    self_support_reserve_weekly: Decimal
    arrears_current_share: Decimal = Decimal("0.20")  # 3a: 20 % of current support
    arrears_income_cap: Decimal = Decimal("0.55")  # 3a: 55 % of obligor net income
    low_income_arrears_share: Decimal = Decimal("0.10")  # 3a: low-income obligor, 10 %
    low_income_arrears_minimum: Decimal = Decimal("1.00")  # 3a: low-income obligor, $1/week
    total_award_cap_percent: Decimal = Decimal("55")  # 4b: 55 % of obligor net income


@dataclass(frozen=True)
class PerParent:
    """A worksheet line with a column for each parent."""

    custodial: Decimal
    noncustodial: Decimal

    def of(self, which: Parent) -> Decimal:
        return self.custodial if which is Parent.CUSTODIAL else self.noncustodial

    @property
    def total(self) -> Decimal:
        return self.custodial + self.noncustodial


@dataclass(frozen=True)
class HighIncome:
    """46b-215a-2c(a)(2): combined net weekly income above the schedule's top. The presumptive
    obligation lies between ``minimum`` (the amount at the top) and ``maximum`` (combined income *
    the percentage at the top); ``choice`` says which line 16 uses."""

    minimum: Decimal
    maximum: Decimal
    choice: HighIncomeChoice
    schedule_top: Decimal
    amount_at_top: Decimal


@dataclass(frozen=True)
class ArrearagePayment:
    amount: Decimal
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class TotalAward:
    total: Decimal  # line 35a
    percent_of_obligor_net_income: Decimal | None  # line 35b; None when net income is 0
    over_cap: bool


@dataclass(frozen=True)
class Worksheet:
    """Every line of a completed CCSG-1 worksheet, the flags a reviewer must see and what it was
    computed from."""

    input: WorksheetInput
    parameters: GuidelineParameters
    schedule_name: str
    schedule_effective: dt.date
    schedule_illustrative: bool
    children: int
    gross_income: PerParent  # line 1
    deductions: Mapping[str, PerParent]  # lines 2-12, by line number
    total_deductions: PerParent  # line 13
    net_income: PerParent  # line 14
    combined_net_income: Decimal  # line 15
    basic_obligation: Decimal  # line 16
    high_income: HighIncome | None
    percentage_share: PerParent  # line 17
    share_of_obligation: PerParent  # line 18
    ss_dependency_credit: PerParent  # line 19
    share_after_ss_credit: PerParent  # line 20
    low_income_obligor: bool
    imputed_support_obligation: Decimal  # line 30 as if an order existed (3a, no current order)
    current_support: Decimal  # line 30
    net_disposable_income: PerParent  # line 21
    combined_net_disposable_income: Decimal  # line 24
    disposable_percentage: PerParent  # line 25
    arrearage_payment: Decimal  # line 31
    health_care_contribution: Decimal  # line 33a
    child_care_contribution: Decimal  # line 34a
    other_contribution_34b: Decimal  # line 34b (not modelled)
    total_award: Decimal  # line 35a
    percent_of_obligor_net_income: Decimal | None  # line 35b
    unreimbursed_medical_percentage: Decimal
    flags: tuple[Flag, ...]
    deviation_criteria_flagged: tuple[str, ...]
    notes: tuple[str, ...]

    def lines(self) -> dict[str, Decimal | PerParent | None]:
        """The worksheet by CCSG-1 line number ("1" … "35b"); lines CSES does not model (1a,
        22-23, 26-29, 32, 33b) are absent."""
        lines: dict[str, Decimal | PerParent | None] = {"1": self.gross_income}
        lines.update(self.deductions)
        lines.update(
            {
                "13": self.total_deductions,
                "14": self.net_income,
                "15": self.combined_net_income,
                "16": self.basic_obligation,
                "17": self.percentage_share,
                "18": self.share_of_obligation,
                "19": self.ss_dependency_credit,
                "20": self.share_after_ss_credit,
                "21": self.net_disposable_income,
                "24": self.combined_net_disposable_income,
                "25": self.disposable_percentage,
                "30": self.current_support,
                "31": self.arrearage_payment,
                "33a": self.health_care_contribution,
                "34a": self.child_care_contribution,
                "34b": self.other_contribution_34b,
                "35a": self.total_award,
                "35b": self.percent_of_obligor_net_income,
            }
        )
        return lines


# ---------------------------------------------------------------------------------------------
# The steps, each a pure function an auditor can test on its own.


def percentage_shares(custodial: Decimal, noncustodial: Decimal) -> PerParent:
    """Lines 17 and 25: each parent's percentage of the combined amount, two decimals, summing to
    exactly 100.00 (the custodial parent takes the remainder, as the completed worksheets seen do).
    [secondary source] When the combined amount is 0 the noncustodial parent's share is 0 [CSES
    interim]: no income, no share, and no division by zero."""
    combined = custodial + noncustodial
    if combined <= 0:
        noncustodial_share = ZERO
    else:
        noncustodial_share = min(max(noncustodial, ZERO) * HUNDRED / combined, HUNDRED)
    noncustodial_share = to_cents(noncustodial_share)
    return PerParent(
        custodial=to_cents(HUNDRED - noncustodial_share), noncustodial=noncustodial_share
    )


def basic_obligation(
    combined: Decimal, children: int, schedule: Schedule, choice: HighIncomeChoice
) -> tuple[Decimal, HighIncome | None]:
    """Line 16, 46b-215a-2c(a) [verified]: the schedule amount for the combined net weekly income
    and number of children. Above the schedule's top, 2c(a)(2) [verified]: the minimum presumptive
    obligation is the amount at the top; the maximum is combined income * the schedule's
    percentage at the top (to the cent); ``choice`` picks the one line 16 uses."""
    if combined <= schedule.top:
        return schedule.lookup(combined, children), None
    at_top = schedule.amount_at_top(children)
    maximum = to_cents(combined * at_top / schedule.top)
    high = HighIncome(
        minimum=at_top,
        maximum=maximum,
        choice=choice,
        schedule_top=schedule.top,
        amount_at_top=at_top,
    )
    return (at_top if choice is HighIncomeChoice.MINIMUM else maximum), high


def low_income_limit(
    share_after_credit: Decimal, net_income: Decimal, params: GuidelineParameters
) -> tuple[Decimal, bool]:
    """[CSES interim] The low-income obligor rule of 46b-215a-2c(c)(3) and the definitions of
    46b-215a-1 (low-income threshold, self-support reserve) have NOT been verified; the official
    rule reads the order from a shaded area of the schedule. Until it is, CSES treats a
    noncustodial parent whose net weekly income is at or below ``low_income_threshold_weekly`` as
    a low-income obligor and limits current support so the parent keeps the self-support reserve:
    min(line 20, max(0, net income - reserve)). Returns (current support, is low-income obligor)."""
    if net_income > params.low_income_threshold_weekly:
        return share_after_credit, False
    keeps_reserve = max(ZERO, net_income - params.self_support_reserve_weekly)
    return min(share_after_credit, keeps_reserve), True


def arrearage_payment(
    *,
    current_support: Decimal,
    obligor_net_income: Decimal,
    arrears_owed: Decimal,
    low_income_obligor: bool,
    current_order_exists: bool,
    present_duty_of_support: bool,
    imputed_support_obligation: Decimal,
    params: GuidelineParameters,
) -> ArrearagePayment:
    """Line 31, the weekly arrearage payment, 46b-215a-3a [verified]:

    - no current support order: 20 % of the imputed support obligation when the parents still
      have a present duty of support, 100 % when they do not (3a; checked first, so it also
      governs a low-income obligor without an order [CSES reading]);
    - low-income obligor: max(10 % of current support, $1.00);
    - otherwise min(20 % of current support, 55 % of the obligor's net income - current support),
      floored at 0 [CSES reading: the text is silent when the second term is negative] and
      flagged when the 55 % term binds or leaves nothing.

    Never more than the arrears owed; nothing when none are owed. Cents, half up. The 3a(e) rule
    for a child living with the obligor was not retrieved and is not applied."""
    if arrears_owed <= 0:
        return ArrearagePayment(ZERO, ())
    flags: list[Flag] = []
    if not current_order_exists:
        share = params.arrears_current_share if present_duty_of_support else ALL
        amount = imputed_support_obligation * share
    elif low_income_obligor:
        amount = max(
            params.low_income_arrears_share * current_support, params.low_income_arrears_minimum
        )
    else:
        general = params.arrears_current_share * current_support
        under_cap = params.arrears_income_cap * obligor_net_income - current_support
        amount = min(general, under_cap)
        if under_cap < general:
            flags.append(Flag.ARREARAGE_PAYMENT_LIMITED_BY_55_PERCENT)
        if under_cap <= 0:
            flags.append(Flag.ARREARAGE_PAYMENT_ZERO_CURRENT_OVER_55_PERCENT)
        amount = max(amount, ZERO)
    amount = to_cents(amount)
    if amount > arrears_owed:
        amount = arrears_owed
        flags.append(Flag.ARREARAGE_PAYMENT_LIMITED_BY_ARREARS_OWED)
    return ArrearagePayment(amount, tuple(flags))


def total_award(
    *,
    current_support: Decimal,
    arrearage_payment: Decimal,
    health_care_contribution: Decimal,
    child_care_contribution: Decimal,
    other_contribution_34b: Decimal,
    obligor_net_income: Decimal,
    params: GuidelineParameters,
) -> TotalAward:
    """Lines 35a-35b, 46b-215a-4b [verified]: the total presumptive award L30 + L31 + L33a + L34a
    + L34b, and that total as a percentage of the obligor's net weekly income (two decimals). Over
    55 % is a basis to deviate under 46b-215a-5c(b)(6)(C), not a cap. An obligor with no net
    income and a positive award is over any percentage (line 35b is then undefined: None)."""
    total = (
        current_support
        + arrearage_payment
        + health_care_contribution
        + child_care_contribution
        + other_contribution_34b
    )
    if obligor_net_income > 0:
        percent = to_cents(total * HUNDRED / obligor_net_income)
        return TotalAward(total, percent, percent > params.total_award_cap_percent)
    if total == 0:
        return TotalAward(total, ZERO, False)
    return TotalAward(total, None, True)


# ---------------------------------------------------------------------------------------------
# Input checks shared by ``compute`` and ``parse_contract_input``.


def _amount_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return "must be a number"
    if value < 0:
        return "must not be negative"
    if value > MAX_WEEKLY_AMOUNT:
        return f"must not exceed {MAX_WEEKLY_AMOUNT}"
    if value != to_cents(value):
        return "must have at most two decimal places"
    return None


def _deductions_problem(gross: Decimal, deductions: Mapping[str, Decimal]) -> str | None:
    total = sum(deductions.values(), ZERO)
    if total > gross:
        return (
            f"the deductions total {to_cents(total)}, more than the gross weekly income "
            f"{to_cents(gross)}"
        )
    return None


def validate_input(data: WorksheetInput) -> list[str]:
    """Every problem with ``data`` that would make the worksheet meaningless, by JSON path."""
    problems: list[str] = []
    if isinstance(data.children, bool) or data.children not in range(1, 7):
        problems.append("children: must be between 1 and 6")
    amounts: list[tuple[str, Decimal]] = [
        ("child_health_premium_weekly", data.child_health_premium_weekly),
        ("child_care_weekly", data.child_care_weekly),
        ("arrears_owed", data.arrears_owed),
    ]
    for which in Parent:
        income = data.parent(which)
        amounts.append((f"{which}.gross_weekly_income", income.gross_weekly_income))
        amounts.append((f"{which}.ss_dependency_benefit", income.ss_dependency_benefit))
        for key, value in income.deductions.items():
            if key not in DEDUCTION_LINES:
                problems.append(f"{which}.deductions.{key}: not an allowable deduction")
            else:
                amounts.append((f"{which}.deductions.{key}", value))
    clean = True
    for path, value in amounts:
        problem = _amount_problem(value)
        if problem:
            problems.append(f"{path}: {problem}")
            clean = False
    if clean:
        for which in Parent:
            income = data.parent(which)
            problem = _deductions_problem(income.gross_weekly_income, income.deductions)
            if problem:
                problems.append(f"{which}.deductions: {problem}")
    return problems


# ---------------------------------------------------------------------------------------------
# The worksheet.


def compute(data: WorksheetInput, schedule: Schedule, params: GuidelineParameters) -> Worksheet:
    """Complete worksheet CCSG-1 (46b-215a-6) for one family: current support (46b-215a-2c),
    the arrearage payment (-3a), health care and child care contributions (-2c), the total award
    and the 55 % test (-4b). Raises WorksheetError naming every bad field."""
    problems = validate_input(data)
    if problems:
        raise WorksheetError(problems)
    flags: list[Flag] = []
    if schedule.illustrative:
        flags.append(Flag.ILLUSTRATIVE_SCHEDULE)
    ncp = Parent.NONCUSTODIAL

    # Lines 1-14, 46b-215a-1(1) [verified]: net = gross - allowable deductions.
    gross = PerParent(data.custodial.gross_weekly_income, data.noncustodial.gross_weekly_income)
    deductions = {
        line: PerParent(
            data.custodial.deductions.get(key, ZERO), data.noncustodial.deductions.get(key, ZERO)
        )
        for key, line in DEDUCTION_LINES.items()
    }
    total_deductions = PerParent(
        sum((d.custodial for d in deductions.values()), ZERO),
        sum((d.noncustodial for d in deductions.values()), ZERO),
    )
    net = PerParent(
        gross.custodial - total_deductions.custodial,
        gross.noncustodial - total_deductions.noncustodial,
    )

    # Lines 15-16, 2c(a) [verified; the schedule itself is data].
    combined = net.total
    basic, high = basic_obligation(combined, data.children, schedule, data.high_income)
    if high:
        flags.append(Flag.HIGH_INCOME)

    # Lines 17-18 [secondary source]: shares, then each share of the obligation to the dollar
    # (46b-215a-6 rounding [verified]).
    shares = percentage_shares(net.custodial, net.noncustodial)
    share_of_obligation = PerParent(
        to_dollars(basic * shares.custodial / HUNDRED),
        to_dollars(basic * shares.noncustodial / HUNDRED),
    )

    # Lines 19-20 [CSES interim]: a Social Security dependency benefit paid for the child on a
    # parent's account is credited against that parent's share, never below 0.
    credit = PerParent(
        data.custodial.ss_dependency_benefit, data.noncustodial.ss_dependency_benefit
    )
    after_credit = PerParent(
        max(ZERO, share_of_obligation.custodial - credit.custodial),
        max(ZERO, share_of_obligation.noncustodial - credit.noncustodial),
    )
    if credit.noncustodial > 0 and credit.noncustodial >= share_of_obligation.noncustodial:
        flags.append(Flag.SS_DEPENDENCY_BENEFIT_COVERS_SHARE)

    # Low-income obligor [CSES interim], then line 30 (0 without a current order, 3a).
    imputed, low_income = low_income_limit(after_credit.of(ncp), net.of(ncp), params)
    if low_income:
        flags.append(Flag.LOW_INCOME_OBLIGOR)
        if imputed < after_credit.of(ncp):
            flags.append(Flag.LOW_INCOME_LIMIT_APPLIED)
    current = imputed if data.current_order_exists else ZERO
    if not data.current_order_exists:
        flags.append(Flag.NO_CURRENT_ORDER)

    # Lines 21, 24, 25 [secondary source]: income after current support changes hands.
    disposable = PerParent(net.custodial + current, net.noncustodial - current)
    disposable_shares = percentage_shares(disposable.custodial, disposable.noncustodial)
    ncp_fraction = disposable_shares.noncustodial / HUNDRED

    # Line 31, 3a [verified].
    arrears = arrearage_payment(
        current_support=current,
        obligor_net_income=net.of(ncp),
        arrears_owed=data.arrears_owed,
        low_income_obligor=low_income,
        current_order_exists=data.current_order_exists,
        present_duty_of_support=data.present_duty_of_support,
        imputed_support_obligation=imputed,
        params=params,
    )
    flags.extend(arrears.flags)

    # Lines 33a and 34a [CSES interim]: the child's premium and child care shared by line 25.
    health = to_cents(data.child_health_premium_weekly * ncp_fraction)
    child_care = to_cents(data.child_care_weekly * ncp_fraction)

    # Lines 35a-35b, 4b [verified].
    award = total_award(
        current_support=current,
        arrearage_payment=arrears.amount,
        health_care_contribution=health,
        child_care_contribution=child_care,
        other_contribution_34b=ZERO,
        obligor_net_income=net.of(ncp),
        params=params,
    )
    deviation_flagged: tuple[str, ...] = ()
    if award.over_cap:
        flags.append(Flag.TOTAL_AWARD_OVER_55_PERCENT)
        deviation_flagged = (TOTAL_AWARD_OVER_55_PERCENT_CRITERION,)
    if award.percent_of_obligor_net_income is None:
        flags.append(Flag.OBLIGOR_HAS_NO_NET_INCOME)

    return Worksheet(
        input=data,
        parameters=params,
        schedule_name=schedule.name,
        schedule_effective=schedule.effective,
        schedule_illustrative=schedule.illustrative,
        children=data.children,
        gross_income=gross,
        deductions=MappingProxyType(deductions),
        total_deductions=total_deductions,
        net_income=net,
        combined_net_income=combined,
        basic_obligation=basic,
        high_income=high,
        percentage_share=shares,
        share_of_obligation=share_of_obligation,
        ss_dependency_credit=credit,
        share_after_ss_credit=after_credit,
        low_income_obligor=low_income,
        imputed_support_obligation=imputed,
        current_support=current,
        net_disposable_income=disposable,
        combined_net_disposable_income=disposable.total,
        disposable_percentage=disposable_shares,
        arrearage_payment=arrears.amount,
        health_care_contribution=health,
        child_care_contribution=child_care,
        other_contribution_34b=ZERO,
        total_award=award.total,
        percent_of_obligor_net_income=award.percent_of_obligor_net_income,
        unreimbursed_medical_percentage=disposable_shares.noncustodial,
        flags=tuple(flags),
        deviation_criteria_flagged=deviation_flagged,
        notes=tuple(_notes(data, health, child_care)),
    )


def _notes(data: WorksheetInput, health: Decimal, child_care: Decimal) -> list[str]:
    notes = []
    if data.child_health_premium_weekly > 0:
        if data.child_health_premium_paid_by is Parent.NONCUSTODIAL:
            notes.append(
                f"The noncustodial parent pays the child's health premium to the insurer; "
                f"line 33a ({health}) is that parent's share of it, paid directly."
            )
        else:
            notes.append(
                f"The custodial parent pays the child's health premium to the insurer; the "
                f"noncustodial parent pays line 33a ({health}) towards it."
            )
    if data.child_care_weekly > 0:
        if data.child_care_paid_by is Parent.NONCUSTODIAL:
            notes.append(
                f"The noncustodial parent pays the child care provider; line 34a ({child_care}) "
                f"is that parent's share of the cost, paid directly."
            )
        else:
            notes.append(
                f"The custodial parent pays the child care provider; the noncustodial parent "
                f"pays line 34a ({child_care}) towards it."
            )
    return notes


# ---------------------------------------------------------------------------------------------
# Deviation criteria, 46b-215a-5c.


@dataclass(frozen=True)
class DeviationCriterion:
    code: str  # the regulation section, e.g. "46b-215a-5c(b)(6)(C)"
    label: str
    citation: str
    verified: bool  # False: the item or its letter is from memory (ct-guidelines.md §2.7, "M")


def _criterion(code: str, label: str, verified: bool) -> DeviationCriterion:
    return DeviationCriterion(code, label, f"Conn. Agencies Regs. § {code}", verified)


TOTAL_AWARD_OVER_55_PERCENT_CRITERION = "46b-215a-5c(b)(6)(C)"

DEVIATION_CRITERIA: Mapping[str, DeviationCriterion] = MappingProxyType(
    {
        c.code: c
        for c in [
            _criterion(
                "46b-215a-5c(b)(1)(A)", "Other financial resources: substantial assets", True
            ),
            _criterion(
                "46b-215a-5c(b)(1)(B)",
                "Other financial resources: the parent's earning capacity",
                True,
            ),
            _criterion(
                "46b-215a-5c(b)(1)(C)",
                "Other financial resources: parental support provided to a minor obligor",
                True,
            ),
            _criterion(
                "46b-215a-5c(b)(1)(D)",
                "Other financial resources: regular contributions or gifts of a spouse or "
                "domestic partner that reduce the parent's income or living expenses",
                True,
            ),
            _criterion(
                "46b-215a-5c(b)(1)",
                "Other financial resources not listed above, e.g. wages for hours over 52 a week, "
                "auto or housing allowances (UNVERIFIED: items and letters not checked)",
                False,
            ),
            _criterion(
                "46b-215a-5c(b)(2)",
                "Extraordinary expenses for the child's care and maintenance (UNVERIFIED)",
                False,
            ),
            _criterion("46b-215a-5c(b)(3)", "Extraordinary parental expenses (UNVERIFIED)", False),
            _criterion(
                "46b-215a-5c(b)(4)", "Needs of a parent's other dependents (UNVERIFIED)", False
            ),
            _criterion(
                "46b-215a-5c(b)(5)", "Coordination of total family support (UNVERIFIED)", False
            ),
            _criterion(
                "46b-215a-5c(b)(6)(A)",
                "Special circumstances: shared physical custody (UNVERIFIED letter)",
                False,
            ),
            _criterion(
                "46b-215a-5c(b)(6)(B)",
                "Special circumstances: extraordinary disparity in parental income "
                "(UNVERIFIED letter)",
                False,
            ),
            _criterion(
                TOTAL_AWARD_OVER_55_PERCENT_CRITERION,
                "Special circumstances: the total child support award exceeds 55 % of the "
                "obligor's net income (46b-215a-4b)",
                True,
            ),
            _criterion(
                "46b-215a-5c(b)(6)(D)",
                "Special circumstances: best interests of the child (UNVERIFIED letter)",
                False,
            ),
            _criterion(
                "46b-215a-5c(b)(6)(E)",
                "Special circumstances: other equitable factors (UNVERIFIED letter)",
                False,
            ),
        ]
    }
)

DEVIABLE_AMOUNTS = (
    "current_support",
    "arrearage_payment",
    "health_care_contribution",
    "child_care_contribution",
)


@dataclass(frozen=True)
class Deviation:
    """A finding that a presumptive amount would be inequitable or inappropriate, 46b-215a-5c(a):
    it keeps the amount the guidelines would have required beside the amount ordered."""

    criterion: DeviationCriterion
    component: str
    guideline_amount: Decimal
    ordered_amount: Decimal
    finding: str

    @property
    def difference(self) -> Decimal:
        return self.ordered_amount - self.guideline_amount

    def statement(self) -> str:
        """The finding as 5c(a) requires it on the record: the guideline amount, the amount
        ordered, the criterion and the factual reason."""
        what = self.component.replace("_", " ")
        return (
            f"The guidelines would require {self.guideline_amount} weekly {what}; "
            f"{self.ordered_amount} is ordered instead under {self.criterion.citation} "
            f"({self.criterion.label}) because {self.finding}"
        )


def record_deviation(
    worksheet: Worksheet,
    criterion: str,
    ordered_amount: Decimal,
    finding: str,
    *,
    component: str = "current_support",
) -> Deviation:
    """Record a deviation from the presumptive amount under one of the 46b-215a-5c(b) criteria.
    5c(a) [verified]: only a listed criterion counts, and the finding must state the amount the
    guidelines would have required and the factual reason for the variance."""
    problems = []
    known = DEVIATION_CRITERIA.get(criterion)
    if known is None:
        problems.append(f"criterion: {criterion!r} is not a 46b-215a-5c(b) deviation criterion")
    if component not in DEVIABLE_AMOUNTS:
        problems.append(f"component: must be one of {', '.join(DEVIABLE_AMOUNTS)}")
    if not finding or not finding.strip():
        problems.append("finding: the factual reason for the deviation is required")
    problem = _amount_problem(ordered_amount)
    if problem:
        problems.append(f"ordered_amount: {problem}")
    if problems:
        raise DeviationError("; ".join(problems))
    assert known is not None
    guideline_amount = getattr(worksheet, component)
    if ordered_amount == guideline_amount:
        raise DeviationError("ordered_amount: equals the guideline amount; that is no deviation")
    return Deviation(
        criterion=known,
        component=component,
        guideline_amount=guideline_amount,
        ordered_amount=ordered_amount,
        finding=finding.strip(),
    )


# ---------------------------------------------------------------------------------------------
# The public contract (``cses guidelines calc``; shared/reference/contracts.md).


def _money(value: Decimal) -> str:
    return format(to_cents(value), "f")


def _line_value(value: Decimal | PerParent | None) -> str | dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, PerParent):
        return {"custodial": _money(value.custodial), "noncustodial": _money(value.noncustodial)}
    return _money(value)


def _per_parent(value: PerParent) -> dict[str, str]:
    return {"custodial": _money(value.custodial), "noncustodial": _money(value.noncustodial)}


def worksheet_to_contract(ws: Worksheet) -> dict[str, Any]:
    """The worksheet as the ``cses guidelines calc`` output of the public contract: amounts and
    percentages as decimal strings with two places, ``lines`` by CCSG-1 line number."""
    lines = ws.lines()
    out: dict[str, Any] = {
        "net_weekly_income": _per_parent(ws.net_income),
        "combined_net_weekly_income": _money(ws.combined_net_income),
        "basic_obligation": _money(ws.basic_obligation),
        "percentage_share": _per_parent(ws.percentage_share),
        "share_of_obligation": _per_parent(ws.share_of_obligation),
        "current_support_weekly": _money(ws.current_support),
        "arrearage_payment_weekly": _money(ws.arrearage_payment),
        "health_care_contribution_weekly": _money(ws.health_care_contribution),
        "child_care_contribution_weekly": _money(ws.child_care_contribution),
        "total_award_weekly": _money(ws.total_award),
        "percent_of_obligor_net_income": _line_value(ws.percent_of_obligor_net_income),
        "flags": [str(f) for f in ws.flags],
        "lines": {number: _line_value(value) for number, value in lines.items()},
        "line_labels": {number: LINE_LABELS[number] for number in lines},
        "schedule": {
            "name": ws.schedule_name,
            "effective": ws.schedule_effective.isoformat(),
            "illustrative": ws.schedule_illustrative,
        },
        "children": ws.children,
        "unreimbursed_medical_percentage": _money(ws.unreimbursed_medical_percentage),
        "child_health_premium_paid_by": str(ws.input.child_health_premium_paid_by),
        "child_care_paid_by": str(ws.input.child_care_paid_by),
        "low_income_obligor": ws.low_income_obligor,
        "imputed_support_obligation_weekly": _money(ws.imputed_support_obligation),
        "deviation_criteria_flagged": [
            {
                "code": code,
                "label": DEVIATION_CRITERIA[code].label,
                "citation": DEVIATION_CRITERIA[code].citation,
            }
            for code in ws.deviation_criteria_flagged
        ],
        "notes": list(ws.notes),
        "parameters": {
            "low_income_threshold_weekly": _money(ws.parameters.low_income_threshold_weekly),
            "self_support_reserve_weekly": _money(ws.parameters.self_support_reserve_weekly),
        },
    }
    if ws.high_income:
        high = ws.high_income
        out["high_income"] = {
            "minimum": _money(high.minimum),
            "maximum": _money(high.maximum),
            "choice": str(high.choice),
            "schedule_top": _money(high.schedule_top),
            "amount_at_top": _money(high.amount_at_top),
            "percentage_at_top": _money(high.amount_at_top * HUNDRED / high.schedule_top),
        }
    return out


_TOP_FIELDS = {
    "children",
    "custodial",
    "noncustodial",
    "child_health_premium_weekly",
    "child_health_premium_paid_by",
    "child_care_weekly",
    "child_care_paid_by",
    "arrears_owed",
    "high_income",
    "current_order_exists",
    "present_duty_of_support",
}
_PARENT_FIELDS = {"gross_weekly_income", "deductions", "ss_dependency_benefit"}


class _Reader:
    """Collects every problem in the JSON input, each named by its path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def amount(self, path: str, raw: object, *, required: bool = False) -> Decimal:
        if raw is None:
            if required:
                self.problem(path, "is required")
            return ZERO
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            self.problem(path, 'must be an amount such as "123.45"')
            return ZERO
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.problem(path, f'must be an amount such as "123.45", not {raw!r}')
            return ZERO
        problem = _amount_problem(value)
        if problem:
            self.problem(path, problem)
            return ZERO
        return value

    def choice(self, path: str, raw: object, enum: type[StrEnum], default: StrEnum) -> Any:
        if raw is None:
            return default
        allowed = [str(e) for e in enum]
        if not isinstance(raw, str) or raw not in allowed:
            self.problem(path, f"must be one of {', '.join(allowed)}")
            return default
        return enum(raw)

    def boolean(self, path: str, raw: object, default: bool) -> bool:
        if raw is None:
            return default
        if not isinstance(raw, bool):
            self.problem(path, "must be true or false")
            return default
        return raw

    def unknown(self, prefix: str, data: Mapping[str, object], known: set[str]) -> None:
        for key in data:
            if key not in known:
                self.problem(f"{prefix}{key}", "is not a field of the input")

    def parent(self, which: Parent, raw: object) -> ParentIncome:
        path = str(which)
        if raw is None:
            self.problem(f"{path}.gross_weekly_income", "is required")
            return ParentIncome(ZERO)
        if not isinstance(raw, dict):
            self.problem(path, "must be an object")
            return ParentIncome(ZERO)
        self.unknown(f"{path}.", raw, _PARENT_FIELDS)
        problems_before = len(self.problems)
        gross = self.amount(
            f"{path}.gross_weekly_income", raw.get("gross_weekly_income"), required=True
        )
        deductions: dict[str, Decimal] = {}
        raw_deductions = raw.get("deductions")
        if raw_deductions is not None and not isinstance(raw_deductions, dict):
            self.problem(f"{path}.deductions", "must be an object")
        elif raw_deductions:
            for key, value in raw_deductions.items():
                if key not in DEDUCTION_LINES:
                    self.problem(
                        f"{path}.deductions.{key}",
                        "not an allowable deduction (allowed: " + ", ".join(DEDUCTION_LINES) + ")",
                    )
                    continue
                deductions[key] = self.amount(f"{path}.deductions.{key}", value, required=True)
        if len(self.problems) == problems_before:
            problem = _deductions_problem(gross, deductions)
            if problem:
                self.problem(f"{path}.deductions", problem)
        benefit = self.amount(f"{path}.ss_dependency_benefit", raw.get("ss_dependency_benefit"))
        return ParentIncome(gross, deductions, benefit)


def parse_contract_input(data: object) -> WorksheetInput:
    """Read the contract's JSON input (already decoded) into a WorksheetInput. Amounts may be
    strings or JSON numbers; decode with ``json.loads(text, parse_float=Decimal)`` to keep a
    number's exact text (a float is read through its shortest decimal text). Raises
    InputError listing every problem, each naming its field by JSON path, e.g.
    ``noncustodial.gross_weekly_income: must not be negative``."""
    if not isinstance(data, dict):
        raise InputError(["input: must be a JSON object"])
    read = _Reader()
    read.unknown("", data, _TOP_FIELDS)
    children = data.get("children")
    if children is None:
        read.problem("children", "is required")
        children = 1
    elif isinstance(children, bool) or not isinstance(children, int):
        read.problem("children", "must be a whole number between 1 and 6")
        children = 1
    elif not 1 <= children <= 6:
        read.problem("children", "must be between 1 and 6")
        children = 1
    result = WorksheetInput(
        children=children,
        custodial=read.parent(Parent.CUSTODIAL, data.get("custodial")),
        noncustodial=read.parent(Parent.NONCUSTODIAL, data.get("noncustodial")),
        child_health_premium_weekly=read.amount(
            "child_health_premium_weekly", data.get("child_health_premium_weekly")
        ),
        child_health_premium_paid_by=read.choice(
            "child_health_premium_paid_by",
            data.get("child_health_premium_paid_by"),
            Parent,
            Parent.NONCUSTODIAL,
        ),
        child_care_weekly=read.amount("child_care_weekly", data.get("child_care_weekly")),
        child_care_paid_by=read.choice(
            "child_care_paid_by", data.get("child_care_paid_by"), Parent, Parent.CUSTODIAL
        ),
        arrears_owed=read.amount("arrears_owed", data.get("arrears_owed")),
        high_income=read.choice(
            "high_income", data.get("high_income"), HighIncomeChoice, HighIncomeChoice.MINIMUM
        ),
        current_order_exists=read.boolean(
            "current_order_exists", data.get("current_order_exists"), True
        ),
        present_duty_of_support=read.boolean(
            "present_duty_of_support", data.get("present_duty_of_support"), True
        ),
    )
    if read.problems:
        raise InputError(read.problems)
    problems = validate_input(result)
    if problems:
        raise InputError(problems)
    return result
