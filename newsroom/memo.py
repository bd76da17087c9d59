"""Values that change only when content does, remembered until what they show changes.

Counts over a million quotes, a person's profile, a list's keys cost milliseconds to hundreds
of them, yet change only when content they show is saved or a scheduled article goes live.
`remember()` keeps a result with the versions of the tags it depends on
(newsroom.dependencies): those its computation declared, and those of remembered values it
used. It is recomputed once one of them is invalidated, whether or not whole pages are cached.

Keys carry the release (settings.NEWSROOM_RELEASE): new code never reads what the previous
release rendered or pickled. Values named by what a reader typed (`variant=True`: a search,
a filter value, a page number) are stored within the page cache's budget per minute.
"""

import collections
import contextlib
import hashlib
import math
import pickle
import threading
import time

from django.conf import settings
from django.core.cache import cache

from . import dependencies, pagecache


def remember(key, compute, *, variant=False):
    """compute(), or the value it gave earlier, if nothing it depends on has changed since.

    `key` names the value with every argument it depends on. With the cache down, or
    NEWSROOM_MEMO_SECONDS at 0, compute() runs every time: slower, never wrong. `variant`:
    the key holds what a reader typed, so a client can make up new ones without end.
    """

    def compute_one(missing):
        with dependencies.collecting() as tags:
            value = compute()
        return [(value, tags)]

    return remember_each([key], compute_one, variant=variant)[0]


def remember_object(name, queryset, **lookup):
    """queryset.filter(**lookup).first(), or None, remembered until that row changes (or, for
    None, until the list of such rows does): the row a reader's detail page is about. `name`
    says which rows `queryset` admits (the published ones, say): a queryset's SQL can hold the
    time, so it can't name itself."""
    key = ("object", name, sorted(lookup.items()))

    def find():
        found = queryset.filter(**lookup).first()
        # Whether a row is public can depend on what is filed under it (a person with a published
        # quote): that too.
        if found is None:
            dependencies.depends_on(dependencies.list_tag(queryset.model))
        else:
            dependencies.depends_on(dependencies.tag_of(found), dependencies.filed_under(found))
        return found

    # The lookup comes from the address: a made-up slug is a variant like a made-up search.
    return remember(key, find, variant=True)


def remember_each(keys, compute, *, variant=False):
    """The values named by `keys`, in order: those remembered and still current, the rest from
    compute(missing_keys), which returns a (value, tags it depends on) pair for each, in order.

    Whatever is returned, its tags are declared to the page or value being computed. The cache
    is read at most twice per call (values, then versions not yet read in this request), once
    if this process holds copies of the values (below).
    """
    limit = settings.NEWSROOM_MEMO_SECONDS
    if not limit:
        return [value for value, tags in _declared(compute(keys))]
    release = settings.NEWSROOM_RELEASE
    full_keys = [f"memo:{release}:{hashlib.sha256(repr(key).encode()).hexdigest()}" for key in keys]
    now = time.time()
    values = {}
    try:
        stored = {index: _local.get(full_key, now) for index, full_key in enumerate(full_keys)}
        absent = [full_keys[index] for index, entry in stored.items() if entry is None]
        if absent:
            found = pagecache.call(cache.get_many, absent)
            for index, full_key in enumerate(full_keys):
                if full_key in found and now < found[full_key][1]:
                    stored[index] = found[full_key]
                    _local.put(full_key, found[full_key])
        tags = {tag for entry in stored.values() if entry is not None for tag in entry[0]}
        current = pagecache.call(dependencies.versions, tags)
    except pagecache.CacheUnavailable:
        return [value for value, tags in _declared(compute(keys))]
    for index, entry in stored.items():
        if entry is not None and all(current[tag] == version for tag, version in entry[0].items()):
            dependencies.depends_on(*entry[0])
            dependencies.expires(entry[1])  # what shows it can't outlive it
            values[index] = _local.value(entry)
    missing = [index for index in range(len(keys)) if index not in values]
    if missing:
        read_before = dependencies.snapshot()
        started = time.time_ns()
        computed = _declared(compute([keys[index] for index in missing]))
        entries = {}
        with contextlib.suppress(pagecache.CacheUnavailable):  # logged by pagecache.call
            latest = now + limit
            # Every computed value's versions in one round trip, not one per value (a page's items).
            pagecache.call(
                dependencies.versions, {tag for _, tags in computed for tag in dependencies.content_tags(tags)}
            )
            for index, (value, tags) in zip(missing, computed, strict=True):
                found = pagecache.call(
                    dependencies.versions_for_storing, dependencies.content_tags(tags), started, read_before
                )
                if found is not None and (until := min(dependencies.expiry(tags, latest), now + found[1])) > now:
                    entries[full_keys[index]] = (found[0], until, value)
            if entries and (not variant or pagecache.within_variant_budget(len(entries))):
                pagecache.call(cache.set_many, entries, math.ceil(latest - now))
                for full_key, entry in entries.items():
                    _local.put(full_key, entry)
        for index, (value, _tags) in zip(missing, computed, strict=True):
            values[index] = value
    return [values[index] for index in range(len(keys))]


def _declared(computed):
    """The (value, tags) pairs of a computation, their tags declared to what is being computed."""
    computed = list(computed)
    for _value, tags in computed:
        dependencies.depends_on(*tags)
    return computed


class LocalValues:
    """This process's copies of remembered values, each with the versions it was computed at
    and its end.

    A copy is served only once its versions are found current, so it is exactly as fresh as
    the shared cache; it saves the round trip and the unpickling of a page's dozen remembered
    values. Anything but plain text and numbers is kept pickled, so that no request sees what
    another did to its copy. The least recently used go first, past SIZE entries or BYTES of
    text and pickles (an article's content is tens of kilobytes).
    """

    SIZE = 4096
    BYTES = 16 * 1024 * 1024
    PLAIN = (str, int, float, bool, type(None))

    def __init__(self):
        self.entries = collections.OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key, now):
        """(versions, until, kept value) of the copy of `key`, or None; value() unpacks it."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or now >= entry[1]:
                return None
            self.entries.move_to_end(key)
        return entry

    @staticmethod
    def value(entry):
        """The value of an entry of get() or of the shared cache."""
        if len(entry) == 3:  # as stored in the shared cache
            return entry[2]
        plain, value = entry[2], entry[3]
        return value if plain else pickle.loads(value)  # noqa: S301 pickled by put() below

    def put(self, key, stored):
        deps, until, value = stored
        plain = isinstance(value, self.PLAIN)
        value = value if plain else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        size = len(value) if isinstance(value, str | bytes) else 0
        with self.lock:
            if (old := self.entries.pop(key, None)) is not None:
                self.bytes -= old[4]
            self.entries[key] = (deps, until, plain, value, size)
            self.bytes += size
            while len(self.entries) > self.SIZE or self.bytes > self.BYTES:
                self.bytes -= self.entries.popitem(last=False)[1][4]


_local = LocalValues()
