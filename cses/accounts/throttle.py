"""Throttling failed log-ins: after too many failures for a user name, or from one address,
within the window, further attempts are refused until the window passes."""

from __future__ import annotations

import datetime as dt

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
