import argparse
import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cses.ledger.jobs import accrue_through, months_ending_between, roll_over_month


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from e


class Command(BaseCommand):
    help = (
        "Charge every amount the orders fall due on --date (default today), or on each day from "
        "--date through --through; with --roll-over, then move what is unpaid at the end of each "
        "month that ended the day before one of those days into arrears (nightly; safe to run any "
        "number of times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, default=None, help="Day to accrue (YYYY-MM-DD)")
        parser.add_argument(
            "--through", type=_date, default=None, help="Last day to accrue (default --date)"
        )
        parser.add_argument(
            "--roll-over",
            action="store_true",
            help="Also roll over each month that ended the day before a day accrued",
        )

    def handle(self, *args, date, through, roll_over: bool, **options):
        start = date or timezone.localdate()
        end = through or start
        if end < start:
            raise CommandError("--through must not be before --date")
        started = time.perf_counter()
        run = accrue_through(start, end)
        self.stdout.write(
            f"accrued {start.isoformat()} to {end.isoformat()}: {run.charges_due} charge(s) due, "
            f"${run.amount_due:,.2f}; {run.posted} newly posted "
            f"({time.perf_counter() - started:.1f} s)"
        )
        if not roll_over:
            return
        one_day = dt.timedelta(days=1)
        for last_day in months_ending_between(start - one_day, end - one_day):
            started = time.perf_counter()
            rolled = roll_over_month(last_day)
            by_account = ", ".join(
                f"{account} ${amount:,.2f}" for account, amount in rolled.by_account
            )
            self.stdout.write(
                f"rolled over {last_day:%Y-%m}: {rolled.cases} case(s), ${rolled.amount:,.2f}"
                f"{' (' + by_account + ')' if by_account else ''}; {rolled.posted} newly posted "
                f"({time.perf_counter() - started:.1f} s)"
            )
