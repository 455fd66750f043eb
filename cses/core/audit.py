"""Writing the audit log of views of personal data."""

from __future__ import annotations

from collections.abc import Iterable

from cses.core.models import AuditEvent


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record_views(
    request,
    action: str,
    object_type: str,
    object_ids: Iterable[object],
    *,
    case_id: int | None = None,
    channel: str = "web",
    detail: str = "",
) -> None:
    """One audit event per record shown, in one insert."""
    user = request.user if request is not None and request.user.is_authenticated else None
    events = [
        AuditEvent(
            user=user,
            username=user.get_username() if user else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            case_id=case_id,
            channel=channel,
            ip_address=client_ip(request),
            detail=detail,
        )
        for object_id in object_ids
    ]
    if events:
        AuditEvent.objects.bulk_create(events)
