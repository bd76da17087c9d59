"""The article body as sanitised HTML: what it may hold, its plain text, and quotes marked in it."""

import importlib
import io
import json
import re
from types import SimpleNamespace

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from articles import richtext
from articles.models import Article, Quote
from tests.adminforms import change_form_data
from tests.logins import force_login_verified

# What an editor might paste or an attacker type: each must leave no script, style, event
# handler or javascript: link, stored or rendered.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" JaVaScRiPt:alert(1)">click</a>',
    '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
    "<style>body{display:none}</style>",
    '<q data-quote="1 onmouseover=alert(1)">q</q>',
    '<q data-quote="1" onmouseover="alert(1)">q</q>',
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    "<!--<script>alert(1)</script>-->",
    '<object data="javascript:alert(1)"></object><embed src=x>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    # Pasted from a word processor: its spans, classes and styles go, its words and emphasis stay.
    '<div class="MsoNormal" style="color:red"><span style="font-weight:bold" onmouseover="x()">Pasted</span>'
    ' <b>bold</b> <meta charset="x"><link rel=stylesheet href=//evil.example/x.css></div>',
]
# The page adds these to a marked quote (articles/rendering.py); links to its own permalinks.
RENDERED_ATTRIBUTES = {"class", "cite", "id"}


def assert_inert(html):
    """Every tag in `html` is an allowed one, with allowed attributes, links only to the web, mail
    or this site: text that looks like markup is escaped text."""
    assert not re.search(r"<\s*/?\s*(script|style|iframe|img|svg|object|embed|form|math|meta|link)", html, re.I)
    for token in richtext.tokens(html):
        if token[0] == "start":
            tag, attrs = token[1], token[2]
            assert tag in richtext.ALLOWED_TAGS | {"span"}, html
            for name, value in attrs.items():
                assert name in {"href", "rel", "data-quote"} | RENDERED_ATTRIBUTES, html
                if name in {"href", "cite"}:
                    assert re.match(r"(https?://|mailto:|/[^/\\])", value), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_clean_leaves_nothing_that_runs(payload):
    cleaned = richtext.clean(f"<p>Before {payload} after</p>")
    assert_inert(cleaned)
    assert richtext.clean(cleaned) == cleaned  # cleaning again changes nothing


def test_clean_keeps_the_allowed_markup():
    body = (
        '<h2>Sub</h2><h3>Subsub</h3><p><a href="https://example.com/">web</a> <a href="mailto:a@example.com">mail'
        "</a> <strong>s</strong> <b>b</b> <em>e</em> <i>i</i><br>line</p><ul><li>one</li></ul><ol><li>two</li></ol>"
        '<blockquote><p>block</p></blockquote><p><q data-quote="12">words</q></p>'
    )
    cleaned = richtext.clean(body)
    for kept in ["<h2>", "<h3>", 'href="https://example.com/"', 'href="mailto:a@example.com"', "<strong>", "<b>"]:
        assert kept in cleaned
    for kept in ["<em>", "<i>", "<br>", "<ul><li>one</li></ul>", "<ol>", "<blockquote>", '<q data-quote="12">']:
        assert kept in cleaned


@pytest.mark.parametrize("href", ["/relative", "//evil.example/", "ftp://x.org/", "file:///etc/passwd"])
def test_links_go_only_to_the_web_or_mail(href):
    assert "href" not in richtext.clean(f'<a href="{href}">x</a>')


def test_a_quote_mark_names_a_quote_by_digits_only():
    assert richtext.clean('<q data-quote="12">a</q>') == '<q data-quote="12">a</q>'
    assert richtext.clean('<q data-quote="12a">a</q>') == "<q>a</q>"
    assert richtext.clean('<q data-quote="-1">a</q>') == "<q>a</q>"


def test_plain_text_paragraphs_become_html_and_back_unchanged():
    text = "He said “a < b & c”.\n\n<script>alert(1)</script> as typed.\nA line.\n\nLast."
    body = richtext.from_plain(text)
    assert body == (
        "<p>He said “a &lt; b &amp; c”.</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; as typed.\nA line.</p>\n"
        "<p>Last.</p>"
    )
    assert richtext.clean(body) == body
    assert richtext.plain_text(body) == text


def test_plain_text_has_no_markup_and_separates_blocks():
    body = '<h2>Sub</h2><p>One <a href="https://x.org/">link</a> &amp; <q data-quote="3">mark</q>.</p>'
    body += "<ul><li>a</li><li>b</li></ul>"
    assert richtext.plain_text(body) == "Sub\n\nOne link & mark.\n\na\n\nb"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_saving_an_article_cleans_its_body(make, payload):
    article = make.article("Story", body=f"<p>Words {payload}</p>")
    article.refresh_from_db()
    assert_inert(article.body)
    assert "<" not in article.body_text and article.body_text.startswith("Words")


def test_a_restored_version_is_cleaned_too(make):
    article = make.article("Story", body="<p>Clean words.</p>")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    # A version stored before the allow-list (or tampered with in the database) restores clean.
    version.serialized_data = version.serialized_data.replace("Clean words.", "<script>alert(1)</script>Old words.")
    version.save()
    version.revert()
    article.refresh_from_db()
    assert article.body == "<p>Old words.</p>"
    assert article.body_text == "Old words."


@pytest.fixture
def editor_client(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("editor", password="x" * 20))
    return client


def test_html_pasted_in_the_admin_is_stored_and_shown_inert(editor_client, client, make):
    article = make.article("Pasted story", body="<p>Before.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["body"] = "<p>Kept <em>emphasis</em>.</p>" + "".join(f"<p>{payload}</p>" for payload in PAYLOADS)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert_inert(article.body)
    assert "<p>Kept <em>emphasis</em>.</p>" in article.body
    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert "<em>emphasis</em>" in page
    body = page.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert_inert(body)


def test_html_in_an_imported_text_stays_words(db, tmp_path, client):
    path = tmp_path / "story.txt"
    balanced = [payload for payload in PAYLOADS if payload.count('"') % 2 == 0]  # else refused as unbalanced
    path.write_text("\n\n".join(["Words first."] + [f"Pasted {payload} here." for payload in balanced]))
    call_command("import_article", str(path), headline="Imported", stdout=io.StringIO())
    article = Article.objects.get()
    assert_inert(article.body)
    assert article.body.startswith("<p>Words first.</p>\n<p>Pasted &lt;script&gt;alert(1)&lt;/script&gt; here.</p>")
    # The text is kept as typed, in words: what the extractor and search read.
    assert "Pasted <script>alert(1)</script> here." in article.body_text
    article.status, article.published_at = "published", article.created_at
    article.save()
    body = client.get(article.get_absolute_url()).text.split('<div class="article-body">', 1)[1].split("</div>")[0]
    assert_inert(body)


def test_the_migration_turns_plain_bodies_into_paragraphs_and_back(make):
    migration = importlib.import_module("articles.migrations.0019_rich_body")
    text = "First “paragraph” & <b>typed</b> markup.\n\nSecond\nwith a line.\n\n\nThird."
    article = make.article("Old story")
    Article.objects.filter(pk=article.pk).update(body=text, body_text="")
    from django.apps import apps
    from django.db import connection

    # What the migration's functions use of a schema editor (a real one can't open in a test's transaction).
    schema_editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))

    migration.to_html(apps, schema_editor)
    article.refresh_from_db()
    assert article.body == (
        "<p>First “paragraph” &amp; &lt;b&gt;typed&lt;/b&gt; markup.</p>\n<p>Second\nwith a line.</p>\n<p>Third.</p>"
    )
    assert article.body_text == "First “paragraph” & <b>typed</b> markup.\n\nSecond\nwith a line.\n\nThird."
    migration.to_plain(apps, schema_editor)
    article.refresh_from_db()
    assert article.body == "First “paragraph” & <b>typed</b> markup.\n\nSecond\nwith a line.\n\nThird."


def test_search_feeds_and_fingerprint_read_the_words_without_markup(client, make):
    article = make.article(
        "Harbor story", dek="", body='<p><strong>Zebra</strong> crossing <a href="https://x.org/">plans</a>.</p>'
    )
    found = client.get("/search/?q=zebra+crossing&type=articles").text
    assert article.headline in found and "<mark>Zebra</mark> <mark>crossing</mark> plans" in found
    # Words of the markup are no words of the article.
    assert article.headline not in client.get("/search/?q=strong&type=articles").text
    assert article.headline not in client.get("/search/?q=href&type=articles").text
    feed = client.get("/feeds/latest.rss").text
    assert "Zebra crossing plans." in feed and "strong" not in feed
    twin = make.article("Same story", body="<p>Zebra   crossing plans.</p>")
    assert twin.body_fingerprint == article.body_fingerprint


def test_a_marked_quote_is_set_off_and_linked_to_its_permalink(client, make):
    speaker = make.person("Deval Patrick", state="MA")
    article = make.article("Patrick refuses", body="<p>He said “no” and “no to the program” today.</p>")
    quote = make.quote(article, speaker, text="no")
    # Marked in the body: the second “no”, not the first appearance of the words.
    article.body = f'<p>He said “no” and “<q data-quote="{quote.pk}">no</q> to the program” today.</p>'
    article.save()
    html = client.get(article.get_absolute_url()).text
    url = quote.get_absolute_url()
    assert (
        f'He said “no” and “<q class="in-body" cite="{url}" id="in-body-{quote.pk}"><a href="{url}">no</a></q> to'
        in html
    )


def test_a_mark_naming_no_quote_of_the_article_is_a_plain_quotation(client, make):
    article = make.article("Story", body='<p>He said <q data-quote="999">gone words</q>.</p>')
    html = client.get(article.get_absolute_url()).text
    assert "He said <q>gone words</q>." in html


def test_accepting_proposals_marks_their_words_in_the_body(tmp_path, editor_client):
    from tests.test_import import SAMPLE, SEED_HEADER, review_data

    call_command("load_demo", stdout=io.StringIO())
    Article.objects.get().delete()  # its people stay known: every proposal names one
    path = tmp_path / "story.txt"
    path.write_text(SEED_HEADER + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    call_command("import_article", str(path), stdout=io.StringIO())
    article = Article.objects.get()
    text_before = article.body_text
    proposals = list(article.proposals.all())
    url = reverse("admin:articles_article_proposals", args=[article.pk])
    assert editor_client.post(url, review_data(proposals)).status_code == 302
    article.refresh_from_db()
    quotes = list(Quote.objects.filter(article=article))
    assert quotes
    assert richtext.marks(article.body) == {quote.pk: quote.text for quote in quotes}
    assert article.body_text == text_before  # marks change no word


def test_quotes_given_in_the_admin_are_marked_where_the_body_holds_their_words(editor_client, make):
    speaker = make.person("Maura Healey", state="MA")
    article = make.article("Budget", body="<p>Before.</p>")
    elsewhere = make.quote(article, speaker, text="words the body never says")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    # The editor types the words in the body and the quote in the inline's empty row, in one save.
    data["body"] = "<p>“We will fund every school,” Healey said. <q>A plain quotation</q> stays.</p>"
    data |= {"quotes-1-speaker": str(speaker.pk), "quotes-1-text": "We will fund every school"}
    data |= {"quotes-1-kind": "direct", "quotes-1-position": "1", "quotes-1-said_on_precision": "day"}
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    article.refresh_from_db()
    new = article.quotes.get(text="We will fund every school")
    assert article.body == (
        f'<p>“<q data-quote="{new.pk}">We will fund every school</q>,” Healey said. '
        "<q>A plain quotation</q> stays.</p>"
    )
    assert richtext.marks(article.body) == {new.pk: new.text}  # the other's words aren't in the body
    assert elsewhere.pk not in richtext.marks(article.body)
    assert article.body_text == "“We will fund every school,” Healey said. A plain quotation stays."
    # The save's version in the history holds the marked body, so restoring it keeps the mark.
    saved = Version.objects.get_for_object(article).first()
    assert f'data-quote="{new.pk}"' in saved.field_dict["body"]
    # A quote marked already keeps its mark where the editor put it, not where its words first appear.
    article.body = f'<p>We will fund every school. Again: <q data-quote="{new.pk}">We will fund every school</q>.</p>'
    article.save()
    data = change_form_data(editor_client.get(url))
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.body.startswith("<p>We will fund every school. Again: <q")


def test_marking_every_quote_leaves_words_split_by_markup_or_in_links_alone():
    body = '<p>We <em>will</em> fund it. <a href="https://x.org/">Taxes stay</a>. Taxes stay put.</p>'
    assert richtext.mark_all(body, [(1, "We will fund it"), (2, "Taxes stay")]) == (
        '<p>We <em>will</em> fund it. <a href="https://x.org/" rel="noopener noreferrer">Taxes stay</a>. '
        '<q data-quote="2">Taxes stay</q> put.</p>'
    )
    assert richtext.mark_all(body, []) == body


def test_structured_data_carries_the_body_without_markup(client, make):
    article = make.article("Story", body='<h2>Sub</h2><p>One <a href="https://x.org/">link</a> &amp; more.</p>')
    html = client.get(article.get_absolute_url()).text
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    news = next(item for item in data["@graph"] if item["@type"] == "NewsArticle")
    assert news["articleBody"] == "Sub\n\nOne link & more."


def test_the_admin_shows_where_a_corrected_quote_and_its_marked_words_disagree(editor_client, make):
    speaker = make.person("Deval Patrick", state="MA")
    article = make.article("Story", body="<p>He said “no to the program” today.</p>")
    quote = make.quote(article, speaker, text="no to the program")
    other = make.quote(article, speaker, text="today")
    article.body = richtext.mark(article.body, quote.pk, quote.text)
    article.save()
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url).text
    assert "disagree" not in page and "but the body marks" not in page
    assert f"Not marked in the body (set off where their words first appear): {other.pk}" in page
    quote.text = "no to this program"  # a correction of the quote's words
    quote.save()
    page = editor_client.get(url).text
    assert f"Quote {quote.pk} reads “no to this program”, but the body marks “no to the program”" in page


def test_the_api_gives_the_clean_html_and_the_plain_text(client, make):
    article = make.article("Story", body='<p onclick="x()">One <em>word</em>.</p><script>alert(1)</script>')
    data = client.get(f"/api/v1/articles/{article.slug}/").json()
    assert data["body"] == "<p>One <em>word</em>.</p>"
    assert data["body_text"] == "One word."
