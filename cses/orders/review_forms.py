"""Forms of the review pages: asking for a review, attaching a worksheet, recording the outcome.

The services check the rules again (one open review per order, the worksheet's case, a note for
every outcome); the forms only shape the input and say what is missing field by field.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cses.orders.models import Review, SupportOrder, Worksheet
from cses.orders.reviews import DECISIONS
from cses.web.forms_a11y import UswdsFormMixin

_NOTE_WIDGET = forms.Textarea(attrs={"rows": 3})
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


def _not_future(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return day


class ReviewRequestForm(UswdsFormMixin, forms.Form):
    order = forms.ModelChoiceField(
        label=_("Order to review"),
        queryset=SupportOrder.objects.none(),
        empty_label=None,
    )
    source = forms.ChoiceField(
        label=_("Who asked for the review"),
        choices=[
            (Review.Source.CUSTODIAL.value, _("The custodial party")),
            (Review.Source.NONCUSTODIAL.value, _("The noncustodial parent")),
            (Review.Source.AGENCY.value, _("The agency, on its own motion")),
        ],
        widget=forms.RadioSelect,
    )
    requested_on = forms.DateField(label=_("Date of the request"), widget=_DATE_WIDGET)

    def __init__(self, *args, orders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = orders if orders is not None else SupportOrder.objects
        self.fields["order"].label_from_instance = lambda o: (
            f"{o.docket_number} ({o.get_court_display()})"
        )
        if not self.is_bound:
            self.initial.setdefault("requested_on", timezone.localdate())

    def clean_requested_on(self):
        return _not_future(self.cleaned_data["requested_on"])


class ReviewWorksheetForm(UswdsFormMixin, forms.Form):
    worksheet = forms.ModelChoiceField(
        label=_("Recomputed guidelines worksheet"),
        queryset=Worksheet.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, worksheets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worksheet"].queryset = (
            worksheets if worksheets is not None else Worksheet.objects
        )
        self.fields["worksheet"].label_from_instance = _worksheet_label


def _worksheet_label(worksheet: Worksheet) -> str:
    return _("#%(pk)s, %(purpose)s, %(on)s: %(amount)s a week current support") % {
        "pk": worksheet.pk,
        "purpose": worksheet.get_purpose_display(),
        "on": date_format(timezone.localtime(worksheet.prepared_at).date(), "SHORT_DATE_FORMAT"),
        "amount": f"${worksheet.current_support_weekly:,.2f}",
    }


class ReviewDecisionForm(UswdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in DECISIONS],
        widget=forms.RadioSelect,
    )
    outcome_on = forms.DateField(label=_("Date of the outcome"), widget=_DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"),
        max_length=4000,
        widget=_NOTE_WIDGET,
        help_text=_(
            "Say what was decided and why. If the change is substantial and nothing will change, "
            "say why."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("outcome_on", timezone.localdate())

    def clean_outcome_on(self):
        return _not_future(self.cleaned_data["outcome_on"])
