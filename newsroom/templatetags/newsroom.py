import json

from django import forms, template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from newsroom.dependencies import depends_on, tag_of
from newsroom.memo import remember

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_form(context, filterset, label="Filter", live=False):
    """A list's filter form (includes/filter_form.html), rendered once per address and values
    until the lists its choices come from change: a form of a few hundred options rendered
    through the widget templates took longer than the rest of a remembered list page."""
    request = context["request"]
    data = {"filter": filterset, "label": label, "live": live, "request": request}
    form = filterset.form
    return _remembered_form(request, form, form.fields, "includes/filter_form.html", data, (label, live))


@register.simple_tag(takes_context=True)
def filter_fields(context, filterset, names):
    """The fields `names` of `filterset`'s form (includes/filter_fields.html), remembered as
    filter_form is: the search form's filters."""
    request = context["request"]
    data = {"fields": [filterset.form[name] for name in names]}
    fields = {name: filterset.form.fields[name] for name in names}
    return _remembered_form(request, filterset.form, fields, "includes/filter_fields.html", data, tuple(names))


@register.simple_tag(takes_context=True)
def remembered_form(context, form, template_name):
    """A reader's form that is not a list's filters (/compare/'s), rendered by `template_name`
    with `form`, remembered as filter_form is."""
    request = context["request"]
    return _remembered_form(request, form, form.fields, template_name, {"form": form}, ())


def _remembered_form(request, form, fields, template_name, data, extra):
    """`template_name` rendered with `data`, remembered per address, the form's values and
    `extra` until the rows `fields` offer as choices change (rendered afresh when the reader's
    values have errors, which it shows)."""

    def render():
        for name, field in fields.items():
            if isinstance(field, forms.ModelChoiceField) and isinstance(field.widget, forms.Select):
                # Which rows may be chosen, and their names (articles/ and people/invalidation.py).
                depends_on(f"{field.queryset.model._meta.model_name}-choices")
            elif isinstance(field, forms.ModelChoiceField):
                # A typed field shows the name of the row it found: that row.
                found = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
                if found is not None:
                    depends_on(tag_of(found))
        return render_to_string(template_name, data)

    if form.errors:  # shown once, with the reader's own mistakes
        return render()
    values = sorted((name, value) for name, value in form.data.items() if value)
    key = ("filter-form", type(form).__qualname__, template_name, request.path, values, extra)
    return mark_safe(remember(key, render, variant=bool(values)))  # noqa: S308 rendered by an autoescaping template


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with ?page= replaced: pagination keeps the filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


# Characters that could end the script element or start markup inside it, as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026", ord("'"): "\\u0027"}


@register.filter
def jsonld(data):
    """A JSON-LD script element; a `</script>` inside any value can't break out of it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_query_with(context, **changes):
    """The current query string with some parameters replaced and the page reset."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query[key] = value
    return "?" + query.urlencode()


@register.simple_tag
def feed_links(kind, obj, title):
    """<link rel="alternate"> to the RSS and Atom feeds of articles about `obj` (kind: person, state…)."""
    links = [
        ("application/rss+xml", "RSS", reverse(f"articles:{kind}_feed_rss", args=[obj.slug])),
        ("application/atom+xml", "Atom", reverse(f"articles:{kind}_feed_atom", args=[obj.slug])),
    ]
    return format_html_join(
        "\n", '<link rel="alternate" type="{}" title="{} ({})" href="{}">', ((t, title, n, u) for t, n, u in links)
    )
