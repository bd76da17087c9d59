from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and quotes"

    def ready(self):
        from newsroom import pagecache
        from newsroom.addresses import keep_old_addresses

        from . import invalidation, signals, tallies  # noqa: F401 connect the receivers
        from .models import Article, Outlet, Topic

        keep_old_addresses(Article, Outlet, Topic)

        # A scheduled article goes live with no save: the first request after its moment announces it.
        pagecache.register_scheduled(tallies.next_to_go_live)

        from media import usage

        from .images import shown_publicly

        usage.register(shown_publicly)
