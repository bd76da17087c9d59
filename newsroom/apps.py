from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from django.conf import settings

        from . import dependencies, purge

        # The HTTP cache tier in front of the app servers (deploy/varnish): purged by tag once the
        # new versions are written.
        if settings.NEWSROOM_PURGE_URLS:
            dependencies.register_purger(purge.varnish_purger)


class NewsroomAdminConfig(AdminConfig):
    """The Django admin, on the site class that labels autocomplete results richly."""

    default_site = "newsroom.admin.NewsroomAdminSite"
