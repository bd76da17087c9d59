import django_filters
from django.db.models import Exists, OuterRef

from newsroom.dependencies import filed_under
from newsroom.filters import ListFilterSet, RowFilter, offered, with_date_range
from people.filters import SlugChoiceFilter, StateFilter
from people.models import Author, Person

from .models import Article, InvolvedState, Outlet, Quote, Topic

# Who and what is public depends on the time (a scheduled article goes live with no save):
# each choice queryset is a callable, built for each filterset (django-filter calls it with
# the request), never once at import.


class PublicFilter(RowFilter):
    """A topic or outlet named by its slug, among those with a published article."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("label", model._meta.verbose_name.capitalize())
        kwargs.setdefault("empty_label", f"Any {model._meta.verbose_name}")
        super().__init__(
            queryset=lambda request: model.objects.public(),
            rows="public",
            joins=offered,
            to_field_name="slug",
            **kwargs,
        )


def quoted(person):
    """What changes as `person` joins or leaves the public people (RememberedChoiceField): their
    quotes in published articles, filed under them."""
    return [filed_under(person)]


@with_date_range("published_at")
class ArticleFilter(ListFilterSet):
    person = SlugChoiceFilter(
        queryset=lambda request: Person.objects.public(),
        joins=quoted,
        label="Quoted person",
        method="filter_person",
        example="Deval Patrick",
        suggest="people:person_names",
    )
    state = StateFilter(label="State", method="filter_state")
    author = SlugChoiceFilter(
        queryset=lambda request: Author.objects.public(),
        label="Author",
        method="filter_author",
        example="Jane Doe",
        suggest="people:author_names",
    )
    topic = PublicFilter(Topic, field_name="topics")
    outlet = PublicFilter(Outlet)

    class Meta(ListFilterSet.Meta):
        model = Article
        fields = ["person", "state", "author", "topic", "outlet"]

    # Exists() rather than joins: no duplicate rows, no DISTINCT, and each
    # subquery is served by the index on its foreign key.
    def filter_person(self, queryset, name, person):
        return queryset.filter(Exists(Quote.objects.filter(article=OuterRef("pk"), speaker=person)))

    def filter_state(self, queryset, name, state):
        """Covered by the article, or the home state of one of its speakers (InvolvedState)."""
        return queryset.filter(Exists(InvolvedState.objects.filter(article=OuterRef("pk"), state=state)))

    def filter_author(self, queryset, name, author):
        bylines = Article.authors.through.objects.filter(article=OuterRef("pk"), author=author)
        return queryset.filter(Exists(bylines))


@with_date_range("said_on")
class QuoteFilter(ListFilterSet):
    person = SlugChoiceFilter(
        queryset=lambda request: Person.objects.public(),
        joins=quoted,
        label="Speaker",
        field_name="speaker",
        example="Deval Patrick",
        suggest="people:person_names",
    )
    state = StateFilter(label="Speaker’s state", field_name="speaker__state")
    topic = PublicFilter(Topic, method="filter_topic")
    kind = django_filters.ChoiceFilter(choices=Quote.Kind.choices, empty_label="Direct and paraphrase")
    # Read off quote_verification_said_on_idx, in the list's order.
    verification = django_filters.ChoiceFilter(
        choices=Quote.Verification.choices, empty_label="Any verification status", label="Verification"
    )

    class Meta(ListFilterSet.Meta):
        model = Quote
        fields = ["person", "state", "topic", "kind", "verification"]

    def filter_topic(self, queryset, name, topic):
        tagged = Article.topics.through.objects.filter(article=OuterRef("article"), topic=topic)
        return queryset.filter(Exists(tagged))


@with_date_range("said_on")
class SourcesFilter(ListFilterSet):
    """The Sources page's filters (articles/views.sources). It counts rather than lists: the form
    validates and is rendered; the view reads its cleaned values."""

    outlet = PublicFilter(Outlet)
    author = SlugChoiceFilter(
        queryset=lambda request: Author.objects.public(),
        label="Author",
        example="Jane Doe",
        suggest="people:author_names",
    )
    topic = PublicFilter(Topic)
    state = StateFilter(label="Speaker’s state")

    class Meta(ListFilterSet.Meta):
        model = Quote
        fields = ["outlet", "author", "topic", "state"]

    @classmethod
    def parameters(cls):
        # No ?page=: the page has none. Read, it was checked (?page=abc a 400) and then ignored.
        return super().parameters() - {"page"}
