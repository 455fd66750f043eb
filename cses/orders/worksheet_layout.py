"""The layout of form CCSG-1 (Conn. Agencies Regs. 46b-215a-6) for showing a computed worksheet.

The worker's page, its print view and the PDF all lay a worksheet out from the same description:
the form's sections in order, each with its line numbers and labels, and per line either one
amount per parent (custodial / noncustodial) or a single amount. The amounts come from a saved
worksheet's ``result`` (the ``cses guidelines calc`` output, whose ``lines`` are keyed by the
form's line numbers), so what is shown is exactly what was computed and stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ILLUSTRATIVE_MARKING = _("Illustrative schedule — not for court use")

DEDUCTION_LINES: tuple[tuple[str, str, Promise], ...] = (
    ("2", "federal_income_tax", _("Federal income tax")),
    ("3", "social_security", _("Social Security tax or mandatory retirement")),
    ("4", "medicare", _("Medicare tax")),
    ("5", "state_local_income_tax", _("State and local income tax")),
    ("6", "health_premiums", _("Health insurance premiums for the parent and legal dependents")),
    ("7", "life_insurance", _("Court-ordered life insurance for the child")),
    ("8", "disability_insurance", _("Court-ordered disability insurance")),
    ("9", "union_dues", _("Mandatory union dues or fees")),
    ("10", "uniforms_tools", _("Mandatory uniforms and tools")),
    ("11", "other_support_paid", _("Court-ordered alimony and support for others (not arrears)")),
    ("12", "qualified_child", _("Qualified-child deduction")),
)

LINE_LABELS: dict[str, Promise] = {
    "1": _("Gross weekly income"),
    **{number: label for number, _key, label in DEDUCTION_LINES},
    "13": _("Total deductions (sum of lines 2–12)"),
    "14": _("Net weekly income (line 1 minus line 13)"),
    "15": _("Combined net weekly income"),
    "16": _("Basic child support obligation (schedule)"),
    "17": _("Each parent's percentage share of line 15"),
    "18": _("Each parent's share of the basic obligation"),
    "19": _("Social Security dependency benefit credit"),
    "20": _("Share of the obligation after the benefit credit"),
    "21": _("Net disposable income after current support"),
    "22": _("Social Security dependency benefit adjustment"),
    "23": _("Adjusted net disposable income"),
    "24": _("Combined net disposable income"),
    "25": _("Each parent's percentage of line 24"),
    "30": _("Presumptive current support order"),
    "31": _("Arrearage payment"),
    "32": _("Unreimbursed medical and dental expenses: percentage"),
    "33a": _("Health care coverage contribution (child's premium)"),
    "33b": _("Health care coverage: other"),
    "34a": _("Child care contribution"),
    "34b": _("Child care: other"),
    "35a": _("Total child support award"),
    "35b": _("Total award as a percentage of the obligor's net income"),
}

SECTIONS: tuple[tuple[Promise, tuple[str, ...]], ...] = (
    (_("Net weekly income (lines 1–14)"), tuple(str(n) for n in range(1, 15))),
    (_("Current support (lines 15–20)"), ("15", "16", "17", "18", "19", "20")),
    (_("Net disposable income (lines 21–25)"), ("21", "22", "23", "24", "25")),
    (
        _("Child support award (lines 30–35b)"),
        ("30", "31", "32", "33a", "33b", "34a", "34b", "35a", "35b"),
    ),
)

PERCENT_LINES = frozenset({"17", "25", "32", "35b"})

FLAG_LABELS: dict[str, Promise] = {
    "illustrative_schedule": ILLUSTRATIVE_MARKING,
    "high_income": _("Combined net weekly income is above the schedule: high-income rule applies"),
    "low_income_obligor": _("The noncustodial parent is a low-income obligor"),
    "total_award_over_55_percent": _(
        "The total award is more than 55 percent of the obligor's net income (deviation criterion "
        "46b-215a-5c(b)(6)(C) may apply)"
    ),
    "arrearage_payment_limited_by_55_percent": _(
        "The arrearage payment is limited by the 55 percent rule (46b-215a-3a)"
    ),
    "arrearage_payment_zero_current_over_55_percent": _(
        "No arrearage payment: current support is already over 55 percent of net income (46b-215a-3a)"
    ),
    "arrearage_payment_limited_by_arrears_owed": _(
        "The arrearage payment is limited to the arrears owed"
    ),
    "low_income_limit_applied": _(
        "Current support is limited so the obligor keeps the self-support reserve"
    ),
    "ss_dependency_benefit_covers_share": _(
        "The Social Security dependency benefit covers the noncustodial parent's share"
    ),
    "no_current_order": _(
        "No current support order: arrearage payment from the imputed support obligation"
    ),
    "obligor_has_no_net_income": _("The noncustodial parent has no net income"),
}


def money(value: object) -> str:
    """``"1234.5"`` → ``"$1,234.50"``; a dash when there is no amount."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return "—"
    return f"${amount:,.2f}" if amount.is_finite() else "—"


def percent(value: object) -> str:
    """``"50.5"`` → ``"50.50%"``; a dash when there is none (line 35b with no net income)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return "—"
    return f"{amount:.2f}%" if amount.is_finite() else "—"


@dataclass(frozen=True)
class Line:
    """One worksheet line as shown: a single ``value`` or one amount per parent."""

    number: str
    label: str
    custodial: str = ""
    noncustodial: str = ""
    value: str = ""
    per_parent: bool = False
    percent: bool = False

    def _shown(self, raw: str) -> str:
        return percent(raw) if self.percent else money(raw)

    @property
    def custodial_shown(self) -> str:
        return self._shown(self.custodial)

    @property
    def noncustodial_shown(self) -> str:
        return self._shown(self.noncustodial)

    @property
    def value_shown(self) -> str:
        return self._shown(self.value)


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


def _line(number: str, value: Any, labels: dict[str, str]) -> Line:
    label = str(LINE_LABELS.get(number) or labels.get(number) or number)
    percent = number in PERCENT_LINES
    if isinstance(value, dict):
        return Line(
            number,
            label,
            custodial=str(value.get("custodial", "")),
            noncustodial=str(value.get("noncustodial", "")),
            per_parent=True,
            percent=percent,
        )
    return Line(number, label, value="" if value is None else str(value), percent=percent)


def worksheet_sections(result: dict) -> list[Section]:
    """The lines of a computed worksheet in the form's order, grouped as on CCSG-1. A line the
    computation did not produce is left out; a line it produced outside the known layout is shown
    at the end, so nothing computed is hidden."""
    lines: dict[str, Any] = result.get("lines", {})
    labels: dict[str, str] = result.get("line_labels", {})
    known = {n for _title, numbers in SECTIONS for n in numbers}
    sections = [
        Section(str(title), tuple(_line(n, lines[n], labels) for n in numbers if n in lines))
        for title, numbers in SECTIONS
    ]
    extra = tuple(_line(n, v, labels) for n, v in lines.items() if n not in known)
    if extra:
        sections.append(Section(str(_("Other lines")), extra))
    return [s for s in sections if s.lines]


def flag_labels(result: dict) -> list[str]:
    """What a reviewer must see, in words."""
    return [str(FLAG_LABELS.get(flag, flag)) for flag in result.get("flags", [])]


def is_illustrative(result: dict) -> bool:
    schedule = result.get("schedule") or {}
    return bool(schedule.get("illustrative")) or "illustrative_schedule" in result.get("flags", [])
