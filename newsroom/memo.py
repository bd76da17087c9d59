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
    try:
        generation = pagecache.current_generation()
        full_key = f"memo:{generation}:{hashlib.sha256(repr(key).encode()).hexdigest()}"
        stored = pagecache.call(cache.get, full_key)
    except pagecache.CacheUnavailable:
        return compute()
    if stored is not None:
        return stored[0]
    value = compute()
    now = time.time()
    with contextlib.suppress(pagecache.CacheUnavailable):  # logged by pagecache.call
        until = min(now + limit, pagecache.next_scheduled(generation, now))
        if until - now >= 1:
            # Wrapped, so that a remembered None or 0 is told apart from a miss.
            pagecache.call(cache.set, full_key, (value,), math.ceil(until - now))
    return value
