import datetime
import functools
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Sum, prefetch_related_objects
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from media.models import Image
from newsroom import twofactor
from newsroom.addresses import follows_renames
from newsroom.canonical import reads_query
from newsroom.dependencies import complete, depends_on, filed_under, lags, tag_of
from newsroom.filters import (
    MAX_VALUE_LENGTH,
    READER_FORMS,
    PageFilter,
    RememberedChoiceField,
    offered,
    paginate,
    remembered_row,
)
from newsroom.fragments import render_each, render_page
from newsroom.memo import remember, remember_object
from newsroom.templatetags.newsroom import jsonld
from newsroom.throttling import rate_limited
from people import sources as people_sources
from people.models import Person
from people.views import rendered_map, states_with_counts

from . import export, search, sources
from .filters import ArticleFilter, QuoteFilter, SourcesFilter, quoted
from .jsonld import article_jsonld, quote_jsonld
from .models import (
    Article,
    Byline,
    MonthlyQuoteCount,
    Outlet,
    Quote,
    SourceCount,
    Statement,
    Tally,
    Topic,
    rating_scale,
)
from .rendering import render_body


def bylines_prefetch():
    """An article's bylines with their authors: one query for a whole page of articles."""
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"))


@complete
@reads_query(ArticleFilter)
@rate_limited
def article_list(request):
    articles = Article.objects.published().select_related("outlet").prefetch_related(bylines_prefetch())
    filterset = ArticleFilter(request.GET, queryset=articles)
    if not filterset.is_valid():
        return render(request, "articles/article_list.html", {"filter": filterset}, status=400)
    total = functools.partial(Tally.value, Tally.PUBLISHED_ARTICLES)  # kept as content changes
    # Filtered by one person, state, author, topic or outlet alone, the count is kept too (articles/tallies.py).
    kept = {
        "person": "published_article_count",
        "state": "involved_article_count",
        "author": "public_article_count",
        "topic": "public_article_count",
        "outlet": "public_article_count",
    }
    page = paginate(filterset, "articles", count=total, kept=kept)
    items = render_page(page, "includes/article_item.html", "article")
    return render(request, "articles/article_list.html", {"filter": filterset, "page": page, "items": items})


def can_preview(user):
    """Staff who may read articles in the admin may also preview them unpublished (once
    through the second step of signing in, for those who must pass it)."""
    return twofactor.admitted_staff(user) and user.has_perm("articles.view_article")


def articles_at_their_address(request):
    """The articles whose old addresses a reader follows (newsroom/addresses.py): those answering
    at their address, published or retracted (410); for staff who preview, any."""
    if can_preview(request.user):
        return Article.objects.all()
    return Article.objects.published() | Article.objects.filter(status=Article.Status.RETRACTED)


def public_topics(request):
    return Topic.objects.public()


def public_outlets(request):
    return Outlet.objects.public()


@follows_renames(articles_at_their_address)
@complete
@reads_query()
def article_detail(request, slug):
    preview = can_preview(request.user)
    articles = Article.objects.select_related("outlet")
    if preview:
        article = articles.filter(slug=slug).first()
    else:
        article = remember_object("published-article", articles.published(), slug=slug)
    if article is None:
        retracted = Article.objects.filter(slug=slug, status=Article.Status.RETRACTED).first()
        if retracted is not None:
            return render(request, "articles/retracted.html", {"article": retracted}, status=410)
        raise Http404("No article here.")
    if article.is_public:
        # What readers see of a published article changes only with content: rendered once until
        # what it shows changes (newsroom.memo), and the page reads just the article's row.
        # The structured data holds absolute URLs, hence the scheme and host.
        key = ("article-content", article.pk, request.scheme, request.get_host())
        content = remember(key, functools.partial(article_content, request, article))
    else:
        content = article_content(request, article)
    context = {"article": article, "preview": not article.is_public} | content
    response = render(request, "articles/article_detail.html", context)
    if context["preview"]:
        # A preview is for this editor only: never stored by any cache.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


def article_content(request, article):
    """{"content", "structured_data", "social_image"}: the article's markup, JSON-LD and the picture
    social sites show (seven queries, an eighth for its pictures if it has any)."""
    quotes = Quote.objects.select_related("speaker__state", "speaker__portrait", "statement").prefetch_related(
        "speaker__positions", "evidence"
    )
    prefetch_related_objects(
        [article], bylines_prefetch(), Prefetch("quotes", queryset=quotes), "topics", "states", "corrections"
    )
    quotes = list(article.quotes.all())
    # Its pictures read afresh (the article's row may be remembered from before one was edited).
    image_ids = {
        *article.image_ids(),
        *([article.outlet.logo_id] if article.outlet and article.outlet.logo_id else []),
    }
    images = Image.objects.in_bulk(image_ids) if image_ids else {}
    lead = images.get(article.lead_image_id)
    # What the page shows: the article, its authors and outlet, the people quoted, what it covers,
    # its pictures.
    depends_on(
        *article.cache_tags(),
        *(tag for quote in quotes for tag in quote.speaker.cache_tags()),
        *map(tag_of, article.topics.all()),
        *map(tag_of, article.states.all()),
        *(f"image-{pk}" for pk in image_ids),
        # Each quote links to its statement while that was published elsewhere too.
        *(f"statement-{quote.statement_id}" for quote in quotes if quote.statement_id),
    )
    context = {
        "article": article,
        "lead": lead,
        "logo": images.get(article.outlet.logo_id) if article.outlet else None,
        "body": render_body(article.body, quotes, images),
        "quotes": quotes,
        "speakers": speakers_of(article, quotes),
    }
    social = social_image(request, lead)
    return {
        "content": render_to_string("includes/article_content.html", context),
        "structured_data": jsonld(article_jsonld(request, article, quotes, lead)),
        "social_image": social,
    }


def social_image(request, image):
    """{"url", "width", "height", "alt"} of the card social sites show for `image` (1200 × 630, cut
    around its focal point), or None if it may not appear."""
    if image is None or not image.can_appear:
        return None
    found = image.largest("social")
    if found is None:
        return None
    url, width, height = found
    return {"url": request.build_absolute_uri(url), "width": width, "height": height, "alt": image.alt_text}


def speakers_of(article, quotes):
    """The people quoted, in order of first appearance, with the office each held then."""
    seen = {}
    for quote in quotes:
        if quote.speaker_id not in seen:
            seen[quote.speaker_id] = (quote.speaker, quote.speaker_position)
    return list(seen.values())


@complete
@reads_query(QuoteFilter)
@rate_limited
def quote_list(request):
    quotes = (
        Quote.objects.published()
        .select_related("speaker__state", "speaker__portrait", "article__outlet")
        .prefetch_related("speaker__positions")
        .order_by("-said_on", "-pk")
    )
    filterset = QuoteFilter(request.GET, queryset=quotes)
    if not filterset.is_valid():
        return render(request, "articles/quote_list.html", {"filter": filterset}, status=400)
    # Filtered by one person or state alone, the count is the sum of kept counts too.
    kept = {"person": "published_quote_count", "state": quotes_in_state}
    page = paginate(filterset, "quotes", count=Person.objects.published_quote_total, kept=kept)
    items = render_page(page, "includes/quote_item.html", "quote", show_speaker=True, show_source=True)
    return render(request, "articles/quote_list.html", {"filter": filterset, "page": page, "items": items})


def quotes_in_state(state):
    """How many published quotes were said by `state`'s people: their kept counts added up (an
    index range over the state's people), not a COUNT over the quotes."""
    return Person.objects.filter(state=state).published_quote_total()


@complete
@reads_query()
def quote_detail(request, pk):
    quote = get_object_or_404(
        Quote.objects.published()
        .select_related("speaker__state", "speaker__portrait", "article__outlet", "statement")
        .prefetch_related(
            "speaker__positions", "evidence", Prefetch("article__bylines", Byline.objects.select_related("author"))
        ),
        pk=pk,
    )
    # Its evidence, status and rating are the quote's own (`quote-<pk>`: articles/invalidation.py).
    depends_on(*quote.cache_tags(), *quote.article.cache_tags())
    if quote.statement_id:
        depends_on(f"statement-{quote.statement_id}")  # how many articles it appeared in
    short = Truncator(quote.display_text).words(10)
    context = {
        "quote": quote,
        "quote_title": f"{quote.speaker.name}: “{short}”",
        "evidence": list(quote.evidence.all()),
        "rating_scale": rating_scale(),
        "structured_data": jsonld(quote_jsonld(request, quote)),
    }
    return render(request, "articles/quote_detail.html", context)


@complete
@reads_query(PageFilter)
def statement_detail(request, pk):
    """/statements/<pk>/: one speaker's words as published in every article that reported them,
    first reported first. The count is the statement's, kept as content changes; the page reads
    one page of appearances (quote_statement index), whatever the archive's size. The statement
    with its first appearance and the office then, and the page's keys and items, are remembered."""
    head = remember(("statement", pk), functools.partial(statement_head, pk), variant=True)
    if head is None:
        raise Http404("No statement here.")
    statement = head["statement"]
    appearances = (
        Quote.objects.published()
        .filter(statement=statement)
        .select_related("speaker__state", "article__outlet")
        .prefetch_related("speaker__positions")
        .order_by("article__published_at", "pk")
    )
    filterset = PageFilter(request.GET, queryset=appearances)
    context = head | {"filter": filterset}
    if not filterset.is_valid():
        return render(request, "articles/statement_detail.html", context, status=400)
    page = paginate(
        filterset, ("statement", statement.pk), tags=[f"statement-{statement.pk}"], count=statement.public_count
    )
    items = render_page(page, "includes/quote_item.html", "quote", show_speaker=False, show_source=True)
    return render(request, "articles/statement_detail.html", context | {"page": page, "items": items})


def statement_head(pk):
    """{"statement", "first", "statement_title", "position"} of a statement published in some
    article, or None: its words and where they were first reported (the quote, its article's
    headline and outlet), its speaker and the office they held then. Two queries."""
    depends_on(f"statement-{pk}")  # its count and first appearance; its being published at all
    statement = (
        Statement.objects.filter(pk=pk, public_count__gt=0, first_quote__isnull=False)
        .select_related("speaker__state", "first_quote__article__outlet")
        .first()
    )
    if statement is None:
        return None
    first = statement.first_quote
    depends_on(
        *statement.speaker.cache_tags(),
        tag_of(first),
        tag_of(first.article),
        *([f"outlet-{first.article.outlet_id}"] * bool(first.article.outlet_id)),
    )
    return {
        "statement": statement,
        "first": first,
        "statement_title": f"{statement.speaker.name}: “{Truncator(first.display_text).words(10)}”",
        "position": statement.speaker.position_on(first.said_on) if first.said_on else None,
    }


def _export_queryset(request):
    quotes = (
        Quote.objects.published()
        .select_related("speaker__state", "article", "statement")
        .prefetch_related("speaker__positions__state", "evidence")
        .order_by("-said_on", "-pk")
    )
    return QuoteFilter(request.GET, queryset=quotes)


# An export is every matching quote, in one file (README, Open data): ?page= of the list it was
# copied from is dropped with the parameters it doesn't read, not checked and then ignored.
EXPORT_PARAMETERS = QuoteFilter.parameters() - {"page"}


@reads_query(*EXPORT_PARAMETERS)
@rate_limited
def quote_export_csv(request):
    """The quotes of /quotes/, with the same filters, as CSV."""
    return quote_download(request, export.csv_lines, "text/csv", "newsroom-quotes.csv")


@reads_query(*EXPORT_PARAMETERS)
@rate_limited
def quote_export_json(request):
    """The quotes of /quotes/, with the same filters, as a JSON array."""
    return quote_download(request, export.json_chunks, "application/json", "newsroom-quotes.json")


def quote_download(request, write, content_type, filename):
    """The filtered quotes written by `write` as a download, streamed as they are read. To HEAD,
    the headers alone: nothing is read (the whole archive is minutes of a worker's time)."""
    filterset = _export_queryset(request)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    chunks = () if request.method == "HEAD" else write(export.rows(request, filterset.qs))
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@follows_renames(public_topics)
@complete
@reads_query(PageFilter)
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.public(), slug=slug)
    depends_on(tag_of(topic))
    articles = topic.articles.published().select_related("outlet").prefetch_related(bylines_prefetch())
    filterset = PageFilter(request.GET, queryset=articles)
    context = {"topic": topic, "filter": filterset}
    if not filterset.is_valid():
        return render(request, "articles/topic_detail.html", context, status=400)
    page = paginate(filterset, ("topic", topic.pk), tags=[filed_under(topic)], count=topic.public_article_count)
    items = render_page(page, "includes/article_item.html", "article")
    return render(request, "articles/topic_detail.html", context | {"page": page, "items": items})


@complete
@reads_query()
def topic_list(request):
    """/topics/: the topics with published articles, each with how many."""
    topics = remember("topics-with-counts", topics_with_counts)
    return render(request, "articles/topic_list.html", {"topics": topics})


def topics_with_counts():
    """Topics with at least one published article, by name, with `article_count`: read off the
    topics' rows (the counts are kept as content changes, articles/tallies.py)."""
    depends_on("topic-list")
    return list(Topic.objects.public().annotate(article_count=F("public_article_count")).order_by("name"))


@follows_renames(public_outlets)
@complete
@reads_query(PageFilter)
def outlet_detail(request, slug):
    """/outlets/<slug>/: an outlet's published articles, and whom they quote."""
    outlet = get_object_or_404(Outlet.objects.public().select_related("logo"), slug=slug)
    depends_on(tag_of(outlet))
    articles = outlet.articles.published().select_related("outlet").prefetch_related(bylines_prefetch())
    filterset = PageFilter(request.GET, queryset=articles)
    context = {"outlet": outlet, "filter": filterset}
    if not filterset.is_valid():
        return render(request, "articles/outlet_detail.html", context, status=400)
    page = paginate(filterset, ("outlet", outlet.pk), tags=[filed_under(outlet)], count=outlet.public_article_count)
    items = render_page(page, "includes/article_item.html", "article")
    # As an author's page: current but for the period compared with (people.views.author_detail).
    lags("quote-list", sources.SECONDS)
    # Rendered once (the CSV links name the outlet's address).
    breakdowns = remember(("outlet-sources", outlet.pk, outlet.slug), functools.partial(whom_outlet_quotes, outlet))
    context |= {"page": page, "items": items, "breakdowns": mark_safe(breakdowns)}  # noqa: S308 an autoescaping template's
    return render(request, "articles/outlet_detail.html", context)


def whom_outlet_quotes(outlet):
    """The markup of whom `outlet` quotes (people.sources.breakdowns_html)."""
    tables = people_sources.source_tables(outlet, "outlet")
    return people_sources.breakdowns_html(tables, urlencode({"outlet": outlet.slug}), "outlet-sources", level=3)


@complete
@reads_query()
def outlet_list(request):
    """/outlets/: the outlets with published articles, each with how many."""

    def outlets_with_counts():
        depends_on("outlet-list")
        return list(Outlet.objects.public().order_by("name"))

    outlets = remember("outlets-with-counts", outlets_with_counts)
    return render(request, "articles/outlet_list.html", {"outlets": outlets})


@complete
@reads_query(SourcesFilter)
@rate_limited
def sources_view(request):
    """/sources/: whom the archive quotes, by party, gender, level of office and state, beside who
    held those offices then; filtered by outlet, author, topic, the speaker's state and period."""
    filterset = SourcesFilter(request.GET, queryset=Quote.objects.none())
    context = {"filter": filterset}
    if not filterset.is_valid():
        return render(request, "articles/sources.html", context, status=400)
    sources.lags_counted()
    context |= sources.rendered(filterset.form.cleaned_data, request.GET.urlencode())
    return render(request, "articles/sources.html", context)


@complete
@reads_query(SourcesFilter)
@rate_limited
def sources_csv(request, breakdown):
    """/sources/<breakdown>.csv: one of the Sources page's tables, with its filters, as CSV."""
    names = {key: column for key, _, column in people_sources.BREAKDOWNS}
    if breakdown not in names:
        raise Http404("No such breakdown.")
    filterset = SourcesFilter(request.GET, queryset=Quote.objects.none())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    sources.lags_counted()
    found = sources.breakdown(filterset.form.cleaned_data)
    response = HttpResponse(
        people_sources.csv_text(found["tables"][breakdown], names[breakdown]), content_type="text/csv"
    )
    response["Content-Disposition"] = f'attachment; filename="newsroom-sources-{breakdown}.csv"'
    return response


class CompareForm(forms.Form):
    """/compare/'s question: two to four people (their slugs, comma-separated), and a topic."""

    default_renderer = READER_FORMS
    people = forms.CharField(
        label="People",
        max_length=MAX_VALUE_LENGTH,
        help_text="Two to four, by the last part of their page’s address, separated by commas: "
        "deval-patrick,andrew-cuomo",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    topic = RememberedChoiceField(
        queryset=Topic.objects.none(),
        rows="public",
        joins=offered,
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.public()  # per request: topics go public

    def clean_people(self):
        slugs = list(dict.fromkeys(slug.strip() for slug in self.cleaned_data["people"].split(",") if slug.strip()))
        if not COMPARED[0] <= len(slugs) <= COMPARED[1]:
            raise forms.ValidationError(f"Name {COMPARED[0]} to {COMPARED[1]} different people, separated by commas.")
        public = Person.objects.public().select_related("state")
        found = {slug: remembered_row(public, "public with state", quoted, slug=slug) for slug in slugs}  # read once
        if missing := [slug for slug, person in found.items() if person is None]:
            raise forms.ValidationError("Nobody quoted is at %(slugs)s.", params={"slugs": ", ".join(missing)})
        return [found[slug] for slug in slugs]


# How many people /compare/ takes, and how many of each one's latest quotes it shows.
COMPARED = (2, 4)
COMPARE_QUOTES = 20


@complete
@reads_query(CompareForm)
@rate_limited
def compare(request):
    """/compare/?people=a,b[&topic=]: two to four people's quotes side by side, newest first, with
    their counts (a topic's, or all) by year. The people, the topic and the rest are remembered
    (`compare_results`)."""
    form = CompareForm(request.GET or None)
    if not request.GET:
        depends_on("topic-choices")
        return render(request, "articles/compare.html", {"form": CompareForm()})
    if not form.is_valid():
        depends_on("topic-choices")
        return render(request, "articles/compare.html", {"form": form}, status=400)
    people, topic = form.cleaned_data["people"], form.cleaned_data["topic"]
    # Their names in the heading.
    depends_on(*(tag for person in people for tag in person.cache_tags()))
    key = ("compare", [person.pk for person in people], topic.pk if topic else None)
    results = remember(key, functools.partial(compare_results, people, topic), variant=True)
    context = {"form": form, "people": people, "topic": topic, "results": mark_safe(results)}  # noqa: S308 an autoescaping template's
    return render(request, "articles/compare.html", context)


def compare_results(people, topic):
    """/compare/'s counts by year and latest quotes, rendered (includes/compare_results.html): one
    query for the counts and one per person (at most four); what they show is declared."""
    depends_on(*(tag for person in people for tag in (*person.cache_tags(), filed_under(person))))
    quotes = Quote.objects.published().filter(speaker__in=people)
    if topic is not None:
        depends_on(tag_of(topic), filed_under(topic))
        quotes = quotes.filter(Exists(Article.topics.through.objects.filter(article=OuterRef("article"), topic=topic)))
    years = compared_years(people, topic)
    # Each one's latest quotes: a read of quote_speaker_said_on_idx per person (at most four).
    latest = sorted(
        (
            quote
            for person in people
            for quote in quotes.filter(speaker=person)
            .select_related("article")
            .order_by("-said_on", "-pk")[:COMPARE_QUOTES]
        ),
        key=lambda quote: (quote.said_on is not None, quote.said_on or datetime.date.min, quote.pk),
        reverse=True,
    )
    columns = {person.pk: index for index, person in enumerate(people)}
    rows = []
    for quote in latest:
        depends_on(tag_of(quote), tag_of(quote.article))
        cells = [None] * len(people)
        cells[columns[quote.speaker_id]] = quote
        rows.append({"quote": quote, "cells": cells})
    totals = [sum(years[person.pk].values()) for person in people]
    all_years = sorted({year for counts in years.values() for year in counts}, reverse=True)
    context = {
        "people": people,
        "topic": topic,
        "totals": list(zip(people, totals, strict=True)),
        "years": [(year, [years[person.pk].get(year, 0) for person in people]) for year in all_years],
        "rows": rows,
        "shown": COMPARE_QUOTES,
    }
    return render_to_string("includes/compare_results.html", context)


def compared_years(people, topic=None):
    """{person pk: {year: published quotes}}: from their kept months (one read of the months'
    index per person), or their kept months in `topic`'s articles (SourceCount). One query.
    Undated quotes count under the year None."""
    years = {person.pk: {} for person in people}
    if topic is None:
        months = MonthlyQuoteCount.objects.filter(person__in=people)
    else:
        months = SourceCount.objects.filter(topic=topic, person__in=people, whole=False)
    rows = months.annotate(year=ExtractYear("month")).values_list("person", "year").annotate(n=Sum("count")).order_by()
    for person, year, n in rows:
        years[person][year] = years[person].get(year, 0) + n
    return years


class SearchForm(forms.Form):
    default_renderer = READER_FORMS
    q = forms.CharField(label="Search for", max_length=search.MAX_LENGTH, required=False)
    type = forms.ChoiceField(
        choices=[("all", "All"), ("articles", "Articles"), ("quotes", "Quotes"), ("people", "People")],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False)


SEARCH_FILTERS = ["person", "state", "topic", "from", "to"]


@complete
@reads_query(SearchForm, *SEARCH_FILTERS)
@rate_limited
def search_view(request):
    """/search/?q=: published articles, quotes and people, ranked, with the reader filters."""
    form = SearchForm(request.GET)
    reader = {key: value for key, value in request.GET.items() if key in SEARCH_FILTERS}
    # The articles' filterset validates and renders the filters (the quotes' are filtered by its
    # values); the rows they select are read (and the querysets built) only if a count or a page
    # of results isn't remembered.
    articles = ArticleFilter(reader, queryset=Article.objects.all())
    context = {"form": form, "filter": articles, "filter_names": SEARCH_FILTERS}
    if not (form.is_valid() and articles.is_valid()):
        return render(request, "articles/search.html", context, status=400)
    query = form.cleaned_data["q"].strip()
    kind = form.cleaned_data["type"] or "all"
    context |= {"query": query, "kind": kind}
    if not query:
        return render(request, "articles/search.html", context)
    if len(search.terms(query)) == 0:
        context["message"] = f"Type at least {search.MIN_LENGTH} letters or digits to search."
        return render(request, "articles/search.html", context)
    if kind == "all" and (form.cleaned_data["page"] or 1) > 1:
        # The overview shows the first few of each kind and pages nowhere (its tabs' links reset the page).
        raise Http404("The overview of a search has one page.")
    search.lags_found()

    def found_articles():
        published = Article.objects.published()
        return search.search_articles(articles.filter_queryset(published), query, related=["outlet"])

    def found_quotes():
        # The quotes' filters, with the values the articles' form validated (no second form).
        filtered = QuoteFilter().filter_with(Quote.objects.published(), articles.form.cleaned_data)
        return search.search_quotes(filtered, query, related=["speaker__state", "article"])

    def found_people():
        people = Person.objects.public().select_related("state").prefetch_related("positions")
        if state := articles.form.cleaned_data.get("state"):
            people = people.filter(state=state)
        return search.search_people(people, query)

    # Each kind's ranked results, searched at most once.
    results = {
        "articles": functools.cache(found_articles),
        "quotes": functools.cache(found_quotes),
        "people": functools.cache(found_people),
    }
    searched = (query, sorted(reader.items()))

    def counted():
        search.depends_on_found()
        counts = {name: count(found()) for name, found in results.items()}
        # A common word's matches are ranked among the newest few: "1000+", not "1000".
        return {"counts": counts, "more": [name for name, found in results.items() if getattr(found(), "more", False)]}

    found = remember(("search-counts", *searched), counted, variant=True)
    counts, more = found["counts"], found["more"]
    # "All" shows the first few of each kind; a kind's own tab pages through all of them.
    size, number = (5, 1) if kind == "all" else (settings.NEWSROOM_PAGE_SIZE, form.cleaned_data["page"] or 1)
    pages = {}
    for name, found in results.items():
        if kind not in ("all", name):
            continue
        # Ranking and marking the words found are the costly part: a page of results is
        # rendered once until content changes.
        key = ("search-results", *searched, name, size, number)
        rendered = remember(
            key, functools.partial(ranked_page, found, counts[name], size, number, name, query), variant=True
        )
        paginator = Paginator([], size)
        paginator.count = counts[name]  # counted above: not twice
        pages[name] = Page([mark_safe(html) for html in rendered], number, paginator)  # noqa: S308 rendered by a template
    context |= {"counts": counts, "more": more, "max_ranked": search.MAX_CANDIDATES}
    context |= {"pages": pages, "total": sum(counts.values())}
    return render(request, "articles/search.html", context)


SEARCH_RESULT = {
    "articles": ("includes/search_article.html", "article"),
    "quotes": ("includes/search_quote.html", "quote"),
    "people": ("includes/search_person.html", "person"),
}


# What a search result shows (its template's comment says what it reads).
SEARCH_RESULT_TAGS = {
    "articles": lambda article: [tag_of(article), *([f"outlet-{article.outlet_id}"] if article.outlet_id else [])],
    "quotes": lambda quote: [tag_of(quote), f"article-{quote.article_id}", *quote.speaker.cache_tags()],
    "people": lambda person: person.cache_tags(),
}


def count(found):
    """How many results a search found: a list's length or a queryset's COUNT."""
    return len(found) if isinstance(found, list) else found.count()


def ranked_page(found, total, size, number, name, query):
    """The HTML of each result on page `number` of the search results `found()` of kind `name`
    (`total` of them), in rank order, with the words found marked; 404 past the end."""
    search.depends_on_found()
    paginator = Paginator(found(), size)
    paginator.count = total  # counted already: not twice
    try:
        page = paginator.page(number)
    except EmptyPage as exc:
        raise Http404("No such page.") from exc
    template_name, item_name = SEARCH_RESULT[name]
    template = get_template(template_name)
    rendered = []
    for item in page:
        text = item.body_text if name == "articles" else item.text if name == "quotes" else ""
        snippet = search.snippet(item, text, query) if text else ""
        depends_on(*SEARCH_RESULT_TAGS[name](item))  # what is shown of each result is current
        rendered.append(template.render({item_name: item, "snippet": snippet}).strip())
    return rendered


@complete
@reads_query()
def home(request):
    """The front page: latest articles and quotes, most-quoted people, states with coverage."""
    latest = render_each(
        Article.objects.published().select_related("outlet").prefetch_related(bylines_prefetch()),
        "includes/article_item.html",
        "article",
        limit=10,
        list_key="latest",
    )
    # The newest quotes, read like the first page of /quotes/ (quote_said_on_idx), their keys
    # remembered until a published quote changes (`quote-list`).
    recent_quotes = render_each(
        Quote.objects.published()
        .select_related("speaker__state", "speaker__portrait", "article")
        .prefetch_related("speaker__positions")
        .order_by("-said_on", "-pk"),
        "includes/quote_item.html",
        "quote",
        limit=5,
        list_key="recent-quotes",
        show_speaker=True,
        show_source=True,
    )
    context = {
        "latest": latest,
        "recent_quotes": recent_quotes,
        "most_quoted": remember(("most-quoted", 8), lambda: most_quoted(8)),
    }
    # Every state, for the map; the most covered ones, listed under it, come from the same rows.
    all_states = states_with_counts()
    states = sorted((s for s in all_states if s.article_count), key=lambda s: (-s.article_count, s.name))[:10]
    context |= {"states": states, "us_map": rendered_map("home-map", all_states)}
    return render(request, "home.html", context)


def most_quoted(limit):
    """The people with the most published quotes, each with `quote_count`: read off
    person_most_quoted_idx (the counts are kept as content changes, articles/tallies.py)."""
    depends_on("quote-list")
    top = Person.objects.most_quoted().with_quote_count().select_related("state").prefetch_related("positions")
    ranked = sorted(top[:limit], key=lambda person: (-person.quote_count, person.sort_name))
    for person in ranked:
        depends_on(*person.cache_tags())
    return ranked
