"""Forms of the order pages: entering an order, modifying it, a child's schooling, vacating it,
and the period of the obligation schedule shown.

The services check the rules again (the worksheet's case and child count, the deviation's
criterion and finding, effective dates); the forms shape the input and say what is missing field
by field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cses.orders.models import Court, Frequency, OrderVersion, Worksheet
from cses.rules.guidelines import DEVIATION_CRITERIA
from cses.rules.modification import add_months
from cses.web.forms_a11y import UswdsFormMixin

_NOTE = forms.Textarea(attrs={"rows": 3})
_DATE = forms.DateInput(attrs={"type": "date"})
MAX_PREVIEW_DAYS = 732


def _money(label, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0.00") if not required else None,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )


def worksheet_label(worksheet: Worksheet) -> str:
    return _("#%(pk)s, %(on)s, %(children)s child(ren): %(amount)s a week current support") % {
        "pk": worksheet.pk,
        "on": timezone.localtime(worksheet.prepared_at).date(),
        "children": worksheet.children,
        "amount": f"${worksheet.current_support_weekly:,.2f}",
    }


class TermsForm(UswdsFormMixin, forms.Form):
    """The terms of a version: amounts per period, their basis, and medical support."""

    effective_from = forms.DateField(label=_("Effective date"), widget=_DATE)
    frequency = forms.ChoiceField(label=_("Amounts are due"), choices=Frequency.choices)
    basis = forms.ChoiceField(
        label=_("Basis of the amounts"),
        choices=[
            (OrderVersion.Basis.GUIDELINES.value, OrderVersion.Basis.GUIDELINES.label),
            (OrderVersion.Basis.DEVIATION.value, OrderVersion.Basis.DEVIATION.label),
            (OrderVersion.Basis.COURT_RECORD.value, OrderVersion.Basis.COURT_RECORD.label),
        ],
        widget=forms.RadioSelect,
    )
    worksheet = forms.ModelChoiceField(
        label=_("Guidelines worksheet"),
        queryset=Worksheet.objects.none(),
        required=False,
        empty_label=_("No worksheet"),
        help_text=_(
            "The saved worksheet the order came from, or whose amount a deviation departs from."
        ),
    )
    current_support = _money(_("Current support per period"), required=True)
    arrearage_payment = _money(
        _("Arrearage payment per period"),
        help_text=_("A payment plan on arrears already owed; it adds no new debt."),
    )
    cash_medical_support = _money(_("Cash medical support per period"))
    child_care_contribution = _money(_("Child-care contribution per period"))
    medical_coverage_by = forms.ChoiceField(
        label=_("Health coverage ordered from"),
        choices=OrderVersion.MedicalCoverageBy.choices,
        required=False,
    )
    unreimbursed_medical_percent = forms.DecimalField(
        label=_("Share of unreimbursed medical costs (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        initial=Decimal("0.00"),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100"}),
    )
    deviation_criterion = forms.ChoiceField(
        label=_("Deviation criterion (46b-215a-5c(b))"),
        required=False,
    )
    deviation_finding = forms.CharField(
        label=_("Finding: why the guideline amount would be inequitable or inappropriate"),
        required=False,
        widget=_NOTE,
    )

    def __init__(self, *args, worksheets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worksheet"].queryset = (
            worksheets if worksheets is not None else Worksheet.objects.none()
        )
        self.fields["worksheet"].label_from_instance = worksheet_label
        self.fields["deviation_criterion"].choices = [("", _("None"))] + [
            (code, f"{c.citation}: {c.label}") for code, c in DEVIATION_CRITERIA.items()
        ]

    def terms(self) -> dict:
        """The cleaned terms as the services' keyword arguments."""
        d = self.cleaned_data
        zero = Decimal("0.00")
        return {
            "effective_from": d["effective_from"],
            "frequency": d["frequency"],
            "current_support": d["current_support"],
            "arrearage_payment": d.get("arrearage_payment") or zero,
            "cash_medical_support": d.get("cash_medical_support") or zero,
            "child_care_contribution": d.get("child_care_contribution") or zero,
            "medical_coverage_by": d.get("medical_coverage_by") or "",
            "unreimbursed_medical_percent": d.get("unreimbursed_medical_percent") or zero,
            "basis": d["basis"],
            "worksheet": d.get("worksheet"),
            "deviation_criterion": d.get("deviation_criterion") or "",
            "deviation_finding": d.get("deviation_finding") or "",
        }


class EnterOrderForm(TermsForm):
    kind = forms.ChoiceField(
        label=_("The order was"),
        choices=[
            (OrderVersion.Kind.ESTABLISHED.value, _("Established on this case")),
            (
                OrderVersion.Kind.PRIOR.value,
                _("Made before the case (entered from the court record)"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=OrderVersion.Kind.ESTABLISHED.value,
    )
    docket_number = forms.CharField(label=_("Docket number"), max_length=40)
    court = forms.ChoiceField(label=_("Court or tribunal"), choices=Court.choices)
    issued_by = forms.CharField(label=_("Magistrate or judge"), max_length=120)
    children = forms.ModelMultipleChoiceField(
        label=_("Children covered"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Notes"), required=False, widget=_NOTE)

    field_order = [
        "kind",
        "docket_number",
        "court",
        "issued_by",
        "effective_from",
        "children",
    ]

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children
        self.fields["children"].label_from_instance = lambda m: m.person.full_name
        if not self.is_bound:
            self.initial.setdefault("children", list(children) if children is not None else [])


class ModifyOrderForm(TermsForm):
    reason = forms.CharField(
        label=_("The court's action (e.g. modified after a review; motion granted)"),
        required=False,
        widget=_NOTE,
    )


class SchoolingForm(UswdsFormMixin, forms.Form):
    high_school_student = forms.BooleanField(
        label=_("Full-time high-school student"),
        required=False,
    )
    expected_graduation = forms.DateField(
        label=_("Expected completion of the 12th grade"), required=False, widget=_DATE
    )
    unmarried_living_with_parent = forms.BooleanField(
        label=_("Unmarried and living with a parent"),
        required=False,
    )


class VacateForm(UswdsFormMixin, forms.Form):
    on = forms.DateField(label=_("No support falls due from"), widget=_DATE)
    reason = forms.CharField(label=_("The court's action"), required=False, widget=_NOTE)


class PeriodForm(UswdsFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), widget=_DATE)
    end = forms.DateField(label=_("To"), widget=_DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days > MAX_PREVIEW_DAYS:
                raise forms.ValidationError(_("Show at most two years at a time."))
        return data


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """Today and the next three months."""
    return today, add_months(today, 3) - dt.timedelta(days=1)
