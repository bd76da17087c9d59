"""Every list and detail page runs a fixed number of queries, whatever it shows."""

import pytest

pytestmark = pytest.mark.django_db

COMBINED = "state=NY&person={speaker.slug}&topic={topic.slug}&from=2011-01-01&to=2012-01-01"

PAGES = [
    # (url template, queries, why)
    ("/", 6, "latest articles + bylines, quote counts by speaker, those people + positions, states"),
    ("/articles/", 6, "count, page, bylines; the state, topic and outlet choices of the filter form"),
    (
        "/articles/?" + COMBINED + "&author={author.slug}&outlet={outlet.slug}",
        11,
        "the above, plus one lookup for each of the five related filter values",
    ),
    ("{article_url}", 7, "article+outlet, bylines+authors, quotes+speakers, positions, topics, states, corrections"),
    ("/quotes/", 5, "count, page, speakers' positions; the state and topic choices of the filter form"),
    ("/quotes/?" + COMBINED + "&kind=direct", 8, "the above, plus lookups of the person, state and topic"),
    ("{quote_url}", 3, "quote+speaker+article+outlet, speaker's positions, the article's bylines+authors"),
    ("/people/", 4, "count, page, positions; the state choices of the filter form"),
    ("/people/?state=NY&party=democratic&q=Person", 5, "the above, plus the state lookup"),
    ("{speaker_url}", 6, "person+state, positions+states, quotes per month (chart), count and page of quotes"),
    ("/states/", 1, "every state with its counts, annotated in one query"),
    ("/states/new-york/", 7, "state, people, their positions, articles, their bylines, quotes, their positions"),
    ("/authors/", 1, "authors with their article counts"),
    ("{author_url}", 4, "author, count, page of articles, their bylines"),
]


@pytest.mark.parametrize(("url", "queries", "why"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow_with_rows(client, archive, django_assert_num_queries, url, queries, why):
    for size in (1, 6):  # the second round adds six more of everything
        data = archive(size)
        formatted = url.format(
            article_url=data["article"].get_absolute_url(),
            quote_url=data["article"].quotes.first().get_absolute_url(),
            speaker_url=data["speaker"].get_absolute_url(),
            author_url=data["author"].get_absolute_url(),
            **data,
        )
        with django_assert_num_queries(queries):
            response = client.get(formatted)
        assert response.status_code == 200, why
