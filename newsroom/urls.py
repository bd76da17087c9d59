from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editors’ desk"

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("admin/", admin.site.urls),
]
