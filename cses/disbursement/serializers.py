"""Disbursements to families as the API returns them, and a case's payment history (each receipt
explained, each disbursement with its status). A bank account or debit card number is shown only
masked (its last four digits); the full number never leaves the NACHA file."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cses.disbursement.models import MONEY, Disbursement
from cses.distribution.serializers import ReceiptExplainedSerializer


def masked_destination(disbursement: Disbursement) -> str:
    """Where the money went, masked: ``****6789`` for an account or card, ``check 100245``."""
    instruction = disbursement.instruction
    if disbursement.method == "direct_deposit":
        return instruction.account_masked
    if disbursement.method == "debit_card":
        last4 = instruction.card_account_id[-4:]
        return f"****{last4}" if last4 else ""
    return f"check {disbursement.check_number}" if disbursement.check_number else "check"


class DisbursementSerializer(serializers.ModelSerializer):
    """A payment to the family. ``amount`` is what the family received; ``fee`` the annual fee
    taken from the same support (45 CFR 302.33(e)); ``gross`` their sum."""

    payee_name = serializers.CharField(source="payee.full_name", read_only=True)
    destination = serializers.SerializerMethodField(
        help_text="The account or card masked to its last four digits, or the check number"
    )
    gross = serializers.DecimalField(**MONEY, read_only=True)
    receipt_ids = serializers.SerializerMethodField(help_text="The receipts it pays")

    class Meta:
        model = Disbursement
        fields = [
            "id",
            "created_on",
            "due_by",
            "status",
            "status_on",
            "method",
            "destination",
            "payee_name",
            "amount",
            "fee",
            "fee_year",
            "gross",
            "sent_on",
            "trace_number",
            "check_number",
            "receipt_ids",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_destination(self, disbursement: Disbursement) -> str:
        return masked_destination(disbursement)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_receipt_ids(self, disbursement: Disbursement) -> list[int]:
        return sorted(r.pk for r in disbursement.receipts.all())


class PaymentHistorySerializer(serializers.Serializer):
    """A case's payment history: each receipt, newest first, with its distribution explained as
    far as it concerns the case; each disbursement, newest first, with its status."""

    case_number = serializers.CharField()
    receipts = ReceiptExplainedSerializer(many=True)
    disbursements = DisbursementSerializer(many=True)
