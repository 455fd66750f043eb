from django.core.management import call_command
from django.core.management.base import BaseCommand

from cses.synthetic.demo import DEMO_PASSWORD, demo_logins, set_up_demo


class Command(BaseCommand):
    help = (
        "Set up the demo (database, one log-in per role, synthetic cases) and serve it. "
        "Safe to run again: nothing is added twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300, help="Cases to seed (default 300)")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026)")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve")

    def handle(self, *args, cases: int, seed: int, port: int, no_serve: bool, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        result = set_up_demo(cases=cases, seed_value=seed)
        if result is None:
            self.stdout.write("The database already has cases: no demo data added.")
        else:
            self.stdout.write(f"Seeded {result.cases} demo cases in {result.seconds:.1f} s.")
        logins = demo_logins()
        widths = [
            max(len(row[i]) for row in [*logins, ("username", "role", "office", "")])
            for i in range(3)
        ]
        self.stdout.write("")
        self.stdout.write(
            f"{'username':<{widths[0]}}  {'role':<{widths[1]}}  {'office':<{widths[2]}}  password"
        )
        for username, role, office, password in logins:
            self.stdout.write(
                f"{username:<{widths[0]}}  {role:<{widths[1]}}  {office:<{widths[2]}}  {password}"
            )
        self.stdout.write(
            self.style.WARNING(
                f"The password {DEMO_PASSWORD!r} is for this demo only: never use these "
                "accounts on a real deployment."
            )
        )
        if not no_serve:
            self.stdout.write(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
            call_command("serve", port=port)
