"""Requests no site should serve get a clear 4xx, never a server error, and log no error."""

import logging

import pytest
from django.core.cache import cache


@pytest.fixture(params=["uncached", "page cache"])
def page_cache(request, settings):
    """Both ways a page is served: the page cache reads the Host header before anything else does."""
    if request.param == "page cache":
        settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
        cache.clear()
    return request.param


@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/articles/?person=nobody", "/api/v1/articles/", "/feeds/latest.rss", "/nowhere/"]
)
def test_an_unknown_host_header_is_a_bad_request_and_no_server_error(client, db, page_cache, caplog, url):
    with caplog.at_level(logging.INFO):
        response = client.get(url, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "evil.example" not in response.text
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


def test_a_known_host_header_is_served(client, db, page_cache):
    assert client.get("/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/%00/",
        "/api/v1/people/%00/",
        "/api/v1/quotes/%00/",
        "/api/v1/states/%00/",
        "/articles/%00/",
        "/articles/a%00b/",
        "/people/%00/",
        "/states/%00/",
        "/feeds/people/%00.rss",
        "/admin/articles/article/%00/change/",
        "/admin/people/person/%00/change/",
        "/admin/people/state/%00/change/",
        "/admin/people/state/MA%00/change/",
        "/admin/people/state/%00/history/",
        "/admin/people/state/%00/delete/",
    ],
)
def test_a_nul_character_in_the_path_is_a_bad_request(admin_client, page_cache, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "Bad request" in response.text


@pytest.mark.parametrize("url", ["/api/v1/articles/%00/", "/articles/%00/", "/people/%00/"])
def test_a_nul_character_in_the_path_is_a_bad_request_for_readers_too(client, db, page_cache, url):
    assert client.get(url).status_code == 400
