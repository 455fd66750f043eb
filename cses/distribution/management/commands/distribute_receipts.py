import datetime as dt

from django.core.management.base import BaseCommand

from cses.distribution.services import distribute_pending


class Command(BaseCommand):
    help = (
        "Distribute every receipt posted to a case (or identified to an obligor) and not yet "
        "distributed, as of the date (42 USC 657; nightly; safe to run any number of times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, date: dt.date | None, **options):
        run = distribute_pending(date or dt.date.today())
        self.stdout.write(
            f"distributed {run.receipts} receipt(s) in {run.entries_posted} entries; "
            f"skipped {len(run.skipped)}"
        )
        for receipt_id, why in run.skipped:
            self.stdout.write(f"  receipt {receipt_id}: {why}")
