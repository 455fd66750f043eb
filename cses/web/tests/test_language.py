"""Staff pages follow the language the user chose; public pages take it from their address."""

from __future__ import annotations

import pytest

from cses.accounts.roles import Role
from cses.synthetic.factories import make_user


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_user(Role.OCSS_WORKER, "HFD"))
    return client


def _h1(response) -> str:
    html = response.content.decode()
    start = html.index("<h1")
    return html[html.index(">", start) + 1 : html.index("</h1>", start)]


def test_a_staff_page_is_in_the_language_chosen_with_the_switcher(staff_client):
    assert _h1(staff_client.get("/")) == "Your work"
    response = staff_client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert _h1(staff_client.get("/")) == "Su trabajo"


def test_a_staff_page_follows_the_browser_when_nothing_was_chosen(staff_client):
    assert _h1(staff_client.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "Su trabajo"


def test_a_public_page_takes_its_language_from_its_address(client, db):
    client.cookies["django_language"] = "es"
    english = client.get("/estimate/").content.decode()
    spanish = client.get("/es/estimate/").content.decode()
    assert 'lang="en"' in english and 'lang="es"' in spanish
