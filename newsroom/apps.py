from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from . import pagecache

        # Anything readers see comes from these two apps: any change to them makes every
        # cached page stale.
        for label in ("articles", "people"):
            for model in self.apps.get_app_config(label).get_models():
                if getattr(model, "derived", False):  # follows content that is itself watched
                    continue
                post_save.connect(pagecache.content_changed, sender=model, dispatch_uid="pagecache")
                post_delete.connect(pagecache.content_changed, sender=model, dispatch_uid="pagecache")
                for field in model._meta.local_many_to_many:  # m2m_changed is sent by the m2m table
                    through = field.remote_field.through
                    m2m_changed.connect(pagecache.content_changed, sender=through, dispatch_uid="pagecache")


class NewsroomAdminConfig(AdminConfig):
    """The Django admin, on the site class that labels autocomplete results richly."""

    default_site = "newsroom.admin.NewsroomAdminSite"
