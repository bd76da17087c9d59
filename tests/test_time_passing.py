"""Time passes in a running process: what goes live after it started is public everywhere at once.

The clock is moved with time-machine past the moment this process imported its modules, so a
queryset built once (at import, or at a route's first request) and kept would show as missing.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.feeds import PersonArticlesFeed
from people.models import Person


@pytest.fixture
def clock(db):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def build_world(make, headline, person_name, state, published_at, status="published"):
    """An article by its own author, in its own topic, outlet and state, quoting its own person."""
    person = make.person(person_name, state=state)
    make.position(person, title="Governor", state=make.state(state))
    author, topic, outlet = make.author(), make.topic(), make.outlet()
    article = make.article(
        headline,
        status=status,
        published_at=published_at,
        authors=[author],
        topics=[topic],
        outlet=outlet,
        states=[state],
    )
    quote = make.quote(article, person, text=f"Words of {person_name}.")
    return {
        "article": article,
        "person": person,
        "quote": quote,
        "author": author,
        "topic": topic,
        "outlet": outlet,
        "state": make.state(state),
    }


def routes(world, other):
    """(url, texts it must show, texts it must not show) for every public route that can show `world`."""
    article, person, quote = world["article"], world["person"], world["quote"]
    author, topic, outlet, state = world["author"], world["topic"], world["outlet"], world["state"]
    headline, name, words, slug = article.headline, person.name, quote.text, person.slug
    search_word = headline.split()[0]
    others = [other["article"].headline]
    feeds = [
        (f"/feeds/people/{slug}", others),
        (f"/feeds/states/{state.slug}", others),
        (f"/feeds/authors/{author.slug}", others),
        (f"/feeds/topics/{topic.slug}", others),
        ("/feeds/latest", []),
    ]
    return [
        # HTML pages
        ("/", [headline], []),
        ("/articles/", [headline], []),
        (f"/articles/{article.slug}/", [headline, name, words], []),
        (f"/articles/?person={slug}", [headline], others),
        (f"/articles/?author={author.slug}", [headline], others),
        (f"/articles/?topic={topic.slug}", [headline], others),
        (f"/articles/?outlet={outlet.slug}", [headline], others),
        (f"/articles/?state={state.code}", [headline], others),
        ("/quotes/", [words], []),
        (f"/quotes/?person={slug}", [words], []),
        (f"/quotes/?topic={topic.slug}", [words], []),
        (f"/quotes/?state={state.code}", [words], []),
        (f"/quotes/{quote.pk}/", [words, name], []),
        ("/people/", [name], []),
        (f"/people/?state={state.code}", [name], []),
        (f"/people/{slug}/", [name, words], []),
        (f"/states/{state.slug}/", [headline, name], []),
        ("/authors/", [author.name], []),
        (f"/authors/{author.slug}/", [headline], []),
        (f"/topics/{topic.slug}/", [headline], []),
        (f"/search/?q={search_word}", [headline], []),
        (f"/search/?q={search_word}&person={slug}", [headline], []),
        (f"/search/?q={search_word}&topic={topic.slug}", [headline], []),
        ("/sitemap-articles.xml", [article.get_absolute_url()], []),
        ("/sitemap-people.xml", [person.get_absolute_url()], []),
        # The API
        ("/api/v1/articles/", [article.slug], []),
        (f"/api/v1/articles/{article.slug}/", [headline], []),
        (f"/api/v1/articles/?person={slug}", [article.slug], others),
        (f"/api/v1/articles/?author={author.slug}", [article.slug], others),
        (f"/api/v1/articles/?topic={topic.slug}", [article.slug], others),
        (f"/api/v1/articles/?outlet={outlet.slug}", [article.slug], others),
        (f"/api/v1/articles/?state={state.code}", [article.slug], others),
        ("/api/v1/quotes/", [words], []),
        (f"/api/v1/quotes/?person={slug}", [words], []),
        (f"/api/v1/quotes/?topic={topic.slug}", [words], []),
        (f"/api/v1/quotes/{quote.pk}/", [words], []),
        ("/api/v1/people/", [slug], []),
        (f"/api/v1/people/?state={state.code}", [slug], []),
        (f"/api/v1/people/{slug}/", [name], []),
        # Exports
        ("/quotes/export.csv", [words], []),
        ("/quotes/export.json", [words], []),
        (f"/quotes/export.csv?person={slug}", [words], []),
        (f"/quotes/export.json?person={slug}", [words], []),
        (f"/quotes/export.csv?topic={topic.slug}", [words], []),
        (f"/quotes/export.json?state={state.code}", [words], []),
    ] + [(f"{feed}.{kind}", [headline], hidden) for feed, hidden in feeds for kind in ("rss", "atom")]


def wrong_answers(client, world, other):
    """Each route that doesn't answer 200 with what it must show (and without what it mustn't)."""
    wrong = []
    for url, shown, hidden in routes(world, other):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        missing = [item for item in shown if item not in text]
        extra = [item for item in hidden if item in text]
        if response.status_code != 200 or missing or extra:
            wrong.append((url, response.status_code, missing, extra))
    return wrong


def test_an_article_published_after_the_process_started_is_public_on_every_route(client, make, clock):
    t0 = timezone.now()
    earlier = build_world(
        make, "Lighthouse keepers return", "Ottoline Brightwater", "NY", t0 - datetime.timedelta(days=3)
    )
    later = build_world(make, "Zanzibar ferry contract signed", "Zebulon Quartermaine", "WY", None, status="draft")
    # Every route served once at T0: whatever is built at a route's first use is built now.
    assert wrong_answers(client, earlier, later) == []

    # Two days on, the draft is published as of yesterday: a moment after this process started.
    clock.shift(datetime.timedelta(days=2))
    later["article"].status = "published"
    later["article"].published_at = t0 + datetime.timedelta(days=1)
    later["article"].save()

    assert wrong_answers(client, later, earlier) == []
    # The earlier article is still everywhere too.
    assert wrong_answers(client, earlier, later) == []


def test_an_article_scheduled_for_later_goes_live_when_its_moment_passes(client, make, clock):
    t0 = timezone.now()
    earlier = build_world(
        make, "Lighthouse keepers return", "Ottoline Brightwater", "NY", t0 - datetime.timedelta(days=3)
    )
    later = t0 + datetime.timedelta(hours=6)
    scheduled = build_world(make, "Zanzibar ferry contract signed", "Zebulon Quartermaine", "WY", later)
    assert client.get(f"/articles/{scheduled['article'].slug}/").status_code == 404
    assert client.get(f"/api/v1/articles/?person={scheduled['person'].slug}").status_code == 400

    clock.shift(datetime.timedelta(hours=7))

    assert wrong_answers(client, scheduled, earlier) == []


FEEDS = ["people", "states", "authors", "topics"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("feed", FEEDS)
def test_a_feed_for_an_unknown_name_is_404(client, make, feed, kind):
    build_world(make, "Lighthouse keepers return", "Ottoline Brightwater", "NY", timezone.now())
    assert client.get(f"/feeds/{feed}/nobody-by-that-name.{kind}").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("feed", ["people", "authors", "topics"])
def test_a_feed_for_someone_only_in_a_scheduled_article_is_404_until_it_goes_live(client, make, clock, feed, kind):
    build_world(make, "Lighthouse keepers return", "Ottoline Brightwater", "NY", timezone.now())
    scheduled = build_world(
        make,
        "Zanzibar ferry contract signed",
        "Zebulon Quartermaine",
        "WY",
        timezone.now() + datetime.timedelta(hours=1),
    )
    slug = {"people": scheduled["person"], "authors": scheduled["author"], "topics": scheduled["topic"]}[feed].slug
    assert client.get(f"/feeds/{feed}/{slug}.{kind}").status_code == 404

    clock.shift(datetime.timedelta(hours=2))

    response = client.get(f"/feeds/{feed}/{slug}.{kind}")
    assert response.status_code == 200
    assert "Zanzibar ferry contract signed" in response.text
    assert "Lighthouse keepers return" not in response.text


def test_a_feed_whose_filter_refuses_its_subject_is_404_never_everyones_articles(client, make, monkeypatch):
    build_world(make, "Lighthouse keepers return", "Ottoline Brightwater", "NY", timezone.now())
    draft = build_world(make, "Zanzibar ferry contract signed", "Zebulon Quartermaine", "WY", None, status="draft")
    # The feed finds a person the article filter doesn't know (a person with no published quote).
    monkeypatch.setattr(PersonArticlesFeed, "get_queryset", lambda self: Person.objects.all())

    response = client.get(f"/feeds/people/{draft['person'].slug}.rss")

    assert response.status_code == 404
    assert "Lighthouse keepers return" not in response.text
