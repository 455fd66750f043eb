"""Posting by hand what other parts of the system post: charges, arrears, receipts."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D

from cses.ledger.models import Account, EntryKind
from cses.ledger.posting import Entry, Line, post
from cses.receipts.models import PaymentMethod, Receipt

_serial = itertools.count(1)


def charge(case, amount: str, due: dt.date, account: str = Account.OWED_CURRENT_SUPPORT) -> None:
    n = next(_serial)
    post(
        [
            Entry(
                key=f"charge:test{n}:{due}:{account}",
                kind=EntryKind.CHARGE,
                posted_on=due,
                case_id=case.pk,
                lines=(
                    Line(account, D(amount), case.pk, due_on=due),
                    Line(Account.SUPPORT_ACCRUED, -D(amount), case.pk, due_on=due),
                ),
            )
        ]
    )


def arrears(case, amount: str, account: str, on: dt.date) -> None:
    """Arrears carried in (as a rollover would leave them)."""
    n = next(_serial)
    post(
        [
            Entry(
                key=f"rollover:test{n}",
                kind=EntryKind.ROLLOVER,
                posted_on=on,
                case_id=case.pk,
                lines=(
                    Line(account, D(amount), case.pk),
                    Line(Account.SUPPORT_ACCRUED, -D(amount), case.pk),
                ),
            )
        ]
    )


def receive(
    case,
    amount: str,
    on: dt.date,
    *,
    source: str = "employer_withholding",
    obligor=None,
) -> Receipt:
    """A receipt identified with ``case`` (or, with ``case=None``, with ``obligor`` only), posted
    Dr SDU_BANK / Cr UNDISTRIBUTED."""
    n = next(_serial)
    receipt = Receipt.objects.create(
        source_reference=f"TEST-{n}",
        source=source,
        method=PaymentMethod.ACH,
        received_on=on,
        amount=D(amount),
        case=case,
        obligor=obligor,
        status=Receipt.Status.IDENTIFIED,
    )
    post(
        [
            Entry(
                key=f"receipt:{receipt.pk}",
                kind=EntryKind.RECEIPT,
                posted_on=on,
                case_id=case.pk if case else None,
                receipt_id=receipt.pk,
                lines=(
                    Line(Account.SDU_BANK, D(amount)),
                    Line(Account.UNDISTRIBUTED, -D(amount), case.pk if case else None),
                ),
            )
        ]
    )
    return receipt


def to_suspense(amount: str, on: dt.date) -> Receipt:
    n = next(_serial)
    receipt = Receipt.objects.create(
        source_reference=f"TEST-{n}",
        source="parent_payment",
        method=PaymentMethod.CHECK,
        received_on=on,
        amount=D(amount),
        status=Receipt.Status.SUSPENSE,
    )
    post(
        [
            Entry(
                key=f"receipt:{receipt.pk}",
                kind=EntryKind.RECEIPT,
                posted_on=on,
                receipt_id=receipt.pk,
                lines=(Line(Account.SDU_BANK, D(amount)), Line(Account.SUSPENSE, -D(amount))),
            )
        ]
    )
    return receipt
