"""Invalidation by dependency (newsroom/dependencies.py, articles/invalidation.py,
people/invalidation.py): a change makes stale only what shows the rows that changed.

Saves inside a test's transaction never commit, so edits are made in
django_capture_on_commit_callbacks(execute=True): the invalidation runs as after a commit.
"""

import contextlib
import datetime
import math
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import dependencies, pagecache


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 86400  # as deployed
    settings.NEWSROOM_MEMO_SECONDS = 86400
    cache.clear()


@pytest.fixture
def newsroom(make):
    """Two published stories from two states, each quoting its own person."""
    patrick = make.person("Deval Patrick", state="MA")
    cuomo = make.person("Andrew Cuomo", state="NY")
    author = make.author("Hillary Chabot")
    ma = make.article("Patrick balks at federal program", states=["MA"], authors=[author])
    ny = make.article("Cuomo suspends participation", states=["NY"])
    make.quote(ma, patrick, "We will not sign onto it.")
    make.quote(ny, cuomo, "There are concerns about the program.")
    return {"patrick": patrick, "cuomo": cuomo, "ma": ma, "ny": ny, "author": author}


def pages(newsroom):
    return {
        "home": "/",
        "articles": "/articles/",
        "ma": newsroom["ma"].get_absolute_url(),
        "ny": newsroom["ny"].get_absolute_url(),
        "patrick": newsroom["patrick"].get_absolute_url(),
        "cuomo": newsroom["cuomo"].get_absolute_url(),
        "states": "/states/",
        "massachusetts": "/states/massachusetts/",
        "new-york": "/states/new-york/",
        "people": "/people/",
        "quotes": "/quotes/",
        "ny-filter": "/articles/?state=NY",
    }


def warm(client, urls):
    for url in urls.values():
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def states_of(client, urls):
    return {name: client.get(url)["X-Cache"] for name, url in urls.items()}


def test_a_draft_saved_again_and_again_invalidates_nothing_public(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make.article("Autosaved draft", status="draft", states=["MA"], authors=[newsroom["author"]])
        make.quote(draft, newsroom["patrick"], "Not said in public yet.")
    for n in range(3):  # the autosave
        with django_capture_on_commit_callbacks(execute=True):
            draft.body = f"Draft text, version {n}."
            draft.save()
    assert set(states_of(client, urls).values()) == {"hit"}


def test_an_edit_makes_stale_only_the_pages_that_show_the_article(
    client, newsroom, django_capture_on_commit_callbacks
):
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].headline = "Patrick refuses the federal program"
        newsroom["ma"].save()
    seen = states_of(client, urls)
    # Those that show it: it, the lists it is on, the pages of the person it quotes and its state.
    for name in ["home", "articles", "ma", "patrick", "massachusetts", "quotes"]:
        assert seen[name] == "miss", name
        assert "Patrick refuses the federal program" in client.get(urls[name]).text, name
    # The rest: the other story, its person and state, lists not showing headlines.
    for name in ["ny", "cuomo", "new-york", "states", "people", "ny-filter"]:
        assert seen[name] == "hit", name


def test_publishing_shows_everywhere_it_belongs_at_once(client, make, newsroom, django_capture_on_commit_callbacks):
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        article = make.article("Quinn weighs his options", states=["NY"], status="draft")
        make.quote(article, newsroom["cuomo"], "We are looking at it closely.")
    assert set(states_of(client, urls).values()) == {"hit"}  # still a draft
    with django_capture_on_commit_callbacks(execute=True):
        article.status = "published"
        article.save()
    for name in ["home", "articles", "cuomo", "new-york", "quotes", "ny-filter"]:
        response = client.get(urls[name])
        assert "Quinn weighs his options" in response.text or "We are looking at it closely" in response.text, name
    assert client.get(urls["ma"])["X-Cache"] == "hit"  # another article's page


def test_publishing_leaves_warm_the_articles_that_only_mention_its_people_and_states(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    """A new article quoting Cuomo changes what is filed under him and New York (his page, the
    state's page, ?state=NY), not the other articles that quote him or cover New York."""
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        article = make.article("Quinn weighs his options", states=["NY"], status="draft")
        make.quote(article, newsroom["cuomo"], "We are looking at it closely.")
    with django_capture_on_commit_callbacks(execute=True):
        article.status = "published"
        article.save()
    seen = states_of(client, urls)
    for name in ["cuomo", "new-york", "ny-filter"]:
        assert seen[name] == "miss", name
    assert "We are looking at it closely" in client.get(urls["cuomo"]).text
    assert seen["ny"] == "hit"  # quotes Cuomo and covers New York, but shows neither's filings
    assert seen["ma"] == seen["patrick"] == seen["massachusetts"] == "hit"
    # Renaming the state's governor, a row every mention shows, makes those stale at once.
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["cuomo"].name = "Andrew M. Cuomo"
        newsroom["cuomo"].save()
    assert "Andrew M. Cuomo" in client.get(urls["ny"]).text


def test_unpublishing_a_persons_only_article_takes_their_page_down_at_once(
    client, newsroom, django_capture_on_commit_callbacks
):
    url = newsroom["cuomo"].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ny"].status = "draft"
        newsroom["ny"].save()
    assert client.get(url).status_code == 404


def test_a_person_renamed_changes_their_pages_not_the_others(client, newsroom, django_capture_on_commit_callbacks):
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["cuomo"].name = "Andrew M. Cuomo"
        newsroom["cuomo"].save()
    for name in ["ny", "cuomo", "quotes", "new-york"]:
        assert "Andrew M. Cuomo" in client.get(urls[name]).text, name
    assert client.get(urls["ma"])["X-Cache"] == "hit"
    assert client.get(urls["patrick"])["X-Cache"] == "hit"


def test_verification_and_evidence_show_at_once_on_the_quote_and_its_article(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    quote = newsroom["ma"].quotes.get()
    others = {"quote": quote.get_absolute_url(), "ny-quote": newsroom["ny"].quotes.get().get_absolute_url()}
    urls = pages(newsroom) | others
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        evidence = make.evidence(quote, kind="recording", title="Video of the hearing", offset=75)
    for name in ["quote", "ma"]:
        assert "Video of the hearing" in client.get(urls[name]).text, name
    with django_capture_on_commit_callbacks(execute=True):
        quote.verification = "verified"
        quote.save()
    for name in ["quote", "ma", "quotes", "patrick"]:
        page = client.get(urls[name]).text
        assert "verification-verified" in page, name
    assert "Video of the hearing" in client.get(urls["ma"]).text  # beside the quote in its article
    with django_capture_on_commit_callbacks(execute=True):
        evidence.title = "Video of the hearing, full length"
        evidence.save()
    for name in ["quote", "ma"]:
        assert "Video of the hearing, full length" in client.get(urls[name]).text, name
    with django_capture_on_commit_callbacks(execute=True):
        evidence.delete()
    for name in ["quote", "ma"]:
        assert "Video of the hearing" not in client.get(urls[name]).text, name
    # The other story, its quote and its person were never touched.
    for name in ["ny", "ny-quote", "cuomo"]:
        assert client.get(urls[name])["X-Cache"] == "hit", name


def test_evidence_of_a_draft_invalidates_nothing_public(client, make, newsroom, django_capture_on_commit_callbacks):
    draft = make.article("Draft story", status="draft", states=["MA"])
    quote = make.quote(draft, newsroom["patrick"], "Not public yet.")
    urls = pages(newsroom)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        make.evidence(quote, title="Unpublished source")
    assert set(states_of(client, urls).values()) == {"hit"}


def test_responses_carry_their_tags_for_the_http_tier(client, newsroom):
    first = client.get(newsroom["ma"].get_absolute_url())
    again = client.get(newsroom["ma"].get_absolute_url())
    for response in (first, again):
        keys = response["Surrogate-Key"].split()
        assert keys[0] == "all"
        assert {f"article-{newsroom['ma'].pk}", f"person-{newsroom['patrick'].pk}", "state-MA"} <= set(keys)
        assert f"article-{newsroom['ny'].pk}" not in keys
        assert 0 < int(response["Surrogate-Control"].removeprefix("max-age=")) <= 86400
    assert again["X-Cache"] == "hit"


def key_of(url):
    return pagecache.page_key(RequestFactory().get(url))


def hold_lock(url):
    """As if another request were rendering the page at `url` right now."""
    cache.add(pagecache.lock_key(key_of(url)), 1, pagecache.LOCK_SECONDS)


def test_while_one_request_renders_a_changed_page_the_others_get_the_previous_copy(
    client, newsroom, django_capture_on_commit_callbacks
):
    url = newsroom["ma"].get_absolute_url()
    warm(client, {"ma": url})
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].dek = "A new summary line."
        newsroom["ma"].save()
    hold_lock(url)
    response = client.get(url)
    assert response["X-Cache"] == "stale" and "A new summary line." not in response.text
    assert response["Surrogate-Control"] == "max-age=0"  # for this reader only: no cache in front keeps it


def test_a_retracted_article_is_never_served_stale(client, newsroom, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(pagecache, "LOCK_SECONDS", 0.2)
    urls = {"ma": newsroom["ma"].get_absolute_url(), "home": "/", "patrick": newsroom["patrick"].get_absolute_url()}
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].status = "retracted"
        newsroom["ma"].save()
    for url in urls.values():
        hold_lock(url)  # someone else is rendering it: waited for, never the stale copy
        response = client.get(url)
        assert response["X-Cache"] != "stale", url
        assert "We will not sign onto it." not in response.text, url
    assert client.get(urls["ma"]).status_code == 410


def test_a_waiting_request_gets_the_page_the_renderer_stored(client, newsroom, monkeypatch):
    url = newsroom["ma"].get_absolute_url()
    rendered = client.get(url)
    entry = cache.get(key_of(url))
    cache.delete(key_of(url))
    hold_lock(url)
    real_sleep = time.sleep

    def renderer_finishes(seconds):
        # The other request stores its page and lets go of the lock while this one waits.
        cache.set(key_of(url), entry, 60)
        cache.delete(pagecache.lock_key(key_of(url)))
        real_sleep(seconds)

    monkeypatch.setattr(pagecache.time, "sleep", renderer_finishes)
    response = client.get(url)
    assert response["X-Cache"] == "hit" and response.content == rendered.content


def test_a_change_during_a_computation_is_kept_a_moment_at_most_and_a_hard_one_not_at_all(db):
    started = time.time_ns()
    dependencies.write(["article-5"])  # committed and invalidated while the value was computed
    _versions, seconds = dependencies.versions_for_storing({"article-5"}, started, read_before={})
    assert 0 < seconds <= dependencies.UNSURE_SECONDS
    dependencies.write(["article-7"], hard=["article-7"])  # a retraction, say
    assert dependencies.versions_for_storing({"article-5", "article-7"}, started, read_before={}) is None
    # Read before the computation began, the version is safe to store as it is.
    before = dependencies.versions(["article-6"])
    started = time.time_ns()
    assert dependencies.versions_for_storing({"article-6"}, started, read_before=before)[1] == math.inf


def test_a_page_computed_just_after_a_publication_is_stored_for_a_moment_then_for_good(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    url = pages(newsroom)["home"]
    warm(client, {"home": url})
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make.article("Just published", states=["NY"])
    # The page meets the new article's tag, invalidated a moment ago: what it read may predate
    # that, so it is kept a moment only, and readers asking meanwhile aren't each recomputing it.
    assert "Just published" in client.get(url).text
    response = client.get(url)
    assert response["X-Cache"] == "hit" and response["Surrogate-Control"] == "max-age=0"
    time.sleep(dependencies.UNSURE_SECONDS)
    assert client.get(url)["X-Cache"] == "miss"
    response = client.get(url)
    assert response["X-Cache"] == "hit" and int(response["Surrogate-Control"].removeprefix("max-age=")) > 60
    assert fresh.headline in response.text


def test_a_rolled_back_change_invalidates_nothing(client, newsroom, django_capture_on_commit_callbacks):
    from django.db import transaction

    urls = pages(newsroom)
    warm(client, urls)
    with (
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        newsroom["ma"].headline = "Never happened"
        newsroom["ma"].save()
        raise RuntimeError("the editor's save failed")
    assert states_of(client, urls) == dict.fromkeys(urls, "hit")


def test_a_page_whose_view_does_not_declare_all_it_shows_depends_on_all_content(
    client, newsroom, django_capture_on_commit_callbacks
):
    # The API filtered by a person: its filter's lookup declares the person, but the view
    # declares nothing else; any change to what readers see makes it stale.
    url = f"/api/v1/articles/?person={newsroom['patrick'].slug}"
    warm(client, {"api": url})
    assert "content" in client.get(url)["Surrogate-Key"].split()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].headline = "Patrick refuses the federal program"
        newsroom["ma"].save()
    assert "Patrick refuses the federal program" in client.get(url).text


def test_a_filter_form_changes_only_when_its_choices_do(client, make, newsroom, django_capture_on_commit_callbacks):
    budget, program = make.topic("Budget"), make.topic("Immigration")
    make.article("Budget talks resume", topics=[budget])
    url = "/articles/?state=NY"  # its form offers the topics with a published article
    warm(client, {"list": url})
    with django_capture_on_commit_callbacks(execute=True):
        make.article("More budget talks", topics=[budget])  # a topic offered already
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make.article("Secure Communities explained", topics=[program])  # a topic offered now
    response = client.get(url)
    assert response["X-Cache"] == "miss" and ">Immigration</option>" in response.text


def test_the_search_forms_filters_are_remembered_and_change_with_their_choices(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    budget, program = make.topic("Budget"), make.topic("Immigration")
    make.article("Budget talks resume", topics=[budget])
    url = "/search/?q=budget&state=NY"
    client.get(url)
    cache.delete_many([key_of(url)])  # the page itself rendered again, its filters remembered
    with CaptureQueriesContext(connection) as queries:
        rendered = client.get(url)
    assert ">Budget</option>" in rendered.text and ">Immigration</option>" not in rendered.text
    assert not [query for query in queries if 'FROM "articles_topic"' in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        make.article("Secure Communities explained", topics=[program])  # a topic offered now
    assert ">Immigration</option>" in client.get(url).text


def test_a_new_office_shows_on_the_state_page_that_lists_its_officials(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    url = "/states/new-york/"
    warm(client, {"new-york": url, "massachusetts": "/states/massachusetts/"})
    with django_capture_on_commit_callbacks(execute=True):
        make.position(newsroom["cuomo"], title="Governor", organization="State of New York", state=make.state("NY"))
    assert "Governor, State of New York" in client.get(url).text
    assert client.get("/states/massachusetts/")["X-Cache"] == "hit"


def test_scheduling_an_article_leaves_every_page_warm_and_its_moment_changes_only_its_pages(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    import time_machine

    urls = pages(newsroom)
    warm(client, urls)
    moment = timezone.now() + datetime.timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        make.article("Embargoed in New York", states=["NY"], published_at=moment)
    # Nothing readers see changed: every page is still a hit, and tells an HTTP cache in front
    # to keep it no later than the moment (for a request to come then and announce it).
    for name, url in urls.items():
        response = client.get(url)
        assert response["X-Cache"] == "hit", name
        assert 0 < int(response["Surrogate-Control"].removeprefix("max-age=")) <= 600, name
    with time_machine.travel(moment + datetime.timedelta(seconds=1), tick=False):
        # The first request after the moment announces it as a publication: the article's
        # lists and its state's pages change; what doesn't show it stays warm.
        with django_capture_on_commit_callbacks(execute=True):
            client.get(urls["ma"])
        assert "Embargoed in New York" in client.get("/articles/").text
        assert "Embargoed in New York" in client.get("/states/new-york/").text
        for name in ("ma", "patrick", "massachusetts"):
            assert client.get(urls[name])["X-Cache"] == "hit", name
        # Nothing is scheduled any more: pages may be kept by an HTTP cache as long as they last.
        assert int(client.get(urls["ma"])["Surrogate-Control"].removeprefix("max-age=")) > 600


def test_an_article_scheduled_on_another_server_goes_live_within_a_second(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    from articles import tallies

    warm(client, {"articles": "/articles/"})
    # Saved elsewhere: this process was not told (no check_again), and already checked.
    moment = timezone.now() + datetime.timedelta(seconds=1)
    make.article("Scheduled elsewhere", published_at=moment)
    dependencies.write({"schedule"})  # as the other server's commit does
    tallies._next_check = time.time() + tallies.RECHECK_SECONDS
    while timezone.now() < moment:
        time.sleep(0.05)
    deadline = time.time() + tallies.RECHECK_SECONDS + 0.5
    while True:
        with django_capture_on_commit_callbacks(execute=True):  # what an announcement commits
            text = client.get("/articles/").text
        if "Scheduled elsewhere" in text:
            break
        assert time.time() < deadline
        time.sleep(0.05)


# Searches: what a search shows of each result is current; which texts it finds may lag an edit
# of published text or a new article by at most search.FOUND_SECONDS; retracting shows at once.


def test_a_search_shows_an_edited_result_at_once_and_finds_edited_text_within_its_bound(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    import time_machine

    from articles import search

    with time_machine.travel(timezone.now(), tick=True) as clock:
        url = "/search/?q=program"
        assert newsroom["ma"].headline in client.get(url).content.decode()
        assert client.get(url)["X-Cache"] == "hit"
        clock.shift(search.FOUND_SECONDS * 3)  # with no edit, kept like any page
        assert client.get(url)["X-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):  # a result's headline
            newsroom["ma"].headline = "Patrick refuses the federal program"
            newsroom["ma"].save()
        assert "Patrick refuses the federal program" in client.get(url).content.decode()

        other = make.article("Budget talks stall", body="Nothing about it yet.")
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):  # a text that didn't match now does
            other.body = "The program comes up in the budget talks."
            other.save()
        edited = client.get(url)
        assert edited["X-Cache"] == "hit"  # an edit elsewhere: the search isn't redone at once,
        # and an HTTP cache in front keeps that copy no longer than the search's lag.
        assert int(edited["Surrogate-Control"].removeprefix("max-age=")) <= search.FOUND_SECONDS
        clock.shift(search.FOUND_SECONDS + 1)
        assert "Budget talks stall" in client.get(url).content.decode()
        assert client.get(url)["X-Cache"] == "hit"

        with django_capture_on_commit_callbacks(execute=True):  # retraction: gone at once
            other.status = "retracted"
            other.save()
        assert "Budget talks stall" not in client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):  # publication: found within the bound
            make.article("Program audit published", body="An audit.")
        found = client.get(url)
        assert "Program audit published" not in found.content.decode()
        assert int(found["Surrogate-Control"].removeprefix("max-age=")) <= search.FOUND_SECONDS
        clock.shift(search.FOUND_SECONDS + 1)
        assert "Program audit published" in client.get(url).content.decode()


def test_a_search_never_shows_late_what_was_unpublished_even_off_its_page(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    """Unpublishing is a hard invalidation: a search within its lag is redone at once, even when
    the article it found was not among the results shown (only counted)."""
    hidden = [make.article(f"Program note {n}", body="The program.") for n in range(6)]
    url = "/search/?q=program&type=quotes"  # the articles found are counted, not shown
    first = client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        hidden[0].status = "draft"
        hidden[0].save()
    again = client.get(url)
    assert again["X-Cache"] == "miss"
    assert again.content.decode() != first


def test_a_page_is_not_stored_past_the_expiry_of_what_it_shows(db, rf, settings):
    moment = time.time() + 5

    def view(request):
        dependencies.depends_on(dependencies.COMPLETE, "article-1")
        dependencies.expires(moment)
        from django.http import HttpResponse

        return HttpResponse("shown")

    middleware = pagecache.page_cache(view)
    middleware(rf.get("/somewhere/"))
    entry = cache.get(pagecache.page_key(rf.get("/somewhere/")))
    assert entry["until"] == moment
    assert set(entry["deps"]) == {"article-1", *dependencies.ALWAYS}


def test_a_statement_page_changes_with_its_appearances_and_nothing_else(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    words = "We will not sign onto it, not now and not in any later year."
    # Made as the fixture's stories are (their invalidations never run: a fresh version of `content`
    # would keep the first pages from being stored).
    again = make.article("Patrick repeats his refusal", states=["MA"])
    first = make.quote(newsroom["ma"], newsroom["patrick"], words)
    second = make.quote(again, newsroom["patrick"], words)
    first.refresh_from_db()
    statement = first.statement
    urls = pages(newsroom) | {
        "statement": statement.get_absolute_url(),
        "first": first.get_absolute_url(),
        "second": second.get_absolute_url(),
        "again": again.get_absolute_url(),
    }
    warm(client, urls)
    assert "The same words in 2 articles" in client.get(urls["statement"]).text
    # A draft saying it too is seen by no reader: nothing changes.
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(make.article("Draft repeating it", status="draft"), newsroom["patrick"], words)
    assert set(states_of(client, urls).values()) == {"hit"}
    # The other story's edit: only what shows it.
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ny"].headline = "Cuomo suspends the program"
        newsroom["ny"].save()
    assert client.get(urls["statement"])["X-Cache"] == "hit"
    # An appearance's article renamed: its statement page shows the new headline.
    with django_capture_on_commit_callbacks(execute=True):
        again.headline = "Patrick says it again"
        again.save()
    response = client.get(urls["statement"])
    assert response["X-Cache"] == "miss" and "Patrick says it again" in response.text
    warm(client, urls)
    # Unpublished: the appearance and the count go from its page, and the other quote's pages no
    # longer link to a statement published once.
    with django_capture_on_commit_callbacks(execute=True):
        again.status = "draft"
        again.save()
    response = client.get(urls["statement"])
    assert "The same words in 1 article<" in response.text and "Patrick says it again" not in response.text
    for name in ("first", "ma"):
        assert urls["statement"] not in client.get(urls[name]).text, name
    assert client.get(urls["ny"])["X-Cache"] == "hit"


def test_a_quote_saved_in_an_article_changes_the_company_of_everyone_quoted_in_it_and_no_one_else(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    urls = pages(newsroom)
    warm(client, urls)
    heffernan = make.person("Mary Beth Heffernan", state="MA")
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ma"], heffernan, "The program raises concerns.")
    patrick = client.get(urls["patrick"]).text
    assert "Mary Beth Heffernan" in patrick[patrick.index('id="company-heading"') :]
    # Cuomo is quoted in another article only: his page is still the copy it was.
    assert client.get(urls["cuomo"])["X-Cache"] == "hit"


def whom_they_quote(client, author, breakdown="gender"):
    page = client.get(author.get_absolute_url()).text
    section = page[page.index(f"author-sources-{breakdown}") :]
    return section[: section.index("</table>")]


def test_whom_an_author_quotes_shows_edits_of_their_quotes_people_and_offices_at_once(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    author, patrick = newsroom["author"], newsroom["patrick"]
    assert '<th scope="row">Not recorded</th><td class="num">1</td>' in whom_they_quote(client, author)
    assert client.get(author.get_absolute_url())["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        patrick.gender = "male"
        patrick.save()
    assert '<th scope="row">Male</th><td class="num">1</td>' in whom_they_quote(client, author)
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ma"], make.person("Mary Beth Heffernan", state="MA", gender="female"), "Concerns.")
    assert '<th scope="row">Female</th><td class="num">1</td>' in whom_they_quote(client, author)
    with django_capture_on_commit_callbacks(execute=True):
        make.position(patrick, title="Governor", start=(2007, 1, 1), level="state")
    assert '<th scope="row">State</th><td class="num">1</td>' in whom_they_quote(client, author, "level")
    # A quote in another author's article leaves the page as it was.
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ny"], newsroom["cuomo"], "Another concern.")
    assert client.get(author.get_absolute_url())["X-Cache"] == "hit"


def test_whom_an_outlet_quotes_shows_a_quote_in_its_articles_at_once_and_no_other(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    gazette = make.outlet("Gazette")
    newsroom["ma"].outlet = gazette
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].save()
    url = gazette.get_absolute_url()
    section = "outlet-sources-gender"
    assert '<th scope="row">Not recorded</th><td class="num">1</td>' in client.get(url).text.split(section, 1)[1]
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ny"], newsroom["cuomo"], "Another concern.")  # not the Gazette's
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ma"], newsroom["cuomo"], "Concerns of a neighbour.")
    page = client.get(url).text.split(section, 1)[1]
    assert '<th scope="row">Not recorded</th><td class="num">2</td>' in page


def test_choices_change_when_an_outlet_or_topic_gains_its_first_or_loses_its_last_published_article(
    make, django_capture_on_commit_callbacks
):
    """Read off the kept counts as they are recounted (articles/tallies.py): a topic added to a
    published article, taken away, an article moved to another outlet or unpublished."""

    def changed(tag, change):
        before = cache.get(dependencies.version_key(tag))
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return cache.get(dependencies.version_key(tag)) != before

    budget, courts = make.topic("Budget"), make.topic("Courts")
    globe, herald = make.outlet("Globe"), make.outlet("Herald")
    first = make.article("Budget talks", topics=[budget], outlet=globe)
    second = make.article("More budget talks", topics=[budget], outlet=globe)
    draft = make.article("Courts in draft", status="draft", topics=[budget], outlet=herald)
    assert not changed("topic-choices", lambda: draft.topics.add(courts))  # nobody sees a draft
    assert changed("topic-choices", lambda: first.topics.add(courts))  # offered now
    assert not changed("topic-choices", lambda: second.topics.add(courts))  # offered already
    assert not changed("topic-choices", lambda: second.topics.remove(budget))  # first keeps it offered
    assert changed("topic-choices", lambda: courts.articles.clear())  # from the topic's side: none left
    assert not changed("outlet-choices", lambda: first.topics.add(courts))

    def move(article, outlet):
        article.outlet = outlet
        article.save()

    assert changed("outlet-choices", lambda: move(second, herald))  # Herald offered now
    assert not changed("outlet-choices", lambda: move(second, herald))  # no move, no change
    assert changed("outlet-choices", lambda: move(first, herald))  # Globe has none left

    def unpublish(article):
        article.status = "draft"
        article.save()

    assert changed("topic-choices", lambda: unpublish(first))  # Budget's last published article
    assert not changed("topic-choices", lambda: first.topics.clear())  # a draft's topics
    assert changed("outlet-choices", lambda: unpublish(second))  # Herald's last


def test_sources_pages_show_a_change_of_group_at_once_and_lag_only_quotes_saved_anywhere(
    client, make, newsroom, django_capture_on_commit_callbacks
):
    """A quote saved anywhere changes `quote-list`: no /sources/ variant is recomputed for it
    (within articles/sources.SECONDS); a speaker's party, gender or state (`person-groups`)
    shows on every variant at once."""
    from articles import sources

    urls = {
        "all": "/sources/",
        "ma": "/sources/?state=MA",
        "author": f"/sources/?author={newsroom['author'].slug}",
        "csv": "/sources/party.csv",
    }
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ny"], newsroom["cuomo"], "Another thing said.")
        make.quote(newsroom["ma"], newsroom["patrick"], "And another.")
    for name, url in urls.items():
        response = client.get(url)
        assert response["X-Cache"] == "hit", name
        assert int(response["Surrogate-Control"].removeprefix("max-age=")) <= sources.SECONDS, name
    assert "Republican" not in client.get("/sources/").text
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["patrick"].party = "republican"
        newsroom["patrick"].save()
    assert states_of(client, urls) == dict.fromkeys(urls, "miss")
    assert "Republican" in client.get("/sources/").text
    assert "republican" in client.get(urls["csv"]).text.lower()
    with django_capture_on_commit_callbacks(execute=True):  # a name only: no group changed
        newsroom["patrick"].bio = "Governor."
        newsroom["patrick"].save()
    assert states_of(client, urls) == dict.fromkeys(urls, "hit")


def test_a_remembered_filter_value_follows_its_row(client, make, newsroom, django_capture_on_commit_callbacks):
    """?person=<slug> reads the person once (newsroom.filters.RememberedChoiceField), then remembers
    them until they change: renamed, no longer quoted in anything published, or newly quoted."""
    cuomo = newsroom["cuomo"]
    filtered = f"/quotes/?person={cuomo.slug}"
    assert client.get(filtered).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/articles/?person={cuomo.slug}").status_code == 200  # another list, the same row
    lookups = [
        query["sql"] for query in queries if 'FROM "people_person"' in query["sql"] and '"slug" =' in query["sql"]
    ]
    assert queries and not lookups
    with django_capture_on_commit_callbacks(execute=True):
        cuomo.name = "Andrew M. Cuomo"
        cuomo.save()
    assert 'value="Andrew M. Cuomo"' in client.get(filtered).text
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ny"].status = "draft"
        newsroom["ny"].save()
    refused = client.get(filtered)
    assert refused.status_code == 400 and "Nobody by the name" in refused.text
    newcomer = make.person("Kathy Hochul", state="NY")
    assert client.get(f"/quotes/?person={newcomer.slug}").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ma"], newcomer, "A new voice.")
    found = client.get(f"/quotes/?person={newcomer.slug}")
    assert found.status_code == 200 and "A new voice." in found.text
    # A topic and an author the same way, as their last published article goes.
    topic = make.topic("Immigration")
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].topics.add(topic)
    by_topic, by_author = f"/articles/?topic={topic.slug}", f"/articles/?author={newsroom['author'].slug}"
    assert client.get(by_topic).status_code == 200 and client.get(by_author).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].status = "draft"
        newsroom["ma"].save()
    assert client.get(by_topic).status_code == 400 and client.get(by_author).status_code == 400


def sources_section(page, breakdown, prefix="sources"):
    """The table of one breakdown of a Sources page (or an author's or outlet's section)."""
    section = page[page.index(f'id="{prefix}-{breakdown}"') :]
    return section[: section.index("</table>")]


def test_the_sources_page_remembered_without_the_page_cache_shows_new_quotes_offices_and_groups(
    client, make, newsroom, settings, django_capture_on_commit_callbacks
):
    """As the benchmark serves it: no page cache, its charts and tables remembered (articles/
    sources.rendered) until a quote, an office or a speaker's group they count changes."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    patrick = newsroom["patrick"]
    for url, quoted in (("/sources/", 2), ("/sources/?state=MA", 1)):
        page = client.get(url).text
        assert f'<th scope="row">Not recorded</th><td class="num">{quoted}</td>' in sources_section(page, "gender")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).text == page, url
        assert len(queries) == 0, url  # the state too, remembered (newsroom.filters.RememberedChoiceField)
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(newsroom["ma"], patrick, "We said it once more.")
    page = client.get("/sources/?state=MA").text
    assert '<th scope="row">Not recorded</th><td class="num">2</td>' in sources_section(page, "gender")
    with django_capture_on_commit_callbacks(execute=True):
        make.position(patrick, title="Governor", start=(2007, 1, 1), level="state", state=patrick.state)
    assert '<th scope="row">State</th>' in sources_section(client.get("/sources/?state=MA").text, "level")
    with django_capture_on_commit_callbacks(execute=True):
        patrick.gender = "female"
        patrick.save()
    page = client.get("/sources/").text
    assert '<th scope="row">Female</th><td class="num">2</td>' in sources_section(page, "gender")
    assert '<th scope="row">Not recorded</th><td class="num">1</td>' in sources_section(page, "gender")


def test_compare_remembered_without_the_page_cache_shows_new_and_edited_quotes_and_names(
    client, make, newsroom, settings, django_capture_on_commit_callbacks
):
    """/compare/'s counts and quotes are remembered (articles.views.compare_results) until what
    they show changes: a quote of one of the people, an edit of one shown, a name."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    patrick, cuomo = newsroom["patrick"], newsroom["cuomo"]
    url = f"/compare/?people={patrick.slug},{cuomo.slug}"
    page = client.get(url).text
    assert "We will not sign onto it." in page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).text == page
    assert len(queries) == 0  # the people too, looked up once (newsroom.filters.remembered_row)
    with django_capture_on_commit_callbacks(execute=True):
        quote = make.quote(newsroom["ma"], patrick, "A second thing said in Boston.")
    page = client.get(url).text
    assert "A second thing said in Boston." in page
    assert '<th scope="row">All years</th><td class="num"><a href="/quotes/?person=' in page
    assert f'{patrick.slug}">2</a>' in page
    with django_capture_on_commit_callbacks(execute=True):
        quote.text = "A second thing, said again in Boston."
        quote.save()
    assert "A second thing, said again in Boston." in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        cuomo.name = "Andrew M. Cuomo"
        cuomo.save()
    assert client.get(url).text.count("Andrew M. Cuomo") >= 3  # the heading, the counts, the quotes
    # The form, remembered too, offers a topic once it has a published article.
    courts = make.topic("Courts")
    assert ">Courts</option>" not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ny"].topics.add(courts)
    assert ">Courts</option>" in client.get(url).text


def test_a_statement_page_remembered_without_the_page_cache_shows_its_changes(
    client, make, newsroom, settings, django_capture_on_commit_callbacks
):
    """The statement, its first appearance and the office then are remembered (articles.views.
    statement_head) until one of them changes, or the statement's count or first appearance."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    patrick = newsroom["patrick"]
    words = "We will not sign onto it, not now and not in any later year."
    first = make.quote(newsroom["ma"], patrick, words, said_on=datetime.date(2011, 6, 6))
    make.quote(make.article("Patrick repeats his refusal", states=["MA"]), patrick, words)
    first.refresh_from_db()
    url = first.statement.get_absolute_url()
    page = client.get(url).text
    assert "The same words in 2 articles" in page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).text == page
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        make.quote(make.article("Patrick, a third time", states=["MA"]), patrick, words)
    assert "The same words in 3 articles" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["ma"].headline = "Patrick refuses the federal program"
        newsroom["ma"].save()
    assert "First reported in <cite><a" in client.get(url).text
    assert "Patrick refuses the federal program" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        make.position(patrick, title="Governor", start=(2007, 1, 1), state=patrick.state)
    assert '<span class="title">Governor</span>' in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        patrick.name = "Deval L. Patrick"
        patrick.save()
    assert "<title>Deval L. Patrick: “We will not sign" in client.get(url).text
    # No longer published anywhere: gone at once.
    with django_capture_on_commit_callbacks(execute=True):
        for quote in first.statement.quotes.all():
            quote.article.status = "draft"
            quote.article.save()
    assert client.get(url).status_code == 404
