"""Throttling failed log-ins: after too many failures for a user name, or from one address,
within the window, further attempts are refused until the window passes. Public pages are limited
per address and hour."""

from __future__ import annotations

import datetime as dt
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from cses.core.audit import client_ip
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


def over_hourly_limit(request, *, action: str, limit: int) -> bool:
    """Counts one more ``action`` from the request's address in the current clock hour (a fixed
    window, in the cache) and says whether that passes ``limit``. For public pages, where there
    is no user to throttle."""
    key = f"cses:{action}:{client_ip(request) or 'unknown'}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this is the window's first request.
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit
