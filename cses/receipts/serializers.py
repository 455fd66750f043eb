"""Receipts as the API reads and records them. A receipt carries no SSN: the SSN a payer gives
to match the payment is read once, to look up the blind index, and never stored or returned."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cses.receipts.models import PaymentMethod, Receipt

# The methods a payment is taken by at the SDU window or online (not ACH files or offsets).
WINDOW_METHODS = [(c, label) for c, label in PaymentMethod.choices if c not in ("ach", "offset")]
BY_NUMBER = ("check", "money_order")  # known by routing and serial number


class ReceiptSerializer(serializers.ModelSerializer):
    """A receipt at the State Disbursement Unit: where it came from and where it stands."""

    case_number = serializers.CharField(
        source="case.case_number", default=None, allow_null=True, read_only=True
    )
    obligor_id = serializers.IntegerField(read_only=True, allow_null=True)
    employer = serializers.CharField(source="employer.name", default="", read_only=True)
    batch_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Receipt
        fields = [
            "id",
            "source_reference",
            "source",
            "method",
            "received_on",
            "amount",
            "status",
            "status_reason",
            "case_number",
            "case_reference",
            "obligor_id",
            "payer_name",
            "employer",
            "batch_id",
            "created_at",
        ]
        read_only_fields = fields


class PaymentInSerializer(serializers.Serializer):
    """A payment taken at the window or online. A check or money order is known by its routing
    and serial number; a cash or card payment by ``source_reference`` (an online payment's
    transaction id, required for a card). Recording the same payment again records nothing."""

    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    method = serializers.ChoiceField(choices=WINDOW_METHODS)
    received_on = serializers.DateField(required=False, help_text="Date received (today)")
    payer_name = serializers.CharField(max_length=160, required=False, default="")
    case_reference = serializers.CharField(
        max_length=40,
        required=False,
        default="",
        help_text="The case or court docket number the payer gave",
    )
    ssn = serializers.CharField(
        max_length=11,
        required=False,
        default="",
        write_only=True,
        help_text="The payer's SSN, to match the payment; never stored or returned",
    )
    check_number = serializers.RegexField(
        r"^[0-9A-Za-z-]{1,20}$", required=False, default="", help_text="Check or money order"
    )
    routing_number = serializers.RegexField(r"^[0-9]{9}$", required=False, default="")
    source_reference = serializers.RegexField(
        r"^[0-9A-Za-z._:-]{1,100}$",
        required=False,
        default="",
        help_text="The payment's identity at its channel (cash, card): a retry sends it again",
    )

    def validate_received_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("A payment cannot be received in the future."))
        return value

    def validate(self, data: dict) -> dict:
        method = data["method"]
        if method in BY_NUMBER:
            if not data["check_number"]:
                raise serializers.ValidationError(
                    {"check_number": [_("A check or money order needs its number.")]}
                )
            if data["source_reference"]:
                raise serializers.ValidationError(
                    {
                        "source_reference": [
                            _("A check or money order is known by its routing and number.")
                        ]
                    }
                )
        elif method == "card" and not data["source_reference"]:
            raise serializers.ValidationError(
                {"source_reference": [_("An online card payment needs its transaction id.")]}
            )
        return data
