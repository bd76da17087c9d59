"""Whole pages for anonymous readers, shared by every app server through the default cache.

Each stored page keeps the versions of the tags it depends on (newsroom.dependencies): what
its view and the fragments and values it used declared. A change invalidates those tags only,
so a page is served until something it shows changes. A scheduled article goes live with no
save: the first request after its moment announces it as if it were published then (the apps'
go-live check, which runs before this cache and learns of the next moment from `next_scheduled`);
an HTTP cache in front keeps no page past that moment, so that such a request comes.

When a page is stale, one request recomputes it (it holds the page's lock) while the others
are served the stale copy, unless a tag it depends on was invalidated hard (a retraction):
then they wait for that one computation. The HTTP tier in front (deploy/varnish) gets the same
tags as `Surrogate-Key` and is purged by tag (newsroom.purge).

Keys carry the release (settings.NEWSROOM_RELEASE): after a deploy no server serves a page the
previous code rendered. Tag versions are shared by every release, so that a change saved on a
server of either release during a rolling restart makes the other's pages stale too.
Pages with a query string are stored within a budget per minute (`within_variant_budget`).
"""

import contextlib
import functools
import hashlib
import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import default_key_func
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import request_finished, request_started
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django_redis.cache import RedisCache

from . import dependencies

logger = logging.getLogger(__name__)

# The admin, the load balancer's probe and the benchmark's ceiling view are never cached.
SKIPPED_PATHS = ("/admin/", "/healthz", "/_bench/")
# After a cache error this process leaves the cache alone for a while, rather than waiting
# out a connection timeout on every request while Redis is down.
RETRY_AFTER = 10
# How long one request may hold a page's lock while it renders it; others wait at most this
# long for it (polling every LOCK_POLL seconds) before rendering the page themselves.
LOCK_SECONDS = 5
LOCK_POLL = 0.01

_unavailable_until = 0.0


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
            entry = call(lookup, key)
            if entry is not None and fresh(entry):
                return served(entry, "hit")
            locked = call(cache.add, lock_key(key), 1, LOCK_SECONDS)
            # Another request is rendering this page: serve the copy it replaces, or its result.
            if not locked and entry is not None and servable(entry):
                return served(entry, "stale")
        except CacheUnavailable:
            return get_response(request)
        if not locked:
            with contextlib.suppress(CacheUnavailable):
                if (entry := wait_for(key)) is not None:
                    return served(entry, "hit")
        try:
            return render(request, key, get_response)
        finally:
            if locked:
                with contextlib.suppress(CacheUnavailable):
                    call(cache.delete, lock_key(key))

    return middleware


def lookup(key):
    """The entry stored under `key`, or None. On Redis the current versions of the tags it
    depends on are read with it, in one round trip (`_hit_script`), rather than in a second."""
    script = _hit_script()
    if script is None:
        return cache.get(key)
    client = caches[DEFAULT_CACHE_ALIAS].client
    found = script(keys=[client.make_key(key), client.make_key(deps_key(key))], args=[_version_prefix()])
    if not found:
        return None
    entry = client.decode(found[0])
    if len(found) > 2:
        names = found[1].decode().split()
        dependencies.learn(
            {tag: int(version) for tag, version in zip(names, found[2:], strict=True) if version is not None}
        )
    return entry


def fresh(entry):
    moment = now()
    return moment < entry["until"] and call(dependencies.is_current, entry["deps"], lagging(entry, moment))


def lagging(entry, moment):
    """{tag: end}: the tags whose changes `entry` may still show late at `moment` (`lags`)."""
    return {tag: end for tag, end in entry.get("lag", {}).items() if moment < end}


def now():
    # The time as Django tells it (tests move it), as a timestamp.
    return timezone.now().timestamp()


def servable(entry):
    """Whether a stale entry may be served while another request renders its successor."""
    return now() < entry["until"] and call(dependencies.servable_stale, entry["deps"])


def lock_key(key):
    return f"lock:{key}"


def deps_key(key):
    # The names of the tags the page under `key` depends on, space-separated, as a plain string
    # a Redis script can read (the entry itself is pickled).
    return f"deps:{key}"


# A hit reads the page, then the versions of the tags it depends on: two round trips, the
# second naming tags known only from the first. On Redis this script does both in one, reading
# the tags' names kept beside the page. Only the hit path uses it; elsewhere (LocMemCache in
# development) a hit makes two reads of local memory.
HIT_SCRIPT = """
local page = redis.call('GET', KEYS[1])
if not page then return {} end
local names = redis.call('GET', KEYS[2])
if not names then return {page} end
local keys = {}
for name in string.gmatch(names, '%S+') do keys[#keys + 1] = ARGV[1] .. name end
if #keys == 0 then return {page} end
local found = {page, names}
for i, version in ipairs(redis.call('MGET', unpack(keys))) do found[i + 2] = version end
return found
"""


def _hit_script():
    """HIT_SCRIPT, registered, if the cache is django-redis with its default keys; else None."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache) or backend.key_func is not default_key_func:
        return None
    return _registered(backend.client.get_client(write=False))


@functools.cache
def _registered(redis):
    return redis.register_script(HIT_SCRIPT)


def _version_prefix():
    # The Redis key of tag T's version is this followed by T (the default key function).
    return str(caches[DEFAULT_CACHE_ALIAS].client.make_key(dependencies.version_key("")))


def wait_for(key):
    """The page another request is rendering, once stored; None if it stored nothing (not a
    page to store, or it failed) or took longer than LOCK_SECONDS."""
    deadline = time.monotonic() + LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(LOCK_POLL)
        found = call(cache.get_many, [key, lock_key(key)])
        entry = found.get(key)
        if entry is not None and fresh(entry):
            return entry
        if lock_key(key) not in found:
            return None
    return None


def render(request, key, get_response):
    # What every page depends on is read before its content: a schedule saved just before
    # this render can't then keep it from being stored (dependencies.versions_for_storing).
    with contextlib.suppress(CacheUnavailable):
        call(dependencies.versions, ())
    read_before = dependencies.snapshot()
    started = time.time_ns()
    with dependencies.collecting() as tags:
        response = get_response(request)
    # A view that doesn't declare all it shows (a feed, the API) depends on all content.
    until = dependencies.expiry(tags, math.inf)
    lag = dependencies.lagging(tags)
    tags = dependencies.content_tags(tags) | (set() if dependencies.COMPLETE in tags else {"content"})
    if shareable_response(request, response):
        rendered = now()
        # Browsers keep the page but ask again each time: they get a 304 while it's unchanged.
        response["Last-Modified"] = http_date(rendered)
        patch_cache_control(response, max_age=0, must_revalidate=True)
        with contextlib.suppress(CacheUnavailable):  # logged; the page is served all the same
            found = call(dependencies.versions_for_storing, tags, started, read_before)
            if found is not None and (not request.META.get("QUERY_STRING") or within_variant_budget(1)):
                deps, seconds = found
                store(key, deps, response, rendered, min(until, rendered + seconds), lag)
    response["X-Cache"] = "miss"
    return response


def served(entry, state):
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    # A stale copy is for this request only: an HTTP cache in front must not keep it, nor a
    # copy within its lag past the lag's end.
    moment = now()
    end = min([entry["until"], *lagging(entry, moment).values(), _known_moment])
    seconds = max(0, math.floor(end - moment)) if state == "hit" else 0
    response["Surrogate-Control"] = f"max-age={seconds}"
    response["X-Cache"] = state
    return response


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
    # versions the page was rendered at are stored in the entry, not the key: a stale entry
    # can still be served while its successor is rendered, and is then overwritten.
    # The query string is canonical by now (newsroom.canonical): only what the page reads.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{settings.NEWSROOM_RELEASE}:{hashlib.sha256(url.encode()).hexdigest()}"


def store(key, deps, response, rendered, until=math.inf, lag=None):
    """Store `response` under `key`, current at the versions `deps`, until `until` at the
    latest; a change of a tag of `lag` ({tag: seconds}) may be shown that long late."""
    until = min(rendered + settings.NEWSROOM_PAGE_CACHE_SECONDS, until)
    if until <= rendered:
        return
    # The ETag too, computed once here rather than by ConditionalGetMiddleware on every hit.
    set_response_etag(response)
    response["Surrogate-Key"] = " ".join(["all", *sorted(set(deps) - {"all"})])
    # The HTTP tier keeps it no later than the next scheduled moment: a request must reach a
    # server then, for the article going live to be announced (and the tier purged).
    response["Surrogate-Control"] = f"max-age={max(0, math.floor(min(until, next_scheduled(rendered)) - rendered))}"
    headers = {name: value for name, value in response.items() if name != "Surrogate-Control"}
    entry = {"content": response.content, "status": response.status_code, "headers": headers}
    # `until` is also checked on each hit: the cache's own expiry is only to the second.
    entry |= {"until": until, "deps": deps}
    if lag:
        entry["lag"] = {tag: rendered + seconds for tag, seconds in lag.items()}
    call(cache.set, key, entry, math.ceil(until - rendered))
    if _hit_script() is not None:
        client = caches[DEFAULT_CACHE_ALIAS].client
        names = " ".join(sorted(deps))
        call(client.get_client(write=True).set, client.make_key(deps_key(key)), names, math.ceil(until - rendered))


def next_scheduled(now):
    """When the next scheduled article goes live (a timestamp, inf if none; passed if one is
    due and not yet announced).

    One query, remembered in the cache until a save changes what is scheduled (the `schedule`
    tag) or the remembered moment has passed. Raises CacheUnavailable.
    """
    global _known_moment
    if (moment := getattr(_request, "next_scheduled", None)) is not None and moment > now:
        return moment  # asked already while serving this request
    key = f"page-next-scheduled:{settings.NEWSROOM_RELEASE}"
    stored = call(cache.get, key)
    if stored is not None and stored[1] > now and call(dependencies.is_current, stored[0]):
        moment = stored[1]
    else:
        read_before = dependencies.snapshot()
        started = time.time_ns()
        upcoming = [when for source in _scheduled_sources if (when := source()) is not None]
        moment = min(upcoming).timestamp() if upcoming else math.inf
        found = call(dependencies.versions_for_storing, ["schedule"], started, read_before)
        if found is not None and found[1] == math.inf and moment > now:
            call(cache.set, key, (found[0], moment), None)
    _request.next_scheduled = moment if getattr(_request, "active", False) else None
    _known_moment = moment
    return moment


# The moment this process last found by next_scheduled(): what a hit tells an HTTP cache in front
# it may keep the page until, at the latest (no round trip on the hit).
_known_moment = math.inf


# What this thread found while serving the current request (next_scheduled's moment).
_request = threading.local()


@receiver(request_started, dispatch_uid="pagecache-request-started")
@receiver(request_finished, dispatch_uid="pagecache-request-finished")
def _new_request(signal, **kwargs):
    _request.active = signal is request_started
    _request.next_scheduled = None


# Callables each telling when an app's public content next changes with no save (an article
# scheduled to go live): registered by the apps (their AppConfig.ready()), so that this module
# imports none of them.
_scheduled_sources = []


def register_scheduled(source):
    """Count `source()` among the moments of next_scheduled(): when an app's public content
    changes with no save (a datetime, or None; passed while what changed is not announced)."""
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
