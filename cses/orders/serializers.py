"""Support orders as the API reads them: each order with every version and each child."""

from __future__ import annotations

from rest_framework import serializers

from cses.orders.models import OrderChild, OrderVersion, SupportOrder


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
