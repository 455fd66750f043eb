"""The demo: one log-in per role, a small synthetic caseload, and work waiting for the demo worker
(cases near their timeframes, online applications in the intake queue).

Every step is idempotent: running the demo again adds no users and no cases.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cses.accounts.models import Profile
from cses.accounts.roles import Role
from cses.cases.intake import (
    AddressInput,
    Application,
    ChildInput,
    PartyInput,
    submit_application,
)
from cses.cases.models import (
    Case,
    CaseSource,
    CaseStatus,
    MemberRole,
    PaternityStatus,
    ProgramType,
)
from cses.core.models import Town
from cses.people.models import Employer, Language, Person, Sex
from cses.synthetic import names
from cses.synthetic.demo_money import set_up_demo_money
from cses.synthetic.factories import make_user
from cses.synthetic.generator import CONNECTICUT, SeedResult, seed

# For the demo only: printed with the log-ins so anyone trying the demo can sign in.
DEMO_PASSWORD = "demo-cses-2026"
DEMO_OFFICE = "HFD"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    office_code: str | None  # None: statewide (or a portal account)


STAFF_ACCOUNTS = (
    DemoAccount("worker", Role.OCSS_WORKER, DEMO_OFFICE),
    DemoAccount("supervisor", Role.OCSS_SUPERVISOR, DEMO_OFFICE),
    DemoAccount("worker.nhv", Role.OCSS_WORKER, "NHV"),
    DemoAccount("ses", Role.SES_OFFICER, None),
    DemoAccount("aag", Role.AAG, None),
    DemoAccount("magistrate", Role.MAGISTRATE, None),
    DemoAccount("payments", Role.PAYMENT_PROCESSING, None),
    DemoAccount("auditor", Role.AUDITOR, None),
    DemoAccount("admin", Role.ADMINISTRATOR, None),
)
PARENT_ACCOUNT = DemoAccount("parent", Role.PARENT, None)
EMPLOYER_ACCOUNT = DemoAccount("employer", Role.EMPLOYER, None)

# Cases for the demo worker that the timeframes flag: intakes past day 15 of the 20 allowed to
# open a case (45 CFR 303.2(b)), locates near the end of their 75 days (303.3(b)(3)).
INTAKE_ALERTS = replace(
    CONNECTICUT,
    statuses={CaseStatus.INTAKE: 1.0},
    opened_days_ago={**CONNECTICUT.opened_days_ago, CaseStatus.INTAKE: (16, 18)},
    interstate_share=0.0,
    family_violence_share=0.0,
    office_codes=(DEMO_OFFICE,),
)
LOCATE_ALERTS = replace(
    CONNECTICUT,
    statuses={CaseStatus.LOCATE: 1.0},
    opened_days_ago={**CONNECTICUT.opened_days_ago, CaseStatus.LOCATE: (80, 90)},
    days_in_status={**CONNECTICUT.days_in_status, CaseStatus.LOCATE: (68, 72)},
    interstate_share=0.0,
    family_violence_share=0.0,
    office_codes=(DEMO_OFFICE,),
)


def _create(account: DemoAccount, **links) -> bool:
    """Create the account unless its user name is taken; say whether it was created."""
    if get_user_model().objects.filter(username=account.username).exists():
        return False
    make_user(
        account.role,
        account.office_code,
        username=account.username,
        password=DEMO_PASSWORD,
        **links,
    )
    return True


@transaction.atomic
def create_staff_accounts() -> int:
    """One staff log-in per role; returns how many were created."""
    return sum(_create(account) for account in STAFF_ACCOUNTS)


@transaction.atomic
def create_portal_accounts() -> int:
    """A parent log-in for a custodial party of one of the demo worker's enforcement cases, and
    an employer log-in for an employer of one of that office's parents."""
    created = 0
    parent = (
        Person.objects.filter(
            memberships__role=MemberRole.CUSTODIAL_PARTY,
            memberships__family_violence=False,
            memberships__case__status=CaseStatus.ENFORCEMENT,
            memberships__case__office__code=DEMO_OFFICE,
        )
        .order_by("memberships__case__case_number")
        .first()
    )
    if parent is not None:
        created += _create(PARENT_ACCOUNT, person=parent)
    employer = (
        Employer.objects.filter(
            employments__end_date__isnull=True,
            employments__person__memberships__case__office__code=DEMO_OFFICE,
        )
        .order_by("pk")
        .first()
    )
    if employer is not None:
        created += _create(EMPLOYER_ACCOUNT, employer=employer)
    return created


def _online_application(rng: random.Random, *, spanish: bool, today: dt.date) -> Application:
    hispanic = next(o for o in names.ORIGINS if o.key == "hispanic")
    origin = hispanic if spanish else rng.choice(names.ORIGINS)
    town = rng.choice(list(Town.objects.filter(office__code=DEMO_OFFICE).order_by("name")))
    last = rng.choice(origin.surnames)
    child_dob = today - dt.timedelta(days=rng.randint(200, 12 * 365))
    return Application(
        applicant_role=MemberRole.CUSTODIAL_PARTY,
        applicant=PartyInput(
            last_name=last,
            first_name=rng.choice(origin.women),
            date_of_birth=child_dob - dt.timedelta(days=rng.randint(18 * 365, 35 * 365)),
            sex=Sex.FEMALE,
            ssn=f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            phone=f"860-555-01{rng.randint(0, 99):02d}",
            email=f"applicant{rng.randint(100, 999)}@example.com",
            language=Language.SPANISH if spanish else Language.ENGLISH,
            address=AddressInput(
                line1=f"{rng.randint(1, 999)} {rng.choice(names.STREET_NAMES)} Street",
                city=town.name,
                zip_code=town.zip_code,
            ),
        ),
        other_parent=PartyInput(
            last_name=rng.choice(origin.surnames),
            first_name=rng.choice(origin.men),
            sex=Sex.MALE,
        ),
        children=[
            ChildInput(
                last_name=last,
                first_name=rng.choice(origin.girls + origin.boys),
                date_of_birth=child_dob,
                paternity_status=PaternityStatus.NOT_ESTABLISHED,
            )
        ],
        other_parent_role=MemberRole.ALLEGED_FATHER,
        program_type=ProgramType.NEVER_ASSISTANCE,
        office_code=DEMO_OFFICE,
    )


def seed_demo_caseload(*, cases: int, seed_value: int, as_of: dt.date | None = None):
    """Seed the demo's cases, the demo worker's cases near their timeframes and two pending
    online applications, unless the database already has cases."""
    if Case.objects.exists():
        return None
    as_of = as_of or timezone.localdate()
    result: SeedResult = seed(cases=cases, seed=seed_value, as_of=as_of)
    seed(cases=2, seed=seed_value + 1, as_of=as_of, mix=INTAKE_ALERTS)
    seed(cases=2, seed=seed_value + 2, as_of=as_of, mix=LOCATE_ALERTS)
    rng = random.Random(seed_value)
    for spanish in (True, False):
        submit_application(
            application=_online_application(rng, spanish=spanish, today=as_of),
            channel=CaseSource.ONLINE,
            language=Language.SPANISH if spanish else Language.ENGLISH,
        )
    return result


def _office_label(profile: Profile) -> str:
    if profile.office:
        return profile.office.code
    return "portal" if profile.role in (Role.PARENT, Role.EMPLOYER) else "statewide"


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(user name, role, office, password) of every demo account that exists."""
    wanted = [a.username for a in (*STAFF_ACCOUNTS, PARENT_ACCOUNT, EMPLOYER_ACCOUNT)]
    profiles = {
        p.user.username: p
        for p in Profile.objects.select_related("user", "office").filter(user__username__in=wanted)
    }
    return [
        (
            name,
            str(profiles[name].get_role_display()),
            _office_label(profiles[name]),
            DEMO_PASSWORD,
        )
        for name in wanted
        if name in profiles
    ]


def set_up_demo(*, cases: int = 300, seed_value: int = 2026) -> SeedResult | None:
    """Staff accounts first (so the seeded cases are assigned to the demo workers), then the
    caseload, then the portal accounts that point into it, then the money (charges, a week of
    payments distributed and disbursed)."""
    create_staff_accounts()
    result = seed_demo_caseload(cases=cases, seed_value=seed_value)
    create_portal_accounts()
    set_up_demo_money(timezone.localdate(), seed_value=seed_value)
    return result
