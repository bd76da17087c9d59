from django.db.models import Prefetch
from django.shortcuts import render

from articles.models import Article, Byline
from people.models import Person, State


def home(request):
    """The front page: latest articles, most-quoted people, states with coverage."""
    latest = (
        Article.objects.published()
        .select_related("outlet")
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))[:10]
    )
    most_quoted = (
        Person.objects.public()
        .with_quote_count()
        .select_related("state")
        .prefetch_related("positions")
        .order_by("-quote_count", "sort_name")[:8]
    )
    states = State.objects.with_counts().filter(article_count__gt=0).order_by("-article_count", "name")
    context = {"latest": latest, "most_quoted": most_quoted, "states": states}
    return render(request, "home.html", context)
