"""The review pages of a case: the list of reviews, asking for one, and working one (attach the
recomputed worksheet, see whether the change is substantial, record the outcome)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import Case
from cses.cases.selectors import visible_case_or_404
from cses.orders import reviews
from cses.orders.models import Review
from cses.orders.review_forms import ReviewDecisionForm, ReviewRequestForm, ReviewWorksheetForm


def _review(case: Case, review_id: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("order", "worksheet", "requested_by", "decided_by"),
        pk=review_id,
        case=case,
    )


def _optional_url(name: str, **kwargs) -> str | None:
    """A link to another module's page, or none while that page is not installed."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _with_query(url: str | None, **params: str) -> str | None:
    return f"{url}?{urlencode(params)}" if url else None


def _problems(form) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
        for name, errs in form.errors.items()
    ]


@requires(Cap.CASES_VIEW)
def review_list(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    context = {
        "case": case,
        "reviews": list(reviews.reviews_of_case(case)),
        "can_request": can(request.user, Cap.ORDERS_REVIEW)
        and reviews.reviewable_orders(case).exists(),
    }
    return render(request, "orders/review_list.html", context)


@requires(Cap.CASES_VIEW, Cap.ORDERS_REVIEW)
def review_request(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    orders = reviews.reviewable_orders(case)
    refused: list[str] = []
    if request.method == "POST":
        form = ReviewRequestForm(request.POST, orders=orders)
        if form.is_valid():
            try:
                review = reviews.request_review(
                    case=case,
                    order=form.cleaned_data["order"],
                    source=form.cleaned_data["source"],
                    requested_on=form.cleaned_data["requested_on"],
                    by=request.user,
                )
            except reviews.ReviewRefused as e:
                refused = [str(e)]
            else:
                messages.success(
                    request,
                    _("Review opened; it is due by %(date)s.") % {"date": review.due_by},
                )
                return redirect("review-detail", case_number=case.case_number, review_id=review.pk)
        else:
            refused = _problems(form)
    else:
        form = ReviewRequestForm(orders=orders)
    context = {"case": case, "form": form, "refused": refused, "has_orders": orders.exists()}
    return render(request, "orders/review_request.html", context, status=422 if refused else 200)


def _detail_page(
    request: HttpRequest,
    case: Case,
    review: Review,
    *,
    worksheet_form: ReviewWorksheetForm | None = None,
    decision_form: ReviewDecisionForm | None = None,
    refused: list[str] | None = None,
    refused_action: str = "",
) -> HttpResponse:
    may_act = review.outcome == Review.Outcome.PENDING and can(request.user, Cap.ORDERS_REVIEW)
    worksheets = reviews.worksheets_for_review(case)
    has_worksheets = worksheets.exists()
    if may_act and worksheet_form is None and has_worksheets:
        worksheet_form = ReviewWorksheetForm(
            worksheets=worksheets, initial={"worksheet": review.worksheet_id}
        )
    if may_act and decision_form is None:
        decision_form = ReviewDecisionForm()
    context = {
        "case": case,
        "review": review,
        "version": reviews.version_in_effect(review.order, review.requested_on),
        "may_act": may_act,
        "overdue": review.outcome == Review.Outcome.PENDING
        and review.due_by < timezone.localdate(),
        "has_worksheets": has_worksheets,
        "worksheet_form": worksheet_form if may_act else None,
        "decision_form": decision_form if may_act else None,
        "worksheet_new_url": _with_query(
            _optional_url("worksheet-new", case_number=case.case_number), purpose="review"
        ),
        "worksheet_url": review.worksheet_id
        and _optional_url("worksheet-detail", case_number=case.case_number, pk=review.worksheet_id),
        "refused": refused,
        "refused_action": refused_action,
    }
    return render(request, "orders/review_detail.html", context, status=422 if refused else 200)


@requires(Cap.CASES_VIEW)
def review_detail(request: HttpRequest, case_number: str, review_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    return _detail_page(request, case, _review(case, review_id))


@require_POST
@requires(Cap.CASES_VIEW, Cap.ORDERS_REVIEW)
def review_worksheet(request: HttpRequest, case_number: str, review_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    review = _review(case, review_id)
    form = ReviewWorksheetForm(request.POST, worksheets=reviews.worksheets_for_review(case))
    if not form.is_valid():
        return _detail_page(
            request,
            case,
            review,
            worksheet_form=form,
            refused=_problems(form),
            refused_action="worksheet",
        )
    try:
        review = reviews.record_review_worksheet(
            review=review, worksheet=form.cleaned_data["worksheet"], by=request.user
        )
    except reviews.ReviewRefused as e:
        return _detail_page(
            request, case, review, worksheet_form=form, refused=[str(e)], refused_action="worksheet"
        )
    if review.substantial_change:
        messages.success(request, _("Worksheet attached: the change is substantial."))
    else:
        messages.success(request, _("Worksheet attached: the change is not substantial."))
    return redirect("review-detail", case_number=case.case_number, review_id=review.pk)


@require_POST
@requires(Cap.CASES_VIEW, Cap.ORDERS_REVIEW)
def review_decide(request: HttpRequest, case_number: str, review_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    review = _review(case, review_id)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(
            request,
            case,
            review,
            decision_form=form,
            refused=_problems(form),
            refused_action="decide",
        )
    try:
        review = reviews.decide_review(
            review=review,
            outcome=form.cleaned_data["outcome"],
            outcome_on=form.cleaned_data["outcome_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except reviews.ReviewRefused as e:
        return _detail_page(
            request, case, review, decision_form=form, refused=[str(e)], refused_action="decide"
        )
    messages.success(
        request, _("Review decided: %(outcome)s.") % {"outcome": review.get_outcome_display()}
    )
    return redirect("review-detail", case_number=case.case_number, review_id=review.pk)
