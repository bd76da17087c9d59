"""A reader filters by a person's name as they type it, with suggestions, and the address
the site writes carries no empty parameters (issue 15, "Readers")."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from browser_tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def query_of(url):
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_reader_types_a_name_picks_a_suggestion_and_gets_a_clean_address(live_server, browser, demo, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors, redirects = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: redirects.append(response.url) if response.status == 301 else None)
    page.goto(f"{live_server.url}/quotes/")
    field = page.locator("#id_person")
    field.press_sequentially("heff", delay=60)
    # The suggestions, fetched as one types, name the person and their office.
    option = page.locator("datalist#id_person-suggestions option")
    expect(option).to_have_count(1)
    assert option.get_attribute("value") == "Mary Beth Heffernan"
    assert "Secretary" in option.get_attribute("label")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"name-filter-typing-{width}.png", full_page=True)
    # Choosing the suggestion fills the field with the name; the list then shows their quotes.
    field.fill("Mary Beth Heffernan")
    field.press("Enter")
    page.wait_for_url(re.compile(r".*/quotes/\?person=Mary\+Beth\+Heffernan$"))
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^\s*\d+ quotes?"))
    assert all(value for _, value in query_of(page.url)), page.url
    # The page as loaded from that address shows the name in the field, not the slug.
    page.reload()
    expect(page.locator("#id_person")).to_have_value("Mary Beth Heffernan")
    speakers = page.locator("[data-results] .quote figcaption").all_inner_texts()
    assert speakers and all("Heffernan" in text for text in speakers)
    page.screenshot(path=SCREENSHOTS / f"name-filter-results-{width}.png", full_page=True)
    assert not errors and not redirects, (errors, redirects)
    context.close()


def test_a_name_typed_in_any_case_works_without_javascript(live_server, no_js_page, demo):
    page = no_js_page
    page.goto(f"{live_server.url}/articles/")
    page.fill("#id_person", "mary beth heffernan")
    page.click("form.filters button[type=submit]")
    # The blank fields the form sent are gone from the address: the server redirected.
    page.wait_for_url(re.compile(r".*/articles/\?person=mary\+beth\+heffernan$"))
    assert page.locator("#id_person").input_value() == "Mary Beth Heffernan"
    assert page.get_by_text("1 article").is_visible()
    page.goto(f"{live_server.url}/articles/?state=illinois")
    assert page.locator("#id_state").input_value() == "IL"


def test_the_search_forms_submit_no_blank_fields(live_server, page, demo):
    redirects = []
    page.on("response", lambda response: redirects.append(response.url) if response.status == 301 else None)
    page.goto(f"{live_server.url}/people/mary-beth-heffernan/")
    # The header's search box, on any page.
    page.fill("#site-search-q", "racial profiling")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=racial\+profiling$"))
    # The search page's own form, its filters left blank: only what was typed is sent.
    page.fill("#id_q", "immigration")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/search/\?q=immigration$"))
    assert redirects == []  # the script left the blank fields out; no redirect was needed
    page.go_back()
    expect(page.locator("#id_q")).to_have_value("racial profiling")


def test_suggestions_still_come_after_the_form_showed_an_error(live_server, page, demo):
    page.goto(f"{live_server.url}/quotes/")
    page.fill("#id_person", "Nobody Atall")
    page.locator("#id_person").press("Enter")
    page.wait_for_selector(".field-error")
    assert "Nobody Atall" in page.locator(".field-error").inner_text()
    # The live filters put the server's form in place; typing again still suggests names.
    page.fill("#id_person", "")
    page.locator("#id_person").press_sequentially("heff", delay=60)
    expect(page.locator("datalist#id_person-suggestions option")).to_have_count(1)
    page.fill("#id_person", "Mary Beth Heffernan")
    page.locator("#id_person").press("Enter")
    page.wait_for_url(re.compile(r".*/quotes/\?person=Mary\+Beth\+Heffernan$"))
    expect(page.locator(".field-error")).to_have_count(0)
