"""Loads Connecticut's offices, towns and the program parameters' shipped defaults
(shared/reference/ct-policy.md). Administrators change them online afterwards."""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, newline="") as f:
        return list(csv.DictReader(f))


def load(apps, schema_editor):
    Office = apps.get_model("core", "Office")
    Town = apps.get_model("core", "Town")
    Parameter = apps.get_model("core", "Parameter")
    offices = {}
    for row in _rows("offices.csv"):
        offices[row["code"]], _ = Office.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "kind": row["kind"]}
        )
    for row in _rows("towns.csv"):
        Town.objects.get_or_create(
            name=row["town"], defaults={"zip_code": row["zip"], "office": offices[row["office"]]}
        )
    for row in _rows("parameters.csv"):
        Parameter.objects.get_or_create(
            name=row["name"],
            effective_from=dt.date.fromisoformat(row["effective_from"]),
            defaults={"value": row["value"], "basis": row["basis"]},
        )


def unload(apps, schema_editor):
    apps.get_model("core", "Town").objects.all().delete()
    apps.get_model("core", "Parameter").objects.all().delete()
    apps.get_model("core", "Office").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
