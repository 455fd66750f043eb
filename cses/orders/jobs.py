"""Batch steps of the orders module: the end of each child's support (nightly).

Set-based: the children whose support ends are selected by one query, their orders locked and
processed in chunks, each chunk one transaction of bulk writes. Safe to run any number of times:
a processed end is marked (``OrderChild.ended``) and never processed again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cses.cases.models import DiaryEntry
from cses.core.parameters import int_parameter
from cses.orders.models import OrderChild, OrderVersion, Review, SupportOrder
from cses.orders.services import termination_version
from cses.rules.modification import review_due_by

CHUNK = 500


@dataclass(frozen=True)
class EndOfSupportRun:
    children_ended: int = 0
    reviews_opened: int = 0
    orders_ended: int = 0

    def __add__(self, other: EndOfSupportRun) -> EndOfSupportRun:
        return EndOfSupportRun(
            self.children_ended + other.children_ended,
            self.reviews_opened + other.reviews_opened,
            self.orders_ended + other.orders_ended,
        )


def end_child_support(on: dt.date | None = None, *, chunk_size: int = CHUNK) -> EndOfSupportRun:
    """Process every child whose support ends by ``on`` (CGS 46b-84(b); the day is
    ``OrderChild.support_ends_on``, computed by ``cses.rules.support_duration``).

    For each order affected: the child's end is marked processed. If children remain, the order
    continues at its amount and a review of the amount for the remaining children is opened
    (``Review.Source.CHILD_ENDED``, due ``review_completion_days`` later, 45 CFR 303.8(e)) unless
    one is open already. If none remain, the order ends: a last version with every amount zero,
    effective the day the last child's support ended, and the order is no longer active. Each
    order affected gets a diary event."""
    on = on or timezone.localdate()
    order_ids = list(
        OrderChild.objects.filter(ended=False, support_ends_on__lte=on, order__active=True)
        .order_by("order_id")
        .values_list("order_id", flat=True)
        .distinct()
    )
    run = EndOfSupportRun()
    for start in range(0, len(order_ids), chunk_size):
        run += _end_chunk(order_ids[start : start + chunk_size], on)
    return run


@transaction.atomic
def _end_chunk(order_ids: list[int], on: dt.date) -> EndOfSupportRun:
    orders = {
        o.pk: o
        for o in SupportOrder.objects.select_for_update()
        .filter(pk__in=order_ids, active=True)
        .order_by("pk")
    }
    due: dict[int, list[OrderChild]] = defaultdict(list)
    remaining: dict[int, int] = defaultdict(int)
    for child in OrderChild.objects.filter(order_id__in=orders, ended=False).select_related(
        "child__person"
    ):
        if child.support_ends_on <= on:
            due[child.order_id].append(child)
        else:
            remaining[child.order_id] += 1
    if not due:
        return EndOfSupportRun()
    latest: dict[int, OrderVersion] = {}
    for version in OrderVersion.objects.filter(order_id__in=due).order_by("order_id", "version"):
        latest[version.order_id] = version
    under_review = set(
        Review.objects.filter(order_id__in=due, outcome=Review.Outcome.PENDING).values_list(
            "order_id", flat=True
        )
    )
    review_days = int_parameter("review_completion_days", on)
    now = timezone.now()
    reviews: list[Review] = []
    versions: list[OrderVersion] = []
    ended_orders: list[SupportOrder] = []
    diary: list[DiaryEntry] = []
    for order_id, children in due.items():
        order = orders[order_id]
        names = ", ".join(
            f"{c.child.person.full_name} on {c.support_ends_on} ({c.end_basis})" for c in children
        )
        if remaining[order_id]:
            text = (
                f"Support ended for {names}. Order {order.docket_number} continues for "
                f"{remaining[order_id]} child(ren) at its amount until modified."
            )
            if order_id not in under_review:
                review = Review(
                    case_id=order.case_id,
                    order=order,
                    source=Review.Source.CHILD_ENDED,
                    requested_on=on,
                    due_by=review_due_by(on, review_days),
                    current_weekly=latest[order_id].current_support_weekly,
                )
                reviews.append(review)
                text += (
                    f" Review of the amount for the remaining children opened; to be completed "
                    f"by {review.due_by} (45 CFR 303.8(e))."
                )
            else:
                text += " The order's open review covers the change."
        else:
            last = latest[order_id]
            # A version never takes effect before the one it follows.
            end = max(max(c.support_ends_on for c in children), last.effective_from)
            versions.append(
                termination_version(
                    order=order,
                    latest=last,
                    on=end,
                    reason="Support ended for every child on the order (CGS 46b-84(b))",
                    by=None,
                )
            )
            order.active = False
            order.ended_on = end
            ended_orders.append(order)
            text = (
                f"Support ended for {names}. No child remains on order {order.docket_number}: "
                f"the order ended on {end}; nothing falls due from that day."
            )
        diary.append(
            DiaryEntry(
                case_id=order.case_id, at=now, author=None, kind=DiaryEntry.Kind.EVENT, text=text
            )
        )
    ended = OrderChild.objects.filter(
        pk__in=[c.pk for children in due.values() for c in children]
    ).update(ended=True)
    Review.objects.bulk_create(reviews)
    OrderVersion.objects.bulk_create(versions)
    SupportOrder.objects.bulk_update(ended_orders, ["active", "ended_on"])
    DiaryEntry.objects.bulk_create(diary)
    return EndOfSupportRun(ended, len(reviews), len(ended_orders))
