"""Reviews of support orders for modification: the services that open, work and decide them, the
nightly job that opens the periodic reviews of assistance orders, and the reads behind the pages.

A review is asked for by either parent or opened by the agency (45 CFR 303.8(b)); assistance
orders are reviewed at least every ``review_cycle_months`` (36). The worker attaches a guidelines
worksheet; the review then holds the current order's weekly amount, the guideline amount and
whether the difference is a substantial change (CGS 46b-86(a), ``modification_threshold_percent``).
The outcome (petition filed, no change, agreement, withdrawn) closes it. Each step writes a diary
event on the case.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from cses.cases.models import Case, DiaryEntry, ProgramType
from cses.cases.services import record_event
from cses.core.parameters import decimal_parameter, int_parameter
from cses.orders.models import OrderVersion, Review, SupportOrder, Worksheet
from cses.orders.services import money
from cses.rules import modification as rules

CHUNK = 1000
OPEN = Q(outcome=Review.Outcome.PENDING)
# The kinds of version that start a review cycle: the order's establishment (or its entry from
# the court record) and a modification. A child's support ending is no review of the order.
CYCLE_STARTS = (
    OrderVersion.Kind.ESTABLISHED,
    OrderVersion.Kind.PRIOR,
    OrderVersion.Kind.MODIFIED,
)
# A withdrawn request was never reviewed; every other outcome is a completed review.
COMPLETED_OUTCOMES = (
    Review.Outcome.PETITION_FILED,
    Review.Outcome.NO_CHANGE,
    Review.Outcome.AGREEMENT,
)
# An outcome other than withdrawal decides on a recomputed guideline amount (303.8(b)(1)).
OUTCOMES_NEEDING_WORKSHEET = COMPLETED_OUTCOMES


class ReviewRefused(ValueError):
    """The action cannot be taken; the message says why, in the worker's words."""


# --- reads -------------------------------------------------------------------------------------


def reviews_of_case(case: Case) -> QuerySet[Review]:
    """Every review of the case's orders, newest request first."""
    return (
        Review.objects.filter(case=case)
        .select_related("order", "worksheet", "requested_by", "decided_by")
        .order_by("-requested_on", "-id")
    )


def open_reviews_due(
    *, on: dt.date, within_days: int = 30, cases: QuerySet[Case] | None = None
) -> QuerySet[Review]:
    """Open reviews whose 180-day deadline (45 CFR 303.8(e)) falls within ``within_days`` of
    ``on`` or has passed, soonest first: for worker alerts. ``cases`` limits them to a caseload."""
    reviews = Review.objects.filter(OPEN, due_by__lte=on + dt.timedelta(days=within_days))
    if cases is not None:
        reviews = reviews.filter(case__in=cases)
    return reviews.select_related("case", "order").order_by("due_by", "id")


def overdue_reviews(*, on: dt.date, cases: QuerySet[Case] | None = None) -> QuerySet[Review]:
    """Open reviews past their 180-day deadline on ``on``."""
    reviews = Review.objects.filter(OPEN, due_by__lt=on)
    if cases is not None:
        reviews = reviews.filter(case__in=cases)
    return reviews.select_related("case", "order").order_by("due_by", "id")


def open_review_of(order: SupportOrder) -> Review | None:
    return Review.objects.filter(OPEN, order=order).order_by("id").first()


def version_in_effect(order: SupportOrder, on: dt.date) -> OrderVersion | None:
    """The order's terms in effect on ``on``: the latest version effective by then."""
    return (
        OrderVersion.objects.filter(order=order, effective_from__lte=on)
        .select_related("worksheet")
        .order_by("-effective_from", "-version")
        .first()
    )


def worksheets_for_review(case: Case) -> QuerySet[Worksheet]:
    """The case's saved worksheets, those prepared for a review first, newest first."""
    return (
        Worksheet.objects.filter(case=case)
        .annotate(for_review=Q(purpose=Worksheet.Purpose.REVIEW))
        .order_by("-for_review", "-prepared_at", "-id")
    )


def reviewable_orders(case: Case) -> QuerySet[SupportOrder]:
    """The case's active orders: the ones a review may be asked for."""
    return SupportOrder.objects.filter(case=case, active=True).order_by("-entered_at", "-id")


# --- actions -----------------------------------------------------------------------------------

REQUEST_SOURCES = (
    Review.Source.CUSTODIAL,
    Review.Source.NONCUSTODIAL,
    Review.Source.AGENCY,
    Review.Source.CHILD_ENDED,
)


@transaction.atomic
def request_review(
    *, case: Case, order: SupportOrder, source: str, requested_on: dt.date, by
) -> Review:
    """Open a review of ``order`` at a parent's request or on the agency's own motion
    (45 CFR 303.8(b)). It is due ``review_completion_days`` (180) after the request (303.8(e)).
    An order has at most one open review: a second request while one is open is refused."""
    if order.case_id != case.pk:
        raise ReviewRefused(_("The order is not on this case."))
    if source not in REQUEST_SOURCES:
        raise ReviewRefused(_("A review is requested by a parent or opened by the agency."))
    if requested_on > timezone.localdate():
        raise ReviewRefused(_("The request date cannot be in the future."))
    order = SupportOrder.objects.select_for_update().get(pk=order.pk)
    if not order.active:
        raise ReviewRefused(_("The order has ended; there is nothing to review."))
    existing = open_review_of(order)
    if existing is not None:
        raise ReviewRefused(
            _("Order %(docket)s already has an open review, requested %(on)s.")
            % {"docket": order.docket_number, "on": existing.requested_on}
        )
    days = int_parameter("review_completion_days", requested_on)
    review = Review.objects.create(
        case=case,
        order=order,
        source=source,
        requested_on=requested_on,
        due_by=rules.review_due_by(requested_on, days),
        requested_by=by,
    )
    record_event(
        case.pk,
        f"Review of order {order.docket_number} opened ({review.get_source_display()}), "
        f"requested {requested_on}; to be completed by {review.due_by} (45 CFR 303.8(e)).",
        by,
    )
    return review


def _locked_open(review: Review) -> Review:
    review = (
        Review.objects.select_for_update(of=("self",)).select_related("order").get(pk=review.pk)
    )
    if review.outcome != Review.Outcome.PENDING:
        raise ReviewRefused(_("The review has been decided; it cannot be changed."))
    return review


@transaction.atomic
def record_review_worksheet(*, review: Review, worksheet: Worksheet, by) -> Review:
    """Attach the recomputed guidelines worksheet and test for a substantial change (CGS
    46b-86(a)): the worksheet's current support against the weekly amount of the order version in
    effect on the review's request date, at the ``modification_threshold_percent`` in effect then.
    A later worksheet replaces an earlier one while the review is open."""
    review = _locked_open(review)
    if worksheet.case_id != review.case_id:
        raise ReviewRefused(_("The worksheet belongs to another case."))
    version = version_in_effect(review.order, review.requested_on)
    if version is None:
        raise ReviewRefused(
            _("Order %(docket)s has no terms in effect on %(on)s.")
            % {"docket": review.order.docket_number, "on": review.requested_on}
        )
    threshold = decimal_parameter("modification_threshold_percent", review.requested_on)
    test = rules.compare_to_order(
        version.current_support_weekly, worksheet.current_support_weekly, threshold
    )
    review.worksheet = worksheet
    review.current_weekly = test.current_weekly
    review.guideline_weekly = test.guideline_weekly
    review.change_percent = test.change_percent
    review.threshold_percent = test.threshold_percent
    review.substantial_change = test.substantial
    review.save(
        update_fields=[
            "worksheet",
            "current_weekly",
            "guideline_weekly",
            "change_percent",
            "threshold_percent",
            "substantial_change",
        ]
    )
    change = (
        "no percentage (no current amount)"
        if test.change_percent is None
        else f"{test.change_percent:+}%"
    )
    verdict = "a substantial change" if test.substantial else "not a substantial change"
    record_event(
        review.case_id,
        f"Review of order {review.order.docket_number}: worksheet #{worksheet.pk} gives "
        f"{money(test.guideline_weekly)} a week against the order's "
        f"{money(test.current_weekly)} (version {version.version}); change {change}, "
        f"{verdict} at the {threshold}% threshold (CGS 46b-86(a)).",
        by,
    )
    return review


DECISIONS = (
    Review.Outcome.PETITION_FILED,
    Review.Outcome.NO_CHANGE,
    Review.Outcome.AGREEMENT,
    Review.Outcome.WITHDRAWN,
)


@transaction.atomic
def decide_review(*, review: Review, outcome: str, outcome_on: dt.date, note: str, by) -> Review:
    """Record the review's outcome: a petition to modify filed, no change warranted, an agreement
    of the parties, or the request withdrawn (45 CFR 303.8(e): adjust or decide not to).

    A note is always required. Every outcome but withdrawal needs the recomputed guideline amount
    first. "No change" despite a substantial change is allowed: the note is the worker's reason,
    and the diary says the change was substantial."""
    if outcome not in DECISIONS:
        raise ReviewRefused(_("Choose an outcome of the review."))
    note = note.strip()
    if not note:
        raise ReviewRefused(_("A note explaining the outcome is required."))
    review = _locked_open(review)
    if outcome_on < review.requested_on:
        raise ReviewRefused(_("The outcome date cannot be before the request."))
    if outcome_on > timezone.localdate():
        raise ReviewRefused(_("The outcome date cannot be in the future."))
    if outcome in OUTCOMES_NEEDING_WORKSHEET and review.worksheet_id is None:
        raise ReviewRefused(
            _("Attach the recomputed guidelines worksheet before deciding the review.")
        )
    review.outcome = outcome
    review.outcome_on = outcome_on
    review.outcome_note = note
    review.decided_by = by
    review.save(update_fields=["outcome", "outcome_on", "outcome_note", "decided_by"])
    despite = ""
    if outcome == Review.Outcome.NO_CHANGE and review.substantial_change:
        despite = " despite a substantial change"
    record_event(
        review.case_id,
        f"Review of order {review.order.docket_number} decided on {outcome_on}: "
        f"{review.get_outcome_display()}{despite}. {note}",
        by,
    )
    return review


# --- the periodic review job -------------------------------------------------------------------


def _cycle_due(cutoff: dt.date) -> QuerySet[SupportOrder]:
    """Active orders of current-assistance cases whose last establishment, modification or
    completed review is on or before ``cutoff`` and that have no open review."""
    last_version = Subquery(
        OrderVersion.objects.filter(order=OuterRef("pk"), kind__in=CYCLE_STARTS)
        .order_by("-effective_from")
        .values("effective_from")[:1]
    )
    last_review = Subquery(
        Review.objects.filter(order=OuterRef("pk"), outcome__in=COMPLETED_OUTCOMES)
        .order_by("-outcome_on")
        .values("outcome_on")[:1]
    )
    return (
        SupportOrder.objects.filter(active=True, case__program_type=ProgramType.CURRENT_ASSISTANCE)
        .annotate(last_version=last_version, last_review=last_review)
        # GREATEST skips nulls on PostgreSQL but not on SQLite: coalesce each side first.
        .annotate(
            cycle_from=Greatest(
                Coalesce(F("last_version"), F("last_review")),
                Coalesce(F("last_review"), F("last_version")),
            )
        )
        .filter(cycle_from__lte=cutoff)
        .exclude(Exists(Review.objects.filter(OPEN, order=OuterRef("pk"))))
    )


def open_cycle_reviews(on: dt.date | None = None) -> int:
    """Nightly: open a periodic review (45 CFR 303.8(b)(1)) of every active assistance order
    whose establishment, last modification or last completed review is ``review_cycle_months``
    (36) or more before ``on``. Returns how many were opened.

    Set-based over chunks of order ids, one transaction per chunk with the chunk's orders locked
    (in id order) and the condition checked again under the lock, so running twice, or two runs at
    once, opens each review once; ``one_open_cycle_review_per_order`` backs this up."""
    on = on or timezone.localdate()
    cutoff = rules.cycle_cutoff(on, int_parameter("review_cycle_months", on))
    due_by = rules.review_due_by(on, int_parameter("review_completion_days", on))
    candidates = list(_cycle_due(cutoff).order_by("pk").values_list("pk", flat=True))
    opened = 0
    for start in range(0, len(candidates), CHUNK):
        chunk = candidates[start : start + CHUNK]
        with transaction.atomic():
            list(
                SupportOrder.objects.select_for_update()
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            rows = list(
                _cycle_due(cutoff)
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "case_id", "docket_number", "cycle_from")
            )
            Review.objects.bulk_create(
                [
                    Review(
                        case_id=case_id,
                        order_id=order_id,
                        source=Review.Source.ASSISTANCE_CYCLE,
                        requested_on=on,
                        due_by=due_by,
                    )
                    for order_id, case_id, _docket, _from in rows
                ]
            )
            now = timezone.now()
            DiaryEntry.objects.bulk_create(
                [
                    DiaryEntry(
                        case_id=case_id,
                        at=now,
                        author=None,
                        kind=DiaryEntry.Kind.EVENT,
                        text=(
                            f"Periodic review of order {docket} opened: no review since "
                            f"{cycle_from} (45 CFR 303.8(b)(1)); to be completed by {due_by}."
                        ),
                    )
                    for _order, case_id, docket, cycle_from in rows
                ]
            )
            opened += len(rows)
    return opened
