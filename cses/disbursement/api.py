"""A case's payment history and its disbursements: the API over the selectors the case's
payment history page uses. Disbursement is downstream of distribution, so the history (receipts
explained, then what was paid to the family) is answered here.

A case outside the caller's offices is not found. Accounts and debit cards are shown masked."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CsesAPIView, errors
from cses.cases.models import Case
from cses.cases.selectors import visible_case_or_404
from cses.disbursement.models import Disbursement
from cses.disbursement.serializers import DisbursementSerializer, PaymentHistorySerializer
from cses.distribution.api import case_numbers, explained
from cses.distribution.selectors import payment_history


def disbursements_of(case: Case) -> QuerySet[Disbursement]:
    """The case's disbursements, newest first, with what their serializer reads."""
    return (
        Disbursement.objects.filter(case=case)
        .select_related("payee", "instruction")
        .prefetch_related("receipts")
        .order_by("-created_on", "-id")
    )


class CasePaymentsView(CsesAPIView):
    """The case's payment history: each receipt that reached the case, newest first, with its
    distribution explained line by line as far as it concerns the case ("$120.00 to current
    support for May 2026, paid to the family: …"), and each disbursement to the family with its
    status. Not paginated: the whole history in one answer."""

    required_capabilities = (Cap.CASES_VIEW, Cap.PAYMENTS_VIEW)
    serializer_class = PaymentHistorySerializer

    @extend_schema(
        operation_id="case_payments",
        summary="A case's payment history: receipts explained, disbursements",
        responses={200: PaymentHistorySerializer, **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        history = payment_history(case)
        numbers = case_numbers(request, history)
        return Response(
            {
                "case_number": case.case_number,
                "receipts": [explained(x.receipt, x, numbers) for x in history],
                "disbursements": DisbursementSerializer(disbursements_of(case), many=True).data,
            }
        )


class CaseDisbursementsView(CsesAPIView):
    """The case's disbursements to the family, newest first: status, method and masked account,
    the day due (two business days after the oldest receipt paid), the day sent, the annual fee
    taken."""

    required_capabilities = (Cap.CASES_VIEW, Cap.PAYMENTS_VIEW)
    serializer_class = DisbursementSerializer

    @extend_schema(
        operation_id="case_disbursements_list",
        summary="A case's disbursements to the family",
        responses={200: DisbursementSerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        page = self.paginate_queryset(disbursements_of(case))
        return self.get_paginated_response(DisbursementSerializer(page, many=True).data)
