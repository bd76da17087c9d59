import django_filters
from django import forms
from django.db.models import Q

from newsroom.filters import ListFilterSet

from .models import Party, Person, State


class StateChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class StateFilter(django_filters.ModelChoiceFilter):
    """?state=MA: a USPS code, any case; an unknown code is a form error."""

    field_class = StateChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", State.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("empty_label", "Any state")
        kwargs.setdefault("error_messages", {"invalid_choice": "“%(value)s” is not a US state or territory code."})
        super().__init__(*args, **kwargs)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A related object named by the slug in its address, typed rather than picked from thousands."""

    def __init__(self, *args, example="", **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        attrs = {"spellcheck": "false", "autocapitalize": "none", "placeholder": f"e.g. {example}" if example else ""}
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
