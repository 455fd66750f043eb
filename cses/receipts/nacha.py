"""NACHA CCD+ payment files with the child support DED addenda.

Employers send income-withholding payments through the ACH network as CCD+ entries: each entry
detail (6) record carries the amount and trace number and is followed by one addenda (7) record of
type 05 whose payment-related information is the child support DED segment of the Child Support
Application Banking Convention (NACHA "Guide for Electronic Child Support Payments"):

    DED*CS*case identifier*pay date YYMMDD*amount in cents*SSN*medical support Y/N*
    noncustodial parent name*FIPS code*employment termination Y/N\\

(elements separated by ``*``, the segment ended by ``\\``; trailing optional elements may be
left out). Every record is 94 characters; the records are described once, as fixed-width layouts
(``cses.interfaces.layout``), which both read and write them. docs/payment-file-layouts.md lists
the positions and what is checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from cses.interfaces.layout import Field, FieldType, FixedFileLayout, FixedLayout, Record
from cses.receipts.imports import Parsed, Rejection
from cses.receipts.models import PaymentMethod, ReceiptSource
from cses.receipts.services import PaymentIn
from cses.rules.ssn import InvalidSSN, normalize_ssn

RECORD_LENGTH = 94
BLOCKING_FACTOR = 10
CREDIT_CODES = ("22", "32")  # checking / savings account credit
PRENOTE_CODES = ("23", "33")  # zero-dollar pre-notifications: not payments
DEBIT_CODES = ("27", "37")
HASH_MODULUS = 10**10

FILE_HEADER = FixedLayout(
    "1",
    (
        Field("priority_code", FieldType.CODE, required=True, codes=("01",), width=2),
        Field("immediate_destination", required=True, width=10),
        Field("immediate_origin", required=True, width=10),
        Field("file_creation_date", FieldType.YYMMDD, required=True, width=6),
        Field("file_creation_time", width=4),
        Field("file_id_modifier", required=True, width=1),
        Field("record_size", FieldType.CODE, required=True, codes=("094",), width=3),
        Field("blocking_factor", FieldType.CODE, required=True, codes=("10",), width=2),
        Field("format_code", FieldType.CODE, required=True, codes=("1",), width=1),
        Field("destination_name", width=23),
        Field("origin_name", width=23),
        Field("reference_code", width=8),
    ),
    description="File header",
)
BATCH_HEADER = FixedLayout(
    "5",
    (
        Field("service_class_code", FieldType.CODE, required=True, codes=("200", "220"), width=3),
        Field("company_name", required=True, width=16),
        Field("company_discretionary_data", width=20),
        Field("company_identification", required=True, width=10),
        Field("sec_code", FieldType.CODE, required=True, codes=("CCD",), width=3),
        Field("company_entry_description", width=10),
        Field("company_descriptive_date", width=6),
        Field("effective_entry_date", FieldType.YYMMDD, required=True, width=6),
        Field("settlement_date", width=3),
        Field("originator_status_code", width=1),
        Field("originating_dfi", FieldType.COUNT, required=True, width=8),
        Field("batch_number", FieldType.COUNT, required=True, width=7),
    ),
    description="Company/batch header",
)
ENTRY = FixedLayout(
    "6",
    (
        Field(
            "transaction_code",
            FieldType.CODE,
            required=True,
            codes=CREDIT_CODES + PRENOTE_CODES + DEBIT_CODES,
            width=2,
        ),
        Field("receiving_dfi", FieldType.COUNT, required=True, width=8),
        Field("check_digit", FieldType.COUNT, required=True, width=1),
        Field("dfi_account_number", required=True, width=17),
        Field("amount", FieldType.COUNT, required=True, width=10),
        Field("identification_number", width=15),
        Field("receiving_company_name", width=22),
        Field("discretionary_data", width=2),
        Field("addenda_indicator", FieldType.CODE, required=True, codes=("0", "1"), width=1),
        Field("trace_number", FieldType.COUNT, required=True, width=15),
    ),
    description="Entry detail: one payment",
)
ADDENDA = FixedLayout(
    "7",
    (
        Field("addenda_type", FieldType.CODE, required=True, codes=("05",), width=2),
        Field("payment_related_information", required=True, width=80),
        Field("addenda_sequence", FieldType.COUNT, required=True, width=4),
        Field("entry_detail_sequence", FieldType.COUNT, required=True, width=7),
    ),
    description="Addenda: the child support DED segment",
)
BATCH_CONTROL = FixedLayout(
    "8",
    (
        Field("service_class_code", required=True, width=3),
        Field("entry_addenda_count", FieldType.COUNT, required=True, width=6),
        Field("entry_hash", FieldType.COUNT, required=True, width=10),
        Field("total_debit", FieldType.COUNT, required=True, width=12),
        Field("total_credit", FieldType.COUNT, required=True, width=12),
        Field("company_identification", width=10),
        Field("message_authentication_code", width=19),
        Field("reserved", width=6),
        Field("originating_dfi", FieldType.COUNT, required=True, width=8),
        Field("batch_number", FieldType.COUNT, required=True, width=7),
    ),
    description="Company/batch control",
)
FILE_CONTROL = FixedLayout(
    "9",
    (
        Field("batch_count", FieldType.COUNT, required=True, width=6),
        Field("block_count", FieldType.COUNT, required=True, width=6),
        Field("entry_addenda_count", FieldType.COUNT, required=True, width=8),
        Field("entry_hash", FieldType.COUNT, required=True, width=10),
        Field("total_debit", FieldType.COUNT, required=True, width=12),
        Field("total_credit", FieldType.COUNT, required=True, width=12),
        Field("reserved", width=39),
    ),
    description="File control",
)
NACHA_FILE = FixedFileLayout(
    "NACHA CCD+", (FILE_HEADER, BATCH_HEADER, ENTRY, ADDENDA, BATCH_CONTROL, FILE_CONTROL)
)
PADDING = "9" * RECORD_LENGTH

# --- The DED segment -------------------------------------------------------------------------

_DED = re.compile(r"^DED\*(?P<body>[^\\]*)\\$")
DED_ELEMENTS = (
    "application_id",  # DED01: CS for a payment from an employer
    "case_id",  # DED02
    "pay_date",  # DED03: YYMMDD
    "amount_cents",  # DED04
    "ssn",  # DED05
    "medical_support",  # DED06: Y/N
    "last_name",  # DED07
    "fips_code",  # DED08
    "employment_terminated",  # DED09: Y/N
)


@dataclass(frozen=True)
class Ded:
    case_id: str
    pay_date: dt.date
    amount: Decimal
    ssn: str
    medical_support: bool
    last_name: str
    fips_code: str
    employment_terminated: bool


def parse_ded(text: str) -> tuple[Ded | None, list[tuple[str, str]]]:
    """The DED segment's values, or (field, reason) for each fault."""
    match = _DED.match(text.strip())
    if not match:
        return None, [("payment_related_information", "is not a DED*…\\ child support segment")]
    parts = match.group("body").split("*")
    if len(parts) > len(DED_ELEMENTS):
        return None, [("payment_related_information", "the DED segment has too many elements")]
    v = dict.fromkeys(DED_ELEMENTS, "")
    v.update(zip(DED_ELEMENTS, (p.strip() for p in parts), strict=False))
    faults: list[tuple[str, str]] = []
    if v["application_id"] != "CS":
        faults.append(("ded_application_id", f"{v['application_id']!r} is not CS"))
    if not v["case_id"]:
        faults.append(("ded_case_id", "is required"))
    elif len(v["case_id"]) > 20:
        faults.append(("ded_case_id", "longer than 20 characters"))
    pay_date = None
    try:
        if not re.fullmatch(r"\d{6}", v["pay_date"]):
            raise ValueError
        raw = v["pay_date"]
        pay_date = dt.date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        faults.append(("ded_pay_date", f"{v['pay_date']!r} is not a date YYMMDD"))
    amount = None
    if re.fullmatch(r"\d{1,10}", v["amount_cents"]) and int(v["amount_cents"]) > 0:
        amount = (Decimal(int(v["amount_cents"])) / 100).quantize(Decimal("0.01"))
    else:
        faults.append(("ded_amount", f"{v['amount_cents']!r} is not an amount in cents"))
    ssn = ""
    if v["ssn"]:
        try:
            ssn = normalize_ssn(v["ssn"])
        except InvalidSSN as e:
            faults.append(("ded_ssn", str(e)))
    for name in ("medical_support", "employment_terminated"):
        if v[name] not in ("", "Y", "N"):
            faults.append((f"ded_{name}", f"{v[name]!r} is not Y or N"))
    if v["fips_code"] and not re.fullmatch(r"\d{5}(\d{2})?", v["fips_code"]):
        faults.append(("ded_fips_code", f"{v['fips_code']!r} is not a 5 or 7 digit FIPS code"))
    if faults:
        return None, faults
    return (
        Ded(
            case_id=v["case_id"],
            pay_date=pay_date,
            amount=amount,
            ssn=ssn,
            medical_support=v["medical_support"] == "Y",
            last_name=v["last_name"],
            fips_code=v["fips_code"],
            employment_terminated=v["employment_terminated"] == "Y",
        ),
        [],
    )


def ded_segment(
    *,
    case_id: str,
    pay_date: dt.date,
    amount: Decimal,
    ssn: str = "",
    medical_support: bool = False,
    last_name: str = "",
    fips_code: str = "09000",
    employment_terminated: bool = False,
) -> str:
    cents = int((amount * 100).to_integral_value())
    elements = [
        "DED",
        "CS",
        case_id,
        pay_date.strftime("%y%m%d"),
        str(cents),
        ssn,
        "Y" if medical_support else "N",
        last_name[:10],
        fips_code,
        "Y" if employment_terminated else "N",
    ]
    return "*".join(elements) + "\\"


# --- Reading a file --------------------------------------------------------------------------


def _fein(company_identification: str) -> str:
    digits = re.sub(r"\D", "", company_identification or "")
    return digits[-9:] if len(digits) >= 9 else ""


def parse_nacha(data: bytes, *, received_on: dt.date) -> Parsed:
    """The payments of a NACHA CCD+ file. A file whose frame is wrong (record lengths, order,
    counts, entry hash or totals in the batch and file controls) is rejected whole; an entry
    whose own fields or DED addenda are wrong is rejected with its line, the others load."""
    parsed = Parsed()

    def fault(line: int, field: str, reason: str) -> None:
        parsed.rejections.append(Rejection(line, field, reason))
        parsed.file_rejected = True

    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        fault(0, "", "a NACHA file is plain ASCII text")
        return parsed
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        fault(0, "", "the file is empty")
        return parsed
    for number, line in enumerate(lines, 1):
        if len(line) != RECORD_LENGTH:
            fault(number, "record", f"is {len(line)} characters long, not {RECORD_LENGTH}")
    if parsed.file_rejected:
        return parsed

    header = FILE_HEADER.parse(lines[0])
    if not header.ok:
        for e in header.errors:
            fault(1, e.field, e.reason)
        return parsed
    file_date = header.values["file_creation_date"]

    file_entry_hash = file_count = file_credit = file_debit = batches = 0
    batch: Record | None = None
    b_hash = b_count = b_credit = b_debit = 0
    file_control: tuple[int, Record] | None = None
    pending: list[tuple[int, Record, Record | None, int | None, Record | None]] = []
    number = 1
    while number < len(lines):
        number += 1
        line = lines[number - 1]
        if file_control is not None:
            if line != PADDING:
                fault(number, "record_type", "a record after the file control (9) record")
            continue
        kind = line[0]
        if kind == "5":
            if batch is not None:
                fault(number, "record_type", "a batch header inside a batch (no 8 record)")
            batch = BATCH_HEADER.parse(line)
            b_hash = b_count = b_credit = b_debit = 0
            for e in batch.errors:
                fault(number, e.field, e.reason)
        elif kind == "6":
            if batch is None:
                fault(number, "record_type", "an entry outside a batch")
                continue
            entry = ENTRY.parse(line)
            b_count += 1
            b_hash += entry.values.get("receiving_dfi") or 0
            amount = entry.values.get("amount") or 0
            code = entry.values.get("transaction_code")
            if code in CREDIT_CODES:
                b_credit += amount
            elif code in DEBIT_CODES:
                b_debit += amount
            addenda = addenda_line = None
            if entry.values.get("addenda_indicator") == "1":
                if number < len(lines) and lines[number][0] == "7":
                    number += 1
                    addenda_line = number
                    addenda = ADDENDA.parse(lines[number - 1])
                    b_count += 1
            pending.append(
                (number if addenda is None else number - 1, entry, addenda, addenda_line, batch)
            )
        elif kind == "7":
            fault(number, "record_type", "an addenda record not right after its entry")
        elif kind == "8":
            if batch is None:
                fault(number, "record_type", "a batch control outside a batch")
                continue
            control = BATCH_CONTROL.parse(line)
            for e in control.errors:
                fault(number, e.field, e.reason)
            if control.ok:
                checks = (
                    ("entry_addenda_count", b_count),
                    ("entry_hash", b_hash % HASH_MODULUS),
                    ("total_credit", b_credit),
                    ("total_debit", b_debit),
                    ("batch_number", batch.values.get("batch_number")),
                    ("service_class_code", batch.values.get("service_class_code")),
                )
                for name, expected in checks:
                    if control.values[name] != expected:
                        fault(
                            number,
                            name,
                            f"the batch control says {control.values[name]}, "
                            f"the batch has {expected}",
                        )
            batches += 1
            file_entry_hash += b_hash
            file_count += b_count
            file_credit += b_credit
            file_debit += b_debit
            batch = None
        elif kind == "9":
            if batch is not None:
                fault(number, "record_type", "the file control inside a batch (no 8 record)")
            file_control = (number, FILE_CONTROL.parse(line))
        else:
            fault(number, "record_type", f"{kind!r} is not a NACHA record type")

    if file_control is None:
        fault(len(lines), "record_type", "the file has no file control (9) record: cut short?")
        return parsed
    number, control = file_control
    for e in control.errors:
        fault(number, e.field, e.reason)
    if control.ok:
        checks = (
            ("batch_count", batches),
            ("block_count", math.ceil(len(lines) / BLOCKING_FACTOR)),
            ("entry_addenda_count", file_count),
            ("entry_hash", file_entry_hash % HASH_MODULUS),
            ("total_credit", file_credit),
            ("total_debit", file_debit),
        )
        for name, expected in checks:
            if control.values[name] != expected:
                fault(
                    number,
                    name,
                    f"the file control says {control.values[name]}, the file has {expected}",
                )
    if parsed.file_rejected:
        parsed.records = len(pending)
        return parsed

    for entry_line, entry, addenda, addenda_line, batch_header in pending:
        if entry.values.get("transaction_code") in PRENOTE_CODES:
            continue  # a pre-notification carries no money
        parsed.records += 1
        faults = [Rejection(entry_line, e.field, e.reason) for e in entry.errors]
        if entry.values.get("transaction_code") in DEBIT_CODES:
            faults.append(
                Rejection(entry_line, "transaction_code", "a debit is not a payment to the SDU")
            )
        ded = None
        if addenda is None:
            faults.append(
                Rejection(
                    entry_line,
                    "addenda_indicator",
                    "a child support payment needs its DED addenda (type 05)",
                )
            )
        else:
            faults += [Rejection(addenda_line, e.field, e.reason) for e in addenda.errors]
            if addenda.ok:
                ded, ded_faults = parse_ded(addenda.values["payment_related_information"])
                faults += [Rejection(addenda_line, f, r) for f, r in ded_faults]
        amount = (Decimal(entry.values.get("amount") or 0) / 100).quantize(Decimal("0.01"))
        if ded is not None and not faults and ded.amount != amount:
            faults.append(
                Rejection(
                    addenda_line,
                    "ded_amount",
                    f"the DED amount {ded.amount} differs from the entry's {amount}",
                )
            )
        if ded is not None and not faults and ded.pay_date > received_on:
            faults.append(Rejection(addenda_line, "ded_pay_date", "is in the future"))
        if faults or ded is None:
            parsed.rejections += faults
            parsed.rejected += 1
            continue
        trace = f"{entry.values['trace_number']:015d}"
        parsed.payments.append(
            PaymentIn(
                source_reference=f"ACH:{trace}:{file_date:%Y%m%d}",
                source=ReceiptSource.EMPLOYER_WITHHOLDING,
                method=PaymentMethod.ACH,
                received_on=received_on,
                amount=amount,
                payer_name=batch_header.values.get("company_name") or "",
                employer_fein=_fein(batch_header.values.get("company_identification") or ""),
                case_reference=ded.case_id,
                ssn=ded.ssn,
                line=entry_line,
            )
        )
    return parsed


# --- Writing a file (for employers' tests, samples and our own tests) ------------------------


@dataclass(frozen=True)
class NachaPayment:
    amount: Decimal
    case_id: str
    pay_date: dt.date
    ssn: str = ""
    last_name: str = ""
    receiving_dfi: str = "01100001"  # the SDU's bank routing number without its check digit
    account: str = "SDU0001"
    medical_support: bool = False
    employment_terminated: bool = False


def write_nacha(
    payments: list[NachaPayment],
    *,
    company_name: str,
    fein: str,
    created_on: dt.date,
    originating_dfi: str = "02100002",
    file_id_modifier: str = "A",
) -> str:
    """A one-batch CCD+ file of ``payments`` (each with its DED addenda), blocked to tens."""
    lines = [
        FILE_HEADER.write(
            {
                "priority_code": "01",
                "immediate_destination": " 011000015",
                "immediate_origin": "1" + fein,
                "file_creation_date": created_on,
                "file_creation_time": "1200",
                "file_id_modifier": file_id_modifier,
                "record_size": "094",
                "blocking_factor": "10",
                "format_code": "1",
                "destination_name": "CT SDU BANK",
                "origin_name": company_name[:23],
            }
        ),
        BATCH_HEADER.write(
            {
                "service_class_code": "220",
                "company_name": company_name[:16],
                "company_identification": "1" + fein,
                "sec_code": "CCD",
                "company_entry_description": "CHILD SUPP",
                "effective_entry_date": created_on,
                "originator_status_code": "1",
                "originating_dfi": int(originating_dfi),
                "batch_number": 1,
            }
        ),
    ]
    entry_hash = credit = 0
    for seq, p in enumerate(payments, 1):
        cents = int((p.amount * 100).to_integral_value())
        lines.append(
            ENTRY.write(
                {
                    "transaction_code": "22",
                    "receiving_dfi": int(p.receiving_dfi),
                    "check_digit": 5,
                    "dfi_account_number": p.account,
                    "amount": cents,
                    "identification_number": p.case_id[:15],
                    "receiving_company_name": "CT CHILD SUPPORT SDU",
                    "addenda_indicator": "1",
                    "trace_number": int(originating_dfi) * 10**7 + seq,
                }
            )
        )
        lines.append(
            ADDENDA.write(
                {
                    "addenda_type": "05",
                    "payment_related_information": ded_segment(
                        case_id=p.case_id,
                        pay_date=p.pay_date,
                        amount=p.amount,
                        ssn=p.ssn,
                        medical_support=p.medical_support,
                        last_name=p.last_name,
                        employment_terminated=p.employment_terminated,
                    ),
                    "addenda_sequence": 1,
                    "entry_detail_sequence": seq,
                }
            )
        )
        entry_hash += int(p.receiving_dfi)
        credit += cents
    count = 2 * len(payments)
    lines.append(
        BATCH_CONTROL.write(
            {
                "service_class_code": "220",
                "entry_addenda_count": count,
                "entry_hash": entry_hash % HASH_MODULUS,
                "total_debit": 0,
                "total_credit": credit,
                "company_identification": "1" + fein,
                "originating_dfi": int(originating_dfi),
                "batch_number": 1,
            }
        )
    )
    blocks = math.ceil((len(lines) + 1) / BLOCKING_FACTOR)
    lines.append(
        FILE_CONTROL.write(
            {
                "batch_count": 1,
                "block_count": blocks,
                "entry_addenda_count": count,
                "entry_hash": entry_hash % HASH_MODULUS,
                "total_debit": 0,
                "total_credit": credit,
            }
        )
    )
    lines += [PADDING] * (blocks * BLOCKING_FACTOR - len(lines))
    return "\n".join(lines) + "\n"
