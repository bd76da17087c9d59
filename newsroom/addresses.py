"""Addresses that last: an article, person, author or topic whose slug changes keeps its old
addresses, each answering 301 to the same address under the current slug.

A model that keeps them has a table of its old slugs: a subclass of `OldSlug` with a foreign key
to it, `related_name="redirects"`, and its app calls `keep_old_addresses(model)` in `ready()`.

- Every save that changes the slug records the old one, in the save's transaction, wherever it
  happens: the admin, a history restore (reversion saves raw; pre_save still runs), a merge
  (`redirect_to`). The slug the row takes is freed of any redirect: a slug in use is live, never
  a redirect, whether the row renames back (A→B→A) or a new row takes another's old slug.
- A view decorated with `follows_renames` answers what would be its 404 at an old slug with a 301
  to the same route (page, feed, API, `.json`) under the row's current slug, query string kept.
  An old slug names the row, not the next slug: after A→B→C both A and B lead to C in one hop.
  Only a row the view's gate lets through is followed: a draft's old address is a 404 like it.
- A rename invalidates the row's tag hard: the old address's stored 200 is never served again,
  not even stale. Redirects and 404s are never stored (the page cache keeps 200s only).

django.contrib.redirects doesn't fit: its rows are paths (one per feed and API address, and
rewritten on every later rename for one hop), it answers only after a 404 whatever the view's
gate (a draft's old address would lead to its new one), drops the query string, and needs the
sites framework.
"""

import functools

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from .dependencies import invalidate, tag_of


class OldSlug(models.Model):
    """A slug a row had: its addresses under it answer 301 to the row's (subclasses add the key)."""

    old_slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField("until", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.old_slug


def keep_old_addresses(*models):
    """Record the old slug of every row of `models` whose slug changes."""
    for model in models:
        pre_save.connect(_slug_changing, sender=model, dispatch_uid=f"old-addresses-{model._meta.label}")


def _slug_changing(sender, instance, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    if update_fields is not None and "slug" not in update_fields:
        return
    rows = sender._base_manager.using(using).filter(pk=instance.pk) if instance.pk is not None else None
    before = rows.values_list("slug", flat=True).first() if rows is not None else None
    if before == instance.slug:
        return
    redirect_to(instance, [before] if before else [], using=using)
    if before:
        invalidate({tag_of(instance)}, hard=True, using=using)


def redirect_to(obj, old_slugs, using=DEFAULT_DB_ALIAS):
    """Make `old_slugs` lead to `obj`, and `obj.slug` answer as itself (a redirect of it goes).
    Two queries."""
    relation = type(obj).redirects
    redirects = relation.rel.related_model._default_manager.using(using)
    redirects.filter(old_slug__in=[obj.slug, *old_slugs]).delete()
    redirects.bulk_create(redirects.model(old_slug=slug, **{relation.field.name: obj}) for slug in old_slugs)


def in_use(model, slug):
    """Whether `slug` is the address of a row of `model` or an old one it keeps: a slug chosen
    for a new row automatically shouldn't take either (an editor may). One query."""
    taken = Q(slug=slug) | Q(redirects__old_slug=slug) if hasattr(model, "redirects") else Q(slug=slug)
    return model._default_manager.filter(taken).exists()


def follows_renames(visible):
    """Decorate a view (or feed, or API method) of the row named by its `slug` keyword: where it
    raises Http404, the row of visible(request) that had that slug answers 301 to this route
    under its current slug, with the query string. One query, on a miss only."""

    def decorate(view):
        @functools.wraps(view)
        def following(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                found = visible(request).filter(redirects__old_slug=kwargs["slug"]).first()
                if found is None:
                    raise
                match = request.resolver_match
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs | {"slug": found.slug})
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

        return following

    return decorate
