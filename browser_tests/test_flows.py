"""What an editor and a reader do, in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from people.models import Author, Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STORY = "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/"


def pick(page, container, text):
    """Choose `text` in the select2 autocomplete inside `container`."""
    page.locator(f"{container} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_writes_and_publishes_and_a_reader_finds_it(live_server, page, django_user_model, admin_login):
    editor = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    for name in ("Hillary Chabot", "Jane Reporter"):
        Author.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    speaker = Person.objects.create(name="Maura Healey", slug="maura-healey", sort_name="Healey, Maura", state_id="MA")

    admin_login(page, "editor", "a-long-editor-password")  # an editor's first sign-in: enrols

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Healey signs the budget")
    # The body's editor (browser_tests/test_editor.py).
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("The governor spoke.")
    page.keyboard.press("Enter")
    page.keyboard.type("“It is a good budget,” Healey said.")
    expect(page.locator(".prose-editor .ProseMirror[contenteditable=true] p")).to_have_count(2)
    pick(page, "#bylines-0", "Hillary")
    page.locator("#bylines-group .add-row a").click()
    pick(page, "#bylines-1", "Jane")
    page.fill("#id_bylines-1-position", "1")
    pick(page, "#quotes-0", "Healey")
    page.fill("#id_quotes-0-text", "It is a good budget")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/articles/article/$"))

    article = Article.objects.get(headline="Healey signs the budget")
    assert article.status == "draft"
    assert [b.author.name for b in article.bylines.all()] == ["Hillary Chabot", "Jane Reporter"]
    assert article.quotes.get().speaker == speaker
    assert page.request.get(f"{live_server.url}{article.get_absolute_url()}").status == 200  # staff preview

    page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    page.select_option("select[name=action]", "publish_now")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == "published"

    # A reader (a fresh context: not logged in) finds it by state, on the person page and on the map.
    reader = page.context.browser.new_context()
    tab = reader.new_page()
    tab.goto(f"{live_server.url}/articles/")
    tab.select_option("#id_state", "MA")
    tab.wait_for_url(re.compile(r".*[?&]state=MA"))
    assert tab.locator("[data-results]").get_by_text("Healey signs the budget").is_visible()
    tab.goto(f"{live_server.url}/people/maura-healey/")
    assert tab.get_by_text("It is a good budget").first.is_visible()
    tab.get_by_role("link", name="Healey signs the budget").first.click()
    tab.wait_for_url(f"{live_server.url}{article.get_absolute_url()}")
    tab.goto(f"{live_server.url}/states/")
    tab.locator('svg a[href="/states/massachusetts/"]').first.click()
    tab.wait_for_url(f"{live_server.url}/states/massachusetts/")
    assert tab.get_by_text("Healey signs the budget").first.is_visible()
    reader.close()


def test_filters_update_the_list_in_place_and_keep_the_address(live_server, page, demo):
    page.goto(f"{live_server.url}/quotes/")
    assert page.locator(".result-count").inner_text().startswith("7 quotes")
    page.evaluate("window.__sameDocument = true")
    page.select_option("#id_state", "NY")
    page.wait_for_url(re.compile(r".*/quotes/\?state=NY$"))
    count = page.locator(".result-count")
    expect(count).to_have_text(re.compile(r"^\s*2 quotes"))
    assert page.evaluate("window.__sameDocument") is True  # no full reload
    page.select_option("#id_kind", "direct")
    expect(count).to_have_text(re.compile(r"^\s*0 quotes"))
    assert "kind=direct" in page.url and "state=NY" in page.url
    page.go_back()
    expect(count).to_have_text(re.compile(r"^\s*2 quotes"))
    # A refused value shows the form's error in place.
    page.fill("#id_person", "nobody-at-all")
    page.locator("#id_person").press("Enter")
    page.wait_for_selector(".field-error")
    assert "nobody-at-all" in page.locator(".field-error").inner_text()


def test_filters_work_without_javascript(live_server, no_js_page, demo):
    page = no_js_page
    page.goto(f"{live_server.url}/articles/")
    page.select_option("#id_state", "IL")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*state=IL"))
    assert page.get_by_text("1 article").is_visible()
    page.goto(f"{live_server.url}/articles/?state=ZZ")
    assert "is not a US state" in page.locator(".field-error").inner_text()
