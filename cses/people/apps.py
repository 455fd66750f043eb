from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cses.people"
    label = "people"
    verbose_name = "Persons, addresses and employers"
