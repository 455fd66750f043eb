"""Distributing receipts on the ledger, and reversing receipts.

A receipt identified with a case sits in UNDISTRIBUTED on that case (entry ``receipt:{id}`` or
``identify:{id}``). Distributing it reads the case's balances from the ledger, asks the pure rules
(``cses.rules.distribution.distribute``, 42 USC 657 and 45 CFR 302.51) where each cent goes, and
posts one entry, ``distribution:{receipt_id}`` (money.md):

- Dr UNDISTRIBUTED (case) the receipt's amount;
- for each allocation, Cr the receivable it pays (OWED_* for current support, ARREARS_* for an
  arrears category) and Dr SUPPORT_ACCRUED; Cr PAYABLE_FAMILY for the family's allocations;
- Cr RETAINED_FEDERAL and RETAINED_STATE for what the state retains (FMAP * retained, 657(c));
- Cr HELD for what exceeds everything owed (45 CFR 302.51(b)).

Each line's explanation is the rule's reason. A withholding payment identified only to an obligor
(``Receipt.obligor`` set, money in UNDISTRIBUTED with no case) is prorated among the obligor's
cases as noncustodial parent by current support due (45 CFR 303.100(a)(5), ``prorate``) and
distributed on each case: ``distribution:{receipt_id}:{case_id}``.

Choices made here (documented for the reviewer):

- The balances read are the ledger's at the end of the distribution date (``on``); current due is
  every OWED_* balance (charges not yet rolled over to arrears), arrears are the ARREARS_*
  balances mapped to the rules' categories.
- Assistance status is ``Case.program_type`` at distribution; Medicaid-only families are
  distributed as never-assistance families (no cash assistance was assigned).
- The unreimbursed assistance (URA) is not tracked yet, so the state's retention is not capped.
- FMAP (``distribution_fmap``), the monthly pass-through (``pass_through_monthly``) and the
  ordering (``distribution_ordering``) are parameters as of the receipt's date; the pass-through
  still due is the monthly amount less what earlier receipts collected in the same month passed
  through on the case.
- Proration is by current support due (all OWED_* balances) on each case; if no case has any,
  by arrears owed; if nothing at all is owed, the whole receipt goes to the obligor's first case
  (where it is held as unallocated).

Every write goes through ``cses.ledger.posting.post``: a receipt distributes once (its key),
and distributing again changes nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q

from cses.cases.models import Case, CaseMember, MemberRole, ProgramType
from cses.core.parameters import decimal_parameter, parameter
from cses.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, post, reversal_of
from cses.ledger.selectors import CENTS, _dollars, balances_of_cases
from cses.receipts.models import Receipt
from cses.rules import distribution as rules

ZERO = Decimal("0.00")
ENTRY_CHUNK = 2000

# The ledger's receivable accounts and the rules' categories, both ways.
CATEGORY_ACCOUNT: dict[rules.Category, str] = {
    rules.Category.CURRENT_SUPPORT: Account.OWED_CURRENT_SUPPORT,
    rules.Category.MEDICAL_SUPPORT: Account.OWED_MEDICAL_SUPPORT,
    rules.Category.CHILD_CARE: Account.OWED_CHILD_CARE,
    rules.Category.PERMANENTLY_ASSIGNED: Account.ARREARS_PERMANENTLY_ASSIGNED,
    rules.Category.TEMPORARILY_ASSIGNED: Account.ARREARS_TEMPORARILY_ASSIGNED,
    rules.Category.CONDITIONALLY_ASSIGNED: Account.ARREARS_CONDITIONALLY_ASSIGNED,
    rules.Category.NEVER_ASSIGNED: Account.ARREARS_NEVER_ASSIGNED,
    rules.Category.UNASSIGNED_DURING_ASSISTANCE: Account.ARREARS_UNASSIGNED_DURING_ASSISTANCE,
}
ACCOUNT_CATEGORY = {account: category for category, account in CATEGORY_ACCOUNT.items()}
CURRENT_ACCOUNTS = tuple(CATEGORY_ACCOUNT[c] for c in rules.CURRENT_DUE)
ARREARS_ACCOUNTS = tuple(CATEGORY_ACCOUNT[c] for c in rules.ARREARS)

ASSISTANCE = {
    ProgramType.CURRENT_ASSISTANCE: rules.Assistance.CURRENT,
    ProgramType.FORMER_ASSISTANCE: rules.Assistance.FORMER,
    ProgramType.NEVER_ASSISTANCE: rules.Assistance.NEVER,
    # Medicaid-only: no cash assistance was assigned, so distributed as never assistance.
    ProgramType.MEDICAID_ONLY: rules.Assistance.NEVER,
}

# The words every pass-through allocation's reason contains (cses.rules.distribution): the
# PAYABLE_FAMILY lines carrying them are what passed through earlier in the month.
PASS_THROUGH_MARK = "passes through to a family receiving assistance"  # noqa: S105


class NotDistributable(ValueError):
    """The receipt cannot be distributed (in suspense, reversed, refunded, no case found)."""


class ReversalRefused(ValueError):
    """The receipt cannot be reversed as it stands (already paid out, already reversed...)."""


@dataclass
class DistributionRun:
    """What a distribution run did: entries posted, receipts distributed, receipts skipped with
    the reason, and (for a single receipt) each case's Distribution."""

    entries_posted: int = 0
    receipts: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    distributions: dict[int, rules.Distribution] = field(default_factory=dict)


# --- parameters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Params:
    fmap: Decimal
    pass_through: Decimal
    ordering: rules.Ordering


class _ParamCache:
    def __init__(self) -> None:
        self._by_date: dict[dt.date, _Params] = {}

    def on(self, day: dt.date) -> _Params:
        if day not in self._by_date:
            self._by_date[day] = _Params(
                fmap=decimal_parameter("distribution_fmap", day),
                pass_through=decimal_parameter("pass_through_monthly", day),
                ordering=rules.Ordering(parameter("distribution_ordering", day)),
            )
        return self._by_date[day]


def _month(day: dt.date) -> tuple[dt.date, dt.date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


# --- the distribution entry --------------------------------------------------------------------


def distribution_entry(
    *,
    key: str,
    receipt_id: int,
    case_id: int,
    from_case_id: int | None,
    posted_on: dt.date,
    result: rules.Distribution,
    memo: str = "",
    created_by_id: int | None = None,
) -> Entry:
    """The ledger entry recording ``result`` (money.md's distribution entry). ``from_case_id`` is
    where the receipt's undistributed money sits: the case, or None for a receipt identified
    only to an obligor and prorated."""
    amount = result.input.receipt.amount
    lines = [
        Line(
            Account.UNDISTRIBUTED,
            amount,
            from_case_id,
            explanation=f"{rules.money(amount)} of the receipt distributed",
        )
    ]
    for a in result.allocations:
        lines.append(Line(CATEGORY_ACCOUNT[a.to], -a.amount, case_id, explanation=a.reason))
        lines.append(Line(Account.SUPPORT_ACCRUED, a.amount, case_id, explanation=a.reason))
        if a.payee is rules.Payee.FAMILY:
            lines.append(Line(Account.PAYABLE_FAMILY, -a.amount, case_id, explanation=a.reason))
    if result.retained:
        shares = (
            f"{rules.money(result.retained)} retained by the state to reimburse assistance: the "
            f"federal share is {result.input.fmap} of it ({rules.money(result.federal_share)}), "
            f"the state share the rest ({rules.money(result.state_share)}) (42 USC 657(c))"
        )
        if result.federal_share:
            lines.append(
                Line(Account.RETAINED_FEDERAL, -result.federal_share, case_id, explanation=shares)
            )
        if result.state_share:
            lines.append(
                Line(Account.RETAINED_STATE, -result.state_share, case_id, explanation=shares)
            )
    if result.unallocated:
        lines.append(
            Line(
                Account.HELD,
                -result.unallocated,
                case_id,
                explanation=result.unallocated_reason or "",
            )
        )
    return Entry(
        key=key,
        kind=EntryKind.DISTRIBUTION,
        posted_on=posted_on,
        case_id=case_id,
        receipt_id=receipt_id,
        memo=memo,
        created_by_id=created_by_id,
        lines=tuple(lines),
    )


# --- planning (in memory, over balances read in bulk) ------------------------------------------


@dataclass
class _Pending:
    receipt_id: int
    reference: str
    source: str
    received_on: dt.date
    obligor_id: int | None
    # where the receipt's undistributed money sits: case id (or None) -> amount
    undistributed: dict[int | None, Decimal]


def _pending(receipt_ids: Iterable[int] | None, on: dt.date) -> list[_Pending]:
    """The receipts with undistributed money at the end of ``on`` (one grouped query), oldest
    first."""
    lines = JournalLine.objects.filter(
        account=Account.UNDISTRIBUTED, posted_on__lte=on, entry__receipt__isnull=False
    ).exclude(entry__receipt__status__in=[Receipt.Status.REVERSED, Receipt.Status.REFUNDED])
    if receipt_ids is not None:
        lines = lines.filter(entry__receipt_id__in=list(receipt_ids))
    else:
        lines = lines.filter(entry__receipt__received_on__lte=on)
    rows = (
        lines.values(
            "entry__receipt_id",
            "case_id",
            "entry__receipt__source_reference",
            "entry__receipt__source",
            "entry__receipt__received_on",
            "entry__receipt__obligor_id",
        )
        .annotate(cents=CENTS)
        .order_by()
    )
    pending: dict[int, _Pending] = {}
    for row in rows:
        amount = -_dollars(row["cents"])  # a credit balance is money waiting
        if amount <= 0:
            continue
        rid = row["entry__receipt_id"]
        p = pending.get(rid)
        if p is None:
            p = pending[rid] = _Pending(
                receipt_id=rid,
                reference=row["entry__receipt__source_reference"],
                source=row["entry__receipt__source"],
                received_on=row["entry__receipt__received_on"],
                obligor_id=row["entry__receipt__obligor_id"],
                undistributed={},
            )
        p.undistributed[row["case_id"]] = amount
    return sorted(pending.values(), key=lambda p: (p.received_on, p.receipt_id))


def _obligor_cases(obligor_ids: set[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    if not obligor_ids:
        return out
    rows = (
        CaseMember.objects.filter(person_id__in=obligor_ids, role=MemberRole.NONCUSTODIAL_PARENT)
        .values_list("person_id", "case_id")
        .order_by("case_id")
        .distinct()
    )
    for person_id, case_id in rows:
        if case_id not in out[person_id]:
            out[person_id].append(case_id)
    return out


def _passed_through(case_ids: Iterable[int], months: set[tuple[int, int]]) -> dict:
    """What passed through to each case's family from receipts collected in each month (net of
    reversals): {(case_id, (year, month)): amount}."""
    out: dict[tuple[int, tuple[int, int]], Decimal] = defaultdict(lambda: ZERO)
    if not months:
        return out
    first = min(dt.date(y, m, 1) for y, m in months)
    last = max(_month(dt.date(y, m, 1))[1] for y, m in months)
    rows = (
        JournalLine.objects.filter(
            case_id__in=list(case_ids),
            account=Account.PAYABLE_FAMILY,
            explanation__contains=PASS_THROUGH_MARK,
            entry__receipt__received_on__range=(first, last),
        )
        .values("case_id", "entry__receipt__received_on")
        .annotate(cents=CENTS)
        .order_by()
    )
    for row in rows:
        day = row["entry__receipt__received_on"]
        out[(row["case_id"], (day.year, day.month))] += -_dollars(row["cents"])
    return out


def _shares(
    p: _Pending, obligor_cases: dict[int, list[int]], balances: dict[int, dict[str, Decimal]]
) -> list[tuple[int, int | None, Decimal, str]] | str:
    """How a receipt's undistributed money divides among cases: (case, from case, amount, key)
    for each, or the reason it cannot be distributed."""
    out: list[tuple[int, int | None, Decimal, str]] = []
    for from_case, amount in p.undistributed.items():
        if from_case is not None:
            key = f"distribution:{p.receipt_id}"
            if len(p.undistributed) > 1:
                key = f"distribution:{p.receipt_id}:{from_case}"
            out.append((from_case, from_case, amount, key))
            continue
        cases = obligor_cases.get(p.obligor_id or -1, [])
        if not cases:
            return "the receipt is not identified with a case or with an obligor who has one"
        parts = _prorate(amount, cases, balances)
        out += [
            (case_id, None, part, f"distribution:{p.receipt_id}:{case_id}")
            for case_id, part in parts.items()
            if part > 0
        ]
    return out


def _prorate(
    amount: Decimal, cases: list[int], balances: dict[int, dict[str, Decimal]]
) -> dict[int, Decimal]:
    """Prorate by current support due (45 CFR 303.100(a)(5)); failing that, by arrears; failing
    that, all to the first case."""
    for accounts in (CURRENT_ACCOUNTS, ARREARS_ACCOUNTS):
        weights = {
            c: sum((max(balances.get(c, {}).get(a, ZERO), ZERO) for a in accounts), ZERO)
            for c in cases
        }
        if sum(weights.values(), ZERO) > 0:
            return rules.prorate(amount, weights)
    return {cases[0]: amount}


def _input(
    *,
    assistance: rules.Assistance,
    amount: Decimal,
    source: str,
    received_on: dt.date,
    balances: dict[str, Decimal],
    params: _Params,
    passed: Decimal,
) -> rules.DistributionInput:
    def owed(account: str) -> Decimal:
        return max(balances.get(account, ZERO), ZERO)

    return rules.DistributionInput(
        assistance=assistance,
        receipt=rules.Receipt(amount=amount, source=rules.Source(source), date=received_on),
        current_due=rules.CurrentDue(
            **{str(ACCOUNT_CATEGORY[a]): owed(a) for a in CURRENT_ACCOUNTS}
        ),
        arrears=rules.Arrears(**{str(ACCOUNT_CATEGORY[a]): owed(a) for a in ARREARS_ACCOUNTS}),
        fmap=params.fmap,
        pass_through=max(params.pass_through - passed, ZERO),
        ordering=params.ordering,
        ura=None,  # unreimbursed assistance is not tracked yet: no cap
    )


def _run(
    receipt_ids: Iterable[int] | None, on: dt.date, by_id: int | None, keep: bool
) -> DistributionRun:
    run = DistributionRun()
    pending = _pending(receipt_ids, on)
    if not pending:
        return run
    obligor_cases = _obligor_cases(
        {p.obligor_id for p in pending if None in p.undistributed and p.obligor_id}
    )
    case_ids = {c for p in pending for c in p.undistributed if c is not None}
    case_ids |= {c for cases in obligor_cases.values() for c in cases}
    # Lock the cases (PostgreSQL) so two runs never distribute against the same balances.
    program = dict(
        Case.objects.select_for_update()
        .filter(pk__in=case_ids)
        .order_by("pk")
        .values_list("pk", "program_type")
    )
    balances = balances_of_cases(case_ids, as_of=on)
    passed = _passed_through(case_ids, {(p.received_on.year, p.received_on.month) for p in pending})
    params = _ParamCache()
    entries: list[Entry] = []
    for p in pending:
        shares = _shares(p, obligor_cases, balances)
        if isinstance(shares, str):
            run.skipped.append((p.receipt_id, shares))
            continue
        for case_id, from_case, amount, key in shares:
            case_balances = balances.setdefault(case_id, {})
            month = (p.received_on.year, p.received_on.month)
            result = rules.distribute(
                _input(
                    assistance=ASSISTANCE[program[case_id]],
                    amount=amount,
                    source=p.source,
                    received_on=p.received_on,
                    balances=case_balances,
                    params=params.on(p.received_on),
                    passed=passed[(case_id, month)],
                )
            )
            for a in result.allocations:
                account = CATEGORY_ACCOUNT[a.to]
                case_balances[account] = case_balances.get(account, ZERO) - a.amount
            passed[(case_id, month)] += result.pass_through_paid
            entries.append(
                distribution_entry(
                    key=key,
                    receipt_id=p.receipt_id,
                    case_id=case_id,
                    from_case_id=from_case,
                    posted_on=on,
                    result=result,
                    memo=f"Distribution of receipt {p.reference}",
                    created_by_id=by_id,
                )
            )
            if keep:
                run.distributions[case_id] = result
        run.receipts += 1
        if len(entries) >= ENTRY_CHUNK:
            run.entries_posted += post(entries)
            entries = []
    run.entries_posted += post(entries)
    return run


# --- the business actions ----------------------------------------------------------------------


def _default_date(receipt: Receipt) -> dt.date:
    latest = JournalEntry.objects.filter(receipt=receipt).aggregate(d=Max("posted_on"))["d"]
    return max(receipt.received_on, latest or receipt.received_on)


@transaction.atomic
def distribute_receipt(receipt: Receipt, *, on: dt.date | None = None, by=None) -> DistributionRun:
    """Distribute one receipt identified with a case (or with an obligor: prorated among the
    obligor's cases) under 42 USC 657 and 45 CFR 302.51, posting its distribution entry. ``on``
    is the posting date and the date of the balances read (default: the receipt's date, or its
    identification if later). A receipt already distributed changes nothing."""
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.status in (Receipt.Status.REVERSED, Receipt.Status.REFUNDED):
        raise NotDistributable(f"receipt {receipt.source_reference} is {receipt.status}")
    on = on or _default_date(receipt)
    run = _run([receipt.pk], on, getattr(by, "pk", None), keep=True)
    if not run.receipts and not run.skipped:
        distributed = JournalEntry.objects.filter(
            receipt=receipt, kind=EntryKind.DISTRIBUTION
        ).exists()
        if not distributed:
            where = (
                "in suspense: identify it with a case first"
                if receipt.status == Receipt.Status.SUSPENSE
                else f"not posted to a case by {on}"
            )
            raise NotDistributable(f"receipt {receipt.source_reference} is {where}")
    if run.skipped:
        raise NotDistributable(f"receipt {receipt.source_reference}: {run.skipped[0][1]}")
    return run


@transaction.atomic
def distribute_pending(on: dt.date, *, by=None) -> DistributionRun:
    """Distribute every receipt received by ``on`` whose money waits in UNDISTRIBUTED, oldest
    first (the daily distribution run; 42 USC 657, 45 CFR 302.51). Balances are read in bulk and
    carried forward in memory, so receipts on the same case see each other; receipts that cannot
    be distributed are listed in ``skipped``."""
    return _run(None, on, getattr(by, "pk", None), keep=False)


def disbursed_from(receipt: Receipt) -> Decimal:
    """Family money from this receipt already paid out or charged a fee: PAYABLE_FAMILY debits in
    the receipt's entries other than reversals. The refusal hook for reversals."""
    cents = (
        JournalLine.objects.filter(
            entry__receipt=receipt, account=Account.PAYABLE_FAMILY, amount__gt=0
        )
        .exclude(entry__kind=EntryKind.REVERSAL)
        .aggregate(cents=CENTS)["cents"]
    )
    return _dollars(cents)


@transaction.atomic
def reverse_receipt(receipt: Receipt, *, reason: str, on: dt.date, by=None) -> int:
    """Undo a receipt (NSF, returned check, misapplied): every ledger entry it made is reversed
    exactly with ``reversal_of``, newest first, and the receipt is marked reversed with the
    reason. Refused when family money from it was disbursed or it was refunded (the overpayment
    to recover is a later step). Returns the number of reversing entries posted."""
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if not reason.strip():
        raise ReversalRefused("a reversal needs a reason")
    if receipt.status == Receipt.Status.REVERSED:
        raise ReversalRefused(f"receipt {receipt.source_reference} is already reversed")
    paid = disbursed_from(receipt)
    if paid:
        raise ReversalRefused(
            f"receipt {receipt.source_reference}: {rules.money(paid)} of it was already "
            "disbursed to the family; recover the overpayment before reversing"
        )
    if (
        receipt.status == Receipt.Status.REFUNDED
        or JournalEntry.objects.filter(receipt=receipt, kind=EntryKind.REFUND).exists()
    ):
        raise ReversalRefused(
            f"receipt {receipt.source_reference} was refunded to the payer; a refund cannot be "
            "reversed here"
        )
    entries = (
        JournalEntry.objects.filter(receipt=receipt, reverses__isnull=True)
        .filter(Q(reversed_by__isnull=True))
        .exclude(kind=EntryKind.REVERSAL)
        .prefetch_related("lines")
        .order_by("-posted_on", "-id")
    )
    memo = f"Receipt {receipt.source_reference} reversed: {reason}"
    by_id = getattr(by, "pk", None)
    reversals = [
        reversal_of(entry, posted_on=on, memo=memo, created_by_id=by_id) for entry in entries
    ]
    posted = post(reversals)
    receipt.status = Receipt.Status.REVERSED
    receipt.status_reason = reason
    receipt.save(update_fields=["status", "status_reason"])
    return posted
