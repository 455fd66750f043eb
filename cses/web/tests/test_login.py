"""Logging in and out: throttled after repeated failures, audited on success."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from cses.accounts.roles import Role
from cses.core.models import AuditEvent

PASSWORD = "a-long-test-password"


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_the_login_page_renders(client):
    html = client.get(reverse("login")).content.decode()
    assert 'name="username"' in html and 'type="password"' in html and "usa-form" in html


def test_a_worker_logs_in_lands_home_and_the_login_is_audited(client, worker):
    response = log_in(client, worker.username)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (event.user, event.object_id, event.ip_address) == (worker, str(worker.pk), "127.0.0.1")


def test_a_parent_lands_on_the_portal(client, user_of):
    parent = user_of(Role.PARENT, None)
    assert log_in(client, parent.username)["Location"] == reverse("portal-home")


def test_wrong_passwords_are_recorded_and_the_sixth_attempt_is_refused(client, worker):
    # given five wrong passwords
    for _ in range(5):
        response = log_in(client, worker.username, "wrong-password")
        assert response.status_code == 200
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.LOGIN_FAILED, username=worker.username
        ).count()
        == 5
    )
    # when the right password comes sixth
    response = log_in(client, worker.username)
    # then it is refused, saying for how long, and no one is logged in
    html = response.content.decode()
    assert response.status_code == 200
    assert "Too many failed attempts; try again in 15 minutes." in html
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


@override_settings(CSES_LOGIN_FAILURE_LIMIT_PER_ADDRESS=3)
def test_an_address_with_too_many_failures_is_locked_for_every_name(client, worker, user_of):
    for n in range(3):
        log_in(client, f"someone{n}", "wrong-password")
    response = log_in(client, worker.username)
    assert "Too many failed attempts" in response.content.decode()


def test_logging_out(client, worker):
    client.force_login(worker)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
