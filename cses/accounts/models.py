from __future__ import annotations

from django.conf import settings
from django.db import models

from cses.accounts.roles import Role


class Profile(models.Model):
    """A user's role in the program and where they work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        "core.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    all_offices = models.BooleanField(
        default=False, help_text="Granted access to every office's cases, beyond the role's own."
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="For parent accounts: the person they are.",
    )
    employer = models.ForeignKey(
        "people.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="For employer accounts: the employer they act for.",
    )

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
