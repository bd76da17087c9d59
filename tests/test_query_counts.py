"""Every list and detail page runs a fixed number of queries, whatever it shows: the first
time, and again once its counts, choices and items are remembered (newsroom.memo). A filter
value naming a row (a person's slug, a state's code) is looked up once, then remembered until that
row changes (newsroom.filters.RememberedChoiceField); a name typed rather than a slug is looked up
each time."""

import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db

COMBINED = "state=NY&person={speaker.slug}&topic={topic.slug}&from=2011-01-01&to=2012-01-01"

PAGES = [
    # (url template, queries, queries once remembered, why). A list page's count, its page's
    # keys, its items' markup and its filter choices are remembered (newsroom.memo).
    (
        "/",
        9,
        0,
        "latest keys, articles + bylines, recent quotes' keys, quotes + positions, most-quoted people + positions, "
        "states",
    ),
    ("/articles/", 7, 0, "count, keys, page, bylines; the state, topic and outlet choices of the filter form"),
    (
        "/articles/?" + COMBINED + "&author={author.slug}&outlet={outlet.slug}",
        12,
        0,
        "the above, plus one lookup for each of the five related filter values (then remembered)",
    ),
    (
        "{article_url}",
        8,
        0,
        "article+outlet, bylines+authors, quotes+speakers, positions, the quotes' evidence, topics, states, "
        "corrections",
    ),
    ("/quotes/", 6, 0, "count, keys, page, speakers' positions; the state and topic choices of the filter form"),
    ("/quotes/?" + COMBINED + "&kind=direct", 9, 0, "the above, plus lookups of the person, state and topic"),
    (
        "/quotes/?person={speaker.name}&state=new-york",
        8,
        2,
        "/quotes/, plus the person by name (a name is no slug: not looked up as one) and the state by its slug "
        "(names, and slugs of states, are looked up each time)",
    ),
    (
        "{quote_url}",
        4,
        4,
        "quote+speaker+article+outlet, speaker's positions, its evidence, the article's bylines+authors",
    ),
    ("/quotes/?verification=verified", 6, 0, "/quotes/ filtered by status: count, keys, page, positions, choices"),
    ("/people/", 5, 2, "count, keys, page, positions (the page's people, each time); the filter's state choices"),
    ("/people/?state=NY&party=democratic&q=Person", 6, 2, "the above, plus the state lookup (then remembered)"),
    (
        "{speaker_url}",
        9,
        0,
        "person+state (and their quote count), positions, their states, quotes per month, keys, page of quotes; "
        "the topics and people of their latest quotes' articles, those people",
    ),
    ("/states/", 1, 0, "every state with its counts, kept on its row"),
    ("/states/new-york/", 9, 0, "state, people + positions; keys, articles + bylines; keys, quotes + positions"),
    ("/authors/", 1, 0, "authors with their article counts"),
    ("/topics/", 1, 0, "topics with their counts of published articles"),
    ("/people/names.json?q=person", 2, 2, "up to ten people whose name contains it, their positions (each time)"),
    (
        "/search/?q=person",
        {"sqlite": 6, "postgresql": 7},
        0,
        "counts of articles, quotes and people, a page of each, people's positions (SQLite ranks people in "
        "Python, from one query that gives both their count and their page); the filters' state and topic "
        "choices, rendered once (newsroom.templatetags.filter_fields)",
    ),
    (
        "{author_url}",
        8,
        1,
        "author (with the kept count of their articles); keys, page of articles, their bylines; whom they "
        "quote: their kept counts by group, the archive's quoted months, the offices held then, the states' names",
    ),
    (
        "/outlets/{outlet.slug}/",
        8,
        1,
        "outlet (with the kept count of its articles); keys, page of articles, their bylines; whom it quotes: "
        "its kept counts by group, the archive's quoted months, the offices held then, the states' names",
    ),
    ("/outlets/", 1, 0, "outlets with their kept article counts"),
    (
        "/sources/",
        7,
        0,
        "quotes per month by group, the quoted months, offices held then, states' names; the outlet, topic and "
        "state choices of the filter form",
    ),
    (
        "/sources/?topic={topic.slug}&state=NY&from=2011-01-01&to=2012-01-01",
        10,
        0,
        "the archive's quoted months (all in that period: the topic's whole kept counts by group, less its "
        "undated ones), offices held, states' names; the form's choices; the topic and state looked up (then "
        "remembered)",
    ),
    (
        "/sources/?outlet={outlet.slug}&from=1900-01-01&to=2100-12-31",
        9,
        0,
        "a period taking in every quoted month: the archive's quoted months, the outlet's whole kept counts "
        "by group less its undated ones, offices held, states' names; the form's choices; the outlet looked up",
    ),
    (
        "/sources/?outlet={outlet.slug}&topic={topic.slug}",
        9,
        0,
        "two sources: their articles' published quotes by group, the quoted months, offices held, states' "
        "names; the form's choices; the outlet and topic looked up",
    ),
    (
        "/compare/?people={speaker.slug},{partner.slug}&topic={topic.slug}",
        7,
        0,
        "each person and the topic looked up; the form's topics, their kept counts in the topic per year, each "
        "one's latest quotes (all remembered, as the form)",
    ),
    ("/sources/party.csv?author={author.slug}", 5, 0, "as /sources/ filtered, without the form; the author looked up"),
]


def format_url(url, data):
    return url.format(
        article_url=data["article"].get_absolute_url(),
        quote_url=data["article"].quotes.first().get_absolute_url(),
        speaker_url=data["speaker"].get_absolute_url(),
        author_url=data["author"].get_absolute_url(),
        # Someone else quoted in the same article.
        partner=data["article"].quotes.exclude(speaker=data["speaker"]).first().speaker,
        **data,
    )


@pytest.mark.parametrize(("url", "queries", "remembered", "why"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow_with_rows(
    client, archive, django_assert_num_queries, url, queries, remembered, why
):
    queries = queries[connection.vendor] if isinstance(queries, dict) else queries
    for size in (1, 6):  # the second round adds six more of everything
        formatted = format_url(url, archive(size))
        with django_assert_num_queries(queries):
            response = client.get(formatted)
        assert response.status_code == 200, why


@pytest.mark.parametrize(("url", "queries", "remembered", "why"), PAGES, ids=[p[0] for p in PAGES])
def test_remembered_page_query_count_does_not_grow_with_rows(
    client, archive, django_assert_num_queries, settings, url, queries, remembered, why
):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    for size in (1, 6):
        data = archive(size)
        cache.clear()  # the test's saves never commit, so they invalidate nothing
        formatted = format_url(url, data)
        first = client.get(formatted)
        with django_assert_num_queries(remembered):
            response = client.get(formatted)
        assert response.status_code == 200, why
        assert response.content == first.content


def repeated_statement(make, speaker, size):
    """`size` more published articles, each reporting `speaker`'s same words (and a draft that does)."""
    words = "We will keep saying the same thing in every article of this archive."
    quotes = []
    for _ in range(size):
        article = make.article(authors=[make.author()], outlet=make.outlet())
        quotes.append(make.quote(article, speaker, text=words))
    make.quote(make.article(status="draft"), speaker, text=words)
    quotes[0].refresh_from_db()
    return quotes[0].statement, quotes


@pytest.mark.parametrize("remembered", [False, True])
def test_statement_pages_query_count_does_not_grow_with_appearances(
    client, make, django_assert_num_queries, settings, remembered
):
    # Statement page: statement+speaker+state+first quote+its article+outlet, the speaker's
    # positions; the page's keys, its quotes+speakers+articles, their speakers' positions (the count
    # is kept on the statement). Remembered: the statement with its first appearance, the page's
    # keys and items.
    settings.NEWSROOM_MEMO_SECONDS = 3600 if remembered else 0
    speaker = make.person(state="NY")
    make.position(speaker, title="Governor", start=(2001, 1, 1), state=make.state("NY"))
    total = 0
    for size in (1, 6):
        statement, quotes = repeated_statement(make, speaker, size)
        total += size
        statement.refresh_from_db()
        assert statement.public_count == total
        cache.clear()
        expected = {
            statement.get_absolute_url(): (5, 0),
            quotes[-1].get_absolute_url(): (4, 4),  # as any quote page: the statement is joined
            quotes[-1].article.get_absolute_url(): (8, 0),  # as any article page: the statement joined
        }
        for url, (queries, once_remembered) in expected.items():
            if remembered:
                client.get(url)
            with django_assert_num_queries(once_remembered if remembered else queries):
                response = client.get(url)
            assert response.status_code == 200, url
            if url != statement.get_absolute_url():  # linked once published twice
                assert (statement.get_absolute_url() in response.text) == (total > 1), url
