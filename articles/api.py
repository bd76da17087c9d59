"""Read-only JSON API for published articles and their quotes, on Django REST framework."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.decorators import method_decorator
from rest_framework import serializers, viewsets

from newsroom.addresses import follows_renames

from .filters import ArticleFilter, QuoteFilter
from .models import Article, Byline, Evidence, Quote


class ArticleSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    outlet = serializers.SlugRelatedField(slug_field="name", read_only=True)
    authors = serializers.SerializerMethodField()
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    states = serializers.HyperlinkedRelatedField(
        view_name="api:state-detail", lookup_field="code", many=True, read_only=True
    )
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "url",
            "html_url",
            "headline",
            "slug",
            "dek",
            "body",
            "body_text",
            "outlet",
            "original_url",
            "published_at",
            "updated_at",
            "authors",
            "topics",
            "states",
            "quotes",
        ]

    def get_html_url(self, article):
        return self.context["request"].build_absolute_uri(article.get_absolute_url())

    def get_authors(self, article):
        request = self.context["request"]
        return [
            {"name": b.author.name, "html_url": request.build_absolute_uri(b.author.get_absolute_url())}
            for b in article.bylines.all()
        ]

    def get_quotes(self, article):
        request = self.context["request"]
        return [request.build_absolute_uri(reverse("api:quote-detail", args=[q.pk])) for q in article.quotes.all()]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["kind", "title", "url", "offset", "note"]


class QuoteSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:quote-detail")
    html_url = serializers.SerializerMethodField()
    speaker = serializers.HyperlinkedRelatedField(view_name="api:person-detail", lookup_field="slug", read_only=True)
    speaker_name = serializers.CharField(source="speaker.name", read_only=True)
    speaker_title = serializers.SerializerMethodField(help_text="The title the speaker held on the day.")
    speaker_state = serializers.SerializerMethodField()
    article = serializers.HyperlinkedRelatedField(view_name="api:article-detail", lookup_field="slug", read_only=True)
    rating_label = serializers.CharField(read_only=True, help_text="The rating's label on the newsroom's scale.")
    evidence = EvidenceSerializer(many=True, read_only=True)
    statement_url = serializers.SerializerMethodField(
        help_text="The page of every article reporting the same words by the same speaker, when more than one does."
    )
    statement_appearances = serializers.SerializerMethodField(
        help_text="How many published articles report these words by this speaker (1: only this one)."
    )

    class Meta:
        model = Quote
        fields = [
            "url",
            "html_url",
            "text",
            "kind",
            "context",
            "said_on",
            "said_on_precision",
            "speaker",
            "speaker_name",
            "speaker_title",
            "speaker_state",
            "article",
            "verification",
            "verification_note",
            "verified_at",
            "rating",
            "rating_label",
            "evidence",
            "statement_url",
            "statement_appearances",
        ]

    def get_html_url(self, quote):
        return self.context["request"].build_absolute_uri(quote.get_absolute_url())

    def get_speaker_title(self, quote):
        position = quote.speaker_position
        return position.title if position else ""

    def get_speaker_state(self, quote):
        return quote.speaker.state_id or ""

    def get_statement_url(self, quote):
        return statement_url(self.context["request"], quote)

    def get_statement_appearances(self, quote):
        return statement_appearances(quote)


def statement_url(request, quote):
    """The absolute address of `quote`'s statement page when other articles reported it too, else None."""
    return request.build_absolute_uri(quote.statement.get_absolute_url()) if quote.repeated else None


def statement_appearances(quote):
    """How many published articles report `quote`'s words (kept on its statement; 1 without one)."""
    return quote.statement.public_count if quote.statement_id else 1


# Querysets built in get_queryset(), per request: published() compares with the time it is
# called at, so one kept in a class attribute would stop at the moment of import.


# An old slug answers 301 to the article's current address here too (newsroom/addresses.py).
@method_decorator(follows_renames(lambda request: Article.objects.published()), name="retrieve")
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Published articles, newest first, with the article list's filters."""

    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("outlet")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author")),
                "topics",
                "states",
                Prefetch("quotes", queryset=Quote.objects.only("pk", "article_id")),
            )
        )


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Quotes of published articles, newest first, with the quote list's filters."""

    serializer_class = QuoteSerializer
    filterset_class = QuoteFilter

    def get_queryset(self):
        return (
            Quote.objects.published()
            .select_related("speaker", "article", "statement")
            .prefetch_related("speaker__positions", "evidence")
            .order_by("-said_on", "-pk")
        )
