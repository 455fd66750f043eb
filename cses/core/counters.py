from __future__ import annotations

from django.db import transaction
from django.db.models import F

from cses.core.models import Counter


def allocate(name: str, count: int = 1) -> range:
    """Reserve ``count`` consecutive numbers of the named sequence and return them."""
    with transaction.atomic():
        Counter.objects.get_or_create(name=name)
        Counter.objects.filter(name=name).update(value=F("value") + count)
        last = Counter.objects.select_for_update().get(name=name).value
    return range(last - count + 1, last + 1)
