"""What every public list shares: validated ?page=, bounded values, ?from=/?to=."""

import datetime
import functools

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import renderers
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from . import dependencies
from .memo import remember

# A filter value longer than this is a mistake or an attack, never a slug or a name.
MAX_VALUE_LENGTH = 200


# The reader forms' widgets rendered by Django's own Jinja2 templates (the same markup): a list
# page's filters hold about a hundred options, and rendering each through the template
# language's include of attrs.html was most of the page's time with nothing cached.
READER_FORMS = renderers.Jinja2()


class ListForm(forms.Form):
    default_renderer = READER_FORMS
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        for name, value in self.data.items():
            if len(value) > MAX_VALUE_LENGTH:
                self.add_error(name if name in self.fields else None, "This value is too long.")
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The end date is before the start date.")
        return cleaned


def offered(row):
    """The tag invalidated as a row of its model joins or leaves those offered to readers (a topic
    gets its first published article, say: articles/tallies.py), for RememberedChoiceField."""
    return [f"{row._meta.model_name}-choices"]


class RememberedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose chosen row is read once and then remembered until it changes
    (newsroom.memo), not looked up by every request that names it: a filtered list's only query.

    `rows` names which rows its queryset admits ("public", say): a queryset's SQL can hold the
    time, so it can't name itself. `joins(row)`: the tags invalidated as `row` joins or leaves
    them (`offered`; by default none: they always belong, as the states do). A page that shows
    the row depends on it as much as that, and no more: what is filed under it is the page's own
    business (newsroom.filters.paginate declares it for a list)."""

    def __init__(self, *args, rows, joins=lambda row: (), **kwargs):
        self.rows, self.joins = rows, joins
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        try:
            # A value the column can't hold (not a slug, a code too long) names nothing: not
            # looked up, nor remembered.
            model._meta.get_field(key).run_validators(value)
            found = self.remembered(**{key: value})
        except (ValueError, TypeError, forms.ValidationError):
            found = None
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return found

    def remembered(self, **lookup):
        """The row of the queryset matching `lookup`, or None: read once until it changes."""
        return remembered_row(self.queryset, self.rows, self.joins, **lookup)


def remembered_row(queryset, rows, joins, **lookup):
    """queryset.filter(**lookup).first(), or None, remembered until that row changes or joins or
    leaves `rows` (RememberedChoiceField)."""
    model = queryset.model

    def find():
        found = queryset.filter(**lookup).first()
        if found is None:  # until one is given that value or joins the rows
            dependencies.depends_on(dependencies.list_tag(model))
        else:
            dependencies.depends_on(dependencies.tag_of(found), *joins(found))
        return found

    # What a reader typed: a variant, like a made-up search.
    key = ("row", rows, joins.__qualname__, model._meta.label_lower, sorted(lookup.items()))
    return remember(key, find, variant=True)


class RowFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose chosen row is remembered (RememberedChoiceField): pass `rows`
    and, unless its rows always belong, `joins`."""

    field_class = RememberedChoiceField


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet whose form (ListForm) validates ?page=, oversized values and date ranges.
    Subclasses' Meta inherit ListFilterSet.Meta, for the form."""

    class Meta:
        form = ListForm

    @classmethod
    def parameters(cls):
        """The query parameters this filterset reads: its filters and ?page= (newsroom.canonical)."""
        return {*cls.base_filters, *ListForm.base_fields}

    def filter_queryset(self, queryset):
        return self.filter_with(queryset, self.form.cleaned_data)

    def filter_with(self, queryset, cleaned):
        """`queryset` filtered by `cleaned`, values a form has validated: this filterset's, or
        another's taking the same parameters (search filters quotes by the articles' values)."""
        # ?page= is a form field but not a filter: the view paginates.
        for name, value in cleaned.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class PageFilter(ListFilterSet):
    """For pages that list without filters: validates ?page= alone."""


def start_of_day(day):
    """Midnight at the start of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DayInput(forms.DateInput):
    input_type = "date"


class DayField(forms.DateField):
    """A day a range starts or ends on. Its widget and limits belong to the class, not to each
    copy: a list page's filterset deep-copies its filters and their form fields on every request."""

    EARLIEST, LATEST = datetime.date(1000, 1, 1), datetime.date(9998, 12, 31)
    widget = DayInput
    # Beyond these, a day's bounds can't be computed in every time zone.
    default_validators = [MinValueValidator(EARLIEST), MaxValueValidator(LATEST)]


class DayFilter(django_filters.DateFilter):
    """One end of an inclusive range of days, on a date or a datetime field.

    On a datetime field the day's bounds are computed in the newsroom's time zone,
    so the comparison stays a plain range an index can serve.
    """

    field_class = DayField

    def __init__(self, *args, end=False, **kwargs):
        self.end = end
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


def kept_count(row, field):
    """The count `row` keeps in `field`, read now (the row the form holds may be older)."""
    return type(row)._default_manager.filter(pk=row.pk).values_list(field, flat=True).get()


class RememberedCountPaginator(Paginator):
    """A Paginator whose total and pages are remembered until the list changes (newsroom.memo).

    Counting a filtered list of a million quotes is the slow half of a page; the rows
    themselves come straight off an index. `key` names the list and its filters; `filtered`,
    whether a reader chose any (newsroom.memo's variants, as is any page past the first);
    `tags`, what a change to the list's rows or their order invalidates. `selected()` gives the
    list's rows, filtered (default: `object_list`): built only to count them or find a page's
    keys, not when both are remembered; the page's rows are read by key from `object_list`.
    """

    def __init__(self, object_list, per_page, key, filtered=False, tags=(), counter=None, selected=None):
        super().__init__(object_list, per_page)
        self.key, self.filtered, self.tags = key, filtered, tags
        self.selected = selected or (lambda: object_list)
        self.counter = counter or (lambda: self.selected().count())

    @cached_property
    def count(self):
        return remember(("count", self.key), self.counted, variant=self.filtered)

    def counted(self):
        dependencies.depends_on(*self.tags)
        return self.counter()

    def keys(self, bottom, top):
        dependencies.depends_on(*self.tags)
        return list(self.selected().values_list("pk", flat=True)[bottom:top])

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


def paginate(filterset, key, per_page=None, tags=None, count=None, kept=None):
    """The requested page of a valid filterset's results (one COUNT, remembered, and one SELECT).

    `key` names the unfiltered list (with the object it belongs to, if any): with the
    filter values, it identifies the count. `tags`: what the unfiltered list changes with (by
    default, the list of its model's rows); filtered by a person, state, topic or the like, it
    changes with those rows and what is filed under them (dependencies.filed). `count`: the
    unfiltered list's length where it is already known (a count kept as content changes), so
    there is nothing to count unless a filter is chosen; or a callable giving it, remembered like
    a count. `kept`: {filter name: field} for filters whose chosen row keeps the count of the
    list filtered by it alone (State.involved_article_count for ?state=), read rather than counted;
    or {filter name: function of the row} where the count is kept elsewhere (the kept counts of
    the state's people, for quotes by state).
    A page past the end is a 404: there is nothing there.
    """
    cleaned = filterset.form.cleaned_data
    filters = sorted((name, str(getattr(value, "pk", value))) for name, value in cleaned.items())
    chosen = [item for item in filters if item[0] != "page" and item[1] not in ("None", "")]
    key = (key, [item for item in filters if item[0] != "page"])
    # A list filtered by a row shows the row (its name) and what is filed under it.
    rows = [value for value in cleaned.values() if isinstance(value, models.Model)]
    named = [tag for row in rows for tag in (dependencies.tag_of(row), dependencies.filed_under(row))]
    tags = named or tags or [dependencies.list_tag(filterset.queryset.model)]
    per_page = per_page or settings.NEWSROOM_PAGE_SIZE
    counter = count if callable(count) and not chosen else None
    if len(chosen) == 1 and chosen[0][0] in (kept or {}):
        row, field = cleaned[chosen[0][0]], kept[chosen[0][0]]
        counter = functools.partial(field, row) if callable(field) else functools.partial(kept_count, row, field)

    def selected():  # the filters' subqueries are built only if the count or the keys aren't remembered
        return filterset.qs

    paginator = RememberedCountPaginator(filterset.queryset, per_page, key, bool(chosen), tags, counter, selected)
    if count is not None and not callable(count) and not chosen:
        paginator.count = count
    number = filterset.form.cleaned_data.get("page") or 1
    try:
        return paginator.page(number)
    except EmptyPage as exc:
        raise Http404("No such page.") from exc
