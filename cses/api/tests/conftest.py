"""API test clients. Every response any API test receives is checked for the full SSNs the tests
use: the API shows SSNs masked only, so none may ever appear in a body."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

# Every SSN the API tests give a person (the factories' default first).
TEST_SSNS = ("123-45-6789", "234-56-7890", "345-67-8901")


class SsnCheckingClient(APIClient):
    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        body = response.content.decode()
        for ssn in TEST_SSNS:
            assert ssn not in body and ssn.replace("-", "") not in body, "full SSN in a response"
        return response


@pytest.fixture
def api():
    """api(user=None) -> a client authenticated as ``user`` (anonymous without one)."""

    def client_for(user=None) -> SsnCheckingClient:
        client = SsnCheckingClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made by the dozen here; a deliberately slow hash would only slow the tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
