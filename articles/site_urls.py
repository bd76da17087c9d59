"""The site's routes that aren't one app's pages: the front page, the sitemaps and the JSON
API over both apps. Included, without a namespace, by the root URLconf (newsroom/urls.py)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from newsroom.canonical import reads_query
from newsroom.views import API_NAMESPACE, not_found_in_api
from people.api import PersonViewSet, StateViewSet

from . import views
from .api import ArticleViewSet, QuoteViewSet
from .sitemaps import SITEMAPS

# /api/v1/: the read-only JSON API, one router over both apps.
router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("people", PersonViewSet, basename="person")
router.register("states", StateViewSet, basename="state")

urlpatterns = [
    path("", views.home, name="home"),
    # ?p= is a sitemap's page; any method but GET and HEAD was answered 200.
    path(
        "sitemap.xml",
        reads_query("p")(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
    ),
    path(
        "sitemap-<section>.xml",
        reads_query("p")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Past the router, any other address under the API is its JSON 404, not the site's page (one
    # without the final slash is first sent to the address with it, as everywhere on the site).
    path("api/v1/", include(([*router.urls, re_path(r"^.*/$", not_found_in_api)], API_NAMESPACE))),
]
