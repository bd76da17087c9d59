"""The editors' workplace: every admin page renders, in a fixed number of queries."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.forms.models import BaseModelForm
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Quote
from newsroom.admin import FILTER_DROPPED, SELECTION_REFUSED
from newsroom.forms import BoundedInlineFormSet
from people.models import Author
from tests.adminforms import change_form_data
from tests.concurrency import in_another_connection, needs_postgresql
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", password="a-long-test-password")
    return force_login_verified(client, user)


NEWSROOM = {"articles", "people", "media"}
LARGE_TABLES = {"articles.article", "articles.quote", "people.person"}
CHANGELISTS = [
    # (model, queries, why); "history" is the savepoint pair of the revision-tracking admin,
    # "device" the two-factor device that verified the session (django-otp reads it per request).
    # The large tables count only what is filtered (no full-table count).
    ("articles.article", 10, "session, user, device, history, count, page, outlet/state/topic filters"),
    ("articles.quote", 8, "session, user, device, history, count, page+speaker+article, state filter"),
    ("people.person", 9, "session, user, device, history, count, page+state, positions, the state filter"),
    ("people.author", 8, "session, user, device, history, two counts, page+user"),
    ("people.state", 6, "session, user, device, two counts, page"),
    ("articles.outlet", 8, "session, user, device, history, two counts, page"),
    ("articles.topic", 8, "session, user, device, history, two counts, page"),
]


@pytest.mark.parametrize(("model", "queries", "why"), CHANGELISTS, ids=[c[0] for c in CHANGELISTS])
def test_changelist_query_count_does_not_grow_with_rows(
    editor, archive, django_assert_num_queries, model, queries, why
):
    url = reverse(f"admin:{model.replace('.', '_')}_changelist")
    if model in LARGE_TABLES and connection.vendor == "postgresql":
        queries += 1  # the planner's row estimate, read before deciding to count
    for size in (1, 6):
        archive(size)
        with django_assert_num_queries(queries):
            response = editor.get(url)
        assert response.status_code == 200, why


def test_article_change_page_has_inlines_and_autocompletes(editor, archive, django_assert_max_num_queries):
    article = archive(3)["article"]
    response = editor.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    html = response.text
    assert 'name="bylines-0-author"' in html and 'name="quotes-0-speaker"' in html
    # Speakers and authors are picked by autocomplete, never from a select of everyone.
    assert html.count("admin-autocomplete") >= 4
    assert "View on site" in html
    with django_assert_max_num_queries(40):
        editor.get(reverse("admin:articles_article_change", args=[article.pk]))


@pytest.mark.parametrize(
    "name",
    ["articles_article", "articles_quote", "people_person", "people_author", "articles_outlet", "articles_topic"],
)
def test_add_pages_render(editor, name):
    assert editor.get(reverse(f"admin:{name}_add")).status_code == 200


def test_speaker_autocomplete_finds_people_by_name_with_title_and_state(editor, make):
    heffernan = make.person("Mary Beth Heffernan")
    make.position(heffernan, title="Secretary of Public Safety", start=(2010, 1, 1))
    make.person("Deval Patrick")
    url = reverse("admin:autocomplete")
    response = editor.get(
        url, {"app_label": "articles", "model_name": "quote", "field_name": "speaker", "term": "heff"}
    )
    assert response.status_code == 200
    # Labelled with the title and state, to tell namesakes apart.
    assert [r["text"] for r in response.json()["results"]] == ["Mary Beth Heffernan — Secretary of Public Safety (MA)"]


def test_editor_writes_an_article_with_bylines_and_quotes_inline(editor, make):
    author, speaker = make.author("Hillary Chabot"), make.person("Deval Patrick")
    data = {
        "headline": "Patrick says no",
        "slug": "patrick-says-no",
        "dek": "",
        "body": "He said “no”.",
        "status": "published",
        "published_at_0": "2011-06-06",
        "published_at_1": "09:00:00",
        "outlet": "",
        "original_url": "https://example.com/a",
        "states": [make.state("MA").pk],
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-speaker": speaker.pk,
        "quotes-0-kind": "direct",
        "quotes-0-text": "no",
        "quotes-0-context": "",
        "quotes-0-said_on": "",
        "quotes-0-said_on_precision": "day",
        "quotes-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = editor.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(slug="patrick-says-no")
    assert [b.author for b in article.bylines.all()] == [author]
    quote = Quote.objects.get(article=article)
    assert (quote.speaker, quote.text, str(quote.said_on)) == (speaker, "no", "2011-06-06")


def test_a_quote_longer_than_any_article_runs_is_a_form_error_and_nothing_is_saved(editor, make):
    article = make.article("Patrick says no")
    quote = make.quote(article, make.person("Deval Patrick"), text="no")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    data |= {"headline": "Patrick says yes", "quotes-0-text": "word " * 2_001, "quotes-0-correction": "Fuller."}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters (it has 10004)." in response.text
    article.refresh_from_db(), quote.refresh_from_db()
    assert (article.headline, quote.text) == ("Patrick says no", "no")


@pytest.mark.parametrize(
    ("page", "made", "field", "limit"),
    [
        ("articles_article", lambda make: make.article("Patrick says no"), "dek", 1_000),
        (
            "articles_article",
            lambda make: make.article("Patrick says no", status="retracted"),
            "retraction_note",
            5_000,
        ),
        ("people_person", lambda make: make.person("Deval Patrick"), "bio", 5_000),
        ("people_person", lambda make: make.person("Deval Patrick"), "aliases", 5_000),
        ("people_author", lambda make: make.author("Jessica Van Sack"), "bio", 5_000),
        ("articles_topic", lambda make: make.topic("Immigration"), "aliases", 5_000),
    ],
)
def test_a_text_longer_than_its_field_allows_is_a_form_error_and_nothing_is_saved(
    editor, make, page, made, field, limit
):
    thing = made(make)
    before = getattr(thing, field)
    url = reverse(f"admin:{page}_change", args=[thing.pk])
    data = change_form_data(editor.get(url)) | {field: "x" * (limit + 1)}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert f"Ensure this value has at most {limit} characters (it has {limit + 1})." in response.text
    thing.refresh_from_db()
    assert getattr(thing, field) == before


def test_deleting_a_quoted_person_is_refused_in_plain_words(editor, make):
    speaker = make.person("Deval Patrick")
    make.quote(make.article(), speaker)
    response = editor.post(reverse("admin:people_person_delete", args=[speaker.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.text
    speaker.refresh_from_db()


@pytest.mark.parametrize("size", [1, 8])
def test_change_pages_query_count_does_not_grow_with_inline_rows(editor, make, django_assert_num_queries, size):
    article = make.article(authors=[make.author() for _ in range(size)], topics=[make.topic()], states=["MA"])
    person = make.person()
    for _ in range(size):
        make.quote(article, make.person())
        make.position(person, state=make.state("MA"))
    pages = [
        # (url, queries, why)
        (
            reverse("admin:articles_article_change", args=[article.pk]),
            16,
            "device, history savepoints, bylines+authors, quotes+speakers, corrections, proposals, old addresses, "
            "quote marks",
        ),
        (
            reverse("admin:people_person_change", args=[person.pk]),
            12,
            "device, history savepoints, positions, state choices built once, old addresses",
        ),
    ]
    for url, queries, why in pages:
        editor.get(url)  # warm the per-process content-type cache
        with django_assert_num_queries(queries):
            assert editor.get(url).status_code == 200, why


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_large_changelists_use_the_planner_estimate(make, settings, monkeypatch):
    from newsroom.admin import EstimatedCountPaginator

    for _ in range(5):
        make.article()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 1)
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(Article.objects.all(), 20).count
    assert count == 5 and "COUNT" not in queries[-1]["sql"].upper()
    # Filtered or searched: the plan's row estimate past the threshold...
    with CaptureQueriesContext(connection) as queries:
        estimate = EstimatedCountPaginator(Article.objects.filter(status="draft"), 20).count
    assert estimate >= 1 and len(queries) == 1 and queries[0]["sql"].startswith("EXPLAIN")
    # ...and an exact count below it.
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 50_000)
    assert EstimatedCountPaginator(Article.objects.filter(status="draft"), 20).count == 0


SEARCHED = [*(model for model, *_ in CHANGELISTS), "media.image"]
OVERLONG = {"one long word": "a" * 100_000, "many words": "ab " * 30_000}


@pytest.mark.parametrize("term", OVERLONG.values(), ids=OVERLONG)
@pytest.mark.parametrize("model", SEARCHED)
def test_an_overlong_search_is_refused_in_plain_words(editor, archive, make, model, term):
    """An article pasted into a list's search box: a message and the list, not a 503 (SQLite refused
    the LIKE pattern, or a condition per word)."""
    archive(1)
    make.image()
    response = editor.get(reverse(f"admin:{model.replace('.', '_')}_changelist"), {"q": term})
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        f"A search is at most 1,000 characters (this one has {len(term):,}): search for a few distinctive words."
    ]
    # A search as long as allowed still runs.
    response = editor.get(reverse(f"admin:{model.replace('.', '_')}_changelist"), {"q": term[:1000]})
    assert response.status_code == 200 and not list(response.context["messages"])


@pytest.mark.parametrize("term", OVERLONG.values(), ids=OVERLONG)
def test_an_overlong_autocomplete_or_picture_search_finds_nothing(editor, archive, make, term):
    speaker = archive(1)["speaker"]
    make.image(caption="A caption")
    autocomplete = ("/admin/autocomplete/", {"app_label": "articles", "model_name": "quote", "field_name": "speaker"})
    pick = (reverse("admin:media_image_pick"), {})
    assert [
        found["id"]
        for found in editor.get(autocomplete[0], {**autocomplete[1], "term": speaker.name}).json()["results"]
    ] == [str(speaker.pk)]
    assert len(editor.get(pick[0], {"q": "caption"}).json()["results"]) == 1
    for (url, params), key in [(autocomplete, "term"), (pick, "q")]:
        response = editor.get(url, {**params, key: term})
        assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize("query", ["published_at__gte=zzz", "id__in=1,abc", "nonsense__exact=1"])
def test_a_filter_the_list_cannot_apply_is_said_to_be_dropped(editor, make, query):
    """Django shows the whole list instead (at ?e=1), which an editor would take as filtered."""
    make.article()
    url = reverse("admin:articles_article_changelist")
    response = editor.get(f"{url}?{query}", follow=True)
    assert response.redirect_chain == [(f"{url}?e=1", 302)]
    assert [str(message) for message in response.context["messages"]] == [FILTER_DROPPED]
    assert response.context["cl"].result_count == 1
    # The page Django shows when the address holds both (typed by hand) blames no database.
    response = editor.get(f"{url}?{query}&e=1")
    assert "This list can’t be filtered that way" in response.text
    assert 'href="?">Show the whole list' in response.text
    assert "database installation" not in response.text and "Database error" not in response.text


ACTIONS = [
    ("articles.article", "publish_now"),
    ("articles.article", "delete_selected"),
    ("articles.quote", "split_from_statement"),
    ("people.person", "merge_selected"),
    ("people.author", "delete_selected"),
]
NOT_KEYS = {"letters": "abc", "empty": "", "decimal": "1.5", "past the column": "99999999999999999999"}


@pytest.mark.parametrize("junk", NOT_KEYS.values(), ids=NOT_KEYS)
@pytest.mark.parametrize(("model", "action"), ACTIONS, ids=[f"{m}.{a}" for m, a in ACTIONS])
def test_a_bulk_action_on_something_that_is_not_a_key_is_refused_in_plain_words(editor, make, model, action, junk):
    """Django filtered by the posted keys as they came: a 500 (ValueError, or OverflowError on SQLite)."""
    draft = make.article(status="draft", published_at=None)
    url = reverse(f"admin:{model.replace('.', '_')}_changelist")
    response = editor.post(url, {"action": action, "_selected_action": [str(draft.pk), junk]}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(message) for message in response.context["messages"]] == [SELECTION_REFUSED]
    assert Article.objects.get(pk=draft.pk).status == "draft"
    if model == "articles.article" and action == "publish_now":  # the same selection without the junk
        editor.post(url, {"action": action, "_selected_action": [str(draft.pk)]})
        assert Article.objects.get(pk=draft.pk).status == "published"


@pytest.mark.parametrize("model", ["articles.article", "people.author"])
def test_a_slug_taken_while_the_form_was_saved_is_the_forms_error(editor, make, model):
    """Two editors giving one slug at the same moment both pass the form's check, and the second write failed
    on the constraint (a 500). Made to happen every time: the other row is written just after the check."""
    app_label, model_name = model.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_add")
    page = editor.get(url)
    data = change_form_data(page) | {"slug": "the-same-slug", "quotes-TOTAL_FORMS": "0", "bylines-TOTAL_FORMS": "0"}
    if model_name == "article":
        data |= {"headline": "Mine", "body": "<p>Words.</p>", "status": "draft"}
        other = make.article("Theirs", status="draft")
    else:
        data |= {"name": "Mine"}
        other = make.author("Theirs")
    check, checked = BaseModelForm.validate_unique, []

    def then_theirs_is_saved(self):
        theirs = type(other)._base_manager.filter(pk=other.pk)
        if checked:  # committed by then: this save's rollback doesn't undo it
            theirs.update(slug="the-same-slug")
        check(self)
        if not checked:  # the other editor's save, just after this one's check
            checked.append(theirs.update(slug="the-same-slug"))

    with mock.patch.object(BaseModelForm, "validate_unique", then_theirs_is_saved):
        response = editor.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        f"{type(other)._meta.verbose_name.capitalize()} with this Slug already exists."
    ]
    assert list(type(other)._base_manager.values_list("slug", flat=True)) == ["the-same-slug"]


@needs_postgresql
def test_an_author_given_the_slug_another_editor_is_saving_is_told_it_is_taken(transactional_db, editor):
    """The same race between two connections: the other editor's row is written but not committed when this
    form checks; this write waits for it, then fails on the constraint."""
    url = reverse("admin:people_author_add")
    data = change_form_data(editor.get(url)) | {"name": "Mine", "slug": "the-same-slug"}
    with in_another_connection(lambda: Author.objects.create(name="Theirs", slug="the-same-slug")):
        response = editor.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == ["Author with this Slug already exists."]
    assert list(Author.objects.values_list("name", flat=True)) == ["Theirs"]


def test_every_inline_of_the_newsrooms_bounds_the_rows_a_post_may_add():
    ours = [model_admin for model_admin in admin.site._registry.values() if model_admin.opts.app_label in NEWSROOM]
    inlines = [inline for model_admin in ours for inline in model_admin.inlines]
    assert inlines and all(issubclass(inline.formset, BoundedInlineFormSet) for inline in inlines)


def test_a_forged_count_of_rows_builds_no_more_forms_than_a_save_may_add(client, make, django_user_model):
    """A reporter's post claiming 10,000 quote rows for their draft built 2,000 forms (Django's own limit) and
    took 50 s to answer; now the rows it has and the most a save may add."""
    reporter = django_user_model.objects.create_user("reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    force_login_verified(client, reporter)
    draft = make.article("Mine", status="draft", created_by=reporter)
    make.quote(draft, make.person(), text="Words already there")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = change_form_data(client.get(url)) | {"headline": "Changed", "quotes-TOTAL_FORMS": "10000"}
    response = client.post(url, data)
    assert response.status_code == 200
    quotes = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Quote)
    assert len(quotes.forms) == 1 + BoundedInlineFormSet.new_rows
    assert quotes.non_form_errors() == ["At most 100 rows can be added in one save: save these, then add the others."]
    assert Article.objects.get(pk=draft.pk).headline == "Mine"
