"""IV-D cases: members and their roles, the lifecycle's history, the diary and intake."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cses.core.models import AppendOnly
from cses.rules.case_lifecycle import CLOSURE_REASONS, CaseState


class ProgramType(models.TextChoices):
    """The assistance status that drives distribution."""

    CURRENT_ASSISTANCE = "current", _("Current assistance (TANF)")
    FORMER_ASSISTANCE = "former", _("Former assistance")
    NEVER_ASSISTANCE = "never", _("Never assistance")
    MEDICAID_ONLY = "medicaid", _("Medicaid only")


class InterstateRole(models.TextChoices):
    NONE = "none", _("Intrastate")
    INITIATING = "initiating", _("Initiating")
    RESPONDING = "responding", _("Responding")


class CaseStatus(models.TextChoices):
    INTAKE = CaseState.INTAKE.value, _("Intake")
    LOCATE = CaseState.LOCATE.value, _("Locate")
    PATERNITY = CaseState.PATERNITY.value, _("Paternity")
    ESTABLISHMENT = CaseState.ESTABLISHMENT.value, _("Establishment")
    ENFORCEMENT = CaseState.ENFORCEMENT.value, _("Enforcement")
    CLOSURE_PENDING = CaseState.CLOSURE_PENDING.value, _("Closure pending")
    CLOSED = CaseState.CLOSED.value, _("Closed")


class CaseSource(models.TextChoices):
    APPLICATION = "application", _("Application taken by a worker")
    ONLINE = "online", _("Online application")
    IV_A_REFERRAL = "iv_a_referral", _("Public-assistance referral")
    INTERSTATE = "interstate", _("Interstate referral")


CLOSURE_REASON_CHOICES = [
    (r.code, f"{r.citation} {r.description}") for r in CLOSURE_REASONS.values()
]


class Case(models.Model):
    case_number = models.CharField(max_length=12, unique=True)
    program_type = models.CharField(max_length=10, choices=ProgramType.choices)
    interstate_role = models.CharField(
        max_length=10, choices=InterstateRole.choices, default=InterstateRole.NONE
    )
    other_state = models.CharField(max_length=2, blank=True, help_text="The other state, if any")
    office = models.ForeignKey("core.Office", on_delete=models.PROTECT, related_name="cases")
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    status_since = models.DateField()
    source = models.CharField(max_length=16, choices=CaseSource.choices)
    application_date = models.DateField(help_text="Application or referral received")
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=4, choices=CLOSURE_REASON_CHOICES, blank=True, default=""
    )
    closure_effective = models.DateField(
        null=True, blank=True, help_text="When a closure pending notice takes effect"
    )
    iv_a_case_number = models.CharField(max_length=20, blank=True, db_index=True)
    referral_key = models.CharField(
        max_length=40,
        null=True,
        blank=True,
        unique=True,
        help_text="The public-assistance referral this case came from (loaded once)",
    )
    existing_order_docket = models.CharField(
        max_length=40, blank=True, help_text="Docket number of a support order made before intake"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["office", "status"]),
            models.Index(fields=["assigned_worker", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_on__isnull=False),
                name="closed_case_has_closed_on",
            ),
            models.CheckConstraint(
                condition=models.Q(interstate_role="none") | ~models.Q(other_state=""),
                name="interstate_case_names_other_state",
            ),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def state(self) -> CaseState:
        return CaseState(self.status)


class MemberRole(models.TextChoices):
    CUSTODIAL_PARTY = "CP", _("Custodial party")
    NONCUSTODIAL_PARENT = "NCP", _("Noncustodial parent")
    ALLEGED_FATHER = "AF", _("Alleged father")
    DEPENDENT_CHILD = "CH", _("Dependent child")


OBLIGOR_ROLES = (MemberRole.NONCUSTODIAL_PARENT, MemberRole.ALLEGED_FATHER)


class PaternityStatus(models.TextChoices):
    NOT_APPLICABLE = "na", _("Not applicable")
    NOT_ESTABLISHED = "open", _("Not established")
    MARITAL_PRESUMPTION = "marital", _("Born during marriage (presumed)")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ADJUDICATED = "adjudicated", _("Adjudicated")


PATERNITY_ESTABLISHED = (
    PaternityStatus.MARITAL_PRESUMPTION,
    PaternityStatus.ACKNOWLEDGED,
    PaternityStatus.ADJUDICATED,
)


class CaseMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=3, choices=MemberRole.choices)
    paternity_status = models.CharField(
        max_length=12, choices=PaternityStatus.choices, default=PaternityStatus.NOT_APPLICABLE
    )
    high_school_student = models.BooleanField(default=False)
    family_violence = models.BooleanField(
        default=False,
        help_text="Hide this person's whereabouts from the other party and from their documents",
    )
    family_violence_since = models.DateField(null=True, blank=True)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="person_once_per_case"),
            models.CheckConstraint(
                condition=models.Q(role="CH") | models.Q(paternity_status="na"),
                name="paternity_status_only_for_children",
            ),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.case} {self.role} {self.person}"

    @property
    def is_child(self) -> bool:
        return self.role == MemberRole.DEPENDENT_CHILD


class CaseStatusChange(AppendOnly):
    """One move of the case's lifecycle: who, when, why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    reason = models.TextField()
    closure_reason = models.CharField(max_length=4, blank=True, default="")

    class Meta:
        ordering = ["case", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status or '-'} → {self.to_status}"


class DiaryEntry(AppendOnly):
    """The case diary: workers' notes and the system's events, in order, never edited."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        EVENT = "event", _("System event")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="diary")
    at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["case", "-at", "-id"]
        verbose_name_plural = "diary entries"

    def __str__(self) -> str:
        return f"{self.case} {self.at:%Y-%m-%d} {self.text[:40]}"


class IntakeApplication(models.Model):
    """An application waiting in the intake queue: from the public online page, or saved by a
    worker. The applicant's answers (names, SSNs, addresses) are kept encrypted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        ACCEPTED = "accepted", _("Accepted: case opened")
        REJECTED = "rejected", _("Rejected")

    reference = models.CharField(max_length=12, unique=True)
    submitted_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=CaseSource.choices)
    applicant_role = models.CharField(max_length=3, choices=MemberRole.choices)
    applicant_name = models.CharField(max_length=130, help_text="Shown in the queue")
    language = models.CharField(max_length=5, default="en")
    office = models.ForeignKey("core.Office", on_delete=models.PROTECT)
    payload_encrypted = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    rejection_reason = models.TextField(blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["status", "office"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.applicant_name}"
