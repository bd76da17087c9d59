"""Remembered values (newsroom/memo.py): computed once until what they depend on changes.

Saves inside a test's transaction never commit, so edits that should invalidate are made
in django_capture_on_commit_callbacks(execute=True), as after a commit.
"""

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.utils import timezone

from articles.models import Article, Quote
from newsroom import dependencies, pagecache
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


def test_a_value_is_computed_once_until_what_it_depends_on_changes(db):
    compute, calls = counter()

    def about_article_1():
        dependencies.depends_on("article-1")
        return compute()

    assert remember("answer", about_article_1) == 1
    assert remember("answer", about_article_1) == 1
    dependencies.write(["article-2", "person-1"])  # something else changed
    assert remember("answer", about_article_1) == 1
    dependencies.write(["article-1"])
    assert remember("answer", about_article_1) == 2
    dependencies.write(["all"])  # a bulk change: everything
    assert remember("answer", about_article_1) == 3
    assert len(calls) == 3


def test_a_value_that_uses_another_depends_on_what_that_one_does(db):
    compute, _calls = counter()

    def inner():
        dependencies.depends_on("person-7")
        return "inner"

    def outer():
        remember("inner", inner)
        return compute()

    assert remember("outer", outer) == 1
    assert remember("outer", outer) == 1  # the inner value served remembered still counts
    dependencies.write(["person-7"])
    assert remember("outer", outer) == 2


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


def test_a_remembered_total_ends_when_a_scheduled_article_goes_live(client, make, django_capture_on_commit_callbacks):
    make.article("Out now")
    make.article("Coming up", published_at=timezone.now() + datetime.timedelta(seconds=2))
    assert client.get("/articles/").context["page"].paginator.count == 1
    time.sleep(2.1)  # no save happens: only the clock moves past the scheduled moment
    # The request announces it (tallies.go_live) in a transaction of its own, committed before
    # the page is rendered; here, in the test's transaction, the commit comes after the block.
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/healthz")
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
        return [(f"value {key}", {f"article-{key}"}) for key in missing]

    assert remember_each(["a", "b"], compute) == ["value a", "value b"]
    assert remember_each(["c", "a", "b"], compute) == ["value c", "value a", "value b"]
    assert asked == [["a", "b"], ["c"]]
    dependencies.write(["article-b"])
    assert remember_each(["a", "b"], compute) == ["value a", "value b"]
    assert asked[-1] == ["b"]


def test_the_versions_of_values_computed_together_are_read_in_one_round_trip(db, monkeypatch):
    """A cold page computes its twenty items at once: their tags' versions are read together,
    not one round trip per item."""
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, *a, **kw: reads.append(list(keys)) or get_many(keys, *a, **kw))

    def compute(missing):
        return [(f"value {key}", {f"article-{key}"}) for key in missing]

    request_started.send(sender=None)  # versions are known for the rest of a request only
    try:
        assert remember_each(["a", "b", "c"], compute) == ["value a", "value b", "value c"]
    finally:
        request_finished.send(sender=None)
    read_with_items = [keys for keys in reads if any(key.startswith("tag:article-") for key in keys)]
    assert len(read_with_items) == 1
    assert {"tag:article-a", "tag:article-b", "tag:article-c"} <= set(read_with_items[0])


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


def test_an_item_is_rendered_once_until_it_changes_and_per_context(db, make, django_assert_num_queries):
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


def test_a_search_page_is_ranked_once_until_content_changes(client, make, django_capture_on_commit_callbacks):
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


# Within a request, remembered values are read from the shared cache at most once, and the
# version of each tag they depend on too.


def test_a_warm_list_page_reads_each_value_and_version_at_most_once(client, make, monkeypatch):
    make.article("Patrick balks", states=["MA"], authors=[make.author()])
    first = client.get("/articles/")
    read = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, *args, **kw: read.extend(keys) or get_many(keys, *args, **kw))
    again = client.get("/articles/")
    assert again.content == first.content
    # Its total, keys, the form's three choice lists and the items: this process's copies,
    # checked against the versions of what they show, each read once.
    read = [key for key in read if not key.startswith("throttle_")]
    assert read and all(key.startswith("tag:") for key in read)
    assert len(read) == len(set(read))


def test_another_servers_change_is_seen_on_the_next_request(client, make):
    make.article("First story")
    assert client.get("/articles/").context["page"].paginator.count == 1
    make.article("Second story")  # not committed: nothing is invalidated here...
    cache.set(dependencies.version_key("article-list"), time.time_ns(), None)  # ...but another server did
    assert client.get("/articles/").context["page"].paginator.count == 2


def test_a_caller_changing_a_remembered_value_changes_nobodys_copy(db):
    # Values come from this process's copies.
    first = remember("people", lambda: [{"name": "Deval Patrick"}])
    first[0]["name"] = "changed"
    first.append("more")
    assert remember("people", list) == [{"name": "Deval Patrick"}]


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
        local.put(f"key{n}", ({"all": 1}, until, "x" * 3_000))
    assert local.bytes <= 10_000
    assert local.get("key0", time.time()) is None  # the oldest went first
    assert local.value(local.get("key4", time.time())) == "x" * 3_000
    local.put("key4", ({"all": 1}, until, "y"))  # replacing an entry gives its bytes back
    assert local.bytes == 2 * 3_000 + 1


def test_remembering_makes_no_query_of_its_own_with_whole_pages_not_cached(db, settings, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    with django_assert_num_queries(0):
        assert remember("first", lambda: 1) == 1
        assert remember("second", lambda: 2) == 2
        assert remember("third", lambda: 3) == 3
