"""Reversing URLs once per process: a page links to each person, state and quote on it,
and Django's reverse() checks every argument against its pattern on every call (on
an article page with a dozen quotes, about a hundred calls and a seventh of its time)."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


def reverse(viewname, args=()):
    """django.urls.reverse(viewname, args=args), remembered for this script prefix and URLconf."""
    return _reversed(viewname, tuple(args), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


# A few kilobytes of links per thousand entries; the least recently used go first.
@functools.lru_cache(maxsize=20_000)
def _reversed(viewname, args, prefix, urlconf):
    return django_reverse(viewname, args=args, urlconf=urlconf)


@receiver(setting_changed)
def forget(setting, **kwargs):
    """Tests that swap the URLconf get fresh links (as Django's own URL caches are cleared)."""
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
