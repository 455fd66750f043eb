"""Entering, modifying and vacating support orders; a child's schooling; what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cses.cases.models import CaseMember, CaseStatus, CaseStatusChange, DiaryEntry
from cses.orders import services
from cses.orders.models import Court, OrderChild, OrderVersion, SupportOrder
from cses.orders.services import OrderRefused
from cses.orders.tests.order_helpers import born, children_of, establishment_case, worksheet
from cses.rules.frequency import from_weekly
from cses.synthetic.factories import make_case, make_order

D = Decimal
Basis = OrderVersion.Basis
Kind = OrderVersion.Kind
EFFECTIVE = dt.date(2026, 2, 2)


def _enter(case, by, **kwargs):
    args = {
        "case": case,
        "docket_number": "HHD-FA26-5001234-S",
        "court": Court.MAGISTRATE,
        "issued_by": "FSM Rivera",
        "effective_from": EFFECTIVE,
        "frequency": "weekly",
        "current_support": D("100.00"),
        "basis": Basis.GUIDELINES,
        "by": by,
    }
    args.update(kwargs)
    return services.enter_order(**args)


def _refusal(call) -> str:
    with pytest.raises(OrderRefused) as refused:
        call()
    return " | ".join(refused.value.reasons)


def test_an_order_from_a_worksheet_moves_the_case_to_enforcement_by_itself(worker):
    # given a case in establishment with two children and a worksheet for both
    case = establishment_case(worker, children=2)
    ws = worksheet(case, worker, children=2)
    monthly = from_weekly(ws.current_support_weekly, "monthly")
    # when the magistrate's order is entered on the guidelines, monthly
    order = _enter(
        case,
        worker,
        frequency="monthly",
        current_support=monthly,
        worksheet=ws,
        arrearage_payment=D("20.00"),
        medical_coverage_by="noncustodial",
        unreimbursed_medical_percent=D("64.29"),
    )
    # then version 1 holds the terms, the weekly equivalent and the guideline amount
    version = order.versions.get()
    assert (version.version, version.kind, version.basis) == (1, Kind.ESTABLISHED, Basis.GUIDELINES)
    assert version.current_support == monthly
    assert abs(version.current_support_weekly - ws.current_support_weekly) <= D("0.01")
    assert version.guideline_amount_weekly == ws.current_support_weekly
    assert version.worksheet == ws and version.entered_by == worker
    # and each child is covered until the 18th birthday
    covered = list(
        order.children.order_by("support_ends_on").values_list("support_ends_on", flat=True)
    )
    assert covered == [dt.date(2034, 1, 1), dt.date(2035, 1, 1)]
    assert all("Age 18" in c.end_basis for c in order.children.all())
    # and the case moved to enforcement on its own, with the diary telling why
    case.refresh_from_db()
    assert case.status == CaseStatus.ENFORCEMENT
    move = CaseStatusChange.objects.filter(case=case).latest("at")
    assert (move.to_status, move.by) == ("enforcement", worker)
    assert "HHD-FA26-5001234-S" in move.reason
    texts = list(DiaryEntry.objects.filter(case=case).values_list("text", flat=True))
    assert any(t.startswith("Support order HHD-FA26-5001234-S entered") for t in texts)


def test_a_prior_order_is_entered_from_the_court_record(worker):
    # given a case whose children's paternity is still open on the record
    case = make_case(by=worker)
    # when an order made before the case is entered from the court record
    order = _enter(case, worker, basis=Basis.COURT_RECORD, kind=Kind.PRIOR)
    # then it needs neither worksheet nor paternity finding
    version = order.versions.get()
    assert (version.kind, version.basis, version.worksheet) == (
        Kind.PRIOR,
        Basis.COURT_RECORD,
        None,
    )
    assert version.guideline_amount_weekly is None
    # and the intake case is left for the worker to move
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_a_deviation_states_criterion_finding_and_guideline_amount(worker):
    case = establishment_case(worker)
    ws = worksheet(case, worker)
    order = _enter(
        case,
        worker,
        basis=Basis.DEVIATION,
        worksheet=ws,
        current_support=D("40.00"),
        deviation_criterion="46b-215a-5c(b)(4)",
        deviation_finding="  The obligor supports three children of a later marriage.  ",
    )
    version = order.versions.get()
    assert version.deviation_criterion == "46b-215a-5c(b)(4)"
    assert version.deviation_finding == "The obligor supports three children of a later marriage."
    assert version.guideline_amount_weekly == ws.current_support_weekly


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"basis": Basis.GUIDELINES, "worksheet": None}, "cites the worksheet it came from"),
        ({"basis": Basis.COURT_RECORD}, "the court record alone is for orders made before"),
        ({"current_support": D("55.00")}, "is not the worksheet's guideline amount"),
        ({"basis": Basis.DEVIATION}, "cites a 46b-215a-5c(b) deviation criterion"),
        (
            {"basis": Basis.DEVIATION, "deviation_criterion": "46b-215a-5c(b)(4)"},
            "states the finding",
        ),
        ({"current_support": D("-1.00")}, "cannot be negative"),
        ({"current_support": D("10.005")}, "dollars and cents"),
        ({"frequency": "daily"}, "how often"),
        ({"unreimbursed_medical_percent": D("101")}, "a percentage, 0 to 100"),
        ({"docket_number": "  "}, "docket number is required"),
        ({"court": "moon"}, "court or tribunal"),
        ({"issued_by": ""}, "magistrate or judge"),
        ({"kind": Kind.MODIFIED}, "established on the case or as a prior order"),
    ],
)
def test_refusals_name_what_is_wrong(worker, changes, says):
    case = establishment_case(worker)
    ws = worksheet(case, worker)
    args = {"worksheet": ws, "current_support": ws.current_support_weekly, **changes}
    assert says in _refusal(lambda: _enter(case, worker, **args))
    assert not SupportOrder.objects.filter(case=case).exists()


def test_the_worksheet_must_be_of_this_case_and_for_the_children_covered(worker):
    case = establishment_case(worker, children=2)
    other = establishment_case(worker)
    theirs = worksheet(other, worker)
    says = _refusal(lambda: _enter(case, worker, worksheet=theirs))
    assert "belongs to another case" in says
    # a worksheet for one child does not price an order for two
    one = worksheet(case, worker, children=1)
    says = _refusal(
        lambda: _enter(case, worker, worksheet=one, current_support=one.current_support_weekly)
    )
    assert "computed for 1 child(ren) but the order covers 2" in says
    # covering only that child, it does
    first = children_of(case)[0]
    order = _enter(
        case, worker, worksheet=one, current_support=one.current_support_weekly, children=[first]
    )
    assert list(order.children.values_list("child_id", flat=True)) == [first.pk]


def test_an_established_order_needs_paternity_and_known_birth_dates(worker):
    case = make_case(by=worker)  # paternity not established
    child = children_of(case)[0]
    born_unknown = CaseMember.objects.filter(pk=child.pk)
    says = _refusal(lambda: _enter(case, worker, basis=Basis.DEVIATION, deviation_finding="x"))
    assert "Paternity of" in says and "is not established" in says
    born(born_unknown.get(), None)
    says = _refusal(lambda: _enter(case, worker, basis=Basis.COURT_RECORD, kind=Kind.PRIOR))
    assert "date of birth is needed" in says


def test_a_child_whose_support_already_ended_is_refused(worker):
    case = make_case(by=worker)
    born(children_of(case)[0], dt.date(2000, 1, 1))
    says = _refusal(lambda: _enter(case, worker, basis=Basis.COURT_RECORD, kind=Kind.PRIOR))
    assert "ended on 2018-01-01, before the order's effective date" in says


def test_the_same_docket_is_entered_once_per_case(worker):
    case = make_case(by=worker)
    make_order(case, docket_number="HHD-FA20-1-S")
    says = _refusal(
        lambda: _enter(
            case, worker, docket_number="HHD-FA20-1-S", basis=Basis.COURT_RECORD, kind=Kind.PRIOR
        )
    )
    assert "already on this case: enter a modification" in says


def test_a_modification_is_a_new_version_and_keeps_the_history(worker):
    # given an order of $100 a week from 6 January 2025
    case = make_case(by=worker)
    order = make_order(case, by=worker)
    first = order.versions.get()
    # when the court modifies it to $500 a month from 1 March 2026
    version = services.modify_order(
        order=order,
        effective_from=dt.date(2026, 3, 1),
        frequency="monthly",
        current_support=D("500.00"),
        basis=Basis.COURT_RECORD,
        reason="Modified on the custodial party's motion",
        by=worker,
    )
    # then version 2 holds the new terms and version 1 is unchanged
    assert (version.version, version.kind, version.current_support_weekly) == (
        2,
        Kind.MODIFIED,
        D("115.38"),
    )
    assert list(order.versions.values_list("version", "current_support")) == [
        (1, D("100.00")),
        (2, D("500.00")),
    ]
    first.refresh_from_db()
    assert first.current_support == D("100.00")
    # and versions stay append-only
    with pytest.raises(ValidationError):
        first.save()
    assert DiaryEntry.objects.filter(case=case, text__contains="modified (version 2").exists()


def test_a_modification_cannot_take_effect_before_the_current_terms(worker):
    order = make_order(make_case(by=worker), by=worker)
    says = _refusal(
        lambda: services.modify_order(
            order=order,
            effective_from=dt.date(2024, 12, 1),
            frequency="weekly",
            current_support=D("90.00"),
            basis=Basis.COURT_RECORD,
            reason="",
            by=worker,
        )
    )
    assert "on or after the current terms' effective date (2025-01-06)" in says
    assert "Say why the order changed" in says
    assert order.versions.count() == 1


def test_schooling_moves_the_end_of_support_to_the_12th_grade_or_19(worker):
    # given an order for a child born 10 September 2008 (18 on 10 September 2026)
    case = make_case(by=worker)
    born(children_of(case)[0], dt.date(2008, 9, 10))
    order = make_order(case, by=worker)
    child = order.children.get()
    assert child.support_ends_on == dt.date(2026, 9, 10)
    # when the worker records that the child will finish 12th grade on 15 June 2027
    child = services.update_child_schooling(
        order_child=child,
        high_school_student=True,
        expected_graduation=dt.date(2027, 6, 15),
        unmarried_living_with_parent=True,
        by=worker,
    )
    # then support ends on that day, and the case member shows a student
    assert child.support_ends_on == dt.date(2027, 6, 15)
    assert "Completion of the 12th grade" in child.end_basis
    assert CaseMember.objects.get(pk=child.child_id).high_school_student
    # and a later graduation is capped at 19
    child = services.update_child_schooling(
        order_child=child,
        high_school_student=True,
        expected_graduation=dt.date(2027, 12, 20),
        unmarried_living_with_parent=True,
        by=worker,
    )
    assert child.support_ends_on == dt.date(2027, 9, 10)
    assert DiaryEntry.objects.filter(case=case, text__contains="support ends 2027-09-10").exists()


def test_vacating_ends_the_order_with_a_zero_version(worker):
    case = make_case(by=worker)
    order = make_order(case, by=worker)
    version = services.vacate_order(
        order=order, on=dt.date(2026, 4, 1), reason="Vacated: the parents reconciled", by=worker
    )
    order.refresh_from_db()
    assert (order.active, order.ended_on) == (False, dt.date(2026, 4, 1))
    assert (version.version, version.kind, version.basis, version.current_support) == (
        2,
        Kind.TERMINATED,
        Basis.TERMINATION,
        D("0"),
    )
    assert not OrderChild.objects.filter(order=order, ended=False).exists()
    # an ended order cannot be changed
    says = _refusal(
        lambda: services.modify_order(
            order=order,
            effective_from=dt.date(2026, 5, 1),
            frequency="weekly",
            current_support=D("1.00"),
            basis=Basis.COURT_RECORD,
            reason="x",
            by=worker,
        )
    )
    assert "has ended" in says
