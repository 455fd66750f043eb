from django.apps import AppConfig


class DisbursementConfig(AppConfig):
    name = "cses.disbursement"
    label = "disbursement"
    verbose_name = "Disbursement to families"
