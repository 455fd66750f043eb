import datetime as dt

from django.core.management.base import BaseCommand

from cses.orders.jobs import end_child_support


class Command(BaseCommand):
    help = (
        "End the current support of every child whose support ends by the date "
        "(CGS 46b-84(b)): open a review when children remain on the order, end the order when "
        "none do (nightly; safe to run any number of times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, as_of: dt.date | None, **options):
        run = end_child_support(as_of)
        self.stdout.write(
            f"ended support for {run.children_ended} child(ren); opened {run.reviews_opened} "
            f"review(s); ended {run.orders_ended} order(s)"
        )
