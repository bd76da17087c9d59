"""What the importer reads in a story's text outside its quotes (articles/text_facts.py, no database)."""

import datetime
from pathlib import Path

import pytest

from articles import text_facts as tf

SAMPLE = (Path(__file__).resolve().parent.parent / "articles" / "demo" / "secure-communities-body.txt").read_text(
    encoding="utf-8"
)
DEK = "Massachusetts Governor Deval Patrick Refuses to Sign onto S-Comm"
DATELINE = datetime.date(2011, 6, 6)  # Monday, June 6, 2011
D = datetime.date

# A story like the sample, written for these tests (the events are made up).
CHICAGO = """CHICAGO — Cook County Sheriff Tom Dart said Tuesday that his jail would no longer hold inmates for \
Immigration and Customs Enforcement unless the federal government pays for their detention.

“We are not going to do the federal government’s job for free,” Dart said in a statement to reporters at the \
county jail.

State Sen. Jacqueline Collins, a Chicago Democrat, said last December that the program had eroded trust. \
“People are afraid to call us when they are victims of crime,” Collins said at a hearing in Springfield.

Rep. Luis Gutierrez (D-Ill.) wrote to the department in May."""


def codes(text):
    return list(tf.states_named(text))


def test_the_sample_story_names_massachusetts_new_york_and_illinois():
    found = tf.states_named(DEK + "\n\n" + SAMPLE)
    assert {"MA", "NY", "IL"} <= set(found)
    # California is named too ("Lawmakers in California"): proposed, for the editor to keep or not.
    assert set(found) == {"MA", "NY", "IL", "CA"}
    text = DEK + "\n\n" + SAMPLE
    assert text[found["NY"].start : found["NY"].end] == "New York"


def test_a_city_places_its_state():
    assert codes("Boston police said little.") == []  # a city alone, placing nothing
    assert codes("The raid in Boston ended.") == ["MA"]
    assert codes("Jacqueline Collins, a Chicago Democrat, said.") == ["IL"]
    assert codes("Ald. Ed Burke (D-Chicago) said.") == ["IL"]
    assert codes("a Houston-based group") == ["TX"]
    assert codes("CHICAGO — The county said.") == ["IL"]
    assert codes("LOWELL, Mass. (AP) — The city said.") == ["MA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Elizabeth Warren (D-Mass.) said.", ["MA"]),
        ("Rep. Ilhan Omar, D-Minn., said.", ["MN"]),
        ("Rep. Tom Emmer (R-Minn.) said.", ["MN"]),
        ("Rep. Jan Schakowsky (D-IL) said.", ["IL"]),
        ("He was born in Springfield, Ill., in 1950.", ["IL"]),
        ("Sen. Chuck Schumer (D-N.Y.) agreed.", ["NY"]),
        ("The mayor of Washington, D.C., said.", ["DC"]),
        ("Officials in Washington state said.", ["WA"]),
    ],
)
def test_news_style_abbreviations_are_read_where_news_style_puts_them(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "George Washington crossed the river.",
        "Officials in Washington said the program is mandatory.",
        "Georgia Smith, a teacher, said she would vote.",
        "Virginia Woolf wrote it.",
        "Joe Montana threw the ball.",
        "We will meet IN the hall OR the yard, said ME.",
        "Call me in the morning, Mass. is at ten.",
        "The Mass. was long.",
        "He cheered for the Indiana Jones films.",
        "Kansas City beat them.",
        "It may rain in May.",
        "They said in Portland that rain was due.",
    ],
)
def test_words_that_only_look_like_states_are_not_states(text):
    assert codes(text) == []


def test_state_names_that_are_also_given_names_still_count_before_a_title_or_institution():
    assert codes("Georgia Gov. Brian Kemp said.") == ["GA"]
    assert codes("Virginia Democrats won.") == ["VA"]
    assert codes("in Northern California") == ["CA"]


def test_names_match_whole_words_and_capitals_only_where_written_in_capitals():
    names = [(1, "Secure Communities"), (2, "S-Comm"), (3, "ICE"), (4, "immigration enforcement"), (5, "Comm")]
    found = tf.names_in("Secure   communities and the S-Comm program; ice cream. The Immigration Enforcement.", names)
    assert set(found) == {1, 2, 4}
    assert found[2].value == "S-Comm"
    assert tf.names_in("ICE agents", [(3, "ICE")])[3].start == 0


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("last December", D(2010, 12, 1), "month"),
        ("Friday", D(2011, 6, 3), "day"),
        ("on Monday", D(2011, 6, 6), "day"),
        ("last Monday", D(2011, 5, 30), "day"),
        ("in early May", D(2011, 5, 1), "month"),
        ("in June", D(2011, 6, 1), "month"),
        ("last June", D(2010, 6, 1), "month"),
        ("in December", D(2010, 12, 1), "month"),
        ("June 1", D(2011, 6, 1), "day"),
        ("Dec. 14", D(2010, 12, 14), "day"),
        ("March 3, 2009", D(2009, 3, 3), "day"),
        ("in 2006", D(2006, 1, 1), "year"),
        ("yesterday", D(2011, 6, 5), "day"),
        ("last month", D(2011, 5, 1), "month"),
        ("last year", D(2010, 1, 1), "year"),
        ("earlier this month", D(2011, 6, 1), "month"),
    ],
)
def test_dates_are_resolved_against_the_story_date_with_their_precision(phrase, date, precision):
    (found,) = tf.dates_in(phrase, 0, len(phrase), DATELINE)
    assert (found[1].date, found[1].precision) == (date, precision)


def test_dates_that_cannot_be_told_give_nothing():
    # The week before Monday, June 6, 2011 runs from May 30 to June 5: no one month holds it.
    assert tf.dates_in("last week", 0, 9, DATELINE) == []
    assert tf.dates_in("last week", 0, 9, D(2011, 6, 15))[0][1] == tf.When(D(2011, 6, 1), "month", "last week")
    assert tf.dates_in("Friday", 0, 6, None) == []  # no story date to count back from
    assert tf.dates_in("February 30", 0, 11, DATELINE) == []
    assert tf.dates_in("May I say", 0, 9, DATELINE) == []


@pytest.mark.parametrize("phrase", ["yesterday", "last week", "last month", "last year", "Friday", "last December"])
def test_a_date_before_the_first_a_date_can_hold_gives_nothing(phrase):
    """A story dated in January of year 1 (a typo in the import form's date): the day before overflowed,
    year 0 was refused, and the import answered 500."""
    assert tf.dates_in(phrase, 0, len(phrase), D(1, 1, 1)) == []


def quote_facts(text, dateline=DATELINE):
    from articles.extraction import extract_quotes

    proposals = extract_quotes(text)
    spans = [tf.QuoteSpan(p.start, p.end, p.speaker or "") for p in proposals]
    return {p.text: facts for p, facts in zip(proposals, tf.quote_facts(text, spans, dateline), strict=True)}


def test_heffernans_letter_gives_her_quotes_their_context_and_the_day_it_was_sent():
    facts = quote_facts(SAMPLE)
    letter = "in a letter to Immigration Customs Enforcement officials"
    friday = tf.When(D(2011, 6, 3), "day", "Friday")
    first = next(f for text, f in facts.items() if text.startswith("The Governor and I are dubious"))
    second = next(f for text, f in facts.items() if text.startswith("We are even more skeptical"))
    # "The letter, which Patrick’s administration sent Friday": Friday before Monday, June 6.
    assert first == second == tf.QuoteFacts(context=letter, when=friday)
    assert facts["sending conflicting messages"] == tf.QuoteFacts(context=letter, when=friday)


def test_last_december_is_a_month_before_the_dateline():
    facts = quote_facts(SAMPLE)
    assert facts["he would sign onto the program"].when == tf.When(D(2010, 12, 1), "month", "last December")
    assert facts["many of the people deported hadn’t committed a serious crime"].when.precision == "month"
    # "said last week" in a story of Monday, June 6: no day, no single month.
    assert facts["he was withdrawing from Secure Communities"] == tf.QuoteFacts()


def test_occasions_and_days_of_a_story_like_the_sample():
    facts = quote_facts(CHICAGO, D(2011, 9, 7))  # a Wednesday
    assert facts["We are not going to do the federal government’s job for free,"].context == (
        "in a statement to reporters at the county jail"
    )
    paraphrase = next(f for text, f in facts.items() if text.startswith("his jail would no longer hold"))
    assert paraphrase.when == tf.When(D(2011, 9, 6), "day", "Tuesday")
    collins = facts["People are afraid to call us when they are victims of crime,"]
    assert collins.context == "at a hearing in Springfield"


def test_cook_county_sheriff_tom_dart_is_a_sheriff_of_cook_county_illinois():
    office = tf.position_of(CHICAGO, "Tom Dart", "Cook County Sheriff")
    assert (office.title, office.organization, office.state) == ("Sheriff", "Cook County", "IL")
    assert office.evidence.value == "Cook County Sheriff Tom Dart"


def test_the_sheriffs_state_comes_from_the_state_the_story_names_without_a_dateline():
    text = CHICAGO.removeprefix("CHICAGO — ")
    assert tf.position_of(text, "Tom Dart").state == "IL"  # "(D-Ill.)" is the only state named
    assert tf.position_of("Sheriff Tom Dart said no.", "Tom Dart") == tf.PositionFacts(
        title="Sheriff", evidence=tf.Mention("Sheriff Tom Dart", 0, 16)
    )


def test_state_sen_jacqueline_collins_a_chicago_democrat_is_an_illinois_state_senator():
    office = tf.position_of(CHICAGO, "Jacqueline Collins", "State Sen.")
    assert (office.title, office.organization, office.state, office.party) == (
        "State Senator",
        "Illinois Senate",
        "IL",
        "democratic",
    )
    assert office.evidence.value == "State Sen. Jacqueline Collins, a Chicago Democrat"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Rep. Luis Gutierrez (D-Ill.) wrote.", "Luis Gutierrez", ("U.S. Representative", "IL", "democratic")),
        ("Sen. Tom Emmer, R-Minn., said.", "Tom Emmer", ("U.S. Senator", "MN", "republican")),
        ("Illinois Gov. Pat Quinn decided.", "Pat Quinn", ("Governor", "IL", "")),
        ("Gov. Gretchen Whitmer of Michigan said.", "Gretchen Whitmer", ("Governor", "MI", "")),
        (
            "said Patrick’s Secretary of Public Safety Mary Beth Heffernan.",
            "Mary Beth Heffernan",
            ("Secretary of Public Safety", "", ""),
        ),
        ("Boston Mayor Thomas Menino said.", "Thomas Menino", ("Mayor", "MA", "")),
    ],
)
def test_offices_printed_with_a_name(text, name, expected):
    office = tf.position_of(text, name)
    assert (office.title, office.state, office.party) == expected


def test_a_governor_of_massachusetts_is_of_the_commonwealth():
    office = tf.position_of(DEK + "\n\n" + SAMPLE, "Deval Patrick", "Gov.")
    assert (office.title, office.organization, office.state) == ("Governor", "Commonwealth of Massachusetts", "MA")


def test_sentence_bounds_skip_abbreviations_and_stay_in_the_paragraph():
    text = "First one. Gov. Deval Patrick said “no.” Then more.\n\nNext paragraph."
    start = text.index("Deval")
    first, last = tf.sentence_bounds(text, start, start + 5)
    assert text[first:last] == "Gov. Deval Patrick said “no.”"


def test_junk_and_huge_text_are_read_quickly_and_give_nothing_wrong():
    junk = "“" * 1000 + "Mass. " * 5000 + "in in in " * 5000 + "\n\n" * 1000
    assert tf.states_named(junk) == {}
    assert tf.position_of(junk, "Nobody Here") == tf.PositionFacts()
    assert tf.position_of("", "") == tf.PositionFacts()
    assert tf.quote_facts(junk, [tf.QuoteSpan(0, 10)], DATELINE) == [tf.QuoteFacts()]
