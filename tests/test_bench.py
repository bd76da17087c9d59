"""make bench's ceiling: prerendered pages through the same stack, and only while benchmarking."""

import importlib
import json

import pytest
from django.urls import clear_url_caches

from newsroom import bench, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceiling(tmp_path, settings):
    """A prerendered page named `home`, and the URL conf reloaded with the ceiling on."""
    (tmp_path / "home.body").write_bytes("<p>Prerendered “home”</p>".encode())
    (tmp_path / "content-types.json").write_text(json.dumps({"home": "text/html; charset=utf-8"}))

    def reload(directory):
        settings.NEWSROOM_BENCH_CEILING_DIR = directory
        bench.prerendered.cache_clear()
        importlib.reload(urls)
        clear_url_caches()

    reload(str(tmp_path))
    yield
    reload("")


def test_ceiling_url_does_not_exist_outside_the_benchmark(client):
    assert client.get("/_bench/ceiling/home").status_code == 404


def test_ceiling_answers_the_prerendered_bytes_through_the_middleware(client, ceiling):
    response = client.get("/_bench/ceiling/home")

    assert response.status_code == 200
    assert response.content == "<p>Prerendered “home”</p>".encode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # The site's middleware ran, as for the real page.
    assert "Content-Security-Policy" in response


def test_ceiling_of_an_unknown_page_is_404(client, ceiling):
    assert client.get("/_bench/ceiling/nothing").status_code == 404
