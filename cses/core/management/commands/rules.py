"""``cses rules``: the program's pure rules (``cses/rules/``) from the command line.

- ``cses rules distribute [FILE|-]`` allocates one receipt on one case (the public contract in
  ``shared/reference/contracts.md``; ``docs/distribution.md``).

Each subcommand reads JSON and prints JSON; bad input exits with status 2 and a message on standard
error naming every offending field. The rules need no database, so neither does this command.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cses.rules.distribution import (
    DistributionInputError,
    distribute,
    distribution_to_contract,
    parse_contract_input,
)

BAD_INPUT = 2


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def _read_json(source: str) -> Any:
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise _bad(f"{path}: no such input file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise _bad(f"{path}: cannot be read as UTF-8 text ({error})") from None
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise _bad(
            f"input: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


class Command(BaseCommand):
    help = (
        "The program's rules as pure functions: distribute allocates one receipt on one case "
        "(42 USC 657). See docs/distribution.md."
    )
    # Pure rules: no system checks (they would import and inspect every app), no database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="rule", required=True, metavar="RULE")
        distribute_parser = commands.add_parser(
            "distribute",
            help="Allocate one receipt on one case (42 USC 657) and print it as JSON.",
            description=(
                "Reads the case's balances, assistance status and the receipt as JSON from FILE, "
                "or from standard input when FILE is absent or '-', and prints where each cent "
                "goes as JSON (contract: shared/reference/contracts.md; docs/distribution.md). "
                "Exit status 0 on success, 2 on bad input with a message on standard error "
                "naming each offending field."
            ),
        )
        distribute_parser.add_argument(
            "file", nargs="?", default="-", metavar="FILE", help="JSON input ('-': standard input)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rule"] == "distribute":
            self.distribute(options["file"])

    def distribute(self, source: str) -> None:
        try:
            data = parse_contract_input(_read_json(source))
        except DistributionInputError as error:
            problems = "\n".join(f"  {p}" for p in error.problems)
            raise _bad("the distribution input is not valid:\n" + problems) from None
        self.stdout.write(json.dumps(distribution_to_contract(distribute(data)), indent=2))
