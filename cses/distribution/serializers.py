"""A receipt's distribution explained line by line, and a case's balances by category, as the API
returns them. Amounts are decimal strings in dollars and cents."""

from __future__ import annotations

from rest_framework import serializers

from cses.ledger.models import MONEY, Account
from cses.receipts.serializers import ReceiptSerializer

PAYEES = [("family", "family"), ("state", "state"), ("held", "held")]
BALANCE_GROUPS = [
    ("owed", "owed by the noncustodial parent"),
    ("held", "held by the SDU for the case"),
    ("retained", "retained by the state"),
    ("other", "other"),
]


class PartSerializer(serializers.Serializer):
    """One line of a receipt's distribution: what it paid, on which case, to whom and why."""

    case_number = serializers.CharField(
        allow_null=True, help_text="Empty when the case is outside your offices"
    )
    account = serializers.ChoiceField(choices=Account.choices)
    category = serializers.CharField(help_text="The account's name, in words")
    amount = serializers.DecimalField(**MONEY)
    payee = serializers.ChoiceField(choices=PAYEES)
    explanation = serializers.CharField(
        help_text="In plain words, with the rule's reason: "
        "'$120.00 to current support for May 2026, paid to the family: …'"
    )
    posted_on = serializers.DateField()
    reversed = serializers.BooleanField(help_text="Undone since by a reversal")


class ExplanationSerializer(serializers.Serializer):
    """Where the receipt's money is: its distribution line by line, and the totals."""

    parts = PartSerializer(many=True)
    to_family = serializers.DecimalField(**MONEY)
    retained = serializers.DecimalField(**MONEY, help_text="federal_share + state_share")
    federal_share = serializers.DecimalField(**MONEY)
    state_share = serializers.DecimalField(**MONEY)
    held = serializers.DecimalField(**MONEY, help_text="More than everything owed: held")
    distributed = serializers.DecimalField(**MONEY, help_text="to_family + retained + held")
    undistributed = serializers.DecimalField(**MONEY, help_text="Received, not yet distributed")
    in_suspense = serializers.DecimalField(**MONEY)
    reversed = serializers.BooleanField()


class ReceiptExplainedSerializer(ReceiptSerializer):
    """A receipt with its distribution explained."""

    explanation = ExplanationSerializer(read_only=True)

    class Meta(ReceiptSerializer.Meta):
        fields = [*ReceiptSerializer.Meta.fields, "explanation"]
        read_only_fields = fields


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text="Balances at the end of this day (today)"
    )


class BalanceSerializer(serializers.Serializer):
    """One account's balance on the case."""

    account = serializers.ChoiceField(choices=Account.choices)
    label = serializers.CharField()
    group = serializers.ChoiceField(choices=BALANCE_GROUPS)
    amount = serializers.DecimalField(
        **MONEY,
        help_text="Owed by the noncustodial parent positive (a negative amount owed is a "
        "credit); for every other account, what the SDU holds or has paid over, positive",
    )
    ledger_balance = serializers.DecimalField(
        **MONEY, help_text="The ledger's balance: debits positive, credits negative"
    )


class BalanceTotalsSerializer(serializers.Serializer):
    owed = serializers.DecimalField(**MONEY, help_text="current_due + arrears")
    current_due = serializers.DecimalField(**MONEY)
    arrears = serializers.DecimalField(**MONEY)
    payable_to_family = serializers.DecimalField(**MONEY)
    held = serializers.DecimalField(**MONEY)
    undistributed = serializers.DecimalField(**MONEY)


class BalancesSerializer(serializers.Serializer):
    """A case's balances by category at the end of a day."""

    case_number = serializers.CharField()
    as_of = serializers.DateField()
    sign_convention = serializers.CharField()
    accounts = BalanceSerializer(many=True)
    totals = BalanceTotalsSerializer()
