"""Names as printed: which words make a name, a title, a state; names compared as keys."""

import re
from functools import lru_cache

from .lexicon import (
    ABBREVIATIONS,
    ACRONYM,
    AP_STATES,
    ARTICLES,
    EDGE,
    NAMING,
    OCCUPATIONS,
    PARTICLES,
    PREFIXED_NAME,
    PUA,
    SMALL_WORDS,
    SPOKESPEOPLE,
    STATES,
    STOP_CAPS,
    TITLES,
)


class Named:
    """A speaker as printed, before pronouns and surnames are resolved to someone.

    Compared and hashed by its fields like a frozen dataclass (an article makes tens of thousands
    of them: a plain class with slots is made in a third of a frozen dataclass's time)."""

    __slots__ = ("kind", "start", "state", "text", "title", "titled", "words")

    def __init__(self, kind, text, start, titled=False, title="", state=""):
        self.kind = kind  # "name", "organization", "place", "pronoun", "role", "document" or "unnamed"
        self.text = text
        self.start = start
        self.titled = titled
        self.title = title
        self.state = state
        self.words = _name_words(text)  # the name's words, without particles (a tuple: not to be changed)

    def _key(self):
        return (self.kind, self.text, self.start, self.titled, self.title, self.state)

    def __eq__(self, other):
        return self._key() == other._key() if other.__class__ is Named else NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return (
            f"Named(kind={self.kind!r}, text={self.text!r}, start={self.start!r}, titled={self.titled!r}, "
            f"title={self.title!r}, state={self.state!r})"
        )


@lru_cache(maxsize=4096)
def _name_words(text):
    """A name's words without particles or an acronym (an article prints the same names again and again)."""
    return tuple(w for w in text.split() if w.lower() not in PARTICLES and not ACRONYM.fullmatch(w))


class Speaker:
    """Who said it, once pronouns, surnames and "the letter" are resolved (compared like a frozen
    dataclass; a plain class with slots because one is made for every quote)."""

    __slots__ = ("kind", "name", "state", "title")

    def __init__(self, name, kind, title="", state=""):
        self.name = name  # the fullest name the article gives; None for "a spokesman"
        self.kind = kind  # "person", "organization", "unnamed", or "unknown" (one word, nothing else known)
        self.title = title  # for "unnamed", what the article calls them: "spokesman", "neighbor"
        self.state = state

    def _key(self):
        return (self.name, self.kind, self.title, self.state)

    def __eq__(self, other):
        return self._key() == other._key() if other.__class__ is Speaker else NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"Speaker(name={self.name!r}, kind={self.kind!r}, title={self.title!r}, state={self.state!r})"


UNNAMED = Speaker(None, "unnamed")


def mentioned_states(text):
    """USPS codes of the states named in `text`, by full name or in a party tag such as "(D-TX)"."""
    return {STATES[m.group()] for m in STATE_NAME.finditer(text)} | {
        code for m in PARTY_TAG.finditer(text) if (code := state_code(m.group(1)))
    }


def name_keys(name):
    """How a printed name is looked up: "Korean Central News Agency (KCNA)" also as its parts."""
    keys = {normal_name(name), normal_name(ACRONYM.sub("", name))}
    keys |= {normal_name(m.group(1)) for m in ACRONYM.finditer(name)}
    keys.discard("")
    return keys


TITLE_FORMS = {"gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant", "atty": "attorney"}
TITLE_PREFIX = re.compile(rf"^(?:(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})\.?\s+)+", re.I)


def title_words(title):
    """The words of a title as compared: "Gov." and "Governor" alike, no small words."""
    return {TITLE_FORMS.get(w, w) for w in normal_title(title)} - SMALL_WORDS


def normal_title(title):
    return re.sub(r"[^\w\s-]", " ", title.lower()).split()


def normal_name(name):
    """A name as compared: no titles, case, periods or brackets ("Gov. Deval L. Patrick" ~ "deval l patrick")."""
    name = re.sub(r"[^\w\s'-]", " ", (name or "").replace("’", "'"))
    return TITLE_PREFIX.sub("", " ".join(name.split())).casefold()


STATE_AFTER = re.compile(
    r"\s*(?:of|from)\s+(?P<a>[A-Z][\w .]+)|\s*,?\s*\(?[DRI]-(?P<b>[A-Z][A-Za-z.]*[A-Za-z])"
    r"|\s*,\s*(?:a\s+)?(?:Democrat|Republican|Independent)\w*\s+(?:from|of)\s+(?P<c>[A-Z][\w .]+)"
)
STATE_NAME = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, STATES), key=len, reverse=True)) + r")\b")
# STATE_NAME without its leading \b, which keeps the regex engine from skipping ahead to a
# possible first letter: about three times faster to search (last_state_name checks the \b).
STATE_NAME_END = re.compile("(?:" + "|".join(sorted(map(re.escape, STATES), key=len, reverse=True)) + r")\b")


def last_state_name(text, start, end):
    """The last match of STATE_NAME in text[start:end], as `list(STATE_NAME.finditer(text, start,
    end))[-1]` would give it (None if there is none)."""
    last, position = None, start
    while (m := STATE_NAME_END.search(text, position, end)) is not None:
        before = m.start() - 1
        if before >= 0 and (text[before].isalnum() or text[before] == "_"):
            position = m.start() + 1  # inside a word: no \b before it
            continue
        last, position = m, m.end()
    return last


PARTY_TAG = re.compile(r"\b[DRI]-([A-Z][A-Za-z.]*[A-Za-z])")


def state_code(abbreviation):
    abbreviation = abbreviation.rstrip(".")
    if abbreviation in STATES.values():
        return abbreviation
    return AP_STATES.get(abbreviation) or STATES.get(abbreviation, "")


def suffix_tree(mentions):
    """The names printed, by their words read backwards: tree[last][next to last]…[None] is the
    first name printed that has more words and ends with those words, though a first name spelled
    out wins over an initial ("Xiaoyuan Zhang" in the text over "X. Zhang" in a photo credit)."""
    tree = {}
    for mention in mentions:
        node, words = tree, mention.words
        for depth, word in enumerate(reversed(words), start=1):
            node = node.setdefault(word, {})
            if depth < len(words):
                known = node.setdefault(None, mention)
                if _initial(known.words[0]) and not _initial(words[0]):
                    node[None] = mention
    return tree


def _initial(word):
    return len(word.rstrip(".")) == 1


def joined_abbreviations(low):
    """ "lt.j.g", "lt.col": abbreviations printed without a space, one of them a word's (not "u.s")."""
    parts = low.split(".")
    return (
        len(parts) > 1
        and any(part in ABBREVIATIONS for part in parts)
        and all(part in ABBREVIATIONS or len(part) == 1 for part in parts)
    )


@lru_cache(maxsize=4096)
def is_title(word):
    """ "Gov.", "Senator", "Vice-Chair", and nouns that stand before a name as one: "Nurse Kim Vale"."""
    low = word.lower().rstrip(".")
    return (
        low in TITLES
        or low in OCCUPATIONS
        or ("-" in low and any(part in TITLES for part in low.split("-")))
        or ("." in low and joined_abbreviations(low) and any(part in TITLES for part in low.split(".")))
    )


def name_word(raw):
    """Whether a word, as printed, may be part of a name (read once per word: see Tok)."""
    core = raw.strip(EDGE)
    if not core or PUA in core or raw[0] in "([" or not (core[0].isalpha() or any(map(str.isalpha, core))):
        return False
    if core.lower() in PARTICLES or PREFIXED_NAME.match(core):
        return True
    if len(core) == 1 and raw.endswith("."):  # an initial: "Daniel A. Dailey" ("A" and "I" alone are no name)
        return core.isupper()
    return core[0].isupper() and core not in STOP_CAPS and not is_title(core)


def stands_alone(chunk, named):
    """Whether a chunk after a comma is a subject, not an apposition: "he", "the governor",
    "the American Automobile Association", "a spokesman"."""
    if named is None:
        return False
    if named.kind in {"pronoun", "role", "document"} or (named.kind == "unnamed" and named.text in SPOKESPEOPLE):
        return True
    words = chunk[1:] if chunk[0].low in ARTICLES else chunk
    return named.kind in {"name", "organization"} and all(t.capitalized or t.low in PARTICLES for t in words)


def acronym_of(tok):
    return tok.raw[:1] == "(" and ACRONYM.fullmatch(tok.raw.rstrip(",.;:")) is not None


@lru_cache(maxsize=8192)
def acronym_like(word):
    """ "KCNA", "PhRMA", "PC": mostly capitals (unlike "McCarthy")."""
    capitals = sum(map(str.isupper, word))
    return capitals >= 2 and capitals * 2 >= len(word)


def joins_name(toks, k):
    """A lone hyphen inside a name: "Council on American - Islamic Relations"."""
    return toks[k].raw == "-" and 0 < k < len(toks) - 1 and toks[k - 1].name_word and toks[k + 1].name_word


def title_like(words, longest=8):
    """A title of a work or a name ("The Internet Explorer 6 Countdown", "Robogee"): every word
    that counts is capitalized, and it is not a sentence."""
    if len(words) > longest:
        return False
    inner = " ".join(words)[:-1]
    if "." in inner or "?" in inner or "!" in inner:
        return False
    significant = False
    for word in words:
        core = word.strip(EDGE)
        if core.lower() in SMALL_WORDS:
            continue
        significant = True
        if core and not (core[:1].isupper() or core[:1].isdigit()):
            return False
    return significant


def names_something(before):
    """ "named "Robogee"", "a so-called "unknown"", "known as "Hope"": a name, not a quotation; nor is a
    saying the text mentions by its noun ("the maxim “if justice is delayed, justice is denied.”")."""
    last = [t.low for t in before[-3:]]
    if len(last) > 1 and last[-2] in SAYING_DETERMINERS and last[-1] in SAYINGS:
        return True
    # "Arusha is Swahili for “he makes fly (into the skies).”", "the Hawaiian word for “…”": a gloss of a word in
    # another language, no one's words.
    if (
        len(last) > 1
        and last[-1] == "for"
        and (last[-2] in LANGUAGES or (len(last) > 2 and last[-2] in GLOSS_NOUNS and last[-3] in LANGUAGES))
    ):
        return True
    return not NAMING.isdisjoint(last) or " ".join(last[-2:]) in {"known as", "billed as"}


# Languages whose words a text may gloss in English ("Swahili for “…”"), and the nouns of "the <language> word for".
LANGUAGES = frozenset(
    "latin greek hebrew arabic aramaic sanskrit swahili hawaiian spanish french german italian portuguese dutch "
    "russian ukrainian polish japanese chinese mandarin cantonese korean vietnamese thai hindi urdu farsi persian "
    "pashto dari turkish kurdish amharic somali hausa yoruba igbo zulu xhosa maori samoan tagalog navajo cherokee "
    "lakota ojibwe inuktitut irish gaelic welsh norse icelandic finnish swedish norwegian danish".split()
)
GLOSS_NOUNS = frozenset("word term phrase name expression".split())


# Nouns for a saying or a wording that the text mentions rather than reports: "the maxim “…”", "the phrase “…”".
SAYINGS = frozenset("maxim adage proverb motto slogan catchphrase phrase expression idiom mantra tagline".split())
SAYING_DETERMINERS = frozenset("the a an this that its his her their our".split())
