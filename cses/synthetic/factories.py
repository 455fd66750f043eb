"""Small, explicit builders for tests and the demo: users per role, and cases opened through the
real intake service (so a test case is made exactly as a worker would make one)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from cses.accounts.models import Profile
from cses.accounts.roles import Role
from cses.cases.intake import AddressInput, Application, ChildInput, PartyInput, open_case
from cses.cases.models import CaseSource, PaternityStatus, ProgramType
from cses.core.models import Office

_serial = itertools.count(1)


def make_user(
    role: str,
    office_code: str | None = "HFD",
    *,
    username: str | None = None,
    password: str = "a-long-test-password",
    all_offices: bool = False,
    person=None,
    employer=None,
):
    username = username or f"{role}{next(_serial)}"
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    Profile.objects.create(
        user=user,
        role=role,
        office=Office.objects.get(code=office_code) if office_code else None,
        all_offices=all_offices,
        person=person,
        employer=employer,
    )
    return user


def sample_application(
    *,
    office_code: str = "HFD",
    cp_last: str = "Rivera",
    ncp_last: str = "Walsh",
    ncp_ssn: str = "123-45-6789",
    cp_ssn: str = "",
    children: int = 1,
    paternity: str = PaternityStatus.NOT_ESTABLISHED,
    program_type: str = ProgramType.NEVER_ASSISTANCE,
    ncp_verified_address: bool = False,
    cp_family_violence: bool = False,
    existing_order_docket: str = "",
) -> Application:
    n = next(_serial)
    return Application(
        applicant_role="CP",
        applicant=PartyInput(
            last_name=cp_last,
            first_name="Maria",
            date_of_birth=dt.date(1990, 3, 14),
            sex="F",
            ssn=cp_ssn,
            phone="860-555-0101",
            address=AddressInput(line1=f"{n} Asylum Street", city="Hartford", zip_code="06103"),
        ),
        other_parent=PartyInput(
            last_name=ncp_last,
            first_name="Kevin",
            date_of_birth=dt.date(1988, 7, 2),
            sex="M",
            ssn=ncp_ssn,
            phone="203-555-0199",
            address=AddressInput(line1=f"{n} Chapel Street", city="New Haven", zip_code="06511"),
            employer_name="Nutmeg Tool & Die" if ncp_verified_address else "",
            employer_fein=f"06{n:07d}" if ncp_verified_address else "",
        ),
        children=[
            ChildInput(
                last_name=cp_last,
                first_name=f"Child{i}",
                date_of_birth=dt.date(2016 + i, 1, 1),
                sex="U",
                paternity_status=paternity,
            )
            for i in range(children)
        ],
        program_type=program_type,
        office_code=office_code,
        applicant_family_violence=cp_family_violence,
        existing_order_docket=existing_order_docket,
    )


def make_case(*, by=None, source: str = CaseSource.APPLICATION, **kwargs):
    return open_case(application=sample_application(**kwargs), by=by, source=source)


def make_order(
    case,
    *,
    by=None,
    docket_number: str | None = None,
    effective_from: dt.date = dt.date(2025, 1, 6),
    frequency: str = "weekly",
    current_support: str = "100.00",
    **terms,
):
    """An order entered on ``case`` from the court record (so no worksheet and no paternity
    finding is needed), covering every dependent child."""
    from decimal import Decimal

    from cses.orders.models import Court, OrderVersion
    from cses.orders.services import enter_order

    return enter_order(
        case=case,
        docket_number=docket_number or f"HHD-FA25-{next(_serial):07d}-S",
        court=Court.MAGISTRATE,
        issued_by="FSM Test",
        effective_from=effective_from,
        frequency=frequency,
        current_support=Decimal(current_support),
        basis=OrderVersion.Basis.COURT_RECORD,
        kind=OrderVersion.Kind.PRIOR,
        by=by,
        **terms,
    )
