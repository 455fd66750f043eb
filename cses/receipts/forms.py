from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cses.cases.models import Case
from cses.receipts.models import PaymentMethod, ReceiptBatch


class PaymentFileForm(forms.Form):
    file = forms.FileField(label=_("Payment file"))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Detect from the content"))]
        + [(c, label) for c, label in ReceiptBatch.Format.choices if c != "manual"],
    )


class IdentifyForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=12)

    def clean_case_number(self) -> Case:
        number = self.cleaned_data["case_number"].strip()
        case = Case.objects.filter(case_number__iexact=number).first()
        if case is None:
            raise forms.ValidationError(_("No case has this number."))
        return case


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea)


class WindowPaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), min_value=0.01, max_digits=12, decimal_places=2)
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[(c, label) for c, label in PaymentMethod.choices if c not in ("ach", "offset")],
    )
    payer_name = forms.CharField(label=_("Payer name"), max_length=160, required=False)
    case_reference = forms.CharField(
        label=_("Case or docket number"), max_length=40, required=False
    )
    check_number = forms.CharField(
        label=_("Check or money order number"), max_length=20, required=False
    )
    routing_number = forms.CharField(label=_("Bank routing number"), max_length=9, required=False)
