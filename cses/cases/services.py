"""Case actions other than intake and lifecycle moves: the diary and the family-violence indicator."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cses.cases.models import Case, CaseMember, DiaryEntry


def record_event(case_id: int, text: str, by=None, *, at=None) -> DiaryEntry:
    """A system event in the case diary: what an action or a batch did, by whom (None for the
    system), never edited afterwards."""
    return DiaryEntry.objects.create(
        case_id=case_id, at=at or timezone.now(), author=by, kind=DiaryEntry.Kind.EVENT, text=text
    )


def add_diary_note(*, case: Case, text: str, by) -> DiaryEntry:
    if not text.strip():
        raise ValueError("a diary note needs text")
    return DiaryEntry.objects.create(
        case=case, at=timezone.now(), author=by, kind=DiaryEntry.Kind.NOTE, text=text.strip()
    )


@transaction.atomic
def set_family_violence(*, member: CaseMember, on: bool, reason: str, by) -> CaseMember:
    """Set or clear the family-violence indicator of a person within a case."""
    if not reason.strip():
        raise ValueError("a reason is required to change the family-violence indicator")
    member = CaseMember.objects.select_for_update().get(pk=member.pk)
    if member.family_violence == on:
        return member
    member.family_violence = on
    member.family_violence_since = timezone.localdate() if on else None
    member.save(update_fields=["family_violence", "family_violence_since"])
    record_event(
        member.case_id,
        f"Family-violence indicator {'set' if on else 'cleared'} for "
        f"{member.get_role_display().lower()} (person #{member.person_id}): {reason.strip()}",
        by,
    )
    return member
