"""Receipts: the only code that creates a Receipt or changes its state.

A payment is matched to a case (``match_payment``): by the case number or the court docket the
payer gave, else by the obligor's SSN (through the blind index: the plain SSN is never stored or
logged), else it waits in suspense with the reason. A withholding payment for an obligor with
several open cases is identified to the obligor with no case; distribution prorates it.

Every change announces itself with ``receipts_changed`` so the ledger posts it in the same
transaction (see ``cses.ledger.receipts_posting``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from cses.cases.models import OBLIGOR_ROLES, Case, CaseMember, CaseStatus
from cses.core import crypto
from cses.orders.models import SupportOrder
from cses.people.models import Employer, Person
from cses.receipts.models import PaymentMethod, Receipt, ReceiptBatch, ReceiptSource
from cses.receipts.signals import receipts_changed
from cses.rules.ssn import InvalidSSN, normalize_ssn

CENT = Decimal("0.01")


class ReceiptError(ValueError):
    """A receipt action that is not allowed in the receipt's state."""


class DuplicatePayment(ReceiptError):
    """The payment's source reference is already recorded; ``reference`` names it."""

    def __init__(self, message: str, *, reference: str) -> None:
        super().__init__(message)
        self.reference = reference


@dataclass(frozen=True)
class Match:
    case: Case | None
    obligor: Person | None
    reason: str  # how it matched, or why it did not

    @property
    def identified(self) -> bool:
        return self.case is not None or self.obligor is not None


@dataclass(frozen=True)
class PaymentIn:
    """One payment as a source gives it, before matching."""

    source_reference: str
    source: str
    method: str
    received_on: dt.date
    amount: Decimal
    payer_name: str = ""
    employer_fein: str = ""
    case_reference: str = ""
    ssn: str = ""  # plain digits, used only to look up the blind index; never stored
    line: int = 0


def _obligor_of(case: Case) -> Person | None:
    member = (
        CaseMember.objects.filter(case=case, role__in=OBLIGOR_ROLES, left_on__isnull=True)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return member.person if member else None


def _open_cases_of(persons: list[Person]) -> list[Case]:
    return list(
        Case.objects.filter(
            members__person__in=persons,
            members__role__in=OBLIGOR_ROLES,
            members__left_on__isnull=True,
        )
        .exclude(status=CaseStatus.CLOSED)
        .distinct()
        .order_by("pk")
    )


def match_payment(*, case_reference: str = "", ssn: str = "") -> Match:
    """The case (and obligor) a payment is for: by case number, then by court docket number,
    then by the obligor's SSN; otherwise no match, with the reason for the suspense queue."""
    tried = []
    reference = (case_reference or "").strip()
    if reference:
        case = Case.objects.filter(case_number__iexact=reference).first()
        if case is not None:
            return Match(case, _obligor_of(case), f"case number {case.case_number}")
        case_ids = set(
            SupportOrder.objects.filter(docket_number__iexact=reference).values_list(
                "case_id", flat=True
            )
        )
        if len(case_ids) == 1:
            case = Case.objects.get(pk=case_ids.pop())
            return Match(case, _obligor_of(case), f"docket {reference}")
        tried.append(
            f"docket {reference} is on {len(case_ids)} cases"
            if case_ids
            else f"no case or docket numbered {reference}"
        )
    digits = ""
    if ssn:
        try:
            digits = normalize_ssn(ssn)
        except InvalidSSN:
            tried.append("the SSN given is not a valid SSN")
    if digits:
        persons = list(Person.objects.filter(ssn_index=crypto.blind_index(digits)).order_by("pk"))
        if not persons:
            tried.append("no person with the SSN given")
        else:
            cases = _open_cases_of(persons)
            person = persons[0]
            if len(cases) == 1:
                return Match(cases[0], _obligor_of(cases[0]) or person, "obligor's SSN")
            if len(cases) > 1:
                return Match(None, person, f"obligor's SSN; {len(cases)} open cases to prorate")
            tried.append("the person with the SSN given has no open case as obligor")
    if not reference and not digits and not tried:
        tried.append("no case number, docket or SSN given")
    return Match(None, None, "; ".join(tried))


def _employer(fein: str) -> Employer | None:
    return Employer.objects.filter(fein=fein).first() if fein else None


def _new_receipt(payment: PaymentIn, *, batch: ReceiptBatch | None, by) -> Receipt:
    match = match_payment(case_reference=payment.case_reference, ssn=payment.ssn)
    return Receipt(
        source_reference=payment.source_reference[:120],
        source=payment.source,
        method=payment.method,
        received_on=payment.received_on,
        amount=payment.amount,
        batch=batch,
        payer_name=payment.payer_name[:160],
        employer=_employer(payment.employer_fein),
        obligor=match.obligor,
        case=match.case,
        case_reference=payment.case_reference[:40],
        status=Receipt.Status.IDENTIFIED if match.identified else Receipt.Status.SUSPENSE,
        status_reason="" if match.identified else match.reason,
        created_by=by if by is not None and by.is_authenticated else None,
    )


@transaction.atomic
def record_receipts(
    payments: Iterable[PaymentIn], *, batch: ReceiptBatch | None = None, by=None
) -> tuple[list[Receipt], list[PaymentIn]]:
    """Match and record each payment once: a source reference already recorded (by an earlier
    file, or another process at the same moment) is a duplicate and records nothing. Returns the
    new receipts and the duplicates."""
    created: list[Receipt] = []
    duplicates: list[PaymentIn] = []
    for payment in payments:
        if Receipt.objects.filter(source_reference=payment.source_reference).exists():
            duplicates.append(payment)
            continue
        receipt = _new_receipt(payment, batch=batch, by=by)
        try:
            with transaction.atomic():
                receipt.save()
        except IntegrityError:
            duplicates.append(payment)
            continue
        created.append(receipt)
    if created:
        receipts_changed.send(sender=Receipt, receipt_ids=[r.pk for r in created])
    return created, duplicates


def window_reference(received_on: dt.date) -> str:
    """A generated window receipt number, e.g. ``WIN-20260515-7F3A9C21``."""
    return f"WIN-{received_on:%Y%m%d}-{secrets.token_hex(4).upper()}"


def record_payment(
    *,
    amount: Decimal,
    method: str,
    received_on: dt.date | None = None,
    payer_name: str = "",
    case_reference: str = "",
    ssn: str = "",
    check_number: str = "",
    routing_number: str = "",
    source: str = ReceiptSource.PARENT_PAYMENT,
    source_reference: str = "",
    by=None,
) -> Receipt:
    """A payment taken at the SDU window (cash, check, money order) or online (card). A check
    or money order is known by its routing and serial number, so entering it twice records it
    once (DuplicatePayment, a ReceiptError, says so); a cash or card payment is known by the
    ``source_reference`` its channel gives (an online payment's transaction id; recorded as
    ``CARD:<reference>``), else it gets a generated window receipt number."""
    received_on = received_on or timezone.localdate()
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.quantize(CENT):
        raise ReceiptError("The amount must be more than zero, in dollars and cents.")
    if method not in PaymentMethod.values or method == PaymentMethod.OFFSET:
        raise ReceiptError(f"{method!r} is not a payment method taken at the window.")
    if method in (PaymentMethod.CHECK, PaymentMethod.MONEY_ORDER):
        if not check_number:
            raise ReceiptError("A check or money order needs its number.")
        reference = f"{method.upper()}:{routing_number.strip()}:{check_number.strip()}"
    elif source_reference.strip():
        reference = f"{method.upper()}:{source_reference.strip()}"
    else:
        reference = window_reference(received_on)
    created, duplicates = record_receipts(
        [
            PaymentIn(
                source_reference=reference,
                source=source,
                method=method,
                received_on=received_on,
                amount=amount,
                payer_name=payer_name,
                case_reference=case_reference,
                ssn=ssn,
            )
        ],
        by=by,
    )
    if duplicates:
        raise DuplicatePayment(
            f"This payment ({reference}) was already recorded.", reference=reference
        )
    return created[0]


def _locked(receipt: Receipt) -> Receipt:
    return Receipt.objects.select_for_update().get(pk=receipt.pk)


@transaction.atomic
def identify_receipt(*, receipt: Receipt, case: Case, by=None) -> Receipt:
    """Take a receipt out of suspense: it is for ``case`` (and the case's obligor)."""
    receipt = _locked(receipt)
    if receipt.status != Receipt.Status.SUSPENSE:
        raise ReceiptError(
            f"Only a receipt in suspense can be identified; this one is {receipt.status}."
        )
    receipt.case = case
    receipt.obligor = receipt.obligor or _obligor_of(case)
    receipt.status = Receipt.Status.IDENTIFIED
    receipt.status_reason = f"Identified with case {case.case_number}" + (
        f" by {by.get_username()}" if by is not None and by.is_authenticated else ""
    )
    receipt.save(update_fields=["case", "obligor", "status", "status_reason"])
    receipts_changed.send(sender=Receipt, receipt_ids=[receipt.pk])
    return receipt


@transaction.atomic
def refund_from_suspense(*, receipt: Receipt, reason: str, by=None) -> Receipt:
    """Return a receipt in suspense to its payer (no case could be found, or it was not child
    support)."""
    if not reason.strip():
        raise ReceiptError("A refund needs its reason.")
    receipt = _locked(receipt)
    if receipt.status != Receipt.Status.SUSPENSE:
        raise ReceiptError(
            f"Only a receipt in suspense can be refunded here; this one is {receipt.status}."
        )
    receipt.status = Receipt.Status.REFUNDED
    receipt.status_reason = reason.strip()
    receipt.save(update_fields=["status", "status_reason"])
    receipts_changed.send(sender=Receipt, receipt_ids=[receipt.pk])
    return receipt


@transaction.atomic
def hold_in_suspense(*, receipt: Receipt, reason: str, by=None) -> Receipt:
    """Keep a receipt in suspense on purpose, with the reason (e.g. waiting for the payer to
    call back). No money moves: the money is already in suspense."""
    if not reason.strip():
        raise ReceiptError("A hold needs its reason.")
    receipt = _locked(receipt)
    if receipt.status != Receipt.Status.SUSPENSE:
        raise ReceiptError(f"Only a receipt in suspense can be held; this one is {receipt.status}.")
    receipt.status_reason = f"Held: {reason.strip()}"
    receipt.save(update_fields=["status_reason"])
    return receipt
