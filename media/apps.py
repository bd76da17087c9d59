from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = "Media library"

    def ready(self):
        from . import invalidation  # noqa: F401 - connects its receivers
