"""The daily disbursement run and the escheat of unclaimed family money.

``disburse_due(on)`` pays every case whose PAYABLE_FAMILY account has a credit balance on ``on``,
unless a hold is in force, the custodial party has no payment instruction, or the case was
already paid that day (one disbursement per case per day, a database constraint: running the job
twice on a day creates nothing new). It takes the annual fee when ``cses.rules.annual_fee`` says
so, posts the ledger entries and writes the day's files.

``escheat_due(on)`` escheats undeliverable payments nobody claimed within
``escheat_after_days``: Dr PAYABLE_FAMILY / Cr ESCHEATED (owed to the State Treasurer as
unclaimed property), key ``escheat:{disbursement id}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from cses.cases.models import Case, CaseMember, MemberRole, ProgramType
from cses.core.parameters import decimal_parameter, int_parameter
from cses.disbursement.files import write_day_files
from cses.disbursement.models import (
    Disbursement,
    DisbursementFile,
    DisbursementHold,
    DisbursementStatus,
    PaymentInstruction,
    holds_in_force,
)
from cses.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, post
from cses.ledger.selectors import CENTS
from cses.receipts.models import Receipt
from cses.rules.annual_fee import fee_due, fee_year_bounds, fee_year_of
from cses.rules.business_days import connecticut_calendar

CHUNK = 500
# Cases where nobody received IV-A assistance (45 CFR 302.33(e)(1)); Medicaid-only families
# never received TANF, so the fee applies to them too.
NEVER_ASSISTANCE = (ProgramType.NEVER_ASSISTANCE, ProgramType.MEDICAID_ONLY)
# Statuses whose money reached the family and counts toward the year's $550.
PAID = (DisbursementStatus.PENDING, DisbursementStatus.SENT)


@dataclass
class RunReport:
    disbursed: int = 0
    total: Decimal = Decimal("0.00")
    fees: int = 0
    held: int = 0
    no_instruction: int = 0
    files: list[DisbursementFile] = field(default_factory=list)


def _payable_by_case(on: dt.date) -> dict[int, Decimal]:
    """Each case's PAYABLE_FAMILY credit balance at the end of ``on`` (one grouped query)."""
    rows = (
        JournalLine.objects.filter(
            account=Account.PAYABLE_FAMILY, posted_on__lte=on, case_id__isnull=False
        )
        .values("case_id")
        .annotate(cents=CENTS)
        .filter(cents__lt=0)
    )
    return {r["case_id"]: (Decimal(-r["cents"]) / 100).quantize(Decimal("0.01")) for r in rows}


def _receipts_paid(
    case_ids: list[int], payable: dict[int, Decimal], on: dt.date
) -> dict[int, list[tuple[int, dt.date]]]:
    """The receipts whose family share makes up each case's payable balance: the newest
    PAYABLE_FAMILY credits back until they cover it (what was paid earlier paid the oldest)."""
    lines = (
        JournalLine.objects.filter(
            case_id__in=case_ids,
            account=Account.PAYABLE_FAMILY,
            amount__lt=0,
            posted_on__lte=on,
            entry__receipt_id__isnull=False,
        )
        .order_by("case_id", "-posted_on", "-id")
        .values_list("case_id", "amount", "entry__receipt_id")
    )
    covered: dict[int, Decimal] = {}
    receipt_ids: dict[int, list[int]] = {}
    for case_id, amount, receipt_id in lines:
        if covered.get(case_id, Decimal(0)) >= payable[case_id]:
            continue
        covered[case_id] = covered.get(case_id, Decimal(0)) - amount
        receipt_ids.setdefault(case_id, []).append(receipt_id)
    dates = dict(
        Receipt.objects.filter(pk__in={r for ids in receipt_ids.values() for r in ids}).values_list(
            "pk", "received_on"
        )
    )
    return {
        case_id: [(r, dates[r]) for r in dict.fromkeys(ids)] for case_id, ids in receipt_ids.items()
    }


def _disburse_chunk(case_ids: list[int], payable: dict[int, Decimal], on: dt.date, report):
    days = int_parameter("disbursement_business_days", on)
    fee_amount = decimal_parameter("annual_fee_amount", on)
    threshold = decimal_parameter("annual_fee_threshold", on)
    start_month = int_parameter("annual_fee_year_start_month", on)
    fee_year = fee_year_of(on, start_month)
    year_first, _ = fee_year_bounds(fee_year, start_month)
    calendar = connecticut_calendar(range(on.year - 1, on.year + 2))

    programs = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "program_type"))
    payees = dict(
        CaseMember.objects.filter(
            case_id__in=case_ids, role=MemberRole.CUSTODIAL_PARTY, left_on__isnull=True
        )
        .order_by("case_id", "-id")
        .values_list("case_id", "person_id")
    )
    instructions = {
        i.person_id: i
        for i in PaymentInstruction.objects.filter(
            person_id__in=set(payees.values()), ended_on__isnull=True, effective_from__lte=on
        )
    }
    disbursed_this_year: dict[int, Decimal] = {}
    for case_id, amount, fee in Disbursement.objects.filter(
        case_id__in=case_ids, created_on__gte=year_first, created_on__lt=on, status__in=PAID
    ).values_list("case_id", "amount", "fee"):
        disbursed_this_year[case_id] = disbursed_this_year.get(case_id, Decimal(0)) + amount + fee
    fee_keys = {f"fee:{c}:{fee_year}": c for c in case_ids}
    fee_charged = set(JournalEntry.objects.filter(key__in=fee_keys).values_list("key", flat=True))
    receipts = _receipts_paid(case_ids, payable, on)

    new: list[Disbursement] = []
    for case_id in case_ids:
        instruction = instructions.get(payees.get(case_id))
        if instruction is None:
            report.no_instruction += 1
            continue
        balance = payable[case_id]
        fee = fee_due(
            disbursed_this_year=disbursed_this_year.get(case_id, Decimal(0)),
            this_disbursement=balance,
            threshold=threshold,
            fee=fee_amount,
            already_charged=f"fee:{case_id}:{fee_year}" in fee_charged,
            never_assistance=programs[case_id] in NEVER_ASSISTANCE,
        )
        if fee >= balance:
            fee = Decimal("0.00")
        paid = receipts.get(case_id, [])
        oldest = min((d for _, d in paid), default=on)
        new.append(
            Disbursement(
                case_id=case_id,
                payee_id=instruction.person_id,
                instruction=instruction,
                method=instruction.method,
                amount=balance - fee,
                fee=fee,
                fee_year=fee_year if fee else None,
                created_on=on,
                due_by=calendar.add_business_days(oldest, days),
                status_on=on,
            )
        )
    Disbursement.objects.bulk_create(new)
    Through = Disbursement.receipts.through
    Through.objects.bulk_create(
        [
            Through(disbursement_id=d.pk, receipt_id=r)
            for d in new
            for r, _ in receipts.get(d.case_id, [])
        ]
    )
    entries = []
    for d in new:
        if d.fee:
            entries.append(
                Entry(
                    key=f"fee:{d.case_id}:{fee_year}",
                    kind=EntryKind.FEE,
                    posted_on=on,
                    case_id=d.case_id,
                    memo=f"Annual fee, fee year {fee_year}, from disbursement {d.pk}",
                    lines=(
                        Line(
                            Account.PAYABLE_FAMILY,
                            d.fee,
                            d.case_id,
                            explanation="Annual fee retained above the year's first "
                            f"${threshold} disbursed (45 CFR 302.33(e))",
                        ),
                        Line(Account.FEE_INCOME, -d.fee, d.case_id, explanation="Program income"),
                    ),
                )
            )
            report.fees += 1
        entries.append(
            Entry(
                key=f"disbursement:{d.pk}",
                kind=EntryKind.DISBURSEMENT,
                posted_on=on,
                case_id=d.case_id,
                memo=f"Disbursement {d.pk} by {d.method}",
                lines=(
                    Line(Account.PAYABLE_FAMILY, d.amount, d.case_id, explanation="Paid to family"),
                    Line(Account.SDU_BANK, -d.amount, None, explanation=f"{d.method} {d.pk}"),
                ),
            )
        )
        report.disbursed += 1
        report.total += d.amount
    post(entries)
    # Money taken back earlier (returned, undeliverable) is what this disbursement pays again.
    Disbursement.objects.filter(
        case_id__in=[d.case_id for d in new],
        status__in=(DisbursementStatus.RETURNED, DisbursementStatus.UNDELIVERABLE),
    ).update(status=DisbursementStatus.REISSUED, status_on=on)


def disburse_due(on: dt.date) -> RunReport:
    """Pay families what is payable to them on ``on`` (42 USC 654b(c)(1); 45 CFR 302.32(b)),
    retaining the annual fee (45 CFR 302.33(e)), and write the day's files."""
    report = RunReport()
    payable = _payable_by_case(on)
    held = set(
        DisbursementHold.objects.filter(holds_in_force(on), case_id__in=list(payable))
        .values_list("case_id", flat=True)
        .distinct()
    )
    done = set(
        Disbursement.objects.filter(created_on=on, case_id__in=list(payable)).values_list(
            "case_id", flat=True
        )
    )
    report.held = len(held)
    case_ids = sorted(set(payable) - held - done)
    for start in range(0, len(case_ids), CHUNK):
        with transaction.atomic():
            _disburse_chunk(case_ids[start : start + CHUNK], payable, on, report)
    report.files = write_day_files(on)
    return report


def escheat_due(on: dt.date) -> int:
    """Escheat undeliverable payments older than ``escheat_after_days`` (UNVERIFIED: CGS 3-57a
    et seq.); returns how many were escheated."""
    days = int_parameter("escheat_after_days", on)
    cutoff = on - dt.timedelta(days=days)
    with transaction.atomic():
        due = list(
            Disbursement.objects.select_for_update().filter(
                Q(status=DisbursementStatus.UNDELIVERABLE) & Q(status_on__lte=cutoff)
            )
        )
        post(
            Entry(
                key=f"escheat:{d.pk}",
                kind=EntryKind.ESCHEAT,
                posted_on=on,
                case_id=d.case_id,
                memo=f"Undeliverable since {d.status_on}; unclaimed after {days} days",
                lines=(
                    Line(Account.PAYABLE_FAMILY, d.amount, d.case_id, explanation="Unclaimed"),
                    Line(Account.ESCHEATED, -d.amount, d.case_id, explanation="Escheated"),
                ),
            )
            for d in due
        )
        Disbursement.objects.filter(pk__in=[d.pk for d in due]).update(
            status=DisbursementStatus.ESCHEATED, status_on=on
        )
    return len(due)
