"""The benchmark archive: realistic, skewed, deterministic."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Quote
from people.models import Author, Person, State

pytestmark = pytest.mark.django_db


def generate(seed=3, **sizes):
    out = io.StringIO()
    options = {"articles": 300, "people": 120, "quotes": 3000, "batch": 500} | sizes
    call_command("generate_archive", seed=seed, stdout=out, **options)
    return out.getvalue()


def test_builds_the_requested_sizes_with_progress():
    output = generate()
    assert (Article.objects.count(), Person.objects.count(), Quote.objects.count()) == (300, 120, 3000)
    assert "quotes: 3,000/3,000" in output and "/s," in output and "left)" in output


def test_is_skewed_like_real_coverage():
    generate()
    counts = sorted(Counter(Quote.objects.values_list("speaker_id", flat=True)).values(), reverse=True)
    assert counts[0] > 10 * counts[len(counts) // 2]  # the most quoted far above the median
    assert set(Person.objects.values_list("state", flat=True)) == set(State.objects.values_list("code", flat=True))
    unpublished = Article.objects.exclude(status="published").count() / Article.objects.count()
    assert 0.05 < unpublished < 0.15
    years = {d.year for d in Article.objects.values_list("published_at", flat=True)}
    assert len(years) > 10


def test_is_deterministic():
    generate(seed=5)
    first = list(Quote.objects.order_by("pk").values_list("text", "kind", "said_on"))
    with pytest.raises(CommandError, match="already in this database"):
        generate(seed=5)
    for model in (Quote, Article, Person, Author):
        model.objects.all().delete()
    generate(seed=5)
    assert list(Quote.objects.order_by("pk").values_list("text", "kind", "said_on")) == first


def test_refuses_empty_sizes():
    with pytest.raises(CommandError, match="at least 1"):
        generate(quotes=0)
