"""What a parent may see of their own cases, for the portal page and the API alike.

A person protected from the parent by the family-violence indicator shows as confidential, with
no place at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from cses.cases.disclosure import hidden_from
from cses.cases.documents import contact_address
from cses.cases.models import Case, CaseMember, MemberRole
from cses.people.models import Address


@dataclass(frozen=True)
class OtherParty:
    name: str
    role: str  # as shown
    role_code: str
    city_state: str  # empty when unknown or confidential
    confidential: bool


@dataclass(frozen=True)
class PortalCase:
    case_number: str
    status: str  # as shown
    status_code: str
    your_role: str  # as shown
    your_role_code: str
    parties: list[OtherParty]
    children: list[str]


def parent_cases(person_id: int) -> tuple[list[PortalCase], list[int]]:
    """The parent's cases as the portal shows them, and the addresses shown (for the audit)."""
    hidden = hidden_from(person_id)
    cases = (
        Case.objects.filter(members__person_id=person_id)
        .distinct()
        .order_by("-opened_on")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.filter(left_on__isnull=True).select_related("person"),
            )
        )
    )
    cases = list(cases)
    disclosable = {
        m.person_id
        for c in cases
        for m in c.members.all()
        if not m.is_child and m.person_id != person_id and m.person_id not in hidden
    }
    addresses: dict[int, list[Address]] = {pid: [] for pid in disclosable}
    for a in Address.objects.filter(person_id__in=disclosable, end_date__isnull=True):
        addresses[a.person_id].append(a)
    shown: list[int] = []
    out = []
    for c in cases:
        members = list(c.members.all())
        parties = []
        for m in members:
            if m.is_child or m.person_id == person_id:
                continue
            address = (
                contact_address(addresses[m.person_id]) if m.person_id in disclosable else None
            )
            if address:
                shown.append(address.pk)
            parties.append(
                OtherParty(
                    name=m.person.full_name,
                    role=m.get_role_display(),
                    role_code=m.role,
                    city_state=f"{address.city}, {address.state}" if address else "",
                    confidential=m.person_id not in disclosable,
                )
            )
        mine = next((m for m in members if m.person_id == person_id), None)
        out.append(
            PortalCase(
                case_number=c.case_number,
                status=c.get_status_display(),
                status_code=c.status,
                your_role=mine.get_role_display() if mine else "",
                your_role_code=mine.role if mine else "",
                parties=parties,
                children=[
                    m.person.first_name for m in members if m.role == MemberRole.DEPENDENT_CHILD
                ],
            )
        )
    return out, shown
