"""Full-text search over published articles, quotes and people.

PostgreSQL: weighted tsvectors (headline A, dek B, body C) matched with
websearch_to_tsquery (which accepts any input without a syntax error), ranked with
ts_rank, snippets from ts_headline; the vectors are stored, generated columns with GIN
indexes (migration 0009); names tolerate misspellings through pg_trgm word similarity.
SQLite: every word must appear (case-insensitive), ranked by where it appears,
with names matched on their first letters and a similarity check in Python.
Both return the same shape: objects with `rank` and a safe HTML `snippet`.
"""

import difflib
import re

from django.db import connection
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom import dependencies

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_TERMS = 8
# On PostgreSQL, relevance is ranked among the newest this-many matches of each kind:
# a common word matches most of a million quotes, and ranking them all (a tsvector
# rebuilt per row) takes seconds. Readers narrow a broad search with words or filters.
MAX_CANDIDATES = 1000
SNIPPET_CHARS = 220
# The search documents: migrations 0009 and 0019 (the body's plain text) store these expressions
# in generated columns (tests/test_discovery.py checks their frozen copies still match)...
ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C'))"
)
QUOTE_VECTOR = "to_tsvector('english'::regconfig, text)"
# ...stored by migrations 0009 and 0019 in these generated columns, which the indexes cover.
ARTICLE_DOCUMENT, QUOTE_DOCUMENT = "article_document", "quote_document"
QUERY = "websearch_to_tsquery('english'::regconfig, %s)"
# ts_headline marks matches with these; the text is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f'StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)


# A search page may show what it found before an edit of published text, or before a new
# article was published, for this long (seconds). What it shows of each result is always
# current, and unpublishing, retracting and deleting change what it finds at once (hard
# invalidations are never shown late); but any edit may change which texts match which words,
# any new article may match any search, and redoing every search at every edit costs more than
# the newsroom's edits themselves: at 30 s, each search of make bench-live's mix was redone
# twice a minute while an editor saved, the costliest page at that (about 100 ms cold). With no
# change, a search is kept like any other page.
FOUND_SECONDS = 300
# What a search finds depends on: which articles, quotes and people are public, and their words.
FOUND = ("article-list", "quote-list", "person-list", "content")


def depends_on_found():
    """Declare what a search's results depend on (FOUND)."""
    dependencies.depends_on(*FOUND)


def lags_found():
    """Declare, for a search page, that what it found may lag a change by FOUND_SECONDS."""
    for tag in FOUND:
        dependencies.lags(tag, FOUND_SECONDS)


def terms(query):
    """The words searched for: letters and digits, at most MAX_TERMS of them."""
    return [word for word in re.findall(r"\w+", query.lower()) if len(word) >= MIN_LENGTH][:MAX_TERMS]


def on_postgresql():
    return connection.vendor == "postgresql"


def search_articles(articles, query, related=()):
    """The articles of `articles` matching `query`, the best first, with `related` rows read too."""
    if on_postgresql():
        return Ranked(
            articles.model,
            candidates(article_matches(articles, query)),
            RawSQL(f"ts_rank({ARTICLE_DOCUMENT}, {QUERY})", [query], output_field=FloatField()),
            RawSQL(f"ts_headline('english', coalesce(body_text, ''), {QUERY}, %s)", [query, HEADLINE_OPTIONS]),
            ("-published_at", "-pk"),
            related,
        )
    words = terms(query)
    for word in words:
        articles = articles.filter(Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body_text__icontains=word))
    weights = [
        Case(
            When(headline__icontains=word, then=Value(3)),
            When(dek__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
        for word in words
    ]
    ranked = articles.annotate(rank=sum(weights, Value(0))).order_by("-rank", "-published_at", "-pk")
    return ranked.select_related(*related)


def article_matches(articles, query):
    """PostgreSQL: the articles matching `query`, newest first (article_search_idx)."""
    matches = articles.filter(RawSQL(f"{ARTICLE_DOCUMENT} @@ {QUERY}", [query], output_field=BooleanField()))
    return matches.order_by("-published_at", "-pk")


def quote_matches(quotes, query):
    """PostgreSQL: the quotes matching `query`, newest first (quote_search_idx)."""
    matches = quotes.filter(RawSQL(f"{QUOTE_DOCUMENT} @@ {QUERY}", [query], output_field=BooleanField()))
    return matches.order_by("-said_on", "-pk")


def candidates(matches):
    """The keys of the newest MAX_CANDIDATES `matches`, and one more if there are more: read
    once, the count and the ranked page of a search both use them, and finding them (every
    match, sorted by date) is the costly part."""
    return list(matches.values_list("pk", flat=True)[: MAX_CANDIDATES + 1])


class Ranked:
    """PostgreSQL: the candidates `keys` (found already, through the readers' gate and the filters)
    in `rank` order, as a sequence a Paginator can page through. Its length is the number of keys
    (no COUNT), at most MAX_CANDIDATES; `more` says whether more matched (a key past those). A
    slice ranks the keys alone, narrow rows of one table, then reads the rows of that slice with
    their `related` rows and `snippet`: joining and marking every candidate to show a page of
    five cost several times the search itself."""

    def __init__(self, model, keys, rank, snippet, tie_break, related):
        self.more = len(keys) > MAX_CANDIDATES
        self.model, self.keys, self.rank, self.snippet = model, keys[:MAX_CANDIDATES], rank, snippet
        self.tie_break, self.related = tie_break, related

    def __len__(self):
        return len(self.keys)

    def count(self):
        return len(self.keys)

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("Ranked results are read a page at a time.")
        # The keys as one array parameter: as a thousand placeholders (pk__in), Django and psycopg
        # spent longer preparing the query than PostgreSQL did ranking.
        table, column = self.model._meta.db_table, self.model._meta.pk.column
        among = RawSQL(f'"{table}"."{column}" = ANY(%s)', [self.keys], output_field=BooleanField())
        candidates = self.model.objects.filter(among).annotate(rank=self.rank)
        ranked = candidates.order_by("-rank", *self.tie_break).values_list("pk", flat=True)
        keys = list(ranked[window])
        if not keys:
            return []
        rows = self.model.objects.filter(pk__in=keys).select_related(*self.related)
        found = {row.pk: row for row in rows.annotate(raw_snippet=self.snippet)}
        return [found[key] for key in keys if key in found]  # one deleted meanwhile is left out


def search_quotes(quotes, query, related=()):
    """The quotes of `quotes` matching `query`, the best first, with `related` rows read too."""
    if on_postgresql():
        return Ranked(
            quotes.model,
            candidates(quote_matches(quotes, query)),
            RawSQL(f"ts_rank({QUOTE_DOCUMENT}, {QUERY})", [query], output_field=FloatField()),
            RawSQL(f"ts_headline('english', text, {QUERY}, %s)", [query, HEADLINE_OPTIONS]),
            ("-said_on", "-pk"),
            related,
        )
    for word in terms(query):
        quotes = quotes.filter(text__icontains=word)
    ranked = quotes.annotate(rank=Value(1, output_field=IntegerField())).order_by("-said_on", "-pk")
    return ranked.select_related(*related)


def search_people(people, query):
    """People by name or alias, tolerating small misspellings ("Hefernan")."""
    words = terms(query)
    if not words:
        return people.none()
    if on_postgresql():
        name, aliases = '"people_person"."name"', '"people_person"."aliases"'
        similarity = f"greatest(word_similarity(%s, {name}), word_similarity(%s, {aliases}))"
        rank = RawSQL(similarity, [query, query], output_field=FloatField())
        # ILIKE and `<%` (word similarity) are both served by the trigram indexes.
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
        matches = RawSQL(
            f"({name} ILIKE %s OR {aliases} ILIKE %s OR %s <%% {name} OR %s <%% {aliases})",
            [pattern, pattern, query, query],
            output_field=BooleanField(),
        )
        return people.filter(matches).annotate(rank=rank).order_by("-rank", "sort_name")
    # SQLite: candidates share each word's first three letters; keep those that are close enough.
    candidates = people
    for word in words:
        stem = word[:3]
        candidates = candidates.filter(Q(name__icontains=stem) | Q(aliases__icontains=stem))
    ranked = []
    for person in candidates[:500]:
        names = [person.name, *person.alias_list]
        score = min(max(_word_similarity(word, name) for name in names) for word in words)
        if score >= 0.75:
            person.rank = score
            ranked.append(person)
    ranked.sort(key=lambda p: (-p.rank, p.sort_name))
    return ranked


def _word_similarity(word, name):
    return max(
        (difflib.SequenceMatcher(None, word, part).ratio() for part in re.findall(r"\w+", name.lower())), default=0
    )


def snippet(result, text, query):
    """A short, safe HTML excerpt of `text` with the searched words in <mark>."""
    raw = getattr(result, "raw_snippet", None)
    if raw is not None:
        marked = escape(raw).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(marked)  # noqa: S308 - escaped above; only our own tags added
    words = terms(query)
    lowered = text.lower()
    found = [lowered.find(word) for word in words if word in lowered]
    start, end = excerpt_bounds(text, max(min(found, default=0) - SNIPPET_CHARS // 3, 0))
    excerpt = text[start:end]
    # Split the raw text at the matches and escape each piece: markup is only ever ours.
    pieces, position = [], 0
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    for match in re.finditer(pattern, excerpt, flags=re.IGNORECASE) if pattern else ():
        pieces += [escape(excerpt[position : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece of text escaped


# How far a snippet's ends move to reach a space rather than cut a word (a longer "word", a
# URL say, is cut).
WORD_SLACK = 30


def excerpt_bounds(text, start):
    """(start, end) of about SNIPPET_CHARS of `text` from `start`, both ends moved to word
    boundaries: back to the start of the word `start` falls in, back to the end of the last
    whole word, without the whitespace around."""
    if start > 0 and not text[start - 1].isspace():
        space = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
        if space >= 0 and start - space <= WORD_SLACK:
            start = space + 1
        else:  # the word is too long to take whole: skip ahead to the next one, if near
            ahead = re.compile(r"\s").search(text, start, start + WORD_SLACK)
            start = ahead.end() if ahead else start
    while start < len(text) and text[start].isspace():
        start += 1
    end = min(start + SNIPPET_CHARS, len(text))
    if end < len(text) and not text[end].isspace() and not text[end - 1].isspace():
        space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        if space > start and end - space <= WORD_SLACK:
            end = space
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def admin_search(queryset, term, document, substring_fields, also=None):
    """The admin's search box over a large table.

    On PostgreSQL, a full-text match on the stored, GIN-indexed `document`, where a
    LIKE '%term%' would read every row of a million; elsewhere, a case-insensitive
    substring of any of `substring_fields`. `also` is ORed in: conditions an index serves, such as a key list.
    """
    if on_postgresql():
        condition = Q(RawSQL(f"{document} @@ {QUERY}", [term], output_field=BooleanField()))
    else:
        condition = Q()
        for field in substring_fields:
            condition |= Q(**{f"{field}__icontains": term})
    return queryset.filter(condition | also) if also else queryset.filter(condition)
