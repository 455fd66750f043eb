"""The ledger: double-entry, append-only.

Every money event is a ``JournalEntry`` whose ``JournalLine``s sum to zero (debits positive,
credits negative). Nothing is updated or deleted: a correction is a reversing entry that points at
what it reverses. Each entry carries a ``key`` naming the business event it records (a charge of
an order on a due date, a receipt, a receipt's distribution...), unique, so posting the same event
twice — a file loaded again, a batch run again, two workers at once — writes it once.

Accounts are per case (``JournalLine.case``) and per ``Account``. A balance is the sum of a case's
lines in an account up to a date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cses.core.models import AppendOnly

MONEY = {"max_digits": 14, "decimal_places": 2}


class Account(models.TextChoices):
    """The chart of accounts. Receivables (what the noncustodial parent owes) are debit
    balances; what the State Disbursement Unit holds or owes to others is a credit balance."""

    SDU_BANK = "sdu_bank", _("SDU bank account")
    # What the noncustodial parent owes: current charges, then arrears by assignment category.
    OWED_CURRENT_SUPPORT = "owed_current_support", _("Current support due")
    OWED_MEDICAL_SUPPORT = "owed_medical_support", _("Medical support due")
    OWED_CHILD_CARE = "owed_child_care", _("Child care due")
    ARREARS_PERMANENTLY_ASSIGNED = "arrears_pa", _("Arrears permanently assigned to the state")
    ARREARS_TEMPORARILY_ASSIGNED = "arrears_ta", _("Arrears temporarily assigned")
    ARREARS_CONDITIONALLY_ASSIGNED = "arrears_ca", _("Arrears conditionally assigned")
    ARREARS_NEVER_ASSIGNED = "arrears_na", _("Arrears never assigned")
    ARREARS_UNASSIGNED_DURING_ASSISTANCE = "arrears_ua", _("Arrears unassigned during assistance")
    # The other side of every charge: support the order entitles its payees to.
    SUPPORT_ACCRUED = "support_accrued", _("Support accrued under orders")
    # Money the SDU holds.
    SUSPENSE = "suspense", _("Suspense (payer or case not identified)")
    UNDISTRIBUTED = "undistributed", _("Received, not yet distributed")
    HELD = "held", _("Held: more than everything owed")
    PAYABLE_FAMILY = "payable_family", _("Distributed to the family, not yet disbursed")
    RETAINED_FEDERAL = "retained_federal", _("Retained: federal share")
    RETAINED_STATE = "retained_state", _("Retained: state share")
    FEE_INCOME = "fee_income", _("Annual fee (program income)")
    # Undeliverable family money owed to the State Treasurer as unclaimed property.
    ESCHEATED = "escheated", _("Escheated: due to the State Treasurer (unclaimed property)")


RECEIVABLE_ACCOUNTS = (
    Account.OWED_CURRENT_SUPPORT,
    Account.OWED_MEDICAL_SUPPORT,
    Account.OWED_CHILD_CARE,
    Account.ARREARS_PERMANENTLY_ASSIGNED,
    Account.ARREARS_TEMPORARILY_ASSIGNED,
    Account.ARREARS_CONDITIONALLY_ASSIGNED,
    Account.ARREARS_NEVER_ASSIGNED,
    Account.ARREARS_UNASSIGNED_DURING_ASSISTANCE,
)


class EntryKind(models.TextChoices):
    CHARGE = "charge", _("Charge accrued under an order")
    ROLLOVER = "rollover", _("Unpaid current charges become arrears")
    RECEIPT = "receipt", _("Receipt at the SDU")
    IDENTIFICATION = "identification", _("Receipt identified out of suspense")
    DISTRIBUTION = "distribution", _("Distribution of a receipt")
    DISBURSEMENT = "disbursement", _("Disbursement")
    REFUND = "refund", _("Refund to the payer")
    FEE = "fee", _("Annual fee")
    ESCHEAT = "escheat", _("Unclaimed family money escheated")
    REVERSAL = "reversal", _("Reversal")
    ADJUSTMENT = "adjustment", _("Adjustment")


class JournalEntry(AppendOnly):
    key = models.CharField(
        max_length=160, unique=True, help_text="The business event recorded; posted once"
    )
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    posted_on = models.DateField()
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receipt = models.ForeignKey(
        "receipts.Receipt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journal_entries",
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    memo = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["posted_on", "id"]
        verbose_name_plural = "journal entries"
        indexes = [
            models.Index(fields=["case", "posted_on"]),
            models.Index(fields=["kind", "posted_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} on {self.posted_on}"


class JournalLine(AppendOnly):
    """One side of an entry. ``amount`` is positive for a debit, negative for a credit."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    posted_on = models.DateField(help_text="The entry's date, kept here for balance queries")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.CharField(max_length=24, choices=Account.choices)
    amount = models.DecimalField(**MONEY)
    due_on = models.DateField(null=True, blank=True, help_text="For a charge: its due date")
    explanation = models.TextField(blank=True)

    class Meta:
        ordering = ["entry", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="journal_line_not_zero"),
        ]
        indexes = [
            models.Index(fields=["case", "account", "posted_on"]),
            models.Index(fields=["account", "posted_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"
