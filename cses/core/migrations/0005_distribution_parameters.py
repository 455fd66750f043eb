"""Adds the distribution parameters (federal share of retained collections, the monthly
pass-through, the ordering for former-assistance families) from data/parameters.csv; rows already
present are left as they are."""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
NAMES = {"distribution_fmap", "pass_through_monthly", "distribution_ordering"}


def load(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    with open(DATA / "parameters.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["name"] in NAMES:
                Parameter.objects.get_or_create(
                    name=row["name"],
                    effective_from=dt.date.fromisoformat(row["effective_from"]),
                    defaults={"value": row["value"], "basis": row["basis"]},
                )


def unload(apps, schema_editor):
    apps.get_model("core", "Parameter").objects.filter(name__in=NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_alter_auditevent_action")]
    operations = [migrations.RunPython(load, unload)]
