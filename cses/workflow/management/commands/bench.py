import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cses.workflow.bench import bench_payments


class Command(BaseCommand):
    help = "Benchmarks that print figures: `payments` (receipts posted, distributed, disbursed)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="which", required=True)
        payments = sub.add_parser(
            "payments",
            help="post, distribute and disburse N receipts; compare with a raw bulk write",
        )
        payments.add_argument("--receipts", type=int, required=True)
        payments.add_argument(
            "--cases", type=int, default=None, help="cases to pay (seeded if missing)"
        )
        payments.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="the receipts' date"
        )
        payments.add_argument("--json", action="store_true", help="end with one JSON line")

    def handle(self, *args, which: str, **options):
        if options["receipts"] < 1:
            raise CommandError("--receipts must be at least 1", returncode=2)
        figures = bench_payments(
            options["receipts"],
            day=options["date"] or dt.date.today(),
            cases=options["cases"],
            progress=lambda message: self.stderr.write(message),
        )
        for key, value in figures.items():
            self.stdout.write(f"{key:<24} {value}")
        if options["json"]:
            self.stdout.write(json.dumps(figures))
