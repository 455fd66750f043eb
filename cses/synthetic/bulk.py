"""Fast inserts of many rows: COPY on PostgreSQL, executemany on SQLite.

Django's ``bulk_create`` builds a model instance and compiles every value of every row, which is
most of the time of a 200,000-case seed. Rows here are plain tuples in a declared field order;
a field of a parent table in the same chunk holds the parent's row number until the parent is
written and its ids are known. Fields the rows do not name take the model's defaults.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone


class Table:
    """The rows of one model waiting to be written. ``refs`` maps a foreign-key field to the
    table (written earlier) whose row numbers it holds."""

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        *,
        refs: dict[str, Table] | None = None,
        keep_ids: bool = False,
    ):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.refs = [(list(fields).index(name), table) for name, table in (refs or {}).items()]
        self.keep_ids = keep_ids
        self.rows: list[tuple] = []
        self.ids: Sequence[int] = ()

    def add(self, *values) -> int:
        """Queue a row (values in field order); return its row number within the table."""
        self.rows.append(values)
        return len(self.rows) - 1

    def __len__(self) -> int:
        return len(self.rows)

    def write(self) -> None:
        """Insert the rows (inside the caller's transaction); keep their ids if asked."""
        if not self.rows:
            return
        rows = self.rows
        for position, parent in self.refs:
            ids = parent.ids
            rows = [(*r[:position], ids[r[position]], *r[position + 1 :]) for r in rows]
        now = timezone.now()
        named = {f.name for f in self.fields}
        rest = [
            f for f in self.model._meta.concrete_fields if f.name not in named and not f.primary_key
        ]
        fields = self.fields + rest
        tail = tuple(
            f.get_db_prep_save(
                now
                if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
                else f.get_default(),
                connection,
            )
            for f in rest
        )
        if connection.vendor == "postgresql":
            self._copy(rows, fields, tail)
        else:
            self._executemany(rows, fields, tail)

    def _copy(self, rows, fields, tail) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = [f.column for f in fields]
        with connection.cursor() as cursor:
            if self.keep_ids:
                pk = self.model._meta.pk.column
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.model._meta.db_table, pk, len(rows)],
                )
                self.ids = [row[0] for row in cursor.fetchall()]
                columns = [pk, *columns]
                rows = [(i, *r) for i, r in zip(self.ids, rows, strict=True)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, *tail))

    def _executemany(self, rows, fields, tail) -> None:
        # SQLite keeps no time zone: aware datetimes go in as naive UTC, as Django writes them.
        moments = [i for i, f in enumerate(self.fields) if isinstance(f, models.DateTimeField)]
        if moments:
            adapt = connection.ops.adapt_datetimefield_value
            rows = [tuple(adapt(v) if i in moments else v for i, v in enumerate(r)) for r in rows]
        table = connection.ops.quote_name(self.model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})",  # noqa: S608
                [(*r, *tail) for r in rows],
            )
            if self.keep_ids:
                # The rows took consecutive ids: the table is AUTOINCREMENT and this
                # transaction holds SQLite's only write lock from the first insert on.
                cursor.execute("SELECT last_insert_rowid()")
                last = cursor.fetchone()[0]
                self.ids = range(last - len(rows) + 1, last + 1)
