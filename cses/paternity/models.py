"""Establishing paternity for each child: the voluntary acknowledgment (form VS56), genetic
testing, and adjudication by a Family Support Magistrate.

The child's legal status lives on its case membership (``CaseMember.paternity_status``); these
records are the evidence and the history behind it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Acknowledgment(models.Model):
    """A voluntary Acknowledgment of Paternity (Connecticut form VS56), signed by both parents
    before a witness and filed with the Department of Public Health.

    Either signatory may rescind it within 60 days of the last signature (42 USC 666(a)(5)(D)(ii)),
    or earlier at a proceeding about the child; after that it has the effect of a judgment."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("Signed, not yet filed")
        FILED = "filed", _("Filed")
        RESCINDED = "rescinded", _("Rescinded")

    child = models.ForeignKey(
        "cases.CaseMember", on_delete=models.PROTECT, related_name="acknowledgments"
    )
    father = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    mother_signed_on = models.DateField()
    father_signed_on = models.DateField()
    witness_name = models.CharField(max_length=120)
    witness_signed_on = models.DateField()
    filed_on = models.DateField(null=True, blank=True, help_text="Filed with Vital Records")
    rescission_deadline = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SIGNED)
    rescinded_on = models.DateField(null=True, blank=True)
    rescinded_by = models.CharField(max_length=10, blank=True, help_text="mother or father")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["child", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rescinded") | Q(rescinded_on__isnull=False),
                name="rescinded_acknowledgment_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="filed") | Q(filed_on__isnull=False),
                name="filed_acknowledgment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"VS56 for {self.child}"


class GeneticTest(models.Model):
    """A genetic test of a child, the mother and an alleged father: the appointment, the samples
    and the laboratory's result. A probability at or above the presumption threshold (a parameter)
    presumes paternity and sends the case to adjudication."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Appointment scheduled")
        NO_SHOW = "no_show", _("A party did not appear")
        SAMPLED = "sampled", _("Samples collected")
        RESULTED = "resulted", _("Result received")
        CANCELLED = "cancelled", _("Cancelled")

    class Conclusion(models.TextChoices):
        PENDING = "", _("No result yet")
        PRESUMED = "presumed", _("At or above the presumption threshold")
        NOT_EXCLUDED = "not_excluded", _("Not excluded, below the threshold")
        EXCLUDED = "excluded", _("Alleged father excluded")

    child = models.ForeignKey(
        "cases.CaseMember", on_delete=models.PROTECT, related_name="genetic_tests"
    )
    alleged_father = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    appointment_at = models.DateTimeField()
    location = models.CharField(max_length=160)
    laboratory = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sampled_on = models.DateField(null=True, blank=True)
    result_received_on = models.DateField(null=True, blank=True)
    lab_reference = models.CharField(max_length=40, blank=True)
    probability_percent = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    threshold_percent = models.DecimalField(
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The presumption threshold in force when the result was recorded",
    )
    conclusion = models.CharField(
        max_length=12, choices=Conclusion.choices, blank=True, default=Conclusion.PENDING
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["child", "-appointment_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resulted")
                | (Q(result_received_on__isnull=False) & ~Q(conclusion="")),
                name="resulted_test_has_conclusion",
            ),
            models.CheckConstraint(
                condition=Q(probability_percent__isnull=True)
                | (Q(probability_percent__gte=0) & Q(probability_percent__lte=100)),
                name="genetic_probability_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"Genetic test for {self.child} on {self.appointment_at:%Y-%m-%d}"


class Adjudication(models.Model):
    """A Family Support Magistrate's (or the Superior Court's) finding on paternity."""

    class Finding(models.TextChoices):
        ESTABLISHED = "established", _("Paternity established")
        NOT_FATHER = "not_father", _("Not the father")
        DISMISSED = "dismissed", _("Petition dismissed")

    class Basis(models.TextChoices):
        GENETIC_TEST = "genetic_test", _("Genetic test result")
        DEFAULT = "default", _("Default (failure to appear or answer)")
        STIPULATION = "stipulation", _("Stipulation of the parties")
        HEARING = "hearing", _("Evidence at a contested hearing")

    child = models.ForeignKey(
        "cases.CaseMember", on_delete=models.PROTECT, related_name="adjudications"
    )
    alleged_father = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    docket_number = models.CharField(max_length=40)
    decided_on = models.DateField()
    finding = models.CharField(max_length=12, choices=Finding.choices)
    basis = models.CharField(max_length=12, choices=Basis.choices)
    genetic_test = models.ForeignKey(
        GeneticTest, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    magistrate = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    magistrate_name = models.CharField(max_length=120)
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_finding_display()} for {self.child} ({self.docket_number})"
