"""Arrears: where a month's unpaid current charges go when the month ends (no framework imports).

A charge is current support (or cash medical support, or a child care contribution) due for its
period. What is still unpaid when the month it fell due ends is no longer current: it becomes
arrears, and arrears are kept by **assignment category** because the category decides, at
distribution, whether a collection on them goes to the family or reimburses the state
(42 USC 657(a); the categories are those of the PRWORA distribution rules, OCSE-AT-97-17 and
OCSE-AT-98-24, restated in the federal rules reference §1.4):

- permanently assigned (PA): support that accrued while the family received assistance (TANF,
  IV-E foster care) is assigned to the state for good, under the assignment the family made as a
  condition of assistance (42 USC 608(a)(3); 657(a)(1));
- never assigned (NA): support that accrued while the family was not receiving assistance, and
  never was, is the family's (657(a)(4)); so is support that accrues after assistance ends
  (657(a)(2): "former assistance" arrears accruing after the family left assistance).

The other three categories — temporarily assigned (TA), conditionally assigned (CA) and
unassigned during assistance (UA) — are not where new unpaid charges go: they arise when arrears
that already exist change hands as a family enters or leaves assistance (pre-assistance arrears
assigned temporarily while assistance lasts, 657(a)(2)(B); released to CA when it ends). Moving
existing balances on those events is a separate step and not done here.

Simplifications (documented so an auditor can see them):

- The category is decided by the case's assistance status *on the day the month is rolled over*,
  taken as its status when the month's charges fell due. The system keeps no month-by-month
  assistance history yet; a case that left or entered assistance within the month rolls the whole
  month into the category of its status at month end.
- ``medicaid`` (Medicaid-only, 42 USC 1396k) rolls into NA: the Medicaid assignment covers
  medical support rights, which this ledger does not yet separate from cash support arrears.
- Unpaid charges roll once a month, at the end of the month they fell due in (not when the next
  charge of the same kind falls due): the rollover is dated the month's last day, so a balance
  on any date is current support for that month plus arrears from the months before.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cses.rules.distribution import CURRENT_DUE, Category

CENT = Decimal("0.01")


class AssistanceStatus(StrEnum):
    """A case's assistance status (its program type): what decides the arrears category."""

    CURRENT = "current"
    FORMER = "former"
    NEVER = "never"
    MEDICAID = "medicaid"


ARREARS_CATEGORY: Mapping[AssistanceStatus, Category] = {
    AssistanceStatus.CURRENT: Category.PERMANENTLY_ASSIGNED,
    AssistanceStatus.FORMER: Category.NEVER_ASSIGNED,
    AssistanceStatus.NEVER: Category.NEVER_ASSIGNED,
    AssistanceStatus.MEDICAID: Category.NEVER_ASSIGNED,
}

REASONS: Mapping[AssistanceStatus, str] = {
    AssistanceStatus.CURRENT: (
        "accrued while the family receives assistance, so assigned to the state "
        "(42 USC 608(a)(3), 657(a)(1))"
    ),
    AssistanceStatus.FORMER: (
        "accrued after the family left assistance, so owed to the family (42 USC 657(a)(2))"
    ),
    AssistanceStatus.NEVER: (
        "the family has never received assistance, so owed to the family (42 USC 657(a)(4))"
    ),
    AssistanceStatus.MEDICAID: (
        "the family receives Medicaid only, so the support is owed to the family (42 USC 657(a)(4))"
    ),
}


def arrears_category(status: str) -> Category:
    """The arrears category a month's unpaid current charges roll into for a case of this
    assistance status: PA during assistance (42 USC 657(a)(1)), otherwise NA (657(a)(2), (a)(4)).
    """
    return ARREARS_CATEGORY[AssistanceStatus(status)]


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month: the date a month's unpaid charges roll over."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_month_end(day: dt.date) -> bool:
    return day == month_end(day)


@dataclass(frozen=True)
class ArrearsMove:
    """Unpaid ``amount`` of current charge ``owed`` moving to arrears category ``to``."""

    owed: Category
    to: Category
    amount: Decimal
    reason: str


def unpaid_to_arrears(
    unpaid: Mapping[Category, Decimal], status: str, month: dt.date
) -> tuple[ArrearsMove, ...]:
    """What rolls into arrears at the end of ``month`` (any day in it): each current-due kind's
    unpaid balance, above zero, into the status's category (42 USC 657(a); PRWORA categories,
    see the module). A balance of zero or less (nothing owed, or paid ahead) does not move."""
    status = AssistanceStatus(status)
    to = ARREARS_CATEGORY[status]
    label = month.strftime("%B %Y")
    moves = []
    for owed in CURRENT_DUE:
        amount = Decimal(unpaid.get(owed, 0))
        if amount != amount.quantize(CENT):
            raise ValueError(f"{owed}: {amount} is not in cents")
        if amount > 0:
            moves.append(
                ArrearsMove(
                    owed=owed,
                    to=to,
                    amount=amount,
                    reason=f"Unpaid {owed.label.removesuffix(' due for the period')} for "
                    f"{label} becomes {to.label}: {REASONS[status]}",
                )
            )
    return tuple(moves)
