"""Throttling failed log-ins: after too many failures for a user name, or from one address,
within the window, further attempts are refused until the window passes."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.utils import timezone

from cses.core.models import AuditEvent


def login_locked(username: str, ip: str | None) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.CSES_LOGIN_FAILURE_WINDOW_MINUTES)
    failures = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, at__gte=since)
    if failures.filter(username__iexact=username).count() >= settings.CSES_LOGIN_FAILURE_LIMIT:
        return True
    # An office shares one address, so the per-address limit is higher than the per-name one.
    return bool(ip) and (
        failures.filter(ip_address=ip).count() >= settings.CSES_LOGIN_FAILURE_LIMIT_PER_ADDRESS
    )


def record_login_failure(username: str, ip: str | None, channel: str = "web") -> None:
    AuditEvent.objects.create(
        action=AuditEvent.Action.LOGIN_FAILED,
        username=username[:150],
        ip_address=ip,
        channel=channel,
    )


def minutes_until_unlocked(username: str, ip: str | None) -> int:
    """Whole minutes until enough failures leave the window for a log-in to be tried again.

    A lock holds while the window counts ``limit`` failures or more, so it lifts when the
    ``limit``-th most recent failure grows older than the window."""
    window = dt.timedelta(minutes=settings.CSES_LOGIN_FAILURE_WINDOW_MINUTES)
    now = timezone.now()
    failures = AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED, at__gte=now - window
    )
    lifts: list[dt.datetime] = []
    for scoped, limit in (
        (failures.filter(username__iexact=username), settings.CSES_LOGIN_FAILURE_LIMIT),
        (
            failures.filter(ip_address=ip) if ip else failures.none(),
            settings.CSES_LOGIN_FAILURE_LIMIT_PER_ADDRESS,
        ),
    ):
        at = scoped.order_by("-at").values_list("at", flat=True)[limit - 1 : limit].first()
        if at is not None:
            lifts.append(at + window)
    if not lifts:
        return 0
    return max(1, math.ceil((max(lifts) - now).total_seconds() / 60))
