"""Persons as the API shows them: the SSN only ever masked (``***-**-1234``)."""

from __future__ import annotations

from rest_framework import serializers

from cses.people.models import Address, Alias, Employer, Employment, Person, Phone


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person named on a case: identity, and the SSN masked."""

    ssn = serializers.CharField(source="ssn_masked", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name", "last_name", "first_name", "date_of_birth", "sex", "ssn"]


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ["last_name", "first_name", "middle_name"]


class AddressSerializer(serializers.ModelSerializer):
    current = serializers.BooleanField(source="is_current", read_only=True)
    protected = serializers.BooleanField(
        read_only=True, help_text="The person is protected by a family-violence indicator"
    )

    class Meta:
        model = Address
        fields = [
            "id",
            "kind",
            "line1",
            "line2",
            "city",
            "state",
            "zip_code",
            "source",
            "verified_by",
            "verified_on",
            "start_date",
            "end_date",
            "current",
            "protected",
        ]


class PhoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phone
        fields = ["id", "kind", "number", "sms_consent"]


class EmployerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = ["id", "name", "fein", "line1", "line2", "city", "state", "zip_code"]


class EmploymentSerializer(serializers.ModelSerializer):
    employer = EmployerSerializer(read_only=True)

    class Meta:
        model = Employment
        fields = ["id", "employer", "start_date", "end_date", "source"]


class PersonCaseSerializer(serializers.Serializer):
    """One of the person's cases (only those the viewer may see)."""

    case_number = serializers.CharField(source="case.case_number")
    status = serializers.CharField(source="case.status")
    office = serializers.CharField(source="case.office.code")
    role = serializers.CharField()
    family_violence = serializers.BooleanField()


class PersonDetailSerializer(serializers.ModelSerializer):
    ssn = serializers.CharField(source="ssn_masked", read_only=True)
    protected = serializers.BooleanField(
        read_only=True,
        help_text="Flagged for family violence on a case: never disclose to another party",
    )
    aliases = AliasSerializer(many=True, read_only=True)
    addresses = AddressSerializer(source="address_list", many=True, read_only=True)
    phones = PhoneSerializer(source="phone_list", many=True, read_only=True)
    employments = EmploymentSerializer(source="employment_list", many=True, read_only=True)
    cases = PersonCaseSerializer(source="memberships_shown", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "last_name",
            "first_name",
            "middle_name",
            "suffix",
            "date_of_birth",
            "sex",
            "preferred_language",
            "email",
            "ssn",
            "protected",
            "aliases",
            "addresses",
            "phones",
            "employments",
            "cases",
        ]
