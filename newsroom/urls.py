from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import bench, views

handler400 = "newsroom.views.bad_request"
handler500 = "newsroom.views.server_error"

urlpatterns = [
    # The front page, sitemaps and the API, then each app's pages (newsroom imports no app).
    path("", include("articles.site_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("admin/", admin.site.urls),
]

if settings.NEWSROOM_BENCH_CEILING_DIR:
    # make bench only: prerendered copies of the measured pages, served through the same stack.
    urlpatterns.append(path("_bench/ceiling/<slug:name>", bench.ceiling))

# Uploaded pictures, in development only (static() adds nothing unless DEBUG is on): in production
# the TLS proxy serves MEDIA_ROOT, or the object store its bucket (README, *Pictures*).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
