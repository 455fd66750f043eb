"""The end of a child's current support, CGS 46b-84(b): at 18, or at the 12th grade's completion
or 19 for a full-time high-school student, unmarried and living with a parent."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules.support_duration import birthday, support_end_date

D = dt.date


def end(birth, *, student=False, unmarried_at_home=True, graduation=None):
    return support_end_date(
        birth_date=birth,
        end_age=18,
        student_end_age=19,
        high_school_student=student,
        unmarried_living_with_parent=unmarried_at_home,
        expected_graduation=graduation,
    )


@pytest.mark.parametrize(
    ("birth", "student", "unmarried_at_home", "graduation", "ends_on", "says"),
    [
        # not a student: the 18th birthday; support is owed through the day before
        (D(2008, 5, 10), False, True, None, D(2026, 5, 10), "Age 18"),
        # a student at 18 who completes the 12th grade before 19: the completion day
        (D(2008, 5, 10), True, True, D(2027, 6, 15), D(2027, 5, 10), "Age 19"),
        (D(2008, 9, 10), True, True, D(2027, 6, 15), D(2027, 6, 15), "Completion of the 12th"),
        # a student still in school at 19: the 19th birthday caps it
        (D(2008, 3, 1), True, True, D(2027, 6, 15), D(2027, 3, 1), "Age 19, before completing"),
        # graduating on the 19th birthday itself: the same day either way
        (D(2008, 6, 15), True, True, D(2027, 6, 15), D(2027, 6, 15), "Age 19"),
        # the 12th grade completed before 18: no extension
        (D(2008, 8, 1), True, True, D(2026, 6, 15), D(2026, 8, 1), "Age 18: the 12th grade"),
        # a student, but married or not living with a parent: 18
        (D(2008, 9, 10), True, False, D(2027, 6, 15), D(2026, 9, 10), "not unmarried"),
        # a student with no completion date on record: 19, and the basis says so
        (D(2008, 9, 10), True, True, None, D(2027, 9, 10), "no 12th-grade completion date"),
    ],
)
def test_support_end(birth, student, unmarried_at_home, graduation, ends_on, says):
    result = end(birth, student=student, unmarried_at_home=unmarried_at_home, graduation=graduation)
    assert result.ends_on == ends_on
    assert says in result.basis
    assert "CGS 46b-84(b)" in result.basis
    assert len(result.basis) <= 200  # fits OrderChild.end_basis


def test_29_february_births_turn_a_year_older_on_1_march_in_a_common_year():
    assert birthday(D(2008, 2, 29), 18) == D(2026, 3, 1)
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)  # a leap year
    assert end(D(2008, 2, 29)).ends_on == D(2026, 3, 1)
    assert end(D(2008, 2, 29), student=True).ends_on == D(2027, 3, 1)


def test_the_result_unpacks_as_date_and_basis():
    ends_on, basis = end(D(2010, 1, 2))
    assert ends_on == D(2028, 1, 2) and basis.startswith("Age 18")


@given(
    birth=st.dates(D(1990, 1, 1), D(2030, 12, 31)),
    student=st.booleans(),
    at_home=st.booleans(),
    graduation=st.none() | st.dates(D(2005, 1, 1), D(2050, 12, 31)),
)
def test_support_ends_between_18_and_19(birth, student, at_home, graduation):
    result = end(birth, student=student, unmarried_at_home=at_home, graduation=graduation)
    assert birthday(birth, 18) <= result.ends_on <= birthday(birth, 19)
    if not (student and at_home):
        assert result.ends_on == birthday(birth, 18)
