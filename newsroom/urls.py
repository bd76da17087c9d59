from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editors’ desk"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("admin/", admin.site.urls),
]
