import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from cses.cases import intake_views
from cses.cases.intake import application_of
from cses.cases.models import CaseSource, IntakeApplication, ProgramType


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def public_data(**over):
    data = {
        "applicant_role": "CP",
        "applicant-first_name": "Ana",
        "applicant-last_name": "Lopez",
        "applicant-date_of_birth": "1995-05-20",
        "applicant-sex": "F",
        "applicant-ssn": "123-45-6701",
        "applicant-phone": "203-555-0111",
        "applicant-line1": "9 Elm Street",
        "applicant-zip_code": "06510",
        "town": "",
        "other-first_name": "Luis",
        "other-last_name": "Ortiz",
        "other-sex": "M",
        "child-TOTAL_FORMS": "4",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "0",
        "child-MAX_NUM_FORMS": "6",
        "child-0-first_name": "Mateo",
        "child-0-last_name": "Lopez",
        "child-0-date_of_birth": "2020-06-11",
        "child-0-sex": "M",
        "assistance": "husky",
        "safety_concern": "yes",
        "consent": "on",
        "website": "",
    }
    for i in range(1, 4):
        data[f"child-{i}-sex"] = "U"
    data.update(over)
    return data


@pytest.fixture
def new_haven(db):
    from cses.core.models import Town

    return Town.objects.get(name="New Haven")


def test_the_english_application_lands_in_the_queue(client, new_haven):
    response = client.post("/apply/", public_data(town=new_haven.pk))

    assert response.status_code == 302
    assert response["Location"] == "/apply/done/"
    item = IntakeApplication.objects.get()
    assert (item.channel, item.language, item.office.code, item.applicant_role) == (
        CaseSource.ONLINE,
        "en",
        "NHV",
        "CP",
    )
    assert "123-45-6701" not in item.payload_encrypted
    application = application_of(item)
    assert application.program_type == ProgramType.MEDICAID_ONLY
    assert application.applicant_family_violence
    assert application.applicant.address.city == "New Haven"
    assert [c.first_name for c in application.children] == ["Mateo"]
    done = client.get(response["Location"])
    assert item.reference in done.content.decode()
    assert item.reference not in response["Location"]


def test_the_spanish_application_is_in_spanish_and_lands_in_the_queue(client, new_haven):
    page = client.get("/es/apply/")

    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "Solicite servicios de manutención de menores" in html
    assert "Nombre" in html and "Fecha de nacimiento" in html

    response = client.post("/es/apply/", public_data(town=new_haven.pk, assistance="tanf"))

    assert response["Location"] == "/es/apply/done/"
    done = client.get(response["Location"]).content.decode()
    assert "Solicitud recibida" in done
    item = IntakeApplication.objects.get()
    assert item.language == "es"
    assert application_of(item).applicant.language == "es"
    assert application_of(item).program_type == ProgramType.CURRENT_ASSISTANCE


def test_spanish_field_errors(client, new_haven):
    response = client.post("/es/apply/", public_data(town=new_haven.pk, consent=""))

    assert response.status_code == 400
    assert "Este campo es requerido." in response.content.decode()
    translation.activate("en")


def test_the_application_needs_consent_a_town_and_a_child(client, new_haven):
    data = public_data(
        consent="",
        **{
            "child-0-first_name": "",
            "child-0-last_name": "",
            "child-0-date_of_birth": "",
            "child-0-sex": "U",
        },
    )

    response = client.post("/apply/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html
    assert "Name at least one child." in html
    assert IntakeApplication.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, new_haven):
    response = client.post("/apply/", public_data(town=new_haven.pk, website="http://spam"))

    assert response.status_code == 400
    assert IntakeApplication.objects.count() == 0


def test_the_form_is_csrf_protected(new_haven):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    assert strict.post("/apply/", public_data(town=new_haven.pk)).status_code == 403


def test_submissions_per_address_are_limited(client, new_haven, monkeypatch):
    monkeypatch.setattr(intake_views, "PUBLIC_APPLICATIONS_PER_HOUR", 2)
    for _ in range(2):
        assert client.post("/apply/", public_data(town=new_haven.pk)).status_code == 302

    refused = client.post("/apply/", public_data(town=new_haven.pk))
    other_address = client.post("/apply/", public_data(town=new_haven.pk), REMOTE_ADDR="10.0.0.9")

    assert refused.status_code == 429
    assert other_address.status_code == 302
    assert IntakeApplication.objects.count() == 3


def test_done_without_an_application_goes_back_to_the_form(client, db):
    assert client.get(reverse("public-apply-done"))["Location"] == "/apply/"
