from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "cses.distribution"
    label = "distribution"
    verbose_name = "Distribution of receipts"
