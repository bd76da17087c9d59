"""Who gets quoted (issue 18): people's gender, offices' levels, quotes counted by the office held
when said, the Sources page, its CSV downloads and each author's "whom they quote"."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command

from articles.models import MonthlyQuoteCount
from people import officials
from people.models import OfficeLevel, Person, Position, office_level
from tests.test_import_officials import CONGRESS, PATRICK_FILE, run

pytestmark = pytest.mark.django_db

D = datetime.date


def test_congress_members_get_their_recorded_gender_and_federal_offices(tmp_path):
    text = (CONGRESS / "legislators-current.yaml").read_text()
    # As the real file records it, under bio: (the hand-made one leaves it out).
    text = text.replace(
        "    official_full: Bernard Sanders\n", "    official_full: Bernard Sanders\n  bio:\n    gender: M\n"
    )
    text = text.replace(
        "    official_full: Nancy Pelosi\n", "    official_full: Nancy Pelosi\n  bio:\n    gender: F\n"
    )
    path = tmp_path / "legislators.yaml"
    path.write_text(text)
    run(path)
    genders = dict(Person.objects.values_list("name", "gender"))
    assert (genders["Bernard Sanders"], genders["Nancy Pelosi"]) == ("male", "female")
    assert set(Position.objects.values_list("level", flat=True)) == {"federal"}


def test_open_states_gender_and_state_and_local_levels(tmp_path):
    text = PATRICK_FILE.read_text().replace("name: Deval Patrick\n", "name: Deval Patrick\ngender: Male\n", 1)
    assert "gender: Male" in text
    path = tmp_path / "patrick.yml"
    path.write_text(text)
    run(path)
    patrick = Person.objects.get(name="Deval Patrick")
    assert patrick.gender == "male"
    assert patrick.positions.get().level == "state"
    importer = officials.Importer()
    town = importer.parse_role(
        {
            "type": "mayor",
            "jurisdiction": "ocd-jurisdiction/country:us/state:ma/place:boston/government",
            "start_date": "2014-01-06",
        },
        "roles[0]",
    )
    assert (town.title, town.organization, town.level) == ("Mayor", "Boston", "local")


def test_an_unknown_gender_in_the_data_is_refused_with_its_field(tmp_path):
    path = tmp_path / "odd.yml"
    path.write_text(PATRICK_FILE.read_text().replace("name: Deval Patrick\n", "name: Deval Patrick\ngender: X\n", 1))
    with pytest.raises(officials.OfficialsError, match="gender"):
        officials.Importer().parse_file(path)


@pytest.mark.parametrize(
    ("title", "organization", "level"),
    [
        ("U.S. Senator", "United States Senate", "federal"),
        ("President of the United States", "", "federal"),
        ("Mayor", "Boston", "local"),
        ("Governor", "Commonwealth of Massachusetts", "state"),
        ("Secretary of Public Safety and Security", "Commonwealth of Massachusetts", "state"),
        ("Spokesperson", "Acme Corporation", ""),
    ],
)
def test_office_level_is_guessed_from_the_title_and_organization(title, organization, level):
    assert office_level(title, organization) == level


def test_quotes_are_counted_by_the_level_of_office_held_when_said(make):
    person = make.person()
    make.position(person, title="Mayor", start=(2005, 1, 1), end=(2010, 12, 31), level="local")
    make.position(person, title="Governor", start=(2011, 1, 1), level="state")
    for day in (D(2009, 6, 1), D(2011, 6, 1), D(2011, 6, 2)):
        make.quote(make.article(), person, said_on=day)
    rows = set(MonthlyQuoteCount.objects.filter(person=person).values_list("month", "level", "count"))
    assert rows == {(D(2009, 6, 1), "local", 1), (D(2011, 6, 1), "state", 2)}
    # An office's dates corrected: its quotes are counted again at their new level.
    governor = person.positions.get(title="Governor")
    governor.start_date = D(2012, 1, 1)
    governor.save()
    rows = set(MonthlyQuoteCount.objects.filter(person=person).values_list("month", "level", "count"))
    assert rows == {(D(2009, 6, 1), "local", 1), (D(2011, 6, 1), "", 2)}
    assert person.monthly_quote_counts.count() == 2
    Person.objects.get(pk=person.pk)  # the total is the sum of the months
    kept = Person.objects.get(pk=person.pk)
    assert (kept.published_quote_count, kept.local_quote_count, kept.state_quote_count) == (3, 1, 0)


def test_imported_offices_recount_the_levels_of_quotes_already_there(make):
    patrick = make.person("Deval Patrick", state="MA")
    make.quote(make.article(), patrick, said_on=D(2011, 6, 1))
    assert patrick.monthly_quote_counts.get().level == ""
    run(PATRICK_FILE)
    assert patrick.monthly_quote_counts.get().level == "state"


def sources_archive(make):
    """Two governors and a senator in office in 2011; a woman quoted three times, a man once,
    someone with no office twice; an unpublished quote that counts nowhere."""
    ma, ny = make.state("MA"), make.state("NY")
    her = make.person("Governor Her", state="MA", gender="female", party="democratic")
    make.position(her, title="Governor", start=(2007, 1, 1), level="state", state=ma)
    him = make.person("Senator Him", state="NY", gender="male", party="republican")
    make.position(him, title="U.S. Senator", start=(2009, 1, 1), level="federal", state=ny)
    other = make.person("Governor Other", state="NY", gender="male", party="democratic")
    make.position(other, title="Governor", start=(2007, 1, 1), level="state", state=ny)
    nobody = make.person("Resident", state="MA", gender="", party="")
    topic, outlet, author = make.topic("Budget"), make.outlet("Gazette"), make.author("Reporter")
    first = make.article(topics=[topic], outlet=outlet, authors=[author], published_at=make_time(2011, 6, 6))
    second = make.article(published_at=make_time(2011, 7, 6))
    for n in range(3):
        make.quote(first, her, text=f"Her words {n}.")
    make.quote(second, him)
    make.quote(second, nobody, text="First.")
    make.quote(first, nobody, text="Second.")
    make.quote(make.article(status="draft", topics=[topic]), him, text="Not yet.")
    return {"topic": topic, "outlet": outlet, "author": author}


def make_time(year, month, day):
    from tests.conftest import aware

    return aware(year, month, day)


def table(client, url, breakdown):
    response = client.get(url.replace("/sources/", f"/sources/{breakdown}.csv", 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    return {row[0]: row[1:] for row in list(csv.reader(io.StringIO(response.content.decode())))[1:]}


def test_sources_page_shares_of_quotes_beside_offices_held(client, make):
    sources_archive(make)
    response = client.get("/sources/")
    assert response.status_code == 200
    page = response.text
    for heading in ("By party", "By gender", "By level of office", "By state"):
        assert heading in page
    assert page.count("<svg") == 4 and page.count("<table") == 4
    # 6 published quotes: 3 by a woman, 1 by a man, 2 not recorded; of 3 offices, 1 held by a woman.
    assert table(client, "/sources/", "gender") == {
        "Female": ["3", "50.0", "1", "33.3"],
        "Male": ["1", "16.7", "2", "66.7"],
        "Not recorded": ["2", "33.3", "0", "0.0"],
    }
    assert table(client, "/sources/", "level") == {
        "Federal": ["1", "16.7", "1", "33.3"],
        "State": ["3", "50.0", "2", "66.7"],
        "No office at the time": ["2", "33.3", "", ""],
    }
    assert table(client, "/sources/", "party")["Republican"] == ["1", "16.7", "1", "33.3"]
    assert list(table(client, "/sources/", "state")) == ["Massachusetts", "New York"]  # the most quoted first
    # The charts' labels read as the tables do: 50.0%, not 50%.
    labels = re.findall(r'<text class="value"[^>]*>([^<]*)</text>', page)
    assert "50.0%" in labels and "0.0%" in labels and "50%" not in labels
    tables = [table(client, "/sources/", key) for key in ("party", "gender", "level", "state")]
    shares = {f"{row[k]}%" for rows in tables for row in rows.values() for k in (1, 3) if row[k]}
    assert set(labels) <= shares


def test_sources_filters_by_topic_outlet_author_state_and_period(client, make):
    made = sources_archive(make)
    for query in (
        f"topic={made['topic'].slug}",
        f"outlet={made['outlet'].slug}",
        f"author={made['author'].slug}",
    ):
        # The first article: her three quotes and one by nobody in office; the draft's doesn't count.
        assert table(client, f"/sources/?{query}", "gender") == {
            "Female": ["3", "75.0", "1", "33.3"],
            "Male": ["0", "0.0", "2", "66.7"],
            "Not recorded": ["1", "25.0", "0", "0.0"],
        }, query
    by_state = table(client, "/sources/?state=NY", "level")
    assert by_state == {"Federal": ["1", "100.0", "1", "50.0"], "State": ["0", "0.0", "1", "50.0"]}
    july = table(client, "/sources/?from=2011-07-01&to=2011-07-31", "gender")
    assert july["Male"][:2] == ["1", "50.0"] and july["Female"][:2] == ["0", "0.0"]


def gender_counts(client, query):
    return {label: row[0] for label, row in table(client, f"/sources/?{query}", "gender").items()}


def kept_matches_a_recount():
    from articles.models import Quote
    from tests.test_tallies import recounted_sources, stored_sources

    return stored_sources() == recounted_sources(Quote.objects.published())


def test_sources_by_topic_follow_the_articles_tagged_from_either_side(client, make):
    made = sources_archive(make)
    second = Person.objects.get(name="Senator Him").quotes.get(article__status="published").article
    other = make.topic("Roads")
    second.topics.add(made["topic"])  # the senator's July quote and the resident's "First."
    assert gender_counts(client, f"topic={made['topic'].slug}") == {"Female": "3", "Male": "1", "Not recorded": "2"}
    made["topic"].articles.remove(second)  # from the topic's side
    other.articles.add(second)
    assert gender_counts(client, f"topic={made['topic'].slug}") == {"Female": "3", "Male": "0", "Not recorded": "1"}
    assert gender_counts(client, f"topic={other.slug}") == {"Female": "0", "Male": "1", "Not recorded": "1"}
    other.articles.clear()
    assert kept_matches_a_recount()
    assert client.get(f"/sources/?topic={other.slug}").status_code == 400  # no published article now


def test_sources_by_outlet_and_author_follow_the_articles_outlet_and_bylines(client, make):
    from articles.models import Byline

    made = sources_archive(make)
    first = made["outlet"].articles.get()
    elsewhere, someone = make.outlet("Other Paper"), make.author("Someone Else")
    first.outlet = elsewhere
    first.save()
    assert gender_counts(client, f"outlet={elsewhere.slug}")["Female"] == "3"
    byline = Byline.objects.get(article=first, author=made["author"])
    byline.author = someone
    byline.save()
    assert gender_counts(client, f"author={someone.slug}")["Female"] == "3"
    # The first author has no published article left: no longer a choice.
    assert client.get(f"/sources/?author={made['author'].slug}").status_code == 400
    assert kept_matches_a_recount()


def test_sources_by_outlet_follow_a_change_of_office_and_of_gender(client, make):
    made = sources_archive(make)
    resident = Person.objects.get(name="Resident")
    query = f"outlet={made['outlet'].slug}"
    assert table(client, f"/sources/?{query}", "level")["No office at the time"][0] == "1"
    make.position(resident, title="Mayor", start=(2010, 1, 1), level="local")
    assert table(client, f"/sources/?{query}", "level")["Local"][:2] == ["1", "25.0"]
    offices = {label: row[2] for label, row in table(client, f"/sources/?{query}", "gender").items()}
    resident.gender = "female"
    resident.save()
    assert gender_counts(client, query)["Female"] == "4"
    # Their office counts as a woman's now too (its copy of their gender followed them).
    moved = {label: row[2] for label, row in table(client, f"/sources/?{query}", "gender").items()}
    assert int(moved["Female"]) == int(offices["Female"]) + 1
    assert gender_counts(client, f"{query}&from=2011-06-01&to=2011-06-30")["Female"] == "4"
    assert gender_counts(client, f"{query}&from=2011-07-01&to=2011-07-31") == {"Female": "0", "Male": "0"}
    resident.positions.get().delete()
    assert table(client, f"/sources/?{query}", "level")["No office at the time"][0] == "1"
    assert kept_matches_a_recount()


def test_sources_by_two_of_outlet_topic_and_author_count_the_quotes(client, make):
    made = sources_archive(make)
    query = f"outlet={made['outlet'].slug}&topic={made['topic'].slug}&author={made['author'].slug}"
    assert gender_counts(client, query) == {"Female": "3", "Male": "0", "Not recorded": "1"}
    assert gender_counts(client, f"{query}&state=NY") == {"Male": "0"}  # (two men hold its offices)


def test_sources_by_outlet_over_every_quoted_month_read_its_whole_rows_less_the_undated(client, make):
    from articles import tallies
    from articles.models import SourceCount

    made = sources_archive(make)
    outlet = made["outlet"]
    her = Person.objects.get(name="Governor Her")
    undated = make.quote(make.article(outlet=outlet, published_at=make_time(2011, 6, 8)), her, text="Undated.")
    type(undated).objects.filter(pk=undated.pk).update(said_on=None)
    tallies.refresh_people([her.pk])
    assert SourceCount.objects.filter(outlet=outlet, person=her, whole=False, month__isnull=True).get().count == 1
    every_year = f"outlet={outlet.slug}&from=2000-01-01&to=2030-12-31"
    assert gender_counts(client, f"outlet={outlet.slug}")["Female"] == "4"  # undated included
    assert gender_counts(client, every_year)["Female"] == "3"  # a period: dated quotes only
    # Read from the whole rows (less the undated), not the months, when the period takes in every
    # quoted month of the archive; from the months when it doesn't.
    SourceCount.objects.filter(outlet=outlet, person=her, whole=True, level="state").update(count=39)
    assert gender_counts(client, every_year)["Female"] == "39"
    assert gender_counts(client, f"outlet={outlet.slug}&from=2011-06-01&to=2030-12-31")["Female"] == "39"
    assert (
        gender_counts(client, f"outlet={outlet.slug}&from=2011-06-15&to=2030-12-31")["Female"] == "39"
    )  # June, whole months
    assert gender_counts(client, f"outlet={outlet.slug}&from=2000-01-01&to=2011-06-30")["Female"] == "3"
    assert gender_counts(client, f"outlet={outlet.slug}&from=2011-07-01")["Female"] == "0"


def test_sources_by_an_outlet_and_a_topic_read_their_kept_pair_rows(client, make):
    from articles.models import SourcePairCount

    made = sources_archive(make)
    query = f"outlet={made['outlet'].slug}&topic={made['topic'].slug}"
    other = make.article(outlet=made["outlet"], published_at=make_time(2011, 6, 9))  # the outlet's, untagged
    make.quote(other, Person.objects.get(name="Governor Her"), text="Not on the topic.")
    assert gender_counts(client, query) == {"Female": "3", "Male": "0", "Not recorded": "1"}
    assert gender_counts(client, f"{query}&from=2011-06-01&to=2011-06-30")["Female"] == "3"
    assert kept_matches_a_recount()
    # Kept rows of the pair: the quote table isn't read.
    SourcePairCount.objects.filter(outlet=made["outlet"], whole=True, level="state").update(count=30)
    assert gender_counts(client, query)["Female"] == "30"


def test_sources_by_topic_read_the_kept_rows(client, make):
    from articles.models import SourceCount

    made = sources_archive(make)
    # Kept rows of the topic alone: the quote table isn't read (a million rows in the archive).
    SourceCount.objects.filter(topic=made["topic"], whole=True, level="state").update(count=30)
    assert gender_counts(client, f"topic={made['topic'].slug}")["Female"] == "30"


@pytest.mark.parametrize(
    "query",
    ["author=nobody-at-all", "topic=no-such-topic", "state=ZZ", "from=2012-01-01&to=2011-01-01", "from=yesterday"],
)
def test_sources_bad_filters_answer_400_with_the_form(client, make, query):
    sources_archive(make)
    response = client.get(f"/sources/?{query}")
    assert response.status_code == 400
    assert "Please correct the highlighted filter." in response.text
    assert client.get(f"/sources/gender.csv?{query}").status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2", "99999"])
def test_sources_has_no_pages_so_a_page_number_changes_nothing(client, make, page):
    """The Sources page counts, it doesn't list: ?page= was checked (?page=abc answered 400, "correct the
    highlighted filter", with no such filter shown) and then ignored, each number a page cache entry."""
    sources_archive(make)
    assert client.get("/sources/", {"page": page}).text == client.get("/sources/").text
    assert client.get("/sources/gender.csv", {"page": page}).content == client.get("/sources/gender.csv").content


def test_unknown_breakdown_is_404(client, make):
    assert client.get("/sources/shoe-size.csv").status_code == 404


def test_sources_is_in_the_site_navigation(client):
    assert '<a href="/sources/">Sources</a>' in client.get("/").text


def test_author_page_shows_whom_they_quote(client, make):
    made = sources_archive(make)
    page = client.get(made["author"].get_absolute_url()).text
    assert "Whom Reporter quotes" in page
    assert f"/sources/gender.csv?author={made['author'].slug}" in page
    section = page[page.index("author-sources-gender") :]
    assert '<th scope="row">Female</th><td class="num">3</td><td class="num">75.0%</td>' in section


def test_outlet_page_lists_its_published_articles_and_whom_it_quotes(client, make):
    made = sources_archive(make)
    outlet = made["outlet"]
    make.article("A draft of the Gazette", status="draft", outlet=outlet)
    listing = client.get("/outlets/").text
    assert f'<a href="{outlet.get_absolute_url()}">Gazette</a> <span class="count">1 article</span>' in listing
    response = client.get(outlet.get_absolute_url())
    assert response.status_code == 200
    page = response.text
    assert page.count('<article class="item">') == 1 and "A draft of the Gazette" not in page
    assert "Whom Gazette quotes" in page
    assert f"/sources/gender.csv?outlet={outlet.slug}" in page
    section = page[page.index("outlet-sources-gender") :]
    # Her three quotes and the resident's one, in the Gazette's published article; not the draft's.
    assert '<th scope="row">Female</th><td class="num">3</td><td class="num">75.0%</td>' in section
    # Each article in a list links to its outlet's page.
    assert f'<a href="{outlet.get_absolute_url()}">Gazette</a>' in client.get("/articles/").text


def test_an_outlet_with_no_published_article_has_no_page(client, make):
    draft_only = make.outlet("Unpublished Gazette")
    make.article("Only a draft", status="draft", outlet=draft_only)
    assert client.get(draft_only.get_absolute_url()).status_code == 404
    assert "Unpublished Gazette" not in client.get("/outlets/").text
    assert client.get("/outlets/no-such-outlet/").status_code == 404
    published = make.outlet("Gazette")
    make.article(outlet=published)
    assert client.get(f"{published.get_absolute_url()}?page=9").status_code == 404
    assert client.get(f"{published.get_absolute_url()}?page=x").status_code == 400


def test_unpublished_quotes_count_nowhere_on_the_sources_page(client, make):
    made = sources_archive(make)
    # Only a draft quotes them in this topic, July: the topic's page counts nothing of theirs.
    article = make.article(status="draft", topics=[made["topic"]], published_at=make_time(2011, 8, 1))
    secret = make.person("Unpublished Speaker", state="WY", gender="female")
    make.quote(article, secret)
    page = client.get("/sources/").text
    results = page[page.index('id="results-heading"') :]
    assert "Wyoming" not in results  # (the form offers every state)
    assert "Wyoming" not in table(client, "/sources/", "state")
    assert table(client, "/sources/", "gender")["Female"][0] == "3"
    assert table(client, "/sources/?state=WY", "gender") == {}
    assert table(client, f"/sources/?topic={made['topic'].slug}", "gender")["Female"][0] == "3"


def test_generated_archive_people_have_genders_and_offices_levels():
    call_command("generate_archive", articles=20, people=20, quotes=50, seed=7, stdout=io.StringIO())
    people = Person.objects.filter(slug__startswith="gen7-")
    assert people.exclude(gender="").exists() and set(people.values_list("gender", flat=True)) <= {
        "female",
        "male",
        "",
    }
    levels = set(Position.objects.filter(person__in=people).values_list("level", flat=True))
    assert levels <= set(OfficeLevel.values) and levels


def test_person_page_shows_the_topics_they_speak_on_and_who_is_quoted_alongside(client, make):
    made = sources_archive(make)
    her = Person.objects.get(name="Governor Her")
    page = client.get(her.get_absolute_url()).text
    section = page[page.index('id="company-heading"') :]
    assert f'<a href="/topics/{made["topic"].slug}/">Budget</a> <span class="count">(1 article)</span>' in section
    resident = Person.objects.get(name="Resident")
    assert f'<a href="{resident.get_absolute_url()}">Resident</a>' in section
    assert f"/compare/?people={her.slug},{resident.slug}" in section
    # The senator is quoted with her only in a draft: not company readers can see.
    assert "Senator Him" not in section


def test_compare_puts_quotes_side_by_side_by_date_with_counts(client, make):
    sources_archive(make)
    her, resident = Person.objects.get(name="Governor Her"), Person.objects.get(name="Resident")
    response = client.get(f"/compare/?people={her.slug},{resident.slug}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Compare: Governor Her, Resident</h1>" in page
    counts = page[page.index('id="counts-heading"') : page.index('id="side-heading"')]
    assert f'<a href="/quotes/?person={her.slug}">3</a>' in counts
    assert f'<a href="/quotes/?person={resident.slug}">2</a>' in counts
    assert '<tr><th scope="row">2011</th><td class="num">3</td><td class="num">2</td></tr>' in counts
    side = page[page.index('id="side-heading"') :]
    # Newest first: the resident's July words above the June ones.
    assert side.index("“First.”") < side.index("“Her words 0.”")
    for quote in her.quotes.all():
        assert quote.get_absolute_url() in side
    assert "Not yet." not in page


def test_compare_by_topic_counts_only_that_topics_quotes(client, make):
    made = sources_archive(make)
    her, resident = Person.objects.get(name="Governor Her"), Person.objects.get(name="Resident")
    page = client.get(f"/compare/?people={her.slug},{resident.slug}&topic={made['topic'].slug}").text
    assert '<tr><th scope="row">2011</th><td class="num">3</td><td class="num">1</td></tr>' in page
    assert "“First.”" not in page and "“Second.”" in page


@pytest.mark.parametrize(
    "query",
    [
        "people=governor-her",  # one
        "people=a,b,c,d,e",  # five
        "people=,,",
        "people=governor-her,nobody-at-all",
        "people=governor-her,resident&topic=no-such-topic",
        "topic=budget",  # no one
        "people=" + "x" * 300,
    ],
)
def test_compare_bad_input_is_400_with_the_form(client, make, query):
    sources_archive(make)
    query = query.replace("governor-her", Person.objects.get(name="Governor Her").slug).replace(
        "resident", Person.objects.get(name="Resident").slug
    )
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert 'class="field-error"' in response.text


def test_compare_without_a_question_shows_the_form(client):
    response = client.get("/compare/")
    assert response.status_code == 200 and 'name="people"' in response.text


def test_compare_refuses_someone_quoted_only_unpublished(client, make):
    made = sources_archive(make)
    hidden = make.person("Hidden Speaker")
    make.quote(make.article(status="draft", topics=[made["topic"]]), hidden)
    her = Person.objects.get(name="Governor Her")
    response = client.get(f"/compare/?people={her.slug},{hidden.slug}")
    assert response.status_code == 400
    assert "Hidden Speaker" not in response.text.replace(f"at {hidden.slug}", "")


def test_migration_guesses_the_levels_of_positions_one_update_per_title_and_organization(
    make, django_assert_max_num_queries
):
    import importlib

    from django.apps import apps
    from django.db import connection

    guess_levels = importlib.import_module("people.migrations.0008_gender_and_office_level").guess_levels
    person = make.person()
    for year in range(2000, 2010):  # many terms of one office: still one pair
        make.position(person, title="Mayor", start=(year, 1, 1), end=(year, 12, 31), organization="Boston")
    make.position(person, title="U.S. Senator", start=(2011, 1, 1), organization="United States Senate")
    make.position(person, title="Spokesperson", start=(2012, 1, 1))

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    with django_assert_max_num_queries(3):  # the pairs, and an UPDATE for each of the two with a level
        guess_levels(apps, editor)
    levels = dict(person.positions.values_list("title", "level").distinct())
    assert levels == {"Mayor": "local", "U.S. Senator": "federal", "Spokesperson": ""}


def test_api_carries_gender_and_office_levels(client, make):
    sources_archive(make)
    her = Person.objects.get(name="Governor Her")
    data = client.get(f"/api/v1/people/{her.slug}/").json()
    assert data["gender"] == "female"
    assert [position["level"] for position in data["positions"]] == ["state"]


# An adversarial pass (issue 18): what a crawler, a fuzzer or a curious reader may send. Each
# answers 200 with what readers may see, 400 with the form, or 404: never a 500, never a leak.
SOURCES_QUERIES = [
    "topic={topic}&topic=no-such-topic",  # repeated: the last one is read
    "topic=no-such-topic&topic={topic}",
    "outlet={outlet}&outlet={outlet}",
    "topic=" + "x" * 5000,
    "author=" + "y" * 5000,
    "state=" + "Z" * 5000,
    "state=%00",
    "topic=%00",
    "author=a%00b",
    "from=%00",
    "from=0001-01-01&to=9999-12-31",
    "to=9999-12-31",
    "from=9999-12-31",
    "from=2011-02-30",
    "from=2011-6-6&to=2011-6-7",
    "from=" + "2011-01-01" * 100,
    "from=-1&to=1e9",
    "state=ma",
    "state=%F0%9F%92%A5",
    "topic=%E2%80%AE",
    "page=-1",
    "page=99999999999999999999",
    "outlet[]=x&topic[0]=y",
    "&&&===&",
]


def sources_query(query, made):
    return query.format(topic=made["topic"].slug, outlet=made["outlet"].slug)


@pytest.mark.parametrize("query", SOURCES_QUERIES)
@pytest.mark.parametrize("path", ["/sources/", "/sources/gender.csv", "/sources/state.csv"])
def test_sources_answers_junk_with_400_or_the_page_never_500(client, make, path, query):
    made = sources_archive(make)
    response = client.get(f"{path}?{sources_query(query, made)}")
    assert response.status_code in (200, 400), response.status_code
    assert "Not yet." not in response.text


@pytest.mark.parametrize(
    "path", ["/sources/.csv", "/sources/gender.CSV", "/sources/gender.csv.csv", "/sources/" + "g" * 3000 + ".csv"]
)
def test_sources_unknown_downloads_are_404(client, path):
    assert client.get(path).status_code == 404


def test_sources_filters_by_an_unpublished_speakers_state_show_nothing_of_theirs(client, make):
    made = sources_archive(make)
    secret = make.person("Secret Source", state="WY", gender="female")
    make.quote(make.article(status="draft", topics=[made["topic"]]), secret, text="Off the record.")
    make.quote(make.article(status="review", outlet=made["outlet"]), secret, text="Still off.")
    for query in ("state=WY", f"state=WY&topic={made['topic'].slug}", f"state=WY&outlet={made['outlet'].slug}"):
        for breakdown in ("gender", "party", "level", "state"):
            assert all(row[0] == "0" for row in table(client, f"/sources/?{query}", breakdown).values()), query


COMPARE_QUERIES = [
    "people={her},{resident}&people={her}",  # repeated: the last one is read
    "people={her},{her}",  # the same twice is one person
    "people={her},{resident},{him},{other},{secret}",  # five
    "people={her},{secret}",  # quoted only in a draft
    "people={her},{resident}&topic=" + "t" * 5000,
    "people=" + ",".join(["{her}"] * 2000),
    "people={her}%00,{resident}",
    "people={her},{resident}&topic=%00",
    "people=%E2%80%AE,{her}",
    "people={her},{resident},,,,",
    "people=../../admin,{her}",
    "people={her},{resident}&topic={draft_topic}",  # a topic with no published article
]


@pytest.mark.parametrize("query", COMPARE_QUERIES)
def test_compare_answers_junk_with_400_or_the_page_never_500_never_a_leak(client, make, query):
    made = sources_archive(make)
    secret = make.person("Secret Source", state="WY")
    draft_topic = make.topic("Unannounced")
    make.quote(make.article(status="draft", topics=[draft_topic]), secret, text="Off the record.")
    slugs = {name: Person.objects.get(name=full).slug for name, full in NAMES.items()}
    query = query.format(**slugs, secret=secret.slug, draft_topic=draft_topic.slug)
    response = client.get(f"/compare/?{query}")
    assert response.status_code in (200, 400), response.status_code
    assert "Off the record." not in response.text and "Not yet." not in response.text
    assert "Secret Source" not in response.text
    del made


NAMES = {"her": "Governor Her", "resident": "Resident", "him": "Senator Him", "other": "Governor Other"}


def test_compare_of_someone_quoted_only_in_a_draft_is_refused(client, make):
    sources_archive(make)
    secret = make.person("Secret Source", state="WY")
    make.quote(make.article(status="draft"), secret, text="Off the record.")
    her = Person.objects.get(name="Governor Her")
    response = client.get(f"/compare/?people={her.slug},{secret.slug}")
    assert response.status_code == 400
    assert f"Nobody quoted is at {secret.slug}." in response.text


@pytest.mark.parametrize("path", ["/sources/", "/sources/gender.csv", "/compare/"])
def test_sources_and_compare_refuse_a_post_and_answer_a_head(client, make, path):
    from django.test import Client

    sources_archive(make)
    # As every reader page: a form posted from elsewhere has no CSRF token.
    assert Client(enforce_csrf_checks=True).post(path, {"topic": "x"}).status_code == 403
    assert client.head(path).status_code in (200, 400)


def test_sources_many_parameters_at_once_are_read_as_the_form_reads_them(client, make):
    made = sources_archive(make)
    junk = "&".join(f"p{n}=x" for n in range(500))
    repeated = "&".join(f"topic={made['topic'].slug}" for _ in range(500))
    assert client.get(f"/sources/?{junk}").status_code == 200
    assert gender_counts(client, repeated) == gender_counts(client, f"topic={made['topic'].slug}")


def test_leaving_an_office_recounts_the_quotes_said_since_and_moving_the_end_back_those_between(client, make):
    governor = make.person("Governor Left", state="MA", gender="female")
    outlet = make.outlet("Gazette")
    position = make.position(governor, title="Governor", start=(2007, 1, 1), level="state")
    for year in (2008, 2010, 2012):
        make.quote(make.article(outlet=outlet, published_at=make_time(year, 3, 3)), governor, text=f"In {year}.")

    def levels():
        return {label: row[0] for label, row in table(client, f"/sources/?outlet={outlet.slug}", "level").items()}

    assert levels() == {"State": "3"}
    position.end_date = D(2011, 6, 30)  # she left office: the 2012 words were said out of it
    position.save()
    assert levels() == {"State": "2", "No office at the time": "1"}
    position.end_date = D(2009, 6, 30)  # left earlier than that: the 2010 words too
    position.save()
    assert levels() == {"State": "1", "No office at the time": "2"}
    position.end_date = None  # still in office
    position.save()
    assert levels() == {"State": "3"}
    assert kept_matches_a_recount()


def test_a_quote_in_an_article_with_no_outlet_topic_or_author_leaves_the_others_counted(client, make):
    made = sources_archive(make)
    her = Person.objects.get(name="Governor Her")
    bare = make.article(published_at=make_time(2011, 6, 20))  # her June, as the first article's quotes
    make.quote(bare, her, text="Unfiled words.")
    assert gender_counts(client, f"outlet={made['outlet'].slug}")["Female"] == "3"
    assert kept_matches_a_recount()


def test_outlet_page_shows_its_logo_beside_its_name(client, make):
    logo = make.image(alt_text="Gazette masthead")
    outlet = make.outlet("Gazette")
    outlet.logo = logo
    outlet.save()
    make.article(outlet=outlet)
    heading = client.get(outlet.get_absolute_url()).text.split("<h1>", 1)[1].split("</h1>", 1)[0]
    # Beside the name the logo says nothing more: no alt text read out twice.
    assert 'class="outlet-logo outlet-logo-large"' in heading and 'alt=""' in heading
    assert heading.endswith("Gazette")


def test_offices_follow_their_holders_groups_through_moves_and_restores(make):
    import reversion
    from reversion.models import Version

    from people.models import Position

    person, other = make.person(), make.person()
    Person.objects.filter(pk=other.pk).update(party="republican", gender="male")
    person.party, person.gender = "democratic", "female"
    with reversion.create_revision():
        person.save()
    position = make.position(person)
    assert Position.objects.values_list("holder_party", "holder_gender").get() == ("democratic", "female")
    # Given to someone else by a save of that field alone (the officials importer saves so).
    position.person = other
    position.save(update_fields=["person"])
    assert Position.objects.values_list("holder_party", "holder_gender").get() == ("republican", "male")
    position.person = person
    position.save()
    person.party = "green"
    person.save(update_fields=["party"])
    assert Position.objects.values_list("holder_party", "holder_gender").get() == ("green", "female")
    # A restore from history is a raw save: the copies follow it too.
    Version.objects.get_for_object(person).get().revert()
    assert Position.objects.values_list("holder_party", "holder_gender").get() == ("democratic", "female")
