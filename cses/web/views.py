"""Staff pages that belong to no one module: log-in, the worker's home page and case search."""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cses.accounts.access import can, requires
from cses.accounts.roles import Cap
from cses.cases.models import CaseMember
from cses.cases.selectors import SearchError, pending_applications, search_cases, workers_open_cases
from cses.core.audit import record_views
from cses.core.models import AuditEvent
from cses.web.forms import CaseSearchForm, ThrottledAuthenticationForm
from cses.workflow.selectors import due_alerts, status_counts

SEARCH_PAGE_SIZE = 25


def is_portal_user(user) -> bool:
    return can(user, Cap.PORTAL_PARENT) or can(user, Cap.PORTAL_EMPLOYER)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class CsesLoginView(LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        record_views(self.request, AuditEvent.Action.LOGIN, "user", [self.request.user.pk])
        return response

    def get_default_redirect_url(self) -> str:
        if is_portal_user(self.request.user):
            return reverse("portal-home")
        return super().get_default_redirect_url()


def home(request: HttpRequest) -> HttpResponse:
    if is_portal_user(request.user):
        return redirect("portal-home")
    return staff_home(request)


@requires(Cap.CASES_VIEW)
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    pending = pending_applications(user)
    return render(
        request,
        "web/home.html",
        {
            "open_cases": workers_open_cases(user)[:100],
            "open_case_total": workers_open_cases(user).count(),
            "status_counts": status_counts(user),
            "pending_intake": pending.count(),
            "oldest_pending": pending.order_by("submitted_at").first(),
            "due": due_alerts(user),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Cap.CASES_VIEW)
def case_search(request: HttpRequest) -> HttpResponse:
    """Criteria travel in the body of a POST, never in the address: they are personal data
    (an SSN, a name and a date of birth) that addresses would leave in logs and histories."""
    form = CaseSearchForm(request.POST if request.method == "POST" else None)
    page = None
    paged = True
    if form.is_bound and form.is_valid():
        criteria = {k: v for k, v in form.cleaned_data.items() if v}
        try:
            cases = search_cases(request.user, **criteria)
        except SearchError as e:
            form.add_error("ssn", str(e))
        else:
            cases = cases.prefetch_related(
                Prefetch(
                    "members",
                    queryset=CaseMember.objects.select_related("person").order_by("role", "id"),
                )
            )
            if "ssn" in criteria:
                # The SSN field is never filled back in, so a next page could not repeat the
                # search: an SSN search shows its first page and asks for more criteria.
                paged = False
                page = Paginator(cases, SEARCH_PAGE_SIZE).page(1)
                record_views(
                    request,
                    AuditEvent.Action.SEARCH_SSN,
                    "case_search",
                    [""],
                    detail=f"case search by SSN: {page.paginator.count} case(s) found",
                )
            else:
                page = Paginator(cases, SEARCH_PAGE_SIZE).get_page(request.POST.get("page"))
    context = {"form": form, "page": page, "paged": paged}
    template = "web/_search_results.html" if is_htmx(request) else "web/search.html"
    return render(request, template, context)
