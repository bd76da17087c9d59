"""Random and malicious input at every public URL and the admin login: never a 5xx, nothing written."""

import string

import pytest
from django.core import serializers
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Byline, Quote
from people.models import Person, Position

pytestmark = pytest.mark.django_db

HOSTILE = [
    "'",
    '"',
    "\\",
    "' OR 1=1 --",
    "1; DROP TABLE articles_article",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "%",
    "_",
    "*",
    "&|!:*()",
    "💥",
    "é" * 300,
    "9" * 40,
    "-1",
    "0",
    "2011-02-30",
    "NaN",
    "ma",
    "MA",
]
PARAMS = ["person", "state", "author", "topic", "outlet", "from", "to", "page", "kind", "party", "q", "next", "o", "p"]
PATHS = [
    *["/", "/articles/", "/quotes/", "/people/", "/states/", "/authors/", "/topics/", "/outlets/", "/search/"],
    *["/sources/", "/compare/", "/quotes/export.csv", "/quotes/export.json", "/api/v1/quotes/", "/feeds/latest.rss"],
    *["/healthz", "/admin/login/"],
]
PATH_PREFIXES = ["/articles/", "/quotes/", "/people/", "/states/", "/authors/", "/admin/", "/static/", "/"]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60), st.text(string.printable, max_size=300))
query = st.dictionaries(st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=10)), text, max_size=5)
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=200)

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def seeded(make):
    speaker = make.person("Deval Patrick", state="MA")
    article = make.article("Patrick refuses", authors=[make.author()], states=["MA"], topics=[make.topic()])
    make.quote(article, speaker, text="No.")
    make.article("A draft", status="draft")


def snapshot():
    return [
        serializers.serialize("json", m.objects.order_by("pk")) for m in (Article, Byline, Quote, Person, Position)
    ]


def fresh_client():
    client = Client(raise_request_exception=False)
    return client


def assert_sane(response, what):
    assert response.status_code < 500, (what, response.status_code)
    assert b"Traceback" not in response.getvalue(), what  # streamed exports too


@SETTINGS
@given(path=st.sampled_from(PATHS), params=query)
def test_query_strings(seeded, path, params):
    before = snapshot()
    assert_sane(fresh_client().get(path, params), (path, params))
    assert snapshot() == before


@SETTINGS
@given(prefix=st.sampled_from(PATH_PREFIXES), tail=st.text(max_size=80))
def test_paths(seeded, prefix, tail):
    from urllib.parse import quote

    path = prefix + quote(tail, safe="/")
    assert_sane(fresh_client().get(path), path)


@SETTINGS
@given(
    path=st.sampled_from(PATHS),
    accept=header_text,
    language=header_text,
    agent=header_text,
    cookie=header_text,
    forwarded=header_text,
)
def test_headers(seeded, path, accept, language, agent, cookie, forwarded):
    response = fresh_client().get(
        path,
        HTTP_ACCEPT=accept,
        HTTP_ACCEPT_LANGUAGE=language,
        HTTP_USER_AGENT=agent,
        HTTP_COOKIE=cookie,
        HTTP_X_FORWARDED_FOR=forwarded,
        HTTP_IF_MODIFIED_SINCE=accept,
        HTTP_IF_NONE_MATCH=agent,
    )
    assert_sane(response, (path, accept, agent, cookie))


@SETTINGS
@given(path=st.sampled_from(PATHS), data=query, username=text, password=text)
def test_form_posts(seeded, path, data, username, password):
    before = snapshot()
    client = fresh_client()
    response = client.post(path, {**data, "username": username, "password": password})
    assert_sane(response, (path, data))
    # Without a CSRF token nothing is accepted; with one, a wrong login changes nothing either.
    client.enforce_csrf_checks = False
    response = client.post("/admin/login/", {"username": username, "password": password, "next": data.get("next", "")})
    assert_sane(response, (username, password))
    assert snapshot() == before
