"""Benchmarks that print figures (never timed tests): ``cses bench payments``.

The payments benchmark records N receipts over seeded cases, then posts, distributes and
disburses them, timing each step. In the same run it measures the database's fastest bulk path
for the same number of ledger rows (COPY on PostgreSQL, one ``executemany`` in one transaction on
SQLite) into a scratch table shaped and indexed like the journal lines, and reports the ratio of
the pipeline's ledger rows per second to that raw rate (``shared/reference/contracts.md``).
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Avg, Max
from django.db.models.functions import Length

from cses.disbursement.jobs import disburse_due
from cses.distribution.services import distribute_pending
from cses.ledger.jobs import accrue_through
from cses.ledger.models import JournalLine
from cses.ledger.receipts_posting import post_receipts
from cses.orders.models import SupportOrder
from cses.receipts.models import PaymentMethod as ReceiptMethod
from cses.receipts.models import Receipt, ReceiptSource
from cses.synthetic.demo_money import give_payees_debit_cards
from cses.synthetic.generator import seed

RAW_TABLE = "cses_bench_raw_lines"
ACCRUAL_DAYS = 14


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _case_ids(limit: int) -> list[int]:
    return list(
        SupportOrder.objects.filter(active=True)
        .order_by("case_id")
        .values_list("case_id", flat=True)
        .distinct()[:limit]
    )


def _receipts(n: int, case_ids: list[int], day: dt.date, token: str) -> Iterator[Receipt]:
    rng = random.Random(token)
    for i in range(n):
        yield Receipt(
            source_reference=f"bench:{token}:{i}",
            source=ReceiptSource.EMPLOYER_WITHHOLDING,
            method=ReceiptMethod.ACH,
            received_on=day,
            amount=Decimal(rng.randint(2500, 40000)) / 100,
            case_id=case_ids[i % len(case_ids)],
            payer_name="Bench Employer",
            status=Receipt.Status.IDENTIFIED,
        )


def _raw_rows(n: int, explanation_length: int, day: dt.date) -> Iterator[tuple]:
    text = ("x" * explanation_length)[:explanation_length]
    for i in range(n):
        yield (i + 1, day, 1 + i % 50_000, "payable_family", Decimal("12.34"), None, text)


def raw_rows_per_second(n: int, *, explanation_length: int, day: dt.date) -> float:
    """Write ``n`` journal-line-shaped rows by the database's fastest bulk path into a scratch
    table with the journal lines' columns and indexes; rows per second. The table is dropped."""
    columns = "entry_id, posted_on, case_id, account, amount, due_on, explanation"
    postgres = connection.vendor == "postgresql"
    id_column = "id bigserial PRIMARY KEY" if postgres else "id integer PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW_TABLE}")
        cursor.execute(
            f"CREATE TABLE {RAW_TABLE} ({id_column}, entry_id bigint NOT NULL, "
            "posted_on date NOT NULL, case_id bigint, account varchar(24) NOT NULL, "
            "amount numeric(14, 2) NOT NULL, due_on date, explanation text NOT NULL)"
        )
        cursor.execute(f"CREATE INDEX {RAW_TABLE}_entry ON {RAW_TABLE} (entry_id)")
        cursor.execute(
            f"CREATE INDEX {RAW_TABLE}_case ON {RAW_TABLE} (case_id, account, posted_on)"
        )
        cursor.execute(f"CREATE INDEX {RAW_TABLE}_account ON {RAW_TABLE} (account, posted_on)")
    rows = _raw_rows(n, explanation_length, day)
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                with cursor.copy(f"COPY {RAW_TABLE} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * 7)
                cursor.executemany(
                    f"INSERT INTO {RAW_TABLE} ({columns}) VALUES ({marks})",  # noqa: S608
                    ((*r[:4], str(r[4]), r[5], r[6]) for r in rows),
                )
        seconds = time.perf_counter() - started
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {RAW_TABLE}")
    return n / seconds if seconds else 0.0


def bench_payments(
    receipts: int,
    *,
    day: dt.date,
    cases: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict:
    """Run the payments pipeline over ``receipts`` receipts and return the figures."""
    wanted = cases or max(2_000, receipts // 2)
    if SupportOrder.objects.filter(active=True).count() < min(wanted, 1000):
        progress(f"seeding {wanted} cases")
        seed(cases=wanted, seed=7, as_of=day)
    case_ids = _case_ids(wanted)
    if not case_ids:
        raise RuntimeError("no case with an active order to pay")
    progress(f"set-up: {ACCRUAL_DAYS} days of charges and payees' debit cards")
    accrue_through(day - dt.timedelta(days=ACCRUAL_DAYS - 1), day)
    give_payees_debit_cards(case_ids, day)

    token = f"{int(time.time() * 1000)}"
    lines_before = JournalLine.objects.aggregate(top=Max("id"))["top"] or 0
    steps: dict[str, float] = {}

    def timed(name: str, work: Callable[[], object]) -> None:
        progress(f"{name}…")
        started = time.perf_counter()
        work()
        steps[name] = round(time.perf_counter() - started, 3)

    timed(
        "record",
        lambda: Receipt.objects.bulk_create(
            _receipts(receipts, case_ids, day, token), batch_size=5000
        ),
    )
    ids = Receipt.objects.filter(source_reference__startswith=f"bench:{token}:").values_list(
        "id", flat=True
    )
    timed("post", lambda: post_receipts(ids.iterator(chunk_size=5000), posted_on=day))
    timed("distribute", lambda: distribute_pending(day))
    timed("disburse", lambda: disburse_due(day))
    seconds = sum(steps.values())

    written = JournalLine.objects.filter(id__gt=lines_before)
    ledger_rows = written.count()
    explanation_length = int(written.aggregate(n=Avg(Length("explanation")))["n"] or 0)
    progress(f"raw bulk write of {ledger_rows} rows")
    raw = raw_rows_per_second(ledger_rows, explanation_length=explanation_length, day=day)
    pipeline_rows = ledger_rows / seconds if seconds else 0.0
    return {
        "receipts": receipts,
        "cases": len(case_ids),
        "seconds": round(seconds, 3),
        "receipts_per_second": round(receipts / seconds, 1) if seconds else 0.0,
        "ledger_rows": ledger_rows,
        "ledger_rows_per_second": round(pipeline_rows, 1),
        "raw_rows_per_second": round(raw, 1),
        "ratio": round(pipeline_rows / raw, 4) if raw else 0.0,
        "peak_rss_mb": peak_rss_mb(),
        "database": connection.vendor,
        "steps": steps,
    }
