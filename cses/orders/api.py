"""The orders endpoint: a case's support orders, read-only, through the selectors the pages use.

A case outside the caller's offices is not found."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CsesAPIView, errors
from cses.cases.selectors import visible_cases
from cses.orders.selectors import orders_of_case
from cses.orders.serializers import SupportOrderSerializer


class CaseOrdersView(CsesAPIView):
    """The case's support orders, active first, each with every version (oldest first) and the
    children it covers with the day each child's support ends."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = SupportOrderSerializer

    @extend_schema(
        operation_id="case_orders_list",
        summary="A case's support orders, their versions and children",
        responses={200: SupportOrderSerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = get_object_or_404(visible_cases(request.user), case_number=case_number)
        page = self.paginate_queryset(orders_of_case(case))
        return self.get_paginated_response(SupportOrderSerializer(page, many=True).data)
