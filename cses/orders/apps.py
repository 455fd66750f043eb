from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "cses.orders"
    label = "orders"
    verbose_name = "Support orders"
