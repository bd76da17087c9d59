"""The shared page cache: anonymous pages served from it, stale the moment content changes.

Saves inside a test's transaction never commit, so edits are made in
django_capture_on_commit_callbacks(execute=True): the invalidation runs as after a commit.
"""

import contextlib
import datetime
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from articles.models import Article
from newsroom import dependencies, pagecache
from tests.logins import code_from_secret
from tests.test_operations import ROOT, Cluster, free_port, needs_postgres_server, server_env


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def story(make):
    """A published article quoting one person; the pages that show them."""
    person = make.person("Cornelius Quaintance", state="MA")
    make.position(person, title="Governor", state=make.state("MA"))
    article = make.article("Governor refuses the program", states=["MA"])
    quote = make.quote(article, person, text="We will not sign onto it.")
    return {"article": article, "person": person, "quote": quote}


def cached(client, *urls):
    """Read each page until it is served from the cache."""
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
        assert client.get(url)["X-Cache"] == "hit", url


def assert_pages(client, urls, shows=None, hides=None):
    for url in urls:
        text = client.get(url).text
        assert shows is None or shows in text, url
        assert hides is None or hides not in text, url


def test_a_second_anonymous_get_is_served_from_the_cache_with_no_query(client, story, django_assert_num_queries):
    for url in ["/", "/articles/", story["article"].get_absolute_url(), story["person"].get_absolute_url()]:
        first = client.get(url)
        assert first.status_code == 200 and first["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second["X-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_the_host_and_scheme_are_part_of_the_key(client, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    cached(client, "/articles/")
    assert client.get("/articles/", headers={"host": "other.example"})["X-Cache"] == "miss"
    assert client.get("/articles/", secure=True)["X-Cache"] == "miss"
    assert "https://testserver/" in client.get("/articles/", secure=True).text


def test_pages_of_other_addresses_and_queries_are_stored_apart(client, story):
    cached(client, "/articles/")
    assert client.get("/articles/?state=MA")["X-Cache"] == "miss"


def test_a_logged_in_reader_is_never_served_a_cached_page_nor_stores_one(client, story, django_user_model):
    cached(client, "/articles/")
    client.force_login(django_user_model.objects.create_user("reader"))
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/quotes/")
        assert "X-Cache" not in response and len(queries) > 0
    assert "X-Cache" not in client.get("/articles/")
    client.logout()
    assert client.get("/quotes/")["X-Cache"] == "miss"


def test_a_staff_preview_never_enters_the_cache(client, make, admin_client):
    draft = make.article("Secret draft headline", status="draft")
    for _ in range(2):
        preview = admin_client.get(draft.get_absolute_url())
        assert preview.status_code == 200 and "Not published" in preview.text
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404 and "Secret draft" not in response.text


def test_the_admin_login_page_is_never_cached(client):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert response.status_code == 200 and "X-Cache" not in response
        assert "csrftoken" in response.cookies


def test_a_cached_page_carries_no_cookie_of_the_reader_who_filled_it(client, story):
    client.cookies["csrftoken"] = "a" * 32
    cached(client, "/articles/")
    del client.cookies["csrftoken"]
    response = client.get("/articles/")
    assert response["X-Cache"] == "hit"
    assert not response.cookies and "Set-Cookie" not in response
    assert "a" * 32 not in response.text


def page_with_csrf_token(request):
    return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}></form>")


def page_setting_a_cookie(request):
    response = HttpResponse("<p>Welcome back</p>")
    response.set_cookie("seen", "1")
    return response


def private_page(request):
    return HttpResponse("<p>Yours only</p>", headers={"Cache-Control": "private"})


urlpatterns = [
    path("token/", page_with_csrf_token),
    path("cookie/", page_setting_a_cookie),
    path("private/", private_page),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/token/", "/cookie/", "/private/"])
def test_pages_with_a_token_a_cookie_or_marked_private_are_never_stored(client, url):
    for _ in range(2):
        assert client.get(url)["X-Cache"] == "miss"


@pytest.mark.urls(__name__)
def test_a_csrf_token_is_never_served_to_another_reader(client):
    client.cookies["csrftoken"] = "b" * 32
    first = client.get("/token/").text
    del client.cookies["csrftoken"]
    assert client.get("/token/").text != first


def test_publishing_shows_on_every_page_at_once(client, make, django_capture_on_commit_callbacks):
    person = make.person("Hortensia Publishwell")
    draft = make.article("Freshly published story", status="draft", published_at=None)
    quote = make.quote(draft, person, text="Words kept until publication.")
    pages = ["/", "/articles/", "/quotes/"]
    cached(client, *pages)
    assert client.get(draft.get_absolute_url()).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
        draft.save()
    assert_pages(client, pages, shows="Freshly published story")
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert quote.text in client.get(person.get_absolute_url()).text


def test_a_new_headline_shows_on_every_page_at_once(client, story, django_capture_on_commit_callbacks):
    article = story["article"]
    pages = ["/", "/articles/", article.get_absolute_url(), "/quotes/", story["person"].get_absolute_url()]
    cached(client, *pages)
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Governor signs after all"
        article.save()
    assert_pages(client, pages, shows="Governor signs after all", hides="Governor refuses")


def test_a_retracted_article_leaves_every_page_at_once(client, story, django_capture_on_commit_callbacks):
    article = story["article"]
    pages = ["/", "/articles/", "/quotes/", story["person"].get_absolute_url()]
    cached(client, *pages, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.RETRACTED
        article.save()
    assert_pages(client, pages, hides="Governor refuses")
    assert client.get(article.get_absolute_url()).status_code == 410


def test_a_person_renamed_shows_on_every_page_at_once(client, story, django_capture_on_commit_callbacks):
    person = story["person"]
    pages = ["/", "/people/", person.get_absolute_url(), story["article"].get_absolute_url(), "/quotes/"]
    cached(client, *pages)
    with django_capture_on_commit_callbacks(execute=True):
        person.name = "Cornelia Quaintance"
        person.save()
    assert_pages(client, pages, shows="Cornelia Quaintance", hides="Cornelius")


def test_a_quote_reworded_shows_on_every_page_at_once(client, story, django_capture_on_commit_callbacks):
    quote = story["quote"]
    pages = [story["article"].get_absolute_url(), story["person"].get_absolute_url(), "/quotes/"]
    pages.append(quote.get_absolute_url())
    cached(client, *pages)
    with django_capture_on_commit_callbacks(execute=True):
        quote.text = "We may sign onto it later."
        quote.save()
    assert_pages(client, pages, shows="We may sign onto it later.", hides="We will not sign")


def test_a_state_added_to_an_article_shows_at_once(client, story, django_capture_on_commit_callbacks, make):
    article, state_page = story["article"], "/states/new-york/"
    cached(client, state_page)
    assert "Governor refuses" not in client.get(state_page).text
    with django_capture_on_commit_callbacks(execute=True):
        article.states.add(make.state("NY"))  # an m2m change: no save of the article
    assert "Governor refuses" in client.get(state_page).text


def test_a_change_rolled_back_leaves_the_cache_alone(client, story, django_capture_on_commit_callbacks):
    cached(client, "/articles/")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        story["article"].headline = "Never saved"
        story["article"].save()
        transaction.set_rollback(True)
    response = client.get("/articles/")
    assert response["X-Cache"] == "hit" and "Governor refuses" in response.text


def test_a_change_outside_a_rolled_back_savepoint_still_shows(client, story, django_capture_on_commit_callbacks):
    cached(client, "/articles/")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        story["article"].headline = "Governor signs after all"
        story["article"].save()
        with transaction.atomic():
            story["person"].save()
            transaction.set_rollback(True)
    assert "Governor signs after all" in client.get("/articles/").text


def test_a_generated_archive_shows_at_once(client, make, django_capture_on_commit_callbacks):
    cached(client, "/articles/")
    before = client.get("/articles/").text
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_archive", articles=5, people=3, quotes=5, seed=91, stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get("/articles/")
    assert response["X-Cache"] == "miss" and response.text != before


def test_a_scheduled_article_appears_at_its_moment(client, make, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600  # longer than the wait: the schedule must cut it short
    first = timezone.now() + datetime.timedelta(minutes=10)
    second = first + datetime.timedelta(minutes=5)
    make.article("First embargoed story", published_at=first)
    make.article("Second embargoed story", published_at=second)
    cached(client, "/articles/")
    assert "embargoed" not in client.get("/articles/").text
    # The whole clock moves (the first request after a moment counts its article: tallies.go_live).
    with time_machine.travel(first - datetime.timedelta(seconds=1), tick=False):
        response = client.get("/articles/")
        assert response["X-Cache"] == "hit" and "embargoed" not in response.text
    # The first request after a moment announces its article (tallies.go_live) in a transaction of
    # its own, committed before the page is rendered; here the commit comes after the block.
    with time_machine.travel(first, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            client.get("/healthz")
        text = client.get("/articles/").text
        assert "First embargoed story" in text and "Second embargoed" not in text
    with time_machine.travel(second, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            client.get("/healthz")
        assert "Second embargoed story" in client.get("/articles/").text


def test_an_unchanged_page_answers_304_to_its_etag_and_date_from_the_cache(client, story, django_assert_num_queries):
    page = client.get("/articles/")
    assert page["Cache-Control"] == "max-age=0, must-revalidate"
    with django_assert_num_queries(0):
        assert client.get("/articles/", headers={"if-none-match": page["ETag"]}).status_code == 304
        assert client.get("/articles/", headers={"if-modified-since": page["Last-Modified"]}).status_code == 304


def test_an_unchanged_page_answers_304_to_its_etag_and_date_when_rendered_again(client, story):
    moment = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=moment):  # renders in the same second
        page = client.get("/articles/")
        for headers in [{"if-none-match": page["ETag"]}, {"if-modified-since": page["Last-Modified"]}]:
            dependencies.write(["all"])  # the cached copy is stale; the page is the same
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/articles/", headers=headers).status_code == 304
            assert len(queries) > 0  # rendered again, not served from the cache


def test_a_changed_page_answers_200_to_its_old_etag(client, story, django_capture_on_commit_callbacks):
    old = client.get("/articles/")
    with django_capture_on_commit_callbacks(execute=True):
        story["article"].headline = "Governor signs after all"
        story["article"].save()
    response = client.get("/articles/", headers={"if-none-match": old["ETag"]})
    assert response.status_code == 200 and "Governor signs after all" in response.text
    assert response["ETag"] != old["ETag"]


@pytest.fixture
def silent_redis(settings, monkeypatch):
    """A Redis that accepts connections and never answers (the slowest way to be down);
    yields the list of connections made to it."""
    connections, listener = [], socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)

    def accept():
        while listener.fileno() != -1:
            with contextlib.suppress(OSError):
                connections.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{listener.getsockname()[1]}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    # This process backs off the cache after the failure; the next test starts afresh.
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)
    monkeypatch.setattr(dependencies, "_owed", {})
    yield connections
    listener.close()
    thread.join()
    for connection_ in connections:
        connection_.close()


def test_pages_are_served_while_redis_does_not_answer_waiting_once(
    client, story, silent_redis, caplog, django_capture_on_commit_callbacks
):
    for url in ["/", "/articles/", "/quotes/", story["article"].get_absolute_url()] * 3:
        assert client.get(url).status_code == 200, url
    with django_capture_on_commit_callbacks(execute=True):
        story["article"].save()  # a bump that fails is no error either
    # One wait for an answer (0.5 s), then the cache is left alone for a while: not one per request.
    assert len(silent_redis) == 1
    assert "Page cache unavailable" in caplog.text


# -- Two app servers, one database, one Redis --------------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, flushed by the test


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return client


def test_the_redis_cache_keeps_one_client_and_does_what_the_page_cache_asks():
    from django_redis.cache import RedisCache

    redis_or_skip().flushdb()
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "test"})
    backend.set("page", {"content": b"<p>hi</p>"})
    assert backend.get_many(["page", "missing"]) == {"page": {"content": b"<p>hi</p>"}}
    backend.delete("page")
    assert backend.get("page") is None
    # The variant budget's counter (pagecache._count_variants): a missing key is a ValueError.
    with pytest.raises(ValueError):
        backend.incr("variants", 1)
    assert backend.add("variants", 0, 120) and backend.incr("variants", 3) == 3
    assert backend.client.get_client() is backend.client.get_client(write=True)


class FormReader(HTMLParser):
    """The fields a browser would submit from the form with id `form_id`."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.options = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        kind = a.get("type", "text")
        if tag == "input" and a.get("name") and kind not in {"submit", "button", "image", "file", "reset"}:
            if kind not in {"checkbox", "radio"} or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ("on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self.select, self.options = (a["name"], "multiple" in a), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))  # as browsers read it
            self.textarea = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]  # a browser submits the first option
            self.fields += [(name, value) for value in chosen]
            self.select = None


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


class Browser:
    """Cookies kept across requests, as an editor's browser keeps them."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as response:
            return response.read().decode()


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache"), response.read().decode()


@needs_postgres_server
def test_an_admin_edit_on_one_server_shows_on_the_other_within_a_second(tmp_path):
    redis_or_skip().flushdb()
    cluster = Cluster()
    cluster.start()
    env = server_env(cluster.url) | {
        "REDIS_URL": REDIS_URL,
        "NEWSROOM_PAGE_CACHE_SECONDS": "300",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",  # the test speaks plain HTTP
        "DJANGO_SUPERUSER_PASSWORD": "two-servers-test-password",
    }
    manage = [sys.executable, "manage.py"]
    servers = []
    try:
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_demo"],
            ["collectstatic", "--noinput", "-v0"],
            ["createsuperuser", "--noinput", "--username", "editor", "--email", "editor@example.org"],
        ):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        bases = []
        for name in "AB":
            port = free_port()
            log = open(tmp_path / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - closed with the process
            gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"]
            servers.append(subprocess.Popen([*gunicorn, "--workers", "2"], cwd=ROOT, env=env, stdout=log, stderr=log))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
        a, b = bases
        slug = "gov-deval-patrick-refuses-to-sign-immigration-program"
        page = f"{b}/articles/{slug}/"
        assert read(page)[0] == "miss"
        cached_state, text = read(page)
        assert cached_state == "hit" and "Gov. Deval Patrick refuses" in text

        editor = Browser(a)
        login = form_fields(editor.get("/admin/login/"), "login-form")
        login = [(k, v) for k, v in login if k not in {"username", "password"}]
        login += [("username", "editor"), ("password", env["DJANGO_SUPERUSER_PASSWORD"])]
        # A superuser's first sign-in enrols an authenticator app, as a person would: from the page's key.
        enrolment = editor.post("/admin/login/?next=/admin/", login)
        secret = re.search(r'<code class="two-factor-key">([A-Z2-7 ]+)</code>', enrolment).group(1)
        confirm = [(k, v) for k, v in form_fields(enrolment, "login-form") if k != "otp_token"]
        confirm.append(("otp_token", code_from_secret(secret)))
        assert "Log out" in editor.post("/admin/two-factor/setup/", confirm)
        pk = subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                f"from articles.models import Article; print(Article.objects.get(slug={slug!r}).pk)",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        change = f"/admin/articles/article/{pk}/change/"
        fields = form_fields(editor.get(change), "article_form")
        headline = "Gov. Deval Patrick signs the program after all"
        fields = [(k, headline if k == "headline" else v) for k, v in fields]
        assert "was changed successfully" in editor.post(change, fields)

        deadline = time.monotonic() + 1
        while headline not in read(page)[1]:
            assert time.monotonic() < deadline, "server B still serves the old headline after a second"
            time.sleep(0.05)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        cluster.stop()
        shutil.rmtree(cluster.dir, ignore_errors=True)
