"""Forms of the staff pages: log-in (throttled) and case search."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cses.accounts.throttle import login_locked, minutes_until_unlocked, record_login_failure
from cses.cases.models import CaseStatus
from cses.core.audit import client_ip


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses every attempt while locked out, even with the right password, and records each
    wrong password for the throttle."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if login_locked(username, ip):
            minutes = minutes_until_unlocked(username, ip)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts; try again in %(n)d minute.",
                    "Too many failed attempts; try again in %(n)d minutes.",
                    minutes,
                )
                % {"n": minutes},
                code="locked",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            record_login_failure(username, ip)
            raise


class CaseSearchForm(forms.Form):
    """Every criterion is optional; a search needs at least one. The SSN is never rendered back."""

    case_number = forms.CharField(label=_("Case number"), max_length=12, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=60, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=60, required=False)
    ssn = forms.CharField(
        label=_("SSN (exact)"),
        max_length=11,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *CaseStatus.choices]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.fields):
            raise forms.ValidationError(_("Enter at least one search criterion."), code="empty")
        return cleaned
