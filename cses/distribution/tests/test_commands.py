"""The nightly money commands run, report what they did, and do nothing the second time."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from cses.synthetic.demo_money import set_up_demo_money
from cses.synthetic.factories import make_case, make_order


def _run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_distribute_and_disburse_commands_are_idempotent():
    import datetime as dt

    for _ in range(2):
        make_order(make_case(ncp_verified_address=True))
    today = dt.date(2026, 5, 20)
    assert set_up_demo_money(today) > 0
    assert _run("distribute_receipts", "--date", "2026-05-17").startswith(
        "distributed 0 receipt(s)"
    )
    first = _run("disburse", "--date", "2026-05-20")
    assert first.startswith("disbursed ")
    assert _run("disburse", "--date", "2026-05-20").startswith("disbursed 0 payment(s), $0")
