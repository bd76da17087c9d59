"""A researcher merges a duplicate person, in a real browser; readers of the old address land on the survivor."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Quote
from browser_tests.conftest import SCREENSHOTS
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_researcher_merges_a_duplicate_and_its_old_address_redirects(
    live_server, page, django_user_model, admin_login
):
    researcher = django_user_model.objects.create_user("researcher", password="a-long-research-pw", is_staff=True)
    researcher.groups.add(Group.objects.get(name="Researchers"))
    dart = Person.objects.create(name="Tom Dart", slug="tom-dart", sort_name="Dart, Tom", state_id="IL")
    twin = Person.objects.create(name="Tom Dart", slug="tom-dart-2", sort_name="Dart, Tom")
    article = Article.objects.create(
        headline="Sheriff says no",
        slug="sheriff-says-no",
        body="Words.",
        status="published",
        published_at=timezone.make_aware(datetime.datetime(2012, 3, 2, 9)),
    )
    Quote.objects.create(article=article, speaker=dart, text="We are not going to keep people locked up.")
    Quote.objects.create(article=article, speaker=twin, text="The county cannot afford lawsuits.")

    admin_login(page, "researcher", "a-long-research-pw")
    page.goto(f"{live_server.url}/admin/people/person/?q=Dart")
    for person in (dart, twin):
        page.locator(f"input[name=_selected_action][value='{person.pk}']").check()
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.wait_for_url("**/admin/people/person/merge/**")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-merge-people-1280.png", full_page=True)
    assert page.locator("#merge-people tbody tr").count() == 2
    page.get_by_label("Tom Dart").first.check()  # the first row: the older entry, with the state
    page.get_by_role("button", name="Merge into the chosen person").click()
    page.wait_for_url(f"{live_server.url}/admin/people/person/{dart.pk}/change/")
    assert "Merged 1 into Tom Dart." in page.locator(".messagelist").inner_text()
    page.screenshot(path=SCREENSHOTS / "admin-merge-people-done-1280.png", full_page=True)

    assert list(Person.objects.values_list("slug", flat=True)) == ["tom-dart"]
    assert set(article.quotes.values_list("speaker", flat=True)) == {dart.pk}
    reader = page.context.browser.new_context()
    tab = reader.new_page()
    tab.goto(f"{live_server.url}/people/tom-dart-2/")
    assert tab.url == f"{live_server.url}/people/tom-dart/"
    assert tab.get_by_text("The county cannot afford lawsuits.").first.is_visible()
    reader.close()
