"""``cses load_payments FILE [--format csv|nacha]``: load a payment file once and print its
load report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cses.receipts.imports import load_payment_file
from cses.receipts.models import ReceiptBatch

FORMATS = {"csv": ReceiptBatch.Format.CSV, "nacha": ReceiptBatch.Format.NACHA_CCD}


class Command(BaseCommand):
    help = "Load a payment file (CSV remittance or NACHA CCD+) into receipts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="Default: guessed from the content"
        )
        parser.add_argument("--date", help="Date the SDU received the file (YYYY-MM-DD)")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        fmt = FORMATS[options["format"]] if options["format"] else None
        report = load_payment_file(path, name=path.name, format=fmt, today=today)
        for line in report.lines():
            self.stdout.write(line)
