from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and places"

    def ready(self):
        from newsroom.addresses import keep_old_addresses

        from . import invalidation, signals  # noqa: F401 connects the receivers
        from .models import Author, Person

        keep_old_addresses(Person, Author)

        from media import usage

        def portraits_shown(image_ids):
            # A person readers can see (with a published quote) shows their portrait.
            people = Person.objects.public().filter(portrait__in=image_ids).values_list("portrait", "name")
            return {pk: f"the portrait of {name}" for pk, name in people}

        usage.register(portraits_shown)
