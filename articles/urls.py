from django.urls import path

from newsroom.canonical import reads_query

from . import feeds, views

app_name = "articles"

# A feed reads no query parameter and only reads: any method but GET and HEAD was answered 200.
feed = reads_query()

urlpatterns = [
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("quotes/export.csv", views.quote_export_csv, name="quote_export_csv"),
    path("quotes/export.json", views.quote_export_json, name="quote_export_json"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote_detail"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("sources/", views.sources_view, name="sources"),
    path("sources/<slug:breakdown>.csv", views.sources_csv, name="sources_csv"),
    path("compare/", views.compare, name="compare"),
    path("outlets/", views.outlet_list, name="outlet_list"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", views.search_view, name="search"),
    path("feeds/latest.rss", feed(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/latest.atom", feed(feeds.atom(feeds.LatestArticlesFeed)()), name="feed_atom"),
    path("feeds/people/<slug:slug>.rss", feed(feeds.PersonArticlesFeed()), name="person_feed_rss"),
    path("feeds/people/<slug:slug>.atom", feed(feeds.atom(feeds.PersonArticlesFeed)()), name="person_feed_atom"),
    path("feeds/states/<slug:slug>.rss", feed(feeds.StateArticlesFeed()), name="state_feed_rss"),
    path("feeds/states/<slug:slug>.atom", feed(feeds.atom(feeds.StateArticlesFeed)()), name="state_feed_atom"),
    path("feeds/authors/<slug:slug>.rss", feed(feeds.AuthorArticlesFeed()), name="author_feed_rss"),
    path("feeds/authors/<slug:slug>.atom", feed(feeds.atom(feeds.AuthorArticlesFeed)()), name="author_feed_atom"),
    path("feeds/topics/<slug:slug>.rss", feed(feeds.TopicArticlesFeed()), name="topic_feed_rss"),
    path("feeds/topics/<slug:slug>.atom", feed(feeds.atom(feeds.TopicArticlesFeed)()), name="topic_feed_atom"),
]
