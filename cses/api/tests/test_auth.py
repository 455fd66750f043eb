"""Getting a token, using it, and the failed-log-in throttle the log-in page shares."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cses.core.models import AuditEvent

PASSWORD = "a-long-test-password"
TOKEN_URL = "/api/v1/auth/token/"


def ask_token(client, username, password=PASSWORD):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json")


def test_a_worker_exchanges_credentials_for_a_token_that_opens_the_api(api, worker, case):
    # when the worker asks for a token with the right password
    response = ask_token(api(), worker.username)
    # then the token is the user's, the log-in is audited on the api channel
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(key=token).user == worker
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (event.user, event.channel) == (worker, "api")
    # and the token authenticates requests
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    listed = client.get(reverse("api-cases"))
    assert listed.status_code == 200
    assert [c["case_number"] for c in listed.json()["results"]] == [case.case_number]


def test_asking_twice_gives_the_same_token(api, worker):
    first = ask_token(api(), worker.username).json()["token"]
    assert ask_token(api(), worker.username).json()["token"] == first


def test_a_wrong_password_is_refused_and_recorded_for_the_throttle(api, worker):
    response = ask_token(api(), worker.username, "wrong-password")
    assert response.status_code == 400
    assert "token" not in response.json()
    failure = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (failure.username, failure.channel) == (worker.username, "api")


def test_after_five_failures_even_the_right_password_gets_429(api, worker):
    # given five wrong passwords within the window
    for _ in range(5):
        assert ask_token(api(), worker.username, "wrong-password").status_code == 400
    # when the right password is tried
    response = ask_token(api(), worker.username)
    # then the user is locked out, told so and when to come back, and gets no token
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert not Token.objects.filter(user=worker).exists()


def test_failures_on_the_web_page_lock_the_api_too(client, api, worker, settings):
    settings.CSES_LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": worker.username, "password": "wrong"})
    assert ask_token(api(), worker.username).status_code == 429


def test_missing_credentials_name_the_field(api):
    response = api().post(TOKEN_URL, {"username": "someone"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_anonymous_requests_are_refused(api, case):
    assert api().get(reverse("api-cases")).status_code == 403


def test_a_session_works_but_unsafe_methods_need_the_csrf_token(worker, case):
    # given a worker logged in through the web session, in a client that enforces CSRF
    client = APIClient(enforce_csrf_checks=True)
    client.login(username=worker.username, password=PASSWORD)
    url = reverse("api-case-diary", args=[case.case_number])
    # then reading works
    assert client.get(url).status_code == 200
    # but writing without the CSRF token is refused
    response = client.post(url, {"text": "Called the CP"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    # and with the token it is accepted
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"text": "Called the CP"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
