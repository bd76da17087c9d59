from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and quotes"

    def ready(self):
        from . import signals  # noqa: F401 connects the receivers
