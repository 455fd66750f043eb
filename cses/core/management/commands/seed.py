import argparse
import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from cses.synthetic.generator import seed as seed_cases


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from e


class Command(BaseCommand):
    help = (
        "Add synthetic Connecticut cases (families, employers, histories): the same --cases, "
        "--seed and --as-of give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many cases to add")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")
        parser.add_argument(
            "--as-of", type=_date, default=None, help="Date the data is as of (default today)"
        )
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args, cases: int, seed: int, as_of, chunk_size: int, **options):
        if cases < 0 or chunk_size < 1:
            raise CommandError("--cases must be 0 or more and --chunk-size at least 1")

        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done}/{total} cases ({time.perf_counter() - started:.0f} s)")

        result = seed_cases(
            cases=cases, seed=seed, as_of=as_of, chunk_size=chunk_size, progress=progress
        )
        rows = result.rows
        self.stdout.write(
            self.style.SUCCESS(
                f"seeded {result.cases} cases ({rows.get('persons', 0)} persons, "
                f"{rows.get('members', 0)} members) in {result.seconds:.1f} s"
            )
        )
        if result.cases:
            self.stdout.write(
                f"case numbers {result.first_case_number} to {result.last_case_number}"
            )
        for label, n in rows.items():
            self.stdout.write(f"  {label:<16} {n:>10}")
