"""newsroom.links.reverse: Django's reverse(), remembered per script prefix and URLconf."""

from django.urls import reverse as django_reverse
from django.urls import set_script_prefix

from newsroom.links import reverse


def test_the_same_links_as_django():
    assert reverse("people:person_detail", args=["deval-patrick"]) == django_reverse(
        "people:person_detail", args=["deval-patrick"]
    )
    assert reverse("articles:quote_detail", args=[7]) == "/quotes/7/"


def test_a_site_under_a_prefix_links_under_it():
    assert reverse("articles:quote_detail", args=[7]) == "/quotes/7/"
    set_script_prefix("/news/")
    try:
        assert reverse("articles:quote_detail", args=[7]) == "/news/quotes/7/"
    finally:
        set_script_prefix("/")
    assert reverse("articles:quote_detail", args=[7]) == "/quotes/7/"
