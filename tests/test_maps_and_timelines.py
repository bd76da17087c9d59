"""The coverage map, a person's timeline and chart, a state's officials, a quote's citation."""

import datetime
import itertools
import re

import pytest
from django.template.loader import render_to_string

from people.charts import quote_counts, quotes_chart
from people.models import State
from people.usmap import coverage_map, shade_steps, shapes

pytestmark = pytest.mark.django_db

STATE_LINK = re.compile(r'<a href="(/states/[^"]+/)" class="shade-(\d)" aria-label="([^"]+)"><path d="M[^"]+">')


def map_links(html):
    """{url: (shade, aria-label)} of the map's state shapes."""
    return {url: (int(shade), label) for url, shade, label in STATE_LINK.findall(html)}


# -- The map --------------------------------------------------------------------------------------


def test_map_data_has_a_shape_for_each_state_and_dc():
    codes = set(shapes()["states"])
    assert len(codes) == 51
    assert codes == set(State.objects.exclude(code__in=["PR", "GU", "VI", "AS", "MP"]).values_list("code", flat=True))


@pytest.mark.parametrize("url", ["/", "/states/"])
def test_map_links_51_state_shapes_shaded_by_published_articles(client, make, url):
    ma = make.person("Bay Stater", state="MA")
    make.quote(make.article("Boston story", states=["MA"]), ma)
    make.article("Second Boston story", states=["MA", "NY"])
    make.article("Draft about Texas", states=["TX"], status="draft")
    html = client.get(url).text
    assert '<svg class="us-map-svg" viewBox="0 0 975 610"' in html
    links = map_links(html)
    assert len(links) == 51
    assert links["/states/massachusetts/"] == (4, "Massachusetts: 2 articles, 1 person")
    assert links["/states/new-york/"][1] == "New York: 1 article, 0 people"
    assert 0 < links["/states/new-york/"][0] < 4
    # Drafts don't count: Texas is in the empty shade, like every state without coverage.
    assert links["/states/texas/"] == (0, "Texas: 0 articles, 0 people")
    assert {shade for shade, _ in links.values()} == {0, links["/states/new-york/"][0], 4}


def test_map_lists_the_territories_it_has_no_shapes_for(client):
    html = client.get("/states/").text
    territories = html[html.index('class="us-map-territories"') :]
    for slug, name in [
        ("puerto-rico", "Puerto Rico"),
        ("guam", "Guam"),
        ("us-virgin-islands", "U.S. Virgin Islands"),
        ("american-samoa", "American Samoa"),
        ("northern-mariana-islands", "Northern Mariana Islands"),
    ]:
        assert f'<a href="/states/{slug}/">{name}</a>' in territories
    assert "/states/puerto-rico/" not in map_links(html)


def test_map_is_labelled_and_has_a_legend(client, make):
    make.article(states=["NY"])
    html = client.get("/").text
    assert 'aria-labelledby="home-map-title" aria-describedby="home-map-desc"' in html
    assert "Covered: New York, 1 article." in html
    legend = html[html.index('class="us-map-legend"') :]
    assert "No articles" in legend and 'class="swatch shade-4"' in legend


def test_shades_are_quartiles_of_covered_states_with_the_most_covered_darkest():
    assert shade_steps([0, 0]) == []
    assert shade_steps([1, 1, 0]) == [(4, 1)]
    assert shade_steps([1, 2, 3, 10, 0]) == [(1, 1), (2, 2), (3, 3), (4, 10)]
    assert shade_steps([1, 1, 1, 1, 5, 5, 9, 9]) == [(2, 1), (3, 5), (4, 9)]


def test_map_runs_no_query_of_its_own(django_assert_num_queries):
    states = list(State.objects.with_counts())
    with django_assert_num_queries(0):
        coverage_map(states)


def test_state_names_are_escaped_in_the_map():
    # Names come from a migration, but the template must not trust them either.
    states = list(State.objects.with_counts())
    states[0].name = '<script>"x"</script>'
    html = render_to_string("includes/us_map.html", {"map": coverage_map(states), "map_id": "m"})
    assert "<script>" not in html and "&lt;script&gt;" in html


# -- A person's chart and timeline ----------------------------------------------------------------


def test_chart_counts_published_quotes_per_month(client, make):
    person = make.person("Pat Quinn", state="IL")
    june, july = make.article("June story"), make.article("July story")
    for day in (1, 15, 30):
        make.quote(june, person, said_on=datetime.date(2011, 6, day))
    make.quote(july, person, said_on=datetime.date(2011, 7, 4))
    draft = make.article("Draft", status="draft")
    make.quote(draft, person, said_on=datetime.date(2011, 6, 2))
    make.quote(draft, person, said_on=datetime.date(2011, 8, 2))

    months, years, undated = quote_counts(person)
    assert months == {datetime.date(2011, 6, 1): 3, datetime.date(2011, 7, 1): 1}
    assert not years and not undated

    html = client.get(person.get_absolute_url()).text
    assert "Quotes per month: June 2011: 3, July 2011: 1." in html
    assert html.count('<rect class="bar"') == 2
    assert "<title>June 2011: 3 quotes</title>" in html and "August 2011" not in html


def test_chart_is_one_aggregate_query(make, django_assert_num_queries):
    person = make.person()
    for month in range(1, 13):
        make.quote(make.article(), person, said_on=datetime.date(2010, month, 1))
    with django_assert_num_queries(1):
        months, _, _ = quote_counts(person)
    assert len(months) == 12 and set(months.values()) == {1}


def test_quotes_dated_only_to_the_year_are_not_put_in_january(make):
    person = make.person()
    make.quote(make.article(), person, said_on=datetime.date(2010, 1, 1), said_on_precision="year")
    make.quote(make.article(), person, said_on=datetime.date(2010, 1, 1), said_on_precision="month")
    months, years, undated = quote_counts(person)
    assert months == {datetime.date(2010, 1, 1): 1} and years == {2010: 1}
    chart = quotes_chart(months, years, undated)
    assert chart["text"] == "Quotes per month: January 2010: 1." and chart["notes"] == ["2010 (month unknown): 1"]
    assert chart["total"] == 2


def test_chart_bars_stay_inside_the_chart_over_many_years():
    months = {datetime.date(1990 + i // 12, i % 12 + 1, 1): i % 5 for i in range(12 * 30) if i % 5}
    chart = quotes_chart(months)
    assert chart["bars"] and all(
        chart["left"] <= b["x"] and b["x"] + b["width"] <= chart["right"] + 0.2 for b in chart["bars"]
    )
    assert max(b["height"] for b in chart["bars"]) == chart["baseline"] - chart["top"]
    xs = [label["x"] for label in chart["labels"]]
    assert xs == sorted(xs) and all(b - a >= 40 for a, b in itertools.pairwise(xs))


def test_timeline_merges_positions_and_quotes_newest_first(client, make):
    person = make.person("Andrew Cuomo", state="NY")
    make.position(person, title="Attorney General", start=(2007, 1, 1), end=(2010, 12, 31), organization="State of NY")
    make.position(person, title="Governor", start=(2011, 1, 1), organization="State of New York")
    make.quote(make.article("June story"), person, said_on=datetime.date(2011, 6, 6))
    make.quote(make.article("Old story"), person, said_on=datetime.date(2009, 3, 2))
    html = client.get(person.get_absolute_url()).text
    timeline = html[html.index('<ol class="timeline">') : html.index("</ol>", html.index('<ol class="timeline">'))]
    order = ["June 2011", "Governor", "March 2009", "Attorney General"]
    positions = [timeline.index(text) for text in order]
    assert positions == sorted(positions), timeline
    assert "January 1, 2007 – December 31, 2010" in timeline
    assert f'href="/quotes/?person={person.slug}&amp;from=2011-06-01&amp;to=2011-06-30"' in timeline
    assert ">1 quote<" in timeline
    # The paginated list of the quotes themselves is still there.
    assert html.count('class="quote quote-direct"') == 2


# -- A state's officials by office ----------------------------------------------------------------


def test_state_page_groups_its_officials_by_current_office(client, make, django_assert_num_queries):
    article = make.article(states=["NY"])
    governor = make.person("Kathy Hochul", state="NY")
    make.position(governor, title="Lieutenant Governor", start=(2015, 1, 1), end=(2021, 8, 23))
    make.position(governor, title="Governor", start=(2021, 8, 24))
    attorney = make.person("Letitia James", state="NY")
    make.position(attorney, title="Attorney General", start=(2019, 1, 1))
    former = make.person("Andrew Cuomo", state="NY")
    make.position(former, title="Governor", start=(2011, 1, 1), end=(2021, 8, 23))
    citizen = make.person("A Citizen", state="NY")
    unquoted = make.person("Never Quoted", state="NY")
    make.position(unquoted, title="Comptroller", start=(2007, 1, 1))
    for person in (governor, attorney, former, citizen):
        make.quote(article, person)

    html = client.get("/states/new-york/").text
    section = html[html.index('id="people-heading"') :]
    headings = re.findall(r'<h3 id="office-\d+">([^<]+)</h3>', section)
    assert headings == ["Attorney General", "Governor", "Former officials", "Other"]

    def group(title):
        start = section.index(f">{title}</h3>")
        return section[start : section.index("</ul>", start)]

    assert "Letitia James" in group("Attorney General")
    assert "Kathy Hochul" in group("Governor") and "Andrew Cuomo" not in group("Governor")
    assert "Andrew Cuomo" in group("Former officials")
    assert "A Citizen" in group("Other")
    assert "Never Quoted" not in html and "Comptroller" not in html


# -- A quote's citation ---------------------------------------------------------------------------


def test_quote_page_offers_a_citation_to_copy(client, make):
    person = make.person("Mary Beth Heffernan", state="MA")
    make.position(person, title="Secretary of Public Safety and Security", start=(2010, 1, 1), end=(2013, 1, 1))
    article = make.article(
        "Gov. Deval Patrick refuses to sign immigration program",
        authors=[make.author("Hillary Chabot")],
        outlet=make.outlet("Boston Herald"),
    )
    quote = make.quote(article, person, text="We will not sign on.")
    html = client.get(quote.get_absolute_url()).text
    assert '<label for="citation">' in html
    citation = html[html.index('<textarea id="citation"') : html.index("</textarea>")]
    citation = citation.split(">", 1)[1]
    assert citation == (
        "“We will not sign on,” Mary Beth Heffernan, Secretary of Public Safety and Security, quoted in "
        "“Gov. Deval Patrick refuses to sign immigration program”, Hillary Chabot, Boston Herald, June 6, 2011, "
        f"http://testserver{article.get_absolute_url()}"
    )


def test_citation_of_a_paraphrase_and_escaping(client, make):
    person = make.person("<b>Bold</b> Name")
    article = make.article('Headline with "quotes" & <tags>', authors=[make.author("A"), make.author("B")])
    quote = make.quote(article, person, text="He would not sign <script>", kind="paraphrase")
    html = client.get(quote.get_absolute_url()).text
    citation = html[html.index('<textarea id="citation"') : html.index("</textarea>")].split(">", 1)[1]
    assert citation.startswith("He would not sign &lt;script&gt;, &lt;b&gt;Bold&lt;/b&gt; Name, paraphrased in")
    assert "&quot;quotes&quot; &amp; &lt;tags&gt;”, A and B, June 6, 2011, http://testserver/" in citation


def test_timeline_of_someone_quoted_over_years_counts_quotes_by_year(client, make):
    person = make.person()
    for i in range(30):  # thirty months in a row, one quote each
        make.quote(make.article(), person, said_on=datetime.date(2010 + i // 12, i % 12 + 1, 5))
    html = client.get(person.get_absolute_url()).text
    timeline = html[html.index('<ol class="timeline">') :]
    assert ">2012</time>" in timeline and ">6 quotes<" in timeline and ">12 quotes<" in timeline
    assert "June 2012</time>" not in timeline
    # The chart still has every month.
    assert html.count('<rect class="bar"') == 30


def test_state_page_shows_the_most_quoted_of_each_office_and_links_to_everyone(client, make, monkeypatch):
    from people import views

    monkeypatch.setattr(views, "OFFICE_SHOWN", 3)
    article = make.article(states=["IL"])
    senators = []
    for n in range(5):
        senator = make.person(f"Senator Number{n}", state="IL")
        make.position(senator, title="State Senator", start=(2019, 1, 1))
        for _ in range(n + 1):
            make.quote(article, senator)
        senators.append(senator)
    html = client.get("/states/illinois/").text
    start = html.index(">State Senator</h3>")
    section = html[start : html.index("</p>", start)]
    shown = re.findall(r"Senator Number(\d)", section)
    assert shown == ["4", "3", "2"]  # the most quoted first, three of them
    assert "And 2 more" in section and 'href="/people/?state=IL"' in section


def test_state_page_offices_chosen_in_sql_agree_with_each_persons_current_position(client, make):
    """officials_by_office picks the office in SQL (Position.objects.held_on); Person.current_position
    in Python: the same office for every kind of start and end, to the month and the year."""
    import time_machine

    from people.models import DatePrecision, Person
    from people.views import FORMER_OFFICIALS, OTHER_PEOPLE, officials_by_office

    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        today = datetime.date.today()
        article = make.article(states=["IL"])
        cases = {
            "Holds": [{"title": "Governor", "start": (2019, 1, 1)}],
            "Ends today": [{"title": "Mayor", "start": (2019, 1, 1), "end": (2026, 6, 15)}],
            "Ended yesterday": [{"title": "Mayor", "start": (2019, 1, 1), "end": (2026, 6, 14)}],
            "Month": [{"title": "Sheriff", "end": (2026, 6, 1), "end_precision": DatePrecision.MONTH}],
            "Last month": [{"title": "Sheriff", "end": (2026, 5, 1), "end_precision": DatePrecision.MONTH}],
            "Year": [
                {"title": "Clerk", "start": (2020, 1, 1), "end": (2026, 1, 1), "end_precision": DatePrecision.YEAR}
            ],
            "Last year": [
                {"title": "Clerk", "start": (2020, 1, 1), "end": (2025, 1, 1), "end_precision": DatePrecision.YEAR}
            ],
            "Not yet": [{"title": "Judge", "start": (2027, 1, 1)}],
            "Two": [{"title": "Senator", "start": (2010, 1, 1)}, {"title": "Treasurer", "start": (2020, 1, 1)}],
            "Nothing": [],
        }
        for name, positions in cases.items():
            person = make.person(name, state="IL")
            for position in positions:
                make.position(person, **position)
            make.quote(article, person)
        people = Person.objects.filter(state="IL").public().with_quote_count().prefetch_related("positions")
        found = {p.name: office["title"] for office in officials_by_office(people, 10) for p in office["people"]}
        expected = {}
        for person in people:
            position = person.position_on(today)
            expected[person.name] = (
                position.title if position else FORMER_OFFICIALS if person.positions.all() else OTHER_PEOPLE
            )
        assert found == expected
        assert found["Month"] == "Sheriff" and found["Year"] == "Clerk" and found["Two"] == "Treasurer"
        assert found["Last month"] == found["Not yet"] == FORMER_OFFICIALS and found["Nothing"] == OTHER_PEOPLE
