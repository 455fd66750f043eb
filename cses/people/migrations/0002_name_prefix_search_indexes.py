"""Indexes for case search by the start of a name (``istartswith``), which PostgreSQL runs as
``UPPER(name) LIKE 'PREFIX%'``: only an expression index with a pattern operator class serves
that in a non-C collation. SQLite has no operator classes and needs none at its sizes."""

from django.db import migrations

INDEXES = [
    ("people_person_upper_last_first", "people_person", "last_name", "first_name"),
    ("people_alias_upper_last_first", "people_alias", "last_name", "first_name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, last, first in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"(UPPER({last}) text_pattern_ops, UPPER({first}) text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
