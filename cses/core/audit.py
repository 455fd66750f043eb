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
    record_view_set(
        request,
        [(action, object_type, object_id) for object_id in object_ids],
        case_id=case_id,
        channel=channel,
        detail=detail,
    )


def record_view_set(
    request,
    views: Iterable[tuple[str, str, object]],
    *,
    case_id: int | None = None,
    channel: str = "web",
    detail: str = "",
) -> None:
    """Audit a page that shows several kinds of record (SSNs, addresses, phones, employers):
    one event per (action, object_type, object_id), all in one insert."""
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
        for action, object_type, object_id in views
    ]
    if events:
        AuditEvent.objects.bulk_create(events)
