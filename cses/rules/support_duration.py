"""When a child's current support ends: CGS 46b-84(b) (no framework imports).

Support runs until the child turns 18. If at 18 the child is a full-time high-school student,
unmarried and living with a parent, it runs until the child finishes the 12th grade or turns 19,
whichever comes first. The two ages arrive as data (parameters ``support_end_age`` and
``support_end_age_student``), never as literals here.

The convention CSES keeps, everywhere a date ends support: **support ends on the day of the
event** — the birthday, or the day the 12th grade is completed. No support falls due on or after
that day; the last day support is owed for is the day before. The obligation schedule
(``cses.rules.obligations``) stops charges on the end date itself.

A child born on 29 February turns a year older, in a common year, on 1 March: the child has not
lived the full number of years until 28 February is over (the reading of the Family Law Reform
Act 1969 s. 9 and of most U.S. courts; CGS is silent). Support is therefore owed through
28 February.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SupportEnd:
    """The day support ends (nothing falls due on or after it) and why, in words."""

    ends_on: dt.date
    basis: str

    def __iter__(self):
        return iter((self.ends_on, self.basis))


def birthday(birth_date: dt.date, age: int) -> dt.date:
    """The day a person born on ``birth_date`` reaches ``age``; 29 February births reach it on
    1 March of a common year."""
    year = birth_date.year + age
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


def support_end_date(
    *,
    birth_date: dt.date,
    end_age: int,
    student_end_age: int,
    high_school_student: bool,
    unmarried_living_with_parent: bool,
    expected_graduation: dt.date | None,
) -> SupportEnd:
    """The day a child's current support ends, CGS 46b-84(b).

    - Support ends on the child's ``end_age`` (18th) birthday.
    - If on that birthday the child is a full-time high-school student, unmarried and living
      with a parent, it ends instead on the earlier of the day the child completes the 12th grade
      (``expected_graduation``) and the ``student_end_age`` (19th) birthday. Without an expected
      completion date the 19th birthday is used, and the basis says so.
    - A completion date on or before the 18th birthday means the child is no longer a student at
      18: support ends at 18.
    """
    at_end_age = birthday(birth_date, end_age)
    if not high_school_student:
        return SupportEnd(at_end_age, f"Age {end_age} (CGS 46b-84(b))")
    if not unmarried_living_with_parent:
        return SupportEnd(
            at_end_age,
            f"Age {end_age}: a high-school student, but not unmarried and living with a parent "
            "(CGS 46b-84(b))",
        )
    at_cap = birthday(birth_date, student_end_age)
    if expected_graduation is None:
        return SupportEnd(
            at_cap,
            f"Age {student_end_age}: a full-time high-school student at {end_age}, unmarried and "
            "living with a parent; no 12th-grade completion date recorded (CGS 46b-84(b))",
        )
    if expected_graduation <= at_end_age:
        return SupportEnd(
            at_end_age,
            f"Age {end_age}: the 12th grade is completed by then (CGS 46b-84(b))",
        )
    if expected_graduation < at_cap:
        return SupportEnd(
            expected_graduation,
            f"Completion of the 12th grade, before age {student_end_age}: a full-time "
            f"high-school student at {end_age}, unmarried and living with a parent "
            "(CGS 46b-84(b))",
        )
    return SupportEnd(
        at_cap,
        f"Age {student_end_age}, before completing the 12th grade: a full-time high-school "
        f"student at {end_age}, unmarried and living with a parent (CGS 46b-84(b))",
    )
