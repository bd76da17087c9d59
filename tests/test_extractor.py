"""The quote extractor proposes quotes, paraphrases and speakers from an article's plain text.

Extraction tests use no database (pytest-django would refuse the access); only the matching
to `Person` and the command do.
"""

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import extraction
from articles.demo import BODY as SAMPLE_STORY
from articles.extraction import ExtractionTooSlow, attribution, extract_quotes, tokens
from articles.extraction.evaluate import main as evaluate_main
from articles.extraction.evaluate import source_kind
from articles.extraction.model import FEATURES, RulesOnly, Weights, train
from articles.importer import match_speakers

# Sentences of the sample story (Boston Herald, June 6, 2011).
HEFFERNAN = (
    "“The Governor and I are dubious of the Commonwealth taking on the federal role of immigration "
    "enforcement,” wrote Patrick’s Secretary of Public Safety Mary Beth Heffernan in a letter to Immigration "
    "Customs Enforcement officials. “We are even more skeptical of the potential impact that Secure Communities "
    "could have on the residents of the Commonwealth. Through the community meetings we have held around the "
    "Commonwealth, residents have expressed concerns about racial profiling as a result of the program.”"
)
GOVERNORS = (
    "New York Gov. Andrew Cuomo said last week he was withdrawing from Secure Communities, saying it hasn’t "
    "deported felons. Illinois Gov. Pat Quinn decided in early May to bow out of the program, saying many of "
    "the people deported hadn’t committed a serious crime."
)


def direct(text):
    return [(p.text, p.speaker) for p in extract_quotes(text) if p.kind == "direct"]


def paraphrases(text):
    return [(p.text, p.speaker) for p in extract_quotes(text) if p.kind == "paraphrase"]


# Who speaks


@pytest.mark.parametrize(
    "sentence",
    [
        "State Sen. Jacqueline Collins, a Chicago Democrat, said last December that the program had eroded trust.",
        "Jacqueline Collins, an Illinois Republican, said last December that the program had eroded trust.",
        "Jacqueline Collins, a Springfield Independent, said last December that the program had eroded trust.",
    ],
)
def test_a_party_appositive_describes_the_speaker_and_names_no_one(sentence):
    assert paraphrases(sentence) == [("the program had eroded trust", "Jacqueline Collins")]


def test_a_party_appositive_alone_is_no_ones_name():
    speakers = {
        p.speaker for p in extract_quotes("A Chicago Democrat said Tuesday that the program had eroded trust.")
    }
    assert not any(speaker and "Democrat" in speaker for speaker in speakers)


# Direct quotes


def test_quote_of_several_sentences_is_one_proposal():
    assert direct(HEFFERNAN)[1] == (
        "We are even more skeptical of the potential impact that Secure Communities could have on the residents "
        "of the Commonwealth. Through the community meetings we have held around the Commonwealth, residents have "
        "expressed concerns about racial profiling as a result of the program.",
        "Mary Beth Heffernan",
    )


def test_quote_left_open_at_a_paragraph_end_continues_in_the_next_paragraph():
    text = (
        'Gov. Jane Roe said, "We will build the bridge. It will take years.\n\n'
        '"But we will not stop until it is done."\n\n'
        "The bridge will cost $2 billion."
    )
    [(words, speaker)] = direct(text)
    assert words == 'We will build the bridge. It will take years.\n\n"But we will not stop until it is done.'
    assert speaker == "Jane Roe"


def test_quote_left_open_at_the_end_of_a_paragraph_without_continuation_ends_there():
    text = "Mayor Ann Lee: “The money is already at work in our city. [Tweet, 3/11/22]\n\nOther mayors agreed."
    assert direct(text) == [("The money is already at work in our city.", "Ann Lee")]


def test_curly_and_straight_quotation_marks_both_delimit_quotes():
    text = '“We are ready,” said Sen. Tom Hale. "We have always been ready," he added.'
    assert direct(text) == [("We are ready,", "Tom Hale"), ("We have always been ready,", "Tom Hale")]


def test_interrupted_quote_gives_two_proposals_with_the_same_speaker():
    text = "“We are disappointed,” Chief Executive John Smith told analysts, “but we remain confident.”"
    assert direct(text) == [("We are disappointed,", "John Smith"), ("but we remain confident.", "John Smith")]


def test_offsets_point_at_the_words_in_the_text():
    for proposal in extract_quotes(SAMPLE_STORY):
        assert SAMPLE_STORY[proposal.start : proposal.end] == proposal.text


# Speakers


def test_speaker_after_a_possessive_and_a_title_is_the_name():
    [first, _] = extract_quotes(HEFFERNAN)
    assert first.speaker == "Mary Beth Heffernan"
    assert first.title == "Secretary of Public Safety"


def test_pronoun_attribution_is_the_person_named_before():
    text = (
        "Television reporter Jim Taricani was convicted on Thursday. Taricani defended his action.\n\n"
        "Eight journalists have been convicted in recent months. Speaking in an interview Wednesday, he said, "
        "“I’m proud to be a part of this effort.”"
    )
    assert direct(text) == [("I’m proud to be a part of this effort.", "Jim Taricani")]


def test_last_name_attribution_is_the_full_name_printed_earlier():
    text = (
        "Serial killer Michael Ross appeared before Judge Patrick Clifford today.\n\n"
        "“This decision is his right to make,” Judge Clifford said from the bench."
    )
    assert direct(text) == [("This decision is his right to make,", "Patrick Clifford")]


def test_paragraph_of_quote_alone_takes_the_speaker_of_the_quote_before():
    text = (
        "“Seventeen years ago, this would not have been possible at all,” said Ambassador Hamdullah Mohib.\n\n"
        "“These girls will be proving to the world that nothing will prevent us.”"
    )
    assert [speaker for _, speaker in direct(text)] == ["Hamdullah Mohib", "Hamdullah Mohib"]


def test_later_mention_of_a_document_names_its_writer():
    text = (
        f"{HEFFERNAN}\n\nThe letter, which Patrick’s administration sent Friday, also charges ICE officials "
        "with “sending conflicting messages” about the program."
    )
    assert direct(text)[2] == ("sending conflicting messages", "Mary Beth Heffernan")


def test_heading_line_names_the_speaker_of_the_quote_under_it():
    text = "Governor Lamont of Connecticut:\n\n“It can’t be overstated what a lifeline the plan has been.”"
    [proposal] = extract_quotes(text)
    assert (proposal.speaker, proposal.state) == ("Lamont", "CT")


# Not quotes


def test_scare_quotes_around_a_term_are_not_quotes():
    text = (
        "The girls were granted “parole” status on the grounds that their entry would be a "
        "“significant public benefit.” The program began in the 1980s as China “opened up” to investment."
    )
    assert extract_quotes(text) == []


def test_titles_of_works_and_names_are_not_quotes():
    text = (
        "On a new website, “The Internet Explorer 6 Countdown”, Microsoft urged users to upgrade. The refugee "
        "team named their robot “Robogee.” Her book, “A Promised Land,” is out next week."
    )
    assert extract_quotes(text) == []


def test_attributed_partial_quote_is_a_direct_quote():
    text = (
        "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino, has called the sentence "
        "“dangerous” and “ideological.”"
    )
    assert direct(text) == [("dangerous", "Nunzio Galantino"), ("ideological.", "Nunzio Galantino")]


# Paraphrases


def test_explicitly_attributed_reported_speech_is_a_paraphrase():
    assert paraphrases(GOVERNORS) == [
        ("he was withdrawing from Secure Communities", "Andrew Cuomo"),
        ("it hasn’t deported felons", "Andrew Cuomo"),
        ("many of the people deported hadn’t committed a serious crime", "Pat Quinn"),
    ]


def test_time_of_the_saying_is_not_part_of_the_paraphrase():
    text = "Gov. Deval Patrick said he would sign onto the program last December when the rules changed."
    assert paraphrases(text) == [("he would sign onto the program", "Deval Patrick")]


def test_reported_speech_of_an_organization_or_beliefs_are_not_paraphrases():
    text = (
        "The company said it would cut 500 jobs. Police said the suspect fled. "
        "Gov. Jane Roe believes the plan will work, and she did not say why."
    )
    assert paraphrases(text) == []


def test_sample_story_gives_heffernans_quotes_and_the_governors_paraphrases():
    proposals = extract_quotes(SAMPLE_STORY)
    quoted = [(p.speaker, p.text[:30]) for p in proposals if p.kind == "direct"]
    assert quoted == [
        ("Mary Beth Heffernan", "The Governor and I are dubious"),
        ("Mary Beth Heffernan", "We are even more skeptical of "),
        ("Mary Beth Heffernan", "sending conflicting messages"),
    ]
    assert [(p.speaker, p.text) for p in proposals if p.kind == "paraphrase"] == [
        ("Deval Patrick", "he would sign onto the program"),
        ("Andrew Cuomo", "he was withdrawing from Secure Communities"),
        ("Andrew Cuomo", "it hasn’t deported felons"),
        ("Pat Quinn", "many of the people deported hadn’t committed a serious crime"),
    ]


PIECES = [*'ab Cd."“”,:', "\n\n", "said ", "Gov. ", "he ", "that "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_any_text_gives_proposals_whose_offsets_hold(text):
    for proposal in extract_quotes(text):
        assert text[proposal.start : proposal.end] == proposal.text


# Lone and unbalanced marks of every kind, odd spaces and control characters (NUL never reaches it).
ODD = st.lists(
    st.one_of(
        st.sampled_from([*"\"“”„‘’'«»()[],.;:!?—–-", "\ue000", "\u00a0", "\u2028", "\r", "\t", "\x0b", "\x0c"]),
        st.characters(min_codepoint=1, max_codepoint=31),
        st.sampled_from(["said ", "Gov. ", "Mr. Smith ", "according to ", "he ", "(KCNA) ", "told ", "Jr ", "\n\n"]),
        st.characters(codec="utf-8", exclude_characters="\0"),
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ODD)
def test_odd_text_never_crashes_the_extractor(text):
    for proposal in extract_quotes(text):
        assert text[proposal.start : proposal.end] == proposal.text
        assert proposal.kind in {"direct", "paraphrase"}


def test_a_clause_before_an_attribution_that_ends_the_sentence_is_a_paraphrase():
    text = (
        "Shantanu Naidu is a navigation engineer at JPL.\n\n"
        "This calculation is accurate to within 1 ½ seconds, Naidu said.\n\n"
        "On Monday in Boston, Naidu said the orbit had shrunk."
    )
    found = [(p.kind, p.text, p.speaker) for p in extract_quotes(text)]
    assert ("paraphrase", "This calculation is accurate to within 1 ½ seconds", "Shantanu Naidu") in found
    assert ("paraphrase", "the orbit had shrunk", "Shantanu Naidu") in found  # not "On Monday in Boston"


def test_a_pronoun_stands_for_someone_named_in_full_without_a_title():
    text = (
        "Kristina Cors leads the program.\n\n"
        "Esther Lee joined the team in 2019.\n\n"
        "“I have been drawing since school,” she said."
    )
    assert [p.speaker for p in extract_quotes(text)] == ["Esther Lee"]


def test_a_quote_after_a_sentence_about_someone_is_theirs():
    text = (
        "Hal Maring, a NASA Earth Science Division scientist, experienced it. "
        "“The DC-8 has flown scientists on a lot of missions.”"
    )
    assert [p.speaker for p in extract_quotes(text)] == ["Hal Maring"]


def test_a_place_after_a_name_with_a_direction_and_a_region_word():
    text = "“The other media followed,” Fazlullah Khan of northwestern Khyber Pakhtunkhwa province wrote in a message."
    assert [p.speaker for p in extract_quotes(text)] == ["Fazlullah Khan"]


# Work in proportion to the text

BENCH = Path(__file__).resolve().parent.parent / "bench" / "extract.py"


def hostile_text(shape, size):
    """A text of the benchmark's (bench/extract.py): many short quotes, one paragraph, stray marks, ..."""
    spec = importlib.util.spec_from_file_location("bench_extract", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(shape, size)


EXTRACTION = str(Path(extraction.__file__).parent)


def steps_to_extract(text):
    """How many lines of the extractor's code run to read `text`: its work, counted rather than timed."""
    steps = 0

    def count(frame, event, arg):
        nonlocal steps
        steps += event == "line"
        return count

    def trace(frame, event, arg):
        return count if frame.f_code.co_filename.startswith(EXTRACTION) else None

    previous = sys.gettrace()  # coverage's or a debugger's, put back afterwards
    sys.settrace(trace)
    try:
        extract_quotes(text)
    finally:
        sys.settrace(previous)
    return steps


# The same text gives the same proposals in every process, whatever order its sets iterate in.
SAME_IN_EVERY_PROCESS = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("bench_extract", sys.argv[1])
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
from articles.extraction import extract_quotes
for proposal in extract_quotes(bench.generate(sys.argv[2], int(sys.argv[3]))):
    print(repr(proposal))
"""


@pytest.mark.parametrize("shape", ["giant_paragraph", "short_quotes"])
def test_proposals_do_not_depend_on_the_hash_seed(shape):
    """A tie broken by a set's order gave a speaker's title that changed with PYTHONHASHSEED."""
    root = Path(__file__).resolve().parent.parent

    def proposals(seed):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        command = [sys.executable, "-c", SAME_IN_EVERY_PROCESS, str(BENCH), shape, "125000"]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()

    first, second = proposals(0), proposals(1)
    assert len(first) > 1000
    assert first == second


@pytest.mark.parametrize("shape", ["short_quotes", "giant_paragraph", "no_quotes", "unbalanced", "long_quotes"])
def test_extraction_work_grows_in_proportion_to_the_text(shape):
    # A step repeated per quote over every earlier quote, paragraph or person would make four
    # times the text cost about sixteen times the steps.
    size = 40_000 if shape == "long_quotes" else 10_000  # a long quote alone is 4 to 25 KB
    small, large = hostile_text(shape, size), hostile_text(shape, 4 * size)
    ratio = (steps_to_extract(large) / len(large)) / (steps_to_extract(small) / len(small))
    assert ratio < 1.2


def test_a_verbs_clause_is_read_once_however_many_quotes_its_sentence_holds(monkeypatch):
    # Each quote asks which verb of its sentence reports the clause holding it: a long sentence of
    # stray marks and verbs read every verb's clause again for each of its quotes.
    reads = Counter()
    clause_from = attribution._Article._clause_from

    def counted(self, cue, start, end):
        reads[cue, start, end] += 1
        return clause_from(self, cue, start, end)

    monkeypatch.setattr(attribution._Article, "_clause_from", counted)
    extract_quotes(hostile_text("unbalanced", 20_000))
    assert reads
    assert max(reads.values()) == 1


def test_a_phrase_is_read_for_a_name_once_however_many_verbs_and_quotes_follow_it(monkeypatch):
    # The phrases before a verb are read again for each later verb of the sentence and each quote
    # near it: a sentence of stray marks and verbs read the same words for a name over and over.
    reads = Counter()
    parse_name = attribution._Article.parse_name

    def counted(self, toks, i, j, possessive=False):
        reads[tuple(toks), i, j, possessive] += 1
        return parse_name(self, toks, i, j, possessive)

    monkeypatch.setattr(attribution._Article, "parse_name", counted)
    extract_quotes(hostile_text("unbalanced", 20_000))
    assert reads
    assert max(reads.values()) == 1


class Searches:
    """A compiled pattern that records the spans it is searched in."""

    def __init__(self, pattern, searched):
        self.pattern, self.searched = pattern, searched

    def finditer(self, text, start, end):
        self.searched.append((self.pattern.pattern, start, end))
        return self.pattern.finditer(text, start, end)


def test_a_text_that_names_no_source_is_never_searched_for_according_to(monkeypatch):
    # Those searches open with \b, which re tries at every character of the span: they run only
    # where the words occur.
    searched = []
    monkeypatch.setattr(attribution, "ACCORDING_TO", Searches(attribution.ACCORDING_TO, searched))
    monkeypatch.setattr(attribution, "AS_SOURCE", Searches(attribution.AS_SOURCE, searched))
    assert len(extract_quotes(hostile_text("short_quotes", 20_000))) > 100
    assert searched == []


def test_a_text_that_mentions_no_document_is_never_searched_for_one(monkeypatch):
    # "in a letter" after a quote names the letter's writer; the search opens with \b (see above).
    searched = []
    monkeypatch.setattr(attribution, "DOCUMENT_MENTION", Searches(attribution.DOCUMENT_MENTION, searched))
    assert len(extract_quotes(hostile_text("short_quotes", 20_000))) > 100
    assert searched == []


def test_extraction_given_no_time_stops_with_an_error():
    with pytest.raises(ExtractionTooSlow):
        extract_quotes(SAMPLE_STORY, seconds=0)
    assert extract_quotes(SAMPLE_STORY, seconds=60) == extract_quotes(SAMPLE_STORY)


# Failure categories of issue 16: each rule on sentences written for these tests, not taken from
# the development set.


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not wait for the budget,” said Senate Majority Whip Tom Ashby.", "Tom Ashby"),
        ("“Every child deserves a garden,” said First Lady Ruth Calloway at the opening.", "Ruth Calloway"),
        ("“The bill is a gift to insurers,” said Rep. Carl Henning (R Ohio).", "Carl Henning"),
        ("Ohio Senator Ann Keel, Chair, Senate Finance Committee: “We have the votes.”", "Ann Keel"),
        ("Director of Citizens for Open Books, Mark Tullis: “This is a waste of paper.”", "Mark Tullis"),
        ("Chairman of the Ways and Means Committee, Paul Grady: “We start on Monday.”", "Paul Grady"),
    ],
)
def test_speaker_is_the_name_not_the_title_committee_or_bracket_around_it(text, speaker):
    assert [s for _, s in direct(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Tom Reyes lost his son in the flood. “He was the best swimmer in town,” the father said.", "Tom Reyes"),
        ("Anna Lutz waited at the finish line. “I could not believe it,” the mother said.", "Anna Lutz"),
        (
            "Judge Mary Olsen rejected the motion after two hours of argument from both sides of the case, "
            "saying, “The law is clear on this point.”",
            "Mary Olsen",
        ),
        ("Police Chief Dan Moyer ended the briefing by saying, “Stay off the roads tonight.”", "Dan Moyer"),
        (
            "The Ministry of Transport issued a statement on Friday. “Safety is our first concern,” it said.",
            "Ministry of Transport",
        ),
        ("Mayor Lena Ortiz opened the meeting.\n\nOrtiz: “We will balance this budget.”", "Lena Ortiz"),
    ],
)
def test_speaker_is_found_where_the_text_gives_one(text, speaker):
    assert [s for _, s in direct(text)] == [speaker]


def test_a_role_noun_with_nobody_named_before_has_no_speaker():
    assert direct("“We lost everything,” the farmer said.") == [("We lost everything,", None)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Governor Ellen Park said the report was “deeply flawed” and promised a review.", "deeply flawed"),
        ("Senator Bill Ames called the proposal “a gimmick” on Tuesday.", "a gimmick"),
        ("Mayor Jo Banks said the state should “stop the gimmicks” and fund the schools.", "stop the gimmicks"),
    ],
)
def test_partial_quote_inside_narration_is_proposed_with_its_speaker(text, words):
    assert direct(text)[0][0] == words
    assert direct(text)[0][1] in {"Ellen Park", "Bill Ames", "Jo Banks"}


def test_quote_continued_into_the_next_paragraph_without_a_reopening_mark_is_one_quote():
    text = (
        "Coach Ray Dunn said: “We practiced all week for this.\n\n"
        "We knew their defense would be tough, and we adjusted.”\n\nThe game ended late."
    )
    assert direct(text) == [
        ("We practiced all week for this.\n\nWe knew their defense would be tough, and we adjusted.", "Ray Dunn")
    ]


def test_paragraph_left_open_and_followed_by_narration_still_ends_at_the_paragraph():
    text = "Coach Ray Dunn said: “We practiced all week.\n\nThe game ended late. Fans left “happy” by all accounts."
    assert direct(text)[0] == ("We practiced all week.", "Ray Dunn")


@pytest.mark.parametrize(
    "text",
    [
        "“ We tried everything we could,” said Fire Chief Sam Ortega.",
        'Fire Chief Sam Ortega told the crowd," We tried everything we could. Nothing worked," and left.',
    ],
)
def test_quotation_mark_spaced_oddly_still_opens_a_quote(text):
    [(words, speaker)] = direct(text)
    assert words.strip().startswith("We tried everything we could")
    assert speaker == "Sam Ortega"


def test_stray_closing_mark_does_not_swallow_the_next_quote():
    text = 'A stray mark" sits here. Then Mayor Jo Banks said, "We will finish the road."'
    assert direct(text) == [("We will finish the road.", "Jo Banks")]


@pytest.mark.parametrize(
    "text",
    [
        "The museum opened the exhibit “Rivers, Roads and Rails” on Saturday.",
        "The band’s new album, “Rain, Snow and Sleet,” came out on Friday.",
        "The forum, “Cities, Climate and Care,” drew 300 people on Monday.",
        "At “Rivers, Roads and Rails,” Mayor Jo Banks said the city would grow.",
    ],
)
def test_title_of_a_work_or_event_with_a_comma_inside_is_not_a_quote(text):
    assert direct(text) == []


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Senator Joan Mills reports that the bill would pass by June.", "the bill would pass by June", "Joan Mills"),
        ("Mayor Jo Banks claims that the bridge is safe.", "the bridge is safe", "Jo Banks"),
        (
            "Secretary Alan Brooks visited the port. As the Secretary noted, the ports reopened within a week.",
            "the ports reopened within a week",
            "Alan Brooks",
        ),
        (
            "Governor Ellen Park says the state will hire 500 teachers.",
            "the state will hire 500 teachers",
            "Ellen Park",
        ),
        (
            "Governor Ellen Park says the plan is “a disaster” for farmers in the valley.",
            "the plan is “a disaster” for farmers in the valley",
            "Ellen Park",
        ),
    ],
)
def test_paraphrase_is_found(text, clause, speaker):
    assert paraphrases(text) == [(clause, speaker)]


def test_paraphrase_stops_where_a_quote_of_its_own_begins():
    text = "Governor Ellen Park said the budget was balanced: “We kept every promise.”"
    assert paraphrases(text) == [("the budget was balanced", "Ellen Park")]


@pytest.mark.parametrize(
    "text",
    [
        "The report that the agency published was long.",
        "“We will win this,” said team captain John Smith.",
    ],
)
def test_no_paraphrase_from_a_noun_or_a_name_after_said(text):
    assert paraphrases(text) == []


def test_titles_listed_without_punctuation_of_speech_are_not_quotes():
    text = (
        "The winning projects are:\n\n“Solar Sails for Small Craft”\n\nLead: Ana Ruiz, Pell College\n\n"
        "“Quiet Rotors for Urban Drones”\n\nLead: Omar Haddad, Dunmore University\n\n"
        "Sources\n\n“Bridge closed after spring storm” — Daily Ledger, May 2, 2021"
    )
    assert direct(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Lena Fisk, the Port Authority Spokesperson, said, “The terminal reopens on Monday.”",
            "Lena Fisk",
        ),
        ("The County Forest Service notes, “Dry brush burns fast in August.”", "The County Forest Service"),
        (
            "In the words of the county prosecutor, Lisa Grant, “The evidence was never in doubt.”",
            "Lisa Grant",
        ),
        ("Coach Ida Marsh wrote to the board. Marsh stated,\n\n“The season is over for us.”", "Ida Marsh"),
        (
            "Engineer Tom Reyes studied the data. “The bridge’s sway” – the distance it moves in wind – "
            "“is now half of what it was,” said Tom Reyes.",
            "Tom Reyes",
        ),
        (
            "Driver Pat Oduya won twice.\n\n“My father gave me a ‘lucky coin.’” Oduya said. “I still carry it.”",
            "Pat Oduya",
        ),
        (
            "Nurse Kim Vale joined the clinic in 2001. She now runs its night shift.\n\n"
            "“Every night is different, and that is why I stay.”",
            "Kim Vale",
        ),
        ("Pilot Jo Arden landed safely. “The engine just stopped,” Arden said.", "Jo Arden"),
    ],
)
def test_speaker_is_found_where_the_text_gives_one_in_other_ways(text, speaker):
    assert {s for _, s in direct(text)} == {speaker}


def test_an_aside_between_dashes_joins_the_two_parts_of_a_quote():
    text = (
        "“The bridge’s sway” – the distance it moves in wind – “is now half of what it was,” said engineer Tom Reyes."
    )
    assert [s for _, s in direct(text)] == ["Tom Reyes", "Tom Reyes"]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Gov. Ada Bell urged voters to “reject this tax at every turn.”",
            "reject this tax at every turn.",
            "Ada Bell",
        ),
        ("Sen. Ray Cole demanded the agency “open the books.”", "open the books.", "Ray Cole"),
        ("Rep. Lu Tan accused the board of “stonewalling” for months.", "stonewalling", "Lu Tan"),
        (
            "The study’s authors say the shortage is “the quiet crisis of our schools”, and a costly one.",
            "the quiet crisis of our schools",
            None,
        ),
    ],
)
def test_partial_quote_after_other_verbs_of_speech_is_proposed(text, words, speaker):
    assert direct(text) == [(words, speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We start the survey in June” said Advisor Nia Blake.", "Nia Blake"),
        (
            "Harbor and Coastal Trade Committee: “The channel must be dredged this year.”",
            "Harbor and Coastal Trade Committee",
        ),
        ("Northwest Grain & Feed Company: “Our prices hold through winter.”", "Northwest Grain & Feed Company"),
        ("Lakeside First Housing Institute: “Rents rose for the fifth year.”", "Lakeside First Housing Institute"),
        ("U.S. Rail-Freight Board: “Shipments are back to normal.”", "U.S. Rail-Freight Board"),
        ("“The park opens in May,” said Office of Parks and Trails Director Rosa Imani.", "Rosa Imani"),
        ("Dana Whitlock – Harbor Foods CEO “We thank our drivers for a hard year.”", "Dana Whitlock"),
    ],
)
def test_speaker_names_and_organizations_are_read_whole(text, speaker):
    assert [s for _, s in direct(text)] == [speaker]


def test_an_organization_label_before_a_title_without_punctuation_is_no_attribution():
    text = "Pell College “Solar Sails for Small Craft” Advisor: Ana Ruiz\n\nDunmore University “Quiet Rotors”"
    assert direct(text) == []


def test_a_title_alone_after_a_paragraph_about_someone_is_not_a_quote():
    text = "Student Lia Moss leads the team. She studies physics.\n\n“Light Sails and the Outer Planets”"
    assert direct(text) == []


# The learned decision and the evaluation


def test_weights_are_trained_from_labelled_articles_towards_their_labels():
    text = "Mayor Jo Banks spoke. “We will fix the road,” she said. The club’s motto, “Roads First,” hung above."
    start = text.index("We will")
    record = {"text": text, "quotes": [{"kind": "direct", "start": start, "end": text.index("”", start)}]}
    weights = train([record] * 3)
    observed = []
    extract_quotes(text, weights=RulesOnly(), observe=observed)
    assert [round(weights.probability(f)) for _, f in observed] == [1, 0]


def test_signals_are_gathered_in_the_order_the_weights_are_kept():
    observed = []
    extract_quotes("“We will,” said Mayor Jo Banks.", observe=observed)
    assert [list(features) for _, features in observed] == [list(FEATURES)]


def test_stored_weights_say_where_they_come_from():
    stored = Weights.stored()
    assert set(stored.weights) == set(FEATURES)
    assert {"trained_on", "sha256", "articles", "kinds", "by"} <= set(stored.provenance)


def test_records_without_a_source_kind_get_one_from_their_outlet():
    assert source_kind({"source_kind": "court", "outlet": "Wikinews"}) == "court"
    assert source_kind({"outlet": "Wikinews", "licence": "CC BY 2.5"}) == "wikinews"
    assert source_kind({"outlet": "The White House (Briefing Room)", "licence": ""}) == "white-house"
    assert source_kind({"outlet": "Boston Herald", "licence": "sample content"}) == "sample"
    assert source_kind({"outlet": "Daily Ledger"}) == "daily-ledger"


def test_evaluation_without_the_shared_scorer_says_where_to_point_it(tmp_path):
    with pytest.raises(SystemExit, match="No scorer at"):
        evaluate_main(["--scorer", str(tmp_path / "missing.py")])


CHECK = Path(extraction.__file__).parent / "data" / "check.py"


def people_problems(people):
    """The labelled set's checker (`data/check.py`, a script) on these people.jsonl records."""
    spec = importlib.util.spec_from_file_location("check_quote_data", CHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.people_problems(people, "people.jsonl"))


def person(name, *aliases):
    return {"name": name, "aliases": list(aliases), "kind": "person"}


def test_data_check_reports_a_person_with_two_records():
    # The scorer keeps one record per name, so the other's aliases were silently lost.
    people = [person("Wilton Simpson", "Simpson"), person("Wilton Simpson", "Commissioner Simpson")]
    assert people_problems(people) == ["people.jsonl: 'Wilton Simpson' has more than one record"]


def test_data_check_reports_an_alias_shared_by_two_people():
    people = [person("Cheryl White", "White"), person("Roger White", "white"), person("Ann Lee", "Lee")]
    assert people_problems(people) == [
        "people.jsonl: 'White' is a name or alias of 2 people: Cheryl White, Roger White"
    ]
    # Nor may one person's alias be another's name.
    assert people_problems([person("Lee"), person("Ann Lee", "Lee")]) == [
        "people.jsonl: 'Lee' is a name or alias of 2 people: Ann Lee, Lee"
    ]
    # One person's name spelt twice (a curly apostrophe, another case) is no problem.
    assert (
        people_problems([person("Derek O’Malley", "Derek O'Malley"), person("Leila de Lima", "Leila De Lima")]) == []
    )


# Matching to people


@pytest.mark.django_db
def test_speaker_is_matched_to_a_person_by_alias(make):
    patrick = make.person("Deval Patrick", aliases="Deval L. Patrick\nGovernor Patrick\nPatrick")
    text = "“We will not sign,” said Governor Patrick."
    assert match_speakers(extract_quotes(text), text) == [patrick.pk]


@pytest.mark.django_db
def test_people_of_the_same_name_are_told_apart_by_the_state_in_the_article(make):
    make.person("Pat Quinn", state="MA")
    illinois = make.person("Pat Quinn", state="IL")
    text = "“We are out,” said Illinois Gov. Pat Quinn."
    assert match_speakers(extract_quotes(text), text) == [illinois.pk]


@pytest.mark.django_db
def test_people_of_the_same_name_are_told_apart_by_their_office(make):
    senator, governor = make.person("Pat Brown", state="CA"), make.person("Pat Brown", state="CA")
    make.position(senator, title="Senator", state=make.state("CA"))
    make.position(governor, title="Governor", state=make.state("CA"))
    text = "“We are out,” said Gov. Pat Brown."
    assert match_speakers(extract_quotes(text), text) == [governor.pk]


@pytest.mark.django_db
def test_unknown_speaker_is_proposed_as_a_new_person(make):
    make.person("Deval Patrick", aliases="Patrick")
    text = f"{HEFFERNAN}\n\n{GOVERNORS}"
    assert match_speakers(extract_quotes(text), text) == [None] * 5


@pytest.mark.django_db
def test_an_article_quoting_hundreds_of_people_is_matched_without_a_database_error(make):
    # One condition per surname in a single query is more than SQLite accepts (1,000 deep).
    patrick = make.person("Deval Patrick")
    names = [f"Speaker{chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(600)] + ["Patrick"]
    text = "\n\n".join(f"“We will see about that today,” said Gov. Chris {name}." for name in names)
    proposals = extract_quotes(text)
    assert [p.speaker for p in proposals][-2:] == ["Chris SpeakerXb", "Chris Patrick"]
    assert match_speakers(proposals, text) == [None] * 600 + [None]
    text = text.replace("Chris Patrick", "Deval Patrick")
    assert match_speakers(extract_quotes(text), text)[-1] == patrick.pk


# The command


@pytest.fixture
def article(tmp_path):
    def write(content, name="article.txt"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    return write


@pytest.mark.django_db
def test_command_prints_proposals_as_json(make, article):
    cuomo = make.person("Andrew Cuomo", state="NY", aliases="Cuomo")
    # The sample file's layout: title, headline, byline and date lines, then the body.
    header = "Governors Pull Out (Boston Herald)\n\nGovernors pull out\nBy Hillary Chabot\nMonday, June 6, 2011"
    text = f"{header}\n\n{GOVERNORS}"
    out = StringIO()
    call_command("extract_quotes", article(text), format="json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0] == {
        "text": "he was withdrawing from Secure Communities",
        "kind": "paraphrase",
        "speaker": "Andrew Cuomo",
        "person_id": cuomo.pk,
        "start": text.index("he was withdrawing"),
        "end": text.index(", saying it"),
    }
    assert [row["person_id"] for row in rows] == [cuomo.pk, cuomo.pk, None]
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)


@pytest.mark.django_db
def test_command_lists_proposals_readably(article):
    out = StringIO()
    call_command("extract_quotes", article(HEFFERNAN), stdout=out)
    listing = out.getvalue()
    assert "direct     Mary Beth Heffernan (new person), characters 1–106" in listing
    assert "2 proposals: 2 direct, 0 paraphrase." in listing


@pytest.mark.django_db
def test_command_says_so_when_there_are_no_quotes(article):
    out = StringIO()
    call_command("extract_quotes", article("Lawmakers in California are also pushing legislation."), stdout=out)
    assert out.getvalue().strip() == "No quotes found."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        ("", "is empty"),
        (" \n\n ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is a binary file"),
        ("“Déjà vu,” he said.".encode("latin-1", "replace"), "is not UTF-8 text"),
    ],
)
def test_command_refuses_a_file_it_cannot_read_as_an_article(article, tmp_path, content, message):
    path = str(tmp_path / "missing.txt") if content is None else article(content)
    with pytest.raises(CommandError, match=message):
        call_command("extract_quotes", path)


def test_command_refuses_a_directory(tmp_path):
    with pytest.raises(CommandError, match="is a directory"):
        call_command("extract_quotes", str(tmp_path))


# Round 3 (issue 16): attribution styles of the unseen EPA, DOJ, Wikinews and VOA texts, in invented sentences


def test_an_office_after_a_titled_name_is_not_the_speaker():
    text = (
        "“We will hold polluters to account,” said Deputy Secretary Jane Roe for the Department’s Office of Water "
        "Quality."
    )
    assert direct(text) == [("We will hold polluters to account,", "Jane Roe")]


def test_a_statement_introduced_by_a_colon_in_the_paragraph_before_is_its_subjects():
    text = "Mayor Tom Reyes of Springfield issued the following statement:\n\n“Today is a good day for the city.”"
    assert direct(text) == [("Today is a good day for the city.", "Tom Reyes")]


def test_the_force_said_is_the_organisation_named_before():
    text = (
        "In a statement, Riverside Police described the arrest on Main Street. "
        "“Officers found the van empty and the driver gone”, the force said."
    )
    assert direct(text) == [("Officers found the van empty and the driver gone", "Riverside Police")]


def test_quoted_as_saying_is_the_subject_of_quoted():
    text = "Later, the town clerk, Ann Lee was quoted by the local radio as saying: “The bridge will stay closed.”"
    assert direct(text) == [("The bridge will stay closed.", "Ann Lee")]


def test_a_role_with_capitals_before_it_refers_back_to_the_person_named():
    text = (
        "Kim Park is running for the city council this year. She formed a tenants’ group, which organised "
        "“real change for renters”, the City Council candidate told reporters."
    )
    assert ("real change for renters", "Kim Park") in direct(text)


def test_a_clause_before_he_told_a_listener_is_a_paraphrase():
    text = "Omar Haddad lives in Leeds. The vote on the budget was very close, he told the Gazette."
    assert paraphrases(text) == [("The vote on the budget was very close", "Omar Haddad")]


def test_a_single_unnamed_witness_may_be_paraphrased():
    text = "A witness said the car had been speeding through the junction."
    assert paraphrases(text) == [("the car had been speeding through the junction", None)]


def test_a_paraphrase_ends_before_the_description_of_the_next_speaker():
    text = "Jo Banks confirmed that the plant will close and another manager, Sam Ortiz, said the staff would move."
    assert ("the plant will close", "Jo Banks") in paraphrases(text)


def test_a_long_text_of_repeated_paragraphs_gives_each_paragraphs_proposals():
    """Nothing is lost or changed as a text grows: a paragraph of attributed quotes repeated a thousand
    times gives that paragraph's proposals a thousand times, each at its own offsets."""
    paragraph = (
        "“We will see,” Gov. Deval Patrick said. “That is simply wrong,” said Police Chief Ed Davis of Boston. "
        "Sen. Elizabeth Warren (D-Mass.) said the budget was balanced for the first time in a decade."
    )
    one = extract_quotes(paragraph)
    assert len(one) == 3
    repeated = "\n\n".join([paragraph] * 1000)
    step = len(paragraph) + 2
    expected = [
        extraction.Proposal(p.text, p.kind, p.speaker, p.start + n * step, p.end + n * step, p.title, p.state)
        for n in range(1000)
        for p in one
    ]
    assert extract_quotes(repeated) == expected


def test_a_quote_in_hard_wrapped_lines_is_read_whole():
    text = (
        "Parks open today.\n"
        '"Our parks have been the summer trip of choice for\n'
        'generations, and we welcome you back," said Acting Director Dan Roe.\n'
        "The season runs to September."
    )
    assert direct(text) == [
        ("Our parks have been the summer trip of choice for\ngenerations, and we welcome you back,", "Dan Roe")
    ]


# Round 4 of the development set (texts the rules had not been written for)


def test_a_role_after_the_words_leading_into_it_is_its_holder():
    text = (
        "Secretary Jane Roe toured the park with Mayor Tom Reyes on Monday. Reyes spoke first. "
        "In a statement the Secretary said "
        "“We will protect this place for our grandchildren.”"
    )
    assert direct(text) == [("We will protect this place for our grandchildren.", "Jane Roe")]


def test_a_dateline_is_not_the_speaker_of_the_statement_it_announces():
    text = (
        "WASHINGTON, May 2, 2019- Interior Secretary Jane Roe made the following statement on the vote:\n\n"
        '"We are pleased that the Senate acted today. The work goes on."'
    )
    assert direct(text) == [("We are pleased that the Senate acted today. The work goes on.", "Jane Roe")]


def test_each_quote_in_a_list_is_the_speakers_of_the_verb_before_the_list():
    text = "Mayor Tom Reyes attacked the plan as “a mess,” “a scam,” and “a waste of money.”"
    assert direct(text) == [("a mess,", "Tom Reyes"), ("a scam,", "Tom Reyes"), ("a waste of money.", "Tom Reyes")]


def test_an_outlet_is_named_by_the_capitals_before_blog_or_newspaper():
    text = "The Riverside Morning Star newspaper described the mayor as “a stubborn fighter.”"
    assert direct(text) == [("a stubborn fighter.", "Riverside Morning Star")]


def test_a_pronoun_opening_a_sentence_stands_for_the_subject_of_the_sentence_before():
    text = (
        "Jane Roe entered the race last year against Governor Tom Reyes. "
        "She called his budget “a disaster for the state.”"
    )
    assert direct(text) == [("a disaster for the state.", "Jane Roe")]


def test_a_common_noun_opening_a_sentence_is_not_part_of_the_name():
    text = (
        "Businessman Tom Alan Reyes spoke to reporters. He is the only businessman in the race. "
        "“I will balance the budget,” Reyes said."
    )
    assert direct(text) == [("I will balance the budget,", "Tom Alan Reyes")]


def test_an_ing_form_after_a_preposition_does_not_lead_into_a_phrase_in_marks():
    text = (
        "The station won third place for continuing coverage of a major news event by “broadcast television "
        "networks, cable networks and syndicators” with a submission about the storm."
    )
    assert extract_quotes(text) == []


def test_said_run_into_the_name_after_it_still_attributes():
    text = "“The smoke knows no borders,” saidJane Roe, Director of the Park Service."
    assert direct(text) == [("The smoke knows no borders,", "Jane Roe")]


def test_a_quote_after_a_reported_sentence_is_the_reporting_verbs_subject():
    text = (
        "Brian Hobbs runs the aircraft programme. Sometimes heroics were needed to save the day, Hobbs said. "
        "“We replaced an engine in three days.”"
    )
    assert direct(text) == [("We replaced an engine in three days.", "Brian Hobbs")]


def test_the_word_after_and_in_an_organizations_name_is_not_a_first_name():
    text = (
        "Director of the Centers for Disease Control and Prevention Jane Roe spoke on Monday. "
        "“Smoke is a health threat,” Roe said."
    )
    assert direct(text) == [("Smoke is a health threat,", "Jane Roe")]
    assert direct("Tom Reyes and Mary Ann Jones spoke. “We agree,” said Mary Ann Jones.") == [
        ("We agree,", "Mary Ann Jones")
    ]


def test_a_participle_opening_the_sentence_is_not_the_speaker():
    text = (
        "Prime Minister Jane Roe spoke to a newspaper. Regarding the budget, Roe continued by saying that "
        '"the deficit is a part of the economy, a crucial part."'
    )
    assert direct(text) == [("the deficit is a part of the economy, a crucial part.", "Jane Roe")]


def test_a_statement_from_someone_announced_in_the_paragraph_before_is_theirs():
    text = (
        "The following is a statement from NASA Administrator Jane Roe regarding today's landing at the "
        "Dugway Proving Ground, southwest of Salt Lake City.\n\n"
        '"We are encouraged by the news out of Utah."'
    )
    assert direct(text) == [("We are encouraged by the news out of Utah.", "Jane Roe")]


def test_a_clause_coordinated_by_and_how_stays_in_the_paraphrase():
    text = (
        "Jury chair Jane Roe said the jury looked at how stations cover the courts, and how the networks "
        "approach the subject. The award is new."
    )
    assert paraphrases(text) == [
        ("the jury looked at how stations cover the courts, and how the networks approach the subject", "Jane Roe")
    ]


def test_argues_reports_a_clause_opened_by_a_pronoun():
    text = (
        "Tom Reyes entered the race in October against Mayor Jo Banks. "
        "He argues he is a better manager than the mayor."
    )
    assert paraphrases(text) == [("he is a better manager than the mayor", "Tom Reyes")]


def test_a_bare_clause_verb_reports_a_clause_opened_by_a_pronoun_with_a_contracted_verb():
    text = "Tom Reyes plays for the county side. Reyes stated he'd never seriously considered any other sport."
    assert paraphrases(text) == [("he'd never seriously considered any other sport", "Tom Reyes")]
    assert paraphrases("Jane Roe spoke on Monday. She argues they’re wrong about the budget.") == [
        ("they’re wrong about the budget", "Jane Roe")
    ]


def test_a_heading_that_names_an_organization_in_full_is_the_speaker():
    text = (
        "The nominations drew praise.\n\n"
        "National Association of Latino Elected Officials: “Congratulations to Dr. Jane Roe on her nomination.”\n\n"
        "Environmental Protection Agency Administrator Tom Reyes: “A good day for clean water.”"
    )
    assert direct(text) == [
        ("Congratulations to Dr. Jane Roe on her nomination.", "National Association of Latino Elected Officials"),
        ("A good day for clean water.", "Tom Reyes"),
    ]


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it():
    text = "There is a teacher named Tao Porchon-Lynch. Tao told the class that she has no plans to retire this year."
    assert paraphrases(text) == [("she has no plans to retire this year", "Tao Porchon-Lynch")]


def test_a_quote_after_sentences_about_someone_is_theirs():
    text = (
        "Tao Porchon-Lynch teaches yoga. And she is a firm believer in positive thinking. Dream the impossible "
        "dream. “Nothing is impossible.”"
    )
    assert direct(text) == [("Nothing is impossible.", "Tao Porchon-Lynch")]


def test_the_subject_after_which_is_the_speaker_of_a_list_of_quotes():
    text = (
        "The plant exists because of the Clean Water Act — which Representative Jo Banks called "
        "“dangerous for America,” a “massive failure,” and “bad for the district.”"
    )
    assert direct(text) == [
        ("dangerous for America,", "Jo Banks"),
        ("massive failure,", "Jo Banks"),
        ("bad for the district.", "Jo Banks"),
    ]


def test_is_how_someone_described_it_attributes_the_quote_before():
    text = (
        "Club President Lisa Matthews presented the award. “Courageous” is how Matthews described the work "
        "of the team."
    )
    assert direct(text) == [("Courageous", "Lisa Matthews")]


def test_a_first_name_spelled_out_wins_over_an_initial_for_the_fullest_name():
    text = (
        "Image: X. Zhang and M. Kluge.\n\n"
        "She and postdoctoral researcher Xiaoyuan Zhang began reading the data. “We really got lucky,” Zhang said."
    )
    assert direct(text) == [("We really got lucky,", "Xiaoyuan Zhang")]


def test_a_quote_after_a_sentence_with_a_characterizing_verb_is_its_subjects():
    text = (
        "Natchimuthuk Gopalswamy and Jane Roe lead the study. Roe wrote the plan. These observations will help "
        "build what Gopalswamy calls a library of knowledge. “That way we will know what to expect.”"
    )
    assert direct(text) == [("That way we will know what to expect.", "Natchimuthuk Gopalswamy")]


def test_words_that_finish_the_sentence_inside_the_marks_are_quoted_words():
    # A lower-case quote is a phrase mentioned mid-sentence unless it finishes the sentence with its own
    # full stop; after "is" it names something.
    text = (
        "Jo Banks won the Award of Merit. Presented each year, this award “recognizes distinguished service "
        "to the profession of court administration.” Visitors bought a “buy one, get one free” ticket. Her "
        "official title is “astronaut strength, conditioning, and rehabilitation specialist.”"
    )
    assert [q for q, _ in direct(text)] == [
        "recognizes distinguished service to the profession of court administration."
    ]


def test_a_document_of_someone_that_states_the_quote_is_theirs():
    text = (
        "Chief Justice Charles T. Canady signed a proclamation.\n\n"
        "“I call upon judicial officers to increase their efforts,” Chief Justice Canady’s proclamation states. "
        "“We need the money,” two states."
    )
    assert direct(text)[0] == ("I call upon judicial officers to increase their efforts,", "Charles T Canady")


def test_a_source_named_between_the_verb_and_the_quote_is_the_speaker():
    text = (
        "The World Anti-Doping Agency (WADA) published its report. Laboratory director Dr Rodchenkov acknowledged "
        "the security forces — in the words of the WADA report — “actively imposed an atmosphere of intimidation "
        "on staff”."
    )
    assert direct(text) == [("actively imposed an atmosphere of intimidation on staff", "WADA")]


def test_a_capitalized_word_after_a_that_describes_is_not_a_name():
    text = (
        "Last month, U.S. head coach Jurgen Klinsmann spoke to reporters.  The coach is a former German star "
        "player.  He is hopeful about the team.\n\n“It’s a tough group.  We expect to do well.”"
    )
    assert direct(text) == [("It’s a tough group.  We expect to do well.", "Jurgen Klinsmann")]


def test_told_an_outlet_then_a_clause_without_that_is_a_paraphrase():
    text = (
        "Railway Manager Aparna Garg told Wikinews only 10% of the employees in the division were women. "
        "Commissioner Dmytro Lubinets told VOA Russia is treating the deported people as refugees. "
        "Jo Banks told me about an opportunity at the company."
    )
    assert paraphrases(text) == [
        ("only 10% of the employees in the division were women", "Aparna Garg"),
        ("Russia is treating the deported people as refugees", "Dmytro Lubinets"),
    ]


def test_saying_or_stating_without_a_comma_reports_the_subjects_clause():
    text = "Governor Jo Banks issued a statement saying the budget was balanced. Smith left the room smiling."
    assert paraphrases(text) == [("the budget was balanced", "Jo Banks")]


def test_he_after_the_quote_that_opens_a_sentence_is_the_previous_sentences_subject():
    text = (
        "Skater Tom Reyes passed long track speed skater Bonnie Blair. But Reyes added that passing Bonnie "
        "Blair's total has not been his focus. \"I don't put labels on myself,\" he said."
    )
    assert direct(text) == [("I don't put labels on myself,", "Tom Reyes")]


def test_a_full_stop_that_lost_its_space_ends_the_sentence():
    text = "Bud Selig (SEE-lig) is the league’s top official.He said it would be unfair for the players to be away."
    assert paraphrases(text) == [("it would be unfair for the players to be away", "Bud Selig")]


def test_a_partial_quote_after_an_opening_participle_is_the_main_clauses_subjects():
    text = (
        "Calling Jacksonville “a city of opportunity,” Mayor Alvin Brown today presented a budget. "
        "Describing the plan as “a disaster,” Governor Jo Banks vetoed the bill."
    )
    assert direct(text) == [("a city of opportunity,", "Alvin Brown"), ("a disaster,", "Jo Banks")]


def test_according_to_a_document_reports_its_clause_with_no_one_named():
    text = (
        "According to the lawsuit, the governor’s orders are arbitrary. According to the video, Washington tried "
        "to place a contract on the prosecutor. According to the weather, it will rain."
    )
    assert paraphrases(text) == [
        ("the governor’s orders are arbitrary", None),
        ("Washington tried to place a contract on the prosecutor", None),
    ]


def test_a_statement_announced_by_a_colon_needs_no_full_stop():
    text = (
        "NASA Administrator Charles Bolden issued the following statement about the launch:\n\n"
        '"While rocket launches are common, the significance of today should not be lost\n\n'
        '"These new explorers are to spaceflight what Lindbergh was to aviation "\n\n'
        "The selected proposals are:\n\n“Bubble Trapping and Ullage Formation in an Acoustic Field”"
    )
    assert direct(text) == [
        (
            "While rocket launches are common, the significance of today should not be lost\n\n"
            '"These new explorers are to spaceflight what Lindbergh was to aviation ',
            "Charles Bolden",
        )
    ]


def test_told_a_listener_then_as_opens_no_reported_clause():
    text = (
        "President Jo Banks spoke last night. “The agenda is not a party agenda,” the President told Congress "
        "as he opened his second address."
    )
    assert paraphrases(text) == []


def test_a_clause_before_x_writes_in_an_outlet_is_reported_with_its_partial_quote():
    text = (
        "It “underscored the desperation of a party that has lurched to the left” to satisfy its base, "
        "Miranda Devine writes in the New York Post."
    )
    assert direct(text) == [("underscored the desperation of a party that has lurched to the left", "Miranda Devine")]
    assert paraphrases(text) == [
        (
            "It “underscored the desperation of a party that has lurched to the left” to satisfy its base",
            "Miranda Devine",
        )
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Reactions came in.\n\nMarta Lind, Senior Adviser at the Institute for Coastal Policy and former "
            "Deputy Envoy to the Pacific Islands Forum: “The visit was overdue and welcome.”",
            "Marta Lind",
        ),
        ("Reactions came in.\n\nOwen Price, Irish Ambassador to the United States: “We are grateful.”", "Owen Price"),
    ],
)
def test_a_label_opening_the_paragraph_is_the_name_before_the_office_however_long(text, speaker):
    assert [s for _, s in direct(text)] == [speaker]


def test_a_label_word_before_a_colon_is_not_a_speaker():
    text = "2015 Admin Order 15-02\n\nEXCERPT: “WHEREAS, the court may set its own calendar; NOW, THEREFORE, …”"
    assert [s for _, s in direct(text)] == [None]


@pytest.mark.parametrize(
    ("organization", "short"),
    [("The Society of Friends of Trees", "the Society"), ("The Church of the Holy Light", "the Church")],
)
def test_the_capitalized_noun_is_the_organization_named_before_that_opens_with_it(organization, short):
    text = (
        f"{organization} has accused a local newspaper of bias.\n\n"
        f'"The paper has printed falsehoods for years," said {short} in a statement on Monday.'
    )
    assert [s for _, s in direct(text)] == [organization.removeprefix("The ")]


@pytest.mark.parametrize(
    "attribution",
    ["said Regional Director Dr. Ana Ruiz.", "Ana Ruiz said.", "said Ana Ruiz, shown here at the opening."],
)
def test_a_quote_that_lost_its_closing_mark_ends_where_its_attribution_begins(attribution):
    text = (
        "The office opened on Monday.\n\n"
        f"“The new office will serve the whole valley, {attribution} “We waited a long time for it.”"
    )
    assert direct(text) == [
        ("The new office will serve the whole valley,", "Ana Ruiz"),
        ("We waited a long time for it.", "Ana Ruiz"),
    ]


def test_he_after_a_quote_whose_sentence_before_is_a_quote_is_that_quotes_speaker():
    text = (
        "“I read a lot as a child,” said Ken Obi, shown here with the actor Lena Park, who starred in Deep Field. "
        "“That show inspired me,” he said."
    )
    assert [s for _, s in direct(text)] == ["Ken Obi", "Ken Obi"]


def test_a_name_after_by_is_a_person_a_later_surname_and_he_stand_for():
    text = (
        "The lease was drafted by Omar Sule Bantu. He is a former minister. "
        "Bantu told reporters that the lease was lawful. He said he had asked for legal advice."
    )
    assert paraphrases(text) == [
        ("the lease was lawful", "Omar Sule Bantu"),
        ("he had asked for legal advice", "Omar Sule Bantu"),
    ]


def test_he_after_a_sentence_opening_conjunction_and_a_chain_of_he_is_the_first_subject():
    text = (
        "Mary Ode said Governor Tom Hale was not told about the plan. But she says the governor would "
        "have been told later. She says the plan was still a draft."
    )
    assert [s for _, s in paraphrases(text)] == ["Mary Ode", "Mary Ode", "Mary Ode"]


def test_a_statement_over_paragraphs_without_reopening_marks_runs_to_its_closing_mark():
    text = (
        "Please find below a statement from Interim President Lena Cole regarding the new order.\n\n"
        "“The university remains committed to its students.\n\n"
        "As the university learns more, we encourage students to stay in touch with their advisers.\n\n"
        "We stand ready to help.”"
    )
    assert direct(text) == [
        (
            "The university remains committed to its students.\n\nAs the university learns more, we encourage "
            "students to stay in touch with their advisers.\n\nWe stand ready to help.",
            "Lena Cole",
        )
    ]


def test_a_quote_left_open_does_not_run_on_past_paragraphs_that_do_not_close_it():
    # The next paragraph with a mark opens a quote: the open one ends with its own paragraph.
    text = "“We are ready, said the mayor, Ann Ray.\n\nThe council met later.\n\n“It was a good day,” she said."
    assert [q for q, _ in direct(text)][-1] == "It was a good day,"
    # Past UNMARKED_PARAGRAPHS paragraphs without any mark, a closing mark is not looked for.
    far = "“We are ready, said the mayor, Ann Ray." + "\n\nThe council met." * 7 + "\n\nIt ended.”"
    assert [q for q, _ in direct(far)] == ["We are ready, said the mayor, Ann Ray."]


def test_a_quote_nested_in_the_same_curly_marks_stays_inside_the_quote_around_it():
    text = (
        "Commissioner Nina Vale asked the governor to act.\n\n"
        "“I am asking the Governor to consider a statewide “stay-at-home” order, closing all "
        "non-essential businesses. I implore him to do so now,” Vale said."
    )
    assert direct(text) == [
        (
            "I am asking the Governor to consider a statewide “stay-at-home” order, closing all "
            "non-essential businesses. I implore him to do so now,",
            "Nina Vale",
        )
    ]


def test_curly_pairs_nested_in_a_quote_that_runs_over_paragraphs_stay_inside_it():
    # Two nested pairs in a row, then the quote runs on, not reopened, into a paragraph whose first marks
    # are another nested pair, and closes there.
    text = (
        "The city asked the judge to act.\n\n"
        "“The city asks the Court to rule. The rule, “Section 9” or the “Code”, bars it.\n\n"
        "The residents call it the “quiet rule” and want it kept,” said Mayor Ann Ray."
    )
    assert direct(text) == [
        (
            "The city asks the Court to rule. The rule, “Section 9” or the “Code”, bars it.\n\n"
            "The residents call it the “quiet rule” and want it kept,",
            "Ann Ray",
        )
    ]
    # A second opening mark whose closing mark ends the paragraph closes the quote around it: no nested quote.
    printed_twice = "“We can do more. “We commit to act today.”\n\n“Next,” said Ann Ray."
    assert next(q for q, _ in direct(printed_twice)) == "We can do more. “We commit to act today."


def test_a_degree_after_a_name_is_not_part_of_it():
    text = (
        "Below is a statement from Interim President Jane Doe, Ph.D., regarding the order.\n\n"
        "“We stand ready to help our students.”"
    )
    assert direct(text) == [("We stand ready to help our students.", "Jane Doe")]


def test_a_police_force_named_by_its_area_in_lower_case_is_the_speaker():
    text = "Avon and Somerset police have also said that “work at the scene may take a number of days.”"
    assert [s for _, s in direct(text)] == ["Avon and Somerset police"]
    # "the police" stays a noun for the organization named before, not a name.
    text = "The police said that “work at the scene may take a number of days.”"
    assert [s for _, s in direct(text)] != ["The police"]


def test_a_partial_quote_inside_a_clause_reported_by_a_verb_before_it_is_the_verbs_subject():
    text = (
        "Army Chief Lieutenant General Farouk Yahaya told VOA Hausa that the killing of the cleric was "
        "“totally unacceptable” and announced an inquiry."
    )
    assert direct(text) == [("totally unacceptable", "Farouk Yahaya")]


def test_rights_in_an_office_before_a_name_is_not_part_of_the_name():
    text = "Parliament Commissioner for Human Rights Dmytro Lubinets said the transfers were war crimes."
    assert paraphrases(text) == [("the transfers were war crimes", "Dmytro Lubinets")]


def test_he_after_a_short_opening_phrase_is_the_previous_sentences_subject():
    text = (
        "Ariel Sharon served under Prime Minister Levi Eshkol during the war. On May 28th, he advised the "
        "chief of staff that the cabinet could be detained."
    )
    assert paraphrases(text) == [("the cabinet could be detained", "Ariel Sharon")]


def test_a_bill_is_not_a_person_that_he_stands_for():
    text = (
        "Secretary Tom Vilsack met the officers. He covered the need for a new Food, Farm and Jobs Bill. "
        "When it passes, he said, the officers should study it. He said there will be an easier path to credit."
    )
    assert [s for _, s in paraphrases(text)][-1] == "Tom Vilsack"
    assert direct("“We are ready,” said Bill Clinton.") == [("We are ready,", "Bill Clinton")]


def test_an_office_held_after_the_name_is_not_the_subject_unless_a_full_name_follows_it():
    text = (
        "Professor Cres Eastman, Director of the National Iodine study, and Chairman of the Centre for "
        "Control of Iodine Disorders, says it is crucial that children get enough iodine."
    )
    assert paraphrases(text) == [("it is crucial that children get enough iodine", "Cres Eastman")]
    text = "In a statement, Governor of Washington Chris Gregoire said the museum had done well."
    assert paraphrases(text) == [("the museum had done well", "Chris Gregoire")]


def test_a_name_before_an_apposition_printed_without_its_comma_is_the_subject():
    text = "Francis Nath a UN Education Associate who assisted with the training, said “the teachers improved a lot.”"
    assert direct(text) == [("the teachers improved a lot.", "Francis Nath")]


def test_a_short_label_between_a_speakers_quotes_keeps_the_speaker():
    text = (
        '"We are not waiting for a surtax to fix our roads," Mayor Jane Castor said.\n\n'
        "More excerpts:\n\n"
        '"It is not just our growth that matters, but how we grow."'
    )
    assert [s for _, s in direct(text)] == ["Jane Castor", "Jane Castor"]


def test_a_lower_case_role_between_capitals_and_the_name_keeps_the_subject_of_a_participle():
    text = "Senior CPDM official Fru Jonathan praised Biya, saying there is peace in the country."
    assert paraphrases(text) == [("there is peace in the country", "Fru Jonathan")]


def test_an_acronym_the_article_spells_out_as_an_office_is_a_title_before_a_name():
    text = (
        "Also present: Kevin Hogencamp, Deputy City Manager (DCM).\n\n"
        "DCM Hogencamp stated that it has been an honor to work with Mr. Teeple."
    )
    assert paraphrases(text) == [("it has been an honor to work with Mr. Teeple", "Kevin Hogencamp")]
    # An acronym spelled out as an organization is still one: no person's paraphrase.
    text = "The Florida Fish and Wildlife Commission (FWC) met. FWC Lionfish stated that it is ready."
    assert paraphrases(text) == []


def test_stated_reports_a_clause_without_that_when_a_pronoun_opens_it():
    text = "Mayor Ellen Glasser opened the meeting. Mayor Glasser stated it was a good year for the city."
    assert paraphrases(text) == [("it was a good year for the city", "Ellen Glasser")]
    # "stated the obvious": an object, not a clause.
    assert paraphrases("Mayor Ellen Glasser opened the meeting. Mayor Glasser stated the obvious.") == []


def test_a_reported_clause_ends_before_the_speakers_next_act():
    text = (
        "Kevin Hogencamp spoke for the city. Hogencamp stated that it has been an honor to work with "
        "Mr. Teeple and expressed appreciation for his service."
    )
    assert paraphrases(text) == [("it has been an honor to work with Mr. Teeple", "Kevin Hogencamp")]


def test_a_reported_clause_ends_before_the_speakers_hope_or_promise_with_its_own_that():
    text = (
        "The chairman of the chapter, Kurt Jansson, said they are happy that the court upheld the ruling and "
        "hoped that the plaintiffs would refrain from further legal action."
    )
    assert paraphrases(text) == [("they are happy that the court upheld the ruling", "Kurt Jansson")]
    # "and hoped" with no "that" may be the clause's own verb: the clause goes on.
    text = "Kurt Jansson said the team trained hard and hoped to win."
    assert paraphrases(text) == [("the team trained hard and hoped to win", "Kurt Jansson")]


def test_she_after_a_conjunction_and_an_opening_phrase_is_the_previous_sentences_subject():
    text = (
        "Nancy Gahl lost her husband, probation officer Thomas E. Gahl, 30 years ago. But after that "
        "terrible loss, she says she gained a family in the federal community."
    )
    assert paraphrases(text) == [("she gained a family in the federal community", "Nancy Gahl")]


def test_a_partial_quote_is_the_words_of_the_person_the_next_sentence_has_say_something():
    text = (
        "Nancy Gahl lost her “soul mate” when her husband, Thomas E. Gahl, was killed 30 years ago. "
        "But after that terrible loss, she says she gained a family."
    )
    assert direct(text) == [("soul mate", "Nancy Gahl")]
    # Not when the next sentence has someone else speak.
    text = (
        "Nancy Gahl lost her “soul mate” when her husband, Thomas E. Gahl, was killed 30 years ago. "
        "Judge Richard Mills says the court stood by her."
    )
    assert direct(text) == []


def test_a_participle_in_an_absolute_phrase_after_with_has_the_noun_after_with_as_subject():
    text = (
        "The coup was criticized abroad, with the African Union suspending the country’s membership and "
        "describing the coup as “null and void”."
    )
    assert direct(text) == [("null and void", "The African Union")]
    text = "The vote passed, with Senator Tom Reyes calling it “a disgrace” and saying the state would appeal."
    assert direct(text) == [("a disgrace", "Tom Reyes")]
    assert paraphrases(text) == [("the state would appeal", "Tom Reyes")]


def test_a_heading_name_comma_office_before_a_quote_is_the_person_before_the_comma():
    text = (
        "Officials met in Houston this week.\n\n"
        "Charlie Bolden, NASA Administrator:\n\n"
        "“These new astronauts are critical to achieving our goals.”\n\n"
        "The candidates begin training next month.\n\n"
        "Michigan Senator Debbie Stabenow, Chair, Senate Agriculture Committee:\n\n"
        "“This bill keeps faith with our farmers.”"
    )
    assert direct(text) == [
        ("These new astronauts are critical to achieving our goals.", "Charlie Bolden"),
        ("This bill keeps faith with our farmers.", "Debbie Stabenow"),
    ]
    # A heading that is one name is read as before.
    text = "Officials met in Houston this week.\n\nCharlie Bolden:\n\n“These new astronauts are critical.”"
    assert direct(text) == [("These new astronauts are critical.", "Charlie Bolden")]


def test_said_no_or_nothing_opening_a_clause_reports_it():
    assert paraphrases("Jane Doe said no decision was made on Monday.") == [
        ("no decision was made on Monday", "Jane Doe")
    ]
    assert paraphrases("Jane Doe said nothing had changed since May.") == [
        ("nothing had changed since May", "Jane Doe")
    ]
    # Not an answer or an object: no verb follows before the punctuation or preposition.
    assert paraphrases("Jane Doe said no to the plan, and the council agreed.") == []
    assert paraphrases("Jane Doe said nothing about the plan on Monday.") == []


def test_a_described_person_after_an_opening_phrase_is_the_subject():
    text = "The Pope visited Cuba. In response, a leader from the council of ministers said the reform was not needed."
    found = [(p.text, p.speaker) for p in extract_quotes(text) if p.kind == "paraphrase"]
    assert found == [("the reform was not needed", None)]  # an unnamed person's: no name to give
    text = "After the meeting, a teacher from Dayton said the school would close in June."
    assert paraphrases(text) == [("the school would close in June", None)]
    # A document is not a person: an organization's report is no one's paraphrase.
    text = (
        "A report released by the US Senate Intelligence Committee yesterday concluded that the CIA misled Congress."
    )
    assert paraphrases(text) == []
    # An apposition after a name is still the name's.
    assert paraphrases("Jane Doe, a teacher from Dayton, said the school would close.") == [
        ("the school would close", "Jane Doe")
    ]


def test_an_article_or_report_in_or_by_a_publication_is_the_publications():
    text = 'Sqoot lost four sponsors. An article in Techli said the mishap was "the worst crisis in recent history."'
    assert direct(text) == [("the worst crisis in recent history.", "Techli")]
    text = 'A report by the Congressional Budget Office said the cost was "unsustainable" for decades.'
    assert direct(text) == [("unsustainable", "Congressional Budget Office")]  # the body's name, without "the"


def test_he_or_she_after_an_opening_phrase_without_its_comma_is_the_subject():
    text = (
        "Australian Olympian Steph Rice announced her retirement via video on April 9. "
        "In the video she says she feels she is losing a part of herself."
    )
    assert paraphrases(text) == [("she feels she is losing a part of herself", "Steph Rice")]


def test_told_a_listener_set_off_by_commas_then_that_reports_the_clause():
    text = (
        "Governor Jane Doe spoke on Monday. Doe told reporters after touring the flooded district of "
        "Riverside, north of the capital, that the state would pay for the repairs."
    )
    assert paraphrases(text) == [("the state would pay for the repairs", "Jane Doe")]
    # Not when a verb of its own comes between: "that" opens something else.
    text = "Governor Jane Doe spoke. Doe told the court, in a filing that was sealed, that she would appeal."
    assert paraphrases(text) == []


def test_a_participle_of_saying_with_that_after_a_comma_reports_its_clause_and_ends_the_one_before():
    text = "Jane Doe said the plan would fail, noting that costs had doubled since May."
    assert paraphrases(text) == [("the plan would fail", "Jane Doe"), ("costs had doubled since May", "Jane Doe")]
    # After a partial quote closed with its comma inside the marks, too.
    text = (
        "Mayor Jane Doe spoke on Monday. She said the delay is “purely technical,” explaining that the "
        "contractor needs a new permit."
    )
    assert paraphrases(text) == [
        ("the delay is “purely technical,”", "Jane Doe"),
        ("the contractor needs a new permit", "Jane Doe"),
    ]
    # Not without "that": "explaining the rules" is no clause.
    assert paraphrases("Jane Doe opened the session, explaining the rules to the council.") == []


def test_words_yelled_shouted_or_chanted_are_quoted_even_with_no_one_named():
    text = (
        "Barry Bonds broke the record. Some fans are excited for him. "
        'But others have been yelling "cheater" or "steroids" when he goes to bat.'
    )
    assert direct(text) == [("cheater", None), ("steroids", None)]
    # Whoever is named as crying them out says them; a crowd is no one's name.
    assert direct("Mayor John Smith shouted “No way!” at the council.") == [("No way!", "John Smith")]
    assert direct("The crowd chanted “Free them now” for an hour.") == [("Free them now", None)]
    # The same short words in marks with no verb of crying out stay a term.
    assert direct("Some fans wore “cheater” shirts when he went to bat.") == []


def test_a_quote_right_after_an_inverted_attribution_without_a_full_stop_goes_on_with_the_words():
    # A copy that lost its full stops: `"…," said Kelly "…"` is one speaker's words in two parts.
    text = (
        'NASA astronaut Mark Kelly made the following statement:\n"NASA is leading the way and will continue '
        'to do so," said Kelly "We are the lead partner on the station and we are excited about it "\n'
        "Kelly made the statement in an interview"
    )
    assert direct(text) == [
        ("NASA is leading the way and will continue to do so,", "Mark Kelly"),
        ("We are the lead partner on the station and we are excited about it ", "Mark Kelly"),
    ]
    # Not when the words after the verb are no name: "said it" is narration, and "Titan" a title.
    text = 'Jane Doe wrote the report. "It is done," said Doe. He called it "Titan" in the talk.'
    assert direct(text) == [("It is done,", "Jane Doe")]


def test_a_paragraph_whose_first_mark_closes_a_quote_before_its_attribution_lost_its_opening_mark():
    text = (
        "“The program matters,” said Administrator Jane Doe.\n\n"
        "We are pleased to continue working with the agency on projects on both sides of the border,” "
        "commented Managing Director John Roe."
    )
    assert direct(text) == [
        ("The program matters,", "Jane Doe"),
        ("We are pleased to continue working with the agency on projects on both sides of the border,", "John Roe"),
    ]
    # Not a closing mark with no verb of saying after it, nor a short run of words before one.
    text = "“The program matters,” said Jane Doe.\n\nWe are pleased to continue working on both sides,” the end."
    assert direct(text) == [("The program matters,", "Jane Doe")]
    assert direct("“It works,” said Jane Doe.\n\nWe are pleased,” said John Roe.") == [("It works,", "Jane Doe")]


def test_the_document_said_is_whoever_the_article_says_issued_it():
    text = 'Senator Jane Doe sent a letter to the agency on Friday. "Your inaction is unacceptable," the letter said.'
    assert direct(text) == [("Your inaction is unacceptable,", "Jane Doe")]
    text = (
        "The Government Accountability Office published a critical report. "
        'The report said the program was "poorly managed."'
    )
    assert direct(text) == [("poorly managed.", "The Government Accountability Office")]
    # No issuer said: no one (reading a report is not issuing it).
    assert direct('Reporters read the report. "The agency failed," the report said.') == [("The agency failed,", None)]


def test_an_awards_citation_is_the_words_of_the_body_that_presents_it():
    text = (
        "Mr. John Roe is the 2019 recipient of the Award of Merit from the National Association for Court "
        "Management.  Presented each year at the NACM Annual Conference, this award “recognizes distinguished "
        "service to the profession.”  Recipients are chosen for leadership."
    )
    assert direct(text) == [
        ("recognizes distinguished service to the profession.", "National Association for Court Management")
    ]
    text = (
        "Reporter Jane Doe won the National Press Club’s 2021 Arthur Rowse Award for Press Criticism. "
        "The award citation notes “their thoughtful and deliberately in-depth coverage of the agency.”"
    )
    assert direct(text) == [
        ("their thoughtful and deliberately in-depth coverage of the agency.", "National Press Club")
    ]
    # The winner's own words about it stay the winner's.
    text = (
        "Reporter Jane Doe won the National Press Club’s 2021 Arthur Rowse Award for Press Criticism. "
        "“The award belongs to the whole team,” Doe said."
    )
    assert direct(text) == [("The award belongs to the whole team,", "Jane Doe")]


def test_a_saying_the_text_mentions_by_its_noun_is_no_ones_words():
    text = "We are all familiar with the maxim “if justice is delayed, justice is denied.” The issue is simple."
    assert direct(text) == []
    text = 'Critics mocked the slogan "Build it and they will come." The mayor said nothing.'
    assert direct(text) == []
    # A quote after a verb of saying and a noun that is not one stays someone's words.
    text = "Jane Doe said of the backlog: “If justice is delayed, justice is denied.”"
    assert direct(text) == [("If justice is delayed, justice is denied.", "Jane Doe")]


def test_a_role_of_several_lower_case_words_before_a_name_is_part_of_the_subject_a_he_stands_for():
    text = (
        "Competitions take place around Los Angeles. Taiwan team coach Yunda Xie says his athletes are competing "
        "under the name Chinese Taipei in several sports. He says he and his athletes are honored to be there."
    )
    assert paraphrases(text) == [
        ("his athletes are competing under the name Chinese Taipei in several sports", "Yunda Xie"),
        ("he and his athletes are honored to be there", "Yunda Xie"),
    ]


def test_noted_or_confirmed_reports_a_clause_without_that_when_a_noun_phrase_and_a_finite_verb_follow():
    text = (
        "County Attorney Jane Roe read the ordinance into the record. She noted the Mayor’s veto and veto "
        "message were properly before the Board."
    )
    assert paraphrases(text) == [("the Mayor’s veto and veto message were properly before the Board", "Jane Roe")]
    assert paraphrases("Mayor Jo Banks confirmed the report was accurate.") == [
        ("the report was accurate", "Jo Banks")
    ]
    # An object, not a clause: no finite verb, or one only after a comma or a preposition.
    assert paraphrases("Mayor Jo Banks noted the rise in prices during the meeting.") == []
    assert paraphrases("Mayor Jo Banks noted the plan, which was late.") == []
    assert paraphrases("Mayor Jo Banks explained the rules to the crowd.") == []


def test_where_a_person_named_in_full_is_from_is_not_the_subject():
    text = (
        "An athlete's mother is impressed. Another mother, Hane Dindinno from Papua New Guinea says her "
        "nation's athletes are thrilled to be here."
    )
    assert paraphrases(text) == [("her nation's athletes are thrilled to be here", "Hane Dindinno")]
    assert paraphrases("Senator Jane Doe from Ohio said the bill was flawed.") == [("the bill was flawed", "Jane Doe")]
    # Not a name before "from": a description says who, as before.
    assert paraphrases("Officials from Ohio said the bill was flawed.") == []


def test_an_organization_named_with_an_office_holders_possessive_and_later_by_its_last_words():
    text = (
        "The Orange County Sheriff's Office arrested two men on Friday. "
        '"The investigation is ongoing," the Sheriff\'s Office said.'
    )
    assert direct(text) == [("The investigation is ongoing,", "Orange County Sheriff's Office")]
    text = 'Deputies arrested two men. "The investigation is ongoing," the Orange County Sheriff\'s Office said.'
    assert direct(text) == [("The investigation is ongoing,", "The Orange County Sheriff's Office")]
    text = (
        "The Tampa Police Department arrested two men on Friday. "
        '"The investigation is ongoing," the Police Department said.'
    )
    assert direct(text) == [("The investigation is ongoing,", "Tampa Police Department")]
    # A possessive that is no office's still leads to the name after it.
    text = '"It works," said Patrick\'s Secretary of Public Safety Mary Beth Heffernan.'
    assert direct(text) == [("It works,", "Mary Beth Heffernan")]


def test_police_said_is_the_police_force_the_article_named():
    text = 'The Tampa Police Department arrested two men on Friday. "The investigation is ongoing," police said.'
    assert direct(text) == [("The investigation is ongoing,", "The Tampa Police Department")]
    # With no force named, still a quote, of no one named.
    assert direct('Two men were arrested. "The investigation is ongoing," police said.') == [
        ("The investigation is ongoing,", None)
    ]


def test_he_or_she_replied_is_the_person_asked_in_the_sentence_before():
    text = 'John Roe asked Senator Jane Doe about the bill. "It will pass," she responded.'
    assert direct(text) == [("It will pass,", "Jane Doe")]
    text = "John Roe asked Jane Doe about the bill on Monday. She replied that the bill would pass easily."
    assert paraphrases(text) == [("the bill would pass easily", "Jane Doe")]
    # "said" after an asking stays the sentence's subject's, as before.
    text = 'John Roe asked Jane Doe about the bill. "It will pass," he said.'
    assert direct(text) == [("It will pass,", "John Roe")]


def test_a_partial_quote_in_a_clause_reported_by_according_to_is_the_sources():
    assert direct('The plan is "reckless," according to Senator Jane Doe.') == [("reckless,", "Jane Doe")]
    text = 'According to Senator Jane Doe, the plan is "reckless" and wasteful.'
    assert direct(text) == [("reckless", "Jane Doe")]
    # A name in marks stays no one's words.
    assert direct('The plan is called "Project Sunrise," according to Senator Jane Doe.') == []


def test_told_a_listener_of_several_words_then_a_pronoun_reports_the_clause():
    text = "Rahma Toki, a teacher, told the VOA Learning English team he was ready to quit on the first day."
    assert paraphrases(text) == [("he was ready to quit on the first day", "Rahma Toki")]
    assert paraphrases("Jane Doe told the Senate Armed Services Committee she would resign.") == [
        ("she would resign", "Jane Doe")
    ]
    # A preposition in the words after "told": no listener and clause read from them.
    assert paraphrases("Jane Doe told the story of how he was ready to quit.") == []


def test_she_said_after_a_quote_opening_its_paragraph_is_the_paragraph_befores_subject():
    text = (
        "Coach Pia Sundhage named the team on Monday. Sundhage said the rift was not a factor in picking Hope "
        'Solo and Nicole Barnhart.\n\n"No, not at all," she said. "We want to keep the ball."'
    )
    assert direct(text) == [("No, not at all,", "Pia Sundhage"), ("We want to keep the ball.", "Pia Sundhage")]


def test_informed_or_advised_a_listener_reports_the_clause_after_it_as_told_does():
    text = "Ms. Tammi Clyatt read the variance. She informed the Board there is no opposition to this request."
    assert paraphrases(text) == [("there is no opposition to this request", "Tammi Clyatt")]
    assert paraphrases("Mayor Jo Banks assured residents the water is safe.") == [("the water is safe", "Jo Banks")]
    # A listener and no clause.
    assert paraphrases("Mayor Jo Banks advised the council to wait for the report.") == []


def test_she_is_never_someone_known_to_be_a_man_nor_he_a_woman():
    # The last person named is the other gender: by the first name officials are recorded with
    # (first_names.tsv), by a title ("Ms.", "Mr.") or by a gendered role noun ("Congresswoman").
    after = "\n\n“We will fix the roads,” {} said."
    text = "Mary Lopez spoke after the vote. The bill was written by John Smith." + after.format("she")
    assert direct(text) == [("We will fix the roads,", "Mary Lopez")]
    for writer in ("Ms. Dana Smith", "Congresswoman Dana Smith"):
        text = f"Tom Reyes spoke after the vote. The bill was written by {writer}." + after.format("he")
        assert direct(text) == [("We will fix the roads,", "Tom Reyes")]
    text = "Dana Reyes spoke after the vote. The bill was written by Mr. Kerry Smith." + after.format("she")
    assert direct(text) == [("We will fix the roads,", "Dana Reyes")]
    # A first name of no known gender stays the last person named, as before.
    text = "Dana Reyes spoke after the vote. The bill was written by Kerry Smith." + after.format("she")
    assert direct(text) == [("We will fix the roads,", "Kerry Smith")]


def test_first_names_file_is_built_from_the_officials_data_by_its_script():
    from articles.extraction.build_first_names import MIN_RECORDS
    from articles.extraction.lexicon import FIRST_NAME_GENDER, FIRST_NAMES

    rows = [line.split("\t") for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert {row[0]: row[1] for row in rows} == FIRST_NAME_GENDER
    assert all(row[1] in {"M", "F"} and int(row[2]) >= MIN_RECORDS for row in rows)
    assert "Chris" not in FIRST_NAME_GENDER  # recorded for men and for a woman


def test_he_or_she_after_a_sentence_opening_with_a_when_clause_is_the_main_clauses_subject():
    # Round 26's "When … Kim Jong Il died in December she and the rest of the team supported the
    # coach.¶“He was depressed,” she said.": "she" is the main clause's "she", whose antecedent is before.
    text = (
        "Chov Sotheara said she loves her coach like a father. When the leader Kim Jong Il died in December "
        "she and the rest of the team supported the coach.\n\n“He was depressed,” she said."
    )
    assert direct(text) == [("He was depressed,", "Chov Sotheara")]
    text = (
        "Chov Sotheara said she loves her coach. When the coach Pak So Nam left, she and the team supported "
        "him.\n\n“He was sad,” she said."
    )
    assert direct(text) == [("He was sad,", "Chov Sotheara")]


def test_a_closing_mark_with_the_next_sentence_printed_against_it_ends_the_sentence():
    # Round 27's army.mil copy lost the spaces after its paragraphs: "… said Bor. “….”As Soldiers, …",
    # so the quote after the attribution read as the start of a longer sentence with no speaker.
    text = (
        "Training went on.“It was hard,” said Staff Sgt. Hillary Bor, a runner. “Our coaches have been great.”"
        "As Soldiers, Bor believes they are ready.“We are resilient,” said Bor. “We keep training.”WCAP also has "
        "Paralympians."
    )
    assert [speaker for _, speaker in direct(text)] == ["Hillary Bor"] * 4


def test_military_ranks_abbreviated_before_a_name_do_not_end_the_sentence():
    # Round 27's '"A marathon is like a war," said Maj. Dan Browne, …' ("Maj." read as a full stop).
    for rank in ("Maj.", "Cmdr.", "Spc.", "Cpl.", "Pvt.", "Pfc."):
        text = f'"A marathon is like a war," said {rank} Dan Browne, a 2004 U.S. Olympic runner.'
        assert direct(text) == [("A marathon is like a war,", "Dan Browne")]


def test_words_after_is_that_go_on_for_sentences_are_a_quote_not_a_title():
    # Round 27's 'The important thing is "understanding that disappointments are … efforts. If you look
    # at it … mindset."' (dropped as a name in marks after "is", like a title); a title stays dropped.
    text = (
        "Coach Dan Browne spoke before the race. Losing is part of it, he said. The important thing is "
        '"understanding that losses are just a chance to refocus your efforts. Looking for the silver lining '
        'is key."'
    )
    assert direct(text) == [
        (
            "understanding that losses are just a chance to refocus your efforts. Looking for the silver lining "
            "is key.",
            "Dan Browne",
        )
    ]
    assert direct("Dr. Jane Roe joined NASA in 2004. Her official title is “astronaut and mission specialist.”") == []


def test_a_clause_then_said_and_a_name_at_the_sentences_end_is_that_persons_paraphrase():
    # Round 27's "<clause>, said Willie Wilson, WCAP program director." (and nasa-50's two "…, said
    # Chris Jennison, a retired DC-8 mission manager."): the subject follows the verb.
    text = (
        "Its sports include archery.\n\nWCAP Soldiers come from the active duty components and are selected for "
        "their ability, said Willie Wilson, WCAP program director."
    )
    assert paraphrases(text) == [
        ("WCAP Soldiers come from the active duty components and are selected for their ability", "Willie Wilson")
    ]
    assert paraphrases("The rover will land in May, said Chris Jennison.") == [
        ("The rover will land in May", "Chris Jennison")
    ]
    # The name after "said" is the speaker, never the clause reported (this sentence was listed before as
    # giving no paraphrase at all; the set's labels, nasa-50's and round 27's, count the clause as one).
    assert paraphrases("The plan will work, said Mayor Jo Banks.") == [("The plan will work", "Jo Banks")]
    # Not a name after the verb: nothing reported.
    assert paraphrases("The rover will land in May, said the report on the mission.") == []


def test_a_pronoun_after_the_clause_it_reports_is_never_a_name_inside_that_clause():
    # Round 27's "The Army's Performance Triad demonstrates the importance … of all three …, he said."
    # gave the Triad (a program named in capitals) as the speaker of that clause, of the clause after it
    # and of two partial quotes: a "he" after the clause it reports cannot stand for a name inside it.
    text = (
        "Coach Dan Browne spoke before the race.\n\n"
        'The Army\'s Performance Triad helps "the mental side" of racing, he said.'
    )
    assert paraphrases(text) == [('The Army\'s Performance Triad helps "the mental side" of racing', "Dan Browne")]
    assert direct(text) == [("the mental side", "Dan Browne")]
    # A person named inside the clause is not its reporter either.
    text = "Mayor Tom Reyes spoke on Monday. Robin Cole will win the vote in May, he said."
    assert paraphrases(text) == [("Robin Cole will win the vote in May", "Tom Reyes")]


def test_he_or_she_after_where_is_the_subject_of_the_verb_that_follows():
    # Round 29's "A few days later, FBI Director James Comey held a press conference where he announced
    # that <clause>" gave no speaker ("A few days later" read as the subject).
    text = (
        "Hillary Clinton met with the FBI. A few days later, FBI Director James Comey held a press conference "
        "where he announced that charges would not be appropriate."
    )
    assert paraphrases(text) == [("charges would not be appropriate", "James Comey")]


def test_an_adverb_set_off_by_commas_between_the_verb_and_that_keeps_the_clause_reported():
    # Round 29's "He noted, however, that Clinton had acted carelessly …" (missed: a verb followed by a
    # comma introduces nothing it reports, unless "As … noted,").
    text = "FBI Director James Comey spoke on Tuesday. He noted, however, that Clinton had acted carelessly."
    assert paraphrases(text) == [("Clinton had acted carelessly", "James Comey")]
    assert paraphrases("Mayor Tom Reyes said, too, that the budget would pass.") == [
        ("the budget would pass", "Tom Reyes")
    ]
    # Not without "that" after the adverb: "said, however, the budget …" stays as it was.
    assert paraphrases("Mayor Tom Reyes said, however, the budget would pass.") == []


def test_a_surname_after_mr_or_mrs_is_not_the_full_name_of_someone_of_the_other_gender():
    # Round 29's Wikinews story: "Kay Ure left the … cottage … She was heading to Inverness." and later
    # "“…”, said Mr Ure" (her husband): the quote went to "Kay Ure", the only full name ending in "Ure".
    text = "Kay Ure left the cottage. She was heading home.\n\n“It was cold”, said Mr Ure."
    assert direct(text) == [("It was cold", "Ure")]
    # The same surname of someone of the title's gender, or of no gender known, is still read in full.
    assert direct(text.replace("Mr Ure", "Mrs Ure")) == [("It was cold", "Kay Ure")]
    assert direct("Tom Ure left the cottage. He was heading home.\n\n“It was cold”, said Mr Ure.") == [
        ("It was cold", "Tom Ure")
    ]
    assert direct("Lee Ure left the cottage.\n\n“It was cold”, said Mr Ure.") == [("It was cold", "Lee Ure")]


def test_he_after_a_sentence_opening_with_a_participles_phrase_or_a_name_of_an_outlet_is_that_person():
    # GUM's 'Writing in a blog post, Matthew Ingram of The Globe and Mail dubbed the ongoing conflict …
    # He characterized the conflict … as "…"' gave "Scientology": the sentence's subject was read as
    # "Writing", and "Matthew Ingram of The Globe and Mail" as no one.
    quote = ' He characterized the conflict with the Church of Scientology as "another small skirmish in a long war."'
    text = "Writing in a blog post, Matthew Ingram dubbed the conflict with the Church of Scientology a war." + quote
    assert direct(text) == [("another small skirmish in a long war.", "Matthew Ingram")]
    text = "Matthew Ingram of The Globe and Mail dubbed the conflict with the Church of Scientology a war." + quote
    assert direct(text) == [("another small skirmish in a long war.", "Matthew Ingram")]


def test_the_name_of_a_criminal_charge_in_marks_is_not_a_quote():
    # Round 29's VOA story: 'The three were charged with "gathering crowds to disturb social order" and Guo
    # received the additional charge of "picking quarrels and provoking trouble."' (both proposed).
    text = (
        'The three were charged with "gathering crowds to disturb social order" and Guo received the additional '
        'charge of "picking quarrels and provoking trouble." He was convicted of "inciting subversion."'
    )
    assert direct(text) == []
    # "charged that" still reports what was said.
    assert direct('Rep. Jane Doe charged that the plan was "a fraud."') == [("a fraud.", "Jane Doe")]


def test_a_name_in_capitals_before_a_noun_for_a_thing_is_no_one_a_later_he_stands_for():
    # Round 24's VOA story: "… said August.¶He recently qualified for his country's Olympic Judo team. …
    # He says his employer has supported his dream." gave "Olympic Judo" (a team's name read as a person).
    text = (
        '"I want a medal," said Marlon August.\n\nHe recently qualified for his country\'s Olympic Judo team. '
        "He trained before and after work. He says his employer has supported his dream."
    )
    assert paraphrases(text) == [("his employer has supported his dream", "Marlon August")]
    # A person named in full before a verb is still a later "he".
    text = "Marlon August qualified for the team. He says his employer has supported his dream."
    assert paraphrases(text) == [("his employer has supported his dream", "Marlon August")]


def test_a_partial_quote_in_a_participles_phrase_after_a_document_describing_is_its_issuers():
    # Round 29's 'CBS News analysis described the debate as possibly the best night of the Romney campaign,
    # finding him in control of the discourse and appearing “reasonable, pragmatic and respectful.”' (missed:
    # the verb is further back than a short quote's verb is looked for, and its subject is a document).
    tail = (
        " described the debate as possibly the best night of the campaign, finding him in control of the "
        "discourse and appearing “reasonable, pragmatic and respectful.”"
    )
    assert direct("Senator Jane Doe" + tail) == [("reasonable, pragmatic and respectful.", "Jane Doe")]
    assert direct("CBS News analysis" + tail) == [("reasonable, pragmatic and respectful.", "CBS News")]
    assert direct("The WADA report called the program “a scandal.”") == [("a scandal.", "WADA")]
    # A document no one is named as issuing stays no one's.
    assert direct("The report called the program “a scandal.”") == []


def test_a_pull_quote_signed_by_a_name_and_an_office_on_its_line_is_that_persons():
    # nasa-20's '“Aviary is flexible enough … teach you.” Jennifer Gratz Aviary Task Lead' (a pull quote
    # whose copy lost the dash before its signature) gave "Building Aviary", a heading.
    text = (
        "Building Aviary\n\nThen, Aviary creates a model.\n\n“Aviary is flexible enough that you can decide what "
        "you want to learn.” Jennifer Gratz Aviary Task Lead\n\nAviary is a leap."
    )
    said = "Aviary is flexible enough that you can decide what you want to learn."
    assert direct(text) == [(said, "Jennifer Gratz")]
    # Capitals that do not open with a first name are no signature, nor is a sentence after the quote.
    text = "Music was played.\n\n“The band played well tonight.” United States Marine Corps Band\n\nThe end."
    assert direct(text) == [("The band played well tonight.", None)]
    text = "Music was played.\n\n“The band played well tonight.” Jennifer Gratz said the band was great\n\nThe end."
    assert direct(text) == [("The band played well tonight.", None)]


def test_he_after_an_opening_clause_of_a_gerund_is_not_a_name_inside_that_clause():
    # Round 30's Wikinews report: "Premier Jean Charest has called an election. After meeting with
    # Lieutenant Governor Pierre Duchesne …, he made the public announcement …, stating … a “bridge to the
    # north”" gave the quote to Duchesne, the one met, not the one meeting.
    text = (
        "Premier Jean Charest has called an election. After meeting with Lieutenant Governor Pierre Duchesne "
        "to dissolve parliament, he made the announcement, calling the airport a “bridge to the north.”"
    )
    assert direct(text) == [("bridge to the north.", "Jean Charest")]
    # A clause with a subject of its own is unchanged: "When Smith arrived, he said …" may be Smith's.
    text = "Mayor Tom Reyes spoke first. When Jo Banks arrived, she called the plan “a disaster.”"
    assert direct(text) == [("a disaster.", "Jo Banks")]


def test_stating_reports_a_clause_without_that_as_stated_does():
    # Round 30's ", stating the airport represents a …" (missed: "stating" reported only a clause opened
    # by "that"); the form also gives wikinews-east-timor-pm-resigns' "…, stating he could not work with
    # Alkatiri" (a miss listed in the whole set's errors, seen when measuring it).
    assert paraphrases("Mayor Tom Reyes closed the meeting, stating the budget would pass.") == [
        ("the budget would pass", "Tom Reyes")
    ]
    assert paraphrases("Premier Ann Cole resigned on Monday, stating she could not work with the council.") == [
        ("she could not work with the council", "Ann Cole")
    ]
    # An object, not a clause: nothing reported.
    assert paraphrases("Mayor Tom Reyes closed the meeting, stating the rules of the council.") == []


def test_a_name_in_capitals_ending_in_a_noun_for_a_thing_is_no_one_a_later_he_stands_for():
    # Round 31's Wikinews interview: "… for the Asia Oceania Zone (AOZ) Wheelchair Basketball Championships in
    # Bangkok. … “We had confidence in ourselves,” he recalled." gave the event's name, not the coach.
    text = (
        "Coach David Gould runs the camp.\n\nTwelve players are to be selected for the Asia Oceania Zone (AOZ) "
        "Wheelchair Basketball Championships in Bangkok.\n\nHe has won a gold medal. “We had confidence in "
        "ourselves,” he recalled."
    )
    assert direct(text) == [("We had confidence in ourselves,", "David Gould")]
    text = (
        "Coach David Gould runs the camp. He was awarded a scholarship by the Australian Sports Commission. "
        "“We stuck to our plan,” he recalled."
    )
    assert direct(text) == [("We stuck to our plan,", "David Gould")]
    # A person's name is still a later "he".
    text = "Coach David Gould runs the camp. Mark Jones joined it. “We stuck to our plan,” he said."
    assert direct(text) == [("We stuck to our plan,", "Mark Jones")]


@pytest.mark.parametrize(
    "rank",
    ["Coast Guard Lt.j.g.", "Lt.Col.", "Ens.", "Cdr.", "Brig. Gen.", "SSgt.", "Seaman", "Petty Officer 2nd Class"],
)
def test_military_ranks_joined_abbreviated_or_with_a_class_are_titles_not_names(rank):
    # Round 31's Coast Guard release: "“…,” said Coast Guard Lt.j.g. Trevor Layman, a … duty officer. “…”" gave
    # "Coast Guard Lt.j.g" (two abbreviations joined: the last full stop read as the sentence's end).
    text = f"“We made the decision to suspend the search,” said {rank} Trevor Layman, a duty officer. “It was hard.”"
    assert [speaker for _, speaker in direct(text)] == ["Trevor Layman", "Trevor Layman"]


def test_letters_joined_by_full_stops_without_a_word_of_a_title_still_end_a_sentence():
    # "U.S." is no title: the speaker after it is still found, and "Lt.j.g." style joining needs a title's word.
    assert direct("“We tried,” said U.S. Rep. Ann Cole.") == [("We tried,", "Ann Cole")]


def test_a_partial_quote_after_an_inserted_as_name_said_is_that_persons():
    # Round 31's Wikinews report: "… coach Michael Bohl moved his athletes … the water in the pool turned, as Bohl
    # described, "cloudy" and "soupy looking"." (both missed: the subject after "as" was read as no one's).
    text = (
        "Coach Michael Bohl moved his athletes. During the session the water in the pool turned, as Bohl "
        'described, "cloudy" and "soupy looking". He moved them.'
    )
    assert direct(text) == [("cloudy", "Michael Bohl"), ("soupy looking", "Michael Bohl")]
    assert direct('The plan was, as Mayor Ann Cole said, "a mess".') == [("a mess", "Ann Cole")]
    # "as" and a name that is not the verb's own phrase is unchanged: no one says "a mess" here.
    assert direct('The plan was as bad as Ann Cole feared, a "mess".') == []


def test_notified_and_its_like_take_no_one_word_listener_before_a_clause():
    # Round 31's Coast Guard release: "Crew aboard the boat John Jack notified Coast Guard Sector Southeastern New
    # England watchstanders Tuesday at about 1 p.m. reporting …" gave the office's name, past "Coast", as a clause.
    text = (
        "Crew aboard the boat John Jack notified Coast Guard Sector Boston watchstanders Tuesday at about 1 p.m. "
        "reporting the man did not resurface."
    )
    assert paraphrases(text) == []
    # "told" still takes an outlet as a one-word listener, and "notified" a listener with "the".
    assert paraphrases("Mayor Ann Cole told VOA Russia is treating the city badly.") == [
        ("Russia is treating the city badly", "Ann Cole")
    ]
    assert paraphrases("Mayor Ann Cole notified the board she would resign.") == [("she would resign", "Ann Cole")]


@pytest.mark.parametrize("adverb", ["still", "now", "often", "openly", "sharply"])
def test_an_adverb_between_subject_and_verb_leaves_the_subject_the_speaker(adverb):
    # wh-windtower's "Representative Boebert still called the Inflation Reduction Act a “massive failure”"
    # (missed: "still" was read as the verb's subject phrase).
    text = f"Representative Lauren Boebert {adverb} called the act a “massive failure” in May."
    assert direct(text) == [("massive failure", "Lauren Boebert")]


def test_a_middle_initial_a_or_i_is_part_of_the_name():
    # Round 32's "Sgt. Maj. of the Army Daniel A. Dailey …": "A." was read as the article "a", which no name holds,
    # so the subject before the verb was lost ("Daniel A. Dailey called …" gave no quote at all).
    text = "The event ended Monday. Daniel A. Dailey called the talks “productive.”"
    assert direct(text) == [("productive.", "Daniel A Dailey")]
    text = "Maj. Ann I. Cole oversaw the talks and called them “productive.”"
    assert direct(text) == [("productive.", "Ann I Cole")]
    # The word "A" opening a sentence is still no name.
    assert direct("A spokesman called the talks “productive.”") == [("productive.", None)]


def test_an_office_of_the_something_before_a_name_opens_the_subject():
    # Round 32's "Sgt. Maj. of the Army Daniel A. Dailey oversaw the 15th annual competition and called the Soldiers
    # “the best and brightest our Army has to offer.”": the subject of the second verb stopped at "of the".
    text = "Secretary of the Navy Carlos Del Toro oversaw the event and called it “historic.”"
    assert direct(text) == [("historic.", "Carlos Del Toro")]
    # A group "of the" something is no office: its name is not taken for a person's ("Army Band").
    assert direct("Members of the Army Band played and called it “fun.”") == []


@pytest.mark.parametrize("when", ["today", "yesterday"])
def test_today_between_subject_and_verb_leaves_the_clause_reported(when):
    # Round 33's "… Deputy Under Secretary Alexis Taylor today announced that <clause>" (missed: "today" was read as
    # the verb's subject phrase); agency releases print "<official> today announced" often.
    text = f"Deputy Under Secretary Alexis Taylor {when} announced that the agency will accept more acres."
    assert paraphrases(text) == [("the agency will accept more acres", "Alexis Taylor")]
    assert direct(f"Mayor Ann Cole {when} called the plan “a disgrace.”") == [("a disgrace.", "Ann Cole")]


def test_a_heading_of_a_name_and_a_document_noun_gives_the_name():
    # Round 33's USDA page: "Secretary Perdue Statement on Coronavirus Rescue Package" above a paragraph that is only
    # the quote gave "Perdue Statement" (the noun read as part of the name).
    text = "Governor Ann Cole Statement on the Budget\n\n“The budget the council passed is a disgrace to the city.”"
    assert direct(text) == [("The budget the council passed is a disgrace to the city.", "Ann Cole")]
    text = "Secretary Perdue Remarks on Trade\n\n“Our farmers deserve open markets and fair rules.”\n\nMore news"
    assert direct(text) == [("Our farmers deserve open markets and fair rules.", "Perdue")]


def test_a_titled_label_opening_the_paragraph_gives_a_quote_after_the_pages_own_words():
    # Round 33's EPA "What They Are Saying": "U.S. Senator Steve Daines (R-MT): Launching progress and securing a final
    # cleanup decision at … “is big news for the folks of Butte-Silver Bow. …”" had no speaker (the label form was
    # read only right before the quotation mark).
    text = (
        "Here is what they said:\n\nU.S. Senator Steve Daines (R-MT): Securing a cleanup decision at the mine site "
        "“is big news for the folks of Butte.”"
    )
    assert direct(text) == [("is big news for the folks of Butte.", "Steve Daines")]
    # A short quote after such a label stays unattributed (minutes print "Name: <summary>" with scare quotes).
    assert direct("Notes:\n\nMayor Ann Cole: The council voted on the budget, a “disgrace” to some.") == []


def test_an_organization_of_one_capital_after_of_is_not_a_surname():
    # Round 35's VOA story: "The U.S. Federal Bureau of Investigation called them “radicalized.”" gave "Investigation"
    # (the word after "Bureau of" read as a surname).
    text = "The couple killed 14 people. The U.S. Federal Bureau of Investigation called them “radicalized.”"
    assert direct(text) == [("radicalized.", "U.S. Federal Bureau of Investigation")]
    text = "“We are reviewing the footage,” said the Institute of Technology."
    assert direct(text) == [("We are reviewing the footage,", "Institute of Technology")]
    # After "in" the capital is a place, and the office before it still reports for its spokesperson.
    text = (
        "A spokesperson from the British High Commission in Canberra has said that the application could take a year."
    )
    assert paraphrases(text) == [("the application could take a year", None)]


def test_a_place_in_an_apposition_with_no_comma_before_the_verb_is_not_the_subject():
    # Round 34's Wikinews story: "“…,” Cpl. Victor Thibault, 38, of Digby, Nova Scotia said to the Canadian Press."
    # gave "Nova Scotia" (the end of the apposition's place read as the verb's subject).
    text = "“We came home together,” Sgt. Ann Cole, 41, of Halifax, Nova Scotia said to reporters."
    assert direct(text) == [("We came home together,", "Ann Cole")]
    text = "Jane Doe, a teacher from Dayton, Ohio said the school would close."
    assert paraphrases(text) == [("the school would close", "Jane Doe")]


def test_words_remembered_or_heard_are_the_one_heard_saying_them():
    # Round 35's VOA story: "Comey remembered the president saying, “…”" gave Comey, not the president.
    text = "Mayor Ann Cole fired the chief. Bob Lee remembered the mayor saying, “I need loyalty.”"
    assert direct(text) == [("I need loyalty.", "Ann Cole")]
    assert direct("Witnesses heard Tom Reed say, “Get out now.”") == [("Get out now.", "Tom Reed")]
    # One not named stays unnamed rather than going to the one who remembers.
    assert direct("Ann Cole recalled her father saying, “Never give up.”") == [("Never give up.", None)]


def test_a_partial_quote_in_a_reported_clause_about_someones_thing_is_the_reporters():
    # Round 35's VOA story: "But he said Comey’s testimony confirmed the president “was not under investigation …”"
    # gave Comey (the subject of "confirmed", someone's testimony) rather than the one who said it.
    text = "Mark Kasowitz spoke. He said Comey’s testimony confirmed the president “was not under investigation” then."
    assert direct(text) == [("was not under investigation", "Mark Kasowitz")]
    # Someone who tells, not a thing of theirs, still says the words.
    assert direct("Ann Cole said Bob Lee told her he was “very sorry” about it.") == [("very sorry", "Bob Lee")]


def test_an_adverb_opening_the_sentence_before_it_is_not_a_name():
    # Round 35's VOA story: "Separately, Trump’s personal lawyer, Mark Kasowitz, denied …. But he said …" read
    # "Separately" as the sentence's subject, so "he" went to a name further back (Comey).
    text = (
        "Ann Cole met Tom Reed on Monday. Separately, her lawyer, Bob Lee, denied that she had paid Tom Reed. "
        "But he said “nothing was signed” that week."
    )
    assert direct(text) == [("nothing was signed", "Bob Lee")]


def test_a_role_in_lower_case_and_a_name_after_an_opening_clause_are_the_subject():
    # Round 35's VOA story: "When asked about Roskomnadzor’s demands for Facebook, presidential spokesman Dmitry Peskov
    # said <clause>" gave nothing (the lower-case role read as an apposition).
    text = "When asked about the plan, city spokesman Tom Reed said the council had to vote again."
    assert paraphrases(text) == [("the council had to vote again", "Tom Reed")]
    text = "Asked about the delay, spokeswoman Ann Cole said the bridge would open in May."
    assert paraphrases(text) == [("the bridge would open in May", "Ann Cole")]


def test_who_after_a_name_and_one_word_appositions_is_the_name():
    # Round 34's Wikinews review: "Wikinews interviewed legislator Thomas Washburne, Republican, Evansville, who told
    # us <clause>" gave no paraphrase ("who" was not read as the name ending the phrase).
    text = "Reporters interviewed senator Ann Cole, Democrat, Dayton, who told us she opposed the bill."
    assert paraphrases(text) == [("she opposed the bill", "Ann Cole")]
    # "who" as the object of the next verb is not its subject.
    text = "Mayor Tom Reed said he will reappoint Dr. Bob Lee, who the council confirmed last year."
    assert paraphrases(text) == [("he will reappoint Dr. Bob Lee, who the council confirmed", "Tom Reed")]


def test_someone_described_by_capitals_and_a_noun_may_be_paraphrased():
    # Weak form of rounds 35-36 (VOA): "A South Korean official said Wednesday that <clause>", "One Twitter user, a
    # critic of Clinton, said <clause>" gave nothing: the capitals were read as a name that was not there.
    text = "The talks end on Friday. A Chilean official said Monday that the treaty would be signed in June."
    assert paraphrases(text) == [("the treaty would be signed in June", None)]
    text = "Many people wrote about it. One Instagram user, a fan of the band, said the show had started late."
    assert paraphrases(text) == [("the show had started late", None)]
    text = "Another Acme engineer said the plant had closed early."
    assert paraphrases(text) == [("the plant had closed early", None)]
    # Not a sentence's subject with a name in it, which stays the name's.
    text = "A Chilean official, Rosa Vidal, said the treaty would be signed in June."
    assert paraphrases(text) == [("the treaty would be signed in June", "Rosa Vidal")]


def test_maintains_reports_a_clause_without_that():
    # Round 35's Wikinews story: "De Lima maintains the government’s actions were legal." gave no paraphrase.
    text = "Mayor Tom Reed spoke on Monday. Reed maintains the contract was lawful."
    assert paraphrases(text) == [("the contract was lawful", "Tom Reed")]
    text = "Ann Cole was charged in May. She maintained she had never seen the letter."
    assert paraphrases(text) == [("she had never seen the letter", "Ann Cole")]


def test_a_particle_in_lower_case_does_not_end_a_name():
    # Round 35's Wikinews story: "gave Justice Secretary Leila de Lima ten days" read "Leila de Lima ten" as the name
    # ("ten" is a Dutch particle, as in "Corrie ten Boom"), so "De Lima" was given that name.
    text = "The court gave Judge Ana de Souza ten days to reply. De Souza said the order was unlawful."
    assert paraphrases(text) == [("the order was unlawful", "Ana de Souza")]
    text = "Corrie ten Boom spoke on Sunday. Ten Boom said the museum would reopen."
    assert paraphrases(text) == [("the museum would reopen", "Corrie ten Boom")]


def directs(text):
    return [(p.text, p.speaker) for p in extract_quotes(text) if p.kind == "direct"]


def test_who_after_a_name_and_a_described_apposition_is_the_name():
    # Round 38's VOA story: "comments … by Liu Pengyu, a spokesperson for the Chinese Embassy in Washington, who told
    # VOA, “…”" gave no speaker ("who" was read as the unnamed spokesperson in apposition).
    text = (
        "The minister answered comments by Ana Ruiz, a spokesperson for the Chilean Embassy in Lima, who told "
        'reporters, "Chile has always respected the treaty and will go on doing so."'
    )
    assert directs(text) == [("Chile has always respected the treaty and will go on doing so.", "Ana Ruiz")]
    # A spokesperson who is the subject, with no name before the description, stays unnamed.
    text = 'The minister spoke. A spokesperson for the embassy, who asked not to be named, said, "We disagree."'
    assert directs(text) == [("We disagree.", None)]


def test_a_writing_reads_its_words_and_the_capitals_before_it_issued_it():
    # Round 38's VOA story: "The White House statement read, “…”" gave the person named before ("read" was no
    # reporting verb, and "The <Capitals> statement" named no issuer).
    text = (
        "Mary Jones resigned on Monday. The White House statement read, “Ms. Jones felt it was best to give the "
        "new chief of staff a clean slate.”"
    )
    assert directs(text)[0][1] == "White House"
    text = "Tom Reed was dismissed. The Acme Corporation letter reads, “Mr. Reed broke the rules of the company.”"
    assert directs(text)[0][1] == "Acme Corporation"


def test_an_organisation_named_before_does_not_run_across_a_sentence_end():
    # Found with round 38: "Mary Jones resigned on Tuesday. The White House said, “…”" gave the speaker "Tuesday. The
    # White House" (the capitals before "White House" were read back over the full stop).
    text = "Mary Jones resigned on Tuesday. The White House said, “Ms. Jones felt it was best to leave the team.”"
    assert directs(text) == [("Ms. Jones felt it was best to leave the team.", "The White House")]
    # A longer name printed before stays the one found ("the Sheriff's Office" for the county's).
    text = (
        "The Orange County Sheriff’s Office opened an inquiry. On Tuesday, the Sheriff’s Office said, “We are proud "
        "of the work our deputies have done.”"
    )
    assert directs(text)[0][1] == "Orange County Sheriff’s Office"


def test_a_group_is_whose_words_but_not_a_person_named_before():
    # Round 38's VOA story: "Trump administration officials said in a statement that “…”" gave Donald Trump (the name
    # before the group), and round 37's "White House officials said the U.S. will send “a very clear message”" was
    # missed (a short quote with no speaker): a plural noun for people is a group, whose words they are.
    text = (
        "Mary Jones resigned on Monday. Administration officials said that “the new director will start work in "
        "June and will lead the whole team.”"
    )
    assert directs(text) == [("the new director will start work in June and will lead the whole team.", None)]
    text = "Ann Lee met the president. White House officials said the U.S. will send “a very clear message” to China."
    assert directs(text) == [("a very clear message", None)]
    # A group's clause is no one's paraphrase ("statements of … officials … are not").
    assert paraphrases("Mary Jones sailed in May. Weather experts also say there were no storms in May.") == []


def test_a_phrase_set_off_after_that_opens_the_reported_clause():
    # Round 38's VOA story: "She added that in her experience, the beacon should be used only when …" gave no
    # paraphrase (a preposition right after the verb opens no clause, but after "that" it opens the clause's phrase).
    text = "Ann Appel spoke on Tuesday. She added that in her experience, the beacon should be used only in storms."
    assert paraphrases(text) == [("in her experience, the beacon should be used only in storms", "Ann Appel")]
    text = "Tom Reed spoke on Monday. Reed said that in 2019, the company grew by half."
    assert paraphrases(text) == [("in 2019, the company grew by half", "Tom Reed")]
    # Not "that" as what was said, nor a whole clause in marks after the phrase (a direct quote only).
    assert paraphrases("Tom Reed spoke on Monday. Reed said that in a statement.") == []
    text = "Tom Reed spoke on Monday. Reed said that in May, “we will open the new school for all the children.”"
    assert paraphrases(text) == []


def test_a_head_office_no_one_holds_by_title_is_the_person_named_most():
    # Round 38's VOA story: "Rodrigo Duterte was sworn in Thursday. … The new president said he would be “relentless”
    # during his “sustained” fight …" lost both partial quotes and the paraphrase: no one held "president" by title.
    text = (
        "Ana Silva was sworn in on Thursday. Silva won on a promise to cut crime. The spokesman for the city, Tom "
        "Reed, said Silva was popular. The new president said she would be “relentless” in her fight on crime."
    )
    assert directs(text) == [("relentless", "Ana Silva")]
    assert ("she would be “relentless” in her fight on crime", "Ana Silva") in paraphrases(text)
    # A holder by title stays the one found; and "the reporter" is no single office.
    text = (
        "President Jo Banks met Ana Silva. Silva spoke first. Silva thanked her. The president said the talks "
        "had been “very useful” for both."
    )
    assert directs(text) == [("very useful", "Jo Banks")]
    text = "Tom Reed said the van was gone. Reed left. The reporter also noted that several vans were parked nearby."
    assert paraphrases(text) == [("the van was gone", "Tom Reed")]


def test_he_after_a_role_subject_is_the_one_the_role_stood_for():
    # Round 37's VOA story: "The South Korean president noted … that U.S. President Donald Trump was important …. He
    # said Trump deserved “big credit” …" gave Trump: "he" went to the last person named, and a role to the last
    # holder of its title up to the quote, not up to where the role was printed.
    text = (
        "Chile’s President Ana Silva met reporters. The Chilean president noted on Monday that Peru’s President Tom "
        "Reed was helpful in the talks. He said Reed deserved “big credit” for the deal."
    )
    assert directs(text) == [("big credit", "Ana Silva")]
    assert paraphrases(text)[-1] == ("Reed deserved “big credit” for the deal", "Ana Silva")


def test_joked_reports_a_clause():
    # Round 39's VOA release: "Congressman Eliot Engel (D) joked that he had been interviewed by VOA so many times …"
    # gave no paraphrase ("joked" was no reporting verb; "quipped" was).
    text = "Tom Reed spoke on Monday. Reed joked that he had been interviewed so many times that he was recognized."
    assert paraphrases(text) == [("he had been interviewed so many times that he was recognized", "Tom Reed")]


def test_no_one_opens_a_reported_clause():
    # Round 39's VOA story: "<Name>, …, said no one understood better than him “how important” …" gave no paraphrase:
    # "no" opens no clause ("said no to the plan"), but "no one", like "nobody", is the clause's subject.
    text = "Tom Reed spoke on Monday. Reed said no one understood better than him how hard the work was."
    assert paraphrases(text) == [("no one understood better than him how hard the work was", "Tom Reed")]
    assert paraphrases("Tom Reed spoke on Monday. Reed said no to the plan of the city.") == []


def test_he_also_repeating_a_who_clause_verb_is_that_name():
    # Round 39's VOA story: "Shamshur also read a note … from Ukrainian President Viktor Yushchenko, who hailed VOA
    # Ukrainian for providing “…”. He also hailed the Service for its “…”" gave Shamshur (the sentence's subject).
    text = (
        'Ann Lee read a note from President Tom Reed, who hailed the station for its "honest and careful reporting of '
        'the news." He also hailed the staff for its "contribution to the freedom of the press in the region."'
    )
    assert [speaker for _, speaker in directs(text)] == ["Tom Reed", "Tom Reed"]
    # Another verb is not the relative clause's: "he" stays the subject of the sentence before.
    text = (
        'Bob Lee read a note from Tom Reed, who hailed the station. He also praised the staff for its "contribution '
        'to the freedom of the press in the region."'
    )
    assert directs(text)[0][1] == "Bob Lee"


def test_a_lead_in_with_an_issuing_verb_is_a_sentence_not_a_heading():
    # Round 40's Senators' release: "U.S. Senator Tammy Duckworth (D-IL) released the following statement on Senator Al
    # Franken:" then the statement in marks gave Franken: a short line ending in a colon was read as a heading, whose
    # speaker is its last name. A lead-in whose verb puts out a writing is a sentence: its subject is the speaker.
    text = (
        "Mayor Ann Lee issued a statement on Monday.\n\n"
        "Senator Tom Reed released the following statement on Governor Bob Hale:\n\n"
        "“These actions are unacceptable and should be reviewed by the committee without delay.”"
    )
    assert directs(text) == [
        ("These actions are unacceptable and should be reviewed by the committee without delay.", "Tom Reed")
    ]


def test_a_dateline_in_small_letters_and_today_open_no_subject():
    # Round 40's Senator's release: "Washington, D.C. – Today, U.S. Senator Reverend Raphael Warnock (D-GA) released
    # the following statement regarding U.S. Senator Bob Menendez (D-NJ)." then the statement gave no speaker: the
    # sentence's subject was read as the place ("Washington"), the dateline being in small letters, then as "Today".
    statement = "“The public must have faith in those of us elected to serve, and he should step aside and resign.”"
    for opening in ("Washington, D.C. – ", "Tampa, Fla. - ", ""):
        text = (
            f"{opening}Today, U.S. Senator Tom Reed released the following statement regarding Senator Bob Hale."
            f"\n\n{statement}"
        )
        assert directs(text) == [(statement[1:-1], "Tom Reed")], opening


def test_a_sentence_before_a_colon_gives_its_subject_not_its_object():
    # wh-rhetoric: "Rep. Jasmine Crockett threatened Republicans: “We are gonna be in your face …”" gave Republicans:
    # the words before the colon were read as a label, whose last name is the speaker. A verb after a name makes
    # them a sentence: its subject speaks.
    quote = "We are going to be in your face every day of the week."
    for verb in ("threatened", "thanked"):
        text = f"Rep. Ann Lee {verb} Tom Reed: “{quote}”"
        assert directs(text) == [(quote, "Ann Lee")], verb
    # A label with no verb still names its last person: "Ohio Senator Ann Keel, Chair, Finance Committee:".
    assert directs(f"Ohio Senator Ann Keel, Chair, Senate Finance Committee: “{quote}”") == [(quote, "Ann Keel")]


def test_a_sentence_before_a_colon_is_read_past_a_word_such_as_today_and_from_its_last_comma():
    # Round 62 (gov.ca.gov): "As the Trump administration endangers …, Governor Gavin Newsom today issued the following
    # statement: “…”" gave no speaker: "today" stood between the name and its verb, and the sentence was too long to be
    # read as one before a colon.
    quote = "This reckless move puts our children at risk."
    assert directs(f"Governor Ann Lee today issued the following statement: “{quote}”") == [(quote, "Ann Lee")]
    assert directs(f"Mayor Ann Lee has also released this statement: “{quote}”") == [(quote, "Ann Lee")]
    opening = "SACRAMENTO – As the agency cuts the number of vaccines for infants, children and their caregivers,"
    assert directs(f"{opening} Governor Ann Lee issued the following statement: “{quote}”") == [(quote, "Ann Lee")]


def test_a_quote_after_a_sentence_naming_one_person_is_theirs():
    # nasa-50: "The DC-8 team’s ability to make missions happen is something Hal Maring, NASA Earth Science Division
    # scientist, experienced. “The DC-8 has flown …”" gave no speaker: the sentence's subject is no one's.
    quote = "The plane has flown scientists on a lot of missions to look at the air."
    text = (
        "The crew worked through the night.\n\n"
        f"The team’s skill is something Ann Lee, a NASA scientist, saw often. “{quote}”"
    )
    assert directs(text) == [(quote, "Ann Lee")]
    # Two people named there: nobody is chosen among them.
    text = (
        "The crew worked through the night.\n\n"
        f"The team’s skill is something Ann Lee and Tom Reed, two NASA scientists, saw often. “{quote}”"
    )
    assert directs(text) == [(quote, None)]


def test_a_quote_after_a_writers_sentence_is_the_person_quoted_just_before():
    # Round 39's VOA story: "Rep. Marcy Kaptur … told an audience at VOA that, “…”" then "Today, VOA continues to
    # reach millions of Ukrainians …. “Ukrainians still look to VOA …”" gave VOA: "continues" before "to" was taken
    # for a verb of saying ("he continued"), so the sentence's subject spoke.
    quote = "Listeners still look to the station to hear about the world outside."
    text = (
        "Rep. Ann Lee told an audience at the station that, “In the darkest hours, people heard the news from us.”\n\n"
        f"Today, VOA continues to reach millions of listeners with its shows. “{quote}”"
    )
    assert directs(text)[-1] == (quote, "Ann Lee")
    # Not when this paragraph names someone before the quote, nor after a label with no full stop.
    named = text.replace("with its shows.", "with the shows of Senator Tom Reed.")
    assert directs(named)[-1][1] != "Ann Lee"
    label = text.replace("Today, VOA continues to reach millions of listeners with its shows.", "Tom Reed – Host")
    assert directs(label)[-1][1] != "Ann Lee"


def test_which_after_a_writing_by_a_name_is_its_author():
    # wh-magnolia: "… follows a comprehensive assessment by Peter Hart, a board-certified master arborist …, which
    # concluded the tree has “surpassed the time of serving as …”" gave no speaker: "which" went to the description.
    quote = "surpassed the time of serving as a landmark because of the risk of failure."
    text = (
        "The decision on the “Old Oak” follows an assessment by Ann Lee, a master arborist with the Society of "
        f"Arborists, which concluded the tree has “{quote}”"
    )
    assert directs(text) == [(quote, "Ann Lee")]
    # Not a writing: "a visit by Ann Lee, …, which showed …" names no author of the words.
    visit = text.replace("an assessment by", "a visit by").replace("concluded", "showed")
    assert directs(visit) != [(quote, "Ann Lee")]


def test_a_case_name_and_a_capital_dateline_with_dc_leave_the_subject():
    # Round 41's Representative's release: "WASHINGTON, D.C. --- Congressman Leonard Lance (NJ-07) today hailed the
    # Supreme Court’s decision in United States v. Texas, which upholds …:" then the statement gave Texas: "v." ended a
    # sentence, so the subject read was "Texas"; then WASHINGTON: "WASHINGTON, D.C. ---" was no dateline.
    statement = "“Our defense of the Constitution was vindicated today by the Supreme Court in its ruling.”"
    lead_ins = (
        "Congressman Tom Reed today hailed the decision in Smith v. Jones, which upholds the ruling of the court:",
        "WASHINGTON, D.C. --- Congressman Tom Reed today hailed the decision of the court, which upholds the ruling:",
    )
    for lead_in in lead_ins:
        assert directs(f"{lead_in}\n\n{statement}") == [(statement[1:-1], "Tom Reed")], lead_in


def test_a_lead_in_naming_whose_statement_follows_gives_its_speaker():
    # Round 44's Florida agriculture release: "… today Florida Commissioner of Agriculture Adam H. Putnam briefed …
    # Commissioner Putnam’s statement is below:" then the statement gave no speaker: the lead-in's subject is the
    # statement, not a person. A possessive name before "statement", "remarks" or "comments" is whose it is.
    quote = "“We will rebuild the bridge this year and open it to traffic by May.”"
    for lead in ("Commissioner Reed’s statement is below:", "Reed's full remarks follow:"):
        text = f"Today Florida Commissioner of Transportation Tom Reed briefed the Vice President. {lead}\n\n{quote}"
        assert directs(text) == [(quote[1:-1], "Tom Reed")], lead


def test_told_or_informed_that_with_no_listener_is_passive():
    # Round 44's Justice Department release: "She was later contacted by the person and informed that the cards had
    # been loaded with money" gave her a paraphrase: "informed" right before "that" has no listener, so it is a
    # passive joined to "was contacted", and she heard the clause. "advised that" is left alone (often active).
    text = (
        "She was later contacted by the man and informed that the cards had been loaded with money. "
        "Tom Reed was arrested and told that he would be charged. Ann Lee said that the cards were stolen."
    )
    assert paraphrases(text) == [("the cards were stolen", "Ann Lee")]


def test_a_partial_quote_in_a_reported_clause_is_words_even_when_no_one_is_named():
    # Round 38's VOA story: "White House officials said the U.S. will send “a very clear message” to ASEAN leaders
    # that it opposes China’s “militarization” of the disputed territories" found the first and dropped the second,
    # and "The administration says ASEAN is “the heart” of the Asia Pacific" was dropped: a short partial quote
    # with no speaker named was taken for a scare quote even where a reporting verb reports its clause.
    text = (
        "Officials said the country will oppose the “militarization” of the islands. "
        "The ministry says the port is “the heart” of the region’s trade."
    )
    assert [quote for quote, _ in direct(text)] == ["militarization", "the heart"]


def test_one_quoted_word_qualifying_a_noun_stays_a_term():
    # "They said he would be asked about issues related to “classified” information": a word marked as a term.
    text = "They said he would be asked about issues related to “classified” information that stays secret."
    assert direct(text) == []


def test_the_organisation_official_is_the_person_named_beside_that_organisation():
    # Round 42's VOA story: "Nemia Temporal is the head of the UN refugee agency (UNHCR) office in Dadaab. …. The UNHCR
    # official says the camps are still low on fuel …. “…”" gave the quotation to "The UNHCR" and no paraphrase.
    quote = "We are trying to see how we can bring in the fuel."
    text = (
        "Ann Lee is the head of the UN refugee agency (UNHCR) office in the camp. Tom Reed is the town's mayor.\n\n"
        f"The UNHCR official says the camps are still low on fuel. “{quote}”"
    )
    assert paraphrases(text) == [("the camps are still low on fuel", "Ann Lee")]
    assert directs(text) == [(quote, "Ann Lee")]
    # No one named beside that organisation: the official is no one the text names, neither the mayor named last.
    other = text.replace("the UN refugee agency (UNHCR)", "the refugee agency")
    assert paraphrases(other) == []
    assert directs(other) == [(quote, None)]


def test_a_listener_described_at_length_and_ending_in_a_name_precedes_that():
    # Round 42's VOA story: "She told VOA English to Africa Service reporter Joe De Capua that several days of dry
    # weather may be over" gave the paraphrase "English to Africa Service reporter Joe De Capua that several days …".
    text = (
        "Ann Lee runs the office in the camp. She told VOA English to Africa Service radio reporter Tom Reed that "
        "several days of dry weather may be over."
    )
    assert paraphrases(text) == [("several days of dry weather may be over", "Ann Lee")]
    # Not past a verb: "told the man who runs the office near the camp at the edge of town that …" is no listener read.
    verb = text.replace(
        "English to Africa Service radio reporter Tom Reed", "staff who had run the camp office for Tom Reed"
    )
    assert ("several days of dry weather may be over", "Ann Lee") not in paraphrases(verb)


def test_a_verb_right_after_said_makes_the_attribution_inserted():
    # Round 42's VOA story: "Hastert added a tribute to his fellow Republicans, who although they lost control of the
    # House, he said had helped push through legislation …" gave the paraphrase "had helped push through …".
    text = (
        "Tom Reed thanked the council. He added a tribute to his fellow members, who although they lost the vote, he "
        "said had helped pass the budget."
    )
    assert paraphrases(text) == []
    # A clause with its own subject is still reported.
    assert paraphrases(text.replace("he said had helped", "he said they had helped")) == [
        ("they had helped pass the budget", "Tom Reed")
    ]


def test_a_semicolon_between_a_verb_of_saying_and_its_quote_ends_no_clause():
    # Round 43's Wikinews article: "Former mayor Marc Morial summed up his view by saying; "We've lost our city, …""
    # gave no speaker: the semicolon was read as the end of the clause before the quote.
    quote = "We have lost our city, and it may take years to come back."
    text = f'Former mayor Tom Reed summed up his view by saying; "{quote}"'
    assert directs(text) == [(quote, "Tom Reed")]
    # After a clause of another verb the semicolon still ends it: no speaker is read across it.
    assert directs(f'Tom Reed summed up his view of the storm; "{quote}"') != [(quote, "Tom Reed")]


def test_according_to_after_a_clause_and_before_but_reports_that_clause():
    # Round 43's Wikinews article: "As many as 2,500 patients … were to be evacuated, according to US Health and Human
    # Services Secretary Mike Leavitt, but where they could be sent was still uncertain" gave no paraphrase.
    text = (
        "Hospitals are struggling. As many as 2,500 patients were to be evacuated, according to Health Secretary Tom "
        "Reed, but where they could be sent was still uncertain."
    )
    assert paraphrases(text) == [("As many as 2,500 patients were to be evacuated", "Tom Reed")]


def test_a_plural_noun_for_people_before_a_preposition_is_a_group():
    # Round 43's VOA story: "Forecasters at the National Hurricane Center in Miami said the storm had weakened …" gave
    # the paraphrase to "Miami": the place at the subject's end was read as the speaker.
    text = "Forecasters at the National Hurricane Center in Miami said the storm had weakened slightly."
    assert paraphrases(text) == []
    assert paraphrases("Officials at the city office in Tampa said the roads will reopen Monday.") == []
    # A person named after the group's place still speaks.
    assert paraphrases("Dr. Tom Reed of the National Hurricane Center said the storm had weakened.") == [
        ("the storm had weakened", "Tom Reed")
    ]


def test_words_a_person_fears_are_their_partial_quote():
    # Round 43's Wikinews article: "Mayor Ray Nagin fears that there may be "thousands" of fatalities in his city
    # alone" missed the partial quote: "fears" made no one's words (nor does it report a clause: no paraphrase).
    text = 'There were early reports of looting. Mayor Tom Reed fears that there may be "thousands" of deaths.'
    assert directs(text) == [("thousands", "Tom Reed")]
    assert paraphrases(text) == []


def test_an_occupation_of_news_before_a_name_is_a_title():
    # Round 43's VOA story: "Forecaster Ed Rappaport said residents along the U.S. gulf coast should prepare …" gave
    # the speaker "Forecaster Ed Rappaport" (matched only through an alias): the occupation was read as a first name.
    assert paraphrases("Forecaster Tom Reed said residents should prepare for the storm.") == [
        ("residents should prepare for the storm", "Tom Reed")
    ]
    assert directs("Astronaut Ann Lee said, “The view never gets old.”") == [("The view never gets old.", "Ann Lee")]
    # As "the father said", the occupation alone stands for the person named before it.
    text = "Tom Reed runs the laboratory. The scientist said the samples were clean."
    assert paraphrases(text) == [("the samples were clean", "Tom Reed")]


def test_an_apposition_without_its_comma_after_a_rank_and_a_name():
    # Round 46's Army Reserve story: "“…,” said Spc. William Dubois an Army musician with the 198th Army Band." gave no
    # speaker: an apposition printed without its comma was read only after a bare name ("Francis Nath a UN …").
    for rank in ("Spc.", "Army Staff Sgt."):
        text = f'"We ironed out a lot of the kinks this week," said {rank} Tom Reed an Army musician with the band.'
        assert directs(text) == [("We ironed out a lot of the kinks this week,", "Tom Reed")], rank


def test_a_second_part_after_its_attribution_needs_no_punctuation_inside_its_mark():
    # Round 46's Army Reserve story: `"…," said Dubois. "If you’re missing a key piece of information, … to your
    # mission"` (no full stop inside the closing mark) was not proposed: with no punctuation of speech and a speaker
    # from the context only, it was read as a title in a list.
    second = "If you are missing a key piece of information it can be a hindrance to your mission"
    text = f'"Communication is of the utmost importance," said Tom Reed. "{second}"\n\nThey went on.'
    assert directs(text) == [("Communication is of the utmost importance,", "Tom Reed"), (second, "Tom Reed")]
    # A title after a sentence of the writer's is still no one's words.
    plain = text.replace("said Tom Reed.", "said Tom Reed. The band then played")
    assert (second, "Tom Reed") not in directs(plain)


def test_according_to_an_office_set_off_before_its_holders_name():
    # Round 46's USGS release: "According to USGS Surface Water Specialist, Robert Meyer, in Sacramento, "…"" gave the
    # speaker "Surface Water Specialist": the capitals before the first comma were read as the name.
    quote = "We have concerns for our people in the field during times of flooding."
    text = f'Streams must be measured often.\n\nAccording to USGS Water Specialist, Tom Reed, in Sacramento, "{quote}"'
    assert directs(text) == [(quote, "Tom Reed")]


def test_a_second_title_joined_by_and_is_no_part_of_the_name():
    # Round 46's State Department post: "U.S. Team Captain and Superstar Alex Morgan (Tanzania 2017)" then "Alex Morgan
    # said of her Sports Envoy experience …, “…”" gave "Superstar Alex Morgan", the fullest name printed.
    quote = "I went to try to lend a helping hand, to give advice."
    text = (
        "Alumnae include Team Captain and Superstar Ann Lee (Peru 2017) and Goalkeeper Jo Hart.\n\n"
        f"Ann Lee said of her experience in Peru, “{quote}”"
    )
    assert directs(text) == [(quote, "Ann Lee")]
    # A first name known to be one after "and" starts the name: "The Governor and Mary Beth Heffernan".
    known = text.replace("Superstar Ann Lee", "Mary Ann Lee").replace("Ann Lee said", "Mary Ann Lee said")
    assert directs(known) == [(quote, "Mary Ann Lee")]


def test_a_one_word_aside_after_but_does_not_end_a_reported_clause():
    # Round 46's Defense Department page: "Army Maj. Yazmin Feliciano said her sister's valiant, but losing, battle
    # against cancer helped to strengthen her resolve" gave the paraphrase "her sister's valiant".
    text = (
        "Army Maj. Ann Lee said her sister's valiant, but losing, battle against cancer helped her resolve. "
        "Tom Reed said the plan was ready, but now, the money is gone."
    )
    assert paraphrases(text) == [
        ("her sister's valiant, but losing, battle against cancer helped her resolve", "Ann Lee"),
        ("the plan was ready", "Tom Reed"),
    ]


def test_a_navy_rating_with_a_possessive_is_a_title():
    # Round 47's Navy story: "“…,” said Chief Machinist's Mate Alexander Myers." gave "Mate Alexander Myers" for his
    # four quotes and two paraphrases: the possessive ended the title and "Mate" was read as a first name.
    text = (
        '"It is great to be out here giving back," said Chief Machinist\'s Mate Tom Reed. '
        '"We are preserving memories," said Hospital Corpsman 3rd Class Ann Lee.'
    )
    assert directs(text) == [
        ("It is great to be out here giving back,", "Tom Reed"),
        ("We are preserving memories,", "Ann Lee"),
    ]


def test_not_only_but_goes_on_with_the_reported_clause():
    # Round 47's Florida Guard story: "He says it’s not only about getting the supplies they need, but having someone
    # to simply ask them how they are …" gave the paraphrase cut at ", but".
    text = (
        "Tom Reed said it is not only about getting the supplies they need, but having someone to ask how they are. "
        "Ann Lee said the plan was ready, but the money is gone."
    )
    assert paraphrases(text) == [
        ("it is not only about getting the supplies they need, but having someone to ask how they are", "Tom Reed"),
        ("the plan was ready", "Ann Lee"),
    ]


def test_a_quote_after_a_sentence_reporting_by_according_to_is_the_sources():
    # Round 47's Air National Guard story: "According to Welch, one of the primary strengths of the Kingsley Family is
    # their ability to get the job done without dependence on external input. “You don’t see that everywhere.”" gave no
    # speaker: the sentence names Welch and a family in capitals, and has no verb of saying.
    quote = "You don’t see that everywhere."
    text = (
        "Lt. Col. Tom Reed led the team.\n\n"
        "According to Reed, one of the strengths of the Kingsley Family is their ability to get the job done. "
        f"“{quote}”"
    )
    assert directs(text) == [(quote, "Tom Reed")]


def test_an_office_in_capitals_after_the_names_comma_is_not_the_subject():
    # Round 47's Air National Guard story: "Lt. Col Kevin Welch, TDY Project Officer, said “…”" gave the speaker "TDY
    # Project Officer": the phrase before the verb, in capitals, was read as the subject.
    quote = "One of the best things is they are such professionals."
    for name in ("Lt. Col Tom Reed", "Tom Reed"):
        text = f"{name}, TDY Project Officer, said “{quote}”"
        assert directs(text) == [(quote, "Tom Reed")], name
    # Not an organization's name ending in no title: "Jane Doe, Acme Corp, said" stays as it was read.
    assert directs(f"Tom Reed, Acme Corp, said “{quote}”") != [(quote, "Tom Reed")]


def test_a_straight_quote_closed_by_a_single_mark_before_its_attribution():
    # Round 47's Navy story: `"It is amazing to see how dusty it is, but it feels good to be here,' said Parker. "You
    # can really see the ship coming back …"`: the double mark closed by a single one was not paired, so one wrong span
    # ran to the next mark and both parts were missed.
    first, second = "It is amazing to see how dusty it is, but it feels good to be here,", "You can see the ship."
    text = f'The chiefs cleaned the berthing.\n\n"{first}\' said Tom Reed. "{second}"'
    assert directs(text) == [(first, "Tom Reed"), (second, "Tom Reed")]


def test_a_person_described_before_the_name_is_the_one_the_next_sentence_names():
    # Dev set (VOA): "The new president of the Philippines has promised to be “relentless” in the fight against
    # crime. Rodrigo Duterte was sworn in Thursday." missed the partial quote (no speaker), and "with a key member of
    # Congress saying, “…”" then "Rep. Marcy Kaptur (D-OH), …, told …" gave the quotation no speaker.
    text = (
        "The new governor of Ohio has promised to be “tireless” in the fight against floods. Ann Lee was "
        "sworn in Monday."
    )
    assert directs(text) == [("tireless", "Ann Lee")]
    text = (
        "Officials praised the service, with a key member of Congress saying, “Its mission remains vital.”\n\n"
        "Rep. Tom Reed (D-OH), who leads the caucus, told an audience that the service mattered."
    )
    assert directs(text)[0] == ("Its mission remains vital.", "Tom Reed")
    # Not a noun for anyone ("a neighbor of …"), nor a person the text has named before.
    assert directs("A neighbor of the family said “it was awful.” Tom Reed was at work.") == [("it was awful.", None)]
    text = (
        "Tom Reed lost the race. The new governor of Ohio has promised to be “tireless” in the fight. Tom "
        "Reed said he would help."
    )
    assert ("tireless", "Tom Reed") not in directs(text)


def test_a_statement_of_officials_or_a_body_named_after_someone_is_the_organisations():
    # Dev set (VOA): "Trump administration officials said in a statement that “…”", the statement the story later
    # calls "The White House statement", gave no speaker (a group of officials names no one).
    text = (
        "President Ann Lee named a new chief of staff. Lee administration officials said in a statement that “Tom "
        "Reed will be leaving his post.” He left an hour later. The White House statement read, “We thank him.”"
    )
    assert directs(text) == [("Tom Reed will be leaving his post.", "White House"), ("We thank him.", "White House")]
    # With no later statement named: the capitals before "officials", or the president's White House.
    text = "The mayor spoke. State Department officials said in a statement, “The talks will go on.”"
    assert directs(text) == [("The talks will go on.", "State Department")]
    text = "President Ann Lee spoke. Lee administration officials said in a statement, “The talks will go on.”"
    assert directs(text) == [("The talks will go on.", "White House")]
    # A body named after a person is not that person.
    text = "Senator Tom Reed spoke. The Reed campaign said in a statement that “the talks will go on.”"
    assert directs(text) == [("the talks will go on.", "Reed campaign")]
    # Without "in a statement", as before; a person's statement is still the person's.
    text = "Senator Tom Reed spoke. Tom Reed said in a statement that “the talks will go on.”"
    assert directs(text) == [("the talks will go on.", "Tom Reed")]


def test_when_he_said_after_a_verb_of_faulting_is_the_one_faulted():
    # Dev set (VOA): "He accused Trump of not being truthful when he said he fired Comey because FBI agents no
    # longer trusted his leadership" missed the paraphrase: "when he said" had no subject; "he" is the one accused.
    text = (
        "Governor Ann Lee fired the director, James Reed. Reed testified Thursday. He accused Lee of not being "
        "truthful when she said she fired Reed because the staff no longer trusted him. “Those were lies, plain "
        "and simple.”"
    )
    assert paraphrases(text) == [("she fired Reed because the staff no longer trusted him", "Ann Lee")]
    # The quotation after it is still the accuser's: "when she said" is not the sentence's reporting verb.
    assert directs(text) == [("Those were lies, plain and simple.", "James Reed")]
    # Not after another verb: "Sundhage said Scurry acted very professional when she told her that …" reports
    # Sundhage's clause, not Scurry's.
    text = (
        "Coach Pia Sundhage named her team. Sundhage said the veteran Ann Scurry acted very professional when she "
        "told her that the goalies would be younger."
    )
    assert paraphrases(text)[0][1] == "Pia Sundhage"


def test_a_clause_ending_in_a_partial_quote_before_he_said_is_a_paraphrase():
    # Dev set (VOA; an Army story): `But North Korea has shown "no indication it is interested in engaging," he
    # wrote.` and `His Soldiers are, in fact, "dialed in," he added, and all "understand …"` missed the paraphrase:
    # the clause's comma is inside the partial quote's closing mark, so no clause was read before the verb.
    text = 'Tom Reed runs the office. But the city has shown "no sign it is interested in talks," he wrote.'
    assert paraphrases(text) == [('But the city has shown "no sign it is interested in talks,"', "Tom Reed")]
    assert directs(text) == [("no sign it is interested in talks,", "Tom Reed")]
    text = 'Coach Tom Reed spoke. His players are, in fact, "dialed in," he added, and all "know their roles."'
    assert paraphrases(text) == [('His players are, in fact, "dialed in,"', "Tom Reed")]
    # Not a quote that carries the clause's verb, opens inside a phrase or follows "to": those are direct only.
    for text in (
        'Tom Reed spoke. The court "must be free from interference," said Ann Lee.',
        'Tom Reed spoke. The city was chosen for its "clear and lasting commitment to parks," Ann Lee said.',
        'Tom Reed spoke. We need to "make sure there is enough water for everyone," Ann Lee said.',
    ):
        assert paraphrases(text) == []


def test_a_clause_ending_in_a_partial_quote_may_have_a_negated_contracted_verb_or_open_the_quote_with_a_figure():
    # Dev set (round 64, a DVIDS Army story): `The BWC doesn’t just test Soldiers on “10-level skills, battle drill
    # and basic knowledge,” said Record, …` — "doesn’t" was no finite verb, and a quote opening with a figure was
    # not read as a partial quote, so no clause was read before the verb.
    text = "Ann Lee runs the range. The test doesn’t just rate Soldiers on “basic skills and knowledge,” Lee said."
    assert paraphrases(text) == [("The test doesn’t just rate Soldiers on “basic skills and knowledge,”", "Ann Lee")]
    text = "Ann Lee runs the range. The test is mostly about “10-level skills and knowledge,” Lee said."
    assert paraphrases(text) == [("The test is mostly about “10-level skills and knowledge,”", "Ann Lee")]
    assert directs(text) == [("10-level skills and knowledge,", "Ann Lee")]
    # A quote opening with a figure as a sentence of its own is no partial quote.
    assert paraphrases("Ann Lee runs the range. “2019 was a good year for the range,” Lee said.") == []


def test_a_dotted_abbreviation_before_a_pronoun_ends_its_sentence():
    # Round 49 (Wikinews): "… a press conference in Washington D.C.. He proclaimed “…”" gave no speaker: the
    # period of "D.C." was read as an initial's, so "He" did not open a sentence and stood for no one.
    text = (
        "Former mayor Rocky Anderson spoke with reporter William S. Saturn. Anderson founded the party at a press "
        "conference in Washington, D.C. He proclaimed “We the people are powerful enough to end this system.”"
    )
    assert direct(text) == [("We the people are powerful enough to end this system.", "Rocky Anderson")]
    # An initial, or a dotted abbreviation before a name's next word, still ends nothing.
    text = "“We will win,” said William S. Saturn. “The U.S. Army is ready.” Reed went on."
    assert direct(text) == [("We will win,", "William S Saturn"), ("The U.S. Army is ready.", "William S Saturn")]


def test_a_person_of_a_unit_of_an_organisation_or_of_a_body_with_its_acronym_is_the_speaker():
    # Round 49 (a CDFW release): "“…,” said Lieutenant DeWayne Little of CDFW’s Watershed Enforcement Team (WET)."
    # gave the unit: the words after "of" were read as a place only when all capitals, with no possessive or acronym.
    for body in (
        "CDFW’s Watershed Enforcement Team (WET)",
        "NASA's Goddard Space Flight Center",
        "the Environmental Protection Agency (EPA)",
        "Michigan's Department of Natural Resources",
    ):
        text = f"“This was about more than the crop,” said Lieutenant Ann Little of {body}. “It was about water.”"
        assert direct(text) == [
            ("This was about more than the crop,", "Ann Little"),
            ("It was about water.", "Ann Little"),
        ], body
    # An office before "of" stays the office's holder's, and a body alone stays the body.
    assert direct("“We are ready,” said Secretary of State Mike Pompeo.") == [("We are ready,", "Mike Pompeo")]
    text = "“We are ready,” said the Environmental Protection Agency (EPA)."
    assert direct(text)[0][1] == "The Environmental Protection Agency (EPA)"


def test_asking_after_a_comma_reports_the_question_of_the_clauses_subject():
    # Round 49 (VOA): "Mr. Dehghanpour repeatedly pressed Mr. Mousavian, asking: “…?”" gave the question to Mousavian,
    # the last name before it: "asking" was no verb of saying, so no subject was looked for.
    text = (
        "Seyed Hossein Mousavian spoke to VOA journalist Siamak Dehghanpour. Throughout the interview, Mr. "
        "Dehghanpour repeatedly pressed Mr. Mousavian, asking: “How can Iran assure the U.S. that its intentions "
        "are peaceful?”"
    )
    assert direct(text) == [("How can Iran assure the U.S. that its intentions are peaceful?", "Siamak Dehghanpour")]
    # "asking <someone> to …" reports no clause.
    assert paraphrases("Tom Reed wrote to the mayor, asking the city to repair the road before winter.") == []


def test_words_in_capitals_after_a_noun_for_a_work_are_its_title_however_long():
    # Round 49 (VOA): "criticism of VOA by Sohrab Ahmari in his January 7 op-ed “At Voice of America, Complaints About
    # Its Iranian Coverage.”" was proposed as a quote: a title in capitals was read as one up to eight words only.
    text = (
        "Today the Journal printed my reply to Tom Reed's January 7 op-ed “At Voice of America, Complaints About "
        "Its Iranian Coverage.” The full text follows."
    )
    assert direct(text) == []
    # Not words in capitals said after a noun of no work, nor a sentence after one.
    text = "Tom Reed held up the book and said, “At Voice of America, We All Report About Its Iranian Coverage.”"
    assert direct(text)[0][1] == "Tom Reed"
    text = "Tom Reed wrote an op-ed “arguing that the service at Voice of America is being run badly these days.”"
    assert direct(text) == [
        ("arguing that the service at Voice of America is being run badly these days.", "Tom Reed")
    ]


def test_according_to_a_name_and_its_description_at_the_sentence_end_gives_the_clause_its_source():
    # Round 49 (Wikinews): "Monday night was “relatively calm” according to Samira Amrouche, spokeswoman for the
    # regional administration, …" gave the clause and the partial quote no source: a phrase after the name was read
    # as more of the sentence, so the source was not the last thing in it.
    text = (
        "Monday night was “relatively calm” according to Samira Amrouche, spokeswoman for the regional administration."
    )
    assert paraphrases(text) == [("Monday night was “relatively calm”", "Samira Amrouche")]
    assert direct(text) == [("relatively calm", "Samira Amrouche")]
    text = "Turnout was low, according to Ann Lee, a spokeswoman for the commission."
    assert paraphrases(text) == [("Turnout was low", "Ann Lee")]
    # A clause going on after the name is not one the source is given for.
    assert paraphrases("Turnout, according to Ann Lee, a spokeswoman, was low.") == []


def test_according_to_a_name_and_its_description_opening_a_sentence_reports_what_follows_the_description():
    # Round 50 (Wikinews): "According to Boris Skripka, the head of the … administration, "several of those …"" gave
    # a paraphrase of the description and the quote: what followed the name was read as the reported clause.
    text = (
        'According to Boris Skripka, the head of the emergency administration, "several of those that were '
        'hospitalized are now in intensive care".'
    )
    assert paraphrases(text) == []
    assert direct(text) == [("several of those that were hospitalized are now in intensive care", "Boris Skripka")]
    text = "According to Ann Lee, a spokeswoman for the county, turnout was low."
    assert paraphrases(text) == [("turnout was low", "Ann Lee")]
    # A phrase that is the clause's own subject is no description set off: "a detective … was provided with …".
    text = "Mark Rathbun left in 2004. According to Rathbun, a detective for the sheriff's office was given files."
    assert paraphrases(text) == [("a detective for the sheriff's office was given files", "Mark Rathbun")]


def test_a_number_quoted_in_narration_is_part_of_the_reported_clause():
    # Round 50 (Wikinews): "…, saying a pedophile group has "9,000 penises" harming children." cut the clause at the
    # quote: only quotes opening in lower case were read as partial quotes inside a clause.
    text = 'Oprah Winfrey spoke on her show, saying a group has "9,000 members" in the city.'
    assert paraphrases(text) == [('a group has "9,000 members" in the city', "Oprah Winfrey")]
    assert direct(text) == [("9,000 members", "Oprah Winfrey")]
    # A quotation of its own that opens with a number still ends the clause.
    text = 'Oprah Winfrey said the budget was balanced: "2020 was a hard year for us all."'
    assert paraphrases(text) == [("the budget was balanced", "Oprah Winfrey")]


def test_states_or_notes_before_a_name_is_an_inverted_attribution():
    # Round 51 (a DOE timeline): `"This President would not use the [SPR] …," states White House Press Secretary
    # Dana Perino.` gave no speaker: "states" and "notes" are nouns as often as verbs and were read as verbs only
    # at a sentence's end (`"…," she notes.`).
    text = '"Prices are high and they will stay high," states White House Press Secretary Ann Lee. "We know that."'
    assert directs(text) == [
        ("Prices are high and they will stay high,", "Ann Lee"),
        ("We know that.", "Ann Lee"),
    ]
    text = 'Oil rose again. "Prices are high and they will stay high," notes Senator Tom Reed.'
    assert directs(text) == [("Prices are high and they will stay high,", "Tom Reed")]


def test_a_suffix_set_off_by_commas_is_part_of_the_name():
    # Round 51 (a FEMA release): "Edward F. Jacoby, Jr., Director of the State Emergency Management Office …,
    # said, "…"" gave the speaker "Jr.": the comma before the suffix split it from the name.
    text = 'Ann F. Lee, Jr., Director of the State Emergency Management Office, said, "We are making every attempt."'
    assert directs(text) == [("We are making every attempt.", "Ann F Lee Jr")]


def test_a_laboratory_is_an_organisation():
    # Round 51 (a DOE timeline): "The Department of Energy’s Ames Laboratory announces that <clause>" was taken
    # as a person's paraphrase; an organisation's announcement is none.
    text = "The Department of Energy’s Ames Laboratory announces that lead-free solder has become the global standard."
    assert paraphrases(text) == []


def test_a_name_in_marks_between_a_determiner_and_its_noun_is_not_a_quote():
    # Round 51 (a DOE timeline): `The American Petroleum Institute announces a "Vote4Energy" campaign to "encourage
    # voters …"` took the campaign's name as the institute's words (a verb of saying was just before it).
    text = (
        'The American Petroleum Institute announces a "Vote4Energy" campaign to "encourage voters to make energy '
        "an important issue in this year's elections.\""
    )
    assert [quote for quote, _ in directs(text)] == [
        "encourage voters to make energy an important issue in this year's elections."
    ]


def test_he_said_after_a_preposition_and_which_is_the_relative_clause_pronoun():
    # Round 51 (a DOE timeline): "a survey presented by Harvard Government Professor Stephen Ansolabehere at the
    # University of Chicago in which he said that “…”" gave no speaker ("he" after "where" was read, not after
    # "in which"); the dev set's Pompeo "speech … in which he accused VOA reporters of “demeaning America”" too.
    text = (
        "Columnist Tom Reed writes about a survey presented by Professor Ann Lee at the University of Chicago in "
        "which she said that “people who worry about prices are willing to pay more.”"
    )
    assert directs(text) == [("people who worry about prices are willing to pay more.", "Ann Lee")]


def test_what_someone_should_note_is_not_their_words_and_an_editorial_is_its_papers():
    # Round 51 (a DOE timeline): "The Detroit News in an editorial says that the Administration should note that
    # the US auto industry is “thriving” and it is being led by pickups and large trucks, “not the vehicles Obama
    # designed the bailout to favor.”" gave "The Administration": a verb after "should" or "must" reports nothing,
    # and "in an editorial" between the subject and its verb is where the paper said it.
    text = (
        "The Detroit News in an editorial says that the Administration should note that the auto industry is led "
        "by pickups and large trucks, “not the vehicles the bailout was designed to favor.”"
    )
    assert directs(text) == [("not the vehicles the bailout was designed to favor.", "The Detroit News")]


def test_notes_before_a_name_and_the_second_part_of_a_quote_is_an_inverted_attribution():
    # Round 52 (a DOE timeline): `"The short-lived isotopes produced by this facility …," notes Secretary Abraham,
    # "provide vital isotopes …"` gave no speaker to either part: the inverted "notes" was read only when the name
    # ended the sentence.
    text = (
        'The lab opened a new plant. "The isotopes produced by this facility," notes Secretary Tom Reed, "provide '
        'what doctors need to treat cancer."'
    )
    assert directs(text) == [
        ("The isotopes produced by this facility,", "Tom Reed"),
        ("provide what doctors need to treat cancer.", "Tom Reed"),
    ]


def test_a_clause_holding_a_partial_quote_before_notes_and_a_name_is_that_persons():
    # Round 52 (a DOE timeline): `Browne's resignation is "a mutual decision" by him and the University of California
    # (UC), notes UC President Richard Atkinson.` missed both the partial quote (dropped, no one's) and the
    # paraphrase: "notes" was no cue, and the name after a verb ending the sentence was read for a paraphrase only.
    text = (
        'John Browne resigned. Browne\'s resignation is "a mutual decision" by him and the university, notes UC '
        "President Ann Lee."
    )
    assert directs(text) == [("a mutual decision", "Ann Lee")]
    assert paraphrases(text) == [('Browne\'s resignation is "a mutual decision" by him and the university', "Ann Lee")]
    # The same with "says": the paraphrase was found, the partial quote had no speaker.
    text = text.replace("notes", "says")
    assert directs(text) == [("a mutual decision", "Ann Lee")]


def test_a_clock_times_pm_ends_its_sentence_before_a_word_in_capitals():
    # Round 52 (a Senate committee timeline): `US Coast Guard held a press conference at 3:00 p.m.  According to
    # Transocean VP Adrian Rose, "…"` made one sentence of both, and the first was proposed as Rose's paraphrase.
    text = (
        'The Coast Guard held a press conference at 3:00 p.m.  According to company official Tom Reed, "There was '
        'some abnormal pressure before the fire."'
    )
    assert paraphrases(text) == []
    assert directs(text) == [("There was some abnormal pressure before the fire.", "Tom Reed")]
    # Not before a day, a month or a time zone, which go on with the sentence.
    text = "The meeting ended at 3 p.m. Tuesday, and Mayor Ann Lee said the budget would pass."
    assert paraphrases(text) == [("the budget would pass", "Ann Lee")]


def test_a_typewriter_dash_or_a_concession_after_a_partial_quote_ends_the_reported_clause():
    # Dev set (VOA): "Obama said race is a still a “potent and often divisive force” -- meaning that it is still a
    # strong issue" ran on past the dash printed as two hyphens (an em dash ended it already).
    text = "Tom Reed spoke. Reed said race is still a “potent and often divisive force” -- meaning that it matters."
    assert paraphrases(text) == [("race is still a “potent and often divisive force”", "Tom Reed")]
    # Not before "but that" or "and that": a second clause of the same report goes on.
    text = "Ann Lee said the city has made progress -- but that much work remains to be done."
    assert paraphrases(text) == [("the city has made progress -- but that much work remains to be done", "Ann Lee")]
    # (White House) `Representative Boebert said voting against the Inflation Reduction Act would be “the easiest no
    # vote yet,” even though the law is bringing …`: the writer's concession after the partial quote's comma.
    text = "Ann Lee said voting against the bill would be “the easiest no vote yet,” even though the law brings jobs."
    assert paraphrases(text) == [("voting against the bill would be “the easiest no vote yet,”", "Ann Lee")]


def test_a_second_clause_with_its_own_subject_after_that_and_and_is_reported_too():
    # Dev set (USDA; VOA): "The Secretary noted that 70 percent of the world’s farmers are women, and USDA is working
    # to provide greater opportunities …" and "He added that Facebook is not unique, however, and there are other
    # social media websites …" were cut at ", and": after "that", a clause with its own subject and verb joined by
    # ", and" is part of what is reported.
    text = "Tom Reed spoke. Reed noted that most farmers are women, and USDA is working to help them."
    assert paraphrases(text) == [("most farmers are women, and USDA is working to help them", "Tom Reed")]
    text = "Tom Reed spoke. He added that the site is not unique, however, and there are other sites people can use."
    assert paraphrases(text) == [
        ("the site is not unique, however, and there are other sites people can use", "Tom Reed")
    ]
    # Without "that", ", and" still ends the clause.
    text = "Tom Reed spoke. Reed said most farmers are women, and USDA is working to help them."
    assert paraphrases(text) == [("most farmers are women", "Tom Reed")]


def test_an_office_in_charge_is_a_title_before_the_name():
    # Round 53 (Department of Justice): "“…,” said Assistant Director in Charge McCabe." gave no speaker: "in" ended
    # the words read after "said", and "Charge" was read as a first name.
    text = "Jones was sentenced. “The sentence is just,” said Assistant Director in Charge McCabe."
    assert direct(text) == [("The sentence is just,", "McCabe")]
    text = (
        "Jones was sentenced. “The sentence is just,” said FBI Special Agent in Charge John Smith of the FBI’s Boston "
        "Field Office."
    )
    [proposal] = extract_quotes(text)
    assert (proposal.speaker, proposal.title) == ("John Smith", "FBI Special Agent in Charge")
    text = "Jones was sentenced. Special Agent in Charge John Smith said, “The sentence is just.”"
    assert direct(text) == [("The sentence is just.", "John Smith")]


def test_according_to_an_unnamed_official_gives_the_clause_and_its_partial_quote_a_source():
    # Round 53 (Washington File): "… was "very positive," according to a senior administration official speaking on
    # background." and "According to the official, <clause>" gave nothing: an unnamed source counted only as a
    # spokesman, and a partial quote only as a named person's.
    text = 'The meeting was "very positive," according to a senior administration official speaking on background.'
    [paraphrase, partial] = extract_quotes(text)
    assert (paraphrase.kind, paraphrase.text) == ("paraphrase", 'The meeting was "very positive,"')
    assert (partial.kind, partial.text, partial.title) == ("direct", "very positive,", "official")
    assert paraphrase.speaker is partial.speaker is None
    text = "The talks ended. According to the official, the two leaders discussed trade and Taiwan."
    assert paraphrases(text) == [("the two leaders discussed trade and Taiwan", None)]
    # Not any phrase that holds the word: "the official's residence" is a place, not a source.
    assert paraphrases("According to the map, the official residence is closed.") == []


def test_a_phrase_set_off_after_the_reporting_verb_is_not_the_reported_clause():
    # Round 53 (a White House briefing): "Senator Reid said today, in response to the President's invitation to come
    # down and talk, he said the President has to …" gave the set-off phrase as Reid's paraphrase.
    text = "Senator Reid said today, in response to the invitation to talk, that the President must listen."
    assert paraphrases(text) == [("the President must listen", "Reid")]
    text = "Senator Reid said today, in response to the invitation to talk, he said the President must listen."
    assert paraphrases(text) == [("the President must listen", "Reid")]
    text = "Senator Reid said on Monday, in a statement, that the President must listen."
    assert paraphrases(text) == [("the President must listen", "Reid")]


def test_according_to_court_records_gives_the_clause_an_unnamed_source():
    # Round 53 (Department of Justice): "According to court records and evidence at trial, Sterling was employed by
    # the CIA …" gave no paraphrase: only "the <document>" alone counted as a source no one is named for.
    text = "He was sentenced. According to court records and evidence at trial, Sterling was employed by the CIA."
    [proposal] = extract_quotes(text)
    assert (proposal.kind, proposal.text, proposal.speaker) == ("paraphrase", "Sterling was employed by the CIA", None)
    assert paraphrases("According to court documents, she met the man online.") == [("she met the man online", None)]
    # A court itself is no document: "According to court officials" is people, named or not.
    assert paraphrases("According to court officials, she met the man online.") == []


def test_where_the_body_after_a_name_is_does_not_take_the_name_s_place():
    # Round 56 (NASA): "said ice scientist Linette Boisvert of NASA’s Goddard Space Flight Center in Greenbelt,
    # Maryland." gave "Greenbelt": "of <body>" was read as the person's body only at the end of the phrase.
    text = "“Ice is a buffer,” said scientist Jane Doe of NASA’s Goddard Space Flight Center in Greenbelt, Maryland."
    assert direct(text) == [("Ice is a buffer,", "Jane Doe")]
    text = "“We are ready,” John Smith of the Acme Company in Dallas, Texas, said."
    assert direct(text) == [("We are ready,", "John Smith")]
    text = "“We are ready,” said John Smith of NASA’s Jet Propulsion Laboratory in Southern California."
    assert direct(text) == [("We are ready,", "John Smith")]
    # A place of origin alone still gives the state: "Governor Gretchen Whitmer of Michigan".
    [proposal] = extract_quotes("“We are ready,” said Governor Gretchen Whitmer of Michigan.")
    assert (proposal.speaker, proposal.state) == ("Gretchen Whitmer", "MI")


def test_a_relative_named_beside_a_possessive_is_not_a_later_he_or_she():
    # Round 56 (NASA features): "Her mother, Natalie Batalha, is an astronomer …" and "She is joined by her sister,
    # Dr. Katayoun Madani, …" made the next "“…,” she said" the mother's and the sister's, not the astronomer's.
    text = (
        "“I love my work,” said Natasha Batalha.\n\nHer mother, Natalie Batalha, is an astronomer. Both her parents"
        " faced such barriers.\n\n“I have a ton of privilege,” she said."
    )
    assert direct(text) == [("I love my work,", "Natasha Batalha"), ("I have a ton of privilege,", "Natasha Batalha")]
    # The relative is still whom "she" stands for when the relative is the subject of the sentence before.
    text = "“I love my work,” said Natasha Batalha.\n\nHer mother, Natalie Batalha, is proud. “I knew it,” she said."
    assert direct(text)[1] == ("I knew it,", "Natalie Batalha")


def test_a_unit_s_name_in_a_photo_credit_is_not_a_later_he_or_she():
    # Round 56 (NASA): a caption's credit "NASA’s Wallops Flight Facility" between Sarah Wright's paraphrase and
    # "“…,” she said" made the quote the facility's: a name ending in a unit's noun is no person's.
    text = (
        "CASBa replaces an old system, said Sarah Wright, suborbital technology lead.\n\nThe current system is the"
        " size of a cart. NASA’s Wallops Flight Facility\n\n“That is the essence of balloon science,” she said."
    )
    assert direct(text) == [("That is the essence of balloon science,", "Sarah Wright")]


def test_a_clause_before_he_added_or_he_explained_at_the_sentence_end_is_a_paraphrase():
    # Round 56 (NASA): "<clause>, he explained." and "<clause>, Wright added." gave no paraphrase: only "said" (and
    # "added" after a partial quote) ended a reported clause so.
    text = "Alan Kogut studies light. The patterns should show the early universe, he explained."
    assert paraphrases(text) == [("The patterns should show the early universe", "Alan Kogut")]
    text = "Sarah Wright leads it. Cheap cores also keep mission costs down, Wright added."
    assert paraphrases(text) == [("Cheap cores also keep mission costs down", "Sarah Wright")]
    # Not when the sentence goes on after the verb: "…, he added, and the fans cheered."
    assert paraphrases("“We won,” he said. The team will play again, he added, and the fans cheered.") == []


def test_two_capitals_after_a_rank_are_a_first_name_s_initials():
    # Round 57 (Air Force sports): "said Staff Sgt. JD Strong II" gave "Strong II": after a rank, the two capitals
    # were read as an organization's acronym ("NASA Administrator …") and cut from the name.
    text = "“We played hard,” said Staff Sgt. JD Strong II. “We won.”"
    assert direct(text) == [("We played hard,", "JD Strong II"), ("We won.", "JD Strong II")]
    assert direct("Gov. JB Pritzker said: “We will fight.”") == [("We will fight.", "JB Pritzker")]
    # A place's capitals after a rank are still no part of the name.
    assert direct("“It is over,” said Maj. US Army Smith.") == [("It is over,", "Smith")]


def test_a_quote_after_a_sentence_ending_said_and_a_name_is_that_speaker_s():
    # Round 58 (Marine Corps sports): "Creating this situation is important, explains Hicks, due to the goals he has.
    # “I want two Marines on the 2008 team,”" gave no speaker: the sentence before was read for its own subject
    # ("Creating this situation"), not for the name after its reporting verb.
    text = (
        "Maj. Dan Hicks coaches the team.\n\nCreating this situation is important, explains Hicks, due to the goals"
        " he has. “I want two Marines on the 2008 team,”\n\nThe camp opens in March."
    )
    assert direct(text) == [("I want two Marines on the 2008 team,", "Dan Hicks")]
    text = "Maj. Dan Hicks coaches the team.\n\nThe camp is open to all, said Hicks. “We want more wrestlers.”"
    assert direct(text) == [("We want more wrestlers.", "Dan Hicks")]


def test_a_clause_that_goes_on_with_a_reason_after_an_inverted_attribution_is_no_paraphrase():
    # Round 58 (Marine Corps sports): "Creating this situation is important, explains Hicks, due to the goals he
    # has." gave the words before "explains" as Hicks's paraphrase: the reason after the name goes on with them, a
    # clause split by its attribution, which the set does not label.
    text = "Creating this situation is important, explains Hicks, due to the goals he has."
    assert paraphrases(text) == []
    assert paraphrases("The camp is open, said Dan Hicks, because the base asked.") == []
    # An apposition after the name still ends the sentence's attribution.
    assert paraphrases("The camp is open to all, said Dan Hicks, team coach.") == [
        ("The camp is open to all", "Dan Hicks")
    ]


def test_agrees_that_reports_a_clause():
    # Round 59 (VOA Learning English): "He agrees that soybeans are less likely to be stolen." gave no paraphrase:
    # "agree" was no reporting verb, though "X agreed that <clause>" reports what X said as "conceded that" does.
    text = "Franck Muke is an agronomist. He agrees that soybeans are less likely to be stolen."
    assert paraphrases(text) == [("soybeans are less likely to be stolen", "Franck Muke")]
    text = "Andy Albertson retired in 2019. Albertson agreed that the flights were the best part of the job."
    assert paraphrases(text) == [("the flights were the best part of the job", "Andy Albertson")]
    # Not "agreed to" an act, which reports no clause.
    assert paraphrases("Franck Muke is an agronomist. He agreed to plant soybeans next year.") == []


def test_the_noun_a_person_was_described_by_stands_for_that_person():
    # Round 59 (VOA Learning English): "The expert suggests this is because …" after "Guillaume Kahomboshi is a food
    # security expert …" gave no paraphrase: "the expert" was no one, only nouns listed as occupations ("the
    # scientist") or titles stood for the person named before; and "suggests" took no clause without "that".
    text = (
        "Guillaume Kahomboshi is a food security expert with the FAO in Goma. He says farmers grow soybeans now."
        " The expert suggests this is because soybeans are not good to eat."
    )
    assert paraphrases(text)[-1] == ("this is because soybeans are not good to eat", "Guillaume Kahomboshi")
    text = "Franck Muke, an agronomist at Goma University, met farmers. “Cassava is a risk,” the agronomist said."
    assert direct(text) == [("Cassava is a risk,", "Franck Muke")]
    # Not a noun no one was described by, nor "suggested" with an object and no clause.
    assert paraphrases("Franck Muke met farmers. The expert says cassava is a risk.") == []
    assert paraphrases("Franck Muke is an agronomist. He suggested a change in the planting season.") == []


def test_announced_reports_a_clause_without_that_but_not_in_a_headline():
    # Round 62 (gov.ca.gov): "Governor Newsom announced California will fight the U.S. Senate’s illegal vote …"
    # gave no paraphrase: "announced" took a clause only after "that".
    text = "Governor Ann Lee announced the state will appeal the ruling in court."
    assert paraphrases(text) == [("the state will appeal the ruling in court", "Ann Lee")]
    # Not an object with no verb after it, nor a headline's capitalized verb (la-mayor-…: "Mayor Garcetti Announces LA
    # is Half Way to Ending Veterans Homelessness Goal").
    assert paraphrases("Governor Ann Lee announced the appointment of Tom Reed to the board.") == []
    assert paraphrases("Mayor Lee Announces City is Ready for Storm Season\n\nThe city opened shelters.") == []


def test_a_name_in_full_after_from_is_the_one_a_later_first_name_or_surname_names():
    # Round 60 (VOA News Blog): "Our first reply comes from Idrissa Dia, Chief of …" then "Idrissa says <clause>" gave
    # no paraphrase: capitals after a preposition other than "by" were read as what it governs, never a name.
    text = (
        "Our first reply comes from Idrissa Dia, Chief of the French service. Idrissa says the programs are having"
        " an impact in Congo."
    )
    assert paraphrases(text) == [("the programs are having an impact in Congo", "Idrissa Dia")]
    text = "The reply came from John Smith. Smith says the plan works."
    assert paraphrases(text) == [("the plan works", "John Smith")]
    # A later bare "she" still stands for the subject, not for the name after "from".
    text = "Kimia Seyedmadani receives a medal from Michelle Frieling, a director. “I love this work,” she said."
    assert direct(text) == [("I love this work,", "Kimia Seyedmadani")]


def test_a_quote_after_a_paragraph_naming_one_person_who_is_not_its_last_subject():
    # Round 60 (VOA Learning English): a quote opening its paragraph, with no attribution, after "It all started when a
    # man named Peter Kim asked his son a question. The answer surprised him." had no speaker: only the last
    # sentence's subject ("The answer") was read.
    text = (
        "It all started when a man named Peter Kim asked his son a question. The answer surprised him.\n\n"
        "“I asked him a question. And I got really upset.”"
    )
    assert direct(text) == [("I asked him a question. And I got really upset.", "Peter Kim")]
    # Not after a listing's item that names someone and speaks of no one at its end.
    text = (
        "Paul Smith announced a settlement with the company over contracts. (Read more)\n\n"
        "“We're here today to talk about the legal aspects of this decision.” (Read more)"
    )
    assert direct(text) == [("We're here today to talk about the legal aspects of this decision.", None)]


def test_a_nickname_in_brackets_inside_a_name_is_read_past():
    # Round 65 (Senate Commerce Committee): "Senator John D (Jay) Rockefeller IV (D-WV), Chairman of …, issued the
    # following statement …" then the statement in its own paragraph gave the speaker "John D": the name stopped at
    # the bracket.
    text = (
        "WASHINGTON, D.C. - Senator John D (Jay) Rockefeller IV (D-WV), Chairman of the Committee, issued the"
        " following statement.\n\n“I am pleased to see it.”"
    )
    assert direct(text) == [("I am pleased to see it.", "John D Rockefeller IV")]
    assert direct("“We will win,” said William (Bill) Smith, the mayor.") == [("We will win,", "William Smith")]
    # A bracket after the name is still no part of it.
    assert direct("Ann Lee (Democrat) said, “No.”") == [("No.", "Ann Lee")]


def test_a_curly_opening_mark_standing_alone_after_the_quotes_comma_closes_it():
    # Round 67 (a Justice Department release): "“I am pleased …, “ said Attorney General Barr. “I am also …”" was read
    # as one quote running over the attribution to the last mark, and given a person the quote names.
    text = (
        "“I am pleased to welcome back Dr. Ann Roe as the Director, “ said Attorney General John Doe."
        " “I am also pleased to announce Dr. Bob Kane.”"
    )
    assert direct(text) == [
        ("I am pleased to welcome back Dr. Ann Roe as the Director, ", "John Doe"),
        ("I am also pleased to announce Dr. Bob Kane.", "John Doe"),
    ]
    # A mark standing alone after a word, with no quote's punctuation before it, closes nothing.
    assert [quote for quote, _ in direct("“The test “ is over,” said John Doe.")] == ["The test “ is over,"]


def test_a_course_is_an_organisation_not_a_person():
    # Round 67 (an Army story): "Preston began his day here talking with Warrior Leader Course students …" then
    # "“…,” he said." gave the speaker "Course" ("Warrior Leader" read as a title before a name).
    text = (
        "Command Sgt. Maj. John Lee visited the academy. Lee began his day talking with Warrior Leader Course"
        ' students. In his remarks he praised the Soldiers.\n\n"Tell the Soldier\'s story," he said.'
    )
    assert direct(text) == [("Tell the Soldier's story,", "John Lee")]
    assert direct('"We train hard," said Basic Leader Course instructor Ann Roe.') == [("We train hard,", "Ann Roe")]


def test_according_to_a_name_past_a_description_over_several_commas():
    # Round 68 (an Air Force story): "According to Tony Jasso, adaptive sports program manager, warrior care division
    # directorate of Airman and Family Care at Randolph AFB, Texas, sports are also a way …" gave the description and
    # the clause as the paraphrase: a role whose noun ends it, and the office and state after it, were not read past.
    text = (
        "According to Ann Roe, adaptive sports program manager, care division directorate of the Family Center at"
        " Fort Hood, Texas, sports are also a way for the wounded to heal."
    )
    assert paraphrases(text) == [("sports are also a way for the wounded to heal", "Ann Roe")]
    # A clause with a verb of its own after the description is the clause reported.
    text = "According to Ann Roe, program manager, the wounded are healing, and the sports help them."
    assert paraphrases(text) == [("the wounded are healing, and the sports help them", "Ann Roe")]


def test_a_title_in_marks_after_a_documents_noun_and_number_is_no_quote():
    # Round 67 (a DoD News story): "… is contained in Military Personnel Message 15-270 “FY16 U.S. Army Federal Officer
    # Candidate School Program Announcement.”" was proposed as a quote ("U.S." kept the words from reading as a title).
    text = (
        "The guidance is contained in Military Personnel Message 15-270 “FY16 U.S. Army Federal Officer Candidate"
        " School Program Announcement.”\n\n“It is a good change,” said Jon Banco, chief of the branch."
    )
    assert direct(text) == [("It is a good change,", "Jon Banco")]
    # Words of a sentence after the number are still someone's words.
    text = "Ann Roe cited Order 12 “because it tells us what to do,” she said."
    assert direct(text) == [("because it tells us what to do,", "Ann Roe")]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["a", "B", ".", "\ue000", " ", "\n", "\u00a0", "\u2003"]), max_size=120),
    st.integers(0, 130),
    st.integers(0, 130),
)
def test_word_before_is_the_last_word_of_the_span_however_long(text, start, end):
    # word_before reads a short window first: a word longer than the window is still read whole.
    start, end = min(start, len(text)), min(end, len(text))  # (callers stay inside the text)
    assert tokens.word_before(text, start, end) == (text[start:end].split() or [""])[-1]


def test_a_nationality_before_a_name_in_full_is_no_part_of_it():
    # Round 69 (a VOA sports story): "… has been Serbian Ratko Rudic." then "Rudic says <clause>" gave the paraphrase's
    # speaker "Serbian Ratko Rudic".
    text = "The head coach is Serbian Ratko Rudic. He came in 2001.\n\nRudic says the future looks good."
    assert paraphrases(text) == [("the future looks good", "Ratko Rudic")]
    # A nationality opening an organisation's name stays in it: "American Electric Power", whose words the article
    # prints in capitals only, is no person named Electric Power.
    text = '"Growth starts with the ratepayer," said American Electric Power.'
    assert direct(text) == [("Growth starts with the ratepayer,", "American Electric Power")]


def test_a_former_country_is_a_place_not_the_he_of_a_quote():
    # Round 69 (a VOA sports story): "He guided Yugoslavia to Olympic final victories … He told VOA Sports that …
    # “…,” he recalls." gave the clause and the quotes the speaker "Yugoslavia", a country no longer on the list.
    text = (
        "The coach is Ratko Rudic. He was a player and coach for the former Yugoslavia. He guided Yugoslavia to"
        " Olympic victories over the United States.\n\nHe told VOA Sports that it came as a shock to many."
        ' "Everybody thought it was a very strange decision," he recalls.'
    )
    assert direct(text) == [("Everybody thought it was a very strange decision,", "Ratko Rudic")]
    assert paraphrases(text) == [("it came as a shock to many", "Ratko Rudic")]


def test_told_a_listener_what_reports_no_clause():
    # Round 69 (a VOA court report): "… if Moussaoui had told the FBI what he knew about the plot." gave the paraphrase
    # "he knew about the plot": an indirect question or a thing told after the listener is no statement reported.
    text = (
        "Zacarias Moussaoui pleaded guilty. Officials would have acted if Moussaoui had told the FBI what he knew"
        " about the plot."
    )
    assert paraphrases(text) == []
    text = "John Doe was arrested. Doe told reporters how he escaped from the fire."
    assert paraphrases(text) == []
    # A clause after the listener is still what was told.
    text = "John Doe was arrested. Doe told the FBI he knew about the plot."
    assert paraphrases(text) == [("he knew about the plot", "John Doe")]


def test_because_she_said_reports_her_clause():
    # Round 70 (a VOA court report): "Cooke ruled against life prison terms in the case, because she said there was no
    # evidence that the men personally harmed or killed anyone." gave no paraphrase ("and she said" gave one).
    text = (
        "Judge Ann Roe handed down the term. Roe ruled against life terms in the case, because she said there was no"
        " evidence that the men harmed anyone."
    )
    assert paraphrases(text) == [("there was no evidence that the men harmed anyone", "Ann Roe")]
    text = "John Doe lost the vote. He left the party although he says he was treated well by its members."
    assert paraphrases(text) == [("he was treated well by its members", "John Doe")]


def test_an_outlets_correspondent_reports_no_ones_clause():
    # Round 70 (a VOA court report): "In Miami, VOA's Brian Wagner reports that prosecutors were seeking a life prison
    # term against Jose Padilla." gave a paraphrase of the story's own reporter.
    text = (
        "A federal judge sentenced John Doe. In Miami, VOA's Ann Lee reports that prosecutors were seeking a life term"
        " against John Doe."
    )
    assert paraphrases(text) == []
    # A named person's report is still reported: no outlet's possessive before the name.
    text = "John Doe spoke. Doe reports that prosecutors were seeking a life term."
    assert paraphrases(text) == [("prosecutors were seeking a life term", "John Doe")]


def test_the_judge_before_a_first_verb_is_the_subject_of_and_added():
    # Round 69 (a VOA court report): "The judge called the violation "egregious," and added that it is "very difficult
    # for this case to go forward."" gave the second partial quote no speaker and no paraphrase: the subject before
    # "and added" was read for a name only, and "The judge" is none.
    text = (
        'U.S. District Judge Ann Roe has called a recess. The judge called the violation "egregious," and added that'
        ' it is "very difficult for this case to go forward."'
    )
    assert direct(text) == [("egregious,", "Ann Roe"), ("very difficult for this case to go forward.", "Ann Roe")]
    assert paraphrases(text) == [('it is "very difficult for this case to go forward."', "Ann Roe")]


def test_and_said_after_a_reported_clause_ends_it():
    # Round 69 (a VOA court report): "The judge said this is the government's "second significant error" affecting
    # Moussaoui's "constitutional rights," and said this affects the "integrity of …"" gave one clause running over
    # "and said" to the end of the sentence, and no second one.
    text = (
        'Judge Ann Roe spoke. The judge said this is an error affecting his "rights," and said this affects the'
        " whole system."
    )
    assert paraphrases(text) == [
        ('this is an error affecting his "rights,"', "Ann Roe"),
        ("this affects the whole system", "Ann Roe"),
    ]
    text = "Judge Ann Roe spoke. The judge said the error affects his rights and added that it harms the system."
    assert paraphrases(text) == [("the error affects his rights", "Ann Roe"), ("it harms the system", "Ann Roe")]


def test_multi_word_us_city_is_a_place_not_the_he_of_a_later_quote():
    # Round 70 (a VOA Katrina summary, "Mr. Coreil said New Orleans – like … – has many poor people … He believes …"):
    # a US city of two words, not on the list of places, was read as the last person before "He". Cities of two or
    # more words from articles/places/us-cities.csv are places now.
    text = 'Paul Coreil spoke on Monday. Coreil praised New Orleans. "It will come back," he said.'
    assert direct(text) == [("It will come back,", "Paul Coreil")]
    text = "Jane Roe spoke on Monday. The storm hit Salt Lake City and Baton Rouge. She says the city will recover."
    assert paraphrases(text) == [("the city will recover", "Jane Roe")]
    # A one-word city stays out of the list: it may be a surname ("Lloyd Austin").
    text = 'Secretary of Defense Lloyd Austin spoke to the troops. "We stand with you," Austin said.'
    assert direct(text) == [("We stand with you,", "Lloyd Austin")]


def test_believes_attributes_a_partial_quote_but_no_paraphrase():
    # Round 70 (a VOA Katrina summary): "He believes the lesson … shows the need for “better planning all around.”"
    # proposed no quote (no verb of saying in its sentence). "believe(s)" now attributes a partial quote, as "urged" or
    # "praised" do; a verb of thinking still reports no clause. Kept only after the rule above: with "New Orleans" not
    # a place the quote went to the city.
    text = (
        "Paul Coreil directs the extension service. Mr. Coreil said New Orleans has many poor people. He believes the"
        " storm shows the need for “better planning all around.”"
    )
    assert direct(text) == [("better planning all around.", "Paul Coreil")]
    assert ("the storm shows the need for “better planning all around.”", "Paul Coreil") not in paraphrases(text)


def test_label_of_organization_name_and_office_gives_the_name_before_the_office():
    # Round 73 (a White House "What They Are Saying" release): "Northwest RiverPartners, Clark Mather, Executive
    # Director: “…”" gave the organization's capitals as a person, "Washington Association of Wheat Growers,
    # Michelle Hennings, Executive Director: “…”" the last words of the organization ("Wheat Growers"). A label whose
    # last phrase is nothing but office words gives the name in the phrase right before it.
    text = "Leaders reacted.\n\nNorthwest RiverPartners, Clark Mather, Executive Director: “Now is the time to act.”"
    assert direct(text) == [("Now is the time to act.", "Clark Mather")]
    text = "Leaders reacted.\n\nOhio Association of Corn Growers, Jane Roe, President and CEO: “We applaud it.”"
    assert direct(text) == [("We applaud it.", "Jane Roe")]
    # A last phrase that is not only an office (a committee) leaves the person before the first comma.
    text = "Leaders reacted.\n\nOhio Senator Ann Keel, Chair, Senate Finance Committee: “We did it.”"
    assert direct(text) == [("We did it.", "Ann Keel")]


def test_a_clause_according_to_a_person_described_by_a_role_after_lower_case_words_is_reported():
    # Round 75's Marshall Star story: "<clause>, according to Dave Gwaltney, technical assistant for CCP’s Launch
    # Vehicle Systems Office." The role ("assistant") comes after a lower-case word, then a preposition or the end.
    text = (
        "Eric Earhart worked hard. His research allowed the team to plan, according to Dave Gwaltney, technical "
        "assistant for the Launch Vehicle Systems Office. The tests ended, according to Ann Lee, a senior research "
        "scientist. The rocket flew, according to Ann Lee, who runs a bakery in Huntsville."
    )
    assert paraphrases(text) == [
        ("His research allowed the team to plan", "Dave Gwaltney"),
        ("The tests ended", "Ann Lee"),
    ]


def test_a_gloss_of_a_word_in_another_language_is_no_quote():
    # Round 76's Marshall Star profile: "Arusha is Swahili for “he makes fly (into the skies).”" was taken as a quote.
    text = (
        "Leslie Smith took part in the Arusha Project. Arusha is Swahili for “he makes fly (into the skies).” Aloha "
        "is the Hawaiian word for “love.” “The project was great,” she said."
    )
    assert direct(text) == [("The project was great,", "Leslie Smith")]


def test_said_of_a_thing_that_reports_the_clause_after_that():
    # Round 82's VOA story: "He said of his release that the criminal justice system “works – …”" was missed ("of"
    # after the verb read as no clause).
    text = (
        "Richard Phillips is 71 years old. He said of his release that the justice system works too slowly. Ann "
        "Lee said of that, the case was hard."
    )
    assert paraphrases(text) == [("the justice system works too slowly", "Richard Phillips")]


def test_an_unnamed_party_of_a_case_reports_a_clause_with_no_speaker_named():
    # Round 82's VOA story: "after the co-defendant in the 1972 trial told the state's parole board in 2010 that …"
    # and "The co-defendant also said …" were missed: the co-defendant is never named, and no one named before
    # (Phillips, Harris) is he. A juror the police questioned is not the subject of their "said".
    text = (
        "Richard Phillips was freed after 45 years. It made the request after the co-defendant in the 1972 trial "
        "told the parole board in 2010 that Phillips was not involved. The co-defendant also said the key witness "
        "lied during the trial. Police questioned the juror and said the jury had been rushed."
    )
    found = [(p.text, p.speaker) for p in extract_quotes(text) if p.kind == "paraphrase"]
    assert found == [
        ("Phillips was not involved", None),
        ("the key witness lied during the trial", None),
    ]


def test_an_event_named_in_capitals_after_its_noun_is_no_quote():
    # Round 82's Judiciary News story: "The March event, “An Unfinished Journey: Civil Rights for People with
    # Developmental Disabilities and the Role of the Federal Courts,” took place at …" was taken as a quote (17 words,
    # past the longest title read before). A sentence after "the event" is still a quote.
    text = (
        "Judges met lawyers. The March event, “An Unfinished Journey: Civil Rights for People with Developmental "
        "Disabilities and the Role of the Federal Courts,” took place at the courthouse. Ann Lee spoke at the event. "
        "“We will keep going,” she said."
    )
    assert direct(text) == [("We will keep going,", "Ann Lee")]


def test_a_capitalized_particle_starting_a_name_is_part_of_it():
    # Round 79 (a San Diego County DA release): "“…,” said De Angelo Signh." gave "Angelo Signh": the particle that
    # starts a name was dropped even in capitals. In capitals and before a name word it is the name's first word.
    text = "“Their voices live on,” said De Angelo Singh. “We must work together,” Van Dyke said."
    assert direct(text) == [("Their voices live on,", "De Angelo Singh"), ("We must work together,", "Van Dyke")]


def test_a_quote_left_open_ends_with_its_paragraph_when_the_next_reopens_with_another_named_speaker():
    # Round 79 (a San Diego County DA release): Heather Ferbert's quote lost its closing mark, and the next paragraph
    # opens Kimberly Giardina's quote: the two ran together as one quote of Giardina's. A paragraph that reopens a
    # quote which closes on its comma before a name of its own is another quote; the open one ends with its paragraph.
    text = (
        "“Violence is a crime,” said City Attorney Heather Ferbert. “As your City Attorney, I am committed.\n\n"
        "“As someone who has worked with victims,” said Dr. Kimberly Giardina, a deputy officer. “It matters.”"
    )
    assert direct(text) == [
        ("Violence is a crime,", "Heather Ferbert"),
        ("As your City Attorney, I am committed.", "Heather Ferbert"),
        ("As someone who has worked with victims,", "Kimberly Giardina"),
        ("It matters.", "Kimberly Giardina"),
    ]
    # A quote over two paragraphs goes on when the next one's attribution names nobody ("he added").
    text = "“It was hard,” said Mayor Tom Reed. “We worked.\n\n“We won,” he added."
    assert direct(text) == [("It was hard,", "Tom Reed"), ("We worked.\n\n“We won,", "Tom Reed")]


def test_a_quote_alone_after_an_interlude_opening_with_the_speaker_before_is_hers():
    # Round 79 (a San Diego County DA release): "“…,” DA Stephan said. ¶ During a news conference, DA Stephan
    # provided an update …. The law requires treatment …. ¶ “I’m deeply grateful …”" gave the last quote no speaker.
    # A paragraph opening with the previous quote's speaker as its subject, between her two quotes, hands it on.
    text = (
        "District Attorney Summer Stephan spoke.\n\n“Prop. 36 works,” DA Stephan said.\n\n"
        "During a news conference, DA Stephan gave an update on cases. The law requires treatment.\n\n"
        "“I’m deeply grateful to the Court and to the county’s probation officers.”"
    )
    assert direct(text)[-1] == (
        "I’m deeply grateful to the Court and to the county’s probation officers.",
        "Summer Stephan",
    )
    # Another person as the interlude's subject hands on nothing.
    text = text.replace("During a news conference, DA Stephan gave", "During a news conference, Mayor Tom Reed gave")
    assert direct(text)[-1] == ("I’m deeply grateful to the Court and to the county’s probation officers.", None)


def test_an_office_with_the_then_a_name_set_off_gives_the_name():
    # Round 80 (a San Diego County DA release): "“…,” said the Attorney General of Baja California, Maria Elena Andrade
    # Ramírez." gave the place ("Baja California") as the speaker. An office after "the" is no name: the name set
    # off by a comma after it is the speaker's.
    text = "“We act,” said the Attorney General of Texas, Ken Paxton. “We help,” said the head of the firm, Jo Kim."
    assert direct(text) == [("We act,", "Ken Paxton"), ("We help,", "Jo Kim")]
    # What follows the comma is no name: no name of it is taken.
    text = "“We act now and we help people,” said the head of the agency, who spoke later."
    assert direct(text) == [("We act now and we help people,", None)]


def test_a_short_sentence_alone_as_its_paragraph_that_nobody_said_is_no_quote():
    # Round 79 (a San Diego County DA release): a list of a scam's lines, "The scams often come in three common forms:
    # ¶ “Someone is using your accounts.” ¶ They pose as your bank …", gave each line as a quote of nobody's.
    text = (
        "The scams often come in three forms:\n\n“Someone is using your accounts.”\n\n"
        "They pose as your bank.\n\n“Your computer has been hacked.”\n\nA fake alert directs you to call."
    )
    assert direct(text) == []
    # A short quote alone as its paragraph after one about its speaker is still hers.
    text = "Mayor Ann Keel thanked the volunteers. She was proud of them.\n\n“We did it together.”"
    assert direct(text) == [("We did it together.", "Ann Keel")]


def test_a_name_after_a_described_person_in_apposition_ends_an_inverted_attribution():
    # Round 77's Wikinews train crash: "“…,” said a spokesman for the Cumbria Fire and Rescue squad, Brian
    # Mitchelhill." and "“…,” said a BBC executive, Caroline Thomson." gave no speaker.
    text = (
        "A train crashed on Friday.\n\n“There are numerous injuries,” said a spokesman for the fire and rescue squad, "
        "Brian Mitchelhill.\n\n“The carriage is on its side,” said a BBC executive, Caroline Thomson. “Some are hurt.”"
        "\n\n“We know nothing more,” said a spokeswoman for the police, who gave no name."
    )
    assert direct(text) == [
        ("There are numerous injuries,", "Brian Mitchelhill"),
        ("The carriage is on its side,", "Caroline Thomson"),
        ("Some are hurt.", "Caroline Thomson"),
        ("We know nothing more,", None),
    ]


def test_a_quote_after_a_phrase_of_when_or_where_set_off_by_a_comma_is_no_reported_clause():
    # Round 77's Wikinews FAST telescope story: "Xi Jinping said during a Beijing conference, “…”" gave the paraphrase
    # "during a Beijing conference, “…”" besides the direct quote.
    text = (
        "Chinese President Xi Jinping said during a Beijing conference, “great capacity is a must for China to be "
        "strong”. Li Qiang said after the meeting, “We will build it.” Li Qiang said the panels were in place."
    )
    assert paraphrases(text) == [("the panels were in place", "Li Qiang")]
    assert direct(text) == [
        ("great capacity is a must for China to be strong", "Xi Jinping"),
        ("We will build it.", "Li Qiang"),
    ]


def test_a_role_of_several_lower_case_words_ending_in_an_office_opens_the_subject_after_with():
    # Round 77's Wikinews FAST telescope story: "…, with senior party official Li Yuecheng saying the relocation would
    # provide a “…”" gave neither the paraphrase nor the quote's speaker ("with official Li Yuecheng saying" did).
    text = (
        "The government supports the resettlement, with senior party official Li Yuecheng saying the relocation would "
        "provide a “sound environment”. Farmers moved away, with residents near the site saying it was “unfair”."
    )
    assert paraphrases(text) == [("the relocation would provide a “sound environment”", "Li Yuecheng")]
    assert direct(text) == [("sound environment", "Li Yuecheng"), ("unfair", None)]


def test_a_government_named_by_its_nationality_speaks_as_an_organization():
    # Round 77's Wikinews South China Sea story: "The Chinese government opposed the decision, calling it “…”. It said
    # “…” the decision." gave neither quote (the lower-case "government" after a nationality named no speaker).
    text = (
        "A tribunal ruled on Tuesday. The Chinese government opposed the decision, calling it “ill-founded”. It said "
        "“China neither accepts nor recognizes” the decision. The Philippine government called it a “milestone "
        "decision”."
    )
    assert direct(text) == [
        ("ill-founded", "Chinese government"),
        ("China neither accepts nor recognizes", "Chinese government"),
        ("milestone decision", "Philippine government"),
    ]


def test_a_denial_attributes_its_quotes_but_reports_no_clause():
    # Round 78's Wikinews Binyam Mohamed story: "Miliband denied that the United States threatened …" and "Lewis denied
    # that the UK was “complicit” in torture" were proposed as paraphrases; a denial's clause is said not to be so.
    text = (
        "Ivan Lewis was interviewed. Lewis denied that the UK was “complicit” in torture. Miliband denied that the "
        "United States threatened to cease intelligence sharing. Ann Lee said the ruling was fair."
    )
    assert paraphrases(text) == [("the ruling was fair", "Ann Lee")]
    assert direct(text) == [("complicit", "Ivan Lewis")]


def test_a_participle_of_saying_after_a_semicolon_has_the_subject_of_the_clause_before():
    # Round 78's Wikinews Binyam Mohamed story: "Miliband … fought to keep the details released today secret; arguing
    # publication would, “…”" gave the quote no speaker (after a comma it had one), or the person named before.
    text = (
        "Binyam Mohamed was released. In February, Foreign Secretary David Miliband fought to keep details secret; "
        "arguing publication would, “cause real and significant damage to this country.”"
    )
    assert direct(text) == [("cause real and significant damage to this country.", "David Miliband")]


def test_a_clause_before_said_and_a_description_in_lower_case_then_a_name_is_reported():
    # Round 83's VOA sports story: "The team is an inspiration to the young female players …, said teenage fan
    # Christina Prieto." was missed (only a title in capitals was read between "said" and the name). A time after
    # "said" is no description.
    text = (
        "The team is an inspiration to young players, said teenage fan Christina Prieto. The fans were loud, "
        "said club president Tom Reyes. The game was long, said on Monday Ann Lee."
    )
    assert paraphrases(text) == [
        ("The team is an inspiration to young players", "Christina Prieto"),
        ("The fans were loud", "Tom Reyes"),
    ]


def test_the_people_of_a_place_or_a_region_in_capitals_are_no_speaker():
    # Round 83's VOA story: "But stoic New Yorkers seemed to take the storm in stride, including grocery store owner
    # Faris Algabbon. / “…,” he said." gave "New Yorkers", and a "he said" after a paragraph naming "the U.S. East
    # Coast" and no one else gave "East Coast". A surname ending in "-ers" (Myers) is still a person.
    text = (
        "The storm hit the U.S. East Coast. But stoic New Yorkers took it in stride, including store owner Faris "
        "Algabbon.\n\n“Nothing happened,” he said.\n\nRain fell on the East Coast again.\n\n“We stayed home,” he "
        "said.\n\nCoach Tom Myers watched.\n\n“It was wet,” he said."
    )
    assert direct(text) == [
        ("Nothing happened,", "Faris Algabbon"),
        ("We stayed home,", "Faris Algabbon"),
        ("It was wet,", "Tom Myers"),
    ]


def test_the_one_name_a_story_gives_someone_is_a_later_he():
    # Round 83's VOA story: "One Washington D.C. resident, who identified himself as Leonard, survived a harrowing
    # night …" then "“…,” he said." gave no speaker (one word, no title: no one a later "he" stands for).
    text = (
        "Storms hit the city. One resident, who identified himself as Leonard, survived the night.\n\n"
        "“It seemed like a tame storm,” he said."
    )
    assert direct(text) == [("It seemed like a tame storm,", "Leonard")]


def test_a_long_name_opening_a_sentence_is_kept_whole():
    # Round 83's VOA Learning English story: "Ana Maria Espirito Santos Monteiro is 60 years old. … Monteiro told
    # VOA that …" gave "Santos Monteiro" (a run of more than three words in capitals was cut to its last two, as for
    # "Tennessee Titans Mike Vrabel"). A place's or a title's words before a name are still cut off.
    text = (
        "Ana Maria Espirito Santos Monteiro is 60 years old. Monteiro said she will vote on Wednesday.\n\n"
        "Tennessee Titans Coach Mike Vrabel is new. Vrabel said the team will win."
    )
    assert paraphrases(text) == [
        ("she will vote on Wednesday", "Ana Maria Espirito Santos Monteiro"),
        ("the team will win", "Mike Vrabel"),
    ]


def test_where_someone_was_born_is_no_part_of_the_name():
    # Round 84's VOA story: "In Dearborn, Michigan, Saudi-born Zahraa Alakashi said …" gave "Saudi-born Zahraa
    # Alakashi" (a word in capitals read as a first name).
    text = "In Dearborn, Saudi-born Zahraa Alakashi said she has concerns.\n\n“It is exciting,” she said."
    assert direct(text) == [("It is exciting,", "Zahraa Alakashi")]


def test_a_voter_who_self_identified_by_one_name_is_a_later_she():
    # Round 84's VOA story: "In New York, a voter who self-identified as Jamie said she was glad … “It’s been awful,
    # …,” she said" gave "Big Apple", from the subheading before ("Big Apple crunch").
    text = (
        "Big Apple crunch\n\nIn New York, a voter who self-identified as Jamie was glad. “It’s been awful,” she said."
    )
    assert direct(text) == [("It’s been awful,", "Jamie")]


def test_an_office_of_a_body_then_a_ranked_name_set_off_gives_the_name():
    # Round 89 (an Orange County DA release): "“…,” said Director of the Sunburst Youth Challenge Academy, Lieutenant
    # Colonel Joel Armstrong. “…”" gave the body ("The Sunburst Youth Challenge Academy") as the speaker of both parts.
    text = (
        "“We are honored,” said Director of the Sunburst Youth Challenge Academy, Lieutenant Colonel Joel Armstrong. "
        "“Together, we win.”"
    )
    assert direct(text) == [("We are honored,", "Joel Armstrong"), ("Together, we win.", "Joel Armstrong")]
    # No name after the comma: the body stays the speaker, nothing is taken from what follows.
    text = "“We are honored to help the students,” said Director of the Academy, who spoke later."
    assert direct(text) == [("We are honored to help the students,", "The Academy")]


def test_a_relative_by_a_possessive_is_someone_unnamed_a_later_he_stands_for():
    # Round 89 (an Orange County DA release of victim impact statements): "The victim’s sister said in part, “…”" gave
    # the victim, John Colvin ("the sister" read as "the father said" is: the last person named in full), and "Colvin’s
    # nephew said in part, “…” He went on to say, “…”" gave him the second part ("He": the last man named).
    text = (
        "The crash killed John Colvin.\n\nThe victim’s sister said in part, “We will always miss John.”\n\n"
        "Colvin’s nephew said in part, “I cannot tell him how he inspired me.” He went on to say, “The loss is vast.”"
    )
    assert direct(text) == [
        ("We will always miss John.", None),
        ("I cannot tell him how he inspired me.", None),
        ("The loss is vast.", None),
    ]
    # "The father said" with no possessive is still the last person named in full.
    text = "Tom Reyes lost his son in the crash.\n\n“I miss him every day,” the father said."
    assert direct(text) == [("I miss him every day,", "Tom Reyes")]


def test_the_victim_named_by_no_one_is_unnamed_not_the_last_person_named():
    # Round 89 (an Orange County DA cold-case release): "“…” said the surviving victim from the 1998 attack." and "The
    # victim, who did not want her identity disclosed, said “…”" gave the accused, Reuben J. Smith, the last person
    # named in full (as "the father said" stands for him).
    text = (
        "In 1998 Reuben J. Smith was arrested for an attack in Las Vegas.\n\n“I was going to die,” said the surviving "
        "victim from the 1998 attack. The victim, who did not want her name used, said “It was horrible.”"
    )
    assert direct(text) == [("I was going to die,", None), ("It was horrible.", None)]
    # Someone the text has described as the victim is still whom "the victim" stands for.
    text = "Ann Lee, a victim of the scheme, lost her savings.\n\n“I trusted him,” the victim said."
    assert direct(text) == [("I trusted him,", "Ann Lee")]


def test_capitals_after_a_body_and_of_are_no_one_a_later_she_stands_for():
    # Round 90 (a Riverside County DA release): "the state Board of Parole Hearings rescinded …" and later
    # "She says she knows he will rape again." gave the clause to "Parole Hearings" (the rest of the body's name read
    # as a person's name).
    text = "The state Board of Parole Hearings rescinded the parole.\n\nShe says she knows he will rape again."
    assert paraphrases(text) == []  # (no one's: a clause of nobody's is not proposed)
    # A woman named before the body is still whom "she" stands for.
    text = "Ann Lee spoke to the Board of Parole Hearings on Monday.\n\nShe says she knows he will rape again."
    assert paraphrases(text) == [("she knows he will rape again", "Ann Lee")]


def test_whom_it_was_said_to_after_to_then_that_opens_the_clause():
    # Round 90 (a Miami-Dade State Attorney's release): "Woods allegedly explained to the police that she met the
    # elderly Victim at the medical office where she worked" reported no clause (only "told" and its like take a
    # listener before "that"); so was a Wikinews story's "Whitmore stated to LA Weekly that …".
    text = "Ann Woods met the police. Woods explained to the police that she met the victim at work."
    assert paraphrases(text) == [("she met the victim at work", "Ann Woods")]
    text = "Steve Whitmore spoke. Whitmore stated to LA Weekly that the crime involved five hard drives."
    assert paraphrases(text) == [("the crime involved five hard drives", "Steve Whitmore")]
    # "said to be" is no listener, and "how" opens no reported clause.
    assert paraphrases("Ann Woods met the police. Woods is said to be the one that met the victim at work.") == []
    assert paraphrases("Ann Woods met the police. Woods explained to the police how she met the victim at work.") == []


def test_a_resolution_passed_by_a_body_speaks_for_it_and_is_the_resolution_later():
    # Round 85's Wikinews asylum story: "A resolution passed by the European Parliament Thursday asked EU states “…”"
    # and "The resolution also stated that … “…”" gave no speaker: "resolution" was no writing, and the day after the
    # issuer's name (and a "the" before it) went into the name ("The European Parliament Thursday").
    text = (
        "A resolution passed by the European Parliament Thursday asked EU states “to find a common solution for him.” "
        "The resolution also stated that the authorities “routinely detain persons.”\n\n"
        "A report by the Congressional Budget Office said “the plan will not work at all, really.”"
    )
    assert direct(text) == [
        ("to find a common solution for him.", "European Parliament"),
        ("routinely detain persons.", "European Parliament"),
        ("the plan will not work at all, really.", "Congressional Budget Office"),
    ]


def test_a_writing_that_reads_the_words_after_them_is_its_issuers():
    # Round 85's Wikinews Amnesty story: "In an official release from Amnesty International put out Friday, the
    # organization said …. “…,” read the statement." gave no speaker ("read" after the words was no cue, and the
    # statement's issuer was looked for only as the subject of "released", "issued" …).
    text = (
        "In an official release from Amnesty International put out Friday, the organization said that the "
        "authorities were hiding information. “It is shocking that journalists are being detained,” read the "
        "statement."
    )
    assert direct(text) == [("It is shocking that journalists are being detained,", "Amnesty International")]


def test_words_set_off_before_according_to_a_named_source_are_the_sources():
    # Round 85's Wikinews Fukushima story: "enough to kill a person “within a few weeks”, according to the World
    # Nuclear Association, and …" was not proposed (a short phrase, no verb of speech before it). A writing no one is
    # named for is still no source: the phrase before "according to the lawsuit" stays out.
    text = (
        "Such levels can kill a person “within a few weeks”, according to the World Nuclear Association, and are "
        "rising. The fee was “far too high”, according to the lawsuit, and it fell."
    )
    assert direct(text) == [("within a few weeks", "World Nuclear Association")]


def test_the_subject_of_a_verb_after_only_or_after_what_is_read():
    # Round 85's Wikinews stories: "TEPCO only conceded that “partial meltdowns” had occurred" (an adverb between the
    # subject and the verb) and "against what he termed an “unjust” campaign" (the pronoun after "what") gave no
    # subject, so the short quotes were dropped.
    text = (
        "Tokyo Electric Power Company (TEPCO) reported high levels. TEPCO only conceded that “partial meltdowns” had "
        "occurred.\n\nHosni Mubarak spoke on Sunday. He would fight what he termed an “unjust” campaign."
    )
    assert direct(text) == [("partial meltdowns", "TEPCO"), ("unjust", "Hosni Mubarak")]


def test_a_body_named_after_its_noun_in_apposition_is_not_the_subject():
    # Round 85's asylum story: "Ben Summerskill of the British gay rights organization, Stonewall, said: “…”" gave
    # Stonewall, the phrase right before the verb.
    text = (
        "Ben Summerskill of the British gay rights organization, Stonewall, said: “We are obviously delighted.”\n\n"
        "The group, Stonewall, said: “We are glad to be here today.”"
    )
    assert direct(text) == [
        ("We are obviously delighted.", "Ben Summerskill"),
        ("We are glad to be here today.", "Stonewall"),
    ]


def test_the_outlet_told_before_a_colon_is_no_label():
    # Round 85's asylum story: "Kazemi's uncle told CNN: “…”" gave CNN (the sentence read as a label naming the
    # speaker); the uncle is not named.
    text = (
        "Kazemi came to Britain in 2005. Kazemi's uncle told CNN: “Under torture, he revealed the name.”\n\n"
        "Ann Smith told reporters: “We will win this one.”"
    )
    assert direct(text) == [("Under torture, he revealed the name.", None), ("We will win this one.", "Ann Smith")]


def test_a_resolution_a_city_council_passed_reads_the_councils_words():
    # Round 86's Wikinews Eurovision story: "the Dublin city council passed a resolution …. The resolution read, “…”"
    # gave "Dublin Live", a name in the paragraph before ("passed" was no verb of issuing a writing, and "the Dublin
    # city council" was read as the name "Dublin").
    text = (
        "Speaking to news site Dublin Live, the mayor said the contest should be boycotted.\n\n"
        "Earlier, the Dublin city council passed a resolution to endorse the movement. The resolution read, "
        "“Since its establishment in 1948, the state has denied Palestinians their rights.”"
    )
    assert direct(text) == [
        ("Since its establishment in 1948, the state has denied Palestinians their rights.", "Dublin city council")
    ]


def test_a_story_headlined_in_marks_is_named_not_quoted():
    # Round 86's Onion story: 'a story from The Onion …, headlined "Congress threatens to leave DC unless new capitol
    # is built".' was proposed as a quote with no speaker.
    text = (
        "The Beijing Evening News reproduced a story from The Onion, headlined “Congress threatens to leave DC unless "
        "new capitol is built”."
    )
    assert direct(text) == []


def test_an_adverb_between_the_name_and_the_verb_is_passed():
    # Round 86's Onion story: "The Onion's editor Will Tracy humourously remarked their website “…”" gave no speaker
    # (and a VOA story's "Lavrov incorrectly said <clause>" no paraphrase).
    text = (
        "There are no reports. The Onion's editor Will Tracy humourously remarked their website “freely shares "
        "content with Fars”.\n\nSergei Lavrov spoke on Tuesday. Lavrov incorrectly said the article was published "
        "in January."
    )
    assert direct(text) == [("freely shares content with Fars", "Will Tracy")]
    assert paraphrases(text) == [("the article was published in January", "Sergei Lavrov")]


def test_listeners_told_to_do_something_report_no_statement():
    # Found with the rule above (an adverb passed gave "Jack Abramoff commonly told Native American tribal clients to
    # divert their funds …" a subject): what listeners are told to do is no clause anyone stated. A listener in one
    # word and a clause still are ("told VOA Russia is treating …").
    text = (
        "Jack Abramoff told Native American tribal clients to divert their funds through the group.\n\n"
        "Ann Lee told VOA Russia is treating the town badly."
    )
    assert paraphrases(text) == [("Russia is treating the town badly", "Ann Lee")]


def test_an_article_named_by_its_publication_reports_its_words():
    # Round 86's Onion story: "The Onion article reports “77 percent of rural Caucasian voters” saying …" was not
    # proposed ("article" was no writing, one word in capitals before a writing was not its issuer, and "reports"
    # right before the words, with no comma, was no verb of saying).
    text = "The Onion article reports “77 percent of rural Caucasian voters” saying they would prefer beer."
    assert direct(text) == [("77 percent of rural Caucasian voters", "Onion")]


def test_a_participle_after_an_unnamed_persons_clause_goes_on_with_their_words():
    # Round 87's VOA story: "One reveler said the victory was wonderful and terrific, adding that Argentina has
    # demonstrated what football is." gave the first clause only (the participle's subject read as no one). A
    # participle after a named speaker's clause was already read (in the same test).
    text = (
        "In Buenos Aires, fans exulted. One reveler said the victory was wonderful, adding that Argentina has shown "
        "what football is.\n\nIn Lima, Ana Ruiz said the game was dull, noting that Peru had not played."
    )
    assert [(p.text, p.speaker, p.title) for p in extract_quotes(text) if p.kind == "paraphrase"] == [
        ("the victory was wonderful", None, "reveler"),
        ("Argentina has shown what football is", None, "reveler"),
        ("the game was dull", "Ana Ruiz", ""),
        ("Peru had not played", "Ana Ruiz", ""),
    ]


def test_one_name_after_an_age_is_a_later_she():
    # Round 87's VOA story: "A few kilometers away, 33-year-old Mariam, not her real name, lives … She says she fled
    # Homs …" then "“…,” she said." gave the mayor named before (one word with no title is no one a later "she" stands
    # for). A word in capitals after an age that names no one ("Olympic champion") is still no one.
    text = (
        "Mayor Khalil Chehimi says aid arrived.\n\nA few kilometers away, 33-year-old Mariam, not her real name, "
        "lives in a shack. She says she fled Homs after gunmen came.\n\n“They raided all the houses,” she said.\n\n"
        "Coach Tom Reyes watched. The 20-year-old Olympic champion ran.\n\n“We won,” he said."
    )
    assert direct(text) == [("They raided all the houses,", "Mariam"), ("We won,", "Tom Reyes")]
    assert ("she fled Homs after gunmen came", "Mariam") in paraphrases(text)


def test_phrases_of_place_opening_a_sentence_are_passed_over_for_its_subject():
    # Round 84's VOA story: "In McLean, Virginia, outside Washington, Ellis Richard Salvia gave his reasons for
    # supporting Trump." then "“…,” he said." gave Donald Trump, named before in full (only the first three phrases
    # were read for the subject, and the third was "outside Washington"); so the man named after "for supporting".
    text = (
        "Voters talked about Republican candidate Donald Trump.\n\nIn McLean, Virginia, outside Washington, Ellis "
        "Richard Salvia gave his reasons for supporting Trump.\n\n“To save America,” he said."
    )
    assert direct(text) == [("To save America,", "Ellis Richard Salvia")]


def test_a_first_name_alone_saying_something_is_a_person():
    # Round 84's VOA story: "Tony, from Melbourne, Australia, said he came to New York to observe the election" gave no
    # paraphrase (one word and no title: not known to be a person). A word no first name is ("Microsoft said …")
    # still reports no one's clause.
    text = (
        "Tony, from Melbourne, Australia, said he came to New York to observe the election.\n\n"
        "Microsoft said the update was late."
    )
    assert paraphrases(text) == [("he came to New York to observe the election", "Tony")]


def test_a_participle_of_saying_may_report_a_clause_with_no_that():
    # Round 84's VOA story: "… said he came to New York to observe the election, noting he has been an advocate for
    # Trump in Australia for about a year." gave one clause running on over "noting" ("noting that" was read).
    text = "John Smith said he came to New York, noting he has been an advocate for Trump. Ann Lee left, noting it."
    assert paraphrases(text) == [
        ("he came to New York", "John Smith"),
        ("he has been an advocate for Trump", "John Smith"),
    ]


def test_a_relative_not_named_who_says_something_is_unnamed():
    # Round 88's VOA story: "A 27-year-old Panamanian bowler, Casandra Barletta, is here with her family. Her brother
    # says she has the skill and focus to excel in her sport." gave no paraphrase ("Her brother": no one). A relative
    # named after the noun is still the speaker.
    text = (
        "Casandra Barletta is here with her family. Her brother says she has the skill to excel.\n\n"
        "Ann Lee is here. Her mother, Natalie Batalha, said she will win the race."
    )
    assert [(p.text, p.speaker, p.title) for p in extract_quotes(text) if p.kind == "paraphrase"] == [
        ("she has the skill to excel", None, "brother"),
        ("she will win the race", "Natalie Batalha", ""),
    ]


def test_a_quote_alone_after_an_unnamed_person_saying_something_is_theirs():
    # Round 88's VOA story: "Her brother says she has the skill … ¶ “Thankfully, she's very good at it. …”" gave the
    # bowler named before ("Her" read as the subject of the paragraph's last sentence).
    text = (
        "Casandra Barletta is here with her family. Her brother says she has the skill to excel.\n\n"
        "“Thankfully, she's very good at it.”"
    )
    assert [(p.text, p.speaker, p.title) for p in extract_quotes(text) if p.kind == "direct"] == [
        ("Thankfully, she's very good at it.", None, "brother")
    ]


def test_a_name_before_a_body_it_leads_is_no_later_she():
    # Round 88's VOA story: "Garanton says the battle extends beyond …, whose broadcast license the Chavez government
    # refused to renew …" then, opening the next paragraph, "She says,“…”" gave Hugo Chavez (named in full before as
    # "President Hugo Chavez'", and last named in "the Chavez government").
    text = (
        "Students protest President Hugo Chavez' decision.\n\nStudent Ana Cristina Garanton marched. Garanton says "
        "the battle goes on, since the Chavez government refused to renew a license.\n\nShe says, “We are fighting.”"
    )
    assert direct(text) == [("We are fighting.", "Ana Cristina Garanton")]
