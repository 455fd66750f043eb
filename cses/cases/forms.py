"""Forms of the case page's actions.

Reasons and notes are optional here on purpose: the lifecycle rules check them and give the
worker every reason a move is refused at once, in the program's words.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cses.cases.models import CLOSURE_REASON_CHOICES, CaseStatus
from cses.rules.case_lifecycle import OPEN_WORK_STATES, CaseState

_REASON_WIDGET = forms.Textarea(attrs={"rows": 2, "class": "usa-textarea"})


def _state_choices(states) -> list[tuple[str, str]]:
    return [(s.value, CaseStatus(s.value).label) for s in states]


class DiaryNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "usa-textarea"}),
    )


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move the case to"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=_REASON_WIDGET)

    def __init__(self, *args, offered: list[CaseState] | None = None, **kwargs):
        """``offered`` limits the list shown to the moves open now; a submitted form accepts any
        stage of work so that the rules, not the form, say why a stale choice is refused."""
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = _state_choices(
            offered if offered is not None else OPEN_WORK_STATES
        )
        self.fields["to"].widget.attrs["class"] = "usa-select"


class CloseForm(forms.Form):
    reason_code = forms.ChoiceField(
        label=_("Closure reason (45 CFR 303.11)"),
        choices=CLOSURE_REASON_CHOICES,
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    note = forms.CharField(
        label=_("Note documenting the closure criterion"), required=False, widget=_REASON_WIDGET
    )


class CancelClosureForm(forms.Form):
    note = forms.CharField(
        label=_("Information that keeps the case open"), required=False, widget=_REASON_WIDGET
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (new application or referral)"), required=False, widget=_REASON_WIDGET
    )


class FamilyViolenceForm(forms.Form):
    on = forms.TypedChoiceField(
        choices=[("1", _("Set")), ("0", _("Clear"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=_REASON_WIDGET)
