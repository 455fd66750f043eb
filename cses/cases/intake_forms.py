"""Forms of intake: the worker's application form, the public online application, and the
choices a worker makes about likely duplicate persons."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cses.cases.intake import AddressInput, Application, ChildInput, PartyInput
from cses.cases.models import InterstateRole, MemberRole, PaternityStatus, ProgramType
from cses.core.models import Office, Town
from cses.people.models import Language, Sex
from cses.rules.ssn import InvalidSSN, normalize_ssn
from cses.web.forms_a11y import UswdsFormMixin

MAX_CHILDREN = 6
CHILD_AGE_LIMIT = 19


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def clean_ssn_value(value: str) -> str:
    if not value:
        return ""
    try:
        return normalize_ssn(value)
    except InvalidSSN as e:
        raise ValidationError(_("Not a valid SSN: %(reason)s"), params={"reason": str(e)}) from e


def clean_birth_date(value: dt.date | None) -> dt.date | None:
    if value and value > timezone.localdate():
        raise ValidationError(_("A date of birth cannot be in the future."))
    return value


def _age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class PersonForm(UswdsFormMixin, forms.Form):
    """A parent: the applicant or the other parent."""

    first_name = forms.CharField(label=_("First name"), max_length=60)
    middle_name = forms.CharField(label=_("Middle name"), max_length=60, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=60)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=_date_input())
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    ssn = forms.CharField(
        label=_("Social Security number"),
        max_length=11,
        required=False,
        help_text=_("Nine digits, for example 123-45-6789"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=Language.choices, initial=Language.ENGLISH
    )
    line1 = forms.CharField(label=_("Street address"), max_length=100, required=False)
    line2 = forms.CharField(label=_("Apartment, unit (optional)"), max_length=100, required=False)
    city = forms.CharField(label=_("City or town"), max_length=60, required=False)
    state = forms.CharField(label=_("State"), max_length=2, required=False, initial="CT")
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)

    def clean_ssn(self) -> str:
        return clean_ssn_value(self.cleaned_data["ssn"])

    def clean_date_of_birth(self):
        return clean_birth_date(self.cleaned_data["date_of_birth"])

    def clean(self):
        data = super().clean()
        if data.get("line1") and not (data.get("city") and data.get("zip_code")):
            self.add_error("zip_code", _("An address needs its city and ZIP code."))
        return data

    def party(self) -> PartyInput:
        d = self.cleaned_data
        address = None
        if d.get("line1"):
            address = AddressInput(
                line1=d["line1"],
                line2=d.get("line2", ""),
                city=d.get("city", ""),
                zip_code=d.get("zip_code", ""),
                state=(d.get("state") or "CT").upper(),
            )
        return PartyInput(
            last_name=d["last_name"],
            first_name=d["first_name"],
            middle_name=d.get("middle_name", ""),
            date_of_birth=d.get("date_of_birth"),
            sex=d.get("sex") or Sex.UNKNOWN,
            ssn=d.get("ssn", ""),
            phone=d.get("phone", ""),
            email=d.get("email", ""),
            language=d.get("language") or Language.ENGLISH,
            address=address,
        )


class OtherParentForm(PersonForm):
    """The other parent may be unknown: a blank form means no one is named."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False

    def is_blank(self) -> bool:
        d = self.cleaned_data
        return not any(d.get(n) for n in ("first_name", "last_name", "ssn", "date_of_birth"))

    def clean(self):
        data = super().clean()
        if not self.is_blank():
            for name in ("first_name", "last_name"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Give the other parent's name, or leave all blank."))
        return data


class ChildForm(UswdsFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=60)
    last_name = forms.CharField(label=_("Last name"), max_length=60)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=_date_input())
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    ssn = forms.CharField(
        label=_("Social Security number"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    paternity_status = forms.ChoiceField(
        label=_("Paternity"),
        choices=[c for c in PaternityStatus.choices if c[0] != PaternityStatus.NOT_APPLICABLE],
        initial=PaternityStatus.NOT_ESTABLISHED,
    )
    high_school_student = forms.BooleanField(label=_("In high school"), required=False)

    def clean_ssn(self) -> str:
        return clean_ssn_value(self.cleaned_data["ssn"])

    def clean_date_of_birth(self):
        born = clean_birth_date(self.cleaned_data["date_of_birth"])
        if born and _age_on(born, timezone.localdate()) >= CHILD_AGE_LIMIT:
            raise ValidationError(
                _("A child must be under %(limit)s."), params={"limit": CHILD_AGE_LIMIT}
            )
        return born

    def child(self) -> ChildInput:
        d = self.cleaned_data
        return ChildInput(
            last_name=d["last_name"],
            first_name=d["first_name"],
            date_of_birth=d["date_of_birth"],
            sex=d.get("sex") or Sex.UNKNOWN,
            ssn=d.get("ssn", ""),
            paternity_status=d.get("paternity_status") or PaternityStatus.NOT_ESTABLISHED,
            high_school_student=d.get("high_school_student", False),
        )


class PublicChildForm(ChildForm):
    """On the public application a parent names the children; paternity is asked later."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["paternity_status"]
        del self.fields["high_school_student"]


class BaseChildFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.children():
            raise ValidationError(_("Name at least one child."))

    def children(self) -> list[ChildInput]:
        return [f.child() for f in self.forms if f.has_changed() and f.cleaned_data]


def child_formset(form=ChildForm, extra: int = MAX_CHILDREN):
    return forms.formset_factory(
        form,
        formset=BaseChildFormSet,
        extra=extra,
        max_num=MAX_CHILDREN,
        validate_max=True,
    )


class CaseDetailsForm(UswdsFormMixin, forms.Form):
    """The worker form's case-level answers."""

    applicant_role = forms.ChoiceField(
        label=_("The applicant is the"),
        choices=[
            (MemberRole.CUSTODIAL_PARTY, MemberRole.CUSTODIAL_PARTY.label),
            (MemberRole.NONCUSTODIAL_PARENT, MemberRole.NONCUSTODIAL_PARENT.label),
        ],
        widget=forms.RadioSelect,
        initial=MemberRole.CUSTODIAL_PARTY,
    )
    other_parent_role = forms.ChoiceField(
        label=_("When the applicant is the custodial party, the other parent is the"),
        choices=[
            (MemberRole.NONCUSTODIAL_PARENT, MemberRole.NONCUSTODIAL_PARENT.label),
            (MemberRole.ALLEGED_FATHER, MemberRole.ALLEGED_FATHER.label),
        ],
        initial=MemberRole.NONCUSTODIAL_PARENT,
    )
    program_type = forms.ChoiceField(label=_("Program"), choices=ProgramType.choices)
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.filter(kind=Office.Kind.DSS),
        to_field_name="code",
    )
    interstate_role = forms.ChoiceField(
        label=_("Interstate"), choices=InterstateRole.choices, initial=InterstateRole.NONE
    )
    other_state = forms.CharField(label=_("Other state"), max_length=2, required=False)
    existing_order_docket = forms.CharField(
        label=_("Docket number of an existing support order"), max_length=40, required=False
    )
    applicant_family_violence = forms.BooleanField(
        label=_("The applicant reports family violence (hide their whereabouts)"),
        required=False,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 3}))

    def clean_other_state(self) -> str:
        state = self.cleaned_data["other_state"].strip().upper()
        if state and (len(state) != 2 or not state.isalpha()):
            raise ValidationError(_("Give the state's two-letter code."))
        if state == "CT":
            raise ValidationError(_("The other state cannot be Connecticut."))
        return state

    def clean(self):
        data = super().clean()
        role = data.get("interstate_role")
        if role and role != InterstateRole.NONE and not data.get("other_state"):
            self.add_error("other_state", _("An interstate case needs the other state."))
        if role == InterstateRole.NONE and data.get("other_state"):
            self.add_error("other_state", _("Only an interstate case has another state."))
        return data


def worker_application(
    details: CaseDetailsForm, applicant: PersonForm, other: OtherParentForm, children
) -> Application:
    d = details.cleaned_data
    return Application(
        applicant_role=d["applicant_role"],
        applicant=applicant.party(),
        other_parent=None if other.is_blank() else other.party(),
        other_parent_role=d["other_parent_role"],
        children=children.children(),
        program_type=d["program_type"],
        office_code=d["office"].code,
        interstate_role=d["interstate_role"],
        other_state=d["other_state"],
        existing_order_docket=d["existing_order_docket"],
        applicant_family_violence=d["applicant_family_violence"],
        notes=d["notes"],
    )


ASSISTANCE_PROGRAMS = {
    "tanf": ProgramType.CURRENT_ASSISTANCE,
    "husky": ProgramType.MEDICAID_ONLY,
    "none": ProgramType.NEVER_ASSISTANCE,
}


class PublicApplicationForm(UswdsFormMixin, forms.Form):
    """The online application's own questions; the people are in PersonForm and ChildForm."""

    applicant_role = forms.ChoiceField(
        label=_("Which parent are you?"),
        choices=[
            (MemberRole.CUSTODIAL_PARTY, _("The children live with me")),
            (MemberRole.NONCUSTODIAL_PARENT, _("The children live with the other parent")),
        ],
        widget=forms.RadioSelect,
    )
    town = forms.ModelChoiceField(
        label=_("Your town"), queryset=Town.objects.select_related("office"), empty_label="—"
    )
    assistance = forms.ChoiceField(
        label=_("Do you or the children receive public assistance?"),
        choices=[
            ("tanf", _("Yes, Temporary Family Assistance (TANF)")),
            ("husky", _("Yes, HUSKY health coverage (Medicaid) only")),
            ("none", _("No")),
        ],
        widget=forms.RadioSelect,
    )
    safety_concern = forms.ChoiceField(
        label=_(
            "Are you afraid that you or the children could be harmed if the other parent learns "
            "where you live?"
        ),
        help_text=_("If you answer yes, we do not share where you live with the other parent."),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I apply for child support services and confirm that what I wrote is true to the "
            "best of my knowledge."
        )
    )
    # Bots fill every field; people never see this one.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise ValidationError(_("Your application could not be sent."))
        return ""


class PublicPersonForm(PersonForm):
    """The applicant on the public form: the town comes from the town list, not typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("city", "state", "language"):
            del self.fields[name]
        self.fields["line1"].required = True
        self.fields["zip_code"].required = True

    def clean(self):
        # The city comes from the town chosen on the application form.
        return forms.Form.clean(self)


class PublicOtherParentForm(OtherParentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("line1", "line2", "city", "state", "zip_code", "language", "email"):
            del self.fields[name]


def public_application(
    main: PublicApplicationForm,
    applicant: PublicPersonForm,
    other: PublicOtherParentForm,
    children,
    *,
    language: str,
) -> Application:
    d = main.cleaned_data
    town: Town = d["town"]
    a = applicant.cleaned_data
    party = applicant.party()
    party.language = language
    party.address = AddressInput(
        line1=a["line1"], line2=a.get("line2", ""), city=town.name, zip_code=a["zip_code"]
    )
    other_party = None if other.is_blank() else other.party()
    return Application(
        applicant_role=d["applicant_role"],
        applicant=party,
        other_parent=other_party,
        children=children.children(),
        program_type=ASSISTANCE_PROGRAMS[d["assistance"]],
        office_code=town.office.code,
        applicant_family_violence=d["safety_concern"] == "yes",
    )


class RejectForm(UswdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"), widget=forms.Textarea({"rows": 2}), max_length=500
    )
