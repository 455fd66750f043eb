"""A case moves forward on its own when its stage's work is done (advance_case)."""

from __future__ import annotations

import pytest

from cses.cases.lifecycle import advance_case, case_facts, move_case
from cses.cases.models import CaseMember, CaseStatus, CaseStatusChange, MemberRole, PaternityStatus
from cses.rules.case_lifecycle import CaseState
from cses.synthetic.factories import make_case


@pytest.mark.django_db
def test_paternity_for_every_child_moves_the_case_to_establishment():
    # Given a located parent and two children without legal paternity
    case = make_case(children=2, ncp_verified_address=True)
    case = move_case(case=case, to=CaseState.PATERNITY, by=None, reason="parent located")
    first, second = CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD)

    # When only one child's paternity is established, nothing moves
    first.paternity_status = PaternityStatus.ACKNOWLEDGED
    first.save()
    assert advance_case(case=case, reason="acknowledged").status == CaseStatus.PATERNITY

    # When the last child's is, the case moves to establishment by itself, with its reason
    second.paternity_status = PaternityStatus.ADJUDICATED
    second.save()
    case = advance_case(case=case, reason="Paternity adjudicated")
    assert case.status == CaseStatus.ESTABLISHMENT
    move = CaseStatusChange.objects.filter(case=case).latest("at", "id")
    assert (move.from_status, move.to_status, move.by) == ("paternity", "establishment", None)
    assert move.reason == "Paternity adjudicated"


@pytest.mark.django_db
def test_advance_never_moves_backward_or_from_intake():
    case = make_case(children=1)  # obligor not located: the case waits in locate
    case = move_case(case=case, to=CaseState.LOCATE, by=None, reason="to locate")
    assert advance_case(case=case, reason="x").status == CaseStatus.LOCATE
    case = make_case(children=1, ncp_verified_address=True)
    assert case.status == CaseStatus.INTAKE
    CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD).update(
        paternity_status=PaternityStatus.ACKNOWLEDGED
    )
    assert advance_case(case=case, reason="x").status == CaseStatus.INTAKE


@pytest.mark.django_db
def test_an_order_made_before_intake_counts_as_a_support_order():
    case = make_case(
        children=1,
        ncp_verified_address=True,
        paternity=PaternityStatus.ACKNOWLEDGED,
        existing_order_docket="HHD-FA-20-1234567",
    )
    assert case_facts(case).has_support_order


@pytest.mark.django_db
def test_a_paternity_case_with_an_order_goes_as_far_as_its_edges_allow():
    # Given a case in paternity that already has an order on record
    case = make_case(children=1, ncp_verified_address=True, existing_order_docket="HHD-FA-1")
    case = move_case(case=case, to=CaseState.PATERNITY, by=None, reason="parent located")
    CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD).update(
        paternity_status=PaternityStatus.ACKNOWLEDGED
    )
    # Paternity cannot jump straight to enforcement: the case passes through establishment
    assert advance_case(case=case, reason="acknowledged").status == CaseStatus.ENFORCEMENT
    moves = CaseStatusChange.objects.filter(case=case).order_by("at", "id")
    assert [m.to_status for m in moves][-2:] == ["establishment", "enforcement"]
