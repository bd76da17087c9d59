"""Merging duplicate people: one survivor with everything, the others' addresses redirecting to it,
recorded in the history, for roles allowed to change people only, with no correction asked."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import Correction, MonthlyQuoteCount, Quote, QuoteProposal
from people.merge import MergeRefused, merge_people
from people.models import Person, PersonRedirect
from tests.logins import force_login_verified
from tests.test_tallies import recounted, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client, django_user_model):
    def sign_in(role):
        if role == "superuser":
            user = django_user_model.objects.create_superuser(f"{role}-user", password=None)
        else:
            user = django_user_model.objects.create_user(f"{role}-user", is_staff=True)
            user.groups.add(Group.objects.get(name=role))
        return force_login_verified(client, user)

    return sign_in


@pytest.fixture
def twins(make):
    """Tom Dart twice (the second from an import), each quoted in a published article."""
    dart = make.person("Tom Dart", state="IL", slug="tom-dart", aliases="Thomas Dart")
    make.position(dart, title="Sheriff", organization="Cook County", state=make.state("IL"))
    twin = make.person("Tom Dart", state=None, party="", slug="tom-dart-2", wikidata_id="Q7815780", bio="Sheriff.")
    make.position(twin, title="Sheriff", organization="Cook County", state=make.state("IL"))  # the same office
    make.position(twin, title="Prosecutor", start=(1990, 1, 1), end=(1993, 1, 1))
    first, second = make.article(states=["IL"]), make.article(published_at=None, status="draft")
    make.quote(first, dart, "We will not hold them.", said_on=datetime.date(2011, 6, 6))
    make.quote(first, twin, "We will not hold them.", said_on=datetime.date(2011, 6, 6))  # attributed twice
    make.quote(first, twin, "The county cannot afford lawsuits.", said_on=datetime.date(2011, 7, 1))
    make.quote(second, twin, "A draft's words.")
    QuoteProposal.objects.create(article=second, text="x", speaker_name="Tom Dart", person=twin, start=0, end=1)
    return dart, twin, first


def merge_url(*people):
    return f"{reverse('admin:people_person_merge')}?{urlencode({'ids': ','.join(str(p.pk) for p in people)})}"


def post_merge(client, survivor, *people):
    ids = ",".join(str(p.pk) for p in people)
    return client.post(reverse("admin:people_person_merge"), {"ids": ids, "survivor": survivor.pk})


def test_merging_moves_quotes_positions_names_ids_and_proposals(twins):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    assert not Person.objects.filter(pk=twin.pk).exists()
    dart.refresh_from_db()
    # The words attributed to both are one quote now; the others are the survivor's.
    assert sorted(dart.quotes.values_list("text", flat=True)) == [
        "A draft's words.",
        "The county cannot afford lawsuits.",
        "We will not hold them.",
    ]
    assert sorted(dart.positions.values_list("title", flat=True)) == ["Prosecutor", "Sheriff"]
    assert dart.wikidata_id == "Q7815780" and dart.bio == "Sheriff." and dart.state_id == "IL"
    assert dart.alias_list == ["Thomas Dart"]  # the other's name is the survivor's already
    assert QuoteProposal.objects.get().person == dart


def test_the_tallies_are_right_after_a_merge(twins):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    assert stored() == recounted()
    dart.refresh_from_db()
    assert dart.published_quote_count == 2
    months = dict(MonthlyQuoteCount.objects.filter(person=dart).values_list("month", "count"))
    assert months == {datetime.date(2011, 6, 1): 1, datetime.date(2011, 7, 1): 1}


def test_a_merge_needs_no_correction_for_published_quotes(twins, login, client):
    dart, twin, first = twins
    login("Editors")
    response = post_merge(client, dart, dart, twin)
    assert response.status_code == 302
    assert response.url == reverse("admin:people_person_change", args=[dart.pk])
    assert not Correction.objects.exists()
    assert set(first.quotes.values_list("speaker", flat=True)) == {dart.pk}


def test_the_old_address_answers_301_to_the_survivor(twins, client):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    response = client.get("/people/tom-dart-2/")
    assert response.status_code == 301 and response.url == dart.get_absolute_url()
    assert client.get(response.url).status_code == 200
    assert client.get("/people/nobody-at-all/").status_code == 404


def test_merging_the_survivor_later_keeps_old_addresses_one_hop_away(twins, make, client):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    third = make.person("Thomas J. Dart", state="IL", slug="thomas-j-dart")
    make.quote(make.article(), third, "Another statement.")
    merge_people(third, [dart])
    for old in ("tom-dart", "tom-dart-2"):
        response = client.get(f"/people/{old}/")
        assert response.status_code == 301 and response.url == third.get_absolute_url()
    assert set(PersonRedirect.objects.values_list("old_slug", "person")) == {
        ("tom-dart", third.pk),
        ("tom-dart-2", third.pk),
    }


def test_the_survivors_cached_page_shows_the_merged_quotes(
    twins, client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_MEMO_SECONDS = 3600
    dart, twin, first = twins
    assert "The county cannot afford lawsuits." not in client.get(dart.get_absolute_url()).text
    assert client.get(twin.get_absolute_url()).status_code == 200
    assert "The county cannot afford lawsuits." in client.get(first.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        merge_people(dart, [twin])
    assert "The county cannot afford lawsuits." in client.get(dart.get_absolute_url()).text
    assert client.get(twin.get_absolute_url()).status_code == 301
    assert "tom-dart-2" not in client.get(first.get_absolute_url()).text


def test_different_external_ids_are_different_people(twins):
    dart, twin, _ = twins
    Person.objects.filter(pk=dart.pk).update(wikidata_id="Q1")
    with pytest.raises(MergeRefused, match="different people"):
        merge_people(dart, [twin])
    assert Person.objects.filter(pk=twin.pk).exists() and twin.quotes.count() == 3


def test_the_action_leads_to_a_confirmation_page_to_choose_the_survivor(twins, login, client):
    dart, twin, _ = twins
    login("Researchers")
    changelist = reverse("admin:people_person_changelist")
    response = client.post(changelist, {"action": "merge_selected", "_selected_action": [dart.pk, twin.pk]})
    assert response.status_code == 302 and response.url == merge_url(dart, twin)
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.text.count('name="survivor"') == 2 and "tom-dart-2" in page.text
    assert Person.objects.filter(name="Tom Dart").count() == 2  # nothing merged yet
    unchosen = client.post(reverse("admin:people_person_merge"), {"ids": f"{dart.pk},{twin.pk}"})
    assert unchosen.status_code == 200 and "Choose the person to keep." in unchosen.text
    assert post_merge(client, twin, dart, twin).status_code == 302
    assert list(Person.objects.filter(name="Tom Dart")) == [twin]


def test_one_person_or_junk_is_sent_back_to_the_list(twins, login, client):
    dart, twin, _ = twins
    login("Editors")
    changelist = reverse("admin:people_person_changelist")
    response = client.post(changelist, {"action": "merge_selected", "_selected_action": [dart.pk]})
    assert response.status_code == 302 and Person.objects.count() == 2
    for ids in ["", f"{dart.pk}", "1,x", "9" * 40, ",".join(["1"] * 50), f"{dart.pk},999999"]:
        response = client.get(reverse("admin:people_person_merge"), {"ids": ids})
        assert response.status_code == 302 and response.url == changelist, ids
    outsider = post_merge(client, Person.objects.create(name="Else", slug="else", sort_name="Else"), dart, twin)
    assert outsider.status_code == 200 and Person.objects.count() == 3


def test_the_history_records_the_merge_on_the_survivor(twins, login, client):
    dart, twin, _ = twins
    login("Editors")
    post_merge(client, dart, dart, twin)
    entry = LogEntry.objects.get(object_id=str(dart.pk), action_flag=CHANGE)
    assert "tom-dart-2" in entry.get_change_message()
    version = Version.objects.get_for_object(dart).get()
    assert "Tom Dart (tom-dart-2)" in version.revision.comment
    history = client.get(reverse("admin:people_person_history", args=[dart.pk]))
    assert "tom-dart-2" in history.text


@pytest.mark.parametrize("role", ["Reporters"])
def test_a_role_that_may_not_change_people_gets_no_action_and_403(twins, login, client, role):
    dart, twin, _ = twins
    login(role)
    changelist = reverse("admin:people_person_changelist")
    assert "merge_selected" not in client.get(changelist).text
    forged = client.post(changelist, {"action": "merge_selected", "_selected_action": [dart.pk, twin.pk]})
    assert forged.status_code in (200, 302)
    assert client.get(merge_url(dart, twin)).status_code == 403
    assert post_merge(client, dart, dart, twin).status_code == 403
    assert Person.objects.filter(name="Tom Dart").count() == 2 and twin.quotes.count() == 3


def test_a_merge_that_fails_midway_writes_nothing(twins):
    dart, twin, _ = twins

    def left_behind(**kwargs):
        raise RuntimeError("a receiver failed")

    from people import merge

    merge.merging.connect(left_behind, dispatch_uid="test-left-behind")
    try:
        with pytest.raises(RuntimeError):
            merge_people(dart, [twin])
    finally:
        merge.merging.disconnect(dispatch_uid="test-left-behind")
    assert Person.objects.filter(pk=twin.pk).exists() and not PersonRedirect.objects.exists()
    assert twin.positions.count() == 2 and Quote.objects.filter(speaker=twin).count() == 3


def test_a_new_person_does_not_take_over_a_merged_address(twins):
    from articles.importer import new_person

    dart, twin, _ = twins
    merge_people(dart, [twin])
    assert new_person("Tom Dart", title="Sheriff", state=dart.state).slug == "tom-dart-3"
    assert PersonRedirect.objects.get(old_slug="tom-dart-2").person == dart


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/people/tom-dart-2/", "/people/tom-dart/"),
        ("/people/tom-dart-2/?page=1", "/people/tom-dart/?page=1"),
        ("/feeds/people/tom-dart-2.rss", "/feeds/people/tom-dart.rss"),
        ("/feeds/people/tom-dart-2.atom", "/feeds/people/tom-dart.atom"),
        ("/api/v1/people/tom-dart-2/", "/api/v1/people/tom-dart/"),
        ("/api/v1/people/tom-dart-2.json", "/api/v1/people/tom-dart.json"),
        ("/api/v1/people/tom-dart-2/?format=json", "/api/v1/people/tom-dart/?format=json"),
    ],
)
def test_every_address_of_a_merged_person_answers_301_to_the_survivors_same_address(twins, client, old, new):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    response = client.get(old)
    assert response.status_code == 301 and response.url == new
    assert client.get(new).status_code == 200  # one hop


@pytest.mark.parametrize(
    "address",
    ["/people/nobody/", "/feeds/people/nobody.rss", "/feeds/people/nobody.atom", "/api/v1/people/nobody/"],
)
def test_an_address_of_no_one_is_still_404(twins, client, address):
    dart, twin, _ = twins
    merge_people(dart, [twin])
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    ("path", "shows"),
    [
        ("/articles/", "headline"),
        ("/quotes/", "text"),
        ("/quotes/export.json", "text"),
        ("/api/v1/quotes/", "text"),
        ("/api/v1/articles/", "slug"),
    ],
)
def test_a_merged_persons_old_slug_in_a_filter_means_the_survivor(twins, client, path, shows):
    dart, twin, first = twins
    merge_people(dart, [twin])
    expected = {"headline": first.headline, "slug": first.slug, "text": "The county cannot afford lawsuits."}[shows]
    response = client.get(f"{path}?person=tom-dart-2")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and expected in body.decode()
    assert client.get(f"{path}?person=tom-dart-3").status_code == 400  # no one's slug: still refused


def test_a_duplicate_with_no_quotes_merges(twins, make, login, client):
    """Added by hand (the admin's "Add person"), never quoted: nothing of its own to move but a name."""
    dart, _, _ = twins
    spare = make.person("Thomas Dart", state=None, slug="thomas-dart")
    login("Researchers")
    response = post_merge(client, dart, dart, spare)
    assert response.status_code == 302
    assert not Person.objects.filter(pk=spare.pk).exists()
    dart.refresh_from_db()
    assert "Thomas Dart" in dart.alias_list
    assert client.get("/people/thomas-dart/").url == dart.get_absolute_url()
