"""What every endpoint of the API shares: capability checks, and validation errors that name
the field by its path in the request (``children[1].date_of_birth``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from cses.accounts.access import HasCapability

CHANNEL = "api"


def flatten_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as one mapping from field path to messages.

    Errors about a whole object (``non_field_errors``) go under the object's own path, or under
    ``non_field_errors`` at the top."""
    out: dict[str, list[str]] = {}

    def add(path: str, messages: list[str]) -> None:
        out.setdefault(path or api_settings.NON_FIELD_ERRORS_KEY, []).extend(messages)

    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == api_settings.NON_FIELD_ERRORS_KEY:
                path = prefix
            elif isinstance(key, int):  # the index of an item in a list
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            for sub_path, messages in flatten_errors(value, path).items():
                add(sub_path if sub_path != api_settings.NON_FIELD_ERRORS_KEY else path, messages)
    elif isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            add(prefix, [str(item) for item in detail])
        else:
            for index, item in enumerate(detail):
                for sub_path, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                    add(sub_path, messages)
    else:
        add(prefix, [str(detail)])
    return out


def _handle(exc, context):
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict | list):
        exc = exceptions.ValidationError(flatten_errors(exc.detail))
    return exception_handler(exc, context)


class CsesAPIView(GenericAPIView):
    """Base of every endpoint: logged in, holding the view's capabilities, with flat errors.

    ``required_capabilities`` apply to reads; ``write_capabilities`` (when set) to writes."""

    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities: tuple[str, ...] = ()

    def get_exception_handler(self):
        return _handle


class ErrorSerializer(serializers.Serializer):
    """What a refused request carries: a message (403, 404, 409, 429)."""

    detail = serializers.CharField()


# A 400 answer maps each field's path in the request to its messages.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"children[1].date_of_birth": ["Enter a valid date."]},
}


def errors(*statuses: int) -> dict:
    """The error answers of an endpoint, for its OpenAPI description."""
    described = {
        400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid input, by field"),
        403: OpenApiResponse(ErrorSerializer, description="Not allowed"),
        404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your offices"),
        409: OpenApiResponse(ErrorSerializer, description="Refused in the record's present state"),
        429: OpenApiResponse(ErrorSerializer, description="Too many failed log-ins"),
    }
    return {status: described[status] for status in statuses}
