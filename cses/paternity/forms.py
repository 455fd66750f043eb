"""Forms of the paternity page's actions.

The forms check the shape of what is entered (dates are dates, a child is a child of this case);
the services check the program's rules and name the field at fault, and ``apply_refusal`` puts
those messages next to the fields.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cses.cases.models import OBLIGOR_ROLES, Case, CaseMember, MemberRole
from cses.paternity.models import Adjudication, GeneticTest
from cses.paternity.selectors import percent_text
from cses.web.forms_a11y import UswdsFormMixin


def apply_refusal(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message on its field, the rest on the form."""
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message[:1].upper() + message[1:])


def _date(label, *, required: bool = True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CaseMember) -> str:
        return obj.person.full_name


def _children(case: Case):
    return CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD).select_related(
        "person"
    )


def _men(case: Case):
    return CaseMember.objects.filter(
        case=case, role__in=OBLIGOR_ROLES, left_on__isnull=True
    ).select_related("person")


class CaseMembersForm(UswdsFormMixin, forms.Form):
    """A form that chooses a child and a man of one case. The lists offered can be narrowed to
    the children still open; a submitted form accepts any child of the case so that the service,
    not the form, says why a stale choice is refused."""

    child_field = "child"
    man_field = "alleged_father"

    def __init__(self, *args, case: Case, open_children=None, men=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.child_field].queryset = _children(case)
        self.fields[self.man_field].queryset = _men(case)
        if open_children is not None:
            self.fields[self.child_field].widget.choices = [("", "—")] + [
                (c.pk, c.person.full_name) for c in open_children
            ]
        if men is not None:
            self.fields[self.man_field].widget.choices = [("", "—")] + [
                (m.pk, m.person.full_name) for m in men
            ]
        # Where the case leaves one choice (one child, one man), it is chosen already.
        if not self.is_bound:
            for name, offered in ((self.child_field, open_children), (self.man_field, men)):
                if offered is not None and len(offered) == 1:
                    self.initial.setdefault(name, offered[0].pk)


class AcknowledgmentForm(CaseMembersForm):
    man_field = "father"

    child = MemberChoiceField(label=_("Child"), queryset=CaseMember.objects.none())
    father = MemberChoiceField(label=_("Father"), queryset=CaseMember.objects.none())
    mother_signed_on = _date(_("Mother signed on"))
    father_signed_on = _date(_("Father signed on"))
    witness_name = forms.CharField(label=_("Witness's name"), max_length=120, required=False)
    witness_signed_on = _date(_("Witness signed on"), required=False)
    filed_on = _date(
        _("Filed with Vital Records on"),
        required=False,
        help_text=_("Leave empty if the form has not been filed yet."),
    )


class FileAcknowledgmentForm(UswdsFormMixin, forms.Form):
    filed_on = _date(_("Filed with Vital Records on"))


class RescindAcknowledgmentForm(UswdsFormMixin, forms.Form):
    rescinded_on = _date(_("Rescinded on"))
    by_party = forms.ChoiceField(
        label=_("Rescinded by"), choices=[("mother", _("The mother")), ("father", _("The father"))]
    )


class ScheduleTestForm(CaseMembersForm):
    child = MemberChoiceField(label=_("Child"), queryset=CaseMember.objects.none())
    alleged_father = MemberChoiceField(
        label=_("Alleged father"), queryset=CaseMember.objects.none()
    )
    appointment_at = forms.DateTimeField(
        label=_("Appointment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("Location"), max_length=160, required=False)
    laboratory = forms.CharField(label=_("Laboratory"), max_length=120, required=False)


class SamplesForm(UswdsFormMixin, forms.Form):
    sampled_on = _date(_("Samples collected on"))


class CancelTestForm(UswdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the test is cancelled"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoShowForm(UswdsFormMixin, forms.Form):
    party = forms.ChoiceField(
        label=_("Who did not appear"),
        required=False,
        choices=[
            ("", _("Not recorded")),
            ("the mother", _("The mother")),
            ("the alleged father", _("The alleged father")),
            ("the child", _("The child")),
        ],
    )


class ResultForm(UswdsFormMixin, forms.Form):
    received_on = _date(_("Result received on"))
    probability_percent = forms.DecimalField(
        label=_("Probability of paternity (%)"),
        min_value=0,
        max_value=100,
        max_digits=7,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"step": "0.0001", "inputmode": "decimal"}),
    )
    excluded = forms.BooleanField(
        label=_("The laboratory excluded the alleged father"), required=False
    )
    lab_reference = forms.CharField(label=_("Laboratory reference"), max_length=40, required=False)


class TestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: GeneticTest) -> str:
        return _("%(child)s and %(man)s: %(probability)s %% (received %(on)s)") % {
            "child": obj.child.person.full_name,
            "man": obj.alleged_father.full_name,
            "probability": percent_text(obj.probability_percent),
            "on": obj.result_received_on,
        }


class AdjudicationForm(CaseMembersForm):
    child = MemberChoiceField(label=_("Child"), queryset=CaseMember.objects.none())
    alleged_father = MemberChoiceField(
        label=_("Alleged father"), queryset=CaseMember.objects.none()
    )
    docket_number = forms.CharField(label=_("Docket number"), max_length=40, required=False)
    decided_on = _date(_("Decided on"))
    finding = forms.ChoiceField(
        label=_("Finding"), choices=[("", "—"), *Adjudication.Finding.choices]
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=[("", "—"), *Adjudication.Basis.choices])
    genetic_test = TestChoiceField(
        label=_("Genetic test relied on"),
        required=False,
        queryset=GeneticTest.objects.none(),
        empty_label=_("None"),
    )
    magistrate_name = forms.CharField(
        label=_("Magistrate"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to record your own name."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["genetic_test"].queryset = GeneticTest.objects.filter(
            child__case=case, status=GeneticTest.Status.RESULTED
        ).select_related("child__person", "alleged_father")
