"""Read-only JSON API for people (with positions) and states, on Django REST framework."""

from django.urls import reverse
from django.utils.decorators import method_decorator
from rest_framework import serializers, viewsets

from newsroom.addresses import follows_renames
from newsroom.filters import PageFilter

from .filters import PersonFilter
from .models import Person, Position, State
from .views import public_people


class StateSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:state-detail", lookup_field="code")
    html_url = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    articles = serializers.SerializerMethodField()

    class Meta:
        model = State
        fields = ["url", "html_url", "code", "name", "slug", "people", "articles"]

    def get_html_url(self, state):
        return self.context["request"].build_absolute_uri(state.get_absolute_url())

    def get_people(self, state):
        return self.context["request"].build_absolute_uri(reverse("api:person-list") + f"?state={state.code}")

    def get_articles(self, state):
        return self.context["request"].build_absolute_uri(reverse("api:article-list") + f"?state={state.code}")


class PositionSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state_id", read_only=True, help_text="USPS code")

    class Meta:
        model = Position
        fields = [
            "title",
            "organization",
            "state",
            "level",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
        ]


class PersonSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    state = serializers.HyperlinkedRelatedField(view_name="api:state-detail", lookup_field="code", read_only=True)
    aliases = serializers.ListField(source="alias_list", read_only=True)
    positions = PositionSerializer(many=True, read_only=True)
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "url",
            "html_url",
            "name",
            "slug",
            "sort_name",
            "bio",
            "party",
            "gender",
            "state",
            "wikidata_id",
            "openstates_id",
            "bioguide_id",
            "aliases",
            "positions",
            "quotes",
        ]

    def get_html_url(self, person):
        return self.context["request"].build_absolute_uri(person.get_absolute_url())

    def get_quotes(self, person):
        return self.context["request"].build_absolute_uri(reverse("api:quote-list") + f"?person={person.slug}")


class StateViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = State.objects.order_by("name")
    serializer_class = StateSerializer
    filterset_class = PageFilter  # ?page= checked as on the other lists: not a number ≥ 1 is a 400
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()  # /states/ma/ is /states/MA/
        return super().get_object()


@method_decorator(follows_renames(public_people), name="retrieve")  # old slugs (newsroom/addresses.py)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People quoted in published articles, with their positions over time."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"

    def get_queryset(self):
        # Per request: who is public depends on the time (scheduled articles go live).
        return Person.objects.public().select_related("state").prefetch_related("positions")
