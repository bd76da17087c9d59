import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse_lazy
from django.utils.text import slugify

from newsroom.dependencies import depends_on
from newsroom.filters import MAX_VALUE_LENGTH, ListFilterSet, RememberedChoiceField, RowFilter, offered

from .models import Party, Person, State


class StateChoiceField(RememberedChoiceField):
    """A state by its USPS code (any case), its slug or its name: ?state=IL, il, illinois, Illinois."""

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if isinstance(value, str) and 2 < len(value) <= MAX_VALUE_LENGTH:
            # A name or a slug: one more read of the 56 rows' unique columns (no name is longer
            # than that: not worth a query, and SQLite refuses a LIKE pattern of 50,000 characters).
            found = self.queryset.filter(Q(slug=slugify(value)) | Q(name__iexact=value)).first()
            if found is not None:
                self.typed = {value: found.code}
                return found
        elif isinstance(value, str):
            self.typed = {value: value.upper()}
            value = value.upper()
        return super().to_python(value)

    def prepare_value(self, value):
        # The option of the state typed as a name or in lower case is the one shown as chosen.
        typed = value.strip() if isinstance(value, str) else value
        return super().prepare_value(getattr(self, "typed", {}).get(typed, value))


class StateFilter(RowFilter):
    """?state=MA: a USPS code, any case, or the state's name or slug; anything else is a form error."""

    field_class = StateChoiceField

    def __init__(self, *args, **kwargs):
        # A callable, as the other filters' querysets: a filterset deep-copies its filters for every
        # request, and a QuerySet's copy is a copy of its whole query.
        kwargs.setdefault("queryset", lambda request: State.objects.all())
        kwargs.setdefault("rows", "all")
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("empty_label", "Any state")
        kwargs.setdefault("error_messages", {"invalid_choice": "“%(value)s” is not a US state or territory."})
        super().__init__(*args, **kwargs)


def named(queryset, text, match="contains"):
    """Rows of `queryset` (people or authors) whose name contains `text`, or an alias does, any
    case; `match="start"`: whose name starts with it; `"exact"`: whose name is it. On PostgreSQL
    an ILIKE on each column, which its trigram index serves (articles migration 0005: from two
    letters at the start, three anywhere) where Django's UPPER(name) LIKE would read every row."""
    aliases = hasattr(queryset.model, "alias_list") and match == "contains"
    columns = ["name", *(["aliases"] if aliases else [])]
    escaped = re.sub(r"([\\%_])", r"\\\1", text)
    pattern = {"contains": f"%{escaped}%", "start": f"{escaped}%", "exact": escaped}[match]
    if connection.vendor == "postgresql":
        table = queryset.model._meta.db_table
        condition = " OR ".join(f'"{table}"."{column}" ILIKE %s' for column in columns)
        # Constant SQL: what was typed is a query parameter.
        matches = RawSQL(f"({condition})", [pattern] * len(columns), output_field=BooleanField())  # noqa: S611
        return queryset.filter(matches)
    lookup = {"contains": "icontains", "start": "istartswith", "exact": "iexact"}[match]
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__{lookup}": text})
    return queryset.filter(condition)


def names_of(obj):
    """The names `obj` answers to, folded for comparison: its name and its aliases."""
    return {name.casefold() for name in [obj.name, *getattr(obj, "alias_list", [])]}


class NameChoiceField(RememberedChoiceField):
    """A person or author typed as their name ("Mary Beth Heffernan", any case), an alias, or
    the slug in their address; shown back as their name."""

    # At most this many people of one name, or whose aliases contain what was typed, are read.
    CANDIDATES = 20

    def to_python(self, value):
        value = " ".join(value.split()) if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if len(value) > MAX_VALUE_LENGTH:  # no name is that long: not worth a query
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"})
        # The slug in a link, read once until the row changes; a name typed is no slug.
        found = self.remembered(slug=value) if slug_re.fullmatch(value) else None
        if found is None:
            # Their name, any case; failing that, an alias (one of the lines of those containing it).
            matches = list(named(self.queryset, value, "exact").order_by("pk")[: self.CANDIDATES])
            if not matches and hasattr(self.queryset.model, "alias_list"):
                candidates = named(self.queryset, value).order_by("pk")[: self.CANDIDATES]
                matches = [obj for obj in candidates if value.casefold() in names_of(obj)]
            if not matches and "," in value and hasattr(self.queryset.model, "sort_name"):
                # The name as lists sort it ("Patrick, Deval"), however spaced around the comma.
                sort_name = ", ".join(part.strip() for part in value.split(","))
                matches = list(self.queryset.filter(sort_name__iexact=sort_name).order_by("pk")[: self.CANDIDATES])
            if len(matches) > 1:
                slugs = " or ".join(obj.slug for obj in matches)
                raise ValidationError(
                    "Several are named “%(value)s”: type the one you mean as %(slugs)s.",
                    code="ambiguous",
                    params={"value": value, "slugs": slugs},
                )
            found = matches[0] if matches else None
            if found is None and self.queryset.model is Person:
                # The slug of someone merged into another (people/merge.py), in a link or bookmark
                # from before the merge: the survivor, as their old page's address is.
                found = self.queryset.filter(redirects__old_slug=value).first()
            # Whom a name finds changes as people become public or take a name (the rows offered).
            depends_on(f"{self.queryset.model._meta.model_name}-list")
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        self.typed = {value: found.name}
        return found

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            return value.name
        return getattr(self, "typed", {}).get(" ".join(value.split()) if isinstance(value, str) else value, value)


class SlugChoiceFilter(RowFilter):
    """A related object named by its name, an alias or the slug in its address, typed rather
    than picked from thousands; `suggest`: the URL of the names suggested as one types
    (static/js/filters.js)."""

    field_class = NameChoiceField

    def __init__(self, *args, example="", suggest="", **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("rows", "public")
        kwargs.setdefault("joins", offered)
        attrs = {"spellcheck": "false", "autocomplete": "off", "autocapitalize": "words"}
        attrs["placeholder"] = f"e.g. {example}" if example else ""
        if suggest:
            attrs["data-suggest"] = reverse_lazy(suggest)
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        kwargs.setdefault("error_messages", {"invalid_choice": "Nobody by the name “%(value)s” was found."})
        super().__init__(*args, **kwargs)


class PersonFilter(ListFilterSet):
    q = django_filters.CharFilter(label="Name", method="filter_name", max_length=100)
    state = StateFilter(field_name="state")
    party = django_filters.ChoiceFilter(choices=Party.choices, empty_label="Any party")

    class Meta(ListFilterSet.Meta):
        model = Person
        fields = ["q", "state", "party"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(aliases__icontains=value) | Q(sort_name__icontains=value))
