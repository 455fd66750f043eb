"""Payment files, matching, suspense and posting of receipts to the ledger."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from cses.cases.intake import open_case
from cses.cases.models import CaseSource
from cses.ledger import receipts_posting
from cses.ledger.models import Account, JournalEntry
from cses.ledger.selectors import account_total, case_balances
from cses.receipts import services
from cses.receipts.imports import load_payment_file
from cses.receipts.models import PaymentMethod, Receipt, ReceiptBatch
from cses.receipts.nacha import NachaPayment, write_nacha
from cses.receipts.selectors import age_days, suspense_queue
from cses.synthetic.factories import make_case, make_order, sample_application

TODAY = dt.date(2026, 5, 15)
PAID = dt.date(2026, 5, 14)
SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"
HEADER = (
    "source_reference,employer_fein,employer_name,payment_date,case_number,obligor_ssn,"
    "obligor_last_name,amount\n"
)


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


def row(ref: str, case_number: str = "", ssn: str = "", amount: str = "100.00", **kw) -> str:
    fein = kw.get("fein", "06-1234567")
    date = kw.get("date", "2026-05-14")
    return f"{ref},{fein},Nutmeg Tool & Die,{date},{case_number},{ssn},Walsh,{amount}"


@pytest.mark.django_db
def test_csv_matches_by_case_number_docket_and_ssn_and_rejects_bad_rows():
    case = make_case(ncp_ssn="123-45-6789")
    order = make_order(case)
    data = csv_file(
        row("P1", case.case_number, amount="125.50"),
        row("P2", order.docket_number, amount="80.00"),
        row("P3", ssn="123456789", amount="60.25"),
        row("P4", "CT9999999", amount="40.00"),
        row("P5", case.case_number, amount="12.345"),
        row("P6", case.case_number, fein="06-12345"),
        row("P7", case.case_number, date=""),
        row("P8", case.case_number, date="2026-06-01"),
    )
    report = load_payment_file(data, name="remit.csv", today=TODAY)
    assert (report.records, report.accepted, report.duplicates, report.rejected) == (8, 4, 0, 4)
    assert {(r.line, r.field) for r in report.rejections} == {
        (6, "amount"),
        (7, "employer_fein"),
        (8, "payment_date"),
        (9, "payment_date"),
    }
    by_ref = {r.source_reference: r for r in Receipt.objects.all()}
    assert set(by_ref) == {f"061234567:P{i}" for i in (1, 2, 3, 4)}
    for ref in ("P1", "P2", "P3"):
        receipt = by_ref[f"061234567:{ref}"]
        assert receipt.status == Receipt.Status.IDENTIFIED
        assert receipt.case == case
        assert receipt.obligor is not None and receipt.obligor.ssn_last4 == "6789"
    unmatched = by_ref["061234567:P4"]
    assert unmatched.status == Receipt.Status.SUSPENSE
    assert "CT9999999" in unmatched.status_reason
    # Posted: the bank holds everything, the case has 265.75 undistributed, suspense 40.
    assert account_total(Account.SDU_BANK) == D("305.75")
    assert account_total(Account.SUSPENSE) == D("-40.00")
    assert case_balances(case.pk)[Account.UNDISTRIBUTED] == D("-265.75")


@pytest.mark.django_db
def test_the_same_file_loads_once_and_the_same_payment_posts_once(tmp_path):
    case = make_case()
    data = csv_file(row("P1", case.case_number))
    first = load_payment_file(data, name="a.csv", today=TODAY)
    again = load_payment_file(data, name="a-again.csv", today=TODAY)
    assert first.accepted == 1 and not first.already_loaded
    assert again.already_loaded and again.batch_id == first.batch_id
    # The same payment in another file is a duplicate.
    other = load_payment_file(
        csv_file(row("P1", case.case_number), row("P2", case.case_number)),
        name="b.csv",
        today=TODAY,
    )
    assert (other.accepted, other.duplicates) == (1, 1)
    assert Receipt.objects.count() == 2
    assert ReceiptBatch.objects.count() == 2
    assert account_total(Account.SDU_BANK) == D("200.00")
    assert JournalEntry.objects.filter(key__startswith="receipt:").count() == 2


@pytest.mark.django_db
def test_the_sample_files_load(tmp_path):
    report = load_payment_file(SAMPLES / "payments-sample.csv", name="sample.csv", today=TODAY)
    assert (report.accepted, report.rejected) == (4, 3)
    nacha = load_payment_file(SAMPLES / "payments-sample.ach", name="sample.ach", today=TODAY)
    assert nacha.format == ReceiptBatch.Format.NACHA_CCD
    assert (nacha.records, nacha.accepted, nacha.rejected) == (2, 2, 0)


@pytest.mark.django_db
def test_a_withholding_for_an_obligor_with_several_cases_is_identified_to_the_obligor():
    first = make_case(ncp_ssn="234-56-7890")
    ncp = first.members.get(role="NCP").person
    application = sample_application(ncp_ssn="")
    application = replace(
        application, other_parent=replace(application.other_parent, existing_person_id=ncp.pk)
    )
    open_case(application=application, by=None, source=CaseSource.APPLICATION)
    load_payment_file(csv_file(row("P1", ssn="234-56-7890")), name="w.csv", today=TODAY)
    receipt = Receipt.objects.get()
    assert receipt.status == Receipt.Status.IDENTIFIED
    assert receipt.obligor == ncp and receipt.case is None
    assert account_total(Account.UNDISTRIBUTED) == D("-100.00")


@pytest.mark.django_db
def test_nacha_file_loads_and_a_bad_entry_is_rejected_with_its_line():
    case = make_case(ncp_ssn="123-45-6789")
    text = write_nacha(
        [
            NachaPayment(D("125.50"), case.case_number, PAID, "123456789", "WALSH"),
            NachaPayment(D("60.25"), "UNKNOWN", PAID, "", "DOE"),
            NachaPayment(D("10.00"), case.case_number, PAID, "123456789", "WALSH"),
        ],
        company_name="NUTMEG TOOL AND DIE",
        fein="061234567",
        created_on=TODAY,
    )
    lines = text.splitlines()
    # Break the third payment's DED (amount 1000 cents -> letters), keeping the record length.
    bad = lines[7].replace("*1000*", "*10X0*")
    assert len(bad) == 94
    lines[7] = bad
    report = load_payment_file(("\n".join(lines) + "\n").encode(), name="ach", today=TODAY)
    assert report.format == ReceiptBatch.Format.NACHA_CCD
    assert (report.records, report.accepted, report.rejected) == (3, 2, 1)
    assert [(r.line, r.field) for r in report.rejections] == [(8, "ded_amount")]
    identified = Receipt.objects.get(source_reference="ACH:021000020000001:20260515")
    assert identified.case == case and identified.amount == D("125.50")
    assert identified.employer is None and identified.payer_name == "NUTMEG TOOL AND"
    unknown = Receipt.objects.get(source_reference="ACH:021000020000002:20260515")
    assert unknown.status == Receipt.Status.SUSPENSE


@pytest.mark.django_db
def test_nacha_file_with_wrong_controls_or_lengths_is_rejected_whole():
    case = make_case()
    text = write_nacha(
        [NachaPayment(D("125.50"), case.case_number, PAID)],
        company_name="ACME",
        fein="061234567",
        created_on=TODAY,
    )
    lines = text.splitlines()
    # The entry says 125.51: the batch and file totals no longer agree.
    lines[2] = lines[2].replace("0000012550", "0000012551")
    report = load_payment_file(("\n".join(lines) + "\n").encode(), name="x", today=TODAY)
    assert report.accepted == 0 and report.rejected == 1
    assert {r.field for r in report.rejections} >= {"total_credit"}
    short = text.replace("CHILD SUPP", "CHILD", 1)
    report = load_payment_file(short.encode(), name="y", format="nacha_ccd", today=TODAY)
    assert report.accepted == 0
    assert report.rejections[0].line == 2 and "not 94" in report.rejections[0].reason
    assert not Receipt.objects.exists()


@pytest.mark.django_db
def test_suspense_identify_refund_and_hold(worker):
    case = make_case()
    load_payment_file(
        csv_file(row("P1", "nope"), row("P2", "nope"), row("P3", "nope")), name="s", today=TODAY
    )
    queue = list(suspense_queue(today=dt.date(2026, 5, 25)))
    assert len(queue) == 3 and age_days(queue[0], dt.date(2026, 5, 25)) == 10
    assert not suspense_queue(today=dt.date(2026, 5, 25), min_age=11).exists()
    p1, p2, p3 = sorted(queue, key=lambda r: r.source_reference)

    receipts_posting.identify_receipt(p1, case, by=worker)
    p1.refresh_from_db()
    assert p1.status == Receipt.Status.IDENTIFIED and p1.case == case
    assert case_balances(case.pk)[Account.UNDISTRIBUTED] == D("-100.00")
    assert JournalEntry.objects.filter(key=f"identify:{p1.pk}").exists()
    with pytest.raises(services.ReceiptError):
        receipts_posting.identify_receipt(p1, case, by=worker)

    receipts_posting.refund_from_suspense(p2, "Not child support", by=worker)
    receipts_posting.hold_in_suspense(p3, "Payer to call back", by=worker)
    p3.refresh_from_db()
    assert p3.status == Receipt.Status.SUSPENSE and "call back" in p3.status_reason
    assert account_total(Account.SUSPENSE) == D("-100.00")  # only p3 is left
    assert account_total(Account.SDU_BANK) == D("200.00")  # 300 in, 100 refunded
    # Posting again is a no-op.
    assert receipts_posting.post_receipts([p1.pk, p2.pk, p3.pk]) == 0


@pytest.mark.django_db
def test_window_payments(worker):
    case = make_case()
    receipt = services.record_payment(
        amount=D("50.00"),
        method=PaymentMethod.CHECK,
        received_on=TODAY,
        case_reference=case.case_number,
        check_number="1001",
        routing_number="011000015",
        by=worker,
    )
    assert receipt.case == case and receipt.source_reference == "CHECK:011000015:1001"
    with pytest.raises(services.ReceiptError, match="already recorded"):
        services.record_payment(
            amount=D("50.00"),
            method=PaymentMethod.CHECK,
            received_on=TODAY,
            check_number="1001",
            routing_number="011000015",
        )
    cash = services.record_payment(amount=D("20.00"), method=PaymentMethod.CASH, received_on=TODAY)
    assert cash.status == Receipt.Status.SUSPENSE and cash.source_reference.startswith("WIN-")
    with pytest.raises(services.ReceiptError):
        services.record_payment(amount=D("0.001"), method=PaymentMethod.CASH)
    assert account_total(Account.SDU_BANK) == D("70.00")


@pytest.mark.django_db
def test_load_payments_command(capsys):
    call_command("load_payments", str(SAMPLES / "payments-sample.csv"), "--date", "2026-05-15")
    out = capsys.readouterr().out
    assert "accepted: 4" in out and "rejected: 3" in out
    call_command("load_payments", str(SAMPLES / "payments-sample.csv"), "--format", "csv")
    assert "Already loaded" in capsys.readouterr().out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
# Like every transactional test here, it restores the migrations' data rather than flushing and
# re-running post_migrate, which would give the content types new ids and break the next
# transactional test's restore.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_loads_of_the_same_file_at_once_record_each_payment_once():
    case = make_case()
    data = csv_file(*(row(f"P{i}", case.case_number) for i in range(50)))
    other = csv_file(*(row(f"P{i}", case.case_number) for i in range(25, 75)))
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def load(content: bytes, name: str) -> None:
        try:
            barrier.wait()
            load_payment_file(content, name=name, today=TODAY)
        except BaseException as e:
            errors.append(e)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=load, args=(data, "a")),
        threading.Thread(target=load, args=(data, "a2")),
        threading.Thread(target=load, args=(other, "b")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Receipt.objects.count() == 75
    assert ReceiptBatch.objects.count() == 2
    assert JournalEntry.objects.filter(key__startswith="receipt:").count() == 75
    assert account_total(Account.SDU_BANK) == D("7500.00")
