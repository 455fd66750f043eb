"""Reading the ledger: balances by account for any date, computed from the lines."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import F, Sum
from django.db.models.functions import Round

from cses.ledger.models import JournalLine

CENT = Decimal("0.01")
# Summed as whole cents: SQLite adds decimals as binary floats, and 0.01 + 2.00 - 2.00 there is
# not 0.01. Each amount is a whole number of cents, so the cents add exactly on both databases.
CENTS = Sum(Round(F("amount") * 100))


def _dollars(cents) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(CENT)


def case_balances(case_id: int, as_of: dt.date | None = None) -> dict[str, Decimal]:
    """Each account's balance on the case (debits positive) at the end of ``as_of``."""
    lines = JournalLine.objects.filter(case_id=case_id)
    if as_of is not None:
        lines = lines.filter(posted_on__lte=as_of)
    totals = lines.values("account").annotate(cents=CENTS).order_by("account")
    return {row["account"]: _dollars(row["cents"]) for row in totals if row["cents"]}


def balances_of_cases(
    case_ids: Iterable[int], as_of: dt.date | None = None
) -> dict[int, dict[str, Decimal]]:
    """``case_balances`` for many cases in one query."""
    lines = JournalLine.objects.filter(case_id__in=list(case_ids))
    if as_of is not None:
        lines = lines.filter(posted_on__lte=as_of)
    out: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in lines.values("case_id", "account").annotate(cents=CENTS):
        if row["cents"]:
            out[row["case_id"]][row["account"]] = _dollars(row["cents"])
    return dict(out)


def account_total(account: str, as_of: dt.date | None = None) -> Decimal:
    """An account's balance across every case (and none), e.g. suspense or the SDU bank."""
    lines = JournalLine.objects.filter(account=account)
    if as_of is not None:
        lines = lines.filter(posted_on__lte=as_of)
    return _dollars(lines.aggregate(cents=CENTS)["cents"])
