"""Receipts at the State Disbursement Unit: every payment that comes in, from any source, each
with a unique source reference so the same payment is never taken twice.

A receipt that cannot be matched to a case waits in suspense. The money itself is in the ledger
(``cses.ledger``); a receipt's status says where it stands in its life.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}


class ReceiptSource(models.TextChoices):
    """Where a collection came from; the values are the distribution contract's."""

    EMPLOYER_WITHHOLDING = "employer_withholding", _("Employer income withholding")
    PARENT_PAYMENT = "parent_payment", _("Payment by the noncustodial parent")
    FEDERAL_TAX_OFFSET = "federal_tax_offset", _("Federal tax refund offset")
    STATE_TAX_OFFSET = "state_tax_offset", _("State tax refund offset")
    LOTTERY_INTERCEPT = "lottery_intercept", _("Lottery or gaming intercept")
    INTERSTATE = "interstate", _("Payment from another state")
    LEVY = "levy", _("Bank levy")
    UNEMPLOYMENT_INTERCEPT = "unemployment_intercept", _("Unemployment benefits intercept")


class PaymentMethod(models.TextChoices):
    ACH = "ach", _("Electronic (ACH)")
    CHECK = "check", _("Check")
    MONEY_ORDER = "money_order", _("Money order")
    CASH = "cash", _("Cash at the window")
    CARD = "card", _("Online card payment")
    OFFSET = "offset", _("Offset or intercept")


class ReceiptBatch(models.Model):
    """An inbound payment file (an employer's remittance, an offset file) or a day's window
    batch. A file is loaded once: its content hash is unique."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV remittance")
        NACHA_CCD = "nacha_ccd", _("NACHA CCD+ with child support addenda")
        MANUAL = "manual", _("Entered at the SDU")

    name = models.CharField(max_length=200)
    format = models.CharField(max_length=10, choices=Format.choices)
    content_sha256 = models.CharField(max_length=64, unique=True)
    received_on = models.DateField()
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    records = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, help_text="Rejected records: line, field, reason")

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name_plural = "receipt batches"

    def __str__(self) -> str:
        return self.name


class Receipt(models.Model):
    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified with a case")
        SUSPENSE = "suspense", _("In suspense")
        REFUNDED = "refunded", _("Refunded to the payer")
        REVERSED = "reversed", _("Reversed")

    source_reference = models.CharField(
        max_length=120, unique=True, help_text="The payment's identity at its source"
    )
    source = models.CharField(max_length=24, choices=ReceiptSource.choices)
    method = models.CharField(max_length=12, choices=PaymentMethod.choices)
    received_on = models.DateField(help_text="Date of receipt at the SDU")
    amount = models.DecimalField(**MONEY)
    batch = models.ForeignKey(
        ReceiptBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="receipts"
    )
    payer_name = models.CharField(max_length=160, blank=True)
    employer = models.ForeignKey(
        "people.Employer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    obligor = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The noncustodial parent the payment is for, when known",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="receipts"
    )
    case_reference = models.CharField(
        max_length=40, blank=True, help_text="The case or docket number as the payer gave it"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["case", "received_on"]),
            models.Index(fields=["obligor", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.source_reference} ${self.amount}"
