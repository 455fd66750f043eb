"""Family-violence disclosure rule.

A person flagged for family violence in a case must never have their whereabouts (addresses,
phones, employer) shown to another party of that case, on a page, through the API or on a document
sent to them. Staff still see them, under a warning banner.
"""

from __future__ import annotations

from cses.cases.models import CaseMember


def hidden_from(recipient_person_id: int | None) -> set[int]:
    """Persons whose whereabouts must not reach ``recipient_person_id``: everyone flagged for
    family violence on any case the recipient is a party to (other than the recipient)."""
    if recipient_person_id is None:
        return set()
    recipient_cases = CaseMember.objects.filter(person_id=recipient_person_id).values("case_id")
    return set(
        CaseMember.objects.filter(case_id__in=recipient_cases, family_violence=True)
        .exclude(person_id=recipient_person_id)
        .values_list("person_id", flat=True)
    )


def protected_on_case(case_id: int) -> set[int]:
    return set(
        CaseMember.objects.filter(case_id=case_id, family_violence=True).values_list(
            "person_id", flat=True
        )
    )
