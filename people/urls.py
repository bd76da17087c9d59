from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    # Not a slug (a dot): no one's address can take it.
    path("people/names.json", views.person_names, name="person_names"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("states/", views.state_list, name="state_list"),
    path("states/<slug:slug>/", views.state_detail, name="state_detail"),
    path("authors/", views.author_list, name="author_list"),
    path("authors/names.json", views.author_names, name="author_names"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
]
