"""Reading receipts: the suspense queue and a receipt's story."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from cses.receipts.models import Receipt, ReceiptBatch


def suspense_queue(
    *, today: dt.date | None = None, min_age: int | None = None, max_age: int | None = None
) -> QuerySet[Receipt]:
    """Receipts in suspense, oldest first; ``age_days(receipt, today)`` gives each one's age.
    ``min_age``/``max_age`` keep those at least / at most that many days old."""
    today = today or timezone.localdate()
    queue = Receipt.objects.filter(status=Receipt.Status.SUSPENSE).select_related(
        "batch", "employer"
    )
    if min_age is not None:
        queue = queue.filter(received_on__lte=today - dt.timedelta(days=min_age))
    if max_age is not None:
        queue = queue.filter(received_on__gte=today - dt.timedelta(days=max_age))
    return queue.order_by("received_on", "pk")


def age_days(receipt: Receipt, today: dt.date | None = None) -> int:
    return ((today or timezone.localdate()) - receipt.received_on).days


def recent_batches(limit: int = 50) -> QuerySet[ReceiptBatch]:
    return ReceiptBatch.objects.order_by("-loaded_at")[:limit]


def receipt_detail(pk: int) -> Receipt:
    return Receipt.objects.select_related("case", "obligor", "employer", "batch").get(pk=pk)
