"""Readers behind Varnish see what editors did: within a second after a publication or an edit
(purged by tag, softly: the old page may be served while one fetch renders the new one), and
never again once a retraction has returned (purged hard).

An editor works in the admin through Varnish (passed, cookies and all); readers read the
pages through it, with no cookie: each page is stored by Varnish (X-Varnish-Cache: HIT) before
the change, so what they see afterwards is the purge's doing, not a page that was never kept.
"""

import http.client
import time
import urllib.error
import urllib.request

import pytest

from tests.test_page_cache import form_fields

LISTS = ["/", "/articles/", "/feeds/latest.rss"]
DRAFT = """
from django.utils import timezone
from articles.models import Article
article = Article.objects.create(
    headline="Harbor bridge vote set", slug="harbor-bridge-vote", body="First.\\n\\nSecond.",
    status=Article.Status.DRAFT, published_at=timezone.now(),
)
print(article.pk, article.get_absolute_url())
"""


def read(url):
    """(status, headers, text) of a reader's GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def stored(base, *paths):
    """Read each page until Varnish serves it from its store (bounded)."""
    for path in paths:
        for _ in range(20):
            status, headers, _ = read(base + path)
            assert status == 200, (path, status)
            assert "Surrogate-Key" not in headers and "Surrogate-Control" not in headers and "xkey" not in headers
            assert headers["X-Cache"] in {"hit", "miss", "stale"}, path  # the app's own, kept
            if headers["X-Varnish-Cache"] == "HIT":
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"Varnish never stored {path}: {headers['X-Varnish-Cache']}")


def within_a_second(check, what):
    """Poll every 50 ms until `check()` holds, for at most a second."""
    deadline = time.monotonic() + 1
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def for_a_second(check, what):
    """`check()` holds every 50 ms for a second."""
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        assert check(), what
        time.sleep(0.05)


def change_article(editor, pk, **values):
    """The editor saves the article's change form with `values` changed, as in a browser."""
    page = f"/admin/articles/article/{pk}/change/"
    fields = [(name, values.get(name, value)) for name, value in form_fields(editor.get(page), "article_form")]
    assert "was changed successfully" in editor.post(page, fields)


def stranger_purge(base):
    """A PURGE from an address outside the purgers' ACL (127.0.0.2: loopback, not 127.0.0.1)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5, source_address=("127.0.0.2", 0))
    try:
        connection.request("PURGE", "/", headers={"xkey-purge": "all"})
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize("app_servers", [1, 2], ids=["one-app-server", "two-app-servers-one-redis"])
def test_publish_edit_and_retract_show_through_varnish(stack, app_servers):
    servers = stack(app_servers)
    base = servers.base
    pk, url = servers.manage("shell", "-c", DRAFT).split()[-2:]
    stored(base, *LISTS)
    assert read(base + url)[0] == 404
    assert all("Harbor bridge" not in read(base + path)[2] for path in LISTS)

    assert stranger_purge(base) == 403
    assert all(read(base + path)[1]["X-Varnish-Cache"] == "HIT" for path in LISTS)

    editor = servers.editor()
    change_article(editor, pk, status="published")
    within_a_second(
        lambda: read(base + url)[0] == 200 and all("Harbor bridge vote set" in read(base + p)[2] for p in LISTS),
        "the published article is missing from a page after a second",
    )

    stored(base, url, *LISTS)
    change_article(editor, pk, headline="Harbor bridge vote delayed")

    def edited():
        texts = [read(base + path)[2] for path in (url, *LISTS)]
        return all("Harbor bridge vote delayed" in text and "vote set" not in text for text in texts)

    within_a_second(edited, "a page still shows the old headline after a second")

    stored(base, url, *LISTS)
    change_article(editor, pk, status="retracted")

    def retracted():
        return read(base + url)[0] == 410 and all("Harbor bridge" not in read(base + path)[2] for path in LISTS)

    for_a_second(retracted, "a reader was served the retracted article after the retraction returned")
