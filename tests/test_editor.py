"""The article body's rich-text editor in the admin (articles/editor.py): what it offers, and the
Content-Security-Policy its page gets (hashes for two inline elements, never 'unsafe-inline')."""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles import editor, richtext
from tests.logins import force_login_verified

READER_PAGES = ["/", "/articles/", "/quotes/", "/people/", "/states/", "/authors/"]


def sha256(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture
def editor_client(client, django_user_model):
    force_login_verified(client, django_user_model.objects.create_superuser("editor", password="x" * 20))
    return client


def directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_the_article_form_allows_its_import_map_and_tiptaps_style_by_hash_only(editor_client, make):
    article = make.article("Story", body='<p>Words <q data-quote="1">said</q>.</p>')
    for url in [reverse("admin:articles_article_change", args=[article.pk]), reverse("admin:articles_article_add")]:
        response = editor_client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "unsafe" not in policy
        found = directives(policy)
        # The site's directives stay as they are; script and style add one hash each to 'self'.
        for name, value in directives(editor_client.get("/").headers["Content-Security-Policy"]).items():
            assert found[name] == value
        html = response.content.decode()
        (importmap,) = re.findall(r'<script type="importmap">(.*?)</script>', html, flags=re.DOTALL)
        assert found["script-src"] == f"'self' '{sha256(importmap)}'"
        assert found["style-src"] == f"'self' '{editor.TIPTAP_STYLE_HASH}'"
        assert "django_prose_editor/editor.js" in importmap
        # The only inline script; the textarea carries the editor's configuration.
        heads = [tag.split(">", 1)[0] for tag in html.split("<script")[1:]]
        inline = [head for head in heads if "src=" not in head and "json" not in head]
        assert inline == [' type="importmap"']
        assert "data-django-prose-editor-configurable=" in html


def test_the_editor_names_the_quote_table_and_the_picture_search_its_buttons_use(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    (textarea,) = re.findall(r"<textarea[^>]*data-django-prose-editor-configurable[^>]*>", html)
    assert f'data-quote-inline="{editor.QUOTE_INLINE}"' in textarea and 'id="quotes-group"' in html
    assert f'data-picture-search="{reverse("admin:media_image_pick")}"' in textarea
    # Both buttons' modules are loaded from static files ('self' under the policy), not inline.
    assert "js/quote-mark.js" in textarea and "js/body-figure.js" in textarea


def test_reader_pages_and_the_rest_of_the_admin_keep_the_sites_policy(client, editor_client, make, settings):
    article = make.article("Story", authors=[make.author()])
    quote = make.quote(article, make.person())
    for url in [*READER_PAGES, article.get_absolute_url(), quote.get_absolute_url()]:
        assert client.get(url)["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY, url
    for url in ["/admin/", reverse("admin:articles_article_changelist"), reverse("admin:articles_quote_add")]:
        assert editor_client.get(url)["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY, url
    assert "unsafe" not in settings.CONTENT_SECURITY_POLICY
    assert "script-src" not in settings.CONTENT_SECURITY_POLICY


def test_the_style_hash_is_that_of_the_css_tiptap_injects():
    # Recompute TIPTAP_STYLE_HASH when upgrading django-prose-editor if this fails.
    source = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    start = source.index("`.ProseMirror {\n  position: relative;")
    css = source[start + 1 : source.index("`", start + 1)]
    assert sha256(css) == editor.TIPTAP_STYLE_HASH


def test_the_editor_offers_only_markup_the_sanitiser_keeps():
    offered = {name: config for name, config in editor.EXTENSIONS.items() if name not in {"QuoteMark", "BodyFigure"}}
    allowed = allowlist_from_extensions(offered)
    assert allowed["tags"] <= richtext.ALLOWED_TAGS - {"q"}
    assert {"strong", "em", "a", "h2", "h3", "ul", "ol", "li", "blockquote", "br", "p"} <= allowed["tags"]
    assert allowed["url_schemes"] == richtext.URL_SCHEMES
    assert "target" not in allowed["attributes"]["a"]


def test_a_body_saved_through_the_editor_is_still_cleaned(editor_client, make):
    from tests.adminforms import change_form_data

    article = make.article("Story", body="<p>Before.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["body"] = (
        '<h1>Top</h1><p>Kept <strong>bold</strong> <q data-quote="7">said</q>'
        '<img src=x onerror="alert(1)"></p><h2 style="color:red">Sub</h2><a href="javascript:alert(1)">x</a>'
    )
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.body == (
        'Top<p>Kept <strong>bold</strong> <q data-quote="7">said</q></p><h2>Sub</h2><a rel="noopener noreferrer">x</a>'
    )


def test_with_hashed_static_files_the_policy_follows_the_import_maps_names(editor_client, make, settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    article = make.article("Story")
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = response.content.decode()
    (importmap,) = re.findall(r'<script type="importmap">(.*?)</script>', html, flags=re.DOTALL)
    assert re.search(r'"/static/django_prose_editor/editor\.[0-9a-f]{12}\.js"', importmap)
    assert re.search(r"/static/js/quote-mark\.[0-9a-f]{12}\.js", html)
    assert directives(response["Content-Security-Policy"])["script-src"] == f"'self' '{sha256(importmap)}'"


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            '<h2>Sub</h2><p>A <a href="https://x.org/" rel="noopener noreferrer">link</a>, '
            '<q data-quote="3">said</q>.</p>',
            True,
        ),
        ("<ul><li><strong>b</strong> <em>i</em><br></li></ul><blockquote><p><q>plain</q></p></blockquote>", True),
        ("", True),
        ('<p lang="fr">Bonjour</p>', False),
        ('<h3 title="x">Sub</h3>', False),
        ('<p>A</p><figure data-image="1"></figure><p>B</p>', True),
        ('<figure data-image="1" lang="en"></figure>', False),
    ],
)
def test_a_body_is_editable_when_the_editor_keeps_all_of_it(body, expected):
    assert editor.editable(body) is expected


def test_a_body_the_editor_would_not_keep_is_edited_as_html_and_kept(editor_client, make):
    from tests.adminforms import change_form_data

    article = make.article("Story", body='<p lang="fr">Bonjour <q data-quote="5">dit-il</q>.</p>')
    assert article.body == '<p lang="fr">Bonjour <q data-quote="5">dit-il</q>.</p>'  # nh3 keeps lang
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.get(url)
    html = response.content.decode()
    assert "data-django-prose-editor" not in html
    assert "edited as HTML" in html
    assert '<textarea name="body"' in html
    data = change_form_data(response)
    data["body"] += "<p>More.</p>"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.body == '<p lang="fr">Bonjour <q data-quote="5">dit-il</q>.</p><p>More.</p>'
    # Once it holds only what the editor keeps, the editor is back.
    article.body = "<p>Hello.</p>"
    article.save()
    assert "data-django-prose-editor" in editor_client.get(url).content.decode()
