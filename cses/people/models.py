"""Persons (parents, alleged fathers, children), their addresses and phones, employers and
employment. An SSN is never stored: only its encryption, its blind index and its last four digits.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cses.core import crypto
from cses.rules.ssn import mask_ssn, normalize_ssn


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNKNOWN = "U", _("Unknown")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other")


class Person(models.Model):
    last_name = models.CharField(_("last name"), max_length=60)
    first_name = models.CharField(_("first name"), max_length=60)
    middle_name = models.CharField(_("middle name"), max_length=60, blank=True)
    suffix = models.CharField(_("suffix"), max_length=10, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    email = models.EmailField(_("e-mail"), blank=True)
    ssn_encrypted = models.TextField(blank=True, editable=False)
    ssn_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    ssn_last4 = models.CharField(max_length=4, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        parts = [self.first_name, self.middle_name, self.last_name, self.suffix]
        return " ".join(p for p in parts if p)

    def set_ssn(self, raw: str | None) -> None:
        """Store an SSN (any common format) as ciphertext, blind index and last four."""
        if not raw:
            self.ssn_encrypted = self.ssn_index = self.ssn_last4 = ""
            return
        digits = normalize_ssn(raw)
        self.ssn_encrypted = crypto.encrypt(digits)
        self.ssn_index = crypto.blind_index(digits)
        self.ssn_last4 = digits[-4:]

    @property
    def has_ssn(self) -> bool:
        return bool(self.ssn_encrypted)

    @property
    def ssn_masked(self) -> str:
        return mask_ssn(self.ssn_last4)

    def ssn_plaintext(self) -> str:
        """The full SSN. Callers must check the viewer may see it and audit the view."""
        return crypto.decrypt(self.ssn_encrypted) if self.ssn_encrypted else ""


class Alias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    last_name = models.CharField(max_length=60)
    first_name = models.CharField(max_length=60)
    middle_name = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name_plural = "aliases"
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Phone(models.Model):
    class Kind(models.TextChoices):
        MOBILE = "mobile", _("Mobile")
        HOME = "home", _("Home")
        WORK = "work", _("Work")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MOBILE)
    number = models.CharField(max_length=20)
    sms_consent = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.number


class VerificationSource(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    IV_A = "iv_a", _("Public assistance (IV-A)")
    POSTAL = "postal", _("Postal verification")
    EMPLOYER = "employer", _("Employer")
    NDNH = "ndnh", _("National Directory of New Hires")
    DMV = "dmv", _("Motor vehicles")
    FPLS = "fpls", _("Federal Parent Locator Service")
    WORKER = "worker", _("Worker contact")


class Address(models.Model):
    """One address in a person's history. ``verified_on`` empty means unverified."""

    class Kind(models.TextChoices):
        MAILING = "mailing", _("Mailing")
        RESIDENTIAL = "residential", _("Residential")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.RESIDENTIAL)
    line1 = models.CharField(max_length=100)
    line2 = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=60)
    state = models.CharField(max_length=2, default="CT")
    zip_code = models.CharField(max_length=10)
    source = models.CharField(
        max_length=12, choices=VerificationSource.choices, default=VerificationSource.APPLICANT
    )
    verified_by = models.CharField(
        max_length=12, choices=VerificationSource.choices, blank=True, default=""
    )
    verified_on = models.DateField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["end_date", "-start_date", "-id"]

    def __str__(self) -> str:
        return self.one_line

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def one_line(self) -> str:
        street = ", ".join(p for p in [self.line1, self.line2] if p)
        return f"{street}, {self.city}, {self.state} {self.zip_code}"


class Employer(models.Model):
    name = models.CharField(max_length=120)
    fein = models.CharField("FEIN", max_length=9, unique=True, help_text="Nine digits, no dash")
    line1 = models.CharField(max_length=100)
    line2 = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=60)
    state = models.CharField(max_length=2, default="CT")
    zip_code = models.CharField(max_length=10)
    payroll_contact_name = models.CharField(max_length=100, blank=True)
    payroll_contact_phone = models.CharField(max_length=20, blank=True)
    payroll_contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Employment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="employments")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=12, choices=VerificationSource.choices, default=VerificationSource.APPLICANT
    )

    class Meta:
        ordering = ["end_date", "-start_date"]

    def __str__(self) -> str:
        return f"{self.person} at {self.employer}"
