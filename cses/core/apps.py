from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cses.core"
    label = "core"
    verbose_name = "Core: offices, towns, parameters, audit"
