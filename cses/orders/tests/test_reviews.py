"""Reviews of orders for modification: the services (request, worksheet, decision) and the nightly
job that opens the periodic reviews of assistance orders (45 CFR 303.8, CGS 46b-86(a))."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D

import pytest
from django.utils import timezone

from cses.cases.models import DiaryEntry, ProgramType
from cses.orders import reviews
from cses.orders.models import GuidelineSchedule, OrderVersion, Review, SupportOrder, Worksheet
from cses.orders.reviews import ReviewRefused
from cses.synthetic.factories import make_case

_serial = itertools.count(1)
REQUESTED = dt.date(2025, 3, 3)


# --- local factories: orders and worksheets written straight to the tables ----------------------


def make_order(
    case, *, weekly: str = "100.00", effective_from: dt.date = dt.date(2022, 1, 1), **kwargs
) -> SupportOrder:
    order = SupportOrder.objects.create(
        case=case,
        docket_number=f"FA-{next(_serial):05d}",
        court="fsm",
        issued_by="Magistrate Test",
        entered_at=timezone.now(),
        **kwargs,
    )
    add_version(order, weekly=weekly, effective_from=effective_from, kind="established")
    return order


def add_version(
    order: SupportOrder, *, weekly: str, effective_from: dt.date, kind: str = "modified"
) -> OrderVersion:
    return OrderVersion.objects.create(
        order=order,
        version=order.versions.count() + 1,
        kind=kind,
        basis="court_record",
        effective_from=effective_from,
        frequency="weekly",
        current_support=D(weekly),
        current_support_weekly=D(weekly),
        entered_at=timezone.now(),
    )


def make_worksheet(case, *, weekly: str, purpose: str = "review") -> Worksheet:
    n = next(_serial)
    schedule, _ = GuidelineSchedule.objects.get_or_create(
        content_sha256="0" * 63 + "1",
        defaults={"name": "Test schedule", "effective_from": dt.date(2015, 7, 1), "step": 10},
    )
    amount = D(weekly)
    return Worksheet.objects.create(
        case=case,
        purpose=purpose,
        prepared_at=timezone.now() - dt.timedelta(minutes=n),
        schedule=schedule,
        illustrative=True,
        inputs={},
        result={},
        children=1,
        current_support_weekly=amount,
        arrearage_payment_weekly=0,
        health_care_contribution_weekly=0,
        child_care_contribution_weekly=0,
        total_award_weekly=amount,
    )


@pytest.fixture
def order(case):
    return make_order(case)


def _request(case, order, worker, source="custodial", on=REQUESTED) -> Review:
    return reviews.request_review(case=case, order=order, source=source, requested_on=on, by=worker)


def _events(case) -> list[str]:
    return list(
        DiaryEntry.objects.filter(case=case, kind="event")
        .order_by("id")
        .values_list("text", flat=True)
    )


# --- request ------------------------------------------------------------------------------------


def test_a_parent_asks_for_a_review(case, order, worker):
    # when the custodial party asks
    review = _request(case, order, worker)
    # then the review is open and due 180 days later (45 CFR 303.8(e))
    assert review.outcome == ""
    assert review.due_by == REQUESTED + dt.timedelta(days=180)
    assert review.source == Review.Source.CUSTODIAL
    assert "Review of order" in _events(case)[-1]


def test_a_second_open_review_of_the_same_order_is_refused(case, order, worker):
    _request(case, order, worker)
    with pytest.raises(ReviewRefused, match="already has an open review"):
        _request(case, order, worker, source="noncustodial")
    assert Review.objects.filter(order=order).count() == 1


def test_a_new_request_is_accepted_once_the_last_is_decided(case, order, worker):
    first = _request(case, order, worker)
    reviews.decide_review(
        review=first, outcome="withdrawn", outcome_on=REQUESTED, note="Parent withdrew", by=worker
    )
    second = _request(case, order, worker, source="noncustodial")
    assert second.pk != first.pk


def test_request_refused_for_an_order_of_another_case(case, worker):
    other = make_order(make_case(by=worker))
    with pytest.raises(ReviewRefused, match="not on this case"):
        _request(case, other, worker)


def test_request_refused_for_an_ended_order(case, worker):
    ended = make_order(case, active=False, ended_on=dt.date(2024, 1, 1))
    with pytest.raises(ReviewRefused, match="ended"):
        _request(case, ended, worker)


def test_request_refused_for_a_cycle_source_or_a_future_date(case, order, worker):
    with pytest.raises(ReviewRefused):
        _request(case, order, worker, source="cycle")
    with pytest.raises(ReviewRefused, match="future"):
        _request(case, order, worker, on=timezone.localdate() + dt.timedelta(days=1))


# --- worksheet and the substantial-change test ----------------------------------------------------


@pytest.mark.parametrize(
    ("guideline", "percent", "substantial"),
    [
        ("115.00", "15.00", True),
        ("114.99", "14.99", False),
        ("85.00", "-15.00", True),
        ("85.01", "-14.99", False),
    ],
)
def test_worksheet_against_the_order_at_the_15_percent_threshold(
    case, order, worker, guideline, percent, substantial
):
    # given an order of $100 a week under review
    review = _request(case, order, worker)
    # when the recomputed worksheet is attached
    review = reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly=guideline), by=worker
    )
    # then the change is measured against the order, at the 15 % parameter
    review.refresh_from_db()
    assert review.current_weekly == D("100.00")
    assert review.guideline_weekly == D(guideline)
    assert review.change_percent == D(percent)
    assert review.threshold_percent == D("15")
    assert review.substantial_change is substantial
    assert ("not a substantial change" in _events(case)[-1]) is not substantial


def test_the_order_version_in_effect_on_the_request_date_is_compared(case, worker):
    order = make_order(case, weekly="100.00", effective_from=dt.date(2022, 1, 1))
    add_version(order, weekly="200.00", effective_from=dt.date(2024, 6, 1))
    add_version(order, weekly="300.00", effective_from=dt.date(2025, 6, 1))  # after the request
    review = _request(case, order, worker)
    review = reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly="220.00"), by=worker
    )
    assert review.current_weekly == D("200.00")
    assert review.change_percent == D("10.00")
    assert review.substantial_change is False


def test_an_order_of_nothing_against_a_guideline_amount_is_substantial(case, worker):
    order = make_order(case, weekly="0.00")
    review = _request(case, order, worker)
    review = reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly="50.00"), by=worker
    )
    assert review.change_percent is None
    assert review.substantial_change is True


def test_a_worksheet_of_another_case_is_refused(case, order, worker):
    review = _request(case, order, worker)
    foreign = make_worksheet(make_case(by=worker), weekly="150.00")
    with pytest.raises(ReviewRefused, match="another case"):
        reviews.record_review_worksheet(review=review, worksheet=foreign, by=worker)


def test_a_later_worksheet_replaces_the_earlier_one(case, order, worker):
    review = _request(case, order, worker)
    reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly="150.00"), by=worker
    )
    review = reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly="105.00"), by=worker
    )
    assert review.substantial_change is False
    assert review.change_percent == D("5.00")


# --- decision -----------------------------------------------------------------------------------


def _worked(case, order, worker, guideline="130.00", on=REQUESTED) -> Review:
    review = _request(case, order, worker, on=on)
    return reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly=guideline), by=worker
    )


def test_a_petition_filed_decides_the_review(case, order, worker):
    review = _worked(case, order, worker)
    review = reviews.decide_review(
        review=review,
        outcome="petition_filed",
        outcome_on=dt.date(2025, 4, 1),
        note="Motion to modify filed with the FSM.",
        by=worker,
    )
    review.refresh_from_db()
    assert review.outcome == "petition_filed"
    assert review.outcome_on == dt.date(2025, 4, 1)
    assert review.decided_by == worker
    assert "Petition to modify filed" in _events(case)[-1]


def test_a_note_is_required(case, order, worker):
    review = _worked(case, order, worker)
    with pytest.raises(ReviewRefused, match="note"):
        reviews.decide_review(
            review=review, outcome="agreement", outcome_on=REQUESTED, note="  ", by=worker
        )
    review.refresh_from_db()
    assert review.outcome == ""


def test_no_change_despite_a_substantial_change_is_recorded_with_the_reason(case, order, worker):
    review = _worked(case, order, worker, guideline="130.00")
    assert review.substantial_change is True
    reviews.decide_review(
        review=review,
        outcome="no_change",
        outcome_on=REQUESTED,
        note="The increase comes from overtime that has ended.",
        by=worker,
    )
    assert "despite a substantial change" in _events(case)[-1]


def test_deciding_needs_the_recomputed_amount_except_a_withdrawal(case, order, worker):
    review = _request(case, order, worker)
    with pytest.raises(ReviewRefused, match="worksheet"):
        reviews.decide_review(
            review=review, outcome="no_change", outcome_on=REQUESTED, note="n", by=worker
        )
    reviews.decide_review(
        review=review, outcome="withdrawn", outcome_on=REQUESTED, note="Withdrawn", by=worker
    )


def test_a_decided_review_cannot_change(case, order, worker):
    review = _worked(case, order, worker)
    reviews.decide_review(
        review=review, outcome="agreement", outcome_on=REQUESTED, note="Agreed", by=worker
    )
    with pytest.raises(ReviewRefused, match="decided"):
        reviews.decide_review(
            review=review, outcome="no_change", outcome_on=REQUESTED, note="x", by=worker
        )
    with pytest.raises(ReviewRefused, match="decided"):
        reviews.record_review_worksheet(
            review=review, worksheet=make_worksheet(case, weekly="100.00"), by=worker
        )


def test_outcome_dates_are_checked(case, order, worker):
    review = _worked(case, order, worker)
    for day in (REQUESTED - dt.timedelta(days=1), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ReviewRefused, match="date"):
            reviews.decide_review(
                review=review, outcome="agreement", outcome_on=day, note="x", by=worker
            )


# --- the periodic review job --------------------------------------------------------------------

ON = dt.date(2025, 9, 15)


@pytest.fixture
def tanf_case(worker):
    return make_case(by=worker, program_type=ProgramType.CURRENT_ASSISTANCE)


def test_a_tanf_order_36_months_old_gets_one_review(tanf_case):
    order = make_order(tanf_case, effective_from=dt.date(2022, 9, 15))
    assert reviews.open_cycle_reviews(ON) == 1
    review = Review.objects.get(order=order)
    assert review.source == Review.Source.ASSISTANCE_CYCLE
    assert review.requested_on == ON
    assert review.due_by == ON + dt.timedelta(days=180)
    assert "Periodic review" in _events(tanf_case)[-1]


def test_a_tanf_order_a_day_short_of_36_months_gets_none(tanf_case):
    make_order(tanf_case, effective_from=dt.date(2022, 9, 16))
    make_order(tanf_case, effective_from=dt.date(2022, 10, 15))  # 35 months
    assert reviews.open_cycle_reviews(ON) == 0
    assert not Review.objects.exists()


def test_orders_of_other_programs_and_ended_orders_get_none(worker, tanf_case):
    for program in (ProgramType.FORMER_ASSISTANCE, ProgramType.NEVER_ASSISTANCE):
        make_order(make_case(by=worker, program_type=program), effective_from=dt.date(2020, 1, 1))
    make_order(
        tanf_case, effective_from=dt.date(2020, 1, 1), active=False, ended_on=dt.date(2024, 1, 1)
    )
    assert reviews.open_cycle_reviews(ON) == 0


def test_running_twice_opens_one_review(tanf_case):
    make_order(tanf_case, effective_from=dt.date(2020, 1, 1))
    assert reviews.open_cycle_reviews(ON) == 1
    assert reviews.open_cycle_reviews(ON) == 0
    assert reviews.open_cycle_reviews(ON + dt.timedelta(days=1)) == 0
    assert Review.objects.count() == 1


def test_an_open_request_already_covers_the_cycle(tanf_case, worker):
    order = make_order(tanf_case, effective_from=dt.date(2020, 1, 1))
    _request(tanf_case, order, worker)
    assert reviews.open_cycle_reviews(ON) == 0


def test_a_decided_review_restarts_the_cycle(tanf_case, worker):
    order = make_order(tanf_case, effective_from=dt.date(2020, 1, 1))
    review = _worked(tanf_case, order, worker, on=dt.date(2023, 1, 2))
    reviews.decide_review(
        review=review, outcome="no_change", outcome_on=dt.date(2023, 1, 10), note="x", by=worker
    )
    assert reviews.open_cycle_reviews(dt.date(2026, 1, 9)) == 0
    assert reviews.open_cycle_reviews(dt.date(2026, 1, 10)) == 1


def test_a_withdrawn_request_does_not_restart_the_cycle(tanf_case, worker):
    order = make_order(tanf_case, effective_from=dt.date(2022, 1, 1))
    review = _request(tanf_case, order, worker)
    reviews.decide_review(
        review=review, outcome="withdrawn", outcome_on=REQUESTED, note="x", by=worker
    )
    assert reviews.open_cycle_reviews(dt.date(2025, 1, 1)) == 1


def test_a_modification_restarts_the_cycle_but_a_child_ending_does_not(tanf_case):
    modified = make_order(tanf_case, effective_from=dt.date(2020, 1, 1))
    add_version(modified, weekly="120.00", effective_from=dt.date(2023, 1, 1))
    child_ended = make_order(tanf_case, effective_from=dt.date(2020, 1, 1))
    add_version(child_ended, weekly="80.00", effective_from=dt.date(2023, 1, 1), kind="child_ended")
    assert reviews.open_cycle_reviews(ON) == 1
    assert Review.objects.get().order == child_ended


def test_the_job_works_in_chunks(tanf_case, monkeypatch):
    monkeypatch.setattr(reviews, "CHUNK", 2)
    orders = [make_order(tanf_case, effective_from=dt.date(2020, 1, 1)) for _ in range(5)]
    assert reviews.open_cycle_reviews(ON) == 5
    assert set(Review.objects.values_list("order_id", flat=True)) == {o.pk for o in orders}


# --- selectors ----------------------------------------------------------------------------------


def test_reviews_due_soon_and_overdue(case, worker):
    soon = _request(case, make_order(case), worker, on=dt.date(2025, 1, 1))  # due 2025-06-30
    later = _request(case, make_order(case), worker, on=dt.date(2025, 3, 1))  # due 2025-08-28
    on = dt.date(2025, 6, 15)
    assert list(reviews.open_reviews_due(on=on, within_days=30)) == [soon]
    assert list(reviews.open_reviews_due(on=on, within_days=90)) == [soon, later]
    assert list(reviews.overdue_reviews(on=dt.date(2025, 7, 1))) == [soon]
    assert list(reviews.overdue_reviews(on=on, cases=case.__class__.objects.none())) == []


def test_worksheets_for_review_come_first(case):
    establishment = make_worksheet(case, weekly="100.00", purpose="establishment")
    review = make_worksheet(case, weekly="110.00", purpose="review")
    assert list(reviews.worksheets_for_review(case)) == [review, establishment]


def test_the_cycle_review_command_opens_due_reviews_once(tanf_case):
    from io import StringIO

    from django.core.management import call_command

    make_order(tanf_case, effective_from=dt.date(2022, 9, 15))
    first, second = StringIO(), StringIO()
    call_command("open_cycle_reviews", "--as-of", ON.isoformat(), stdout=first)
    call_command("open_cycle_reviews", "--as-of", ON.isoformat(), stdout=second)
    assert first.getvalue().strip() == "opened 1 periodic review(s)"
    assert second.getvalue().strip() == "opened 0 periodic review(s)"
