"""The NACHA writer, checked by the independent ``achkit`` validator and a strict re-parse."""

import datetime as dt
from decimal import Decimal as D

import achkit
import pytest

from cses.disbursement.nacha import (
    CreditEntry,
    NachaError,
    Originator,
    build_ppd_credit_file,
    routing_number_is_valid,
)

ORIGINATOR = Originator(
    odfi_routing="011000015",
    odfi_name="SDU BANK",
    company_name="CT CHILD SUPPORT",
    company_id="1060000000",
    origin_name="CT STATE DISB UNIT",
)
ENTRIES = [
    CreditEntry("021000021", "123456789", False, D("65.00"), "D1", "Maria Rivera", 1),
    CreditEntry("011000015", "00987-654", True, D("1234.56"), "D2", "Ana Lopez", 2),
    CreditEntry("011900571", "5555", False, D("0.01"), "D3", "José Núñez", 3),
]


def build(entries=ENTRIES):
    return build_ppd_credit_file(
        originator=ORIGINATOR,
        entries=entries,
        effective_date=dt.date(2026, 1, 21),
        created_at=dt.datetime(2026, 1, 20, 17, 5),
    )


def test_routing_check_digit():
    assert routing_number_is_valid("021000021")
    assert not routing_number_is_valid("021000022")
    assert not routing_number_is_valid("02100002")


def test_file_passes_achkit_validation_and_totals_match():
    f = build()
    result = achkit.validate(f.text)
    assert result == {"ok": True, "errors": []}
    parsed = achkit.parse(f.text)
    (batch,) = parsed["batches"]
    assert batch["sec"] == "PPD"
    assert batch["service_class"] == 220
    assert [e["amount_cents"] for e in batch["entries"]] == [6500, 123456, 1]
    assert [e["txn_code"] for e in batch["entries"]] == [22, 32, 22]
    assert batch["control"]["total_credit"] == 129957
    assert parsed["control"]["total_credit"] == 129957
    assert f.total == D("1299.57")


def test_strict_layout():
    lines = build().text.splitlines()
    assert all(len(line) == 94 for line in lines)
    assert len(lines) % 10 == 0
    kinds = "".join(line[0] for line in lines)
    assert kinds.startswith("15666" + "89")
    assert set(kinds[7:]) == {"9"} and all(set(x) == {"9"} for x in lines[7:])
    header, batch, *entries = lines[:5]
    assert header[1:3] == "01" and header[3:13] == " 011000015" and header[34:40] == "094101"
    assert batch[50:53] == "PPD" and batch[69:75] == "260121" and batch[79:87] == "01100001"
    expected_hash = (2100002 + 1100001 + 1190057) % 10**10
    control = lines[5]
    assert int(control[4:10]) == 3 and int(control[10:20]) == expected_hash
    assert int(control[20:32]) == 0 and int(control[32:44]) == 129957
    file_control = lines[6]
    assert int(file_control[1:7]) == 1 and int(file_control[7:13]) == 1
    assert int(file_control[13:21]) == 3 and int(file_control[21:31]) == expected_hash
    assert entries[0][79:94] == "011000010000001"
    assert entries[1][12:29] == "00987654         "
    assert entries[2][54:76] == "JOSE NUNEZ".ljust(22)


def test_blocks_count_with_many_entries():
    entries = [
        CreditEntry("021000021", str(1000 + i), False, D("10.00"), f"D{i}", "Payee", i)
        for i in range(1, 12)
    ]
    f = build(entries)
    assert achkit.validate(f.text)["ok"]
    lines = f.text.splitlines()
    assert len(lines) == 20 and int(lines[14][7:13]) == 2


@pytest.mark.parametrize(
    "bad",
    [
        CreditEntry("021000022", "1", False, D("1.00"), "D1", "X", 1),
        CreditEntry("021000021", "1", False, D("0.001"), "D1", "X", 1),
        CreditEntry("021000021", "", False, D("1.00"), "D1", "X", 1),
    ],
)
def test_bad_entries_are_refused(bad):
    with pytest.raises(NachaError):
        build([bad])
