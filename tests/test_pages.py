"""Reader pages: what they show, how they link, how they refuse bad input."""

import pytest
from django.urls import reverse

from articles import tallies
from articles.models import Quote
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db


def test_home_shows_latest_articles_most_quoted_people_and_states(client, archive):
    data = archive()
    response = client.get("/")
    assert response.status_code == 200
    assert data["article"].headline in response.text
    assert data["speaker"].name in response.text
    assert "New York" in response.text and "2 quotes" in response.text


def test_draft_article_is_not_listed_or_shown(client, make):
    draft = make.article("Secret draft", status="draft")
    speaker = make.person("Only In Drafts")
    make.quote(draft, speaker, text="Unpublished words")
    for url in ["/", "/articles/", "/quotes/", "/people/", "/states/", "/states/massachusetts/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Secret draft" not in response.text, url
        assert "Unpublished words" not in response.text, url
        assert "Only In Drafts" not in response.text, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(speaker.get_absolute_url()).status_code == 404
    assert client.get(draft.quotes.get().get_absolute_url()).status_code == 404


def test_article_scheduled_in_the_future_is_not_shown(client, make):
    from django.utils import timezone

    article = make.article("Tomorrow's news", published_at=timezone.now() + timezone.timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Tomorrow" not in client.get("/articles/").text


def test_article_page_links_bylines_outlet_speakers_and_states(client, make):
    author = make.author("Hillary Chabot")
    outlet = make.outlet("Boston Herald")
    speaker = make.person("Deval Patrick", state="MA")
    make.position(speaker, title="Governor", organization="Commonwealth of Massachusetts", start=(2007, 1, 4))
    article = make.article(
        "Patrick refuses",
        authors=[author],
        outlet=outlet,
        original_url="https://example.com/story",
        states=["MA"],
        body="<p>He said “no to the program” today.</p>\n<p>Second paragraph.</p>",
    )
    quote = make.quote(article, speaker, text="no to the program")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert f'href="{author.get_absolute_url()}"' in html
    assert 'href="https://example.com/story"' in html and "Boston Herald" in html
    assert f'href="{speaker.get_absolute_url()}"' in html
    assert "Governor, Commonwealth of Massachusetts" in html
    assert f'href="{reverse("people:state_detail", args=["massachusetts"])}"' in html
    # The quote is set off in the body and linked to its permalink.
    url = quote.get_absolute_url()
    assert f'<q class="in-body" cite="{url}" id="in-body-{quote.pk}"><a href="{url}">no to the program</a></q>' in html
    assert f'<blockquote cite="{quote.get_absolute_url()}">' in html
    assert html.count("<p>He said") == 1


def test_quote_shows_the_title_its_speaker_held_that_day(client, make):
    speaker = make.person("Andrew Cuomo", state="NY")
    make.position(speaker, title="Attorney General", start=(2007, 1, 1), end=(2010, 12, 31))
    make.position(speaker, title="Governor", start=(2011, 1, 1), end=(2021, 8, 23))
    import datetime

    old = make.quote(make.article(), speaker, text="As attorney general", said_on=datetime.date(2009, 5, 1))
    new = make.quote(make.article(), speaker, text="As governor", said_on=datetime.date(2011, 6, 1))
    assert "Attorney General" in client.get(old.get_absolute_url()).text
    page = client.get(new.get_absolute_url()).text
    assert "Governor" in page and "Attorney General" not in page


def test_editor_html_is_shown_as_text_never_executed(client, make):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    speaker = make.person(f"Evil {payload}")
    article = make.article(f"Head {payload}", dek=payload, body=f"Para {payload}\n\nQuote: “{payload}”")
    make.quote(article, speaker, text=payload, context=payload)
    for url in [article.get_absolute_url(), "/quotes/", speaker.get_absolute_url(), "/articles/", "/"]:
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_person_page_lists_positions_and_quotes_newest_first(client, make):
    import datetime

    person = make.person("Pat Quinn", state="IL")
    make.position(person, title="Lieutenant Governor", start=(2003, 1, 13), end=(2009, 1, 29))
    make.position(person, title="Governor", start=(2009, 1, 29), end=(2015, 1, 12))
    older = make.quote(make.article("Older story"), person, text="Older words", said_on=datetime.date(2010, 1, 1))
    newer = make.quote(make.article("Newer story"), person, text="Newer words", said_on=datetime.date(2012, 1, 1))
    html = client.get(person.get_absolute_url()).text
    assert "Lieutenant Governor" in html and "January 13, 2003 – January 29, 2009" in html
    assert html.index("Newer words") < html.index("Older words")
    assert f'href="{older.article.get_absolute_url()}"' in html
    assert f'href="{newer.get_absolute_url()}"' in html


def test_state_pages_count_people_and_articles(client, make):
    ny = make.person("New Yorker", state="NY")
    make.quote(make.article("Albany story", states=["NY"]), ny)
    make.article("Another Albany story", states=["NY"])
    html = client.get("/states/").text
    assert html.count("<tr") == 57  # header + 50 states, DC and 5 territories
    row = html[html.index(">New York</a>") :]
    assert '<td class="num">1</td>' in row[:200] and '<td class="num">2</td>' in row[:200]
    detail = client.get(reverse("people:state_detail", args=["new-york"])).text
    assert "New Yorker" in detail and "Albany story" in detail and "Another Albany story" in detail


def test_author_page_lists_their_published_articles(client, make):
    author = make.author("Hillary Chabot")
    make.article("Her story", authors=[author])
    make.article("Her draft", authors=[author], status="draft")
    make.article("Someone else's", authors=[make.author()])
    html = client.get(author.get_absolute_url()).text
    assert "Her story" in html
    assert "Her draft" not in html and "Someone else" not in html
    assert "Hillary Chabot" in client.get("/authors/").text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("person={quoted.slug}", {"quoted"}),
        ("state=NY", {"covers_ny", "quoted"}),  # covered, or a speaker from NY
        ("state=ny", {"covers_ny", "quoted"}),
        ("author={author.slug}", {"by_author"}),
        ("topic={topic.slug}", {"by_topic"}),
        ("outlet={outlet.slug}", {"by_outlet"}),
        ("from=2011-06-01&to=2011-06-30", {"june"}),
        ("from=2011-06-06", {"june", "covers_ny", "quoted", "by_author", "by_topic", "by_outlet"}),
        ("state=NY&person={quoted.slug}", {"quoted"}),
        ("state=MA&person={quoted.slug}", set()),
    ],
)
def test_article_filters_combine(client, make, query, expected):
    from tests.conftest import aware

    speaker = make.person("Speaker From NY", state="NY")
    author, topic, outlet = make.author(), make.topic(), make.outlet()
    articles = {
        "covers_ny": make.article("covers_ny", states=["NY"], published_at=aware(2011, 7, 1)),
        "quoted": make.article("quoted", published_at=aware(2011, 7, 2)),
        "by_author": make.article("by_author", authors=[author], published_at=aware(2011, 7, 3)),
        "by_topic": make.article("by_topic", topics=[topic], published_at=aware(2011, 7, 4)),
        "by_outlet": make.article("by_outlet", outlet=outlet, published_at=aware(2011, 7, 5)),
        "june": make.article("june", published_at=aware(2011, 6, 15)),
        "old": make.article("old", published_at=aware(2009, 1, 1)),
    }
    make.quote(articles["quoted"], speaker)
    url = "/articles/?" + query.format(quoted=speaker, author=author, topic=topic, outlet=outlet)
    response = client.get(url)
    assert response.status_code == 200
    shown = {name for name in articles if f">{name}</a>" in response.text}
    assert shown == expected


def test_quote_filters(client, make):
    import datetime

    ma, ny = make.person("Mass Person", state="MA"), make.person("York Person", state="NY")
    topic = make.topic()
    tagged = make.article(topics=[topic])
    make.quote(tagged, ma, text="direct from MA", said_on=datetime.date(2011, 6, 3))
    make.quote(make.article(), ny, text="paraphrase from NY", kind="paraphrase", said_on=datetime.date(2011, 6, 1))

    def shown(query):
        response = client.get("/quotes/?" + query)
        assert response.status_code == 200
        return {t for t in ["direct from MA", "paraphrase from NY"] if t in response.text}

    assert shown("") == {"direct from MA", "paraphrase from NY"}
    assert shown(f"person={ma.slug}") == {"direct from MA"}
    assert shown("state=NY") == {"paraphrase from NY"}
    assert shown(f"topic={topic.slug}") == {"direct from MA"}
    assert shown("kind=paraphrase") == {"paraphrase from NY"}
    assert shown("from=2011-06-02") == {"direct from MA"}
    assert shown("to=2011-06-02") == {"paraphrase from NY"}


def test_people_filters(client, make):
    article = make.article()
    for name, state, party, aliases in [
        ("Deval Patrick", "MA", "democratic", "Governor Patrick"),
        ("Charlie Baker", "MA", "republican", ""),
        ("Pat Quinn", "IL", "democratic", "Patrick Quinn"),
    ]:
        make.quote(article, make.person(name, state=state, party=party, aliases=aliases))

    def shown(query):
        response = client.get("/people/?" + query)
        assert response.status_code == 200
        return {n for n in ["Deval Patrick", "Charlie Baker", "Pat Quinn"] if n in response.text}

    assert shown("state=MA") == {"Deval Patrick", "Charlie Baker"}
    assert shown("party=democratic") == {"Deval Patrick", "Pat Quinn"}
    assert shown("q=patrick") == {"Deval Patrick", "Pat Quinn"}  # name or alias
    assert shown("q=baker&state=MA") == {"Charlie Baker"}


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/articles/", '<label for="id_state">State</label>'),
        ("/quotes/", '<label for="id_state">Speaker’s state</label>'),
        ("/people/", '<label for="id_state">Home state</label>'),  # from the model field's verbose name
        ("/people/", '<label for="id_party">Party</label>'),
    ],
)
def test_each_list_labels_its_own_filters(client, make, url, label):
    make.quote(make.article(), make.person("Deval Patrick", state="MA"))
    for _ in range(2):  # and again, once the filter's form is built
        assert label in client.get(url).text


@pytest.mark.parametrize(
    ("url", "field_error"),
    [
        ("/articles/?state=ZZ", "“ZZ” is not a US state or territory."),
        ("/articles/?person=nobody", "Nobody by the name “nobody” was found"),
        ("/articles/?from=2011-13-45", "Enter a valid date"),
        ("/articles/?from=2011-06-07&to=2011-06-01", "before the start date"),
        ("/articles/?page=abc", "Enter a whole number"),
        ("/articles/?topic=" + "x" * 5000, "too long"),
        ("/quotes/?kind=shouted", "Select a valid choice"),
        ("/quotes/?state=12", "“12” is not a US state"),
        ("/quotes/?person=%3Cscript%3E", "“&lt;script&gt;” was found"),
        ("/people/?party=whig", "Select a valid choice"),
        ("/people/?page=-1", "greater than or equal to 1"),
    ],
)
def test_invalid_filter_answers_400_with_the_error_in_the_form(client, make, url, field_error):
    make.article()
    response = client.get(url)
    assert response.status_code == 400
    assert field_error in response.text
    assert '<form class="filters"' in response.text


def test_page_past_the_end_is_404_and_pages_keep_filters(client, make, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for _ in range(3):
        make.article(states=["MA"])
    page1 = client.get("/articles/?state=MA")
    assert 'href="?state=MA&amp;page=2"' in page1.text
    assert client.get("/articles/?state=MA&page=2").status_code == 200
    assert client.get("/articles/?state=MA&page=3").status_code == 404


def test_counts_and_page_numbers_are_grouped_by_thousands_but_links_are_not(client, make, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    article, speaker = make.article(), make.person()
    day = article.published_at
    Quote.objects.bulk_create(Quote(article=article, speaker=speaker, text=f"{n}", said_on=day) for n in range(1001))
    tallies.refresh_people([speaker.pk])  # bulk_create sends no signal to keep the counts

    first = client.get("/quotes/")
    assert "1,001 quotes" in first.text
    assert "Page 1 of 1,001" in first.text
    last = client.get("/quotes/?page=1001")
    assert "Page 1,001 of 1,001" in last.text
    assert 'href="?page=1000"' in last.text


def test_unknown_url_gets_the_friendly_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="/articles/"' in response.text


def test_server_error_page_renders_without_a_database():
    from django.template.loader import render_to_string

    assert "Something went wrong" in render_to_string("500.html")


@pytest.mark.parametrize(
    "url",
    [
        "/articles/?person=%00",
        "/quotes/?state=M%00",
        "/people/?q=a%00b",
        "/admin/login/?next=%00",
        "/articles/?%00=1",
    ],
)
def test_nul_characters_are_a_bad_request_not_a_server_error(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Bad request" in response.text


def test_admin_search_with_nul_is_a_bad_request(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("e", password="x" * 20))
    assert client.get("/admin/people/person/?q=%00").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/quotes/99999999999999999999999999/",
        "/quotes/9223372036854775808/",
        "/quotes/0/",
        "/articles/" + "a" * 300 + "/",
        "/people/%C3%A9/",
        "/states/zz/",
        "/authors/nobody/",
    ],
)
def test_unknown_or_out_of_range_ids_are_404(client, db, url):
    assert client.get(url).status_code == 404
