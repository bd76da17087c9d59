from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and places"

    def ready(self):
        from . import invalidation  # noqa: F401 connects the receivers
