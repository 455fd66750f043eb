"""Business actions of disbursement: payment instructions, holds, returns and undeliverable
payments. The daily run itself is in ``jobs.py``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cses.disbursement.models import (
    BankAccountType,
    Disbursement,
    DisbursementHold,
    DisbursementStatus,
    HoldReason,
    PaymentInstruction,
    PaymentMethod,
)
from cses.disbursement.nacha import routing_number_is_valid
from cses.ledger.models import JournalEntry
from cses.ledger.posting import post, reversal_of


class DisbursementError(ValueError):
    """A disbursement action that the record's state does not allow."""


@transaction.atomic
def set_payment_instruction(
    *,
    person,
    method: str,
    effective_from: dt.date,
    routing_number: str = "",
    account_number: str = "",
    account_type: str = BankAccountType.CHECKING,
    card_account_id: str = "",
    mailing_address=None,
) -> PaymentInstruction:
    """Record how a payee is paid from ``effective_from``; the instruction in force ends."""
    if method == PaymentMethod.DIRECT_DEPOSIT and not routing_number_is_valid(routing_number):
        raise DisbursementError(f"routing number {routing_number!r} fails the check digit")
    PaymentInstruction.objects.filter(person=person, ended_on__isnull=True).update(
        ended_on=effective_from, ended_reason="Replaced by a new instruction"
    )
    instruction = PaymentInstruction(
        person=person,
        method=method,
        effective_from=effective_from,
        card_account_id=card_account_id if method == PaymentMethod.DEBIT_CARD else "",
        mailing_address=mailing_address if method == PaymentMethod.CHECK else None,
    )
    if method == PaymentMethod.DIRECT_DEPOSIT:
        instruction.routing_number = routing_number
        instruction.account_type = account_type
        instruction.set_account_number(account_number)
    instruction.save()
    return instruction


@transaction.atomic
def place_hold(
    *,
    case,
    reason: str,
    held_from: dt.date,
    held_until: dt.date | None = None,
    note: str = "",
) -> DisbursementHold:
    """Hold the case's payments to the family: address unknown, a dispute (a timely appeal of
    arrears, 42 USC 654b(c)(2)) or a court order. The money stays in PAYABLE_FAMILY."""
    if reason not in HoldReason.values:
        raise DisbursementError(f"{reason!r} is not a hold reason")
    return DisbursementHold.objects.create(
        case=case, reason=reason, held_from=held_from, held_until=held_until, note=note
    )


@transaction.atomic
def release_hold(*, hold: DisbursementHold, on: dt.date) -> DisbursementHold:
    """End a hold; the next daily run pays what it held back."""
    if hold.released_on is not None:
        raise DisbursementError("this hold was already released")
    hold.released_on = on
    hold.save(update_fields=["released_on"])
    return hold


def _take_back(disbursement: Disbursement, *, on: dt.date, status: str, memo: str) -> None:
    if disbursement.status != DisbursementStatus.SENT:
        raise DisbursementError(
            f"only a sent disbursement can be {status}; this one is {disbursement.status}"
        )
    entry = JournalEntry.objects.get(key=f"disbursement:{disbursement.pk}")
    post([reversal_of(entry, posted_on=on, memo=memo)])
    disbursement.status = status
    disbursement.status_on = on
    disbursement.save(update_fields=["status", "status_on"])


@transaction.atomic
def record_undeliverable(
    *, disbursement: Disbursement, on: dt.date, note: str = ""
) -> DisbursementHold:
    """A check came back undeliverable: the money returns to PAYABLE_FAMILY (the disbursement's
    entry is reversed) and the case is held for an unknown address. ``escheat_due`` escheats it
    if nobody claims it within the holding period."""
    _take_back(
        disbursement,
        on=on,
        status=DisbursementStatus.UNDELIVERABLE,
        memo=f"Undeliverable: {note}" if note else "Undeliverable",
    )
    return DisbursementHold.objects.create(
        case_id=disbursement.case_id,
        reason=HoldReason.ADDRESS_UNKNOWN,
        held_from=on,
        note=f"Disbursement {disbursement.pk} undeliverable. {note}".strip(),
    )


@transaction.atomic
def record_ach_return(*, disbursement: Disbursement, on: dt.date, return_code: str) -> None:
    """The bank returned a direct deposit (e.g. R03 no account): the money returns to
    PAYABLE_FAMILY and the payee's instruction ends, so nothing is paid until a new one is
    recorded."""
    _take_back(
        disbursement,
        on=on,
        status=DisbursementStatus.RETURNED,
        memo=f"ACH return {return_code}",
    )
    PaymentInstruction.objects.filter(pk=disbursement.instruction_id, ended_on__isnull=True).update(
        ended_on=on, ended_reason=f"ACH return {return_code}"
    )
