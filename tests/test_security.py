"""Production settings, headers, login throttling and hostile input."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Outlet
from tests.logins import force_login_verified

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "' onmouseover='alert(1)",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
PUBLIC_PAGES = ["/", "/articles/", "/quotes/", "/people/", "/states/", "/authors/", "/healthz"]


def test_deploy_checks_pass_with_the_documented_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SECRET_KEY": "a" * 30 + "b" * 30 + "c-d-e-f-g",
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DJANGO_SECURE_SSL_REDIRECT": "1",
        "DJANGO_SECURE_HSTS_SECONDS": "31536000",
        "DJANGO_SECURE_HSTS_PRELOAD": "1",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/admin/login/", "/no-such-page/"])
def test_security_headers_on_every_page(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_need_no_inline_script_or_style(client, make, django_user_model):
    article = make.article("Story", authors=[make.author()])
    make.quote(article, make.person())
    force_login_verified(client, django_user_model.objects.create_superuser("admin", password="x" * 20))
    for url in [
        *PUBLIC_PAGES,
        article.get_absolute_url(),
        "/admin/",
        reverse("admin:articles_article_change", args=[article.pk]),
    ]:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        # Every script is loaded from a file, or is a JSON data block, or is the body editor's
        # import map, allowed by its hash on the article form only (tests/test_editor.py).
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            importmap = head == ' type="importmap"' and "/articles/article/" in url
            assert importmap or "src=" in head or 'type="application/json"' in head or "ld+json" in head, (
                url,
                head,
            )


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "options", "trace"])
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/",
        "/search/?q=budget",
        "/quotes/export.csv",
        "/sources/",
        "/states/",
        # The feeds and sitemaps answered 200 to any method, a POST or a DELETE included.
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        "/feeds/states/massachusetts.rss",
        "/sitemap.xml",
        "/sitemap-states.xml",
        # So did the load balancers' health check.
        "/healthz",
    ],
)
def test_reader_pages_answer_only_get_and_head(client, url, method):
    """A reader page only reads (newsroom/canonical.py, reads_query): another method is a 405
    naming the two it takes, not the page (nor a CSRF failure for a client that sent the token)."""
    response = getattr(client, method)(url)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert client.head(url).status_code == 200


def test_healthz_answers_200_uncached_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "up"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "down"


def test_pages_answer_a_friendly_503_while_the_database_is_down(client):
    client.raise_request_exception = False
    with mock.patch("articles.views.Article.objects.published", side_effect=OperationalError("down")):
        response = client.get("/articles/")
    assert response.status_code == 503
    assert "We’ll be right back" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert response["Retry-After"] == "30"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
@pytest.mark.django_db(transaction=True)  # the cancelled query must not abort a test-wide transaction
def test_a_query_past_the_statement_timeout_answers_503(client, make):
    make.article("A story")
    client.raise_request_exception = False
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 1")
    try:
        with mock.patch("articles.views.Article.objects.published") as published:
            # The list's query, slowed past the timeout the server enforces.
            published.return_value = Article.objects.extra(where=["pg_sleep(0.05) IS NOT NULL"])
            response = client.get("/articles/")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_app_servers_get_a_statement_timeout_and_commands_none():
    env = {**os.environ, "DATABASE_URL": "postgres://u@db.example/newsroom", "DJANGO_DEBUG": "1"}
    show = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    command = [
        sys.executable,
        "-c",
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup(); {show}",
    ]
    # Commands: no statement timeout; JIT compilation off everywhere (newsroom/settings.py).
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert "statement_timeout" not in output and "jit=off" in output
    served = {**env, "DATABASE_STATEMENT_TIMEOUT": "10000"}
    output = subprocess.run(command, env=served, capture_output=True, text=True, check=True).stdout
    assert "statement_timeout=10000" in output and "jit=off" in output
    config = (Path(__file__).resolve().parent.parent / "gunicorn.conf.py").read_text()
    assert 'os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10000")' in config


def test_other_server_errors_get_the_500_page(client):
    client.raise_request_exception = False
    with mock.patch("articles.views.Article.objects.published", side_effect=ValueError("bug")):
        response = client.get("/articles/")
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


# -- Login throttling -----------------------------------------------------------------------------


def login(client, username, password, address="10.0.0.1"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_overlong_username_is_a_form_error_not_a_server_error(client):
    # Longer than any account's (150) and than the throttle's column (255), in any alphabet.
    response = login(client, "é" * 300, "'")
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


def test_login_is_refused_after_repeated_failures_from_one_address(client, django_user_model, settings):
    django_user_model.objects.create_superuser("editor", password="right-password-123")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"guess{attempt}", "nope", address="10.1.1.1")
    assert login(client, "editor", "right-password-123", address="10.1.1.1").status_code == 429
    assert login(client, "editor", "right-password-123", address="10.2.2.2").status_code == 302


def test_a_successful_login_resets_the_failures(client, django_user_model, settings):
    django_user_model.objects.create_superuser("editor", password="right-password-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-password-123").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-password-123").status_code == 302


def test_forwarded_for_header_cannot_dodge_the_address_lockout(client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": f"u{attempt}", "password": "x"},
            REMOTE_ADDR="10.3.3.3",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}",
        )
    response = client.post("/admin/login/", {"username": "other", "password": "x"}, REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 429


# -- Hostile content --------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS)
def test_editor_text_is_never_executed_anywhere(client, make, django_user_model, payload):
    speaker = make.person(f"Name {payload}", bio=payload, aliases=payload)
    author = make.author(f"Author {payload}")
    author.bio = payload
    author.save()
    topic, outlet = make.topic(f"Topic {payload}"), make.outlet(f"Outlet {payload}")
    article = make.article(
        f"Headline {payload}",
        dek=payload,
        body=f"Para {payload}\n\n“{payload}” he said.",
        authors=[author],
        topics=[topic],
        outlet=outlet,
        states=["MA"],
    )
    quote = make.quote(article, speaker, text=payload, context=payload, verification="disputed")
    quote.verification_note = payload
    quote.save()
    # Evidence (provenance), as readers see it beside the quote.
    make.evidence(quote, kind="transcript", title=payload, note=payload)
    # A statement page: words long enough to be a statement, the payload among them.
    stated = make.quote(article, speaker, text=f"We will not sign onto the program, {payload}, not this year")
    stated.refresh_from_db()
    assert stated.statement is not None
    make.position(speaker, title=f"Title {payload}", organization=payload)
    pages = [*PUBLIC_PAGES, article.get_absolute_url(), quote.get_absolute_url(), speaker.get_absolute_url()]
    pages += [stated.get_absolute_url(), stated.statement.get_absolute_url()]
    pages += [author.get_absolute_url(), "/states/massachusetts/", f"/articles/?person={payload}"]
    force_login_verified(client, django_user_model.objects.create_superuser("admin", password="x" * 20))
    pages += [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:people_person_change", args=[speaker.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_quote_change", args=[quote.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x onerror" not in html, url
        assert "<svg/onload" not in html, url
        assert "onmouseover='alert" not in html, url
        assert "14" + "2026" not in html, url  # template syntax in data is never evaluated
    # The new fields are on their pages, as text: the note and the evidence beside the quote.
    client.logout()
    shown = client.get(quote.get_absolute_url()).content.decode()
    assert shown.count(escape(payload)) >= 3, shown  # its words, the verification note, the evidence


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "ftp://x.org/"]
)
def test_links_accept_only_web_addresses(editor_client, url):
    add = editor_client.post(reverse("admin:articles_outlet_add"), {"name": "Bad", "slug": "bad", "homepage_url": url})
    assert add.status_code == 200 and not Outlet.objects.filter(slug="bad").exists()
    with pytest.raises(Exception):  # noqa: B017 - the database refuses it too (IntegrityError)
        from django.db import transaction

        with transaction.atomic():
            Article.objects.create(headline="x", slug="x", original_url=url)


@pytest.fixture
def editor_client(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("admin", password="x" * 20))
    return client


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com", "https:evil.example.com"]
)
def test_login_redirects_only_within_this_site(client, django_user_model, target):
    django_user_model.objects.create_superuser("editor", password="right-password-123")
    response = client.post(
        "/admin/login/?next=" + target, {"username": "editor", "password": "right-password-123", "next": target}
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_oversized_form_post_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/admin/login/", {"username": "x" * 20_000, "password": "y"})
    assert response.status_code == 400


def test_editor_text_stays_text_in_feeds_exports_and_the_api(client, make):
    import csv
    import io
    import json

    import feedparser

    payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    article = make.article(f"Headline {payload}", dek=payload, authors=[make.author(f"Author {payload}")])
    make.quote(article, make.person(f"Name {payload}"), text=payload)
    feed = feedparser.parse(client.get("/feeds/latest.rss").content)
    assert not feed.bozo and feed.entries[0].title == f"Headline {payload}"  # escaped in XML, intact as text
    assert b"<script>alert" not in client.get("/feeds/latest.atom").content
    rows = list(csv.reader(io.StringIO(b"".join(client.get("/quotes/export.csv").streaming_content).decode())))
    assert rows[1][4] == payload
    exported = json.loads(b"".join(client.get("/quotes/export.json").streaming_content))
    assert exported[0]["text"] == payload
    response = client.get("/api/v1/quotes/")
    assert response["Content-Type"] == "application/json" and response.json()["results"][0]["text"] == payload
