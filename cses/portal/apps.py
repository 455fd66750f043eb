from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cses.portal"
    label = "portal"
    verbose_name = "Self-service portal"
