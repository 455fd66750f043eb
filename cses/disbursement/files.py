"""The day's disbursement files: a NACHA PPD file for direct deposits, a load file for the
Connecticut child support debit card and a check register for the printer.

**Debit-card load file (CSES's own layout).** The card vendor's layout was not obtained, so CSES
writes a plain CSV, UTF-8, one header row then one row per load:
``card_account_id,amount,reference`` where ``amount`` is dollars with two decimals and
``reference`` is ``CSES-D{disbursement id}``. Replace ``debit_card_load_csv`` when the vendor's
specification arrives.

**Check register (CSV).** ``check_number,issue_date,payee_name,address_line1,address_line2,city,
state,zip_code,amount,case_number,reference``.

A disbursement goes into exactly one file, which marks it sent with its trace or check number.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cses.disbursement.models import (
    BankAccountType,
    Disbursement,
    DisbursementFile,
    DisbursementStatus,
    FileKind,
    PaymentMethod,
)
from cses.disbursement.nacha import CreditEntry, Originator, build_ppd_credit_file

# Placeholder originator for development and tests; production sets CSES_ACH_ORIGINATOR.
DEFAULT_ORIGINATOR = {
    "odfi_routing": "011000015",
    "odfi_name": "SDU BANK",
    "company_name": "CT CHILD SUPPORT",
    "company_id": "1060000000",
    "origin_name": "CT STATE DISB UNIT",
}
TRACE_SEQUENCES = 10**7


def originator() -> Originator:
    return Originator(**getattr(settings, "CSES_ACH_ORIGINATOR", DEFAULT_ORIGINATOR))


def reference(disbursement: Disbursement) -> str:
    return f"CSES-D{disbursement.pk}"


def _save(kind: str, on: dt.date, content: str, items: list, total: Decimal) -> DisbursementFile:
    return DisbursementFile.objects.create(
        kind=kind,
        created_on=on,
        content=content,
        sha256=hashlib.sha256(content.encode()).hexdigest(),
        entry_count=len(items),
        total_amount=total,
    )


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def debit_card_load_csv(disbursements: list[Disbursement]) -> str:
    return _csv(
        ["card_account_id", "amount", "reference"],
        [[d.instruction.card_account_id, f"{d.amount:.2f}", reference(d)] for d in disbursements],
    )


def check_register_csv(disbursements: list[Disbursement], on: dt.date) -> str:
    rows = []
    for d in disbursements:
        a = d.instruction.mailing_address
        rows.append(
            [
                d.check_number,
                on.isoformat(),
                d.payee.full_name,
                a.line1,
                a.line2,
                a.city,
                a.state,
                a.zip_code,
                f"{d.amount:.2f}",
                d.case.case_number,
                reference(d),
            ]
        )
    return _csv(
        [
            "check_number",
            "issue_date",
            "payee_name",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "zip_code",
            "amount",
            "case_number",
            "reference",
        ],
        rows,
    )


MARK_BATCH = 1000


def _mark_sent(items: list[Disbursement], file: DisbursementFile, on: dt.date) -> None:
    for d in items:
        d.file, d.status, d.status_on, d.sent_on = file, DisbursementStatus.SENT, on, on
    ids = [d.pk for d in items]
    for start in range(0, len(ids), MARK_BATCH):
        Disbursement.objects.filter(pk__in=ids[start : start + MARK_BATCH]).update(
            file=file, status=DisbursementStatus.SENT, status_on=on, sent_on=on
        )
    # Trace and check numbers differ row by row: updated in bounded batches (one CASE each).
    numbered = [d for d in items if d.trace_number or d.check_number]
    Disbursement.objects.bulk_update(
        numbered, ["trace_number", "check_number"], batch_size=MARK_BATCH
    )


@transaction.atomic
def write_day_files(on: dt.date) -> list[DisbursementFile]:
    """Put every pending disbursement made on or before ``on`` into that day's file for its
    method; returns the files written (none if nothing is pending)."""
    pending = list(
        Disbursement.objects.select_for_update(of=("self",))
        .filter(status=DisbursementStatus.PENDING, created_on__lte=on)
        .select_related("instruction__mailing_address", "payee", "case")
        .order_by("id")
    )
    by_method: dict[str, list[Disbursement]] = {}
    for d in pending:
        by_method.setdefault(d.method, []).append(d)
    files = []

    deposits = by_method.get(PaymentMethod.DIRECT_DEPOSIT, [])
    if deposits:
        built = build_ppd_credit_file(
            originator=originator(),
            entries=[
                CreditEntry(
                    routing=d.instruction.routing_number,
                    account_number=d.instruction.account_number(),
                    savings=d.instruction.account_type == BankAccountType.SAVINGS,
                    amount=d.amount,
                    individual_id=f"D{d.pk}",
                    name=d.payee.full_name,
                    sequence=d.pk % TRACE_SEQUENCES,
                )
                for d in deposits
            ],
            effective_date=on,
            created_at=timezone.localtime(),
        )
        for d, trace in zip(deposits, built.trace_numbers, strict=True):
            d.trace_number = trace
        file = _save(FileKind.NACHA_PPD, on, built.text, deposits, built.total)
        _mark_sent(deposits, file, on)
        files.append(file)

    loads = by_method.get(PaymentMethod.DEBIT_CARD, [])
    if loads:
        total = sum((d.amount for d in loads), Decimal("0.00"))
        file = _save(FileKind.DEBIT_CARD_LOAD, on, debit_card_load_csv(loads), loads, total)
        _mark_sent(loads, file, on)
        files.append(file)

    checks = by_method.get(PaymentMethod.CHECK, [])
    if checks:
        last = Disbursement.objects.aggregate(n=Max("check_number"))["n"] or 0
        for number, d in enumerate(checks, start=last + 1):
            d.check_number = number
        total = sum((d.amount for d in checks), Decimal("0.00"))
        file = _save(FileKind.CHECK_REGISTER, on, check_register_csv(checks, on), checks, total)
        _mark_sent(checks, file, on)
        files.append(file)
    return files
