"""The states each article involves (articles.models.InvolvedState), behind ?state=: the
states it covers and the home states of the people quoted in it, kept current as any of
those change."""

from django.core.management import call_command

from articles.models import Article, InvolvedState, Quote
from people.models import State


def involved(article):
    return set(InvolvedState.objects.filter(article=article).values_list("state", flat=True))


def derived_from_sources():
    """Every article's states computed afresh from what they are derived from."""
    expected = {}
    for article_id, state in Article.states.through.objects.values_list("article", "state"):
        expected.setdefault(article_id, set()).add(state)
    for article_id, state in Quote.objects.filter(speaker__state__isnull=False).values_list(
        "article", "speaker__state"
    ):
        expected.setdefault(article_id, set()).add(state)
    return expected


def stored():
    rows = {}
    for article_id, state in InvolvedState.objects.values_list("article", "state"):
        rows.setdefault(article_id, set()).add(state)
    return rows


def state_filter(client, code):
    return [article.headline for article in client.get(f"/articles/?state={code}").context["page"]]


def test_covered_states_follow_the_article_both_ways(client, make):
    article = make.article("Patrick balks", states=["MA"])
    assert involved(article) == {"MA"}
    assert state_filter(client, "MA") == ["Patrick balks"]
    article.states.add(State.objects.get(code="NY"))
    assert involved(article) == {"MA", "NY"}
    article.states.remove(State.objects.get(code="MA"))
    assert involved(article) == {"NY"}
    assert state_filter(client, "MA") == []
    # From the state's side too.
    illinois = State.objects.get(code="IL")
    illinois.articles.add(article)
    assert involved(article) == {"NY", "IL"}
    illinois.articles.clear()
    assert involved(article) == {"NY"}
    article.states.clear()
    assert involved(article) == set()


def test_a_speakers_home_state_comes_and_goes_with_their_quotes(client, make):
    article, other = make.article("Cuomo weighs in"), make.article("Elsewhere")
    cuomo = make.person("Andrew Cuomo", state="NY")
    quote = make.quote(article, cuomo)
    assert involved(article) == {"NY"}
    assert state_filter(client, "NY") == ["Cuomo weighs in"]
    # Moved to another article: both follow.
    quote.article = other
    quote.save()
    assert (involved(article), involved(other)) == (set(), {"NY"})
    quote.delete()
    assert involved(other) == set()
    assert state_filter(client, "NY") == []


def test_a_person_who_moves_takes_their_articles_along(make):
    article = make.article("Quinn on the program", states=["IL"])
    quinn = make.person("Pat Quinn", state="WI")
    make.quote(article, quinn)
    assert involved(article) == {"IL", "WI"}
    quinn.state = State.objects.get(code="IL")
    quinn.save()
    assert involved(article) == {"IL"}
    quinn.bio = "Governor of Illinois."  # a save that doesn't move them changes nothing
    quinn.save()
    assert involved(article) == {"IL"}


def test_deleting_an_article_with_quotes_deletes_its_rows(make):
    article = make.article("Gone", states=["MA"])
    make.quote(article, make.person(state="NY"))
    pk = article.pk
    article.delete()
    assert not InvolvedState.objects.filter(article_id=pk).exists()
    Article.objects.all().delete()  # and from a queryset


def test_the_generated_archive_has_its_rows(db):
    with open("/dev/null", "w") as out:
        call_command("generate_archive", articles=30, people=12, quotes=120, seed=93, stdout=out)
    assert stored() == derived_from_sources()
    assert len(stored()) >= 30  # every generated article covers a state


def test_refresh_recomputes_any_set_of_articles(make):
    first, second = make.article(states=["MA"]), make.article(states=["NY"])
    make.quote(second, make.person(state="IL"))
    InvolvedState.objects.all().delete()
    InvolvedState.objects.refresh(Article.objects.values("pk"))
    assert stored() == derived_from_sources() == {first.pk: {"MA"}, second.pk: {"NY", "IL"}}
