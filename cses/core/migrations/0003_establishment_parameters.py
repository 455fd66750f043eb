"""Adds the establishment module's parameters (paternity, order duration, reviews, guidelines
thresholds) from data/parameters.csv; rows already present are left as they are."""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
NAMES = {
    "acknowledgment_rescission_days",
    "genetic_test_presumption_percent",
    "support_end_age",
    "support_end_age_student",
    "modification_threshold_percent",
    "review_cycle_months",
    "review_completion_days",
    "guidelines_low_income_threshold_weekly",
    "guidelines_self_support_reserve_weekly",
}


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
    dependencies = [("core", "0002_reference_data")]
    operations = [migrations.RunPython(load, unload)]
