"""Addresses that last (newsroom/addresses.py): a renamed article, person, author or topic keeps
every old address answering 301 to the same address under its current slug, in one hop."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from reversion.models import Version

from articles.importer import unique_slug
from articles.models import Article, ArticleRedirect, OutletRedirect, TopicRedirect
from newsroom import pagecache
from people.models import Author, AuthorRedirect, PersonRedirect

from .adminforms import change_form_data
from .test_invalidation import hold_lock


def public_person(make):
    person = make.person("Deval Patrick")
    make.quote(make.article(), person, "We will not sign onto it.")
    return person


def public_author(make):
    author = make.author("Hillary Chabot")
    make.article(authors=[author])
    return author


def public_topic(make):
    topic = make.topic()
    make.article(topics=[topic])
    return topic


def public_outlet(make):
    outlet = make.outlet()
    make.article(outlet=outlet)
    return outlet


def public_article(make):
    return make.article("Patrick balks at federal program")


# Each model: how to make one readers see, its redirects, and every address under its slug.
MODELS = {
    "person": (
        public_person,
        PersonRedirect,
        [
            "/people/{}/",
            "/feeds/people/{}.rss",
            "/feeds/people/{}.atom",
            "/api/v1/people/{}/",
            "/api/v1/people/{}.json",
        ],
    ),
    "author": (public_author, AuthorRedirect, ["/authors/{}/", "/feeds/authors/{}.rss", "/feeds/authors/{}.atom"]),
    "topic": (public_topic, TopicRedirect, ["/topics/{}/", "/feeds/topics/{}.rss", "/feeds/topics/{}.atom"]),
    "outlet": (public_outlet, OutletRedirect, ["/outlets/{}/"]),
    "article": (
        public_article,
        ArticleRedirect,
        ["/articles/{}/", "/api/v1/articles/{}/", "/api/v1/articles/{}.json"],
    ),
}


@pytest.fixture(params=MODELS)
def kind(request):
    return request.param


@pytest.fixture
def obj(kind, make):
    return MODELS[kind][0](make)


def addresses(kind, slug):
    return [address.format(slug) for address in MODELS[kind][2]]


def rename(obj, slug, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obj.slug = slug
        obj.save()


def test_every_old_address_answers_301_to_the_same_address_under_the_new_slug(
    client, kind, obj, django_capture_on_commit_callbacks
):
    old = obj.slug
    rename(obj, "renamed", django_capture_on_commit_callbacks)
    for before, after in zip(addresses(kind, old), addresses(kind, "renamed"), strict=True):
        response = client.get(f"{before}?page=1")
        assert response.status_code == 301, before
        # The query string kept, as the route reads it: an article's page and a feed read no parameter
        # (newsroom/canonical.py drops it before any view sees it).
        query = "" if before.startswith(("/articles/", "/feeds/")) else "?page=1"
        assert response["Location"] == f"{after}{query}", before
        assert client.get(after).status_code == 200, after
    assert list(MODELS[kind][1].objects.values_list("old_slug", flat=True)) == [old]


def test_a_chain_of_renames_resolves_in_one_hop(client, kind, obj, django_capture_on_commit_callbacks):
    first = obj.slug
    rename(obj, "second", django_capture_on_commit_callbacks)
    rename(obj, "third", django_capture_on_commit_callbacks)
    for old in (first, "second"):
        for before, after in zip(addresses(kind, old), addresses(kind, "third"), strict=True):
            response = client.get(before)
            assert response.status_code == 301 and response["Location"] == after, before
    assert client.get(addresses(kind, "third")[0]).status_code == 200


def test_renaming_back_makes_the_address_live_again_without_a_loop(
    client, kind, obj, django_capture_on_commit_callbacks
):
    first = obj.slug
    rename(obj, "for-a-while", django_capture_on_commit_callbacks)
    rename(obj, first, django_capture_on_commit_callbacks)
    assert client.get(addresses(kind, first)[0]).status_code == 200
    response = client.get(addresses(kind, "for-a-while")[0])
    assert response.status_code == 301 and response["Location"] == addresses(kind, first)[0]
    assert list(MODELS[kind][1].objects.values_list("old_slug", flat=True)) == ["for-a-while"]


def test_a_slug_taken_by_a_new_row_is_its_page_not_a_redirect(
    client, kind, obj, make, django_capture_on_commit_callbacks
):
    first = obj.slug
    rename(obj, "moved-on", django_capture_on_commit_callbacks)
    newcomer = MODELS[kind][0](make)
    rename(newcomer, first, django_capture_on_commit_callbacks)
    page = addresses(kind, first)[0]
    assert client.get(page).status_code == 200
    assert client.get(page).context[kind] == newcomer
    # The newcomer moving on in turn leaves that address to itself, not to the first owner.
    rename(newcomer, "newcomer-moved", django_capture_on_commit_callbacks)
    assert client.get(page)["Location"] == addresses(kind, "newcomer-moved")[0]
    assert client.get(addresses(kind, "moved-on")[0]).context[kind] == obj


def test_a_stored_page_at_the_old_address_is_not_served_after_the_rename(
    client, settings, kind, obj, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_MEMO_SECONDS = 300
    monkeypatch.setattr(pagecache, "LOCK_SECONDS", 0.2)
    cache.clear()
    page = addresses(kind, obj.slug)[0]
    client.get(page)
    assert client.get(page)["X-Cache"] == "hit"
    rename(obj, "renamed", django_capture_on_commit_callbacks)
    hold_lock(page)  # another request is rendering it: still never the stored 200
    response = client.get(page)
    assert response.status_code == 301 and response["Location"] == addresses(kind, "renamed")[0]
    assert client.get(response["Location"]).status_code == 200


def test_an_address_readers_cannot_see_is_not_revealed_by_its_old_slug(
    client, make, django_capture_on_commit_callbacks
):
    draft = make.article("Not yet", status="draft")
    rename(draft, "secret-new-slug", django_capture_on_commit_callbacks)
    unpublished = make.article("Published, then pulled back")
    rename(unpublished, "pulled-back", django_capture_on_commit_callbacks)
    unpublished.status = Article.Status.DRAFT
    unpublished.save()
    hidden = make.person("Nobody Quoted Yet")
    rename(hidden, "still-hidden", django_capture_on_commit_callbacks)
    for address in (
        f"/articles/article-{draft.pk}/",
        f"/articles/{ArticleRedirect.objects.get(article=unpublished).old_slug}/",
        f"/api/v1/articles/{ArticleRedirect.objects.get(article=unpublished).old_slug}/",
        f"/people/{PersonRedirect.objects.get(person=hidden).old_slug}/",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "secret-new-slug" not in response.text and "pulled-back" not in response.text


def test_staff_who_preview_follow_a_drafts_old_slug(admin_client, make, django_capture_on_commit_callbacks):
    draft = make.article("Not yet", status="draft")
    old = draft.slug
    rename(draft, "new-draft-slug", django_capture_on_commit_callbacks)
    response = admin_client.get(f"/articles/{old}/")
    assert response.status_code == 301 and response["Location"] == "/articles/new-draft-slug/"


def test_a_retracted_article_keeps_its_address_and_its_old_ones_lead_there(
    client, make, django_capture_on_commit_callbacks
):
    article = make.article("Retracted story", retraction_note="It was wrong.")
    old = article.slug
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.RETRACTED
        article.save()
    assert client.get(f"/articles/{old}/").status_code == 410
    rename(article, "retracted-story", django_capture_on_commit_callbacks)
    response = client.get(f"/articles/{old}/")
    assert response.status_code == 301 and response["Location"] == "/articles/retracted-story/"
    gone = client.get(response["Location"])
    assert gone.status_code == 410 and "It was wrong." in gone.text


def test_an_old_address_costs_two_queries(client, make, django_capture_on_commit_callbacks, django_assert_num_queries):
    person = public_person(make)
    old = person.slug
    rename(person, "deval-l-patrick", django_capture_on_commit_callbacks)
    # The live row looked for at that slug, then the row that had it.
    with django_assert_num_queries(2):
        response = client.get(f"/people/{old}/")
    assert response.status_code == 301


def test_a_rename_in_the_admin_is_recorded_shown_and_undone_by_a_restore(admin_client, make):
    topic = public_topic(make)
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    data = change_form_data(admin_client.get(url))
    assert admin_client.post(url, data).status_code == 302  # a first version in the history
    assert admin_client.post(url, data | {"slug": "immigration-policy"}).status_code == 302
    assert list(TopicRedirect.objects.values_list("old_slug", "topic")) == [(topic.slug, topic.pk)]
    page = admin_client.get(url)
    assert "Old addresses" in page.text and topic.slug in page.text

    # Restoring the first version brings its slug back: the later one now leads to it.
    first = Version.objects.get_for_object(topic).order_by("pk").first()
    revision_url = reverse("admin:articles_topic_revision", args=[topic.pk, first.pk])
    assert admin_client.post(revision_url, change_form_data(admin_client.get(revision_url))).status_code == 302
    topic.refresh_from_db()
    assert topic.slug == first.field_dict["slug"]
    assert list(TopicRedirect.objects.values_list("old_slug", flat=True)) == ["immigration-policy"]
    response = admin_client.get("/topics/immigration-policy/")
    assert response.status_code == 301 and response["Location"] == f"/topics/{topic.slug}/"


def test_a_new_row_named_automatically_does_not_take_an_old_address(make, django_capture_on_commit_callbacks):
    author = make.author("Hillary Chabot")
    rename(author, "hillary-chabot", django_capture_on_commit_callbacks)
    rename(author, "h-chabot", django_capture_on_commit_callbacks)
    assert unique_slug(Author, "Hillary Chabot") == "hillary-chabot-2"


def test_deleting_a_row_deletes_its_old_addresses(client, make, django_capture_on_commit_callbacks):
    author = make.author()
    old = author.slug
    rename(author, "gone-soon", django_capture_on_commit_callbacks)
    author.delete()
    assert not AuthorRedirect.objects.exists()
    assert client.get(f"/authors/{old}/").status_code == 404


def test_a_rename_that_fails_records_nothing(make):
    author, other = make.author(), make.author()
    with pytest.raises(IntegrityError), transaction.atomic():
        author.slug = other.slug  # taken: the row's update fails after pre_save recorded the old slug
        author.save()
    assert not AuthorRedirect.objects.exists()
