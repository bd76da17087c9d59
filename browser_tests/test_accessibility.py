"""axe-core on every public page type, and screenshots of each at phone and desktop widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "home": "/",
    "article-list": "/articles/",
    "article-list-filtered": "/articles/?state=MA&person=mary-beth-heffernan",
    "article-list-error": "/articles/?state=ZZ",
    "article": "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/",
    "quote-list": "/quotes/",
    "quote": "/quotes/1/",
    "person-list": "/people/",
    "person": "/people/mary-beth-heffernan/",
    "state-list": "/states/",
    "state": "/states/massachusetts/",
    "author-list": "/authors/",
    "author": "/authors/hillary-chabot/",
    "topic": "/topics/secure-communities/",
    "topic-list": "/topics/",
    "outlet-list": "/outlets/",
    "outlet": "/outlets/boston-herald/",
    "quote-list-by-name": "/quotes/?person=Mary+Beth+Heffernan&state=massachusetts",
    "quote-list-verified": "/quotes/?verification=verified",
    "quote-list-error": "/quotes/?verification=maybe",
    "search": "/search/?q=racial+profiling",
    "sources": "/sources/",
    "sources-filtered": "/sources/?topic=secure-communities&state=MA",
    "sources-error": "/sources/?author=nobody-at-all",
    "compare": "/compare/?people=deval-patrick,andrew-cuomo,mary-beth-heffernan",
    "compare-error": "/compare/?people=deval-patrick",
    "not-found": "/no-such-page/",
}
SERIOUS = {"serious", "critical"}
ARTICLE = PAGES["article"]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(live_server, browser, demo, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((360, 780), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(live_server.url + PAGES[name])
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        if width == 360:
            # Nothing wider than a phone.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        assert not serious, results.generate_report()
        # Lighthouse-style basics.
        assert page.title() and page.get_attribute("html", "lang") == "en"
        assert page.locator('meta[name="description"]').get_attribute("content")
        assert page.locator("h1").count() == 1
        context.close()
    # The dark scheme too (contrast is checked by axe).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(live_server.url + PAGES[name])
    page.screenshot(path=SCREENSHOTS / f"{name}-1280-dark.png", full_page=True)
    serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert not serious, [v["id"] for v in serious]
    context.close()


def test_verified_and_disputed_quotes_and_their_evidence_are_accessible(live_server, browser, demo):
    """The verification section: Heffernan's quote verified against her letter; at its fullest, a
    note, a recording at an offset, a transcript kept offline, a rating on the newsroom's scale; and
    the article showing them beside its quotes."""
    from django.core.cache import cache

    from articles.models import Evidence, Quote

    # Pages and values remembered by earlier tests name rows of their own demo, since rolled back.
    cache.clear()
    quote = Quote.objects.get(text="he would sign onto the program")
    quote.verification, quote.rating = "disputed", "half-true"
    quote.verification_note = "The governor’s office says he promised only to review the program."
    quote.save()
    Evidence.objects.create(
        quote=quote, kind="recording", title="Radio interview", url="https://example.org/interview.mp3", offset=754
    )
    Evidence.objects.create(quote=quote, kind="transcript", title="Interview transcript", note="Held by the newsroom")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    letter = Quote.objects.filter(verification="verified").order_by("position").first()  # Heffernan's
    pages = [
        ("quote-verified", letter.get_absolute_url()),
        ("quote-disputed-rated", quote.get_absolute_url()),
        ("article-verified-quotes", ARTICLE),
    ]
    for name, url in pages:
        for width, height in ((360, 780), (1280, 900)):
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            response = page.goto(live_server.url + url)
            assert response.status == 200, (url, response.status, page.content()[:2000])
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, width)
            serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
            assert not serious, [v["id"] for v in serious]
            expected = "Letter from Secretary" if name == "quote-verified" else "Radio interview"
            assert page.get_by_text(expected).count() >= 1, name
            context.close()
