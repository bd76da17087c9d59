"""/sitemap.xml: every public page a search engine should know, published content only."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from people.models import Author, Person, State

from .models import Article, Outlet, Topic


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.updated_at


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Person.objects.public().only("slug").order_by("pk")


class StateSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return State.objects.order_by("code")


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Author.objects.with_article_count().filter(article_count__gt=0).only("slug").order_by("pk")


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        published = Article.objects.published().filter(topics=OuterRef("pk"))
        return Topic.objects.filter(Exists(published)).order_by("pk")


class OutletSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Outlet.objects.public().only("slug").order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "states": StateSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
    "outlets": OutletSitemap,
}
