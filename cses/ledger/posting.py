"""Posting to the ledger: the one way money is written.

``post`` takes entries as plain data, checks each balances (its lines sum to zero, no line is
zero, amounts in cents), and writes in one transaction every entry whose ``key`` is new, with
``INSERT … ON CONFLICT (key) DO NOTHING``: an event already posted — by an earlier run, or by
another worker at the same moment — is skipped, so posting is idempotent and safe under
concurrency. ``reversal_of`` builds the entry that undoes another exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from cses.ledger.models import EntryKind, JournalEntry, JournalLine

CENT = Decimal("0.01")
ENTRY_BATCH = 1000


class UnbalancedEntry(ValueError):
    """An entry whose lines do not sum to zero, or with a zero or fractional-cent line."""


@dataclass(frozen=True)
class Line:
    account: str
    amount: Decimal  # positive: debit; negative: credit
    case_id: int | None = None
    due_on: dt.date | None = None
    explanation: str = ""


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    posted_on: dt.date
    lines: tuple[Line, ...]
    case_id: int | None = None
    receipt_id: int | None = None
    reverses_id: int | None = None
    memo: str = ""
    created_by_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False)


def check_balanced(entry: Entry) -> None:
    if not entry.lines:
        raise UnbalancedEntry(f"{entry.key}: an entry needs lines")
    for line in entry.lines:
        if line.amount == 0:
            raise UnbalancedEntry(f"{entry.key}: a line of {line.account} is zero")
        if line.amount != line.amount.quantize(CENT):
            raise UnbalancedEntry(f"{entry.key}: {line.amount} is not in cents")
    total = sum((line.amount for line in entry.lines), Decimal(0))
    if total != 0:
        raise UnbalancedEntry(f"{entry.key}: debits and credits differ by {total}")


def _insert_entries(entries: Sequence[Entry]) -> dict[str, int]:
    """Insert the entries, skipping keys already posted; the new ones' ids by key."""
    table = JournalEntry._meta.db_table
    now = timezone.now()
    columns = (
        "key, kind, posted_on, case_id, receipt_id, reverses_id, memo, created_at, created_by_id"
    )
    marks = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(entries))
    params: list = []
    for e in entries:
        params += [
            e.key,
            e.kind,
            e.posted_on,
            e.case_id,
            e.receipt_id,
            e.reverses_id,
            e.memo,
            now,
            e.created_by_id,
        ]
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {marks} "  # noqa: S608
        "ON CONFLICT (key) DO NOTHING RETURNING id, key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: pk for pk, key in cursor.fetchall()}


LINE_COLUMNS = ("entry_id", "posted_on", "case_id", "account", "amount", "due_on", "explanation")


def _insert_lines(rows: Iterable[tuple]) -> None:
    """Write journal lines by the database's bulk path: COPY on PostgreSQL, one executemany
    on SQLite (rows in ``LINE_COLUMNS`` order)."""
    table = JournalLine._meta.db_table
    columns = ", ".join(LINE_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(LINE_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                [(*r[:4], str(r[4]), *r[5:]) for r in rows],
            )


def post(entries: Iterable[Entry]) -> int:
    """Write every entry not posted before, with its lines, atomically; returns how many were
    new. Raises UnbalancedEntry (before writing anything) if any entry does not balance."""
    entries = list(entries)
    for entry in entries:
        check_balanced(entry)
    written = 0
    with transaction.atomic():
        for start in range(0, len(entries), ENTRY_BATCH):
            chunk = entries[start : start + ENTRY_BATCH]
            new = _insert_entries(chunk)
            _insert_lines(
                (
                    new[e.key],
                    e.posted_on,
                    line.case_id,
                    line.account,
                    line.amount,
                    line.due_on,
                    line.explanation,
                )
                for e in chunk
                if e.key in new
                for line in e.lines
            )
            written += len(new)
    return written


def reversal_of(
    entry: JournalEntry, *, posted_on: dt.date, memo: str, created_by_id: int | None = None
) -> Entry:
    """The entry that undoes ``entry`` exactly: every line negated, pointing back at it."""
    return Entry(
        key=f"reversal:{entry.key}",
        kind=EntryKind.REVERSAL,
        posted_on=posted_on,
        case_id=entry.case_id,
        receipt_id=entry.receipt_id,
        reverses_id=entry.pk,
        memo=memo,
        created_by_id=created_by_id,
        lines=tuple(
            Line(
                account=line.account,
                amount=-line.amount,
                case_id=line.case_id,
                due_on=line.due_on,
                explanation=f"Reversal: {line.explanation}" if line.explanation else "Reversal",
            )
            for line in entry.lines.all()
        ),
    )
