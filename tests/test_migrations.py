"""An archive of any age migrates: the migrations that fill kept counts read and write the tables
as they were at that point (historical models), never through today's code and models."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles import richtext, tallies
from articles.models import Article, MonthlyQuoteCount, body_fingerprint
from people.models import Person, Position, office_level
from tests.test_tallies import recounted, stored

# The first migration that fills kept counts from the archive (articles/tallies.py came with it).
FIRST_FILL = ("articles", "0011_tallies")


def migrated_to(targets):
    """Migrate the test database to `targets` (nodes); the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor = MigrationExecutor(connection)  # (the migrations now applied, read again)
    return executor.loader.project_state(targets, at_end=True).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def kept():
    """stored() (every kept count) and the people's totals by level of office."""
    levels = Person.objects.values_list("pk", "federal_quote_count", "state_quote_count", "local_quote_count")
    return stored() | {"levels": {pk: counts for pk, *counts in levels}}


def body_of(slug):
    """A plain-text body as articles had them then: paragraphs, curly quotes, characters to escape."""
    return f"On {slug}, “it passed” & <nobody> objected.\r\n\r\nA second ‘paragraph’.\n\n\n"


def archive(apps):
    """A small archive as the tables were before the tallies: people with offices of each level,
    published, draft, retracted and scheduled articles with outlets, topics, authors and states,
    quotes dated to the day, known to the year, and undated."""
    get = apps.get_model
    State, Person, Position, Author = (get("people", name) for name in ("State", "Person", "Position", "Author"))
    Article, Quote, Byline, InvolvedState, Outlet, Topic = (
        get("articles", name) for name in ("Article", "Quote", "Byline", "InvolvedState", "Outlet", "Topic")
    )
    ma, vt = State.objects.get(code="MA"), State.objects.get(code="VT")

    def person(name, state, party):
        return Person.objects.create(name=name, slug=name.lower(), sort_name=name, state=state, party=party)

    governor = person("Governor", ma, "democratic")
    Position.objects.create(
        person=governor,
        title="Mayor",
        organization="City of Boston",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2014, 1, 1),
        end_precision="year",
    )
    Position.objects.create(
        person=governor,
        title="Governor",
        organization="Commonwealth of Massachusetts",
        start_date=datetime.date(2015, 1, 8),
    )
    senator = person("Senator", vt, "independent")
    Position.objects.create(person=senator, title="U.S. Senator", start_date=datetime.date(2007, 1, 3))
    resident = person("Resident", None, "")  # quoted in a draft only
    outlet = Outlet.objects.create(name="Boston Herald", slug="boston-herald")
    housing, transit = (Topic.objects.create(name=name, slug=name.lower()) for name in ("Housing", "Transit"))
    reporter, columnist = (Author.objects.create(name=name, slug=name.lower()) for name in ("Reporter", "Columnist"))
    now = datetime.datetime.now(datetime.UTC)

    def article(slug, status, published_at, outlet, topics, authors, states, quotes):
        made = Article.objects.create(
            headline=slug.title(),
            slug=slug,
            body=body_of(slug),
            status=status,
            published_at=published_at,
            outlet=outlet,
        )
        made.topics.set(topics)
        made.states.set(states)
        for position, author in enumerate(authors):
            Byline.objects.create(article=made, author=author, position=position)
        for position, (speaker, said_on, precision) in enumerate(quotes):
            Quote.objects.create(
                article=made,
                speaker=speaker,
                text=f"Words {position}.",
                said_on=said_on,
                said_on_precision=precision,
                position=position,
            )
        # Covered, or the home state of someone quoted (as articles/signals.py kept them then).
        involved = {state.pk for state in states} | {speaker.state_id for speaker, *_ in quotes if speaker.state_id}
        InvolvedState.objects.bulk_create(InvolvedState(article=made, state_id=code) for code in sorted(involved))

    day = datetime.date
    article(
        "housing-bill",
        "published",
        datetime.datetime(2020, 3, 10, 12, tzinfo=datetime.UTC),
        outlet,
        [housing, transit],
        [reporter, columnist],
        [ma],
        [
            (governor, day(2020, 3, 9), "day"),
            (governor, day(2020, 3, 9), "day"),
            (governor, day(2013, 1, 1), "year"),  # as mayor
            (senator, None, "day"),
        ],
    )
    article(
        "rail-money",
        "published",
        datetime.datetime(2020, 4, 3, 12, tzinfo=datetime.UTC),
        None,
        [transit],
        [columnist],
        [vt],
        [(senator, day(2020, 4, 2), "day"), (governor, day(2020, 4, 2), "day")],
    )
    article("draft", "draft", None, outlet, [housing], [reporter], [ma], [(resident, day(2020, 5, 1), "day")])
    article(
        "retracted",
        "retracted",
        datetime.datetime(2020, 2, 1, 12, tzinfo=datetime.UTC),
        outlet,
        [housing],
        [reporter],
        [],
        [(governor, day(2020, 1, 30), "day")],
    )
    scheduled = now + datetime.timedelta(days=30)
    article(
        "scheduled", "published", scheduled, outlet, [transit], [reporter], [], [(senator, day(2020, 6, 1), "day")]
    )


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_before_the_tallies_migrates_with_its_counts_right():
    before = before_the_tallies()
    end = latest()
    try:
        archive(migrated_to(before))
        migrated_to(end)
        assert stored() == recounted()
        # And what today's code recounts from scratch (the totals by level of office too).
        found = kept()
        tallies.refresh_everything()
        assert kept() == found
        # The fields derived from others are what today's code derives: office levels guessed from
        # titles, bodies turned to HTML, their plain text and fingerprint.
        for position in Position.objects.all():
            assert position.level == office_level(position.title, position.organization)
        for article in Article.objects.all():
            assert article.body == richtext.from_plain(body_of(article.slug))
            assert article.body_text == richtext.plain_text(article.body)
            assert article.body_fingerprint == body_fingerprint(article.body_text) != ""
        # (The archive has quotes said in an office of each level.)
        assert all(any(counts[level] for counts in found["levels"].values()) for level in range(3))
    finally:
        restore(end)


@pytest.mark.django_db(transaction=True)
def test_an_archive_migrates_back_to_before_the_tallies_and_forward_again():
    # A person who changed office mid-month has a row per level that month (0024 on): going back
    # past 0024 must add them up before the old one-row-a-month constraint returns (an
    # IntegrityError, and the archive stuck half-migrated, before it did).
    end = latest()
    try:
        archive(migrated_to(end))
        mayor = Person.objects.get(slug="governor")
        # (Made through the historical models, which derive no level from the title.)
        Position.objects.filter(person=mayor, title="Governor").update(
            start_date=datetime.date(2020, 3, 5), level="state"
        )
        Position.objects.filter(person=mayor, title="Mayor").update(
            end_date=datetime.date(2020, 3, 4), end_precision="day", level="local"
        )
        Article.objects.get(slug="housing-bill").quotes.create(
            speaker=mayor, text="Said as mayor.", said_on=datetime.date(2020, 3, 2)
        )
        tallies.refresh_everything()
        levels = MonthlyQuoteCount.objects.filter(person=mayor, month=datetime.date(2020, 3, 1))
        assert sorted(levels.values_list("level", "count")) == [("local", 1), ("state", 2)]

        migrated_to(before_the_tallies())
        migrated_to(end)
        assert stored() == recounted()
    finally:
        restore(end)


def before_the_tallies():
    """Just before FIRST_FILL: its own app's and people's migrations it follows (not auth's: going
    back to those would take every app back)."""
    graph = MigrationExecutor(connection).loader.graph
    return sorted(parent.key for parent in graph.node_map[FIRST_FILL].parents if parent.key[0] != "auth")


def restore(end):
    """Whatever happened, later tests get the database as migrated: the archive goes (its tables
    as they are now), then the migrations that did not run."""
    applied = MigrationExecutor(connection).loader.applied_migrations
    at = MigrationExecutor(connection).loader.project_state(list(applied), at_end=True).apps
    for app, name in (
        ("articles", "Quote"),
        ("articles", "Byline"),
        ("articles", "InvolvedState"),
        ("articles", "Article"),
        ("articles", "Outlet"),
        ("articles", "Topic"),
        ("people", "Position"),
        ("people", "Author"),
        ("people", "Person"),
    ):
        at.get_model(app, name).objects.all().delete()
    if set(end) - set(applied):
        migrated_to(end)
