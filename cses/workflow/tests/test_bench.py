"""The payments benchmark runs end to end and reports the contract's figures."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from cses.ledger.models import JournalLine
from cses.synthetic.factories import make_case, make_order
from cses.workflow.bench import RAW_TABLE


@pytest.mark.django_db
def test_bench_payments_prints_the_contract_figures_as_its_last_line():
    # Given a few cases with orders (the bench seeds none when enough exist)
    for _ in range(3):
        make_order(make_case(ncp_verified_address=True))
    out = StringIO()
    call_command(
        "bench",
        "payments",
        "--receipts",
        "12",
        "--cases",
        "3",
        "--date",
        "2026-05-15",
        "--json",
        stdout=out,
        stderr=StringIO(),
    )
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    for key in (
        "receipts",
        "seconds",
        "receipts_per_second",
        "raw_rows_per_second",
        "ratio",
        "peak_rss_mb",
        "database",
    ):
        assert key in figures, key
    assert figures["receipts"] == 12 and figures["ratio"] > 0
    assert set(figures["steps"]) == {"record", "post", "distribute", "disburse"}
    # the ledger rows it counted are the ones it wrote, and the scratch table is gone
    assert (
        figures["ledger_rows"]
        == JournalLine.objects.filter(
            posted_on__gte=dt.date(2026, 5, 2),
            entry__kind__in=["receipt", "distribution", "disbursement", "fee"],
        ).count()
    )
    assert RAW_TABLE not in connection.introspection.table_names()
