"""Whole pages for anonymous readers, shared by every app server through the default cache.

Each stored page carries the *generation* it was rendered in, a token in the cache that
`bump()` replaces after any change to articles or people commits (signals connected in
apps.py): one write makes every stored page stale on every server, with no list of keys
to purge; a stale entry is re-rendered on its next request or expires by itself. Scheduled articles go live with no
save, so no entry outlives the next scheduled moment.

Keys carry the release (settings.NEWSROOM_RELEASE): after a deploy no server serves a page the
previous code rendered. The generation token alone is shared by every release, so that a change
saved on a server of either release during a rolling restart makes the other's pages stale too.
Pages with a query string are stored within a budget per minute (`within_variant_budget`).
"""

import contextlib
import hashlib
import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-generation"
# The admin, the load balancer's probe and the benchmark's ceiling view are never cached.
SKIPPED_PATHS = ("/admin/", "/healthz", "/_bench/")
# After a cache error this process leaves the cache alone for a while, rather than waiting
# out a connection timeout on every request while Redis is down.
RETRY_AFTER = 10

_unavailable_until = 0.0
# The generation as read for the request being served: what newsroom.memo checks its
# values against, without a round trip each. Reset as each request starts and ends.
_request = threading.local()
# A bump that couldn't be written; retried before this process next reads the cache, so
# that pages stored before the change aren't served once Redis answers again.
_bump_owed = False


class CacheUnavailable(Exception):
    pass


def page_cache(get_response):
    """Serve anonymous GETs from the shared cache; store the pages that may be shared."""
    if not settings.NEWSROOM_PAGE_CACHE_SECONDS:
        raise MiddlewareNotUsed

    def middleware(request):
        if not shareable_request(request):
            return get_response(request)
        key = page_key(request)
        try:
            # One round trip for both: a hit costs a single Redis call.
            found = call(cache.get_many, [GENERATION_KEY, key]) if not _bump_owed else {}
            generation = found.get(GENERATION_KEY) or current_generation()
        except CacheUnavailable:
            return get_response(request)
        note_generation(generation)
        entry = found.get(key)
        if entry and entry["generation"] == generation and timezone.now().timestamp() < entry["until"]:
            response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
            response["X-Cache"] = "hit"
            return response
        response = get_response(request)
        if shareable_response(request, response) and (
            not request.META.get("QUERY_STRING") or within_variant_budget(1)
        ):
            rendered = timezone.now().timestamp()
            # Browsers keep the page but ask again each time: they get a 304 while it's unchanged.
            response["Last-Modified"] = http_date(rendered)
            patch_cache_control(response, max_age=0, must_revalidate=True)
            with contextlib.suppress(CacheUnavailable):  # logged; the page is served all the same
                store(key, generation, response, rendered)
        response["X-Cache"] = "miss"
        return response

    return middleware


def shareable_request(request):
    # Without a session nobody is logged in (staff previews need one): the page is everyone's.
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PATHS)
    )


def shareable_response(request, response):
    cache_control = {
        directive.split("=")[0].strip().lower() for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    vary = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not cache_control & {"private", "no-store"}
        # Only Cookie: we serve no request with a session, so nothing else may vary the page.
        and vary <= {"cookie"}
        # Set when the view asked for a CSRF token; CsrfViewMiddleware resets its value to
        # False on the way out, so what tells is that the key is there at all.
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
    )


def page_key(request):
    # Pages hold absolute URLs: the scheme and host are part of what was rendered. The
    # generation is stored in the entry rather than the key, so that one MGET finds both;
    # an entry of an older generation is simply overwritten by the next render.
    # The query string is canonical by now (newsroom.canonical): only what the page reads.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{settings.NEWSROOM_RELEASE}:{hashlib.sha256(url.encode()).hexdigest()}"


def store(key, generation, response, rendered):
    until = min(rendered + settings.NEWSROOM_PAGE_CACHE_SECONDS, next_scheduled(generation, rendered))
    if until - rendered < 1:
        return  # an article goes live within the second: not worth storing
    # The ETag too, computed once here rather than by ConditionalGetMiddleware on every hit.
    set_response_etag(response)
    headers = dict(response.items())
    entry = {
        "content": response.content,
        "status": response.status_code,
        "headers": headers,
        "until": until,
        "generation": generation,
    }
    # `until` is also checked on each hit: the cache's own expiry is only to the second.
    call(cache.set, key, entry, math.ceil(until - rendered))


def next_scheduled(generation, now):
    """When the next scheduled article goes live (a timestamp, inf if none).

    One query, memoised in the cache for the generation: any save that schedules an
    article bumps it. Recomputed once the memoised moment has passed.
    """
    key = f"page-next-scheduled:{settings.NEWSROOM_RELEASE}:{generation}"
    moment = call(cache.get, key)
    if moment is None or moment <= now:
        upcoming = [when for source in _scheduled_sources if (when := source()) is not None]
        moment = min(upcoming).timestamp() if upcoming else math.inf
        # Pages and remembered values both ask; with whole pages not cached (a timeout of 0
        # would store nothing), remembered values still need it kept.
        call(cache.set, key, moment, max(settings.NEWSROOM_PAGE_CACHE_SECONDS, settings.NEWSROOM_MEMO_SECONDS))
    return moment


# Callables each telling when an app's public content next changes with no save (an article
# scheduled to go live): a datetime, or None. Registered by the apps (their AppConfig.ready()), so
# that this module imports none of them.
_scheduled_sources = []


def register_scheduled(source):
    """Count `source()` among the moments no stored page or remembered value may outlive."""
    if source not in _scheduled_sources:
        _scheduled_sources.append(source)


def within_variant_budget(count):
    """Whether `count` more entries named by what readers typed (a page's query string, a
    search) may be stored this minute: at most settings.NEWSROOM_CACHE_VARIANTS, counted
    across every server. A client making up addresses then adds at most that many entries a
    minute, each gone at its expiry, instead of one per request. A round trip or two, when storing only."""
    try:
        return call(_count_variants, f"variants:{int(time.time()) // 60}", count) <= settings.NEWSROOM_CACHE_VARIANTS
    except CacheUnavailable:
        return False


def _count_variants(key, count):
    try:
        return cache.incr(key, count)
    except ValueError:  # the minute's first: start its count (kept past the minute's end)
        cache.add(key, 0, 120)
        return cache.incr(key, count)


def current_generation():
    if _bump_owed:
        bump()
    generation = call(cache.get, GENERATION_KEY)
    if generation is None:
        # The first request, or the cache was emptied: start a generation. add() keeps the
        # token of another server that started one meanwhile.
        token = time.time_ns()
        generation = token if call(cache.add, GENERATION_KEY, token, None) else call(cache.get, GENERATION_KEY)
        if generation is None:
            raise CacheUnavailable
    return generation


def request_generation():
    """The generation already read while serving this request, or None."""
    return getattr(_request, "generation", None)


def note_generation(generation):
    """Keep the generation just read for the rest of the request (outside one, don't)."""
    if getattr(_request, "active", False):
        _request.generation = generation


@receiver(request_started, dispatch_uid="pagecache-request-started")
@receiver(request_finished, dispatch_uid="pagecache-request-finished")
def _new_request(signal, **kwargs):
    _request.active = signal is request_started
    _request.generation = None


def bump():
    """Make every stored page stale, on every server: one cache write, never an error."""
    global _bump_owed
    _request.generation = None
    try:
        call(cache.set, GENERATION_KEY, time.time_ns(), None)
    except CacheUnavailable:
        _bump_owed = True
    else:
        _bump_owed = False


def call(operation, *args):
    """Run one cache operation; any failure is logged and raised as CacheUnavailable."""
    global _unavailable_until
    if time.monotonic() < _unavailable_until:
        raise CacheUnavailable
    try:
        return operation(*args)
    except Exception as error:
        logger.warning("Page cache unavailable, serving uncached for %ss: %r", RETRY_AFTER, error)
        _unavailable_until = time.monotonic() + RETRY_AFTER
        raise CacheUnavailable from error


class _Bump:
    """One bump shared by every change of a transaction: the first callback to run does it."""

    done = False

    def __call__(self):
        if not self.done:
            self.done = True
            bump()


_batches = threading.local()  # the _Bump waiting on each database alias: per thread, like connections


def bump_on_commit(using=DEFAULT_DB_ALIAS):
    """Bump once the current transaction commits (at once outside a transaction).

    Never before: another server could re-cache the old content under the new generation.
    Each change registers its own callback, so a rolled-back savepoint takes only its own
    with it; they share one _Bump, so a transaction of a thousand saves writes once.
    """
    batch = getattr(_batches, using, None)
    if batch is None or batch.done:
        batch = _Bump()
        setattr(_batches, using, batch)
    transaction.on_commit(batch, using=using)


def content_changed(sender, using=DEFAULT_DB_ALIAS, action="post_", **kwargs):
    """Receiver of post_save, post_delete and m2m_changed for the articles and people apps."""
    if action.startswith("post_"):  # m2m_changed also sends pre_add, pre_remove, pre_clear
        bump_on_commit(using)
