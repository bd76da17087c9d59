"""The counts readers see (articles/tallies.py) follow every change, as if recounted from scratch."""

import datetime
import random
import threading
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import tallies
from articles.models import (
    Article,
    Byline,
    MonthlyQuoteCount,
    Outlet,
    Quote,
    SourceCount,
    SourcePairCount,
    Tally,
    Topic,
)
from people.models import Author, Person, Position, State, count_of
from tests.concurrency import in_another_connection, needs_postgresql
from tests.conftest import aware

# The speaker's groups each kept row carries (articles.models.SpeakerGroups), and on a quote.
GROUPS = ("party", "gender", "state")
SPEAKER_GROUPS = tuple(f"speaker__{name}" for name in GROUPS)


def recounted():
    """Every tally, counted over the whole archive through the readers' gate (as the pages did)."""
    quotes = Quote.objects.published()
    people = {p.pk: [p.n, 0] for p in Person.objects.annotate(n=count_of(quotes, "speaker"))}
    # The published articles quoting each person, counted from the rows themselves.
    for article in Article.objects.published().prefetch_related("quotes"):
        for speaker in {quote.speaker_id for quote in article.quotes.all()}:
            people[speaker][1] += 1
    months = Counter()
    for row in (
        quotes.order_by()
        .annotate(month=TruncMonth("said_on"))
        .values("speaker", "month", "said_on_precision", *SPEAKER_GROUPS)
        .annotate(n=Count("pk"))
    ):
        if row["n"]:
            key = (row["speaker"], row["month"], row["month"] is not None and row["said_on_precision"] == "year")
            months[(*key, *(row[name] for name in SPEAKER_GROUPS))] += row["n"]
    public = Person.objects.filter(Exists(quotes.filter(speaker=OuterRef("pk"))))
    covered = Article.states.through.objects.filter(article__in=Article.objects.published())
    published = Article.objects.published()
    # Involved: covered, or the home state of someone quoted in it (from the rows themselves).
    involved = Counter()
    for article in published.prefetch_related("states", "quotes__speaker"):
        states_of = {state.pk for state in article.states.all()}
        states_of |= {quote.speaker.state_id for quote in article.quotes.all() if quote.speaker.state_id}
        involved.update(states_of)
    states = {
        s.pk: [s.n_people, s.n_articles, involved[s.pk]]
        for s in State.objects.annotate(n_people=count_of(public, "state"), n_articles=count_of(covered, "state"))
    }
    outlets = dict(Outlet.objects.annotate(n=count_of(published, "outlet")).values_list("pk", "n"))
    tagged = Article.topics.through.objects.filter(article__in=published)
    topics = dict(Topic.objects.annotate(n=count_of(tagged, "topic")).values_list("pk", "n"))
    bylines = Byline.objects.filter(article__in=published)
    authors = dict(Author.objects.annotate(n=count_of(bylines, "author")).values_list("pk", "n"))
    tallies = {"people": people, "months": dict(months), "states": states, "outlets": outlets, "topics": topics}
    return tallies | {"authors": authors, "articles": published.count(), "sources": recounted_sources(quotes)}


def recounted_sources(quotes):
    """SourceCount and SourcePairCount as they should be: each published quote in its article's
    outlet, topics and authors, and its outlet with each topic, in its month and in the whole, by
    the level of the office its speaker held as it was said."""
    found = Counter()
    quotes = quotes.select_related("article").prefetch_related(
        "speaker__positions", "article__topics", "article__bylines"
    )
    for quote in quotes:
        position = quote.speaker.position_on(quote.said_on) if quote.said_on else None
        level = position.level if position else ""
        month = quote.said_on.replace(day=1) if quote.said_on else None
        sources = [("outlet", quote.article.outlet_id)] if quote.article.outlet_id else []
        sources += [("topic", topic.pk) for topic in quote.article.topics.all()]
        sources += [("author", byline.author_id) for byline in quote.article.bylines.all()]
        if quote.article.outlet_id:  # SourcePairCount: its outlet with each of its topics
            sources += [("pair", (quote.article.outlet_id, topic.pk)) for topic in quote.article.topics.all()]
        groups = (quote.speaker.party, quote.speaker.gender, quote.speaker.state_id)
        for source in sources:
            found[(*source, quote.speaker_id, month, False, level, *groups)] += 1
            found[(*source, quote.speaker_id, None, True, level, *groups)] += 1
    return dict(found)


def stored_sources():
    found = Counter()
    rows = SourceCount.objects.values_list(
        "outlet", "topic", "author", "person", "month", "whole", "level", *GROUPS, "count"
    )
    for outlet, topic, author, person, month, whole, level, *groups, n in rows:
        source = ("outlet", outlet) if outlet else ("topic", topic) if topic else ("author", author)
        found[(*source, person, month, whole, level, *groups)] += n
    pairs = SourcePairCount.objects.values_list(
        "outlet", "topic", "person", "month", "whole", "level", *GROUPS, "count"
    )
    for outlet, topic, person, month, whole, level, *groups, n in pairs:
        found[("pair", (outlet, topic), person, month, whole, level, *groups)] += n
    return dict(found)


def stored_months():
    """MonthlyQuoteCount by person, month, year_only and the person's groups (its levels added up)."""
    found = Counter()
    for *key, n in MonthlyQuoteCount.objects.values_list("person", "month", "year_only", *GROUPS, "count"):
        found[tuple(key)] += n
    return dict(found)


def stored():
    """Every tally as kept."""
    return {
        "people": {
            pk: counts
            for pk, *counts in Person.objects.values_list("pk", "published_quote_count", "published_article_count")
        },
        "months": stored_months(),
        "states": {
            pk: counts
            for pk, *counts in State.objects.values_list(
                "pk", "public_person_count", "public_article_count", "involved_article_count"
            )
        },
        "outlets": dict(Outlet.objects.values_list("pk", "public_article_count")),
        "topics": dict(Topic.objects.values_list("pk", "public_article_count")),
        "authors": dict(Author.objects.values_list("pk", "public_article_count")),
        "articles": Tally.value(Tally.PUBLISHED_ARTICLES),
        "sources": stored_sources(),
    }


def differences(kept, counted):
    return {
        kind: {
            k: (kept[kind].get(k), counted[kind].get(k))
            for k in kept[kind].keys() | counted[kind].keys()
            if kept[kind].get(k) != counted[kind].get(k)
        }
        for kind in kept
    }


def counts(person):
    person.refresh_from_db()
    return person.published_quote_count


def state_counts(code):
    return State.objects.filter(pk=code).values_list("public_person_count", "public_article_count").get()


def test_a_quote_counts_once_its_article_is_published(make):
    person = make.person(state="VT")
    draft = make.article(status="draft", states=["VT"])
    make.quote(draft, person, said_on=datetime.date(2011, 6, 3))
    assert counts(person) == 0 and state_counts("VT") == (0, 0)
    assert not Person.objects.public().filter(pk=person.pk).exists()

    draft.status = "published"
    draft.save()
    assert counts(person) == 1 and state_counts("VT") == (1, 1)
    assert list(person.monthly_quote_counts.values_list("month", "count")) == [(datetime.date(2011, 6, 1), 1)]
    assert stored() == recounted()


def test_adding_and_deleting_quotes(make):
    person = make.person(state="VT")
    article = make.article()
    first = make.quote(article, person)
    make.quote(article, person, said_on=None, said_on_precision="year")
    assert counts(person) == 2 and state_counts("VT") == (1, 0)
    first.delete()
    assert counts(person) == 1
    Quote.objects.filter(speaker=person).delete()
    assert counts(person) == 0 and state_counts("VT") == (0, 0)
    assert stored() == recounted()


def test_moving_a_quote_to_another_speaker_or_month(make):
    pat, lee = make.person(state="VT"), make.person(state="NH")
    quote = make.quote(make.article(), pat, said_on=datetime.date(2011, 6, 3))
    quote.speaker = lee
    quote.save()
    assert (counts(pat), counts(lee)) == (0, 1)
    assert (state_counts("VT"), state_counts("NH")) == ((0, 0), (1, 0))
    quote.said_on = datetime.date(2012, 1, 9)
    quote.save()
    assert list(lee.monthly_quote_counts.values_list("month", "count")) == [(datetime.date(2012, 1, 1), 1)]
    quote.article = make.article(status="draft")
    quote.save()
    assert counts(lee) == 0
    assert stored() == recounted()


def test_a_quote_said_in_the_last_month_a_date_can_hold_is_counted(make):
    """December 9999: the month after it (how the quotes of a month were found) overflowed, a 500 on saving."""
    person = make.person(state="VT")
    make.quote(make.article(), person, said_on=datetime.date(9999, 12, 31))
    make.quote(make.article(), person, said_on=datetime.date(9999, 12, 1))
    assert counts(person) == 2
    assert list(person.monthly_quote_counts.values_list("month", "count")) == [(datetime.date(9999, 12, 1), 2)]
    assert stored() == recounted()


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"status": "review"},
        {"status": "retracted"},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},  # moved to the future: scheduled
    ],
)
def test_unpublishing_retracting_or_rescheduling_takes_the_counts_away(make, change):
    person = make.person(state="VT")
    article = make.article(states=["VT", "NH"])
    make.quote(article, person)
    assert counts(person) == 1 and state_counts("NH") == (0, 1)
    for field, value in change.items():
        setattr(article, field, value)
    article.save()
    assert counts(person) == 0 and state_counts("VT") == (0, 0) and state_counts("NH") == (0, 0)
    assert not person.monthly_quote_counts.exists()
    assert stored() == recounted()


def test_an_edit_readers_cannot_see_counts_nothing(make):
    article = make.article(status="draft")
    make.quote(article, make.person())
    article.headline = "Still a draft"
    with CaptureQueriesContext(connection) as queries:
        article.save()
    tallied = ("people_person", "people_state", "articles_monthlyquotecount")
    assert not [q["sql"] for q in queries.captured_queries if any(table in q["sql"] for table in tallied)]


def test_deleting_an_article(make):
    person = make.person(state="VT")
    article = make.article(states=["VT"])
    make.quote(article, person)
    article.delete()
    assert counts(person) == 0 and state_counts("VT") == (0, 0)
    other = make.article(states=["NH"])
    make.quote(other, person)
    Article.objects.all().delete()  # from a query too
    assert counts(person) == 0 and state_counts("NH") == (0, 0)
    assert stored() == recounted()


def test_a_person_who_moves_takes_their_count_along(make):
    person = make.person(state="VT")
    make.quote(make.article(), person)
    person.state = State.objects.get(pk="NH")
    person.save()
    assert (state_counts("VT"), state_counts("NH")) == ((0, 0), (1, 0))
    person.state = None
    person.save(update_fields=["state"])
    assert state_counts("NH") == (0, 0)
    assert stored() == recounted()


def test_saving_a_person_loaded_before_their_quotes_keeps_the_counts(make):
    person = make.person()
    stale = Person.objects.get(pk=person.pk)
    make.quote(make.article(), person)
    stale.bio = "Edited in the admin, opened before the quote was added."
    stale.save()
    assert counts(person) == 1
    stale_state = State.objects.get(pk="MA")
    make.article(states=["MA"])
    stale_state.save()
    assert state_counts("MA") == (1, 1)


def test_covered_states_both_ways(make):
    article = make.article()
    draft = make.article(status="draft")
    article.states.set(State.objects.filter(pk__in=["VT", "NH"]))
    draft.states.add(State.objects.get(pk="ME"))
    assert [state_counts(c)[1] for c in ("VT", "NH", "ME")] == [1, 1, 0]
    article.states.remove(State.objects.get(pk="NH"))
    assert state_counts("NH") == (0, 0)
    article.states.clear()
    assert state_counts("VT") == (0, 0)
    maine = State.objects.get(pk="ME")
    maine.articles.add(article)
    assert state_counts("ME") == (0, 1)
    maine.articles.clear()
    assert state_counts("ME") == (0, 0)
    assert stored() == recounted()


def test_a_rolled_back_change_leaves_the_counts_as_they_were(make):
    person = make.person(state="VT")
    article = make.article(states=["VT"])
    make.quote(article, person)
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        make.quote(article, person)
        article.status = "retracted"
        article.save()
        assert counts(person) == 0
        raise RuntimeError
    assert stored() == before == recounted()


@pytest.fixture
def clock(db):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_a_scheduled_article_counts_once_its_moment_passes(make, clock, client):
    person = make.person(state="VT")
    article = make.article(published_at=timezone.now() + datetime.timedelta(hours=1), states=["VT"])
    make.quote(article, person)
    assert counts(person) == 0 and state_counts("VT") == (0, 0)
    assert client.get(person.get_absolute_url()).status_code == 404

    clock.shift(datetime.timedelta(hours=2))
    # Nothing was saved: the first request after the moment counts it, before the page is made.
    assert client.get(person.get_absolute_url()).status_code == 200
    assert counts(person) == 1 and state_counts("VT") == (1, 1)
    assert Article.objects.get(pk=article.pk).counted
    assert tallies.go_live() == []  # once only
    assert stored() == recounted()


def test_go_live_counts_what_is_due_and_nothing_else(make, clock):
    person = make.person()
    soon = make.article(published_at=timezone.now() + datetime.timedelta(minutes=5))
    later = make.article(published_at=timezone.now() + datetime.timedelta(days=5))
    make.quote(soon, person)
    make.quote(later, person)
    assert tallies.go_live() == []
    clock.shift(datetime.timedelta(minutes=10))
    assert tallies.next_to_go_live() == soon.published_at
    assert tallies.go_live() == [soon.pk]
    assert counts(person) == 1
    assert tallies.next_to_go_live() == later.published_at
    clock.shift(datetime.timedelta(days=5))
    call_command("go_live", verbosity=0)  # what cron runs
    assert counts(person) == 2 and tallies.next_to_go_live() is None
    assert stored() == recounted()


def test_going_live_announces_the_articles_to_the_caches(make, clock, monkeypatch):
    announced = []
    monkeypatch.setattr(tallies, "_announce", lambda articles, using: announced.append(articles))
    article = make.article(published_at=timezone.now() + datetime.timedelta(minutes=5))
    clock.shift(datetime.timedelta(minutes=10))
    tallies.go_live()
    assert announced == [[article.pk]]


def test_refresh_tallies_recounts_everything(make):
    person = make.person()
    make.quote(make.article(states=["VT"]), person)
    Person.objects.update(published_quote_count=7)
    State.objects.update(public_person_count=3, public_article_count=3)
    MonthlyQuoteCount.objects.all().delete()
    Article.objects.update(counted=False)
    call_command("refresh_tallies", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert stored() == recounted()
    assert Article.objects.filter(counted=True).count() == 1


def test_the_generated_archive_has_its_tallies(db):
    with open("/dev/null", "w") as out:
        call_command("generate_archive", articles=40, people=12, quotes=150, seed=94, stdout=out)
    assert stored() == recounted()
    assert Person.objects.public().exists()


@pytest.mark.parametrize("seed", [14, 15, 16])
def test_any_sequence_of_changes_matches_a_full_recount(make, clock, seed):
    rng = random.Random(seed)  # noqa: S311 - a reproducible sequence
    people = [make.person(state=code) for code in ("VT", "NH", "ME", "VT", None)]
    codes = ["VT", "NH", "ME", "MA"]
    articles = [make.article(status=rng.choice(["published", "draft"]), states=codes[:2]) for _ in range(4)]
    topics = [make.topic() for _ in range(3)]
    outlets = [Outlet.objects.create(name=f"Outlet {n}", slug=f"outlet-{n}") for n in range(2)]
    authors = [make.author(f"Author {n}") for n in range(3)]
    quotes = []
    for step in range(120):
        action = rng.randrange(10)
        if action <= 2 or not quotes:
            quotes.append(
                make.quote(
                    rng.choice(articles),
                    rng.choice(people),
                    said_on=rng.choice([None, datetime.date(2010, rng.randint(1, 12), 1)]),
                    said_on_precision=rng.choice(["day", "month", "year"]),
                )
            )
        elif action == 3:
            quotes.pop(rng.randrange(len(quotes))).delete()
        elif action == 4:
            quote = rng.choice(quotes)
            quote.speaker, quote.article = rng.choice(people), rng.choice(articles)
            quote.said_on = datetime.date(2011, rng.randint(1, 12), 3)
            quote.save()
        elif action == 5:
            article = rng.choice(articles)
            article.status = rng.choice(["published", "draft", "review", "retracted"])
            article.published_at = timezone.now() + datetime.timedelta(hours=rng.choice([-30, -1, 1, 30]))
            if article.status != "published" and rng.random() < 0.3:
                article.published_at = None  # its quotes saved now stay undated until it has a date
            article.save()
        elif action == 6:
            article = rng.choice(articles)
            article.states.set(State.objects.filter(pk__in=rng.sample(codes, 2)))
            article.topics.set(rng.sample(topics, rng.randint(0, 2)))
            if rng.random() < 0.5:
                rng.choice(topics).articles.remove(rng.choice(articles))
            article.outlet = rng.choice([*outlets, None])
            article.save()
            if rng.random() < 0.5:  # new bylines, or one moved to another author
                Byline.objects.filter(article=article).delete()
                for position, author in enumerate(rng.sample(authors, rng.randint(0, 2))):
                    Byline.objects.create(article=article, author=author, position=position)
            elif byline := Byline.objects.filter(article=article).first():
                others = [a for a in authors if not Byline.objects.filter(article=article, author=a).exists()]
                if others:
                    byline.author = rng.choice(others)
                    byline.save()
        elif action == 7:
            person = rng.choice(people)
            person.state_id = rng.choice([*codes, None])
            if rng.random() < 0.5:  # and their party or gender (the groups their kept rows carry)
                person.party, person.gender = rng.choice(["", "democratic", "green"]), rng.choice(["", "female"])
            person.save()
            if rng.random() < 0.5:  # an office taken up, given up or its dates moved: the level quotes were said in
                if (position := person.positions.first()) and rng.random() < 0.5:
                    # Left office, back in it, or left at another date; or moved altogether.
                    position.end_date = rng.choice(
                        [None, datetime.date(rng.choice([2010, 2011]), rng.randint(1, 12), 28)]
                    )
                    if rng.random() < 0.5 or (position.end_date or datetime.date.max) < position.start_date:
                        position.start_date = datetime.date(rng.choice([2010, 2011]), rng.randint(1, 12), 1)
                        if position.end_date and position.end_date < position.start_date:
                            position.start_date, position.end_date = position.end_date, position.start_date
                        position.person = rng.choice(people)  # (an editor's correction: someone else's office)
                    position.save()
                elif position:
                    position.delete()
                else:
                    start = (rng.choice([2010, 2011]), rng.randint(1, 12), 1)
                    make.position(person, start=start, level=rng.choice(["federal", "state", "local"]))
        elif action == 8:
            clock.shift(datetime.timedelta(hours=2))
            tallies.go_live()
        elif action == 9 and len(articles) > 2:
            doomed = articles.pop(rng.randrange(len(articles)))
            quotes = [q for q in quotes if q.article_id != doomed.pk]
            doomed.delete()
            articles.append(make.article(status="published", states=[rng.choice(codes)]))
        # Scheduled articles whose moment passed count once go_live() runs: compare after it.
        if step % 10 == 9:
            tallies.go_live()
            assert stored() == recounted(), (step, action, differences(stored(), recounted()))
    tallies.go_live()
    assert stored() == recounted()
    # Offices carry their holder's party and gender as the holder's are now (Position.holder_party).
    assert Position.objects.exists()
    assert not Position.objects.exclude(holder_party=F("person__party"), holder_gender=F("person__gender")).exists()


def test_published_quote_counts_are_what_readers_see(make):
    """The readers' querysets read the kept counts."""
    person = make.person(state="VT")
    make.quote(make.article(states=["VT"]), person)
    make.quote(make.article(status="draft"), person)
    assert list(Person.objects.public().with_quote_count().values_list("pk", "quote_count")) == [(person.pk, 1)]
    vermont = State.objects.with_counts().get(pk="VT")
    assert (vermont.person_count, vermont.article_count) == (1, 1)


def test_a_scheduled_article_saved_here_is_looked_for(make, clock):
    tallies._next_check = float("inf")
    make.article(published_at=aware(2100, 1, 1))
    assert tallies._next_check == 0.0
    tallies.go_live_when_due()
    soon = timezone.now().timestamp() + tallies.RECHECK_SECONDS
    assert tallies._next_check == min(aware(2100, 1, 1).timestamp(), soon)


# -- Two transactions at once (PostgreSQL) -----------------------------------------------------------


@needs_postgresql
def test_two_transactions_quoting_one_person_at_once_are_both_counted(transactional_db, make):
    person = make.person(state=None)  # (a transactional test's database has no states)
    first, second = make.article(), make.article()
    # The other transaction counts its quote and keeps the person locked; this one's count waits
    # for it, then counts both (a count taken before it committed would miss one).
    with in_another_connection(lambda: make.quote(first, person)):
        make.quote(second, person)
    assert counts(person) == 2 and person.monthly_quote_counts.get().count == 2


@needs_postgresql
def test_a_scheduled_article_is_counted_by_one_process_only(transactional_db, make):
    person = make.person(state=None)
    article = make.article(published_at=timezone.now() + datetime.timedelta(seconds=1))
    make.quote(article, person)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    taken, release, found = threading.Event(), threading.Event(), []

    def other_process():
        try:
            with transaction.atomic():
                found.append(tallies.go_live())
                taken.set()
                release.wait(30)
        finally:
            taken.set()
            connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    try:
        assert taken.wait(30)
        assert tallies.go_live() == []  # taken by the other: skipped, not waited for
    finally:
        release.set()
        thread.join(30)
    assert found == [[article.pk]]
    assert counts(person) == 1 and tallies.go_live() == []


def test_many_articles_going_live_at_once(make, clock):
    people = [make.person(state=code) for code in ("VT", "NH")]
    moment = timezone.now() + datetime.timedelta(minutes=5)
    for day in range(1, 130):
        article = make.article(published_at=moment, states=["VT"])
        for person in people:
            make.quote(article, person, said_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=day * 31))
    clock.shift(datetime.timedelta(minutes=10))
    assert len(tallies.go_live()) == 129
    assert stored() == recounted()
    assert counts(people[0]) == 129 and state_counts("VT") == (1, 129)


def test_with_the_database_down_the_check_is_the_requests_error_and_made_again(monkeypatch, client, clock):
    def down(now, using="default"):
        raise OperationalError("the database is unreachable")

    monkeypatch.setattr(tallies, "_next_moment", down)
    tallies.check_again()
    client.raise_request_exception = False
    response = client.get("/")  # the page needs the database too: the friendly 503, at once
    assert response.status_code == 503 and response["Retry-After"]
    assert tallies._next_check == 0  # checked again on the next request


def test_the_quote_list_total_is_the_sum_of_the_kept_counts(client, make):
    first, second = make.person(), make.person()
    published = make.article()
    make.quote(published, first)
    make.quote(published, second)
    draft = make.article(status="draft")
    make.quote(draft, first)
    make.article(published_at=timezone.now() + datetime.timedelta(days=1))  # scheduled, no quote
    total = Quote.objects.published().count()
    assert Person.objects.published_quote_total() == total == 2
    assert client.get("/quotes/").context["page"].paginator.count == total
    # Filtered, it is counted as before.
    assert client.get("/quotes/?kind=paraphrase").context["page"].paginator.count == 0


def test_quotes_by_one_person_or_state_read_the_kept_counts(client, make):
    vermonter, other, texan = make.person(state="VT"), make.person(state="VT"), make.person(state="TX")
    published = make.article()
    make.quote(published, vermonter)
    make.quote(published, vermonter)
    make.quote(published, other)
    make.quote(published, texan)
    make.quote(make.article(status="draft"), vermonter)  # not counted
    scheduled = make.article(published_at=timezone.now() + datetime.timedelta(days=1))
    make.quote(scheduled, other)  # not yet
    cases = {"/quotes/?state=VT": 3, f"/quotes/?person={vermonter.slug}": 2, "/quotes/?state=TX": 1}
    assert_read_not_counted(client, cases, "articles_quote")
    assert_counted(client, f"/quotes/?state=VT&person={vermonter.slug}", 2)  # combined with another filter


def assert_read_not_counted(client, cases, table):
    """Each list of `cases` ({url: length}) has that length, shown in full, and no COUNT of `table` ran."""
    for url, expected in cases.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.context["page"].paginator.count == expected, url
        assert len(response.context["page"].object_list) == expected, url
        assert not [q for q in queries if "COUNT(" in q["sql"] and f'"{table}"' in q["sql"]], url


def assert_counted(client, url, expected):
    """The list at `url` has `expected` rows, counted by a COUNT; its response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.context["page"].paginator.count == expected
    assert [q for q in queries if "COUNT(" in q["sql"]]
    return response


@pytest.mark.parametrize("kind", ["topic", "outlet"])
def test_renaming_a_topic_or_outlet_loaded_before_an_article_keeps_its_count(make, kind):
    named = getattr(make, kind)("Roads")
    make.article(**({"topics": [named]} if kind == "topic" else {"outlet": named}))
    loaded = type(named).objects.get(pk=named.pk)  # as the admin's form loads it
    make.article(**({"topics": [named]} if kind == "topic" else {"outlet": named}))
    loaded.name = "Roads and bridges"
    loaded.save()  # writes every field back, the count it was loaded with too: recounted
    named.refresh_from_db()
    assert named.public_article_count == 2


def test_a_list_filtered_by_one_person_state_author_topic_or_outlet_reads_its_kept_count(client, make):
    vermonter = make.person(state="VT")
    topic = make.topic()
    outlet = Outlet.objects.create(name="The Outlet", slug="the-outlet")
    author = make.author()
    covered = make.article(states=["VT"], topics=[topic], authors=[author])
    quoting = make.article(outlet=outlet)
    make.quote(quoting, vermonter)  # involves Vermont through its speaker
    make.quote(quoting, vermonter)  # quoted twice in one article: one article
    make.quote(make.article(status="draft", states=["VT"]), vermonter)  # not counted
    make.article(states=["NH"], topics=[topic])
    cases = {
        "/articles/?state=VT": 2,
        f"/articles/?person={vermonter.slug}": 1,
        f"/articles/?author={author.slug}": 1,
        f"/articles/?topic={topic.slug}": 2,
        "/articles/?outlet=the-outlet": 1,
    }
    assert_read_not_counted(client, cases, "articles_article")
    response = assert_counted(client, f"/articles/?state=VT&topic={topic.slug}", 1)  # combined with another filter
    assert covered in response.context["page"].object_list
