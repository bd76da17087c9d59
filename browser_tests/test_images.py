"""The media library in a real browser: an editor uploads a picture and sets its focal point; a
reader sees the article with its lead image and a figure, at a phone's width and a desk's."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from media.models import Image

from .conftest import SCREENSHOTS, drawing

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STORY = "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/"


def test_an_editor_uploads_a_picture_and_a_reader_sees_it(
    live_server, page, browser, django_user_model, admin_login, demo, media_served, tmp_path
):
    editor = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    media_served(page)
    admin_login(page, "editor", "a-long-editor-password")

    page.goto(f"{live_server.url}/admin/media/image/add/")
    page.set_input_files(
        "#id_original", str(drawing(tmp_path / "state-house.jpg", 2400, 1600, (120, 160, 210), (60, 110, 60)))
    )
    page.fill("#id_alt_text", "The Massachusetts State House under a summer sun (illustration)")
    page.fill("#id_caption", "An illustration standing in for a photograph.")
    page.fill("#id_credit", "Newsroom test drawing")
    page.screenshot(path=SCREENSHOTS / "admin-image-upload-1280.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r".*/admin/media/image/\d+/change/$"))
    lead = Image.objects.get()
    # The focal point, set by clicking the preview: at the sun.
    preview = page.locator(".focal-preview img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.72, "y": box["height"] * 0.25})
    assert 65 <= int(page.input_value("#id_focal_x")) <= 79
    page.screenshot(path=SCREENSHOTS / "admin-image-focal-point-1280.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/media/image/$"))
    lead.refresh_from_db()
    assert 65 <= lead.focal_x <= 79

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/admin/media/image/add/")
    page.screenshot(path=SCREENSHOTS / "admin-image-upload-360.png", full_page=True)

    # Refused: a file that isn't a picture, whatever its name.
    (tmp_path / "notes.jpg").write_text("not a picture")
    page.set_input_files("#id_original", str(tmp_path / "notes.jpg"))
    page.fill("#id_alt_text", "Notes")
    page.click("input[name=_save]")
    # The form comes back with the error: wait for it (is_visible() doesn't).
    expect(page.get_by_text("This is not a JPEG, PNG or WebP image")).to_be_visible()

    figure = Image(
        alt_text="A county jail's front door (illustration)",
        caption="Jails hold people for ICE on request.",
        credit="Newsroom test drawing",
    )
    from media import images

    class Upload(io.BytesIO):
        size = property(lambda self: len(self.getvalue()))

    figure.set_original(
        images.read(Upload(drawing(tmp_path / "jail.jpg", 1600, 1067, (200, 200, 190), (90, 90, 90)).read_bytes()))
    )
    figure.save()
    article = Article.objects.get(slug=STORY.split("/")[2])
    paragraphs = article.body.split("</p>", 2)
    article.body = f'{paragraphs[0]}</p>{paragraphs[1]}</p><figure data-image="{figure.pk}"></figure>{paragraphs[2]}'
    article.lead_image = lead
    article.save()

    reader = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = reader.new_page()
    media_served(tab)
    for width in (1280, 360):
        tab.set_viewport_size({"width": width, "height": 900 if width > 400 else 780})
        tab.goto(f"{live_server.url}{STORY}")
        lead_img = tab.locator(".lead-image img")
        assert lead_img.get_attribute("loading") is None and lead_img.get_attribute("fetchpriority") == "high"
        assert tab.locator(".article-body figure img").get_attribute("loading") == "lazy"
        tab.locator(".article-body figure").scroll_into_view_if_needed()
        tab.wait_for_function("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
        # The lead image fills the column, in its own proportions, from the width and height given.
        shown = lead_img.bounding_box()
        assert abs(shown["height"] - shown["width"] * 1600 / 2400) < 2
        assert shown["width"] <= width
        tab.evaluate("window.scrollTo(0, 0)")
        tab.screenshot(path=SCREENSHOTS / f"article-with-pictures-{width}.png", full_page=True)
    reader.close()
