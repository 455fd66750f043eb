"""Cases, the diary, lifecycle moves and intake applications as the API reads and writes them.

Input serializers only check the shape of a request and turn it into the service's arguments
(``cses.cases.intake.Application`` for intake); the rules stay in the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cses.cases.intake import AddressInput, Application, ChildInput, PartyInput
from cses.cases.models import (
    CLOSURE_REASON_CHOICES,
    Case,
    CaseMember,
    CaseStatus,
    CaseStatusChange,
    DiaryEntry,
    IntakeApplication,
    InterstateRole,
    MemberRole,
    PaternityStatus,
    ProgramType,
)
from cses.core.models import Office
from cses.people.models import Language, Sex
from cses.people.serializers import PersonSummarySerializer
from cses.rules.case_lifecycle import OPEN_WORK_STATES
from cses.rules.ssn import InvalidSSN, normalize_ssn

# The stages of work a case can be moved to, and who may apply for services.
WORK_STAGES = [(s.value, CaseStatus(s.value).label) for s in OPEN_WORK_STATES]
APPLICANT_ROLES = [
    (MemberRole.CUSTODIAL_PARTY.value, MemberRole.CUSTODIAL_PARTY.label),
    (MemberRole.NONCUSTODIAL_PARENT.value, MemberRole.NONCUSTODIAL_PARENT.label),
]

# Reading cases


class OfficeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["code", "name"]


class PartyNameSerializer(serializers.ModelSerializer):
    """A member named in a case list: no identifiers, nothing to audit."""

    person_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = CaseMember
        fields = ["person_id", "role", "name"]


class CaseListSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    parties = PartyNameSerializer(source="members", many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "case_number",
            "program_type",
            "status",
            "status_since",
            "office",
            "opened_on",
            "closed_on",
            "parties",
        ]


class CasePageSerializer(serializers.Serializer):
    """One page of a case search's results."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseListSerializer(many=True)


class MemberSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)

    class Meta:
        model = CaseMember
        fields = [
            "id",
            "role",
            "paternity_status",
            "high_school_student",
            "family_violence",
            "family_violence_since",
            "joined_on",
            "left_on",
            "person",
        ]


class StatusChangeSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", default="", read_only=True)

    class Meta:
        model = CaseStatusChange
        fields = ["from_status", "to_status", "at", "by", "reason", "closure_reason"]


class NextStepSerializer(serializers.Serializer):
    action = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    basis = serializers.CharField(help_text="The rule that sets the timeframe")


class CaseDetailSerializer(serializers.ModelSerializer):
    office = OfficeSerializer(read_only=True)
    assigned_worker = serializers.CharField(
        source="assigned_worker.username", default="", read_only=True
    )
    members = MemberSerializer(source="member_list", many=True, read_only=True)
    status_history = StatusChangeSerializer(source="history", many=True, read_only=True)
    next_step = NextStepSerializer(read_only=True)
    allowed_moves = serializers.ListField(
        child=serializers.ChoiceField(choices=WORK_STAGES),
        read_only=True,
        help_text="The stages the case may move to now",
    )

    class Meta:
        model = Case
        fields = [
            "case_number",
            "program_type",
            "interstate_role",
            "other_state",
            "office",
            "assigned_worker",
            "source",
            "status",
            "status_since",
            "application_date",
            "opened_on",
            "closed_on",
            "closure_reason",
            "closure_effective",
            "existing_order_docket",
            "members",
            "status_history",
            "next_step",
            "allowed_moves",
        ]


class CaseStatusSerializer(serializers.ModelSerializer):
    """Where a case stands after a lifecycle action."""

    class Meta:
        model = Case
        fields = [
            "case_number",
            "status",
            "status_since",
            "closure_reason",
            "closure_effective",
            "closed_on",
        ]


class CaseSearchSerializer(serializers.Serializer):
    """Criteria of a case search; every one optional and all of them combined."""

    case_number = serializers.CharField(max_length=12, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False, allow_blank=True)
    office = serializers.SlugRelatedField(
        slug_field="code", queryset=Office.objects.all(), required=False
    )
    last_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)


class CaseSsnSearchSerializer(CaseSearchSerializer):
    ssn = serializers.CharField(
        max_length=11, required=False, help_text="Exact SSN, with or without dashes"
    )

    def validate_ssn(self, value: str) -> str:
        try:
            return normalize_ssn(value)
        except InvalidSSN as e:
            raise serializers.ValidationError(str(e)) from e


# The diary


class DiaryEntrySerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default="", read_only=True)

    class Meta:
        model = DiaryEntry
        fields = ["id", "at", "kind", "author", "text"]
        read_only_fields = ["id", "at", "kind", "author"]


class DiaryNoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


# Lifecycle


class TransitionSerializer(serializers.Serializer):
    """A move to another stage of work (``to``), or a closure action (``action``)."""

    ACTIONS = ["move", "close", "cancel-closure", "reopen"]

    action = serializers.ChoiceField(choices=ACTIONS, default="move")
    to = serializers.ChoiceField(
        choices=WORK_STAGES,
        required=False,
        help_text="For a move: the stage to move to",
    )
    reason_code = serializers.ChoiceField(
        choices=CLOSURE_REASON_CHOICES,
        required=False,
        help_text="For a closure: the 45 CFR 303.11 reason",
    )
    reason = serializers.CharField(max_length=2000, help_text="Why: recorded in the history")

    def validate(self, attrs: dict) -> dict:
        if attrs["action"] == "move" and not attrs.get("to"):
            raise serializers.ValidationError({"to": _("Say which stage to move the case to.")})
        if attrs["action"] == "close" and not attrs.get("reason_code"):
            raise serializers.ValidationError({"reason_code": _("A closure needs a reason code.")})
        return attrs


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


# Intake


def _ssn(value: str) -> str:
    if not value:
        return ""
    try:
        return normalize_ssn(value)
    except InvalidSSN as e:
        raise serializers.ValidationError(str(e)) from e


def _past_date(value: dt.date | None) -> dt.date | None:
    if value and value > timezone.localdate():
        raise serializers.ValidationError(_("A date of birth cannot be in the future."))
    return value


class AddressInputSerializer(serializers.Serializer):
    line1 = serializers.CharField(max_length=100)
    line2 = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    city = serializers.CharField(max_length=60)
    state = serializers.RegexField(r"^[A-Z]{2}$", max_length=2, required=False, default="CT")
    zip_code = serializers.RegexField(r"^\d{5}(-\d{4})?$", max_length=10)


class PartyInputSerializer(serializers.Serializer):
    last_name = serializers.CharField(max_length=60)
    first_name = serializers.CharField(max_length=60)
    middle_name = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    ssn = serializers.CharField(max_length=11, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    email = serializers.EmailField(required=False, default="", allow_blank=True)
    language = serializers.ChoiceField(
        choices=Language.choices, required=False, default=Language.ENGLISH
    )
    address = AddressInputSerializer(required=False, allow_null=True, default=None)
    employer_name = serializers.CharField(
        max_length=120, required=False, default="", allow_blank=True
    )
    employer_fein = serializers.RegexField(
        r"^\d{9}$", required=False, default="", allow_blank=True, help_text="Nine digits"
    )

    def validate_ssn(self, value: str) -> str:
        return _ssn(value)

    def validate_date_of_birth(self, value: dt.date | None) -> dt.date | None:
        return _past_date(value)


class ChildInputSerializer(serializers.Serializer):
    last_name = serializers.CharField(max_length=60)
    first_name = serializers.CharField(max_length=60)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    ssn = serializers.CharField(max_length=11, required=False, default="", allow_blank=True)
    paternity_status = serializers.ChoiceField(
        choices=[c for c in PaternityStatus.choices if c[0] != PaternityStatus.NOT_APPLICABLE],
        required=False,
        default=PaternityStatus.NOT_ESTABLISHED,
    )
    high_school_student = serializers.BooleanField(required=False, default=False)

    def validate_ssn(self, value: str) -> str:
        return _ssn(value)

    def validate_date_of_birth(self, value: dt.date | None) -> dt.date | None:
        return _past_date(value)


class ApplicationSerializer(serializers.Serializer):
    """An application for services, as ``cses.cases.intake.Application`` describes it. Persons
    are all taken as new: possible duplicates are reviewed when the case is opened."""

    applicant_role = serializers.ChoiceField(choices=APPLICANT_ROLES)
    applicant = PartyInputSerializer()
    other_parent = PartyInputSerializer(required=False, allow_null=True, default=None)
    other_parent_role = serializers.ChoiceField(
        choices=[
            (MemberRole.NONCUSTODIAL_PARENT.value, MemberRole.NONCUSTODIAL_PARENT.label),
            (MemberRole.ALLEGED_FATHER.value, MemberRole.ALLEGED_FATHER.label),
        ],
        required=False,
        default=MemberRole.NONCUSTODIAL_PARENT,
        help_text="Ignored when the applicant is the noncustodial parent",
    )
    children = ChildInputSerializer(many=True, allow_empty=False)
    program_type = serializers.ChoiceField(choices=ProgramType.choices)
    office_code = serializers.SlugRelatedField(
        slug_field="code", queryset=Office.objects.filter(kind=Office.Kind.DSS)
    )
    interstate_role = serializers.ChoiceField(
        choices=InterstateRole.choices, required=False, default=InterstateRole.NONE
    )
    other_state = serializers.RegexField(
        r"^[A-Z]{2}$", required=False, default="", allow_blank=True
    )
    existing_order_docket = serializers.CharField(
        max_length=40, required=False, default="", allow_blank=True
    )
    applicant_family_violence = serializers.BooleanField(required=False, default=False)
    iv_a_case_number = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True
    )
    notes = serializers.CharField(max_length=4000, required=False, default="", allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if attrs["interstate_role"] != InterstateRole.NONE and not attrs["other_state"]:
            raise serializers.ValidationError(
                {"other_state": _("An interstate case names the other state.")}
            )
        if attrs["interstate_role"] == InterstateRole.NONE and attrs["other_state"]:
            raise serializers.ValidationError(
                {"other_state": _("Only an interstate case names another state.")}
            )
        return attrs

    @staticmethod
    def _party(data: dict | None) -> PartyInput | None:
        if data is None:
            return None
        data = dict(data)
        address = data.pop("address")
        return PartyInput(**data, address=AddressInput(**address) if address else None)

    def to_application(self) -> Application:
        data = dict(self.validated_data)
        return Application(
            applicant_role=data["applicant_role"],
            applicant=self._party(data["applicant"]),
            other_parent=self._party(data["other_parent"]),
            children=[ChildInput(**child) for child in data["children"]],
            program_type=data["program_type"],
            office_code=data["office_code"].code,
            other_parent_role=data["other_parent_role"],
            interstate_role=data["interstate_role"],
            other_state=data["other_state"],
            existing_order_docket=data["existing_order_docket"],
            applicant_family_violence=data["applicant_family_violence"],
            iv_a_case_number=data["iv_a_case_number"],
            notes=data["notes"],
        )


class SubmittedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()


class QueuedApplicationSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    due = serializers.DateField(
        read_only=True, help_text="The case must be opened by this date (45 CFR 303.2(b))"
    )

    class Meta:
        model = IntakeApplication
        fields = [
            "reference",
            "submitted_at",
            "channel",
            "applicant_role",
            "applicant_name",
            "language",
            "office",
            "due",
        ]


class RejectionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class AcceptedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    case_number = serializers.CharField()
