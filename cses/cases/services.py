"""Case actions other than intake and lifecycle moves: the diary and the family-violence indicator."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cses.cases.models import Case, CaseMember, DiaryEntry


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
    DiaryEntry.objects.create(
        case_id=member.case_id,
        at=timezone.now(),
        author=by,
        kind=DiaryEntry.Kind.EVENT,
        text=(
            f"Family-violence indicator {'set' if on else 'cleared'} for "
            f"{member.get_role_display().lower()} (person #{member.person_id}): {reason.strip()}"
        ),
    )
    return member
