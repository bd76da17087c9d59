"""A budget per client address for the requests that cost a full render: the API (as a DRF
throttle), search and filtered lists (the `rate_limited` view decorator), one shared budget.

Page-cache hits (newsroom/pagecache.py) are served before any view and cost nothing here;
signed-in staff (through the second step where they must pass it) are never counted.
"""

import functools
import math

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from rest_framework.authentication import BaseAuthentication
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from . import pagecache, twofactor


class GuardedCache:
    """The default cache as the page cache uses it: after an error, left alone for a while."""

    def get(self, key, default=None):
        return pagecache.call(cache.get, key, default)

    def set(self, key, value, timeout):
        return pagecache.call(cache.set, key, value, timeout)


def is_admitted_staff(request):
    """Whether a Django request comes from staff signed in through every step.

    Only a client with a session can be; for others the session is left untouched (reading it
    would add Vary: Cookie to every anonymous page).
    """
    user = getattr(request, "user", None)
    return settings.SESSION_COOKIE_NAME in request.COOKIES and user is not None and twofactor.admitted_staff(user)


class AdmittedStaffAuthentication(BaseAuthentication):
    """The API's only authentication: staff signed in to the admin, so that they aren't counted.

    Anyone else is anonymous (UNAUTHENTICATED_USER None). The API only reads, so no CSRF check.
    """

    def authenticate(self, request):
        django_request = request._request  # its user, before DRF replaces it with this result
        return (django_request.user, None) if is_admitted_staff(django_request) else None


class ReaderRateThrottle(SimpleRateThrottle):
    """settings.REST_FRAMEWORK's "reader" rate, per client address (NUM_PROXIES decides which)."""

    scope = "reader"
    cache = GuardedCache()

    def get_rate(self):
        # Read on each use (DRF reads it once, at import): tests and deploys can change it.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except pagecache.CacheUnavailable:
            return True  # with the cache down nothing is counted: readers are served, as pages are

    def get_cache_key(self, request, view):
        if is_admitted_staff(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind NUM_PROXIES trusted proxies (DJANGO_PROXY_COUNT),
    the address the outermost of them saw, counted from the right of X-Forwarded-For: each proxy
    appends the address it was called from, so whatever a client writes there itself stays to the left.
    The login throttle (AXES_CLIENT_IP_CALLABLE) and the rate limits both go by it."""
    proxies = api_settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(view):
    """Answer 429 with Retry-After to a client past its budget, as the API does."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        throttle = ReaderRateThrottle()
        if throttle.allow_request(request, None):
            return view(request, *args, **kwargs)
        wait = math.ceil(throttle.wait() or 1)
        response = render(request, "429.html", {"wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        add_never_cache_headers(response)
        return response

    return limited
