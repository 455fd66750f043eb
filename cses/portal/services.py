"""What a parent does through the portal: ask for a review of their support order."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cses.cases.models import Case, MemberRole
from cses.cases.services import record_event
from cses.orders.models import Review, SupportOrder
from cses.orders.reviews import request_review
from cses.portal.selectors import REVIEW_SOURCE_OF_ROLE

REASON_MAX_LENGTH = 1000


@transaction.atomic
def request_review_through_portal(
    *, case: Case, order: SupportOrder, role: str, reason: str, by
) -> Review:
    """A custodial party's or noncustodial parent's request for a review of their order
    (45 CFR 303.8(b): either parent may ask), made today through the portal. The review's
    source is the parent's role on the case; it is due ``review_completion_days`` (180) later
    (303.8(e)). The reason the parent gives, if any, goes in the case diary with the request.

    Raises ``ReviewRefused`` (from ``request_review``) when the order already has an open review
    or has ended, and ``ValueError`` for a role that cannot ask."""
    if role not in REVIEW_SOURCE_OF_ROLE:
        raise ValueError(f"a {role or 'non-member'} cannot ask for a review of the order")
    review = request_review(
        case=case,
        order=order,
        source=REVIEW_SOURCE_OF_ROLE[role],
        requested_on=timezone.localdate(),
        by=by,
    )
    who = "custodial party" if role == MemberRole.CUSTODIAL_PARTY else "noncustodial parent"
    reason = reason.strip()[:REASON_MAX_LENGTH]
    given = f"Reason given: {reason}" if reason else "No reason given."
    record_event(
        case.pk,
        f"Review of order {order.docket_number} asked for by the {who} through the parent "
        f"portal. {given}",
        by,
    )
    return review
