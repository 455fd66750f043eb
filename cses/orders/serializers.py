"""Support orders as the API reads them (each order with every version and each child), the
guidelines worksheet (computed, saved and read), reviews and the obligation schedule."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cses.orders.models import OrderChild, OrderVersion, Review, SupportOrder, Worksheet
from cses.rules.obligations import CHARGE_KINDS


class OrderVersionSerializer(serializers.ModelSerializer):
    entered_by = serializers.CharField(source="entered_by.username", default="", read_only=True)

    class Meta:
        model = OrderVersion
        fields = [
            "version",
            "kind",
            "basis",
            "effective_from",
            "frequency",
            "current_support",
            "current_support_weekly",
            "arrearage_payment",
            "cash_medical_support",
            "child_care_contribution",
            "medical_coverage_by",
            "unreimbursed_medical_percent",
            "worksheet",
            "guideline_amount_weekly",
            "deviation_criterion",
            "deviation_finding",
            "reason",
            "entered_at",
            "entered_by",
        ]


class OrderChildSerializer(serializers.ModelSerializer):
    """A child covered by the order: named, with no identifier beyond the membership."""

    member_id = serializers.IntegerField(source="child_id", read_only=True)
    person_id = serializers.IntegerField(source="child.person_id", read_only=True)
    name = serializers.CharField(source="child.person.full_name", read_only=True)
    date_of_birth = serializers.DateField(source="child.person.date_of_birth", read_only=True)

    class Meta:
        model = OrderChild
        fields = [
            "member_id",
            "person_id",
            "name",
            "date_of_birth",
            "support_ends_on",
            "end_basis",
            "ended",
            "high_school_student",
            "expected_graduation",
            "unmarried_living_with_parent",
        ]


class SupportOrderSerializer(serializers.ModelSerializer):
    entered_by = serializers.CharField(source="entered_by.username", default="", read_only=True)
    versions = OrderVersionSerializer(many=True, read_only=True)
    children = OrderChildSerializer(many=True, read_only=True)

    class Meta:
        model = SupportOrder
        fields = [
            "id",
            "docket_number",
            "court",
            "issued_by",
            "active",
            "ended_on",
            "entered_at",
            "entered_by",
            "versions",
            "children",
        ]


# --- Guidelines worksheets ----------------------------------------------------------------------
#
# The worksheet's input and output are the ``cses guidelines calc`` contract
# (shared/reference/contracts.md). The rules (``cses.rules.guidelines.parse_contract_input``) read
# and check the input, naming each bad field by its path: the serializers below only describe the
# two documents for the OpenAPI description, and never rewrite them.

AMOUNT_HELP = 'A decimal string, such as "123.45"'


def _amount(help_text: str = AMOUNT_HELP, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, help_text=help_text, **kwargs)


class ContractParentSerializer(serializers.Serializer):
    """One parent's income on the worksheet."""

    gross_weekly_income = _amount()
    deductions = serializers.DictField(
        child=_amount(),
        required=False,
        help_text=(
            "Allowable weekly deductions by key: federal_income_tax, social_security, medicare, "
            "state_local_income_tax, health_premiums, life_insurance, disability_insurance, "
            "union_dues, uniforms_tools, other_support_paid, qualified_child"
        ),
    )
    ss_dependency_benefit = _amount(required=False)


PARENTS = [("custodial", "custodial"), ("noncustodial", "noncustodial")]


class GuidelinesInputSerializer(serializers.Serializer):
    """The ``cses guidelines calc`` input: only ``children`` and each parent's gross weekly
    income are required."""

    children = serializers.IntegerField(min_value=1, max_value=6)
    custodial = ContractParentSerializer()
    noncustodial = ContractParentSerializer()
    child_health_premium_weekly = _amount(required=False)
    child_health_premium_paid_by = serializers.ChoiceField(choices=PARENTS, required=False)
    child_care_weekly = _amount(required=False)
    child_care_paid_by = serializers.ChoiceField(choices=PARENTS, required=False)
    arrears_owed = _amount(required=False)
    high_income = serializers.ChoiceField(
        choices=[("minimum", "minimum"), ("maximum", "maximum")],
        required=False,
        help_text="The presumptive amount above the schedule's top income",
    )
    current_order_exists = serializers.BooleanField(required=False)
    present_duty_of_support = serializers.BooleanField(required=False)


class PerParentSerializer(serializers.Serializer):
    custodial = serializers.CharField(help_text=AMOUNT_HELP)
    noncustodial = serializers.CharField(help_text=AMOUNT_HELP)


class ScheduleUsedSerializer(serializers.Serializer):
    name = serializers.CharField()
    effective = serializers.DateField()
    illustrative = serializers.BooleanField(
        help_text="True for CSES's illustrative schedule: not for court use"
    )


class GuidelinesResultSerializer(serializers.Serializer):
    """The ``cses guidelines calc`` output: the completed worksheet (form CCSG-1). Amounts are
    weekly, as decimal strings; ``percentage_share`` is in percent."""

    net_weekly_income = PerParentSerializer()
    combined_net_weekly_income = serializers.CharField(help_text=AMOUNT_HELP)
    basic_obligation = serializers.CharField(help_text=AMOUNT_HELP)
    percentage_share = PerParentSerializer()
    share_of_obligation = PerParentSerializer()
    current_support_weekly = serializers.CharField(
        help_text="The noncustodial parent's presumptive current support"
    )
    arrearage_payment_weekly = serializers.CharField(help_text=AMOUNT_HELP)
    health_care_contribution_weekly = serializers.CharField(help_text=AMOUNT_HELP)
    child_care_contribution_weekly = serializers.CharField(help_text=AMOUNT_HELP)
    total_award_weekly = serializers.CharField(help_text=AMOUNT_HELP)
    percent_of_obligor_net_income = serializers.CharField(allow_null=True)
    flags = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "What a reviewer must see: illustrative_schedule, high_income, "
            "total_award_over_55_percent, low_income_obligor"
        ),
    )
    lines = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Each CCSG-1 line by number: an amount, or one amount per parent",
    )
    line_labels = serializers.DictField(child=serializers.CharField())
    schedule = ScheduleUsedSerializer()
    children = serializers.IntegerField()


@extend_schema_field(GuidelinesInputSerializer)
class ContractInputField(serializers.JSONField):
    """A worksheet input, kept as sent: the rules check it."""


@extend_schema_field(GuidelinesResultSerializer)
class ContractResultField(serializers.JSONField):
    """A worksheet result as the rules computed it."""


class CalcQuerySerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False,
        help_text="Use the schedule and guideline parameters in effect on this date (today)",
    )


class WorksheetSerializer(serializers.ModelSerializer):
    """A saved worksheet's summary: its amounts, not the parents' incomes."""

    prepared_by = serializers.CharField(source="prepared_by.username", default="", read_only=True)
    schedule = serializers.CharField(source="schedule.name", read_only=True)
    schedule_effective = serializers.DateField(source="schedule.effective_from", read_only=True)

    class Meta:
        model = Worksheet
        fields = [
            "id",
            "purpose",
            "prepared_at",
            "prepared_by",
            "schedule",
            "schedule_effective",
            "illustrative",
            "children",
            "current_support_weekly",
            "arrearage_payment_weekly",
            "health_care_contribution_weekly",
            "child_care_contribution_weekly",
            "total_award_weekly",
            "notes",
        ]


class WorksheetDetailSerializer(WorksheetSerializer):
    """A saved worksheet in full: its input (the parents' incomes) and the computed result."""

    inputs = ContractInputField(read_only=True)
    result = ContractResultField(read_only=True)

    class Meta(WorksheetSerializer.Meta):
        fields = [*WorksheetSerializer.Meta.fields, "inputs", "result"]


class WorksheetCreateSerializer(serializers.Serializer):
    """A worksheet to save to the case: computed again on the server from ``inputs``."""

    inputs = ContractInputField()
    purpose = serializers.ChoiceField(choices=Worksheet.Purpose.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


# --- Reviews ------------------------------------------------------------------------------------


class ReviewSerializer(serializers.ModelSerializer):
    """A review of an order for modification (45 CFR 303.8) and where it stands."""

    order_id = serializers.IntegerField(read_only=True)
    docket_number = serializers.CharField(source="order.docket_number", read_only=True)
    worksheet_id = serializers.IntegerField(read_only=True, allow_null=True)
    requested_by = serializers.CharField(source="requested_by.username", default="", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", default="", read_only=True)
    open = serializers.SerializerMethodField(help_text="No outcome yet")

    class Meta:
        model = Review
        fields = [
            "id",
            "order_id",
            "docket_number",
            "source",
            "requested_on",
            "due_by",
            "requested_by",
            "worksheet_id",
            "current_weekly",
            "guideline_weekly",
            "change_percent",
            "threshold_percent",
            "substantial_change",
            "outcome",
            "outcome_on",
            "outcome_note",
            "decided_by",
            "open",
        ]

    def get_open(self, review: Review) -> bool:
        return review.outcome == Review.Outcome.PENDING


# --- The obligation schedule --------------------------------------------------------------------

CHARGE_KIND_CHOICES = [(kind.value, kind.value) for kind in CHARGE_KINDS]


class ObligationPeriodSerializer(serializers.Serializer):
    """The period of an obligation schedule: both ends included, at most two years long."""

    start = serializers.DateField(required=False, help_text="First day (today)")
    end = serializers.DateField(
        required=False, help_text="Last day (the day before three months from the start)"
    )


class ObligationSerializer(serializers.Serializer):
    """One amount falling due under the order."""

    due_date = serializers.DateField()
    kind = serializers.ChoiceField(choices=CHARGE_KIND_CHOICES)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    version = serializers.IntegerField(help_text="The order version the amount falls due under")
    new_debt = serializers.BooleanField(
        help_text="False for an arrearage payment: a plan on arrears already owed"
    )


class ObligationTotalSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CHARGE_KIND_CHOICES)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class ObligationScheduleSerializer(serializers.Serializer):
    order_id = serializers.IntegerField()
    docket_number = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    obligations = ObligationSerializer(many=True)
    totals = ObligationTotalSerializer(many=True, help_text="The total of each kind in the period")
