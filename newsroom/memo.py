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
    return remember_each([key], lambda missing: [compute()])[0]


def remember_each(keys, compute):
    """The values named by `keys`, in order: those remembered in this content generation
    from the cache, the rest from compute(missing_keys), which returns their values in order.

    One cache round trip reads them all, and one stores what was computed.
    """
    limit = settings.NEWSROOM_MEMO_SECONDS
    if not limit:
        return compute(keys)
    full_keys = [f"memo:{hashlib.sha256(repr(key).encode()).hexdigest()}" for key in keys]
    try:
        # The generation comes in the same round trip; each value carries the one it was computed in.
        found = pagecache.call(cache.get_many, [pagecache.GENERATION_KEY, *full_keys])
        generation = found.get(pagecache.GENERATION_KEY) or pagecache.current_generation()
    except pagecache.CacheUnavailable:
        return compute(keys)
    values, missing = {}, []
    for index, full_key in enumerate(full_keys):
        stored = found.get(full_key)
        if stored is not None and stored[0] == generation:
            values[index] = stored[1]
        else:
            missing.append(index)
    if missing:
        computed = compute([keys[index] for index in missing])
        values.update(zip(missing, computed, strict=True))
        now = time.time()
        with contextlib.suppress(pagecache.CacheUnavailable):  # logged by pagecache.call
            until = min(now + limit, pagecache.next_scheduled(generation, now))
            if until - now >= 1:
                entries = {full_keys[index]: (generation, values[index]) for index in missing}
                pagecache.call(cache.set_many, entries, math.ceil(until - now))
    return [values[index] for index in range(len(keys))]
