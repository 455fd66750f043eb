from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cses.cases"
    label = "cases"
    verbose_name = "Cases, members, lifecycle and intake"
