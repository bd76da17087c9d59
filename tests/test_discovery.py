"""Search, feeds, sitemaps, structured data, open data and the API: published content only."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.pagination import KeysFirstPagination

pytestmark = pytest.mark.django_db

STORY = "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def body(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode()


# -- Search -----------------------------------------------------------------------------------------


def test_search_finds_the_story_by_its_words_with_highlights(client, demo):
    response = client.get("/search/", {"q": "racial profiling"})
    assert response.status_code == 200
    html = response.text
    assert "Articles (1)" in html and STORY in html
    assert "<mark>racial</mark> <mark>profiling</mark>" in html
    assert "Quotes (1)" in html  # Heffernan's letter


def test_search_tolerates_a_misspelt_name(client, demo):
    html = client.get("/search/", {"q": "Hefernan"}).text
    assert "People (1)" in html and 'href="/people/mary-beth-heffernan/"' in html


def test_search_ranks_headline_matches_first(client, make):
    make.article("Budget vote delayed", body="Nothing here.")
    make.article("Other news", body="The budget was discussed in passing.")
    html = client.get("/search/", {"q": "budget", "type": "articles"}).text
    assert html.index("Budget vote delayed") < html.index("Other news")


def test_search_combines_with_the_reader_filters(client, demo, make):
    make.article("Program in Ohio", body="The program again.", states=["OH"])
    assert "Articles (2)" in client.get("/search/", {"q": "program"}).text
    filtered = client.get("/search/", {"q": "program", "state": "OH"}).text
    assert "Articles (1)" in filtered and "Program in Ohio" in filtered
    assert "Articles (0)" in client.get("/search/", {"q": "program", "to": "2001-01-01"}).text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking among the newest matches is PostgreSQL's")
def test_search_says_when_more_matched_than_it_ranks(client, make, monkeypatch):
    from articles import search

    monkeypatch.setattr(search, "MAX_CANDIDATES", 2)
    for n in range(3):
        make.article(f"Walrus report {n}", body="walrus")
    html = client.get("/search/", {"q": "walrus"}).text
    assert "Articles (2+)" in html and "All (2+)" in html
    assert "More than 2 articles match" in html
    assert "Walrus report 2" in html and "Walrus report 0" not in html  # the newest two, ranked

    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    html = client.get("/search/", {"q": "walrus"}).text
    assert "Articles (3)" in html and "All (3)" in html and "More than" not in html


def test_search_never_finds_unpublished_content(client, make):
    make.article("Secret zebra draft", status="draft", body="zebra")
    make.quote(make.article("Draft two", status="draft"), make.person("Zebra Person"), text="zebra words")
    html = client.get("/search/", {"q": "zebra"}).text
    assert "All (0)" in html and "Secret zebra" not in html


def test_search_snippets_escape_what_editors_typed(client, make):
    make.article("Escaping", body="The <script>alert(1)</script> budget <b>&amp;</b> more")
    html = client.get("/search/", {"q": "budget"}).text
    assert "<mark>budget</mark>" in html
    assert "<script>alert" not in html and "<b>" not in html


@pytest.mark.parametrize(
    "query",
    ["", "a", "x" * 1000, "& | ! : * ' \" \\ ( )", "'; DROP TABLE articles_article; --", "日本 ✓ 💥", "-", "OR", '"'],
)
def test_hostile_queries_get_results_or_a_clear_message(client, demo, query):
    response = client.get("/search/", {"q": query})
    if query == "":  # an empty ?q= is no search: the address without it
        assert response.status_code == 301 and response["Location"] == "/search/"
        return
    assert response.status_code in (200, 400)
    if len(query) > 200:
        assert response.status_code == 400 and "at most 200 characters" in response.text


def test_the_search_overview_has_one_page(client, make):
    """The overview ("All") shows the first few of each kind and pages nowhere: ?page=999999 answered 200 with page 1's
    results under another address (each number a page cache entry); a page past the end is a 404 as on
    a kind's own tab and the lists."""
    make.quote(make.article("Walrus report", body="walrus"), make.person(), text="walrus words")
    assert client.get("/search/", {"q": "walrus", "page": "1"}).status_code == 200
    for number in ["2", "999999"]:
        assert client.get("/search/", {"q": "walrus", "page": number}).status_code == 404
        assert client.get("/search/", {"q": "walrus", "type": "quotes", "page": number}).status_code == 404
    assert "<mark>walrus</mark> words" in client.get("/search/", {"q": "walrus", "type": "quotes", "page": "1"}).text


def test_search_page_query_count_is_constant(client, archive, django_assert_max_num_queries):
    archive(3)
    with django_assert_max_num_queries(12):
        assert client.get("/search/", {"q": "words"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_search_uses_the_gin_indexes(demo):
    from articles.models import Article, Quote
    from articles.search import article_matches, quote_matches, search_people
    from people.models import Person

    with connection.cursor() as cursor:
        # With the demo's few rows, a plain index scan filtering every row can look as cheap as
        # the search index, depending on what statistics earlier tests left: only bitmap scans.
        cursor.execute("ANALYZE articles_article, articles_quote, people_person")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
    try:
        assert "article_search_idx" in article_matches(Article.objects.all(), "racial").explain()
        assert "quote_search_idx" in quote_matches(Quote.objects.all(), "racial").explain()
        assert "trgm_idx" in search_people(Person.objects.all(), "hefernan").order_by().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_search_indexes_keep_no_pending_list(db):
    """People's rows are rewritten at every change of their counts: with GIN's fast update, the
    name indexes' pending list, which every search reads in full, would grow with each save
    (migration 0032)."""
    names = ["person_name_trgm_idx", "person_aliases_trgm_idx", "article_search_idx", "quote_search_idx"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)", [names])
        options = dict(cursor.fetchall())
    assert options == {name: ["fastupdate=off"] for name in names}


def test_migration_indexes_the_expressions_search_uses():
    import importlib

    from articles import search

    migration = importlib.import_module("articles.migrations.0009_stored_search_documents")
    assert migration.QUOTE_VECTOR == search.QUOTE_VECTOR
    # The articles' document reads the body's plain text since migration 0019.
    rich_body = importlib.import_module("articles.migrations.0019_rich_body")
    assert rich_body.ARTICLE_VECTOR == search.ARTICLE_VECTOR


# -- Feeds, sitemaps, robots ------------------------------------------------------------------------

FEEDS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/people/mary-beth-heffernan.rss",
    "/feeds/people/andrew-cuomo.atom",
    "/feeds/states/illinois.rss",
    "/feeds/states/california.atom",
    "/feeds/authors/hillary-chabot.rss",
    "/feeds/topics/secure-communities.atom",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_valid_and_carry_the_story(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Gov. Deval Patrick refuses to sign immigration program"]
    assert feed.entries[0].link.endswith(STORY)
    assert feed.entries[0].author == "Hillary Chabot"


def test_a_feed_has_only_matching_published_articles(client, demo, make):
    make.article("Ohio only", states=["OH"])
    make.article("Draft in Illinois", states=["IL"], status="draft")
    titles = [e.title for e in feedparser.parse(client.get("/feeds/states/illinois.rss").content).entries]
    assert titles == ["Gov. Deval Patrick refuses to sign immigration program"]
    assert client.get("/feeds/people/nobody.rss").status_code == 404


def test_feeds_are_discoverable_from_pages(client, demo):
    home = client.get("/").text
    assert 'type="application/rss+xml"' in home and 'href="/feeds/latest.rss"' in home
    person = client.get("/people/andrew-cuomo/").text
    assert 'href="/feeds/people/andrew-cuomo.rss"' in person and 'href="/feeds/people/andrew-cuomo.atom"' in person
    assert 'href="/feeds/states/new-york.rss"' in client.get("/states/new-york/").text


def test_sitemap_lists_published_pages_with_lastmod(client, demo, make):
    make.article("Draft not listed", status="draft", outlet=make.outlet("Drafts Only Gazette"))
    index = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert len(sections) == 6
    urls = {}
    for section in sections:
        tree = ET.fromstring(client.get(section.replace("http://testserver", "")).content)
        for entry in tree.findall("s:url", ns):
            urls[entry.find("s:loc", ns).text] = entry.find("s:lastmod", ns)
    assert urls["http://testserver" + STORY] is not None  # lastmod
    for path in ["/people/mary-beth-heffernan/", "/states/massachusetts/", "/authors/hillary-chabot/"]:
        assert "http://testserver" + path in urls
    assert "http://testserver/topics/secure-communities/" in urls
    assert "http://testserver/outlets/boston-herald/" in urls
    assert not any("draft" in url for url in urls)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text and "Disallow: /admin/" in response.text


# -- Structured data and page metadata --------------------------------------------------------------


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_page_describes_the_news_article_and_its_quotations(client, demo):
    from people.models import Person

    Person.objects.filter(slug="andrew-cuomo").update(wikidata_id="Q11673")
    data = json_ld(client.get(STORY).text)
    article, *quotations = data["@graph"]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Gov. Deval Patrick refuses to sign immigration program"
    assert article["datePublished"].startswith("2011-06-06") and article["dateModified"]
    assert article["author"] == [
        {"@type": "Person", "name": "Hillary Chabot", "url": "http://testserver/authors/hillary-chabot/"}
    ]
    assert article["publisher"]["name"] == "Boston Herald"
    assert article["mainEntityOfPage"] == "http://testserver" + STORY
    cuomo = next(p for p in article["mentions"] if p["name"] == "Andrew Cuomo")
    assert cuomo["sameAs"] == ["https://www.wikidata.org/wiki/Q11673"]
    assert len(quotations) == 7 and {q["@type"] for q in quotations} == {"Quotation"}
    assert all(q["isPartOf"] == {"@id": article["@id"]} for q in quotations)
    assert {q["creator"]["name"] for q in quotations} == {
        "Mary Beth Heffernan",
        "Deval Patrick",
        "Andrew Cuomo",
        "Pat Quinn",
    }


def test_person_page_describes_the_person(client, demo):
    data = json_ld(client.get("/people/pat-quinn/").text)
    assert data["@type"] == "Person" and data["name"] == "Pat Quinn"
    assert data["jobTitle"] == "Governor" and data["affiliation"]["name"] == "State of Illinois"


def test_json_ld_cannot_be_broken_out_of(client, make):
    evil = "</script><script>alert(1)</script>"
    article = make.article(f"Headline {evil}", dek=evil)
    make.quote(article, make.person(f"Name {evil}"), text=evil)
    html = client.get(article.get_absolute_url()).text
    data = json_ld(html)  # exactly one block: nothing broke out
    assert data["@graph"][1]["text"] == evil
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/",
        STORY,
        "/quotes/",
        "/quotes/1/",
        "/people/",
        "/people/deval-patrick/",
        "/states/",
        "/states/illinois/",
        "/authors/hillary-chabot/",
        "/topics/secure-communities/",
        "/search/",
    ],
)
def test_every_page_has_canonical_description_and_social_cards(client, demo, url):
    html = client.get(url).text
    assert '<link rel="canonical" href="http://testserver' + url.split("?")[0] + '">' in html
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)
    for tag in ['property="og:title"', 'property="og:description"', 'property="og:url"', 'name="twitter:card"']:
        assert tag in html, (url, tag)


# -- Open data --------------------------------------------------------------------------------------


def test_quotes_export_as_csv_with_the_title_held_that_day(client, demo):
    response = client.get("/quotes/export.csv", {"state": "NY"})
    assert response.streaming and response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert [(r["speaker"], r["speaker_title"], r["speaker_state"]) for r in rows] == [
        ("Andrew Cuomo", "Governor", "NY")
    ] * 2
    assert rows[0]["article_url"] == "http://testserver" + STORY
    assert rows[0]["article_headline"] == "Gov. Deval Patrick refuses to sign immigration program"
    assert {r["kind"] for r in rows} == {"paraphrase"}


def test_export_neutralises_spreadsheet_formulas(client, make):
    make.quote(make.article('=HYPERLINK("x")'), make.person("+Plus"), text="=1+1")
    rows = list(csv.reader(io.StringIO(body(client.get("/quotes/export.csv")))))
    assert rows[1][1] == "'+Plus" and rows[1][4] == "'=1+1" and rows[1][7].startswith("'=")


def test_quotes_export_as_json_with_the_same_filters(client, demo):
    data = json.loads(body(client.get("/quotes/export.json", {"person": "mary-beth-heffernan", "kind": "direct"})))
    assert len(data) == 3 and {row["speaker_title"] for row in data} == {"Secretary of Public Safety and Security"}
    assert client.get("/quotes/export.json", {"state": "ZZ"}).status_code == 400


@pytest.mark.parametrize(
    ("url", "content_type"), [("/quotes/export.csv", "text/csv"), ("/quotes/export.json", "application/json")]
)
def test_export_answers_head_with_its_headers_and_reads_no_quote(client, demo, url, content_type):
    with CaptureQueriesContext(connection) as queries:
        response = client.head(url, {"state": "NY"})
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert not [query for query in queries if "articles_quote" in query["sql"]]
    assert client.head(url, {"state": "ZZ"}).status_code == 400  # the filters are still checked


@pytest.mark.parametrize("url", ["/quotes/export.csv", "/quotes/export.json"])
@pytest.mark.parametrize("page", ["2", "abc", "-1", "0", "9" * 30])
def test_an_export_is_every_matching_quote_whatever_the_page(client, make, url, page):
    """An export has no pages (README: every matching quote): ?page= is ignored, as a parameter it doesn't
    read. It was checked, then ignored: ?page=2 gave every quote, ?page=abc a 400."""
    speaker = make.person()
    for n in range(3):
        make.quote(make.article(f"Story {n}"), speaker, text=f"Words number {n}")
    whole = body(client.get(url))
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    assert body(response) == whole and all(f"Words number {n}" in whole for n in range(3))


def test_export_leaves_out_unpublished_quotes(client, make):
    make.quote(make.article("Draft", status="draft"), make.person(), text="unpublished words")
    assert "unpublished words" not in body(client.get("/quotes/export.csv"))


# -- API --------------------------------------------------------------------------------------------


def test_api_root_links_its_resources(client):
    data = client.get("/api/v1/").json()
    assert set(data) == {"articles", "quotes", "people", "states"}


def test_api_articles_with_filters_and_links(client, demo, make):
    make.article("Draft", status="draft")
    data = client.get("/api/v1/articles/", {"state": "IL"}).json()
    assert data["count"] == 1
    article = data["results"][0]
    assert article["headline"] == "Gov. Deval Patrick refuses to sign immigration program"
    assert article["html_url"] == "http://testserver" + STORY
    assert "http://testserver/api/v1/states/MA/" in article["states"]
    assert len(article["quotes"]) == 7
    quote = client.get(article["quotes"][0].replace("http://testserver", "")).json()
    assert quote["speaker_name"] == "Mary Beth Heffernan" and quote["speaker_title"].startswith("Secretary")
    person = client.get(quote["speaker"].replace("http://testserver", "")).json()
    assert person["positions"][0]["title"] == "Secretary of Public Safety and Security"


def test_api_validates_filters_and_pages(client, demo):
    assert client.get("/api/v1/articles/", {"state": "ZZ"}).status_code == 400
    assert client.get("/api/v1/quotes/", {"page": "abc"}).status_code == 400
    assert client.get("/api/v1/quotes/", {"page": "99"}).status_code == 404
    assert client.get("/api/v1/states/ma/").json()["code"] == "MA"
    # Every list checks ?page= alike: not a whole number from 1 is a 400 naming the field.
    for url in ("/api/v1/articles/", "/api/v1/quotes/", "/api/v1/people/", "/api/v1/states/"):
        for page in ("0", "abc", "1.5"):
            response = client.get(url, {"page": page})
            assert response.status_code == 400 and "page" in response.json(), (url, page)
    assert client.get("/api/v1/states/", {"page": "99"}).status_code == 404


@pytest.mark.parametrize(
    "url", ["/api/v1/nothing/", "/api/v1/states/Massachusetts/", "/api/v1/articles/a/b/", "/api/v1/people/x/y/z/"]
)
def test_an_api_address_that_names_nothing_is_a_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_api_address_without_its_final_slash_is_still_sent_to_it(client, db):
    response = client.get("/api/v1/articles")
    assert response.status_code == 301 and response["Location"] == "/api/v1/articles/"


@pytest.mark.parametrize(
    ("url", "extra"),
    [("/api/v1/articles/%00/", {}), ("/api/v1/quotes/?q=a%00b", {}), ("/api/v1/", {"HTTP_HOST": "evil.example"})],
)
def test_a_refused_api_request_is_a_json_400_that_repeats_nothing(client, db, url, extra):
    response = client.get(url, **extra)
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


def test_a_refused_page_request_is_still_the_400_page(client, db):
    response = client.get("/articles/%00/")
    assert response.status_code == 400 and "<h1>Bad request</h1>" in response.text


def test_api_pages_past_the_first_find_their_rows_as_keys_first(client, make, monkeypatch):
    """The OFFSET walks the list's index alone (newsroom/pagination.py); the page holds the same
    rows in the same order as read whole."""
    monkeypatch.setattr(KeysFirstPagination, "page_size", 4)
    speaker, article = make.person("Paged Speaker"), make.article("Many quotes")
    quotes = [make.quote(article, speaker, text=f"Words {n}.") for n in range(10)]
    with CaptureQueriesContext(connection) as queries:
        pages = [client.get("/api/v1/quotes/", {"page": number}).json() for number in (1, 2, 3)]
    listed = [item["text"] for page in pages for item in page["results"]]
    assert listed == [quote.text for quote in sorted(quotes, key=lambda quote: -quote.pk)]
    walked = [query["sql"] for query in queries if "OFFSET" in query["sql"]]
    assert len(walked) == 2 and all(sql.startswith('SELECT "articles_quote"."id" AS "pk" FROM') for sql in walked)


def test_api_never_shows_unpublished_content(client, make):
    draft = make.article("Draft", status="draft")
    quote = make.quote(draft, make.person("Only in drafts"))
    assert client.get(f"/api/v1/articles/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/quotes/{quote.pk}/").status_code == 404
    assert client.get(f"/api/v1/people/{quote.speaker.slug}/").status_code == 404
    assert client.get("/api/v1/people/").json()["count"] == 0


@pytest.mark.parametrize(
    ("url", "queries"), [("/api/v1/articles/", 6), ("/api/v1/quotes/", 4), ("/api/v1/people/", 3)]
)
def test_api_lists_run_a_fixed_number_of_queries(client, archive, django_assert_num_queries, url, queries):
    for size in (1, 6):
        archive(size)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
