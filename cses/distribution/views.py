"""Pages: a receipt and where its money went, and the daily balancing report (the checkbook).
The case's payment history is ``cses.disbursement.views.case_payments``."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.selectors import visible_cases
from cses.distribution import checkbook
from cses.distribution.forms import CheckbookForm
from cses.distribution.selectors import receipt_explanation
from cses.receipts.models import Receipt

CHECKBOOK_DAYS_DEFAULT = 7


@requires(Cap.PAYMENTS_VIEW)
def receipt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = get_object_or_404(Receipt.objects.select_related("case", "batch"), pk=pk)
    if (
        receipt.case_id
        and not can(request.user, Cap.ALL_OFFICES)
        and not visible_cases(request.user).filter(pk=receipt.case_id).exists()
    ):
        raise Http404
    explained = receipt_explanation(receipt)
    return render(request, "distribution/receipt.html", {"receipt": receipt, "x": explained})


@requires(Cap.PAYMENTS_VIEW)
def checkbook_report(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    form = CheckbookForm(
        request.GET or None,
        initial={"start": today - dt.timedelta(days=CHECKBOOK_DAYS_DEFAULT), "end": today},
    )
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = today - dt.timedelta(days=CHECKBOOK_DAYS_DEFAULT), today
    book = checkbook.daily_balancing(start, end, through=today)
    return render(
        request,
        "distribution/checkbook.html",
        {"form": form, "book": book, "totals": checkbook.totals(book)},
    )
