"""The orders endpoints, thin over the selectors and services the pages use: a case's support
orders and the obligation schedule of one, guidelines worksheets (computed without saving, saved
to a case, read back) and reviews of orders.

A case outside the caller's offices is not found. A saved worksheet shows the parents' incomes:
every view of one is written to the audit log, as the worksheet page does."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CHANNEL, CsesAPIView, errors
from cses.cases.selectors import visible_case_or_404
from cses.core.audit import record_view_set
from cses.core.models import AuditEvent
from cses.core.parameters import MissingParameter
from cses.orders.forms import MAX_PREVIEW_DAYS, default_period
from cses.orders.models import SupportOrder, Worksheet
from cses.orders.obligations import obligations_due
from cses.orders.reviews import reviews_of_case
from cses.orders.selectors import orders_of_case
from cses.orders.serializers import (
    CalcQuerySerializer,
    GuidelinesInputSerializer,
    GuidelinesResultSerializer,
    ObligationPeriodSerializer,
    ObligationScheduleSerializer,
    ReviewSerializer,
    SupportOrderSerializer,
    WorksheetCreateSerializer,
    WorksheetDetailSerializer,
    WorksheetSerializer,
)
from cses.orders.worksheets import case_worksheets, compute_worksheet, save_worksheet
from cses.rules.guidelines import WorksheetError
from cses.rules.obligations import CHARGE_KINDS

INPUT_EXAMPLE = {
    "children": 2,
    "custodial": {"gross_weekly_income": "700.00", "deductions": {}, "ss_dependency_benefit": "0"},
    "noncustodial": {
        "gross_weekly_income": "900.00",
        "deductions": {"federal_income_tax": "80.00"},
    },
    "child_health_premium_weekly": "0",
    "child_health_premium_paid_by": "noncustodial",
    "child_care_weekly": "0",
    "child_care_paid_by": "custodial",
    "arrears_owed": "0",
    "high_income": "minimum",
}


class ContractJSONParser(JSONParser):
    """JSON whose numbers keep their exact text, as ``cses guidelines calc`` reads its input
    (``parse_float=Decimal``); each such number becomes a decimal string, the contract's form
    of an amount, so that a saved input is valid JSON as sent."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(
                stream.read().decode(encoding),
                parse_float=Decimal,
                parse_constant=_no_constant,
            )
        except ValueError as e:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": e}) from e
        return _decimals_as_text(data)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


def _decimals_as_text(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _decimals_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decimals_as_text(item) for item in value]
    return value


def _worksheet_errors(error: WorksheetError, prefix: str = "") -> ValidationError:
    """The rules' problems as the API's validation errors, each under its field's path (under
    ``prefix`` when the input is one field of the request)."""
    out: dict[str, list[str]] = {}
    for path, message in error.by_field():
        if path in ("", "input"):
            path = prefix or "non_field_errors"
        elif prefix:
            path = f"{prefix}.{path}"
        out.setdefault(path, []).append(message)
    return ValidationError(out)


def _no_parameters(on: dt.date) -> ValidationError:
    return ValidationError(
        {"on": [_("No guideline schedule parameters are in effect on %(date)s.") % {"date": on}]}
    )


# Orders


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
        case = visible_case_or_404(request.user, case_number)
        page = self.paginate_queryset(orders_of_case(case))
        return self.get_paginated_response(SupportOrderSerializer(page, many=True).data)


class OrderObligationsView(CsesAPIView):
    """Every amount the order falls due within a period (both days included; at most two
    years): the schedule the ledger accrues, computed by the same bulk query
    (``cses.orders.obligations``) limited to the case."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = ObligationScheduleSerializer

    @extend_schema(
        operation_id="case_order_obligations",
        summary="The order's obligation schedule for a period",
        parameters=[ObligationPeriodSerializer],
        responses={200: ObligationScheduleSerializer, **errors(400, 403, 404)},
    )
    def get(self, request: Request, case_number: str, order_id: int) -> Response:
        case = visible_case_or_404(request.user, case_number)
        order = get_object_or_404(
            SupportOrder.objects.prefetch_related("versions"), pk=order_id, case=case
        )
        start, end = _period(request)
        numbers = {v.pk: v.version for v in order.versions.all()}
        due = [o for o in obligations_due(start, end, case_ids=[case.pk]) if o.order_id == order.pk]
        totals = []
        for kind in CHARGE_KINDS:
            amounts = [o.amount for o in due if o.kind == kind]
            if amounts:
                totals.append({"kind": kind.value, "amount": sum(amounts, Decimal(0))})
        schedule = {
            "order_id": order.pk,
            "docket_number": order.docket_number,
            "start": start,
            "end": end,
            "obligations": [
                {
                    "due_date": o.due_date,
                    "kind": o.kind,
                    "amount": o.amount,
                    "version": numbers[o.version_id],
                    "new_debt": o.new_debt,
                }
                for o in due
            ],
            "totals": totals,
        }
        return Response(ObligationScheduleSerializer(schedule).data)


def _period(request: Request) -> tuple[dt.date, dt.date]:
    """The period asked for: from ``start`` (today) to ``end`` (three months on), as on the order
    page."""
    given = ObligationPeriodSerializer(data=request.query_params)
    given.is_valid(raise_exception=True)
    start = given.validated_data.get("start") or timezone.localdate()
    end = given.validated_data.get("end") or default_period(start)[1]
    if end < start:
        raise ValidationError({"end": [_("The period ends before it starts.")]})
    if (end - start).days > MAX_PREVIEW_DAYS:
        raise ValidationError(
            {
                "end": [
                    _("The period is at most %(days)s days long.") % {"days": MAX_PREVIEW_DAYS + 1}
                ]
            }
        )
    return start, end


# Guidelines worksheets


class GuidelinesCalcView(CsesAPIView):
    """Computes one Connecticut guidelines worksheet (form CCSG-1): the ``cses guidelines calc``
    contract over HTTP. Nothing is saved. Every bad field is named by its path in the input."""

    required_capabilities = (Cap.ORDERS_WORKSHEET,)
    parser_classes = [ContractJSONParser]
    serializer_class = GuidelinesResultSerializer

    @extend_schema(
        operation_id="guidelines_calc",
        summary="Compute a guidelines worksheet without saving it",
        parameters=[CalcQuerySerializer],
        request=GuidelinesInputSerializer,
        responses={200: GuidelinesResultSerializer, **errors(400, 403)},
        examples=[
            OpenApiExample("Two children", value=INPUT_EXAMPLE, request_only=True),
            OpenApiExample(
                "A bad input",
                value={"children": ["must be between 1 and 6"]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        query = CalcQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or timezone.localdate()
        try:
            result = compute_worksheet(request.data, on)
        except WorksheetError as e:
            raise _worksheet_errors(e) from e
        except MissingParameter as e:
            raise _no_parameters(on) from e
        return Response(result)


def _audit_worksheet(request: Request, worksheet: Worksheet, detail: str) -> None:
    record_view_set(
        request,
        [(AuditEvent.Action.VIEW_INCOME, "worksheet", worksheet.pk)],
        case_id=worksheet.case_id,
        channel=CHANNEL,
        detail=detail,
    )


class CaseWorksheetsView(CsesAPIView):
    """The worksheets saved to a case, newest first (their amounts, not the incomes); a POST
    computes one again on the server from its input and saves it."""

    required_capabilities = (Cap.CASES_VIEW,)
    write_capabilities = (Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET)
    parser_classes = [ContractJSONParser]
    serializer_class = WorksheetSerializer

    @extend_schema(
        operation_id="case_worksheets_list",
        summary="The guidelines worksheets saved to a case",
        responses={200: WorksheetSerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        page = self.paginate_queryset(case_worksheets(case))
        return self.get_paginated_response(WorksheetSerializer(page, many=True).data)

    @extend_schema(
        operation_id="case_worksheets_create",
        summary="Compute a guidelines worksheet and save it to the case",
        request=WorksheetCreateSerializer,
        responses={201: WorksheetDetailSerializer, **errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "An establishment worksheet",
                value={"inputs": INPUT_EXAMPLE, "purpose": "establishment", "notes": ""},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        given = WorksheetCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            worksheet = save_worksheet(
                case=case,
                inputs=data["inputs"],
                purpose=data["purpose"],
                notes=data["notes"],
                by=request.user,
            )
        except WorksheetError as e:
            raise _worksheet_errors(e, "inputs") from e
        worksheet = case_worksheets(case).get(pk=worksheet.pk)
        _audit_worksheet(request, worksheet, "API: guidelines worksheet saved")
        return Response(WorksheetDetailSerializer(worksheet).data, status=status.HTTP_201_CREATED)


class CaseWorksheetDetailView(CsesAPIView):
    """A saved worksheet in full: its input, with the parents' incomes, and the result."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = WorksheetDetailSerializer

    @extend_schema(
        operation_id="case_worksheet_retrieve",
        summary="A saved guidelines worksheet, its input and result",
        responses={200: WorksheetDetailSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str, worksheet_id: int) -> Response:
        case = visible_case_or_404(request.user, case_number)
        worksheet = get_object_or_404(case_worksheets(case), pk=worksheet_id)
        _audit_worksheet(request, worksheet, "API: guidelines worksheet")
        return Response(WorksheetDetailSerializer(worksheet).data)


# Reviews


class CaseReviewsView(CsesAPIView):
    """Every review of the case's orders for modification, newest request first."""

    required_capabilities = (Cap.CASES_VIEW,)
    serializer_class = ReviewSerializer

    @extend_schema(
        operation_id="case_reviews_list",
        summary="The reviews of a case's orders",
        responses={200: ReviewSerializer(many=True), **errors(403, 404)},
    )
    def get(self, request: Request, case_number: str) -> Response:
        case = visible_case_or_404(request.user, case_number)
        page = self.paginate_queryset(reviews_of_case(case))
        return self.get_paginated_response(ReviewSerializer(page, many=True).data)
