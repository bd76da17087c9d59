from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from newsroom.filters import paginate

from .filters import ArticleFilter, QuoteFilter
from .models import Article, Byline, Quote
from .rendering import body_paragraphs


def bylines_prefetch():
    """An article's bylines with their authors: one query for a whole page of articles."""
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"))


def article_list(request):
    articles = Article.objects.published().select_related("outlet").prefetch_related(bylines_prefetch())
    filterset = ArticleFilter(request.GET, queryset=articles)
    if not filterset.is_valid():
        return render(request, "articles/article_list.html", {"filter": filterset}, status=400)
    return render(request, "articles/article_list.html", {"filter": filterset, "page": paginate(filterset)})


def article_detail(request, slug):
    quotes = Quote.objects.select_related("speaker__state").prefetch_related("speaker__positions")
    article = get_object_or_404(
        Article.objects.published()
        .select_related("outlet")
        .prefetch_related(bylines_prefetch(), Prefetch("quotes", queryset=quotes), "topics", "states"),
        slug=slug,
    )
    quotes = list(article.quotes.all())
    context = {
        "article": article,
        "paragraphs": body_paragraphs(article.body, quotes),
        "quotes": quotes,
        "speakers": speakers_of(article, quotes),
    }
    return render(request, "articles/article_detail.html", context)


def speakers_of(article, quotes):
    """The people quoted, in order of first appearance, with the office each held then."""
    seen = {}
    for quote in quotes:
        if quote.speaker_id not in seen:
            seen[quote.speaker_id] = (quote.speaker, quote.speaker_position)
    return list(seen.values())


def quote_list(request):
    quotes = (
        Quote.objects.published()
        .select_related("speaker__state", "article__outlet")
        .prefetch_related("speaker__positions")
        .order_by("-said_on", "-pk")
    )
    filterset = QuoteFilter(request.GET, queryset=quotes)
    if not filterset.is_valid():
        return render(request, "articles/quote_list.html", {"filter": filterset}, status=400)
    return render(request, "articles/quote_list.html", {"filter": filterset, "page": paginate(filterset)})


def quote_detail(request, pk):
    quote = get_object_or_404(
        Quote.objects.published()
        .select_related("speaker__state", "article__outlet")
        .prefetch_related("speaker__positions", Prefetch("article__bylines", Byline.objects.select_related("author"))),
        pk=pk,
    )
    return render(request, "articles/quote_detail.html", {"quote": quote})
