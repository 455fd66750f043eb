"""The seeded caseload's support orders: one per docket, with version 1 and every child, ended
with the case when it closed, and an obligation schedule the ledger can accrue."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from cses.cases.models import Case, CaseMember, CaseStatus, MemberRole
from cses.orders.models import OrderChild, OrderVersion, SupportOrder
from cses.orders.obligations import obligations_due, order_ends_on, terms_of
from cses.rules.frequency import to_weekly
from cses.rules.obligations import charges
from cses.rules.support_duration import birthday
from cses.synthetic.generator import seed

AS_OF = dt.date(2026, 1, 15)


@pytest.fixture
def caseload(db):
    return seed(cases=400, seed=13, as_of=AS_OF)


def test_every_docket_has_its_order_with_version_1_and_each_child(caseload):
    with_docket = Case.objects.exclude(existing_order_docket="")
    assert with_docket.count() == SupportOrder.objects.count() > 100
    for order in SupportOrder.objects.select_related("case").prefetch_related("versions"):
        assert order.docket_number == order.case.existing_order_docket
        first = order.versions.all()[0]
        assert first.version == 1 and first.basis == OrderVersion.Basis.COURT_RECORD
        assert first.effective_from <= AS_OF
        assert first.current_support > 0
        assert first.current_support_weekly == to_weekly(first.current_support, first.frequency)
        assert Decimal("40") <= first.current_support_weekly <= Decimal("450")
    children = Counter(OrderChild.objects.values_list("order__case_id", flat=True))
    members = Counter(
        CaseMember.objects.filter(
            role=MemberRole.DEPENDENT_CHILD, case__in=with_docket
        ).values_list("case_id", flat=True)
    )
    assert children == members
    frequencies = Counter(
        OrderVersion.objects.filter(version=1).values_list("frequency", flat=True)
    )
    assert frequencies.most_common(1)[0][0] == "weekly" and len(frequencies) >= 3
    assert caseload.rows["support orders"] == SupportOrder.objects.count()


def test_children_are_covered_until_18_or_as_students_until_graduation(caseload):
    for child in OrderChild.objects.select_related("child__person", "order"):
        born = child.child.person.date_of_birth
        if child.high_school_student:
            assert birthday(born, 18) < child.support_ends_on <= birthday(born, 19)
            assert child.expected_graduation == dt.date(2026, 6, 15)
        else:
            assert child.support_ends_on == birthday(born, 18)
        assert child.ended == (not child.order.active)


def test_a_closed_case_order_ended_with_the_case(caseload):
    closed = SupportOrder.objects.filter(case__status=CaseStatus.CLOSED)
    assert closed.exists()
    for order in closed.select_related("case"):
        assert not order.active and order.ended_on == order.case.closed_on
        last = order.versions.order_by("version").last()
        assert (last.kind, last.current_support) == (OrderVersion.Kind.TERMINATED, 0)
    assert not SupportOrder.objects.filter(active=False).exclude(case__status=CaseStatus.CLOSED)


def test_the_seeded_schedule_is_the_pure_schedule(caseload):
    start, end = AS_OF, AS_OF + dt.timedelta(days=30)
    bulk = sorted(tuple(o) for o in obligations_due(start, end, chunk_size=50))
    pure = []
    for order in SupportOrder.objects.prefetch_related("versions", "children"):
        versions = {v.version: v for v in order.versions.all()}
        terms = [terms_of(v) for v in versions.values()]
        for c in charges(terms, start, end, ends_on=order_ends_on(order)):
            pure.append(
                (order.case_id, order.pk, versions[c.version].pk, c.due_on, c.kind.value, c.amount)
            )
    assert bulk == sorted(pure)
    active_cases = set(SupportOrder.objects.filter(active=True).values_list("case_id", flat=True))
    assert {row[0] for row in bulk} == active_cases
