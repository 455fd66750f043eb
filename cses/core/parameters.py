"""Reading program parameters as of a date.

The defaults come from ``shared/reference/ct-policy.md`` and are loaded by a migration; staff change
them online (admin) by adding a row with a later effective date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cses.core.models import Parameter


class MissingParameter(LookupError):
    pass


def parameter(name: str, on: dt.date | None = None) -> str:
    on = on or dt.date.today()
    row = (
        Parameter.objects.filter(name=name, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is None:
        raise MissingParameter(f"no value of parameter {name!r} is in effect on {on}")
    return row


def int_parameter(name: str, on: dt.date | None = None) -> int:
    return int(parameter(name, on))


def decimal_parameter(name: str, on: dt.date | None = None) -> Decimal:
    return Decimal(parameter(name, on))
