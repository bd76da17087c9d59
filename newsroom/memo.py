"""Aggregates that change only when content does, remembered until it does.

Counts over a million quotes (people per state, quotes per person, a filtered list's
total) cost hundreds of milliseconds, yet they change only when content is saved or a
scheduled article goes live: the same two events that make a cached page stale. So
`remember()` keeps a result under the page cache's current generation (newsroom.pagecache),
for the same lifetime rules, whether or not whole pages are cached.
"""

import contextlib
import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from . import pagecache


def remember(key, compute):
    """compute(), or the value it gave earlier in this content generation.

    `key` names the value with every argument it depends on. With the cache down, or
    NEWSROOM_MEMO_SECONDS at 0, compute() runs every time: slower, never wrong.
    """
    limit = settings.NEWSROOM_MEMO_SECONDS
    if not limit:
        return compute()
    full_key = f"memo:{hashlib.sha256(repr(key).encode()).hexdigest()}"
    try:
        # One round trip: the value carries the generation it was computed in.
        found = pagecache.call(cache.get_many, [pagecache.GENERATION_KEY, full_key])
        generation = found.get(pagecache.GENERATION_KEY) or pagecache.current_generation()
    except pagecache.CacheUnavailable:
        return compute()
    stored = found.get(full_key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()
    now = time.time()
    with contextlib.suppress(pagecache.CacheUnavailable):  # logged by pagecache.call
        until = min(now + limit, pagecache.next_scheduled(generation, now))
        if until - now >= 1:
            pagecache.call(cache.set, full_key, (generation, value), math.ceil(until - now))
    return value
