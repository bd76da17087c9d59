"""The sample story, loaded faithfully and idempotently."""

import datetime
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Byline, Evidence, Outlet, Quote, Topic
from people.models import Author, Person, Position

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "articles" / "demo" / "secure-communities-body.txt"
SHARED_SEED = SEED.parents[3] / "shared" / "seed" / "000_0b758dc937da1ae3.txt"
ALL_MODELS = [Article, Byline, Outlet, Quote, Evidence, Topic, Author, Person, Position]


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    return Article.objects.get(slug="gov-deval-patrick-refuses-to-sign-immigration-program")


def snapshot():
    rows = []
    for model in ALL_MODELS:
        rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return rows


def test_article_is_the_boston_herald_story(demo):
    assert demo.headline == "Gov. Deval Patrick refuses to sign immigration program"
    assert demo.outlet.name == "Boston Herald"
    assert [b.author.name for b in demo.bylines.all()] == ["Hillary Chabot"]
    assert timezone.localdate(demo.published_at) == datetime.date(2011, 6, 6)
    assert demo.status == "published"
    assert demo.body_text == SEED.read_text(encoding="utf-8").strip()
    assert len(demo.paragraphs()) == 7
    assert demo.body.startswith("<p>A backpedaling Gov. Deval Patrick refused")
    assert sorted(demo.states.values_list("code", flat=True)) == ["CA", "IL", "MA", "NY"]
    assert set(demo.topics.values_list("name", flat=True)) == {"Secure Communities", "Immigration enforcement"}


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed folder is not beside this checkout")
def test_body_is_the_seed_story_word_for_word(demo):
    seed = SHARED_SEED.read_text(encoding="utf-8")
    assert seed.split("Monday, June 6, 2011", 1)[1].strip() == demo.body_text
    assert "By Hillary Chabot" in seed and demo.headline in seed


def test_people_hold_their_real_offices(demo):
    patrick = Person.objects.get(slug="deval-patrick")
    assert (patrick.state.code, patrick.party) == ("MA", "democratic")
    governor = patrick.positions.get(title="Governor")
    assert (governor.start_date, governor.end_date) == (datetime.date(2007, 1, 4), datetime.date(2015, 1, 8))
    cuomo = Person.objects.get(slug="andrew-cuomo")
    assert cuomo.position_on(datetime.date(2011, 6, 1)).title == "Governor"
    assert cuomo.position_on(datetime.date(2011, 6, 1)).start_date == datetime.date(2011, 1, 1)
    quinn = Person.objects.get(slug="pat-quinn")
    assert quinn.positions.get(title="Governor").start_date == datetime.date(2009, 1, 29)
    heffernan = Person.objects.get(slug="mary-beth-heffernan")
    assert heffernan.position_on(datetime.date(2011, 6, 3)).title == "Secretary of Public Safety and Security"


def test_every_quotation_in_the_story_is_a_quote(demo):
    quotes = list(demo.quotes.select_related("speaker"))
    direct = [(q.speaker.name, q.text) for q in quotes if q.kind == "direct"]
    paraphrase = [(q.speaker.name, q.text) for q in quotes if q.kind == "paraphrase"]
    assert [name for name, _ in direct] == ["Mary Beth Heffernan"] * 3
    assert {text for _, text in direct} == {
        "The Governor and I are dubious of the Commonwealth taking on the federal role of immigration enforcement,",
        "We are even more skeptical of the potential impact that Secure Communities could have on the residents of "
        "the Commonwealth. Through the community meetings we have held around the Commonwealth, residents have "
        "expressed concerns about racial profiling as a result of the program.",
        "sending conflicting messages",
    }
    assert paraphrase == [
        ("Deval Patrick", "he would sign onto the program"),
        ("Andrew Cuomo", "he was withdrawing from Secure Communities"),
        ("Andrew Cuomo", "it hasn’t deported felons"),
        ("Pat Quinn", "many of the people deported hadn’t committed a serious crime"),
    ]
    for quote in quotes:
        assert quote.text in demo.body_text  # word for word, as printed


def test_quotes_carry_when_they_were_said(demo):
    letter = demo.quotes.filter(speaker__slug="mary-beth-heffernan")
    assert {q.said_on for q in letter} == {datetime.date(2011, 6, 3)}  # "sent Friday"
    patrick = demo.quotes.get(speaker__slug="deval-patrick")
    assert (patrick.said_on_display, patrick.said_on_precision) == ("December 2010", "month")


def test_second_run_changes_nothing(demo, capsys):
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


def test_demo_pages_show_the_story(demo, client):
    html = client.get(demo.get_absolute_url()).text
    assert "Hillary Chabot" in html and "Boston Herald" in html and "Monday, June 6, 2011" in html
    assert "Secretary of Public Safety and Security, Commonwealth of Massachusetts" in html
    assert "Governor, State of New York" in html and "Governor, State of Illinois" in html
    assert html.count('<q class="in-body"') == 3
    assert client.get("/articles/?state=IL").text.count(demo.headline) == 1
    assert demo.headline in client.get("/articles/?person=mary-beth-heffernan").text
    assert "Mary Beth Heffernan" in client.get("/people/?state=MA").text
