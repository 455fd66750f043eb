"""Cases ready for paternity work: the obligor located, every child's paternity open."""

from __future__ import annotations

import dataclasses

import pytest

from cses.cases import lifecycle
from cses.cases.intake import open_case
from cses.cases.models import CaseSource, MemberRole
from cses.rules.case_lifecycle import CaseState
from cses.synthetic.factories import sample_application


@pytest.fixture
def paternity_case(db, worker):
    """paternity_case(children=1, other_parent_role="AF") -> a case in the paternity stage."""

    def make(*, children: int = 1, other_parent_role: str = MemberRole.ALLEGED_FATHER, **kwargs):
        application = dataclasses.replace(
            sample_application(children=children, ncp_verified_address=True, **kwargs),
            other_parent_role=other_parent_role,
        )
        case = open_case(application=application, by=worker, source=CaseSource.APPLICATION)
        return lifecycle.move_case(
            case=case, to=CaseState.PATERNITY, by=worker, reason="Alleged father located"
        )

    return make
