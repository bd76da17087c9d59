"""deploy/varnish/newsroom.vcl and newsroom/purge.py against a stand-in app: what Varnish stores,
and a page stored just after the purge of its tags (its fetch was in flight, rendered before the
commit) taken out by the purge sent again a moment later."""

import http.server
import threading
import time
import urllib.request
from collections import Counter

import pytest

from newsroom import purge

TAGGED = {"Surrogate-Key": "all article-1", "Surrogate-Control": "max-age=300", "X-Cache": "miss"}
# What the stand-in app answers, by path: /page is held back until `release` is set.
PAGES = {
    "/page": TAGGED,
    "/tagged": TAGGED,
    "/stale": {**TAGGED, "X-Cache": "stale"},  # the app's old copy, served while it renders anew
    "/expired": {**TAGGED, "Surrogate-Control": "max-age=0"},
    "/untagged": {"X-Cache": "miss"},
    "/cookie": {**TAGGED, "Set-Cookie": "csrftoken=abc"},
}


class StandIn(http.server.ThreadingHTTPServer):
    def __init__(self):
        self.renders, self.arrived, self.release = Counter(), threading.Event(), threading.Event()
        super().__init__(("127.0.0.1", 0), StandInHandler)


class StandInHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/page":
            self.server.arrived.set()
            self.server.release.wait(10)
        self.server.renders[self.path] += 1
        body = f"render {self.server.renders[self.path]}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        for name, value in PAGES.get(self.path, {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def app():
    server = StandIn()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["X-Varnish-Cache"], response.read().decode()


def test_only_tagged_pages_with_a_lifetime_are_stored_and_tags_never_reach_the_reader(stack, app):
    varnish = stack(backends=[app.server_address[1]])
    with urllib.request.urlopen(varnish.base + "/tagged", timeout=10) as response:
        assert response.headers["X-Cache"] == "miss"  # the app's own, kept
        assert not {"Surrogate-Key", "Surrogate-Control", "xkey"} & set(response.headers)
    assert read(varnish.base + "/tagged")[0] == "HIT"
    for path in ["/stale", "/expired", "/untagged", "/cookie"]:
        first, second = read(varnish.base + path), read(varnish.base + path)
        assert first[0] == second[0] == "PASS" and first[1] != second[1], path  # the app's each time


@pytest.mark.parametrize("hard", [True, False], ids=["hard", "soft"])
def test_a_page_stored_just_after_its_purge_is_purged_again(stack, app, settings, hard):
    varnish = stack(backends=[app.server_address[1]])
    settings.NEWSROOM_PURGE_URLS = [varnish.base + "/"]
    answers = []
    reader = threading.Thread(target=lambda: answers.append(read(varnish.base + "/page")))
    reader.start()
    assert app.arrived.wait(10)  # the page is being rendered, as before a commit

    again = purge.varnish_purger(["article-1"], hard)  # after the commit: nothing stored yet
    app.release.set()
    reader.join()
    assert answers == [("MISS", "render 1")]
    assert read(varnish.base + "/page")[1] == "render 1"  # stored after the purge: the old page

    again.join()  # the purge sent again
    if hard:
        assert read(varnish.base + "/page") == ("MISS", "render 2")
    else:  # served once more while it's rendered anew in the background
        assert read(varnish.base + "/page") == ("HIT-STALE", "render 1")
        for _ in range(20):
            cached, text = read(varnish.base + "/page")
            if text == "render 2":
                break
            assert cached == "HIT-STALE"
            time.sleep(0.05)
    assert read(varnish.base + "/page") == ("HIT", "render 2")
