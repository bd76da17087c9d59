"""Anonymous clients get a budget of costly requests per address (the API, search, filtered lists),
answered 429 with Retry-After past it; page-cache hits and signed-in editors are never counted."""

import pytest
from django.contrib.auth.models import Group

from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db

LIMIT = 3
COSTLY = [
    "/api/v1/articles/",
    "/api/v1/quotes/?state=MA",
    "/search/?q=governor",
    "/articles/?state=MA",
    "/quotes/?kind=direct",
    "/people/?q=gov",
    "/quotes/export.csv?state=MA",
]


@pytest.fixture(autouse=True)
def low_limit(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"reader": f"{LIMIT}/minute"}}


@pytest.fixture
def story(make):
    person = make.person("Cornelius Quaintance", state="MA")
    article = make.article("Governor refuses the program", states=["MA"])
    make.quote(article, person, text="We will not sign onto it.")


@pytest.mark.parametrize("url", COSTLY)
def test_an_anonymous_client_past_the_limit_gets_429_with_retry_after(client, story, url):
    for _ in range(LIMIT):
        assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get(url, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200  # another address, its own budget


def test_the_refusal_is_cheap_and_never_cached(client, story, django_assert_num_queries):
    for _ in range(LIMIT):
        client.get("/search/?q=governor")
    with django_assert_num_queries(0):
        refused = client.get("/search/?q=governor")
    assert refused.status_code == 429 and "Too many requests" in refused.text
    assert "no-store" in refused["Cache-Control"]


def test_the_api_and_the_pages_share_one_budget(client, story):
    for url in COSTLY[:LIMIT]:
        assert client.get(url).status_code == 200
    assert client.get("/search/?q=governor").status_code == 429
    assert client.get("/api/v1/people/").status_code == 429


def test_forwarded_for_does_not_open_a_new_budget_without_a_trusted_proxy(client, story):
    for attempt in range(LIMIT):
        client.get("/search/?q=governor", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}")
    refused = client.get("/api/v1/articles/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.99")
    assert refused.status_code == 429


def test_pages_that_cost_little_are_not_counted(client, story):
    for _ in range(LIMIT * 2):
        assert client.get("/").status_code == 200
        assert client.get("/states/").status_code == 200
    assert client.get("/search/?q=governor").status_code == 200


def test_page_cache_hits_are_not_counted(client, story, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    for _ in range(LIMIT * 2):
        assert client.get("/articles/?state=MA").status_code == 200  # one miss, then hits
    assert client.get("/articles/?state=MA")["X-Cache"] == "hit"
    assert client.get("/quotes/?kind=direct").status_code == 200  # the miss was the one counted


def test_a_signed_in_editor_is_never_limited(client, story, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    force_login_verified(client, editor)
    for url in COSTLY * 2:
        assert client.get(url).status_code == 200, url


def test_an_editor_signed_in_by_password_alone_is_counted_like_anyone(client, story, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)  # the second step still to do
    for _ in range(LIMIT):
        client.get("/search/?q=governor")
    assert client.get("/search/?q=governor").status_code == 429
