"""Provenance of quotes (issue 18): a verification status, who set it and when, the evidence it was
checked against, and the newsroom's rating published as schema.org ClaimReview."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from reversion.models import Version

from articles.models import Evidence, Quote
from newsroom.settings import envscale
from tests.adminforms import change_form_data
from tests.logins import force_login_verified
from tests.schemaorg import assert_valid_schemaorg

pytestmark = pytest.mark.django_db

STORY = "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def staff(django_user_model):
    def create(role):
        user = django_user_model.objects.create_user(role.lower(), password="x" * 20, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def body(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode()


def quote_form(client, quote, **changes):
    """The quote's admin change form as rendered, with `changes` (evidence rows as evidence-N-field)."""
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, change_form_data(page) | changes


# -- The sample story ------------------------------------------------------------------------------


def test_the_demo_verifies_heffernans_letter_against_the_letter(client, demo):
    quotes = Quote.objects.select_related("speaker").prefetch_related("evidence")
    heffernan = [q for q in quotes if q.speaker.slug == "mary-beth-heffernan"]
    others = [q for q in quotes if q.speaker.slug != "mary-beth-heffernan"]
    assert len(heffernan) == 3 and {q.verification for q in heffernan} == {"verified"}
    assert all(q.verified_at is not None for q in heffernan)
    assert {q.verification for q in others} == {"unverified"}
    for quote in heffernan:
        (letter,) = quote.evidence.all()
        assert letter.kind == "document" and letter.title.startswith("Letter from Secretary")
        assert letter.url == ""  # the story gives no address for it; the note says so
        assert "no public address" in letter.note

    page = client.get(heffernan[0].get_absolute_url()).text
    assert "Verified</strong> against the source below" in page
    assert "Document:</span>" in page and "Letter from Secretary of Public Safety and Security" in page

    article = client.get(STORY).text
    quotes_section = article[article.index('id="quotes-heading"') :]
    assert quotes_section.count("verification-verified") == 3
    assert quotes_section.count("Letter from Secretary of Public Safety and Security") == 3


def test_loading_the_demo_twice_changes_no_evidence(demo):
    before = list(Evidence.objects.values_list("pk", "title", "quote"))
    verified_at = list(Quote.objects.values_list("verified_at", flat=True))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert list(Evidence.objects.values_list("pk", "title", "quote")) == before
    assert list(Quote.objects.values_list("verified_at", flat=True)) == verified_at


# -- Readers: the quote page, the article, the lists -----------------------------------------------


def test_the_quote_page_shows_status_note_evidence_with_offsets_and_rating(client, make):
    quote = make.quote(
        make.article("Hearing"),
        make.person("Pat Quinn"),
        verification="disputed",
        verification_note="The governor’s office says he said “some”, not “many”.",
        rating="half-true",
    )
    make.evidence(
        quote, kind="recording", title="Press conference video", url="https://example.org/v.mp4", offset=3725
    )
    make.evidence(quote, kind="transcript", title="Official transcript", url="", note="Page 4, held by the newsroom")
    page = client.get(quote.get_absolute_url()).text
    assert '<strong class="verification-disputed">Disputed</strong>,' in page
    assert "The governor’s office says he said “some”, not “many”." in page
    assert 'href="https://example.org/v.mp4#t=3725"' in page and '<time datetime="PT3725S">1:02:05</time>' in page
    assert "Official transcript. <span" in page and "Page 4, held by the newsroom" in page
    assert "Rated: Half true" in page and "<h3>Our rating</h3>" in page
    assert "True, Mostly true, Half true, Mostly false, False (best to worst)" in page


def test_an_unchecked_quote_says_so_and_shows_no_badge(client, make):
    quote = make.quote(make.article(), make.person())
    page = client.get(quote.get_absolute_url()).text
    assert "Not yet checked against a recording, transcript or document." in page
    assert "verification-unverified" not in page and "Rated:" not in page
    assert "ClaimReview" not in page


def test_the_quote_list_filters_by_status_and_refuses_unknown_ones(client, make):
    article = make.article()
    verified = make.quote(article, make.person("Checked Person"), text="checked words", verification="verified")
    make.evidence(verified)
    make.quote(article, make.person("Disputed Person"), text="disputed words", verification="disputed")
    make.quote(article, make.person("Plain Person"), text="plain words")
    listed = client.get("/quotes/", {"verification": "verified"})
    assert listed.status_code == 200
    assert "checked words" in listed.text and "disputed words" not in listed.text and "plain words" not in listed.text
    assert "Verified</span>" in listed.text  # the badge beside the quote
    unverified = client.get("/quotes/", {"verification": "unverified"}).text
    assert "plain words" in unverified and "checked words" not in unverified
    refused = client.get("/quotes/", {"verification": "true-ish"})
    assert refused.status_code == 400 and "Select a valid choice" in refused.text
    assert client.get("/quotes/export.csv", {"verification": "nope"}).status_code == 400
    assert client.get("/api/v1/quotes/", {"verification": "nope"}).status_code == 400


# -- The API and the exports -----------------------------------------------------------------------


def test_the_api_and_the_exports_carry_status_rating_and_evidence(client, make):
    quote = make.quote(make.article(), make.person(), text="rated words", verification="verified", rating="false")
    make.evidence(quote, kind="recording", title="Floor speech", url="https://example.org/a.mp3", offset=90)
    data = client.get(f"/api/v1/quotes/{quote.pk}/").json()
    assert data["verification"] == "verified" and data["verified_at"]
    assert (data["rating"], data["rating_label"]) == ("false", "False")
    assert data["evidence"] == [
        {"kind": "recording", "title": "Floor speech", "url": "https://example.org/a.mp3", "offset": 90, "note": ""}
    ]
    assert "verified_by" not in data  # staff accounts aren't published

    (row,) = json.loads(body(client.get("/quotes/export.json", {"verification": "verified"})))
    assert row["verification"] == "verified" and row["rating_label"] == "False"
    assert row["evidence"][0]["offset"] == 90
    (line,) = csv.DictReader(io.StringIO(body(client.get("/quotes/export.csv"))))
    assert line["verification"] == "verified" and line["rating"] == "false"
    assert line["evidence"] == "recording: Floor speech <https://example.org/a.mp3> at 90 s"


# -- Structured data -------------------------------------------------------------------------------


def test_a_rated_quote_publishes_a_claim_review_beside_its_quotation(client, make):
    article = make.article("Budget debate", outlet=make.outlet("Daily Planet"))
    quote = make.quote(article, make.person("Lex Luthor"), text="Taxes fell every year.", rating="mostly-false")
    data = json_ld(client.get(quote.get_absolute_url()).text)
    assert_valid_schemaorg(data)
    quotation, review = data["@graph"]
    assert quotation["@type"] == "Quotation" and quotation["text"] == "Taxes fell every year."
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Taxes fell every year."
    assert review["url"] == "http://testserver" + quote.get_absolute_url()
    assert review["author"] == {"@type": "Organization", "name": "Newsroom", "url": "http://testserver/"}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] == "Lex Luthor"
    assert claim["appearance"]["url"] == "http://testserver" + article.get_absolute_url()
    assert claim["appearance"]["headline"] == "Budget debate"


def test_the_rating_scale_and_the_organisation_are_the_newsrooms(client, make, settings):
    settings.NEWSROOM_RATING_SCALE = [("correct", "Correct"), ("misleading", "Misleading"), ("wrong", "Wrong")]
    settings.NEWSROOM_ORGANIZATION_NAME = "The Checkers"
    quote = make.quote(make.article(), make.person(), rating="misleading")
    (review,) = [
        node for node in json_ld(client.get(quote.get_absolute_url()).text)["@graph"] if "reviewRating" in node
    ]
    assert review["author"]["name"] == "The Checkers"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Misleading",
    }
    # A value since taken off the scale is published as no review at all, never as a wrong one.
    settings.NEWSROOM_RATING_SCALE = [("correct", "Correct"), ("wrong", "Wrong")]
    assert "ClaimReview" not in client.get(quote.get_absolute_url()).text


def test_the_article_and_quote_pages_json_ld_validates_against_schemaorg(client, demo, make):
    quote = Quote.objects.filter(verification="verified").first()
    Quote.objects.filter(pk=quote.pk).update(rating="true", rated_at=quote.verified_at)
    for url in [STORY, quote.get_absolute_url(), "/people/mary-beth-heffernan/"]:
        assert_valid_schemaorg(json_ld(client.get(url).text))
    quotation = json_ld(client.get(quote.get_absolute_url()).text)["@graph"][0]
    assert quotation["citation"][0]["@type"] == "DigitalDocument"
    assert quotation["citation"][0]["name"].startswith("Letter from Secretary")


def test_the_validator_rejects_what_schemaorg_does_not_define():
    with pytest.raises(AssertionError, match="ratingScore"):
        assert_valid_schemaorg({"@type": "Rating", "ratingScore": 3})
    with pytest.raises(AssertionError, match="NoSuchType"):
        assert_valid_schemaorg({"@type": "NoSuchType"})
    with pytest.raises(AssertionError, match="appearance"):
        assert_valid_schemaorg({"@type": "Claim", "appearance": {"@type": "Person", "name": "x"}})


def test_a_bad_rating_scale_is_refused_at_start_up(monkeypatch):
    for bad in ["not json", "[]", '[["true", "True"]]', '[["a", "A"], ["a", "B"]]', '[["A b", "x"], ["c", "d"]]']:
        monkeypatch.setenv("NEWSROOM_RATING_SCALE", bad)
        with pytest.raises(ImproperlyConfigured):
            envscale("NEWSROOM_RATING_SCALE", [])
    monkeypatch.setenv("NEWSROOM_RATING_SCALE", '[["yes", "Yes"], ["no", "No"]]')
    assert envscale("NEWSROOM_RATING_SCALE", []) == [("yes", "Yes"), ("no", "No")]


# -- The rules, whatever writes the rows -----------------------------------------------------------


def test_evidence_rules_hold_in_forms_and_in_the_database(make):
    quote = make.quote(make.article(), make.person())
    offset_on_a_document = Evidence(quote=quote, kind="document", title="Letter", url="https://example.org", offset=5)
    with pytest.raises(ValidationError) as error:
        offset_on_a_document.full_clean()
    assert "offset" in error.value.message_dict
    script = Evidence(quote=quote, kind="recording", title="Clip", url="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        script.full_clean()
    assert "url" in error.value.message_dict
    nowhere = Evidence(quote=quote, kind="document", title="Letter", url="")
    with pytest.raises(ValidationError) as error:
        nowhere.full_clean()
    assert "note" in error.value.message_dict
    for fields in [
        {"kind": "document", "url": "https://example.org", "offset": 5},
        {"kind": "recording", "url": "javascript:alert(1)"},
        {"kind": "document", "url": ""},
        {"kind": "podcast", "url": "https://example.org"},
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Evidence.objects.create(quote=quote, title="Source", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(verification="verified")  # undated
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(verification="probably")


def test_setting_a_quote_back_to_unverified_clears_who_and_when(make, django_user_model):
    quote = make.quote(make.article(), make.person(), verification="misattributed", rating="false")
    quote.verified_by = django_user_model.objects.create_user("checker")
    quote.save()
    assert quote.verified_at and quote.rated_at
    quote.verification, quote.rating = "unverified", ""
    quote.save()
    quote.refresh_from_db()
    assert (quote.verified_by, quote.verified_at, quote.rated_at) == (None, None, None)


# -- Editors in the admin --------------------------------------------------------------------------


def test_an_editor_verifies_a_quote_with_evidence_recorded_in_its_history(client, make, staff):
    editor = staff("Editors")
    force_login_verified(client, editor)
    quote = make.quote(make.article("Published story"), make.person(), text="the words")
    url, data = quote_form(client, quote, verification="verified", rating="mostly-true")
    refused = client.post(url, data)
    assert refused.status_code == 200 and "needs at least one piece of evidence" in refused.text
    quote.refresh_from_db()
    assert quote.verification == "unverified"

    data |= {
        "evidence-0-kind": "recording",
        "evidence-0-title": "Speech video",
        "evidence-0-url": "https://example.org/speech",
        "evidence-0-offset": "42",
    }
    assert client.post(url, data).status_code == 302
    quote.refresh_from_db()
    assert (quote.verification, quote.verified_by, quote.rating) == ("verified", editor, "mostly-true")
    assert quote.verified_at and quote.rated_at
    assert list(quote.evidence.values_list("title", "offset")) == [("Speech video", 42)]

    # The history has the change, who made it, and the evidence with it.
    version = Version.objects.get_for_object(quote).first()
    assert version.revision.user == editor and version.field_dict["verification"] == "verified"
    in_revision = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"quote", "evidence"} <= in_revision
    history = client.get(reverse("admin:articles_quote_history", args=[quote.pk]))
    assert history.status_code == 200 and "editors" in history.text


def test_the_admin_refuses_offsets_off_recordings_and_addresses_that_are_not_web(client, make, staff):
    force_login_verified(client, staff("Editors"))
    quote = make.quote(make.article(), make.person())
    url, data = quote_form(
        client,
        quote,
        verification="disputed",
        **{
            "evidence-0-kind": "document",
            "evidence-0-title": "Letter",
            "evidence-0-url": "ftp://example.org/letter",
            "evidence-0-offset": "12",
        },
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    errors = refused.context["inline_admin_formsets"][0].formset.errors[0]
    assert "offset" in errors and "url" in errors
    assert not Evidence.objects.exists() and Quote.objects.get(pk=quote.pk).verification == "unverified"


def test_removing_the_last_evidence_of_a_verified_quote_is_refused(client, make, staff):
    force_login_verified(client, staff("Editors"))
    quote = make.quote(make.article(), make.person(), verification="verified")
    make.evidence(quote)
    url, data = quote_form(client, quote, **{"evidence-0-DELETE": "on"})
    refused = client.post(url, data)
    assert refused.status_code == 200 and "needs at least one piece of evidence" in refused.text
    assert quote.evidence.count() == 1


def test_reporters_see_but_cannot_set_verification_nor_evidence(client, make, staff):
    reporter = staff("Reporters")
    force_login_verified(client, reporter)
    draft = make.article("Reporter's draft", status="draft")
    draft.created_by = reporter
    draft.save()
    quote = make.quote(draft, make.person(), text="draft words", verification="disputed")
    make.evidence(quote, title="The editors' source")
    page = client.get(reverse("admin:articles_quote_change", args=[quote.pk]))
    assert page.status_code == 200 and "The editors&#x27; source" in page.text  # shown, read-only
    form = page.context["adminform"].form
    assert "verification" not in form.fields and "rating" not in form.fields
    evidence = page.context["inline_admin_formsets"][0]
    assert len(evidence.formset.forms) == 1 and not evidence.has_add_permission  # nothing to add
    assert not evidence.has_change_permission and not evidence.has_delete_permission
    # Forged fields are ignored: the status and the evidence stay as they were.
    data = change_form_data(page) | {
        "verification": "verified",
        "rating": "true",
        "text": "draft words, edited",
        "evidence-0-title": "Forged",
        "evidence-0-DELETE": "on",
    }
    assert client.post(reverse("admin:articles_quote_change", args=[quote.pk]), data).status_code == 302
    quote.refresh_from_db()
    assert (quote.text, quote.verification, quote.rating) == ("draft words, edited", "disputed", "")
    assert list(quote.evidence.values_list("title", flat=True)) == ["The editors' source"]


def test_a_reporter_restoring_an_earlier_version_keeps_the_editors_verification_and_evidence(client, make, staff):
    import reversion

    reporter, editor = staff("Reporters"), staff("Editors")
    draft = make.article("Reporter's draft", status="draft")
    draft.created_by = reporter
    draft.save()
    with reversion.create_revision():
        quote = make.quote(draft, make.person(), text="first words")
    with reversion.create_revision():  # an editor verifies it against a recording
        quote.verification, quote.verified_by = "verified", editor
        quote.save()
        make.evidence(quote, title="The recording")
    with reversion.create_revision():  # then finds the recording says otherwise
        quote.verification, quote.verified_by = "disputed", editor
        quote.save()
    verified = Version.objects.get_for_object(quote).order_by("pk")[1]
    force_login_verified(client, reporter)
    url = reverse("admin:articles_quote_revision", args=[quote.pk, verified.pk])
    assert client.get(url).status_code == 403  # refused before anything is reverted
    assert client.post(url, quote_form(client, quote)[1] | {"verification": "verified"}).status_code == 403
    quote.refresh_from_db()
    assert quote.verification == "disputed"
    assert list(quote.evidence.values_list("title", flat=True)) == ["The recording"]
