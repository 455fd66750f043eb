"""Explaining receipts: where each dollar of a receipt went, in plain words, from the ledger.

``receipt_explanation(receipt)`` reads the receipt's entries (receipt, identification,
distribution, reversals) and says, line by line, what each part paid and who got it, with the
rule's reason. ``payment_history(case)`` does the same for every receipt that touched a case.
Both read the lines in one query each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import date_format

from cses.cases.models import Case
from cses.distribution.services import ACCOUNT_CATEGORY, CURRENT_ACCOUNTS
from cses.ledger.models import Account, EntryKind, JournalLine
from cses.receipts.models import Receipt
from cses.rules import distribution as rules

ZERO = Decimal("0.00")
RECEIVABLES = set(ACCOUNT_CATEGORY)
SHORT_LABELS = {
    Account.OWED_CURRENT_SUPPORT: "current support",
    Account.OWED_MEDICAL_SUPPORT: "medical support",
    Account.OWED_CHILD_CARE: "child care support",
}


@dataclass(frozen=True)
class Part:
    """One allocation of a receipt: what it paid, on which case, to whom, and why."""

    case_id: int | None
    account: str
    amount: Decimal
    payee: str  # "family", "state" or "held"
    text: str  # the plain-words sentence
    posted_on: dt.date
    reversed: bool = False


@dataclass
class ReceiptExplanation:
    receipt: Receipt
    parts: list[Part] = field(default_factory=list)
    to_family: Decimal = ZERO
    retained: Decimal = ZERO
    federal_share: Decimal = ZERO
    state_share: Decimal = ZERO
    held: Decimal = ZERO
    undistributed: Decimal = ZERO
    in_suspense: Decimal = ZERO
    reversed: bool = False

    @property
    def distributed(self) -> Decimal:
        return self.to_family + self.retained + self.held


def _sentence(account: str, amount: Decimal, reason: str, on: dt.date) -> str:
    """``$120.00 to current support for May 2026, paid to the family: <why>``."""
    category = ACCOUNT_CATEGORY[account]
    text = reason
    if account in CURRENT_ACCOUNTS:
        period = date_format(on, "F Y")
        text = text.replace(category.label, f"{SHORT_LABELS[account]} for {period}", 1)
    if not text:
        text = f"{rules.money(amount)} to {category.label}"
    return text


def _explain(receipt: Receipt, lines: list[JournalLine]) -> ReceiptExplanation:
    out = ReceiptExplanation(receipt=receipt, reversed=receipt.status == Receipt.Status.REVERSED)
    for line in lines:
        entry = line.entry
        kind = entry.reverses.kind if entry.reverses_id else entry.kind
        amount = -line.amount  # credits are where the money went
        if line.account == Account.PAYABLE_FAMILY and kind == EntryKind.DISTRIBUTION:
            out.to_family += amount
        elif line.account == Account.RETAINED_FEDERAL:
            out.federal_share += amount
        elif line.account == Account.RETAINED_STATE:
            out.state_share += amount
        elif line.account == Account.HELD:
            out.held += amount
            if not entry.reverses_id and amount > 0:
                out.parts.append(
                    Part(
                        line.case_id,
                        line.account,
                        amount,
                        "held",
                        line.explanation,
                        line.posted_on,
                        bool(getattr(entry, "is_reversed", False)),
                    )
                )
        elif line.account == Account.UNDISTRIBUTED:
            out.undistributed += amount
        elif line.account == Account.SUSPENSE:
            out.in_suspense += amount
        if line.account in RECEIVABLES and not entry.reverses_id and amount > 0:
            payee = "family" if ", paid to the family:" in line.explanation else "state"
            out.parts.append(
                Part(
                    line.case_id,
                    line.account,
                    amount,
                    payee,
                    _sentence(line.account, amount, line.explanation, receipt.received_on),
                    line.posted_on,
                    bool(getattr(entry, "is_reversed", False)),
                )
            )
    out.retained = out.federal_share + out.state_share
    return out


def _lines(filter_q: Q) -> list[JournalLine]:
    lines = list(
        JournalLine.objects.filter(filter_q)
        .select_related("entry", "entry__reverses")
        .order_by("entry__posted_on", "entry_id", "id")
    )
    reversed_ids = {line.entry.reverses_id for line in lines if line.entry.reverses_id}
    for line in lines:
        line.entry.is_reversed = line.entry_id in reversed_ids
    return lines


def receipt_explanation(receipt: Receipt) -> ReceiptExplanation:
    """The receipt and, line by line, where its money went: each distribution part in plain
    words with the rule's reason (42 USC 657; 45 CFR 302.51), and the totals."""
    return _explain(receipt, _lines(Q(entry__receipt=receipt)))


def payment_history(case: Case) -> list[ReceiptExplanation]:
    """Every receipt that reached the case (identified to it, or distributed on it after
    proration), newest first, each explained as far as it concerns this case."""
    lines = _lines(
        Q(entry__receipt__isnull=False)
        & (Q(case=case) | Q(entry__receipt__case=case, account=Account.UNDISTRIBUTED))
    )
    by_receipt: dict[int, list[JournalLine]] = defaultdict(list)
    for line in lines:
        by_receipt[line.entry.receipt_id].append(line)
    receipts = Receipt.objects.filter(Q(pk__in=list(by_receipt)) | Q(case=case)).order_by(
        "-received_on", "-id"
    )
    return [_explain(r, by_receipt.get(r.pk, [])) for r in receipts]
