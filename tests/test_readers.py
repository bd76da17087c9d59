"""The reader pages' rough edges (issue 15, "Readers"): names as typed in the filters, the
header search box, recent quotes on the home page, /topics/, snippets on word boundaries, no
empty parameters, and a person's chart spanning the months they were quoted."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.search import SNIPPET_CHARS, snippet
from people.charts import quotes_chart
from people.filters import StateFilter

WORDS = "Lawmakers met again " * 40 + "on Thursday to vote on the budget, which " + "passed easily after debate " * 40


class Found:
    """A search result as the SQLite branch sees it: no ts_headline snippet."""

    raw_snippet = None


def test_snippet_starts_and_ends_on_word_boundaries():
    html = str(snippet(Found(), WORDS, "budget"))
    assert html.startswith("… ") and html.endswith(" …")
    inner = html.removeprefix("… ").removesuffix(" …").replace("<mark>", "").replace("</mark>", "")
    # Every word of the excerpt is a whole word of the text, first and last included.
    words = inner.split()
    assert set(words) <= set(WORDS.split())
    assert f" {inner} " in f" {WORDS} "
    assert "<mark>budget</mark>" in html
    assert len(inner) <= SNIPPET_CHARS


@pytest.mark.parametrize("query", ["budget", "lawmakers", "debate", "thursday"])
def test_snippet_never_cuts_a_word_wherever_the_match_is(query):
    inner = str(snippet(Found(), WORDS, query)).removeprefix("… ").removesuffix(" …")
    inner = inner.replace("<mark>", "").replace("</mark>", "")
    assert f" {inner} " in f" {WORDS} "


def test_snippet_of_a_short_text_is_the_whole_text():
    assert str(snippet(Found(), "Short budget text.", "budget")) == "Short <mark>budget</mark> text."


def test_snippet_of_one_endless_word_is_cut_rather_than_lost():
    text = "x" * 1000 + "budget" + "y" * 1000
    html = str(snippet(Found(), text, "budget"))
    assert "<mark>budget</mark>" in html and len(html) < SNIPPET_CHARS + 40


def test_search_page_snippets_start_and_end_on_words(client, make):
    make.quote(make.article("Budget day", body=WORDS), make.person("Vote Teller"), text=WORDS)
    html = client.get("/search/", {"q": "budget"}).text
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    snippets += re.findall(r'<blockquote cite="/quotes/\d+/"><p>(.*?)</p>', html, re.S)
    assert len(snippets) == 2
    # The article's snippet and the quote's (SQLite's excerpt, PostgreSQL's ts_headline): each
    # word shown is a whole word of the text, the first and the last included.
    words = {word.strip(",") for word in WORDS.split()}
    for shown in snippets:
        assert set(re.sub(r"</?mark>|…|,", " ", shown).split()) <= words, shown


# A person's chart


def test_chart_of_a_few_months_shows_those_months_not_a_year():
    months = {datetime.date(2024, 3, 1): 2, datetime.date(2024, 5, 1): 4}
    chart = quotes_chart(months)
    # March to May: three slots, two bars, each a third of the plot's width less its gap.
    assert [bar["title"] for bar in chart["bars"]] == ["March 2024: 2 quotes", "May 2024: 4 quotes"]
    widths = {bar["width"] for bar in chart["bars"]}
    assert all(width > (chart["right"] - chart["left"]) / 4 for width in widths)
    assert chart["labels"][0]["text"] == "Mar 2024"


def test_chart_of_one_month_is_not_one_wide_bar():
    chart = quotes_chart({datetime.date(2024, 3, 1): 1})
    (bar,) = chart["bars"]
    assert bar["width"] < (chart["right"] - chart["left"]) / 2
    assert "March 2024" in bar["title"]


@pytest.mark.parametrize("month", [datetime.date(9999, 12, 1), datetime.date(1, 1, 1)])
def test_chart_of_a_quote_in_the_first_or_last_month_a_date_can_hold(month):
    """A quote said in December 9999 (or January of year 1): padding the chart past it raised, and the
    person's page answered 500 to every reader."""
    chart = quotes_chart({month: 1})
    (bar,) = chart["bars"]
    assert bar["width"] < (chart["right"] - chart["left"]) / 2
    assert bar["title"] == f"{month:%B} {month.year}: 1 quote"


def test_chart_of_years_of_quotes_spans_them_all():
    months = {datetime.date(2019, 1, 1): 1, datetime.date(2024, 12, 1): 3}
    chart = quotes_chart(months)
    assert len(chart["bars"]) == 2
    assert chart["bars"][0]["x"] < chart["bars"][1]["x"]
    assert {"2020", "2024"} <= {label["text"] for label in chart["labels"]}


# The name filters


@pytest.fixture
def heffernan(make):
    person = make.person("Mary Beth Heffernan", aliases="Mary Heffernan\nSecretary Heffernan")
    make.position(person, title="Secretary of Public Safety", start=(2011, 1, 1))
    make.quote(make.article("Heffernan on prisons"), person, text="Prisons are full.")
    make.quote(make.article("Somebody else"), make.person("Other Speaker"), text="Nothing to add.")
    return person


def person_field(html):
    return re.search(r'<input[^>]*name="person"[^>]*>', html).group(0)


@pytest.mark.parametrize(
    "typed", ["Mary Beth Heffernan", "mary beth heffernan", "  MARY  BETH heffernan ", "Mary Heffernan", "{slug}"]
)
@pytest.mark.parametrize("page", ["/articles/", "/quotes/"])
def test_a_person_filter_takes_a_name_as_typed_an_alias_or_a_slug(client, heffernan, page, typed):
    response = client.get(page, {"person": typed.format(slug=heffernan.slug)})
    assert response.status_code == 200
    html = response.text
    assert ("Heffernan on prisons" if page == "/articles/" else "Prisons are full.") in html
    assert "Somebody else" not in html and "Nothing to add." not in html
    # The form shows the person's name, not what was typed nor the slug.
    assert 'value="Mary Beth Heffernan"' in person_field(html)


@pytest.mark.parametrize("typed", ["Heffernan, Mary Beth", "heffernan,mary beth", "  HEFFERNAN ,  Mary  Beth "])
@pytest.mark.parametrize("page", ["/articles/", "/quotes/", "/search/"])
def test_a_person_filter_takes_the_sort_name(client, heffernan, page, typed):
    """The name as lists sort it ("Patrick, Deval") is the same person: it was "Nobody by the name"."""
    heffernan.sort_name = "Heffernan, Mary Beth"
    heffernan.save()
    response = client.get(page, {"person": typed} | ({"q": "prisons"} if page == "/search/" else {}))
    assert response.status_code == 200
    shown = {"/articles/": "Heffernan on prisons", "/quotes/": "Prisons are full.", "/search/": "<mark>Prisons</mark>"}
    assert shown[page] in response.text
    assert "Somebody else" not in response.text and "Nothing to add." not in response.text
    assert 'value="Mary Beth Heffernan"' in person_field(response.text)


@pytest.mark.parametrize("typed", ["Heffernan, Nobody", ",", "Heffernan,", ", Mary Beth", "Heffernan, Mary, Beth"])
def test_a_sort_name_of_nobody_is_the_forms_error(client, heffernan, typed):
    heffernan.sort_name = "Heffernan, Mary Beth"
    heffernan.save()
    response = client.get("/articles/", {"person": typed})
    assert response.status_code == 400 and "was found" in response.text


def test_search_filter_takes_a_name(client, heffernan):
    html = client.get("/search/", {"q": "prisons", "person": "mary beth heffernan"}).text
    assert "<mark>Prisons</mark> are full" in html and 'value="Mary Beth Heffernan"' in person_field(html)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("Nobody Atall", "Nobody by the name “Nobody Atall” was found."),
        ("Heffernan", "Nobody by the name “Heffernan” was found."),  # part of a name is no name
        ("x" * 5000, "This value is too long."),
        ("%_\\'\"", "was found"),
        ("<b>Mary</b>", "“&lt;b&gt;Mary&lt;/b&gt;” was found"),
    ],
)
def test_an_unknown_name_is_the_forms_error_not_a_server_error(client, heffernan, typed, error):
    response = client.get("/articles/", {"person": typed})
    assert response.status_code == 400
    assert error in response.text


def test_two_people_of_one_name_ask_which_one(client, make, heffernan):
    twin = make.person("Mary Beth Heffernan", state="NY")
    make.quote(make.article("The other Heffernan"), twin)
    response = client.get("/quotes/", {"person": "mary beth heffernan"})
    assert response.status_code == 400
    assert f"type the one you mean as {heffernan.slug} or {twin.slug}" in response.text
    # Either is found by their slug.
    assert "The other Heffernan" in client.get("/articles/", {"person": twin.slug}).text


def test_a_person_no_reader_can_see_is_not_found_by_name(client, make, heffernan):
    hidden = make.person("Hidden Person")
    make.quote(make.article("Draft", status="draft"), hidden)
    assert client.get("/articles/", {"person": "Hidden Person"}).status_code == 400


def test_an_author_filter_takes_a_name(client, make):
    author = make.author("Hillary Chabot")
    make.article("By Chabot", authors=[author])
    make.article("By nobody")
    html = client.get("/articles/", {"author": "hillary chabot"}).text
    assert "By Chabot" in html and "By nobody" not in html
    assert re.search(r'<input[^>]*name="author"[^>]*value="Hillary Chabot"', html)


@pytest.mark.parametrize("typed", ["illinois", "Illinois", "il", "IL", " Illinois "])
def test_the_state_filter_takes_a_states_name_slug_or_code(client, make, typed):
    make.article("Chicago story", states=["IL"])
    make.article("Boston story", states=["MA"])
    response = client.get("/articles/", {"state": typed})
    assert response.status_code == 200
    assert "Chicago story" in response.text and "Boston story" not in response.text
    assert '<option value="IL" selected>Illinois</option>' in response.text


def test_a_two_word_state_is_found_by_name_or_slug(client, make):
    make.quote(make.article("Albany story"), make.person("Empire Speaker", state="NY"), text="Upstate words.")
    for typed in ("new-york", "New York", "new york"):
        assert "Upstate words." in client.get("/quotes/", {"state": typed}).text


# 50,001 characters: past what SQLite's LIKE takes as a pattern ("LIKE or GLOB pattern too complex":
# a 503), were the value looked up as a state's name.
@pytest.mark.parametrize("typed", ["narnia", "Z", "ZZ", "new-yorkk", "x" * 500, "a" * 50_001])
def test_an_unknown_state_is_the_forms_error(client, db, typed):
    response = client.get("/articles/", {"state": typed})
    assert response.status_code == 400
    assert "is not a US state or territory" in response.text or "too long" in response.text


def test_a_value_longer_than_any_state_name_is_not_looked_up(db):
    field = StateFilter(field_name="state").field
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError):
        field.clean("x" * 201)
    assert not [query for query in queries if "people_state" in query["sql"]]


# Suggestions as one types


def test_suggestions_are_public_names_containing_what_was_typed(client, make, heffernan):
    hidden = make.person("Mary Hidden")
    make.quote(make.article("Draft", status="draft"), hidden)
    names = client.get("/people/names.json", {"q": "heff"}).json()["names"]
    assert names == [{"name": "Mary Beth Heffernan", "detail": "Secretary of Public Safety, Massachusetts"}]
    # Two letters: the start of a name; the hidden person is never offered.
    assert [n["name"] for n in client.get("/people/names.json", {"q": "ma"}).json()["names"]] == [
        "Mary Beth Heffernan"
    ]
    # An alias finds the person, by their name.
    assert client.get("/people/names.json", {"q": "secretary h"}).json()["names"][0]["name"] == heffernan.name


def test_suggestions_put_the_most_quoted_first_and_are_few(client, make):
    people = [make.person(f"Smith Number {n}") for n in range(15)]
    for n, person in enumerate(people):
        for _ in range(n % 4 + 1):
            make.quote(make.article(), person)
    names = client.get("/people/names.json", {"q": "smith"}).json()["names"]
    assert len(names) == 10
    counts = [next(p for p in people if p.name == n["name"]).quotes.count() for n in names]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("typed", ["m", "%", "_", "\\", "'; drop table people_person; --", "日本", "x" * 5000])
def test_suggestions_of_anything_typed_are_an_answer(client, heffernan, typed):
    response = client.get("/people/names.json", {"q": typed})
    assert response.status_code == 200 and response.json()["names"] == []
    assert client.get("/people/names.json").json()["names"] == []


def test_author_suggestions(client, make):
    make.article("By Chabot", authors=[make.author("Hillary Chabot")])
    assert client.get("/authors/names.json", {"q": "chab"}).json() == {
        "names": [{"name": "Hillary Chabot", "detail": ""}]
    }


def test_name_fields_point_to_their_suggestions(client, heffernan):
    html = client.get("/articles/").text
    assert 'data-suggest="/people/names.json"' in person_field(html)
    assert re.search(r'<input[^>]*name="author"[^>]*data-suggest="/authors/names.json"', html)


# No empty parameters


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("/articles/?person=&state=MA", "/articles/?state=MA"),
        ("/quotes/?person=&state=&topic=&kind=&from=&to=", "/quotes/"),
        ("/search/?q=budget&person=&state=&type=", "/search/?q=budget"),
        ("/people/?q=&state=NY&party=", "/people/?state=NY"),
        ("/articles/?utm_source=&page=", "/articles/"),
    ],
)
def test_an_address_with_empty_parameters_redirects_to_the_clean_one(client, db, url, clean):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == clean


def test_parameters_a_page_does_not_read_are_still_just_dropped(client, db):
    assert client.get("/articles/?utm_source=x").status_code == 200


def test_links_the_site_writes_carry_no_empty_parameters(client, make):
    for _ in range(25):
        make.article(states=["MA"])
    html = client.get("/articles/?state=MA").text
    links = re.findall(r'href="((?:/articles/)?\?[^"]*)"', html)
    assert "?state=MA&amp;page=2" in links
    assert all(not re.search(r"=(&|$)", link.replace("&amp;", "&")) for link in links)


# The header's search box, the home page's quotes, /topics/


@pytest.mark.parametrize("url", ["/", "/articles/", "/quotes/", "/people/", "/states/", "/topics/", "/search/"])
def test_every_page_has_a_search_box_in_its_header(client, heffernan, url):
    html = client.get(url).text
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'role="search"' in header and 'action="/search/"' in header and 'name="q"' in header
    assert '<label for="site-search-q"' in header


def test_the_search_box_of_an_article_page_searches(client, heffernan):
    html = client.get(heffernan.quotes.first().article.get_absolute_url()).text
    assert 'id="site-search-q"' in html
    assert "<mark>Prisons</mark> are full" in client.get("/search/", {"q": "prisons"}).text


def test_the_home_page_shows_the_most_recent_published_quotes(client, make):
    speaker = make.person("Quoted Often")
    for day in range(1, 8):
        article = make.article(published_at=datetime.datetime(2020, 1, day, 12, tzinfo=datetime.UTC))
        make.quote(article, speaker, text=f"Said on day {day}.", said_on=datetime.date(2020, 1, day))
    make.quote(make.article("Unpublished", status="draft"), speaker, text="Draft words.")
    html = client.get("/").text
    section = html[html.index('id="quotes-heading"') :]
    shown = re.findall(r"Said on day (\d)", section)
    assert shown == ["7", "6", "5", "4", "3"]
    assert "Draft words." not in html


def test_the_home_pages_quotes_follow_a_new_quote(client, make, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    cache.clear()
    speaker = make.person("Quoted Often")
    article = make.article()
    make.quote(article, speaker, text="Old words.", said_on=datetime.date(2020, 1, 1))
    assert "Old words." in client.get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(article, speaker, text="Brand new words.", said_on=datetime.date(2021, 1, 1))
    assert "Brand new words." in client.get("/").text


def test_the_topics_page_lists_topics_with_published_articles(client, make):
    schools, roads, secret = make.topic("Schools"), make.topic("Roads"), make.topic("Secret")
    make.article(topics=[schools, roads])
    make.article(topics=[schools])
    make.article(status="draft", topics=[secret])
    html = client.get("/topics/").text
    assert re.search(r'href="/topics/topic-\d+/">Roads</a> <span class="count">1 article</span>', html)
    assert re.search(r'href="/topics/topic-\d+/">Schools</a> <span class="count">2 articles</span>', html)
    assert "Secret" not in html
    assert html.index(">Roads<") < html.index(">Schools<")


def test_the_topics_page_follows_publication(client, make, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    cache.clear()
    topic = make.topic("Transit")
    draft = make.article(status="draft", topics=[topic])
    assert "Transit" not in client.get("/topics/").text
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "published"
        draft.save()
    assert "Transit" in client.get("/topics/").text
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Public transit"
        topic.save()
    assert "Public transit" in client.get("/topics/").text


def test_a_remembered_filter_form_shows_a_persons_new_name(
    client, heffernan, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    cache.clear()
    url = f"/articles/?person={heffernan.slug}"
    assert 'value="Mary Beth Heffernan"' in person_field(client.get(url).text)
    with django_capture_on_commit_callbacks(execute=True):
        heffernan.name = "Mary Beth Smith"
        heffernan.save()
    assert 'value="Mary Beth Smith"' in person_field(client.get(url).text)


def test_a_name_is_found_among_many_that_contain_it(client, make):
    for n in range(25):
        make.quote(make.article(), make.person(f"John Smithson {n}"))
    smith = make.person("John Smith")
    make.quote(make.article("Smith himself"), smith)
    assert "Smith himself" in client.get("/articles/", {"person": "john smith"}).text
