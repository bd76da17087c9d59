"""Rules the database keeps, whatever path the data takes."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Article, Quote
from people.models import Person, State

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_states_migration_creates_states_dc_and_territories():
    assert State.objects.count() == 56
    assert State.objects.get(code="MA").slug == "massachusetts"
    assert set(State.objects.filter(code__in=["DC", "PR", "GU", "VI", "AS", "MP"]).values_list("code", flat=True)) == {
        "DC",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    }


def test_article_status_outside_the_choices_is_refused(make):
    refused(lambda: make.article(status="maybe"))


def test_published_article_needs_a_date(make):
    refused(lambda: Article.objects.create(headline="x", slug="x", status="published", published_at=None))


def test_published_gate_excludes_drafts_and_future_dates(make):
    live = make.article()
    make.article(status="draft")
    make.article(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_quote_text_may_not_be_blank(make):
    article, speaker = make.article(), make.person()
    refused(lambda: make.quote(article, speaker, text="   "))


def test_same_quote_twice_in_an_article_is_refused(make):
    article, speaker = make.article(), make.person()
    make.quote(article, speaker, text="Once is enough.")
    refused(lambda: make.quote(article, speaker, text="Once is enough."))
    # The same words by another speaker, or in another article, are different quotes.
    make.quote(article, make.person(), text="Once is enough.")
    make.quote(make.article(), speaker, text="Once is enough.")


def test_very_long_quote_fits_the_uniqueness_index(make):
    text = "Long words. " * 2000
    quote = make.quote(make.article(), make.person(), text=text)
    assert len(quote.text) > 20000


def test_quote_kind_outside_the_choices_is_refused(make):
    article, speaker = make.article(), make.person()
    refused(lambda: make.quote(article, speaker, kind="rumour"))


def test_quote_said_on_defaults_to_the_article_date(make):
    article = make.article(published_at=timezone.make_aware(datetime.datetime(2011, 6, 6, 9, 0)))
    assert make.quote(article, make.person()).said_on == datetime.date(2011, 6, 6)


def test_draft_quotes_take_the_date_once_the_article_has_one(make):
    article = make.article(status="draft", published_at=None)
    quote = make.quote(article, make.person())
    assert quote.said_on is None
    article.published_at = timezone.make_aware(datetime.datetime(2011, 6, 6, 9, 0))
    article.save()
    quote.refresh_from_db()
    assert quote.said_on == datetime.date(2011, 6, 6)


def test_person_with_quotes_is_protected(make):
    speaker = make.person()
    make.quote(make.article(), speaker)
    with pytest.raises(ProtectedError):
        speaker.delete()
    assert Person.objects.filter(pk=speaker.pk).exists()


def test_deleting_an_article_deletes_its_quotes_and_bylines(make):
    article = make.article(authors=[make.author()])
    make.quote(article, make.person())
    article.delete()
    assert not Quote.objects.exists()


def test_external_ids_are_unique_when_present(make):
    make.person(wikidata_id="Q11673")
    make.person()  # blank ids don't collide
    make.person()
    refused(lambda: make.person(wikidata_id="Q11673"))


def test_position_may_not_end_before_it_starts(make):
    person = make.person()
    refused(lambda: make.position(person, start=(2011, 1, 1), end=(2010, 1, 1)))


def test_title_held_on_a_day_follows_positions_over_time(make):
    person = make.person()
    make.position(person, title="Attorney General", start=(2007, 1, 1), end=(2010, 12, 31))
    make.position(person, title="Governor", start=(2011, 1, 1), end=None)
    assert person.position_on(datetime.date(2009, 6, 1)).title == "Attorney General"
    assert person.position_on(datetime.date(2011, 6, 1)).title == "Governor"
    assert person.position_on(datetime.date(2000, 1, 1)) is None
    assert person.current_title == "Governor"


def test_an_end_known_to_the_month_lasts_the_whole_month(make):
    person = make.person()
    make.position(person, title="Secretary", start=(2010, 1, 1), end=(2013, 1, 1), end_precision="month")
    assert person.position_on(datetime.date(2013, 1, 20)).title == "Secretary"
    assert person.position_on(datetime.date(2013, 2, 1)) is None
    assert person.title_line == "Former Secretary"
