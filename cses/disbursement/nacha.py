"""A NACHA PPD credit file for direct deposit to families (no framework imports).

The layout is the NACHA Operating Rules' fixed-width format: 94-character records, blocked in tens.

- ``1`` file header: priority 01, immediate destination (the ODFI's routing number with a leading
  space), immediate origin (the company id), creation date and time, file id modifier, record size 094, blocking
  factor 10, format code 1, destination and origin names.
- ``5`` batch header: service class 220 (credits only), company name and id, SEC code PPD, entry
  description, effective entry date, originator status 1, ODFI's first 8 digits, batch number.
- ``6`` entry detail: transaction code 22 (checking credit) or 32 (savings credit), receiving
  routing number (8 digits + check digit), account number, amount in cents, individual id and
  name, addenda indicator 0, trace number (ODFI's 8 digits + a 7-digit sequence).
- ``8`` batch control: service class, entry/addenda count, entry hash (the sum of the receiving
  routing numbers' first 8 digits, its last 10 digits), debit and credit totals, company id, ODFI,
  batch number.
- ``9`` file control: batch count, block count, entry/addenda count, entry hash, totals; then
  records of nines to fill the last block of 10.

The file is checked in the tests with ``achkit`` (an independent parser and validator) and with a
strict re-parse of every field.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

RECORD_LENGTH = 94
BLOCKING_FACTOR = 10
CHECKING_CREDIT = "22"
SAVINGS_CREDIT = "32"
CREDITS_ONLY = "220"
_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)


class NachaError(ValueError):
    """An entry or an originator that cannot be written to a valid file."""


def routing_number_is_valid(routing: str) -> bool:
    """The ABA routing number check: nine digits whose weighted sum (3, 7, 1 repeated) is a
    multiple of 10."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(routing, _WEIGHTS, strict=True)) % 10 == 0


@dataclass(frozen=True)
class Originator:
    """The State Disbursement Unit as originator, and its bank (the ODFI)."""

    odfi_routing: str  # nine digits: the bank the file goes to
    odfi_name: str
    company_name: str  # up to 16
    company_id: str  # up to 10: "1" + FEIN by convention
    origin_name: str  # up to 23
    entry_description: str = "CHILD SUPP"

    def __post_init__(self) -> None:
        if not routing_number_is_valid(self.odfi_routing):
            raise NachaError(f"ODFI routing number {self.odfi_routing!r} fails the check digit")


@dataclass(frozen=True)
class CreditEntry:
    routing: str
    account_number: str
    savings: bool
    amount: Decimal
    individual_id: str  # up to 15: CSES's disbursement reference
    name: str  # up to 22
    sequence: int  # 1..9999999, unique in the file: the trace number's last 7 digits


@dataclass(frozen=True)
class NachaFile:
    text: str
    entry_count: int
    total: Decimal
    entry_hash: int
    trace_numbers: tuple[str, ...]


def _alpha(value: str, length: int) -> str:
    """Upper-case ASCII, accents dropped (José Núñez -> JOSE NUNEZ), padded with spaces."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    clean = "".join(c if 32 <= ord(c) < 127 else " " for c in plain.upper())
    return clean[:length].ljust(length)


def _num(value: int, length: int) -> str:
    text = str(value)
    if value < 0 or len(text) > length:
        raise NachaError(f"{value} does not fit in {length} digits")
    return text.rjust(length, "0")


def _cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value() or cents <= 0:
        raise NachaError(f"amount {amount} is not a positive number of cents")
    return int(cents)


def _record(text: str) -> str:
    if len(text) != RECORD_LENGTH:
        raise NachaError(f"record of {len(text)} characters: {text!r}")
    return text


def build_ppd_credit_file(
    *,
    originator: Originator,
    entries: Sequence[CreditEntry],
    effective_date: dt.date,
    created_at: dt.datetime,
    file_id_modifier: str = "A",
) -> NachaFile:
    """One PPD batch of credits to families' accounts (NACHA Operating Rules, Appendix Three
    record formats; SEC code PPD, service class 220)."""
    if not entries:
        raise NachaError("a file needs at least one entry")
    odfi8 = originator.odfi_routing[:8]
    records = [
        _record(
            "1"
            + "01"
            + " "
            + originator.odfi_routing
            + _alpha(originator.company_id, 10)
            + created_at.strftime("%y%m%d%H%M")
            + _alpha(file_id_modifier, 1)
            + "094"
            + "10"
            + "1"
            + _alpha(originator.odfi_name, 23)
            + _alpha(originator.origin_name, 23)
            + _alpha("", 8)
        ),
        _record(
            "5"
            + CREDITS_ONLY
            + _alpha(originator.company_name, 16)
            + _alpha("", 20)
            + _alpha(originator.company_id, 10)
            + "PPD"
            + _alpha(originator.entry_description, 10)
            + _alpha("", 6)
            + effective_date.strftime("%y%m%d")
            + "   "
            + "1"
            + odfi8
            + _num(1, 7)
        ),
    ]
    entry_hash = 0
    total_cents = 0
    traces = []
    seen: set[int] = set()
    for e in entries:
        if not routing_number_is_valid(e.routing):
            raise NachaError(f"routing number {e.routing!r} fails the check digit")
        account = "".join(c for c in e.account_number if c.isalnum())
        if not account or len(account) > 17:
            raise NachaError(f"account number for {e.individual_id} is empty or too long")
        if e.sequence in seen:
            raise NachaError(f"trace sequence {e.sequence} is used twice")
        seen.add(e.sequence)
        cents = _cents(e.amount)
        trace = odfi8 + _num(e.sequence, 7)
        records.append(
            _record(
                "6"
                + (SAVINGS_CREDIT if e.savings else CHECKING_CREDIT)
                + e.routing
                + _alpha(account, 17)
                + _num(cents, 10)
                + _alpha(e.individual_id, 15)
                + _alpha(e.name, 22)
                + "  "
                + "0"
                + trace
            )
        )
        entry_hash += int(e.routing[:8])
        total_cents += cents
        traces.append(trace)
    hash10 = entry_hash % 10**10
    records.append(
        _record(
            "8"
            + CREDITS_ONLY
            + _num(len(entries), 6)
            + _num(hash10, 10)
            + _num(0, 12)
            + _num(total_cents, 12)
            + _alpha(originator.company_id, 10)
            + _alpha("", 19)
            + _alpha("", 6)
            + odfi8
            + _num(1, 7)
        )
    )
    blocks = -(-(len(records) + 1) // BLOCKING_FACTOR)
    records.append(
        _record(
            "9"
            + _num(1, 6)
            + _num(blocks, 6)
            + _num(len(entries), 8)
            + _num(hash10, 10)
            + _num(0, 12)
            + _num(total_cents, 12)
            + _alpha("", 39)
        )
    )
    while len(records) % BLOCKING_FACTOR:
        records.append("9" * RECORD_LENGTH)
    return NachaFile(
        text="\n".join(records) + "\n",
        entry_count=len(entries),
        total=Decimal(total_cents) / 100,
        entry_hash=hash10,
        trace_numbers=tuple(traces),
    )
