"""Restoring from the history changes only what the user may change, as the forms would let them.

A revision holds everything saved at one moment, whatever its model: the import saves an article
with its bylines and new authors, the review of proposals saves quotes with their new speakers.
Restoring one object's version restores all of it, so every object it would change, re-create or
delete must pass its own admin's rules (role, status, a correction for published words), or
nothing changes.
"""

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Byline, Correction, Quote
from newsroom.admin import GuardedVersionAdmin
from people.models import Author, Person, Position
from tests.adminforms import change_form_data
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db

STORY = (
    "“We will not sign this program,” said Jane Roe, the state treasurer.\n\n"
    "“The budget is balanced,” said Deval Patrick."
)
ROLES = ["Editors", "Reporters", "Researchers", "superuser"]
CORRECTED = "We will not sign the program,"


@pytest.fixture
def login(client, django_user_model):
    """Sign the test client in as a new user in `role` (a group, or "superuser")."""

    def sign_in(role):
        username = f"{role.lower()}-{django_user_model.objects.count()}"
        if role == "superuser":
            user = django_user_model.objects.create_superuser(username, password=None)
        else:
            user = django_user_model.objects.create_user(username, is_staff=True)
            user.groups.add(Group.objects.get(name=role))
        return force_login_verified(client, user)

    return sign_in


@pytest.fixture
def story(client, login, make):
    """The issue's story, told through the admin by an editor.

    An article by a new author is imported (revision "import": article, byline, author), its
    quotes accepted, one by a new speaker (revision "review": quotes, person), it is published,
    and the new speaker's quote is corrected through the quote form.
    """
    login("Editors")
    patrick = make.person("Deval Patrick")
    imported = {"text": STORY, "headline": "Treasurer refuses", "author": "Nadia Newcomb"}
    assert client.post(reverse("admin:articles_article_import"), imported).status_code == 302
    article = Article.objects.get()
    proposals = list(article.proposals.order_by("position"))
    review = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for index, (proposal, person, name) in enumerate(zip(proposals, ["", patrick.pk], ["Jane Roe", ""], strict=True)):
        review |= {
            f"form-{index}-proposal": proposal.pk,
            f"form-{index}-decision": "accepted",
            f"form-{index}-text": proposal.text,
            f"form-{index}-kind": proposal.kind,
            f"form-{index}-person": person,
            f"form-{index}-speaker_name": name,
            # A new person needs a title and a state.
            f"form-{index}-title": "Treasurer" if name else "",
            f"form-{index}-state": "MA" if name else "",
        }
    assert client.post(reverse("admin:articles_article_proposals", args=[article.pk]), review).status_code == 302
    publish = {"action": "publish_now", "_selected_action": [article.pk]}
    assert client.post(reverse("admin:articles_article_changelist"), publish).status_code == 302
    speaker = Person.objects.get(name="Jane Roe")
    quote = Quote.objects.get(speaker=speaker)
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    corrected = change_form_data(client.get(url)) | {"text": CORRECTED, "correction": "We misquoted the treasurer."}
    assert client.post(url, corrected).status_code == 302
    client.logout()
    article.refresh_from_db()
    assert article.status == "published" and article.quotes.count() == 2 and article.corrections.count() == 1
    author = Author.objects.get(name="Nadia Newcomb")
    return {
        "article": article,
        "author": author,
        "speaker": speaker,
        "quote": quote,
        "import": Version.objects.get_for_object(author).get().revision,
        "review": Version.objects.get_for_object(speaker).get().revision,
    }


def state():
    """Everything a revert could touch."""
    return {
        "articles": list(Article.objects.order_by("pk").values_list("pk", "status", "headline")),
        "quotes": list(Quote.objects.order_by("pk").values_list("pk", "article", "speaker", "text")),
        "corrections": list(Correction.objects.order_by("pk").values_list("pk", "article", "text")),
        "bylines": list(Byline.objects.order_by("pk").values_list("pk", "article", "author")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "name", "bio")),
        "positions": list(Position.objects.order_by("pk").values_list("pk", "person", "title")),
        "authors": list(Author.objects.order_by("pk").values_list("pk", "name")),
    }


def restore(client, url, form=None, **changes):
    """Open a revert or recover form and post it as shown (plus `changes`), as a browser would.

    If the form is refused, `form` is posted: the same fields, read from the object's change page.
    """
    page = client.get(url)
    data = change_form_data(page) if page.status_code == 200 else form or {}
    return page, client.post(url, data | changes)


def change_form(client, obj):
    return change_form_data(
        client.get(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
    )


def revision_url(obj, revision):
    version = Version.objects.get_for_object(obj).get(revision=revision)
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revision", args=[obj.pk, version.pk])


def recover_url(model, pk):
    version = Version.objects.get_deleted(model).get(object_id=str(pk))
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_recover", args=[version.pk])


# -- The issue's two cases -------------------------------------------------------------------------


def test_a_researcher_cannot_roll_back_an_article_through_its_new_authors_history(client, login, story):
    before = state()
    login("Researchers")
    form = change_form(client, story["author"])  # the revert form's fields: the author is unchanged since
    page, response = restore(client, revision_url(story["author"], story["import"]), form)
    assert page.status_code == 403 and response.status_code == 403
    assert "You may not change the article “Treasurer refuses”." in response.text
    assert "Nothing was changed." in response.text
    # The way back: the author list, and this author's history.
    history = reverse("admin:people_author_history", args=[story["author"].pk])
    assert f'href="{reverse("admin:people_author_changelist")}">Authors</a>' in response.text
    assert f'href="{history}">History</a>' in response.text
    assert state() == before
    assert Article.objects.get().status == "published" and Correction.objects.count() == 1


def test_a_researcher_cannot_restore_a_published_quotes_words_through_its_new_speakers_history(client, login, story):
    before = state()
    login("Researchers")
    form = change_form(client, story["speaker"])
    page, response = restore(client, revision_url(story["speaker"], story["review"]), form)
    assert page.status_code == 403 and response.status_code == 403
    # The quote's own marks name it: not nested in another pair.
    assert "You may not change the quote Jane Roe: “We will not sign this program,”." in response.text
    assert state() == before
    assert Quote.objects.get(pk=story["quote"].pk).text == CORRECTED


def test_an_editor_restoring_published_words_from_a_speakers_history_is_asked_for_a_correction(client, login, story):
    before = state()
    login("Editors")
    page, response = restore(client, revision_url(story["speaker"], story["review"]))
    assert page.status_code == 403 and response.status_code == 403
    assert "needs a correction note" in response.text and "correct it in the quote’s form" in response.text
    assert state() == before


# -- Restoring is still possible, within the rules ------------------------------------------------


def test_an_editor_restores_a_published_quotes_words_from_its_history_only_with_a_correction(client, login, story):
    quote = story["quote"]
    before = state()
    login("Editors")
    url = revision_url(quote, story["review"])
    page, refused = restore(client, url)
    assert page.status_code == 200 and "give a correction note for it below" in page.text
    assert refused.status_code == 403 and "give a correction note for it, for readers to see" in refused.text
    assert state() == before

    page, response = restore(client, url, correction="We restored the treasurer’s exact words.")
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == "We will not sign this program,"
    assert set(Correction.objects.values_list("text", flat=True)) == {
        "We misquoted the treasurer.",
        "We restored the treasurer’s exact words.",
    }


def test_an_editor_reverts_an_articles_own_history_giving_corrections_in_its_quote_rows(client, login, story):
    article = story["article"]
    login("Editors")
    published = Version.objects.get_for_object(article).filter(revision__comment="Published.").get()
    url = reverse("admin:articles_article_revision", args=[article.pk, published.pk])
    page, refused = restore(client, url)
    assert refused.status_code == 403 and "give a correction note for it" in refused.text

    data = change_form_data(page)
    # The row's "-id" field: another of its fields may hold the same number.
    row = next(
        key
        for key, value in data.items()
        if key.startswith("quotes-") and key.endswith("-id") and value == str(story["quote"].pk)
    )
    data[row.removesuffix("-id") + "-correction"] = "Back to the words as first published."
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == "published"
    assert Quote.objects.get(pk=story["quote"].pk).text == "We will not sign this program,"
    # The correction made since isn't in that version; the note given with the revert is.
    assert list(article.corrections.values_list("text", flat=True)) == ["Back to the words as first published."]


def test_an_editor_may_revert_the_import_through_the_authors_history(client, login, story):
    """Everything it does an editor may do through the forms: unpublish, delete quotes and corrections."""
    login("Editors")
    page, response = restore(client, revision_url(story["author"], story["import"]))
    assert page.status_code == 200 and response.status_code == 302
    article = Article.objects.get()
    assert article.status == "draft" and not article.quotes.exists() and not article.corrections.exists()


def test_a_researcher_reverts_a_persons_own_edit(client, login, make):
    person = make.person("Mary Beth Heffernan")
    login("Researchers")
    url = reverse("admin:people_person_change", args=[person.pk])
    first = change_form_data(client.get(url))
    assert client.post(url, first).status_code == 302
    assert client.post(url, first | {"bio": "Vandalised."}).status_code == 302
    version = Version.objects.get_for_object(person).order_by("pk").first()
    page, response = restore(client, reverse("admin:people_person_revision", args=[person.pk, version.pk]))
    assert page.status_code == 200 and response.status_code == 302
    person.refresh_from_db()
    assert person.bio == ""


# -- Every role, every history ---------------------------------------------------------------------

# (role, whose history, version in which revision, extra POST data, outcome). An editor may open the
# quote's revert form, and must then give a correction note in it.
REVISIONS = [
    *[(role, "article", "import", {}, "refused") for role in ["Reporters", "Researchers"]],
    *[(role, "article", "import", {}, "restored") for role in ["Editors", "superuser"]],
    *[(role, "author", "import", {}, "refused") for role in ["Reporters", "Researchers"]],
    *[(role, "author", "import", {}, "restored") for role in ["Editors", "superuser"]],
    *[(role, "quote", "review", {}, "refused") for role in ["Reporters", "Researchers"]],
    *[(role, "quote", "review", {}, "needs a note") for role in ["Editors", "superuser"]],
    *[(role, "quote", "review", {"correction": "Restored."}, "refused") for role in ["Reporters", "Researchers"]],
    *[(role, "quote", "review", {"correction": "Restored."}, "restored") for role in ["Editors", "superuser"]],
    *[(role, "speaker", "review", {}, "refused") for role in ROLES],
]


@pytest.mark.parametrize(("role", "whose", "revision", "extra", "outcome"), REVISIONS)
def test_restoring_a_version_saved_with_other_models(client, login, story, role, whose, revision, extra, outcome):
    before = state()
    login(role)
    page, response = restore(client, revision_url(story[whose], story[revision]), **extra)
    if outcome in ("refused", "needs a note"):
        assert page.status_code == (200 if outcome == "needs a note" else 403)
        assert response.status_code == 403
        assert state() == before
    else:
        assert page.status_code == 200 and response.status_code == 302
        assert state() != before


def delete_author(story):
    """The article goes (with its bylines, quotes and correction), then its author."""
    Article.objects.filter(pk=story["article"].pk).delete()
    Author.objects.filter(pk=story["author"].pk).delete()
    return recover_url(Author, story["author"].pk)


def test_a_researcher_recovering_an_author_is_refused_for_the_article_it_would_bring_back(client, login, story):
    url = delete_author(story)
    login("Researchers")
    page, response = restore(client, url)
    assert page.status_code == 403 and response.status_code == 403
    assert "You may not re-create the article “Treasurer refuses”." in response.text
    assert not Author.objects.exists() and not Article.objects.exists()


def test_an_editor_recovering_an_author_brings_back_the_imported_draft(client, login, story):
    url = delete_author(story)
    login("Editors")
    page, response = restore(client, url)
    assert page.status_code == 200 and response.status_code == 302
    article = Article.objects.get()
    assert article.status == "draft" and [b.author.name for b in article.bylines.all()] == ["Nadia Newcomb"]


def test_a_researcher_recovering_a_speaker_is_refused_for_the_quote_it_would_bring_back(client, login, story):
    Quote.objects.filter(pk=story["quote"].pk).delete()
    Person.objects.filter(pk=story["speaker"].pk).delete()
    before = state()
    login("Researchers")
    page, response = restore(client, recover_url(Person, story["speaker"].pk))
    assert page.status_code == 403 and response.status_code == 403
    assert "You may not re-create the quote" in response.text
    assert state() == before


def test_recovering_a_quote_whose_article_is_gone_is_refused_in_plain_words(client, login, story):
    Article.objects.filter(pk=story["article"].pk).delete()
    login("Editors")
    page, response = restore(client, recover_url(Quote, story["quote"].pk))
    assert page.status_code == 403 and response.status_code == 403
    assert "refers to something deleted since" in response.text
    assert not Quote.objects.exists() and not Correction.objects.exists()


def test_a_researcher_recovers_a_person_they_deleted(client, login):
    login("Researchers")
    data = {
        "name": "New Official",
        "slug": "new-official",
        "sort_name": "Official, New",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    assert client.post(reverse("admin:people_person_add"), data).status_code == 302
    person = Person.objects.get()
    assert client.post(reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"}).status_code == 302
    page, response = restore(client, recover_url(Person, person.pk))
    assert page.status_code == 200 and response.status_code == 302
    assert Person.objects.get().name == "New Official"


# -- Every model with a history --------------------------------------------------------------------

HISTORIES = sorted(
    (model for model, model_admin in admin.site._registry.items() if isinstance(model_admin, GuardedVersionAdmin)),
    key=lambda model: model._meta.label,
)


def fresh(model, make):
    """A new object of a model with a history, deletable (nothing refers to it)."""
    makers = {
        "articles.Article": make.article,
        "articles.Quote": lambda: make.quote(make.article(), make.person()),
        "articles.Outlet": make.outlet,
        "articles.Topic": make.topic,
        "people.Person": make.person,
        "people.Author": make.author,
    }
    if model._meta.label not in makers:
        pytest.fail(f"{model._meta.label} has a history: teach fresh() to make one.")
    return makers[model._meta.label]()


@pytest.fixture
def saved_together(make):
    """An object of each model with a history, saved in one revision with a published article (a person,
    for an article), which has been edited since: restoring that version would change it back."""

    def save(model):
        obj = fresh(model, make)
        other = make.person("Other Person") if model is Article else make.article("Saved alongside")
        with reversion.create_revision():
            reversion.add_to_revision(obj)
            reversion.add_to_revision(other)
        other.__class__.objects.filter(pk=other.pk).update(**{"name" if model is Article else "headline": "Since"})
        return obj, Version.objects.get_for_object(obj).get()

    return save


def test_the_histories_include_every_model_of_the_issue():
    assert {"articles.Article", "articles.Quote", "people.Person", "people.Author"} <= {
        model._meta.label for model in HISTORIES
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", HISTORIES, ids=lambda model: model._meta.label)
def test_a_version_saved_with_an_article_is_restored_only_by_those_who_may_change_both(
    client, login, saved_together, role, model
):
    obj, version = saved_together(model)
    before = state()
    login(role)
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revision", args=[obj.pk, version.pk])
    page, response = restore(client, url)
    if role in ("Editors", "superuser"):
        assert page.status_code == 200 and response.status_code == 302
        assert (
            not Article.objects.filter(headline="Since").exists() and not Person.objects.filter(name="Since").exists()
        )
    else:
        assert page.status_code == 403 and response.status_code == 403
        assert state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", HISTORIES, ids=lambda model: model._meta.label)
def test_a_deleted_object_saved_with_an_article_is_recovered_only_by_those_who_may_change_both(
    client, login, saved_together, role, model
):
    obj, _ = saved_together(model)
    pk = obj.pk
    model.objects.filter(pk=pk).delete()
    before = state()
    login(role)
    page, response = restore(client, recover_url(model, pk))
    if role in ("Editors", "superuser"):
        assert page.status_code == 200 and response.status_code == 302
        assert model.objects.filter(pk=pk).exists()
        assert (
            not Article.objects.filter(headline="Since").exists() and not Person.objects.filter(name="Since").exists()
        )
    else:
        assert page.status_code == 403 and response.status_code == 403
        assert state() == before and not model.objects.filter(pk=pk).exists()
