"""Aggregates that change only when content does, remembered until it does.

Counts over a million quotes (people per state, quotes per person, a filtered list's
total) cost hundreds of milliseconds, yet they change only when content is saved or a
scheduled article goes live: the same two events that make a cached page stale. So
`remember()` keeps a result under the page cache's current generation (newsroom.pagecache),
for the same lifetime rules, whether or not whole pages are cached.

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

from . import pagecache


def remember(key, compute, *, variant=False):
    """compute(), or the value it gave earlier in this content generation.

    `key` names the value with every argument it depends on. With the cache down, or
    NEWSROOM_MEMO_SECONDS at 0, compute() runs every time: slower, never wrong. `variant`:
    the key holds what a reader typed, so a client can make up new ones without end.
    """
    return remember_each([key], lambda missing: [compute()], variant=variant)[0]


def remember_object(name, queryset, **lookup):
    """queryset.filter(**lookup).first(), or None, remembered for the content generation: the
    row a reader's detail page is about. `name` says which rows `queryset` admits (the
    published ones, say): a queryset's SQL can hold the time, so it can't name itself."""
    key = ("object", name, sorted(lookup.items()))
    # The lookup comes from the address: a made-up slug is a variant like a made-up search.
    return remember(key, lambda: queryset.filter(**lookup).first(), variant=True)


def remember_each(keys, compute, *, variant=False):
    """The values named by `keys`, in order: those remembered in this content generation,
    the rest from compute(missing_keys), which returns their values in order.

    Within a request the cache is read at most once per call, and not at all once the
    generation is known and this process holds the values (a copy of each, below).
    """
    limit = settings.NEWSROOM_MEMO_SECONDS
    if not limit:
        return compute(keys)
    release = settings.NEWSROOM_RELEASE
    full_keys = [f"memo:{release}:{hashlib.sha256(repr(key).encode()).hexdigest()}" for key in keys]
    now = time.time()
    generation = pagecache.request_generation()
    values = {}
    if generation is not None:
        for index, full_key in enumerate(full_keys):
            found = _local.get(full_key, generation, now)
            if found is not _local.MISSING:
                values[index] = found
    wanted = [index for index in range(len(keys)) if index not in values]
    if not wanted:
        return [values[index] for index in range(len(keys))]
    try:
        fetch = [full_keys[index] for index in wanted]
        # The generation comes in the same round trip; each value carries the one it was computed in.
        found = pagecache.call(cache.get_many, fetch if generation is not None else [pagecache.GENERATION_KEY, *fetch])
        if generation is None:
            generation = found.get(pagecache.GENERATION_KEY) or pagecache.current_generation()
            pagecache.note_generation(generation)
    except pagecache.CacheUnavailable:
        return compute(keys)
    missing = []
    for index in wanted:
        stored = found.get(full_keys[index])
        if stored is not None and stored[0] == generation and now < stored[1]:
            values[index] = stored[2]
            _local.put(full_keys[index], stored)
        else:
            missing.append(index)
    if missing:
        computed = compute([keys[index] for index in missing])
        values.update(zip(missing, computed, strict=True))
        with contextlib.suppress(pagecache.CacheUnavailable):  # logged by pagecache.call
            until = min(now + limit, pagecache.next_scheduled(generation, now))
            if until - now >= 1 and (not variant or pagecache.within_variant_budget(len(missing))):
                entries = {full_keys[index]: (generation, until, values[index]) for index in missing}
                pagecache.call(cache.set_many, entries, math.ceil(until - now))
                for full_key, entry in entries.items():
                    _local.put(full_key, entry)
    return [values[index] for index in range(len(keys))]


class LocalValues:
    """This process's copies of remembered values, each with its generation and end.

    A copy is served only once the request's generation is known to match it, so it is
    exactly as fresh as the shared cache; it saves the round trip and the unpickling of a
    page's dozen remembered values. Anything but plain text and numbers is kept pickled,
    so that no request sees what another did to its copy. The least recently used go first,
    past SIZE entries or BYTES of text and pickles (an article's content is tens of kilobytes).
    """

    MISSING = object()
    SIZE = 4096
    BYTES = 16 * 1024 * 1024
    PLAIN = (str, int, float, bool, type(None))

    def __init__(self):
        self.entries = collections.OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key, generation, now):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != generation or now >= entry[1]:
                return self.MISSING
            self.entries.move_to_end(key)
        plain, value = entry[2], entry[3]
        return value if plain else pickle.loads(value)  # noqa: S301 pickled by put() below

    def put(self, key, stored):
        generation, until, value = stored
        plain = isinstance(value, self.PLAIN)
        value = value if plain else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        size = len(value) if isinstance(value, str | bytes) else 0
        with self.lock:
            if (old := self.entries.pop(key, None)) is not None:
                self.bytes -= old[4]
            self.entries[key] = (generation, until, plain, value, size)
            self.bytes += size
            while len(self.entries) > self.SIZE or self.bytes > self.BYTES:
                self.bytes -= self.entries.popitem(last=False)[1][4]


_local = LocalValues()
