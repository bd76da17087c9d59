"""The article body's rich-text editor (articles/editor.py), in a real browser under the site's CSP.

The `page` fixture fails a test on any script error or Content-Security-Policy violation: the
editor's import map and Tiptap's style must be allowed by their hashes, nothing else inline."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Quote
from people.models import Person

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def select_back(page, words):
    """Select the last `words` typed in the editor, as a reader drags over them, and wait until the
    browser has. (Shift+ArrowLeft key by key raced the editor's own handling on a busy machine.)"""
    page.evaluate(
        """words => {
            const root = document.querySelector(".prose-editor .ProseMirror[contenteditable=true]");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let found = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.data.includes(words)) found = node;
            }
            const at = found.data.lastIndexOf(words);
            const range = document.createRange();
            range.setStart(found, at);
            range.setEnd(found, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }""",
        words,
    )
    page.wait_for_function("words => getSelection().toString() === words", arg=words)


def caret_to_end(page):
    """Move the caret to the end of the line, and wait until the browser has (no selection left)."""
    page.keyboard.press("End")
    page.wait_for_function("getSelection().isCollapsed")


def test_an_editor_writes_a_subhead_bold_text_and_a_link_and_readers_see_them(live_server, page, editor, admin_login):
    admin_login(page, "editor", "a-long-editor-password")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Budget signed")
    page.select_option("#id_status", "published")
    page.locator(".field-published_at").get_by_role("link", name="Today").click()
    page.locator(".field-published_at").get_by_role("link", name="Now").click()

    body = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    body.click()
    # A subhead, from the block type menu.
    page.keyboard.type("What it funds")
    expect(body).to_contain_text("What it funds")
    page.click(".prose-menubar__selected")
    page.click(".prose-menubar__option[data-name=heading2]")
    expect(body.locator("h2")).to_have_text("What it funds")
    caret_to_end(page)
    page.keyboard.press("Enter")
    # A paragraph with bold words (the menu's button) and a link (the link dialog).
    page.keyboard.type("The governor signed the budget today.")
    expect(body).to_contain_text("budget today.")
    page.keyboard.press("ArrowLeft")
    select_back(page, "today")
    page.click(".prose-menubar__button[data-name=bold]")
    expect(body.locator("strong")).to_have_text("today")
    caret_to_end(page)
    page.keyboard.type(" Read the text.")
    expect(body).to_contain_text("Read the text.")
    page.keyboard.press("ArrowLeft")
    select_back(page, "the text")
    page.click(".prose-menubar__button[data-name=link]")
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    assert not dialog.locator("input[name=title]").is_visible()  # the address only
    dialog.locator("input[name=href]").fill("https://budget.example.org/text")
    dialog.locator("button[type=submit]").click()
    expect(body.locator("a")).to_have_text("the text")
    assert body.locator("h2").inner_text() == "What it funds"
    assert body.locator("strong").inner_text() == "today"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("fieldset").first.screenshot(path=SCREENSHOTS / "admin-body-editor.png")

    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/articles/article/$"))
    article = Article.objects.get(headline="Budget signed")
    assert article.status == "published"
    assert article.body == (
        "<h2>What it funds</h2><p>The governor signed the budget <strong>today</strong>. Read "
        '<a href="https://budget.example.org/text" rel="noopener noreferrer">the text</a>.</p>'
    )

    reader = page.context.browser.new_context()
    tab = reader.new_page()
    errors = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(f"{live_server.url}{article.get_absolute_url()}")
    shown = tab.locator(".article-body")
    assert shown.locator("h2").inner_text() == "What it funds"
    assert shown.locator("strong").inner_text() == "today"
    assert shown.get_by_role("link", name="the text").get_attribute("href") == "https://budget.example.org/text"
    reader.close()
    assert not errors, errors


def test_quote_marks_and_figures_survive_an_edit_in_the_editor(live_server, page, editor, admin_login):
    from tests.conftest import Maker

    picture = Maker().image("The budget book")
    speaker = Person.objects.create(name="Maura Healey", slug="maura-healey", sort_name="Healey, Maura", state_id="MA")
    article = Article.objects.create(
        headline="Healey on the budget", slug="healey-budget", status="published", published_at=timezone.now()
    )
    quote = Quote.objects.create(article=article, speaker=speaker, text="It is a good budget")
    article.body = (
        f'<p>The governor spoke. <q data-quote="{quote.pk}">It is a <em>good</em> budget</q>, she said.</p>'
        f'<figure data-image="{picture.pk}"></figure><blockquote><p>A <q>plain</q> quotation.</p></blockquote>'
    )
    article.save()

    admin_login(page, "editor", "a-long-editor-password")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    assert body.locator(f'q[data-quote="{quote.pk}"]').inner_text() == "It is a good budget"
    assert body.locator(f'figure[data-image="{picture.pk}"]').is_visible()  # shown as its number
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(".field-body").screenshot(path=SCREENSHOTS / "admin-body-editor-quote-marks.png")
    body.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" More soon.")
    # "Save and continue" comes back to the address it leaves: wait for the new page, not the URL.
    with page.expect_navigation():
        page.click("input[name=_continue]")
    page.wait_for_url(re.compile(rf".*/admin/articles/article/{article.pk}/change/$"))

    article.refresh_from_db()
    assert article.body == (
        f'<p>The governor spoke. <q data-quote="{quote.pk}">It is a <em>good</em> budget</q>, she said. More soon.</p>'
        f'<figure data-image="{picture.pk}"></figure><blockquote><p>A <q>plain</q> quotation.</p></blockquote>'
    )
    expect(page.get_by_text("All 1 marked; each reads as its quote.")).to_be_visible()


def test_a_figure_is_placed_by_pasting_its_line_in_the_html_view(live_server, page, editor, admin_login):
    from tests.conftest import Maker

    picture = Maker().image("The budget book")
    admin_login(page, "editor", "a-long-editor-password")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Budget book")
    body = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("The book is out.")
    page.click(".prose-menubar__button[data-name=html]")
    source = page.locator("dialog.prose-editor-dialog[open] textarea")
    source.fill(f'{source.input_value()}<figure data-image="{picture.pk}"></figure>')
    page.locator("dialog.prose-editor-dialog[open] button[type=submit]").click()
    expect(body.locator(f'figure[data-image="{picture.pk}"]')).to_be_visible()
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/articles/article/$"))
    article = Article.objects.get(headline="Budget book")
    assert article.body == f'<p>The book is out.</p><figure data-image="{picture.pk}"></figure>'
