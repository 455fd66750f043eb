"""Intake pages: the worker's application form with its duplicate check, the intake queue, and
the public online application (English and Spanish)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from cses.accounts.access import requires
from cses.accounts.roles import Cap
from cses.accounts.throttle import over_hourly_limit
from cses.cases.intake import (
    AlreadyDecided,
    Application,
    accept_application,
    application_from_json,
    application_of,
    application_to_json,
    find_likely_duplicates,
    open_case,
    reject_application,
    submit_application,
)
from cses.cases.intake_forms import (
    CaseDetailsForm,
    OtherParentForm,
    PersonForm,
    PublicApplicationForm,
    PublicChildForm,
    PublicOtherParentForm,
    PublicPersonForm,
    RejectForm,
    child_formset,
    public_application,
    worker_application,
)
from cses.cases.lifecycle import timeframes
from cses.cases.models import (
    Case,
    CaseMember,
    CaseSource,
    IntakeApplication,
    MemberRole,
    ProgramType,
)
from cses.cases.selectors import pending_applications, visible_applications, visible_cases
from cses.core import crypto
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.people.models import Person
from cses.rules.ssn import mask_ssn

# The worker's answers wait between the form and the duplicate choice encrypted in the session
# (never as hidden inputs, which would put SSNs in the page in clear): a worker's application is
# decided at once, so it does not belong in the queue that holds applications nobody has seen.
PENDING_SESSION_KEY = "cses.intake.pending"
PUBLIC_REFERENCE_SESSION_KEY = "cses.apply.reference"
PUBLIC_APPLICATIONS_PER_HOUR = 10


# --- Likely duplicates and the worker's choice -----------------------------------------------


@dataclass
class Candidate:
    person: Person
    cases: list[Case]
    other_cases: int  # cases in offices the worker cannot see


@dataclass
class PartyMatch:
    index: int
    role: str
    party: object
    candidates: list[Candidate] = field(default_factory=list)
    chosen: str = ""

    @property
    def field_name(self) -> str:
        return f"party-{self.index}"

    @property
    def role_label(self) -> str:
        return MemberRole(self.role).label

    @property
    def ssn_masked(self) -> str:
        return mask_ssn(self.party.ssn[-4:]) if self.party.ssn else ""


def party_matches(user, application: Application) -> list[PartyMatch]:
    """For each party, the persons already known with the same SSN or name and date of birth."""
    matches = []
    for index, (role, party) in enumerate(application.parties()):
        found = find_likely_duplicates(
            ssn=party.ssn,
            last_name=party.last_name,
            first_name=party.first_name,
            date_of_birth=party.date_of_birth,
        )
        matches.append(
            PartyMatch(
                index,
                role,
                party,
                [Candidate(p, [], 0) for p in found],
                chosen=str(party.existing_person_id or ""),
            )
        )
    person_ids = {c.person.pk for m in matches for c in m.candidates}
    if person_ids:
        memberships = list(
            CaseMember.objects.filter(person_id__in=person_ids)
            .select_related("case")
            .order_by("case__case_number")
        )
        visible = set(
            visible_cases(user)
            .filter(pk__in={m.case_id for m in memberships})
            .values_list("pk", flat=True)
        )
        for m in matches:
            for c in m.candidates:
                mine = [ms.case for ms in memberships if ms.person_id == c.person.pk]
                c.cases = [case for case in mine if case.pk in visible]
                c.other_cases = len(mine) - len(c.cases)
    return matches


def apply_choices(application: Application, matches: list[PartyMatch], data) -> list[str]:
    """Set each party's chosen existing person from the submitted choices; the problems, if any."""
    errors = []
    chosen_ids: set[int] = set()
    for m in matches:
        if not m.candidates:
            continue
        value = data.get(m.field_name, "")
        m.chosen = value
        name = f"{m.party.first_name} {m.party.last_name}"
        if value == "new":
            m.party.existing_person_id = None
            continue
        ids = {str(c.person.pk): c.person.pk for c in m.candidates}
        if value not in ids:
            errors.append(
                _("Choose an existing person or a new one for %(name)s.") % {"name": name}
            )
            continue
        if ids[value] in chosen_ids:
            errors.append(
                _("%(name)s: the same person cannot be chosen for two parties.") % {"name": name}
            )
            continue
        chosen_ids.add(ids[value])
        m.party.existing_person_id = ids[value]
    return errors


def _audit_matches(request: HttpRequest, matches: list[PartyMatch], views=()) -> None:
    seen = {c.person.pk for m in matches for c in m.candidates if c.person.has_ssn}
    record_view_set(
        request,
        [*views, *((AuditEvent.Action.VIEW_SSN_MASKED, "person", pk) for pk in sorted(seen))],
        detail="intake duplicate check",
    )


def _open_and_go(request: HttpRequest, application: Application) -> HttpResponse:
    case = open_case(application=application, by=request.user, source=CaseSource.APPLICATION)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.case_number})
    return redirect(reverse("case-detail", args=[case.case_number]))


# --- The worker's application form -----------------------------------------------------------


def _worker_forms(request: HttpRequest):
    data = request.POST if request.method == "POST" else None
    office = getattr(getattr(request.user, "profile", None), "office", None)
    details = CaseDetailsForm(data, initial={"office": office.code if office else None})
    applicant = PersonForm(data, prefix="applicant")
    other = OtherParentForm(data, prefix="other")
    children = child_formset()(data, prefix="child")
    return details, applicant, other, children


@sensitive_post_parameters()
@requires(Cap.INTAKE_CREATE)
def intake_new(request: HttpRequest) -> HttpResponse:
    details, applicant, other, children = _worker_forms(request)
    if request.method == "POST" and all(
        f.is_valid() for f in (details, applicant, other, children)
    ):
        application = worker_application(details, applicant, other, children)
        matches = party_matches(request.user, application)
        if not any(m.candidates for m in matches):
            return _open_and_go(request, application)
        request.session[PENDING_SESSION_KEY] = crypto.encrypt(application_to_json(application))
        return redirect("intake-matches")
    return render(
        request,
        "intake/new.html",
        {"details": details, "applicant": applicant, "other": other, "children": children},
        status=400 if request.method == "POST" else 200,
    )


@requires(Cap.INTAKE_CREATE)
def intake_matches(request: HttpRequest) -> HttpResponse:
    token = request.session.get(PENDING_SESSION_KEY)
    if not token:
        messages.warning(request, _("There is no application waiting: start a new one."))
        return redirect("intake-new")
    application = application_from_json(crypto.decrypt(token))
    matches = party_matches(request.user, application)
    errors: list[str] = []
    if request.method == "POST":
        errors = apply_choices(application, matches, request.POST)
        if not errors:
            del request.session[PENDING_SESSION_KEY]
            return _open_and_go(request, application)
    _audit_matches(request, matches)
    return render(
        request,
        "intake/matches.html",
        {"matches": matches, "errors": errors, "application": application},
        status=400 if errors else 200,
    )


# --- The intake queue --------------------------------------------------------------------------


def _due_date(submitted: dt.date, opening_days: dict[dt.date, int]) -> dt.date:
    """45 CFR 303.2(b): the case is opened within the parameter's days of the application."""
    if submitted not in opening_days:
        opening_days[submitted] = timeframes(submitted).case_opening_days
    return submitted + dt.timedelta(days=opening_days[submitted])


@requires(Cap.INTAKE_REVIEW)
def intake_queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    opening_days: dict[dt.date, int] = {}
    rows = []
    for item in (
        pending_applications(request.user).select_related("office").order_by("submitted_at", "pk")
    ):
        submitted = timezone.localdate(item.submitted_at)
        due = _due_date(submitted, opening_days)
        rows.append(
            {"item": item, "age": (today - submitted).days, "due": due, "overdue": due < today}
        )
    return render(request, "intake/queue.html", {"rows": rows})


@sensitive_post_parameters()
@requires(Cap.INTAKE_REVIEW)
def intake_review(request: HttpRequest, reference: str) -> HttpResponse:
    item = get_object_or_404(
        visible_applications(request.user).select_related("office", "decided_by", "case"),
        reference=reference,
    )
    application = application_of(item)
    pending = item.status == IntakeApplication.Status.PENDING
    matches = party_matches(request.user, application) if pending else []
    errors: list[str] = []
    reject_form = RejectForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                errors = apply_choices(application, matches, request.POST)
                if not errors:
                    case = accept_application(item=item, application=application, by=request.user)
                    messages.success(
                        request, _("Case %(number)s opened.") % {"number": case.case_number}
                    )
                    return redirect(reverse("case-detail", args=[case.case_number]))
            elif action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    reject_application(
                        item=item, reason=reject_form.cleaned_data["reason"], by=request.user
                    )
                    messages.success(
                        request,
                        _("Application %(reference)s rejected.") % {"reference": item.reference},
                    )
                    return redirect("intake-queue")
        except AlreadyDecided:
            messages.error(
                request,
                _("Application %(reference)s was already decided.") % {"reference": item.reference},
            )
            return redirect("intake-review", reference=item.reference)
        status = 400
    parties = matches or [
        PartyMatch(i, role, party) for i, (role, party) in enumerate(application.parties())
    ]
    views = [(AuditEvent.Action.VIEW_ADDRESS, "intake_application", item.reference)]
    if any(getattr(p.party, "ssn", "") for p in parties):
        views.append((AuditEvent.Action.VIEW_SSN_MASKED, "intake_application", item.reference))
    _audit_matches(request, matches, views)
    return render(
        request,
        "intake/review.html",
        {
            "item": item,
            "application": application,
            "program": ProgramType(application.program_type).label,
            "parties": parties,
            "matches": matches,
            "errors": errors,
            "reject_form": reject_form,
            "pending": pending,
        },
        status=status,
    )


# --- The public online application -------------------------------------------------------------


def _over_hourly_limit(request: HttpRequest) -> bool:
    return over_hourly_limit(request, action="public-apply", limit=PUBLIC_APPLICATIONS_PER_HOUR)


@sensitive_post_parameters()
def public_apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _over_hourly_limit(request):
        return render(request, "intake/public_limited.html", status=429)
    data = request.POST if request.method == "POST" else None
    main = PublicApplicationForm(data)
    applicant = PublicPersonForm(data, prefix="applicant")
    other = PublicOtherParentForm(data, prefix="other")
    children = child_formset(PublicChildForm, extra=4)(data, prefix="child")
    if data is not None and all(f.is_valid() for f in (main, applicant, other, children)):
        language = translation.get_language() or "en"
        application = public_application(
            main, applicant, other, children, language="es" if language.startswith("es") else "en"
        )
        item = submit_application(
            application=application,
            channel=CaseSource.ONLINE,
            language=application.applicant.language,
        )
        request.session[PUBLIC_REFERENCE_SESSION_KEY] = item.reference
        return redirect(reverse("public-apply-done"))
    return render(
        request,
        "intake/public_apply.html",
        {"main": main, "applicant": applicant, "other": other, "children": children},
        status=400 if data is not None else 200,
    )


def public_apply_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(PUBLIC_REFERENCE_SESSION_KEY)
    if not reference:
        return redirect(reverse("public-apply"))
    return render(request, "intake/public_done.html", {"reference": reference})
