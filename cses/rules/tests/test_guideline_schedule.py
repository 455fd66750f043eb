"""The schedule as data: lookup, the contract CSV layout and its validator, the illustrative
generator and the shipped file it produced."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cses
from cses.rules.guideline_schedule import (
    HEADER,
    AboveScheduleTop,
    Schedule,
    ScheduleError,
    illustrative_schedule,
    parse_schedule_csv,
    schedule_to_csv,
)

D = Decimal
EFFECTIVE = dt.date(2015, 7, 1)
SHIPPED = Path(cses.__file__).parent / "orders" / "data" / "illustrative-schedule.csv"
HEAD = ",".join(HEADER)


def parse(text: str) -> Schedule:
    return parse_schedule_csv(text, name="test.csv", effective=EFFECTIVE)


def small() -> Schedule:
    return parse(HEAD + "\n100,30,40,50,60,70,80\n110,33,44,55,66,77,88\n120,36,48,60,72,84,96\n")


def problems_of(text: str) -> tuple[str, ...]:
    with pytest.raises(ScheduleError) as error:
        parse(text)
    return error.value.problems


# --- the illustrative schedule ------------------------------------------------------------------


def test_the_illustrative_schedule_is_calibrated_to_the_secondary_source_figures():
    # given the generated schedule, when looking up E2 and E3 (ct-guidelines.md §3)
    schedule = illustrative_schedule(EFFECTIVE)
    # then it matches them
    assert schedule.lookup(D(1000), 1) == D(230)
    assert schedule.lookup(D(2000), 1) == D(399)


def test_the_illustrative_schedule_shape_and_marking():
    schedule = illustrative_schedule(EFFECTIVE)
    assert schedule.illustrative is True
    assert "not Connecticut's" in schedule.name
    assert schedule.levels[0] == D(50)
    assert schedule.top == D(4000)
    assert schedule.step == D(10)
    assert len(schedule.levels) == 396
    assert schedule.amounts[0] == tuple(D(a) for a in (21, 30, 35, 39, 42, 45))
    assert schedule.amounts[-1] == tuple(D(a) for a in (692, 969, 1136, 1267, 1378, 1475))


def test_the_illustrative_schedule_passes_the_validator():
    schedule = illustrative_schedule(EFFECTIVE)
    again = parse_schedule_csv(
        schedule_to_csv(schedule), name=schedule.name, effective=EFFECTIVE, illustrative=True
    )
    assert again == schedule


def test_the_shipped_file_is_the_generators_output():
    assert SHIPPED.read_text() == schedule_to_csv(illustrative_schedule(EFFECTIVE))


def test_the_generator_is_deterministic():
    assert illustrative_schedule(EFFECTIVE) == illustrative_schedule(EFFECTIVE)


# --- lookup -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("combined", "children", "expected"),
    [
        ("100", 1, "30"),
        ("104.99", 1, "30"),  # nearest level 100
        ("105", 1, "33"),  # a half rounds up to 110
        ("105.00", 6, "88"),
        ("114.99", 2, "44"),
        ("115", 3, "60"),
        ("120", 4, "72"),  # exactly the top
        ("0", 1, "30"),  # below the first level: the first row
        ("94", 5, "70"),
    ],
)
def test_lookup_rounds_to_the_nearest_level_halves_up(combined, children, expected):
    assert small().lookup(D(combined), children) == D(expected)


def test_lookup_above_the_top_is_left_to_the_high_income_rule():
    with pytest.raises(AboveScheduleTop, match="above the schedule's top 120"):
        small().lookup(D("120.01"), 1)


@pytest.mark.parametrize("children", [0, 7, True])
def test_lookup_covers_one_to_six_children(children):
    with pytest.raises(ValueError, match="1 to 6 children"):
        small().lookup(D(100), children)


def test_percentage_at_top():
    schedule = small()
    assert schedule.top == D(120)
    assert schedule.amount_at_top(2) == D(48)
    assert schedule.percentage_at_top(2) == D("0.4")
    assert schedule.percentage_at_top(1) == D("0.3")


def test_a_schedule_checks_its_own_structure():
    with pytest.raises(ScheduleError, match="steps of 10"):
        Schedule("x", EFFECTIVE, False, D(10), (D(1), D(5)), ((D(1),) * 6,) * 2)
    with pytest.raises(ScheduleError, match="1 to 6 children"):
        Schedule("x", EFFECTIVE, False, D(10), (D(1), D(11)), ((D(1),) * 5,) * 2)
    with pytest.raises(ScheduleError, match="at least 2"):
        Schedule("x", EFFECTIVE, False, D(10), (D(1),), ((D(1),) * 6,))


# --- the validator: every problem, by line and column -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,29,44,55,66,77,88\n",
            "line 3, column 2 (1 child): 29 is less than 30 on line 2; amounts must not fall "
            "as income rises",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,44,43,66,77,88\n",
            "line 3, column 4 (3 children): 43 is less than 44 for 2 children; amounts must not "
            "fall as children are added",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,44,55,66,77,88\n130,36,48,60,72,84,96\n",
            "line 4, column 1 (combined_net_weekly_income): 130 leaves a gap: levels must be "
            "evenly spaced by 10, so the level after 110 (line 3) is 120",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n100,30,40,50,60,70,80\n",
            "line 3, column 1 (combined_net_weekly_income): 100 duplicates the level on line 2",
        ),
        (
            HEAD + "\n110,30,40,50,60,70,80\n100,30,40,50,60,70,80\n",
            "line 3, column 1 (combined_net_weekly_income): 100 is below 110 on line 2; levels "
            "must ascend",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,44,55,66,77,88,99\n",
            "line 3: expected 7 columns, found 8",
        ),
        (
            HEAD + ",7\n100,30,40,50,60,70,80,90\n110,33,44,55,66,77,88,99\n",
            "line 1: the header must be 'combined_net_weekly_income,1,2,3,4,5,6', not "
            "'combined_net_weekly_income,1,2,3,4,5,6,7'",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,4x,55,66,77,88\n",
            "line 3, column 3 (2 children): '4x' is not a number",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,44,55,66,77,NaN\n",
            "line 3, column 7 (6 children): 'NaN' is not a number",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33,44,55,66,77,-1\n",
            "line 3, column 7 (6 children): -1 is negative",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n110,33.333,44,55,66,77,88\n",
            "line 3, column 2 (1 child): 33.333 has more than two decimal places",
        ),
        (
            HEAD + "\n100,30,40,50,60,70,80\n",
            "the schedule needs at least 2 income levels; found 1",
        ),
        (
            "",
            "line 1: the file is empty; expected the header combined_net_weekly_income,1,2,3,4,5,6",
        ),
    ],
)
def test_each_problem_is_named_by_line_and_column(text, expected):
    assert expected in problems_of(text)


def test_every_problem_is_reported_in_file_order():
    # given a file with problems on several lines
    text = HEAD + "\n100,30,40,50,60,70,80\n110,3x,44,55,66,77\n130,36,48,60,72,84,-5\n"
    # when it is parsed, then each is reported, in file order, and the message lists them all
    with pytest.raises(ScheduleError) as error:
        parse(text)
    assert error.value.problems == (
        "line 3: expected 7 columns, found 6",
        "line 4, column 7 (6 children): -5 is negative",
    )
    assert "schedule 'test.csv' is not valid" in str(error.value)
    assert "line 3: expected 7 columns" in str(error.value)


def test_one_missing_row_is_one_problem():
    rows = [
        f"{level},{level},{level},{level},{level},{level},{level}" for level in range(10, 200, 10)
    ]
    del rows[5]
    problems = problems_of(HEAD + "\n" + "\n".join(rows) + "\n")
    assert problems == (
        "line 7, column 1 (combined_net_weekly_income): 70 leaves a gap: levels must be evenly "
        "spaced by 10, so the level after 50 (line 6) is 60",
    )


def test_at_most_twenty_problems_are_listed():
    rows = [f"{level},x,x,x,x,x,x" for level in range(10, 100, 10)]
    problems = problems_of(HEAD + "\n" + "\n".join(rows) + "\n")
    assert len(problems) == 21
    assert problems[-1] == "… and 34 more problems"


def test_blank_lines_spaces_and_a_byte_order_mark_are_tolerated():
    schedule = parse(
        "\ufeff" + HEAD + "\n\n 100 , 30,40,50,60,70,80\r\n110,33,44,55,66,77,88.50\n\n"
    )
    assert schedule.levels == (D(100), D(110))
    assert schedule.amounts[1][5] == D("88.50")


# --- round trip ---------------------------------------------------------------------------------


@st.composite
def schedules(draw):
    count = draw(st.integers(min_value=2, max_value=25))
    first = draw(st.decimals(min_value=0, max_value=1000, places=2))
    step = draw(st.decimals(min_value="0.01", max_value=100, places=2))
    increments = st.decimals(min_value=0, max_value=50, places=2)
    amounts: list[list[Decimal]] = []
    for i in range(count):
        row: list[Decimal] = []
        for n in range(6):
            floor = max(amounts[i - 1][n] if i else D(0), row[n - 1] if n else D(0))
            row.append(floor + draw(increments))
        amounts.append(row)
    return Schedule(
        name="generated.csv",
        effective=EFFECTIVE,
        illustrative=False,
        step=step,
        levels=tuple(first + step * i for i in range(count)),
        amounts=tuple(tuple(row) for row in amounts),
    )


@given(schedules())
def test_csv_round_trip(schedule):
    text = schedule_to_csv(schedule)
    assert parse_schedule_csv(text, name="generated.csv", effective=EFFECTIVE) == schedule
    assert schedule_to_csv(parse_schedule_csv(text, name="x", effective=EFFECTIVE)) == text


@given(schedules(), st.decimals(min_value=0, max_value=5000, places=2), st.integers(1, 6))
def test_lookup_is_a_row_of_the_schedule(schedule, combined, children):
    if combined > schedule.top:
        with pytest.raises(AboveScheduleTop):
            schedule.lookup(combined, children)
    else:
        assert schedule.lookup(combined, children) in [
            row[children - 1] for row in schedule.amounts
        ]
