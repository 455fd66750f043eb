"""Loading payment files: an employer's CSV remittance or a NACHA CCD+ file (``nacha.py``).

A file is loaded once: its SHA-256 is unique in ``ReceiptBatch`` (the same content again, or at
the same moment from another process, is reported as already loaded and records nothing). Each
payment is recorded once: its source reference is unique (a payment sent again in another file is
a duplicate). Bad records are rejected with line, field and reason; the good ones load. The
layouts are in docs/payment-file-layouts.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from cses.interfaces.layout import Field, FieldType, parse_value
from cses.receipts.models import PaymentMethod, ReceiptBatch, ReceiptSource
from cses.receipts.services import PaymentIn, record_receipts

MAX_AMOUNT = Decimal("999999999.99")
_MONEY = re.compile(r"^\d{1,9}(\.\d{1,2})?$")


@dataclass(frozen=True)
class Rejection:
    line: int
    field: str
    reason: str

    def as_dict(self) -> dict:
        return {"line": self.line, "field": self.field, "reason": self.reason}

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}, {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


@dataclass
class Parsed:
    """What a reader found in a file: the payments, the bad records, and how many were read."""

    payments: list[PaymentIn] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    records: int = 0
    rejected: int = 0  # payments rejected (a payment may have several faults)
    file_rejected: bool = False  # the file's frame is wrong: nothing in it is loaded


@dataclass
class LoadReport:
    batch_id: int
    name: str
    format: str
    sha256: str
    already_loaded: bool
    records: int
    accepted: int
    duplicates: int
    rejected: int
    rejections: list[Rejection]

    @classmethod
    def of(cls, batch: ReceiptBatch, *, already_loaded: bool = False) -> LoadReport:
        return cls(
            batch_id=batch.pk,
            name=batch.name,
            format=batch.format,
            sha256=batch.content_sha256,
            already_loaded=already_loaded,
            records=batch.records,
            accepted=batch.accepted,
            duplicates=batch.duplicates,
            rejected=batch.rejected,
            rejections=[
                Rejection(r.get("line", 0), r.get("field", ""), r.get("reason", ""))
                for r in batch.report
            ],
        )

    def lines(self) -> list[str]:
        out = [f"File {self.name} ({self.format}, sha256 {self.sha256[:16]}…)"]
        if self.already_loaded:
            out.append("Already loaded: nothing was done this time.")
        out.append(
            f"Payments read: {self.records}; accepted: {self.accepted}, "
            f"duplicates skipped: {self.duplicates}, rejected: {self.rejected}"
        )
        out += [f"  rejected {r}" for r in self.rejections]
        return out


# --- CSV remittance ------------------------------------------------------------------------

CSV_COLUMNS = (
    Field("source_reference", required=True, max_length=60, description="Employer's payment id"),
    Field("employer_fein", FieldType.FEIN, required=True, description="Employer's FEIN"),
    Field("employer_name", required=True, max_length=120),
    Field("payment_date", required=True, description="Pay date, YYYY-MM-DD"),
    Field("case_number", max_length=40, description="Case number or court docket number"),
    Field("obligor_ssn", FieldType.SSN, description="Noncustodial parent's SSN"),
    Field("obligor_last_name", max_length=60),
    Field("amount", required=True, description="Dollars and cents, e.g. 125.50"),
)


def _money(raw: str) -> Decimal:
    if not _MONEY.match(raw):
        raise ValueError(f"{raw!r} is not an amount in dollars and cents")
    amount = Decimal(raw)
    if amount <= 0:
        raise ValueError("must be more than zero")
    return amount.quantize(Decimal("0.01"))


def _iso_date(raw: str, today: dt.date) -> dt.date:
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date in the form YYYY-MM-DD") from None
    if value > today:
        raise ValueError("is in the future")
    return value


def parse_csv(data: bytes, *, received_on: dt.date) -> Parsed:
    """The payments of a CSV remittance (header row, then one payment a row)."""
    parsed = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.file_rejected = True
        parsed.rejections.append(Rejection(0, "", "the file is not UTF-8 text"))
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    names = [c.name for c in CSV_COLUMNS]
    if header is None:
        parsed.file_rejected = True
        parsed.rejections.append(Rejection(0, "", "the file is empty"))
        return parsed
    header = [h.strip().lower() for h in header]
    missing = [n for n in names if n not in header]
    if missing:
        parsed.file_rejected = True
        parsed.rejections.append(Rejection(1, "header", f"missing column(s): {', '.join(missing)}"))
        return parsed
    where = {n: header.index(n) for n in names}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        parsed.records += 1
        if len(row) != len(header):
            parsed.rejections.append(
                Rejection(line, "record", f"has {len(row)} columns, the header {len(header)}")
            )
            parsed.rejected += 1
            continue
        values: dict = {}
        errors: list[Rejection] = []
        for column in CSV_COLUMNS:
            raw = row[where[column.name]].strip()
            if not raw:
                values[column.name] = None
                if column.required:
                    errors.append(Rejection(line, column.name, "is required"))
                continue
            try:
                if column.name == "amount":
                    values[column.name] = _money(raw)
                elif column.name == "payment_date":
                    values[column.name] = _iso_date(raw, received_on)
                else:
                    values[column.name] = parse_value(column, raw)
            except (ValueError, InvalidOperation) as e:
                errors.append(Rejection(line, column.name, str(e)))
        if errors:
            parsed.rejections += errors
            parsed.rejected += 1
            continue
        parsed.payments.append(
            PaymentIn(
                source_reference=f"{values['employer_fein']}:{values['source_reference']}",
                source=ReceiptSource.EMPLOYER_WITHHOLDING,
                method=PaymentMethod.ACH,
                received_on=received_on,
                amount=values["amount"],
                payer_name=values["employer_name"],
                employer_fein=values["employer_fein"],
                case_reference=values["case_number"] or "",
                ssn=values["obligor_ssn"] or "",
                line=line,
            )
        )
    return parsed


# --- The load ------------------------------------------------------------------------------


class _AlreadyLoaded(Exception):
    pass


def _read(source: str | os.PathLike | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as f:
        return f.read()


def detect_format(data: bytes) -> str:
    """``nacha_ccd`` when the first line is a NACHA file header, else ``csv``."""
    first = data[:94]
    if first[:3] == b"101" and len(data.split(b"\n", 1)[0].rstrip(b"\r")) == 94:
        return ReceiptBatch.Format.NACHA_CCD
    return ReceiptBatch.Format.CSV


def load_payment_file(
    source: str | os.PathLike | bytes,
    *,
    name: str,
    format: str | None = None,
    by=None,
    today: dt.date | None = None,
) -> LoadReport:
    """Load a payment file once: good payments become receipts (matched, or in suspense), bad
    records are rejected with line, field and reason, payments already recorded are skipped."""
    from cses.receipts.nacha import parse_nacha

    today = today or timezone.localdate()
    data = _read(source)
    sha256 = hashlib.sha256(data).hexdigest()
    existing = ReceiptBatch.objects.filter(content_sha256=sha256).first()
    if existing is not None:
        return LoadReport.of(existing, already_loaded=True)
    format = format or detect_format(data)
    if format not in (ReceiptBatch.Format.CSV, ReceiptBatch.Format.NACHA_CCD):
        raise ValueError(f"{format!r} is not a payment file format (csv, nacha_ccd)")
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    batch = ReceiptBatch.objects.create(
                        name=name[:200],
                        format=format,
                        content_sha256=sha256,
                        received_on=today,
                        loaded_by=by if by is not None and by.is_authenticated else None,
                    )
            except IntegrityError:
                raise _AlreadyLoaded from None
            if format == ReceiptBatch.Format.NACHA_CCD:
                parsed = parse_nacha(data, received_on=today)
            else:
                parsed = parse_csv(data, received_on=today)
            created, duplicates = [], []
            if not parsed.file_rejected:
                created, duplicates = record_receipts(parsed.payments, batch=batch, by=by)
            batch.records = parsed.records
            batch.accepted = len(created)
            batch.duplicates = len(duplicates)
            batch.rejected = parsed.records if parsed.file_rejected else parsed.rejected
            batch.report = [r.as_dict() for r in parsed.rejections]
            batch.save(update_fields=["records", "accepted", "duplicates", "rejected", "report"])
    except _AlreadyLoaded:
        return LoadReport.of(ReceiptBatch.objects.get(content_sha256=sha256), already_loaded=True)
    return LoadReport.of(batch)
