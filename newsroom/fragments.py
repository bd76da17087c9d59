"""List items rendered once until what they show changes (fragment caching).

Most of a list page's time goes on its items: twenty articles or quotes, read with their
bylines, speakers or articles, each rendered through templates. An item's markup changes
only when content it shows does, so it is remembered (newsroom.memo) with the tags of what
it shows: the object's `cache_tags()` (the object and the related rows it renders). A list
then reads only its items' keys, and the rows of just those items whose markup is stale.
"""

from django.template.loader import get_template
from django.utils.safestring import mark_safe

from . import dependencies
from .memo import remember, remember_each


def render_each(queryset, template_name, name, *, keys=None, limit=None, list_key=None, list_tags=None, **context):
    """The markup of each object of `queryset`, in its order: `template_name` rendered with the
    object as `name`, and `context`, which must not depend on the request.

    `keys` are the objects' primary keys when known (a page's, `render_page`); otherwise the
    first `limit` of them are read from `queryset`, keys only, and remembered if `list_key`
    names the list, until `list_tags` (default: the list of the queryset's model) change.
    """
    if keys is None:

        def first():
            dependencies.depends_on(*(list_tags or [dependencies.list_tag(queryset.model)]))
            return list(queryset.values_list("pk", flat=True)[:limit])

        keys = remember(("keys", list_key, limit), first) if list_key else first()
    template = get_template(template_name)
    extra = sorted(context.items())

    def render(missing):
        objects = queryset.in_bulk([key[-1] for key in missing])
        # An object gone since its key was read renders as nothing, until its list changes.
        return [
            (template.render({name: objects[pk], **context}), objects[pk].cache_tags())
            if (pk := key[-1]) in objects
            else ("", {dependencies.list_tag(queryset.model)})
            for key in missing
        ]

    rendered = remember_each([("fragment", template_name, extra, pk) for pk in keys], render)
    return [mark_safe(html) for html in rendered]  # noqa: S308 rendered by an autoescaping template


def render_page(page, template_name, name, **context):
    """render_each() for a page of newsroom.filters.paginate(): its keys are read once."""
    return render_each(page.paginator.object_list, template_name, name, keys=page.keys, **context)
