from urllib.parse import urlencode

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from newsroom.admin import (
    GuardedVersionAdmin,
    LargeTableAdmin,
    ListAdmin,
    OldAddressesAdmin,
    PreloadedTabularInline,
)
from newsroom.forms import BoundedInlineFormSet, StaleEditForm

from . import merge
from .models import Author, Person, Position, State


@admin.register(State)
class StateAdmin(ListAdmin):
    form = StaleEditForm
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class PositionInline(PreloadedTabularInline):
    model = Position
    form = StaleEditForm
    formset = BoundedInlineFormSet
    extra = 1
    shared_choices = ["state"]
    fields = [
        "title",
        "organization",
        "state",
        "level",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "loaded_at",
    ]


@admin.register(Person)
class PersonAdmin(OldAddressesAdmin, LargeTableAdmin, GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "current_title_column", "state", "party", "quotes_link"]
    list_filter = ["state", "party", "gender"]
    list_select_related = ["state"]
    search_fields = ["name", "sort_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]
    actions = ["merge_selected"]
    autocomplete_fields = ["portrait"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "aliases", "bio", "portrait", "loaded_at"]}),
        ("Affiliation", {"fields": ["party", "gender", "state"]}),
        ("External identifiers", {"fields": ["wikidata_id", "openstates_id", "bioguide_id"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # Current titles come from positions: one prefetch for the whole page.
        queryset = super().get_queryset(request).select_related("state")
        return queryset.prefetch_related(Prefetch("positions", Position.objects.all()))

    def autocomplete_label(self, person):
        """ "Deval Patrick — Former Governor, Commonwealth of Massachusetts (MA)": tell namesakes apart."""
        parts = [person.name]
        if person.title_line:
            parts.append(f"— {person.title_line}")
        if person.state_id:
            parts.append(f"({person.state_id})")
        return " ".join(parts)

    # -- Merging duplicates ----------------------------------------------------------------------

    def get_urls(self):
        merge_view = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", merge_view, name="people_person_merge"), *super().get_urls()]

    @admin.action(description="Merge selected people into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        keys = list(queryset.order_by("pk").values_list("pk", flat=True)[: merge.MAX_PEOPLE + 1])
        if not 2 <= len(keys) <= merge.MAX_PEOPLE:
            self.message_user(request, f"Select from 2 to {merge.MAX_PEOPLE} people to merge.", messages.WARNING)
            return None
        return redirect(f"{reverse('admin:people_person_merge')}?{urlencode({'ids': ','.join(map(str, keys))})}")

    def merge_view(self, request):
        """Choose the survivor of the selected people, then merge the others into it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = MergeForm(request.POST if request.method == "POST" else request.GET)
        valid = form.is_valid()
        if "ids" in form.errors:
            self.message_user(request, " ".join(form.errors["ids"]), messages.ERROR)
            return redirect("admin:people_person_changelist")
        people = form.people
        if request.method == "POST" and valid and form.cleaned_data["survivor"] is None:
            form.add_error("survivor", "Choose the person to keep.")
        elif request.method == "POST" and valid:
            survivor = form.cleaned_data["survivor"]
            others = [person for person in people if person.pk != survivor.pk]
            try:
                with transaction.atomic(), reversion.create_revision():
                    survivor = merge.merge_people(survivor, others)
                    message = "Merged into this person: " + "; ".join(f"{p.name} ({p.slug})" for p in others) + "."
                    reversion.add_to_revision(survivor)
                    reversion.set_user(request.user)
                    reversion.set_comment(message)
                    self.log_change(request, survivor, message)
            except merge.MergeRefused as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"Merged {len(others)} into {survivor.name}.", messages.SUCCESS)
                return redirect("admin:people_person_change", survivor.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge people",
            "form": form,
            "people": people,
        }
        return TemplateResponse(request, "admin/people/person/merge.html", context)

    @admin.display(description="current title")
    def current_title_column(self, person):
        return person.current_title or "—"

    @admin.display(description="quotes")
    def quotes_link(self, person):
        # Reached through the reverse relation: `people` never imports `articles`.
        quote_opts = Person.quotes.rel.related_model._meta
        url = reverse(admin_urlname(quote_opts, "changelist")) + f"?speaker={person.pk}"
        return format_html('<a href="{}">Quotes</a>', url)


class MergeForm(forms.Form):
    """The people to merge (`ids`, from the action) and the one that stays (`survivor`)."""

    ids = forms.CharField(widget=forms.HiddenInput)
    survivor = forms.TypedChoiceField(
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The others’ quotes, positions, names and ids go to this person; their pages redirect to it.",
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        keys = self._keys((data or {}).get("ids", ""))
        queryset = Person.objects.filter(pk__in=keys).select_related("state").prefetch_related("positions")
        self.people = list(queryset.annotate(quote_total=Count("quotes")).order_by("pk")) if keys else []
        self.fields["survivor"].choices = [(person.pk, person.name) for person in self.people]

    @staticmethod
    def _keys(value):
        parts = str(value).split(",")
        if len(parts) > merge.MAX_PEOPLE or not all(part.isascii() and part.isdigit() for part in parts):
            return []
        return sorted({int(part) for part in parts if len(part) < 12})

    def clean_ids(self):
        if len(self.people) < 2:
            raise forms.ValidationError(f"Select from 2 to {merge.MAX_PEOPLE} people to merge (some may be gone).")
        return self.cleaned_data["ids"]

    def clean(self):
        cleaned = super().clean()
        cleaned["people"] = self.people
        survivor = cleaned.get("survivor")
        cleaned["survivor"] = next((person for person in self.people if person.pk == survivor), None)
        return cleaned


@admin.register(Author)
class AuthorAdmin(OldAddressesAdmin, GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # The account is picked by searching the accounts, which only staff who may view them can do:
        # for the others (editors and researchers) the field's search answered 403, and a forged post
        # still linked any account.
        return readonly if request.user.has_perm("auth.view_user") else [*readonly, "user"]
