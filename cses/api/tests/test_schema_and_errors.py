"""The OpenAPI description: public, complete, valid and generated without a warning; and the
flat, path-named validation errors every endpoint answers with."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from cses.api.base import flatten_errors

EXPECTED = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/cases/": {"get"},
    "/api/v1/cases/search/": {"post"},
    "/api/v1/cases/{case_number}/": {"get"},
    "/api/v1/cases/{case_number}/diary/": {"get", "post"},
    "/api/v1/cases/{case_number}/orders/": {"get"},
    "/api/v1/cases/{case_number}/orders/{order_id}/obligations/": {"get"},
    "/api/v1/cases/{case_number}/worksheets/": {"get", "post"},
    "/api/v1/cases/{case_number}/worksheets/{worksheet_id}/": {"get"},
    "/api/v1/cases/{case_number}/paternity/": {"get"},
    "/api/v1/cases/{case_number}/reviews/": {"get"},
    "/api/v1/cases/{case_number}/transitions/": {"post"},
    "/api/v1/cases/{case_number}/payments/": {"get"},
    "/api/v1/cases/{case_number}/balances/": {"get"},
    "/api/v1/cases/{case_number}/disbursements/": {"get"},
    "/api/v1/receipts/": {"post"},
    "/api/v1/receipts/{receipt_id}/": {"get"},
    "/api/v1/guidelines/calc/": {"post"},
    "/api/v1/persons/{person_id}/": {"get"},
    "/api/v1/intake/applications/": {"get", "post"},
    "/api/v1/intake/applications/{reference}/accept/": {"post"},
    "/api/v1/intake/applications/{reference}/reject/": {"post"},
    "/api/v1/me/cases/": {"get"},
}


@pytest.fixture
def schema() -> dict:
    GENERATOR_STATS.reset()
    generated = SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "schema generated with warnings or errors"
    return generated


def test_every_endpoint_is_described_with_its_bodies(schema):
    assert {path: set(ops) for path, ops in schema["paths"].items()} == EXPECTED
    intake = schema["paths"]["/api/v1/intake/applications/"]["post"]
    assert intake["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Application"
    }
    assert "201" in intake["responses"] and "400" in intake["responses"]
    transition = schema["paths"]["/api/v1/cases/{case_number}/transitions/"]["post"]
    assert transition["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Refusal"
    }
    person = schema["components"]["schemas"]["PersonDetail"]["properties"]
    assert person["ssn"]["readOnly"] is True


def test_the_schema_is_valid_openapi(schema):
    validate_schema(json.loads(json.dumps(schema, default=str)))


def test_the_management_command_validates_without_a_warning(tmp_path):
    out = tmp_path / "openapi.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/cases/" in out.read_text()


def test_the_document_is_public(api, db):
    response = api().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "CSES API"
    assert set(response.json()["paths"]) == set(EXPECTED)


@pytest.mark.parametrize(
    ("detail", "flat"),
    [
        ({"ssn": ["bad"]}, {"ssn": ["bad"]}),
        ({"children": {1: {"date_of_birth": ["bad"]}}}, {"children[1].date_of_birth": ["bad"]}),
        ({"children": [{}, {"ssn": ["bad"]}]}, {"children[1].ssn": ["bad"]}),
        (
            {"applicant": {"address": {"zip_code": ["bad"]}}},
            {"applicant.address.zip_code": ["bad"]},
        ),
        ({"children": {"non_field_errors": ["empty"]}}, {"children": ["empty"]}),
        ({"non_field_errors": ["whole"]}, {"non_field_errors": ["whole"]}),
        (["whole"], {"non_field_errors": ["whole"]}),
    ],
)
def test_errors_are_named_by_their_path(detail, flat):
    assert flatten_errors(detail) == flat
