"""What each cached page, fragment and remembered value depends on, and invalidating just those.

Content is named by *tags*: `article-12`, `person-3`, `state-MA`, `topic-7`, `author-4`,
`outlet-2`, `quote-90` for the rows themselves; what is filed under a row (a person's quotes, a
state's articles and people, with their counts) by `person-3/filed`, `state-MA/filed` (`filed`);
the membership of a public list by `article-list`, `person-list`, … ;
`content` for anything readers see (what declares nothing, a search, depends on it);
`schedule` for what is scheduled to go live (the next moment, newsroom.pagecache.next_scheduled);
`all` for everything (bulk imports, deploys).

While a page or value is computed, the code that reads content says what it read
(`depends_on`); whatever is stored keeps the *version* of each tag it was computed at. A tag's
version is the moment it was last invalidated, in the shared cache: `invalidate()` writes
new versions once the transaction commits (never before: another server could store the old
content under the new version), so an entry whose versions all still match is current, and
one that doesn't is stale. A version is read before the content it covers, or, when a tag is
first met while computing, checked to be older than the computation (less CLOCK_SKEW, for
servers whose clocks differ a little): a change committed meanwhile is not stored as current
for longer than UNSURE_SECONDS after it, and not at all if it was hard (`versions_for_storing`).

A *hard* invalidation (retraction, unpublishing, deletion) also records its moment under the
tag's hard key: a stale copy older than that is never served, not even while one process
recomputes it (`servable_stale`).
"""

import contextlib
import functools
import math
import threading
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import receiver
from django_redis.cache import RedisCache

# Every entry depends on this besides what it declares: bulk changes and deploys. (A scheduled
# article going live is announced as its publication would be: articles/tallies.go_live.)
ALWAYS = ("all",)
# A version read after the computation it covers began must be older than its start by this
# much (seconds): the largest difference between two servers' clocks (NTP keeps it to ms).
CLOCK_SKEW = 0.25
# What is computed just after a change it may or may not show (a page listing an article
# published a moment ago) is kept this long after that change at most, then computed again.
UNSURE_SECONDS = 1.0

_state = threading.local()


def _collectors():
    if not hasattr(_state, "collectors"):
        _state.collectors = []
    return _state.collectors


def depends_on(*tags):
    """What is being computed (a page, a fragment, a remembered value) shows content named by `tags`."""
    for collected in _collectors():
        collected.update(tags)


@contextlib.contextmanager
def collecting():
    """The set of tags declared within the block, by it and by what it called."""
    tags = set()
    collectors = _collectors()
    collectors.append(tags)
    try:
        yield tags
    finally:
        collectors.pop()  # the innermost is this one


# Declared by views that declare everything they show (`complete`): the page cache drops it.
COMPLETE = "(complete)"
# Declared, with a moment, by what may not be kept past that moment whatever changes (`expires`).
UNTIL = "(until "
# Declared, with a tag and seconds, by what may show that tag's changes late (`lags`).
LAG = "(lag "


def expires(moment):
    """What is being computed may not be kept past `moment` (a timestamp): it shows what its
    tags don't cover (a search finds text any edit may change) or a value kept until then."""
    depends_on(f"{UNTIL}{moment!r})")


def expiry(tags, default):
    """The earliest moment declared by `expires` among `tags`, or `default`."""
    return min((float(tag[len(UNTIL) : -1]) for tag in tags if tag.startswith(UNTIL)), default=default)


def lags(tag, seconds):
    """What is being computed depends on `tag` but may show its changes up to `seconds` late: a
    stored copy is served for that long after a change, then recomputed once; with no change it
    is served for as long as its other tags allow. (A search: any edit may change what it finds,
    and redoing every search at every edit costs more than the newsroom's edits themselves.)"""
    depends_on(tag, f"{LAG}{tag} {seconds!r})")


def lagging(tags):
    """{tag: seconds} declared by `lags` among `tags`; the shortest lag of a tag declared twice."""
    found = {}
    for tag in tags:
        if tag.startswith(LAG):
            name, seconds = tag[len(LAG) : -1].rsplit(" ", 1)
            found[name] = min(float(seconds), found.get(name, math.inf))
    return found


def content_tags(tags):
    """`tags` less what `complete` and `expires` declared: the tags whose versions are kept."""
    return {tag for tag in tags if not tag.startswith("(")}


def complete(view):
    """Mark a view that declares all it shows. A page whose view isn't marked depends on all
    content (`content`) besides whatever its parts declared: a feed or the API, say."""

    @functools.wraps(view)
    def declaring(request, *args, **kwargs):
        depends_on(COMPLETE)
        return view(request, *args, **kwargs)

    return declaring


def tag_of(obj):
    """The tag of one row: `article-12`, `state-MA`."""
    return f"{obj._meta.model_name}-{obj.pk}"


def filed(tag):
    """The tag of what readers see filed under the row tagged `tag`: a state's, person's, topic's,
    author's or outlet's published articles, quotes and people, and the counts kept of them.
    Publishing changes it (and the lists); the row's own tag, which every mention of the row
    shows (a speaker's name and office, a byline), changes only when the row itself does: a new
    article quoting a governor makes their page stale, not every article that quoted them."""
    return f"{tag}/filed"


def filed_under(obj):
    """filed(tag_of(obj)): `state-MA/filed`."""
    return filed(tag_of(obj))


def list_tag(model):
    """The tag of which rows of `model` readers can see, and in what order: `article-list`."""
    return f"{model._meta.model_name}-list"


def version_key(tag):
    return f"tag:{tag}"


def hard_key(tag):
    return f"tag-hard:{tag}"


def _known():
    """Versions already read while serving this request (the same for the whole request)."""
    if getattr(_state, "active", False):
        if getattr(_state, "versions", None) is None:
            _state.versions = {}
        return _state.versions
    return {}  # outside a request: read afresh each time


@receiver(request_started, dispatch_uid="dependencies-request-started")
@receiver(request_finished, dispatch_uid="dependencies-request-finished")
def _new_request(signal, **kwargs):
    _state.active = signal is request_started
    _state.versions = None


def versions(tags):
    """{tag: version} of `tags` and ALWAYS, one round trip for those not read in this request.

    A tag with no version yet (never invalidated, or evicted) is given a new one: nothing stored
    before may pass for current. Raises whatever the cache raises.
    """
    if _owed:
        settle_owed()
    known = _known()
    wanted = [tag for tag in {*tags, *ALWAYS} if tag not in known]
    if wanted:
        found = cache.get_many([version_key(tag) for tag in wanted])
        known.update((tag, found[version_key(tag)]) for tag in wanted if version_key(tag) in found)
        if missing := [tag for tag in wanted if version_key(tag) not in found]:
            known.update(_created(missing))
    return {tag: known[tag] for tag in {*tags, *ALWAYS}}


def _created(tags):
    """{tag: version} for `tags`, found with no version: each is given a new one, unique and
    older than anything being computed (no change has been recorded), unless another process
    gave it one first. On Redis one round trip for them all; elsewhere a few per tag."""
    created = -time.time_ns()
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        versions = {}
        for tag in tags:
            if cache.add(version_key(tag), created, None):
                cache.set(hard_key(tag), created, None)
            versions[tag] = cache.get(version_key(tag), created)
        return versions
    client = backend.client
    names = [client.make_key(version_key(tag)) for tag in tags]
    with client.get_client(write=True).pipeline(transaction=False) as pipe:
        for tag, name in zip(tags, names, strict=True):
            pipe.set(name, created, nx=True)
            pipe.set(client.make_key(hard_key(tag)), created, nx=True)
        pipe.mget(names)
        found = pipe.execute()[-1]
    return {
        tag: created if version is None else client.decode(version) for tag, version in zip(tags, found, strict=True)
    }


def learn(found):
    """{tag: version} read along with an entry (the page cache's hit): known for this request."""
    _known().update(found)


def versions_for_storing(tags, started, read_before):
    """(versions, seconds): the versions to store with something computed from `started`
    (time.time_ns()) that depends on `tags`, and how long it may be kept at most (inf, or a
    moment when it is unsure); None if it may not be stored.

    `read_before`: the versions read before the computation began (safe as they are). A tag
    first met while computing, with a version no older than the computation (less CLOCK_SKEW),
    changed while it ran: what was read may predate the change. Such a copy is kept until
    UNSURE_SECONDS after the change (a stale copy of an ordinary edit is served as long while
    one process recomputes), never when the change was hard (one more round trip, only then).
    """
    current = versions(tags)
    skew = int(CLOCK_SKEW * 1e9)
    unsure = {tag: version for tag, version in current.items() if tag not in read_before and version > started - skew}
    if not unsure:
        return current, math.inf
    hard = cache.get_many([hard_key(tag) for tag in unsure])
    if "all" in unsure or any(hard.get(hard_key(tag), 0) >= version for tag, version in unsure.items()):
        return None
    return current, (max(unsure.values()) - time.time_ns()) / 1e9 + UNSURE_SECONDS


def snapshot():
    """The versions read so far in this request: read before whatever is computed next."""
    return dict(_known())


def is_current(stored, tolerated=()):
    """Whether every version in `stored` ({tag: version}) is still the tag's version, but for
    the `tolerated` tags (a copy within its lag: `lags`), unless one of those had a hard
    invalidation since (a retraction is never shown late; one more round trip, only then)."""
    current = versions(stored)
    changed = [tag for tag, version in stored.items() if current[tag] != version]
    if not changed:
        return True
    if any(tag not in tolerated for tag in changed):
        return False
    hard = cache.get_many([hard_key(tag) for tag in changed])
    return all(hard.get(hard_key(tag), 0) <= stored[tag] for tag in changed)


def servable_stale(stored):
    """Whether a stale entry computed at `stored` may still be served while it is recomputed:
    none of the tags that changed since had a hard invalidation (one round trip)."""
    current = versions(stored)
    changed = [tag for tag, version in current.items() if stored.get(tag) != version]
    hard = cache.get_many([hard_key(tag) for tag in changed])
    return all(hard.get(hard_key(tag), 0) <= stored.get(tag, 0) for tag in changed) and "all" not in changed


# Functions called with (tags, hard) after versions are written: the HTTP cache tier's purge.
_purgers = []


def register_purger(purger):
    if purger not in _purgers:
        _purgers.append(purger)


def invalidate(tags, *, hard=False, using=DEFAULT_DB_ALIAS):
    """Make stale everything that depends on any of `tags`, once the current transaction
    commits (at once outside one). `hard`: no stale copy may be served, anywhere, ever.

    A rolled-back transaction or savepoint takes its invalidations with it.
    """
    tags = set(tags)
    if tags:
        transaction.on_commit(functools.partial(write, tags, tags if hard else ()), using=using)


def write(tags, hard=()):
    """Write new versions of `tags` now (and their hard moment for `hard`), then purge the
    HTTP tier. Cache errors are the page cache's to log; the tags stay owed until written."""
    from . import pagecache  # the page cache reads this module: imported when first used

    now = time.time_ns()
    known = _known()
    for tag in tags:
        known.pop(tag, None)
    entries = {version_key(tag): now for tag in tags} | {hard_key(tag): now for tag in hard}
    try:
        pagecache.call(cache.set_many, entries, None)
    except pagecache.CacheUnavailable:
        _owed.update(entries)
    for purger in _purgers:
        purger(sorted(tags), bool(hard))


# Versions that couldn't be written while the cache was down: written before it's next read.
_owed = {}


def settle_owed():
    """Write versions owed since the cache was last unavailable (before reading any entry)."""
    if _owed:
        now = time.time_ns()
        cache.set_many(dict.fromkeys(_owed, now), None)
        _owed.clear()
