"""/api/v1/: the read-only JSON API, one router over both apps."""

from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet, QuoteViewSet
from people.api import PersonViewSet, StateViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("people", PersonViewSet, basename="person")
router.register("states", StateViewSet, basename="state")
