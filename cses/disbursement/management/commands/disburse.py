import datetime as dt

from django.core.management.base import BaseCommand

from cses.disbursement.jobs import disburse_due, escheat_due


class Command(BaseCommand):
    help = (
        "Pay families what has been distributed to them (direct deposit file, debit-card load, "
        "check register), taking the annual fee where due, then escheat undeliverable funds past "
        "their holding period (nightly; safe to run any number of times a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, date: dt.date | None, **options):
        on = date or dt.date.today()
        report = disburse_due(on)
        escheated = escheat_due(on)
        self.stdout.write(
            f"disbursed {report.disbursed} payment(s), ${report.total}; {report.fees} annual "
            f"fee(s); {report.held} held; {report.no_instruction} without a payment instruction; "
            f"{len(report.files)} file(s); {escheated} escheated"
        )
        for f in report.files:
            self.stdout.write(f"  {f}")
