"""No duplicate stories or speakers from importing: a story already in the archive is refused
unless a copy is asked for, and a new speaker quoted twice is one person."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from articles.models import Article, ImportedStory, Quote, body_fingerprint
from people.models import Person
from tests import test_import
from tests.concurrency import in_another_connection, needs_postgresql
from tests.test_import import SAMPLE, import_file, review_data

pytestmark = pytest.mark.django_db

# The import tests' fixtures: the sample story as a file, a signed-in superuser.
seed_file, editor_client = test_import.seed_file, test_import.editor_client

STORY = (
    "Sheriff says county will not hold immigrants for ICE\n\n"
    "CHICAGO — Cook County Sheriff Tom Dart has ordered his jails to stop holding immigrants for federal agents.\n\n"
    "“We are not going to keep people locked up on a request that has no legal basis,” Dart said.\n\n"
    "“The county cannot afford lawsuits over this,” said Dart.\n"
)


@pytest.fixture
def story_file(tmp_path):
    path = tmp_path / "dart.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def review(client, article, **overrides):
    proposals = list(article.proposals.filter(decision="pending"))
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    # A new person needs a state; this short text doesn't say Dart's (the editor gives it).
    states = {f"form-{n}-state": p.state_id or "IL" for n, p in enumerate(proposals) if not p.person_id}
    response = client.post(url, review_data(proposals, **states | overrides))
    assert response.status_code == 302, response.text
    return proposals


# -- A story already in the archive ------------------------------------------------------------


def test_the_fingerprint_ignores_whitespace_and_the_kind_of_quotation_marks():
    curly = "“We will,” he said.\n\nIt’s done."
    straight = '  "We will,"   he said. It\'s done.  '
    assert body_fingerprint(curly) == body_fingerprint(straight)
    assert body_fingerprint(curly) != body_fingerprint("“We won’t,” he said. It’s done.")
    assert body_fingerprint(" \n ") == ""


def test_importing_the_same_file_again_is_refused_and_creates_nothing(seed_file):
    import_file(seed_file)
    article = Article.objects.get()
    with pytest.raises(CommandError) as refused:
        import_file(seed_file)
    message = str(refused.value)
    assert "already in the archive" in message and article.headline in message
    assert reverse("admin:articles_article_change", args=[article.pk]) in message and "--copy" in message
    assert Article.objects.count() == 1 and article.proposals.count() == 7


def test_the_same_body_with_other_spacing_and_quotation_marks_is_the_same_story(seed_file, tmp_path):
    import_file(seed_file)
    retyped = tmp_path / "retyped.txt"
    body = SAMPLE.read_text(encoding="utf-8").replace("“", '"').replace("”", '"').replace("’", "'")
    retyped.write_text("   " + body.replace(". ", ".  \n"), encoding="utf-8")
    with pytest.raises(CommandError, match="already in the archive"):
        import_file(retyped, headline="Another headline")
    assert Article.objects.count() == 1


def test_the_same_original_url_is_the_same_story_whatever_the_text(seed_file, tmp_path):
    import_file(seed_file, url="https://www.bostonherald.com/2011/06/06/patrick/")
    other = tmp_path / "other.txt"
    other.write_text("A rewritten version of the story, with other words.", encoding="utf-8")
    with pytest.raises(CommandError, match="already in the archive"):
        import_file(other, headline="Rewritten", url="https://www.bostonherald.com/2011/06/06/patrick/")
    import_file(other, headline="Rewritten", url="https://www.bostonherald.com/2011/06/07/other/")
    assert Article.objects.count() == 2


def test_a_bad_original_url_is_refused(seed_file):
    with pytest.raises(CommandError, match="not an http"):
        import_file(seed_file, url="javascript:alert(1)")
    assert not Article.objects.exists()


def test_copy_asks_for_a_new_copy(seed_file):
    import_file(seed_file)
    output = import_file(seed_file, copy=True)
    assert "Imported" in output
    first, second = Article.objects.order_by("pk")
    assert second.slug == f"{first.slug}-2" and second.body == first.body


def test_finding_a_duplicate_is_one_query(seed_file, django_assert_num_queries):
    from articles.importer import already_imported, decode, parse

    import_file(seed_file, url="https://example.org/story")
    parsed = parse(decode(seed_file.read_bytes()), original_url="https://example.org/story")
    with django_assert_num_queries(1):
        found = already_imported(parsed)
    assert found == Article.objects.get()


def test_the_migration_fingerprints_articles_already_there(make):
    article = make.article(body="“Yes,” she said.")
    Article.objects.filter(pk=article.pk).update(body_fingerprint="")
    migration = importlib.import_module("articles.migrations.0015_article_fingerprint")
    # The migration's function needs the schema editor's connection only.
    migration.fill_fingerprints(apps, SimpleNamespace(connection=connection))
    article.refresh_from_db()
    assert article.body_fingerprint == body_fingerprint('"Yes," she said.')


def test_the_admin_import_links_to_the_story_and_offers_a_copy(seed_file, editor_client):
    url = reverse("admin:articles_article_import")
    text = seed_file.read_text(encoding="utf-8")
    assert editor_client.post(url, {"text": text}).status_code == 302
    article = Article.objects.get()
    page = editor_client.post(url, {"text": text})
    assert page.status_code == 200
    assert "already in the archive" in page.text
    assert reverse("admin:articles_article_change", args=[article.pk]) in page.text
    assert 'name="copy"' in page.text
    assert Article.objects.count() == 1
    assert editor_client.post(url, {"text": text, "copy": "on"}).status_code == 302
    assert Article.objects.count() == 2


def test_each_import_keeps_its_storys_keys_and_a_copy_none(seed_file):
    import_file(seed_file, url="https://example.org/story")
    article = Article.objects.get()
    assert set(ImportedStory.objects.values_list("key", "article")) == {
        (f"body:{article.body_fingerprint}", article.pk),
        ("url:https://example.org/story", article.pk),
    }
    import_file(seed_file, copy=True)
    assert ImportedStory.objects.count() == 2
    article.delete()
    assert not ImportedStory.objects.exists()  # the story may be imported again


def test_a_key_held_by_an_edited_article_still_names_the_story(seed_file):
    import_file(seed_file)
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(
        body="Edited since.", body_fingerprint=body_fingerprint("Edited since.")
    )
    with pytest.raises(CommandError, match="already in the archive") as refused:
        import_file(seed_file, headline="Another headline")
    assert f"article {article.pk}" in str(refused.value) and Article.objects.count() == 1


# -- Two imports of one story at the same moment (PostgreSQL: two connections) -----------------


def import_in_the_other_connection(path, **options):
    """Another editor's import of the file, committed once this connection waits for it."""
    return in_another_connection(lambda: import_file(path, **options))


@needs_postgresql
@pytest.mark.parametrize(
    "options",
    [
        {},  # the same headline, outlet and author: blocked on the first row both write
        {"headline": "Another headline", "outlet": "Another outlet", "author": "Another Author"},  # on the keys
    ],
)
def test_two_imports_of_one_story_at_once_create_one_article(transactional_db, seed_file, options):
    with (
        import_in_the_other_connection(seed_file),
        pytest.raises(CommandError, match="already in the archive") as refused,
    ):
        import_file(seed_file, **options)
    article = Article.objects.get()
    assert reverse("admin:articles_article_change", args=[article.pk]) in str(refused.value)
    assert article.proposals.count() == 7 and ImportedStory.objects.filter(article=article).count() == 1


@needs_postgresql
def test_two_imports_of_one_original_url_at_once_create_one_article(transactional_db, seed_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("A rewritten version of the story, with other words.", encoding="utf-8")
    url = "https://www.bostonherald.com/2011/06/06/patrick/"
    with (
        import_in_the_other_connection(seed_file, url=url),
        pytest.raises(CommandError, match="already in the archive"),
    ):
        import_file(other, headline="Rewritten", url=url)
    assert Article.objects.get().original_url == url


@needs_postgresql
def test_the_admin_tells_the_second_editor_the_story_exists_and_links_to_it(
    transactional_db, seed_file, editor_client
):
    text = seed_file.read_text(encoding="utf-8")
    with import_in_the_other_connection(seed_file, headline="Another headline"):
        page = editor_client.post(reverse("admin:articles_article_import"), {"text": text})
    article = Article.objects.get()
    assert page.status_code == 200 and "already in the archive" in page.text
    assert reverse("admin:articles_article_change", args=[article.pk]) in page.text and 'name="copy"' in page.text


@needs_postgresql
def test_a_copy_asked_for_at_the_same_moment_is_a_copy(transactional_db, seed_file):
    with import_in_the_other_connection(seed_file):
        import_file(seed_file, copy=True, headline="Another headline")
    assert Article.objects.count() == 2


# -- One person per speaker --------------------------------------------------------------------


def test_a_new_speaker_quoted_twice_in_one_import_is_one_person(story_file, editor_client):
    import_file(story_file, headline="Sheriff says no")
    article = Article.objects.get()
    proposals = list(article.proposals.all())
    assert [p.speaker_name for p in proposals] == ["Tom Dart", "Tom Dart"]
    assert all(p.person_id is None for p in proposals)
    review(editor_client, article)
    dart = Person.objects.get(name="Tom Dart")
    assert Person.objects.filter(name__icontains="Dart").count() == 1
    assert set(article.quotes.values_list("speaker", flat=True)) == {dart.pk}


def test_a_surname_alone_is_the_speaker_introduced_before(story_file, editor_client):
    import_file(story_file, headline="Sheriff says no")
    article = Article.objects.get()
    # The editor writes the second speaker as printed in the attribution, "Dart".
    review(editor_client, article, **{"form-1-speaker_name": "Dart"})
    assert list(Person.objects.values_list("name", flat=True)) == ["Tom Dart"]
    assert article.quotes.count() == 2


def test_a_surname_shared_by_two_earlier_speakers_is_not_guessed(story_file, editor_client):
    from articles import importer

    import_file(story_file, headline="Sheriff says no")
    article = Article.objects.get()
    review(editor_client, article, **{"form-1-speaker_name": "Jane Dart"})
    assert importer.speaker_in_article(article, "Dart") is None  # a new person: which Dart is unknown


def test_a_speaker_created_by_one_import_is_matched_by_the_next(story_file, editor_client, tmp_path):
    import_file(story_file, headline="Sheriff says no")
    review(editor_client, Article.objects.get())
    dart = Person.objects.get()
    later = tmp_path / "later.txt"
    later.write_text("“We will appeal,” Cook County Sheriff Tom Dart said on Monday.\n", encoding="utf-8")
    import_file(later, headline="Sheriff appeals")
    article = Article.objects.get(headline="Sheriff appeals")
    assert [p.person_id for p in article.proposals.all()] == [dart.pk]
    review(editor_client, article)
    assert Person.objects.count() == 1 and dart.quotes.count() == 3


def test_the_review_screen_says_new_person_or_who_was_matched(story_file, editor_client, make):
    governor = make.person("Deval Patrick", state="MA")
    make.position(governor, title="Governor", organization="Commonwealth of Massachusetts")
    story_file.write_text(STORY + "\n“It is the right call,” said Gov. Deval Patrick.\n", encoding="utf-8")
    import_file(story_file, headline="Sheriff says no")
    article = Article.objects.get()
    page = editor_client.get(reverse("admin:articles_article_proposals", args=[article.pk]))
    assert page.text.count("(new person)") == 2
    assert "(matched: Deval Patrick, Governor, Commonwealth of Massachusetts, Massachusetts)" in page.text


def test_the_review_screen_costs_the_same_queries_however_many_are_matched(
    story_file, editor_client, make, django_assert_max_num_queries
):
    for n in range(5):
        person = make.person(f"Speaker Number{n}", state="IL")
        make.position(person, title="Alderman")
    story_file.write_text(
        "\n\n".join(f"“Point {n} stands,” said Speaker Number{n}." for n in range(5)) + "\n", encoding="utf-8"
    )
    import_file(story_file, headline="Many speakers")
    article = Article.objects.get()
    assert all(p.person_id for p in article.proposals.all())
    with django_assert_max_num_queries(20):
        page = editor_client.get(reverse("admin:articles_article_proposals", args=[article.pk]))
    assert page.text.count("matched: Speaker Number") == 5
    assert Quote.objects.count() == 0


def test_a_new_name_is_matched_by_surname_and_the_office_printed_before_it(story_file, make):
    sheriff = make.person("Thomas J. Dart", state="IL")
    make.position(sheriff, title="Sheriff", organization="Cook County")
    other = make.person("Jane Dart", state="IL")
    make.position(other, title="County Commissioner", organization="Cook County")
    import_file(story_file, headline="Sheriff says no")
    assert [p.person_id for p in Article.objects.get().proposals.all()] == [sheriff.pk, sheriff.pk]


def test_a_surname_without_the_same_office_stays_a_new_person(story_file, make):
    make.position(make.person("Jane Dart", state="IL"), title="County Commissioner", organization="Cook County")
    import_file(story_file, headline="Sheriff says no")
    assert [p.person_id for p in Article.objects.get().proposals.all()] == [None, None]
