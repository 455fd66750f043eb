from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cses.accounts"
    label = "accounts"
    verbose_name = "Accounts, roles and access"
