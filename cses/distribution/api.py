"""A receipt and its distribution explained line by line, and a case's balances by category:
the API over the selectors the receipt page and the case's payment history use.

A receipt on a case outside the caller's offices is not found. A receipt in suspense (no case
yet) is shown only to those who process payments (``payments.process``); a withholding payment
identified only to the obligor, with no case, to them and to whoever sees a case it was
distributed on. A line of the distribution on a case the caller does not see shows no case
number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.access import can
from cses.accounts.roles import Cap
from cses.api.base import CsesAPIView, errors
from cses.cases.models import Case
from cses.cases.selectors import visible_case_or_404, visible_cases
from cses.distribution.selectors import ReceiptExplanation, receipt_explanation
from cses.distribution.serializers import (
    AsOfSerializer,
    BalancesSerializer,
    ReceiptExplainedSerializer,
)
from cses.distribution.services import ACCOUNT_CATEGORY, ARREARS_ACCOUNTS, CURRENT_ACCOUNTS
from cses.ledger.models import RECEIVABLE_ACCOUNTS, Account, JournalLine
from cses.ledger.selectors import case_balances
from cses.receipts.models import Receipt

ZERO = Decimal("0.00")
SIGN_CONVENTION = (
    "amount: owed by the noncustodial parent is positive (current support due and arrears; a "
    "negative amount owed is a credit to the parent); every other account is shown as what the "
    "SDU holds or has paid over for the case, positive. ledger_balance is the ledger's own "
    "sign: debits positive, credits negative."
)
HELD_ACCOUNTS = (Account.UNDISTRIBUTED, Account.HELD, Account.PAYABLE_FAMILY)
RETAINED_ACCOUNTS = (Account.RETAINED_FEDERAL, Account.RETAINED_STATE)
CHART_ORDER = {account: n for n, account in enumerate(Account.values)}


def visible_receipt(request: Request, pk: int) -> Receipt:
    """The receipt, if the caller may see it (module docstring); otherwise not found."""
    receipt = get_object_or_404(Receipt.objects.select_related("case", "employer", "batch"), pk=pk)
    visible = visible_cases(request.user)
    if receipt.case_id is not None:
        allowed = visible.filter(pk=receipt.case_id).exists()
    elif can(request.user, Cap.PAYMENTS_PROCESS):
        allowed = True
    elif receipt.status == Receipt.Status.SUSPENSE:
        allowed = False
    else:
        cases = JournalLine.objects.filter(entry__receipt=receipt, case__isnull=False)
        allowed = visible.filter(pk__in=cases.values("case_id")).exists()
    if not allowed:
        raise Http404
    return receipt


def explained(receipt: Receipt, explanation: ReceiptExplanation, numbers: dict[int, str]) -> dict:
    """The receipt and its explanation as ``ReceiptExplainedSerializer`` reads them; ``numbers``
    maps the ids of the cases the caller sees to their numbers."""
    x = explanation
    receipt.explanation = {
        "parts": [
            {
                "case_number": numbers.get(part.case_id) if part.case_id else None,
                "account": part.account,
                "category": str(ACCOUNT_CATEGORY[part.account].label)
                if part.account in ACCOUNT_CATEGORY
                else str(Account(part.account).label),
                "amount": part.amount,
                "payee": part.payee,
                "explanation": part.text,
                "posted_on": part.posted_on,
                "reversed": part.reversed,
            }
            for part in x.parts
        ],
        "to_family": x.to_family,
        "retained": x.retained,
        "federal_share": x.federal_share,
        "state_share": x.state_share,
        "held": x.held,
        "distributed": x.distributed,
        "undistributed": x.undistributed,
        "in_suspense": x.in_suspense,
        "reversed": x.reversed,
    }
    return ReceiptExplainedSerializer(receipt).data


def case_numbers(request: Request, explanations: list[ReceiptExplanation]) -> dict[int, str]:
    ids = {p.case_id for x in explanations for p in x.parts if p.case_id}
    return dict(visible_cases(request.user).filter(pk__in=ids).values_list("pk", "case_number"))


class ReceiptDetailView(CsesAPIView):
    """One receipt and where each dollar of it went, line by line, with the rule's reason
    (42 USC 657; 45 CFR 302.51): what went to the family, what the state retained (its federal
    and state shares), what is held, undistributed or in suspense."""

    required_capabilities = (Cap.PAYMENTS_VIEW,)
    serializer_class = ReceiptExplainedSerializer

    @extend_schema(
        operation_id="receipt_retrieve",
        summary="A receipt and its distribution explained line by line",
        responses={200: ReceiptExplainedSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, receipt_id: int) -> Response:
        receipt = visible_receipt(request, receipt_id)
        explanation = receipt_explanation(receipt)
        return Response(explained(receipt, explanation, case_numbers(request, [explanation])))


def _group(account: str) -> str:
    if account in RECEIVABLE_ACCOUNTS:
        return "owed"
    if account in HELD_ACCOUNTS:
        return "held"
    if account in RETAINED_ACCOUNTS:
        return "retained"
    return "other"


def balances_of(case: Case, as_of: dt.date) -> dict:
    """The case's balances by account at the end of ``as_of``, as ``BalancesSerializer`` reads
    them (``SIGN_CONVENTION``)."""
    ledger = case_balances(case.pk, as_of)
    accounts = []
    for account in sorted(ledger, key=lambda a: CHART_ORDER.get(a, len(CHART_ORDER))):
        balance = ledger[account]
        accounts.append(
            {
                "account": account,
                "label": str(Account(account).label),
                "group": _group(account),
                "amount": balance if account in RECEIVABLE_ACCOUNTS else -balance,
                "ledger_balance": balance,
            }
        )

    def total(names) -> Decimal:
        return sum((ledger.get(a, ZERO) for a in names), ZERO)

    current, arrears = total(CURRENT_ACCOUNTS), total(ARREARS_ACCOUNTS)
    return {
        "case_number": case.case_number,
        "as_of": as_of,
        "sign_convention": SIGN_CONVENTION,
        "accounts": accounts,
        "totals": {
            "owed": current + arrears,
            "current_due": current,
            "arrears": arrears,
            "payable_to_family": -ledger.get(Account.PAYABLE_FAMILY, ZERO),
            "held": -ledger.get(Account.HELD, ZERO),
            "undistributed": -ledger.get(Account.UNDISTRIBUTED, ZERO),
        },
    }


class CaseBalancesView(CsesAPIView):
    """The case's balances by category at the end of a day (today unless ``as_of``): current
    support, medical support and child care due; arrears by assignment category; what the SDU
    holds for the case (undistributed, held, payable to the family); what the state retained.
    Owed by the noncustodial parent is positive; see ``sign_convention`` in the answer."""

    required_capabilities = (Cap.CASES_VIEW, Cap.PAYMENTS_VIEW)
    serializer_class = BalancesSerializer

    @extend_schema(
        operation_id="case_balances",
        summary="A case's balances by category, on any day",
        parameters=[AsOfSerializer],
        responses={200: BalancesSerializer, **errors(400, 403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        given = AsOfSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        as_of = given.validated_data.get("as_of") or timezone.localdate()
        return Response(BalancesSerializer(balances_of(case, as_of)).data)
