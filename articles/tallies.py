"""The counts readers see, kept as content changes rather than computed over the archive per request.

- Person.published_quote_count: their quotes in published articles (public() is "at least one"),
  and published_article_count: the published articles quoting them (the ?person= filter's count);
- State.public_person_count, State.public_article_count, State.involved_article_count: people from
  the state with a published quote, published articles covering it, and involving it (InvolvedState:
  the ?state= filter's count);
- MonthlyQuoteCount: a person's published quotes per month (the chart and timeline);
- SourceCount: a person's published quotes per outlet, topic and author of their articles, by month
  and level of office (the Sources page filtered by those, whom an author quotes, /compare/);
  SourcePairCount the same per outlet and topic together (the Sources page filtered by both);
- Outlet.public_article_count, Topic.public_article_count: their published articles (the filter
  forms offer those with at least one);
- Tally `published-articles`: how many articles readers see (the article list's length);
- Statement.public_count, first_quote: a statement's published appearances (articles/statements.py).

Each is recomputed for the people and states a change affects, in the same transaction as the
change (articles/signals.py): a COUNT per affected row, never a running +1/-1 that could drift.
What is counted is the articles marked `counted`: the readers' gate (Article.objects.published())
as of the article's last save. A scheduled article goes live with no save: go_live() marks and
counts it once its moment has passed (the first request after it, articles/middleware.py, or
`manage.py go_live` from cron). refresh_everything() recomputes it all (`manage.py refresh_tallies`,
bulk inserts). The migrations that filled each tally for the archive carry frozen copies of these
queries, on the tables as they were then (tests/test_migrations.py): not this module, which writes
today's columns.
"""

import calendar
import contextlib
import datetime
import math
import time

from django.db import connections, transaction
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from newsroom import pagecache
from newsroom.dependencies import invalidate
from people.models import Author, DatePrecision, OfficeLevel, Person, Position, State, count_of

from . import statements
from .invalidation import article_changed
from .models import (
    Article,
    Byline,
    InvolvedState,
    MonthlyQuoteCount,
    Outlet,
    Quote,
    SourceCount,
    SourcePairCount,
    Tally,
    Topic,
)


def refresh_people(people, using="default"):
    """Recompute every tally of `people` (keys, or a query of keys) and their home states' counts."""
    with transaction.atomic(using=using):
        if _lock(Person, people, using):
            MonthlyQuoteCount.objects.using(using).filter(person__in=people).delete()
            _insert_months(Q(speaker__in=people), using)
            _refresh_totals(people, using)
            _refresh_sources(people, using)


def _refresh_sources(people, using):
    SourceCount.objects.using(using).filter(person__in=people).delete()
    _insert_sources(Q(speaker__in=people), using)
    _sum_sources(Q(person__in=people), using)
    _refresh_pairs(people, using)


def _refresh_pairs(people, using):
    SourcePairCount.objects.using(using).filter(person__in=people).delete()
    _insert_pairs(Q(speaker__in=people), using)
    _sum_pairs(Q(person__in=people), using)


# Beyond this many months in one change, its people are recounted whole: a condition of thousands
# of terms is slower than that, and past SQLite's limit on an expression's depth.
MONTHS_AT_ONCE = 200


def refresh_quotes(quotes, using="default", sources=None):
    """Recompute the tallies a set of quotes counts towards, given as (speaker, said_on) pairs,
    values before and after a change alike: those people's months of those dates (a few index
    ranges, however many quotes the people have), their totals, their home states' counts, and
    their SourceCount rows of those months in `sources` ({(column, key)}: the outlets, topics and
    authors of the articles changed, before and after; None: every one)."""
    _refresh_months(quotes, using, sources, months=True)


def refresh_sources(quotes, sources, using="default"):
    """refresh_quotes() of SourceCount alone, in `sources`: what an article moved to another
    outlet, topic or author changes."""
    _refresh_months(quotes, using, sources, months=False)


def _refresh_months(quotes, using, sources, months):
    pairs = {(speaker, _month(said_on)) for speaker, said_on in quotes}
    people = sorted({speaker for speaker, _ in pairs})
    if sources is not None and not sources and not months:
        return  # nothing to recount
    if len(pairs) > MONTHS_AT_ONCE:  # (many articles going live at once, say) each person whole
        refresh_people(people, using)
        return
    rows, quoted = Q(), Q()
    for speaker, month in pairs:
        if month is None:
            rows |= Q(person=speaker, month__isnull=True)
            quoted |= Q(speaker=speaker, said_on__isnull=True)
        else:
            rows |= Q(person=speaker, month=month)
            quoted |= Q(speaker=speaker, said_on__gte=month, said_on__lte=_month_end(month))
    _recount(people, rows, quoted, using, sources, months)


def refresh_offices(spans, using="default"):
    """Recompute what the level of office held decides (people's months and SourceCount rows, by
    level) for the quotes said within `spans`, {(person, start, end)}: the times an office that
    changed was held, before and after the change (start or end None: unbounded), widened to
    whole years (an end known to the year). A few index ranges per person."""
    people = sorted({person for person, _, _ in spans})
    rows, quoted = Q(), Q()
    for person, start, end in spans:
        row, said = Q(person=person, month__isnull=False), Q(speaker=person, said_on__isnull=False)
        if start:
            row &= Q(month__gte=datetime.date(start.year, 1, 1))
            said &= Q(said_on__gte=datetime.date(start.year, 1, 1))
        if end:
            row &= Q(month__lte=datetime.date(end.year, 12, 31))
            said &= Q(said_on__lte=datetime.date(end.year, 12, 31))
        rows, quoted = rows | row, quoted | said
    _recount(people, rows, quoted, using, None, months=True)


def _recount(people, rows, quoted, using, sources, months):
    """Recount the MonthlyQuoteCount (if `months`) and SourceCount rows matching `rows` from the
    quotes matching `quoted`, of `people`, in `sources` (None: all); then their totals and sums."""
    with transaction.atomic(using=using):
        if not _lock(Person, people, using):
            return
        if months:
            MonthlyQuoteCount.objects.using(using).filter(rows).delete()
            _insert_months(quoted, using)
            _refresh_totals(people, using)
        if sources is not None and not sources:  # (an article with no outlet, topic or author)
            return
        # The same months by outlet, topic and author; then the sums of those that changed.
        kept = SourceCount.objects.using(using).filter(rows, whole=False)
        if sources is not None:
            kept = kept.filter(_in_sources(sources))
        before = _source_rows(kept)
        kept.delete()
        _insert_sources(quoted, using, sources)
        after = _source_rows(kept)
        changed = {key[:4] for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        if changed:
            _sum_sources(_pairs(changed), using)
        _recount_pairs(rows, quoted, using, sources)


def _recount_pairs(rows, quoted, using, sources):
    """_recount() of SourcePairCount: the rows matching `rows` of the outlets and topics in
    `sources` (None: all), from the quotes matching `quoted`; then the sums of those that changed."""
    kept = SourcePairCount.objects.using(using).filter(rows, whole=False)
    which = Q()
    if sources is not None:
        outlets = sorted(key for column, key in sources if column == "outlet")
        topics = sorted(key for column, key in sources if column == "topic")
        if not (outlets or topics):
            return  # (an author's: no pair changes)
        kept = kept.filter(Q.create([("outlet__in", outlets), ("topic__in", topics)], connector=Q.OR))
        which = Q.create([("article__outlet__in", outlets), ("article__topics__in", topics)], connector=Q.OR)
    fields = ("outlet", "topic", "person", "month", "level")
    before = {tuple(row[:-1]): row[-1] for row in kept.values_list(*fields, "count")}
    kept.delete()
    _insert_pairs(quoted & which, using)
    after = {tuple(row[:-1]): row[-1] for row in kept.values_list(*fields, "count")}
    changed = {key[:3] for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if changed:
        people = {}
        for outlet, topic, person in changed:
            people.setdefault((outlet, topic), set()).add(person)
        terms = [Q(outlet=o, topic=t, person__in=sorted(found)) for (o, t), found in sorted(people.items())]
        _sum_pairs(Q.create(terms, connector=Q.OR), using)


def refresh_states(states, using="default"):
    """Recompute the counts of `states` (codes, or a query of codes)."""
    with transaction.atomic(using=using):
        if _lock(State, states, using):
            people = Person.objects.using(using).public()
            covered = Article.states.through.objects.using(using).filter(article__counted=True)
            involved = InvolvedState.objects.using(using).filter(article__counted=True)
            State.objects.using(using).filter(pk__in=states).update(
                public_person_count=count_of(people, "state"),
                public_article_count=_count_all(covered, "state"),
                involved_article_count=_count_all(involved, "state"),
            )


def refresh_outlets(outlets, using="default"):
    """Recompute the counts of `outlets` (keys, or a query of keys)."""
    _refresh_article_counts(Outlet, outlets, Article.objects.using(using).filter(counted=True), "outlet", using)


def refresh_topics(topics, using="default"):
    """Recompute the counts of `topics` (keys, or a query of keys)."""
    tagged = Article.topics.through.objects.using(using).filter(article__counted=True)
    _refresh_article_counts(Topic, topics, tagged, "topic", using)


def refresh_authors(authors, using="default"):
    """Recompute the counts of `authors` (keys, or a query of keys)."""
    bylines = Byline.objects.using(using).filter(article__counted=True)
    _refresh_article_counts(Author, authors, bylines, "author", using)


def _refresh_article_counts(model, keys, counted, field, using):
    """Set `public_article_count` of the `model` rows of `keys` to their rows in `counted` (by
    `field`); if one of them now has published articles and had none, or the reverse, the filter
    forms offering those with one (`<model>-choices`) changed. Read from the rows themselves
    before and after, not counted over the archive."""
    with transaction.atomic(using=using):
        rows = model.objects.using(using).filter(pk__in=keys)
        before = dict(rows.order_by("pk").select_for_update().values_list("pk", "public_article_count"))
        if not before:
            return
        rows.update(public_article_count=_count_all(counted, field))
        after = dict(rows.values_list("pk", "public_article_count"))
        if any(bool(count) != bool(after.get(pk)) for pk, count in before.items()):
            invalidate([f"{model._meta.model_name}-choices"], using=using)


def refresh_articles(articles, using="default"):
    """Recompute what `articles` (keys) count towards: their quotes' tallies, the states they
    cover, their outlets and topics."""
    articles = list(articles)
    if not articles:
        return
    refresh_quotes_of(articles, using)
    refresh_states(InvolvedState.objects.using(using).filter(article__in=articles).values("state"), using)
    refresh_outlets(Article.objects.using(using).filter(pk__in=articles, outlet__isnull=False).values("outlet"), using)
    refresh_topics(Article.topics.through.objects.using(using).filter(article__in=articles).values("topic"), using)
    refresh_authors(Byline.objects.using(using).filter(article__in=articles).values("author"), using)
    refresh_total(using)
    # Their quotes' statements: how many times, and where first, each was published.
    statements.refresh(
        Quote.objects.using(using).filter(article__in=articles).values_list("statement", flat=True), using
    )


def refresh_quotes_of(articles, using="default"):
    """refresh_quotes() of the quotes of `articles` (keys), in their outlets, topics and authors:
    they were published or unpublished. Their quotes are counted at their dates and undated too
    (saving an article dates its undated quotes)."""
    refresh_quotes(_quotes_of(articles, using), using, sources_of(articles, using))


def refresh_sources_of(articles, sources, using="default"):
    """refresh_sources() of the quotes of `articles` (keys) in `sources` ({(column, key)}: the
    outlets, topics or authors they left or joined)."""
    refresh_sources(_quotes_of(articles, using), sources, using)


def _quotes_of(articles, using):
    quotes = set(Quote.objects.using(using).filter(article__in=articles).values_list("speaker", "said_on"))
    return quotes | {(speaker, None) for speaker, _ in quotes}


def refresh_total(using="default"):
    """Recount the articles readers see (one count of an index), a transaction at a time."""
    with transaction.atomic(using=using):
        name = Tally.PUBLISHED_ARTICLES
        Tally.objects.using(using).get_or_create(name=name)
        Tally.objects.using(using).select_for_update().filter(name=name).update(
            count=Article.objects.using(using).filter(counted=True).count()
        )


def refresh_person_totals(people, using="default"):
    """Recompute `people`'s totals (and their home states' counts) from their months: what a save
    of a Person, which writes back the total it was loaded with, needs."""
    with transaction.atomic(using=using):
        if _lock(Person, people, using):
            _refresh_totals(people, using)


def refresh_groups(people, using="default"):
    """Copy `people`'s party, gender and home state onto their kept rows (SpeakerGroups): a
    change of those moves their quotes to other groups on the Sources page. Nothing is recounted."""
    with transaction.atomic(using=using):
        if not _lock(Person, people, using):
            return
        for pk, *groups in Person.objects.using(using).filter(pk__in=people).values_list("pk", *GROUPS):
            for model in (MonthlyQuoteCount, SourceCount, SourcePairCount):
                model.objects.using(using).filter(person=pk).update(**dict(zip(GROUPS, groups, strict=True)))


def refresh_everything(using="default"):
    """Recompute every tally, and which articles are counted, from the archive as it is now."""
    with transaction.atomic(using=using):
        refresh_counted(using)
        refresh_people(Person.objects.using(using).values("pk"), using)
        refresh_states(State.objects.using(using).values("pk"), using)
        refresh_outlets(Outlet.objects.using(using).values("pk"), using)
        refresh_topics(Topic.objects.using(using).values("pk"), using)
        refresh_authors(Author.objects.using(using).values("pk"), using)
        refresh_total(using)
        statements.refresh_all(using=using)


def refresh_counted(using="default"):
    """Mark counted the articles readers see now, and only those."""
    live = Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
    Article.objects.using(using).filter(live, counted=False).update(counted=True)
    Article.objects.using(using).filter(~live, counted=True).update(counted=False)


# The speaker's groups on each kept row (SpeakerGroups) and on a person, and where a counted quote
# finds them.
GROUPS = ("party", "gender", "state_id")
SPEAKER_GROUPS = tuple(f"speaker__{name}" for name in GROUPS)


def _insert_months(quotes, using):
    """Count the quotes matching `quotes` of counted articles into MonthlyQuoteCount: INSERT … SELECT."""
    rows = (
        Quote.objects.using(using)
        .filter(quotes, article__counted=True)
        .order_by()
        .annotate(
            month=TruncMonth("said_on"),
            year_only=ExpressionWrapper(Q(said_on_precision=DatePrecision.YEAR), output_field=BooleanField()),
            level=_level_said_in(using),
        )
        .values_list("speaker", "month", "year_only", "level", *SPEAKER_GROUPS)
        .annotate(n=Count("*"))
    )
    _insert(MonthlyQuoteCount, ("person", "month", "year_only", "level", *GROUPS, "count"), rows, using)


# Where a quote counts on the Sources page: SourceCount's column, and the way from a quote to it.
SOURCES = (("outlet", "article__outlet"), ("topic", "article__topics"), ("author", "article__bylines__author"))


def _insert_sources(quotes, using, sources=None):
    """Count the quotes matching `quotes` of counted articles into SourceCount by month, in
    `sources` ({(column, key)}; None: all): an INSERT … SELECT for outlets, one for topics and one
    for authors (not the `whole` rows)."""
    for column, path in SOURCES:
        if sources is None:
            which = {f"{path}__isnull": False}
        elif keys := sorted(key for named, key in sources if named == column):
            which = {f"{path}__in": keys}
        else:
            continue
        rows = (
            Quote.objects.using(using)
            .filter(quotes, article__counted=True, **which)
            .order_by()
            .annotate(source=F(path), month=TruncMonth("said_on"), level=_level_said_in(using))
            .values_list("source", "speaker", "month", "level", *SPEAKER_GROUPS)
            .annotate(n=Count("*"))
        )
        _insert(SourceCount, (column, "person", "month", "level", *GROUPS, "count"), rows, using)


def _insert_pairs(quotes, using):
    """Count the quotes matching `quotes` of counted articles with an outlet and a topic into
    SourcePairCount by outlet, topic, month and level: one INSERT … SELECT."""
    rows = (
        Quote.objects.using(using)
        .filter(quotes, article__counted=True, article__outlet__isnull=False, article__topics__isnull=False)
        .order_by()
        .annotate(
            pair_outlet=F("article__outlet"),
            pair_topic=F("article__topics"),
            month=TruncMonth("said_on"),
            level=_level_said_in(using),
        )
        .values_list("pair_outlet", "pair_topic", "speaker", "month", "level", *SPEAKER_GROUPS)
        .annotate(n=Count("*"))
    )
    _insert(SourcePairCount, ("outlet", "topic", "person", "month", "level", *GROUPS, "count"), rows, using)


def _source_rows(rows):
    """{(outlet, topic, author, person, month, level): count} of the SourceCount `rows`."""
    fields = ("outlet", "topic", "author", "person", "month", "level")
    return {tuple(row[:-1]): row[-1] for row in rows.values_list(*fields, "count")}


def _in_sources(sources):
    """A condition matching the SourceCount rows of `sources` ({(column, key)})."""
    keys = {}
    for column, key in sources:
        keys.setdefault(column, set()).add(key)
    return Q.create([(f"{column}__in", sorted(found)) for column, found in sorted(keys.items())], connector=Q.OR)


def sources_of(articles, using="default"):
    """{(column, key)}: the outlets, topics and authors of `articles` (keys) as they are now."""
    found = {
        ("outlet", pk) for pk in Article.objects.using(using).filter(pk__in=articles).values_list("outlet", flat=True)
    }
    topics = Article.topics.through.objects.using(using).filter(article__in=articles).values_list("topic", flat=True)
    authors = Byline.objects.using(using).filter(article__in=articles).values_list("author", flat=True)
    return (
        {source for source in found if source[1]}
        | {("topic", pk) for pk in topics}
        | {("author", pk) for pk in authors}
    )


def _pairs(changed):
    """A condition matching the SourceCount rows of the (outlet, topic, author, person) in `changed`:
    for each outlet, topic or author, its people."""
    people = {}
    for *source, person in changed:
        column, key = next((column, key) for (column, _), key in zip(SOURCES, source, strict=True) if key)
        people.setdefault((column, key), set()).add(person)
    terms = [Q(**{column: key, "person__in": sorted(found)}) for (column, key), found in sorted(people.items())]
    return Q.create(terms, connector=Q.OR)


def _sum_whole(model, keys, which, using):
    """Replace the `whole` rows of `model` (SourceCount, SourcePairCount) matching `which` by the
    sums of the others over their `keys` (the source's columns and the person), per level."""
    model.objects.using(using).filter(which, whole=True).delete()
    sums = (
        model.objects.using(using)
        .filter(which, whole=False)
        .order_by()
        .annotate(all_months=Value(True))
        .values_list(*keys, "level", *GROUPS, "all_months")
        .annotate(n=Sum("count"))
    )
    _insert(model, (*keys, "level", *GROUPS, "whole", "count"), sums, using)


def _sum_sources(which, using):
    _sum_whole(SourceCount, ("outlet", "topic", "author", "person"), which, using)


def _sum_pairs(which, using):
    _sum_whole(SourcePairCount, ("outlet", "topic", "person"), which, using)


def _level_said_in(using):
    """The level of the office held as the words were said (an undated quote: none known)."""
    return Case(
        When(said_on__isnull=True, then=Value("")),
        default=Position.objects.using(using).level_on(OuterRef("speaker"), OuterRef("said_on")),
    )


def _refresh_totals(people, using):
    """People's totals, the sums of their months (all, and by level of office); then their home
    states' people counts."""

    def total(**levels):
        months = MonthlyQuoteCount.objects.using(using).filter(person=OuterRef("pk"), **levels)
        return Coalesce(Subquery(months.order_by().values("person").annotate(n=Sum("count")).values("n")), 0)

    # The total, and of it what was said in each level of office (the same rows, by the index);
    # and the counted articles quoting them (once each, however often they are quoted in one).
    articles = (
        Quote.objects.using(using)
        .filter(speaker=OuterRef("pk"), article__counted=True)
        .order_by()
        .values("speaker")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    Person.objects.using(using).filter(pk__in=people).update(
        published_quote_count=total(),
        federal_quote_count=total(level=OfficeLevel.FEDERAL),
        state_quote_count=total(level=OfficeLevel.STATE),
        local_quote_count=total(level=OfficeLevel.LOCAL),
        published_article_count=Coalesce(Subquery(articles), 0),
    )
    states = Person.objects.using(using).filter(pk__in=people, state__isnull=False).values("state")
    if _lock(State, states, using):
        public = Person.objects.using(using).public()
        State.objects.using(using).filter(pk__in=states).update(public_person_count=count_of(public, "state"))


def _count_all(queryset, outer_field):
    """count_of() as COUNT(*): read from an index alone where one covers the filter."""
    counted = queryset.filter(**{outer_field: OuterRef("pk")}).order_by().values(outer_field)
    return Coalesce(Subquery(counted.annotate(n=Count("*")).values("n")), 0)


def _month(day):
    return day.replace(day=1) if day else None


def _month_end(month):
    """The last day of `month`: the day after it may be past what a date can hold (December 9999)."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def go_live(using="default"):
    """Count the scheduled articles whose moment has passed; returns their keys.

    Each is taken by one process only (rows locked, those locked by another skipped), counted,
    and announced to the caches as changed: nothing was saved, so no signal did it.
    """
    with transaction.atomic(using=using):
        due = list(
            Article.objects.using(using)
            .select_for_update(skip_locked=True)
            .filter(status=Article.Status.PUBLISHED, counted=False, published_at__lte=timezone.now())
            .order_by()
            .values_list("pk", flat=True)
        )
        if due:
            Article.objects.using(using).filter(pk__in=due).update(counted=True)
            refresh_articles(due, using)
            _announce(due, using)
    return due


def next_to_go_live(using="default"):
    """When the earliest published article not yet counted goes live (None if there is none):
    already passed when go_live() has work to do. One read of article_uncounted_idx."""
    uncounted = Article.objects.using(using).filter(status=Article.Status.PUBLISHED, counted=False)
    return uncounted.order_by("published_at").values_list("published_at", flat=True).first()


# When this process next looks for an article gone live (a timestamp): the moment of the next one,
# or sooner when one is saved here. It reads that moment from the cache shared by every server
# (newsroom.pagecache.next_scheduled; a query only when what is scheduled changed), at most every
# RECHECK_SECONDS: a schedule saved on another server is noticed within that. `manage.py go_live`
# (cron) counts what comes due on a site with no readers.
RECHECK_SECONDS = 1
_next_check = 0.0


def go_live_when_due(using="default"):
    """go_live() if a scheduled article's moment has passed: what each request runs first, before
    the page cache. Costs nothing until this process's next check, then a cache read."""
    global _next_check
    now = time.time()
    if now < _next_check:
        return
    # A database error goes to the request's error handling (a friendly 503 when it is down),
    # and the check is made again on the next request: the page to render needs the database too.
    moment = _next_moment(now, using)
    if moment <= now:
        go_live(using)
        moment = _next_moment(now, using)
    _next_check = min(now + RECHECK_SECONDS, moment)


def _next_moment(now, using):
    if using == "default":
        with contextlib.suppress(pagecache.CacheUnavailable):
            return pagecache.next_scheduled(now)
    moment = next_to_go_live(using)
    return moment.timestamp() if moment else math.inf


def check_again():
    """Look for due articles on this process's next request (an article was scheduled here)."""
    global _next_check
    _next_check = 0.0


def _announce(articles, using):
    """Tell the caches these articles became public (nothing was saved, so no signal did), and
    that what is scheduled changed."""
    article_changed(articles, membership=True, using=using)
    invalidate(["schedule"], using=using)


def _lock(model, keys, using):
    """Lock the rows of `keys` in key order until the transaction ends, so that two refreshes of
    one row take turns and the second counts what the first committed; how many there are."""
    rows = model.objects.using(using).filter(pk__in=keys).order_by("pk").select_for_update()
    return len(rows.values_list("pk", flat=True))


def _insert(model, fields, rows, using):
    """INSERT INTO model (fields) SELECT …: one statement, however many rows."""
    connection = connections[using]
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {select}", params)
