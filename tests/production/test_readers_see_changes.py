"""Readers see what editors did, with the caches on, Redis as the cache and time passing.

Each test reads the pages first (so that they are stored), moves the clock, changes content
as an editor's save does, and reads again: what a reader sees must have changed everywhere,
the JSON API and the feeds included, and what is stored must stay bounded.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

from articles.models import Article

HOUR = 3600
SHOW_NO_HEADLINE = ("/search/", "/api/v1/quotes/")


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def stored(client, urls):
    """Read each page twice: stored, then served from the cache."""
    for url in urls:
        read(client, url)
        assert client.get(url)["X-Cache"] == "hit", url


def mentions(text, article):
    """Whether a page or document shows `article`: its headline, or its link in the API."""
    return article.headline in text or f"/api/v1/articles/{article.slug}/" in text


def entries():
    """How many keys the cache holds: its Redis database's size."""
    return cache.client.get_client().dbsize()


def story(make, headline, person, state, **fields):
    author, topic = make.author(), make.topic()
    article = make.article(headline, states=[state], authors=[author], topics=[topic], **fields)
    make.quote(article, person, text=f"Words of {person.name}.")
    return article


def pages_showing(article, person, state_slug):
    """Every public address that lists `article`, quoting `person` of the state `state_slug`."""
    slug = person.slug
    return [
        "/",
        "/articles/",
        article.get_absolute_url(),
        f"/articles/?person={slug}",
        f"/articles/?state={person.state_id}",
        "/quotes/",
        f"/quotes/?person={slug}",
        person.get_absolute_url(),
        f"/states/{state_slug}/",
        f"/search/?q={article.headline.split()[0]}",
        "/api/v1/articles/",
        f"/api/v1/articles/?person={slug}",
        f"/api/v1/articles/{article.slug}/",
        f"/api/v1/quotes/?person={slug}",
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        f"/feeds/people/{slug}.rss",
        f"/feeds/states/{state_slug}.atom",
    ]


def test_an_article_published_later_shows_on_every_page_the_api_and_the_feeds(client, make, clock, commit):
    old_hand = make.person("Ottoline Oldhand", state="MA")
    old = story(make, "Oldhand keeps the budget", old_hand, "MA", published_at=timezone.now() - datetime.timedelta(1))
    stored(client, pages_showing(old, old_hand, "massachusetts"))

    clock.shift(HOUR)  # long after this process started
    with commit():
        newcomer = make.person("Nicasia Newcomer", state="NY")
        new = story(make, "Newcomer wins the primary", newcomer, "NY", published_at=timezone.now())
    clock.shift(5)
    for url in pages_showing(new, newcomer, "new-york"):
        assert mentions(read(client, url), new), url
    assert newcomer.name in read(client, f"/api/v1/people/{newcomer.slug}/")
    assert newcomer.name in read(client, "/people/?state=NY")
    for url in ["/", "/articles/", "/api/v1/articles/", "/feeds/latest.rss"]:
        assert "Oldhand keeps the budget" in read(client, url), url


def test_a_scheduled_article_shows_everywhere_at_its_moment_with_no_save(client, make, clock, commit):
    person = make.person("Sabine Schedule", state="MA")
    story(make, "Schedule speaks first", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    with commit():
        later = story(
            make, "Embargoed report lands", person, "MA", published_at=timezone.now() + datetime.timedelta(minutes=10)
        )
    own = [later.get_absolute_url(), f"/api/v1/articles/{later.slug}/"]  # 404 until its moment
    urls = [url for url in pages_showing(later, person, "massachusetts") if url not in own]
    for url in urls:
        assert not mentions(read(client, url), later), url
    stored(client, urls)
    clock.shift(9 * 60)
    assert "Embargoed report" not in read(client, "/articles/")
    clock.shift(60 + 5)  # past its moment: nobody saved anything
    # The first request after it announces the article (tallies.go_live), committed before that
    # request's page is rendered; in the test's transaction, at the end of the block.
    with commit():
        client.get("/healthz")
    for url in [*urls, *own]:
        assert mentions(read(client, url), later), url


def test_a_retracted_article_leaves_every_page_the_api_and_the_feeds(client, make, clock, commit):
    person = make.person("Rufus Retract", state="MA")
    keeper = story(make, "Retract stays on record", person, "MA", published_at=timezone.now() - datetime.timedelta(2))
    gone = story(make, "Mistaken claim printed", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    urls = pages_showing(gone, person, "massachusetts")
    stored(client, urls)

    clock.shift(HOUR)
    with commit():
        gone.status = Article.Status.RETRACTED
        gone.save()
    clock.shift(5)
    for url in [url for url in urls if url not in (gone.get_absolute_url(), f"/api/v1/articles/{gone.slug}/")]:
        assert not mentions(read(client, url), gone), url
    assert client.get(gone.get_absolute_url()).status_code == 410
    assert client.get(f"/api/v1/articles/{gone.slug}/").status_code == 404
    assert "Retract stays on record" in read(client, "/articles/")
    assert keeper.slug in read(client, "/api/v1/articles/")


def test_an_edit_shows_on_every_page_after_time_has_passed(client, make, clock, commit):
    person = make.person("Edwina Edits", state="MA")
    article = story(make, "Council delays the vote", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    # Not the search (for the old headline's first word) nor the quotes' API (which shows no headline).
    urls = [url for url in pages_showing(article, person, "massachusetts") if not url.startswith(SHOW_NO_HEADLINE)]
    stored(client, urls)
    clock.shift(20 * 60)  # beyond the page cache's lifetime, within the memo's
    stored(client, urls)
    with commit():
        article.headline = "Council holds the vote after all"
        article.save()
    for url in urls:
        text = read(client, url)
        assert "Council holds the vote after all" in text and "Council delays" not in text, url


def test_a_thousand_junk_query_strings_leave_the_cache_bounded(client, make, clock, settings):
    person = make.person("Jasper Junk", state="MA")
    article = story(make, "Junk traffic arrives", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    urls = ["/", "/articles/", article.get_absolute_url(), person.get_absolute_url(), "/api/v1/articles/"]
    stored(client, urls)
    before = entries()
    for n in range(1000):
        url = urls[n % len(urls)]
        response = client.get(f"{url}?utm_source=campaign-{n}&fbclid={n}")
        assert response.status_code == 200 and response["X-Cache"] == "hit", url
        assert f"campaign-{n}" not in response.content.decode()
    assert entries() == before

    # Made-up values of what pages do read (a search, a date, a name): at most the budget of
    # entries a minute is stored, whatever the number of requests.
    settings.NEWSROOM_CACHE_VARIANTS = 40

    def junk(n):
        day = datetime.date(1900, 1, 1) + datetime.timedelta(days=n)
        return [f"/search/?q=junk{n}", f"/articles/?from={day}", f"/people/?q=junk{n}"][n % 3]

    for n in range(3):
        read(client, junk(n))  # what these pages remember whatever the values (their forms' choices)
    before, start = entries(), int(timezone.now().timestamp())
    answered = sum(client.get(junk(n)).status_code == 200 for n in range(3, 1003))
    minutes = int(timezone.now().timestamp()) // 60 - start // 60 + 1
    assert answered > settings.NEWSROOM_CACHE_VARIANTS
    # Per minute: the budget, its own count and the client's rate-limit count.
    assert entries() <= before + minutes * (settings.NEWSROOM_CACHE_VARIANTS + 2)


def test_a_template_change_shows_at_once_after_a_restart_with_the_new_release(
    client, make, settings, tmp_path, monkeypatch
):
    from newsroom import memo

    person = make.person("Renata Release", state="MA")
    story(make, "Release day story", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    settings.NEWSROOM_RELEASE = "release-one"
    stored(client, ["/", "/articles/"])
    templates = settings.TEMPLATES[0]
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "article_item.html").write_text("<li>{{ article.headline }} (redesigned)</li>")

    def restart(release):
        """A new process of the given release, with the changed templates: Redis is kept."""
        settings.NEWSROOM_RELEASE = release
        settings.TEMPLATES = [{**templates, "DIRS": [tmp_path, *templates["DIRS"]]}]
        monkeypatch.setattr(memo, "_local", memo.LocalValues())

    restart("release-one")  # the same release: what it stored is still its own
    assert "(redesigned)" not in read(client, "/articles/")
    restart("release-two")
    for url in ["/", "/articles/"]:
        assert "Release day story (redesigned)" in read(client, url), url


def test_a_hit_is_one_round_trip_to_redis_and_still_sees_a_change(client, make, clock, commit, monkeypatch):
    person = make.person("Ulla Onetrip", state="MA")
    article = story(make, "One trip to the cache", person, "MA", published_at=timezone.now() - datetime.timedelta(1))
    urls = ["/", "/articles/", article.get_absolute_url(), person.get_absolute_url()]
    stored(client, urls)
    redis = cache.client.get_client()
    calls = []
    monkeypatch.setattr(type(redis), "execute_command", counting(type(redis).execute_command, calls))
    for url in urls:
        calls.clear()
        response = client.get(url)
        assert response["X-Cache"] == "hit", url
        assert [name for name, *_ in calls] == ["EVALSHA"], (url, calls)
    with commit():
        article.headline = "Two trips after all"
        article.save()
    for url in urls:
        assert "Two trips after all" in read(client, url), url


def counting(execute_command, calls):
    def counted(self, *args, **options):
        calls.append(args)
        return execute_command(self, *args, **options)

    return counted
