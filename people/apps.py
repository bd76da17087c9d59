from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and places"

    def ready(self):
        from newsroom.addresses import keep_old_addresses

        from . import invalidation  # noqa: F401 connects the receivers
        from .models import Author, Person

        keep_old_addresses(Person, Author)
