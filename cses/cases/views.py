"""The case page and its actions: diary notes, lifecycle moves, closure, the family-violence
indicator, and the case information letter."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case as SqlCase
from django.db.models import IntegerField, Prefetch, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases import lifecycle, services
from cses.cases.documents import information_letter, render_letter
from cses.cases.forms import (
    CancelClosureForm,
    CloseForm,
    DiaryNoteForm,
    FamilyViolenceForm,
    MoveForm,
    ReopenForm,
)
from cses.cases.models import Case, CaseMember, CaseStatus, DiaryEntry, MemberRole
from cses.cases.selectors import visible_case_or_404
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.people.models import Address, Employment
from cses.rules.case_lifecycle import (
    OPEN_WORK_STATES,
    CaseState,
    TransitionRefused,
)

DIARY_SHOWN = 50
_ROLE_ORDER = SqlCase(
    When(role=MemberRole.CUSTODIAL_PARTY, then=Value(0)),
    When(role=MemberRole.NONCUSTODIAL_PARENT, then=Value(1)),
    When(role=MemberRole.ALLEGED_FATHER, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _members(case: Case) -> list[CaseMember]:
    return list(
        CaseMember.objects.filter(case=case)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "person__addresses",
                queryset=Address.objects.filter(end_date__isnull=True),
                to_attr="current_addresses",
            ),
            "person__phones",
            Prefetch(
                "person__employments",
                queryset=Employment.objects.filter(end_date__isnull=True).select_related(
                    "employer"
                ),
                to_attr="current_employments",
            ),
        )
        .annotate(role_order=_ROLE_ORDER)
        .order_by("role_order", "id")
    )


def _audited_views(members: list[CaseMember]) -> list[tuple[str, str, object]]:
    """What the case page shows of each member's SSN and whereabouts, for the audit log."""
    views: list[tuple[str, str, object]] = []
    for m in members:
        if m.person.has_ssn:
            views.append((AuditEvent.Action.VIEW_SSN_MASKED, "person", m.person_id))
        if m.is_child:
            continue
        views += [
            (AuditEvent.Action.VIEW_ADDRESS, "address", a.pk) for a in m.person.current_addresses
        ]
        views += [(AuditEvent.Action.VIEW_PHONE, "phone", p.pk) for p in m.person.phones.all()]
        views += [
            (AuditEvent.Action.VIEW_EMPLOYER, "employment", e.pk)
            for e in m.person.current_employments
        ]
    return views


def _case_page(
    request: HttpRequest,
    case: Case,
    *,
    refused: list[str] | None = None,
    refused_action: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    members = _members(case)
    step, moves = lifecycle.outlook(case)
    diary = list(DiaryEntry.objects.filter(case=case).select_related("author")[:DIARY_SHOWN])
    record_view_set(request, _audited_views(members), case_id=case.pk, detail="case page")
    context = {
        "case": case,
        "members": members,
        "protected": [m for m in members if m.family_violence],
        "status_changes": case.status_changes.select_related("by"),
        "diary": diary,
        "diary_more": len(diary) == DIARY_SHOWN,
        "next_step": step,
        "orders": _active_orders(case),
        "refused": refused,
        "refused_action": refused_action,
        "note_form": DiaryNoteForm() if can(user, Cap.CASES_NOTE) else None,
        "move_form": MoveForm(offered=moves) if moves and can(user, Cap.CASES_TRANSITION) else None,
        "close_form": CloseForm()
        if case.state in OPEN_WORK_STATES and can(user, Cap.CASES_CLOSE)
        else None,
        "cancel_form": CancelClosureForm()
        if case.state is CaseState.CLOSURE_PENDING and can(user, Cap.CASES_CLOSE)
        else None,
        "reopen_form": ReopenForm()
        if case.state is CaseState.CLOSED and can(user, Cap.CASES_CLOSE)
        else None,
        "can_family_violence": can(user, Cap.CASES_FAMILY_VIOLENCE),
        "can_view_payments": can(user, Cap.PAYMENTS_VIEW),
    }
    return render(request, "cases/detail.html", context, status=status)


def _active_orders(case: Case) -> list[tuple]:
    """The case's orders in force with their current terms, read through the reverse relation so
    the case module does not import the orders module downstream of it."""
    orders = case.support_orders.filter(active=True).prefetch_related("versions")
    return [(order, list(order.versions.all())[-1]) for order in orders]


def _form_problems(form) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
        for name, errs in form.errors.items()
    ]


def _refused(request, case, reasons: list[str], action: str) -> HttpResponse:
    return _case_page(request, case, refused=reasons, refused_action=action, status=422)


@requires(Cap.CASES_VIEW)
def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    return _case_page(request, visible_case_or_404(request.user, case_number))


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_NOTE)
def case_note(request: HttpRequest, case_number: str) -> HttpResponse:
    """Adds a diary note. Through htmx the answer is the new entry alone, which the page puts on
    top of the diary; a form error goes to the form's error slot instead."""
    case = visible_case_or_404(request.user, case_number)
    form = DiaryNoteForm(request.POST)
    htmx = request.headers.get("HX-Request") == "true"
    if not form.is_valid():
        if htmx:
            response = render(request, "cases/_note_error.html", {"problems": _form_problems(form)})
            response["HX-Retarget"] = "#diary-note-error"
            response["HX-Reswap"] = "innerHTML"
            return response
        return _refused(request, case, _form_problems(form), "note")
    entry = services.add_diary_note(case=case, text=form.cleaned_data["text"], by=request.user)
    if htmx:
        return render(request, "cases/_diary_entry.html", {"entry": entry, "new": True})
    messages.success(request, _("Note added to the diary."))
    return redirect("case-detail", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_TRANSITION)
def case_move(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, _form_problems(form), "move")
    try:
        case = lifecycle.move_case(
            case=case,
            to=CaseState(form.cleaned_data["to"]),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except TransitionRefused as e:
        return _refused(request, case, e.reasons, "move")
    messages.success(
        request, _("Case moved to %(status)s.") % {"status": case.get_status_display()}
    )
    return redirect("case-detail", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_CLOSE)
def case_close(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, _form_problems(form), "close")
    try:
        case = lifecycle.close_case(
            case=case,
            reason_code=form.cleaned_data["reason_code"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except TransitionRefused as e:
        return _refused(request, case, e.reasons, "close")
    if case.status == CaseStatus.CLOSURE_PENDING:
        messages.success(
            request,
            _("Closure notice started: the case closes on %(date)s unless closure is cancelled.")
            % {"date": case.closure_effective},
        )
    else:
        messages.success(request, _("Case closed."))
    return redirect("case-detail", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_CLOSE)
def case_cancel_closure(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = CancelClosureForm(request.POST)
    form.is_valid()
    try:
        case = lifecycle.cancel_closure(
            case=case, note=form.cleaned_data.get("note", ""), by=request.user
        )
    except TransitionRefused as e:
        return _refused(request, case, e.reasons, "cancel")
    messages.success(request, _("Closure cancelled; the case stays open."))
    return redirect("case-detail", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_CLOSE)
def case_reopen(request: HttpRequest, case_number: str) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    form = ReopenForm(request.POST)
    form.is_valid()
    try:
        case = lifecycle.reopen_case(
            case=case, reason=form.cleaned_data.get("reason", ""), by=request.user
        )
    except TransitionRefused as e:
        return _refused(request, case, e.reasons, "reopen")
    messages.success(request, _("Case reopened in intake."))
    return redirect("case-detail", case_number=case.case_number)


@require_POST
@requires(Cap.CASES_VIEW, Cap.CASES_FAMILY_VIOLENCE)
def case_family_violence(request: HttpRequest, case_number: str, member_id: int) -> HttpResponse:
    case = visible_case_or_404(request.user, case_number)
    member = get_object_or_404(CaseMember.objects.select_related("person"), pk=member_id, case=case)
    form = FamilyViolenceForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, _form_problems(form), "family_violence")
    try:
        member = services.set_family_violence(
            member=member,
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValueError as e:
        return _refused(request, case, [str(e)], "family_violence")
    if member.family_violence:
        text = _("Family-violence indicator set for %(name)s.")
    else:
        text = _("Family-violence indicator cleared for %(name)s.")
    messages.success(request, text % {"name": member.person.full_name})
    return redirect("case-detail", case_number=case.case_number)


@requires(Cap.CASES_VIEW)
def case_letter(request: HttpRequest, case_number: str, member_id: int) -> HttpResponse:
    """The case information letter to one adult party, as the party would receive it."""
    case = visible_case_or_404(request.user, case_number)
    member = get_object_or_404(
        CaseMember.objects.select_related("person").exclude(role=MemberRole.DEPENDENT_CHILD),
        pk=member_id,
        case=case,
    )
    letter = information_letter(case, member)
    record_view_set(
        request,
        [(AuditEvent.Action.VIEW_ADDRESS, "address", pk) for pk in letter.shown_address_ids]
        + [(AuditEvent.Action.VIEW_PHONE, "phone", pk) for pk in letter.shown_phone_ids],
        case_id=case.pk,
        detail=f"case information letter to member #{member.pk}",
    )
    return HttpResponse(render_letter(letter))
