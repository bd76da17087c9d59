from django.urls import path

from . import feeds, views

app_name = "articles"

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
    path("feeds/latest.rss", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/latest.atom", feeds.atom(feeds.LatestArticlesFeed)(), name="feed_atom"),
    path("feeds/people/<slug:slug>.rss", feeds.PersonArticlesFeed(), name="person_feed_rss"),
    path("feeds/people/<slug:slug>.atom", feeds.atom(feeds.PersonArticlesFeed)(), name="person_feed_atom"),
    path("feeds/states/<slug:slug>.rss", feeds.StateArticlesFeed(), name="state_feed_rss"),
    path("feeds/states/<slug:slug>.atom", feeds.atom(feeds.StateArticlesFeed)(), name="state_feed_atom"),
    path("feeds/authors/<slug:slug>.rss", feeds.AuthorArticlesFeed(), name="author_feed_rss"),
    path("feeds/authors/<slug:slug>.atom", feeds.atom(feeds.AuthorArticlesFeed)(), name="author_feed_atom"),
    path("feeds/topics/<slug:slug>.rss", feeds.TopicArticlesFeed(), name="topic_feed_rss"),
    path("feeds/topics/<slug:slug>.atom", feeds.atom(feeds.TopicArticlesFeed)(), name="topic_feed_atom"),
]
