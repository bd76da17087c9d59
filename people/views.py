import datetime
import functools
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from media.models import Image
from newsroom.addresses import follows_renames
from newsroom.canonical import reads_query
from newsroom.dependencies import complete, depends_on, filed_under, lags, tag_of
from newsroom.filters import PageFilter, paginate
from newsroom.fragments import render_each, render_page
from newsroom.memo import remember, remember_object
from newsroom.templatetags.newsroom import jsonld
from newsroom.throttling import rate_limited

from . import sources
from .charts import quote_counts, quotes_chart
from .filters import PersonFilter, named
from .jsonld import person_jsonld
from .models import Author, DatePrecision, Person, Position, State, last_day, published_articles, published_quotes
from .usmap import coverage_map

# The quote and article gates belong to `articles`; people reaches them through
# reverse relations (Person.quotes, State.articles, Author.articles) so that the
# dependency points one way.


@complete
@reads_query(PersonFilter)
@rate_limited
def person_list(request):
    people = Person.objects.public().with_quote_count().select_related("state").prefetch_related("positions")
    filterset = PersonFilter(request.GET, queryset=people)
    if not filterset.is_valid():
        return render(request, "people/person_list.html", {"filter": filterset}, status=400)
    page = paginate(filterset, "people")
    return render(request, "people/person_list.html", {"filter": filterset, "page": page})


def public_people(request):
    """The people whose old addresses readers follow (newsroom/addresses.py): those they see."""
    return Person.objects.public()


def public_authors(request):
    return Author.objects.public()


@follows_renames(public_people)
@complete
@reads_query(PageFilter)
def person_detail(request, slug):
    person = remember_object("public-person", Person.objects.public().select_related("state"), slug=slug)
    if person is None:
        raise Http404("No one by that name.")
    # Who they are and their timeline change only with content: rendered once until they
    # change. The structured data holds absolute URLs, hence the scheme and host.
    key = ("person-profile", person.pk, request.scheme, request.get_host())
    context = {"person": person} | remember(key, functools.partial(person_profile, request, person))
    # The reverse manager hands each quote this same `person`, so a quote's speaker costs no query.
    quotes = person.quotes.published().select_related("article", "article__outlet").order_by("-said_on", "-pk")
    filterset = PageFilter(request.GET, queryset=quotes)
    if not filterset.is_valid():
        return render(request, "people/person_detail.html", context | {"filter": filterset}, status=400)
    # Their published quotes are counted as they change: the list's length costs no COUNT.
    page = paginate(
        filterset, ("person-quotes", person.pk), tags=[filed_under(person)], count=person.published_quote_count
    )
    items = render_page(page, "includes/quote_item.html", "quote", show_speaker=False, show_source=True)
    # What they speak on and with whom: filed under them (a quote saved in an article that quotes
    # them invalidates it, whoever said it: articles/invalidation.py).
    company = remember(("person-company", person.pk), functools.partial(person_company, person))
    context |= {"filter": filterset, "page": page, "items": items, "company": company}
    return render(request, "people/person_detail.html", context)


# A person's topics and company are read from their latest this many published quotes: the
# same cost for the most quoted person as for anyone (their most recent work, said so on the page).
COMPANY_QUOTES = 250
COMPANY_SHOWN = 8


def person_company(person):
    """The markup of the topics `person` speaks on most and the people most often quoted in the
    same articles, from the articles of their latest COMPANY_QUOTES published quotes (read off
    quote_speaker_said_on_idx): three queries, however many quotes they have."""
    depends_on(filed_under(person))
    recent = person.quotes.published().order_by("-said_on", "-pk").values("article")[:COMPANY_QUOTES]
    articles = published_articles().filter(pk__in=recent)
    topics = list(
        articles.filter(topics__isnull=False)
        .order_by()
        .values("topics__name", "topics__slug", "topics")
        .annotate(n=Count("pk"))
        .order_by("-n", "topics__name")[:COMPANY_SHOWN]
    )
    alongside = list(
        published_quotes()
        .filter(article__in=articles.values("pk"))
        .exclude(speaker=person)
        .order_by()
        .values("speaker")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "speaker")[:COMPANY_SHOWN]
    )
    people = Person.objects.public().select_related("state").in_bulk([row["speaker"] for row in alongside])
    company = [(people[row["speaker"]], row["n"]) for row in alongside if row["speaker"] in people]
    depends_on(*(f"topic-{row['topics']}" for row in topics), *(tag_of(other) for other, _ in company))
    context = {"person": person, "topics": topics, "company": company, "limit": COMPANY_QUOTES}
    return render_to_string("includes/person_company.html", context)


# Names suggested as one types a name into a filter (static/js/filters.js), and the shortest
# text that asks for them: two letters match the start of a name, three anywhere in it.
SUGGESTIONS = 10
SUGGEST_MIN_LENGTH = 2


def suggested(request, queryset, detail):
    """{"names": [{"name", "detail"}]}: up to SUGGESTIONS of `queryset` whose name or an alias
    contains ?q= (most quoted first where people are counted). Two queries, through the
    names' trigram indexes on PostgreSQL; remembered by the page cache until the list changes."""
    typed = " ".join(request.GET.get("q", "").split())[:100]
    model = queryset.model
    depends_on(f"{model._meta.model_name}-list", f"{model._meta.model_name}-choices")
    if len(typed) < SUGGEST_MIN_LENGTH:
        return JsonResponse({"names": []})
    found = list(named(queryset, typed, "start" if len(typed) == SUGGEST_MIN_LENGTH else "contains")[:SUGGESTIONS])
    for obj in found:
        depends_on(tag_of(obj))
    return JsonResponse({"names": [{"name": obj.name, "detail": detail(obj)} for obj in found]})


@complete
@reads_query("q")
@rate_limited
def person_names(request):
    """/people/names.json?q=heff: the people suggested to the ?person= filters."""
    people = (
        Person.objects.public()
        .select_related("state")
        .prefetch_related("positions")
        .order_by("-published_quote_count", "sort_name", "pk")
    )
    return suggested(request, people, person_detail_line)


def person_detail_line(person):
    """What tells a person from another of the same name: their office, and their state unless it names it."""
    title, state = person.title_line, person.state.name if person.state else ""
    return ", ".join(part for part in (title, "" if state in title else state) if part)


@complete
@reads_query("q")
@rate_limited
def author_names(request):
    """/authors/names.json?q=chab: the authors suggested to the ?author= filter."""
    return suggested(request, Author.objects.public().order_by("name", "pk"), lambda author: "")


def person_profile(request, person):
    """{"profile", "structured_data", "person_description", "social_image"} of a person's page: who
    they are, their portrait, their timeline and chart (positions, their states, quotes per month:
    three queries, a fourth for the portrait if they have one)."""
    prefetch_related_objects([person], "positions__state")
    # Their chart and timeline count what is filed under them.
    depends_on(
        *person.cache_tags(), filed_under(person), *(tag_of(p.state) for p in person.positions.all() if p.state)
    )
    # Read afresh: the person's row may be remembered from before the picture was edited.
    portrait = Image.objects.filter(pk=person.portrait_id).first() if person.portrait_id else None
    # One aggregate query for the chart and the timeline, whatever the number of quotes.
    months, years, undated = quote_counts(person)
    context = {
        "person": person,
        "portrait": portrait,
        "chart": render_to_string(
            "includes/quotes_chart.html", {"chart": quotes_chart(months, years, undated), "chart_id": "quotes-chart"}
        ),
        "timeline": person_timeline(person, months, years, undated),
    }
    title = person.title_line
    return {
        "profile": render_to_string("includes/person_profile.html", context),
        "structured_data": jsonld(person_jsonld(request, person, portrait_url(request, portrait))),
        "social_image": portrait_card(request, portrait),
        "person_description": (
            f"{person.name}, {title}: positions and quotes." if title else f"{person.name}: positions and quotes."
        ),
    }


def portrait_url(request, portrait):
    """The absolute address of the largest square cut of `portrait`, or None if it may not appear."""
    found = portrait.largest("square") if portrait is not None and portrait.can_appear else None
    return request.build_absolute_uri(found[0]) if found else None


def portrait_card(request, portrait):
    """{"url", "width", "height", "alt"} of the square portrait social sites show, or None."""
    url = portrait_url(request, portrait)
    if url is None:
        return None
    _, width, height = portrait.largest("square")
    return {"url": url, "width": width, "height": height, "alt": portrait.alt_text, "square": True}


# Beyond this many months with quotes, the timeline groups quotes by year.
TIMELINE_MONTHS = 24


def person_timeline(person, months, years, undated):
    """Positions and quotes, newest first: a position at its start, quotes grouped by month
    (by year for people quoted in more than TIMELINE_MONTHS months).

    Quotes are counted, not listed (the paginated list below does that), and each group
    links to those quotes on /quotes/. Reads the prefetched positions: no query.
    """
    quotes_url = reverse("articles:quote_list")

    def quotes_entry(label, datetime_attr, n, start, end):
        query = urlencode({"person": person.slug, "from": start.isoformat(), "to": end.isoformat()})
        url = f"{quotes_url}?{query}"
        return {"kind": "quotes", "key": (end, 1), "label": label, "datetime": datetime_attr, "count": n, "url": url}

    if len(months) > TIMELINE_MONTHS:
        # Quoted over years: a line a year keeps the timeline readable (the chart has the months).
        by_year = Counter(years)
        for month, n in months.items():
            by_year[month.year] += n
        months, years = {}, by_year
    entries = [
        quotes_entry(f"{month:%B} {month.year}", f"{month:%Y-%m}", n, month, last_day(month, DatePrecision.MONTH))
        for month, n in months.items()
    ]
    entries += [
        quotes_entry(str(year), str(year), n, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for year, n in years.items()
    ]
    # A position sorts by its start, a month of quotes by its last day: quotes said in
    # an office taken that month come above it. An unknown start sorts last.
    entries += [
        {"kind": "position", "key": (position.start_date or datetime.date.min, 0), "position": position}
        for position in person.positions.all()
    ]
    entries.sort(key=lambda entry: entry["key"], reverse=True)
    if undated:
        query = urlencode({"person": person.slug})
        url = f"{quotes_url}?{query}"
        entries.append({"kind": "quotes", "label": "Undated", "datetime": "", "count": undated, "url": url})
    return entries


def states_with_counts():
    """Every state with its counts of people and articles, for the maps and the tables."""
    return remember("states-with-counts", _states_with_counts)


def _states_with_counts():
    depends_on("state-list")
    return list(State.objects.with_counts())


def rendered_map(map_id, states):
    """The coverage map of `states` (states_with_counts()): tens of kilobytes of SVG markup,
    rendered once until the states' counts change."""
    context = {"map_id": map_id}

    def render():
        depends_on("state-list")
        return render_to_string("includes/us_map.html", context | {"map": coverage_map(states)})

    return remember(("us-map", map_id), render)


@complete
@reads_query()
def state_list(request):
    states = states_with_counts()
    return render(request, "people/state_list.html", {"states": states, "us_map": rendered_map("states-map", states)})


@complete
@reads_query()
def state_detail(request, slug):
    state = remember_object("state", State.objects.all(), slug=slug)
    if state is None:
        raise Http404("No such state.")
    people = state.people.public().with_quote_count().select_related("state").prefetch_related("positions")
    articles = state.articles.published().select_related("outlet").prefetch_related(_bylines())
    tags = [tag_of(state), filed_under(state)]
    quotes = (
        published_quotes()
        .filter(speaker__state=state)
        .select_related("speaker__state", "speaker__portrait", "article")
        .prefetch_related("speaker__positions")
        .order_by("-said_on", "-pk")
    )

    def render_offices():
        depends_on(*tags)  # who is quoted from the state
        context = {"state": state, "offices": officials_by_office(people, OFFICE_SHOWN)}
        return render_to_string("includes/state_offices.html", context)

    # Hundreds of people for a large state: rendered once until one of them or the state changes.
    offices = remember(("state-offices", state.pk), render_offices)
    context = {
        "state": state,
        "offices": offices,
        "articles": render_each(
            articles,
            "includes/article_item.html",
            "article",
            limit=10,
            list_key=("state-articles", state.pk),
            list_tags=tags,
        ),
        "quotes": render_each(
            quotes,
            "includes/quote_item.html",
            "quote",
            limit=10,
            list_key=("state-quotes", state.pk),
            list_tags=tags,
            show_speaker=True,
            show_source=True,
        ),
    }
    return render(request, "people/state_detail.html", context)


FORMER_OFFICIALS = "Former officials"
OTHER_PEOPLE = "Other"
# A state page shows this many people per office, the most quoted; the people list has them all.
OFFICE_SHOWN = 10


def officials_by_office(people, shown):
    """People grouped by the title of the office they hold today, as [{"title", "people",
    "more"}]: the `shown` most quoted of each office, and how many more.

    Titles in alphabetical order, then people out of office, then people with no known office.
    Chosen in SQL (a window over each office): a large state has hundreds of people, and only
    the few shown are read, with their positions.
    """
    today = datetime.date.today()  # as Person.current_position
    positions = Position.objects.filter(person=OuterRef("pk"))
    newest_held = positions.held_on(today).order_by(F("start_date").desc(nulls_last=True), "title")
    office = Coalesce(
        "held",
        Case(When(any_position__isnull=False, then=Value(FORMER_OFFICIALS)), default=Value(OTHER_PEOPLE)),
    )
    most_quoted = [F("published_quote_count").desc(), "sort_name", "name", "pk"]
    ranked = (
        # Each a lookup by person on the index of positions (an EXISTS would read them all).
        people.annotate(
            held=Subquery(newest_held.values("title")[:1]), any_position=Subquery(positions.values("pk")[:1])
        )
        .annotate(office=office)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("office"), order_by=most_quoted),
            in_office=Window(Count("pk"), partition_by=F("office")),
        )
        .filter(rank__lte=shown)
        .order_by("office", "rank")
    )
    groups = defaultdict(list)
    for person in ranked:
        groups[person.office].append(person)
    last = [FORMER_OFFICIALS, OTHER_PEOPLE]
    titles = sorted(title for title in groups if title not in last) + [t for t in last if t in groups]
    return [
        {"title": title, "people": groups[title], "more": groups[title][0].in_office - len(groups[title])}
        for title in titles
    ]


@complete
@reads_query()
def author_list(request):
    authors = remember("authors-with-counts", _authors_with_counts)
    return render(request, "people/author_list.html", {"authors": authors})


@follows_renames(public_authors)
@complete
@reads_query(PageFilter)
def author_detail(request, slug):
    author = get_object_or_404(Author.objects.public(), slug=slug)
    depends_on(tag_of(author))
    articles = author.articles.published().select_related("outlet").prefetch_related(_bylines())
    filterset = PageFilter(request.GET, queryset=articles)
    if not filterset.is_valid():
        return render(request, "people/author_detail.html", {"author": author, "filter": filterset}, status=400)
    page = paginate(filterset, ("author", author.pk), tags=[filed_under(author)], count=author.public_article_count)
    items = render_page(page, "includes/article_item.html", "article")
    # Whom they quote: their kept counts, remembered until their articles' quotes, the people's
    # party, gender or state, or the offices held change; only the period compared with (the
    # archive's first and last quoted months) may show other quotes' edits up to five minutes late.
    lags("quote-list", SOURCES_LAG_SECONDS)
    # Rendered once (the CSV links name the author's address).
    breakdowns = remember(("author-sources", author.pk, author.slug), functools.partial(whom_quoted, author))
    breakdowns = mark_safe(breakdowns)  # noqa: S308 rendered by an autoescaping template
    context = {"author": author, "filter": filterset, "page": page, "items": items, "breakdowns": breakdowns}
    return render(request, "people/author_detail.html", context)


def whom_quoted(author):
    """The markup of whom `author` quotes (people.sources.breakdowns_html)."""
    tables = sources.source_tables(author, "author")
    return sources.breakdowns_html(tables, urlencode({"author": author.slug}), "author-sources", level=3)


# As the Sources page's (articles/sources.SECONDS).
SOURCES_LAG_SECONDS = 300


def _authors_with_counts():
    depends_on("author-list")
    return list(Author.objects.with_article_count().filter(article_count__gt=0))


def _bylines():
    """Prefetch an article's bylines with their authors: one query for the whole page."""
    byline_model = Author.bylines.rel.related_model
    return Prefetch("bylines", queryset=byline_model.objects.select_related("author"))
