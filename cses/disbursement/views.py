"""Disbursement pages: a case's payment history with its balances, disbursements and holds; the
payee's payment instruction; holds; undeliverable checks and ACH returns; the day's files.

Thin: the work is in ``services``; reads in ``selectors``. Account and card numbers are only ever
shown masked, and each page that shows them is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.selectors import visible_case_or_404
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.disbursement import selectors, services
from cses.disbursement.forms import (
    AchReturnForm,
    AsOfForm,
    FilesDayForm,
    HoldForm,
    PaymentInstructionForm,
    ReleaseForm,
    UndeliverableForm,
)
from cses.disbursement.models import (
    Disbursement,
    DisbursementFile,
    DisbursementHold,
    DisbursementStatus,
    FileKind,
    PaymentMethod,
)
from cses.distribution.selectors import payment_history


def _instruction_views(instructions) -> list[tuple[str, str, object]]:
    """The audit events for showing instructions: the masked bank account or card, and a
    check's mailing address."""
    views: list[tuple[str, str, object]] = []
    seen: set[int] = set()
    for i in instructions:
        if i is None or i.pk in seen:
            continue
        seen.add(i.pk)
        if i.method in (PaymentMethod.DIRECT_DEPOSIT, PaymentMethod.DEBIT_CARD):
            views.append((AuditEvent.Action.VIEW_BANK_ACCOUNT, "payment_instruction", i.pk))
        if i.mailing_address_id:
            views.append((AuditEvent.Action.VIEW_ADDRESS, "address", i.mailing_address_id))
    return views


def _form_errors(request: HttpRequest, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@requires(Cap.CASES_VIEW, Cap.PAYMENTS_VIEW)
def case_payments(request: HttpRequest, case_number: str) -> HttpResponse:
    """The case's payment history: balances by category as of a date (default today), each
    receipt with its distribution explained, each disbursement and its status, and the holds."""
    case = visible_case_or_404(request.user, case_number)
    today = timezone.localdate()
    as_of_form = AsOfForm(request.GET or None, initial={"as_of": today})
    as_of = today
    if as_of_form.is_bound and as_of_form.is_valid() and as_of_form.cleaned_data["as_of"]:
        as_of = as_of_form.cleaned_data["as_of"]
    disbursements = selectors.case_disbursements(case)
    in_force, other_holds = selectors.case_holds(case, today)
    payee = selectors.payee_of(case)
    instruction = selectors.instruction_in_force(payee)
    record_view_set(
        request,
        _instruction_views([instruction, *(d.instruction for d in disbursements)]),
        case_id=case.pk,
        detail="case payment history",
    )
    can_process = can(request.user, Cap.PAYMENTS_PROCESS)
    return render(
        request,
        "disbursement/case_payments.html",
        {
            "case": case,
            "as_of": as_of,
            "as_of_form": as_of_form,
            "groups": selectors.balances_by_category(case.pk, as_of),
            "history": payment_history(case),
            "disbursements": disbursements,
            "holds": in_force,
            "other_holds": other_holds,
            "payee": payee,
            "instruction": instruction,
            "instruction_shown": instruction
            and selectors.masked_method(instruction.method, instruction),
            "can_process": can_process,
            "hold_form": HoldForm() if can_process else None,
            "release_form": ReleaseForm(initial={"on": today}) if can_process else None,
            "undeliverable_form": UndeliverableForm(initial={"on": today}) if can_process else None,
            "return_form": AchReturnForm(initial={"on": today}) if can_process else None,
            "SENT": DisbursementStatus.SENT,
            "CHECK": PaymentMethod.CHECK,
            "DIRECT_DEPOSIT": PaymentMethod.DIRECT_DEPOSIT,
        },
    )


def _instruction_page(request, case, form, status=200) -> HttpResponse:
    payee = selectors.payee_of(case)
    instruction = selectors.instruction_in_force(payee)
    history = selectors.instruction_history(payee)
    record_view_set(
        request,
        _instruction_views([instruction, *history]),
        case_id=case.pk,
        detail="payment instruction",
    )
    for i in [instruction, *history]:
        if i is not None:
            i.shown_method = selectors.masked_method(i.method, i)
    return render(
        request,
        "disbursement/instruction.html",
        {
            "case": case,
            "payee": payee,
            "instruction": instruction,
            "history": history,
            "form": form,
        },
        status=status,
    )


@requires(Cap.CASES_VIEW, Cap.PAYMENTS_VIEW)
def payment_instruction(request: HttpRequest, case_number: str) -> HttpResponse:
    """How the case's payee is paid (masked), the instructions it replaced, and, for payment
    processing, the form to record a new one."""
    case = visible_case_or_404(request.user, case_number)
    payee = selectors.payee_of(case)
    form = (
        PaymentInstructionForm(person=payee)
        if payee is not None and can(request.user, Cap.PAYMENTS_PROCESS)
        else None
    )
    return _instruction_page(request, case, form)


@require_POST
@requires(Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS)
def payment_instruction_set(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    payee = selectors.payee_of(case)
    if payee is None:
        messages.error(request, _("This case has no custodial party to pay."))
        return redirect("payment-instruction", case_number=case.case_number)
    form = PaymentInstructionForm(request.POST, person=payee)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_payment_instruction(
                person=payee,
                method=data["method"],
                effective_from=data["effective_from"],
                routing_number=data["routing_number"],
                account_number=data["account_number"],
                account_type=data["account_type"] or "checking",
                card_account_id=data["card_account_id"].strip(),
                mailing_address=data["mailing_address"],
            )
        except services.DisbursementError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The new payment instruction is recorded."))
            return redirect("payment-instruction", case_number=case.case_number)
    return _instruction_page(request, case, form, status=422)


@require_POST
@requires(Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS)
def hold_place(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = HoldForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.place_hold(
                case=case,
                reason=data["reason"],
                held_from=data["held_from"],
                held_until=data["held_until"],
                note=data["note"],
            )
        except services.DisbursementError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("Payments to the family on this case are held."))
    else:
        _form_errors(request, form)
    return redirect("case-payments", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS)
def hold_release(request: HttpRequest, case_number: str, hold_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    hold = get_object_or_404(DisbursementHold, pk=hold_id, case=case)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.release_hold(hold=hold, on=form.cleaned_data["on"])
        except services.DisbursementError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request, _("Hold released: the next daily run pays what it held back.")
            )
    else:
        _form_errors(request, form)
    return redirect("case-payments", case_number=case.case_number)


def _disbursement(request: HttpRequest, case_number: str, pk: int) -> Disbursement:
    case = visible_case_or_404(request.user, case_number)
    return get_object_or_404(Disbursement.objects.select_related("case"), pk=pk, case=case)


@require_POST
@requires(Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS)
def disbursement_undeliverable(request: HttpRequest, case_number: str, pk: int) -> HttpResponse:
    """A check came back undeliverable: the money returns to the family's payable balance and
    the case is held for an unknown address."""
    disbursement = _disbursement(request, case_number, pk)
    form = UndeliverableForm(request.POST)
    if disbursement.method != PaymentMethod.CHECK:
        messages.error(request, _("Only a check can be returned undeliverable."))
    elif form.is_valid():
        try:
            services.record_undeliverable(
                disbursement=disbursement,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except services.DisbursementError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request,
                _("Recorded as undeliverable; the case is held until the address is known."),
            )
    else:
        _form_errors(request, form)
    return redirect("case-payments", case_number=case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS)
def disbursement_ach_return(request: HttpRequest, case_number: str, pk: int) -> HttpResponse:
    """The bank returned a direct deposit: the money returns to the family's payable balance and
    the payee's instruction ends until a new one is recorded."""
    disbursement = _disbursement(request, case_number, pk)
    form = AchReturnForm(request.POST)
    if disbursement.method != PaymentMethod.DIRECT_DEPOSIT:
        messages.error(request, _("Only a direct deposit can be returned by the bank."))
    elif form.is_valid():
        try:
            services.record_ach_return(
                disbursement=disbursement,
                on=form.cleaned_data["on"],
                return_code=form.cleaned_data["return_code"],
            )
        except services.DisbursementError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request,
                _("ACH return recorded; record a new payment instruction before the next run."),
            )
    else:
        _form_errors(request, form)
    return redirect("case-payments", case_number=case_number)


@requires(Cap.PAYMENTS_PROCESS)
def disbursement_files(request: HttpRequest) -> HttpResponse:
    """The files the disbursement run wrote on a day (default today), each to download."""
    today = timezone.localdate()
    form = FilesDayForm(request.GET or None, initial={"day": today})
    day = today
    if form.is_bound and form.is_valid() and form.cleaned_data["day"]:
        day = form.cleaned_data["day"]
    return render(
        request,
        "disbursement/files.html",
        {"form": form, "day": day, "files": selectors.day_files(day)},
    )


@requires(Cap.PAYMENTS_PROCESS)
def disbursement_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """One file as sent; a NACHA file holds full account numbers, so each download is audited
    as an export."""
    file = get_object_or_404(DisbursementFile, pk=pk)
    record_view_set(
        request,
        [(AuditEvent.Action.EXPORT, "disbursement_file", file.pk)],
        detail=f"downloaded {file.filename}",
    )
    content_type = "text/plain" if file.kind == FileKind.NACHA_PPD else "text/csv"
    response = HttpResponse(file.content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"
    return response
