"""Payment processing pages: payment-file upload and its load report, window entry, the suspense
queue, and a receipt with its identify / refund / hold actions. Thin: the work is in services
(the ledger posts what they record)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cses.accounts.access import requires
from cses.accounts.roles import Cap
from cses.receipts import selectors, services
from cses.receipts.forms import IdentifyForm, PaymentFileForm, ReasonForm, WindowPaymentForm
from cses.receipts.imports import LoadReport, load_payment_file
from cses.receipts.models import Receipt, ReceiptBatch

AGE_FILTERS = {"": (None, None), "0-2": (None, 2), "3-30": (3, 30), "31+": (31, None)}


@requires(Cap.PAYMENTS_PROCESS)
def upload(request: HttpRequest) -> HttpResponse:
    form = PaymentFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = load_payment_file(
            upload.read(),
            name=upload.name,
            format=form.cleaned_data["format"] or None,
            by=request.user,
        )
        if report.already_loaded:
            messages.info(request, _("This file was already loaded: nothing was done."))
        return redirect("payments-batch", pk=report.batch_id)
    return render(
        request,
        "receipts/upload.html",
        {"form": form, "batches": selectors.recent_batches()},
    )


@requires(Cap.PAYMENTS_VIEW)
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ReceiptBatch, pk=pk)
    return render(
        request,
        "receipts/batch.html",
        {"batch": batch, "report": LoadReport.of(batch), "receipts": batch.receipts.all()[:500]},
    )


@requires(Cap.PAYMENTS_VIEW)
def suspense(request: HttpRequest) -> HttpResponse:
    age = request.GET.get("age", "")
    min_age, max_age = AGE_FILTERS.get(age, (None, None))
    today = timezone.localdate()
    queue = selectors.suspense_queue(today=today, min_age=min_age, max_age=max_age)[:500]
    rows = [(r, selectors.age_days(r, today)) for r in queue]
    return render(
        request,
        "receipts/suspense.html",
        {"rows": rows, "age": age, "ages": [a for a in AGE_FILTERS if a]},
    )


@requires(Cap.PAYMENTS_PROCESS)
def window(request: HttpRequest) -> HttpResponse:
    form = WindowPaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.record_payment(
                amount=data["amount"],
                method=data["method"],
                payer_name=data["payer_name"],
                case_reference=data["case_reference"],
                check_number=data["check_number"],
                routing_number=data["routing_number"],
                by=request.user,
            )
        except services.ReceiptError as e:
            form.add_error(None, str(e))
        else:
            return redirect("suspense-receipt", pk=receipt.pk)
    return render(request, "receipts/window.html", {"form": form})


@requires(Cap.PAYMENTS_VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = get_object_or_404(
        Receipt.objects.select_related("case", "obligor", "employer", "batch"), pk=pk
    )
    return render(
        request,
        "receipts/detail.html",
        {
            "receipt": receipt,
            "age": selectors.age_days(receipt),
            "identify_form": IdentifyForm(),
            "reason_form": ReasonForm(),
        },
    )


def _act(request: HttpRequest, pk: int, form, action) -> HttpResponse:
    receipt = get_object_or_404(Receipt, pk=pk)
    if form.is_valid():
        try:
            action(receipt, form.cleaned_data)
        except services.ReceiptError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("Done."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("suspense-receipt", pk=pk)


@require_POST
@requires(Cap.PAYMENTS_PROCESS)
def identify(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        IdentifyForm(request.POST),
        lambda r, d: services.identify_receipt(receipt=r, case=d["case_number"], by=request.user),
    )


@require_POST
@requires(Cap.PAYMENTS_PROCESS)
def refund(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReasonForm(request.POST),
        lambda r, d: services.refund_from_suspense(receipt=r, reason=d["reason"], by=request.user),
    )


@require_POST
@requires(Cap.PAYMENTS_PROCESS)
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReasonForm(request.POST),
        lambda r, d: services.hold_in_suspense(receipt=r, reason=d["reason"], by=request.user),
    )
