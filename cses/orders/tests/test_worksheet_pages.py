"""The worker's guidelines worksheet pages: compute (preview), save, show, print and PDF."""

from __future__ import annotations

import re
import zlib
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cses.accounts.roles import Role
from cses.cases.models import DiaryEntry
from cses.core.models import AuditEvent
from cses.orders.models import Worksheet
from cses.orders.worksheet_forms import WorksheetForm, field_name
from cses.orders.worksheets import compute_worksheet, save_worksheet

MARKING = "Illustrative schedule — not for court use"
PDF_MARKING = b"Illustrative schedule - not for court use"


def form_data(**over) -> dict:
    data = {
        "children": "2",
        "custodial_gross_weekly_income": "700.00",
        "noncustodial_gross_weekly_income": "900.00",
        "noncustodial_federal_income_tax": "80.00",
        "noncustodial_social_security": "55.80",
        "child_health_premium_weekly": "20.00",
        "child_health_premium_paid_by": "noncustodial",
        "child_care_weekly": "",
        "child_care_paid_by": "custodial",
        "arrears_owed": "1000.00",
        "high_income": "minimum",
        "current_order_exists": "on",
        "present_duty_of_support": "on",
        "purpose": "establishment",
        "notes": "Pay stubs, March 2026",
        "action": "save",
    }
    data.update(over)
    return data


EXPECTED_INPUTS = {
    "children": 2,
    "custodial": {"gross_weekly_income": "700.00", "deductions": {}, "ss_dependency_benefit": "0"},
    "noncustodial": {
        "gross_weekly_income": "900.00",
        "deductions": {"federal_income_tax": "80.00", "social_security": "55.80"},
        "ss_dependency_benefit": "0",
    },
    "child_health_premium_weekly": "20.00",
    "child_health_premium_paid_by": "noncustodial",
    "child_care_weekly": "0",
    "child_care_paid_by": "custodial",
    "arrears_owed": "1000.00",
    "high_income": "minimum",
    "current_order_exists": True,
    "present_duty_of_support": True,
}


@pytest.fixture
def url(case):
    def make(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"case_number": case.case_number, **kwargs})

    return make


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def pdf_streams(content: bytes) -> list[bytes]:
    """A PDF's streams (its pages' content among them), inflated when compressed."""
    out = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            out.append(zlib.decompress(stream))
        except zlib.error:
            out.append(stream)
    return out


def pdf_text(content: bytes) -> bytes:
    return b"\n".join(pdf_streams(content))


def test_the_form_offers_one_child_per_dependent_child(client, worker, case_of):
    client.force_login(worker)
    three = case_of(by=worker, children=3)

    page = client.get(reverse("worksheet-new", args=[three.case_number]))

    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'name="children" value="3"', html)
    assert 'hx-post="' + reverse("worksheet-preview", args=[three.case_number]) in html
    for number in ("1", "2", "12", "19"):
        assert f'<th scope="row">{number}</th>' in html


def test_the_form_turns_into_the_contract_input():
    form = WorksheetForm(form_data())

    assert form.is_valid(), form.errors
    assert form.contract_input() == EXPECTED_INPUTS


def test_compute_through_htmx_shows_the_worksheet_and_saves_nothing(logged_in, url):
    response = logged_in.post(
        url("worksheet-preview"), form_data(action="preview"), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    expected = compute_worksheet(EXPECTED_INPUTS, timezone.localdate())
    assert response.status_code == 200
    assert html.startswith('<div id="worksheet-area">')
    assert "Computed worksheet (not saved yet)" in html
    assert MARKING in html
    assert 'id="line-30"' in html and 'id="line-35b"' in html
    assert f"${Decimal(expected['current_support_weekly']):,.2f}" in html
    assert Worksheet.objects.count() == 0
    assert not DiaryEntry.objects.filter(text__contains="worksheet").exists()


def test_compute_without_javascript_shows_the_worksheet_on_the_page(logged_in, url):
    response = logged_in.post(url("worksheet-new"), form_data(action="preview"))

    assert response.status_code == 200
    assert "Computed worksheet (not saved yet)" in response.content.decode()
    assert Worksheet.objects.count() == 0


def test_save_keeps_the_worksheet_its_schedule_and_amounts_and_writes_the_diary(
    logged_in, url, case, worker
):
    response = logged_in.post(url("worksheet-new"), form_data())

    worksheet = Worksheet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("worksheet-detail", pk=worksheet.pk)
    expected = compute_worksheet(EXPECTED_INPUTS, timezone.localdate())
    assert worksheet.case == case
    assert worksheet.prepared_by == worker
    assert worksheet.purpose == Worksheet.Purpose.ESTABLISHMENT
    assert worksheet.inputs == EXPECTED_INPUTS
    assert worksheet.result == expected
    assert worksheet.children == 2
    assert worksheet.illustrative is True
    assert worksheet.schedule.illustrative is True
    assert worksheet.schedule.name == expected["schedule"]["name"]
    assert worksheet.notes == "Pay stubs, March 2026"
    for field in (
        "current_support_weekly",
        "arrearage_payment_weekly",
        "health_care_contribution_weekly",
        "child_care_contribution_weekly",
        "total_award_weekly",
    ):
        assert getattr(worksheet, field) == Decimal(expected[field]), field
    assert worksheet.current_support_weekly > 0
    assert worksheet.arrearage_payment_weekly == (worksheet.current_support_weekly / 5).quantize(
        Decimal("0.01")
    )
    event = DiaryEntry.objects.get(case=case, kind=DiaryEntry.Kind.EVENT, text__contains="#")
    assert f"Guidelines worksheet #{worksheet.pk} saved" in event.text
    assert f"current support ${worksheet.current_support_weekly}/week" in event.text
    assert "not for court use" in event.text
    assert event.author == worker


def test_the_server_recomputes_what_it_saves(case, worker):
    worksheet = save_worksheet(
        case=case, inputs=EXPECTED_INPUTS, purpose="review", notes="", by=worker
    )

    assert worksheet.result == compute_worksheet(EXPECTED_INPUTS, timezone.localdate())
    with pytest.raises(ValueError):
        save_worksheet(case=case, inputs=EXPECTED_INPUTS, purpose="whim", by=worker)


def test_the_saved_worksheet_follows_the_form_line_numbers_and_is_audited(
    logged_in, url, case, worker
):
    worksheet = save_worksheet(
        case=case, inputs=EXPECTED_INPUTS, purpose="establishment", notes="From stubs", by=worker
    )

    response = logged_in.get(url("worksheet-detail", pk=worksheet.pk))

    html = response.content.decode()
    assert response.status_code == 200
    numbers = [*map(str, range(1, 22)), "24", "25", "30", "31", "33a", "34a", "34b", "35a", "35b"]
    positions = [html.index(f'id="line-{n}"') for n in numbers]
    assert positions == sorted(positions), "lines out of CCSG-1 order"
    assert "Net weekly income (line 1 minus line 13)" in html
    assert "$700.00" in html and "$764.20" in html  # line 14 for each parent
    assert MARKING in html
    assert 'class="cses-print-marking"' in html and "@media print" in html
    assert escape(worksheet.schedule.name) in html
    assert "From stubs" in html
    assert reverse("worksheet-pdf", args=[case.case_number, worksheet.pk]) in html
    event = AuditEvent.objects.get(object_type="worksheet")
    assert (event.action, event.object_id, event.case_id, event.user) == (
        AuditEvent.Action.VIEW_INCOME,
        str(worksheet.pk),
        case.pk,
        worker,
    )


def test_an_award_over_55_percent_flags_the_deviation_criterion(logged_in, url, case, worker):
    inputs = {
        **EXPECTED_INPUTS,
        "noncustodial": {"gross_weekly_income": "400.00"},
        "custodial": {"gross_weekly_income": "300.00"},
        "child_care_weekly": "400.00",
    }
    worksheet = save_worksheet(case=case, inputs=inputs, purpose="establishment", by=worker)
    assert "total_award_over_55_percent" in worksheet.result["flags"]

    html = logged_in.get(url("worksheet-detail", pk=worksheet.pk)).content.decode()

    assert "Deviation criteria flagged" in html
    assert "46b-215a-5c(b)(6)(C)" in html
    assert "more than 55 percent of the obligor" in html


def test_the_pdf_has_the_line_numbers_and_the_marking_on_every_page(logged_in, url, case, worker):
    worksheet = save_worksheet(
        case=case, inputs=EXPECTED_INPUTS, purpose="establishment", notes="Stubs — March", by=worker
    )

    response = logged_in.get(url("worksheet-pdf", pk=worksheet.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"worksheet-{case.case_number}-{worksheet.pk}.pdf" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF-")
    assert len(content) > 2000
    text = pdf_text(content)
    pages = [s for s in pdf_streams(content) if b"Guidelines Worksheet \\(CCSG-1\\)" in s]
    assert len(pages) == len(re.findall(rb"/Type /Page\b", content)) >= 1
    assert all(PDF_MARKING in page for page in pages)
    for label in (b"Net weekly income \\(line 1 minus line 13\\)", b"Total child support award"):
        assert label in text
    assert b"(35b)" in text and b"(33a)" in text
    assert b"Stubs - March" in text
    assert AuditEvent.objects.filter(
        object_type="worksheet", action=AuditEvent.Action.VIEW_INCOME, detail__contains="PDF"
    ).exists()


def test_a_worksheet_of_an_official_schedule_carries_no_marking(logged_in, url, case, worker):
    from cses.orders.schedules import shipped_schedule, store_schedule
    from cses.rules.guideline_schedule import Schedule

    shipped = shipped_schedule()
    official = Schedule(
        name="Official test schedule",
        effective=timezone.localdate().replace(year=2020),
        illustrative=False,
        step=shipped.step,
        levels=shipped.levels,
        amounts=shipped.amounts,
    )
    store_schedule(official)
    worksheet = save_worksheet(case=case, inputs=EXPECTED_INPUTS, purpose="other", by=worker)

    html = logged_in.get(url("worksheet-detail", pk=worksheet.pk)).content.decode()
    pdf = pdf_text(logged_in.get(url("worksheet-pdf", pk=worksheet.pk)).content)

    assert worksheet.illustrative is False
    assert MARKING not in html
    assert PDF_MARKING not in pdf
    assert "Official test schedule" in html


def test_errors_are_named_on_their_fields(logged_in, url):
    response = logged_in.post(
        url("worksheet-new"),
        form_data(
            children="7",
            noncustodial_gross_weekly_income="",
            custodial_medicare="-5",
            child_care_paid_by="grandma",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the marked fields" in html
    form = response.context["form"]
    assert set(form.errors) == {
        "children",
        "noncustodial_gross_weekly_income",
        "custodial_medicare",
        "child_care_paid_by",
    }
    assert "Ensure this value is less than or equal to 6." in html
    for name in ("children", "custodial_medicare", "noncustodial_gross_weekly_income"):
        assert f'id="id_{name}_error"' in html, name
        tag = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag and f"id_{name}_error" in tag, tag
    assert "Ensure this value is greater than or equal to 0." in html
    assert Worksheet.objects.count() == 0


def test_deductions_above_income_are_refused_on_that_parent(logged_in, url):
    response = logged_in.post(
        url("worksheet-preview"), form_data(noncustodial_medicare="900.00"), HTTP_HX_REQUEST="true"
    )

    form = response.context["form"]
    assert response.status_code == 200  # htmx swaps only successful answers
    assert list(form.errors) == ["noncustodial_gross_weekly_income"]
    assert "more than this income" in response.content.decode()
    assert "Computed worksheet" not in response.content.decode()


def test_the_rules_problems_go_on_the_fields_they_name():
    form = WorksheetForm(form_data())
    assert form.is_valid()

    form.add_contract_errors(
        [
            "noncustodial.deductions.medicare: must not be negative",
            "custodial.deductions: the deductions total 9.00, more than the gross weekly income 1",
            "children: must be between 1 and 6",
            "mystery: is not a field of the input",
        ]
    )

    assert form.errors["noncustodial_medicare"] == ["must not be negative"]
    assert form.errors["custodial_gross_weekly_income"][0].startswith("the deductions total")
    assert form.errors["children"] == ["must be between 1 and 6"]
    assert form.non_field_errors() == ["mystery: is not a field of the input"]
    assert field_name("custodial.ss_dependency_benefit") == "custodial_ss_dependency_benefit"
    assert field_name("noncustodial.deductions.qualified_child") == "noncustodial_qualified_child"


def test_the_list_shows_the_saved_worksheets_newest_first(logged_in, url, case, worker):
    first = save_worksheet(case=case, inputs=EXPECTED_INPUTS, purpose="establishment", by=worker)
    second = save_worksheet(case=case, inputs=EXPECTED_INPUTS, purpose="review", by=worker)

    html = logged_in.get(url("worksheet-list")).content.decode()

    assert html.index(f"Worksheet {second.pk}<") < html.index(f"Worksheet {first.pk}<")
    assert "Review of an order" in html
    assert MARKING in html
    assert url("worksheet-new") in html


def test_a_new_worksheet_can_start_from_a_saved_one(logged_in, url, case, worker):
    earlier = save_worksheet(case=case, inputs=EXPECTED_INPUTS, purpose="review", by=worker)

    page = logged_in.get(url("worksheet-new") + f"?from={earlier.pk}")

    form = page.context["form"]
    assert form.initial["noncustodial_social_security"] == "55.80"
    assert form.initial["purpose"] == "review"
    assert form.initial["children"] == 2


def test_a_case_of_another_office_is_not_found(client, user_of, case):
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))

    response = client.get(reverse("worksheet-new", args=[case.case_number]))

    assert response.status_code == 404
