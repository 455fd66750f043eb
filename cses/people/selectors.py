"""Reads of persons for pages and the API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cses.people.models import Employment, Person


def persons_with_history() -> QuerySet[Person]:
    """Persons with their aliases, address history, phones and employment, for a person page."""
    return Person.objects.prefetch_related(
        "aliases",
        "addresses",
        "phones",
        Prefetch("employments", queryset=Employment.objects.select_related("employer")),
    )
