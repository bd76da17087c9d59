"""The same statement across articles (articles/statements.py): the same words by the same speaker,
allowing for punctuation, case, ellipses and small trims, are one statement with a page of every
published appearance, first reported first."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import statements
from articles.models import Quote, Statement
from tests.conftest import aware

pytestmark = pytest.mark.django_db

SAID = "We will not sign onto a program that puts our residents at risk, not now and not later."


def same(a, b):
    return statements.same_statement(statements.shape(a), statements.shape(b))


@pytest.mark.parametrize(
    "other",
    [
        SAID,
        SAID.upper(),
        "we will NOT sign onto a program that puts our residents at risk — not now, and not later!",
        "“We will not sign onto a program that puts our residents at risk, not now and not later.”",
        "  We will   not sign onto a program\nthat puts our residents at risk, not now and not later ",
        "… we will not sign onto a program that puts our residents at risk, not now and not later …",
        "We will not sign onto a program that puts our residents at risk, not now...",  # trimmed at the end
        "…sign onto a program that puts our residents at risk, not now and not later.",  # at the start
        "We will not sign onto a program that puts our residents at risk, not now […] later.",  # words left out
    ],
)
def test_the_same_words_however_punctuated_cased_quoted_or_trimmed_are_one_statement(other):
    assert same(SAID, other)
    assert same(other, SAID)


def test_curly_and_straight_apostrophes_are_the_same():
    assert statements.shape("We don’t sign it, we won't.").key == statements.shape("we dont sign it we wont").key


@pytest.mark.parametrize(
    "other",
    [
        "We will sign onto a program that puts our residents at risk, not now and not later.",  # a word changed
        "We will not sign onto a program.",  # too large a trim: less than 80% of the words
        "puts our residents at risk",  # a fragment from the middle
        SAID + " Period: we are done with this program.",  # more than a fifth added
    ],
)
def test_different_words_or_large_trims_are_different_statements(other):
    assert not same(SAID, other)


def test_a_few_words_are_no_statement():
    assert statements.shape("No comment.").key == ""
    assert not same("No comment.", "No comment.")


@pytest.fixture
def two_reports(make):
    """One speaker's words reported by two published articles, the later one first in the archive."""
    patrick = make.person("Deval Patrick", state="MA")
    later = make.article("Patrick stands firm", published_at=aware(2011, 6, 10))
    earlier = make.article("Patrick balks at federal program", published_at=aware(2011, 6, 6))
    second = make.quote(later, patrick, "…we will NOT sign onto a program that puts our residents at risk, not now")
    first = make.quote(earlier, patrick, SAID)
    return {"patrick": patrick, "earlier": earlier, "later": later, "first": first, "second": second}


def statement_of(quote):
    quote.refresh_from_db()
    return quote.statement


def test_quotes_are_matched_as_they_are_saved_and_counted(two_reports):
    statement = statement_of(two_reports["first"])
    assert statement is not None and statement == statement_of(two_reports["second"])
    assert statement.public_count == 2
    assert statement.first_quote == two_reports["first"]  # first reported, though saved second
    assert statement.first_published_at == aware(2011, 6, 6)


def test_the_statement_page_lists_every_appearance_first_reported_first(client, two_reports):
    statement = statement_of(two_reports["first"])
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "The same words in 2 articles" in text
    assert text.index("Patrick balks at federal program") < text.index("Patrick stands firm")
    assert two_reports["earlier"].get_absolute_url() in text and two_reports["later"].get_absolute_url() in text
    assert "First reported in" in text


def test_each_quote_links_to_its_statement_from_its_page_and_its_article(client, two_reports):
    url = statement_of(two_reports["first"]).get_absolute_url()
    for quote in (two_reports["first"], two_reports["second"]):
        assert url in client.get(quote.get_absolute_url()).text
    for article in (two_reports["earlier"], two_reports["later"]):
        assert url in client.get(article.get_absolute_url()).text


def test_a_statement_published_once_is_not_linked(client, make):
    person = make.person()
    quote = make.quote(make.article(), person, SAID)
    make.quote(make.article(status="draft"), person, SAID)
    statement = statement_of(quote)
    assert statement.public_count == 1
    assert statement.get_absolute_url() not in client.get(quote.get_absolute_url()).text
    assert statement.get_absolute_url() not in client.get(quote.article.get_absolute_url()).text


def test_different_speakers_never_merge(make):
    article = make.article()
    one = make.quote(article, make.person("Deval Patrick"), SAID)
    other = make.quote(make.article(), make.person("Pat Quinn", state="IL"), SAID)
    assert statement_of(one) != statement_of(other)
    assert statement_of(one).public_count == statement_of(other).public_count == 1


def test_unpublishing_drops_the_appearance_and_the_count(client, two_reports):
    statement = statement_of(two_reports["first"])
    url = statement.get_absolute_url()
    two_reports["earlier"].status = "draft"
    two_reports["earlier"].save()
    statement.refresh_from_db()
    assert statement.public_count == 1 and statement.first_quote == two_reports["second"]
    text = client.get(url).text
    assert "Patrick balks at federal program" not in text and "Patrick stands firm" in text
    assert url not in client.get(two_reports["second"].get_absolute_url()).text  # no longer repeated
    two_reports["later"].status = "retracted"
    two_reports["later"].save()
    statement.refresh_from_db()
    assert statement.public_count == 0
    assert client.get(url).status_code == 404


def test_a_scheduled_appearance_counts_once_it_goes_live(client, make, two_reports, time_machine):
    time_machine.move_to(aware(2026, 1, 1))
    from articles import tallies

    scheduled = make.article("Patrick repeats himself", published_at=aware(2026, 1, 2))
    make.quote(scheduled, two_reports["patrick"], SAID)
    statement = statement_of(two_reports["first"])
    assert statement.public_count == 2
    assert "Patrick repeats himself" not in client.get(statement.get_absolute_url()).text
    time_machine.move_to(aware(2026, 1, 3))
    tallies.go_live()
    statement.refresh_from_db()
    assert statement.public_count == 3
    assert "Patrick repeats himself" in client.get(statement.get_absolute_url()).text


def test_a_new_date_reorders_the_first_appearance(two_reports):
    two_reports["later"].published_at = aware(2011, 6, 1)
    two_reports["later"].save()
    statement = statement_of(two_reports["first"])
    assert statement.first_quote == two_reports["second"]


def test_editing_the_words_moves_a_quote_to_another_statement(two_reports):
    second = two_reports["second"]
    old = statement_of(second)
    second.text = "Something else entirely, said on another day to other people."
    second.save()
    assert statement_of(second) != old
    old.refresh_from_db()
    assert old.public_count == 1


def test_deleting_quotes_deletes_their_empty_statement(two_reports):
    statement = statement_of(two_reports["first"])
    two_reports["first"].delete()
    two_reports["later"].delete()
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_a_split_quote_stays_split(two_reports):
    first, second = two_reports["first"], two_reports["second"]
    statement = statement_of(first)
    second.statement_split = True
    second.save()
    assert statement_of(second) is None
    statement.refresh_from_db()
    assert statement.public_count == 1
    # Saved again, edited, or the statements rebuilt: still apart.
    second.context = "at a news conference"
    second.save()
    second.text = second.text + " Not ever."
    second.save()
    call_command("build_statements", stdout=io.StringIO())
    assert statement_of(second) is None


def test_an_editor_splits_a_wrong_match_in_the_admin_with_history(admin_client, two_reports):
    from django.contrib.admin.models import LogEntry
    from reversion.models import Version

    second = two_reports["second"]
    response = admin_client.post(
        "/admin/articles/quote/", {"action": "split_from_statement", "_selected_action": [second.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "Split 1 quote(s)" in response.text
    second.refresh_from_db()
    assert second.statement_split and second.statement is None
    assert LogEntry.objects.filter(object_id=str(second.pk), change_message__startswith="Split").exists()
    assert Version.objects.get_for_object(second).exists()
    assert statement_of(two_reports["first"]).public_count == 1
    # And undone: matched again.
    admin_client.post("/admin/articles/quote/", {"action": "match_again", "_selected_action": [second.pk]})
    assert statement_of(second) == statement_of(two_reports["first"])
    assert statement_of(second).public_count == 2


def test_the_quote_admin_page_names_the_statement(admin_client, two_reports):
    response = admin_client.get(f"/admin/articles/quote/{two_reports['first'].pk}/change/")
    assert response.status_code == 200
    assert "2 published appearance(s)" in response.text


def test_rebuilding_finds_the_same_statements(two_reports, make):
    make.quote(make.article(), two_reports["patrick"], "No comment.")
    Quote.objects.update(statement=None)
    Statement.objects.all().delete()
    out = io.StringIO()
    call_command("build_statements", "--batch", "1", stdout=out)
    statement = statement_of(two_reports["first"])
    assert statement == statement_of(two_reports["second"])
    assert statement.public_count == 2 and statement.first_quote == two_reports["first"]
    assert "1 statements" in out.getvalue()


def test_merging_people_joins_their_statements(two_reports, make):
    from people.merge import merge_people

    double = make.person("Gov. Deval Patrick", state="MA")
    third = make.quote(make.article("Patrick, again"), double, SAID + " Not ever.")
    assert statement_of(third) != statement_of(two_reports["first"])
    merge_people(two_reports["patrick"], [double])
    assert statement_of(third) == statement_of(two_reports["first"])
    assert statement_of(third).public_count == 3


def test_the_api_and_exports_give_the_statement(client, two_reports):
    url = "http://testserver" + statement_of(two_reports["first"]).get_absolute_url()
    data = client.get(f"/api/v1/quotes/{two_reports['first'].pk}/").json()
    assert data["statement_url"] == url and data["statement_appearances"] == 2
    rows = json.loads(b"".join(client.get("/quotes/export.json").streaming_content))
    assert {(row["statement_url"], row["statement_appearances"]) for row in rows} == {(url, 2)}
    lines = list(csv.DictReader(io.StringIO(b"".join(client.get("/quotes/export.csv").streaming_content).decode())))
    assert {(row["statement_url"], row["statement_appearances"]) for row in lines} == {(url, "2")}


def test_a_bad_statement_address_is_a_404_or_a_400(client, two_reports):
    statement = statement_of(two_reports["first"])
    assert client.get("/statements/999999/").status_code == 404
    assert client.get(statement.get_absolute_url() + "?page=x").status_code == 400
    assert client.get(statement.get_absolute_url() + "?page=9").status_code == 404


def test_the_generated_archive_has_statements_repeated_across_articles(client, make):
    call_command("generate_archive", articles=60, people=5, quotes=400, seed=7, stdout=io.StringIO())
    repeated = Statement.objects.filter(public_count__gte=2).order_by("pk")
    assert repeated.count() >= 3
    # Exact copies, re-punctuated ones and trims alike (generate_archive.repeated).
    texts = {q.text for s in repeated for q in s.quotes.all()}
    assert any(t.startswith("… ") for t in texts)
    statement = repeated.first()
    published = list(
        statement.quotes.filter(article__status="published", article__published_at__lte=timezone.now())
        .select_related("article")
        .order_by("article__published_at")
    )
    assert len(published) == statement.public_count >= 2
    page = client.get(statement.get_absolute_url()).text
    for quote in published:
        assert quote.article.get_absolute_url() in page
    assert page.index(published[0].article.get_absolute_url()) < page.index(published[1].article.get_absolute_url())
    # Numbered by the generator, its statements leave the next number free for a save.
    fresh = make.quote(make.article(), make.person(), "Words never generated by the archive generator.")
    assert statement_of(fresh).pk > Statement.objects.exclude(pk=statement_of(fresh).pk).order_by("-pk")[0].pk
    # The same archive rebuilt from the quotes' words: the same statements.
    before = sorted(sorted(s.quotes.values_list("pk", flat=True)) for s in repeated)
    call_command("build_statements", stdout=io.StringIO())
    after = sorted(
        sorted(s.quotes.values_list("pk", flat=True)) for s in Statement.objects.filter(public_count__gte=2)
    )
    assert before == after


def test_the_generated_archive_is_the_same_for_the_same_seed_apart_from_its_repeats():
    # The repeats are chosen by position: the random stream, hence the rest of the archive, is unchanged.
    call_command("generate_archive", articles=20, people=3, quotes=100, seed=8, stdout=io.StringIO())
    texts = list(Quote.objects.order_by("pk").values_list("text", flat=True))
    repeats = [i for i, text in enumerate(texts) if not text.endswith(f"({i}).")]
    assert repeats and all(i % 25 == 24 for i in repeats)


def test_an_imported_quote_joins_the_statement(two_reports, make):
    # The importer saves quotes through Quote.save (get_or_create): matched like any other.
    article = make.article("Patrick, imported", published_at=aware(2011, 7, 1))
    quote, _ = Quote.objects.get_or_create(article=article, speaker=two_reports["patrick"], text=SAID)
    assert statement_of(quote) == statement_of(two_reports["first"])
    assert statement_of(quote).public_count == 3
    assert datetime.date(2011, 7, 1) == quote.said_on


def test_a_quotes_candidates_are_found_by_index_probes_not_by_reading_the_speakers_statements(make):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    speaker = make.person()
    make.quote(make.article(), speaker, SAID)
    with CaptureQueriesContext(connection) as captured:
        statements.candidates(speaker.pk, statements.shape(SAID + " Not ever."))
    sql = captured.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        plan = " ".join(str(row) for row in cursor.fetchall())
    for index in ("statement_speaker_key_idx", "statement_speaker_head_idx", "statement_speaker_tail_idx"):
        assert index in plan


def test_a_statement_stands_by_its_fullest_words(make):
    speaker = make.person()
    words = SAID.split()
    end_trim = " ".join(words[:15])  # reported first, shortened at the end
    start_trim = " ".join(words[3:])  # shortened at the start: too far from the other trim alone
    assert not same(end_trim, start_trim)
    quotes = [make.quote(make.article(), speaker, text) for text in (end_trim, SAID, start_trim)]
    found = {statement_of(quote) for quote in quotes}
    assert len(found) == 1
    assert found.pop().word_count == len(words)
