"""What a cache key holds: the release, and only the query parameters a page reads; what a
client can add to the cache by making up addresses is bounded (newsroom/canonical.py,
newsroom/pagecache.py, newsroom/memo.py). tests/production runs the same with Redis."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path, resolve
from django.utils import timezone

from articles.filters import ArticleFilter, QuoteFilter
from newsroom import memo
from newsroom.canonical import query_parameters
from newsroom.memo import remember
from newsroom.settings import code_release


@pytest.fixture
def caches_on(settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_MEMO_SECONDS = 3600
    monkeypatch.setattr(memo, "_local", memo.LocalValues())
    cache.clear()


@pytest.fixture
def quoted(make):
    person = make.person("Quinn Quoted", state="MA")
    article = make.article("Quinn speaks at length", states=["MA"])
    for n in range(25):  # more than a page: the list links to its next page
        make.quote(article, person, text=f"Statement number {n}.")
    return person


def test_parameters_a_page_does_not_read_share_its_stored_copy(client, quoted, caches_on):
    assert client.get("/quotes/?utm_source=one")["X-Cache"] == "miss"
    for url in ["/quotes/?utm_source=two", "/quotes/", "/quotes/?fbclid=x&utm_medium=y"]:
        assert client.get(url)["X-Cache"] == "hit", url
    assert client.get("/quotes/?state=MA&utm_source=three")["X-Cache"] == "miss"
    response = client.get("/quotes/?utm_source=four&state=MA")
    assert response["X-Cache"] == "hit"
    # The page never saw them: its pagination and export links carry only what it reads.
    assert "utm_source" not in response.text and "page=2" in response.text


def test_parameters_a_page_does_not_read_never_reach_its_view(client, quoted):
    response = client.get("/quotes/?utm_source=campaign&person=" + quoted.slug)
    assert response.status_code == 200
    assert "campaign" not in response.text and f"person={quoted.slug}" in response.text


def test_each_page_reads_the_parameters_of_its_filterset_or_form():
    assert query_parameters(resolve("/articles/").func) == ArticleFilter.parameters()
    assert {"person", "state", "from", "to", "page"} <= ArticleFilter.parameters()
    assert query_parameters(resolve("/quotes/export.csv").func) == QuoteFilter.parameters() - {"page"}
    assert query_parameters(resolve("/search/").func) >= {"q", "type", "page", "person", "from", "to"}
    assert query_parameters(resolve("/").func) == frozenset()
    assert query_parameters(resolve("/api/v1/articles/").func) == {*ArticleFilter.parameters(), "page", "format"}


def echo(request):
    return HttpResponse(request.META["QUERY_STRING"])


urlpatterns = [path("echo/", echo)]


@pytest.mark.urls(__name__)
def test_a_view_that_says_nothing_keeps_its_whole_query(client):
    assert client.get("/echo/?b=2&a=1").text == "b=2&a=1"


def test_pages_with_a_query_string_are_stored_within_a_budget_a_minute(client, make, caches_on, settings):
    settings.NEWSROOM_CACHE_VARIANTS = 2
    settings.NEWSROOM_MEMO_SECONDS = 0  # whole pages only: remembered values count too
    make.article("Budget story", states=["MA"])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for url in ["/articles/?state=MA", "/articles/?state=NY", "/articles/?state=CA", "/articles/"]:
            client.get(url)
        hits = {url: client.get(url)["X-Cache"] for url in ["/articles/?state=MA", "/articles/?state=CA"]}
        assert hits == {"/articles/?state=MA": "hit", "/articles/?state=CA": "miss"}
        assert client.get("/articles/")["X-Cache"] == "hit"  # an address without a query: not counted
        clock.shift(datetime.timedelta(minutes=1))
        client.get("/articles/?state=CA")
        assert client.get("/articles/?state=CA")["X-Cache"] == "hit"


def test_values_named_by_what_readers_typed_are_remembered_within_the_budget(db, caches_on, settings):
    settings.NEWSROOM_CACHE_VARIANTS = 3
    calls = []

    def compute(n):
        calls.append(n)
        return n

    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(2):
            for n in range(5):
                assert remember(("search", n), lambda n=n: compute(n), variant=True) == n
            assert remember("whole-list-count", lambda: compute("count")) == "count"
    # The first three searches were stored; the other two computed each time; the rest unbounded.
    assert calls == [0, 1, 2, 3, 4, "count", 3, 4]


def test_stored_pages_and_remembered_values_belong_to_their_release(client, make, caches_on, settings):
    make.article("Release story")
    settings.NEWSROOM_RELEASE = "one"
    client.get("/articles/")
    assert client.get("/articles/")["X-Cache"] == "hit"
    assert remember("answer", lambda: "one's") == "one's"
    settings.NEWSROOM_RELEASE = "two"
    memo._local = memo.LocalValues()  # a new process
    assert client.get("/articles/")["X-Cache"] == "miss"
    assert remember("answer", lambda: "two's") == "two's"
    settings.NEWSROOM_RELEASE = "one"  # a server of the old release, during a rolling restart
    assert client.get("/articles/")["X-Cache"] == "hit"


def test_the_release_is_the_checked_out_commit(tmp_path):
    commit = "0123456789abcdef0123456789abcdef01234567"
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text(commit + "\n")
    assert code_release(tmp_path) == commit[:12]
    (git / "refs" / "heads" / "main").unlink()  # after `git gc`: in packed-refs
    (git / "packed-refs").write_text(
        f"# pack-refs with: peeled\n{'f' * 40} refs/heads/other\n{commit} refs/heads/main\n"
    )
    assert code_release(tmp_path) == commit[:12]
    (git / "HEAD").write_text(commit[::-1] + "\n")  # a detached checkout
    assert code_release(tmp_path) == commit[::-1][:12]


def test_without_git_the_release_is_a_hash_of_the_code_and_templates(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "home.html"
    template.write_text("<h1>Newsroom</h1>")
    first = code_release(tmp_path)
    assert first.startswith("code-") and code_release(tmp_path) == first
    template.write_text("<h1>Newsroom, redesigned</h1>")
    assert code_release(tmp_path) != first
