"""Paternity rules: the acknowledgment's dates and rescission window, and genetic-test conclusions.
Table-driven for the edges the law names, with properties over any dates and probabilities."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cses.rules import paternity as p
from cses.rules.paternity import AcknowledgmentDates, GeneticConclusion

TODAY = dt.date(2026, 6, 30)
SIGNED = dt.date(2026, 3, 1)
THRESHOLD = Decimal("99")


def ack(mother=SIGNED, father=SIGNED, witness=SIGNED, filed=None) -> AcknowledgmentDates:
    return AcknowledgmentDates(mother, father, witness, filed)


def fields(problems: list[p.Problem]) -> list[str]:
    return [pr.field for pr in problems]


# --- the acknowledgment's dates -------------------------------------------------------------


def test_a_complete_witnessed_acknowledgment_has_no_problems():
    dates = ack(father=dt.date(2026, 3, 3), witness=dt.date(2026, 3, 3), filed=dt.date(2026, 3, 9))
    assert p.acknowledgment_problems(dates, witness_name="R. Clerk", today=TODAY) == []


@pytest.mark.parametrize(
    ("dates", "witness_name", "expected"),
    [
        (ack(), "", ["witness_name"]),
        (ack(witness=None), "R. Clerk", ["witness_signed_on"]),
        (ack(mother=dt.date(2026, 7, 1)), "R. Clerk", ["mother_signed_on"]),
        (
            ack(father=dt.date(2026, 7, 1), witness=dt.date(2026, 7, 1)),
            "R. Clerk",
            ["father_signed_on", "witness_signed_on"],
        ),
        (ack(witness=dt.date(2026, 2, 28)), "R. Clerk", ["witness_signed_on"]),
        (ack(filed=dt.date(2026, 2, 28)), "R. Clerk", ["filed_on"]),
        (ack(filed=dt.date(2026, 7, 1)), "R. Clerk", ["filed_on"]),
        # filed after the mother but before the father signed
        (ack(father=dt.date(2026, 3, 5), filed=dt.date(2026, 3, 4)), "R. Clerk", ["filed_on"]),
    ],
)
def test_acknowledgment_problems_name_the_field(dates, witness_name, expected):
    assert fields(p.acknowledgment_problems(dates, witness_name=witness_name, today=TODAY)) == (
        expected
    )


def test_every_problem_is_reported_at_once():
    dates = ack(mother=dt.date(2026, 7, 2), witness=None, filed=dt.date(2026, 2, 1))
    problems = p.acknowledgment_problems(dates, witness_name=" ", today=TODAY)
    assert set(fields(problems)) == {
        "witness_name",
        "witness_signed_on",
        "mother_signed_on",
        "filed_on",
    }


# --- the rescission window (42 USC 666(a)(5)(D)(ii)) ----------------------------------------


def test_the_deadline_runs_60_days_from_the_later_signature():
    dates = ack(mother=dt.date(2026, 3, 1), father=dt.date(2026, 3, 10))
    assert p.rescission_deadline(dates, rescission_days=60) == dt.date(2026, 5, 9)


@pytest.mark.parametrize(
    ("days_after", "allowed"),
    [(0, True), (1, True), (59, True), (60, True), (61, False), (400, False)],
)
def test_rescission_is_open_through_day_60_and_closed_on_day_61(days_after, allowed):
    dates = ack()
    deadline = p.rescission_deadline(dates, rescission_days=60)
    on = SIGNED + dt.timedelta(days=days_after)
    assert p.can_rescind(dates, on=on, deadline=deadline, today=on) is allowed


def test_a_rescission_cannot_be_dated_in_the_future_or_before_both_signatures():
    dates = ack(father=dt.date(2026, 3, 5))
    deadline = p.rescission_deadline(dates, rescission_days=60)
    before = p.rescission_problems(dates, on=dt.date(2026, 3, 4), deadline=deadline, today=TODAY)
    assert fields(before) == ["rescinded_on"]
    future = p.rescission_problems(
        dates, on=dt.date(2026, 4, 1), deadline=deadline, today=dt.date(2026, 3, 20)
    )
    assert fields(future) == ["rescinded_on"]
    assert "future" in future[0].message


def test_a_proceeding_about_the_child_ends_the_window_early():
    dates = ack()
    deadline = p.rescission_deadline(dates, rescission_days=60)
    hearing = dt.date(2026, 3, 20)
    kw = {"deadline": deadline, "today": TODAY, "proceeding_on": hearing}
    assert p.can_rescind(dates, on=dt.date(2026, 3, 19), **kw)
    assert p.can_rescind(dates, on=hearing, **kw)
    assert not p.can_rescind(dates, on=dt.date(2026, 3, 21), **kw)


def test_a_negative_rescission_period_is_refused():
    with pytest.raises(ValueError, match="negative"):
        p.rescission_deadline(ack(), rescission_days=-1)


dates_strategy = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@given(mother=dates_strategy, father=dates_strategy, days=st.integers(0, 365))
def test_the_deadline_is_never_before_either_signature(mother, father, days):
    dates = AcknowledgmentDates(mother, father, max(mother, father))
    deadline = p.rescission_deadline(dates, rescission_days=days)
    assert deadline >= mother and deadline >= father
    assert (deadline - dates.last_signature).days == days


@given(
    mother=dates_strategy,
    father=dates_strategy,
    days=st.integers(0, 120),
    offset=st.integers(-30, 200),
)
def test_rescission_is_allowed_exactly_inside_the_window(mother, father, days, offset):
    dates = AcknowledgmentDates(mother, father, max(mother, father))
    deadline = p.rescission_deadline(dates, rescission_days=days)
    on = dates.last_signature + dt.timedelta(days=offset)
    assert p.can_rescind(dates, on=on, deadline=deadline, today=on) == (0 <= offset <= days)


# --- genetic test conclusions (42 USC 666(a)(5)(G)) -----------------------------------------


@pytest.mark.parametrize(
    ("probability", "excluded", "expected"),
    [
        ("99.00", False, GeneticConclusion.PRESUMED),
        ("99.9999", False, GeneticConclusion.PRESUMED),
        ("100", False, GeneticConclusion.PRESUMED),
        ("98.99", False, GeneticConclusion.NOT_EXCLUDED),
        ("50", False, GeneticConclusion.NOT_EXCLUDED),
        ("0.0001", False, GeneticConclusion.NOT_EXCLUDED),
        ("0", False, GeneticConclusion.EXCLUDED),
        ("0", True, GeneticConclusion.EXCLUDED),
        ("12.5", True, GeneticConclusion.EXCLUDED),
    ],
)
def test_genetic_conclusion(probability, excluded, expected):
    assert (
        p.genetic_conclusion(Decimal(probability), threshold_percent=THRESHOLD, excluded=excluded)
        is expected
    )


@pytest.mark.parametrize(
    ("probability", "threshold", "excluded", "why"),
    [
        ("100.01", "99", False, "between 0 and 100"),
        ("-1", "99", False, "between 0 and 100"),
        ("50", "0", False, "threshold"),
        ("50", "101", False, "threshold"),
        ("99.5", "99", True, "cannot show a probability"),
    ],
)
def test_impossible_results_are_refused(probability, threshold, excluded, why):
    with pytest.raises(ValueError, match=why):
        p.genetic_conclusion(
            Decimal(probability), threshold_percent=Decimal(threshold), excluded=excluded
        )


percent = st.decimals(min_value=0, max_value=100, places=4, allow_nan=False)
threshold = st.decimals(min_value="0.0001", max_value=100, places=4, allow_nan=False)


@given(probability=percent, threshold=threshold)
def test_presumed_exactly_at_or_above_the_threshold(probability, threshold):
    conclusion = p.genetic_conclusion(probability, threshold_percent=threshold)
    assert (conclusion is GeneticConclusion.PRESUMED) == (probability >= threshold)
    assert (conclusion is GeneticConclusion.EXCLUDED) == (probability == 0)


@given(low=percent, high=percent, threshold=threshold)
def test_a_higher_probability_never_concludes_less(low, high, threshold):
    low, high = sorted((low, high))
    rank = {
        GeneticConclusion.EXCLUDED: 0,
        GeneticConclusion.NOT_EXCLUDED: 1,
        GeneticConclusion.PRESUMED: 2,
    }
    assert (
        rank[p.genetic_conclusion(low, threshold_percent=threshold)]
        <= rank[p.genetic_conclusion(high, threshold_percent=threshold)]
    )
