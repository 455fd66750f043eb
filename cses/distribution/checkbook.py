"""The daily balancing report (the "checkbook"): for each day and source of receipts, every cent
received is accounted for.

For the receipts received on a day from a source, as of the end of ``through``:

    received - reversed = to the family + retained + held + in suspense + undistributed + refunded

- ``received``: SDU bank debits of the receipt entries; ``recorded``: the receipts' amounts in
  the receipts table (a receipt with no ledger entry, or a different amount, shows here);
- ``reversed``: SDU bank credits of the reversals of receipt entries (NSF, returned checks);
- ``to_family``, ``retained``: PAYABLE_FAMILY and RETAINED_* credits of distribution entries, net
  of their reversals (so a disbursement afterwards does not change the day's figures);
- ``held``, ``in_suspense``, ``undistributed``: the receipts' net credit in HELD, SUSPENSE and
  UNDISTRIBUTED (a hold or suspense item refunded leaves them);
- ``refunded``: SDU bank credits of refund entries.

Money received but not yet distributed is shown as ``undistributed`` and counts on the right of
the equation (it is accounted for, in the SDU's undistributed account); such a row balances but
is marked ``pending``. A row that does not balance (money moved from a receipt to an account the
equation does not know, or a receipt recorded without its ledger entry) is flagged.

``unbalanced_entries()`` checks the whole ledger: every entry's lines sum to zero (one grouped
query).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, Round

from cses.ledger.models import Account, EntryKind, JournalLine
from cses.ledger.selectors import CENTS, _dollars
from cses.receipts.models import Receipt

ZERO = Decimal("0.00")


@dataclass
class CheckbookRow:
    day: dt.date
    source: str
    count: int = 0
    recorded: Decimal = ZERO
    received: Decimal = ZERO
    reversed: Decimal = ZERO
    to_family: Decimal = ZERO
    retained: Decimal = ZERO
    held: Decimal = ZERO
    in_suspense: Decimal = ZERO
    undistributed: Decimal = ZERO
    refunded: Decimal = ZERO

    @property
    def distributed(self) -> Decimal:
        return self.to_family + self.retained + self.held

    @property
    def accounted(self) -> Decimal:
        return self.distributed + self.in_suspense + self.undistributed + self.refunded

    @property
    def difference(self) -> Decimal:
        """What is received and not accounted for (zero when the row balances)."""
        return self.received - self.reversed - self.accounted

    @property
    def balanced(self) -> bool:
        return self.difference == 0 and self.recorded == self.received

    @property
    def pending(self) -> bool:
        return self.undistributed != 0


@dataclass
class Checkbook:
    start: dt.date
    end: dt.date
    through: dt.date
    rows: list[CheckbookRow] = field(default_factory=list)
    unbalanced_entries: list[tuple[int, Decimal]] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return all(r.balanced for r in self.rows) and not self.unbalanced_entries

    @property
    def flagged(self) -> list[CheckbookRow]:
        return [r for r in self.rows if not r.balanced]


def unbalanced_entries(limit: int = 100) -> list[tuple[int, Decimal]]:
    """Entries whose lines do not sum to zero (none, if every posting went through ``post``):
    (entry id, difference), one grouped query over the whole ledger."""
    rows = (
        JournalLine.objects.values("entry_id")
        .annotate(cents=CENTS)
        .exclude(cents=0)
        .order_by("entry_id")[:limit]
    )
    return [(row["entry_id"], _dollars(row["cents"])) for row in rows]


def daily_balancing(start: dt.date, end: dt.date, *, through: dt.date | None = None) -> Checkbook:
    """The checkbook for receipts received from ``start`` to ``end``, as of the end of
    ``through`` (default: today). Two grouped queries over the lines and one over the receipts
    table, plus the whole-ledger check."""
    through = through or dt.date.today()
    book = Checkbook(start=start, end=end, through=through)
    rows: dict[tuple[dt.date, str], CheckbookRow] = {}

    def row(day: dt.date, source: str) -> CheckbookRow:
        if (day, source) not in rows:
            rows[(day, source)] = CheckbookRow(day=day, source=source)
        return rows[(day, source)]

    recorded = (
        Receipt.objects.filter(received_on__range=(start, end))
        .values("received_on", "source")
        .annotate(n=Count("id"), cents=Sum(Round(F("amount") * 100)))
        .order_by()
    )
    for r in recorded:
        target = row(r["received_on"], r["source"])
        target.count = r["n"]
        target.recorded = _dollars(r["cents"])

    lines = (
        JournalLine.objects.filter(
            entry__receipt__received_on__range=(start, end), posted_on__lte=through
        )
        .annotate(
            day=F("entry__receipt__received_on"),
            source=F("entry__receipt__source"),
            kind=Coalesce(F("entry__reverses__kind"), F("entry__kind")),
        )
        .values("day", "source", "kind", "account", "entry__kind")
        .annotate(cents=CENTS)
        .order_by()
    )
    for r in lines:
        target = row(r["day"], r["source"])
        amount = _dollars(r["cents"])
        is_reversal = r["entry__kind"] == EntryKind.REVERSAL
        account, kind = r["account"], r["kind"]
        if account == Account.SDU_BANK and kind == EntryKind.RECEIPT:
            if is_reversal:
                target.reversed += -amount
            else:
                target.received += amount
        elif account == Account.SDU_BANK and kind == EntryKind.REFUND:
            target.refunded += -amount
        elif account == Account.PAYABLE_FAMILY and kind == EntryKind.DISTRIBUTION:
            target.to_family += -amount
        elif (
            account in (Account.RETAINED_FEDERAL, Account.RETAINED_STATE)
            and kind == EntryKind.DISTRIBUTION
        ):
            target.retained += -amount
        elif account == Account.HELD:
            target.held += -amount
        elif account == Account.SUSPENSE:
            target.in_suspense += -amount
        elif account == Account.UNDISTRIBUTED:
            target.undistributed += -amount
    book.rows = sorted(rows.values(), key=lambda r: (r.day, r.source))
    book.unbalanced_entries = unbalanced_entries()
    return book


def totals(book: Checkbook) -> dict[str, Decimal]:
    """Column totals of the report."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for r in book.rows:
        for name in (
            "recorded",
            "received",
            "reversed",
            "to_family",
            "retained",
            "held",
            "in_suspense",
            "undistributed",
            "refunded",
            "difference",
        ):
            out[name] += getattr(r, name)
    return dict(out)
