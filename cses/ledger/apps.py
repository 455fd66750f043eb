from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "cses.ledger"
    label = "ledger"
    verbose_name = "Checkbook and ledgers"
