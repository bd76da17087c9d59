"""The import review from the keyboard, and the editor's actions from the admin's front page to a
published article (the sample story), counted."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Topic
from browser_tests.conftest import SCREENSHOTS
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_0b758dc937da1ae3.txt"
SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "secure-communities-body.txt"
SEED_HEADER = (
    "Massachusetts Governor Deval Patrick Refuses to Sign onto S-Comm (Boston Herald)\n\n"
    "Gov. Deval Patrick refuses to sign immigration program\nBy Hillary Chabot\nMonday, June 6, 2011\n\n"
)
PASSWORD = "a-long-editor-password"


def sample_text():
    """The sample story as an editor has it (../shared/seed when present, else the same text here)."""
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    return SEED_HEADER + SAMPLE.read_text(encoding="utf-8")


class Actions:
    """The editor's actions (a click, a key, a paste, a choice), counted as they are made."""

    def __init__(self, page):
        self.page, self.log = page, []

    def click(self, selector, why):
        self.log.append(f"click: {why}")
        self.page.locator(selector).first.click()

    def press(self, key, why):
        self.log.append(f"key {key}: {why}")
        self.page.keyboard.press(key)

    def paste(self, selector, text, why):
        self.log.append(f"paste: {why}")
        self.page.locator(selector).fill(text)

    def choose(self, selector, value, why):
        self.log.append(f"choose: {why}")
        self.page.select_option(selector, value)


@pytest.fixture
def editor(django_user_model, demo):
    Article.objects.all().delete()  # the sample is imported, not loaded
    user = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def import_sample(page, live_server, actions):
    actions.click("a[href='/admin/articles/article/']", "Articles, on the admin's front page")
    actions.click("text=Import article from text", "Import article from text")
    actions.paste("#id_text", sample_text(), "the story, into the text box")
    actions.click("input[type=submit][value='Import as a draft']", "Import as a draft")
    page.wait_for_url(re.compile(r".*/proposals/$"))


def test_the_sample_story_is_imported_and_published_in_few_actions(live_server, page, editor, admin_login):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    admin_login(page, "editor", PASSWORD)
    actions = Actions(page)
    import_sample(page, live_server, actions)
    page.screenshot(path=SCREENSHOTS / "import-review-1280.png", full_page=True)
    page.locator("fieldset.proposal:not(.coverage-proposals)").first.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "import-review-first-quote-1280.png")
    actions.click("button[name=accept_all]", "Accept all and save")
    page.wait_for_url(re.compile(r".*/admin/articles/article/\d+/change/$"))
    page.screenshot(path=SCREENSHOTS / "import-article-form-1280.png", full_page=True)
    actions.choose("#id_status", "published", "Status: Published (the date is the story's)")
    actions.click("input[name=_save]", "Save")
    page.wait_for_url(re.compile(r".*/admin/articles/article/$"))

    article = Article.objects.get()
    assert article.status == "published" and article.is_public
    assert article.quotes.count() == 7
    assert set(article.states.values_list("code", flat=True)) == {"MA", "NY", "IL", "CA"}
    assert set(article.topics.values_list("name", flat=True)) == set(Topic.objects.values_list("name", flat=True))
    letter = article.quotes.get(text__startswith="The Governor and I are dubious")
    assert letter.context.startswith("in a letter to") and letter.said_on_display == "June 3, 2011"
    assert article.quotes.get(text="he would sign onto the program").said_on_display == "December 2010"
    assert Person.objects.count() == 4  # everyone quoted was known
    (SCREENSHOTS / "import-actions.txt").write_text(
        "\n".join([f"{len(actions.log)} actions", *actions.log]) + "\n", encoding="utf-8"
    )
    print(
        f"\n{len(actions.log)} actions from the admin's front page to the published article:", *actions.log, sep="\n  "
    )
    assert len(actions.log) == 7


def test_proposals_are_accepted_and_rejected_from_the_keyboard(live_server, page, editor, admin_login):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    admin_login(page, "editor", PASSWORD)
    import_sample(page, live_server, Actions(page))
    decision = page.locator("input[type=radio][name$='-decision']")

    def checked(index):
        return page.locator(f"input[name='form-{index}-decision']:checked").get_attribute("value")

    states = page.locator(".coverage-proposals input[type=checkbox]")
    expect(states.first).to_be_checked()
    page.keyboard.press("j")  # the states and topics
    page.keyboard.press("r")  # unchecks the focused box
    expect(states.first).not_to_be_checked()
    page.keyboard.press("j")  # the first quote
    page.keyboard.press("r")
    assert checked(0) == "rejected"
    page.keyboard.press("j")
    page.keyboard.press("l")
    assert checked(1) == "pending"
    page.keyboard.press("j")
    page.keyboard.press("r")
    assert checked(2) == "rejected"
    page.keyboard.press("k")
    page.keyboard.press("a")
    assert checked(1) == "accepted"
    # Typing in a text box types: the keys are not commands there.
    page.locator("#id_form-4-context").focus()
    page.keyboard.type("ar")
    assert checked(4) == "accepted" and page.locator("#id_form-4-context").input_value() == "ar"
    page.locator("#id_form-4-context").fill("")
    page.locator("h1").click()  # out of the text box
    page.screenshot(path=SCREENSHOTS / "import-review-keyboard-1280.png", full_page=True)
    page.keyboard.press("Shift+A")  # accept all
    assert [checked(i) for i in range(7)] == ["accepted"] * 7
    expect(states.first).to_be_checked()
    # The radios are plain ones: the arrow keys move between Accept, Reject and Later.
    decision.first.focus()
    page.keyboard.press("ArrowRight")
    assert checked(0) == "rejected"
    page.keyboard.press("Shift+A")
    page.locator("input[type=submit][value='Save decisions']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/change/$"))
    assert Article.objects.get().quotes.count() == 7


def test_the_review_screen_is_accessible_and_a_long_quote_is_read_whole(live_server, page, editor, admin_login):
    admin_login(page, "editor", PASSWORD)
    import_sample(page, live_server, Actions(page))
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]
    # The longest proposal (three sentences of Heffernan's letter) fits its box: no inner scrolling.
    box = page.locator("textarea[name$='-text']").nth(1)
    assert box.evaluate("b => b.scrollHeight <= b.clientHeight + 2")
    assert box.bounding_box()["width"] >= 600
    sentence = page.locator("fieldset.proposal:not(.coverage-proposals) .proposal-sentence").nth(1)
    assert "through the community meetings" in sentence.inner_text().lower()


def test_an_article_with_seven_quotes_is_not_seven_screens_tall(live_server, page, editor, admin_login, demo):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get()
    assert article.quotes.count() == 7
    admin_login(page, "editor", PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    height = page.locator("#quotes-group").bounding_box()["height"]
    page.screenshot(path=SCREENSHOTS / "article-form-seven-quotes-1280.png", full_page=True)
    # Seven quotes and an empty row, one table row each: about one screen (900 px), not seven.
    assert height < 1.5 * 900, height
    # and no wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
