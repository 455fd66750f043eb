"""The public child support estimate (English and Spanish): a parent enters the family's figures
and sees what the guidelines would give, in plain language and clearly as an estimate.

Nothing is stored: no worksheet, no case, no audit record, no session data. The figures are sent by
POST so that incomes do not end up in addresses, browser history or server logs. Submissions are
limited per address and hour, like the public application.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from cses.accounts.throttle import over_hourly_limit
from cses.orders.worksheet_forms import EstimateForm
from cses.orders.worksheet_layout import is_illustrative
from cses.orders.worksheets import compute_worksheet
from cses.rules.frequency import from_weekly
from cses.rules.guidelines import WorksheetError

PUBLIC_ESTIMATES_PER_HOUR = 60


def _over_hourly_limit(request: HttpRequest) -> bool:
    return over_hourly_limit(request, action="public-estimate", limit=PUBLIC_ESTIMATES_PER_HOUR)


def _estimate(result: dict, frequency: str) -> dict:
    """The figures the page shows: each weekly amount, and its equivalent in the frequency the
    parent entered."""

    def both(weekly: str) -> dict:
        amount = Decimal(weekly)
        return {"weekly": amount, "per_period": from_weekly(amount, frequency)}

    flags = set(result.get("flags", []))
    return {
        "current_support": both(result["current_support_weekly"]),
        "health_care": both(result["health_care_contribution_weekly"]),
        "child_care": both(result["child_care_contribution_weekly"]),
        "total": both(result["total_award_weekly"]),
        "combined_income": Decimal(result["combined_net_weekly_income"]),
        "basic_obligation": Decimal(result["basic_obligation"]),
        "share": {k: Decimal(v) for k, v in result["percentage_share"].items()},
        "net_income": {k: Decimal(v) for k, v in result["net_weekly_income"].items()},
        "weekly_only": frequency == "weekly",
        "illustrative": is_illustrative(result),
        "high_income": "high_income" in flags,
        "low_income": "low_income_obligor" in flags,
        "over_55": "total_award_over_55_percent" in flags,
        "schedule": result.get("schedule") or {},
    }


@sensitive_post_parameters()
def public_estimate(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _over_hourly_limit(request):
        return render(request, "orders/estimate_limited.html", status=429)
    form = EstimateForm(request.POST if request.method == "POST" else None)
    estimate = None
    if form.is_bound and form.is_valid():
        try:
            result = compute_worksheet(form.contract_input(), timezone.localdate())
        except WorksheetError:
            form.add_error(
                None, _("These figures cannot be used for an estimate. Please check them.")
            )
        else:
            estimate = _estimate(result, form.cleaned_data["frequency"])
    status = 400 if form.is_bound and estimate is None else 200
    return render(
        request,
        "orders/estimate.html",
        {
            "form": form,
            "cp_fields": form.parent_fields("custodial"),
            "ncp_fields": form.parent_fields("noncustodial"),
            "estimate": estimate,
            "frequency_label": _frequency_label(form),
        },
        status=status,
    )


def _frequency_label(form: EstimateForm) -> str:
    if form.is_bound and form.is_valid():
        return str(dict(form.fields["frequency"].choices).get(form.cleaned_data["frequency"], ""))
    return ""
