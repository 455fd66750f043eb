"""``cses rules distribute``: the public contract (success keys; bad input → exit 2 naming each
field on standard error), the real command line with no database, and docs/distribution.md's
examples being the command's actual output. No test here touches the database."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "distribution.md"
INPUT = {
    "assistance": "former",
    "receipt": {"amount": "300.00", "source": "employer_withholding", "date": "2026-05-15"},
    "current_due": {"current_support": "100.00", "medical_support": "0", "child_care": "0"},
    "arrears": {
        "permanently_assigned": "1000.00",
        "temporarily_assigned": "0",
        "conditionally_assigned": "0",
        "never_assigned": "150.00",
        "unassigned_during_assistance": "0",
    },
    "fmap": "0.50",
    "pass_through": "0",
    "ordering": "prwora",
    "ura": "5000.00",
}
CONTRACT_KEYS = {
    "allocations",
    "to_family",
    "retained",
    "federal_share",
    "state_share",
    "unallocated",
}


def write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def distribute(*args: str) -> dict:
    out = io.StringIO()
    call_command("rules", "distribute", *args, stdout=out)
    return json.loads(out.getvalue())


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command("rules", "distribute", *args, stdout=io.StringIO())
    assert error.value.returncode == 2
    return str(error.value)


def test_the_contract_example_prints_the_contract_keys(tmp_path):
    result = distribute(str(write(tmp_path, "in.json", INPUT)))
    assert CONTRACT_KEYS <= set(result)
    assert [(a["to"], a["amount"], a["payee"]) for a in result["allocations"]] == [
        ("current_support", "100.00", "family"),
        ("never_assigned", "150.00", "family"),
        ("permanently_assigned", "50.00", "state"),
    ]
    assert all({"to", "amount", "payee", "reason"} <= set(a) for a in result["allocations"])
    assert result["allocations"][0]["reason"].startswith(
        "$100.00 to current support due for the period, paid to the family: current support is "
        "paid first"
    )
    assert (result["to_family"], result["retained"], result["unallocated"]) == (
        "250.00",
        "50.00",
        "0.00",
    )
    assert (result["federal_share"], result["state_share"]) == ("25.00", "25.00")


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(INPUT)))
    assert distribute("-")["retained"] == "50.00"
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(INPUT)))
    assert distribute()["retained"] == "50.00"


def test_json_numbers_keep_their_exact_text(tmp_path):
    exact = {**INPUT, "receipt": {**INPUT["receipt"], "amount": 1234567.89}}
    result = distribute(str(write(tmp_path, "in.json", exact)))
    assert result["receipt"]["amount"] == "1234567.89"
    too_fine = {**INPUT, "receipt": {**INPUT["receipt"], "amount": 0.001}}
    assert "receipt.amount: must have at most two decimal places" in refused(
        str(write(tmp_path, "in2.json", too_fine))
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"assistance": "sometimes"}, "assistance: must be one of current, former, never"),
        ({"receipt": {**INPUT["receipt"], "amount": "-1"}}, "receipt.amount: must not be neg"),
        ({"receipt": {**INPUT["receipt"], "source": "cash"}}, "receipt.source: must be one of"),
        ({"receipt": {**INPUT["receipt"], "date": "15/05/2026"}}, "receipt.date: must be a date"),
        ({"current_due": {"current_support": "abc"}}, "current_due.current_support: must be an"),
        ({"arrears": {"assigned": "1"}}, "arrears.assigned: is not a field of the input"),
        ({"fmap": "1.01"}, "fmap: must be a fraction between 0 and 1"),
        ({"ordering": "lifo"}, "ordering: must be one of prwora, dra"),
        ({"ura": "-5"}, "ura: must not be negative"),
        ({"pass_through": []}, "pass_through: must be an amount"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, change, field):
    assert field in refused(str(write(tmp_path, "in.json", {**INPUT, **change})))


@pytest.mark.parametrize("missing", ["assistance", "receipt", "current_due", "arrears", "fmap"])
def test_a_missing_required_field(tmp_path, missing):
    bad = {k: v for k, v in INPUT.items() if k != missing}
    assert f"{missing}: is required" in refused(str(write(tmp_path, "in.json", bad)))


def test_input_that_is_not_json_or_not_an_object(tmp_path):
    message = refused(str(write(tmp_path, "in.json", '{"assistance": "never",\n  oops}')))
    assert "input: not valid JSON (line 2, column 3" in message
    assert "input: must be a JSON object" in refused(str(write(tmp_path, "a.json", "[1, 2]")))


def test_a_missing_input_file(tmp_path):
    assert "no such input file" in refused(str(tmp_path / "nope.json"))


# --- the command line itself: no database, exit status and streams -----------------------------


def run_cli(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cses.cli", "rules", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        # a database that does not exist: the command must not need one
        env={**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/no_such_database"},
    )


def test_the_command_line_exit_status_and_streams():
    ok = run_cli("distribute", stdin=json.dumps(INPUT))
    assert ok.returncode == 0, ok.stderr
    assert CONTRACT_KEYS <= set(json.loads(ok.stdout))
    assert ok.stdout.startswith('{\n  "allocations": [\n')  # indented by 2

    bad = run_cli("distribute", "-", stdin=json.dumps({**INPUT, "fmap": "50"}))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert 'fmap: must be a fraction between 0 and 1, such as "0.50"' in bad.stderr


# --- docs/distribution.md shows real output ------------------------------------------------------

EXAMPLE = re.compile(
    r"<!-- example (\d+) (input|output)( \(abridged\))? -->\n```json\n(.*?)\n```", re.S
)
ERROR = re.compile(
    r"<!-- error input -->\n```json\n(.*?)\n```.*?<!-- error output -->\n```\n(.*?)\n```", re.S
)


def test_the_documented_examples_are_the_commands_output(tmp_path):
    examples: dict[str, dict] = {}
    for number, kind, abridged, text in EXAMPLE.findall(DOC.read_text()):
        examples.setdefault(number, {})[kind] = (json.loads(text), bool(abridged))
    assert len(examples) >= 3
    for number, example in examples.items():
        given, _ = example["input"]
        shown, abridged = example["output"]
        actual = distribute(str(write(tmp_path, f"example{number}.json", given)))
        if abridged:
            assert {key: actual[key] for key in shown} == shown, number
        else:
            assert actual == shown, number


def test_the_documented_error_is_the_commands_message(tmp_path):
    given, shown = ERROR.search(DOC.read_text()).groups()
    message = refused(str(write(tmp_path, "bad.json", given)))
    assert shown == f"CommandError: {message}"
