"""``cses guidelines``: the public ``calc`` contract (success, --schedule, bad input → exit 2 and
the field named on standard error), ``load-schedule`` and ``illustrative``."""

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

from cses.orders.models import GuidelineSchedule
from cses.orders.schedules import SHIPPED_SCHEDULE

# calc reads the parameters (and, without --schedule, the schedule) in effect from the database.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
INPUT = {
    "children": 2,
    "custodial": {"gross_weekly_income": "700.00", "deductions": {}, "ss_dependency_benefit": "0"},
    "noncustodial": {
        "gross_weekly_income": "900.00",
        "deductions": {"federal_income_tax": "80.00"},
    },
    "child_health_premium_weekly": "0",
    "child_health_premium_paid_by": "noncustodial",
    "child_care_weekly": "0",
    "child_care_paid_by": "custodial",
    "arrears_owed": "0",
    "high_income": "minimum",
}
CONTRACT_KEYS = {
    "net_weekly_income",
    "combined_net_weekly_income",
    "basic_obligation",
    "percentage_share",
    "share_of_obligation",
    "current_support_weekly",
    "arrearage_payment_weekly",
    "health_care_contribution_weekly",
    "child_care_contribution_weekly",
    "total_award_weekly",
    "percent_of_obligor_net_income",
    "flags",
    "lines",
    "schedule",
}
SCHEDULE_CSV = "combined_net_weekly_income,1,2,3,4,5,6\n" + "".join(
    f"{level},{level // 4},{level * 35 // 100},{level * 41 // 100},"
    f"{level * 46 // 100},{level // 2},{level * 53 // 100}\n"
    for level in range(100, 2001, 100)
)


def write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def calc(*args: str) -> dict:
    out = io.StringIO()
    call_command("guidelines", "calc", *args, stdout=out)
    return json.loads(out.getvalue())


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command("guidelines", *args, stdout=io.StringIO())
    assert error.value.returncode == 2
    return str(error.value)


# --- calc ---------------------------------------------------------------------------------------


def test_calc_prints_the_contract_output_with_the_active_schedule(tmp_path):
    # given the contract's example input, when computed with the schedule in effect
    result = calc(str(write(tmp_path, "in.json", INPUT)))
    # then every contract key is there and the illustrative schedule is marked
    assert CONTRACT_KEYS <= set(result)
    assert result["net_weekly_income"] == {"custodial": "700.00", "noncustodial": "820.00"}
    assert result["combined_net_weekly_income"] == "1520.00"
    assert result["schedule"]["illustrative"] is True
    assert "illustrative_schedule" in result["flags"]
    assert result["lines"]["14"] == {"custodial": "700.00", "noncustodial": "820.00"}


def test_calc_with_a_schedule_file(tmp_path):
    schedule = write(tmp_path, "official-2015.csv", SCHEDULE_CSV)
    result = calc(str(write(tmp_path, "in.json", INPUT)), "--schedule", str(schedule))
    # L15 1520 → row 1500 → 35 % = 525; NCP 53.95 % → 283
    assert result["basic_obligation"] == "525.00"
    assert result["current_support_weekly"] == "283.00"
    assert result["schedule"]["name"] == "official-2015.csv"
    assert result["schedule"]["illustrative"] is False
    assert "illustrative_schedule" not in result["flags"]


def test_calc_reads_standard_input(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(INPUT)))
    schedule = write(tmp_path, "s.csv", SCHEDULE_CSV)
    assert calc("-", "--schedule", str(schedule))["current_support_weekly"] == "283.00"
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(INPUT)))
    assert calc("--schedule", str(schedule))["current_support_weekly"] == "283.00"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"noncustodial": {"gross_weekly_income": "-900"}}, "noncustodial.gross_weekly_income"),
        ({"children": 7}, "children: must be between 1 and 6"),
        ({"custodial": {"deductions": {}}}, "custodial.gross_weekly_income: is required"),
        ({"children": "two"}, "children: must be a whole number"),
        ({"arrears_owed": True}, "arrears_owed: must be an amount"),
        ({"high_income": "both"}, "high_income: must be one of minimum, maximum"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, change, field):
    bad = {**INPUT, **change}
    schedule = write(tmp_path, "s.csv", SCHEDULE_CSV)
    message = refused("calc", str(write(tmp_path, "in.json", bad)), "--schedule", str(schedule))
    assert field in message


def test_a_missing_required_field(tmp_path):
    bad = {k: v for k, v in INPUT.items() if k != "children"}
    schedule = write(tmp_path, "s.csv", SCHEDULE_CSV)
    assert "children: is required" in refused(
        "calc", str(write(tmp_path, "in.json", bad)), "--schedule", str(schedule)
    )


def test_input_that_is_not_json(tmp_path):
    message = refused("calc", str(write(tmp_path, "in.json", '{"children": 2,\n  oops}')))
    assert "input: not valid JSON (line 2, column 3" in message


def test_a_missing_input_file(tmp_path):
    assert "no such input file" in refused("calc", str(tmp_path / "nope.json"))


def test_a_bad_schedule_file_names_its_lines(tmp_path):
    schedule = write(
        tmp_path,
        "bad.csv",
        "combined_net_weekly_income,1,2,3,4,5,6\n100,1,2,3,4,5,6\n120,x,2,3,4,5,6\n",
    )
    message = refused("calc", str(write(tmp_path, "in.json", INPUT)), "--schedule", str(schedule))
    assert "--schedule" in message
    assert "line 3, column 2 (1 child): 'x' is not a number" in message


def test_a_bad_date(tmp_path):
    assert "'2026-13-01' is not a date" in refused(
        "calc", str(write(tmp_path, "in.json", INPUT)), "--on", "2026-13-01"
    )


def test_a_date_before_any_guideline_parameters(tmp_path):
    message = refused("calc", str(write(tmp_path, "in.json", INPUT)), "--on", "1980-01-01")
    assert message.startswith("--on: ") and "1980-01-01" in message


# --- the command line itself: exit status and standard error ------------------------------------


def run_cli(database: Path, *args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "guidelines", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
    )


def test_the_command_line_exit_status_and_streams(tmp_path):
    # given a fresh checkout's empty database (the shipped schedule and defaults apply)
    database = tmp_path / "fresh.sqlite3"
    schedule = str(write(tmp_path, "s.csv", SCHEDULE_CSV))
    fresh = run_cli(database, "calc", stdin=json.dumps(INPUT))
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["schedule"]["illustrative"] is True

    ok = run_cli(database, "calc", "-", "--schedule", schedule, stdin=json.dumps(INPUT))
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["current_support_weekly"] == "283.00"

    bad = run_cli(
        database, "calc", "--schedule", schedule, stdin=json.dumps({**INPUT, "children": 7})
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "children: must be between 1 and 6" in bad.stderr


# --- illustrative and load-schedule -------------------------------------------------------------


def test_illustrative_prints_the_shipped_schedule():
    out = io.StringIO()
    call_command("guidelines", "illustrative", stdout=out)
    assert out.getvalue() == SHIPPED_SCHEDULE.read_text()


def test_load_schedule_stores_an_edition_once(tmp_path):
    path = write(tmp_path, "ct-2015.csv", SCHEDULE_CSV)
    out = io.StringIO()
    call_command("guidelines", "load-schedule", str(path), "--effective", "2030-01-01", stdout=out)
    assert "Loaded schedule 'ct-2015', in effect from 2030-01-01" in out.getvalue().replace(
        f" (edition {GuidelineSchedule.objects.get(name='ct-2015').pk})", ""
    )
    assert "20 income levels from 100 to 2000 in steps of 100" in out.getvalue()

    again = io.StringIO()
    call_command(
        "guidelines", "load-schedule", str(path), "--effective", "2030-01-01", stdout=again
    )
    assert "was already loaded" in again.getvalue()
    assert GuidelineSchedule.objects.filter(name="ct-2015").count() == 1

    # and from its date calc uses it
    result = calc(str(write(tmp_path, "in.json", INPUT)), "--on", "2030-02-01")
    assert result["schedule"] == {
        "name": "ct-2015",
        "effective": "2030-01-01",
        "illustrative": False,
    }
    assert result["current_support_weekly"] == "283.00"


def test_load_schedule_refuses_a_bad_file(tmp_path):
    path = write(tmp_path, "bad.csv", "combined_net_weekly_income,1,2,3,4,5\n100,1,2,3,4,5\n")
    message = refused("load-schedule", str(path), "--effective", "2030-01-01")
    assert "line 1: the header must be" in message
    assert not GuidelineSchedule.objects.filter(name="bad").exists()


# --- docs/guidelines.md shows real output -------------------------------------------------------

DOC = ROOT / "docs" / "guidelines.md"
EXAMPLE = re.compile(
    r"<!-- example (\d+) (input|output)( \(abridged\))? -->\n```json\n(.*?)\n```", re.S
)


def test_the_documented_examples_are_the_commands_output(tmp_path):
    examples: dict[str, dict] = {}
    for number, kind, abridged, text in EXAMPLE.findall(DOC.read_text()):
        examples.setdefault(number, {})[kind] = (json.loads(text), bool(abridged))
    assert len(examples) >= 2
    for number, example in examples.items():
        given, _ = example["input"]
        shown, abridged = example["output"]
        actual = calc(str(write(tmp_path, f"example{number}.json", given)))
        if abridged:
            assert {key: actual[key] for key in shown} == shown, number
        else:
            assert actual == shown, number


def test_json_numbers_keep_their_exact_text(tmp_path):
    schedule = write(tmp_path, "s.csv", SCHEDULE_CSV)
    exact = {**INPUT, "noncustodial": {"gross_weekly_income": 12345678.91}}
    result = calc(str(write(tmp_path, "in.json", exact)), "--schedule", str(schedule))
    assert result["lines"]["1"]["noncustodial"] == "12345678.91"
    too_fine = {**INPUT, "arrears_owed": 0.001}
    assert "arrears_owed: must have at most two decimal places" in refused(
        "calc", str(write(tmp_path, "in2.json", too_fine)), "--schedule", str(schedule)
    )
