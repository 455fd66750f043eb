"""Recording a payment through the API: the window's ``record_payment`` over HTTP.

Idempotent on the payment's source reference: a check or money order is known by its routing and
serial number, a cash or card payment by the ``source_reference`` its channel sends (recorded as
``CASH:…`` / ``CARD:…``). Sending the same payment again records nothing and answers **200** with
the receipt already recorded (201 the first time), so a client may retry safely; the same
reference with a different amount or method is a different payment and answers **409**. A cash
payment sent without a reference gets a new window receipt number every time.

The receipt's distribution (``GET receipts/<id>/``) is in ``cses.distribution.api``: receipts are
upstream of distribution and do not import it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cses.accounts.roles import Cap
from cses.api.base import CsesAPIView, errors
from cses.receipts import services
from cses.receipts.models import Receipt
from cses.receipts.serializers import PaymentInSerializer, ReceiptSerializer

# The service's refusals, by the field at fault.
_FIELD_OF_ERROR = (("amount", "amount"), ("method", "method"), ("number", "check_number"))


def _field_of(message: str) -> str:
    lowered = message.lower()
    for word, field in _FIELD_OF_ERROR:
        if word in lowered:
            return field
    return "non_field_errors"


class ReceiptCreateView(CsesAPIView):
    """Records a payment taken at the SDU window or online, matched to a case by the case or
    docket number given, else by the payer's SSN, else left in suspense with the reason."""

    required_capabilities = (Cap.PAYMENTS_PROCESS,)
    serializer_class = ReceiptSerializer

    @extend_schema(
        operation_id="receipts_create",
        summary="Record a payment at the window or online (idempotent on its reference)",
        request=PaymentInSerializer,
        responses={
            201: OpenApiResponse(ReceiptSerializer, description="Recorded"),
            200: OpenApiResponse(
                ReceiptSerializer, description="Already recorded: the receipt, unchanged"
            ),
            **errors(400, 403, 409),
        },
        examples=[
            OpenApiExample(
                "A check at the window",
                value={
                    "amount": "125.00",
                    "method": "check",
                    "check_number": "1042",
                    "routing_number": "021000021",
                    "case_reference": "CS000000001",
                    "payer_name": "Mario Rivera",
                },
                request_only=True,
            ),
            OpenApiExample(
                "An online card payment",
                value={"amount": "80.00", "method": "card", "source_reference": "TX-88120"},
                request_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        given = PaymentInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            receipt = services.record_payment(
                amount=data["amount"],
                method=data["method"],
                received_on=data.get("received_on"),
                payer_name=data["payer_name"],
                case_reference=data["case_reference"],
                ssn=data["ssn"],
                check_number=data["check_number"],
                routing_number=data["routing_number"],
                source_reference=data["source_reference"],
                by=request.user,
            )
        except services.DuplicatePayment as e:
            existing = _receipts().get(source_reference=e.reference)
            if existing.amount != data["amount"] or existing.method != data["method"]:
                return Response(
                    {
                        "detail": _(
                            "Payment %(reference)s was already recorded with another amount "
                            "or method (receipt %(id)s)."
                        )
                        % {"reference": e.reference, "id": existing.pk}
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            return Response(ReceiptSerializer(existing).data, status=status.HTTP_200_OK)
        except services.ReceiptError as e:
            raise ValidationError({_field_of(str(e)): [str(e)]}) from e
        receipt = _receipts().get(pk=receipt.pk)
        return Response(ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


def _receipts():
    return Receipt.objects.select_related("case", "employer")
