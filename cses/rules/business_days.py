"""Business days for the program's deadlines (no framework imports).

Two federal timeframes count business days:

- **42 USC 654b(c)(1)** and **45 CFR 302.32(b)**: the State Disbursement Unit disburses a
  collection within 2 business days of receiving it.
- **45 CFR 303.100(e)**: the agency sends an income-withholding order to the employer within
  2 business days of learning of the employer.

42 USC 654b(d) defines a business day as a day on which state offices are open for regular
business. Connecticut's policy (``ct-policy.md``) reads that as every weekday that is neither a
federal holiday nor a Connecticut legal holiday (CGS 1-4). An administrator can add a one-off
closure, such as a governor's emergency closing, as data.

**How the days are counted.** The day of the event is day 0, whether or not offices are open
that day: the day the SDU receives a payment, or the day the system learns of an employer.
Business day 1 is the first business day after it. "Within *n* business days" therefore ends on
``add_business_days(event, n)``, and the action is on time if it happens on or before that day.

- A receipt on Friday 16 January 2026, before Martin Luther King Jr. Day (Monday 19 January),
  is due on Wednesday 21 January. Tuesday is day 1 and Wednesday is day 2.
- A receipt on a Saturday or Sunday is day 0 on that day, so the following Monday is day 1 if
  offices are open. This is the stricter of the two possible readings: 45 CFR 302.51(a)(4) dates
  a collection on the day the SDU receives it, not on the next business day.

The calendar knows only the holidays of the years it was built for. A date outside those years
raises ``OutsideCalendarError``, so an unknown year is never treated as having no holidays.
Build the calendar for every year a deadline can reach (usually last year, this year and next
year).

The holiday dates come from the maintained ``holidays`` library (python-holidays, Vacanza team,
https://github.com/vacanza/holidays; the version is pinned in ``requirements.lock``, 0.109 when
this was written). The library is imported only inside ``connecticut_holidays``. Every other
function here takes its holidays as data.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_ONE_DAY = dt.timedelta(days=1)
_WEEKEND = {5: "Saturday", 6: "Sunday"}


class OutsideCalendarError(ValueError):
    """A date falls outside the years whose holidays the calendar was built with."""


@dataclass(frozen=True)
class BusinessCalendar:
    """Business days from ``first_day`` to ``last_day``: every weekday that is not in
    ``holidays`` (42 USC 654b(d): a day on which state offices are open for regular business).

    ``holidays`` holds every day offices are closed other than weekends: observed holidays and
    any extra closures. A holiday that falls on a weekend may be included; it changes nothing.
    ``names`` optionally gives the reason for each closed day, for explanations. ``source``
    says where the dates came from.
    """

    holidays: frozenset[dt.date] = field(repr=False)
    first_day: dt.date
    last_day: dt.date
    names: Mapping[dt.date, str] = field(default_factory=dict, compare=False, repr=False)
    source: str = ""
    _business_days: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first_day > self.last_day:
            raise ValueError(f"first_day {self.first_day} is after last_day {self.last_day}")
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))
        days = []
        day = self.first_day
        while day <= self.last_day:
            if day.weekday() < 5 and day not in self.holidays:
                days.append(day)
            day += _ONE_DAY
        object.__setattr__(self, "_business_days", tuple(days))

    def _check(self, day: dt.date) -> None:
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise TypeError(f"expected a date, got {day!r}")
        if not self.first_day <= day <= self.last_day:
            raise OutsideCalendarError(
                f"{day} is outside this calendar ({self.first_day} to {self.last_day}); "
                "build the calendar with more years"
            )

    def is_business_day(self, day: dt.date) -> bool:
        """Whether state offices are open on ``day``: a weekday that is not a federal or
        Connecticut holiday or an announced closure (42 USC 654b(d))."""
        self._check(day)
        return day.weekday() < 5 and day not in self.holidays

    def why_closed(self, day: dt.date) -> str | None:
        """Why ``day`` is not a business day ("Saturday", "Good Friday", ...), or None if
        offices are open that day. A holiday that falls on a weekend is reported as the
        weekend day."""
        self._check(day)
        if day.weekday() in _WEEKEND:
            return _WEEKEND[day.weekday()]
        if day in self.holidays:
            return self.names.get(day, "Holiday")
        return None

    def add_business_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th business day after ``day``. This is the last day for an action due
        "within ``n`` business days" of ``day``: 42 USC 654b(c)(1) and 45 CFR 302.32(b)
        (disbursement within 2 business days of the SDU's receipt), and 45 CFR 303.100(e)
        (income withholding within 2 business days).

        ``day`` itself is day 0 and is never counted, even when it is a business day.
        ``n == 0`` returns ``day`` unchanged, even when it is not a business day. For
        ``n >= 1`` the result is always a business day after ``day``. Raises ValueError for a
        negative ``n`` and OutsideCalendarError when the answer lies beyond ``last_day``.
        """
        if n < 0:
            raise ValueError(f"n must be zero or more, got {n}")
        self._check(day)
        if n == 0:
            return day
        index = bisect_right(self._business_days, day) + n - 1
        if index >= len(self._business_days):
            raise OutsideCalendarError(
                f"{n} business days after {day} is beyond {self.last_day}; "
                "build the calendar with more years"
            )
        return self._business_days[index]

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after ``day``. This equals
        ``add_business_days(day, 1)``, so it is the next day even when ``day`` is itself a
        business day (42 USC 654b(d))."""
        return self.add_business_days(day, 1)

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many business days fall after ``start`` and on or before ``end``, counted the
        way ``add_business_days`` counts (42 USC 654b(c)(1), 45 CFR 303.100(e)). The result is
        negative when ``end`` is before ``start``.

        Therefore ``business_days_between(d, add_business_days(d, n)) == n``. An action taken
        on ``end`` is within ``n`` business days of ``start`` exactly when this is at most
        ``n``. A disbursement made on day 3 after its receipt is one business day late.
        """
        self._check(start)
        self._check(end)
        return bisect_right(self._business_days, end) - bisect_right(self._business_days, start)


def holidays_library_version() -> str:
    """The version of the ``holidays`` library that supplies the holiday dates."""
    import holidays as holidays_library

    return holidays_library.__version__


def connecticut_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Every federal holiday and Connecticut legal holiday in ``years``, with its observed
    dates, keyed by date. These are the days state offices are closed (42 USC 654b(d);
    ct-policy.md: "weekdays other than federal and Connecticut state holidays").

    The source is the ``holidays`` library (python-holidays, https://github.com/vacanza/holidays;
    version pinned in requirements.lock, 0.109 when this was written). The result is the union
    of ``country_holidays("US")`` (the federal holidays of 5 USC 6103) and
    ``country_holidays("US", subdiv="CT")`` (the Connecticut holidays of CGS 1-4: the federal
    days plus Lincoln's Birthday on 12 February, and Good Friday, a holiday under the CGS 1-4
    clause for days the Governor appoints that appears on every state observance list). Both use the library's default "public" category. That category leaves out
    one-off federal closings by executive order (for example 24 and 26 December 2025), because
    those close federal offices, not state ones. Record such a day as an extra closure if state
    offices also close.

    Observed days follow 5 USC 6103(b) and CGS 1-4, and the library applies them to fixed-date
    holidays (``observed=True``, its default): a holiday on a Saturday is also observed on the
    Friday before, and one on a Sunday on the Monday after. Both the actual day and the observed
    day are returned. The observed day is named "<holiday> (observed)". The observed day
    belongs to the year it falls in. When 1 January falls on a Saturday, its observed Friday is
    31 December of the year before (31 December 2027 for New Year's Day 2028). That day is
    returned when the earlier year is requested, not the later one.

    When several holidays fall on one date their names are joined with "; ".
    """
    import holidays as holidays_library

    wanted = sorted(set(years))
    if not wanted:
        return {}
    names: dict[dt.date, list[str]] = {}
    for table in (
        holidays_library.country_holidays("US", years=wanted),
        holidays_library.country_holidays("US", subdiv="CT", years=wanted),
    ):
        for day, joined in table.items():
            if day.year not in wanted:
                continue
            parts = names.setdefault(day, [])
            for name in joined.split("; "):
                if name not in parts:
                    parts.append(name)
    return {day: "; ".join(parts) for day, parts in sorted(names.items())}


def connecticut_calendar(
    years: Iterable[int],
    extra_closures: Iterable[dt.date] | Mapping[dt.date, str] = (),
) -> BusinessCalendar:
    """The business calendar of Connecticut's state offices, covering every year from the
    earliest to the latest of ``years``. A gap between the years is filled, so no year inside
    the span is left without its holidays (42 USC 654b(d); 42 USC 654b(c)(1); 45 CFR
    303.100(e)).

    Its holidays are ``connecticut_holidays`` plus ``extra_closures``: days an administrator
    records because state offices closed (a governor's emergency closing, for example). Pass
    either dates, which are named "Closure", or a mapping of date to reason.
    """
    wanted = sorted(set(years))
    if not wanted:
        raise ValueError("a calendar needs at least one year")
    span = range(wanted[0], wanted[-1] + 1)
    names = connecticut_holidays(span)
    closures = (
        dict(extra_closures)
        if isinstance(extra_closures, Mapping)
        else dict.fromkeys(extra_closures, "Closure")
    )
    extra = 0
    for day, reason in closures.items():
        if day in names:
            names[day] = f"{names[day]}; {reason}"
        else:
            names[day] = reason
            extra += 1
    return BusinessCalendar(
        holidays=frozenset(names),
        first_day=dt.date(span[0], 1, 1),
        last_day=dt.date(span[-1], 12, 31),
        names=names,
        source=(
            f"holidays {holidays_library_version()}: US federal and US-CT public holidays "
            f"{span[0]}-{span[-1]}; {extra} extra closure(s)"
        ),
    )
