"""The import review proposes what the text says: states covered, topics, each quote's context and
date, and a new speaker's office; an editor confirms each."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import importer
from articles.admin import REVIEW_BATCH
from articles.models import Article, QuoteProposal, Topic
from people.models import Person, Position, State
from tests.logins import force_login_verified
from tests.test_import import SAMPLE, SEED_HEADER, import_file, review_data
from tests.test_text_facts import CHICAGO

pytestmark = pytest.mark.django_db

CHICAGO_STORY = (
    "Cook County Will Stop Holding Immigrants for Federal Agents (Chicago Example)\n\n"
    "Cook County jail stops honoring immigration holds\nBy Jane Example\nWednesday, September 7, 2011\n\n" + CHICAGO
)


@pytest.fixture
def editor_client(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("editor", password="x" * 20))
    return client


@pytest.fixture
def sample(tmp_path):
    """The sample story imported next to the demo's people and topics (the demo's copy deleted)."""
    call_command("load_demo", stdout=io.StringIO())
    Article.objects.all().delete()
    path = tmp_path / "story.txt"
    path.write_text(SEED_HEADER + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    import_file(path)
    return Article.objects.get()


@pytest.fixture
def chicago(tmp_path):
    path = tmp_path / "chicago.txt"
    path.write_text(CHICAGO_STORY, encoding="utf-8")
    import_file(path)
    return Article.objects.get()


def review_url(article):
    return reverse("admin:articles_article_proposals", args=[article.pk])


def coverage(page):
    return {(kind, str(obj)): reason for kind, obj, reason, *_ in page.context["coverage_rows"]}


def test_the_sample_story_proposes_massachusetts_new_york_illinois_and_its_topics(sample, editor_client):
    page = editor_client.get(review_url(sample))
    proposed = coverage(page)
    assert {("state", "Massachusetts"), ("state", "New York"), ("state", "Illinois")} <= set(proposed)
    assert ("topic", "Secure Communities") in proposed and ("topic", "Immigration enforcement") in proposed
    # Each is shown in the sentence it was read from.
    assert "<mark>New York</mark> Gov. Andrew Cuomo said last week" in page.text
    data = review_data(list(sample.proposals.all())) | {
        "states": ["MA", "NY", "IL"],  # California left unchecked
        "topics": [str(t.pk) for t in Topic.objects.all()],
    }
    assert editor_client.post(review_url(sample), data).status_code == 302
    assert set(sample.states.values_list("code", flat=True)) == {"MA", "NY", "IL"}
    assert set(sample.topics.values_list("name", flat=True)) == {"Secure Communities", "Immigration enforcement"}
    # Proposed once, with the first batch: what was left unchecked isn't proposed again.
    assert editor_client.get(review_url(sample)).context["coverage_rows"] == []


def test_a_topic_is_proposed_by_its_alias_and_a_speaker_by_their_home_state(editor_client, tmp_path):
    topic = Topic.objects.create(name="Detainers", slug="detainers", aliases="immigration holds\nICE holds")
    Person.objects.create(name="Deval Patrick", slug="deval-patrick", sort_name="Patrick, Deval", state_id="MA")
    path = tmp_path / "short.txt"
    path.write_text("“We are ready,” said Deval Patrick about immigration holds.", encoding="utf-8")
    import_file(path, headline="Patrick is ready")
    article = Article.objects.get()
    proposed = coverage(editor_client.get(review_url(article)))
    assert proposed[("topic", str(topic))] == "named in the text as “immigration holds”"
    assert proposed[("state", "Massachusetts")] == "the home state of Deval Patrick, quoted"


def test_heffernans_letter_gives_her_quotes_their_context_and_date(sample, editor_client):
    letter = "in a letter to Immigration Customs Enforcement officials"
    first = sample.proposals.get(text__startswith="The Governor and I are dubious")
    assert (first.context, first.said_on, first.said_on_precision) == (letter, datetime.date(2011, 6, 3), "day")
    data = review_data(list(sample.proposals.all()))
    assert editor_client.post(review_url(sample), data).status_code == 302
    quote = sample.quotes.get(text__startswith="The Governor and I are dubious")
    assert (quote.context, quote.said_on, quote.said_on_display) == (letter, datetime.date(2011, 6, 3), "June 3, 2011")
    # "Patrick said he would sign onto the program last December": a month before the dateline.
    patrick = sample.quotes.get(text="he would sign onto the program")
    assert (patrick.said_on, patrick.said_on_precision, patrick.said_on_display) == (
        datetime.date(2010, 12, 1),
        "month",
        "December 2010",
    )
    # Where the text gives no date ("said last week"), the quote takes the article's.
    cuomo = sample.quotes.get(text="he was withdrawing from Secure Communities")
    assert (cuomo.context, cuomo.said_on) == ("", datetime.date(2011, 6, 6))


def test_the_editor_corrects_a_proposed_context_and_date(sample, editor_client):
    proposals = list(sample.proposals.all())
    index = next(i for i, p in enumerate(proposals) if p.text == "he would sign onto the program")
    data = review_data(proposals) | {
        f"form-{index}-context": "on a radio show",
        f"form-{index}-said_on": "2010-12-15",
        f"form-{index}-said_on_precision": "day",
    }
    assert editor_client.post(review_url(sample), data).status_code == 302
    quote = sample.quotes.get(text="he would sign onto the program")
    assert (quote.context, quote.said_on, quote.said_on_precision) == (
        "on a radio show",
        datetime.date(2010, 12, 15),
        "day",
    )


def test_reader_pages_show_a_quotes_context_and_date_only_when_set(sample, editor_client, client):
    assert editor_client.post(review_url(sample), review_data(list(sample.proposals.all()))).status_code == 302
    sample.quotes.filter(text="he was withdrawing from Secure Communities").update(context="")
    sample.status = "published"
    sample.save()
    letter = sample.quotes.get(text__startswith="The Governor and I are dubious")
    html = client.get(letter.get_absolute_url()).text
    assert "in a letter to Immigration Customs Enforcement officials" in html and "June 3, 2011" in html
    cuomo = sample.quotes.get(text="he was withdrawing from Secure Communities")
    assert 'class="context"' not in client.get(cuomo.get_absolute_url()).text


def test_a_new_speaker_is_proposed_with_the_office_the_text_states(chicago):
    dart = chicago.proposals.filter(speaker_name="Tom Dart").first()
    assert (dart.title, dart.organization, dart.state_id) == ("Sheriff", "Cook County", "IL")
    collins = chicago.proposals.filter(speaker_name="Jacqueline Collins").first()
    assert (collins.title, collins.organization, collins.state_id, collins.party) == (
        "State Senator",
        "Illinois Senate",
        "IL",
        "democratic",
    )


def test_accepting_new_speakers_creates_them_with_their_office(chicago, editor_client):
    proposals = list(chicago.proposals.all())
    # "State Sen. Jacqueline Collins, a Chicago Democrat, said": the appositive describes her, it
    # names no one. Both her sentences are hers, and nothing is proposed for a "Chicago Democrat".
    assert [p.speaker_name for p in proposals] == ["Tom Dart", "Tom Dart", "Jacqueline Collins", "Jacqueline Collins"]
    data = review_data(proposals)
    page = editor_client.get(review_url(chicago))
    assert 'value="Cook County"' in page.text and 'value="State Senator"' in page.text  # prefilled
    response = editor_client.post(review_url(chicago), data)
    assert response.status_code == 302, response.context["formset"].errors
    # Quoted twice, Tom Dart is one person, with the office the text gives.
    dart = Person.objects.get(name="Tom Dart")
    assert dart.state_id == "IL"
    assert dart.title_line == "Sheriff, Cook County"
    position = dart.positions.get()
    assert (position.title, position.organization, position.state_id) == ("Sheriff", "Cook County", "IL")
    assert not Person.objects.filter(name__icontains="Democrat").exists()
    assert Person.objects.count() == 2
    collins = Person.objects.get(name="Jacqueline Collins")
    assert (collins.state_id, collins.party, collins.title_line) == (
        "IL",
        "democratic",
        "State Senator, Illinois Senate",
    )


@pytest.mark.parametrize("missing", ["title", "state", "speaker_name"])
def test_a_new_person_is_never_created_without_a_title_and_a_state(chicago, editor_client, missing):
    proposals = list(chicago.proposals.filter(speaker_name="Jacqueline Collins"))
    data = review_data(proposals) | {f"form-0-{missing}": ""}
    response = editor_client.post(review_url(chicago), data)
    assert response.status_code == 200
    assert "Give the new person’s" in response.context["formset"].forms[0].errors[missing][0]
    assert not Person.objects.exists() and not Position.objects.exists() and not chicago.quotes.exists()
    assert chicago.proposals.filter(decision=QuoteProposal.Decision.PENDING).count() == chicago.proposals.count()


def test_no_path_creates_a_person_with_only_a_name(chicago):
    proposal = chicago.proposals.filter(speaker_name="Jacqueline Collins").first()
    QuoteProposal.objects.filter(pk=proposal.pk).update(title="")  # a text that gives no title
    proposal.refresh_from_db()
    with pytest.raises(importer.ImportRefused, match="needs a name, a title and a state"):
        importer.accept(proposal)
    with pytest.raises(importer.ImportRefused):
        importer.new_person("Jane Roe", title="Treasurer", state=None)
    assert not Person.objects.exists()
    # With the proposal's own office, a known path works.
    collins = chicago.proposals.filter(speaker_name="Jacqueline Collins").last()
    quote = importer.accept(collins)
    assert quote.speaker.positions.get().title == "State Senator"


def test_accept_all_accepts_every_proposal_and_every_state_and_topic(sample, editor_client):
    proposals = list(sample.proposals.all())
    data = review_data(proposals, **{f"form-{i}-decision": "rejected" for i in range(len(proposals))})
    response = editor_client.post(review_url(sample), data | {"accept_all": "1"})
    assert response.status_code == 302
    assert sample.quotes.count() == 7
    assert set(sample.states.values_list("code", flat=True)) == {"MA", "NY", "IL", "CA"}
    assert sample.topics.count() == 2


def test_junk_in_the_review_form_is_a_form_error_not_a_500(sample, editor_client):
    proposals = list(sample.proposals.all())
    junk = review_data(proposals) | {
        "form-0-said_on": "last Tuesday",
        "form-1-said_on_precision": "fortnight",
        "form-2-state": "ZZ",
        "form-2-person": "",
        "states": ["ZZ"],
        "topics": ["x"],
    }
    response = editor_client.post(review_url(sample), junk)
    assert response.status_code == 200
    assert not sample.quotes.exists() and not sample.states.exists()
    response = editor_client.post(
        review_url(sample), review_data(proposals) | {"form-TOTAL_FORMS": "x", "accept_all": "1"}
    )
    assert response.status_code == 200 and not sample.quotes.exists()


def test_a_forged_count_of_review_rows_builds_no_more_than_a_screen_holds(sample, editor_client):
    """With "Accept all", a posted count of 99,999,999 rows wrote a decision for each (12 minutes); any forged
    count built up to 2,000 forms (9 s). Here 100,000: both stay within the screen's batch."""
    proposals = list(sample.proposals.all())
    data = review_data(proposals) | {"form-TOTAL_FORMS": "100000", "accept_all": "1"}
    response = editor_client.post(review_url(sample), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == REVIEW_BATCH
    assert not sample.quotes.exists()


def test_the_article_form_lists_its_quotes_as_a_compact_table(editor_client):
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get()
    assert article.quotes.count() == 7
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    quotes = html[html.index('id="quotes-group"') :]
    assert 'class="js-inline-admin-formset inline-group"' in html
    assert "tabular" in quotes[:400]
    assert html.count('rows="2"') >= 7


def test_states_proposed_are_only_states_in_the_directory(editor_client, tmp_path):
    State.objects.filter(code="PR").delete()
    path = tmp_path / "pr.txt"
    path.write_text("“We are ready,” said Gov. Jane Roe of Puerto Rico.", encoding="utf-8")
    import_file(path, headline="Ready")
    article = Article.objects.get()
    assert coverage(editor_client.get(review_url(article))) == {}
    assert article.proposals.get().state is None


def test_the_review_screen_runs_the_same_queries_however_many_proposals(editor_client, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("load_demo", stdout=io.StringIO())
    counts = []
    for copies in (1, 3):
        Article.objects.all().delete()
        path = tmp_path / f"story-{copies}.txt"
        body = "\n\n".join([SAMPLE.read_text(encoding="utf-8")] * copies)
        path.write_text(SEED_HEADER + body, encoding="utf-8")
        import_file(path)
        article = Article.objects.get()
        assert article.proposals.count() == 7 * copies
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(review_url(article)).status_code == 200
        counts.append(len(queries))
    # Session, user, article, proposals with their people, states, topics and coverage: not per proposal.
    assert counts[0] == counts[1], counts
