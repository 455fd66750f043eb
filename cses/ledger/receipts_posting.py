"""Posting receipts to the ledger (the conventions of the money issue):

- a receipt identified when it arrives: Dr SDU_BANK / Cr UNDISTRIBUTED (its case), key
  ``receipt:{id}``; one identified to an obligor with several cases (no case yet) is credited to
  UNDISTRIBUTED with no case, and distribution prorates it;
- a receipt not identified: Dr SDU_BANK / Cr SUSPENSE (no case), key ``receipt:{id}``;
- identified later: Dr SUSPENSE / Cr UNDISTRIBUTED (case), key ``identify:{id}``;
- refunded from suspense: Dr SUSPENSE / Cr SDU_BANK, key ``refund:{id}``.

What to post is read from each receipt's state and what is already posted, so
``post_receipts`` may be run any number of times, by anyone, at any moment: each event is written
once. The receipts app announces its changes (``cses.receipts.signals.receipts_changed``) and
``cses.ledger.apps`` posts them in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db import transaction

from cses.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from cses.ledger.posting import Entry, Line, post
from cses.receipts import services as receipt_services
from cses.receipts.models import Receipt

CHUNK = 2000


def _receipt_entry(r: Receipt) -> Entry:
    identified = r.status == Receipt.Status.IDENTIFIED
    credit = Account.UNDISTRIBUTED if identified else Account.SUSPENSE
    credit_case = r.case_id if identified else None
    return Entry(
        key=f"receipt:{r.pk}",
        kind=EntryKind.RECEIPT,
        posted_on=r.received_on,
        case_id=credit_case,
        receipt_id=r.pk,
        memo=f"Receipt {r.source_reference}",
        created_by_id=r.created_by_id,
        lines=(
            Line(Account.SDU_BANK, r.amount, None, explanation="Payment received"),
            Line(
                credit,
                -r.amount,
                credit_case,
                explanation="Identified with the case" if identified else r.status_reason,
            ),
        ),
    )


def _entries_for(receipts: list[Receipt], posted_on) -> list[Entry]:
    ids = [r.pk for r in receipts]
    keys = set(JournalEntry.objects.filter(receipt_id__in=ids).values_list("key", flat=True))
    in_suspense = set(
        JournalLine.objects.filter(
            entry__key__in=[f"receipt:{i}" for i in ids], account=Account.SUSPENSE
        ).values_list("entry__receipt_id", flat=True)
    )
    entries: list[Entry] = []
    for r in receipts:
        if r.status == Receipt.Status.REVERSED:
            continue  # reversals are posted by the reversal service
        if f"receipt:{r.pk}" not in keys:
            # Refunded before it was ever posted: it went through suspense.
            first = _receipt_entry(r)
            if r.status == Receipt.Status.REFUNDED:
                first = replace(
                    first,
                    case_id=None,
                    lines=(
                        Line(Account.SDU_BANK, r.amount, None, explanation="Payment received"),
                        Line(Account.SUSPENSE, -r.amount, None, explanation=r.status_reason),
                    ),
                )
            entries.append(first)
            if first.lines[1].account == Account.SUSPENSE:
                in_suspense.add(r.pk)
        if (
            r.status == Receipt.Status.IDENTIFIED
            and r.pk in in_suspense
            and f"identify:{r.pk}" not in keys
        ):
            entries.append(
                Entry(
                    key=f"identify:{r.pk}",
                    kind=EntryKind.IDENTIFICATION,
                    posted_on=max(posted_on, r.received_on),
                    case_id=r.case_id,
                    receipt_id=r.pk,
                    memo=r.status_reason,
                    lines=(
                        Line(Account.SUSPENSE, r.amount, None, explanation=r.status_reason),
                        Line(
                            Account.UNDISTRIBUTED,
                            -r.amount,
                            r.case_id,
                            explanation=r.status_reason,
                        ),
                    ),
                )
            )
        if (
            r.status == Receipt.Status.REFUNDED
            and r.pk in in_suspense
            and f"refund:{r.pk}" not in keys
        ):
            entries.append(
                Entry(
                    key=f"refund:{r.pk}",
                    kind=EntryKind.REFUND,
                    posted_on=max(posted_on, r.received_on),
                    receipt_id=r.pk,
                    memo=r.status_reason,
                    lines=(
                        Line(Account.SUSPENSE, r.amount, None, explanation=r.status_reason),
                        Line(Account.SDU_BANK, -r.amount, None, explanation="Refund to the payer"),
                    ),
                )
            )
    return entries


def post_receipts(receipt_ids: Iterable[int], *, posted_on=None) -> int:
    """Post every entry the receipts' states call for and the ledger does not have yet (receipt,
    identification, refund); returns how many entries were new. ``posted_on`` dates the
    identification and refund entries (default: the receipt's date)."""
    from django.utils import timezone

    posted_on = posted_on or timezone.localdate()
    ids = list(receipt_ids)
    written = 0
    for start in range(0, len(ids), CHUNK):
        receipts = list(Receipt.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk"))
        written += post(_entries_for(receipts, posted_on))
    return written


@transaction.atomic
def identify_receipt(receipt: Receipt, case, by=None) -> Receipt:
    """Take a receipt out of suspense for ``case`` and post Dr SUSPENSE / Cr UNDISTRIBUTED."""
    receipt = receipt_services.identify_receipt(receipt=receipt, case=case, by=by)
    post_receipts([receipt.pk])
    return receipt


@transaction.atomic
def refund_from_suspense(receipt: Receipt, reason: str, by=None) -> Receipt:
    """Refund a receipt in suspense to its payer and post Dr SUSPENSE / Cr SDU_BANK."""
    receipt = receipt_services.refund_from_suspense(receipt=receipt, reason=reason, by=by)
    post_receipts([receipt.pk])
    return receipt


@transaction.atomic
def hold_in_suspense(receipt: Receipt, reason: str, by=None) -> Receipt:
    """Keep a receipt in suspense with a reason; the receipt entry is posted if it was not."""
    receipt = receipt_services.hold_in_suspense(receipt=receipt, reason=reason, by=by)
    post_receipts([receipt.pk])
    return receipt


def on_receipts_changed(sender, receipt_ids, **kwargs) -> None:
    """Receiver of ``receipts_changed``: posts in the sender's transaction."""
    post_receipts(receipt_ids)
