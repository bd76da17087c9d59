"""deploy/varnish/newsroom.vcl and newsroom/purge.py against a stand-in app whose page is held
back on request: a page rendered before a commit and stored by Varnish after the purge of its
tags (its fetch was in flight) is taken out by the purge sent again a moment later."""

import http.server
import threading
import time
import urllib.request

import pytest

from newsroom import purge


class HeldPage(http.server.ThreadingHTTPServer):
    """Answers /page with a tagged page, once `release` is set; anything else at once."""

    def __init__(self):
        self.renders, self.arrived, self.release = 0, threading.Event(), threading.Event()
        super().__init__(("127.0.0.1", 0), HeldPageHandler)


class HeldPageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/page":
            self.server.arrived.set()
            self.server.release.wait(10)
            self.server.renders += 1
        body = f"render {self.server.renders}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/page":
            self.send_header("Surrogate-Key", "all article-1")
            self.send_header("Surrogate-Control", "max-age=300")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def held_page():
    server = HeldPage()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["X-Varnish-Cache"], response.read().decode()


@pytest.mark.parametrize("hard", [True, False], ids=["hard", "soft"])
def test_a_page_stored_just_after_its_purge_is_purged_again(stack, held_page, settings, hard):
    varnish = stack(backends=[held_page.server_address[1]])
    settings.NEWSROOM_PURGE_URLS = [varnish.base + "/"]
    answers = []
    reader = threading.Thread(target=lambda: answers.append(read(varnish.base + "/page")))
    reader.start()
    assert held_page.arrived.wait(10)  # the page is being rendered, as before a commit

    again = purge.varnish_purger(["article-1"], hard)  # after the commit: nothing stored yet
    held_page.release.set()
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
