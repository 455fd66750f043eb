from django.apps import AppConfig


class ReceiptsConfig(AppConfig):
    name = "cses.receipts"
    label = "receipts"
    verbose_name = "Payment processing (State Disbursement Unit)"
