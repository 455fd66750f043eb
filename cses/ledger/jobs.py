"""Batch steps of the ledger (nightly): the accrual of charges and the month-end rollover of what
is still unpaid into arrears.

Both are set-based and idempotent. The accrual streams the day's schedule from
``cses.orders.obligations.obligations_due`` (one query per chunk of cases) and posts it in
batches; each charge's key (``charge:{version}:{due date}:{kind}``) makes a second run post
nothing. The rollover reads each chunk of cases' current-due balances with one grouped query and
posts one entry per case and month (``rollover:{case}:{yyyy-mm}``). Memory stays flat: nothing
holds more than a batch of entries or a chunk of balances.

Conventions (the ledger's double entry):

- charge: Dr ``OWED_<kind>`` / Cr ``SUPPORT_ACCRUED`` on the case, dated the due date. An
  arrearage payment (a payment plan on arrears already owed, ``Obligation.new_debt`` false) is
  not charged;
- rollover: Dr ``ARREARS_<category>`` / Cr ``OWED_<kind>`` for each kind still owed at the end of
  the month, dated the month's last day, category by ``cses.rules.arrears``. A month rolls over
  the night after it ends (``cses accrue_charges --roll-over``), once its last day's payments
  are posted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from cses.cases.models import Case
from cses.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, post
from cses.ledger.selectors import CENTS
from cses.orders.obligations import obligations_due
from cses.rules.arrears import is_month_end, month_end, unpaid_to_arrears
from cses.rules.distribution import Category
from cses.rules.obligations import ChargeKind

BATCH = 5000  # entries per post(): one transaction each
CHUNK = 5000  # cases per grouped balance query
ZERO = Decimal("0.00")

CHARGE_ACCOUNTS = {
    ChargeKind.CURRENT_SUPPORT: Account.OWED_CURRENT_SUPPORT,
    ChargeKind.MEDICAL_SUPPORT: Account.OWED_MEDICAL_SUPPORT,
    ChargeKind.CHILD_CARE: Account.OWED_CHILD_CARE,
}
# The ledger's account for each distribution / arrears category of the rules.
CATEGORY_ACCOUNTS = {
    Category.CURRENT_SUPPORT: Account.OWED_CURRENT_SUPPORT,
    Category.MEDICAL_SUPPORT: Account.OWED_MEDICAL_SUPPORT,
    Category.CHILD_CARE: Account.OWED_CHILD_CARE,
    Category.PERMANENTLY_ASSIGNED: Account.ARREARS_PERMANENTLY_ASSIGNED,
    Category.TEMPORARILY_ASSIGNED: Account.ARREARS_TEMPORARILY_ASSIGNED,
    Category.CONDITIONALLY_ASSIGNED: Account.ARREARS_CONDITIONALLY_ASSIGNED,
    Category.NEVER_ASSIGNED: Account.ARREARS_NEVER_ASSIGNED,
    Category.UNASSIGNED_DURING_ASSISTANCE: Account.ARREARS_UNASSIGNED_DURING_ASSISTANCE,
}
OWED_CATEGORIES = {
    account: category
    for category, account in CATEGORY_ACCOUNTS.items()
    if category in (Category.CURRENT_SUPPORT, Category.MEDICAL_SUPPORT, Category.CHILD_CARE)
}
KIND_LABELS = {
    ChargeKind.CURRENT_SUPPORT: "Current support",
    ChargeKind.MEDICAL_SUPPORT: "Medical support",
    ChargeKind.CHILD_CARE: "Child care contribution",
}


class NotAMonthEnd(ValueError):
    """The day given to roll over is not the last day of a month."""


@dataclass(frozen=True)
class AccrualRun:
    """What one accrual did: charges due (whether new or posted before), their total, and how
    many were newly posted."""

    charges_due: int = 0
    amount_due: Decimal = ZERO
    posted: int = 0

    def __add__(self, other: AccrualRun) -> AccrualRun:
        return AccrualRun(
            self.charges_due + other.charges_due,
            self.amount_due + other.amount_due,
            self.posted + other.posted,
        )


@dataclass(frozen=True)
class RolloverRun:
    """What one month's rollover did: cases with something unpaid, the amount moved to each
    arrears account, and how many entries were newly posted."""

    month_end: dt.date
    cases: int = 0
    amount: Decimal = ZERO
    by_account: tuple[tuple[str, Decimal], ...] = ()
    posted: int = 0


def charge_entry(
    *, case_id: int, order_id: int, version_id: int, due: dt.date, kind: str, amount: Decimal
) -> Entry:
    """The charge of one amount an order falls due: Dr OWED_<kind> / Cr SUPPORT_ACCRUED."""
    kind = ChargeKind(kind)
    account = CHARGE_ACCOUNTS[kind]
    explanation = f"{KIND_LABELS[kind]} due {due.isoformat()} under order {order_id}"
    return Entry(
        key=f"charge:{version_id}:{due.isoformat()}:{kind.value}",
        kind=EntryKind.CHARGE,
        posted_on=due,
        case_id=case_id,
        lines=(
            Line(account, amount, case_id, due_on=due, explanation=explanation),
            Line(Account.SUPPORT_ACCRUED, -amount, case_id, due_on=due, explanation=explanation),
        ),
    )


def _post_in_batches(entries: Iterable[Entry], batch_size: int) -> int:
    posted = 0
    batch: list[Entry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= batch_size:
            posted += post(batch)
            batch = []
    if batch:
        posted += post(batch)
    return posted


def accrue_charges(
    on: dt.date,
    *,
    case_ids: Iterable[int] | None = None,
    batch_size: int = BATCH,
) -> AccrualRun:
    """Charge every amount that falls due on ``on`` under every order (of ``case_ids``, or of
    every case): the order schedule (``cses.rules.obligations``) posted to the ledger. Arrearage
    payments are not charged (they are not new debt). Safe to run again: a charge already posted
    is skipped."""
    counted = {"charges": 0, "amount": ZERO}

    def entries() -> Iterator[Entry]:
        for due in obligations_due(on, on, case_ids=case_ids):
            if not due.new_debt:
                continue
            counted["charges"] += 1
            counted["amount"] += due.amount
            yield charge_entry(
                case_id=due.case_id,
                order_id=due.order_id,
                version_id=due.version_id,
                due=due.due_date,
                kind=due.kind,
                amount=due.amount,
            )

    posted = _post_in_batches(entries(), batch_size)
    return AccrualRun(counted["charges"], counted["amount"], posted)


def accrue_through(
    start: dt.date,
    end: dt.date,
    *,
    case_ids: Iterable[int] | None = None,
    batch_size: int = BATCH,
) -> AccrualRun:
    """``accrue_charges`` for each day from ``start`` to ``end``, in date order (a missed night,
    or a back-fill)."""
    ids = None if case_ids is None else list(case_ids)
    run = AccrualRun()
    day = start
    while day <= end:
        run += accrue_charges(day, case_ids=ids, batch_size=batch_size)
        day += dt.timedelta(days=1)
    return run


def _case_chunks(chunk_size: int, case_ids: Iterable[int] | None) -> Iterator[list[int]]:
    if case_ids is not None:
        ids = sorted(set(case_ids))
        for i in range(0, len(ids), chunk_size):
            yield ids[i : i + chunk_size]
        return
    after = 0
    while ids := list(
        Case.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:chunk_size]
    ):
        yield ids
        after = ids[-1]


def _rollover_entries(
    ids: list[int], last_day: dt.date, totals: dict[str, Decimal]
) -> Iterator[Entry]:
    """The rollover entries of one chunk of cases: one grouped query for the current-due
    balances at the end of the month, one for the cases already rolled over in a later month."""
    rolled_later = set(
        JournalEntry.objects.filter(
            kind=EntryKind.ROLLOVER, case_id__in=ids, posted_on__gt=last_day
        ).values_list("case_id", flat=True)
    )
    rows = (
        JournalLine.objects.filter(
            case_id__in=ids, account__in=list(OWED_CATEGORIES), posted_on__lte=last_day
        )
        .values("case_id", "case__program_type", "account")
        .annotate(cents=CENTS)
        .filter(cents__gt=0)
        .order_by("case_id")
    )
    unpaid: dict[int, dict[Category, Decimal]] = defaultdict(dict)
    status: dict[int, str] = {}
    for row in rows:
        case_id = row["case_id"]
        if case_id in rolled_later:
            # A later month's rollover already moved everything unpaid up to its own end.
            continue
        unpaid[case_id][OWED_CATEGORIES[row["account"]]] = (Decimal(row["cents"]) / 100).quantize(
            Decimal("0.01")
        )
        status[case_id] = row["case__program_type"]
    period = f"{last_day:%Y-%m}"
    for case_id, owed in unpaid.items():
        moves = unpaid_to_arrears(owed, status[case_id], last_day)
        if not moves:
            continue
        lines = []
        for move in moves:
            to = CATEGORY_ACCOUNTS[move.to]
            totals[to] = totals.get(to, ZERO) + move.amount
            lines.append(Line(to, move.amount, case_id, explanation=move.reason))
            lines.append(
                Line(CATEGORY_ACCOUNTS[move.owed], -move.amount, case_id, explanation=move.reason)
            )
        yield Entry(
            key=f"rollover:{case_id}:{period}",
            kind=EntryKind.ROLLOVER,
            posted_on=last_day,
            case_id=case_id,
            memo=f"Unpaid current charges of {last_day:%B %Y} become arrears",
            lines=tuple(lines),
        )


def roll_over_month(
    last_day: dt.date,
    *,
    case_ids: Iterable[int] | None = None,
    chunk_size: int = CHUNK,
    batch_size: int = BATCH,
) -> RolloverRun:
    """Move what is still owed on current charges at the end of the month ending ``last_day``
    into arrears, by the case's assistance status (``cses.rules.arrears``; 42 USC 657(a)).

    What rolls is each current-due account's balance at the end of ``last_day``: the month's
    charges less what distribution applied to them (collections pay current support first,
    45 CFR 302.51(a)(1)), plus anything an earlier rollover could not see (a charge posted late).
    A case a later month has already rolled over is skipped: that rollover moved it. Safe to run
    again: the month's entry of a case (``rollover:{case}:{yyyy-mm}``) posts once."""
    if not is_month_end(last_day):
        raise NotAMonthEnd(
            f"{last_day.isoformat()} is not the end of a month "
            f"(its month ends {month_end(last_day).isoformat()})"
        )
    totals: dict[str, Decimal] = {}
    cases = 0
    posted = 0
    for ids in _case_chunks(chunk_size, case_ids):
        entries = list(_rollover_entries(ids, last_day, totals))
        cases += len(entries)
        for start in range(0, len(entries), batch_size):
            posted += post(entries[start : start + batch_size])
    return RolloverRun(
        month_end=last_day,
        cases=cases,
        amount=sum(totals.values(), ZERO),
        by_account=tuple(sorted(totals.items())),
        posted=posted,
    )


def months_ending_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last days of the months that end within [``start``, ``end``], in order."""
    days = []
    day = month_end(start)
    while day <= end:
        days.append(day)
        day = month_end(day + dt.timedelta(days=1))
    return days
