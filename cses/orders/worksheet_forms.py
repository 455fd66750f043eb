"""The worker's guidelines worksheet form (CCSG-1 inputs) and its translation to and from the
``cses guidelines calc`` contract input.

The form checks only what a form can (amounts are numbers, required fields are there); the rules
module (``cses.rules.guidelines.parse_contract_input`` and ``compute``) decides everything else,
and the problems it names by JSON path are put back on the matching fields with
``add_contract_errors``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cses.orders.models import Worksheet
from cses.orders.worksheet_layout import DEDUCTION_LINES
from cses.rules.frequency import Frequency, to_weekly
from cses.web.forms_a11y import UswdsFormMixin

PARENTS = ("custodial", "noncustodial")
MAX_CHILDREN = 6
PAID_BY_CHOICES = [
    ("noncustodial", _("Noncustodial parent")),
    ("custodial", _("Custodial party")),
]
# The public estimate names the parents as a parent would.
PUBLIC_PAID_BY_CHOICES = [
    ("noncustodial", _("The other parent")),
    ("custodial", _("The parent the children live with")),
]
HIGH_INCOME_CHOICES = [
    ("minimum", _("Minimum: the schedule amount at its top")),
    ("maximum", _("Maximum: combined income times the schedule's percentage at its top")),
]
# Top-level contract keys that are form fields of the same name.
_TOP_LEVEL = (
    "children",
    "child_health_premium_weekly",
    "child_health_premium_paid_by",
    "child_care_weekly",
    "child_care_paid_by",
    "arrears_owed",
    "high_income",
    "current_order_exists",
    "present_duty_of_support",
)
_MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal(0)}


def _money(label, *, required: bool = False, help_text=None) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text or "",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **_MONEY,
    )


def field_name(path: str) -> str | None:
    """The form field for a contract input JSON path (``noncustodial.deductions.medicare`` →
    ``noncustodial_medicare``); None when the path is not one of the form's fields."""
    parts = path.split(".")
    if len(parts) == 1 and parts[0] in _TOP_LEVEL:
        return parts[0]
    if parts[0] not in PARENTS:
        return None
    if len(parts) == 2 and parts[1] in ("gross_weekly_income", "ss_dependency_benefit"):
        return f"{parts[0]}_{parts[1]}"
    if len(parts) == 3 and parts[1] == "deductions":
        return f"{parts[0]}_{parts[2]}"
    return None


def _money_text(value: Decimal | None) -> str:
    return str(value if value is not None else Decimal("0"))


class WorksheetInputsForm(UswdsFormMixin, forms.Form):
    """What a worker enters on CCSG-1 (lines 1-12 for each parent, the Social Security dependency
    benefit of line 19, the child's health premium and child care, and the arrears owed).

    Its per-parent fields are ``custodial_<key>`` and ``noncustodial_<key>``;
    ``parent_rows()`` gives them in the form's line order for a two-column layout."""

    children = forms.IntegerField(
        label=_("Number of children"), min_value=1, max_value=MAX_CHILDREN, initial=1
    )
    child_health_premium_weekly = _money(
        _("Weekly health insurance premium for the children"),
        help_text=_("The part of the premium that covers the children in this case."),
    )
    child_health_premium_paid_by = forms.ChoiceField(
        label=_("Who pays the children's premium"), choices=PAID_BY_CHOICES, initial="noncustodial"
    )
    child_care_weekly = _money(_("Weekly work-related child care cost"))
    child_care_paid_by = forms.ChoiceField(
        label=_("Who pays the child care provider"), choices=PAID_BY_CHOICES, initial="custodial"
    )
    arrears_owed = _money(_("Arrears owed"), help_text=_("Past-due support now owed, if any."))
    high_income = forms.ChoiceField(
        label=_("When combined net weekly income is above the schedule"),
        choices=HIGH_INCOME_CHOICES,
        initial="minimum",
        widget=forms.RadioSelect,
        help_text=_("46b-215a-2c(a)(2): the presumptive amount lies between these two."),
    )
    current_order_exists = forms.BooleanField(
        label=_("A current support order applies (clear this for an arrears-only worksheet)"),
        required=False,
        initial=True,
    )
    present_duty_of_support = forms.BooleanField(
        label=_("The parents still have a present duty to support the children"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for parent in PARENTS:
            who = _("custodial party") if parent == "custodial" else _("noncustodial parent")
            self.fields[f"{parent}_gross_weekly_income"] = _money(
                _("Line 1, gross weekly income, %(who)s") % {"who": who}, required=True
            )
            for number, key, label in DEDUCTION_LINES:
                self.fields[f"{parent}_{key}"] = _money(
                    _("Line %(number)s, %(label)s, %(who)s")
                    % {"number": number, "label": label, "who": who}
                )
            self.fields[f"{parent}_ss_dependency_benefit"] = _money(
                _("Line 19, Social Security dependency benefit paid for the children, %(who)s")
                % {"who": who},
            )

    def parent_rows(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(line number, line label, custodial field, noncustodial field) in CCSG-1 order."""
        rows = [("1", str(_("Gross weekly income")), "gross_weekly_income")]
        rows += [(number, str(label), key) for number, key, label in DEDUCTION_LINES]
        rows.append(("19", str(_("Social Security dependency benefit")), "ss_dependency_benefit"))
        return [
            (number, label, self[f"custodial_{key}"], self[f"noncustodial_{key}"])
            for number, label, key in rows
        ]

    def clean(self):
        data = super().clean()
        for parent in PARENTS:
            gross = data.get(f"{parent}_gross_weekly_income")
            total = sum(
                (data.get(f"{parent}_{key}") or Decimal(0) for _n, key, _l in DEDUCTION_LINES),
                Decimal(0),
            )
            if gross is not None and total > gross:
                self.add_error(
                    f"{parent}_gross_weekly_income",
                    _("The deductions (lines 2–12) total %(total)s, more than this income.")
                    % {"total": total},
                )
        return data

    def contract_input(self) -> dict:
        """The ``cses guidelines calc`` input for the cleaned data (amounts as decimal strings;
        blank amounts are zero; a zero deduction is left out)."""
        data = self.cleaned_data
        parents = {}
        for parent in PARENTS:
            deductions = {
                key: str(data[f"{parent}_{key}"])
                for _number, key, _label in DEDUCTION_LINES
                if data.get(f"{parent}_{key}")
            }
            parents[parent] = {
                "gross_weekly_income": _money_text(data[f"{parent}_gross_weekly_income"]),
                "deductions": deductions,
                "ss_dependency_benefit": _money_text(data.get(f"{parent}_ss_dependency_benefit")),
            }
        return {
            "children": data["children"],
            **parents,
            "child_health_premium_weekly": _money_text(data.get("child_health_premium_weekly")),
            "child_health_premium_paid_by": data["child_health_premium_paid_by"],
            "child_care_weekly": _money_text(data.get("child_care_weekly")),
            "child_care_paid_by": data["child_care_paid_by"],
            "arrears_owed": _money_text(data.get("arrears_owed")),
            "high_income": data["high_income"],
            "current_order_exists": bool(data.get("current_order_exists")),
            "present_duty_of_support": bool(data.get("present_duty_of_support")),
        }

    def add_contract_errors(self, problems: Iterable[str]) -> None:
        """Put the rules' problems (``"json.path: message"``, as ``InputError`` and
        ``WorksheetError`` give them) on the fields they name. Deductions larger than income go on
        that parent's gross income; a problem naming no field becomes a form-wide error."""
        for problem in problems:
            path, _sep, message = problem.partition(": ")
            if not message:
                path, message = "", problem
            name = field_name(path)
            if path.endswith(".deductions") and path.split(".")[0] in PARENTS:
                name = f"{path.split('.')[0]}_gross_weekly_income"
            if name and name in self.fields:
                self.add_error(name, message)
            else:
                self.add_error(None, problem)


class WorksheetForm(WorksheetInputsForm):
    """The worker's worksheet: the inputs, and why the worksheet is saved to the case."""

    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=Worksheet.Purpose.choices,
        initial=Worksheet.Purpose.ESTABLISHMENT,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the figures come from (pay stubs, tax returns, financial affidavits)."),
    )


def initial_from_contract(inputs: dict) -> dict:
    """Form initial values from a saved worksheet's contract input (to start a new worksheet
    from an earlier one: saved worksheets are never edited)."""
    initial: dict = {k: inputs[k] for k in _TOP_LEVEL if k in inputs}
    for parent in PARENTS:
        party = inputs.get(parent) or {}
        for key in ("gross_weekly_income", "ss_dependency_benefit"):
            if key in party:
                initial[f"{parent}_{key}"] = party[key]
        for key, amount in (party.get("deductions") or {}).items():
            initial[f"{parent}_{key}"] = amount
    return initial


ESTIMATE_DEDUCTIONS: tuple[tuple[str, Promise], ...] = (
    ("federal_income_tax", _("Federal income tax")),
    ("state_local_income_tax", _("State and local income tax")),
    ("social_security", _("Social Security tax")),
    ("medicare", _("Medicare tax")),
    ("health_premiums", _("Health insurance premiums")),
    ("other_support_paid", _("Court-ordered support paid for other children or a former spouse")),
)
FREQUENCY_CHOICES = [
    (Frequency.WEEKLY.value, _("Every week")),
    (Frequency.BIWEEKLY.value, _("Every two weeks")),
    (Frequency.SEMIMONTHLY.value, _("Twice a month")),
    (Frequency.MONTHLY.value, _("Every month")),
]


class EstimateForm(UswdsFormMixin, forms.Form):
    """The public estimate: the children, each parent's income and main deductions, the
    children's health insurance and child care, all in one pay frequency the parent chooses
    (converted to the worksheet's weekly amounts by ``cses.rules.frequency``)."""

    children = forms.IntegerField(
        label=_("How many children do you share?"), min_value=1, max_value=MAX_CHILDREN, initial=1
    )
    frequency = forms.ChoiceField(
        label=_("How often are the amounts you enter below?"),
        choices=FREQUENCY_CHOICES,
        initial=Frequency.MONTHLY.value,
    )
    child_health_premium = _money(
        _("Health insurance premium for the children"),
        help_text=_("Only the part of the premium that covers these children."),
    )
    child_health_premium_paid_by = forms.ChoiceField(
        label=_("Who pays that premium?"), choices=PUBLIC_PAID_BY_CHOICES, initial="noncustodial"
    )
    child_care = _money(
        _("Child care cost"),
        help_text=_("Child care needed so a parent can work, look for work or go to school."),
    )
    child_care_paid_by = forms.ChoiceField(
        label=_("Who pays the child care provider?"),
        choices=PUBLIC_PAID_BY_CHOICES,
        initial="custodial",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for parent in PARENTS:
            who = (
                _("the parent the children live with")
                if parent == "custodial"
                else _("the other parent")
            )
            self.fields[f"{parent}_gross_income"] = _money(
                _("Gross income (before taxes) of %(who)s") % {"who": who}, required=True
            )
            for key, label in ESTIMATE_DEDUCTIONS:
                self.fields[f"{parent}_{key}"] = _money(
                    _("%(label)s, %(who)s") % {"label": label, "who": who}
                )

    def parent_fields(self, parent: str) -> list[forms.BoundField]:
        return [self[f"{parent}_gross_income"]] + [
            self[f"{parent}_{key}"] for key, _label in ESTIMATE_DEDUCTIONS
        ]

    def clean(self):
        data = super().clean()
        for parent in PARENTS:
            gross = data.get(f"{parent}_gross_income")
            deductions = [data.get(f"{parent}_{key}") or 0 for key, _label in ESTIMATE_DEDUCTIONS]
            if gross is not None and sum(deductions) > gross:
                self.add_error(
                    f"{parent}_gross_income",
                    _("The taxes and deductions add up to more than this income."),
                )
        return data

    def contract_input(self) -> dict:
        """The worksheet input for the estimate, in weekly amounts: no arrears, the minimum
        presumptive amount for high incomes, a current order assumed."""
        data = self.cleaned_data
        frequency = data["frequency"]

        def weekly(value: Decimal | None) -> str:
            return str(to_weekly(value or Decimal(0), frequency))

        parents = {
            parent: {
                "gross_weekly_income": weekly(data[f"{parent}_gross_income"]),
                "deductions": {
                    key: weekly(data[f"{parent}_{key}"])
                    for key, _label in ESTIMATE_DEDUCTIONS
                    if data.get(f"{parent}_{key}")
                },
            }
            for parent in PARENTS
        }
        return {
            "children": data["children"],
            **parents,
            "child_health_premium_weekly": weekly(data.get("child_health_premium")),
            "child_health_premium_paid_by": data["child_health_premium_paid_by"],
            "child_care_weekly": weekly(data.get("child_care")),
            "child_care_paid_by": data["child_care_paid_by"],
            "arrears_owed": "0",
            "high_income": "minimum",
        }
