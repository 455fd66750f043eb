"""Business days: 42 USC 654b(c)-(d) (SDU disbursement within 2 business days), 45 CFR
303.100(e) (income withholding within 2 business days), and Connecticut's closed days (federal
holidays plus the CGS 1-4 legal holidays, with their observed days)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.business_days import (
    BusinessCalendar,
    OutsideCalendarError,
    connecticut_calendar,
    connecticut_holidays,
)

D = dt.date
CALENDAR = connecticut_calendar(range(2024, 2031))
HOLIDAYS = connecticut_holidays(range(2025, 2028))

# The weekdays state offices are closed, as the State of Connecticut's holiday observance lists
# give them (DAS "State of CT holidays"; CGS 1-4 and 5-254: Saturday -> Friday before,
# Sunday -> Monday after).
CLOSED_WEEKDAYS = {
    2025: [
        (D(2025, 1, 1), "New Year's Day"),
        (D(2025, 1, 20), "Martin Luther King Jr. Day"),
        (D(2025, 2, 12), "Lincoln's Birthday"),
        (D(2025, 2, 17), "Washington's Birthday"),
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 5, 26), "Memorial Day"),
        (D(2025, 6, 19), "Juneteenth National Independence Day"),
        (D(2025, 7, 4), "Independence Day"),
        (D(2025, 9, 1), "Labor Day"),
        (D(2025, 10, 13), "Columbus Day"),
        (D(2025, 11, 11), "Veterans Day"),
        (D(2025, 11, 27), "Thanksgiving Day"),
        (D(2025, 12, 25), "Christmas Day"),
    ],
    2026: [
        (D(2026, 1, 1), "New Year's Day"),
        (D(2026, 1, 19), "Martin Luther King Jr. Day"),
        (D(2026, 2, 12), "Lincoln's Birthday"),
        (D(2026, 2, 16), "Washington's Birthday"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 5, 25), "Memorial Day"),
        (D(2026, 6, 19), "Juneteenth National Independence Day"),
        # 4 July 2026 is a Saturday: observed Friday 3 July
        (D(2026, 7, 3), "Independence Day (observed)"),
        (D(2026, 9, 7), "Labor Day"),
        (D(2026, 10, 12), "Columbus Day"),
        (D(2026, 11, 11), "Veterans Day"),
        (D(2026, 11, 26), "Thanksgiving Day"),
        (D(2026, 12, 25), "Christmas Day"),
    ],
    2027: [
        (D(2027, 1, 1), "New Year's Day"),
        (D(2027, 1, 18), "Martin Luther King Jr. Day"),
        (D(2027, 2, 12), "Lincoln's Birthday"),
        (D(2027, 2, 15), "Washington's Birthday"),
        (D(2027, 3, 26), "Good Friday"),
        (D(2027, 5, 31), "Memorial Day"),
        # 19 June 2027 is a Saturday: observed Friday 18 June
        (D(2027, 6, 18), "Juneteenth National Independence Day (observed)"),
        # 4 July 2027 is a Sunday: observed Monday 5 July
        (D(2027, 7, 5), "Independence Day (observed)"),
        (D(2027, 9, 6), "Labor Day"),
        (D(2027, 10, 11), "Columbus Day"),
        (D(2027, 11, 11), "Veterans Day"),
        (D(2027, 11, 25), "Thanksgiving Day"),
        # 25 December 2027 is a Saturday: observed Friday 24 December
        (D(2027, 12, 24), "Christmas Day (observed)"),
        # 1 January 2028 is a Saturday: observed Friday 31 December 2027
        (D(2027, 12, 31), "New Year's Day (observed)"),
    ],
}


@pytest.mark.parametrize(
    ("day", "name"),
    [row for rows in CLOSED_WEEKDAYS.values() for row in rows],
    ids=lambda value: value.isoformat() if isinstance(value, dt.date) else None,
)
def test_each_connecticut_holiday_is_closed(day, name):
    assert HOLIDAYS[day] == name
    assert not CALENDAR.is_business_day(day)
    assert CALENDAR.why_closed(day) == name


@pytest.mark.parametrize("year", sorted(CLOSED_WEEKDAYS))
def test_the_closed_weekdays_of_a_year_are_exactly_the_published_list(year):
    # given the library's holidays for the year
    # when we keep the weekdays (a holiday on a weekend changes nothing)
    closed = {day for day in connecticut_holidays([year]) if day.weekday() < 5}
    # then they are the published list, nothing more and nothing less
    assert closed == {day for day, _ in CLOSED_WEEKDAYS[year]}


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 9),  # federal day of mourning (executive order): federal offices only
        D(2025, 11, 28),  # the day after Thanksgiving is not a Connecticut holiday
        D(2025, 12, 24),  # Christmas Eve 2025: a federal closing by executive order only
        D(2025, 12, 26),  # likewise
        D(2026, 4, 6),  # Easter Monday
        D(2026, 11, 3),  # Election Day
    ],
)
def test_days_that_are_not_holidays_in_connecticut(day):
    assert CALENDAR.is_business_day(day)
    assert CALENDAR.why_closed(day) is None


def test_the_actual_weekend_day_of_an_observed_holiday_is_listed_too():
    assert HOLIDAYS[D(2026, 7, 4)] == "Independence Day"
    assert HOLIDAYS[D(2027, 12, 25)] == "Christmas Day"
    assert CALENDAR.why_closed(D(2026, 7, 4)) == "Saturday"


def test_lincolns_birthday_on_a_weekend_is_observed_on_the_nearest_weekday():
    earlier = connecticut_holidays([2022, 2023])
    assert earlier[D(2022, 2, 11)] == "Lincoln's Birthday (observed)"  # Saturday -> Friday
    assert earlier[D(2023, 2, 13)] == "Lincoln's Birthday (observed)"  # Sunday -> Monday


def test_an_observed_new_years_day_belongs_to_the_year_it_falls_in():
    # 1 January 2022 was a Saturday; it was observed on Friday 31 December 2021
    assert connecticut_holidays([2021])[D(2021, 12, 31)] == "New Year's Day (observed)"
    assert D(2021, 12, 31) not in connecticut_holidays([2022])
    assert all(day.year == 2027 for day in connecticut_holidays([2027]))


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (D(2026, 1, 14), D(2026, 1, 16), "Wednesday: Thursday and Friday"),
        (D(2026, 1, 16), D(2026, 1, 21), "Friday before Martin Luther King Jr. Day"),
        (D(2026, 1, 17), D(2026, 1, 21), "Saturday is day 0; Monday is a holiday"),
        (D(2027, 7, 2), D(2027, 7, 7), "Friday before Independence Day observed on Monday"),
        (D(2026, 2, 11), D(2026, 2, 17), "Lincoln's Birthday and Washington's Birthday"),
        (D(2025, 4, 17), D(2025, 4, 22), "Thursday before Good Friday"),
        (D(2025, 11, 26), D(2025, 12, 1), "Wednesday before Thanksgiving"),
        (D(2025, 12, 31), D(2026, 1, 5), "New Year's Eve: 1 January closed"),
        (D(2027, 12, 23), D(2027, 12, 28), "Christmas observed on Friday 24 December"),
        (D(2027, 12, 30), D(2028, 1, 4), "New Year's Day 2028 observed on 31 December 2027"),
    ],
)
def test_disbursement_due_within_two_business_days_of_receipt(received, due, why):
    assert CALENDAR.add_business_days(received, 2) == due, why
    assert CALENDAR.business_days_between(received, due) == 2


def test_friday_before_a_monday_holiday_is_due_wednesday():
    friday, monday = D(2026, 1, 16), D(2026, 1, 19)
    assert not CALENDAR.is_business_day(monday)
    assert CALENDAR.next_business_day(friday) == D(2026, 1, 20)
    assert CALENDAR.add_business_days(friday, 2) == D(2026, 1, 21)
    assert CALENDAR.add_business_days(friday, 2).strftime("%A") == "Wednesday"


def test_day_zero_is_the_day_itself_even_when_closed():
    assert CALENDAR.add_business_days(D(2026, 1, 17), 0) == D(2026, 1, 17)
    assert CALENDAR.add_business_days(D(2026, 1, 16), 0) == D(2026, 1, 16)


def test_business_days_between_counts_after_start_through_end():
    assert CALENDAR.business_days_between(D(2026, 1, 16), D(2026, 1, 16)) == 0
    assert CALENDAR.business_days_between(D(2026, 1, 16), D(2026, 1, 19)) == 0
    assert CALENDAR.business_days_between(D(2026, 1, 16), D(2026, 1, 20)) == 1
    assert CALENDAR.business_days_between(D(2026, 1, 21), D(2026, 1, 16)) == -2
    # a disbursement made on day 3 is one business day late
    assert CALENDAR.business_days_between(D(2026, 1, 16), D(2026, 1, 22)) - 2 == 1


def test_across_the_year_boundary():
    assert CALENDAR.business_days_between(D(2025, 12, 24), D(2026, 1, 5)) == 6
    assert CALENDAR.next_business_day(D(2025, 12, 31)) == D(2026, 1, 2)
    assert CALENDAR.next_business_day(D(2027, 12, 23)) == D(2027, 12, 27)


def test_a_calendar_refuses_dates_beyond_its_years():
    only_2027 = connecticut_calendar([2027])
    with pytest.raises(OutsideCalendarError):
        only_2027.add_business_days(D(2027, 12, 30), 1)
    with pytest.raises(OutsideCalendarError):
        only_2027.is_business_day(D(2028, 1, 3))
    with pytest.raises(OutsideCalendarError):
        only_2027.business_days_between(D(2026, 12, 31), D(2027, 1, 4))


def test_bad_arguments():
    with pytest.raises(ValueError, match="zero or more"):
        CALENDAR.add_business_days(D(2026, 1, 16), -1)
    with pytest.raises(TypeError):
        CALENDAR.is_business_day(dt.datetime(2026, 1, 16, 9, 0))
    with pytest.raises(ValueError, match="at least one year"):
        connecticut_calendar([])


def test_a_gap_between_the_years_is_filled():
    calendar = connecticut_calendar([2025, 2027])
    assert not calendar.is_business_day(D(2026, 4, 3))  # Good Friday 2026
    assert calendar == connecticut_calendar(range(2025, 2028))


def test_an_announced_closure_moves_the_deadline():
    # given a governor's emergency closing on Tuesday 20 January 2026
    storm = D(2026, 1, 20)
    calendar = connecticut_calendar([2026], extra_closures=[storm])
    # then a receipt on Friday 16 January is due on Thursday 22 January
    assert calendar.add_business_days(D(2026, 1, 16), 2) == D(2026, 1, 22)
    assert calendar.why_closed(storm) == "Closure"
    assert "1 extra closure" in calendar.source


def test_an_announced_closure_keeps_its_reason():
    calendar = connecticut_calendar(
        [2026], extra_closures={D(2026, 2, 23): "Governor's closing: blizzard"}
    )
    assert calendar.why_closed(D(2026, 2, 23)) == "Governor's closing: blizzard"


def test_the_calendar_names_its_source_and_library_version():
    assert CALENDAR.source.startswith("holidays 0.")
    assert "US federal and US-CT" in CALENDAR.source


def test_a_calendar_from_plain_dates():
    # given a calendar built from data alone: 2 March 2026 (a Monday) is a holiday
    calendar = BusinessCalendar(
        holidays=frozenset({D(2026, 3, 2)}), first_day=D(2026, 2, 1), last_day=D(2026, 3, 31)
    )
    assert calendar.add_business_days(D(2026, 2, 27), 2) == D(2026, 3, 4)
    assert calendar.why_closed(D(2026, 3, 2)) == "Holiday"
    with pytest.raises(ValueError, match="after"):
        BusinessCalendar(holidays=frozenset(), first_day=D(2026, 2, 1), last_day=D(2026, 1, 1))


# Properties, over the 2024-2030 calendar.
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 12, 31))
counts = st.integers(min_value=0, max_value=60)


def count_by_hand(day: dt.date, n: int) -> dt.date:
    while n:
        day += dt.timedelta(days=1)
        if CALENDAR.is_business_day(day):
            n -= 1
    return day


@given(day=days, n=st.integers(min_value=1, max_value=60))
def test_adding_one_or_more_business_days_lands_on_a_business_day(day, n):
    result = CALENDAR.add_business_days(day, n)
    assert result > day
    assert CALENDAR.is_business_day(result)


@given(day=days, n=counts)
def test_adding_business_days_agrees_with_counting_day_by_day(day, n):
    assert CALENDAR.add_business_days(day, n) == count_by_hand(day, n)


@given(day=days, n=counts)
def test_adding_business_days_is_strictly_increasing_in_n(day, n):
    assert CALENDAR.add_business_days(day, n) < CALENDAR.add_business_days(day, n + 1)


@given(day=days, m=counts, n=counts)
def test_adding_in_two_steps_equals_adding_once(day, m, n):
    once = CALENDAR.add_business_days(day, m + n)
    assert CALENDAR.add_business_days(CALENDAR.add_business_days(day, m), n) == once


@given(day=days, n=counts)
def test_business_days_between_undoes_add(day, n):
    assert CALENDAR.business_days_between(day, CALENDAR.add_business_days(day, n)) == n


@given(start=days, end=days)
def test_add_undoes_business_days_between_up_to_the_last_business_day(start, end):
    between = CALENDAR.business_days_between(start, end)
    assert between == -CALENDAR.business_days_between(end, start)
    if end >= start:
        reached = CALENDAR.add_business_days(start, between)
        assert reached <= end
        assert CALENDAR.business_days_between(reached, end) == 0
        if CALENDAR.is_business_day(end):
            assert reached == end


@given(day=days)
def test_next_business_day_is_adding_one(day):
    following = CALENDAR.next_business_day(day)
    assert following == CALENDAR.add_business_days(day, 1)
    assert all(
        not CALENDAR.is_business_day(day + dt.timedelta(days=k))
        for k in range(1, (following - day).days)
    )
