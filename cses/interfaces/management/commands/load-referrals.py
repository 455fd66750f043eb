"""``cses load-referrals FILE``: load a public-assistance referral file and print its report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cses.interfaces.iv_a_referrals import load_referral_file


class Command(BaseCommand):
    help = "Load a IV-A referral file (layout: docs/iv-a-referral-layout.md) and print its report."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = load_referral_file(path, name=path.name)
        for line in report.lines():
            self.stdout.write(line)
        if report.status == "rejected":
            raise CommandError("the file was rejected: nothing was loaded")
