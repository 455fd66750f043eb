import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cses.accounts.roles import Role
from cses.cases.models import Case
from cses.interfaces.models import InboundFile
from cses.interfaces.tests.test_iv_a_referrals import family, referral_file


@pytest.fixture(autouse=True)
def archive(settings, tmp_path):
    settings.CSES_ARCHIVE_DIR = tmp_path / "archive"


@pytest.mark.parametrize("role", [Role.OCSS_WORKER, Role.AUDITOR, Role.SES_OFFICER])
def test_workers_without_the_import_capability_get_403(client, user_of, role):
    client.force_login(user_of(role))

    assert client.get(reverse("referral-import")).status_code == 403
    assert client.post(reverse("referral-import")).status_code == 403


def test_a_supervisor_uploads_a_file_and_reads_its_report(client, user_of):
    supervisor = user_of(Role.OCSS_SUPERVISOR)
    client.force_login(supervisor)
    upload = SimpleUploadedFile(
        "march.txt", referral_file(*family("R1"), *family("B1", town="Atlantis"))
    )

    response = client.post(reverse("referral-import"), {"file": upload})

    inbound = InboundFile.objects.get()
    assert response["Location"] == reverse("referral-report", args=[inbound.pk])
    assert inbound.received_by == supervisor
    report = client.get(response["Location"]).content.decode()
    case = Case.objects.get(referral_key="R1")
    assert reverse("case-detail", args=[case.case_number]) in report
    assert "&#x27;Atlantis&#x27; is not a Connecticut town" in report
    listing = client.get(reverse("referral-import")).content.decode()
    assert "march.txt" in listing


def test_the_report_page_needs_the_capability(client, user_of):
    client.force_login(user_of(Role.OCSS_SUPERVISOR))
    client.post(
        reverse("referral-import"),
        {"file": SimpleUploadedFile("a.txt", referral_file(*family("R1")))},
    )
    client.force_login(user_of(Role.OCSS_WORKER))

    assert (
        client.get(reverse("referral-report", args=[InboundFile.objects.get().pk])).status_code
        == 403
    )
