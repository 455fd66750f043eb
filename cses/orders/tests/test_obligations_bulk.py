"""The bulk obligation schedule (set-based SQL) equals the pure rules for any orders, versions
and period; it streams by case, filters by case, and chunks without changing the answer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cses.cases.models import CaseMember
from cses.orders.models import Court, OrderChild, OrderVersion, SupportOrder
from cses.orders.obligations import Obligation, obligations_due, order_ends_on, terms_of
from cses.rules.frequency import Frequency, to_weekly
from cses.rules.obligations import charges
from cses.synthetic.factories import make_case

D = Decimal
DAY = dt.timedelta(days=1)
FIRST_DAY = dt.date(2024, 1, 1)

amounts = st.one_of(
    st.just(D("0.00")),
    st.integers(1, 999_999).map(lambda cents: D(cents) / 100),
)
versions = st.lists(
    st.tuples(
        st.integers(0, 700),  # effective date, days after FIRST_DAY
        st.sampled_from(list(Frequency)),
        amounts,
        amounts,
        amounts,
        amounts,
    ),
    min_size=1,
    max_size=4,
)
orders = st.lists(
    st.tuples(
        st.integers(0, 1),  # which case
        versions,
        st.one_of(st.none(), st.integers(0, 1000)),  # the day the order ended, if it did
        st.one_of(st.none(), st.integers(0, 1200)),  # the day its child's support ends
    ),
    min_size=1,
    max_size=4,
)


def _store(case_ids: list[int], spec) -> list[SupportOrder]:
    stored = []
    now = timezone.now()
    for n, (case_index, terms, ended, child_end) in enumerate(spec):
        ended_on = FIRST_DAY + ended * DAY if ended is not None else None
        order = SupportOrder.objects.create(
            case_id=case_ids[case_index],
            docket_number=f"FA-{n}",
            court=Court.MAGISTRATE,
            issued_by="FSM",
            entered_at=now,
            active=ended_on is None,
            ended_on=ended_on,
        )
        OrderVersion.objects.bulk_create(
            OrderVersion(
                order=order,
                version=number,
                kind=OrderVersion.Kind.PRIOR if number == 1 else OrderVersion.Kind.MODIFIED,
                basis=OrderVersion.Basis.COURT_RECORD,
                effective_from=FIRST_DAY + offset * DAY,
                frequency=frequency,
                current_support=current,
                cash_medical_support=medical,
                child_care_contribution=care,
                arrearage_payment=arrears,
                current_support_weekly=to_weekly(current, frequency),
                entered_at=now,
            )
            for number, (offset, frequency, current, medical, care, arrears) in enumerate(
                terms, start=1
            )
        )
        if child_end is not None:
            OrderChild.objects.create(
                order=order,
                child=CaseMember.objects.filter(case_id=order.case_id, role="CH").first(),
                support_ends_on=FIRST_DAY + child_end * DAY,
                end_basis="Age 18",
            )
        stored.append(order)
    return stored


def _pure(stored: list[SupportOrder], start: dt.date, end: dt.date) -> list[tuple]:
    out = []
    for order in stored:
        by_number = {v.version: v for v in order.versions.all()}
        terms = [terms_of(v) for v in by_number.values()]
        for c in charges(terms, start, end, ends_on=order_ends_on(order)):
            out.append(
                (order.case_id, order.pk, by_number[c.version].pk, c.due_on, c.kind.value, c.amount)
            )
    return sorted(out)


def _offset(day: dt.date) -> int:
    return (day - FIRST_DAY).days


@pytest.fixture
def two_cases(db):
    return [make_case().pk, make_case().pk]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=orders, start=st.integers(100, 1000), days=st.integers(0, 120))
def test_the_bulk_schedule_equals_the_pure_rules(two_cases, spec, start, days):
    with transaction.atomic():
        stored = _store(two_cases, spec)
        first = FIRST_DAY + start * DAY
        last = first + days * DAY
        bulk = list(obligations_due(first, last))
        event(f"charged: {bool(bulk)}")
        assert sorted(tuple(o) for o in bulk) == _pure(stored, first, last)
        # streamed in case, order and date order
        assert [(o.case_id, o.order_id, o.due_date) for o in bulk] == sorted(
            (o.case_id, o.order_id, o.due_date) for o in bulk
        )
        # chunks of one case and a list of cases give the same answer
        assert list(obligations_due(first, last, chunk_size=1)) == bulk
        assert list(obligations_due(first, last, case_ids=two_cases, chunk_size=1)) == bulk
        transaction.set_rollback(True)


def test_a_schedule_across_a_modification_and_month_ends(two_cases):
    # given $400 monthly from 31 January 2026, modified to $90 weekly from 16 March 2026
    stored = _store(
        two_cases,
        [
            (
                0,
                [
                    (
                        _offset(dt.date(2026, 1, 31)),
                        Frequency.MONTHLY,
                        D("400.00"),
                        D("0"),
                        D("0"),
                        D("25.00"),
                    ),
                    (
                        _offset(dt.date(2026, 3, 16)),
                        Frequency.WEEKLY,
                        D("90.00"),
                        D("0"),
                        D("0"),
                        D("0"),
                    ),
                ],
                None,
                None,
            )
        ],
    )
    # when February to March is scheduled
    due = list(obligations_due(dt.date(2026, 2, 1), dt.date(2026, 3, 31)))
    # then February's amounts fall on its last day, and the weekly ones start on the 16th
    assert [(o.due_date, o.kind, o.amount) for o in due] == [
        (dt.date(2026, 2, 28), "current_support", D("400.00")),
        (dt.date(2026, 2, 28), "arrearage_payment", D("25.00")),
        (dt.date(2026, 3, 16), "current_support", D("90.00")),
        (dt.date(2026, 3, 23), "current_support", D("90.00")),
        (dt.date(2026, 3, 30), "current_support", D("90.00")),
    ]
    assert all(isinstance(o, Obligation) for o in due)
    assert [o.new_debt for o in due[:2]] == [True, False]
    assert {o.order_id for o in due} == {stored[0].pk}
    # and another case's schedule is empty
    assert (
        list(obligations_due(dt.date(2026, 2, 1), dt.date(2026, 3, 31), case_ids=[two_cases[1]]))
        == []
    )


def test_an_empty_period_yields_nothing(two_cases):
    _store(
        two_cases, [(0, [(0, Frequency.WEEKLY, D("10.00"), D("0"), D("0"), D("0"))], None, None)]
    )
    assert list(obligations_due(dt.date(2026, 2, 1), dt.date(2026, 1, 31))) == []
