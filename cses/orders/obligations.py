"""The obligation schedule in bulk: every amount every order falls due in a period, for the
ledger's nightly accrual, in set-based SQL that runs on SQLite and PostgreSQL.

The rules are ``cses.rules.obligations`` (a version applies from its effective date until the
next version's; the due days of each frequency; nothing due on or after the order's end). Here
they are one query per chunk of cases, never a loop over orders:

- ``calendar``: the period's days, one row each, as day numbers (days since 1970-01-01) with the
  day of the month and the month's length, written into the query by Python;
- ``spans``: each version of the chunk's orders with its effective day number, the next
  version's (``LEAD`` over the order's versions: where this version stops applying), the
  order's end (``ended_on``; for an active order, the day its last child's support ends, so the
  schedule stops then even before the nightly job records the end), and the days of the month
  its frequency falls due on;
- each (version, day) pair where the day is within the span and matches the pattern, crossed with
  the four kinds of charge, keeping the amounts above zero.

Only the translation of a date column into a day number and a day of the month differs between
the two databases. The property test in ``tests/test_obligations_bulk.py`` holds this to the pure
rules for random orders, versions and periods.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Q

from cses.orders.models import OrderChild, OrderVersion, SupportOrder
from cses.rules.frequency import CENT, Frequency
from cses.rules.obligations import CHARGE_KINDS, SEMIMONTHLY_GAP, ChargeKind, ObligationTerms

EPOCH = dt.date(1970, 1, 1)
CHUNK = 5000
FETCH = 2000
# Each kind of charge and the version's column holding its amount.
AMOUNT_COLUMNS = {
    ChargeKind.CURRENT_SUPPORT: "current_support",
    ChargeKind.MEDICAL_SUPPORT: "cash_medical_support",
    ChargeKind.CHILD_CARE: "child_care_contribution",
    ChargeKind.ARREARAGE_PAYMENT: "arrearage_payment",
}


class Obligation(NamedTuple):
    """One amount due: the ledger accrues it on ``due_date`` against the case."""

    case_id: int
    order_id: int
    version_id: int
    due_date: dt.date
    kind: str
    amount: Decimal

    @property
    def new_debt(self) -> bool:
        """An arrearage payment is a plan on arrears already owed, not a new debt."""
        return ChargeKind(self.kind).new_debt


def order_ends_on(order: SupportOrder) -> dt.date | None:
    """The day nothing more falls due under the order: the day it ended, or, while it is
    active, the day its last child's support ends (CGS 46b-84(b)); an order ends with its last
    child. Reads the prefetched ``children`` when present."""
    if order.ended_on is not None:
        return order.ended_on
    return max((c.support_ends_on for c in order.children.all()), default=None)


def terms_of(version: OrderVersion) -> ObligationTerms:
    """A stored version as the pure rules read it."""
    return ObligationTerms(
        effective_from=version.effective_from,
        frequency=Frequency(version.frequency),
        current_support=version.current_support,
        cash_medical_support=version.cash_medical_support,
        child_care_contribution=version.child_care_contribution,
        arrearage_payment=version.arrearage_payment,
        version=version.version,
    )


def _day_number(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1970-01-01')"
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


def _day_of_month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(DAY FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%d', {column}) AS INTEGER)"


def _calendar(start: dt.date, end: dt.date) -> str:
    rows = []
    day = start
    while day <= end:
        length = months.monthrange(day.year, day.month)[1]
        rows.append(f"({(day - EPOCH).days}, {day.day}, {length})")
        day += dt.timedelta(days=1)
    return ", ".join(rows)


def _query(start: dt.date, end: dt.date, cases: str) -> str:
    """The schedule's SQL for the cases selected by the ``cases`` condition on ``o.case_id``.
    Every value written into the text is a number or a name computed here; the dates and case
    ids are parameters."""
    version_table = OrderVersion._meta.db_table
    order_table = SupportOrder._meta.db_table
    child_table = OrderChild._meta.db_table
    last_child_end = (
        f"SELECT MAX(oc.support_ends_on) FROM {child_table} oc WHERE oc.order_id = o.id"  # noqa: S608
    )
    kinds = ", ".join(f"('{kind.value}', {i})" for i, kind in enumerate(CHARGE_KINDS))
    amount = " ".join(
        f"WHEN '{kind.value}' THEN s.{column}" for kind, column in AMOUNT_COLUMNS.items()
    )
    gap = SEMIMONTHLY_GAP
    return f"""
WITH calendar(n, dom, month_days) AS (VALUES {_calendar(start, end)}),
kinds(kind, position) AS (VALUES {kinds}),
spans AS (
    SELECT o.case_id, v.order_id, v.id AS version_id, v.frequency,
           {_day_number("v.effective_from")} AS from_n,
           LEAD({_day_number("v.effective_from")}) OVER (
               PARTITION BY v.order_id ORDER BY v.effective_from, v.version
           ) AS until_n,
           {_day_number(f"COALESCE(o.ended_on, ({last_child_end}))")} AS ended_n,
           {_day_of_month("v.effective_from")} AS dom,
           v.current_support, v.cash_medical_support, v.child_care_contribution,
           v.arrearage_payment
    FROM {version_table} v JOIN {order_table} o ON o.id = v.order_id
    WHERE {cases} AND v.effective_from <= %s AND (o.ended_on IS NULL OR o.ended_on > %s)
),
due AS (
    SELECT s.case_id, s.order_id, s.version_id, c.n, k.kind, k.position,
           CASE k.kind {amount} END AS amount
    FROM spans s
    JOIN calendar c
      ON c.n >= s.from_n
     AND (s.until_n IS NULL OR c.n < s.until_n)
     AND (s.ended_n IS NULL OR c.n < s.ended_n)
    CROSS JOIN kinds k
    WHERE (s.frequency = '{Frequency.WEEKLY.value}' AND (c.n - s.from_n) %% 7 = 0)
       OR (s.frequency = '{Frequency.BIWEEKLY.value}' AND (c.n - s.from_n) %% 14 = 0)
       OR (s.frequency = '{Frequency.MONTHLY.value}'
           AND (c.dom = s.dom OR (c.dom = c.month_days AND c.dom < s.dom)))
       OR (s.frequency = '{Frequency.SEMIMONTHLY.value}'
           AND (c.dom = (CASE WHEN s.dom <= {gap} THEN s.dom ELSE s.dom - {gap} END)
                OR c.dom = (CASE WHEN s.dom <= {gap} THEN s.dom + {gap} ELSE s.dom END)
                OR (c.dom = c.month_days
                    AND c.dom < (CASE WHEN s.dom <= {gap} THEN s.dom + {gap} ELSE s.dom END))))
)
SELECT case_id, order_id, version_id, n, kind, amount FROM due
WHERE amount > 0
ORDER BY case_id, order_id, n, position
"""  # noqa: S608


def _money(value) -> Decimal:
    # SQLite hands numeric columns back as int or float; their shortest repr is the stored cents.
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(CENT)


def _run(sql: str, params: list) -> Iterator[Obligation]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH):
            for case_id, order_id, version_id, n, kind, amount in rows:
                yield Obligation(
                    case_id,
                    order_id,
                    version_id,
                    EPOCH + dt.timedelta(days=n),
                    kind,
                    _money(amount),
                )


def _case_id_chunks(start: dt.date, chunk_size: int) -> Iterator[tuple[int, int]]:
    """(first, last) case id of each chunk of the cases with an order that may fall due on or
    after ``start``, keyset-paged in case-id order."""
    orders = SupportOrder.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
    after = 0
    while True:
        ids = list(
            orders.filter(case_id__gt=after)
            .order_by("case_id")
            .values_list("case_id", flat=True)
            .distinct()[:chunk_size]
        )
        if not ids:
            return
        yield ids[0], ids[-1]
        after = ids[-1]


def obligations_due(
    start: dt.date,
    end: dt.date,
    *,
    case_ids: Iterable[int] | None = None,
    chunk_size: int = CHUNK,
) -> Iterator[Obligation]:
    """Every amount due within [``start``, ``end``] under every order (of ``case_ids``, or of
    every case), streamed in case, order, date and kind order: one query per chunk of
    ``chunk_size`` cases, whatever the number of orders or days."""
    if end < start:
        return
    bounds = [end, start]
    if case_ids is None:
        sql = _query(start, end, "o.case_id BETWEEN %s AND %s")
        for first, last in _case_id_chunks(start, chunk_size):
            yield from _run(sql, [first, last, *bounds])
        return
    ids: Sequence[int] = sorted(set(case_ids))
    for i in range(0, len(ids), chunk_size):
        chunk = list(ids[i : i + chunk_size])
        marks = ", ".join(["%s"] * len(chunk))
        yield from _run(_query(start, end, f"o.case_id IN ({marks})"), [*chunk, *bounds])
