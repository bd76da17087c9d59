from django.contrib import admin
from django.db.models import Count

from newsroom.admin import HTTPS_URL_FIELDS, PreloadedStackedInline, PreloadedTabularInline
from people.models import Person

from .models import Article, Byline, Outlet, Quote, Topic


class BylineInline(PreloadedTabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    preload = ["author"]
    select_related = ["article"]
    fields = ["author", "position"]


class QuoteInline(PreloadedStackedInline):
    model = Quote
    extra = 1
    autocomplete_fields = ["speaker"]
    preload = ["speaker"]
    fields = [("speaker", "kind"), "text", "context", ("said_on", "said_on_precision"), "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "outlet", "published_at", "quote_count"]
    list_filter = ["status", "outlet", "states", "topics", "published_at"]
    list_select_related = ["outlet"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    formfield_overrides = HTTPS_URL_FIELDS
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["outlet", "topics"]
    filter_horizontal = ["states"]
    inlines = [BylineInline, QuoteInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Publication", {"fields": ["status", "published_at", "outlet", "original_url"]}),
        ("Coverage", {"fields": ["topics", "states"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes"))

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, article):
        return article.quote_total


class SpeakerFilter(admin.SimpleListFilter):
    """Filter by one speaker, reached from the person admin's "Quotes" link.

    A sidebar listing every person would hold thousands of names; the search box
    finds speakers by name.
    """

    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        return [(str(p.pk), p.name) for p in Person.objects.filter(pk=value)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(speaker_id=value)
        return queryset


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "kind", "article", "said_on"]
    list_filter = ["kind", "speaker__state", SpeakerFilter]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "article__headline"]
    autocomplete_fields = ["speaker", "article"]
    date_hierarchy = "said_on"


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "homepage_url"]
    formfield_overrides = HTTPS_URL_FIELDS
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
