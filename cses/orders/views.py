"""The order pages of a case: the orders, one order's history and obligation schedule, entering
an order, modifying it, a child's schooling, and vacating it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import Case
from cses.cases.selectors import visible_case_or_404
from cses.orders import selectors, services
from cses.orders.forms import (
    EnterOrderForm,
    ModifyOrderForm,
    PeriodForm,
    SchoolingForm,
    VacateForm,
    default_period,
)
from cses.orders.models import OrderChild, OrderVersion, SupportOrder
from cses.orders.services import OrderRefused
from cses.rules.frequency import Frequency
from cses.rules.obligations import CHARGE_KINDS, Charge, ChargeKind

REFUSED = 422
KIND_LABELS = {
    ChargeKind.CURRENT_SUPPORT: gettext_lazy("Current support"),
    ChargeKind.MEDICAL_SUPPORT: gettext_lazy("Cash medical support"),
    ChargeKind.CHILD_CARE: gettext_lazy("Child-care contribution"),
    ChargeKind.ARREARAGE_PAYMENT: gettext_lazy("Arrearage payment"),
}


def _order(case: Case, order_id: int) -> SupportOrder:
    return get_object_or_404(selectors.orders_of_case(case), pk=order_id)


def _optional_url(name: str, **kwargs) -> str | None:
    """A link to another module's page, or none while that page is not installed."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _schedule_rows(charges: list[Charge]) -> tuple[list[dict], list[tuple[str, object]]]:
    """The schedule's rows for the page, and the total of each kind charged."""
    rows = [
        {
            "due_on": c.due_on,
            "label": KIND_LABELS[c.kind],
            "amount": c.amount,
            "version": c.version,
            "new_debt": c.new_debt,
        }
        for c in charges
    ]
    totals = []
    for kind in CHARGE_KINDS:
        amounts = [c.amount for c in charges if c.kind is kind]
        if amounts:
            totals.append((KIND_LABELS[kind], sum(amounts)))
    return rows, totals


def _form_problems(form) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
        for name, errs in form.errors.items()
    ]


@requires(Cap.CASES_VIEW)
def order_list(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    orders = list(selectors.orders_of_case(case))
    for order in orders:
        order.current = selectors.current_version(order)
    return render(
        request,
        "orders/list.html",
        {"case": case, "orders": orders, "can_enter": can(request.user, Cap.ORDERS_ENTER)},
    )


def _detail_page(
    request: HttpRequest,
    case: Case,
    order: SupportOrder,
    *,
    refused: list[str] | None = None,
    refused_action: str = "",
    schooling_forms: dict[int, SchoolingForm] | None = None,
    vacate_form: VacateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    start, end = default_period(today)
    period = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    rows, totals = _schedule_rows(selectors.schedule_preview(order, start, end))
    versions = list(order.versions.all())
    children = list(order.children.all())
    can_enter = can(request.user, Cap.ORDERS_ENTER) and order.active
    forms_by_child = schooling_forms or {}
    for child in children:
        child.form = forms_by_child.get(child.pk) or (
            SchoolingForm(
                prefix=f"child-{child.pk}",
                initial={
                    "high_school_student": child.high_school_student,
                    "expected_graduation": child.expected_graduation,
                    "unmarried_living_with_parent": child.unmarried_living_with_parent,
                },
            )
            if can_enter
            else None
        )
    context = {
        "case": case,
        "order": order,
        "versions": versions,
        "current": versions[-1],
        "children": children,
        "period": period,
        "start": start,
        "end": end,
        "schedule": rows,
        "totals": totals,
        "can_enter": can_enter,
        "vacate_form": vacate_form or (VacateForm(initial={"on": today}) if can_enter else None),
        "refused": refused,
        "refused_action": refused_action,
    }
    return render(request, "orders/detail.html", context, status=status)


@requires(Cap.CASES_VIEW)
def order_detail(request: HttpRequest, case_number: str, order_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    return _detail_page(request, case, _order(case, order_id))


def _prefill(case: Case, data) -> dict:
    """The form's values as the worker left them, with the chosen worksheet's amounts converted
    to the chosen frequency (and the guidelines as the basis)."""
    initial = {key: data.get(key) for key in data if key not in ("prefill", "csrfmiddlewaretoken")}
    if "children" in data:
        initial["children"] = data.getlist("children")
    worksheet = selectors.worksheets_of_case(case).filter(pk=data.get("worksheet") or 0).first()
    if worksheet is not None:
        frequency = data.get("frequency")
        if frequency not in services.FREQUENCIES:
            frequency = Frequency.WEEKLY.value
        initial.update(selectors.amounts_from_worksheet(worksheet, frequency))
        if initial.get("basis") != OrderVersion.Basis.DEVIATION:
            initial["basis"] = OrderVersion.Basis.GUIDELINES.value
    return initial


def _terms_page(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    context["has_worksheets"] = context["form"].fields["worksheet"].queryset.exists()
    context["worksheet_url"] = _optional_url(
        "worksheet-new", case_number=context["case"].case_number
    )
    return render(request, template, context, status=status)


def _entry_initial(case: Case, worksheets) -> dict:
    """A new order's form: an existing order named at intake is entered from the court record;
    otherwise the newest worksheet is the starting point."""
    initial: dict = {"effective_from": timezone.localdate()}
    if case.existing_order_docket and not case.support_orders.exists():
        initial.update(
            kind=OrderVersion.Kind.PRIOR.value,
            docket_number=case.existing_order_docket,
            basis=OrderVersion.Basis.COURT_RECORD.value,
        )
    else:
        latest = worksheets.first()
        if latest is not None:
            initial.update(_prefill(case, {"worksheet": latest.pk}))
    return initial


@requires(Cap.CASES_VIEW, Cap.ORDERS_ENTER)
def order_new(request: HttpRequest, case_number: str) -> HttpResponse:
    """Enter an order. "Fill in the amounts from the worksheet" posts the form back with
    ``prefill``: the page comes back with the worker's values and the chosen worksheet's amounts
    per the chosen frequency, nothing saved. ``?worksheet=<id>`` starts from that worksheet."""
    case = visible_case_or_404(request.user, case_number)
    worksheets = selectors.worksheets_of_case(case)
    children = selectors.dependent_children(case)
    context: dict = {"case": case, "refused": None}
    status = 200
    if request.method == "POST" and "prefill" not in request.POST:
        form = EnterOrderForm(request.POST, worksheets=worksheets, children=children)
        status = REFUSED
        if form.is_valid():
            d = form.cleaned_data
            try:
                order = services.enter_order(
                    case=case,
                    docket_number=d["docket_number"],
                    court=d["court"],
                    issued_by=d["issued_by"],
                    children=list(d["children"]),
                    kind=d["kind"],
                    reason=d.get("reason") or "",
                    by=request.user,
                    **form.terms(),
                )
            except OrderRefused as e:
                context["refused"] = e.reasons
            else:
                messages.success(
                    request, _("Order %(docket)s entered.") % {"docket": order.docket_number}
                )
                return redirect("order-detail", case_number=case.case_number, order_id=order.pk)
    else:
        initial = _entry_initial(case, worksheets)
        if request.method == "POST":
            initial.update(_prefill(case, request.POST))
        elif "worksheet" in request.GET:
            initial.update(_prefill(case, request.GET))
        form = EnterOrderForm(initial=initial, worksheets=worksheets, children=children)
    context["form"] = form
    return _terms_page(request, "orders/enter.html", context, status)


def _modification_initial(current: OrderVersion) -> dict:
    """A modification starts from the current terms."""
    return {
        "effective_from": max(timezone.localdate(), current.effective_from),
        "frequency": current.frequency,
        "current_support": current.current_support,
        "arrearage_payment": current.arrearage_payment,
        "cash_medical_support": current.cash_medical_support,
        "child_care_contribution": current.child_care_contribution,
        "medical_coverage_by": current.medical_coverage_by,
        "unreimbursed_medical_percent": current.unreimbursed_medical_percent,
        "basis": current.basis,
        "worksheet": current.worksheet_id,
        "deviation_criterion": current.deviation_criterion,
        "deviation_finding": current.deviation_finding,
    }


@requires(Cap.CASES_VIEW, Cap.ORDERS_ENTER)
def order_modify(request: HttpRequest, case_number: str, order_id: int) -> HttpResponse:
    """Record a modification: the order's next version. Filling in from a worksheet works as
    on the entry page."""
    case = visible_case_or_404(request.user, case_number)
    order = _order(case, order_id)
    if not order.active:
        messages.error(request, _("The order has ended; it cannot be modified."))
        return redirect("order-detail", case_number=case.case_number, order_id=order.pk)
    current = selectors.current_version(order)
    worksheets = selectors.worksheets_of_case(case)
    context: dict = {"case": case, "order": order, "current": current, "refused": None}
    status = 200
    if request.method == "POST" and "prefill" not in request.POST:
        form = ModifyOrderForm(request.POST, worksheets=worksheets)
        status = REFUSED
        if form.is_valid():
            try:
                version = services.modify_order(
                    order=order,
                    reason=form.cleaned_data.get("reason") or "",
                    by=request.user,
                    **form.terms(),
                )
            except OrderRefused as e:
                context["refused"] = e.reasons
            else:
                messages.success(
                    request,
                    _("Order %(docket)s modified: version %(n)s from %(on)s.")
                    % {
                        "docket": order.docket_number,
                        "n": version.version,
                        "on": version.effective_from,
                    },
                )
                return redirect("order-detail", case_number=case.case_number, order_id=order.pk)
    else:
        initial = _modification_initial(current)
        if request.method == "POST":
            initial.update(_prefill(case, request.POST))
        elif "worksheet" in request.GET:
            initial.update(_prefill(case, request.GET))
        form = ModifyOrderForm(initial=initial, worksheets=worksheets)
    context["form"] = form
    return _terms_page(request, "orders/modify.html", context, status)


@require_POST
@requires(Cap.CASES_VIEW, Cap.ORDERS_ENTER)
def order_child_schooling(
    request: HttpRequest, case_number: str, order_id: int, child_id: int
) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    order = _order(case, order_id)
    child = get_object_or_404(
        OrderChild.objects.select_related("child__person"), pk=child_id, order=order
    )
    form = SchoolingForm(request.POST, prefix=f"child-{child.pk}")
    problems: list[str] = []
    if form.is_valid():
        d = form.cleaned_data
        try:
            child = services.update_child_schooling(
                order_child=child,
                high_school_student=d["high_school_student"],
                expected_graduation=d.get("expected_graduation"),
                unmarried_living_with_parent=d["unmarried_living_with_parent"],
                by=request.user,
            )
        except OrderRefused as e:
            problems = e.reasons
        else:
            messages.success(
                request,
                _("Support for %(name)s now ends on %(on)s.")
                % {"name": child.child.person.full_name, "on": child.support_ends_on},
            )
            return redirect("order-detail", case_number=case.case_number, order_id=order.pk)
    else:
        problems = _form_problems(form)
    return _detail_page(
        request,
        case,
        _order(case, order_id),
        refused=problems,
        refused_action="schooling",
        schooling_forms={child.pk: form},
        status=REFUSED,
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.ORDERS_ENTER)
def order_vacate(request: HttpRequest, case_number: str, order_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    order = _order(case, order_id)
    form = VacateForm(request.POST)
    problems: list[str] = []
    if form.is_valid():
        try:
            services.vacate_order(
                order=order,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data.get("reason") or "",
                by=request.user,
            )
        except OrderRefused as e:
            problems = e.reasons
        else:
            messages.success(
                request, _("Order %(docket)s ended.") % {"docket": order.docket_number}
            )
            return redirect("order-detail", case_number=case.case_number, order_id=order.pk)
    else:
        problems = _form_problems(form)
    return _detail_page(
        request,
        case,
        order,
        refused=problems,
        refused_action="vacate",
        vacate_form=form,
        status=REFUSED,
    )
