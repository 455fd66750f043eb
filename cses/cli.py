"""The ``cses`` command: ``cses serve``, ``cses seed``, ``cses demo`` and every Django management
command (``cses migrate``, ``cses createsuperuser``, …). ``DATABASE_URL`` selects the database."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cses.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["cses", *(args or ["help"])])


if __name__ == "__main__":
    main()
