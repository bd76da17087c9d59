from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"


class NewsroomAdminConfig(AdminConfig):
    """The Django admin, on the site class that labels autocomplete results richly."""

    default_site = "newsroom.admin.NewsroomAdminSite"
