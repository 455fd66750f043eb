"""Payment pages: upload a file, see its report, work the suspense queue."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cses.accounts.roles import Role
from cses.ledger.models import Account
from cses.ledger.selectors import case_balances
from cses.receipts.models import Receipt
from cses.synthetic.factories import make_case


def test_upload_report_suspense_and_identify(client, user_of, db):
    clerk = user_of(Role.PAYMENT_PROCESSING)
    client.force_login(clerk)
    case = make_case()
    content = (
        b"source_reference,employer_fein,employer_name,payment_date,case_number,obligor_ssn,"
        b"obligor_last_name,amount\nP1,061234567,Acme,2026-05-14,NOPE,,Walsh,40.00\n"
        b"P2,061234567,Acme,2026-05-14,NOPE,,Walsh,4.0.0\n"
    )
    response = client.post(
        reverse("payments-upload"), {"file": SimpleUploadedFile("r.csv", content)}
    )
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert "is not an amount" in report
    queue = client.get(reverse("payments-suspense")).content.decode()
    receipt = Receipt.objects.get()
    assert receipt.source_reference in queue
    url = reverse("suspense-identify", kwargs={"pk": receipt.pk})
    client.post(url, {"case_number": case.case_number})
    receipt.refresh_from_db()
    assert receipt.case == case
    assert case_balances(case.pk)[Account.UNDISTRIBUTED] == -receipt.amount
    page = client.get(reverse("suspense-receipt", kwargs={"pk": receipt.pk})).content.decode()
    assert case.case_number in page
