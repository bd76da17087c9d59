"""Who gets quoted, by the Sources page's filters: which count answers them (people/sources.py).

Unfiltered and by the speaker's state, the people's kept totals (all, and by level of office) are
added up; by period, the kept months (MonthlyQuoteCount); by one outlet, author or topic, its kept
rows (SourceCount: whole, or the period's months); by an outlet and a topic, their kept rows
(SourcePairCount); by an author and another, or all three, the published quotes of their articles
are counted (an author's articles are few). Either way
one aggregate query for the quotes, one for the offices held, and the period's bounds; the result
is remembered (newsroom.memo) and the page may show changes to quotes and positions up to SECONDS
late (`lags`, as a search does), so that the newsroom's edits don't recount it each time. A change
of a person's party, gender or state (`person-groups`) shows at once, and so do unpublishing,
retracting and deleting.
"""

import datetime
from collections import Counter

from django.db.models import Exists, OuterRef
from django.utils.safestring import mark_safe

from newsroom import dependencies
from newsroom.memo import remember
from people import sources
from people.invalidation import GROUPS
from people.models import DatePrecision, Person, last_day

from .models import Article, MonthlyQuoteCount, Quote, SourceCount, SourcePairCount

SECONDS = 300
# What the counts depend on: which quotes are published (every quote saved anywhere changes it) and
# the positions held, shown up to SECONDS late; which group each speaker is in (a person's party,
# gender or state, people/invalidation.GROUPS) and the states' names, current.
LAGGING = ("quote-list", "position-list")
COUNTED = (*LAGGING, GROUPS, "state-choices")


def lags_counted():
    """Declare, for a page showing a breakdown, that its counts may lag a change to quotes or
    positions by SECONDS."""
    for tag in LAGGING:
        dependencies.lags(tag, SECONDS)


def months_of(start, end):
    """The first day of `start`'s month and the last day of `end`'s: the page counts by month."""
    return (start.replace(day=1) if start else None, last_day(end, DatePrecision.MONTH) if end else None)


def _chosen(cleaned):
    """The filter values chosen among a form's cleaned_data, and their key (names and keys of rows)."""
    chosen = {name: value for name, value in cleaned.items() if value not in (None, "") and name != "page"}
    return chosen, sorted((name, str(getattr(value, "pk", value))) for name, value in chosen.items())


def breakdown(cleaned):
    """{"tables": {breakdown: rows}, "start", "end", "by_quotes"} for the Sources page's valid
    filter values (a form's cleaned_data), remembered until what it counted changes."""
    chosen, key = _chosen(cleaned)
    return remember(("sources", key), lambda: _breakdown(chosen), variant=bool(chosen))


def rendered(cleaned, query):
    """{"breakdowns": markup, "period": label}: the Sources page's charts and tables
    (people.sources.breakdowns_html) for the form's cleaned_data, their CSV links keeping `query`
    (the page's canonical query string), remembered as long as breakdown() is."""
    chosen, key = _chosen(cleaned)

    def render():
        found = breakdown(cleaned)
        return {
            "breakdowns": sources.breakdowns_html(found["tables"], query, "sources"),
            "period": period_label(found["start"], found["end"]),
        }

    found = remember(("sources-page", key, query), render, variant=bool(chosen or query))
    return found | {"breakdowns": mark_safe(found["breakdowns"])}  # noqa: S308 an autoescaping template's


def _breakdown(chosen):
    dependencies.depends_on(*COUNTED)
    start, end = months_of(chosen.get("from"), chosen.get("to"))
    state = chosen.get("state")
    filed = [name for name in ("outlet", "author", "topic") if name in chosen]
    by_quotes = bool(filed)
    if len(filed) == 1:
        quoted = kept_breakdown(SourceCount, {filed[0]: chosen[filed[0]]}, start, end, state)
    elif filed == ["outlet", "topic"]:
        quoted = kept_breakdown(SourcePairCount, {name: chosen[name] for name in filed}, start, end, state)
    elif filed:
        quoted = sources.quotes_breakdown(filtered_quotes(chosen, start, end))
    elif not (start or end):
        # Over the whole archive: the people's kept totals (by level of office too), not their months.
        people = Person.objects.all() if state is None else Person.objects.filter(state=state)
        quoted = sources.people_breakdown(people)
    else:
        months = MonthlyQuoteCount.objects.all()
        if start:
            months = months.filter(month__gte=start)
        if end:
            months = months.filter(month__lte=end)
        if state is not None:
            months = months.filter(state=state)
        quoted = sources.months_breakdown(months)
    if not (start and end):
        # The offices held while the archive quoted anyone: from its first quoted month to its last.
        first, last = sources.quoted_period(MonthlyQuoteCount.objects.all())
        start = start or first
        end = end or (last_day(last, DatePrecision.MONTH) if last else None)
    for row in chosen.values():
        if hasattr(row, "_meta"):
            dependencies.depends_on(dependencies.tag_of(row))  # its name, shown in the headings
    return {
        "tables": sources.compared(quoted, start, end, state),
        "start": start,
        "end": end,
        "by_quotes": by_quotes,
    }


def kept_breakdown(model, where, start, end, state):
    """The breakdown of one outlet's, author's or topic's quotes, or an outlet's and a topic's
    (`model`: SourceCount or SourcePairCount; `where`: {column: row}), from their kept rows: of the
    period's months; or, when the period takes in every quoted month of the archive (an explicit
    "all years"), their `whole` rows less their undated ones (an index range of a few rows), not
    all their months: those are four times as many."""
    if start or end:
        first, last = sources.quoted_period(MonthlyQuoteCount.objects.all())
        if first is None or (start and start > first) or (end and end < last):
            return sources.months_breakdown(kept_rows(model, where, start, end, state))
    whole = sources.months_breakdown(kept_rows(model, where, None, None, state))
    if not (start or end):
        return whole
    left = Counter({tuple(key): n for *key, n in whole})
    left.subtract({tuple(key): n for *key, n in sources.months_breakdown(undated_rows(model, where, state))})
    return [(*key, n) for key, n in left.items() if n > 0]


def undated_rows(model, where, state=None):
    """The kept rows of `where`'s undated quotes (of `state`'s speakers)."""
    rows = model.objects.filter(**where, whole=False, month__isnull=True)
    return rows if state is None else rows.filter(state=state)


def kept_rows(model, where, start, end, state=None):
    """The `model` rows (SourceCount, SourcePairCount) of `where` ({column: row}): its `whole`
    rows, or its months from `start` to `end` (either may be None), of the speaker's `state` if
    given. A range of one of their indexes."""
    rows = model.objects.filter(**where)
    if start or end:
        rows = rows.filter(whole=False, month__isnull=False)
        if start:
            rows = rows.filter(month__gte=start)
        if end:
            rows = rows.filter(month__lte=end)
    else:
        rows = rows.filter(whole=True)
    if state is not None:
        rows = rows.filter(state=state)
    return rows


def filtered_quotes(chosen, start, end):
    """The published quotes of the outlet's, author's or topic's articles (each an index probe
    from the row to its articles), of the speaker's state and period if chosen."""
    quotes = Quote.objects.published()
    if outlet := chosen.get("outlet"):
        quotes = quotes.filter(article__outlet=outlet)
    if author := chosen.get("author"):
        bylines = Article.authors.through.objects.filter(article=OuterRef("article"), author=author)
        quotes = quotes.filter(Exists(bylines))
    if topic := chosen.get("topic"):
        tagged = Article.topics.through.objects.filter(article=OuterRef("article"), topic=topic)
        quotes = quotes.filter(Exists(tagged))
    if (state := chosen.get("state")) is not None:
        quotes = quotes.filter(speaker__state=state)
    if start:
        quotes = quotes.filter(said_on__gte=start)
    if end:
        quotes = quotes.filter(said_on__lte=end)
    return quotes


def period_label(start, end):
    if not (start and end):
        return ""
    if isinstance(start, datetime.date):
        return f"{start:%B} {start.year} to {end:%B} {end.year}"
    return ""
