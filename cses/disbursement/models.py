"""Disbursement to families: how each payee is paid, holds on a case, the disbursements made and
the files sent to the bank, the debit-card vendor and the check printer.

Money itself lives in the ledger: what the family is owed is the case's PAYABLE_FAMILY balance; a
disbursement posts Dr PAYABLE_FAMILY / Cr SDU_BANK (key ``disbursement:{id}``); the annual fee
Dr PAYABLE_FAMILY / Cr FEE_INCOME (key ``fee:{case_id}:{fee_year}``). A bank account number is
stored only encrypted (``cses.core.crypto``) with its last four digits for display.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cses.core import crypto

MONEY = {"max_digits": 14, "decimal_places": 2}


class PaymentMethod(models.TextChoices):
    DIRECT_DEPOSIT = "direct_deposit", _("Direct deposit")
    DEBIT_CARD = "debit_card", _("Connecticut child support debit card")
    CHECK = "check", _("Check")


class BankAccountType(models.TextChoices):
    CHECKING = "checking", _("Checking")
    SAVINGS = "savings", _("Savings")


class PaymentInstruction(models.Model):
    """How a payee (the custodial party) is paid. One instruction is in force per person at a
    time (``ended_on`` empty); a change ends the old one and adds a new one, so the history stays.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="payment_instructions"
    )
    method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    routing_number = models.CharField(max_length=9, blank=True)
    account_type = models.CharField(
        max_length=8, choices=BankAccountType.choices, blank=True, default=""
    )
    account_encrypted = models.TextField(blank=True, editable=False)
    account_last4 = models.CharField(max_length=4, blank=True, editable=False)
    card_account_id = models.CharField(max_length=32, blank=True)
    mailing_address = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_from = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    ended_reason = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="one_payment_instruction_in_force",
            ),
            models.CheckConstraint(
                condition=~Q(method="direct_deposit")
                | (~Q(routing_number="") & ~Q(account_encrypted="") & ~Q(account_type="")),
                name="direct_deposit_needs_bank_account",
            ),
            models.CheckConstraint(
                condition=~Q(method="debit_card") | ~Q(card_account_id=""),
                name="debit_card_needs_card_account",
            ),
            models.CheckConstraint(
                condition=~Q(method="check") | Q(mailing_address__isnull=False),
                name="check_needs_mailing_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} for {self.person}"

    def set_account_number(self, raw: str) -> None:
        digits = "".join(c for c in raw if c.isalnum())
        self.account_encrypted = crypto.encrypt(digits) if digits else ""
        self.account_last4 = digits[-4:]

    def account_number(self) -> str:
        """The full account number, for the NACHA file only; never shown on screen."""
        return crypto.decrypt(self.account_encrypted) if self.account_encrypted else ""

    @property
    def account_masked(self) -> str:
        return f"****{self.account_last4}" if self.account_last4 else ""


class HoldReason(models.TextChoices):
    ADDRESS_UNKNOWN = "address_unknown", _("Address unknown")
    DISPUTE = "dispute", _("Dispute (timely appeal of arrears)")
    COURT_ORDER = "court_order", _("Court-ordered hold")


class DisbursementHold(models.Model):
    """While a hold is in force the case's payable balance stays in PAYABLE_FAMILY."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=16, choices=HoldReason.choices)
    held_from = models.DateField()
    held_until = models.DateField(null=True, blank=True, help_text="Empty: until released")
    released_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-held_from", "-id"]
        indexes = [models.Index(fields=["case", "held_from"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.case} from {self.held_from}"


def holds_in_force(on) -> Q:
    """A filter on DisbursementHold for the holds in force on a date."""
    return (
        Q(held_from__lte=on)
        & (Q(held_until__isnull=True) | Q(held_until__gte=on))
        & (Q(released_on__isnull=True) | Q(released_on__gt=on))
    )


class FileKind(models.TextChoices):
    NACHA_PPD = "nacha_ppd", _("Direct deposit (NACHA PPD)")
    DEBIT_CARD_LOAD = "debit_card_load", _("Debit card load file")
    CHECK_REGISTER = "check_register", _("Check register")


class DisbursementFile(models.Model):
    kind = models.CharField(max_length=16, choices=FileKind.choices)
    created_on = models.DateField()
    content = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    entry_count = models.PositiveIntegerField()
    total_amount = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "kind", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_on}"

    @property
    def filename(self) -> str:
        ext = "ach" if self.kind == FileKind.NACHA_PPD else "csv"
        return f"cses-{self.kind}-{self.created_on:%Y%m%d}-{self.pk}.{ext}"


class DisbursementStatus(models.TextChoices):
    PENDING = "pending", _("Pending: not yet in a file")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned by the bank")
    UNDELIVERABLE = "undeliverable", _("Undeliverable")
    REISSUED = "reissued", _("Returned, then paid again")
    ESCHEATED = "escheated", _("Escheated as unclaimed property")


class Disbursement(models.Model):
    """A payment to a family. ``amount`` is what the family receives; ``fee`` the annual fee
    retained from the same payable balance, so ``amount + fee`` is the support disbursed."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    payee = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    instruction = models.ForeignKey(PaymentInstruction, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    amount = models.DecimalField(**MONEY)
    fee = models.DecimalField(default=0, **MONEY)
    fee_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_on = models.DateField(help_text="The business date of the run that made it")
    due_by = models.DateField(help_text="Two business days after the oldest receipt it pays")
    status = models.CharField(
        max_length=16, choices=DisbursementStatus.choices, default=DisbursementStatus.PENDING
    )
    status_on = models.DateField(null=True, blank=True, help_text="When the status last changed")
    file = models.ForeignKey(
        DisbursementFile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    trace_number = models.CharField(max_length=15, blank=True)
    check_number = models.PositiveIntegerField(null=True, blank=True, unique=True)
    sent_on = models.DateField(null=True, blank=True)
    receipts = models.ManyToManyField("receipts.Receipt", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "created_on"], name="one_disbursement_per_case_per_day"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="disbursement_fee_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "created_on"]),
            models.Index(fields=["case", "created_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.amount} to {self.payee} on {self.created_on}"

    @property
    def gross(self):
        return self.amount + self.fee
