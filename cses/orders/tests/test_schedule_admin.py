"""Loading a guideline schedule through the admin: validated before anything is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cses.accounts.roles import Role
from cses.orders.models import GuidelineSchedule
from cses.orders.schedules import active_schedule
from cses.synthetic.factories import make_user

GOOD = "combined_net_weekly_income,1,2,3,4,5,6\n100,25,36,42,47,51,55\n110,27,39,45,51,55,59\n"
BAD = (
    "combined_net_weekly_income,1,2,3,4,5,6\n"
    "100,25,36,42,47,51,55\n"
    "110,24,39,45,51,55,59\n"  # the 1-child amount falls as income rises
    "130,26,40,46,52,56,60\n"  # a gap: no row at 120
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user(Role.ADMINISTRATOR, "HFD"))
    return client


def _upload(admin_client, text: str, **fields):
    return admin_client.post(
        reverse("admin:orders_guidelineschedule_upload"),
        {
            "name": "Connecticut 2026",
            "effective_from": "2026-08-01",
            "csv_file": SimpleUploadedFile("ct-2026.csv", text.encode(), "text/csv"),
            **fields,
        },
    )


def test_an_official_schedule_loads_once_and_becomes_the_active_one(admin_client):
    response = _upload(admin_client, GOOD)
    assert response.status_code == 302
    record = GuidelineSchedule.objects.get(name="Connecticut 2026")
    assert (record.illustrative, record.rows.count(), record.source_filename) == (
        False,
        2,
        "ct-2026.csv",
    )
    schedule = active_schedule(record.effective_from)
    assert schedule.name == "Connecticut 2026" and not schedule.illustrative
    # the illustrative table still applies before the new edition's date
    assert active_schedule(record.effective_from.replace(year=2025)).illustrative
    # the same file with the same date is stored once
    assert _upload(admin_client, GOOD).status_code == 302
    assert GuidelineSchedule.objects.filter(name="Connecticut 2026").count() == 1


def test_a_bad_file_is_refused_with_every_line_and_column(admin_client):
    response = _upload(admin_client, BAD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "line 3, column 2 (1 child)" in html and "must not fall as income rises" in html
    assert "line 4" in html
    assert not GuidelineSchedule.objects.filter(name="Connecticut 2026").exists()


def test_editions_are_never_edited(admin_client):
    record = GuidelineSchedule.objects.get(illustrative=True)
    change = admin_client.post(
        reverse("admin:orders_guidelineschedule_change", args=[record.pk]), {"name": "x"}
    )
    assert change.status_code == 403
    record.refresh_from_db()
    assert record.name != "x"


def test_only_administrators_load_schedules(client, db):
    client.force_login(make_user(Role.OCSS_WORKER, "HFD"))
    response = client.get(reverse("admin:orders_guidelineschedule_upload"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
