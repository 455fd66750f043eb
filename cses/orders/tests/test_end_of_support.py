"""The nightly end of each child's support (CGS 46b-84(b)): at 18, at the 12th grade's completion
for a student, at 19 at the latest; a review when children remain, the order's end when none do;
and nothing more the second time it runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.management import call_command

from cses.cases.models import DiaryEntry
from cses.orders import services
from cses.orders.jobs import EndOfSupportRun, end_child_support
from cses.orders.models import OrderVersion, Review
from cses.orders.obligations import obligations_due
from cses.orders.tests.order_helpers import born, children_of
from cses.synthetic.factories import make_case, make_order

D = Decimal


def _order_for(worker, *births: dt.date, **kwargs):
    case = make_case(by=worker, children=len(births))
    for member, birth in zip(children_of(case), births, strict=True):
        born(member, birth)
    return case, make_order(case, by=worker, **kwargs)


def test_support_ends_on_the_18th_birthday(worker):
    # given an order for one child born 14 May 2008, and another still young
    _case, order = _order_for(worker, dt.date(2008, 5, 14), dt.date(2012, 3, 3))
    older = order.children.get(child__person__date_of_birth=dt.date(2008, 5, 14))
    assert older.support_ends_on == dt.date(2026, 5, 14)
    # when the job runs the day before the birthday, nothing happens
    assert end_child_support(dt.date(2026, 5, 13)) == EndOfSupportRun()
    # and on the birthday the child's support ends
    run = end_child_support(dt.date(2026, 5, 14))
    assert run == EndOfSupportRun(children_ended=1, reviews_opened=1, orders_ended=0)
    older.refresh_from_db()
    assert older.ended


def test_a_student_is_supported_to_graduation_and_at_most_to_19(worker):
    # given two 17-year-olds in high school, unmarried and at home
    _case, order = _order_for(worker, dt.date(2008, 9, 10), dt.date(2008, 3, 1))
    graduating, held_back = order.children.order_by("child__person__date_of_birth").reverse()
    services.update_child_schooling(
        order_child=graduating,
        high_school_student=True,
        expected_graduation=dt.date(2027, 6, 15),
        unmarried_living_with_parent=True,
        by=worker,
    )
    services.update_child_schooling(
        order_child=held_back,
        high_school_student=True,
        expected_graduation=dt.date(2027, 6, 15),
        unmarried_living_with_parent=True,
        by=worker,
    )
    # then neither's support ends at 18
    assert end_child_support(dt.date(2026, 12, 31)) == EndOfSupportRun()
    # the one who turns 19 on 1 March 2027 before graduating ends then
    assert end_child_support(dt.date(2027, 3, 1)).children_ended == 1
    held_back.refresh_from_db()
    assert held_back.ended and held_back.support_ends_on == dt.date(2027, 3, 1)
    # the other on the day of graduation, which ends the order
    run = end_child_support(dt.date(2027, 6, 15))
    assert run == EndOfSupportRun(children_ended=1, reviews_opened=0, orders_ended=1)


def test_one_child_ending_opens_a_review_and_the_order_continues(worker):
    case, order = _order_for(worker, dt.date(2008, 5, 14), dt.date(2012, 3, 3))
    end_child_support(dt.date(2026, 6, 1))
    order.refresh_from_db()
    assert order.active and order.ended_on is None
    assert order.versions.count() == 1  # the amount stands until modified
    review = Review.objects.get(order=order)
    assert (review.source, review.requested_on, review.due_by, review.current_weekly) == (
        Review.Source.CHILD_ENDED,
        dt.date(2026, 6, 1),
        dt.date(2026, 11, 28),
        D("100.00"),
    )
    event = DiaryEntry.objects.filter(case=case, text__startswith="Support ended for").get()
    assert "continues for 1 child(ren)" in event.text and "Review of the amount" in event.text
    # the amount still falls due in full for the remaining child
    due = list(obligations_due(dt.date(2026, 6, 1), dt.date(2026, 6, 30), case_ids=[case.pk]))
    assert {o.amount for o in due} == {D("100.00")} and len(due) == 5


def test_the_last_child_ending_ends_the_order(worker):
    # given a weekly order (Mondays from 6 January 2025) for a child who turns 18 on 14 May 2026
    case, order = _order_for(worker, dt.date(2008, 5, 14))
    # when the job runs a few days late
    run = end_child_support(dt.date(2026, 5, 20))
    # then the order ended on the birthday with a last version of zero amounts
    assert run == EndOfSupportRun(children_ended=1, reviews_opened=0, orders_ended=1)
    order.refresh_from_db()
    assert (order.active, order.ended_on) == (False, dt.date(2026, 5, 14))
    last = order.versions.order_by("version").last()
    assert (last.version, last.kind, last.effective_from) == (
        2,
        OrderVersion.Kind.TERMINATED,
        dt.date(2026, 5, 14),
    )
    assert last.current_support == 0 and last.entered_by is None
    assert not Review.objects.filter(order=order).exists()
    # and the last charge is the Monday before the birthday
    due = list(obligations_due(dt.date(2026, 5, 1), dt.date(2026, 5, 31), case_ids=[case.pk]))
    assert [o.due_date for o in due] == [dt.date(2026, 5, 4), dt.date(2026, 5, 11)]
    assert DiaryEntry.objects.filter(case=case, text__contains="the order ended on 2026-05-14")


def test_running_twice_changes_nothing_the_second_time(worker):
    _order_for(worker, dt.date(2008, 5, 14), dt.date(2012, 3, 3))
    _order_for(worker, dt.date(2008, 1, 2))
    first = end_child_support(dt.date(2026, 6, 1), chunk_size=1)
    counts = (DiaryEntry.objects.count(), Review.objects.count(), OrderVersion.objects.count())
    second = end_child_support(dt.date(2026, 6, 1))
    assert first == EndOfSupportRun(children_ended=2, reviews_opened=1, orders_ended=1)
    assert second == EndOfSupportRun()
    assert (DiaryEntry.objects.count(), Review.objects.count(), OrderVersion.objects.count()) == (
        counts
    )


def test_an_open_review_covers_a_second_child_ending(worker):
    _case, order = _order_for(
        worker, dt.date(2008, 5, 14), dt.date(2008, 8, 1), dt.date(2012, 3, 3)
    )
    end_child_support(dt.date(2026, 6, 1))
    run = end_child_support(dt.date(2026, 8, 1))
    assert run == EndOfSupportRun(children_ended=1, reviews_opened=0, orders_ended=0)
    assert Review.objects.filter(order=order).count() == 1


def test_the_command_runs_the_job(worker, capsys):
    _order_for(worker, dt.date(2008, 1, 2))
    call_command("end_child_support", "--as-of", "2026-06-01")
    assert "1 child(ren)" in capsys.readouterr().out
