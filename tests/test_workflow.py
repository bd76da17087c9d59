"""The editorial workflow: nothing unpublished reaches a reader, no editor's work is lost."""

import datetime
import re
from unittest import mock

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Byline, Correction, Quote
from articles.sitemaps import SITEMAPS
from newsroom.views import not_found_in_api
from people.models import Author, AuthorRedirect, Person
from tests.adminforms import change_form_data
from tests.concurrency import in_another_connection, needs_postgresql
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar-secret"


# -- Nothing unpublished leaks -------------------------------------------------------------------


def public_patterns(resolver=None, prefix=""):
    """Every URL pattern outside the admin, with its full route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


@pytest.fixture
def unpublished(make):
    """One unpublished article of each kind, each quoting someone quoted nowhere else."""
    now = timezone.now()
    kinds = {
        "draft": {"status": "draft"},
        "review": {"status": "review"},
        "retracted": {"status": "retracted"},
        "scheduled": {"status": "published", "published_at": now + datetime.timedelta(days=2)},
    }
    author, topic, outlet = (
        make.author(f"{SECRET} author"),
        make.topic(f"{SECRET} topic"),
        make.outlet(f"{SECRET} outlet"),
    )
    made = {}
    for kind, fields in kinds.items():
        portrait = make.image(f"{SECRET} {kind} portrait", width=64, height=64, caption=f"{SECRET} caption")
        speaker = make.person(f"{SECRET} {kind} speaker", state="WY", portrait=portrait)
        article = make.article(
            f"{SECRET} {kind} headline", authors=[author], states=["WY"], topics=[topic], outlet=outlet, **fields
        )
        article.dek = f"{SECRET} dek"
        figure = make.image(f"{SECRET} {kind} figure", width=64, height=48, credit=f"{SECRET} credit")
        article.body = f'<p>{SECRET} body</p><figure data-image="{figure.pk}"></figure>'
        article.lead_image = make.image(f"{SECRET} {kind} lead image", width=64, height=48)
        article.save()
        quote = make.quote(
            article,
            speaker,
            text=f"{SECRET} {kind} words",
            verification="verified",
            verification_note=f"{SECRET} verification note",
            rating="false",
        )
        make.evidence(quote, title=f"{SECRET} {kind} evidence", note=f"{SECRET} evidence note")
        made[kind] = (article, quote)
    # Something published, so that lists aren't trivially empty.
    public = make.article(
        "Public headline",
        states=["WY"],
        authors=[make.author("Public author")],
        topics=[make.topic("Public topic")],
        outlet=make.outlet("Public outlet"),
    )
    make.quote(public, make.person("Public speaker", state="WY"))
    return made


def fill(route, article, quote):
    """Concrete URLs for a route, pointing at the unpublished objects wherever it takes an id.

    Handles path() routes (`<slug:slug>`) and the API router's regexes (`(?P<slug>[^/.]+)`).
    """
    if "<section>" in route:
        return [fill(route.replace("<section>", section), article, quote)[0] for section in SITEMAPS]
    route = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    segments = [segment.split(".")[0] for segment in route.split("/") if segment]
    # The kind of object a slug names: the first segment, or the one after feeds/ or api/v1/.
    if segments[:2] == ["api", "v1"]:
        kind = segments[2] if len(segments) > 2 else ""
    elif segments[:1] == ["feeds"]:
        kind = segments[1]
    else:
        kind = segments[0] if segments else ""
    slugs = {
        "articles": article.slug,
        "people": quote.speaker.slug,
        "authors": article.bylines.first().author.slug,
        "states": "wyoming",
        "topics": article.topics.first().slug,
        "outlets": article.outlet.slug,
    }
    values = {"pk": quote.pk, "code": "WY", "format": "json", "breakdown": "gender"}

    def replace(match):
        name = match.group("name") or match.group("group")
        if match.group().startswith("<drf_format_suffix:"):
            return ".json"  # this converter carries its own dot
        if name == "slug" and kind in slugs:
            return slugs[kind]
        if name == "pk" and kind == "statements":
            return str(quote.statement_id or 0)
        if name in values:
            return str(values[name])
        pytest.fail(f"The leak walk doesn't know how to fill <{name}> in {route!r}: teach it.")

    pattern = r"<(?:\w+:)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)"
    return ["/" + re.sub(pattern, replace, route)]


def test_no_public_url_shows_anything_unpublished(client, unpublished):
    patterns = list(public_patterns())
    assert len(patterns) >= 11
    tried = 0
    for kind, (article, quote) in unpublished.items():
        for url in (url for route, _ in patterns for url in fill(route, article, quote)):
            response = client.get(url)
            tried += 1
            assert response.status_code < 500, url
            body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
            if response.status_code == 410:
                # The retraction notice: the headline and the notice, nothing else of the article.
                assert kind == "retracted" and url == article.get_absolute_url()
                assert f"{SECRET} body" not in body and f"{SECRET} dek" not in body
                assert f"{SECRET} {kind} words" not in body and "speaker" not in body
                continue
            assert SECRET not in body, f"{kind} leaks on {url}"
            # Counts: the public article is the only one in Wyoming.
            if url == "/states/":
                row = body[body.index(">Wyoming</a>") :][:300]
                assert '<td class="num">1</td>' in row
    assert tried >= len(patterns) * 4


@pytest.mark.parametrize(
    "url",
    [
        "/quotes/?verification=verified",
        "/quotes/export.csv?verification=verified",
        "/quotes/export.json?verification=verified",
        "/api/v1/quotes/?verification=verified",
        "/quotes/?state=WY&verification=verified",
    ],
)
def test_verified_unpublished_quotes_and_their_evidence_are_nowhere(client, unpublished, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert SECRET not in body
    assert "Public headline" not in body  # the public quote isn't verified: the filter holds


def test_the_sources_page_and_its_downloads_count_only_published_quotes(client, unpublished):
    """Wyoming's speakers: four quoted only in unpublished articles, one in the public article."""
    author = unpublished["draft"][0].bylines.first().author
    topic = unpublished["draft"][0].topics.first()
    for url in ("/sources/?state=WY", "/sources/gender.csv?state=WY", "/sources/state.csv", "/sources/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.text, url
    rows = client.get("/sources/state.csv").text.splitlines()
    assert [row for row in rows if row.startswith("Wyoming,")] == ["Wyoming,1,100.0,0,"]
    # Their author and topic have no published article: not a filter readers can choose.
    for url in (
        f"/sources/?author={author.slug}",
        f"/sources/?topic={topic.slug}",
        f"/sources/party.csv?author={author.slug}",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert SECRET not in response.text.replace(f"“{author.slug}”", ""), url


def test_a_statement_shows_and_counts_only_its_published_appearances(client, make, unpublished):
    """The public speaker's words repeated in every unpublished article: their statement has one
    appearance, and nothing of the others shows on its page, the quote's, the API or the exports."""
    public_quote = Quote.objects.get(speaker__name="Public speaker")
    words = "We will keep these words on the record for everyone to read."
    public_quote.text = words
    public_quote.save()
    for article, _ in unpublished.values():
        make.quote(article, public_quote.speaker, text=words)
    public_quote.refresh_from_db()
    statement = public_quote.statement
    assert statement.quotes.count() == 5 and statement.public_count == 1
    for url in (
        statement.get_absolute_url(),
        public_quote.get_absolute_url(),
        public_quote.article.get_absolute_url(),
        f"/api/v1/quotes/{public_quote.pk}/",
        "/quotes/export.csv",
        "/quotes/export.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert SECRET not in body, url
        if url != statement.get_absolute_url():  # published once: linked from nowhere
            assert statement.get_absolute_url() not in body, url
    assert "The same words in 1 article<" in client.get(statement.get_absolute_url()).text


def test_a_person_quoted_only_in_unpublished_articles_is_nowhere(client, unpublished):
    for kind, (_, quote) in unpublished.items():
        assert client.get(quote.speaker.get_absolute_url()).status_code == 404, kind
        assert client.get(quote.get_absolute_url()).status_code == 404, kind
        assert quote.speaker.name not in client.get("/people/").text
        assert quote.speaker.name not in client.get("/").text


def test_scheduled_article_appears_at_its_moment_with_no_job(client, make):
    moment = timezone.now() + datetime.timedelta(hours=1)
    article = make.article("Embargoed until the hour", published_at=moment)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Embargoed" not in client.get("/articles/").text
    # The whole clock moves (the first request after the moment counts the article: tallies.go_live).
    with time_machine.travel(moment - datetime.timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(moment, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Embargoed" in client.get("/articles/").text


def test_retracted_article_answers_410_with_its_headline_and_the_notice(client, make):
    article = make.article("Wrong story", body="The false claims.", dek="A false dek")
    article.status = Article.Status.RETRACTED
    article.retraction_note = "The story relied on a forged letter."
    article.save()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "Wrong story" in response.text and "forged letter" in response.text
    assert "false claims" not in response.text and "false dek" not in response.text
    assert article.retracted_at is not None


# -- Preview ---------------------------------------------------------------------------------------


def test_staff_preview_unpublished_article_with_a_banner_and_no_caching(client, make, staff):
    draft = make.article("Draft story", status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff("Reporters"))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." in response.text and "Draft story" in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    published = make.article("Live story")
    assert "Not published." not in client.get(published.get_absolute_url()).text


def test_non_staff_user_gets_no_preview(client, make, django_user_model):
    draft = make.article("Draft story", status="draft")
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(draft.get_absolute_url()).status_code == 404


# -- Roles -----------------------------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    def create(role):
        user = django_user_model.objects.create_user(role.lower(), password="x" * 20, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


def article_post(client, article=None, **changes):
    url = (
        reverse("admin:articles_article_change", args=[article.pk])
        if article
        else reverse("admin:articles_article_add")
    )
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    data.update(changes)
    return client.post(url, data)


def test_roles_are_created_by_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Reporters", "Researchers"}
    editors = Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    assert {"publish_article", "retract_article", "delete_article"} <= set(editors)
    reporters = Group.objects.get(name="Reporters").permissions.values_list("codename", flat=True)
    assert "publish_article" not in reporters and "add_article" in reporters


def test_editor_publishes_retracts_and_deletes(client, make, staff):
    force_login_verified(client, staff("Editors"))
    draft = make.article("To publish", status="draft", published_at=None)
    response = client.post(
        reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    client.post(reverse("admin:articles_article_changelist"), {"action": "retract", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "retracted" and draft.retraction_note
    response = client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.filter(pk=draft.pk).exists()


def test_editor_schedules_through_the_form(client, make, staff):
    force_login_verified(client, staff("Editors"))
    article = make.article("Later", status="draft", published_at=None)
    response = article_post(
        client, article, status="published", published_at_0="2099-01-01", published_at_1="08:00:00"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_publication_date_past_the_last_moment_a_date_can_hold_is_a_form_error(editor, make):
    """9999-12-31 at 23:59 in New York is in the year 10000 in UTC, which the database's value is: a 500."""
    article = make.article("Later", status="draft", published_at=None)
    response = article_post(
        editor, article, status="published", published_at_0="9999-12-31", published_at_1="23:59:59"
    )
    assert response.status_code == 200
    assert "A date and time this late can’t be stored" in response.text
    article.refresh_from_db()
    assert article.status == "draft" and article.published_at is None


def test_reporter_writes_a_draft_and_submits_it_but_cannot_publish(client, make, staff):
    reporter = staff("Reporters")
    client.force_login(reporter)
    add = client.get(reverse("admin:articles_article_add"))
    assert 'name="status"' not in add.text and 'name="published_at_0"' not in add.text
    assert "publish_now" not in add.text
    data = change_form_data(add) | {"headline": "My scoop", "slug": "my-scoop", "body": "Words."}
    data |= {"status": "published", "published_at_0": "2011-06-06", "published_at_1": "09:00"}  # forged
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(slug="my-scoop")
    assert (article.status, article.published_at, article.created_by) == ("draft", None, reporter)

    response = article_post(client, article, submit_for_review="on")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "review"
    # Submitted: no longer theirs to edit.
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), {}).status_code == 403

    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert 'value="publish_now"' not in changelist.text and 'value="retract"' not in changelist.text
    assert 'value="delete_selected"' not in changelist.text and 'value="submit_drafts"' in changelist.text
    forged_action = {"action": "publish_now", "_selected_action": [article.pk]}
    client.post(reverse("admin:articles_article_changelist"), forged_action)
    article.refresh_from_db()
    assert article.status == "review"


def test_reporter_cannot_touch_published_work_or_others_drafts(client, make, staff):
    reporter = staff("Reporters")
    client.force_login(reporter)
    published = make.article("Published", created_by=reporter)
    quote = make.quote(published, make.person())
    others = make.article("Someone else's draft", status="draft")
    for article in (published, others):
        assert client.post(reverse("admin:articles_article_change", args=[article.pk]), {}).status_code == 403
        assert (
            client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code
            == 403
        )
    assert client.post(reverse("admin:articles_quote_change", args=[quote.pk]), {}).status_code == 403
    assert client.post(reverse("admin:articles_quote_delete", args=[quote.pk]), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"}
    client.post(reverse("admin:articles_article_changelist"), bulk)
    assert Article.objects.filter(pk=published.pk).exists() and Quote.objects.filter(pk=quote.pk).exists()


def test_a_quotes_article_is_chosen_among_those_the_user_may_edit(client, make, staff):
    """A reporter's quote form offers their own drafts alone: choosing another article (offered before,
    by the field and its autocomplete) answered 403 once the form was filled in."""
    reporter = staff("Reporters")
    client.force_login(reporter)
    mine = make.article("My draft", status="draft", created_by=reporter)
    others = make.article("Their draft", status="draft")
    published = make.article("My published story", created_by=reporter)
    autocomplete = {"app_label": "articles", "model_name": "quote", "field_name": "article", "term": ""}
    offered = client.get("/admin/autocomplete/", autocomplete).json()["results"]
    assert [found["id"] for found in offered] == [str(mine.pk)]
    add = reverse("admin:articles_quote_add")
    data = change_form_data(client.get(add)) | {"speaker": make.person().pk, "text": "Words here.", "kind": "direct"}
    for article in (others, published):
        response = client.post(add, data | {"article": article.pk})
        assert response.status_code == 200 and list(response.context["adminform"].form.errors) == ["article"]
    assert not Quote.objects.exists()
    assert client.post(add, data | {"article": mine.pk}).status_code == 302
    quote = Quote.objects.get()
    change = reverse("admin:articles_quote_change", args=[quote.pk])
    response = client.post(change, change_form_data(client.get(change)) | {"article": others.pk})
    assert response.status_code == 200 and list(response.context["adminform"].form.errors) == ["article"]
    quote.refresh_from_db()
    assert quote.article == mine
    # Researchers edit no article: none (on PostgreSQL the list's row estimate read an empty plan: 500).
    client.force_login(staff("Researchers"))
    response = client.get("/admin/autocomplete/", autocomplete)
    assert response.status_code == 200 and response.json()["results"] == []
    # Editors are offered every article.
    force_login_verified(client, staff("Editors"))
    offered = client.get("/admin/autocomplete/", autocomplete).json()["results"]
    assert {found["id"] for found in offered} == {str(mine.pk), str(others.pk), str(published.pk)}


def test_an_authors_account_is_chosen_only_by_those_who_may_see_accounts(client, staff, django_user_model):
    """Editors and researchers keep authors but can't search accounts: the field's autocomplete answered
    them 403, and a forged post linked any account. Read-only for them; superusers pick one."""
    author = Author.objects.create(name="Jane Reporter", slug="jane-reporter")
    account = django_user_model.objects.create_user("jane", is_staff=True)
    url = reverse("admin:people_author_change", args=[author.pk])
    for role in ("Editors", "Researchers"):
        force_login_verified(client, staff(role))
        page = client.get(url)
        assert 'name="user"' not in page.text
        data = change_form_data(page) | {"user": account.pk, "name": f"Jane Reporter ({role})"}
        assert client.post(url, data).status_code == 302
        author.refresh_from_db()
        assert (author.name, author.user) == (f"Jane Reporter ({role})", None)
    force_login_verified(client, django_user_model.objects.create_superuser("root", password="x" * 20))
    page = client.get(url)
    assert client.post(url, change_form_data(page) | {"user": account.pk}).status_code == 302
    author.refresh_from_db()
    assert author.user == account


def test_reporter_deletes_their_own_draft(client, make, staff):
    reporter = staff("Reporters")
    client.force_login(reporter)
    draft = make.article("Mine", status="draft", created_by=reporter)
    response = client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.filter(pk=draft.pk).exists()


def test_researcher_manages_people_and_only_reads_articles(client, make, staff):
    client.force_login(staff("Researchers"))
    article = make.article("Read only")
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), {}).status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403
    assert client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 403
    data = {
        "name": "New Official",
        "slug": "new-official",
        "sort_name": "Official, New",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    assert client.post(reverse("admin:people_person_add"), data).status_code == 302
    assert client.get(reverse("admin:people_state_changelist")).status_code == 200
    assert client.get(reverse("admin:people_author_add")).status_code == 200


def test_reporter_cannot_retract_even_by_forging_the_status(client, make, staff):
    reporter = staff("Reporters")
    client.force_login(reporter)
    draft = make.article("Mine", status="draft", created_by=reporter)
    assert article_post(client, draft, status="retracted").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


# -- History and recovery --------------------------------------------------------------------------


@pytest.fixture
def editor(client, staff):
    force_login_verified(client, staff("Editors"))
    return client


def test_every_admin_save_is_recorded_with_who_and_when(editor, make):
    article = make.article("First headline")
    article_post(editor, article, headline="Second headline")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions[0].revision.user.username == "editors"
    assert versions[0].field_dict["headline"] == "Second headline"
    history = editor.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200 and "editors" in history.text


def test_restore_a_past_version_with_its_quotes(editor, make):
    speaker = make.person("Deval Patrick")
    article = make.article("Original headline")
    make.quote(article, speaker, text="Original words")
    article_post(editor, article)  # version 1: as created
    data = change_form_data(editor.get(reverse("admin:articles_article_change", args=[article.pk])))
    data["headline"] = "Vandalised headline"
    data["quotes-0-text"] = "Changed words"
    data["quotes-0-correction"] = "A quote was edited."
    assert editor.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    first = Version.objects.get_for_object(article).order_by("pk").first()

    compare = editor.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {
            "version_id1": first.pk,
            "version_id2": Version.objects.get_for_object(article).first().pk,
        },
    )
    assert compare.status_code == 200 and "Vandalised" in compare.text

    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    data = change_form_data(editor.get(url))
    assert editor.post(url, data).status_code == 403  # published words change back only with a correction
    data["quotes-0-correction"] = "The quote is back to the words first published."
    response = editor.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Original headline"
    assert list(article.quotes.values_list("text", flat=True)) == ["Original words"]


def test_recover_a_deleted_article_with_its_bylines_and_quotes(editor, make):
    author, speaker = make.author("Hillary Chabot"), make.person("Pat Quinn")
    article = make.article("Deleted by mistake", authors=[author])
    make.quote(article, speaker, text="Words worth keeping")
    article_post(editor, article)
    pk = article.pk
    editor.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists() and not Quote.objects.exists()

    recover_list = editor.get(reverse("admin:articles_article_recoverlist"))
    assert "Deleted by mistake" in recover_list.text
    version = Version.objects.get_deleted(Article).get(object_id=str(pk))
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert editor.post(url, change_form_data(editor.get(url))).status_code == 302
    article = Article.objects.get(pk=pk)
    assert [b.author for b in Byline.objects.filter(article=article)] == [author]
    assert list(article.quotes.values_list("text", flat=True)) == ["Words worth keeping"]


def assert_restore_refused(client, url, reason):
    """The restore's page and its submission both refuse it, giving `reason`, not reversion's message."""
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 403
        assert reason in response.text
        assert "missing dependency" not in response.text


def test_a_version_whose_slug_is_now_anothers_is_refused_in_plain_words(editor, make):
    """The revert failed on the unique slug and django-reversion said "Could not save … version - missing
    dependency", on the list page, for the recovery and the restore alike."""

    def article(headline, slug):
        made = make.article(headline, status="draft", published_at=None)
        Article.objects.filter(pk=made.pk).update(slug=slug)
        return made

    deleted = article("Deleted by mistake", "the-story")
    article_post(editor, deleted)
    editor.post(reverse("admin:articles_article_delete", args=[deleted.pk]), {"post": "yes"})
    renamed = article("Renamed since", "renamed-story")
    article_post(editor, renamed)
    article_post(editor, renamed, slug="renamed-story-2")
    article("Took the slug of the deleted one", "the-story")
    article("Took the old slug", "renamed-story")

    recover = Version.objects.get_deleted(Article).get(object_id=str(deleted.pk))
    restore = Version.objects.get_for_object(renamed).last()  # the oldest
    for url in [
        reverse("admin:articles_article_recover", args=[recover.pk]),
        reverse("admin:articles_article_revision", args=[renamed.pk, restore.pk]),
    ]:
        assert_restore_refused(editor, url, "can’t be restored as it was: Article with this Slug already exists.")
    assert not Article.objects.filter(pk=deleted.pk).exists()
    assert Article.objects.get(pk=renamed.pk).slug == "renamed-story-2"


def test_a_version_whose_slugs_were_swapped_since_is_restored_with_both(editor, make):
    """One revision can hold several objects with slugs (an import saves an article with its authors). Two
    that swapped slugs since conflict only with each other's current rows, which the revert rewrites: the
    guard refused it ('Author with this Slug already exists'), and the revert wrote neither (each save
    failed on the other's row: 'missing dependency')."""
    first, second = make.author("Hillary Chabot"), make.author("Jessica Van Sack")
    made_as = first.slug, second.slug
    first.slug, second.slug = "hillary-chabot", "jessica-van-sack"
    with reversion.create_revision():
        first.save()
        second.save()
    version = Version.objects.get_for_object(first).get()
    for author, slug in [(first, "swapping"), (second, "hillary-chabot"), (first, "jessica-van-sack")]:
        url = reverse("admin:people_author_change", args=[author.pk])
        data = change_form_data(editor.get(url))
        assert editor.post(url, data | {"slug": slug}).status_code == 302

    url = reverse("admin:people_author_revision", args=[first.pk, version.pk])
    page = editor.get(url)
    assert page.status_code == 200 and "can’t be restored" not in page.text
    assert editor.post(url, change_form_data(page)).status_code == 302
    assert Author.objects.get(pk=first.pk).slug == "hillary-chabot"
    assert Author.objects.get(pk=second.pk).slug == "jessica-van-sack"
    # The slugs each held since are live again, not old addresses; the one in between still leads to the first.
    old = dict(AuthorRedirect.objects.values_list("old_slug", "author"))
    assert old == {made_as[0]: first.pk, made_as[1]: second.pk, "swapping": first.pk}


def test_a_restore_is_refused_while_a_slug_is_held_by_an_object_it_leaves_alone(editor, make):
    first, second = make.author("Hillary Chabot"), make.author("Jessica Van Sack")
    first.slug = "hillary-chabot"
    with reversion.create_revision():
        first.save()
    version = Version.objects.get_for_object(first).get()
    Author.objects.filter(pk=first.pk).update(slug="renamed")
    Author.objects.filter(pk=second.pk).update(slug="hillary-chabot")
    url = reverse("admin:people_author_revision", args=[first.pk, version.pk])
    assert_restore_refused(editor, url, "can’t be restored as it was: Author with this Slug already exists.")
    assert Author.objects.get(pk=first.pk).slug == "renamed"


def test_a_quotes_version_whose_words_another_quote_has_now_is_refused_in_plain_words(editor, make):
    """The revert failed on the quote's unique constraint (article, speaker, words) and django-reversion
    said "Could not save … version - missing dependency" on the list page."""
    article, speaker = make.article(status="draft"), make.person("Jane Roe")
    quote = make.quote(article, speaker, text="Words worth keeping")
    with reversion.create_revision():
        quote.save()
    version = Version.objects.get_for_object(quote).get()
    quote.text = "Words changed since"
    quote.save()
    other = make.quote(article, speaker, text="Words worth keeping")
    url = reverse("admin:articles_quote_revision", args=[quote.pk, version.pk])
    assert_restore_refused(editor, url, "A quote with the same words by the same speaker is already in this article.")
    assert Quote.objects.get(pk=quote.pk).text == "Words changed since"
    assert Quote.objects.get(pk=other.pk).text == "Words worth keeping"


def test_an_articles_version_whose_quotes_swapped_words_since_is_refused_in_plain_words(editor, make):
    """Restoring each quote's words back failed on the other quote, which holds them now."""
    article, speaker = make.article(status="draft"), make.person("Jane Roe")
    first = make.quote(article, speaker, text="First words")
    second = make.quote(article, speaker, text="Second words")
    article_post(editor, article)
    version = Version.objects.get_for_object(article).get()
    for quote, text in [(first, "Swapping"), (second, "First words"), (first, "Second words")]:
        quote.text = text
        quote.save()
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert_restore_refused(editor, url, "A quote with the same words by the same speaker is already in this article.")
    texts = dict(Quote.objects.values_list("pk", "text"))
    assert texts == {first.pk: "Second words", second.pk: "First words"}


def test_a_persons_version_whose_wikidata_id_another_has_now_is_refused_in_plain_words(editor, make):
    person = make.person("Jane Roe", wikidata_id="Q100")
    with reversion.create_revision():
        person.save()
    version = Version.objects.get_for_object(person).get()
    Person.objects.filter(pk=person.pk).update(wikidata_id="", bio="Changed since.")
    make.person("John Doe", wikidata_id="Q100")
    url = reverse("admin:people_person_revision", args=[person.pk, version.pk])
    assert_restore_refused(editor, url, "Another person has this Wikidata ID.")
    assert Person.objects.get(pk=person.pk).bio == "Changed since."


def test_a_quotes_version_whose_speaker_was_deleted_since_is_refused_in_plain_words(editor, make):
    """Its history page answered 500: the revert wrote the quote back with the gone speaker, and the form
    read it for the page's title."""
    quote = make.quote(make.article(status="draft"), make.person("Jane Roe"), text="Words worth keeping")
    with reversion.create_revision():
        quote.save()
    version = Version.objects.get_for_object(quote).get()
    gone, quote.speaker = quote.speaker.pk, make.person("John Doe")
    quote.save()
    Person.objects.filter(pk=gone).delete()  # no quote of theirs left to protect them
    url = reverse("admin:articles_quote_revision", args=[quote.pk, version.pk])
    assert_restore_refused(
        editor, url, f"refers to something deleted since (quote {quote.pk}’s speaker, person {gone})"
    )
    assert Quote.objects.get(pk=quote.pk).speaker.name == "John Doe"


def test_a_version_by_an_account_deleted_since_is_restored_without_it(editor, make, django_user_model):
    """The revert wrote the article back with the gone account as its creator, and the commit failed on the
    foreign key (a 500): deleting an account clears the articles' reference to it, and so does restoring."""
    reporter = django_user_model.objects.create_user("left", is_staff=True)
    article = make.article("Original headline", status="draft", created_by=reporter)
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(headline="Changed since")
    reporter.delete()
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert editor.post(url, change_form_data(editor.get(url))).status_code == 302
    connection.check_constraints()  # what the commit checks
    restored = Article.objects.get(pk=article.pk)
    assert (restored.headline, restored.created_by) == ("Original headline", None)


def test_an_article_restored_through_its_authors_history_loses_the_topics_deleted_since(editor, make):
    """Restored through another object's history (an import's revision holds its authors), the article's link
    to a topic deleted since was written back and the commit failed on the foreign key (a 500)."""
    author, topic, kept = make.author("Nadia Newcomb"), make.topic(), make.topic()
    article = make.article(status="draft", topics=[topic, kept], authors=[author])
    with reversion.create_revision():
        article.save()
        author.save()
    version = Version.objects.get_for_object(author).get()
    Author.objects.filter(pk=author.pk).update(name="Nadia N. Newcomb")
    article.topics.set([kept])
    topic.delete()
    url = reverse("admin:people_author_revision", args=[author.pk, version.pk])
    assert editor.post(url, change_form_data(editor.get(url))).status_code == 302
    connection.check_constraints()  # what the commit checks
    assert Author.objects.get(pk=author.pk).name == "Nadia Newcomb"
    assert list(article.topics.all()) == [kept]


def test_deleting_a_person_with_quotes_is_refused_in_plain_words(editor, make):
    speaker = make.person("Deval Patrick")
    make.quote(make.article(), speaker)
    page = editor.get(reverse("admin:people_person_delete", args=[speaker.pk]))
    assert "protected related objects" in page.text
    editor.post(reverse("admin:people_person_delete", args=[speaker.pk]), {"post": "yes"})
    assert speaker.__class__.objects.filter(pk=speaker.pk).exists()


# -- Concurrent edits ------------------------------------------------------------------------------


def test_a_save_based_on_a_stale_version_is_refused_and_nothing_is_lost(client, make, staff, django_user_model):
    article = make.article("Shared story", body="Original body.")
    first, second = staff("Editors"), django_user_model.objects.create_user("other", is_staff=True)
    second.groups.add(Group.objects.get(name="Editors"))
    url = reverse("admin:articles_article_change", args=[article.pk])

    force_login_verified(client, first)
    stale = change_form_data(client.get(url))  # first editor opens the article

    force_login_verified(client, second)
    assert article_post(client, article, headline="Second editor's headline").status_code == 302

    force_login_verified(client, first)
    stale["body"] = "First editor's careful rewrite."
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "was changed after you opened it" in response.text
    assert "headline" in response.text and "by other" in response.text
    assert "First editor&#x27;s careful rewrite." in response.text  # their work is still in the form
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Second editor's headline", "Original body.")

    # Having seen the change, saving again is a deliberate choice, and goes through.
    again = change_form_data(response)
    assert client.post(url, again).status_code == 302
    article.refresh_from_db()
    assert article.body == "First editor's careful rewrite."


# -- Corrections -----------------------------------------------------------------------------------


def test_changing_a_published_quote_requires_a_correction_shown_to_readers(editor, make):
    article = make.article("Published story", body="He said “the wrong words” today.")
    make.quote(article, make.person("Deval Patrick"), text="the wrong words")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    data["quotes-0-text"] = "the right words"
    refused = editor.post(url, data)
    assert refused.status_code == 200 and "say what was corrected" in refused.text
    assert article.quotes.get().text == "the wrong words"

    data = change_form_data(refused)
    data["quotes-0-correction"] = "An earlier version misquoted the governor."
    assert editor.post(url, data).status_code == 302
    assert article.quotes.get().text == "the right words"
    correction = Correction.objects.get(article=article)
    assert correction.date == timezone.localdate()
    page = editor.get(article.get_absolute_url())
    assert "An earlier version misquoted the governor." in page.text


def test_draft_quotes_change_freely(editor, make):
    article = make.article("Draft", status="draft")
    make.quote(article, make.person(), text="first try")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url)) | {"quotes-0-text": "second try"}
    assert editor.post(url, data).status_code == 302
    assert not Correction.objects.exists()


def test_the_leak_walk_fills_routes_with_real_addresses(client, unpublished):
    """Filled with a published article's ids, every route answers 200: the walk's 404s mean something."""
    published = Article.objects.get(headline="Public headline")
    for route, entry in public_patterns():
        if entry.callback is not_found_in_api:
            continue  # the API's "anything else" route: a 404 is its whole answer
        for url in fill(route, published, published.quotes.get()):
            assert client.get(url).status_code in (200, 301), url


# -- Regressions from review -----------------------------------------------------------------------


def test_history_views_only_restore_their_own_models_versions_and_only_for_editors(client, make, staff, editor):
    article = make.article("Retract me")
    article_post(editor, article)  # a revision of the article
    version = Version.objects.get_for_object(article).first()
    article.status = Article.Status.RETRACTED
    article.save()

    client.force_login(staff("Researchers"))
    person_url = reverse("admin:people_person_revision", args=[article.pk, version.pk])
    assert client.post(person_url, {}).status_code == 404  # an article's version through the people admin
    client.force_login(staff("Reporters"))
    assert (
        client.post(reverse("admin:articles_article_revision", args=[article.pk, version.pk]), {}).status_code == 403
    )
    assert client.post(reverse("admin:articles_article_recover", args=[version.pk]), {}).status_code in (403, 404)
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    article.refresh_from_db()
    assert article.status == "retracted"


def test_compare_view_checks_permissions_and_ids(client, make, staff, django_user_model):
    article = make.article("Compared")
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    client.force_login(nobody)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(url, {"version_id1": "1", "version_id2": "2"}).status_code == 403
    force_login_verified(client, staff("Editors"))
    assert client.get(reverse("admin:articles_article_compare", args=["abc"])).status_code in (302, 404)
    assert client.get(url, {"version_id1": "x", "version_id2": "1"}).status_code == 404


def test_two_identical_new_quotes_in_one_save_are_refused_politely(editor, make):
    article = make.article("Twice", status="draft")
    speaker = make.person("Deval Patrick")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    data |= {"quotes-TOTAL_FORMS": "2"}
    for index in (0, 1):
        data |= {
            f"quotes-{index}-speaker": speaker.pk,
            f"quotes-{index}-kind": "direct",
            f"quotes-{index}-text": "Same words",
            f"quotes-{index}-said_on_precision": "day",
            f"quotes-{index}-position": str(index),
            f"quotes-{index}-article": article.pk,
        }
    response = editor.post(url, data)
    assert response.status_code == 200 and "quoted twice with the same words" in response.text
    assert not Quote.objects.exists()


def test_two_bylines_exchange_their_authors_in_one_save(editor, make):
    ann, bob = make.author("Ann"), make.author("Bob")
    article = make.article("Two authors", authors=[ann, bob])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    assert (data["bylines-0-author"], data["bylines-1-author"]) == (str(ann.pk), str(bob.pk))
    data["bylines-0-author"], data["bylines-1-author"] = str(bob.pk), str(ann.pk)
    assert editor.post(url, data).status_code == 302
    assert list(article.bylines.order_by("position").values_list("author__name", flat=True)) == ["Bob", "Ann"]


def test_two_quotes_of_one_speaker_exchange_their_words_in_one_save(editor, make):
    article = make.article("Two quotes", status="draft", published_at=None)
    speaker = make.person("Deval Patrick")
    first = make.quote(article, speaker, text="First words", position=0)
    second = make.quote(article, speaker, text="Second words", position=1)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    rows = {data[f"quotes-{index}-id"]: index for index in (0, 1)}
    data[f"quotes-{rows[str(first.pk)]}-text"] = "Second words"
    data[f"quotes-{rows[str(second.pk)]}-text"] = "First words"
    assert editor.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.text == "Second words"
    second.refresh_from_db()
    # Each keeps its key (its address), with the other's words.
    assert (first.pk, second.pk, second.text) == (first.pk, second.pk, "First words")


def test_a_row_takes_the_author_or_words_of_a_row_deleted_below_it_in_one_save(editor, make):
    ann, bob = make.author("Ann"), make.author("Bob")
    article = make.article("Two authors", status="draft", published_at=None, authors=[ann, bob])
    speaker = make.person("Deval Patrick")
    first = make.quote(article, speaker, text="First words", position=0)
    make.quote(article, speaker, text="Second words", position=1)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    data |= {"bylines-0-author": str(bob.pk), "bylines-1-DELETE": "on"}
    rows = {data[f"quotes-{index}-id"]: index for index in (0, 1)}
    first_row = rows[str(first.pk)]
    data |= {f"quotes-{first_row}-text": "Second words", f"quotes-{1 - first_row}-DELETE": "on"}
    assert editor.post(url, data).status_code == 302
    assert list(article.bylines.values_list("author__name", flat=True)) == ["Bob"]
    assert list(article.quotes.values_list("pk", "text")) == [(first.pk, "Second words")]


def test_editing_a_quote_elsewhere_makes_an_open_article_form_stale(client, make, staff):
    article = make.article("Draft with a quote", status="draft")
    quote = make.quote(article, make.person(), text="Original words")
    force_login_verified(client, staff("Editors"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    stale = change_form_data(client.get(url))
    quote.text = "Words changed in the quote admin"
    quote.save()
    stale["headline"] = "A new headline"
    response = client.post(url, stale)
    assert response.status_code == 200 and "was changed after you opened it" in response.text
    quote.refresh_from_db()
    assert quote.text == "Words changed in the quote admin"


def test_publish_now_leaves_retracted_articles_alone_and_publishes_scheduled_ones(editor, make):
    retracted = make.article("Retracted", status="retracted")
    scheduled = make.article("Scheduled", published_at=timezone.now() + datetime.timedelta(days=3))
    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [retracted.pk, scheduled.pk]},
    )
    retracted.refresh_from_db()
    scheduled.refresh_from_db()
    assert retracted.status == "retracted"
    assert scheduled.is_public


@pytest.mark.parametrize(
    "url",
    [
        "/articles/?to=9999-12-31",
        "/search/?q=x&to=9999-12-31",
        "/api/v1/articles/?to=9999-12-31",
        "/quotes/?from=0001-01-01",
    ],
)
def test_dates_out_of_range_are_refused_not_crashed(client, db, url):
    assert client.get(url).status_code == 400


def test_odd_speaker_filter_values_do_not_crash_the_quote_admin(editor):
    assert editor.get(reverse("admin:articles_quote_changelist"), {"speaker": "²"}).status_code == 200


# -- Bulk actions meet other editors' decisions ----------------------------------------------------


def run_action(client, action, *articles):
    data = {"action": action, "_selected_action": [article.pk for article in articles]}
    response = client.post(reverse("admin:articles_article_changelist"), data, follow=True)
    assert response.status_code == 200
    return " ".join(str(message) for message in response.context["messages"])


def meanwhile(change):
    """Make `change` (another editor's) just before the action writes its first article: after the
    selection was read, before the other rows are written."""
    from articles import admin

    real, calls = admin.save_with_revision, []

    def save(*args):
        if not calls:
            change()
        calls.append(args)
        return real(*args)

    return mock.patch("articles.admin.save_with_revision", side_effect=save)


def retract_elsewhere(pk):
    article = Article.objects.get(pk=pk)
    article.status = Article.Status.RETRACTED
    article.retraction_note = "Retracted by another editor."
    article.save()


def publish_elsewhere(pk):
    article = Article.objects.get(pk=pk)
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
    article.save()


def unpublish_elsewhere(pk):
    article = Article.objects.get(pk=pk)
    article.status = Article.Status.DRAFT
    article.save()


def test_publish_now_skips_an_article_retracted_after_the_selection(editor, make):
    later = timezone.now() + datetime.timedelta(days=3)
    first, contested, last = (make.article(f"Scheduled {n}", published_at=later) for n in range(3))
    with meanwhile(lambda: retract_elsewhere(contested.pk)):
        message = run_action(editor, "publish_now", first, contested, last)
    for article in (first, contested, last):
        article.refresh_from_db()
    assert first.is_public and last.is_public
    assert contested.status == "retracted" and contested.retracted_at is not None
    assert "Published 2 article(s). 1 skipped: changed by someone else meanwhile." in message


def test_publish_now_leaves_an_article_scheduled_after_the_editor_loaded_the_list(editor, make):
    embargoed, other = make.article("Embargoed", status="draft"), make.article("Other", status="draft")
    listing = editor.get(reverse("admin:articles_article_changelist")).text
    seen = dict(re.findall(r'name="(seen-\d+)" value="([^"]+)"', listing))
    assert set(seen) == {f"seen-{embargoed.pk}", f"seen-{other.pk}"}
    # Another editor schedules it for next week, after this list was loaded.
    week = timezone.now() + datetime.timedelta(days=7)
    Article.objects.filter(pk=embargoed.pk).update(status="published", published_at=week, updated_at=timezone.now())
    data = {"action": "publish_now", "_selected_action": [embargoed.pk, other.pk], **seen}
    response = editor.post(reverse("admin:articles_article_changelist"), data, follow=True)
    message = " ".join(str(message) for message in response.context["messages"])
    assert "Published 1 article(s). 1 skipped: changed by someone else meanwhile." in message
    embargoed.refresh_from_db()
    assert embargoed.is_scheduled and embargoed.published_at == week


def test_submit_for_review_skips_a_draft_an_editor_published_after_the_selection(client, make, staff):
    reporter = staff("Reporters")
    client.force_login(reporter)
    first, contested = (make.article(f"Draft {n}", status="draft", created_by=reporter) for n in range(2))
    with meanwhile(lambda: publish_elsewhere(contested.pk)):
        message = run_action(client, "submit_drafts", first, contested)
    first.refresh_from_db()
    contested.refresh_from_db()
    assert first.status == "review"
    assert contested.status == "published" and contested.is_public
    assert "Submitted 1 draft(s) for review. 1 skipped: changed by someone else meanwhile." in message


def test_retract_skips_an_article_unpublished_after_the_selection(editor, make):
    first, contested = make.article("Public one"), make.article("Public two")
    with meanwhile(lambda: unpublish_elsewhere(contested.pk)):
        message = run_action(editor, "retract", first, contested)
    first.refresh_from_db()
    contested.refresh_from_db()
    assert first.status == "retracted"
    assert contested.status == "draft" and contested.retracted_at is None
    assert "Retracted 1 article(s). 1 skipped: changed by someone else meanwhile." in message


def test_bulk_actions_say_which_selected_articles_they_left_alone(editor, make):
    retracted, public = make.article("Retracted", status="retracted"), make.article("Public")
    message = run_action(editor, "publish_now", retracted, public)
    assert "Published 0 article(s). 2 left as they were: already public or retracted." in message
    retracted.refresh_from_db()
    assert retracted.status == "retracted"


def staff_member(django_user_model, name, *codenames):
    # Permissions rather than the migration's groups: a transactional test may run after another's
    # flush, which empties those groups (permissions are re-created after a flush, groups aren't).
    user = django_user_model.objects.create_user(name, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
    return user


def decided_in_another_connection(pk, change):
    """`change` made to the article in a second connection, holding its row lock uncommitted until this
    connection waits for that row: the action runs into the other decision every time, not by chance."""
    return in_another_connection(lambda: change(Article.objects.select_for_update().get(pk=pk)))


def retract(article):
    article.status, article.retraction_note = Article.Status.RETRACTED, "Retracted by another editor."
    article.save()


def publish(article):
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
    article.save()


@needs_postgresql
def test_publish_now_waits_for_a_retraction_in_progress_and_leaves_it_retracted(
    transactional_db, client, make, django_user_model
):
    client.force_login(staff_member(django_user_model, "editor", "view_article", "change_article", "publish_article"))
    later = timezone.now() + datetime.timedelta(days=3)
    first, contested, last = (make.article(f"Scheduled {n}", published_at=later) for n in range(3))
    with decided_in_another_connection(contested.pk, retract):
        message = run_action(client, "publish_now", first, contested, last)
    for article in (first, contested, last):
        article.refresh_from_db()
    assert first.is_public and last.is_public
    assert contested.status == "retracted" and contested.retracted_at is not None
    assert "1 skipped: changed by someone else meanwhile" in message
    assert Version.objects.get_for_object(contested).count() == 0  # the action recorded nothing for it


@needs_postgresql
def test_submit_for_review_waits_for_an_editor_publishing_and_leaves_it_published(
    transactional_db, client, make, django_user_model
):
    reporter = staff_member(django_user_model, "reporter", "view_article", "change_article")
    client.force_login(reporter)
    first, contested = (make.article(f"Draft {n}", status="draft", created_by=reporter) for n in range(2))
    with decided_in_another_connection(contested.pk, publish):
        message = run_action(client, "submit_drafts", first, contested)
    first.refresh_from_db()
    contested.refresh_from_db()
    assert first.status == "review"
    assert contested.status == "published" and contested.is_public
    assert "1 skipped: changed by someone else meanwhile" in message


# -- Only what readers saw is retracted ------------------------------------------------------------


def retract_through(how, client, article):
    if how == "action":
        return run_action(client, "retract", article)
    response = article_post(client, article, status="retracted")
    assert response.status_code == 302
    return " ".join(str(message) for message in client.get(response.url).context["messages"])


@pytest.mark.parametrize("how", ["action", "form"])
@pytest.mark.parametrize("kind", ["scheduled", "draft"])
def test_retracting_an_article_readers_never_saw_leaves_it_a_draft_at_a_404_address(client, editor, make, kind, how):
    published_at = timezone.now() + datetime.timedelta(days=2) if kind == "scheduled" else None
    article = make.article(
        "Embargoed headline", status="published" if published_at else "draft", published_at=published_at
    )
    message = retract_through(how, client, article)
    article.refresh_from_db()
    assert article.status == "draft" and article.retracted_at is None
    # A draft selected for the action was never published: nothing to unpublish.
    assert ("left as they were: not published" if (how, kind) == ("action", "draft") else "back to draft") in message
    client.logout()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404 and "Embargoed headline" not in response.text


@pytest.mark.parametrize("how", ["action", "form"])
def test_retracting_a_public_article_leaves_its_notice_at_its_address(client, editor, make, how):
    article = make.article("Wrong story", retraction_note="The story relied on a forged letter.")
    retract_through(how, client, article)
    article.refresh_from_db()
    assert article.status == "retracted" and article.retracted_at is not None
    client.logout()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "Wrong story" in response.text and "forged letter" in response.text
