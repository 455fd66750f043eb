"""The public child support estimate, in English and Spanish: computed by the guidelines, shown
as an estimate, and nothing stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone, translation

from cses.cases.models import DiaryEntry, IntakeApplication
from cses.core.models import AuditEvent
from cses.orders import estimate_views
from cses.orders.models import GuidelineSchedule, Worksheet
from cses.orders.worksheets import compute_worksheet


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()
    translation.activate("en")


def estimate_data(**over) -> dict:
    data = {
        "children": "2",
        "frequency": "weekly",
        "custodial_gross_income": "700.00",
        "noncustodial_gross_income": "900.00",
        "noncustodial_federal_income_tax": "80.00",
        "child_health_premium": "20.00",
        "child_health_premium_paid_by": "noncustodial",
        "child_care": "50.00",
        "child_care_paid_by": "custodial",
    }
    data.update(over)
    return data


def weekly_result() -> dict:
    return compute_worksheet(
        {
            "children": 2,
            "custodial": {"gross_weekly_income": "700.00"},
            "noncustodial": {
                "gross_weekly_income": "900.00",
                "deductions": {"federal_income_tax": "80.00"},
            },
            "child_health_premium_weekly": "20.00",
            "child_health_premium_paid_by": "noncustodial",
            "child_care_weekly": "50.00",
            "child_care_paid_by": "custodial",
        },
        timezone.localdate(),
    )


def dollars(amount: str) -> str:
    return f"${Decimal(amount):,.2f}"


def stored_counts() -> tuple[int, ...]:
    return (
        Worksheet.objects.count(),
        GuidelineSchedule.objects.count(),
        DiaryEntry.objects.count(),
        AuditEvent.objects.count(),
        IntakeApplication.objects.count(),
        Session.objects.count(),
    )


def test_the_english_page_says_it_is_an_estimate(client, db):
    page = client.get("/estimate/")

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en">' in html
    assert "Estimate child support" in html
    assert "This is an estimate, not a court order." in html
    assert "We do not save what you enter here." in html
    assert 'method="post"' in html


def test_an_estimate_is_the_guidelines_amount_and_nothing_is_stored(client, db):
    before = stored_counts()

    response = client.post("/estimate/", estimate_data())

    html = response.content.decode()
    expected = weekly_result()
    assert response.status_code == 200
    assert "Your estimate" in html
    assert f"about <strong>{dollars(expected['current_support_weekly'])} a week</strong>" in html
    assert dollars(expected["health_care_contribution_weekly"]) in html
    assert dollars(expected["child_care_contribution_weekly"]) in html
    assert dollars(expected["total_award_weekly"]) in html
    assert "Illustrative schedule — not for court use" in html
    assert "This is an estimate, not a court order." in html
    assert stored_counts() == before


def test_monthly_figures_are_converted_to_weekly_and_back(client, db):
    response = client.post(
        "/estimate/",
        estimate_data(
            frequency="monthly",
            custodial_gross_income="3033.33",  # $700.00 a week
            noncustodial_gross_income="3900.00",  # $900.00 a week
            noncustodial_federal_income_tax="346.67",  # $80.00 a week
            child_health_premium="86.67",  # $20.00 a week
            child_care="216.67",  # $50.00 a week
        ),
    )

    html = response.content.decode()
    expected = weekly_result()
    monthly = (Decimal(expected["current_support_weekly"]) * 52 / 12).quantize(Decimal("0.01"))
    assert response.status_code == 200
    assert f"about <strong>{dollars(expected['current_support_weekly'])} a week</strong>" in html
    assert f"That is about {dollars(str(monthly))} (every month)." in html


def test_the_spanish_page_is_in_spanish(client, db):
    page = client.get("/es/estimate/")

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="es">' in html
    assert "Calcule la manutención de menores" in html
    assert "Esto es un cálculo aproximado, no una orden judicial." in html
    assert "¿Cuántos hijos tienen en común?" in html
    assert "This is an estimate" not in html


def test_a_spanish_estimate_is_in_spanish_and_marked_illustrative(client, db):
    response = client.post("/es/estimate/", estimate_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Su cálculo aproximado" in html
    assert "Tabla ilustrativa — no apta para uso judicial" in html
    assert "a la semana" in html
    assert "Your estimate" not in html


def test_missing_and_impossible_figures_are_named(client, db):
    response = client.post(
        "/estimate/",
        estimate_data(
            noncustodial_gross_income="", custodial_gross_income="100", custodial_medicare="200"
        ),
    )

    html = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 400
    assert set(form.errors) == {"noncustodial_gross_income", "custodial_gross_income"}
    assert "This field is required." in html
    assert "The taxes and deductions add up to more than this income." in html
    assert "Your estimate" not in html


def test_spanish_errors_are_in_spanish(client, db):
    response = client.post("/es/estimate/", estimate_data(children="9"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Corrija los campos marcados" in html
    assert "Asegúrese de que este valor es menor o igual a 6." in html


def test_estimates_are_limited_per_hour(client, db, monkeypatch):
    monkeypatch.setattr(estimate_views, "PUBLIC_ESTIMATES_PER_HOUR", 2)

    codes = [client.post("/estimate/", estimate_data()).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert "Too many estimates" in client.post("/estimate/", estimate_data()).content.decode()
    assert client.get("/estimate/").status_code == 200
