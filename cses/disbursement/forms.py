from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cses.disbursement.models import BankAccountType, HoldReason, PaymentMethod
from cses.disbursement.nacha import routing_number_is_valid
from cses.people.models import Address
from cses.web.forms_a11y import UswdsFormMixin

DATE = forms.DateInput(attrs={"type": "date"})
ACH_RETURN_CODE = re.compile(r"^R\d{2}$")


class AsOfForm(UswdsFormMixin, forms.Form):
    as_of = forms.DateField(label=_("Balances as of"), required=False, widget=DATE)


class PaymentInstructionForm(UswdsFormMixin, forms.Form):
    """A new payment instruction for the payee: direct deposit (routing number with its check
    digit, account number and type), the debit card (its account id) or a check mailed to one
    of the payee's current addresses."""

    method = forms.ChoiceField(
        label=_("Payment method"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )
    effective_from = forms.DateField(label=_("In force from"), widget=DATE)
    routing_number = forms.CharField(
        label=_("Bank routing number"),
        max_length=9,
        required=False,
        help_text=_("Nine digits (direct deposit)."),
    )
    account_number = forms.CharField(
        label=_("Bank account number"),
        max_length=17,
        required=False,
        help_text=_("Direct deposit. Stored encrypted; only the last four digits are shown."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    account_type = forms.ChoiceField(
        label=_("Account type"),
        choices=BankAccountType.choices,
        required=False,
        initial=BankAccountType.CHECKING,
    )
    card_account_id = forms.CharField(label=_("Debit card account"), max_length=32, required=False)
    mailing_address = forms.ModelChoiceField(
        label=_("Mail checks to"),
        queryset=Address.objects.none(),
        required=False,
        empty_label=_("Choose an address"),
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["mailing_address"].queryset = Address.objects.filter(
                person=person, end_date__isnull=True
            )
        self.fields["effective_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == PaymentMethod.DIRECT_DEPOSIT:
            routing = (data.get("routing_number") or "").strip()
            account = "".join(c for c in data.get("account_number") or "" if c.isalnum())
            data["routing_number"], data["account_number"] = routing, account
            if not routing:
                self.add_error("routing_number", _("Enter the bank routing number."))
            elif not routing_number_is_valid(routing):
                self.add_error(
                    "routing_number",
                    _("This is not a valid routing number: nine digits with a check digit."),
                )
            if not account:
                self.add_error("account_number", _("Enter the bank account number."))
            elif len(account) < 4:
                self.add_error("account_number", _("An account number has at least 4 digits."))
            if not data.get("account_type"):
                self.add_error("account_type", _("Choose checking or savings."))
        elif method == PaymentMethod.DEBIT_CARD:
            if not (data.get("card_account_id") or "").strip():
                self.add_error("card_account_id", _("Enter the debit card account."))
        elif method == PaymentMethod.CHECK and not data.get("mailing_address"):
            self.add_error("mailing_address", _("Choose the address checks are mailed to."))
        return data


class HoldForm(UswdsFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason for the hold"), choices=HoldReason.choices)
    held_from = forms.DateField(label=_("Hold from"), widget=DATE)
    held_until = forms.DateField(
        label=_("Hold until"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to hold until released."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        start, end = data.get("held_from"), data.get("held_until")
        if start and end and end < start:
            self.add_error("held_until", _("The hold cannot end before it begins."))
        return data


class ReleaseForm(UswdsFormMixin, forms.Form):
    on = forms.DateField(label=_("Released on"), widget=DATE)


class UndeliverableForm(UswdsFormMixin, forms.Form):
    on = forms.DateField(label=_("Returned on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class AchReturnForm(UswdsFormMixin, forms.Form):
    on = forms.DateField(label=_("Returned on"), widget=DATE)
    return_code = forms.CharField(
        label=_("ACH return code"), max_length=3, help_text=_("For example R03 (no account).")
    )

    def clean_return_code(self) -> str:
        code = self.cleaned_data["return_code"].strip().upper()
        if not ACH_RETURN_CODE.match(code):
            raise forms.ValidationError(_("A return code is R and two digits, such as R03."))
        return code


class FilesDayForm(UswdsFormMixin, forms.Form):
    day = forms.DateField(label=_("Files written on"), required=False, widget=DATE)
