"""Issue 17's "done when", end to end in a real browser: an editor writes an article with a link, a
subhead, a figure from the media library (the editor's picture button) and two quotes marked in its
body (the editor's quote button, the quote inline and its speaker autocomplete), and publishes it;
a reader's page shows the figure responsively and the quotes set off and linked, and passes axe."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from media import images
from media.models import Image
from people.models import Person

from .conftest import SCREENSHOTS, drawing
from .test_editor import caret_to_end, select_back
from .test_flows import pick

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = ".prose-editor .ProseMirror[contenteditable=true]"


class Upload(io.BytesIO):
    size = property(lambda self: len(self.getvalue()))


def settle(page):
    """Wait until the editor has the focus back after a dialog, two frames after the dialog closed:
    Tiptap restores its selection then, and a caret moved before would be moved back."""
    page.wait_for_function("document.activeElement?.classList.contains('ProseMirror')")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def library_picture(tmp_path, name, alt_text, caption, credit, colours):
    picture = Image(alt_text=alt_text, caption=caption, credit=credit)
    picture.set_original(images.read(Upload(drawing(tmp_path / name, 1600, 1067, *colours).read_bytes())))
    picture.save()
    return picture


def test_an_editor_writes_a_rich_article_with_a_figure_and_marked_quotes_and_readers_see_it(
    live_server, page, browser, django_user_model, admin_login, media_served, tmp_path
):
    editor = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    healey = Person.objects.create(name="Maura Healey", slug="maura-healey", sort_name="Healey, Maura", state_id="MA")
    driscoll = Person.objects.create(
        name="Kim Driscoll", slug="kim-driscoll", sort_name="Driscoll, Kim", state_id="MA"
    )
    library_picture(
        tmp_path, "road.jpg", "A road through a field", "Another picture.", "Somebody", ((90, 90, 200),) * 2
    )
    school = library_picture(
        tmp_path,
        "school.jpg",
        "A brick school under a blue sky (illustration)",
        "The budget pays for 40 new classrooms.",
        "Newsroom test drawing",
        ((120, 160, 210), (150, 70, 50)),
    )
    media_served(page)
    admin_login(page, "editor", "a-long-editor-password")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Healey signs the school budget")
    body = page.locator(BODY)
    body.click()

    # A subhead, from the block type menu.
    page.keyboard.type("What it funds")
    expect(body).to_contain_text("What it funds")
    page.click(".prose-menubar__selected")
    page.click(".prose-menubar__option[data-name=heading2]")
    expect(body.locator("h2")).to_have_text("What it funds")
    caret_to_end(page)
    page.keyboard.press("Enter")
    # Two paragraphs, typed before any dialog opens (the editor takes the focus back a frame after
    # one closes, with its selection: keys pressed before that land where the dialog left off).
    page.keyboard.type("The governor signed the budget on Monday. Read the text.")
    page.keyboard.press("Enter")
    page.keyboard.type("“We will fund every school,” Healey said. “Taxes stay where they are,” said Driscoll.")
    expect(body).to_contain_text("said Driscoll.")
    # A link (the link dialog).
    select_back(page, "the text")
    page.click(".prose-menubar__button[data-name=link]")
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("input[name=href]").fill("https://budget.example.org/text")
    dialog.locator("button[type=submit]").click()
    expect(body.locator("a")).to_have_text("the text")
    settle(page)
    # Two quotes. The first: its words selected, the quote button makes it a new quote of the
    # inline, whose speaker is picked with the autocomplete.
    select_back(page, "We will fund every school")
    page.click(".prose-menubar__button[data-name=quoteMark]")
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    expect(dialog.locator("select option")).to_have_count(1)  # no saved quote yet: a new one
    dialog.locator("button[type=submit]").click()
    expect(page.locator("#id_quotes-0-text")).to_have_value("We will fund every school")
    pick(page, "#quotes-0", "Healey")
    # The second typed into the inline in the body's words (marked when saved).
    page.locator("#quotes-group .add-row a").click()
    pick(page, "#quotes-1", "Driscoll")
    page.fill("#id_quotes-1-text", "Taxes stay where they are")

    # A figure between the two paragraphs: the picture button searches the library by caption and
    # places the one chosen after the paragraph holding the caret (or the selection: never in its place).
    select_back(page, "Monday.")
    page.click(".prose-menubar__button[data-name=bodyFigure]")
    picker = page.locator("dialog.body-figure-picker[open]")
    expect(picker.locator(".body-figure-choice")).to_have_count(2)  # the newest, before any search
    picker.get_by_label("Search alt text, caption, credit or source").fill("classrooms")
    expect(picker.locator(".body-figure-choice")).to_have_count(1)
    expect(picker.get_by_role("status")).to_have_text("1 picture")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-body-editor-picture-picker-1280.png")
    picker.locator(".body-figure-choice").click()
    expect(picker).to_have_count(0)
    figure = body.locator(f'figure[data-image="{school.pk}"]')
    # Shown in the editor as its thumbnail, alt text, caption and credit.
    expect(figure.locator("img")).to_be_visible()
    expect(figure).to_contain_text("A brick school under a blue sky")
    expect(figure).to_contain_text("The budget pays for 40 new classrooms. — Newsroom test drawing")
    settle(page)

    # Published now.
    page.select_option("#id_status", "published")
    page.locator(".field-published_at").get_by_role("link", name="Today").click()
    page.locator(".field-published_at").get_by_role("link", name="Now").click()
    page.locator(".field-body").screenshot(path=SCREENSHOTS / "admin-body-editor-rich-article.png")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    article = Article.objects.get(headline="Healey signs the school budget")
    fund = article.quotes.get(speaker=healey)
    taxes = article.quotes.get(speaker=driscoll)
    assert article.status == "published"
    assert article.body == (
        "<h2>What it funds</h2><p>The governor signed the budget on Monday. Read "
        '<a href="https://budget.example.org/text" rel="noopener noreferrer">the text</a>.</p>'
        f'<figure data-image="{school.pk}"></figure>'
        f'<p>“<q data-quote="{fund.pk}">We will fund every school</q>,” Healey said. '
        f'“<q data-quote="{taxes.pk}">Taxes stay where they are</q>,” said Driscoll.</p>'
    )
    expect(page.get_by_text("All 2 marked; each reads as its quote.")).to_be_visible()
    body = page.locator(BODY)
    expect(body.locator(f'q[data-quote="{fund.pk}"]')).to_have_text("We will fund every school")

    # The quote button inside a mark takes it off; on other words it offers the saved quotes.
    select_back(page, "stay where")
    page.click(".prose-menubar__button[data-name=quoteMark]")
    expect(body.locator(f'q[data-quote="{taxes.pk}"]')).to_have_count(0)
    select_back(page, "Taxes stay where they are")
    page.click(".prose-menubar__button[data-name=quoteMark]")
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    chosen = dialog.locator("select").evaluate("select => select.selectedOptions[0].textContent")
    assert chosen == f"#{taxes.pk} Kim Driscoll: “Taxes stay where they are”"  # the quote in these words
    page.screenshot(path=SCREENSHOTS / "admin-body-editor-quote-dialog-1280.png")
    dialog.locator("button[type=submit]").click()
    expect(body.locator(f'q[data-quote="{taxes.pk}"]')).to_have_text("Taxes stay where they are")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/articles/article/$"))
    article.refresh_from_db()
    assert f'<q data-quote="{taxes.pk}">Taxes stay where they are</q>' in article.body

    # The reader's page, at a phone's width and a desk's.
    for width, height in ((360, 780), (1280, 900)):
        reader = browser.new_context(viewport={"width": width, "height": height})
        tab = reader.new_page()
        media_served(tab)
        errors = []
        tab.on("console", lambda message, seen=errors: seen.append(message.text) if message.type == "error" else None)
        tab.goto(f"{live_server.url}{article.get_absolute_url()}")
        shown = tab.locator(".article-body")
        expect(shown.locator("h2")).to_have_text("What it funds")
        expect(shown.get_by_role("link", name="the text")).to_have_attribute("href", "https://budget.example.org/text")
        picture = shown.locator("figure picture")
        assert picture.locator("source").count() >= 1
        img = picture.locator("img")
        assert img.get_attribute("width") and img.get_attribute("height") and " 960w" in img.get_attribute("srcset")
        assert img.get_attribute("alt") == "A brick school under a blue sky (illustration)"
        expect(shown.locator("figure figcaption")).to_have_text(
            re.compile(r"The budget pays for 40 new classrooms\.\s*Newsroom test drawing")
        )
        for quote, words in ((fund, "We will fund every school"), (taxes, "Taxes stay where they are")):
            set_off = shown.locator(f"q.in-body#in-body-{quote.pk}")
            expect(set_off).to_have_text(words)
            assert set_off.get_attribute("cite") == quote.get_absolute_url()
            expect(set_off.get_by_role("link", name=words)).to_have_attribute("href", quote.get_absolute_url())
        shown.locator("figure").scroll_into_view_if_needed()
        tab.wait_for_function("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
        # The figure fits the column in its own proportions (the width and height given keep its room).
        box = img.bounding_box()
        assert box["width"] <= width and abs(box["height"] - box["width"] * 1067 / 1600) < 2
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        tab.evaluate("window.scrollTo(0, 0)")
        tab.screenshot(path=SCREENSHOTS / f"rich-article-{width}.png", full_page=True)
        results = Axe().run(tab)
        serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        assert not serious, results.generate_report()
        reader.close()
        assert not errors, errors
