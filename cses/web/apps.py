from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cses.web"
    label = "web"
    verbose_name = "Staff web pages"
