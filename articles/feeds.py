"""RSS 2.0 and Atom feeds of published articles: the latest, and per person, state, author or topic."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from newsroom.addresses import follows_renames
from people.models import Author, Person, State

from .filters import ArticleFilter
from .models import Article, Byline, Topic

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    title = "Newsroom: latest articles"
    description = "The latest articles published by Newsroom, with the officials quoted in them."

    def link(self):
        return reverse("articles:list")

    def articles(self):
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        return Article.objects.published().select_related("outlet").prefetch_related(bylines)

    def items(self):
        return self.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        paragraphs = article.paragraphs()
        return article.dek or (paragraphs[0] if paragraphs else "")

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all()) or None

    def item_categories(self, article):
        return [article.outlet.name] if article.outlet else []


class FilteredArticlesFeed(LatestArticlesFeed):
    """Articles matching one of the article list's filters, e.g. ?person=deval-patrick."""

    model = None
    parameter = ""
    noun = ""

    def get_queryset(self):
        return self.model.objects.all()

    def __call__(self, request, *args, **kwargs):
        feed = super().__call__
        if hasattr(self.model, "redirects"):
            # A renamed person's, author's or topic's old feed answers 301 to its current one.
            feed = follows_renames(lambda request: self.get_queryset())(feed)
        return feed(request, *args, **kwargs)

    def get_object(self, request, slug):
        return get_object_or_404(self.get_queryset(), slug=slug)

    def filter_value(self, obj):
        return obj.slug

    def title(self, obj):
        return f"Newsroom: {self.noun} {obj.name}"

    def description(self, obj):
        return f"Published articles: {self.noun} {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        filterset = ArticleFilter({self.parameter: self.filter_value(obj)}, queryset=self.articles())
        if not filterset.is_valid():
            # An invalid filterset's qs is every article, unfiltered: never someone else's feed.
            raise Http404(f"No articles {self.noun} {obj.name}.")
        return filterset.qs[:FEED_LENGTH]


class PersonArticlesFeed(FilteredArticlesFeed):
    model, parameter, noun = Person, "person", "quoting"

    def get_queryset(self):
        return Person.objects.public()


class StateArticlesFeed(FilteredArticlesFeed):
    model, parameter, noun = State, "state", "about"

    def filter_value(self, state):
        return state.code


class AuthorArticlesFeed(FilteredArticlesFeed):
    model, parameter, noun = Author, "author", "by"

    def get_queryset(self):
        return Author.objects.public()


class TopicArticlesFeed(FilteredArticlesFeed):
    model, parameter, noun = Topic, "topic", "on"

    def get_queryset(self):
        return Topic.objects.public()

    def link(self, topic):
        return reverse("articles:topic_detail", args=[topic.slug])


def atom(feed_class):
    """The Atom 1.0 twin of an RSS feed class."""
    return type(
        f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description}
    )
