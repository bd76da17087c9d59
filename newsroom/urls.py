from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import bench, views
from .api import router
from .sitemaps import SITEMAPS

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("api/v1/", include((router.urls, "api"))),
    path("admin/", admin.site.urls),
]

if settings.NEWSROOM_BENCH_CEILING_DIR:
    # make bench only: prerendered copies of the measured pages, served through the same stack.
    urlpatterns.append(path("_bench/ceiling/<slug:name>", bench.ceiling))
