"""The paternity endpoint: each child of a case, its paternity status and history, through the
selector the paternity page uses (``cses.paternity.selectors.paternity_summary``).

A case outside the caller's offices is not found. Children are shown with their SSNs masked,
and each masked SSN shown is written to the audit log, as the page does."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.cases.selectors import visible_cases
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.paternity.selectors import paternity_summary
from cses.paternity.serializers import ChildPaternitySerializer


class CasePaternityView(CsesAPIView):
    """Each child of the case, in the order they joined it: paternity status, the next step,
    and every acknowledgment, genetic test and adjudication (newest first)."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = ChildPaternitySerializer

    @extend_schema(
        operation_id="case_paternity_list",
        summary="Each child's paternity status and history",
        responses={200: ChildPaternitySerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = get_object_or_404(visible_cases(request.user), case_number=case_number)
        rows = self.paginate_queryset(paternity_summary(case, today=timezone.localdate()))
        record_view_set(
            request,
            [
                (AuditEvent.Action.VIEW_SSN_MASKED, "person", row.child.person_id)
                for row in rows
                if row.child.person.has_ssn
            ],
            case_id=case.pk,
            channel=CHANNEL,
            detail="API: paternity",
        )
        return self.get_paginated_response(ChildPaternitySerializer(rows, many=True).data)
