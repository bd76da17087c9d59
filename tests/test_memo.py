"""Remembered aggregates (newsroom/memo.py): computed once per content generation.

Saves inside a test's transaction never commit, so edits that should invalidate are made
in django_capture_on_commit_callbacks(execute=True), as after a commit.
"""

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Quote
from newsroom import pagecache
from newsroom.fragments import render_each
from newsroom.memo import LocalValues, remember, remember_each


@pytest.fixture(autouse=True)
def memo(settings):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    cache.clear()


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_a_value_is_computed_once_per_generation(db):
    compute, calls = counter()
    assert remember("answer", compute) == 1
    assert remember("answer", compute) == 1
    pagecache.bump()
    assert remember("answer", compute) == 2
    assert len(calls) == 2


def test_keys_keep_values_apart_and_falsy_values_are_remembered(db):
    assert remember(("count", 1), lambda: 0) == 0
    assert remember(("count", 1), lambda: 99) == 0
    assert remember(("count", 2), lambda: 5) == 5


def test_with_the_setting_at_zero_every_call_computes(db, settings):
    settings.NEWSROOM_MEMO_SECONDS = 0
    compute, calls = counter()
    remember("answer", compute)
    remember("answer", compute)
    assert len(calls) == 2


def test_list_totals_and_state_counts_follow_a_publication(client, make, django_capture_on_commit_callbacks):
    make.article("First story", states=["MA"])
    assert client.get("/articles/").context["page"].paginator.count == 1

    # Not committed: the remembered total is what readers keep seeing...
    make.article("Second story", states=["MA"])
    assert client.get("/articles/").context["page"].paginator.count == 1
    # ...until a change commits.
    with django_capture_on_commit_callbacks(execute=True):
        make.article("Third story", states=["MA"])
    assert client.get("/articles/").context["page"].paginator.count == 3
    states = {state.code: state for state in client.get("/states/").context["states"]}
    assert states["MA"].article_count == 3


def test_a_remembered_total_ends_when_a_scheduled_article_goes_live(client, make):
    make.article("Out now")
    make.article("Coming up", published_at=timezone.now() + datetime.timedelta(seconds=2))
    assert client.get("/articles/").context["page"].paginator.count == 1
    time.sleep(2.1)  # no save happens: only the clock moves past the scheduled moment
    assert client.get("/articles/").context["page"].paginator.count == 2


def test_the_cache_down_means_computed_afresh(db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
        }
    }
    compute, _calls = counter()
    try:
        assert remember("answer", compute) == 1
        assert remember("answer", compute) == 2
    finally:
        pagecache._unavailable_until = 0.0


def test_remember_each_computes_only_the_missing_values_in_one_call(db):
    asked = []

    def compute(missing):
        asked.append(missing)
        return [f"value {key}" for key in missing]

    assert remember_each(["a", "b"], compute) == ["value a", "value b"]
    assert remember_each(["c", "a", "b"], compute) == ["value c", "value a", "value b"]
    assert asked == [["a", "b"], ["c"]]


# Rendered list items (newsroom/fragments.py) live under the same rules.


def test_an_edit_to_an_author_shows_in_every_remembered_item(client, make, django_capture_on_commit_callbacks):
    author = make.author("Hillary Chabot")
    make.article("Patrick balks at federal program", authors=[author])
    assert "Hillary Chabot" in client.get("/articles/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "H. Chabot"
        author.save()
    for url in ("/", "/articles/", author.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "H. Chabot" in page, url
        assert "Hillary Chabot" not in page, url


def test_an_item_is_rendered_once_per_generation_and_per_context(db, make, django_assert_num_queries):
    speaker = make.person("Deval Patrick")
    article = make.article("Patrick balks")
    quote = make.quote(article, speaker, "We are not going to sign on.")
    quotes = Quote.objects.select_related("speaker__state", "article")
    with_speaker = render_each(quotes, "includes/quote_item.html", "quote", show_speaker=True, show_source=True)
    assert "Deval Patrick" in with_speaker[0]
    with django_assert_num_queries(1):  # the keys; the markup is remembered
        assert render_each(quotes, "includes/quote_item.html", "quote", show_speaker=True, show_source=True) == (
            with_speaker
        )
    # Another context is another fragment.
    without = render_each(quotes, "includes/quote_item.html", "quote", show_speaker=False, show_source=True)
    assert "Deval Patrick" not in without[0]
    assert f'id="quote-{quote.pk}"' in without[0]


def test_an_item_deleted_after_its_key_was_read_renders_as_nothing(db, make):
    article = make.article("Gone in a moment")
    rendered = render_each(Article.objects.all(), "includes/article_item.html", "article", keys=[article.pk + 1000])
    assert rendered == [""]


def test_a_search_page_is_ranked_once_per_generation(client, make, django_capture_on_commit_callbacks):
    speaker = make.person("Mary Beth Heffernan")
    article = make.article("Patrick balks at federal program", body="The program hurts public safety.")
    make.quote(article, speaker, "The program undermines public safety.")
    first = client.get("/search/?q=safety")
    assert found_articles(first) == [article.get_absolute_url()]
    assert "<mark>safety</mark>" in first.content.decode()
    assert client.get("/search/?q=safety").content == first.content  # remembered: the same page
    with django_capture_on_commit_callbacks(execute=True):
        later = make.article("Safety secretary explains", body="Public safety comes first.")
    assert set(found_articles(client.get("/search/?q=safety"))) == {
        article.get_absolute_url(),
        later.get_absolute_url(),
    }


def found_articles(response):
    """The links of the article results on a search page, in order (each result is its markup)."""
    return [re.search(r'href="([^"]+)"', item).group(1) for item in response.context["pages"]["articles"]]


# Within a request, remembered values are read from the shared cache at most once.


def cache_reads(monkeypatch):
    reads = []
    real = pagecache.call

    def counting(operation, *args):
        if getattr(operation, "__name__", "") in ("get", "get_many"):
            reads.append(args)
        return real(operation, *args)

    monkeypatch.setattr(pagecache, "call", counting)
    return reads


def test_a_warm_list_page_reads_the_shared_cache_once(client, make, monkeypatch):
    make.article("Patrick balks", states=["MA"], authors=[make.author()])
    first = client.get("/articles/")
    reads = cache_reads(monkeypatch)
    again = client.get("/articles/")
    # Its total, the form's three choice lists and the items: one read, with the generation
    # (and the reader's rate-limit count, its own: newsroom/throttling.py).
    assert len([read for read in reads if not str(read[0]).startswith("throttle_")]) == 1
    assert again.content == first.content


def test_another_servers_change_is_seen_on_the_next_request(client, make):
    make.article("First story")
    assert client.get("/articles/").context["page"].paginator.count == 1
    make.article("Second story")  # not committed: nothing is bumped here...
    cache.set(pagecache.GENERATION_KEY, time.time_ns(), None)  # ...but another server bumped
    assert client.get("/articles/").context["page"].paginator.count == 2


def test_a_caller_changing_a_remembered_value_changes_nobodys_copy(db):
    # As inside a request whose generation is known: values come from this process's copies.
    pagecache._request.active, pagecache._request.generation = True, pagecache.current_generation()
    try:
        first = remember("people", lambda: [{"name": "Deval Patrick"}])
        first[0]["name"] = "changed"
        first.append("more")
        assert remember("people", list) == [{"name": "Deval Patrick"}]
    finally:
        pagecache._request.active = False
        pagecache._request.generation = None


def test_a_remembered_filter_value_follows_what_it_names(client, make, django_capture_on_commit_callbacks):
    patrick = make.person("Deval Patrick")
    article = make.article("Patrick balks")
    make.quote(article, patrick)
    url = f"/articles/?person={patrick.slug}"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # the lookup remembered
    # Unknown names are the form's error, remembered or not.
    for _ in range(2):
        assert "Nobody by the name" in client.get("/articles/?person=nobody-at-all").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.status = "draft"  # nobody quotes Patrick in public any more
        article.save()
    assert client.get(url).status_code == 400


def test_a_process_keeps_copies_within_its_byte_budget(monkeypatch):
    local = LocalValues()
    monkeypatch.setattr(local, "BYTES", 10_000)
    until = time.time() + 60
    for n in range(5):
        local.put(f"key{n}", ("g1", until, "x" * 3_000))
    assert local.bytes <= 10_000
    assert local.get("key0", "g1", time.time()) is local.MISSING  # the oldest went first
    assert local.get("key4", "g1", time.time()) == "x" * 3_000
    local.put("key4", ("g1", until, "y"))  # replacing an entry gives its bytes back
    assert local.bytes == 2 * 3_000 + 1


def test_with_whole_pages_not_cached_the_next_scheduled_moment_is_still_looked_up_once(
    db, settings, django_assert_num_queries
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    remember("first", lambda: 1)  # looks up when the next scheduled article goes live
    with django_assert_num_queries(0):
        assert remember("second", lambda: 2) == 2
        assert remember("third", lambda: 3) == 3
