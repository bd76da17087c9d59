"""The HTTP cache tier's purge: Varnish in front of the app servers (deploy/varnish/newsroom.vcl).

After the tags' new versions are written (newsroom/dependencies.py), each Varnish named in
NEWSROOM_PURGE_URLS gets a `PURGE` request naming the tags: `xkey-softpurge` after an edit (it
serves the old page while one fetch renders the new one), `xkey-purge` when no stale copy may
be served (a retraction, an unpublishing, a deletion). Synchronous, so that the save that
retracted an article returns only once no cache in front of the app serves it; a Varnish that
doesn't answer within TIMEOUT is logged and skipped, never an error for the editor.

A page whose fetch was in flight during the commit (rendered just before it, still on its way
to Varnish) is stored just after the purge, with the old content: the same purge is sent again
REPURGE_AFTER seconds later, from a thread, to take it out.
"""

import http.client
import logging
import threading
import urllib.parse

from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT = 0.5  # seconds, per request
# Longer than a rendered page takes to reach Varnish from the app (the app itself sends no
# Surrogate-Key for a page whose tags changed while it was rendered).
REPURGE_AFTER = 1.0
# Varnish refuses a request header longer than 8 KB (http_req_hdr_len): longer lists of tags go
# in several requests.
MAX_HEADER = 4000


def batches(tags):
    """The tags, space-separated, in values of at most MAX_HEADER characters."""
    batch = []
    length = 0
    for tag in tags:
        if batch and length + 1 + len(tag) > MAX_HEADER:
            yield " ".join(batch)
            batch, length = [], 0
        length += len(tag) + bool(batch)
        batch.append(tag)
    if batch:
        yield " ".join(batch)


def varnish_purger(tags, hard):
    """Purge `tags` from every Varnish in settings.NEWSROOM_PURGE_URLS now, and again
    REPURGE_AFTER seconds later (the thread doing it is returned); errors are logged."""
    urls = list(settings.NEWSROOM_PURGE_URLS)
    if not urls:
        return None
    send(urls, tags, hard)
    if REPURGE_AFTER is None:
        return None
    again = threading.Timer(REPURGE_AFTER, send, (urls, tags, hard))
    again.start()  # not a daemon: a management command's exit waits for it
    return again


def send(urls, tags, hard):
    header = "xkey-purge" if hard else "xkey-softpurge"
    for url in urls:
        for value in batches(tags):
            _purge(url, header, value)


def _purge(url, header, value):
    parts = urllib.parse.urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request("PURGE", parts.path or "/", headers={header: value})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            logger.error("purge of %s answered %s %s (%s: %s)", url, response.status, response.reason, header, value)
    except (OSError, http.client.HTTPException) as error:
        logger.error("purge of %s failed: %r (%s: %s)", url, error, header, value)
    finally:
        connection.close()
