from django.apps import AppConfig


class InterfacesConfig(AppConfig):
    name = "cses.interfaces"
    label = "interfaces"
    verbose_name = "Other agency interfaces"
