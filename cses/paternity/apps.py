from django.apps import AppConfig


class PaternityConfig(AppConfig):
    name = "cses.paternity"
    label = "paternity"
    verbose_name = "Paternity"
