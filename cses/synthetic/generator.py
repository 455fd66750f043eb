"""A synthetic Connecticut caseload for the demo, the tests and the benchmarks (``cses seed``).

Every value is drawn from one ``random.Random(seed)`` and every date counts back from ``as_of``,
so the same number of cases, seed and as-of date give the same families, case histories and
diaries. Case numbers come from the shared counter, so seeded and live cases never collide; a
second run adds cases with the same offsets from wherever the counter stands. Cases are written
in chunks, one transaction per chunk, so memory stays bounded and a large caseload loads in
minutes (see ``cses.synthetic.bulk``).

A case's facts agree with its lifecycle status as ``cses.rules.case_lifecycle`` requires: a case
is seeded in a stage only when the stage's entry requirements hold (an enforcement case has an
order, a located parent and paternity established; a paternity case a child whose paternity is
open), and its status history moves only along the rules' edges.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate, pairwise
from typing import Generic, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cses.accounts.models import Profile
from cses.accounts.roles import Role
from cses.cases.models import (
    Case,
    CaseMember,
    CaseSource,
    CaseStatus,
    CaseStatusChange,
    DiaryEntry,
    InterstateRole,
    MemberRole,
    PaternityStatus,
    ProgramType,
)
from cses.core.counters import allocate
from cses.core.models import Town
from cses.core.parameters import int_parameter
from cses.orders.models import Court, OrderChild, OrderVersion, SupportOrder
from cses.people.models import (
    Address,
    Alias,
    Employer,
    Employment,
    Language,
    Person,
    Phone,
    Sex,
    VerificationSource,
)
from cses.rules.case_lifecycle import CLOSURE_REASONS, EDGES, CaseState
from cses.rules.frequency import Frequency, from_weekly, to_cents, to_weekly
from cses.rules.support_duration import support_end_date
from cses.synthetic import names
from cses.synthetic.bulk import Table
from cses.synthetic.names import Origin

T = TypeVar("T")
S = CaseStatus
DAY = dt.timedelta(days=1)
CASES_PER_EMPLOYER = 60
# An employer's FEIN: an IRS campus prefix, then seven digits that are the employer counter
# multiplied by a number prime to ten (so distinct for ten million employers). Prefix 06 is left
# to the test factories.
FEIN_PREFIXES = ("04", "13", "20", "22", "26", "27", "45", "46", "47", "81", "82", "83", "84", "86")
FEIN_STRIDE = 7_654_321
ZERO = Decimal(0)
# A seeded order's weekly current support grows with the children it covers, as the schedule's
# columns do.
CHILDREN_FACTOR = {1: 1.0, 2: 1.45, 3: 1.7, 4: 1.9, 5: 2.05}


@dataclass(frozen=True)
class Mix:
    """The shape of a seeded caseload: shares of programs and statuses, and the ages of cases."""

    programs: dict[str, float]
    statuses: dict[str, float]
    # How long ago a case in each status was opened, in days (low, high).
    opened_days_ago: dict[str, tuple[int, int]]
    # How long a case has been in its status (a closed case: since it closed), in days.
    days_in_status: dict[str, tuple[int, int]]
    interstate_share: float = 0.05
    family_violence_share: float = 0.03
    children_weights: tuple[float, ...] = (0.50, 0.28, 0.13, 0.06, 0.03)  # 1 to 5 children
    office_codes: tuple[str, ...] = ()  # empty: every DSS office, by its towns' caseloads


CONNECTICUT = Mix(
    programs={
        ProgramType.CURRENT_ASSISTANCE: 0.15,
        ProgramType.FORMER_ASSISTANCE: 0.40,
        ProgramType.NEVER_ASSISTANCE: 0.40,
        ProgramType.MEDICAID_ONLY: 0.05,
    },
    statuses={
        S.INTAKE: 0.04,
        S.LOCATE: 0.12,
        S.PATERNITY: 0.07,
        S.ESTABLISHMENT: 0.10,
        S.ENFORCEMENT: 0.49,
        S.CLOSURE_PENDING: 0.01,
        S.CLOSED: 0.17,
    },
    opened_days_ago={
        S.INTAKE: (0, 19),
        S.LOCATE: (10, 400),
        S.PATERNITY: (20, 700),
        S.ESTABLISHMENT: (30, 900),
        S.ENFORCEMENT: (90, 12 * 365),
        S.CLOSURE_PENDING: (200, 10 * 365),
        S.CLOSED: (200, 12 * 365),
    },
    days_in_status={
        S.INTAKE: (0, 0),
        S.LOCATE: (0, 390),
        S.PATERNITY: (0, 200),
        S.ESTABLISHMENT: (0, 250),
        S.ENFORCEMENT: (0, 10 * 365),
        S.CLOSURE_PENDING: (0, 59),
        S.CLOSED: (0, 11 * 365),
    },
)

# The stage a closing case had reached, and the 303.11 reasons that fit each stage (weighted).
CLOSED_FROM_STAGE = {
    S.INTAKE: 0.06,
    S.LOCATE: 0.25,
    S.PATERNITY: 0.06,
    S.ESTABLISHMENT: 0.13,
    S.ENFORCEMENT: 0.50,
}
CLOSURE_REASONS_BY_STAGE: dict[str, tuple[tuple[str, int], ...]] = {
    S.INTAKE: (("b12", 4), ("b20", 2), ("b15", 2), ("b16", 2), ("b4", 1)),
    S.LOCATE: (("b7", 6), ("b11", 1), ("b12", 2), ("b15", 2), ("b4", 1)),
    S.PATERNITY: (("b6", 4), ("b12", 2), ("b16", 2)),
    S.ESTABLISHMENT: (("b12", 3), ("b16", 2), ("b5", 1), ("b8", 1), ("b9", 1), ("b4", 1)),
    S.ENFORCEMENT: (("b1", 6), ("b2", 2), ("b12", 2), ("b4", 1), ("b8", 1), ("b9", 1)),
}
RESPONDING_CLOSURE_REASONS = (("b18", 3), ("b19", 2), ("b17", 1))
# (b)(15) and (16) concern recipients not on assistance, (b)(12) recipients with no assigned
# arrears, (b)(2) arrears assigned to the State, (b)(14) good cause under the assistance program.
NOT_ON_ASSISTANCE_REASONS = {"b12", "b15", "b16"}
ASSIGNED_ARREARS_REASONS = {"b2", "b14"}
LOCATED_STAGES = (S.PATERNITY, S.ESTABLISHMENT, S.ENFORCEMENT)

# Areas 001-899 without 666, groups 01-99, serials 0001-9999: every SSN the SSA may issue. The
# stride is a prime sharing no factor with the size, so stepping by it visits each number once.
SSN_SPACE = 898 * 99 * 9999
SSN_STRIDE = 2_147_483_647


@dataclass
class SeedResult:
    cases: int
    rows: dict[str, int]
    seconds: float
    first_case_number: str
    last_case_number: str
    ssns: list[str] = field(default_factory=list)  # given out, when asked for (tests)


class _Weighted(Generic[T]):
    """A fixed weighted choice, drawn with one random number."""

    def __init__(self, weights: dict[T, float] | Sequence[tuple[T, float]]):
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.values = [v for v, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.cum)[0]


class _Chunk:
    """The rows of a chunk of cases, parents before children in writing order."""

    def __init__(self) -> None:
        self.persons = Table(
            Person,
            [
                "last_name",
                "first_name",
                "middle_name",
                "suffix",
                "date_of_birth",
                "sex",
                "preferred_language",
                "email",
                "ssn_encrypted",
                "ssn_index",
                "ssn_last4",
            ],
            keep_ids=True,
        )
        of_person = {"person": self.persons}
        self.aliases = Table(Alias, ["person", "last_name", "first_name"], refs=of_person)
        self.phones = Table(Phone, ["person", "kind", "number", "sms_consent"], refs=of_person)
        self.addresses = Table(
            Address,
            [
                "person",
                "line1",
                "line2",
                "city",
                "state",
                "zip_code",
                "source",
                "verified_by",
                "verified_on",
                "start_date",
                "end_date",
            ],
            refs=of_person,
        )
        self.employments = Table(
            Employment,
            ["person", "employer", "start_date", "end_date", "source"],
            refs=of_person,
        )
        self.cases = Table(
            Case,
            [
                "case_number",
                "program_type",
                "interstate_role",
                "other_state",
                "office",
                "assigned_worker",
                "status",
                "status_since",
                "source",
                "application_date",
                "opened_on",
                "closed_on",
                "closure_reason",
                "closure_effective",
                "iv_a_case_number",
                "existing_order_docket",
            ],
            keep_ids=True,
        )
        self.members = Table(
            CaseMember,
            [
                "case",
                "person",
                "role",
                "paternity_status",
                "high_school_student",
                "family_violence",
                "family_violence_since",
                "joined_on",
            ],
            refs={"case": self.cases, "person": self.persons},
            keep_ids=True,
        )
        of_case = {"case": self.cases}
        self.changes = Table(
            CaseStatusChange,
            ["case", "from_status", "to_status", "at", "by", "reason", "closure_reason"],
            refs=of_case,
        )
        self.diary = Table(DiaryEntry, ["case", "at", "author", "kind", "text"], refs=of_case)
        self.orders = Table(
            SupportOrder,
            [
                "case",
                "docket_number",
                "court",
                "issued_by",
                "entered_at",
                "entered_by",
                "active",
                "ended_on",
            ],
            refs=of_case,
            keep_ids=True,
        )
        self.order_versions = Table(
            OrderVersion,
            [
                "order",
                "version",
                "kind",
                "basis",
                "effective_from",
                "frequency",
                "current_support",
                "arrearage_payment",
                "cash_medical_support",
                "child_care_contribution",
                "current_support_weekly",
                "medical_coverage_by",
                "unreimbursed_medical_percent",
                "reason",
                "entered_at",
                "entered_by",
            ],
            refs={"order": self.orders},
        )
        self.order_children = Table(
            OrderChild,
            [
                "order",
                "child",
                "support_ends_on",
                "end_basis",
                "ended",
                "high_school_student",
                "expected_graduation",
            ],
            refs={"order": self.orders, "child": self.members},
        )

    def write(self) -> dict[str, int]:
        tables = {
            "persons": self.persons,
            "aliases": self.aliases,
            "phones": self.phones,
            "addresses": self.addresses,
            "employments": self.employments,
            "cases": self.cases,
            "members": self.members,
            "status changes": self.changes,
            "diary entries": self.diary,
            "support orders": self.orders,
            "order versions": self.order_versions,
            "order children": self.order_children,
        }
        with transaction.atomic():
            for table in tables.values():
                table.write()
        return {label: len(table) for label, table in tables.items()}


class _Person(NamedTuple):
    row: int
    first_name: str
    last_name: str
    sex: str


class _Timeline(NamedTuple):
    """A case's moves after intake (status, date), and when its parent was found."""

    moves: list[tuple[str, dt.date]]
    located_on: dt.date


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_text.lower() if c.isalnum())


def _years(n: float) -> dt.timedelta:
    return dt.timedelta(days=round(n * 365.25))


def _between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo if hi <= lo else lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


class _Generator:
    def __init__(
        self,
        *,
        rng: random.Random,
        as_of: dt.date,
        mix: Mix,
        towns: list[Town],
        workers: dict[int, list[int]],
        employer_ids: list[int],
        notice_days: int,
        keep_ssns: bool,
        order_rng: random.Random,
        support_end_ages: tuple[int, int],
    ):
        self.rng = rng
        self.order_rng = order_rng
        self.support_end_age, self.student_end_age = support_end_ages
        # An 18-year-old student finishes the 12th grade on the next 15 June.
        june = dt.date(as_of.year, 6, 15)
        self.graduation = june if as_of < june else june.replace(year=as_of.year + 1)
        self.frequencies = _Weighted(
            [
                (Frequency.WEEKLY, 0.55),
                (Frequency.BIWEEKLY, 0.15),
                (Frequency.SEMIMONTHLY, 0.05),
                (Frequency.MONTHLY, 0.25),
            ]
        )
        self.coverage = _Weighted(
            [
                (OrderVersion.MedicalCoverageBy.NONCUSTODIAL, 0.45),
                (OrderVersion.MedicalCoverageBy.CUSTODIAL, 0.25),
                (OrderVersion.MedicalCoverageBy.NONE, 0.30),
            ]
        )
        self.as_of = as_of
        self.mix = mix
        self.workers = workers
        self.notice_days = notice_days
        self.tz = ZoneInfo(settings.TIME_ZONE)
        # A few large employers and many small ones.
        self.employers = _Weighted(
            [(e, 1 / (rank + 1) ** 0.9) for rank, e in enumerate(employer_ids)]
        )
        self.towns = _Weighted(
            [
                (
                    t,
                    names.TOWN_POPULATION.get(t.name, names.SMALL_TOWN_POPULATION)
                    * (names.CITY_CASELOAD_FACTOR if t.name in names.CITIES else 1),
                )
                for t in towns
            ]
        )
        self.city_origins = _Weighted([(o, o.city_weight) for o in names.ORIGINS])
        self.town_origins = _Weighted([(o, o.town_weight) for o in names.ORIGINS])
        self.any_origins = _Weighted([(o, o.city_weight + o.town_weight) for o in names.ORIGINS])
        self.programs = _Weighted(mix.programs)
        self.statuses = _Weighted(mix.statuses)
        self.closed_from = _Weighted(CLOSED_FROM_STAGE)
        self.children = _Weighted([(n + 1, w) for n, w in enumerate(mix.children_weights)])
        self.states = _Weighted([(s, w) for s, w, _ in names.OTHER_STATES])
        self.state_cities = {s: cities for s, _, cities in names.OTHER_STATES}
        self.custodians = _Weighted([("mother", 0.86), ("father", 0.09), ("grandmother", 0.05)])
        self.address_verifiers = _Weighted(
            [
                (VerificationSource.POSTAL, 4),
                (VerificationSource.DMV, 3),
                (VerificationSource.FPLS, 2),
                (VerificationSource.EMPLOYER, 2),
                (VerificationSource.WORKER, 1),
            ]
        )
        self.job_sources = _Weighted(
            [
                (VerificationSource.NDNH, 5),
                (VerificationSource.EMPLOYER, 2),
                (VerificationSource.APPLICANT, 3),
            ]
        )
        self.opening_reasons = {
            s: f"Case opened from {CaseSource(s).label.lower()}" for s in CaseSource
        }
        self.status_labels = {s: str(CaseStatus(s).label) for s in CaseStatus}
        self.ssn_next = rng.randrange(SSN_SPACE)
        self.ssns: list[str] | None = [] if keep_ssns else None
        # Person.set_ssn on one scratch instance: the model's own encryption, without building
        # a model instance per person.
        self.ssn_holder = Person()
        self.case_index = 0

    # --- small parts -------------------------------------------------------------------------

    def ssn(self) -> str:
        self.ssn_next = (self.ssn_next + SSN_STRIDE) % SSN_SPACE
        rest, serial = divmod(self.ssn_next, 9999)
        area, group = divmod(rest, 99)
        area += 1
        area += area >= 666
        digits = f"{area:03d}{group + 1:02d}{serial + 1:04d}"
        if self.ssns is not None:
            self.ssns.append(digits)
        return digits

    def phone(self) -> str:
        return f"{self.rng.choice(names.AREA_CODES)}-555-01{self.rng.randint(0, 99):02d}"

    def street(self) -> str:
        rng = self.rng
        return (
            f"{rng.randint(1, 1999)} {rng.choice(names.STREET_NAMES)} "
            f"{rng.choice(names.STREET_KINDS)}"
        )

    def unit(self) -> str:
        rng = self.rng
        return f"Apt {rng.randint(1, 6)}{rng.choice('ABCD')}" if rng.random() < 0.35 else ""

    def at(self, day: dt.date, seq: int) -> dt.datetime:
        """A time in office hours on ``day``; a later ``seq`` comes later in the day."""
        minutes = min(8 * 60 + seq * 20 + self.rng.randint(0, 19), 23 * 60 + 59)
        return dt.datetime(
            day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=self.tz
        )

    def language(self, origin: Origin, spanish_factor: float = 1.0) -> str:
        draw = self.rng.random()
        spanish = origin.spanish_share * spanish_factor
        if draw < spanish:
            return Language.SPANISH
        if draw < spanish + origin.other_language_share:
            return Language.OTHER
        return Language.ENGLISH

    def person(
        self,
        chunk: _Chunk,
        origin: Origin,
        *,
        sex: str,
        dob: dt.date,
        ssn_share: float,
        last_name: str | None = None,
        child: bool = False,
        language: str = Language.ENGLISH,
        email_share: float = 0.0,
    ) -> _Person:
        rng = self.rng
        if child:
            firsts = origin.girls if sex == Sex.FEMALE else origin.boys
        else:
            firsts = origin.women if sex == Sex.FEMALE else origin.men
        first = rng.choice(firsts)
        last = last_name or rng.choice(origin.surnames)
        middle = rng.choice(firsts) if rng.random() < 0.25 else ""
        suffix = "Jr." if sex == Sex.MALE and not child and rng.random() < 0.03 else ""
        email = ""
        if rng.random() < email_share:
            domain = rng.choice(("example.com", "example.org"))
            email = f"{_slug(first)}.{_slug(last)}{rng.randint(1, 99)}@{domain}"
        holder = self.ssn_holder
        holder.set_ssn(self.ssn() if rng.random() < ssn_share else "")
        row = chunk.persons.add(
            last,
            first,
            middle if middle != first else "",
            suffix,
            dob,
            sex,
            language,
            email,
            holder.ssn_encrypted,
            holder.ssn_index,
            holder.ssn_last4,
        )
        return _Person(row, first, last, sex)

    def alias(self, chunk: _Chunk, person: _Person, origin: Origin) -> None:
        """Another name the person is known by: another surname, or another first name."""
        rng = self.rng
        if rng.random() < 0.6:
            other = rng.choice(origin.surnames)
            if other != person.last_name:
                chunk.aliases.add(person.row, other, person.first_name)
        else:
            other = rng.choice(origin.women if person.sex == Sex.FEMALE else origin.men)
            if other != person.first_name:
                chunk.aliases.add(person.row, person.last_name, other)

    def address(
        self,
        chunk: _Chunk,
        person: _Person,
        *,
        place: tuple[str, str, str],
        start: dt.date,
        source: str = VerificationSource.APPLICANT,
        verified_by: str = "",
        verified_on: dt.date | None = None,
        history_share: float = 0.25,
    ) -> None:
        """The current address, sometimes after an earlier one in Connecticut."""
        rng = self.rng
        if rng.random() < history_share:
            town = self.towns.pick(rng)
            chunk.addresses.add(
                person.row,
                self.street(),
                self.unit(),
                town.name,
                "CT",
                town.zip_code,
                VerificationSource.APPLICANT,
                "",
                None,
                start - dt.timedelta(days=rng.randint(200, 2500)),
                start,
            )
        city, state, zip_code = place
        chunk.addresses.add(
            person.row,
            self.street(),
            self.unit(),
            city,
            state,
            zip_code,
            source,
            verified_by,
            verified_on,
            start,
            None,
        )

    def out_of_state_place(self, state: str) -> tuple[str, str, str]:
        city, zip_code = self.rng.choice(self.state_cities[state])
        return (city, state, zip_code)

    def employment(
        self, chunk: _Chunk, person: _Person, *, current_from: dt.date | None, past: bool
    ) -> None:
        rng = self.rng
        if past:
            end = (current_from or self.as_of) - dt.timedelta(days=rng.randint(30, 900))
            chunk.employments.add(
                person.row,
                self.employers.pick(rng),
                end - dt.timedelta(days=rng.randint(90, 1500)),
                end,
                rng.choice((VerificationSource.NDNH, VerificationSource.APPLICANT)),
            )
        if current_from is not None:
            chunk.employments.add(
                person.row, self.employers.pick(rng), current_from, None, self.job_sources.pick(rng)
            )

    # --- a case ------------------------------------------------------------------------------

    def children_dobs(
        self, count: int, opened_on: dt.date, *, allow_eighteen: bool
    ) -> list[tuple[dt.date, bool]]:
        """(birth date, high-school student) of up to ``count`` children, oldest first: born by
        the opening, 0-17 years old on the as-of date, now and then an 18-year-old student."""
        rng = self.rng
        lo = self.as_of - _years(18) + DAY
        hi = min(opened_on, self.as_of)
        out: list[tuple[dt.date, bool]] = []
        if allow_eighteen and rng.random() < 0.05:
            out.append((self.as_of - _years(18) - dt.timedelta(days=rng.randint(0, 300)), True))
            count -= 1
        if count <= 0:
            return out
        day = min(hi, _between(rng, lo, max(lo, hi - dt.timedelta(days=400 * (count - 1)))))
        for _ in range(count):
            if day > hi:
                break
            out.append((day, False))
            day += dt.timedelta(days=rng.randint(330, 1200))
        return out

    def paternity(
        self, count: int, *, stage: str, married: bool, lost_after_order: bool
    ) -> list[str]:
        rng = self.rng

        def established() -> str:
            if rng.random() < 0.7:
                return PaternityStatus.ACKNOWLEDGED
            return PaternityStatus.ADJUDICATED

        if married:
            return [PaternityStatus.MARITAL_PRESUMPTION] * count
        if stage in (S.ESTABLISHMENT, S.ENFORCEMENT) or lost_after_order:
            return [established() for _ in range(count)]
        share_open = 0.6 if stage == S.PATERNITY else 0.35
        out = [
            PaternityStatus.NOT_ESTABLISHED if rng.random() < share_open else established()
            for _ in range(count)
        ]
        if stage == S.PATERNITY:
            out[-1] = PaternityStatus.NOT_ESTABLISHED
        return out

    def closure_reason(
        self, *, stage: str, program: str, responding: bool, notice_only: bool
    ) -> str:
        choices = list(CLOSURE_REASONS_BY_STAGE[stage])
        if responding:
            choices += RESPONDING_CLOSURE_REASONS
        on_assistance = program == ProgramType.CURRENT_ASSISTANCE
        assigned = program in (ProgramType.CURRENT_ASSISTANCE, ProgramType.FORMER_ASSISTANCE)
        fitting = [
            (code, weight)
            for code, weight in choices
            if not (code in NOT_ON_ASSISTANCE_REASONS and on_assistance)
            and not (code == "b12" and assigned)
            and not (code in ASSIGNED_ARREARS_REASONS and not assigned)
            and not (notice_only and not CLOSURE_REASONS[code].notice_required)
        ]
        return _Weighted(fitting).pick(self.rng)

    def timeline(
        self,
        *,
        stage: str,
        opened_on: dt.date,
        entered_on: dt.date,
        adjudicated: bool,
        prior_order: bool,
        lost_after_order: bool,
    ) -> _Timeline:
        """The moves from intake to ``stage``, the last one on ``entered_on``."""
        rng = self.rng
        path: list[str] = []
        if stage == S.LOCATE:
            if lost_after_order:
                path = [S.ENFORCEMENT] if prior_order else [S.ESTABLISHMENT, S.ENFORCEMENT]
            path.append(S.LOCATE)
        elif stage in LOCATED_STAGES:
            if rng.random() < 0.45:
                path.append(S.LOCATE)
            # A case enforcing an order made before intake skips paternity and establishment.
            order_work = not (stage == S.ENFORCEMENT and prior_order)
            if stage == S.PATERNITY or (order_work and adjudicated and rng.random() < 0.8):
                path.append(S.PATERNITY)
            if stage == S.ESTABLISHMENT or (stage == S.ENFORCEMENT and order_work):
                path.append(S.ESTABLISHMENT)
            if stage == S.ENFORCEMENT:
                path.append(S.ENFORCEMENT)
                if rng.random() < 0.06:  # lost track of the parent, found again
                    path += [S.LOCATE, S.ENFORCEMENT]
        days = [*sorted(_between(rng, opened_on, entered_on) for _ in path[:-1]), entered_on]
        moves = list(zip(path, days, strict=False))
        located_on = opened_on
        for (before, _), (after, day) in pairwise(moves):
            if before == S.LOCATE and after in LOCATED_STAGES:
                located_on = day
        previous = S.INTAKE
        for status, _ in moves:
            if CaseState(status) not in EDGES[CaseState(previous)]:
                raise AssertionError(f"seeded a move from {previous} to {status}")
            previous = status
        return _Timeline(moves, located_on)

    def case(self, number: int, chunk: _Chunk) -> None:
        rng = self.rng
        mix = self.mix
        index = self.case_index
        self.case_index += 1

        status = self.statuses.pick(rng)
        program = self.programs.pick(rng)
        interstate = rng.random() < mix.interstate_share
        interstate_role = InterstateRole.NONE
        other_state = ""
        if interstate:
            interstate_role = rng.choice((InterstateRole.INITIATING, InterstateRole.RESPONDING))
            other_state = self.states.pick(rng)
        responding = interstate_role == InterstateRole.RESPONDING
        town = self.towns.pick(rng)
        office = town.office

        lo, hi = mix.opened_days_ago[status]
        opened_ago = rng.randint(lo, hi)
        opened_on = self.as_of - dt.timedelta(days=opened_ago)
        in_status = opened_ago
        if status != S.INTAKE:
            lo, hi = mix.days_in_status[status]
            margin = {S.CLOSED: 120, S.CLOSURE_PENDING: 30}.get(status, 0)
            in_status = min(rng.randint(lo, hi), max(opened_ago - margin, 0))
        status_since = self.as_of - dt.timedelta(days=in_status)

        # A closing case is closed from the stage it had reached, for a reason that fits it.
        closing = status in (S.CLOSED, S.CLOSURE_PENDING)
        stage = self.closed_from.pick(rng) if closing else status
        closure_code = ""
        if closing:
            closure_code = self.closure_reason(
                stage=stage,
                program=program,
                responding=responding,
                notice_only=status == S.CLOSURE_PENDING,
            )
        cp_family_violence = rng.random() < mix.family_violence_share

        # Who has custody, and the children's paternity.
        custodian = self.custodians.pick(rng)
        paternity_open_work = stage == S.PATERNITY or closure_code == "b6"
        if paternity_open_work and custodian == "father":
            custodian = "mother"
        married = custodian == "father" or (not paternity_open_work and rng.random() < 0.28)
        lost_after_order = stage == S.LOCATE and not closing and rng.random() < 0.15
        has_order = (
            stage == S.ENFORCEMENT or lost_after_order or (stage == S.INTAKE and rng.random() < 0.1)
        )
        prior_order = has_order and (stage == S.INTAKE or rng.random() < 0.35)
        kids = self.children_dobs(self.children.pick(rng), opened_on, allow_eighteen=not closing)
        paternity = self.paternity(
            len(kids), stage=stage, married=married, lost_after_order=lost_after_order
        )

        # The history: the moves up to the stage reached, then any closure.
        entered_on = status_since
        if closing:
            close_start = status_since
            if status == S.CLOSED and CLOSURE_REASONS[closure_code].notice_required:
                close_start -= dt.timedelta(days=self.notice_days)
            entered_on = _between(rng, opened_on, close_start)
        timeline = self.timeline(
            stage=stage,
            opened_on=opened_on,
            entered_on=entered_on,
            adjudicated=PaternityStatus.ADJUDICATED in paternity,
            prior_order=prior_order,
            lost_after_order=lost_after_order,
        )
        docket = ""
        ordered_on = opened_on
        if has_order:
            if prior_order:
                ordered_on = opened_on - dt.timedelta(days=rng.randint(30, 2000))
                # An order covers children already born.
                ordered_on = max(ordered_on, max(dob for dob, _ in kids))
            else:
                ordered_on = next(day for s, day in timeline.moves if s == S.ENFORCEMENT)
            court = names.COURT_OF_OFFICE.get(office.code, "HHD")
            docket = f"{court}-FA{ordered_on.year % 100:02d}-{rng.randint(4000000, 6199999)}-S"

        if responding:
            source = CaseSource.INTERSTATE
        elif program == ProgramType.NEVER_ASSISTANCE:
            source = CaseSource.ONLINE if rng.random() < 0.3 else CaseSource.APPLICATION
        elif program == ProgramType.FORMER_ASSISTANCE:
            source = CaseSource.IV_A_REFERRAL if rng.random() < 0.6 else CaseSource.APPLICATION
        else:
            source = CaseSource.IV_A_REFERRAL
        referral = source == CaseSource.IV_A_REFERRAL
        application_date = opened_on - dt.timedelta(days=rng.randint(0, 3 if referral else 10))
        iv_a_number = ""
        if program != ProgramType.NEVER_ASSISTANCE:
            iv_a_number = f"A{rng.randint(10**7, 10**8 - 1)}"
        workers = self.workers.get(office.pk)
        worker_id = workers[index % len(workers)] if workers else None
        closed_on = status_since if status == S.CLOSED else None
        closure_effective = None
        if status == S.CLOSURE_PENDING:
            closure_effective = status_since + dt.timedelta(days=self.notice_days)
        case_row = chunk.cases.add(
            f"CS{number:09d}",
            program,
            interstate_role,
            other_state,
            office.pk,
            worker_id,
            status,
            status_since,
            source,
            application_date,
            opened_on,
            closed_on,
            closure_code,
            closure_effective,
            iv_a_number,
            docket,
        )

        # The family.
        origin = (self.city_origins if town.name in names.CITIES else self.town_origins).pick(rng)
        ncp_origin = origin if rng.random() < 0.75 else self.any_origins.pick(rng)
        oldest = kids[0][0]
        father_has_custody = custodian == "father"
        cp_sex = Sex.MALE if father_has_custody else Sex.FEMALE
        ncp_sex = Sex.FEMALE if father_has_custody else Sex.MALE
        parent_age = {Sex.FEMALE: (17, 38), Sex.MALE: (18, 45)}
        cp_age = (36, 62) if custodian == "grandmother" else parent_age[cp_sex]
        cp_dob = oldest - _years(rng.uniform(*cp_age))
        ncp_dob = oldest - _years(rng.uniform(*parent_age[ncp_sex]))
        alleged = PaternityStatus.NOT_ESTABLISHED in paternity
        ncp_role = MemberRole.ALLEGED_FATHER if alleged else MemberRole.NONCUSTODIAL_PARENT

        ncp = self.person(
            chunk,
            ncp_origin,
            sex=ncp_sex,
            dob=ncp_dob,
            language=self.language(ncp_origin, 0.7),
            ssn_share=0.55 if alleged else 0.85,
            email_share=0.4,
        )
        took_name = custodian == "mother" and married and rng.random() < 0.5
        cp = self.person(
            chunk,
            origin,
            sex=cp_sex,
            dob=cp_dob,
            last_name=ncp.last_name if took_name else None,
            language=self.language(origin),
            ssn_share=0.96,
            email_share=0.7,
        )
        if took_name:  # known by her own surname too
            chunk.aliases.add(cp.row, rng.choice(origin.surnames), cp.first_name)
        elif rng.random() < 0.04:
            self.alias(chunk, cp, origin)
        if rng.random() < 0.10:
            self.alias(chunk, ncp, ncp_origin)

        fathers_name = cp.last_name if father_has_custody else ncp.last_name
        children: list[tuple[_Person, str, bool]] = []
        for (dob, student), child_paternity in zip(kids, paternity, strict=True):
            if married or (not alleged and rng.random() < 0.5):
                last = fathers_name
            elif custodian == "grandmother" and rng.random() < 0.5:
                last = None
            else:
                last = cp.last_name
            child = self.person(
                chunk,
                origin,
                sex=rng.choice((Sex.FEMALE, Sex.MALE)),
                dob=dob,
                last_name=last,
                child=True,
                ssn_share=0.9,
            )
            children.append((child, child_paternity, student))

        # Where the parents live and work: the facts the lifecycle checks.
        home = (town.name, "CT", town.zip_code)
        cp_verified = referral or rng.random() < 0.3
        self.address(
            chunk,
            cp,
            place=self.out_of_state_place(other_state) if responding else home,
            start=opened_on - dt.timedelta(days=rng.randint(0, 1500)),
            source=VerificationSource.IV_A if referral else VerificationSource.APPLICANT,
            verified_by=(
                (VerificationSource.IV_A if referral else VerificationSource.POSTAL)
                if cp_verified
                else ""
            ),
            verified_on=opened_on if cp_verified else None,
        )
        if rng.random() < 0.95:
            chunk.phones.add(cp.row, Phone.Kind.MOBILE, self.phone(), rng.random() < 0.55)
        if rng.random() < 0.10:
            chunk.phones.add(cp.row, Phone.Kind.HOME, self.phone(), False)

        if stage in LOCATED_STAGES:
            employed = rng.random() < 0.72
            verified = not employed or rng.random() < 0.6
        elif stage == S.LOCATE:
            employed = verified = False
        else:
            employed = rng.random() < 0.45
            verified = rng.random() < 0.4
        found = timeline.located_on
        if verified or rng.random() < (0.3 if stage == S.LOCATE else 0.7):
            if interstate_role == InterstateRole.INITIATING:
                place = self.out_of_state_place(other_state)
            elif rng.random() < 0.55:
                place = home
            else:
                other_town = self.towns.pick(rng)
                place = (other_town.name, "CT", other_town.zip_code)
            verifier = self.address_verifiers.pick(rng) if verified else ""
            self.address(
                chunk,
                ncp,
                place=place,
                start=found - dt.timedelta(days=rng.randint(0, 700)),
                source=verifier or VerificationSource.APPLICANT,
                verified_by=verifier,
                verified_on=found if verified else None,
                history_share=0.3,
            )
        self.employment(
            chunk,
            ncp,
            current_from=found - dt.timedelta(days=rng.randint(0, 700)) if employed else None,
            past=rng.random() < 0.3,
        )
        if rng.random() < 0.65:
            chunk.phones.add(ncp.row, Phone.Kind.MOBILE, self.phone(), rng.random() < 0.3)
        if employed and rng.random() < 0.10:
            chunk.phones.add(ncp.row, Phone.Kind.WORK, self.phone(), False)

        fv_since = _between(rng, opened_on, self.as_of) if cp_family_violence else None
        no_paternity = PaternityStatus.NOT_APPLICABLE
        add_member = chunk.members.add
        add_member(
            case_row,
            cp.row,
            MemberRole.CUSTODIAL_PARTY,
            no_paternity,
            False,
            cp_family_violence,
            fv_since,
            opened_on,
        )
        add_member(case_row, ncp.row, ncp_role, no_paternity, False, False, None, opened_on)
        child_members = [
            (
                add_member(
                    case_row,
                    child.row,
                    MemberRole.DEPENDENT_CHILD,
                    child_paternity,
                    student,
                    False,
                    None,
                    opened_on,
                ),
                dob,
                student,
            )
            for (child, child_paternity, student), (dob, _) in zip(children, kids, strict=True)
        ]

        self.history(
            chunk,
            case_row,
            worker_id=worker_id,
            opened_on=opened_on,
            source=source,
            status=status,
            status_since=status_since,
            timeline=timeline,
            closure_code=closure_code,
            docket=docket,
            prior_order=prior_order,
            children=len(children),
            family_violence_on=fv_since,
        )
        if docket:
            self.order(
                chunk,
                case_row,
                docket=docket,
                prior_order=prior_order,
                effective_from=ordered_on,
                entered_on=opened_on if prior_order else ordered_on,
                worker_id=worker_id,
                court=Court.OTHER_STATE if responding else Court.MAGISTRATE,
                closed_on=closed_on,
                children=child_members,
            )

    def order(
        self,
        chunk: _Chunk,
        case_row: int,
        *,
        docket: str,
        prior_order: bool,
        effective_from: dt.date,
        entered_on: dt.date,
        worker_id: int | None,
        court: str,
        closed_on: dt.date | None,
        children: list[tuple[int, dt.date, bool]],
    ) -> None:
        """The support order behind the case's docket: version 1 as the court record shows it
        (no worksheet is seeded, so every seeded order's basis is the court record), and each
        child with the day the child's support ends (CGS 46b-84(b)). A closed case's order is
        no longer enforced: it ends on the closing day with a last version of zero amounts.
        Drawn from the orders' own random stream, so the caseload is the same with or without
        them."""
        rng = self.order_rng
        entered_at = dt.datetime(
            entered_on.year,
            entered_on.month,
            entered_on.day,
            9 + rng.randint(0, 7),
            rng.randint(0, 59),
            tzinfo=self.tz,
        )
        surname = rng.choice(rng.choice(names.ORIGINS).surnames)
        issued_by = f"Judge {surname}" if court == Court.OTHER_STATE else f"FSM {surname}"
        order_row = chunk.orders.add(
            case_row, docket, court, issued_by, entered_at, worker_id, closed_on is None, closed_on
        )
        count = len(children)
        weekly = Decimal(round(rng.uniform(45, 210) * CHILDREN_FACTOR[min(count, 5)]))
        frequency = self.frequencies.pick(rng)
        current = from_weekly(weekly, frequency)
        arrears = (
            from_weekly(to_cents(weekly * Decimal("0.2")), frequency)
            if rng.random() < 0.4
            else ZERO
        )
        coverage = self.coverage.pick(rng)
        cash_medical = ZERO
        if coverage == OrderVersion.MedicalCoverageBy.CUSTODIAL and rng.random() < 0.5:
            cash_medical = from_weekly(Decimal(rng.randint(8, 40)), frequency)
        child_care = (
            from_weekly(Decimal(rng.randint(20, 90)), frequency) if rng.random() < 0.1 else ZERO
        )
        unreimbursed = Decimal(rng.randint(50, 80)) if coverage else ZERO
        kind, reason = (
            (OrderVersion.Kind.PRIOR, "Order made before the case, entered from the court record")
            if prior_order
            # Like an order converted from the legacy system: established on the case, its terms
            # as the court recorded them, no worksheet on file.
            else (
                OrderVersion.Kind.ESTABLISHED,
                "Order established on the case (converted record; no worksheet on file)",
            )
        )
        add_version = chunk.order_versions.add
        add_version(
            order_row,
            1,
            kind,
            OrderVersion.Basis.COURT_RECORD,
            effective_from,
            frequency,
            current,
            arrears,
            cash_medical,
            child_care,
            to_weekly(current, frequency),
            coverage,
            unreimbursed,
            reason,
            entered_at,
            worker_id,
        )
        if closed_on is not None:
            add_version(
                order_row,
                2,
                OrderVersion.Kind.TERMINATED,
                OrderVersion.Basis.TERMINATION,
                closed_on,
                frequency,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "",
                ZERO,
                "The case closed: the agency no longer enforces the order",
                dt.datetime(closed_on.year, closed_on.month, closed_on.day, 17, tzinfo=self.tz),
                None,
            )
        for member_row, dob, student in children:
            graduation = self.graduation if student else None
            end = support_end_date(
                birth_date=dob,
                end_age=self.support_end_age,
                student_end_age=self.student_end_age,
                high_school_student=student,
                unmarried_living_with_parent=True,
                expected_graduation=graduation,
            )
            chunk.order_children.add(
                order_row,
                member_row,
                end.ends_on,
                end.basis,
                closed_on is not None or end.ends_on <= self.as_of,
                student,
                graduation,
            )

    def history(
        self,
        chunk: _Chunk,
        case_row: int,
        *,
        worker_id: int | None,
        opened_on: dt.date,
        source: str,
        status: str,
        status_since: dt.date,
        timeline: _Timeline,
        closure_code: str,
        docket: str,
        prior_order: bool,
        children: int,
        family_violence_on: dt.date | None,
    ) -> None:
        """Status changes from "" to intake and on to the case's status, each with its diary
        event as ``cses.cases.lifecycle`` writes them, and a few workers' notes."""
        rng = self.rng
        opened_at = self.at(opened_on, 0)
        opening = self.opening_reasons[source]
        chunk.changes.add(case_row, "", S.INTAKE, opened_at, worker_id, opening, "")
        chunk.diary.add(case_row, opened_at, worker_id, DiaryEntry.Kind.EVENT, opening)
        previous = S.INTAKE
        seq = 0

        def move(to: str, day: dt.date, reason: str, *, by: int | None, code: str = "") -> None:
            nonlocal previous, seq
            seq += 1
            at = self.at(day, seq)
            chunk.changes.add(case_row, previous, to, at, by, reason, code)
            text = f"Case moved to {self.status_labels[to]}: {reason}"
            chunk.diary.add(case_row, at, by, DiaryEntry.Kind.EVENT, text)
            previous = to

        for to, day in timeline.moves:
            reason = self.move_reason(
                previous, to, docket=docket, prior_order=prior_order, children=children
            )
            move(to, day, reason, by=worker_id)
        end = self.as_of
        if closure_code:
            rule = CLOSURE_REASONS[closure_code]
            text = f"{rule.citation} {rule.description}. {names.CLOSURE_NOTES[closure_code]}"
            if status == S.CLOSURE_PENDING:
                move(S.CLOSURE_PENDING, status_since, text, by=worker_id, code=closure_code)
            elif rule.notice_required:
                notice_from = status_since - dt.timedelta(days=self.notice_days)
                move(S.CLOSURE_PENDING, notice_from, text, by=worker_id, code=closure_code)
                move(S.CLOSED, status_since, "Closure notice period ended", by=None)
            else:
                move(S.CLOSED, status_since, text, by=worker_id, code=closure_code)
            if status == S.CLOSED:
                end = status_since
        if family_violence_on:
            chunk.diary.add(
                case_row,
                self.at(family_violence_on, 1),
                worker_id,
                DiaryEntry.Kind.EVENT,
                "Family-violence indicator set for custodial party: safety concern reported",
            )
        for _ in range(rng.randint(1, 3)):
            day = _between(rng, opened_on, end)
            note = rng.choice(names.NOTES)
            chunk.diary.add(
                case_row, self.at(day, rng.randint(1, 20)), worker_id, DiaryEntry.Kind.NOTE, note
            )

    def move_reason(
        self, previous: str, to: str, *, docket: str, prior_order: bool, children: int
    ) -> str:
        if to == S.LOCATE:
            if previous == S.INTAKE:
                return "Noncustodial parent's whereabouts unknown; locate sources queried"
            return "Parent moved: mail returned by the post office and no current employer"
        if to == S.PATERNITY:
            return f"Parent identified; paternity to be established for {children} child(ren)"
        if to == S.ESTABLISHMENT:
            if previous == S.PATERNITY:
                return self.rng.choice(
                    (
                        "Paternity adjudicated by the Family Support Magistrate",
                        "Genetic test confirmed paternity; acknowledgment signed",
                    )
                )
            return "Parent located and paternity established; support order to be established"
        if prior_order and previous != S.ESTABLISHMENT:
            return f"Existing support order {docket} to enforce"
        return f"Support order entered, docket {docket}"


def _create_employers(rng: random.Random, count: int, towns: list[Town]) -> list[int]:
    """A pool of employers. FEINs come from a counter, scrambled, so runs never collide."""
    employers = []
    for n in allocate("synthetic_employer", count) if count else ():
        town = rng.choice(towns)
        name = f"{rng.choice(names.EMPLOYER_PREFIXES)} {rng.choice(names.EMPLOYER_TRADES)}"
        origin = rng.choice(names.ORIGINS)
        domain = rng.choice(("example.com", "example.org"))
        employers.append(
            Employer(
                name=f"{name} {rng.choice(names.EMPLOYER_SUFFIXES)}".strip(),
                fein=f"{FEIN_PREFIXES[n % len(FEIN_PREFIXES)]}{(n * FEIN_STRIDE) % 10**7:07d}",
                line1=(
                    f"{rng.randint(1, 999)} {rng.choice(names.STREET_NAMES)} "
                    f"{rng.choice(names.STREET_KINDS)}"
                ),
                city=town.name,
                zip_code=town.zip_code,
                payroll_contact_name=(
                    f"{rng.choice(origin.women + origin.men)} {rng.choice(origin.surnames)}"
                ),
                payroll_contact_phone=(
                    f"{rng.choice(names.AREA_CODES)}-555-01{rng.randint(0, 99):02d}"
                ),
                payroll_contact_email=f"payroll.{_slug(name)}@{domain}",
            )
        )
    Employer.objects.bulk_create(employers)
    return [e.pk for e in employers]


def seed(
    *,
    cases: int,
    seed: int = 1,
    as_of: dt.date | None = None,
    mix: Mix = CONNECTICUT,
    chunk_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    keep_ssns: bool = False,
) -> SeedResult:
    """Add ``cases`` synthetic cases, with their families, employers and histories. Cases are
    assigned, in turn, to the OCSS workers of their office, if it has any."""
    started = time.perf_counter()
    as_of = as_of or timezone.localdate()
    rng = random.Random(seed)
    towns_query = Town.objects.select_related("office").order_by("name")
    if mix.office_codes:
        towns_query = towns_query.filter(office__code__in=mix.office_codes)
    towns = list(towns_query)
    if not towns:
        raise ValueError("no towns to seed into: are the reference data loaded (migrate)?")
    workers: dict[int, list[int]] = {}
    for office_id, user_id in (
        Profile.objects.filter(role=Role.OCSS_WORKER, office__isnull=False)
        .order_by("user_id")
        .values_list("office_id", "user_id")
    ):
        workers.setdefault(office_id, []).append(user_id)
    numbers = allocate("case_number", cases) if cases else range(0)
    with transaction.atomic():
        employer_ids = _create_employers(
            rng, max(1, round(cases / CASES_PER_EMPLOYER)) if cases else 0, towns
        )
    generator = _Generator(
        rng=rng,
        as_of=as_of,
        mix=mix,
        towns=towns,
        workers=workers,
        employer_ids=employer_ids,
        notice_days=int_parameter("closure_notice_days", as_of),
        keep_ssns=keep_ssns,
        order_rng=random.Random(f"orders-{seed}"),
        support_end_ages=(
            int_parameter("support_end_age", as_of),
            int_parameter("support_end_age_student", as_of),
        ),
    )
    totals = {"employers": len(employer_ids)}
    for start in range(0, cases, chunk_size):
        chunk = _Chunk()
        for i in range(start, min(cases, start + chunk_size)):
            generator.case(numbers[i], chunk)
        for label, n in chunk.write().items():
            totals[label] = totals.get(label, 0) + n
        if progress:
            progress(totals["cases"], cases)
    # A bulk load leaves the planner's statistics stale until autovacuum comes round; searches
    # right after a seed would otherwise pick plans made for empty tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SeedResult(
        cases=cases,
        rows=totals,
        seconds=time.perf_counter() - started,
        first_case_number=f"CS{numbers[0]:09d}" if cases else "",
        last_case_number=f"CS{numbers[-1]:09d}" if cases else "",
        ssns=generator.ssns or [],
    )
