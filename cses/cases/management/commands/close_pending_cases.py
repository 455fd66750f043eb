import datetime as dt

from django.core.management.base import BaseCommand

from cses.cases.lifecycle import finish_pending_closures


class Command(BaseCommand):
    help = (
        "Close every case whose 45 CFR 303.11(d) closure notice period has ended "
        "(nightly; safe to run any number of times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, as_of: dt.date | None, **options):
        closed = finish_pending_closures(as_of)
        self.stdout.write(f"closed {closed} case(s) whose closure notice period ended")
