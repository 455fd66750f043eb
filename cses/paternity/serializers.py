"""Paternity as the API reads it: each child of a case with its status, the next step and the
history behind it (acknowledgments, genetic tests, adjudications).

A child is shown with its SSN masked (``***-**-1234``), as everywhere in the API; a father is
named only, by his person id and name."""

from __future__ import annotations

from rest_framework import serializers

from cses.cases.models import PaternityStatus
from cses.paternity.models import Acknowledgment, Adjudication, GeneticTest
from cses.people.serializers import PersonSummarySerializer


class AcknowledgmentSerializer(serializers.ModelSerializer):
    """A voluntary acknowledgment of paternity (form VS56)."""

    father_id = serializers.IntegerField(read_only=True)
    father = serializers.CharField(source="father.full_name", read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.username", default="", read_only=True)

    class Meta:
        model = Acknowledgment
        fields = [
            "id",
            "father_id",
            "father",
            "mother_signed_on",
            "father_signed_on",
            "witness_name",
            "witness_signed_on",
            "filed_on",
            "rescission_deadline",
            "status",
            "rescinded_on",
            "rescinded_by",
            "recorded_at",
            "recorded_by",
        ]


class GeneticTestSerializer(serializers.ModelSerializer):
    alleged_father_id = serializers.IntegerField(read_only=True)
    alleged_father = serializers.CharField(source="alleged_father.full_name", read_only=True)

    class Meta:
        model = GeneticTest
        fields = [
            "id",
            "alleged_father_id",
            "alleged_father",
            "appointment_at",
            "location",
            "laboratory",
            "status",
            "sampled_on",
            "result_received_on",
            "lab_reference",
            "probability_percent",
            "threshold_percent",
            "conclusion",
            "recorded_at",
        ]


class AdjudicationSerializer(serializers.ModelSerializer):
    """A Family Support Magistrate's finding on paternity."""

    alleged_father_id = serializers.IntegerField(read_only=True)
    alleged_father = serializers.CharField(source="alleged_father.full_name", read_only=True)
    genetic_test_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Adjudication
        fields = [
            "id",
            "alleged_father_id",
            "alleged_father",
            "docket_number",
            "decided_on",
            "finding",
            "basis",
            "genetic_test_id",
            "magistrate_name",
            "notes",
            "recorded_at",
        ]


class ChildPaternitySerializer(serializers.Serializer):
    """One child's paternity: the status on the case, what to do next, and the evidence."""

    member_id = serializers.IntegerField(source="child.id")
    person = PersonSummarySerializer(source="child.person")
    paternity_status = serializers.ChoiceField(
        source="child.paternity_status", choices=PaternityStatus.choices
    )
    left_on = serializers.DateField(source="child.left_on", allow_null=True)
    open = serializers.BooleanField(
        source="is_open", help_text="On the case, paternity not yet established"
    )
    next_step = serializers.CharField()
    ready_for_adjudication = serializers.BooleanField(
        help_text="A genetic test presumes paternity: a magistrate may adjudicate it"
    )
    rescission_open_until = serializers.DateField(
        allow_null=True,
        help_text="The last day either signatory may rescind the filed acknowledgment",
    )
    acknowledgments = AcknowledgmentSerializer(many=True, help_text="Newest first")
    genetic_tests = GeneticTestSerializer(source="tests", many=True, help_text="Newest first")
    adjudications = AdjudicationSerializer(many=True, help_text="Newest first")
