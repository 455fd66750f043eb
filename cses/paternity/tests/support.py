"""Finding the members of a test case."""

from __future__ import annotations

from cses.cases.models import CaseMember, MemberRole


def children_of(case) -> list[CaseMember]:
    return list(
        CaseMember.objects.filter(case=case, role=MemberRole.DEPENDENT_CHILD)
        .select_related("person")
        .order_by("id")
    )


def man_of(case) -> CaseMember:
    return (
        CaseMember.objects.select_related("person")
        .filter(case=case, role__in=[MemberRole.ALLEGED_FATHER, MemberRole.NONCUSTODIAL_PARENT])
        .get()
    )


def mother_of(case) -> CaseMember:
    return CaseMember.objects.get(case=case, role=MemberRole.CUSTODIAL_PARTY)
