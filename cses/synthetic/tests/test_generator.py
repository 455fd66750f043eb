"""The synthetic caseload: reproducible, shaped like Connecticut's, and consistent with the
lifecycle rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import replace
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cses.accounts.roles import Role
from cses.cases.lifecycle import case_facts
from cses.cases.models import (
    OBLIGOR_ROLES,
    Case,
    CaseMember,
    CaseStatus,
    CaseStatusChange,
    DiaryEntry,
    InterstateRole,
    MemberRole,
    PaternityStatus,
    ProgramType,
)
from cses.orders.models import OrderVersion
from cses.people.models import Address, Alias, Employer, Employment, Person, Phone
from cses.rules.case_lifecycle import (
    CLOSURE_REASONS,
    EDGES,
    OPEN_WORK_STATES,
    CaseState,
    furthest_stage,
)
from cses.rules.ssn import normalize_ssn
from cses.synthetic import names
from cses.synthetic.factories import make_user
from cses.synthetic.generator import CONNECTICUT, seed

AS_OF = dt.date(2026, 1, 15)


def _offset(case_number: str, first: str) -> int:
    return int(case_number[2:]) - int(first[2:])


def _digest(first: str, last: str) -> str:
    """A digest of everything seeded for cases ``first``..``last``: independent of primary keys
    and of where the case-number counter stood (numbers count from the first)."""
    in_run = {"case__case_number__gte": first, "case__case_number__lte": last}
    by_person = {
        "person__memberships__case__case_number__gte": first,
        "person__memberships__case__case_number__lte": last,
    }
    parts = [
        Case.objects.filter(case_number__gte=first, case_number__lte=last)
        .order_by("case_number")
        .values_list(
            "case_number",
            "program_type",
            "interstate_role",
            "other_state",
            "office__code",
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
        ),
        CaseMember.objects.filter(**in_run)
        .order_by("case__case_number", "id")
        .values_list(
            "case__case_number",
            "role",
            "paternity_status",
            "high_school_student",
            "family_violence",
            "family_violence_since",
            "joined_on",
            "person__last_name",
            "person__first_name",
            "person__middle_name",
            "person__suffix",
            "person__date_of_birth",
            "person__sex",
            "person__preferred_language",
            "person__email",
            "person__ssn_last4",
        ),
        CaseStatusChange.objects.filter(**in_run)
        .order_by("case__case_number", "id")
        .values_list("case__case_number", "from_status", "to_status", "at", "reason"),
        DiaryEntry.objects.filter(**in_run)
        .order_by("case__case_number", "id")
        .values_list("case__case_number", "at", "kind", "text"),
        Address.objects.filter(**by_person)
        .order_by("person__memberships__case__case_number", "id")
        .values_list(
            "person__memberships__case__case_number",
            "line1",
            "line2",
            "city",
            "state",
            "zip_code",
            "verified_by",
            "verified_on",
            "start_date",
            "end_date",
        ),
        Employment.objects.filter(**by_person)
        .order_by("person__memberships__case__case_number", "id")
        .values_list(
            "person__memberships__case__case_number", "employer__name", "start_date", "end_date"
        ),
        Phone.objects.filter(**by_person)
        .order_by("person__memberships__case__case_number", "id")
        .values_list("person__memberships__case__case_number", "kind", "number"),
        Alias.objects.filter(**by_person)
        .order_by("person__memberships__case__case_number", "id")
        .values_list("person__memberships__case__case_number", "last_name", "first_name"),
        OrderVersion.objects.filter(order__case__case_number__gte=first)
        .filter(order__case__case_number__lte=last)
        .order_by("order__case__case_number", "version")
        .values_list(
            "order__case__case_number",
            "order__docket_number",
            "order__issued_by",
            "order__active",
            "version",
            "effective_from",
            "frequency",
            "current_support",
            "arrearage_payment",
            "cash_medical_support",
            "child_care_contribution",
        ),
    ]
    text = repr([[(_offset(row[0], first), *row[1:]) for row in part] for part in parts]).encode()
    return hashlib.sha256(text).hexdigest()


@pytest.mark.django_db
def test_the_same_seed_and_date_give_the_same_caseload():
    # given a caseload seeded once
    first = seed(cases=60, seed=7, as_of=AS_OF)
    # when the same caseload is seeded again into the same database, and another seed too
    second = seed(cases=60, seed=7, as_of=AS_OF)
    other = seed(cases=60, seed=8, as_of=AS_OF)
    # then the second run adds new case numbers, after the first run's
    assert int(second.first_case_number[2:]) == int(first.last_case_number[2:]) + 1
    assert Case.objects.count() == 180
    # and holds the same rows (names, birth dates, statuses, histories); another seed does not
    assert _digest(first.first_case_number, first.last_case_number) == _digest(
        second.first_case_number, second.last_case_number
    )
    assert _digest(first.first_case_number, first.last_case_number) != _digest(
        other.first_case_number, other.last_case_number
    )


@pytest.fixture
def caseload(db):
    result = seed(cases=500, seed=11, as_of=AS_OF, keep_ssns=True)
    return result


def _share(counter: Counter, key, total: int) -> float:
    return counter[key] / total


def test_programs_statuses_and_interstate_follow_the_mix(caseload):
    cases = list(Case.objects.values("program_type", "status", "interstate_role", "other_state"))
    assert len(cases) == 500
    programs = Counter(c["program_type"] for c in cases)
    for program, share in CONNECTICUT.programs.items():
        assert abs(_share(programs, program, 500) - share) < 0.07, (program, programs)
    statuses = Counter(c["status"] for c in cases)
    assert set(statuses) == {s.value for s in CaseStatus}
    assert statuses.most_common(1)[0][0] == CaseStatus.ENFORCEMENT
    interstate = [c for c in cases if c["interstate_role"] != InterstateRole.NONE]
    assert 8 <= len(interstate) <= 45
    assert all(c["other_state"] for c in interstate)


def test_families_are_plausible(caseload):
    members = list(
        CaseMember.objects.values(
            "case_id",
            "role",
            "family_violence",
            "high_school_student",
            "person__date_of_birth",
            "person__sex",
        )
    )
    by_case: dict[int, list[dict]] = {}
    for m in members:
        by_case.setdefault(m["case_id"], []).append(m)
    children_per_case = Counter()
    for family in by_case.values():
        roles = Counter(m["role"] for m in family)
        assert roles[MemberRole.CUSTODIAL_PARTY] == 1
        assert roles[MemberRole.NONCUSTODIAL_PARENT] + roles[MemberRole.ALLEGED_FATHER] == 1
        assert 1 <= roles[MemberRole.DEPENDENT_CHILD] <= 5
        children_per_case[roles[MemberRole.DEPENDENT_CHILD]] += 1
        cp = next(m for m in family if m["role"] == MemberRole.CUSTODIAL_PARTY)
        for child in (m for m in family if m["role"] == MemberRole.DEPENDENT_CHILD):
            age = (AS_OF - child["person__date_of_birth"]).days / 365.25
            assert 0 <= age < 19
            assert child["high_school_student"] == (age >= 18)
            assert (cp["person__date_of_birth"] - child["person__date_of_birth"]).days < -16 * 365
    assert children_per_case.most_common(1)[0][0] == 1
    custodial_sexes = Counter(m["person__sex"] for m in members if m["role"] == "CP")
    assert custodial_sexes["F"] > 0.8 * 500 and custodial_sexes["M"] > 0
    violence = sum(m["family_violence"] for m in members)
    assert 3 <= violence <= 35


def test_contacts_are_fictional_and_languages_follow_origins(caseload):
    assert all(
        re.fullmatch(r"\d{3}-555-01\d\d", p) for p in Phone.objects.values_list("number", flat=True)
    )
    emails = [e for e in Person.objects.values_list("email", flat=True) if e]
    assert emails and all(e.endswith(("@example.com", "@example.org")) for e in emails)
    employers = Employer.objects.all()
    assert all(re.fullmatch(r"\d{9}", e.fein) for e in employers)
    assert all(e.payroll_contact_email.endswith((".com", ".org")) for e in employers)
    hispanic = next(o for o in names.ORIGINS if o.key == "hispanic")
    spanish = list(
        Person.objects.filter(preferred_language="es").values_list("last_name", flat=True)
    )
    assert spanish
    assert sum(last in hispanic.surnames for last in spanish) >= 0.8 * len(spanish)
    assert Alias.objects.exists()


def test_about_half_the_obligors_work(caseload):
    obligors = CaseMember.objects.filter(role__in=OBLIGOR_ROLES).values_list("person_id", flat=True)
    working = set(
        Employment.objects.filter(person_id__in=obligors, end_date__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    assert 0.45 <= len(working) / len(obligors) <= 0.65


def test_ssns_are_valid_and_unique_and_never_stored_as_themselves(caseload):
    ssns = caseload.ssns
    assert len(ssns) == Person.objects.exclude(ssn_encrypted="").count()
    assert len(set(ssns)) == len(ssns)
    assert all(normalize_ssn(s) == s for s in ssns)
    issued = set(ssns)
    leaks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                leaks += [(table, v) for v in map(str, row) if issued & set(_nine_digits(v))]
    assert leaks == []
    # the model still reads them back
    person = Person.objects.exclude(ssn_encrypted="").order_by("pk").first()
    assert person.ssn_plaintext() in set(ssns)


def _nine_digits(text: str):
    """Every nine-digit number written in ``text``, bare (inside longer digit runs too) or
    formatted as an SSN."""
    for run in re.findall(r"\d{9,}", text):
        yield from (run[i : i + 9] for i in range(len(run) - 8))
    for formatted in re.findall(r"(?=(\d{3}-\d{2}-\d{4}))", text):
        yield formatted.replace("-", "")


def _order(state: str) -> int:
    return list(OPEN_WORK_STATES).index(CaseState(state))


def test_every_open_case_meets_its_stage_entry_requirements(caseload):
    for case in Case.objects.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CLOSURE_PENDING]):
        facts = case_facts(case)
        # the requirements are cumulative: a stage's hold exactly when it is no further than
        # the furthest stage the facts support
        assert _order(case.status) <= _order(furthest_stage(facts)), (case, facts)
        if case.status == CaseStatus.PATERNITY:
            assert case.members.filter(paternity_status=PaternityStatus.NOT_ESTABLISHED).exists()
        if case.status == CaseStatus.LOCATE:
            assert not facts.obligor_located


def test_closed_cases_have_a_303_11_reason_and_pending_ones_a_date(caseload):
    for case in Case.objects.filter(status=CaseStatus.CLOSED):
        assert case.closed_on is not None and case.closed_on <= AS_OF
        assert case.closure_reason in CLOSURE_REASONS
    for case in Case.objects.filter(status=CaseStatus.CLOSURE_PENDING):
        assert CLOSURE_REASONS[case.closure_reason].notice_required
        assert case.closure_effective > AS_OF
        assert case.closed_on is None


def test_every_history_runs_from_intake_to_the_status_along_the_rules_edges(caseload):
    changes: dict[int, list[CaseStatusChange]] = {}
    for change in CaseStatusChange.objects.order_by("case_id", "at", "id"):
        changes.setdefault(change.case_id, []).append(change)
    closing = {CaseState.CLOSURE_PENDING, CaseState.CLOSED}
    for case in Case.objects.all():
        history = changes[case.pk]
        assert (history[0].from_status, history[0].to_status) == ("", CaseStatus.INTAKE)
        assert timezone.localdate(history[0].at) == case.opened_on
        for before, after in pairwise(history):
            assert after.from_status == before.to_status
            assert after.at >= before.at
            source, target = CaseState(after.from_status), CaseState(after.to_status)
            assert (
                target in EDGES[source]
                or (target in closing and source not in closing)
                or (source == CaseState.CLOSURE_PENDING and target == CaseState.CLOSED)
            )
        assert history[-1].to_status == case.status
        assert timezone.localdate(history[-1].at) == case.status_since
        if case.closure_reason:
            assert any(c.closure_reason == case.closure_reason for c in history)
    assert DiaryEntry.objects.filter(kind=DiaryEntry.Kind.NOTE).count() >= 500


@pytest.mark.django_db
def test_cases_go_in_turn_to_the_office_workers():
    # given two OCSS workers in Hartford and a supervisor
    first, second = make_user(Role.OCSS_WORKER, "HFD"), make_user(Role.OCSS_WORKER, "HFD")
    make_user(Role.OCSS_SUPERVISOR, "HFD")
    # when Hartford cases are seeded
    seed(cases=10, seed=3, as_of=AS_OF, mix=replace(CONNECTICUT, office_codes=("HFD",)))
    # then the workers share them
    assigned = Counter(Case.objects.values_list("assigned_worker_id", flat=True))
    assert assigned == {first.pk: 5, second.pk: 5}


@pytest.mark.django_db
def test_seed_command_reports_rows_and_time():
    out = StringIO()
    call_command("seed", "--cases", "25", "--seed", "5", "--as-of", "2026-01-15", stdout=out)
    text = out.getvalue()
    persons = Person.objects.count()
    assert f"seeded 25 cases ({persons} persons, {CaseMember.objects.count()} members) in " in text
    assert "diary entries" in text
    assert Case.objects.count() == 25
    assert not Case.objects.exclude(program_type__in=ProgramType.values).exists()
