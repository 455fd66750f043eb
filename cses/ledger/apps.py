from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "cses.ledger"
    label = "ledger"
    verbose_name = "Checkbook and ledgers"

    def ready(self) -> None:
        # The ledger listens to the receipts app (upstream) and posts what it records.
        from cses.ledger.receipts_posting import on_receipts_changed
        from cses.receipts.signals import receipts_changed

        receipts_changed.connect(on_receipts_changed, dispatch_uid="ledger.post_receipts_on_change")
