"""The case's paternity page and its actions: acknowledgments (VS56), genetic tests and a
magistrate's finding. Each action posts a form, calls one service and comes back to the page; a
refusal shows the page again with the form's errors next to the fields."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import Case, CaseStatus
from cses.cases.selectors import visible_case_or_404
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.paternity import selectors, services
from cses.paternity.forms import (
    AcknowledgmentForm,
    AdjudicationForm,
    CancelTestForm,
    FileAcknowledgmentForm,
    NoShowForm,
    RescindAcknowledgmentForm,
    ResultForm,
    SamplesForm,
    ScheduleTestForm,
    apply_refusal,
)
from cses.paternity.models import Acknowledgment, GeneticTest

# The form being answered again after a refusal: (action, record id or None, bound form).
Bound = tuple[str, int | None, forms.Form]


def _page(
    request: HttpRequest, case: Case, *, bound: Bound | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    rows = selectors.paternity_summary(case, today=today)
    men = selectors.case_men(case)
    open_children = [r.child for r in rows if r.is_open]
    can_record = can(user, Cap.PATERNITY_RECORD)
    can_adjudicate = can(user, Cap.PATERNITY_ADJUDICATE)

    def form(action: str, pk: int | None, make: Callable[[], forms.Form]) -> forms.Form:
        if bound is not None and bound[0] == action and bound[1] == pk:
            return bound[2]
        return make()

    if can_record:
        for row in rows:
            for ack in row.acknowledgments:
                _attach_acknowledgment_forms(ack, form, today=today)
            for test in row.tests:
                _attach_test_forms(test, form)
    members = {"case": case, "open_children": open_children, "men": men}
    offer = bool(open_children and men)
    context = {
        "case": case,
        "rows": rows,
        "men": men,
        "today": today,
        "htmx": request.headers.get("HX-Request") == "true",
        "has_errors": bound is not None,
        "problems": _problems(bound[2]) if bound else [],
        "ack_form": form("acknowledgment", None, lambda: AcknowledgmentForm(**members))
        if can_record and offer
        else None,
        "schedule_form": form("schedule", None, lambda: ScheduleTestForm(**members))
        if can_record and offer
        else None,
        "adjudication_form": form("adjudicate", None, lambda: AdjudicationForm(**members))
        if can_adjudicate and offer
        else None,
        "bound_action": "-".join(str(part) for part in bound[:2] if part is not None)
        if bound
        else "",
    }
    shown = [r.child.person for r in rows] + [m.person for m in men]
    record_view_set(
        request,
        [(AuditEvent.Action.VIEW_SSN_MASKED, "person", p.pk) for p in shown if p.has_ssn],
        case_id=case.pk,
        detail="paternity page",
    )
    return render(request, "paternity/page.html", context, status=status)


def _problems(form: forms.Form) -> list[str]:
    """Every error of a refused form, labelled, for the summary at the top of the page."""
    return [
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    ]


def _attach_acknowledgment_forms(ack: Acknowledgment, form, *, today) -> None:
    if ack.status == Acknowledgment.Status.SIGNED:
        ack.file_form = form(
            "file", ack.pk, lambda: FileAcknowledgmentForm(prefix=f"file-{ack.pk}")
        )
    if ack.status != Acknowledgment.Status.RESCINDED and ack.rescission_deadline >= today:
        ack.rescind_form = form(
            "rescind", ack.pk, lambda: RescindAcknowledgmentForm(prefix=f"rescind-{ack.pk}")
        )


def _attach_test_forms(test: GeneticTest, form) -> None:
    if test.status == GeneticTest.Status.SCHEDULED:
        test.samples_form = form(
            "samples", test.pk, lambda: SamplesForm(prefix=f"samples-{test.pk}")
        )
        test.no_show_form = form("no_show", test.pk, lambda: NoShowForm(prefix=f"noshow-{test.pk}"))
    if test.status == GeneticTest.Status.SAMPLED:
        test.result_form = form("result", test.pk, lambda: ResultForm(prefix=f"result-{test.pk}"))
    if test.status in (GeneticTest.Status.SCHEDULED, GeneticTest.Status.SAMPLED):
        test.cancel_form = form(
            "cancel", test.pk, lambda: CancelTestForm(prefix=f"cancel-{test.pk}")
        )


def _act(
    request: HttpRequest,
    case: Case,
    *,
    bound: Bound,
    action: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    """Run the service on a valid form and go back to the page; otherwise show the page again
    with the form's errors (422)."""
    form = bound[2]
    if form.is_valid():
        before = case.status
        try:
            action(form.cleaned_data)
        except ValidationError as e:
            apply_refusal(form, e)
        else:
            messages.success(request, done)
            case.refresh_from_db(fields=["status"])
            if case.status != before:
                messages.info(
                    request,
                    _("The case moved to %(status)s.") % {"status": CaseStatus(case.status).label},
                )
            return redirect("case-paternity", case_number=case.case_number)
    return _page(request, case, bound=bound, status=422)


@requires(Cap.CASES_VIEW)
def paternity_page(request: HttpRequest, case_number: str) -> HttpResponse:
    return _page(request, visible_case_or_404(request.user, case_number))


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def acknowledgment_record(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = AcknowledgmentForm(request.POST, case=case)
    return _act(
        request,
        case,
        bound=("acknowledgment", None, form),
        action=lambda d: services.record_acknowledgment(
            child=d["child"],
            father=d["father"],
            mother_signed_on=d["mother_signed_on"],
            father_signed_on=d["father_signed_on"],
            witness_name=d["witness_name"],
            witness_signed_on=d["witness_signed_on"],
            filed_on=d["filed_on"],
            by=request.user,
        ),
        done=_("Acknowledgment of paternity recorded."),
    )


def _acknowledgment(case: Case, ack_id: int) -> Acknowledgment:
    return get_object_or_404(
        Acknowledgment.objects.select_related("child"), pk=ack_id, child__case=case
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def acknowledgment_file(request: HttpRequest, case_number: str, ack_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    ack = _acknowledgment(case, ack_id)
    form = FileAcknowledgmentForm(request.POST, prefix=f"file-{ack.pk}")
    return _act(
        request,
        case,
        bound=("file", ack.pk, form),
        action=lambda d: services.file_acknowledgment(
            ack=ack, filed_on=d["filed_on"], by=request.user
        ),
        done=_("Filing recorded: paternity is acknowledged."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def acknowledgment_rescind(request: HttpRequest, case_number: str, ack_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    ack = _acknowledgment(case, ack_id)
    form = RescindAcknowledgmentForm(request.POST, prefix=f"rescind-{ack.pk}")
    return _act(
        request,
        case,
        bound=("rescind", ack.pk, form),
        action=lambda d: services.rescind_acknowledgment(
            ack=ack, rescinded_on=d["rescinded_on"], by_party=d["by_party"], by=request.user
        ),
        done=_("Rescission recorded: the child's paternity is open again."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def test_schedule(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = ScheduleTestForm(request.POST, case=case)
    return _act(
        request,
        case,
        bound=("schedule", None, form),
        action=lambda d: services.schedule_genetic_test(
            child=d["child"],
            alleged_father=d["alleged_father"],
            appointment_at=d["appointment_at"],
            location=d["location"],
            laboratory=d["laboratory"],
            by=request.user,
        ),
        done=_("Genetic test scheduled."),
    )


def _test(case: Case, test_id: int) -> GeneticTest:
    return get_object_or_404(
        GeneticTest.objects.select_related("child"), pk=test_id, child__case=case
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def test_samples(request: HttpRequest, case_number: str, test_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    test = _test(case, test_id)
    form = SamplesForm(request.POST, prefix=f"samples-{test.pk}")
    return _act(
        request,
        case,
        bound=("samples", test.pk, form),
        action=lambda d: services.record_samples(
            test=test, sampled_on=d["sampled_on"], by=request.user
        ),
        done=_("Samples recorded."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def test_no_show(request: HttpRequest, case_number: str, test_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    test = _test(case, test_id)
    form = NoShowForm(request.POST, prefix=f"noshow-{test.pk}")
    return _act(
        request,
        case,
        bound=("no_show", test.pk, form),
        action=lambda d: services.record_no_show(test=test, party=d["party"], by=request.user),
        done=_("No-show recorded. Schedule another appointment."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def test_cancel(request: HttpRequest, case_number: str, test_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    test = _test(case, test_id)
    form = CancelTestForm(request.POST, prefix=f"cancel-{test.pk}")
    return _act(
        request,
        case,
        bound=("cancel", test.pk, form),
        action=lambda d: services.cancel_genetic_test(
            test=test, reason=d["reason"], by=request.user
        ),
        done=_("Genetic test cancelled."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_RECORD)
def test_result(request: HttpRequest, case_number: str, test_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    test = _test(case, test_id)
    form = ResultForm(request.POST, prefix=f"result-{test.pk}")
    return _act(
        request,
        case,
        bound=("result", test.pk, form),
        action=lambda d: services.record_genetic_result(
            test=test,
            received_on=d["received_on"],
            probability_percent=d["probability_percent"],
            excluded=d["excluded"],
            lab_reference=d["lab_reference"],
            by=request.user,
        ),
        done=_("Genetic test result recorded."),
    )


@require_POST
@requires(Cap.CASES_VIEW, Cap.PATERNITY_ADJUDICATE)
def adjudicate(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = AdjudicationForm(request.POST, case=case)
    return _act(
        request,
        case,
        bound=("adjudicate", None, form),
        action=lambda d: services.adjudicate_paternity(
            child=d["child"],
            alleged_father=d["alleged_father"],
            docket_number=d["docket_number"],
            decided_on=d["decided_on"],
            finding=d["finding"],
            basis=d["basis"],
            genetic_test=d["genetic_test"],
            magistrate=request.user,
            magistrate_name=d["magistrate_name"],
            notes=d["notes"],
        ),
        done=_("The magistrate's finding is recorded."),
    )
