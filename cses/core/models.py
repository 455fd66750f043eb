"""Reference tables every module shares: offices, towns, counters, parameters and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class AppendOnly(models.Model):
    """A record that is written once: no update, no delete (corrections are new records)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(f"{type(self).__name__} records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"{type(self).__name__} records are append-only")


class Office(models.Model):
    """A regional office. DSS offices take cases; SES offices handle court enforcement."""

    class Kind(models.TextChoices):
        DSS = "dss", "DSS regional office"
        SES = "ses", "Support Enforcement Services office"

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=3, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Town(models.Model):
    """A Connecticut town and the DSS office whose cases it sends."""

    name = models.CharField(max_length=60, unique=True)
    zip_code = models.CharField(max_length=5)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, limit_choices_to={"kind": Office.Kind.DSS}
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """Named number sequences (case numbers) handed out in blocks, safely under concurrency."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} at {self.value}"


class Parameter(models.Model):
    """A program parameter with an effective date: the value used on a day is the latest one
    whose ``effective_from`` is on or before it. Never edited in place: a change is a new row."""

    name = models.CharField(max_length=80)
    value = models.CharField(max_length=200)
    effective_from = models.DateField()
    basis = models.CharField(max_length=200, blank=True, help_text="Statute, rule or policy")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["name", "effective_from"], name="one_value_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} = {self.value} from {self.effective_from}"


class AuditEvent(models.Model):
    """Who saw or did what to which record, and when. Written for every view of an SSN or an
    address; never updated or deleted."""

    class Action(models.TextChoices):
        VIEW_SSN_MASKED = "view_ssn_masked", "viewed masked SSN"
        VIEW_SSN_FULL = "view_ssn_full", "viewed full SSN"
        VIEW_ADDRESS = "view_address", "viewed address"
        VIEW_PHONE = "view_phone", "viewed phone"
        VIEW_EMPLOYER = "view_employer", "viewed employer"
        VIEW_INCOME = "view_income", "viewed income"
        VIEW_BANK_ACCOUNT = "view_bank_account", "viewed bank account (masked)"
        SEARCH_SSN = "search_ssn", "searched by SSN"
        EXPORT = "export", "exported records"
        LOGIN = "login", "logged in"
        LOGIN_FAILED = "login_failed", "failed log-in"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("audit events are append-only")
