"""Documents generated from a case for one of its parties.

The family-violence rule (``cses.cases.disclosure``) is applied while the document's content is
gathered, not when it is printed: a protected person's addresses, phones and employer are never
read into a document sent to someone they are protected from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cses.cases.disclosure import hidden_from
from cses.cases.models import Case, CaseMember, MemberRole
from cses.people.models import Address, Phone

_ROLE_ORDER = {
    MemberRole.CUSTODIAL_PARTY: 0,
    MemberRole.NONCUSTODIAL_PARENT: 1,
    MemberRole.ALLEGED_FATHER: 2,
    MemberRole.DEPENDENT_CHILD: 3,
}


@dataclass(frozen=True)
class LetterParty:
    name: str
    role: str
    address: Address | None
    phone: Phone | None
    confidential: bool  # whereabouts withheld under the family-violence rule


@dataclass(frozen=True)
class LetterChild:
    name: str
    date_of_birth: dt.date | None


@dataclass(frozen=True)
class InformationLetter:
    case: Case
    recipient: CaseMember
    mailing_address: Address | None
    parties: list[LetterParty]
    children: list[LetterChild]
    dated: dt.date
    language: str
    shown_address_ids: list[int] = field(default_factory=list)
    shown_phone_ids: list[int] = field(default_factory=list)


def contact_address(addresses: list[Address]) -> Address | None:
    """Where to write to a person: the current mailing address, else the current residence."""
    current = [a for a in addresses if a.end_date is None]
    for kind in (Address.Kind.MAILING, Address.Kind.RESIDENTIAL):
        of_kind = [a for a in current if a.kind == kind]
        if of_kind:
            return max(of_kind, key=lambda a: (a.start_date or dt.date.min, a.pk))
    return None


def _current_addresses(person_ids: set[int]) -> dict[int, list[Address]]:
    out: dict[int, list[Address]] = {pid: [] for pid in person_ids}
    for a in Address.objects.filter(person_id__in=person_ids, end_date__isnull=True):
        out[a.person_id].append(a)
    return out


def _first_phones(person_ids: set[int]) -> dict[int, Phone]:
    out: dict[int, Phone] = {}
    for p in Phone.objects.filter(person_id__in=person_ids).order_by("person_id", "id"):
        out.setdefault(p.person_id, p)
    return out


def information_letter(
    case: Case, recipient_member: CaseMember, *, today: dt.date | None = None
) -> InformationLetter:
    """What the case information letter to ``recipient_member`` says, with protected persons'
    whereabouts left out."""
    members = sorted(
        CaseMember.objects.filter(case=case, left_on__isnull=True).select_related("person"),
        key=lambda m: (_ROLE_ORDER.get(m.role, 9), m.pk),
    )
    hidden = hidden_from(recipient_member.person_id)
    adults = [m for m in members if not m.is_child and m.person_id != recipient_member.person_id]
    disclosable = {m.person_id for m in adults if m.person_id not in hidden}
    addresses = _current_addresses(disclosable | {recipient_member.person_id})
    phones = _first_phones(disclosable)
    parties = []
    for m in adults:
        confidential = m.person_id not in disclosable
        parties.append(
            LetterParty(
                name=m.person.full_name,
                role=m.get_role_display(),
                address=None if confidential else contact_address(addresses[m.person_id]),
                phone=None if confidential else phones.get(m.person_id),
                confidential=confidential,
            )
        )
    mailing = contact_address(addresses[recipient_member.person_id])
    language = recipient_member.person.preferred_language
    return InformationLetter(
        case=case,
        recipient=recipient_member,
        mailing_address=mailing,
        parties=parties,
        children=[
            LetterChild(m.person.full_name, m.person.date_of_birth) for m in members if m.is_child
        ],
        dated=today or timezone.localdate(),
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        shown_address_ids=[a.pk for a in [mailing, *(p.address for p in parties)] if a],
        shown_phone_ids=[p.phone.pk for p in parties if p.phone],
    )


def render_letter(letter: InformationLetter) -> str:
    with translation.override(letter.language):
        return render_to_string("cases/letter.html", {"letter": letter})


def case_information_letter(case: Case, recipient_member: CaseMember) -> str:
    """The case information letter to one party, as HTML in the party's language."""
    return render_letter(information_letter(case, recipient_member))
