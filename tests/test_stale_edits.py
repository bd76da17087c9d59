"""Two editors at once: a save based on a version someone else has changed since is refused, says
what changed and who changed it, and loses nothing; a speaker deleted meanwhile is a form error."""

import datetime
import re
from unittest import mock

import pytest
from django.db import transaction
from django.forms import ModelChoiceField
from django.test import Client
from django.urls import reverse

from articles.admin import add_coverage
from articles.forms import speaker_still_there
from articles.models import Article, Outlet, Quote, QuoteProposal, Topic
from people.models import Author, Person, Position, State
from tests.adminforms import change_form_data
from tests.concurrency import in_another_connection, needs_postgresql
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db

STALE = "was changed after you opened it"


@pytest.fixture
def alice(django_user_model):
    user = django_user_model.objects.create_superuser("alice", password="x" * 20)
    return force_login_verified(Client(), user)


@pytest.fixture
def bob(django_user_model):
    user = django_user_model.objects.create_superuser("bob", password="x" * 20)
    return force_login_verified(Client(), user)


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj):
    """The change form of `obj` as `client`'s browser would post it back."""
    return change_form_data(client.get(change_url(obj)))


def saved(client, obj, data):
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def refused(client, obj, data):
    response = client.post(change_url(obj), data)
    assert response.status_code == 200
    return response


def row_errors(response, model, index=0):
    """The errors shown on one row of an inline."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return " ".join(inline.formset.forms[index].non_field_errors())
    raise AssertionError(f"no {model.__name__} inline")


# -- Quotes: their own form and the article's inline ----------------------------------------------


@pytest.mark.parametrize("status", ["draft", "published"])
def test_a_quote_form_opened_before_the_words_changed_in_the_article_form_is_refused(make, alice, bob, status):
    article = make.article("Shared story", status=status, body="He said it.")
    quote = make.quote(article, make.person("Deval Patrick"), text="Original words", context="in a speech")
    bobs = opened(bob, quote)  # Bob opens the quote's own form

    alices = opened(alice, article)  # Alice changes the words inside the article form
    alices |= {"quotes-0-text": "Alice's words", "quotes-0-correction": "Misquoted at first."}
    saved(alice, article, alices)

    bobs["context"] = "in a letter to the board"
    response = refused(bob, quote, bobs)
    assert STALE in response.text
    assert "changed: Text" in response.text and "by alice" in response.text
    # The day and the zone too: the other save may be yesterday's, in the newsroom's time zone.
    assert re.search(r"saved [A-Z][a-z]{2} \d{2} at \d{2}:\d{2}:\d{2} E[SD]T by alice", response.text)
    # Not a request for a correction note: Bob never changed the words.
    assert "say what was corrected" not in response.text
    assert "in a letter to the board" in response.text  # what Bob typed is kept
    assert "Alice&#x27;s words" in response.text  # the field he left alone shows hers
    quote.refresh_from_db()
    assert (quote.text, quote.context) == ("Alice's words", "in a speech")

    # Having read that, saving again goes through, and keeps Alice's words.
    saved(bob, quote, change_form_data(response))
    quote.refresh_from_db()
    assert (quote.text, quote.context) == ("Alice's words", "in a letter to the board")


def test_a_quote_row_changed_in_the_quote_form_is_refused_on_its_row_in_the_article_form(make, alice, bob):
    article = make.article("Shared story", status="draft")
    quote = make.quote(article, make.person("Deval Patrick"), text="Original words")
    alices = opened(alice, article)

    bobs = opened(bob, quote) | {"text": "Bob's words"}
    saved(bob, quote, bobs)

    alices["quotes-0-context"] = "at a press conference"
    response = refused(alice, article, alices)
    on_row = row_errors(response, Quote)
    assert "This quote " + STALE in on_row and "changed: Text" in on_row and "by bob" in on_row
    assert "at a press conference" in response.text and "Bob&#x27;s words" in response.text
    quote.refresh_from_db()
    assert (quote.text, quote.context) == ("Bob's words", "")

    saved(alice, article, change_form_data(response))
    quote.refresh_from_db()
    assert (quote.text, quote.context) == ("Bob's words", "at a press conference")


def test_saving_an_article_again_keeps_a_quote_changed_meanwhile_that_the_editor_left_alone(make, alice, bob):
    article = make.article("Shared story", status="published")
    quote = make.quote(article, make.person("Deval Patrick"), text="Original words")
    alices = opened(alice, article)

    saved(bob, quote, opened(bob, quote) | {"text": "Corrected words", "correction": "Misquoted at first."})

    alices["headline"] = "Alice's headline"
    response = refused(alice, article, alices)
    assert "This article " + STALE in response.text and "its quotes, bylines or corrections" in response.text
    assert "This quote " + STALE in row_errors(response, Quote)
    assert "say what was corrected" not in response.text

    saved(alice, article, change_form_data(response))
    article.refresh_from_db()
    quote.refresh_from_db()
    assert (article.headline, quote.text) == ("Alice's headline", "Corrected words")


def test_an_article_form_names_the_fields_another_editor_changed(make, alice, bob):
    article = make.article("Shared story", status="draft", body="Original body.")
    alices = opened(alice, article)
    saved(bob, article, opened(bob, article) | {"headline": "Bob's headline"})

    response = refused(alice, article, alices | {"body": "Alice's body."})
    assert "This article " + STALE in response.text
    assert "changed: Headline;" in response.text and "by bob" in response.text
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Bob's headline", "Original body.")


# -- People, their positions, authors, outlets, topics ---------------------------------------------


def person(make):
    return make.person("Deval Patrick", bio="Governor.")


def author(make):
    return Author.objects.create(name="Jane Reporter", slug="jane-reporter", bio="Covers the State House.")


def outlet(make):
    return Outlet.objects.create(name="Boston Herald", slug="boston-herald", homepage_url="https://herald.example")


def topic(make):
    return Topic.objects.create(name="Immigration", slug="immigration")


# (what, how it's made, Alice's change and its label, Bob's change)
FORMS = [
    ("person", person, ("bio", "Former governor.", "Short bio"), ("sort_name", "Patrick, D.")),
    ("author", author, ("bio", "Covers City Hall.", "Bio"), ("name", "Jane Q. Reporter")),
    ("outlet", outlet, ("homepage_url", "https://bostonherald.example", "Homepage URL"), ("name", "The Herald")),
    ("topic", topic, ("name", "Immigration policy", "Name"), ("slug", "immigration-policy")),
]


@pytest.mark.parametrize(("what", "build", "alices_change", "bobs_change"), FORMS, ids=[f[0] for f in FORMS])
def test_a_change_form_opened_before_another_editors_save_is_refused(
    make, alice, bob, what, build, alices_change, bobs_change
):
    obj = build(make)
    before = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    bobs = opened(bob, obj)

    field, value, label = alices_change
    saved(alice, obj, opened(alice, obj) | {field: value})
    after_alice = {**before, field: value}

    bobs_field, bobs_value = bobs_change
    response = refused(bob, obj, bobs | {bobs_field: bobs_value})
    assert f"This {what} {STALE}" in response.text
    assert f"changed: {label};" in response.text and "by alice" in response.text
    assert bobs_value in response.text  # what Bob typed is kept
    obj.refresh_from_db()
    assert {name: getattr(obj, name) for name in before} == after_alice

    saved(bob, obj, change_form_data(response))  # a deliberate second save
    obj.refresh_from_db()
    assert (getattr(obj, field), getattr(obj, bobs_field)) == (value, bobs_value)


def picture(make):
    return make.image(alt_text="A crowd outside the State House", caption="June 6, 2011.")


def state(make):
    return State.objects.get(code="MA")


# Kept without a history: the refusal can't say who saved, but refuses all the same.
UNVERSIONED = [
    ("image", picture, ("alt_text", "Protesters outside the State House", "Alt text"), ("caption", "Bob’s caption")),
    ("state", state, ("name", "Commonwealth of Massachusetts", "Name"), ("slug", "mass")),
]


@pytest.mark.parametrize(
    ("what", "build", "alices_change", "bobs_change"), UNVERSIONED, ids=[f[0] for f in UNVERSIONED]
)
def test_a_picture_or_state_form_opened_before_another_editors_save_is_refused(
    make, alice, bob, what, build, alices_change, bobs_change
):
    """Bob's save of the media library's form wrote back the alt text he had loaded over Alice's."""
    obj = build(make)
    bobs = opened(bob, obj)
    field, value, label = alices_change
    saved(alice, obj, opened(alice, obj) | {field: value})

    bobs_field, bobs_value = bobs_change
    response = refused(bob, obj, bobs | {bobs_field: bobs_value})
    assert f"This {what} {STALE} (changed: {label}" in response.text and "the history" not in response.text
    obj.refresh_from_db()
    assert (getattr(obj, field), getattr(obj, bobs_field)) == (value, getattr(build(make), bobs_field))

    saved(bob, obj, change_form_data(response))  # a deliberate second save keeps both
    obj.refresh_from_db()
    assert (getattr(obj, field), getattr(obj, bobs_field)) == (value, bobs_value)


def test_a_position_row_changed_meanwhile_is_refused_on_its_row(make, alice, bob):
    deval = make.person("Deval Patrick")
    position = make.position(deval, title="Governor", start=(2007, 1, 4))
    bobs = opened(bob, deval)

    saved(alice, deval, opened(alice, deval) | {"positions-0-title": "Governor of Massachusetts"})

    bobs["positions-0-end_date"] = "2015-01-08"
    response = refused(bob, deval, bobs)
    on_row = row_errors(response, Position)
    assert "This position " + STALE in on_row and "changed: Title" in on_row and "by alice" in on_row
    assert "2015-01-08" in response.text
    position.refresh_from_db()
    assert (position.title, position.end_date) == ("Governor of Massachusetts", None)

    saved(bob, deval, change_form_data(response))
    position.refresh_from_db()
    assert (position.title, position.end_date) == ("Governor of Massachusetts", datetime.date(2015, 1, 8))


def test_a_change_made_outside_the_admin_is_refused_too(make, alice):
    quote = make.quote(make.article(status="draft"), make.person(), text="Original words")
    alices = opened(alice, quote)
    Quote.objects.filter(pk=quote.pk).update(context="set by a script")  # no signal, no history

    response = refused(alice, quote, alices | {"text": "Alice's words"})
    assert "This quote " + STALE in response.text
    quote.refresh_from_db()
    assert (quote.text, quote.context) == ("Original words", "set by a script")


# -- A speaker deleted meanwhile -------------------------------------------------------------------

GONE = "This person was deleted meanwhile; choose another."


def delete_person_after_validation(person):
    """Delete `person` just after the form has checked they exist: a deletion racing the save."""
    real = ModelChoiceField.to_python

    def to_python(field, value):
        found = real(field, value)
        if found is not None and found.pk == person.pk:
            Person.objects.filter(pk=person.pk).delete()
        return found

    return mock.patch.object(ModelChoiceField, "to_python", to_python)


@pytest.mark.parametrize("race", [False, True], ids=["before", "during"])
def test_a_quote_by_a_person_deleted_meanwhile_is_a_form_error_in_the_quote_form(make, alice, bob, race):
    article = make.article(status="draft")
    quote = make.quote(article, make.person("Old Speaker"), text="Original words")
    doomed = make.person("Doomed Speaker")
    alices = opened(alice, quote) | {"speaker": doomed.pk, "context": "Alice's context"}

    if race:
        with delete_person_after_validation(doomed):
            response = refused(alice, quote, alices)
    else:
        assert bob.post(reverse("admin:people_person_delete", args=[doomed.pk]), {"post": "yes"}).status_code == 302
        response = refused(alice, quote, alices)
    assert response.context["adminform"].form.errors["speaker"] == [GONE]
    assert "Alice&#x27;s context" in response.text
    quote.refresh_from_db()
    assert (quote.speaker.name, quote.context) == ("Old Speaker", "")


@pytest.mark.parametrize("race", [False, True], ids=["before", "during"])
def test_a_quote_by_a_person_deleted_meanwhile_is_a_form_error_in_the_article_form(make, alice, bob, race):
    article = make.article("Shared story", status="draft")
    doomed = make.person("Doomed Speaker")
    alices = opened(alice, article) | {
        "headline": "Alice's headline",
        "quotes-0-speaker": doomed.pk,
        "quotes-0-text": "Words worth keeping",
        "quotes-0-kind": "direct",
        "quotes-0-said_on_precision": "day",
        "quotes-0-position": "0",
    }
    if race:
        with delete_person_after_validation(doomed):
            response = refused(alice, article, alices)
    else:
        assert bob.post(reverse("admin:people_person_delete", args=[doomed.pk]), {"post": "yes"}).status_code == 302
        response = refused(alice, article, alices)
    quotes = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Quote)
    assert quotes.forms[0].errors["speaker"] == [GONE]
    assert "Words worth keeping" in response.text and "Alice&#x27;s headline" in response.text
    assert not Quote.objects.exists()
    assert Article.objects.get().headline == "Shared story"


@pytest.mark.parametrize("race", [False, True], ids=["before", "during"])
def test_accepting_a_proposal_by_a_person_deleted_meanwhile_is_a_form_error(make, alice, bob, race):
    article = make.article("Imported", status="draft", body="Patrick said “hello there” today.")
    doomed = make.person("Deval Patrick")
    proposal = QuoteProposal.objects.create(
        article=article, text="hello there", speaker_name="Patrick", person=doomed, start=14, end=25
    )
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-proposal": proposal.pk,
        "form-0-decision": "accepted",
        "form-0-text": "hello there, friends",
        "form-0-kind": "direct",
        "form-0-person": doomed.pk,
        "form-0-speaker_name": "",
    }
    if race:
        with delete_person_after_validation(doomed):
            response = alice.post(url, data)
    else:
        assert bob.post(reverse("admin:people_person_delete", args=[doomed.pk]), {"post": "yes"}).status_code == 302
        response = alice.post(url, data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["person"] == [GONE]
    assert "hello there, friends" in response.text
    assert not Quote.objects.exists()
    proposal.refresh_from_db()
    assert proposal.decision == QuoteProposal.Decision.PENDING


# -- The same races between two database connections (PostgreSQL) ----------------------------------

# (People without a home state below: a transactional test may run after another's flush, which
# empties the states the migration created.)


@needs_postgresql
def test_a_quote_saved_while_its_speaker_is_being_deleted_is_a_form_error(transactional_db, make, alice):
    quote = make.quote(make.article(status="draft"), make.person("Old Speaker", state=None), text="Original words")
    doomed = make.person("Doomed Speaker", state=None)
    data = opened(alice, quote) | {"speaker": doomed.pk, "context": "Alice's context"}
    with in_another_connection(lambda: Person.objects.filter(pk=doomed.pk).delete()):
        response = refused(alice, quote, data)
    assert response.context["adminform"].form.errors["speaker"] == [GONE]
    quote.refresh_from_db()
    assert (quote.speaker.name, quote.context) == ("Old Speaker", "")


@needs_postgresql
@pytest.mark.parametrize("field", ["bylines-0-author", "outlet"])
def test_an_author_or_outlet_deleted_while_an_article_naming_it_is_saved_is_a_form_error(
    transactional_db, make, alice, field
):
    article = make.article("Draft", status="draft", published_at=None)
    doomed = make.author("Doomed Author") if field.startswith("bylines") else make.outlet("Doomed Outlet")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(alice.get(url)) | {field: str(doomed.pk)}
    with in_another_connection(lambda: type(doomed).objects.filter(pk=doomed.pk).delete()):
        response = alice.post(url, data)
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not article.bylines.exists() and Article.objects.get().outlet is None


@needs_postgresql
def test_a_topic_deleted_while_an_article_adding_it_is_saved_is_a_form_error(transactional_db, make, alice):
    kept = make.topic("Kept Topic")
    article = make.article("Draft", status="draft", published_at=None, topics=[kept])
    doomed = make.topic("Doomed Topic")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(alice.get(url)) | {"topics": [str(kept.pk), str(doomed.pk)], "headline": "Retitled"}
    with in_another_connection(lambda: Topic.objects.filter(pk=doomed.pk).delete()):
        response = alice.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["topics"] == [
        f"Select a valid choice. {doomed.pk} is not one of the available choices."
    ]
    article.refresh_from_db()
    assert article.headline == "Draft" and list(article.topics.all()) == [kept]


@needs_postgresql
def test_a_topic_deleted_while_the_import_review_adds_it_is_left_out(transactional_db, make):
    article = make.article("Imported", status="draft", published_at=None)
    kept, doomed = make.topic("Kept Topic"), make.topic("Doomed Topic")
    with in_another_connection(lambda: Topic.objects.filter(pk=doomed.pk).delete()), transaction.atomic():
        added = add_coverage(article, {"states": [], "topics": [kept.pk, doomed.pk]})
    assert added == ["Kept Topic"] and list(article.topics.all()) == [kept]


@needs_postgresql
def test_deleting_a_person_while_a_quote_by_them_is_being_saved_finds_the_quote(transactional_db, make, alice):
    doomed = make.person("Doomed Speaker", state=None)
    article = make.article(status="draft")

    def save_a_quote():
        assert speaker_still_there(doomed)  # as the quote form does
        Quote.objects.create(article=article, speaker=doomed, text="Words worth keeping")

    url = reverse("admin:people_person_delete", args=[doomed.pk])
    with in_another_connection(save_a_quote):
        response = alice.post(url, {"post": "yes"})
    assert response.status_code == 200 and "protected related objects" in response.text
    assert Person.objects.filter(pk=doomed.pk).exists() and Quote.objects.get().speaker == doomed
