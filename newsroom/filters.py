"""What every public list shares: validated ?page=, bounded values, ?from=/?to=."""

import copy
import datetime
import functools
import html

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from . import dependencies
from .memo import remember

# A filter value longer than this is a mistake or an attack, never a slug or a name.
MAX_VALUE_LENGTH = 200


def escape(value):
    """django.utils.html.escape without its lazy-string wrapper: the same characters, faster."""
    return html.escape(str(value))


def html_attrs(attrs):
    """Attributes as Django's widget template writes them: in order, True bare, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


@functools.lru_cache(maxsize=256)
def escaped_options(choices):
    """[(value, '<option value="…"', '>label</option>')] of a select's choices, escaped once."""
    return [(str(value), f'<option value="{escape(value)}"', f">{escape(label)}</option>") for value, label in choices]


class PlainSelect(forms.Select):
    """A <select> written in Python rather than a template per <option>.

    Rendering the reader filters' states, topics and outlets option by option through
    the form templates took half of a list page's time; this gives the same markup.
    Flat choices only, one of them selected.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        chosen = chosen[0] if chosen else ""
        options = "".join(
            f"{start}{' selected' if option == chosen else ''}{end}"
            for option, start, end in escaped_options(tuple(self.choices))
        )
        attrs = html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{options}</select>')  # noqa: S308 escaped above


class PlainInput(forms.widgets.Input):
    """An <input> written in Python, with the markup of Django's template for it."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        value = "" if value is None else f' value="{escape(value)}"'
        attrs = html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<input type="{self.input_type}" name="{escape(name)}"{value}{attrs}>')  # noqa: S308


class PlainTextInput(PlainInput, forms.TextInput):
    pass


class PlainDateInput(PlainInput, forms.DateInput):
    pass


class PlainHiddenInput(PlainInput, forms.HiddenInput):
    pass


# The reader filters' widgets, each rendered in Python: on a list page served from
# remembered items, the form's templates had become the largest cost.
PLAIN_WIDGETS = {
    forms.Select: PlainSelect,
    forms.TextInput: PlainTextInput,
    forms.DateInput: PlainDateInput,
    forms.HiddenInput: PlainHiddenInput,
}


class RememberedChoices(BaseChoiceIterator):
    """A model choice field's choices, listed once per content generation (newsroom.memo),
    and only if the form is rendered."""

    def __init__(self, key, field):
        self.key, self.field, self.choices = key, field, None

    def __iter__(self):
        if self.choices is None:
            self.choices = remember(self.key, self.listed)
        return iter(self.choices)

    def listed(self):
        dependencies.depends_on(dependencies.list_tag(self.field.queryset.model))
        return [(str(value), label) for value, label in self.field.choices]


class RememberedLookup:
    """A model choice field's to_python with the row it finds remembered per content
    generation: filtered pages name the same few people, states and topics over and over.
    A value that names nothing is looked up again, to raise the field's own error."""

    def __init__(self, field):
        self.field, self.to_python = field, field.to_python

    def __call__(self, value):
        if not isinstance(value, str) or value in self.field.empty_values or len(value) > MAX_VALUE_LENGTH:
            return self.to_python(value)
        key = ("lookup", self.field.queryset.model._meta.label, self.field.to_field_name, value)
        found = remember(key, functools.partial(self.found, value), variant=True)
        return found or self.to_python(value)

    def found(self, value):
        try:
            found = self.to_python(value)
        except ValidationError:
            found = None
        model = self.field.queryset.model
        dependencies.depends_on(dependencies.tag_of(found) if found is not None else dependencies.list_tag(model))
        return found


class ListForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, querysets=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before the widgets below take the fields' choices.
        for name, queryset in (querysets or {}).items():
            self.fields[name].queryset = queryset
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.to_python = RememberedLookup(field)
            plain = PLAIN_WIDGETS.get(type(field.widget))
            if plain is None:
                continue
            # The same widget, attributes and all (the form's own copy), rendered in Python.
            field.widget.__class__ = plain
            if isinstance(field, forms.ModelChoiceField) and plain is PlainSelect:
                # Which topics or outlets have published articles is an aggregate over the
                # archive: listed once per content generation. A chosen value is still
                # checked against the queryset itself.
                key = ("choices", type(self).__qualname__, name, field.queryset.model._meta.label)
                field.widget.choices = RememberedChoices(key, field)

    def clean(self):
        cleaned = super().clean()
        for name, value in self.data.items():
            if len(value) > MAX_VALUE_LENGTH:
                self.add_error(name if name in self.fields else None, "This value is too long.")
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The end date is before the start date.")
        return cleaned


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet whose form validates ?page=, oversized values and date ranges.

    django-filter deep-copies every filter, with its querysets and form field, and builds a
    form class, for each filterset: about a quarter of a remembered list page's time. Here
    each filterset takes a shallow copy of each filter, and the form class is built once per
    filterset class (a form still deep-copies its fields, as every Django form does).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset, self.request, self.form_prefix = queryset, request, prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model, filter_.parent = queryset.model, self
            if filter_.method is not None:
                filter_.method = filter_.method  # calls this filterset's method, not the original's parent's

    @classmethod
    def parameters(cls):
        """The query parameters this filterset reads: its filters and ?page= (newsroom.canonical)."""
        return {*cls.base_filters, *ListForm.base_fields}

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            # From this instance's filters, which know their model (for labels from its fields).
            fields = {name: filter_.field for name, filter_ in self.filters.items()}
            cls._form_class = type(f"{cls.__name__}Form", (ListForm, cls._meta.form), fields)
        return cls._form_class

    @property
    def form(self):
        """The form, with the querysets of filters given a callable built now: who is public
        depends on the time, and the form class (with its fields) is shared by every request."""
        if not hasattr(self, "_form"):
            querysets = {
                name: filter_.get_queryset(self.request)
                for name, filter_ in self.filters.items()
                if callable(getattr(filter_, "queryset", None))
            }
            data = self.data if self.is_bound else None
            self._form = self.get_form_class()(data, prefix=self.form_prefix, querysets=querysets)
        return self._form

    def filter_queryset(self, queryset):
        # ?page= is a form field but not a filter: the view paginates.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class PageFilter(ListFilterSet):
    """For pages that list without filters: validates ?page= alone."""


def start_of_day(day):
    """Midnight at the start of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DayFilter(django_filters.DateFilter):
    """One end of an inclusive range of days, on a date or a datetime field.

    On a datetime field the day's bounds are computed in the newsroom's time zone,
    so the comparison stays a plain range an index can serve.
    """

    EARLIEST, LATEST = datetime.date(1000, 1, 1), datetime.date(9998, 12, 31)

    def __init__(self, *args, end=False, **kwargs):
        self.end = end
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        # Beyond these, a day's bounds can't be computed in every time zone.
        kwargs.setdefault("validators", [MinValueValidator(self.EARLIEST), MaxValueValidator(self.LATEST)])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        field = qs.model._meta.get_field(self.field_name)
        if isinstance(field, models.DateTimeField):
            if self.end:
                return qs.filter(**{f"{self.field_name}__lt": start_of_day(value + datetime.timedelta(days=1))})
            return qs.filter(**{f"{self.field_name}__gte": start_of_day(value)})
        lookup = "lte" if self.end else "gte"
        return qs.filter(**{f"{self.field_name}__{lookup}": value})


def with_date_range(field_name):
    """Add ?from= and ?to= (names Python can't spell as class attributes)."""

    def decorate(filterset_class):
        filterset_class.base_filters["from"] = DayFilter(field_name=field_name, label="From")
        filterset_class.base_filters["to"] = DayFilter(field_name=field_name, label="To", end=True)
        return filterset_class

    return decorate


class RememberedCountPaginator(Paginator):
    """A Paginator whose total and pages are remembered until the list changes (newsroom.memo).

    Counting a filtered list of a million quotes is the slow half of a page; the rows
    themselves come straight off an index. `key` names the list and its filters; `filtered`,
    whether a reader chose any (newsroom.memo's variants, as is any page past the first);
    `tags`, what a change to the list's rows or their order invalidates.
    """

    def __init__(self, object_list, per_page, key, filtered=False, tags=()):
        super().__init__(object_list, per_page)
        self.key, self.filtered, self.tags = key, filtered, tags

    @cached_property
    def count(self):
        return remember(("count", self.key), self.counted, variant=self.filtered)

    def counted(self):
        dependencies.depends_on(*self.tags)
        return Paginator.count.func(self)

    def keys(self, bottom, top):
        dependencies.depends_on(*self.tags)
        return list(self.object_list.values_list("pk", flat=True)[bottom:top])

    def page(self, number):
        """The page's rows, found as keys first: the OFFSET walks only the (covering) index,
        and just this page's rows are read in full, so page 500 costs about what page 1 does.
        The keys, like the count, are remembered until the list changes."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        keys = remember(
            ("keys", self.key, bottom, top),
            functools.partial(self.keys, bottom, top),
            variant=self.filtered or number > 1,
        )
        # What the page shows of each row, its items (newsroom.fragments) or the page itself.
        model_name = self.object_list.model._meta.model_name
        dependencies.depends_on(*(f"{model_name}-{key}" for key in keys))
        page = self._get_page(self.object_list.filter(pk__in=keys), number, self)
        # For newsroom.fragments.render_page(), which reads rows only for items it hasn't rendered.
        page.keys = keys
        return page


def paginate(filterset, key, per_page=None, tags=None):
    """The requested page of a valid filterset's results (one COUNT, remembered, and one SELECT).

    `key` names the unfiltered list (with the object it belongs to, if any): with the
    filter values, it identifies the count. `tags`: what the unfiltered list changes with (by
    default, the list of its model's rows); filtered by a person, state, topic or the like, it
    changes with those (they are invalidated with any change to what they name). A page past
    the end is a 404: there is nothing there.
    """
    cleaned = filterset.form.cleaned_data
    filters = sorted((name, str(getattr(value, "pk", value))) for name, value in cleaned.items())
    chosen = [item for item in filters if item[0] != "page" and item[1] not in ("None", "")]
    key = (key, [item for item in filters if item[0] != "page"])
    named = [dependencies.tag_of(value) for value in cleaned.values() if isinstance(value, models.Model)]
    tags = named or tags or [dependencies.list_tag(filterset.queryset.model)]
    per_page = per_page or settings.NEWSROOM_PAGE_SIZE
    paginator = RememberedCountPaginator(filterset.qs, per_page, key, bool(chosen), tags)
    number = filterset.form.cleaned_data.get("page") or 1
    try:
        return paginator.page(number)
    except EmptyPage as exc:
        raise Http404("No such page.") from exc
