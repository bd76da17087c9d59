"""The production configuration: `make test-production` (pytest tests/production --production-config).

The default suite turns the memo and the page cache off and never lets time pass; here both
caches keep their production lifetimes, Redis is the cache (REDIS_URL, set by the Makefile:
settings.py builds CACHES from it as in production), the clock moves forward between requests
(time-machine) and content changes between requests, committed as an editor's save commits.
Each test starts from an empty Redis database (that database only) and a fresh process state.
"""

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone

from newsroom import dependencies, memo, pagecache

# What settings.py gives these without the default suite's fixtures: the deployed values.
PRODUCTION = {
    "NEWSROOM_MEMO_SECONDS": django_settings.NEWSROOM_MEMO_SECONDS,
    "NEWSROOM_PAGE_CACHE_SECONDS": django_settings.NEWSROOM_PAGE_CACHE_SECONDS,
}


@pytest.fixture(autouse=True)
def _fresh_aggregates(settings):
    # Overrides tests/conftest.py's fixture of the same name: the memo at its production lifetime.
    settings.NEWSROOM_MEMO_SECONDS = PRODUCTION["NEWSROOM_MEMO_SECONDS"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Overrides tests/conftest.py's fixture of the same name: whole pages cached as deployed.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = PRODUCTION["NEWSROOM_PAGE_CACHE_SECONDS"]


@pytest.fixture(autouse=True)
def _production_cache(_fresh_aggregates, _no_page_cache, monkeypatch):
    assert all(PRODUCTION.values()), f"the caches must be on in production: {PRODUCTION}"
    backend = django_settings.CACHES["default"]["BACKEND"]
    assert backend == "django_redis.cache.RedisCache", f"REDIS_URL must be set (make test-production); got {backend}"
    cache.clear()  # FLUSHDB of REDIS_URL's database, and only that one
    # A new process: no copies of remembered values, no back-off, no owed invalidation.
    monkeypatch.setattr(memo, "_local", memo.LocalValues())
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)
    monkeypatch.setattr(dependencies, "_owed", {})
    yield
    cache.clear()


@pytest.fixture
def clock(db):
    """The clock, moved forward with clock.shift(seconds); it ticks on by itself meanwhile."""
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        yield traveller


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` what an editor's save does on commit: the test's transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
