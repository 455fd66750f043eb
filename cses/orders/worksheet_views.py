"""The worker's guidelines worksheet pages on a case: the list, the form with its htmx preview,
the saved worksheet laid out as form CCSG-1 (printable) and its PDF.

A saved worksheet shows the parents' incomes, which are personal data: every view of one, on the
page or as a PDF, is written to the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import Case, CaseMember, MemberRole
from cses.cases.selectors import visible_case_or_404
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.orders.models import Worksheet
from cses.orders.worksheet_forms import WorksheetForm, initial_from_contract
from cses.orders.worksheet_layout import flag_labels, is_illustrative, worksheet_sections
from cses.orders.worksheet_pdf import worksheet_pdf as render_worksheet_pdf
from cses.orders.worksheets import case_worksheets, compute_worksheet, save_worksheet
from cses.rules.guidelines import WorksheetError


def _case_worksheet(case: Case, pk: int) -> Worksheet:
    return get_object_or_404(
        Worksheet.objects.select_related("prepared_by", "schedule"), pk=pk, case=case
    )


def _audit_worksheet(request: HttpRequest, worksheet: Worksheet, detail: str) -> None:
    record_view_set(
        request,
        [(AuditEvent.Action.VIEW_INCOME, "worksheet", worksheet.pk)],
        case_id=worksheet.case_id,
        detail=detail,
    )


def _dependent_children(case: Case) -> int:
    return CaseMember.objects.filter(
        case=case, role=MemberRole.DEPENDENT_CHILD, left_on__isnull=True
    ).count()


def _initial(request: HttpRequest, case: Case) -> dict:
    """Children default to the case's dependent children (1 to 6); ``?from=<id>`` starts from a
    saved worksheet of the case and ``?purpose=`` presets the purpose."""
    initial: dict = {"children": min(max(_dependent_children(case), 1), 6)}
    source = request.GET.get("from", "")
    if source.isdigit():
        earlier = Worksheet.objects.filter(case=case, pk=int(source)).first()
        if earlier:
            initial.update(initial_from_contract(earlier.inputs))
            initial["purpose"] = earlier.purpose
    if request.GET.get("purpose") in Worksheet.Purpose.values:
        initial["purpose"] = request.GET["purpose"]
    return initial


def _preview(form: WorksheetForm) -> dict | None:
    """The computed worksheet for a valid form, or None with the rules' problems on the form."""
    if not form.is_valid():
        return None
    try:
        return compute_worksheet(form.contract_input(), timezone.localdate())
    except WorksheetError as e:
        form.add_contract_errors(e.problems)
        return None


def _form_context(case: Case, form: WorksheetForm, result: dict | None) -> dict:
    return {
        "case": case,
        "form": form,
        "result": result,
        "sections": worksheet_sections(result) if result else [],
        "flags": flag_labels(result) if result else [],
        "illustrative": is_illustrative(result) if result else False,
    }


@requires(Cap.CASES_VIEW)
def worksheet_list(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    return render(
        request,
        "orders/worksheet_list.html",
        {
            "case": case,
            "worksheets": case_worksheets(case),
            "can_prepare": can(request.user, Cap.ORDERS_WORKSHEET),
        },
    )


@sensitive_post_parameters()
@requires(Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET)
def worksheet_new(request: HttpRequest, case_number: str) -> HttpResponse:
    """The worksheet form. "Compute" shows the worksheet without saving it (through htmx the
    preview endpoint answers instead); "Save to case" recomputes on the server and saves."""
    case = visible_case_or_404(request.user, case_number)
    if request.method != "POST":
        form = WorksheetForm(initial=_initial(request, case))
        return render(request, "orders/worksheet_new.html", _form_context(case, form, None))
    form = WorksheetForm(request.POST)
    result = _preview(form)
    if result is not None and request.POST.get("action") != "preview":
        worksheet = save_worksheet(
            case=case,
            inputs=form.contract_input(),
            purpose=form.cleaned_data["purpose"],
            notes=form.cleaned_data["notes"],
            by=request.user,
        )
        messages.success(
            request, _("Worksheet %(number)s saved to the case.") % {"number": worksheet.pk}
        )
        return redirect("worksheet-detail", case_number=case.case_number, pk=worksheet.pk)
    return render(
        request,
        "orders/worksheet_new.html",
        _form_context(case, form, result),
        status=200 if result is not None else 400,
    )


@sensitive_post_parameters()
@require_POST
@requires(Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET)
def worksheet_preview(request: HttpRequest, case_number: str) -> HttpResponse:
    """The htmx preview: the form (with any errors on its fields) and the computed worksheet,
    nothing saved. Answered 200 even with errors so that htmx swaps them in."""
    case = visible_case_or_404(request.user, case_number)
    form = WorksheetForm(request.POST)
    result = _preview(form)
    return render(request, "orders/_worksheet_form.html", _form_context(case, form, result))


@requires(Cap.CASES_VIEW)
def worksheet_detail(request: HttpRequest, case_number: str, pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    worksheet = _case_worksheet(case, pk)
    _audit_worksheet(request, worksheet, "guidelines worksheet")
    result = worksheet.result
    return render(
        request,
        "orders/worksheet_detail.html",
        {
            "case": case,
            "worksheet": worksheet,
            "result": result,
            "sections": worksheet_sections(result),
            "flags": flag_labels(result),
            "illustrative": worksheet.illustrative or is_illustrative(result),
            "can_prepare": can(request.user, Cap.ORDERS_WORKSHEET),
            "can_enter_order": can(request.user, Cap.ORDERS_ENTER),
        },
    )


@requires(Cap.CASES_VIEW)
def worksheet_pdf(request: HttpRequest, case_number: str, pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    worksheet = _case_worksheet(case, pk)
    _audit_worksheet(request, worksheet, "guidelines worksheet PDF")
    response = HttpResponse(render_worksheet_pdf(worksheet), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="worksheet-{case.case_number}-{worksheet.pk}.pdf"'
    )
    return response
