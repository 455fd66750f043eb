import datetime as dt

from django.core.management.base import BaseCommand

from cses.orders.reviews import open_cycle_reviews


class Command(BaseCommand):
    help = (
        "Open the periodic review (45 CFR 303.8(b)(1), every review_cycle_months) of each active "
        "order on a current-assistance case that is due by the date (nightly; safe to run any "
        "number of times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, as_of: dt.date | None, **options):
        opened = open_cycle_reviews(as_of)
        self.stdout.write(f"opened {opened} periodic review(s)")
