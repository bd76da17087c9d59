from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from newsroom.filters import PageFilter, paginate

from .filters import PersonFilter
from .jsonld import person_jsonld
from .models import Author, Person, State, published_quotes

# The quote and article gates belong to `articles`; people reaches them through
# reverse relations (Person.quotes, State.articles, Author.articles) so that the
# dependency points one way.


def person_list(request):
    people = Person.objects.public().with_quote_count().select_related("state").prefetch_related("positions")
    filterset = PersonFilter(request.GET, queryset=people)
    if not filterset.is_valid():
        return render(request, "people/person_list.html", {"filter": filterset}, status=400)
    page = paginate(filterset)
    return render(request, "people/person_list.html", {"filter": filterset, "page": page})


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.public().select_related("state").prefetch_related("positions__state"), slug=slug
    )
    # The reverse manager hands each quote this same `person`, positions prefetched,
    # so the title held on each quote's day costs no query.
    quotes = person.quotes.published().select_related("article", "article__outlet").order_by("-said_on", "-pk")
    filterset = PageFilter(request.GET, queryset=quotes)
    if not filterset.is_valid():
        context = {"person": person, "filter": filterset} | person_meta(request, person)
        return render(request, "people/person_detail.html", context, status=400)
    context = {"person": person, "filter": filterset, "page": paginate(filterset)} | person_meta(request, person)
    return render(request, "people/person_detail.html", context)


def person_meta(request, person):
    title = person.title_line
    description = (
        f"{person.name}, {title}: positions and quotes." if title else f"{person.name}: positions and quotes."
    )
    return {"person_description": description, "jsonld": person_jsonld(request, person)}


def state_list(request):
    states = State.objects.with_counts()
    return render(request, "people/state_list.html", {"states": states})


def state_detail(request, slug):
    state = get_object_or_404(State, slug=slug)
    people = (
        state.people.public()
        .with_quote_count()
        .select_related("state")
        .prefetch_related("positions")
        .order_by("sort_name", "name")
    )
    articles = state.articles.published().select_related("outlet").prefetch_related(_bylines())[:10]
    quotes = (
        published_quotes()
        .filter(speaker__state=state)
        .select_related("speaker__state", "article")
        .prefetch_related("speaker__positions")
        .order_by("-said_on", "-pk")[:10]
    )
    context = {"state": state, "people": people, "articles": articles, "quotes": quotes}
    return render(request, "people/state_detail.html", context)


def author_list(request):
    authors = Author.objects.with_article_count().filter(article_count__gt=0)
    return render(request, "people/author_list.html", {"authors": authors})


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = author.articles.published().select_related("outlet").prefetch_related(_bylines())
    filterset = PageFilter(request.GET, queryset=articles)
    if not filterset.is_valid():
        return render(request, "people/author_detail.html", {"author": author, "filter": filterset}, status=400)
    context = {"author": author, "filter": filterset, "page": paginate(filterset)}
    return render(request, "people/author_detail.html", context)


def _bylines():
    """Prefetch an article's bylines with their authors: one query for the whole page."""
    byline_model = Author.bylines.rel.related_model
    return Prefetch("bylines", queryset=byline_model.objects.select_related("author"))
