from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html

from newsroom.admin import GuardedVersionAdmin, LargeTableAdmin, PreloadedTabularInline
from newsroom.forms import StaleEditForm

from .models import Author, Person, Position, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class PositionInline(PreloadedTabularInline):
    model = Position
    form = StaleEditForm
    extra = 1
    shared_choices = ["state"]
    fields = [
        "title",
        "organization",
        "state",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "loaded_at",
    ]


@admin.register(Person)
class PersonAdmin(LargeTableAdmin, GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "current_title_column", "state", "party", "quotes_link"]
    list_filter = ["state", "party"]
    list_select_related = ["state"]
    search_fields = ["name", "sort_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "aliases", "bio", "loaded_at"]}),
        ("Affiliation", {"fields": ["party", "state"]}),
        ("External identifiers", {"fields": ["wikidata_id", "openstates_id", "bioguide_id"], "classes": ["collapse"]}),
    ]

    def get_deleted_objects(self, objs, request):
        # Locked before their quotes are looked for, in the delete page's transaction: a quote being
        # saved meanwhile with one of them as speaker (its form locks the speaker) is then found, and
        # protects them, instead of this delete failing at commit.
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            list(Person.objects.select_for_update().filter(pk__in=[obj.pk for obj in objs]).values_list("pk"))
        return super().get_deleted_objects(objs, request)

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

    @admin.display(description="current title")
    def current_title_column(self, person):
        return person.current_title or "—"

    @admin.display(description="quotes")
    def quotes_link(self, person):
        # Reached through the reverse relation: `people` never imports `articles`.
        quote_opts = Person.quotes.rel.related_model._meta
        url = reverse(admin_urlname(quote_opts, "changelist")) + f"?speaker={person.pk}"
        return format_html('<a href="{}">Quotes</a>', url)


@admin.register(Author)
class AuthorAdmin(GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
