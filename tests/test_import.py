"""Importing an article from text: a draft with proposed quotes that an editor confirms."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import Article, Quote, QuoteProposal
from people.models import Person
from tests.logins import force_login_verified

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "secure-communities-body.txt"
SEED_HEADER = (
    "Massachusetts Governor Deval Patrick Refuses to Sign onto S-Comm (Boston Herald)\n\n"
    "Gov. Deval Patrick refuses to sign immigration program\nBy Hillary Chabot\nMonday, June 6, 2011\n\n"
)


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SEED_HEADER + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def import_file(path, **options):
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out, **options)
    return out.getvalue()


def test_import_creates_a_draft_with_its_metadata_and_proposals(seed_file):
    output = import_file(seed_file)
    article = Article.objects.get()
    assert article.status == "draft"
    assert article.headline == "Gov. Deval Patrick refuses to sign immigration program"
    assert article.dek == "Massachusetts Governor Deval Patrick Refuses to Sign onto S-Comm"
    assert article.outlet.name == "Boston Herald"
    assert [b.author.name for b in article.bylines.all()] == ["Hillary Chabot"]
    assert article.published_at.date().isoformat() == "2011-06-06"
    assert article.body_text == SAMPLE.read_text(encoding="utf-8").strip()
    assert article.proposals.count() == 7 and not Quote.objects.exists()
    assert "7 proposed quotes" in output and "/proposals/" in output


def test_importing_the_sample_yields_what_load_demo_loads(seed_file, editor_client):
    call_command("load_demo", stdout=io.StringIO())
    demo = Article.objects.get()
    expected = {(q.speaker.name, q.text, q.kind) for q in demo.quotes.select_related("speaker")}
    demo.delete()  # the import makes the same article again
    people_before = Person.objects.count()

    import_file(seed_file)
    article = Article.objects.get()
    assert article.slug == demo.slug
    proposals = list(article.proposals.all())
    # Everyone quoted is known already: nobody is proposed as new.
    assert all(p.person_id for p in proposals)
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    page = editor_client.get(url)
    assert page.status_code == 200 and "Mary Beth Heffernan" in page.text
    data = review_data(proposals)
    assert editor_client.post(url, data).status_code == 302
    got = {(q.speaker.name, q.text, q.kind) for q in article.quotes.select_related("speaker")}
    assert got == expected
    assert Person.objects.count() == people_before
    assert set(article.proposals.values_list("decision", flat=True)) == {"accepted"}


def test_unknown_speakers_are_proposed_as_new_people(seed_file, editor_client):
    import_file(seed_file)
    article = Article.objects.get()
    proposal = article.proposals.get(text="he would sign onto the program")
    assert proposal.person is None and proposal.speaker_name == "Deval Patrick"
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    proposals = list(article.proposals.all())
    data = review_data(proposals)
    for index, p in enumerate(proposals):
        data[f"form-{index}-decision"] = "accepted" if p.pk == proposal.pk else "rejected"
    assert editor_client.post(url, data).status_code == 302
    quote = article.quotes.get()
    assert quote.speaker.name == "Deval Patrick" and quote.speaker.sort_name == "Patrick, Deval"
    assert article.proposals.filter(decision="rejected").count() == 6


def test_the_editor_corrects_a_proposal_before_accepting(seed_file, editor_client, make):
    import_file(seed_file)
    article = Article.objects.get()
    person = make.person("Deval Patrick")
    proposals = list(article.proposals.all())
    data = review_data(proposals, **{f"form-{i}-decision": "pending" for i in range(1, len(proposals))})
    data |= {"form-0-text": "The Governor and I are dubious", "form-0-person": person.pk}
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    assert editor_client.post(url, data).status_code == 302
    assert article.quotes.get().text == "The Governor and I are dubious"
    assert article.proposals.filter(decision="pending").count() == 6  # still on the review screen


def test_proposals_never_appear_publicly(seed_file, client):
    import_file(seed_file)
    article = Article.objects.get()
    article.status = "published"
    article.save()
    html = client.get(article.get_absolute_url()).text
    assert "racial profiling" in html  # the body is published
    assert "Quotes in this article" not in html  # the proposals are not quotes
    assert "Heffernan" not in client.get("/people/").text


def test_a_plain_body_needs_its_headline(tmp_path):
    path = tmp_path / "body.txt"
    path.write_text("“We are ready,” said Mayor Jane Doe.\n\nMore text.", encoding="utf-8")
    with pytest.raises(CommandError, match="No headline"):
        import_file(path)
    import_file(path, headline="Mayor is ready", outlet="Springfield Daily", author="A. Writer", date="2024-03-01")
    article = Article.objects.get()
    assert (article.headline, article.outlet.name, str(article.published_at.date())) == (
        "Mayor is ready",
        "Springfield Daily",
        "2024-03-01",
    )
    assert article.proposals.get().speaker_name == "Jane Doe"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xfa not utf8", "not UTF-8"),
        (b"x" * 1_000_001, "limit is 1,000,000"),
        (b"Title (Outlet)\n\nHeadline\nBy Someone\nSometime in spring\n\nBody.", "Unreadable date"),
        ("Title (Outlet)\n\nHeadline\nBy Someone\nJune 6, 2011\n\n“Never closed, he said.".encode(), "Unbalanced"),
        ("Title (Outlet)\n\nHeadline\nBy Someone\nJune 6, 2011\n\nClosed” without opening.".encode(), "Unbalanced"),
        (b'Title (Outlet)\n\nHeadline\nBy Someone\nJune 6, 2011\n\nOdd " straight quote.', "Unbalanced"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        import_file(path, headline="A headline")
    assert not Article.objects.exists() and not QuoteProposal.objects.exists()


def test_a_quote_continued_across_paragraphs_is_balanced(tmp_path):
    path = tmp_path / "continued.txt"
    body = "“First paragraph of the quote.\n\n“Second paragraph ends it,” she said.\n\nDone."
    path.write_text(body, encoding="utf-8")
    import_file(path, headline="Continued")
    assert Article.objects.count() == 1


def test_admin_import_page_accepts_pasted_text(editor_client, seed_file):
    url = reverse("admin:articles_article_import")
    assert editor_client.get(url).status_code == 200
    assert "Import article from text" in editor_client.get(reverse("admin:articles_article_changelist")).text
    response = editor_client.post(url, {"text": seed_file.read_text(encoding="utf-8")})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/proposals/")
    assert article.created_by.username == "editor"


def test_admin_import_page_shows_errors_and_writes_nothing(editor_client):
    url = reverse("admin:articles_article_import")
    response = editor_client.post(url, {"text": "“Unclosed quote, he said.", "headline": "Bad"})
    assert response.status_code == 200 and "Unbalanced quotation marks" in response.text
    response = editor_client.post(url, {"text": "Just a body."})
    assert "No headline" in response.text
    assert not Article.objects.exists()


def test_an_import_that_reads_too_long_is_refused_with_a_form_error_and_writes_nothing(
    editor_client, seed_file, monkeypatch
):
    from articles import importer

    monkeypatch.setattr(importer, "EXTRACTION_SECONDS", 0)  # as if the text took past the budget
    response = editor_client.post(
        reverse("admin:articles_article_import"), {"text": seed_file.read_text(encoding="utf-8")}
    )
    assert response.status_code == 200 and "took over 0 seconds, so it was stopped" in response.text
    assert not Article.objects.exists() and not QuoteProposal.objects.exists()


def test_researchers_cannot_import(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("researcher", is_staff=True)
    user.groups.add(Group.objects.get(name="Researchers"))
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_import")).status_code == 403


@pytest.fixture
def editor_client(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("editor", password="x" * 20))
    return client


def review_data(proposals, **overrides):
    data = {"form-TOTAL_FORMS": str(len(proposals)), "form-INITIAL_FORMS": str(len(proposals))}
    for index, p in enumerate(proposals):
        data |= {
            f"form-{index}-proposal": p.pk,
            f"form-{index}-decision": "accepted",
            f"form-{index}-text": p.text,
            f"form-{index}-kind": p.kind,
            f"form-{index}-context": p.context,
            f"form-{index}-said_on": p.said_on.isoformat() if p.said_on else "",
            f"form-{index}-said_on_precision": p.said_on_precision,
            f"form-{index}-person": p.person_id or "",
            f"form-{index}-speaker_name": "" if p.person_id else p.speaker_name,
            f"form-{index}-title": p.title,
            f"form-{index}-organization": p.organization,
            f"form-{index}-state": p.state_id or "",
            f"form-{index}-party": p.party,
        }
    return data | overrides


def test_a_stale_or_repeated_review_applies_each_decision_once(seed_file, editor_client):
    call_command("load_demo", stdout=io.StringIO())
    Article.objects.all().delete()
    import_file(seed_file)
    article = Article.objects.get()
    proposals = list(article.proposals.all())
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    data = review_data(proposals)
    assert editor_client.post(url, data).status_code == 302
    assert editor_client.post(url, data).status_code == 302  # submitted twice: nothing more happens
    assert article.quotes.count() == 7
    short = review_data(proposals, **{"form-TOTAL_FORMS": "3"})  # a stale form with fewer rows
    assert editor_client.post(url, short).status_code == 302


def test_junk_on_a_proposal_decided_in_another_tab_is_said_not_hidden(seed_file, editor_client):
    """A proposal decided meanwhile isn't on the re-shown page: its field's error was invisible, the page
    came back as it was, and every later submission of it again."""
    call_command("load_demo", stdout=io.StringIO())
    Article.objects.all().delete()
    import_file(seed_file)
    article = Article.objects.get()
    proposals = list(article.proposals.order_by("pk"))
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    first_tab = review_data(proposals, **{"form-0-said_on_precision": "fortnight"})
    assert editor_client.post(url, review_data(proposals[:1])).status_code == 302  # the other tab
    response = editor_client.post(url, first_tab, follow=True)
    assert "1 proposed quote on this page was decided meanwhile" in response.text
    assert article.quotes.count() == len(proposals)
    assert not article.proposals.filter(decision=QuoteProposal.Decision.PENDING).exists()


def test_a_proposal_lengthened_past_any_quote_is_a_form_error_and_nothing_is_decided(seed_file, editor_client):
    import_file(seed_file)
    article = Article.objects.get()
    proposals = list(article.proposals.order_by("pk"))
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    response = editor_client.post(url, review_data(proposals, **{"form-0-text": "word " * 2_001}))
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters (it has 10004)." in response.text
    assert not article.quotes.exists()
    assert not article.proposals.exclude(decision=QuoteProposal.Decision.PENDING).exists()


def test_a_review_row_naming_no_proposal_is_left_out_when_the_page_is_shown_again(seed_file, editor_client):
    """A posted proposal key that isn't a number ("abc") answered 500 when the page came back with another
    row's error: the rows to show were looked up by int() of the raw value."""
    import_file(seed_file)
    article = Article.objects.get()
    proposals = list(article.proposals.order_by("pk"))
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    data = review_data(proposals, **{"form-0-proposal": "abc", "form-1-said_on_precision": "fortnight"})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice. fortnight is not one of the available choices." in response.text
    assert not article.quotes.exists()


def test_reporters_pick_speakers_from_the_directory(seed_file, client, django_user_model):
    from django.contrib.auth.models import Group

    reporter = django_user_model.objects.create_user("reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    import_file(seed_file)
    article = Article.objects.get()
    article.created_by = reporter
    article.save()
    proposals = list(article.proposals.all())  # nobody known: every speaker would be new
    response = client.post(reverse("admin:articles_article_proposals", args=[article.pk]), review_data(proposals))
    assert response.status_code == 200 and "only researchers and editors add people" in response.text
    assert not Person.objects.exists() and not article.quotes.exists()


def test_reporters_import_only_into_the_directory_as_it_is(client, django_user_model, seed_file):
    from django.contrib.auth.models import Group

    reporter = django_user_model.objects.create_user("reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_article_import"), {"text": seed_file.read_text(encoding="utf-8")})
    assert response.status_code == 200 and "is not in the directory yet" in response.text
    assert not Article.objects.exists()


def test_overlong_metadata_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Body with no quotes.", encoding="utf-8")
    with pytest.raises(CommandError, match="the limit is 200"):
        import_file(path, headline="Fine", author="X" * 250)
    assert not Article.objects.exists()


def test_a_title_line_longer_than_any_dek_is_refused_and_writes_nothing(tmp_path):
    path = tmp_path / "long-title.txt"
    title = "A title line pasted with a whole story in it " * 30
    path.write_text(f"{title}(Outlet)\n\nHeadline\nBy Someone\nJune 6, 2011\n\nBody.", encoding="utf-8")
    with pytest.raises(
        CommandError, match="The dek \\(the title line\\) is 1,349 characters long; the limit is 1,000"
    ):
        import_file(path)
    assert not Article.objects.exists()


def test_a_text_with_more_quotes_than_any_article_is_refused_and_writes_nothing(seed_file, monkeypatch):
    monkeypatch.setattr("articles.importer.MAX_PROPOSALS", 6)  # the sample story holds 7
    with pytest.raises(CommandError, match="holds 7 quotes; one import proposes at most 6"):
        import_file(seed_file)
    assert not Article.objects.exists() and not QuoteProposal.objects.exists()


def test_a_long_import_is_reviewed_a_batch_at_a_time(seed_file, editor_client, monkeypatch):
    monkeypatch.setattr("articles.admin.REVIEW_BATCH", 3)
    import_file(seed_file)
    article = Article.objects.get()
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    for shown, waiting in [(3, 7), (3, 4), (1, 1)]:
        page = editor_client.get(url)
        rows = page.context["rows"]
        assert len(rows) == shown and page.context["waiting"] == waiting
        assert (f"The first 3 of {waiting} proposed quotes waiting" in page.text) == (waiting > 3)
        response = editor_client.post(url, review_data([proposal for proposal, *_ in rows]))
        assert response.status_code == 302
    # Each batch led to the next; the last one back to the article.
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.quotes.count() == 7 and not article.proposals.filter(decision="pending").exists()
