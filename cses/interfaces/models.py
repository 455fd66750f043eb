"""Inbound partner files: each one archived and loaded once, with its load report kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundFile(models.Model):
    """One file received from a partner. Its content hash makes a second load of the same file a
    no-op; ``lines_done`` lets an interrupted load resume where its last transaction ended."""

    class Kind(models.TextChoices):
        IV_A_REFERRALS = "iv_a_referrals", _("Public-assistance referrals")

    class Status(models.TextChoices):
        LOADING = "loading", _("Loading (interrupted if it stays so)")
        LOADED = "loaded", _("Loaded")
        REJECTED = "rejected", _("Rejected: not loaded")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200, help_text="The file's name as received")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField(default=0)
    received_at = models.DateTimeField()
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LOADING)
    completed_at = models.DateTimeField(null=True, blank=True)
    lines_done = models.IntegerField(default=0, help_text="Last line whose outcome is saved")
    records_read = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)
    duplicates = models.IntegerField(default=0)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "sha256"], name="inbound_file_loaded_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class LoadedRecord(models.Model):
    """A record group (a referral) that was taken: accepted into a case, or skipped as a
    duplicate of one already loaded."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DUPLICATE = "duplicate", _("Duplicate: already loaded")

    file = models.ForeignKey(InboundFile, on_delete=models.CASCADE, related_name="loaded_records")
    line_number = models.IntegerField()
    record_key = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["file", "line_number"]

    def __str__(self) -> str:
        return f"{self.file_id} line {self.line_number} {self.record_key}: {self.outcome}"


class RejectedRecord(models.Model):
    """A record that was not loaded: where, which field, and why."""

    file = models.ForeignKey(InboundFile, on_delete=models.CASCADE, related_name="rejected_records")
    line_number = models.IntegerField()
    record_key = models.CharField(max_length=40, blank=True)
    field = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["file", "line_number", "id"]

    def __str__(self) -> str:
        return f"line {self.line_number}, {self.field}: {self.reason}"
