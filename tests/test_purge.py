"""The HTTP cache tier's purge (newsroom/purge.py) against a stand-in Varnish that records
what it is sent; tests/varnish runs it against a real one (make test-varnish)."""

import http.server
import logging
import socket
import threading

import pytest

from newsroom import purge
from tests.test_operations import free_port


class Recorder(http.server.ThreadingHTTPServer):
    def __init__(self, status=200):
        self.requests, self.status = [], status
        super().__init__(("127.0.0.1", 0), RecordingHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _purge_once(monkeypatch):
    monkeypatch.setattr(purge, "REPURGE_AFTER", None)  # test_the_purge_is_sent_again_a_moment_later


@pytest.fixture
def varnish():
    servers = []

    def start(status=200):
        server = Recorder(status)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_edit_soft_purges_its_tags_from_every_varnish(varnish, settings):
    one, two = varnish(), varnish()
    settings.NEWSROOM_PURGE_URLS = [one.url, two.url]
    purge.varnish_purger(["article-12", "article-list", "content"], False)
    for server in (one, two):
        [(method, path, headers)] = server.requests
        assert (method, path) == ("PURGE", "/")
        assert headers["xkey-softpurge"] == "article-12 article-list content"
        assert "xkey-purge" not in headers


def test_a_retraction_purges_its_tags_hard(varnish, settings):
    server = varnish()
    settings.NEWSROOM_PURGE_URLS = [server.url]
    purge.varnish_purger(["article-12", "content"], True)
    [(_, _, headers)] = server.requests
    assert headers["xkey-purge"] == "article-12 content"
    assert "xkey-softpurge" not in headers


def test_no_addresses_send_nothing(varnish, settings):
    server = varnish()
    settings.NEWSROOM_PURGE_URLS = []
    purge.varnish_purger(["article-12"], True)
    assert server.requests == []


def test_thousands_of_tags_go_in_requests_varnish_accepts(varnish, settings):
    server = varnish()
    settings.NEWSROOM_PURGE_URLS = [server.url]
    tags = [f"article-{n}" for n in range(5000)]
    purge.varnish_purger(tags, True)
    values = [headers["xkey-purge"] for _, _, headers in server.requests]
    assert len(values) > 1 and all(len(value) <= purge.MAX_HEADER for value in values)
    assert [tag for value in values for tag in value.split(" ")] == tags


def test_a_varnish_down_refusing_or_silent_is_logged_and_the_others_still_purged(varnish, settings, caplog):
    refusing, working = varnish(status=403), varnish()
    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    down = f"http://127.0.0.1:{free_port()}/"
    settings.NEWSROOM_PURGE_URLS = [down, refusing.url, f"http://127.0.0.1:{silent.getsockname()[1]}/", working.url]
    try:
        with caplog.at_level(logging.ERROR, logger="newsroom.purge"):
            purge.varnish_purger(["article-12"], False)
    finally:
        silent.close()
    assert len(working.requests) == 1 and len(refusing.requests) == 1
    failures = [record.getMessage() for record in caplog.records if record.name == "newsroom.purge"]
    assert len(failures) == 3
    assert any("403" in failure for failure in failures)


def test_the_purge_is_sent_again_a_moment_later(varnish, settings, monkeypatch):
    # For a page rendered before the commit that reached Varnish after the first purge.
    monkeypatch.setattr(purge, "REPURGE_AFTER", 0.01)
    server = varnish()
    settings.NEWSROOM_PURGE_URLS = [server.url]
    purge.varnish_purger(["article-12", "content"], True).join()
    assert [headers["xkey-purge"] for _, _, headers in server.requests] == ["article-12 content"] * 2
