"""The self-service portal: a parent's cases and support orders, and the employer an employer
account acts for.

What a parent sees of the other parties passes the family-violence rule: a person protected from
them shows as "confidential", with no place at all. A custodial party or noncustodial parent may
ask for a review of an order in force on their case (45 CFR 303.8(b)); any other case, or an order
they cannot see, is not found.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import Case, CaseStatus
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.core.parameters import decimal_parameter, int_parameter
from cses.orders.models import Review, SupportOrder
from cses.orders.reviews import ReviewRefused
from cses.portal import services
from cses.portal.forms import ReviewRequestForm
from cses.portal.selectors import PortalCase, find_order, find_review, parent_cases


def _review_rules() -> dict[str, object]:
    """The numbers the review explanations quote, as in effect today."""
    today = timezone.localdate()
    return {
        "review_days": int_parameter("review_completion_days", today),
        "threshold": decimal_parameter("modification_threshold_percent", today),
    }


@requires()
def portal_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if can(user, Cap.PORTAL_PARENT):
        person = user.profile.person
        cases: list[PortalCase] = []
        if person is not None:
            cases, shown = parent_cases(person.pk)
            record_view_set(
                request,
                [(AuditEvent.Action.VIEW_ADDRESS, "address", pk) for pk in shown],
                channel="portal",
                detail="portal: city and state of the other parties",
            )
        # Each order with its review request form, when a review may be asked for.
        entries = [
            (
                c,
                [
                    (
                        o,
                        ReviewRequestForm(prefix=ReviewRequestForm.prefix_for(o.order_id))
                        if o.may_request_review
                        else None,
                    )
                    for o in c.orders
                ],
            )
            for c in cases
        ]
        context = {"person": person, "entries": entries}
        if any(c.orders for c in cases):
            context.update(_review_rules())
        return render(request, "portal/parent_home.html", context)
    if can(user, Cap.PORTAL_EMPLOYER):
        return render(request, "portal/employer_home.html", {"employer": user.profile.employer})
    raise PermissionDenied


def _my_cases(request: HttpRequest) -> list[PortalCase]:
    person_id = request.user.profile.person_id
    if person_id is None:
        raise Http404
    cases, _shown = parent_cases(person_id)
    return cases


def _request_review(
    request: HttpRequest, portal_case: PortalCase, order_id: int, answers: dict
) -> Review:
    if portal_case.status_code == CaseStatus.CLOSED:
        raise ReviewRefused(_("The case is closed: please call your caseworker about a review."))
    case = get_object_or_404(Case, case_number=portal_case.case_number)
    return services.request_review_through_portal(
        case=case,
        order=get_object_or_404(SupportOrder, pk=order_id, case=case),
        role=portal_case.your_role_code,
        reason=answers["reason"],
        by=request.user,
    )


@requires(Cap.PORTAL_PARENT)
def portal_review_request(request: HttpRequest, case_number: str, order_id: int) -> HttpResponse:
    """Ask for a review of one of the parent's orders: confirm, and say why if they wish."""
    cases = _my_cases(request)
    order = find_order(cases, case_number, order_id)
    if order is None:
        raise Http404
    portal_case = next(c for c in cases if c.case_number == case_number)
    prefix = ReviewRequestForm.prefix_for(order_id)
    refused: list[str] = []
    if request.method == "POST":
        form = ReviewRequestForm(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                review = _request_review(request, portal_case, order_id, form.cleaned_data)
            except ReviewRefused as e:
                refused = [str(e)]
                order = find_order(_my_cases(request), case_number, order_id) or order
            else:
                messages.success(request, _("We received your request for a review."))
                return redirect("portal-review", case_number=case_number, review_id=review.pk)
    else:
        form = ReviewRequestForm(prefix=prefix)
    context = {
        "case": portal_case,
        "order": order,
        "form": form if order.may_request_review else None,
        "refused": refused,
        **_review_rules(),
    }
    status = 422 if refused or form.errors else 200
    return render(request, "portal/review_request.html", context, status=status)


@requires(Cap.PORTAL_PARENT)
def portal_review(request: HttpRequest, case_number: str, review_id: int) -> HttpResponse:
    """A review of one of the parent's orders: when it was asked for, when it is due, and its
    outcome."""
    found = find_review(_my_cases(request), case_number, review_id)
    if found is None:
        raise Http404
    order, review = found
    context: dict[str, object] = {
        "case_number": case_number,
        "order": order,
        "review": review,
        "review_days": (review.due_by - review.requested_on).days,
        "threshold": decimal_parameter("modification_threshold_percent", review.requested_on),
    }
    return render(request, "portal/review.html", context)
