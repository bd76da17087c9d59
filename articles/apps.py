from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and quotes"

    def ready(self):
        from newsroom import pagecache
        from newsroom.addresses import keep_old_addresses

        from . import invalidation, signals  # noqa: F401 connect the receivers
        from .models import Article, Topic

        keep_old_addresses(Article, Topic)

        # A scheduled article goes live with no save: nothing stored may outlive that moment.
        pagecache.register_scheduled(Article.objects.next_scheduled)

        from media import usage

        from .images import shown_publicly

        usage.register(shown_publicly)
