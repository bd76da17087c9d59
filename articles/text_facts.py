"""Facts a news story states outside its quotes, read for the importer to propose (no database).

- `states_named(text)`: the US states a story names, by full name, by the AP's abbreviation in its
  news-style places ("D-Ill.", "(R-Minn.)", "Boston, Mass."), or by a city ("a Chicago Democrat",
  "in Boston", a "CHICAGO —" dateline), each with where it was read.
- `names_in(text, names)`: which of some names (topics and their aliases) occur as whole words.
- `quote_facts(text, quotes, dateline)`: for each quote, the context its attribution gives ("in a
  letter to …", "at a hearing in …") and when it was said ("sent Friday", "last December"),
  resolved against the story's date with a precision: day, month or year.
- `position_of(text, name, printed_title)`: the office printed with a name ("Cook County Sheriff
  Tom Dart", "State Sen. Jacqueline Collins, a Chicago Democrat") as a title, organization, state
  and party.

Everything here is a guess for an editor to confirm; a phrase that could mean two things gives
nothing rather than the likelier of the two.
"""

import csv
import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .extraction import lexicon

CITIES_FILE = Path(__file__).resolve().parent / "places" / "us-cities.csv"

# The states, DC and Puerto Rico: the extractor's table less the other territories, whose
# codes are words ("AS").
STATES = {name: code for name, code in lexicon.STATES.items() if code not in {"GU", "VI", "AS", "MP"}}
NAMES = {code: name for name, code in STATES.items()}
# The AP stylebook's state abbreviations, used after a city ("Boston, Mass.") and in party tags
# ("D-Ill."); the eight states the AP never abbreviates are written out, so they are absent.
AP_STATES = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD",
    "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
    "D.C.": "DC",
}  # fmt: skip
# States whose name is also a first name ("Georgia Smith", "Virginia Woolf"): read as the state only
# when what follows isn't another name.
GIVEN_NAMES = frozenset({"Georgia", "Virginia", "Indiana", "Montana", "Nevada", "Florida", "Carolina"})
# Capitalized words that may follow a state's name without making it a person's: "Georgia Democrats",
# "Virginia Gov. Ralph Northam", "Indiana University".
AFTER_STATE = frozenset(
    """Gov Governor Lt Lieutenant Sen Senator Senators Rep Representative Representatives Attorney Secretary
    Treasurer Comptroller Auditor House Senate Legislature Assembly General Supreme Court Courts Democrat Democrats
    Democratic Republican Republicans GOP Independent Department State University Tech Power Police Highway
    National Guard Board Bar Medicaid Public Health Sheriff Sheriffs Mayor Mayors County Counties""".split()
)
# Capitalized words that may come before a state's name without making it a surname ("Joe Montana",
# "Denzel Washington"): directions, and a sentence's first word is checked separately.
BEFORE_STATE = frozenset("North South East West Northern Southern Eastern Western Central Upstate Downstate".split())
# "Kansas City" is in Missouri; "Washington" alone is a city, a state or a person.
NOT_THE_STATE = re.compile(r"Kansas City|Washington(?!,? (?:state|State)\b)|New York City")

PARTY_LETTERS = {"D": "democratic", "R": "republican", "I": "independent"}
PARTY_WORDS = {"democrat": "democratic", "republican": "republican", "independent": "independent"}
# Who a city's name can describe: "a Chicago Democrat", "a Boston lawyer".
CITY_ROLES = (
    "Democrat|Republican|Independent|lawmaker|legislator|resident|native|businessman|businesswoman|lawyer"
    "|attorney|activist|pastor|alderman|councilman|councilwoman|congressman|congresswoman|politician"
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTH_ABBREVIATIONS = {"Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
DAY, MONTH, YEAR = "day", "month", "year"  # as people.models.DatePrecision

# Words after which a period doesn't end a sentence.
ABBREVIATIONS = frozenset(
    """Gov Sen Rep Lt Gen Atty Mr Mrs Ms Dr St Jr Sr Sgt Capt Col Maj Supt Ald Rev Hon Prof No Inc Co Corp Ltd
    U.S U.N Jan Feb Aug Sept Oct Nov Dec Ft Mt Ave""".split()
) | {key.rstrip(".") for key in AP_STATES}
# What a quote is said in or at: "in a letter to …", "at a news conference", "during an interview".
OCCASIONS = (
    r"letter|statement|interview|speech|e-?mail|memo|news conference|press conference|press release|hearing"
    r"|meeting|briefing|town hall|rally|debate|tweet|post|op-ed|column|testimony|video|radio interview|address"
    r"|sermon|lecture|report|filing|court filing|ruling|message|phone interview|telephone interview"
)
DOCUMENT_WORDS = "letter|statement|memo|e-?mail|report|filing|ruling|message|release|op-ed|column|testimony"


# --- Places ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """Something read in the text: `text[start:end]` is the words it was read from."""

    value: str
    start: int
    end: int


@cache
def cities():
    """{city name: USPS code} from articles/places/us-cities.csv (read once)."""
    with CITIES_FILE.open(encoding="utf-8", newline="") as file:
        return {row["city"]: row["state"] for row in csv.DictReader(file)}


@cache
def _patterns():
    names = "|".join(sorted(map(re.escape, STATES), key=len, reverse=True))
    ap = "|".join(sorted((re.escape(key) for key in AP_STATES), key=len, reverse=True))
    city = "|".join(sorted(map(re.escape, cities()), key=len, reverse=True))
    codes = "|".join(sorted(NAMES))
    return {
        "name": re.compile(rf"(?<![\w.-])(?:{names})(?![\w-])"),
        # "(D-Ill.)", "D-Ill.", "(R-MN)", "(D-Chicago)": a party tag; the place after the hyphen.
        "tag": re.compile(
            rf"(?<![\w-])(?P<party>[DRI])-(?:(?P<ap>{ap})|(?P<code>{codes})(?![\w.])|(?P<city>{city})(?![\w-]))"
        ),
        # "Boston, Mass.": the AP's abbreviation after a capitalized place and a comma.
        "after_city": re.compile(
            rf"(?<![\w.-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}, (?P<ap>{ap})(?=[\s,;:)—”\"']|$)"
        ),
        "dc": re.compile(r"\bWashington,? D\.C\.|\bD\.C\.(?=[\s,;:)—”\"']|$)"),
        "city_role": re.compile(rf"\b(?:a|an)\s+(?P<city>{city})(?:-area|-based)?\s+(?:{CITY_ROLES})\b"),
        "city_place": re.compile(rf"\b(?:in|from|near|outside|across)\s+(?:the\s+)?(?P<city>{city})(?![\w-])"),
        "city_based": re.compile(rf"(?<![\w-])(?P<city>{city})-(?:based|area)\b"),
        # "CHICAGO —", "LOWELL, Mass. (AP) —"
        "dateline": re.compile(
            rf"\A\s*(?P<city>[A-Z][A-Z .'-]+?)(?:,\s*(?P<ap>{ap}))?\s*(?:\([^()]{{1,20}}\)\s*)?[—–-]"
        ),
    }


def _token_before(text, start):
    match = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _sentence_start(text, start):
    """Whether `start` opens a sentence or paragraph (so a capital there says nothing)."""
    before = text[max(0, start - 3) : start]
    return start == 0 or not before.strip() or bool(re.search(r"[.!?:”\"—]\s+$", before))


def _is_state_name(text, match):
    name, start, end = match.group(), match.start(), match.end()
    if NOT_THE_STATE.match(text, start):
        return False
    previous = _token_before(text, start)
    # "Joe Montana", "Denzel Washington": a surname (a capitalized word before it, not ending a phrase).
    capitalized = previous[:1].isupper() and previous not in BEFORE_STATE and not _sentence_start(text, start)
    if capitalized and (not previous.endswith((",", ".")) or previous.rstrip(".") in ABBREVIATIONS):
        return False
    if name in GIVEN_NAMES:
        following = re.match(r"\s+([A-Z][\w.’'-]*)", text[end:])
        if following and following.group(1).rstrip(".’'s") not in AFTER_STATE:
            return False
    return True


def states_named(text):
    """{USPS code: the first Mention of it} for the states `text` names, in the order they appear.

    Read: full names ("Illinois", not "Georgia Smith" nor "Joe Montana"; "Washington" only as
    "Washington state" or "Washington, D.C."), the AP's abbreviations only where news style puts
    them (in a party tag "(D-Ill.)" or after a city "Boston, Mass."), two-letter codes only in a
    party tag ("(D-IL)": "IN", "OR", "ME" elsewhere are words), and cities of us-cities.csv only
    where they place someone or something ("a Chicago Democrat", "in Boston", "(D-Chicago)",
    "Chicago-based", a "CHICAGO —" dateline).
    """
    first = {}
    for mention in sorted(_mentions(text), key=lambda m: m.start):
        first.setdefault(mention.value, mention)
    return first


def _mentions(text):
    """Every Mention of a state in `text` (see states_named)."""
    patterns = _patterns()
    found = []
    for match in patterns["name"].finditer(text):
        if _is_state_name(text, match):
            found.append(Mention(STATES[match.group()], match.start(), match.end()))
    for match in patterns["tag"].finditer(text):
        code = _tag_state(match)
        if code:
            found.append(Mention(code, match.start(), match.end()))
    for match in patterns["after_city"].finditer(text):
        found.append(Mention(AP_STATES[match.group("ap")], match.start("ap"), match.end("ap")))
    for match in patterns["dc"].finditer(text):
        found.append(Mention("DC", match.start(), match.end()))
    for name in ("city_role", "city_place", "city_based"):
        for match in patterns[name].finditer(text):
            found.append(Mention(cities()[match.group("city")], match.start(), match.end()))
    if dateline := dateline_state(text):
        found.append(dateline)
    return found


def _tag_state(match):
    if match.group("ap"):
        return AP_STATES[match.group("ap")]
    if match.group("code"):
        return match.group("code")
    return cities()[match.group("city")]


def dateline_state(text):
    """The Mention of the state of a dateline opening the text ("CHICAGO —", "LOWELL, Mass. (AP) —")."""
    match = _patterns()["dateline"].match(text)
    if not match:
        return None
    if match.group("ap"):
        return Mention(AP_STATES[match.group("ap")], match.start("ap"), match.end("ap"))
    city = " ".join(word.capitalize() for word in match.group("city").split())
    code = cities().get(city.replace("St ", "St. ")) or cities().get(city)
    return Mention(code, match.start("city"), match.end("city")) if code else None


def home_state(text):
    """The state a story is from: its dateline's, else the one it names most (None if tied or none)."""
    if dateline := dateline_state(text):
        return dateline.value
    counts = {}
    for mention in _mentions(text):
        counts[mention.value] = counts.get(mention.value, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def names_in(text, names):
    """{key: Mention} for each (key, name) of `names` whose name occurs in `text` as whole words.

    Case is ignored, except for names in capitals ("ICE" is not "ice"); the first occurrence counts.
    """
    found = {}
    for key, name in names:
        name = " ".join(name.split())
        if len(name) < 2 or key in found:
            continue
        words = r"\s+".join(map(re.escape, name.split()))
        flags = 0 if name.isupper() else re.IGNORECASE
        if match := re.search(rf"(?<![\w-]){words}(?![\w-])", text, flags):
            found[key] = Mention(name, match.start(), match.end())
    return found


# --- Sentences ---------------------------------------------------------------------------------------


# However long a sentence runs (a text with no full stops), this much either side of a quote is read.
SENTENCE_REACH = 600


class Sentences:
    """Where the sentences of a text end, found once (linear), then looked up by offset."""

    def __init__(self, text):
        self.text = text
        ends = [0]
        for match in re.finditer(r"\n\s*\n|[.!?][”\"’')\]]*(?=\s)", text):
            at = match.start()
            word = re.search(r"([\w.]+)$", text[max(0, at - 40) : at])
            abbreviated = word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1)
            if match.group()[0] == "." and abbreviated:
                continue
            ends.append(match.end())
        ends.append(len(text))
        self.ends = ends

    def bounds(self, start, end):
        """(start, end) of the sentences holding `text[start:end]`, at most SENTENCE_REACH beyond it."""
        first = self.ends[bisect_right(self.ends, start) - 1]
        last = self.ends[min(len(self.ends) - 1, bisect_left(self.ends, max(end, first + 1)))]
        first, last = max(first, start - SENTENCE_REACH), min(max(last, end), end + SENTENCE_REACH)
        while first < start and self.text[first].isspace():
            first += 1
        while last > end and self.text[last - 1].isspace():
            last -= 1
        return first, last


def sentence_bounds(text, start, end):
    """(start, end) of the sentences holding `text[start:end]` (reads the whole text: use Sentences for many)."""
    return Sentences(text).bounds(start, end)


# --- Dates -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    date: datetime.date
    precision: str  # DAY, MONTH or YEAR
    phrase: str = ""


_MONTH = "|".join(MONTHS)
_MONTH_ABBR = "|".join(map(re.escape, MONTH_ABBREVIATIONS))
DATE_PHRASE = re.compile(
    rf"""(?<![\w-])(?:
      (?P<month_day>(?:{_MONTH}|{_MONTH_ABBR})\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,\s*(?P<day_year>(?:19|20)\d\d))?)(?!\d)
    | (?:(?:in|last|since|until|through|by)\s+)?(?:(?:early|mid|late)[\s-]+)?
      (?P<month>{_MONTH})(?:\s+(?P<month_year>(?:19|20)\d\d))?
    | (?P<relative>last\s+(?:week|month|year)|(?:earlier\s+)?this\s+(?:month|year)|yesterday|today)
    | (?:on\s+|last\s+)?(?P<weekday>{"|".join(WEEKDAYS)})
    | in\s+(?P<year>(?:19|20)\d\d)
    )(?![\w-])""",
    re.X,
)


def resolve_date(match, dateline):
    """The When a DATE_PHRASE match means, said in a story of `dateline` (None if it can't be told)."""
    phrase = " ".join(match.group().split())
    year_given = match.group("day_year") or match.group("month_year") or match.group("year")
    if match.group("year"):
        return When(datetime.date(int(match.group("year")), 1, 1), YEAR, phrase)
    if match.group("month_day"):
        word = match.group("month_day").split()[0]
        month = MONTH_ABBREVIATIONS.get(word) or MONTHS.index(word) + 1
        year = int(year_given) if year_given else _past_year(month, dateline, same_month_is_past=True)
        if year is None:
            return None
        try:
            return When(datetime.date(year, month, int(match.group("day"))), DAY, phrase)
        except ValueError:  # "February 30"
            return None
    if match.group("month"):
        month = MONTHS.index(match.group("month")) + 1
        if not year_given and match.group() == match.group("month") and month == 5:
            return None  # a bare "May" is as likely the verb
        last = phrase.startswith("last ")
        year = int(year_given) if year_given else _past_year(month, dateline, same_month_is_past=not last)
        return When(datetime.date(year, month, 1), MONTH, phrase) if year else None
    if dateline is None:
        return None
    if weekday := match.group("weekday"):
        back = (dateline.weekday() - WEEKDAYS.index(weekday)) % 7
        if phrase.startswith("last ") and back == 0:
            back = 7
        return When(dateline - datetime.timedelta(days=back), DAY, phrase)
    relative = " ".join(match.group("relative").split())
    if relative == "yesterday":
        return When(dateline - datetime.timedelta(days=1), DAY, phrase)
    if relative == "today":
        return When(dateline, DAY, phrase)
    if relative == "last week":
        # The week before the story's: a month only if all seven days are in one.
        monday = dateline - datetime.timedelta(days=dateline.weekday() + 7)
        sunday = monday + datetime.timedelta(days=6)
        if (monday.year, monday.month) != (sunday.year, sunday.month):
            return None
        return When(monday.replace(day=1), MONTH, phrase)
    if relative == "last month":
        first = dateline.replace(day=1) - datetime.timedelta(days=1)
        return When(first.replace(day=1), MONTH, phrase)
    if relative == "last year":
        return When(datetime.date(dateline.year - 1, 1, 1), YEAR, phrase)
    if relative.endswith("this month"):
        return When(dateline.replace(day=1), MONTH, phrase)
    return When(datetime.date(dateline.year, 1, 1), YEAR, phrase)  # "this year"


def _past_year(month, dateline, same_month_is_past):
    """The year of the latest `month` up to the story's date: a story of June 2011 says "December"
    of December 2010, and "last June" of June 2010."""
    if dateline is None:
        return None
    if month < dateline.month or (month == dateline.month and same_month_is_past):
        return dateline.year
    return dateline.year - 1


def dates_in(text, start, end, dateline, skip=()):
    """[(Mention of the phrase, When)] for the dates written in `text[start:end]` outside the spans `skip`."""
    found = []
    for match in DATE_PHRASE.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in skip):
            continue
        try:
            when = resolve_date(match, dateline)
        except (OverflowError, ValueError):  # before 1 January of year 1, which a date can't hold
            when = None
        if when is not None:
            found.append((Mention(match.group(), match.start(), match.end()), when))
    return found


# --- Quotes: context and date -------------------------------------------------------------------------

OCCASION = re.compile(
    rf"""(?<![\w-])(?:in|at|during|on)\s+(?:a|an|the|his|her|their|its|[A-Z]\w+’s|[A-Z]\w+'s)\s+
    (?:[\w-]+\s+){{0,2}}?(?P<occasion>{OCCASIONS})(?![\w-])
    (?:\s+(?:to|with|at|before|in|on|for|from|of)\s+[^.,;:!?—–“”"()]+?)?(?=[.,;:!?—–“”"()]|\s+(?:that|said|says|saying)\b|$)""",
    re.X,
)
# "The letter, which … sent Friday": a document named again, with when it was sent.
DOCUMENT_AGAIN = re.compile(rf"\b[Tt]he\s+(?:same\s+)?(?P<document>{DOCUMENT_WORDS})\b")


@dataclass(frozen=True)
class QuoteFacts:
    context: str = ""
    when: When | None = None


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    speaker: str = ""


def quote_facts(text, quotes, dateline=None):
    """[QuoteFacts] for each QuoteSpan of `quotes`, in order, from the sentences around it.

    The context is an occasion of the attribution ("in a letter to Immigration and Customs
    Enforcement officials"); the date is the one written in the quote's sentence nearest to it
    (outside any quote), or, for a quote given in a document ("in a letter"), the date the story
    gives for "the letter" elsewhere ("The letter, which … sent Friday"). A quote with neither,
    in the same paragraph as the quote before it by the same speaker, continues that one.
    """
    spans = sorted((q.start, q.end) for q in quotes)
    sentences = Sentences(text)
    documents = _document_dates(text, sentences, spans, dateline)
    results = []
    for index, quote in enumerate(quotes):
        first, last = sentences.bounds(quote.start, quote.end)
        near = _overlapping(spans, first, last)
        context = _occasion(text, first, last, near)
        document = DOCUMENT_AGAIN.search(_masked(text, first, last, near))
        dates = dates_in(text, first, last, dateline, skip=near)
        when = None
        if dates:
            nearest = min(dates, key=lambda d: _distance(d[0], quote))
            when = nearest[1]
        previous = results[-1] if results else None
        same_paragraph = index and "\n\n" not in text[quotes[index - 1].end : quote.start]
        if previous and same_paragraph and quote.speaker and quote.speaker == quotes[index - 1].speaker:
            context, when = context or previous.context, when or previous.when
        if not context and document:
            # "The letter … also charges …": the letter quoted before, in its words.
            earlier = [r.context for r in results if r.context and document.group("document") in r.context]
            context = earlier[0] if earlier else ""
        if when is None and context:
            for word, date in documents.items():
                if re.search(rf"\b{word}\b", context):
                    when = date
                    break
        results.append(QuoteFacts(context=context, when=when))
    return results


def _masked(text, start, end, spans):
    """`text[start:end]` with the quotes in it blanked (the same length, so offsets still hold)."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def _occasion(text, start, end, spans):
    masked = _masked(text, start, end, spans)
    match = OCCASION.search(masked)
    return " ".join(match.group().split())[:500] if match else ""


def _distance(mention, quote):
    if mention.end <= quote.start:
        return quote.start - mention.end
    return max(0, mention.start - quote.end)


def _overlapping(spans, start, end):
    """The (start, end) spans of the sorted, disjoint `spans` that overlap text[start:end]."""
    first = max(0, bisect_left(spans, (start,)) - 1)
    return [span for span in spans[first : bisect_left(spans, (end,))] if span[1] > start]


def _document_dates(text, sentences, spans, dateline):
    """{document word: When} for each document the story dates where it names it again."""
    found = {}
    for match in DOCUMENT_AGAIN.finditer(text):
        if match.group("document") in found:
            continue
        _, last = sentences.bounds(match.start(), match.end())
        # The dates of the clause about the document: up to the next clause's verb is enough here.
        last = min(last, match.end() + 120)
        dates = dates_in(text, match.end(), last, dateline, skip=_overlapping(spans, match.end(), last))
        if dates:
            found.setdefault(match.group("document"), dates[0][1])
    return found


# --- People: the office printed with a name --------------------------------------------------------------


@dataclass(frozen=True)
class PositionFacts:
    title: str = ""
    organization: str = ""
    state: str = ""  # USPS code
    party: str = ""  # as people.models.Party
    evidence: Mention | None = None


# Printed titles as written out, and the body each belongs to ({state}: the state's name).
TITLES = {
    "gov": ("Governor", "{government}"),
    "governor": ("Governor", "{government}"),
    "lt gov": ("Lieutenant Governor", "{government}"),
    "lieutenant governor": ("Lieutenant Governor", "{government}"),
    "attorney general": ("Attorney General", "{government}"),
    "atty gen": ("Attorney General", "{government}"),
    "secretary of state": ("Secretary of State", "{government}"),
    "treasurer": ("Treasurer", "{government}"),
    "state sen": ("State Senator", "{state} Senate"),
    "state senator": ("State Senator", "{state} Senate"),
    "state rep": ("State Representative", "{state} House of Representatives"),
    "state representative": ("State Representative", "{state} House of Representatives"),
    "sen": ("U.S. Senator", "United States Senate"),
    "senator": ("U.S. Senator", "United States Senate"),
    "u s sen": ("U.S. Senator", "United States Senate"),
    "rep": ("U.S. Representative", "United States House of Representatives"),
    "representative": ("U.S. Representative", "United States House of Representatives"),
    "u s rep": ("U.S. Representative", "United States House of Representatives"),
    "congressman": ("U.S. Representative", "United States House of Representatives"),
    "congresswoman": ("U.S. Representative", "United States House of Representatives"),
    "sheriff": ("Sheriff", "{county}"),
    "mayor": ("Mayor", "{city}"),
    "ald": ("Alderman", "{city}"),
    "alderman": ("Alderman", "{city}"),
    "police chief": ("Police Chief", "{city}"),
    "police superintendent": ("Police Superintendent", "{city}"),
    "county commissioner": ("County Commissioner", "{county}"),
    "commissioner": ("Commissioner", "{county}"),
    "state's attorney": ("State's Attorney", "{county}"),
    "district attorney": ("District Attorney", "{county}"),
}
COMMONWEALTHS = frozenset({"MA", "PA", "VA", "KY"})
APPOSITIVE = re.compile(
    r"""(?:
      \s*,?\s*\((?P<tag>[DRI]-[^()]{1,30})\)
    | \s*,\s*(?P<bare_tag>[DRI]-[A-Z][\w. ]{1,20}?)(?=[,;.])
    | \s*,\s*(?:a|an)\s+(?:(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?:-area|-based)?\s+)?
      (?P<party>Democrat|Republican|Independent)\b
    | \s+(?:of|from)\s+(?P<of>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})
    )""",
    re.X,
)


def position_of(text, name, printed_title="", home=None):
    """The PositionFacts the text prints with `name` where it first names them.

    `printed_title` is the title printed before the name, as the quote extractor read it
    ("Cook County Sheriff", "State Sen.", "New York Gov."); without it the capitalized words
    before the name are read. A state comes from the title ("Illinois Gov."), the words after
    the name ("(D-Ill.)", ", a Chicago Democrat", "of Illinois") or, for a county's or a city's
    office, the story's own state (its dateline, or the state it names most): `home`, if known, saves
    reading the whole text again for it.
    """
    name = " ".join(name.split())
    match = re.search(r"\s+".join(map(re.escape, name.split())), text) if name else None
    if match is None:
        return PositionFacts()
    title, title_start = _title_before(text, match.start())
    if not title:
        title, title_start = printed_title.strip(), match.start()
    state, party, county, city = "", "", "", ""
    place, _, rest = _split_place(title)
    if place:
        if place.endswith(" County"):
            county = place
        elif place in STATES:
            state = STATES[place]
        elif place in cities():
            city, state = place, cities()[place]
    evidence_end = match.end()
    if after := APPOSITIVE.match(text, match.end()):
        evidence_end = after.end()
        tag = after.group("tag") or after.group("bare_tag")
        if tag:
            party = PARTY_LETTERS[tag[0]]
            tag_match = _patterns()["tag"].match(tag)
            state = state or (_tag_state(tag_match) if tag_match else "")
        if after.group("party"):
            party = PARTY_WORDS[after.group("party").lower()]
        where = after.group("place") or after.group("of") or ""
        where = where.strip().rstrip(".,")
        if where in STATES:
            state = state or STATES[where]
        elif where in cities():
            city = city or where
            state = state or cities()[where]
        elif where.endswith(" County") and not county:
            county = where
    key = " ".join(re.sub(r"[^\w\s']", " ", rest.lower()).split())
    written, body = TITLES.get(key, (rest.strip(), ""))
    if not state:
        # "Sheriff Tom Dart" in a Chicago story: the story's state, for the editor to confirm.
        state = (home if home is not None else home_state(text)) or ""
    organization = body.format(
        government=f"{'Commonwealth' if state in COMMONWEALTHS else 'State'} of {NAMES[state]}" if state else "",
        state=NAMES.get(state, ""),
        county=county,
        city=f"City of {city}" if city else "",
    )
    if body == "{government}" and not state:
        organization = ""
    if county and not organization:
        organization = county
    return PositionFacts(
        title=written[:200],
        organization=organization[:200],
        state=state,
        party=party,
        evidence=Mention(text[title_start:evidence_end], title_start, evidence_end),
    )


def _title_before(text, start):
    """(title, where it starts): the title printed just before a name, "Cook County Sheriff" in "Cook
    County Sheriff Tom Dart", "Secretary of Public Safety" in "Patrick’s Secretary of Public Safety Mary
    Beth Heffernan"; ("", start) if none."""
    low = max(0, start - 160)
    before = text[low:start]
    if before and not before[-1].isspace():
        return "", start  # "O'Dart", "(Dart": not a title before a name
    words = []  # (word, offset)
    following = len(before)
    for match in reversed(list(re.finditer(r"\S+", before))[-12:]):
        word = match.group()
        if "\n" in before[match.end() : following] or word.endswith((",", ";", ":", "”", '"', "—", ")")):
            break  # another paragraph, or another phrase
        following = match.start()
        if word.endswith(".") and word.rstrip(".") not in ABBREVIATIONS:
            break  # a sentence's end, not "Gov."
        if word.endswith(("’s", "'s")) or not (word[:1].isupper() or word in {"of", "the", "and"}):
            break
        words.insert(0, (word, low + match.start()))
    while words and words[0][0] in {"of", "the", "and", "The", "A", "An"}:
        words.pop(0)
    return (" ".join(word for word, _ in words), words[0][1]) if words else ("", start)


def _split_place(title):
    """("Cook County", " ", "Sheriff") from "Cook County Sheriff"; ("Illinois", " ", "Gov.") from "Illinois Gov."."""
    title = " ".join(title.split())
    if county := re.match(r"((?:[A-Z][\w.’'-]*\s+){1,3}County)\s+(.+)$", title):
        return county.group(1), " ", county.group(2)
    for place in sorted([*STATES, *cities()], key=len, reverse=True):
        if title.startswith(place + " ") and place not in ("Washington",):
            return place, " ", title[len(place) + 1 :]
    return "", "", title
