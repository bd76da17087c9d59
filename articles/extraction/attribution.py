"""Who said it: reporting verbs, their subjects, pronouns and roles resolved to the people named."""

import gc
import math
import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ACCORDING_TO,
    ACRONYM,
    ADVERBIAL,
    AP_STATES,
    ARTICLES,
    AS_SOURCE,
    ATTRIBUTING,
    CHARACTERIZING,
    CLAUSE_END,
    CLAUSE_END_AFTER_WORD,
    CLAUSE_OPENERS,
    COMMUNICATION,
    CONJUNCTIONS,
    CUE_VERBS,
    DEGREES,
    DEMONYMS,
    DENYING,
    DOCUMENT_MENTION,
    DOCUMENTS,
    FILLERS,
    FINAL_REPORTING,
    FIRST_NAME_GENDER,
    GENDERED_WORDS,
    GROUPS,
    KIN,
    KIN_BEFORE,
    LABEL_WORDS,
    MARKS,
    MAX_PLACE_WORDS,
    MEMBER_NOUNS,
    MONTHS,
    NOT_A_NOUN,
    NOT_CLAUSES,
    OBJECT_VERBS,
    OF_PLACE,
    OFFICE_WORDS,
    ORG_JOINS,
    ORG_OR_OFFICE_WORDS,
    ORG_WORDS,
    PARTIAL_CUES,
    PARTICLES,
    PARTIES_TO_A_CASE,
    PARTY_MEMBERS,
    PERSON_NOUNS,
    PHRASE_ENDS,
    PLACE_FIRST_WORDS,
    PLACES,
    PLAIN_SPEECH,
    POSSESSIVE,
    PREPOSITIONS,
    PREPOSITIONS_ARTICLES_OR_AND,
    PREPOSITIONS_OR_AND,
    PREPOSITIONS_OR_ARTICLES,
    PRONOUNS,
    PUA,
    PUNCTUATION_AFTER,
    QUANTIFIERS,
    RELATIVES,
    SAY,
    SENTENCE_END,
    SET_OFF,
    SHOUTING,
    SOURCE_DOCUMENTS,
    SPACES,
    SPOKESPEOPLE,
    STATES,
    SUFFIXES,
    UNNAMED_PARTIES,
    WEEKDAYS,
    WORD,
)
from .model import Weights
from .names import (
    PARTY_TAG,
    STATE_AFTER,
    STATE_NAME,
    TITLE_FORMS,
    UNNAMED,
    Named,
    Speaker,
    acronym_like,
    acronym_of,
    is_title,
    joins_name,
    last_state_name,
    names_something,
    normal_title,
    stands_alone,
    state_code,
    suffix_tree,
    title_like,
)
from .tokens import (
    Tok,
    ends_sentence_after,
    is_abbreviation,
    mask_quotes,
    pair_quotes,
    split_chunks,
    split_paragraphs,
    trimmed,
    word_before,
)

# What follows an organization's first word in "Church of Scientology", "Department of the Interior".
OF_NAME = r" of (?:the )?[A-Z][\w'’.-]*(?: (?:of |and |for |the )*[A-Z][\w'’.-]*)*"
NICKNAME = re.compile(r"\([A-Z][a-z]+\)")  # "(Jay)", "(Bill)"
ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum (\w is those and "_")

# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A proposed quote: `text == article_text[start:end]`."""

    text: str
    kind: str  # "direct" or "paraphrase", as Quote.Kind
    speaker: str | None
    start: int
    end: int
    title: str = ""
    state: str = ""  # USPS code of the speaker's state, when the article gives it


class ExtractionTooSlow(Exception):
    """Extraction ran past the time it was given."""


def extract_quotes(text, seconds=None, weights=None, observe=None):
    """Direct quotes and attributed paraphrases of `text`, in the order they appear.

    The work is linear in the length of the text (`make bench-extract`). Given `seconds`, it
    raises ExtractionTooSlow once it has run that long, so that no text holds a web request
    past its worker's timeout whatever rule turns out slow on it. `weights` replace the stored
    ones (`model.py`) in deciding which spans are quotes; `observe`, a list, receives each span's
    signals (for training)."""
    # An article makes hundreds of thousands of small objects and no cycles: pausing the cycle
    # collector while they are made saves about a fifth of the time on a long text.
    collecting = gc.isenabled()
    gc.disable()
    try:
        stop_at = None if seconds is None else time.monotonic() + seconds
        return _Article(text, stop_at, weights, observe).proposals()
    finally:
        if collecting:
            gc.enable()


class _Cue:
    """A reporting verb, its sentence, the subject it has there and where that starts (a plain class
    with slots, never changed or compared: one is made for every verb, in a third of the time of a
    frozen dataclass)."""

    __slots__ = ("named", "sentence", "subject_start", "verb")

    def __init__(self, verb, sentence, named, subject_start):
        self.verb: Tok = verb
        self.sentence: tuple = sentence
        self.named: Named | None = named
        self.subject_start: int | None = subject_start


class _Article:
    def __init__(self, text, stop_at=None, weights=None, observe=None):
        self.stop_at = stop_at  # time.monotonic() past which reading stops
        self.weights = weights or Weights.stored()  # decides which spans in quotation marks are quotes
        self.observe = observe  # a list to append each span's (start, end) and features to, for training
        self.text = text
        self.paragraphs = split_paragraphs(text)
        self.quotes = pair_quotes(text, self.paragraphs)
        self.quote_starts = [q.open_at for q in self.quotes]
        self.masked = mask_quotes(text, self.quotes)
        # Every word of the masked text, read once: each sentence and quote reads a range of them.
        self.words = [Tok(m[0], m.start(), m.end()) for m in WORD.finditer(self.masked)]
        self.word_starts = [tok.start for tok in self.words]
        self.word_ends = [tok.end for tok in self.words]
        self.sentences = [s for paragraph in self.paragraphs for s in self._split_sentences(*paragraph)]
        # Each sentence's words, read once for the names and the reporting verbs (never changed in place).
        self.sentence_starts = [start for start, _ in self.sentences]  # searched faster than the pairs
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.sentence_words = [self.tokens(*sentence) for sentence in self.sentences]
        # Where the words of two patterns occur, found once by str.find: re tries a pattern that opens
        # with \b at every character of a span, and most spans searched with these hold none of the words.
        self.according_at = _occurrences(self.masked, ("ccording to",))  # ACCORDING_TO
        self.source_at = _occurrences(self.masked, ("ccording to", "quoting", "n the words of"))  # AS_SOURCE
        self._lower_words = None  # the words printed in lower case, when a name needs them
        self._first_names = None  # first word of each full name printed: its names (_by_first_name)
        self.acronyms = self._acronyms()
        self.mentions = self._mentions()
        self.mention_starts = [m.start for m in self.mentions]  # in order, for bisection
        self.longer_names = suffix_tree(self.mentions)
        self.full_names = _Timeline()
        for mention in self.mentions:
            if len(mention.words) > 1:
                self.full_names.add(mention.start, mention)
        self.state_of_surname = {}
        for mention in self.mentions:
            if mention.state:
                self.state_of_surname.setdefault(mention.words[-1], mention.state)
        self.chunk_subjects = {}  # _subject's answers by the phrases before the verb (Tok objects, by identity)
        self.speakers_of = {}  # speaker_of's answers, likewise
        self.cues = [
            cue
            for sentence, toks in zip(self.sentences, self.sentence_words, strict=True)
            for cue in self._cues_in(sentence, toks)
        ]
        self.cues_by_sentence = {}
        for cue in self.cues:
            self.cues_by_sentence.setdefault(cue.sentence, []).append(cue)
        self.organizations_speaking = _Timeline()
        for cue in self.cues:
            if cue.named and cue.named.kind == "organization":
                self.organizations_speaking.add(cue.verb.start, cue.named)
        self.people = _People(self._people())
        self._most_named = None  # (positions, the person named most often up to each): _most_named_before
        self.documents = {}  # noun: _Timeline of speakers; "in a letter" names the letter's writer
        self.last_accepted = {}  # paragraph index: the last quote accepted in it so far
        self.subject_before = {}  # sentence index: the subject of the sentence before it (_subject_before)
        self.reported_next = {}  # (sentence index, end of its opening read): _reported_next's answer
        self.according_in = {}  # sentence: the clauses "according to X" reports in it, read once
        # Each verb's clause, read once: every quote of a long sentence asks about each verb in it.
        self.reported_clauses = {}  # cue: _reported_clause's answer
        self.clauses_before = {}  # cue: _clause_before's answer
        self._named_by_head = {}  # "Church": [(offset, "Church of Scientology"), …] (_organization_named_before)
        self._names_in = {}  # offset: the name the words from there to their sentence's end are (_name_in)
        self._genders = {}  # person (as printed or resolved): "M", "F" or None (gender)
        self._pronoun_genders = {}  # a full name's words: "M", "F" or None (_gender_by_pronoun)

    # Layout

    def _split_sentences(self, start, end):
        masked = self.masked
        for m in SENTENCE_END.finditer(masked, start, end):
            nxt = SPACES.match(masked, m.end(), end).end()
            if nxt >= end:
                break
            c = masked[nxt]
            if not (c.isupper() or c.isdigit() or c in MARKS or c == PUA or c in "[(‘'"):
                continue
            # An abbreviation's full stop ends no sentence, except where ends_sentence_after says it does.
            word = word_before(masked, start, m.start()) if m.group()[0] == "." else ""
            if is_abbreviation(word) and not ends_sentence_after(word, masked, nxt):
                continue
            yield (start, m.end())
            start = nxt
        yield (start, end)

    def sentence_at(self, position):
        i = bisect_right(self.sentence_starts, position) - 1
        if i >= 0 and position < self.sentences[i][1]:
            return self.sentences[i]
        return (position, position)

    def paragraph_index(self, position):
        return max(0, bisect_right(self.paragraph_starts, position) - 1)

    def check_time(self):
        """Called wherever words are read, so that a text can't keep extraction going past stop_at."""
        if self.stop_at is not None and time.monotonic() >= self.stop_at:
            raise ExtractionTooSlow

    def tokens(self, start, end):
        """The words of masked[start:end] (a word cut by either end is cut there too)."""
        self.check_time()
        if start >= end:
            return []
        first, last = bisect_right(self.word_ends, start), bisect_left(self.word_starts, end)
        toks = self.words[first:last]
        if toks and (toks[0].start < start or toks[-1].end > end):
            for k in (0, -1):
                tok = toks[k]
                cut_start, cut_end = max(tok.start, start), min(tok.end, end)
                if (cut_start, cut_end) != (tok.start, tok.end):
                    toks[k] = Tok(self.masked[cut_start:cut_end], cut_start, cut_end)
        return toks

    def is_heading(self, paragraph):
        start, end = paragraph
        body = self.text[start:end]
        if "\n" in body or any(mark in body for mark in MARKS) or body.rstrip()[-1:] in ".!?":
            return False
        return len(body.split()) <= 15

    # Names

    def _acronyms(self):
        """ "KCNA" → "Korean Central News Agency (KCNA)", where the article spells it out."""
        found = {}
        for m in ACRONYM.finditer(self.masked):
            acronym = m.group(1)
            words = self.tokens(max(0, m.start() - 200), m.start())[-12:]
            capitals = [i for i, w in enumerate(words) if w.capitalized]
            for k in range(1, len(capitals) + 1):
                first = capitals[-k]
                if "".join(words[i].core[0] for i in capitals[-k:]).upper() == acronym:
                    found.setdefault(acronym, f"{self.text[words[first].start : m.start()].strip()} ({acronym})")
                    break
        return found

    def _mentions(self):
        """Every name printed outside the quotes, in order."""
        mentions = []
        for toks in self.sentence_words:
            self.check_time()
            i, n = 0, len(toks)
            while i < n:
                if not toks[i].name_word:
                    i += 1
                    continue
                if (
                    1 < i < n - 2
                    and toks[i - 1].low == "and"
                    and is_title(toks[i - 2].core)
                    and toks[i].core not in FIRST_NAME_GENDER
                    and not toks[i].raw.endswith(".")
                    and toks[i + 1].name_word
                    and toks[i + 2].name_word
                    and not (i + 3 < n and toks[i + 3].name_word)
                ):
                    # "U.S. Team Captain and Superstar Alex Morgan": three words in capitals after a title and
                    # "and", the first no first name known to be one, are a second title and a name.
                    i += 1
                j = i
                while j < n and (toks[j].name_word or joins_name(toks, j)):
                    if toks[j].possessive or toks[j].raw[-1] in ",;:":
                        j += 1
                        break
                    j += 1
                end = j
                while end > i + 1 and toks[end - 1].low in PARTICLES and toks[end - 1].core.islower():
                    end -= 1  # "gave Leila de Lima ten days": a particle in lower case never ends a name
                named = self.parse_name(toks, i, end, possessive=toks[end - 1].possessive)
                if named and named.kind == "name":
                    mentions.append(named)
                i = j
        return mentions

    @staticmethod
    def _nickname_at(toks, k):
        """A nickname in brackets inside a name: "(Jay)" in "John D. (Jay) Rockefeller IV"."""
        return (
            0 < k < len(toks) - 1
            and NICKNAME.fullmatch(toks[k].raw) is not None
            and toks[k - 1].name_word
            and toks[k + 1].name_word
        )

    def _people(self):
        """Names that are people: printed with a title or a description, or saying something."""
        people = [m for m in self.mentions if m.titled]
        people += [
            cue.named for cue in self.cues if cue.named and cue.named.kind == "name" and len(cue.named.words) > 1
        ]
        people += [cue.named for cue in self.cues if _first_name_speaking(cue.named)]
        # Anyone named in full may be a later "she" ("There is a woman named Tao Porchon-Lynch. …
        # She offers this advice: “…”"), though not "the Budweiser Man of the Match".
        people += [
            m
            for m in self.mentions
            if len(m.words) > 1
            # (not after "from": "receives the … Medal from Michelle Frieling, director of …" names someone a later
            # "she" is not)
            and word_before(self.text, max(0, m.start - 12), m.start).lower() not in ARTICLES | {"from"}
            and not self._modifies_a_thing(m)
            and not _a_region_or_its_people(m.words)
        ]
        # "One resident, who identified himself as Leonard, survived …": one name the story gives someone is theirs.
        people += [
            m
            for m in self.mentions
            if len(m.words) == 1
            and (
                SELF_NAMED.search(self.text, max(0, m.start - 40), m.start) is not None
                or self._one_name_after_an_age(m)
            )
        ]
        surnames = {m.words[-1] for m in people if m.words}
        people += [
            m for m in self.mentions if m.words and m.words[-1] in surnames and not self._names_a_body_of_theirs(m)
        ]
        # "the state Board of Parole Hearings": capitals right after a body's word and "of" name the body, no one.
        people = [m for m in people if not self._named_after_body_of(m)]
        # "A neighbor ... said ...": a later "she said" is the neighbor, not the last person named.
        people += [cue.named for cue in self.cues if cue.named and cue.named.kind == "unnamed"]
        # One mention may be read twice (as printed and as a cue's subject) with different titles:
        # order them in full, not by position alone, or the set's order (which varies with
        # PYTHONHASHSEED) decides which one a later "he" or "the governor" stands for. At one
        # position the shortest title comes last, so it is the one found.
        return sorted(set(people), key=lambda m: (m.start, -len(m.title), m.title, m.text, m.kind, m.titled, m.state))

    def _named_after_body_of(self, mention):
        """Whether a name starts right after a body's word and "of" ("the Board of Parole Hearings", "the Department
        of Justice Programs"): the rest of the body's name, which a later "she" or "he" does not stand for."""
        before = self.text[max(0, mention.start - 30) : mention.start].split()
        return len(before) > 1 and before[-1] == "of" and before[-2] in ORG_WORDS

    def _names_a_body_of_theirs(self, mention):
        """Whether a name is printed between "the" and a noun for a body it leads ("the Chavez government", "the Trump
        administration"): the body, not the person, so not whom a later "he" or "she" stands for."""
        if word_before(self.text, max(0, mention.start - 12), mention.start).lower() != "the":
            return False
        last = mention.words[-1]
        at = self.text.find(last, mention.start)
        m = THING_AFTER.match(self.text, at + len(last)) if at >= 0 else None
        return m is not None and m.group(1) in BODY_NOUNS

    def _one_name_after_an_age(self, mention):
        """Whether one word in capitals after an age is the one name a story gives someone ("33-year-old Mariam,
        not her real name, lives …"): a first name known as one, or a word the age and a comma set off ("the
        20-year-old Olympic champion" names no one)."""
        if AGED.search(self.text, max(0, mention.start - 20), mention.start) is None:
            return False
        end = mention.start + len(mention.words[0])
        return mention.words[0] in FIRST_NAME_GENDER or self.text.startswith(",", end)

    def _modifies_a_thing(self, mention):
        """Whether a name in capitals is printed before a noun for a thing or a group it names ("his
        country's Olympic Judo team", "the Artemis program"), or ends in one ("… Wheelchair Basketball
        Championships"): the name of that thing, no one a later "he" or "she" may stand for."""
        last = mention.words[-1]
        if _names_a_thing(last):
            return True  # "the … Wheelchair Basketball Championships", "the Australian Sports Commission"
        at = self.text.find(last, mention.start)
        m = THING_AFTER.match(self.text, at + len(last)) if at >= 0 else None
        return m is not None and m.group(1) in THING_NOUNS

    def fullest(self, named):
        """The fullest form of a name the article prints: "Mohib" → "Hamdullah Mohib".

        The first longer name that ends with these words (the first is also the first before `named`)."""
        node = self.longer_names
        for word in reversed(named.words):
            node = node.get(word)
            if node is None:
                return named
        return node.get(None, named)

    def parse_name(self, toks, i, j, possessive=False):
        """The name in toks[i:j], with the title and state printed around it (None if it is not one)."""
        self.check_time()
        run = toks[i:j]
        while len(run) > 1 and run[-1].core.rstrip(".") in DEGREES:
            run, j = run[:-1], j - 1  # "Larry Robinson, Ph.D.": the degree is not part of the name
        acronym = ""
        if run and acronym_of(run[-1]):
            acronym = f"({run[-1].core})"
            run = run[:-1]
        if len(run) > 2 and (self._description_opening(run[0]) or self._nationality_opening(run)):
            # "Businessman Rocky De La Fuente took …": a noun that opens the sentence, not a name; "Serbian
            # Ratko Rudic": a nationality before a first name and a surname describes the man.
            run, i = run[1:], i + 1
        while len(run) > 2 and BORN_IN.fullmatch(run[0].core):
            run, i = run[1:], i + 1  # "Saudi-born Zahraa Alakashi": where she was born describes her
        class_rank = len(run) > 1 and run[0].core == "Class" and i > 0 and ORDINAL.fullmatch(toks[i - 1].core)
        if class_rank:
            # "Petty Officer 2nd Class Ann Cole", "Sgt. 1st Class …": the end of a rank, not the name.
            run, i = run[1:], i + 1
        words = [t.core for t in run]
        if (
            len(run) == 1
            and not possessive
            and j < len(toks)
            and toks[j].raw[:1].islower()
            and run[0].raw[-1] not in ",;:."
            and any(toks[k].low in {"a", "an"} for k in range(max(0, i - 2), i))
        ):
            return None  # "a former German star player": a word that describes, not a name
        if possessive and words:
            words[-1] = POSSESSIVE.sub("", words[-1].rstrip("'’"))
        if not words:
            return None
        before = toks[i - 1] if i > 0 else None
        titled = bool(before and (is_title(before.core) or class_rank))
        bridged, bridge = False, i
        k = i - 1 if before and before.low not in ARTICLES else i - 2
        # "negotiated by Ibrahim Ben Kargbo": the agent of a passive, right after "by", is a name; and so is a name in
        # full right after "from" ("Our first reply comes from Idrissa Dia, Chief of …"), whom a later "Idrissa says"
        # or "Dia says" names (not a later bare "he" or "she": see _people).
        agent = k == i - 1 and before is not None and (before.low == "by" or (before.low == "from" and len(run) > 1))
        if k >= 0 and toks[k].low in PREPOSITIONS and not agent:
            # "Secretary of Public Safety Mary Beth Heffernan", "Council on ... Alia Salem": an office
            # or an organization, then the name. After anything else ("critic for the Gannet News
            # Service") the capitals name what the preposition governs, not the speaker.
            while k > 0 and toks[k].low in PREPOSITIONS_OR_ARTICLES:
                k -= 1
            if toks[k].capitalized and (is_title(toks[k].core) or toks[k].core in ORG_WORDS):
                bridged = titled = True
                bridge = k
            else:
                return None
        # "Staff Sgt. JD Strong II", "Gov. JB Pritzker": two capitals after a rank and before a surname are
        # a first name's initials, not an organization's acronym.
        initials = titled and len(words) > 1 and len(words[0]) == 2 and words[0].isalpha() and words[0] not in PLACES
        # Everything up to the last word of an office, organization or place is not the name.
        cut, cut_at_place = -1, False
        for k, word in enumerate(words):
            organization_acronym = acronym_like(word) and word not in SUFFIXES and not (k == 0 and initials)
            if word in ORG_OR_OFFICE_WORDS or organization_acronym:
                cut, cut_at_place = k, False
            if word not in PLACE_FIRST_WORDS:
                continue
            for n in range(MAX_PLACE_WORDS, 0, -1):
                if k + n - 1 > cut and " ".join(words[k : k + n]) in PLACES:
                    cut, cut_at_place = k + n - 1, True
                    break
        if len(words) > 1 and words[-1] == "Bill":
            cut, cut_at_place = len(words) - 1, False  # "the Food, Farm and Jobs Bill": a bill, not a Bill
        if 0 <= cut < len(words) - 1 and self._office_acronym(words[cut]):
            # "DCM Hogencamp" after "Kevin Hogencamp, Deputy City Manager (DCM)": minutes shorten an
            # office the article spells out; before a name it is a title, not an organization.
            titled = True
        rest = words[cut + 1 :]
        counted = [w for w in rest if w.lower() not in PARTICLES and w.rstrip(".") not in SUFFIXES]
        # "Federal Bureau of Investigation said": one capital after an organization's word and a preposition
        # ends the organization's name ("Institute of Technology"); it is not a surname.
        of_organization = bridged and len(words) == 1 and toks[i - 1].low == "of" and not is_title(toks[bridge].core)
        if not counted or (len(counted) == 1 and cut >= 0 and not titled) or of_organization:
            # As printed, periods and all ("U.S. Export-Import Bank", "Indiana Michigan Power Co.")
            printed = " ".join(self.text[run[0].start : run[-1].end].split()).rstrip(",;:")
            if possessive:
                printed = POSSESSIVE.sub("", printed.rstrip("'’"))
            if printed.endswith(".") and not is_abbreviation(printed.split()[-1]):
                printed = printed[:-1]
            same_words = printed.replace(".", "").split() == [w.replace(".", "") for w in words]
            text = (printed if same_words else " ".join(words)) + (f" {acronym}" if acronym else "")
            kind = "place" if " ".join(words) in PLACES else "organization"
            if bridged and kind == "organization" and not is_title(toks[bridge].core):
                # "Ministry of Transport", "Bank of America": the words before the preposition belong to it.
                while bridge > 0 and toks[bridge - 1].capitalized and toks[bridge - 1].name_word:
                    bridge -= 1
                text = self.text[toks[bridge].start : toks[i].start] + text
            elif before and before.low == "the":
                text = f"The {text}"
            return Named(kind, text, run[0].start, state=self._state_near(toks, i, j))
        if len(counted) == 3 and ((bridged and (cut < 0 or cut_at_place)) or self._organization_and(toks, i)):
            rest = rest[-2:]
        elif len(counted) > 3 and not self._long_name(toks, i, rest):
            rest = rest[-3:] if re.fullmatch(r"[A-Z]\.?", rest[-2]) else rest[-2:]
        start = run[len(words) - len(rest)].start
        title = self._title_before(toks, i, start)
        return Named(
            "name", " ".join(rest), start, titled=titled, title=title, state=self._state_near(toks, i, j, start)
        )

    @staticmethod
    def _long_name(toks, i, words):
        """Whether four or five words in capitals opening a sentence, untitled, are one person's name ("Ana Maria
        Espirito Santos Monteiro is 60 years old."): plain words, none a title, a place's or a people's."""
        return (
            (i == 0 or toks[i - 1].raw[-1:] in MARKS)
            and len(words) <= 5
            and all(
                w.isalpha() and not is_title(w) and w not in PLACE_FIRST_WORDS and w not in DEMONYMS for w in words
            )
        )

    def _office_acronym(self, word):
        """Whether the article spells `word` out as an office: "Deputy City Manager (DCM)"."""
        spelled = self.acronyms.get(word)
        if not spelled:
            return False
        last = spelled[: -len(word) - 2].split()[-1:]
        return bool(last) and is_title(last[0])

    def _organization_and(self, toks, i):
        """Whether toks[i] follows the "and" inside an organization's name: "Director of the Centers
        for Disease Control and Prevention Mandy Cohen" (not "Tom Reyes and Mary Ann Jones")."""
        if i < 2 or toks[i - 1].low not in {"and", "&"} or not toks[i - 2].capitalized:
            return False
        for k in range(i - 2, max(-1, i - 8), -1):
            if toks[k].low in PREPOSITIONS and k > 0 and toks[k - 1].capitalized:
                return True
            if not toks[k].capitalized or toks[k].raw[-1] in ",;:":
                return False
        return False

    def _nationality_opening(self, run):
        """Whether three capitals are a nationality and a name in full ("Serbian Ratko Rudic"): two words after
        the nationality that the article never prints in lower case, so that "American Electric Power" or "Korean
        Central News Agency" stay an organisation's name."""
        if len(run) != 3 or run[0].core not in DEMONYMS:
            return False
        if self._lower_words is None:
            self._lower_words = frozenset(LOWER_WORD.findall(self.masked))
        return not any(t.low in self._lower_words or t.core in ORG_OR_OFFICE_WORDS for t in run[1:])

    def _description_opening(self, tok):
        """Whether a capitalized word opening a sentence is a common noun the article also prints in
        lower case ("Businessman …" and "a more accomplished businessman"): long words only, so
        that first names such as "Will" or "Mark" stay names."""
        if len(tok.core) < 6 or not tok.core[1:].islower():
            return False
        k = bisect_right(self.sentence_starts, tok.start) - 1
        if k < 0 or self.sentences[k][0] != tok.start:
            return False
        if self._lower_words is None:
            self._lower_words = frozenset(LOWER_WORD.findall(self.masked))
        return tok.low in self._lower_words

    def _title_before(self, toks, i, name_start):
        """The words of the office printed before a name: "Police Chief", "Secretary of Public Safety"."""
        first, titled = i, False
        for k in range(i - 1, -1, -1):
            tok = toks[k]
            if tok.possessive or not (tok.capitalized or is_title(tok.core) or tok.low in PREPOSITIONS_OR_AND):
                break
            first, titled = k, titled or is_title(tok.core)
        while first < i and toks[first].low in PREPOSITIONS_ARTICLES_OR_AND:
            first += 1
        return self.text[toks[first].start : name_start].strip(" ,") if titled else ""

    def _state_near(self, toks, i, j, name_start=None):
        """The state printed with a name: "New York Gov.", "of Michigan", "(D-TX)", "Republican from Texas"."""
        lo = toks[max(0, i - 6)].start if toks else 0
        hi = toks[j - 1].end if j else lo
        m = STATE_AFTER.match(self.masked, hi, hi + 60)
        if m:
            found = STATE_NAME.match(m.group("a") or m.group("c") or "")
            if found:
                return STATES[found.group()]
            if m.group("b") and (code := state_code(m.group("b"))):
                return code
        found = last_state_name(self.masked, lo, name_start or hi)
        return STATES[found.group()] if found else ""

    def speaker_of(self, toks):
        """Who a subject or attribution phrase names, or None (read once for the same words: the phrases
        before a verb are read again for each later verb of the sentence and for the quotes near it)."""
        key = tuple(toks)  # (the words themselves, Tok objects, compared by identity)
        if key not in self.speakers_of:
            self.speakers_of[key] = self._speaker_of(toks)
        return self.speakers_of[key]

    def _speaker_of(self, toks):
        self.check_time()
        while toks and (toks[0].low in CONJUNCTIONS or toks[0].low == "as"):  # "As the Secretary noted, …"
            toks = toks[1:]
        # A nickname in brackets inside a name, "Senator John D. (Jay) Rockefeller IV": the name goes on past it.
        nicknames = [k for k in range(1, len(toks) - 1) if toks[k].raw[0] == "(" and self._nickname_at(toks, k)]
        if nicknames:
            return self.speaker_of([t for k, t in enumerate(toks) if k not in nicknames])
        # Trailing punctuation and a party tag, "Anthony Rendon (D-Lakewood)"; an acronym stays.
        while toks and (toks[-1].raw in {",", "-", "—", "–"} or (toks[-1].raw[0] == "(" and not acronym_of(toks[-1]))):
            toks = toks[:-1]
        # A bracket of several words at the end, "Rep. Jim Doe (R Minnesota)": where they are from, not who.
        if toks and toks[-1].raw.rstrip(",.;:").endswith(")"):
            opening = next(
                (k for k in range(len(toks) - 1, max(-1, len(toks) - 5), -1) if toks[k].raw[0] == "("), None
            )
            if opening and not acronym_of(toks[-1]):
                toks = toks[:opening]
        if not toks:
            return None
        lows = [t.low for t in toks]
        # Ranks and titles first ("Spc. William Dubois an Army musician", "Army Staff Sgt. Ann Lee a cook").
        titles = 0
        for k, tok in enumerate(toks[:4]):
            if is_title(tok.core):
                titles = k + 1
        article = None
        for k in range(titles + 2, min(titles + 4, len(toks) - 1) + 1):
            if lows[k] in {"a", "an"}:
                article = k
                break
        if article and all(t.name_word and not t.raw.endswith(",") for t in toks[titles:article]):
            # "Francis Nath a UN Education Associate … who assisted, said", "said Spc. William Dubois an
            # Army musician with …": an apposition printed without its comma; the name is before it.
            return self.speaker_of(toks[:article])
        if len(toks) == 1 and lows[0] in PRONOUNS:
            return Named("pronoun", lows[0], toks[0].start)
        if len(toks) == 1 and (
            (toks[0].raw.rstrip(",").endswith(".") and toks[0].core in AP_STATES) or PARTY_TAG.fullmatch(toks[0].core)
        ):
            # "Mayor Pete Buttigieg of South Bend, Ind., said", "Rep. Ann Kuster, D-N.H., said"
            return Named("place", toks[0].core, toks[0].start)
        group = 1 if lows[0] in {"the", "some", "several", "many"} else 0
        if len(toks) > group + 2 and lows[group] in GROUPS and lows[group + 1] in GROUP_OF:
            # "Forecasters at the National Hurricane Center in Miami said": people of the body or place named
            # after them, not that body or place (which gave "Miami"); their words are a group's.
            return Named("group", lows[group], toks[0].start)
        if (kin := _relative_by_possessive(toks)) is not None:
            return Named("unnamed", lows[-1], toks[kin].start)  # (after the name of whose relative: "Colvin’s")
        if lows[0] in {"a", "an", "the"} and len(toks) > 3:
            # "An article in Techli said", "a report by the Congressional Budget Office said", "a
            # statement from Senator Jane Doe": who issued the writing, named after it.
            k = next((k for k in range(2, min(5, len(lows))) if lows[k] in {"in", "by", "from", "of"}), None)
            if (
                k
                and (lows[k - 1] in WRITINGS or (lows[k - 2] in WRITINGS and lows[k - 1].endswith("ed")))
                and k + 1 < len(toks)
            ):
                # (also "a report released by the Senate Intelligence Committee"; not the day after the name: "A
                # resolution passed by the European Parliament Thursday")
                end = len(toks)
                while end > k + 2 and toks[end - 1].core in DAY_OR_MONTH:
                    end -= 1
                first = k + 2 if toks[k + 1].low == "the" and end > k + 2 else k + 1  # the body's name, not "the"
                issuer = self.speaker_of(toks[first:end])
                if issuer is not None and issuer.kind in {"name", "organization"}:
                    return issuer
        if (
            lows[0] == "the"
            and lows[-1] in DOCUMENTS
            # ("The Onion article reports": one word in capitals too, not a day's or a people's)
            and (3 < len(toks) <= 6 or (len(toks) == 3 and toks[1].core not in DAY_OR_MONTH | DEMONYMS))
            and toks[1].capitalized
            and all(t.capitalized or t.low in ORG_JOINS for t in toks[1:-1])
        ):
            # "The White House statement read", "the Justice Department report said": the writing's issuer,
            # named in capitals before it (as "a statement from the White House").
            issuer = self.speaker_of(toks[1:-1])
            if issuer is not None and issuer.kind in {"name", "organization"}:
                return issuer
        if lows[0] in {"the", "this", "that"} and lows[-1] in DOCUMENTS and len(toks) <= 3:
            return Named("document", lows[-1], toks[0].start)
        if (
            lows[0] == "the"
            and 3 <= len(toks) <= 5
            and lows[-1] in MEMBER_NOUNS
            and all(t.capitalized for t in toks[1:-1])
        ):
            # "The UNHCR official says …" after "Nemia Temporal is the head of the UN refugee agency (UNHCR)
            # office": someone of the organisation in capitals, whom the text named beside it before.
            return Named("member", " ".join(t.core for t in toks[1:-1]), toks[0].start)
        if (
            lows[0] == "the"
            and (
                len(toks) <= 3
                # "the Lord Mayor candidate", "the White House press secretary": capitals before the role
                or (len(toks) <= 5 and all(t.capitalized or is_title(t.core) for t in toks[1:-1]))
            )
            and (is_title(lows[-1]) or lows[-1] in PERSON_NOUNS)
            and lows[-1] not in SPOKESPEOPLE
        ):
            return Named("role", lows[-1], toks[0].start)  # "the governor said", "the father said"
        if (
            lows[0] == "the"
            and len(toks) == 2
            and toks[1].raw.isalpha()
            and toks[1].raw.islower()
            and self._description(lows[1], toks[0].start) is not None
        ):
            # "The expert says …" after "Guillaume Kahomboshi is a food security expert …": a noun the text gave
            # a person named before as what they are stands for that person, as "the governor" does.
            return Named("role", lows[1], toks[0].start)
        if (
            lows[0] == "the"
            and 2 < len(toks) <= 7
            and lows[-1] in MEDIA_NOUNS
            and all(t.capitalized or t.low in ORG_JOINS for t in toks[1:-1])
        ):
            # "The Alaskan Midnight Sun blog", "the Tampa Bay Times newspaper": the capitals name it.
            return Named("organization", " ".join(t.core for t in toks[1:-1]), toks[1].start)
        if (
            lows[-1] == "police"
            and 2 <= len(toks) <= 5
            and toks[0].capitalized
            and lows[0] not in ARTICLES
            and all(t.capitalized or t.low in ORG_JOINS for t in toks[:-1])
        ):
            # "Avon and Somerset police said", "Kent police said": the force named by its area, the
            # noun in lower case as British and Wikinews style prints it.
            return Named("organization", " ".join(t.core for t in toks), toks[0].start)
        if len(toks) == 3 and lows[0] == "the" and toks[1].core in DEMONYMS and lows[2] in ORGANIZATION_NOUNS:
            # "The Chinese government opposed the decision, calling it “…”": a country's government or ministry,
            # named by its nationality and a noun in lower case, speaks as an organization.
            return Named("organization", " ".join(t.core for t in toks[1:]), toks[1].start)
        if _body_of_a_place(toks) == len(toks) - 1:
            # "the Dublin city council passed a resolution": a place's body, named by the place and nouns in lower
            # case (as "the Chinese government").
            return Named("organization", " ".join(t.core for t in toks[1:]), toks[1].start)
        if (lows[0] == "the" and len(toks) <= 2 and lows[-1] in ORGANIZATION_NOUNS) or lows == ["police"]:
            return Named("pronoun", "it", toks[0].start)  # "the force said": as "it said", the organisation before
        spokesperson = (
            None if SPOKESPEOPLE.isdisjoint(lows) else next(k for k, low in enumerate(lows) if low in SPOKESPEOPLE)
        )
        if spokesperson is not None and (
            spokesperson == len(lows) - 1 or lows[spokesperson + 1] in {"for", "of", "at"}
        ):
            return Named("unnamed", lows[spokesperson], toks[0].start)  # "a spokesman for the Department of Justice"
        party = next((k for k, low in enumerate(lows) if low in UNNAMED_PARTIES), None)
        if (
            party
            and lows[party - 1] in ARTICLES
            and (party == 1 or lows[party - 2] in SUBORDINATORS | CONJUNCTIONS | {"later", "then"})
            and (party == len(lows) - 1 or lows[party + 1] in PREPOSITIONS)
        ):
            # "The co-defendant also said …", "after the co-defendant in the 1972 trial told the parole board that …":
            # one of the people of a case the story does not name (named before as "co-defendant", he is that
            # person, above).
            return Named("unnamed", lows[party], toks[party - 1].start)
        if _unnamed_relative(toks, lows):
            return Named("unnamed", lows[-1], toks[0].start)  # "Her brother says she has the skill …"
        head = next((k for k in range(2, len(lows)) if lows[k] in PREPOSITIONS), len(lows)) if lows[0] in A_ONE else 0
        if head and not any(t.name_word for t in toks[1:head]) and WRITINGS.isdisjoint(lows[1:head]):
            # "A neighbor, who asked not to be named, said"; "a leader from the council of ministers",
            # "a teacher from Dayton": the person described, whatever is named after the preposition.
            return Named("unnamed", lows[head - 1], toks[0].start)
        if (
            lows[0] in DESCRIBING
            and 3 <= len(toks) <= 5
            and toks[-1].raw.islower()
            and (is_title(lows[-1]) or lows[-1] in DESCRIBED_PEOPLE)
            and all(t.capitalized for t in toks[1:-1])
        ):
            # "A South Korean official said", "One Twitter user, a critic of Clinton, said", "a French diplomat
            # told reporters": someone described by a place, a people or a company in capitals, not named.
            return Named("unnamed", lows[-1], toks[0].start)
        if lows[0] in {"a", "an"} and toks[-1].core in PARTY_MEMBERS:
            # "State Sen. Jacqueline Collins, a Chicago Democrat, said": a description, whatever the
            # capitals before the party ("a <City> Democrat", "an Ohio Republican"); the name is elsewhere.
            return Named("unnamed", lows[-1], toks[0].start)
        state = ""
        phrase = self.text[toks[0].start : toks[-1].end]
        m = OF_PLACE.search(phrase) if "of" in phrase else None  # (most phrases hold neither word)
        shorter = [t for t in toks if t.end <= toks[0].start + m.start()] if m else []
        if not m and "from" in phrase and (m := FROM_PLACE.search(phrase)):
            # "Hane Dindinno from Papua New Guinea says": where a person named in full is from.
            shorter = [t for t in toks if t.end <= toks[0].start + m.start()]
            if len(shorter) < 2 or not all(t.name_word for t in shorter[-2:]):
                shorter = []
        if shorter and shorter[-1].name_word and shorter[-1].core not in ORG_WORDS | OFFICE_WORDS:
            # "Governor Gretchen Whitmer of Michigan", "James Gallagher of Yuba City": where the
            # person is from, not part of the name (unlike "Secretary of State", "Bank of America").
            state = STATES.get(m.group(1), "")
            toks = shorter
        for p in range(len(toks) - 1, -1, -1):
            if toks[p].possessive:
                head = [t.low for t in toks[p + 1 :]]
                if any(t.name_word for t in toks[p + 1 :]):
                    break  # "Patrick's Secretary of Public Safety Mary Beth Heffernan": the name follows
                if set(head) & SPOKESPEOPLE:
                    return Named("unnamed", (set(head) & SPOKESPEOPLE).pop(), toks[0].start)
                if set(head) & DOCUMENTS:
                    i = p
                    while i > 0 and (toks[i - 1].name_word or joins_name(toks, i - 1)):
                        i -= 1
                    return self.parse_name(toks, i, p + 1, possessive=True)
                return None
        j = len(toks) - 1 if acronym_of(toks[-1]) else len(toks)
        i = j
        while i > 0 and (toks[i - 1].name_word or joins_name(toks, i - 1)) and not toks[i - 1].possessive:
            i -= 1
        while i < j and toks[i].low in PARTICLES:
            if toks[i].core.istitle() and i + 1 < j:
                break  # a capitalized particle before a name word starts the name: "De Angelo Singh", "Van Dyke"
            i += 1
        if i < j and toks[j - 1].core in ORG_WORDS:
            # An organization's name takes any capitals and joining words: "House Energy and Commerce
            # Committee", "America First Policy Institute", "Oklahoma Gas & Electric Company", and an
            # office holder's possessive right before its last word: "Orange County Sheriff's Office".
            while i > 0 and (_in_organization_name(toks, i - 1) or (i - 1 == j - 2 and _office_holders(toks[i - 1]))):
                i -= 1
        if i == j and j > 1 and toks[j - 1].capitalized and toks[j - 2].name_word:
            i = j - 2  # a surname that is also a title: "Mary Major"
            while i > 0 and toks[i - 1].name_word and not toks[i - 1].possessive:
                i -= 1
        if i == j:
            role = self._role_at_end(toks, lows)
            if (
                role is None
                and lows[-1] in GROUPS
                and len(toks) <= 5
                and toks[-1].raw.islower()
                and not any(t.raw[-1] in ",;:" or t.possessive for t in toks[:-1])
            ):
                # "Trump administration officials said", "White House officials said": a group, not the name
                # in front of it nor (for want of a subject) the last person named.
                return Named("group", lows[-1], toks[0].start)
            return role
        named = self.parse_name(toks, i, len(toks))
        if named and state and not named.state:
            named = Named(named.kind, named.text, named.start, named.titled, named.title, state)
        return named

    def _role_at_end(self, toks, lows):
        """A role after the words that lead into it: "In a statement the Secretary (said)", "Later
        that day the father (said)"; not "the wife of the governor" (a role of someone else's)."""
        if lows[0] == "the" or "the" not in lows[1:]:
            return None
        m = len(lows) - 1 - lows[::-1].index("the")
        if lows[m - 1] in PREPOSITIONS or toks[m - 1].raw[-1] in ",;:":
            return None
        tail = self.speaker_of(toks[m:])
        return tail if tail is not None and tail.kind == "role" else None

    def resolve(self, named, position, previous=None):
        """The speaker a printed name, pronoun or document stands for at `position`."""
        if named is None:
            return None
        if named.kind == "unnamed":
            return Speaker(None, "unnamed", named.text)
        if named.kind == "group":
            return Speaker(None, "group", named.text)
        if named.kind == "pronoun":
            if named.text in {"he", "she"}:
                # "she" is never someone known to be a man, nor "he" a woman (the next candidate is)
                other = "F" if named.text == "he" else "M"
                at = self._after_gerund_clause(named.start)
                if at is not None:
                    # "After meeting with Lieutenant Governor Pierre Duchesne …, he made the announcement":
                    # the one meeting is "he", so a name in that clause is not whom "he" stands for.
                    named, position = Named("pronoun", named.text, at), min(position, at)
                antecedent = self._subject_before(named.start)
                if antecedent is not None and self.gender(antecedent) == other:
                    antecedent = None
                if antecedent is None:
                    quoted = self._speaker_of_quote_before(named.start)
                    if quoted is not None and self.gender(quoted) != other:
                        return quoted
                    antecedent = self.people.latest_before(
                        position, skip=lambda p: self.gender(p) == other or self._kin_of_another(p)
                    )
                return self.resolve(antecedent, position) if antecedent else None
            if named.text == "it":
                if previous and previous.kind == "organization":
                    return previous
                antecedent = self.organizations_speaking.latest_before(position, first=False)
                if antecedent is None:
                    antecedent = self._organization_subject(position)
                return self.resolve(antecedent, position) if antecedent else None
            return None  # "they said": a group the article does not name
        if named.kind == "document":
            earlier = self.documents.get(named.text)
            found = earlier.latest_before(position, first=False) if earlier else None
            return found or self._document_issuer(named, position)
        if named.kind == "member":
            holder = self._member_of(named.text, min(position, named.start))
            return self.resolve(holder, position) if holder else None
        if named.kind == "role":
            role = TITLE_FORMS.get(named.text.rstrip("."), named.text.rstrip("."))
            at = min(position, named.start)  # whom a role stands for is named before it, not after it
            holder = self.people.latest_before(at, role)
            if holder is None and role in PERSON_NOUNS and role not in PARTIES_TO_A_CASE:
                # "Tom Reyes lost his son. ... the father said": the last person named in full.
                holder = self.people.latest_before(position) or self.full_names.latest_before(position, first=False)
            elif holder is None and (described := self._described_as(role, at)) is not None:
                holder = described  # "The expert says" after "<Name> is a food security expert"
            elif holder is None and role in PARTIES_TO_A_CASE:
                return Speaker(None, "unnamed", role)
            elif holder is None and role in HEAD_OFFICES:
                # "Rodrigo Duterte was sworn in. … The new president said …": an office that one person holds, and
                # no one in the text by title, is the one held by the person it names most often so far (whom the
                # story is about; not "the reporter", "the minister", of whom there are many).
                holder = self._most_named_before(at)
            return self.resolve(holder, position) if holder else None
        if named.kind == "organization" or (len(named.words) == 1 and named.words[0] in self.acronyms):
            text = self.acronyms.get(named.text, named.text)
            return Speaker(self._organization_named_before(named) or text, "organization", named.title, named.state)
        if named.kind == "place":
            return Speaker(named.text, "organization")
        full = self.fullest(named)
        if full is not named and named.title and self._other_gender(named, full):
            full = named  # "Mr Ure" is not the "Kay Ure" the article calls "she"
        if len(full.words) == 1 and not named.titled:
            full = self._by_first_name(full)  # "Tao not only talks the talk" after "Tao Porchon-Lynch"
        title = named.title or full.title
        state = named.state or full.state or self._state_of(full)
        if named.titled or len(full.words) > 1 or tuple(named.words) in self.people.words:
            return Speaker(full.text, "person", title, state)
        # One word and nothing else known ("Microsoft", "Environmentalists"): printed, but not
        # enough to make a partial quote or a paraphrase.
        return Speaker(full.text, "organization" if acronym_like(full.text) else "unknown", title, state)

    def _described_as(self, noun, position):
        """The person named just before the last "is a/an … <noun>" or ", a/an … <noun>" ahead of `position`
        ("Franck Muke is an agronomist at Goma University", "Jo Banks, a food security expert,"), or None: whom
        "the <noun>" stands for when no one holds it as a title."""
        found = self._description(noun, position)
        if found is None:
            return None
        person = self.people.latest_before(found.start() + 1)
        between = self.text[person.start : found.start()] if person is not None else ""
        if person is None or len(between) > len(person.text) + DESCRIBED_GAP or "\n" in between:
            return None  # the description follows no name
        return person

    def _description(self, noun, position):
        """The last "is a/an … <noun>" or ", a/an … <noun>" before `position` (a match), or None."""
        matches = list(_described_as(noun).finditer(self.text, max(0, position - DESCRIBED_LOOKBACK), position))
        return matches[-1] if matches else None

    def _kin_of_another(self, person):
        """Whether a person is named in apposition to a possessive and a noun for family ("She is joined by her
        sister, Dr. Katayoun Madani,", "His son, Bruce McCandless III, said"): a relative of the one the possessive
        stands for, whom a later "he" or "she" (not the subject of the sentence before it) does not stand for."""
        return KIN_BEFORE.search(self.text, max(0, person.start - 40), person.start) is not None

    def _member_of(self, organization, position):
        """The person named last before `position`, among the last few, in a sentence that prints
        `organization` (its capitals as whole words), or None: whom "the <organization> official" stands for."""
        pattern = re.compile(r"(?<![\w-])" + re.escape(organization) + r"(?![\w-])")
        timeline = self.people.named
        i = bisect_left(timeline.positions, position) - 1
        for k in range(i, max(-1, i - SKIP_LOOKBACK), -1):
            person = timeline.items[k]
            if person.kind != "name":
                continue
            start, end = self.sentence_at(person.start)
            if pattern.search(self.text, start, end):
                return person
        return None

    def _most_named_before(self, position):
        """The person named most often (in full or by surname) before `position`, the later of a tie, or None."""
        if self._most_named is None:
            positions, leaders, counts = [], [], {}
            leader, most = None, 0
            for at, person in zip(self.people.named.positions, self.people.named.items, strict=True):
                full = self.fullest(person)
                if person.kind != "name" or len(full.words) < 2:
                    continue
                counts[full.text] = counts.get(full.text, 0) + 1
                if counts[full.text] >= most:
                    leader, most = full, counts[full.text]
                positions.append(at)
                leaders.append(leader)
            self._most_named = (positions, leaders)
        positions, leaders = self._most_named
        i = bisect_left(positions, position) - 1
        return leaders[i] if i >= 0 else None

    def _after_gerund_clause(self, position):
        """The start of the sentence when the "he"/"she" at `position` follows, after a comma, an opening
        clause of a conjunction and a gerund with no subject of its own ("After meeting with …,", "Before
        leaving …,", "While visiting …,"), or None."""
        i = bisect_right(self.sentence_starts, position) - 1
        start = self.sentences[i][0]
        opening = GERUND_OPENING.match(self.masked, start, position)
        if opening is None or opening.group(1).lower() not in OPENING_SUBORDINATORS | {"upon", "on"}:
            return None  # (read from the words themselves only when the sentence opens so)
        if position - start > 400:
            return None
        toks = self.tokens(start, position)
        if len(toks) < 3 or len(toks) > MAIN_CLAUSE_WORDS or not toks[-1].raw.endswith(","):
            return None
        if toks[0].low not in OPENING_SUBORDINATORS | {"upon", "on"} or not toks[1].low.endswith("ing"):
            return None
        return start

    def gender(self, person):
        """ "M", "F" or None: what the words of a person's title or description say ("Mrs.", "the
        congresswoman", "a spokeswoman"), else the first name of the fullest name the article prints
        for them ("Smith" after "Mary Smith") as officials are recorded with it (`FIRST_NAME_GENDER`)."""
        found = self._genders.get(person, 0)
        if found != 0:
            return found
        if isinstance(person, Speaker):
            title, name = person.title, person.name if person.kind == "person" else None
            if person.kind == "unnamed":
                title = f"{person.title} {person.name or ''}"
        elif person.kind == "name":
            full = self.fullest(person)
            title, name = f"{person.title} {full.title}", full.text
        else:
            title, name = person.text if person.kind in {"unnamed", "role"} else "", None
        found = next((GENDERED_WORDS[w] for w in normal_title(title or "") if w in GENDERED_WORDS), None)
        words = (name or "").split()
        if found is None and len(words) > 1:
            found = FIRST_NAME_GENDER.get(words[0])
        self._genders[person] = found
        return found

    def _other_gender(self, named, full):
        """Whether the fuller name a titled surname would be read as is someone of the other gender than
        the title says ("Mr Ure" and "Kay Ure", whom the sentence after her name calls "She"): by the
        title and first name (`gender`), else by a "He"/"She" opening the sentence after one in which
        that full name is the subject."""
        said = next((GENDERED_WORDS[w] for w in normal_title(named.title) if w in GENDERED_WORDS), None)
        if said is None:
            return False
        known = self.gender(full)
        if known is None:
            known = self._gender_by_pronoun(full)
        return known is not None and known != said

    def _gender_by_pronoun(self, full):
        """The gender of the "He" or "She" that opens the sentence after one whose subject is this full
        name (same paragraph), if every such sentence agrees; else None. Read only for a titled surname
        whose fuller name has no gender known otherwise."""
        if full.words in self._pronoun_genders:
            return self._pronoun_genders[full.words]
        found = set()
        for mention in self.mentions:
            if mention.words != full.words:
                continue
            i = bisect_right(self.sentence_starts, mention.start) - 1
            if i + 1 >= len(self.sentences):
                continue
            start, end = self.sentences[i]
            following = self.sentences[i + 1][0]
            if self.paragraph_index(following) != self.paragraph_index(start):
                continue
            subject = self.main_subject(self.tokens(start, end))
            if subject is None or subject.words != full.words:
                continue
            opening = self.tokens(following, self.sentences[i + 1][1])[:1]
            if opening and opening[0].raw in {"He", "She"}:
                found.add("M" if opening[0].raw == "He" else "F")
        self._pronoun_genders[full.words] = gender = found.pop() if len(found) == 1 else None
        return gender

    def _award_presenter(self, before, position):
        """Who presents the award whose citation a quote gives, when the words before the quote are
        about an award ("The award citation notes", "this award", "The National Press Club’s 2021
        Arthur Rowse Award for Press Criticism cited …"): the organization whose award the article
        says it is ("X’s … Award", "the Award of Merit from X"), in that phrase or a few sentences
        before; else None."""
        # (the phrase after any opening one: "Presented each year at the NACM Conference, this award")
        if AWARD_WORDS.isdisjoint([t.low for t in before[-17:]]):
            return None  # (no award word in the words read: none in the phrase, which is made of them)
        chunks = [chunk for chunk in split_chunks(before[-17:]) if chunk]  # (longer phrases are not read)
        before = chunks[-1] if chunks else []
        if not before or len(before) > 16 or not any(t.core.lower() in AWARD_WORDS for t in before[:8]):
            return None
        if before[0].low not in {"the", "this", "that", "its", "their"} and not before[0].capitalized:
            return None
        i = bisect_right(self.sentence_starts, position) - 1
        start = self.sentences[max(0, i - 3)][0]
        found = None
        for pattern in (AWARD_OF, AWARD_FROM):
            for m in pattern.finditer(self.masked, start, position):
                if found is None or m.end() > found.end():
                    found = m
        if found is None:
            return None
        name = found.group("org").rstrip(".")
        while name.split()[-1] in ORG_JOINS or name.split()[-1] == "the":
            name = name.rsplit(None, 1)[0]
        return Speaker(name, "organization")

    def _document_issuer(self, named, position):
        """Who issued "the report" that says something, when no quote before tied it to anyone: the
        subject of the sentence, at most a few before, that says so ("The commission released its
        report on Monday. … the report said" is the commission's), a person or an organization."""
        issued = re.compile(rf"\b(?:{'|'.join(ISSUING)})\s+(?:\S+\s+){{0,3}}?{re.escape(named.text)}s?\b")
        i = bisect_right(self.sentence_starts, named.start) - 1
        for k in range(i, max(-1, i - 4), -1):
            start, end = self.sentences[k]
            m = issued.search(self.masked, start, min(end, named.start))
            if m is None:
                continue
            subject = self.main_subject(self.tokens(start, m.start()))
            if subject is None or subject.kind not in {"name", "organization"}:
                return None
            speaker = self.resolve(subject, position)
            return speaker if speaker and speaker.kind in {"person", "organization"} else None
        # "In an official release from Amnesty International …. “…,” read the statement.": the issuer named
        # with a writing in that sentence or the three before it.
        return self._issued_by(self.sentences[max(0, i - 3)][0], named.start, position)

    def _issued_by(self, start, end, position):
        """The issuer the words from `start` to `end` name for a writing, the last one named: "A resolution
        passed by the European Parliament" (an organization, or a person known by name and sex), or None."""
        found = None
        for m in ISSUED_BY.finditer(self.masked, start, end):
            found = m
        if found is None:
            return None
        name = DATE_WORD.sub("", " ".join(found.group("org").split()))
        if name in PLACES or name in DEMONYMS:
            return None  # "an article from US satirical news website The Onion": a description, not the issuer
        person = self.speaker_of(self.tokens(found.start("org"), found.start("org") + len(name)))
        if person is not None and person.kind == "name" and len(person.words) > 1 and self.gender(person):
            return self.resolve(person, position)
        return Speaker(name, "organization")

    def _organization_named_before(self, named):
        """ "the Church" for the "Church of Scientology" the article named before it: a capitalized noun
        after "the" is short for the last name of an organization that opens with it and "of"."""
        if len(named.words) < 2 or named.words[0].lower() != "the" or not named.words[1][:1].isupper():
            return None
        if len(named.words) > 2:
            # "the Sheriff's Office" for the "Orange County Sheriff's Office" named before it: a longer
            # name of capitals that ends with the same words (looked up once per name).
            tail = " ".join(named.words[1:])
            if tail not in self._named_by_head:
                pattern = re.compile(rf"\b((?:[A-Z][\w'’.&-]*\s+)+){re.escape(tail)}\b")
                found = []
                for m in pattern.finditer(self.text):
                    # The capitals stop at the sentence's start: "resigned on Tuesday. The White House said" is
                    # no organisation "Tuesday. The White House".
                    start = max(m.start(), self.sentence_at(m.end(1))[0])
                    if self.text[start : m.end(1)].strip() != "The" and start < m.end(1):
                        found.append((start, self.text[start : m.end()]))
                self._named_by_head[tail] = found
            found = self._named_by_head[tail]
            k = bisect_left(found, (named.start, ""))
            return found[k - 1][1].removeprefix("The ") if k else None
        head = named.words[1]
        if head not in self._named_by_head:
            pattern = re.compile(rf"\b{re.escape(head)}{OF_NAME}")
            self._named_by_head[head] = [(m.start(), m.group().rstrip(".")) for m in pattern.finditer(self.text)]
        found = self._named_by_head[head]
        k = bisect_left(found, (named.start, ""))
        return found[k - 1][1] if k else None

    def _speaker_of_quote_before(self, position):
        """Whom a "he" or "she" right after the quote opening its sentence stands for when the sentence
        before is a quote with its attribution: that quote's speaker, not the last name printed after
        it ("“…, said Ken, shown here with Nichelle Nichols, who played … Star Trek. “…,” he said.")."""
        i = bisect_right(self.sentence_starts, position) - 1
        if i < 1 or QUOTE_LEAD.match(self.masked, self.sentences[i][0], position).end() != position:
            return None
        quoted = self.last_accepted.get(self.paragraph_index(position))
        if quoted is None or not self.sentences[i - 1][0] <= quoted.open_at < self.sentences[i][0]:
            return None
        return quoted.speaker if quoted.speaker and quoted.speaker.kind == "person" else None

    def _subject_before(self, position, depth=3):
        """Whom a "he" or "she" opening a sentence stands for: the person the sentence before is
        about ("De La Fuente entered the race … against Donald Trump. He argues …"), or None. When
        that sentence is about "he" too, what that one stands for, a few sentences back at most
        ("Kargbo said … But he says … He says …")."""
        i = bisect_right(self.sentence_starts, position) - 1
        # Opening the sentence, or right after the quote that opens it: "“I don't put labels on
        # myself,” he said." after "But Ohno added that passing Bonnie Blair's total …".
        # (read as far as the first other character only, so that a long sentence is not copied)
        if i < 1:
            return None
        lead = QUOTE_LEAD.match(self.masked, self.sentences[i][0], position).end()
        # or after the conjunction opening it: "Kargbo said President Koroma was not told … But he says …"
        opener = LEADING_CONJUNCTION.match(self.masked, lead, position) or LEADING_PHRASE.match(
            self.masked, lead, position
        )
        if opener is not None and opener.end() != position and opener.re is LEADING_CONJUNCTION:
            # and both: "But after that terrible loss, she says …"
            opener = LEADING_PHRASE_AFTER_CONJUNCTION.match(self.masked, opener.end(), position) or opener
        if lead != position and (opener is None or opener.end() != position):
            return None
        repeated = self._relative_doer(i, position)
        if repeated is not None:
            return repeated
        if i not in self.subject_before:  # the sentence's subject as printed (the people known may grow)
            before = self.sentences[i - 1]
            same = self.paragraph_index(before[0]) == self.paragraph_index(position)
            if not same and lead != self.sentences[i][0] and self.text[self.sentences[i][0]] in MARKS:
                # "Sundhage said last year's rift was not a factor …¶“No, not at all,” she said.": a
                # quote opening its paragraph, its "she" the subject of the paragraph before's last sentence.
                same = self.paragraph_index(before[0]) + 1 == self.paragraph_index(position)
            toks = self.tokens(*before) if same else []
            subject = self.main_subject(toks) if same else None
            if toks and (
                toks[0].low in OPENING_SUBORDINATORS or (toks[0].low.endswith("ing") and toks[0].capitalized)
            ):
                # "When … Kim Jong Il died in December she and the rest of the team …": the subject of
                # the clause after the one the conjunction opens; so after an opening participle's phrase
                # ("Writing in a blog post, Matthew Ingram … dubbed …. He characterized …")
                subject = self._main_clause_subject(toks, before[0]) or subject
            self.subject_before[i] = subject
        named = self.subject_before[i]
        if named is not None and named.kind == "pronoun" and named.text in {"he", "she"} and depth > 1:
            return self._subject_before(named.start, depth - 1)
        known = named is not None and named.kind == "name" and tuple(named.words) in self.people.words
        if named is not None and named.kind == "role" and self.resolve(named, named.start) is not None:
            # "The South Korean president noted … that U.S. President Donald Trump was …. He said …": "he" is the
            # one the role stood for where it was printed, not the last person named after it.
            known = True
        return named if known else None

    def _relative_doer(self, i, position):
        """ "… a note from President Viktor Yushchenko, who hailed VOA for …. He also hailed the Service …": a "he" or
        "she" whose verb, after "also", repeats the verb of a "<Name>, who <verb>" clause in the sentence before is
        that name, not the sentence's subject; or None."""
        m = ALSO_VERB.match(self.masked, position, self.sentences[i][1])
        if m is None:
            return None
        start, end = self.sentences[i - 1]
        who = self.masked.rfind(", who " + m.group(1) + " ", start, end)
        if who < 0:
            return None
        toks = self.tokens(start, who + 1)
        tail = _trailing_name(toks)
        if len(tail) < 2:
            return None
        named = self.speaker_of(tail)
        return named if named is not None and named.kind == "name" else None

    def _main_clause_subject(self, toks, sentence_start):
        """The subject of the main clause of a sentence that opens with a subordinate one ("When X died,
        she …", "After the vote Smith said …"): after the first comma, or without one the first "he" or
        "she" past the clause's own subject; a pronoun stands at the sentence's start (its antecedent is
        before that sentence); or None."""
        comma = next((k for k, t in enumerate(toks[:MAIN_CLAUSE_WORDS]) if t.raw[-1] == ","), None)
        if comma is not None:
            named = self.main_subject(toks[comma + 1 :])
        else:
            k = next(
                (
                    k
                    for k in range(2, min(len(toks), MAIN_CLAUSE_WORDS))
                    if toks[k].low in {"he", "she"} and toks[k - 1].low not in NOT_BEFORE_SUBJECT
                ),
                None,
            )
            named = Named("pronoun", toks[k].low, toks[k].start) if k is not None else None
        if named is not None and named.kind == "pronoun":
            return Named("pronoun", named.text, sentence_start)
        return named

    def _replier(self, named, verb):
        """Whom "he replied" or "she responded" stands for when the sentence before has someone ask a
        person named right after "asked" ("John Roe asked Senator Jane Doe about the bill. “…,” she
        replied."): the person asked, not the asker who is that sentence's subject; or None."""
        if named is None or named.kind != "pronoun" or named.text not in {"he", "she"} or verb not in REPLYING:
            return None
        i = bisect_right(self.sentence_starts, named.start) - 1
        if i < 1 or self.paragraph_index(self.sentences[i - 1][0]) != self.paragraph_index(named.start):
            return None
        toks = self.tokens(*self.sentences[i - 1])[:40]  # the asking is near the sentence's start
        k = next((k for k, t in enumerate(toks) if t.low == "asked"), None)
        if k is None:
            return None
        end = k + 1
        while end < len(toks) and end - k <= 6 and (toks[end].name_word or is_title(toks[end].core)):
            end += 1
            if toks[end - 1].raw[-1] in ",;:.":
                break
        asked = self.speaker_of(toks[k + 1 : end]) if end > k + 1 else None
        if asked is None or asked.kind != "name":
            return None
        person = self.resolve(asked, named.start)
        return person if person is not None and person.kind == "person" else None

    def _organization_subject(self, position):
        """The organization that is the subject of one of the three sentences before `position`
        ("The ministry of Transport issued a statement. ... it said"), or None."""
        i = bisect_right(self.sentence_starts, position) - 1
        for k in range(i - 1, max(-1, i - 4), -1):
            named = self.main_subject(self.tokens(*self.sentences[k]))
            if named is not None:
                return named if named.kind == "organization" else None
        return None

    def _state_of(self, named):
        return self.state_of_surname.get(named.words[-1], "") if named.words else ""

    # Attribution

    def _cues_in(self, sentence, toks):
        self.check_time()
        previous = None
        for k, tok in enumerate(toks):
            if tok.low not in MAY_REPORT:
                continue  # (most words: one lookup)
            # "<clause>, notes UC President Richard Atkinson.": "notes" after a comma and before a name
            inverted = tok.low in FINAL_REPORTING and k > 0 and toks[k - 1].raw.endswith(",") and _inverted_at(toks, k)
            if (
                not inverted
                and tok.low not in ATTRIBUTING
                and (tok.low not in VERBS_BEFORE_THAT or not verb_before_that(toks, k))
            ):
                continue
            if PUA in tok.raw or passive_or_negated(toks, k):
                continue
            named, start = self._subject(toks, k, sentence)
            if named is None and _unnamed_goes_on(previous, toks, k):
                named, start = previous.named, previous.subject_start
            if tok.low == "reports" and named is not None and _correspondent(toks, k, named.start):
                continue  # "In Miami, VOA's Brian Wagner reports that …": the story's own reporter, no one's words
            previous = _Cue(tok, sentence, named, start)
            yield previous

    def _subject(self, toks, k, sentence):
        """The subject of the reporting verb toks[k], and where it starts."""
        if toks[k].low in SAY and k > 1 and toks[k - 1].low == "as":
            # "Huang Limin was quoted by the Xinhua news service as saying": the subject of "quoted".
            quoted = next((q for q in range(k - 2, max(0, k - 10), -1) if toks[q].low in QUOTED), None)
            if quoted is not None and toks[quoted - 1].low in BE_FORMS:
                return self._subject(toks, quoted, sentence)
        clause = self._clause_start(sentence[0], toks[k].start)
        # (words in order of position: with no ";" among them, all the words before the verb)
        before = toks[:k] if toks[0].start >= clause else [t for t in toks[:k] if t.start >= clause]
        if not before and toks[k].low.endswith("ing"):
            # "Miliband … fought to keep the details secret; arguing publication would, “…”": a participle printed
            # after a semicolon, as after a comma, has the subject of the clause before it.
            prior = toks[:k] if k else self.tokens(sentence[0], toks[k].start)
            if prior and prior[-1].raw.endswith(";"):
                named = self.main_subject(prior)
                return named, named.start if named else None
        while before and before[-1].low in FILLERS and not before[-1].raw.endswith(","):
            before.pop()
        if (
            len(before) > 1
            and _manner_adverb(before[-1])
            and before[-2].capitalized
            and not before[-2].raw.endswith(",")
        ):
            before.pop()  # "The Onion's editor Will Tracy humourously remarked": an adverb after the name
        if (
            len(before) > 3
            and before[-3].low == "in"
            and before[-2].low in DOCUMENT_OWNERS
            and before[-1].low in DOCUMENTS
        ):
            before = before[:-3]  # "The Detroit News in an editorial says": where it says it, not who
        participle = (
            toks[k].low.endswith("ing")
            and before
            and (
                before[-1].raw.rstrip('"\u201d').endswith(",")  # also `is “really almost cosmetic,” explaining`
                or before[-1].low == "by"
                or toks[k].low in BARE_PARTICIPLES
            )
        )
        # An absolute phrase: "…, with the African Union (suspending its membership and) describing
        # the coup as …": the participle's subject follows "with" (after a comma or opening the
        # sentence, with no comma after it).
        absolute = None
        if toks[k].low.endswith("ing") and before:
            w = next((n for n in range(len(before) - 2, -1, -1) if before[n].raw.endswith(",")), -1) + 1
            if w < len(before) - 1 and before[w].low == "with":
                absolute = before[w + 1 :]
        if toks[k].low in {"saying", "say"} and len(before) > 1:
            # "Comey remembered the president saying, “…”": the words are the one remembered or heard,
            # not the subject of "remembered".
            p = next((n for n in range(len(before) - 2, -1, -1) if before[n].low in RECOLLECTION_VERBS), None)
            if p is not None and not any(t.raw[-1] in ",;:" for t in before[p:-1]):
                named = self.speaker_of(before[p + 1 :])
                return named, before[p + 1].start if named else None
        if participle or absolute or (before and before[-1].low in CONJUNCTIONS):
            named = self.main_subject(absolute or before)
            return named, named.start if named else None
        if (
            len(before) > 1
            and before[-1].raw in {"he", "she"}
            and (
                before[-2].low in WHERE
                # "against what he termed an “unjust” campaign": the pronoun of the clause "what" opens
                or before[-2].low == "what"
                # "Cooke ruled against life terms, because she said there was no evidence …": the pronoun opening a
                # clause of reason or concession is the verb's subject, not a phrase before it.
                or before[-2].low in REASON_SUBORDINATORS
                # "a survey presented by Professor Ann Lee at the University in which he said that …"
                or (len(before) > 2 and before[-2].low in {"which", "whom"} and before[-3].low in PREPOSITIONS)
            )
        ):
            # "Comey held a press conference where he announced that …": the pronoun of the relative
            # clause the verb is in, not a phrase opening the sentence ("A few days later").
            return Named("pronoun", before[-1].raw, before[-1].start), before[-1].start
        if len(before) > 2 and before[-1].raw in {"he", "she"} and before[-2].low == "when":
            # "He accused Trump of not being truthful when he said he fired Comey …": "he" is the one accused
            # (the object of the verb before, who is faulted for what he said), not the accuser.
            named = self._faulted(before[:-2])
            if named is not None:
                return named, named.start
        chunks = split_chunks(before)
        # The same phrases come again: a verb's subject is read for its sentence's cues, then for
        # the quote the verb attributes (`“…,” Patrick said.`). Keyed by the words themselves.
        key = tuple(map(tuple, chunks))
        found = self.chunk_subjects.get(key)
        if found is None:
            found = self.chunk_subjects[key] = self._subject_of_chunks(chunks)
        return found

    def _faulted(self, toks):
        """The name right after a verb of faulting ("accused Trump of", "criticized Ann Lee for") among the
        words before "when he said", or None."""
        for k in range(len(toks) - 2, -1, -1):
            if toks[k].low not in FAULTING or toks[k].raw[-1] in ",;:":
                continue
            end = next((e for e in range(k + 1, len(toks)) if toks[e].low in {"of", "for"}), None)
            if end is None or end == k + 1 or end - k > 6:
                return None
            named = self.speaker_of(toks[k + 1 : end])
            return named if named is not None and named.kind == "name" else None
        return None

    def _subject_of_chunks(self, chunks):
        """The subject among the phrases before a verb (split at commas and dashes), and where it starts."""
        relative = who_subject = False
        for n in range(len(chunks) - 1, -1, -1):
            chunk = chunks[n]
            while chunk and chunk[0].low in CONJUNCTIONS:
                chunk = chunk[1:]
            if len(chunk) == 1 and chunk[0].low == "which" and n:
                # "an assessment by Peter Hart, a board-certified master arborist …, which concluded the tree has
                # “…”": "which" is the writing, whose author is named after "by", past a description.
                m = n - 1
                if m and chunks[m] and chunks[m][0].low in ARTICLES:
                    m -= 1
                tail = _trailing_name(chunks[m])
                k = len(chunks[m]) - len(tail)
                if len(tail) > 1 and k > 1 and chunks[m][k - 1].low == "by" and chunks[m][k - 2].low in AUTHORED:
                    named = self.speaker_of(tail)
                    if named is not None and named.kind == "name":
                        return named, tail[0].start
            if chunk and chunk[0].low in {"which", "that", "whom"} and len(chunk) > 1:
                # "… the Act — which Representative Lauren Boebert called …": the subject after the relative.
                named = self.speaker_of(chunk[1:])
                if named and named.kind in {"name", "role", "pronoun", "organization"}:
                    return named, chunk[1].start
            if not chunk or chunk[0].low in RELATIVES:
                # "said Mary Major, director of the coalition, who called it ...": who is Mary Major.
                relative = relative or bool(chunk and chunk[0].low == "who")
                who_subject = who_subject or (len(chunk) == 1 and chunk[0].low == "who")
                continue
            if relative and chunk[0].low in CUE_VERBS:
                chunk = chunk[1:]
            if who_subject:
                # "Wikinews interviewed legislator Thomas Washburne, Republican, Evansville, who told us …": "who"
                # is the full name ending a phrase, past one-word appositions (a party, a town) after it.
                tail = _trailing_name(chunk)
                if len(chunk) == 1 and any(len(_trailing_name(c)) > 1 for c in chunks[:n]):
                    continue
                if 1 < len(tail) < len(chunk):
                    named = self.speaker_of(tail)
                    if named is not None and named.kind == "name":
                        return named, tail[0].start
                if n and chunk[0].low in ARTICLES and len(_trailing_name(chunks[n - 1])) > 1:
                    # "comments by Liu Pengyu, a spokesperson for the Chinese Embassy, who told VOA": "who" is
                    # the full name before the description in apposition, not the (unnamed) description.
                    continue
            if n and n == len(chunks) - 1 and len(chunk) > 1 and chunk[0].low == "as":
                # "The water turned, as Bohl described, “cloudy”": the subject of an inserted "as X said".
                named = self.speaker_of(chunk[1:])
                if named and named.kind in {"name", "role", "pronoun", "organization"}:
                    return named, chunk[1].start
            if 2 < len(chunk) <= 6 and chunk[-1].low in {"he", "she"} and chunk[0].low in OPENING_PREPOSITIONS:
                # "In the video she says", "On Monday he said": an opening phrase printed without its comma.
                chunk = chunk[-1:]
            if (
                n > 1
                and chunks[n - 1]
                and chunks[n - 1][0].low in {"of", "from"}
                and len(chunk) <= 3
                and all(t.capitalized for t in chunk)
            ):
                # "Cpl. Victor Thibault, 38, of Digby, Nova Scotia said": the rest of the place in the
                # apposition, printed with no comma before the verb, not its subject.
                continue
            if (
                n
                and len(chunk) <= 3
                and all(t.capitalized for t in chunk)
                and len(chunks[n - 1]) > 3
                and chunks[n - 1][-1].low.rstrip(",") in ORGANIZATION_NOUNS | GROUP_NOUNS
                and chunks[n - 1][0].capitalized
            ):
                # "Ben Summerskill of the British gay rights organization, Stonewall, said": the body's name in
                # apposition to the noun before it; the subject is the one named before (not the body).
                lead = chunks[n - 1]
                lead = lead[: next((m for m, t in enumerate(lead) if not t.capitalized), len(lead))]
                named = self.speaker_of(lead)
                if named is not None and named.kind == "name" and len(named.words) > 1:
                    return named, lead[0].start
            named = self.speaker_of(chunk)
            if (
                n
                and len(chunk) > 1
                and named
                and named.kind in {"name", "organization"}
                and is_title(chunk[-1].core)
                and all(t.capitalized for t in chunk)
            ):
                # "Lt. Col Kevin Welch, TDY Project Officer, said": an office in capitals, ending in its title
                # word, after the name's comma is the apposition, not the subject.
                named_before = self.speaker_of(chunks[n - 1])
                if (
                    named_before
                    and named_before.kind == "name"
                    and len(named_before.words) > 1
                    and all(t.name_word or is_title(t.core) for t in chunks[n - 1])
                ):
                    return named_before, chunks[n - 1][0].start
            if n and chunk[0].low in ARTICLES and named and named.kind in {"unnamed", "role"}:
                # "Jeff Rathke, the State Department Spokesperson, said": the name before the apposition.
                named_before = self.speaker_of(chunks[n - 1])
                if (
                    named_before
                    and named_before.kind == "name"
                    and all(t.name_word or is_title(t.core) for t in chunks[n - 1])
                ):
                    return named_before, chunks[n - 1][0].start
            if (
                n
                and not chunk[0].capitalized
                and not stands_alone(chunk, named)
                and not (
                    named is not None
                    and named.kind == "unnamed"
                    and chunk[0].low in {"a", "an"}
                    and all(c and c[0].low in OPENING_PREPOSITIONS and self.speaker_of(c) is None for c in chunks[:n])
                )
                and not (
                    # "When asked about …, presidential spokesman Dmitry Peskov said": a role in lower case and a
                    # full name right before the verb, after an opening phrase, are the subject.
                    n == len(chunks) - 1
                    and named is not None
                    and named.kind == "name"
                    and len(named.words) > 1
                    and _role_words_to_name(chunk, 0)
                    and (chunks[0][0].low in OPENING_SUBORDINATORS or chunks[0][0].low in {"asked", "speaking"})
                )
            ):
                # An apposition: ", appointed by the court to examine Ross,"; but after an opening phrase
                # that names no one ("In response, a leader from the council of ministers said") a
                # described person is the subject.
                continue
            if (
                n
                and len(chunk) > 2
                and is_title(chunk[0].core)
                and chunk[1].low in {"of", "for", "at"}
                and not (named and named.kind == "name" and len(named.words) > 1)
            ):
                # An office held, with no full name after it: "Cres Eastman, …, and Chairman of the
                # Centre for Control of …, says" (not "In a statement, Governor of Washington Chris Gregoire said").
                continue
            if n == 0 or (named and named.kind != "place"):
                return named, chunk[0].start  # not "Jane Doe, a teacher from Dayton, Ohio, said"
        return None, None

    def main_subject(self, toks):
        """The subject that opens a clause: "Illinois Gov. Pat Quinn decided ..., saying ..."."""
        opening = toks and toks[0].start == self.paragraphs[self.paragraph_index(toks[0].start)][0]
        dateline = DATELINE.match(self.text, toks[0].start) if opening else None
        if dateline:  # "WASHINGTON, June 21, 2012- Agriculture Secretary Tom Vilsack made …": not the place
            toks = [t for t in toks if t.start >= dateline.end()]
        while toks and toks[0].low in CONJUNCTIONS:
            toks = toks[1:]  # "And she offers this advice …"
        if len(toks) > 1 and toks[0].raw.endswith(",") and toks[0].low.rstrip(",") in OPENING_ADVERBS:
            toks = toks[1:]  # "Separately, Trump's lawyer, Mark Kasowitz, denied …": not a name
        chunks = split_chunks(toks)
        setting = _opening_setting(chunks)
        for chunk in chunks[setting : setting + 3]:
            if len(chunk) > 2 and chunk[0].low == "the" and not chunk[1].capitalized:
                # "The judge called the violation “egregious,” and added that …": the office or noun that stands
                # for someone named before ("the judge", "the coach") is the subject, as it is before a verb.
                named = self.speaker_of(chunk[:2])
                if named and named.kind == "role":
                    return named
            if len(chunk) > 3 and chunk[0].low == "the" and chunk[1].core in DEMONYMS:
                named = self.speaker_of(chunk[:3])  # "The Chinese government opposed …, calling it “…”"
                if named and named.kind == "organization":
                    return named
            body = _body_of_a_place(chunk)
            if body is not None:
                named = self.speaker_of(chunk[: body + 1])  # "the Dublin city council passed a resolution …"
                if named and named.kind == "organization":
                    return named
            phrase, seen_name = [], False
            for n, tok in enumerate(chunk):
                nxt = chunk[n + 1] if n + 1 < len(chunk) else None
                if tok.low in PRONOUNS and not phrase:
                    phrase = [tok]
                    break
                if tok.low == "of" and len(phrase) > 1 and all(t.name_word for t in phrase):
                    break  # "Matthew Ingram of The Globe and Mail dubbed …": the person, not the outlet
                if tok.name_word or is_title(tok.core) or (tok.possessive and tok.capitalized):
                    # A capital that only opens the sentence may be a description: "Serial killer Michael Ross".
                    opening = n == 0 and nxt is not None and not nxt.capitalized
                    seen_name = seen_name or (tok.name_word and not opening)
                    phrase.append(tok)
                elif tok.low in ATTRIBUTING:
                    break
                elif self._nickname_at(chunk, n):
                    phrase.append(tok)  # "Senator John D (Jay) Rockefeller IV"
                elif acronym_of(tok) and nxt is not None and nxt.capitalized:
                    phrase.append(tok)  # "Environmental Protection Agency (EPA) Administrator Michael S. Regan"
                elif (
                    nxt
                    and nxt.capitalized
                    and (not seen_name or tok.low in {"of", "and"} or is_title(tok.low) or tok.low == "official")
                ):
                    phrase.append(tok)  # "Senior CPDM official Fru Jonathan": a role in lower case before the name
                elif (
                    tok.low == "of"
                    and nxt
                    and nxt.low == "the"
                    and n + 2 < len(chunk)
                    and chunk[n + 2].capitalized
                    and not seen_name
                    and phrase
                    and is_title(phrase[-1].core)
                ):
                    phrase.append(tok)  # "Sgt. Maj. of the Army Daniel A. Dailey": an office "of the <Name>"
                elif not seen_name and _role_words_to_name(chunk, n) and (phrase or _office_to_name(chunk, n)):
                    # "Taiwan team coach Yunda Xie", "Former head coach Bob Smith"; in lower case from the first
                    # word when the run ends in an office: "with senior party official Li Yuecheng saying …"
                    phrase.append(tok)
                else:
                    break
            named = self.speaker_of(phrase)
            if named:
                return named
        return None

    def _clause_start(self, sentence_start, position):
        cut = self.masked.rfind(";", sentence_start, position)
        if (
            cut >= 0
            and self.masked[cut + 1 : position].isspace()
            and word_before(self.masked, sentence_start, cut).lower() in ATTRIBUTING
        ):
            # "Former mayor Marc Morial summed up his view by saying; “…”": a semicolon printed for a colon
            # between a verb of saying and its quote ends no clause.
            cut = self.masked.rfind(";", sentence_start, cut)
        return cut + 1 if cut >= 0 else sentence_start

    def proposals(self):
        previous = None  # the speaker of the last quote whose speaker has a name
        for n, quote in enumerate(self.quotes):
            speaker = self._attribute(n, quote, previous)
            if speaker and speaker.name:
                previous = speaker
        proposals = [self._proposal(q.start, q.end, "direct", q.speaker) for q in self.quotes if q.accepted]
        proposals += self._paraphrases()
        return sorted(proposals, key=lambda p: p.start)

    def _proposal(self, start, end, kind, speaker):
        speaker = speaker or UNNAMED
        return Proposal(self.text[start:end], kind, speaker.name, start, end, speaker.title, speaker.state)

    def _attribute(self, n, quote, previous):
        """Decide whether the quote is someone's words and whose; remember the speaker."""
        sentence = self.sentence_at(quote.open_at)
        clause = self._clause_start(sentence[0], quote.open_at)
        before = self.tokens(clause, quote.open_at)
        next_quote = self.quotes[n + 1].open_at if n + 1 < len(self.quotes) else len(self.text)
        after_end = min(self.sentence_at(quote.unit_end - 1)[1], next_quote)
        after = self.tokens(quote.unit_end, after_end)
        quoted = self.text[quote.start : quote.end]
        # (most words are letters only: isalnum answers for them without a search)
        words = [w for w in quoted.split() if w.isalnum() or ALNUM.search(w)]
        said = quoted.strip()
        # Fewer than five words and not a sentence of its own: a partial quote, a term or a title.
        short = len(words) < 5 and not (said[:1].isupper() and said[-1:] in ".!?")

        # An attribution after the quote is set off by punctuation: `," said X`, `", X said`, `?" X asked`.
        set_off = said[-1:] in ",!?—–-" or bool(SET_OFF.match(self.text, quote.unit_end))
        # "“Its orbital period” – the time it takes to complete a single orbit – “is now …”": an aside
        # between two parts of one quote, not an attribution.
        aside = len(after) > 1 and after[0].raw in DASHES and after[-1].raw in DASHES and after_end == next_quote
        if aside:
            # The attribution, if any, follows the second part: "“…” – … – “…,” said Tom Reyes."
            named, verb, after = None, None, []
            second = self.quotes[n + 1]
            second_end = self.quotes[n + 2].open_at if n + 2 < len(self.quotes) else len(self.text)
            second_after = self.tokens(second.unit_end, min(self.sentence_at(second.unit_end - 1)[1], second_end))
            if self.text[second.start : second.end].rstrip()[-1:] in ",!?" or SET_OFF.match(
                self.text, second.unit_end
            ):
                named, verb = self._after_attribution(second_after)
        else:
            # An inverted attribution needs no comma: `… abroad” said Jon Finer.`
            set_off = set_off or bool(after and after[0].low in CUE_VERBS and not after[0].low.endswith("ing"))
            named, verb = self._after_attribution(after) if set_off else (None, None)
            if named is None and len(after) > 3 and after[0].low in {"is", "was"} and after[1].low == "how":
                # "“Courageous” is how Matthews described the work": the subject of the verb after "how".
                k = next((k for k in range(3, min(len(after), 8)) if after[k].low in ATTRIBUTING), None)
                if k is not None:
                    named, verb = self.speaker_of(after[2:k]), "said"  # as plain as "said": not a title
        if named is None and not after and said.rstrip("’'")[-1:] in ".!?":
            # A pull quote signed on its line: "“Aviary is flexible enough … teach you.” Jennifer Gratz
            # Aviary Task Lead" (a name and an office in capitals, no dash or verb, ending the paragraph).
            named = self._signature(quote)
            verb = "—" if named else None
        if named is None and not after and said.rstrip("’'")[-1:] in ".!?":
            named, verb = self._attribution_sentence(after_end)
        titled = title_like(words)
        if titled and verb not in PLAIN_SPEECH and verb != "—":
            named = None  # "“The Countdown”, Microsoft urged users": a title, unless plainly said
        speaker = self._replier(named, verb) or self.resolve(named, quote.open_at, previous)
        # Words end with their punctuation inside the marks; a title or a headline does not.
        ends = (
            aside or said.rstrip("’'”")[-1:] in ".!?,;:…" or bool(PUNCTUATION_AFTER.match(self.text, quote.unit_end))
        )
        if verb == "—" and not ends and not (speaker and speaker.kind == "person"):
            named = speaker = None  # `"Document found on street not secret" — The Canadian Press, August 15`
        introduced = any(t.low in CUE_VERBS for t in before[-2:])
        shouted = _shouted(before)
        paragraph = self.paragraph_index(quote.open_at)
        # "in his January 7 op-ed “At Voice of America, Complaints About Its Iranian Coverage.”": after a noun for a
        # work, words in capitals are its title, longer than a name in capitals alone may be.
        naming = (
            names_something(before)
            or bool(
                before
                and before[-1].low in WORKS
                and not before[-1].raw.endswith(",")
                and title_like(words, longest=16)
            )
            # "The March event, “An Unfinished Journey: Civil Rights for People with … the Federal Courts,” took place
            # at …": an event's name in apposition after its noun, set off by commas, may run past a subtitle's colon.
            or bool(before and before[-1].low.rstrip(",") in EVENTS and title_like(words, longest=24))
            # "contained in Military Personnel Message 15-270 “FY16 U.S. Army … Program Announcement.”": after a
            # document's noun and its number, words in capitals are its title ("U.S." a word like any other).
            or _numbered_document_title(before, words)
        )
        interrupted = None
        rules_accept, from_context = True, False
        if named is None:  # no attribution after it (`"…," they said` is one, naming no one)
            # A name or a title, unless a reporting verb leads straight into it: `Smith said, "No."`
            if (
                (not introduced and (naming or titled))
                or _charge_named(before)
                or _name_before_its_noun(before, after, titled)
            ):
                rules_accept = False  # (or a charge's name: "were charged with “gathering crowds to …”")
            else:
                partial = short or said[:1].islower()
                speaker = None
                if before and before[0].start == sentence[0] and _opening_participle(before[0]):
                    # "Calling Jacksonville “a city of opportunity,” Mayor Alvin Brown presented …": the
                    # participle's subject is the main clause's, after the quote.
                    speaker = self.resolve(self.main_subject(after), quote.open_at, previous) if after else None
                if speaker is None:
                    speaker = self._before_attribution(before, sentence, short, quote.open_at, previous, partial, ends)
                if speaker is None:
                    # "The award citation notes “…”", "this award “recognizes …”": the body presenting it.
                    speaker = self._award_presenter(before, quote.open_at)
                if speaker is None and partial:
                    # `It “underscored the desperation …” to satisfy its base, Miranda Devine writes in the
                    # Post.`: a partial quote inside the clause an attribution at the sentence's end reports.
                    speaker = self._clause_reporter(quote, sentence, previous)
                if speaker is None and partial:
                    # "Nancy Gahl lost her “soul mate” when … But after that loss, she says …": the
                    # person the sentence is about, whom the next sentence reports as speaking.
                    speaker = self._reported_next(quote, sentence, previous)
                interrupted = self._interrupted(n, sentence)
                if speaker is None and shouted is not None:
                    # "Smith shouted “No!”": whoever cried them out, if the sentence names them.
                    # (a person only: "Protesters shouted “shame”" names no one)
                    subject = self._subject(before, shouted, sentence)[0]
                    speaker = self.resolve(subject, quote.open_at, previous) if subject else None
                    if speaker is not None and speaker.kind != "person":
                        speaker = None
                # "White House officials said the U.S. opposes China’s “militarization”": a partial quote
                # in a clause a reporting verb reports is someone's words, named or not.
                # (Not one word qualifying the noun after it: issues related to “classified” information.)
                reported = (
                    said[:1].islower()
                    and not titled
                    and not interrupted
                    and not (len(words) == 1 and after and _qualifies_a_noun(after[0]))
                    and self._in_reported_clause(quote, sentence)
                )
                if speaker is None and interrupted:
                    speaker = interrupted.speaker  # "“This,” said Rep. Tom Cole, “is a good day.”"
                elif short and (speaker is None or speaker.kind == "unknown") and shouted is None and not reported:
                    rules_accept = False
                if rules_accept and speaker is None and not interrupted and shouted is None and not reported:
                    # (unless a reporting verb leads to it: "The report's authors say iodine deficiency is “the …”")
                    # A phrase mentioned mid-sentence ("a “buy one, get one free” offer") is no one's words,
                    # but words that finish the sentence with its own full stop inside the marks are quoted:
                    # `this award “recognizes distinguished service … administration.”`
                    # (Not after "is": `Her official title is “astronaut … specialist.”` names something,
                    # unless the words go on for sentences, as no title does: `The important thing is
                    # "understanding that … efforts. If you look at it … mindset."`)
                    finishes = (
                        len(words) >= 5
                        and said[-1:] in ".!?"
                        and not any(t.core for t in after)
                        and not (before and before[-1].low in BE_FORMS and not SENTENCES_INSIDE.search(said))
                    )
                    if (
                        said[:1].islower()
                        and before
                        and not finishes
                        and not any(_speaking(before, k) for k in range(-12, 0))
                    ):
                        rules_accept = False
                    elif not any(t.core and t.raw[0] not in "([" for t in after):
                        # Nothing follows it in the sentence ("…," read a sign): the speaker is the context's.
                        speaker = self._context_attribution(n, quote, sentence, previous)
                        from_context = True
                unclaimed = speaker is None or from_context
                # Nobody's, and no punctuation of speech: a title in a list of them (not a statement
                # that a paragraph ending in a colon announces, whose copy may have lost its full stops).
                if (
                    rules_accept
                    and unclaimed
                    and not interrupted
                    and shouted is None
                    and not ends
                    and not said[:1].islower()
                    and not (speaker and speaker.kind == "person" and self._announced(quote.open_at, paragraph))
                    and not (len(words) >= 5 and self._after_its_attribution(n))
                ):
                    rules_accept = False
                # A short sentence alone as its paragraph that nobody is found to have said ("“Your computer has
                # been hacked.”", a scam's line in a list of them): a wording listed, not someone's words.
                if (
                    rules_accept
                    and speaker is None
                    and not interrupted
                    and shouted is None
                    and len(words) < 8
                    and quote.open_at == self.paragraphs[paragraph][0]
                    and not self.text[quote.unit_end : self.paragraphs[paragraph][1]].strip()
                    and not SENTENCES_INSIDE.search(said)
                ):
                    rules_accept = False
        features = {
            "bias": 1.0,
            "rules_accept": float(rules_accept),
            "short": float(short),
            "words": math.log1p(len(words)) / 4,
            "title_like": float(titled),
            "names_something": float(naming),
            "introduced": float(introduced),
            "cue_in_sentence": float(sentence in self.cues_by_sentence),
            "speaker_person": float(bool(speaker) and speaker.kind == "person"),
            "speaker_organization": float(bool(speaker) and speaker.kind == "organization"),
            "speaker_none": float(speaker is None or speaker.kind == "unknown"),
            "lower_start": float(said[:1].islower()),
            "own_sentence": float(said[:1].isupper() and said[-1:] in ".!?"),
            "capitals": sum(w[:1].isupper() for w in words) / len(words) if words else 0.0,
            "set_off": float(set_off),
            "paragraph_start": float(quote.open_at == self.paragraphs[paragraph][0]),
            "interrupted": float(interrupted is not None),
            "closed": float(quote.closed),
            "ends_with_comma_inside": float(said[-1:] == ","),
        }
        if self.observe is not None:
            self.observe.append(((quote.start, quote.end), features))
        if not self.weights.accepts(features):
            return None
        if speaker is not None and speaker.kind == "unknown" and not rules_accept:
            speaker = None
        quote.accepted = True
        quote.speaker = speaker
        self.last_accepted[paragraph] = quote
        if speaker and speaker.name:
            if speaker.kind == "person":
                self.people.add(Named("name", speaker.name, quote.open_at, True, speaker.title, speaker.state))
            held = DOCUMENT_NOUN.search(self.masked, sentence[0], after_end) is not None
            for m in DOCUMENT_MENTION.finditer(self.masked, sentence[0], after_end) if held else ():
                self.documents.setdefault(m.group(1), _Timeline()).add(quote.open_at, speaker)
        return speaker

    def _clause_reporter(self, quote, sentence, previous):
        """Whose a partial quote is when the clause holding it is reported by a verb at the
        sentence's end ("<clause>, X writes."), or by a verb before it ("X told VOA that the
        killing was “totally unacceptable” and …"), or None."""
        for cue in self.cues_by_sentence.get(sentence, ()):
            if quote.open_at <= cue.verb.start < quote.unit_end:
                continue
            named = cue.named
            if named is None and cue.verb.start >= quote.unit_end:
                named = self._name_after(cue)  # "<clause holding it>, said Willie Wilson, WCAP director."
            if named is None:
                continue
            span = self._clause_before(cue) if cue.verb.start >= quote.unit_end else self._reported_clause(cue)
            if span and span[0] <= quote.open_at and quote.unit_end <= span[1] + 1:
                speaker = self.resolve(named, self._before_own_clause(cue, span), previous)
                if speaker and speaker.kind in {"person", "unnamed"}:
                    return speaker
        # "The plan is “reckless,” according to Senator Jane Doe.": the source of the clause holding it.
        if sentence not in self.according_in:
            held = _any_within(self.according_at, *sentence)
            matches = ACCORDING_TO.finditer(self.masked, *sentence) if held else ()
            self.according_in[sentence] = [found for m in matches for found in self._according_to(sentence, m)]
        for (start, end), speaker in self.according_in[sentence]:
            if start <= quote.open_at and quote.unit_end <= end + 1 and speaker.kind in {"person", "unnamed"}:
                return speaker
        return None

    def _in_reported_clause(self, quote, sentence):
        """Whether a reporting verb of the sentence reports the clause holding the quote, whoever
        its subject: "The administration says ASEAN is “the heart” of …"."""
        for cue in self.cues_by_sentence.get(sentence, ()):
            if quote.open_at <= cue.verb.start < quote.unit_end:
                continue
            span = self._clause_before(cue) if cue.verb.start >= quote.unit_end else self._reported_clause(cue)
            if span and span[0] <= quote.open_at and quote.unit_end <= span[1] + 1:
                return True
        return False

    @staticmethod
    def _before_own_clause(cue, span):
        """Where the reporter of a clause is looked for: at its verb, but for "<clause>, he said." at the
        clause's start, so that no name inside the clause is what the "he" or "she" after it stands for
        ("The Army's Performance Triad shows …, he said." is not the Triad's, "Jones will win, she said."
        not Jones's): a pronoun after the clause it reports cannot stand for a name inside it."""
        named = cue.named
        if named is not None and named.kind == "pronoun" and span[1] < cue.verb.start:
            return span[0]
        return cue.verb.start

    def _reported_next(self, quote, sentence, previous):
        """Whose a partial quote is in a sentence with no verb of saying whose subject is a person,
        when the next sentence of the paragraph has that person (by name or "he"/"she") say
        something: that person's, or None."""
        if sentence in self.cues_by_sentence:
            return None
        i = bisect_right(self.sentence_starts, quote.open_at) - 1
        if i + 1 >= len(self.sentences):
            return None
        following = self.sentences[i + 1]
        if self.paragraph_index(following[0]) != self.paragraph_index(quote.open_at):
            return None
        # The subject is in the sentence's opening words: read a bounded window, once per sentence
        # (a sentence of many quotes must not be read again for each).
        key = (i, min(quote.open_at, sentence[0] + 200))
        if key not in self.reported_next:
            self.reported_next[key] = self._reported_next_by(sentence, key[1], following, previous)
        return self.reported_next[key]

    def _reported_next_by(self, sentence, end, following, previous):
        subject = self.main_subject(self.tokens(sentence[0], end))
        if subject is None or subject.kind != "name":
            return None
        person = self.resolve(subject, sentence[0], previous)
        if person is None or person.kind != "person":
            return None
        for cue in self.cues_by_sentence.get(following, ()):
            if cue.named is not None and cue.verb.low in SAY | WRITE:
                said_by = self.resolve(cue.named, cue.verb.start, previous)
                if said_by is not None and said_by.name == person.name:
                    return person
        return None

    def _announced(self, position, paragraph):
        """Whether the quote opens its paragraph after one that ends in a colon ("… issued the
        following statement:")."""
        if paragraph == 0 or position != self.paragraphs[paragraph][0]:
            return False
        start, end = self.paragraphs[paragraph - 1]
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return end > start and self.text[end - 1] == ":"

    def _interrupted(self, n, sentence):
        """The first half of a quote interrupted by its attribution, if the n-th quote is the second."""
        if n == 0 or not self.quotes[n - 1].accepted or self.quotes[n - 1].open_at < sentence[0]:
            return None
        between = self.tokens(self.quotes[n - 1].unit_end, self.quotes[n].open_at)
        if len(between) > 1 and between[0].raw in DASHES and between[-1].raw in DASHES:
            return self.quotes[n - 1]  # "“…period” – the time it takes – “is now …”"
        attribution = 0 < len(between) <= 12 and between[-1].raw[-1] in ",:"
        if attribution and any(t.low in CUE_VERBS for t in between):
            return self.quotes[n - 1]
        # `"… do so," said Kelly "We are the lead …"` (a copy that lost its full stops): a verb and a
        # name alone between a quote closed with its comma and the next, which goes on with the words.
        first = self.quotes[n - 1]
        inverted = (
            1 < len(between) <= 5
            and self.text[first.start : first.end].rstrip()[-1:] == ","
            and between[0].low in CUE_VERBS
            and not between[0].low.endswith("ing")
            and all(t.capitalized and t.raw[-1].isalnum() for t in between[1:])
        )
        return first if inverted else None

    def _after_its_attribution(self, n):
        """Whether the n-th quote follows, in the same paragraph, a quote closed with its comma and a short
        sentence attributing it (`"…," said Dubois. "If you're missing … to your mission"`): the second
        part of those words, even when the copy lost the punctuation inside its closing mark."""
        if n == 0 or not self.quotes[n - 1].accepted:
            return False
        first = self.quotes[n - 1]
        if self.paragraph_index(first.open_at) != self.paragraph_index(self.quotes[n].open_at):
            return False
        between = self.tokens(first.unit_end, self.quotes[n].open_at)
        return (
            self.text[first.start : first.end].rstrip()[-1:] == ","
            and 1 < len(between) <= 8
            and between[-1].raw.endswith(".")
            and (between[0].low in CUE_VERBS or between[-2].low in CUE_VERBS)
        )

    def _attribution_sentence(self, position):
        """`“… Christmas.” Stover said.`: a short sentence of a name and a verb right after a quote."""
        following = self.sentence_at(SPACES.match(self.masked, position).end())
        if following[0] > position + 3:
            return None, None
        toks = self.tokens(*following)
        if not 1 < len(toks) <= 6 or any(PUA in t.raw for t in toks) or toks[-1].raw[-1] != ".":
            return None, None
        if toks[0].low in CUE_VERBS:
            return self._after_attribution(toks)
        if toks[-1].low in CUE_VERBS and not passive_or_negated(toks, len(toks) - 1):
            return self.speaker_of(toks[:-1]), toks[-1].low
        return None, None

    def _after_attribution(self, after):
        """Who and which verb: "…," said Ambassador Mohib. / "…," Jack Garner, film critic, said.

        The verb is None when it goes on to report a clause of its own."""
        after = [t for t in after if t.core or t.raw in {"—", "–", "-"}]
        if not after or PUA in after[0].raw:
            return None, None
        if after[0].raw in {"—", "–", "-"}:
            # A press release's "“…” – Governor Maria Lopez of Arizona".
            chunks = split_chunks(after[1:])
            return self.speaker_of(chunks[0] if chunks else []), "—"
        if len(after) > 2 and after[0].low == "according" and after[1].low == "to":
            # `enough to kill a person “within a few weeks”, according to the World Nuclear Association, and …`: the
            # source named right after the words, up to its comma, if it is a person or an organization.
            phrase = []
            for tok in after[2:]:
                if tok.low in PHRASE_ENDS:
                    break
                phrase.append(tok)
                if tok.raw[-1] in ",;:!?" or (tok.raw[-1] == "." and not is_abbreviation(tok.raw)):
                    break
            if len(phrase) > 1 and phrase[0].low == "the" and phrase[1].capitalized:
                phrase = phrase[1:]  # the body's name, not "the"
            named = self.speaker_of(phrase)
            speaker = self.resolve(named, after[0].start)
            if speaker is not None and speaker.name and speaker.kind in {"person", "organization"}:
                return named, "according to"
            return None, None
        # `"…," states White House Press Secretary Dana Perino.`, `"…," notes Secretary Abraham, "…"`:
        # "states", "notes" (nouns as often as verbs) open an inverted attribution when a name in
        # capitals follows and ends the sentence or comes before the quote's second part.
        inverted = after[0].low in FINAL_REPORTING and _inverted_at(after, 0)
        # `"…," read the statement.`: a writing that ends the sentence "reads" the words (as `the statement read`).
        inverted = inverted or (
            after[0].low in {"read", "reads"} and 1 < len(after) <= 5 and after[-1].core.lower() in DOCUMENTS
        )
        if (after[0].low in CUE_VERBS or inverted) and not after[0].low.endswith("ing"):
            phrase = []
            for k, tok in enumerate(after[1:], start=1):
                # "said Council on Environmental Quality Chair Brenda Mallory": "on" inside a name
                inside = (
                    phrase
                    and (phrase[-1].core in ORG_OR_OFFICE_WORDS or is_title(phrase[-1].core))
                    and k + 1 < len(after)
                    and after[k + 1].capitalized
                    and tok.low in {"on", "of", "for", "in"}
                )
                if tok.low in PHRASE_ENDS and not inside:
                    break
                if tok.low == "for" and not inside and phrase and self._titled_name(phrase):
                    break  # "said Assistant Administrator David M. Uhlmann for EPA's Office of …": his office
                phrase.append(tok)
                if tok.raw[-1] in ",;:!?" or (tok.raw[-1] == "." and not is_abbreviation(tok.raw)):
                    break
            named = self.speaker_of(phrase)
            if named is None or named.kind != "name":
                named = self._name_after_described(after, len(phrase) + 1) or named
            return named, after[0].low
        for k, tok in enumerate(after[:15]):
            if PUA in tok.raw:
                break
            final = tok.low in FINAL_REPORTING and k == len(after) - 1 and k > 0
            if (tok.low in CUE_VERBS or final) and not passive_or_negated(after, k):
                # `At “Rivers, Roads and Rails,” Mayor Banks said the city …`: a verb that goes on to
                # report a clause is not the quote's attribution verb (the name is still the subject).
                nxt = after[k + 1] if k + 1 < len(after) and tok.raw[-1] not in ",.;:!?" else None
                clause = nxt is not None and (nxt.low == "that" or nxt.low in CLAUSE_OPENERS)
                return self._subject(after, k, (after[0].start, tok.end))[0], None if clause else tok.low
        return None, None

    def _name_after_described(self, after, k):
        """`"…," said a BBC executive, Caroline Thomson.`, `said the Attorney General of Baja California, Maria
        Elena Andrade Ramírez, who …`: the name set off after a described person in apposition ("a"/"an"/"the"
        and a description, then its comma), ending the sentence or set off in turn, is the speaker."""
        phrase = after[1:k]
        if len(phrase) < 2 or phrase[-1].raw[-1] != ",":
            return None
        if phrase[0].low not in ARTICLES and not _office_of_body(phrase):
            return None
        name = []
        for tok in after[k : k + 6]:
            if not tok.name_word and not (tok.capitalized and is_title(tok.core)):
                break  # ("Lieutenant Colonel Joel Armstrong": a rank in capitals before the name is read with it)
            name.append(tok)
            if tok.raw[-1] in ",.;:!?" and not is_abbreviation(tok.raw):
                break
        if not name or (name[-1].raw[-1] not in ",." and k + len(name) != len(after)):
            return None
        named = self.speaker_of(name)
        return named if named is not None and named.kind == "name" and len(named.words) > 1 else None

    def _signature(self, quote):
        """The name signing a quote that opens its paragraph, when all that follows it to the paragraph's
        end is a first name known to be one, a surname and words in capitals (an office), or None."""
        paragraph = self.paragraphs[self.paragraph_index(quote.open_at)]
        if quote.open_at != paragraph[0] or quote.unit_end >= paragraph[1]:
            return None
        n = bisect_left(self.quote_starts, quote.unit_end)
        if n < len(self.quotes) and self.quotes[n].open_at < paragraph[1]:
            return None  # (another quote in the paragraph: not a signature line)
        if paragraph[1] - quote.unit_end > SIGNATURE_CHARACTERS:
            return None  # (a signature is a short line: a long paragraph's rest is not read)
        after = self.tokens(quote.unit_end, paragraph[1])
        if not 2 <= len(after) <= 10:
            return None
        if after[0].core not in FIRST_NAME_GENDER or not all(t.capitalized or t.low in ORG_JOINS for t in after):
            return None
        if any(not t.core or t.raw[-1] in ",;:.!?" for t in after[:2]):
            return None
        return self.speaker_of(after[:2])

    def _document_subject(self, before, position):
        """Who issued the document that is the subject of a verb ("CBS News analysis described the debate
        as …", "The WADA report called it …"): the names in capitals before the document's word, as an
        organization (or a person named in full), or None."""
        chunks = split_chunks(before) if before else []
        chunk = chunks[-1] if chunks else []
        if chunk and chunk[0].low in ARTICLES:
            chunk = chunk[1:]
        if len(chunk) < 2 or chunk[-1].core.lower() not in DOCUMENTS:
            return None
        words = chunk[:-1]
        if not all(t.capitalized and not t.possessive for t in words) or PUA in chunk[-1].raw:
            return None
        person = self.speaker_of(words)
        if person is not None and person.kind == "name" and len(person.words) > 1 and self.gender(person):
            return self.resolve(person, position)
        name = self.text[words[0].start : words[-1].end]
        return Speaker(" ".join(name.split()), "organization")

    def _titled_name(self, phrase):
        """Whether the words are a titled person's name ("Assistant Administrator David M. Uhlmann")."""
        named = self.speaker_of(phrase)
        return named is not None and named.kind == "name" and bool(named.title) and len(named.words) > 1

    def _before_attribution(self, before, sentence, short, position, previous, partial=False, ends=True):
        """ "… Chris Gregoire said, "…", a cue earlier in the clause, "Name: "…", or "according to X".

        A partial quote may also be someone's by a verb such as "urged" or "accused" (PARTIAL_CUES)."""
        tries = 3  # verbs such as "urging" whose subject is no one: a few are passed, not a clause of them
        # A quote in a list of them: "attacks Trump as “a clown,” “a joke,” and “dangerous.”": the
        # words before the list lead into each item.
        listed = len(before)
        while listed > 1 and (PUA in before[listed - 1].raw or before[listed - 1].low in LIST_WORDS):
            listed -= 1
        if listed < len(before) and PUA in before[listed].raw:
            before = before[:listed]
        # "… acknowledged the forces — in the words of the WADA report — “…”": a source named between
        # the verb and the quote is whose words they are, not the verb's subject.
        labelled = self._name_label(before, position, previous)
        if labelled:
            return labelled
        sourced = None
        start = before[0].start if before else position
        held = _any_within(self.source_at, start, position)
        for m in AS_SOURCE.finditer(self.masked, start, position) if held else ():
            sourced = m
        reach = 9  # how far back a short quote's verb may be
        for k in range(len(before) - 1, -1, -1):
            if short and len(before) - k > reach:
                break
            if reach == 9 and k and before[k].low.endswith("ing") and before[k - 1].raw.endswith(","):
                # "… described the debate as …, finding him in control and appearing “reasonable”": a
                # participle's phrase set off by a comma has the subject and verb of the clause before it.
                reach = len(before) - k + 12
            if sourced and before[k].end <= sourced.start():
                break
            low = before[k].low
            cue = (
                low in ATTRIBUTING
                or (low in VERBS_BEFORE_THAT and verb_before_that(before, k))  # (the test it opens with)
                or (partial and low in PARTIAL_CUES)
                # "Mayor Ray Nagin fears that there may be “thousands” of fatalities": words in the clause someone
                # fears are theirs (not "as bad as Ann Cole feared, a “mess”", with no clause of "that").
                or (partial and low in FEARING and k + 1 < len(before) and before[k + 1].low == "that")
                # "The White House statement read, “…”": a writing "reads" its words, right before them.
                or (low in {"read", "reads"} and k == len(before) - 1 and k and before[k - 1].low in DOCUMENTS)
            )
            if cue and PUA not in before[k].raw and not passive_or_negated(before, k):
                outer = self._reporter_of_thing(before, k, sentence, position, previous)
                if outer:
                    return outer
                subject, subject_start = self._subject(before, k, sentence)
                speaker = self._statement_issuer(before, k, subject, subject_start, position)
                if speaker is None:
                    speaker = self.resolve(subject, position, previous)
                if speaker is None:
                    speaker = self._document_subject(before[:k], position)
                if speaker is None or speaker.kind == "unnamed":
                    # "The new president of the Philippines has promised to be “relentless” …. Rodrigo Duterte
                    # was sworn in Thursday.": a person described before the text names them.
                    speaker = self._described_then_named(before[:k], position) or speaker
                if speaker:
                    return speaker
                tries -= 1
                if before[k].low not in PARTIAL_CUES or not tries:
                    break
        # A label before the quote: "Name, title:" or, opening the paragraph, "Rodney McMullen – Kroger CEO “…”".
        colon = before and len(before) <= 16 and before[-1].raw.endswith(":")
        label = colon or (
            ends
            and before
            and len(before) <= 12
            and not _opening_participle(before[0])
            and before[0].start == self.paragraphs[self.paragraph_index(position)][0]
            and all(t.capitalized or t.raw in DASHES or t.low in ORG_JOINS or t.low in PARTICLES for t in before)
        )
        # A long sentence ending in a colon is read from its last comma: "As the administration endangers …,
        # Governor Gavin Newsom today issued the following statement: “…”".
        clause = before if colon else _after_last_comma(before) if before and before[-1].raw.endswith(":") else []
        if 0 < len(clause) <= 16 and any(
            t.raw.islower() and t.low.endswith("ed") and _name_then_fillers(clause, k)
            for k, t in enumerate(clause)
            if k
        ):
            # "Rep. Jasmine Crockett threatened Republicans: “…”": a sentence whose verb follows a name (or a
            # name and a word such as "today": "Governor Gavin Newsom today issued the following statement:"),
            # not a label: its subject is the speaker, not the name of its object.
            speaker = self.resolve(self.main_subject(clause), position, previous)
            if speaker and speaker.kind == "person":
                return speaker
        if colon and any(t.low in PLAIN_SPEECH for t in before[:-1]):
            # "Kazemi's uncle told CNN: “…”": a sentence with a verb of speech whose subject is no one named, not a
            # label; the name after the verb is whom the words were told to.
            label = False
        if label:
            # "Ohio Senator Ann Keel, Chair, Senate Finance Committee:": of the phrases between commas,
            # the person, else the whole.
            speakers = [self.resolve(self.speaker_of(chunk), position, previous) for chunk in split_chunks(before)]
            speaker = next((s for s in speakers if s and s.kind == "person" and " " in s.name), None)
            if colon and len(before) == 1 and before[0].core.lower() in LABEL_WORDS:
                return None  # "EXCERPT: “WHEREAS, …”": the page's label for what follows, not a speaker
            if colon:
                organization = self._organization_label(before, position)
                speaker = organization or speaker or self.resolve(self.speaker_of(before), position, previous)
            if speaker:
                return speaker  # without a colon, only a person's name: not "Embry-Riddle University “A Title”"
        if not short and before and before[0].start == self.paragraphs[self.paragraph_index(position)][0]:
            # A titled name's label opening the paragraph, then the page's own words before the quote:
            # "U.S. Senator Steve Daines (R-MT): Securing a final cleanup decision … “is big news …”".
            end = next((k for k, t in enumerate(before[:12]) if t.raw.endswith(":")), None)
            if end is not None and end < len(before) - 1 and self._titled_name(before[: end + 1]):
                speaker = self.resolve(self.speaker_of(before[: end + 1]), position, previous)
                if speaker and speaker.kind == "person":
                    return speaker
        source = None
        held = _any_within(self.source_at, sentence[0], position)
        for m in AS_SOURCE.finditer(self.masked, sentence[0], position) if held else ():
            if source is None or m.group().startswith("quoting"):
                source = self._source_after(m.end(), position)
        return self.resolve(source, position, previous)

    def _statement_issuer(self, before, k, subject, subject_start, position):
        """The organisation whose statement a group of its officials or a body named after someone gives
        ("Trump administration officials said in a statement that “…”" and later "The White House
        statement read"; "White House officials said in a statement"; "The Reed campaign said in a
        statement"), or None: the statement is the organisation's, not a person's it names nor no one's.

        Only with "in a statement" right after the verb. The issuer is the organisation a later sentence
        (at most three on) names before "statement"; else the capitals before "officials"; else the
        capitals and the noun for the body ("Reed campaign")."""
        if subject_start is None or not STATEMENT_AFTER.match(self.masked, before[k].end):
            return None
        words = [t for t in before[:k] if t.start >= subject_start]
        if words and words[0].low in ARTICLES:
            words = words[1:]
        group = subject is not None and subject.kind == "group" and words and words[-1].low in GROUPS
        body = len(words) > 1 and words[-1].low in BODY_NOUNS and all(t.capitalized for t in words[:-1])
        if not (group or body) or not words[:-1] or any(t.possessive or t.raw[-1] in ",;:" for t in words):
            return None
        i = bisect_right(self.sentence_starts, position) - 1
        for start, end in self.sentences[i + 1 : i + 4]:
            m = NAMED_STATEMENT.search(self.masked, start, end)
            if m:
                return Speaker(" ".join(m.group(1).split()), "organization")
        if group and all(t.capitalized or t.low in ORG_JOINS for t in words[:-1]) and words[0].capitalized:
            return Speaker(self.text[words[0].start : words[-2].end], "organization")
        if group and len(words) == 3 and words[1].low == "administration" and words[0].capitalized:
            # "Trump administration officials": the White House of the president of that name, if the text
            # names him so ("U.S. President Donald Trump").
            president = self.people.latest_before(position, "president")
            if president is not None and president.words and president.words[-1] == words[0].core:
                return Speaker("White House", "organization")
        if body:
            return Speaker(self.text[words[0].start : words[-1].end], "organization")
        return None

    def _described_then_named(self, before, position):
        """The person the next sentence opens with, when the verb's subject describes someone not yet
        named ("The new president of the Philippines has promised …", "with a key member of Congress
        saying, “…”" and then "Rep. Marcy Kaptur (D-OH), …, told …"), or None.

        The description is an article, at most three words in small letters, a title (not a noun
        for anyone, "a neighbor of …", nor a spokesperson, whom no later name need be) and an
        organisation or place in capitals after "of", "for" or "in"; the name opens the next
        sentence, is a person's full name and is printed there for the first time."""
        while before and before[-1].low in AUXILIARIES:
            before = before[:-1]
        d = next((d for d in range(len(before) - 1, 0, -1) if _opens_description(before[d - 1])), 0)
        if len(before) - d > 10 or not before or before[d].low not in ARTICLES:
            return None
        described = before[d:]
        head = next((h for h in range(1, min(5, len(described))) if described[h].low in DESCRIBED_BY), None)
        if head is None or head < 2 or head + 1 >= len(described):
            return None
        noun, words = described[head - 1], described[1 : head - 1]
        if not is_title(noun.low) or noun.low in PERSON_NOUNS or noun.low in SPOKESPEOPLE:
            return None
        if any(not t.raw.islower() or t.raw[-1] in ",;:" for t in [*words, noun]):
            return None
        if not all(t.capitalized or t.low in ORG_JOINS or t.low == "the" for t in described[head + 1 :]):
            return None
        i = bisect_right(self.sentence_starts, position) - 1
        if i + 1 >= len(self.sentences):
            return None
        start, end = self.sentences[i + 1]
        named = self.main_subject(self.tokens(start, min(end, start + 200)))
        if named is None or named.kind != "name" or named.start > start + 40 or len(self.fullest(named).words) < 2:
            return None
        surname = named.words[-1]
        if any(m.words and m.words[-1] == surname for m in self.mentions if m.start < position):
            return None  # named before: not whom a description stands for first
        if any(t.core.startswith(surname) for t in described):
            return None  # "A neighbor of the Smiths said …. John Smith …": someone of that family, not he
        return self.resolve(named, named.start)

    def _reporter_of_thing(self, before, k, sentence, position, previous):
        """The one who reports a clause whose verb has someone's thing for subject: "But he said Comey's
        testimony confirmed the president “…”" quotes "he", not Comey; or None."""
        m = next((n for n in range(k - 1, -1, -1) if before[n].low in PLAIN_SPEECH), None)
        if m is None or passive_or_negated(before, m):
            return None
        thing = before[m + 2 : k] if m + 1 < k and before[m + 1].low == "that" else before[m + 1 : k]
        if not (1 < len(thing) <= 4 and thing[0].possessive and thing[0].capitalized):
            return None
        if any(t.capitalized or t.raw[-1] in ",;:" for t in thing[1:]):
            return None
        speaker = self.resolve(self._subject(before, m, sentence)[0], position, previous)
        return speaker if speaker and speaker.kind == "person" else None

    def _by_first_name(self, named):
        """The one person named in full whose first name this single word is, or the word itself."""
        if self._first_names is None:
            self._first_names = {}
            for mention in self.mentions:
                if len(mention.words) > 1:
                    self._first_names.setdefault(mention.words[0], set()).add(mention.words)
        found = self._first_names.get(named.words[0], ())
        if len(found) != 1:
            return named
        words = next(iter(found))
        return next(m for m in self.mentions if m.words == words)

    def _name_label(self, before, position, previous):
        """A label opening the paragraph, a person's full name and then their office, however long:
        "Dennis Ross, Counselor at Washington Institute … and former U.S. Envoy to the Middle East: “…”",
        "Michael Herzog, Israeli Ambassador to the United States: “…”". The name before the first comma
        is the speaker, not a word of the office; a label holding a verb of saying is a sentence."""
        if not before or before[-1].raw[-1:] != ":" or len(before) > 40:
            return None
        if before[0].start != self.paragraphs[self.paragraph_index(position)][0]:
            return None
        chunks = split_chunks(before)
        if len(chunks) > 2 and all(is_title(t.core) or t.low in ORG_JOINS for t in chunks[-1]):
            # "Northwest RiverPartners, Clark Mather, Executive Director:": an organization, a name, then
            # nothing but the name's office: the name right before the office, not capitals before it.
            named = self.speaker_of(chunks[-2])
            if named is not None and named.kind == "name" and len(named.words) > 1:
                speaker = self.resolve(named, position, previous)
                if speaker and speaker.kind == "person":
                    return speaker
        comma = next((k for k, t in enumerate(before) if t.raw.endswith(",")), None)
        if comma is None or not 1 <= comma <= 3 or any(t.low in ATTRIBUTING for t in before):
            return None
        name = before[: comma + 1]
        if not all(t.capitalized for t in name):
            return None
        named = self.speaker_of(name)
        if named is None or named.kind != "name" or len(named.words) < 2:
            return None
        speaker = self.resolve(named, position, previous)
        return speaker if speaker and speaker.kind == "person" else None

    def _organization_label(self, before, position):
        """A heading that is an organization's whole name, opening its paragraph: "National Association
        of Latino Elected Officials: “…”", "Department of Economics at the University of California,
        Berkeley: “…”" (not the last words of it)."""
        words = before[:-1] if before[-1].raw == ":" else before
        if not words or words[0].start != self.paragraphs[self.paragraph_index(position)][0] or len(words) > 14:
            return None
        if not all(t.capitalized or t.low in ORG_JOINS or t.low in {"at", "the"} for t in words):
            return None
        if not words[0].capitalized or not any(t.core in ORG_WORDS for t in words):
            return None
        if any(is_title(t.core) for t in words):
            return None  # "Environmental Protection Agency Administrator Zeldin:": a person and office
        name = self.text[words[0].start : words[-1].end].rstrip(":,; ")
        return Speaker(" ".join(name.split()), "organization")

    def _source_after(self, start, limit):
        """The X of "according to X," or "quoting X,", with an apposition: "the team's coach, Alireza Mehraban"."""
        chunks = split_chunks(self.tokens(start, limit))[:2]
        # "in the words of the WADA report": the issuer of the document, not the document.
        chunks = [_issuer(chunk) for chunk in chunks]
        if len(chunks) == 2 and chunks[0] and is_title(chunks[0][-1].core):
            # "According to USGS Surface Water Specialist, Robert Meyer, in Sacramento,": an office set off
            # by its comma before the name of its holder (the capitals before the comma are no name).
            holder = self.speaker_of(chunks[1])
            if holder is not None and holder.kind == "name" and len(holder.words) > 1:
                return holder
        found = [named for chunk in chunks if (named := self.speaker_of(chunk))]
        # "in the words of the Crown prosecutor, Mark Tedeschi,": the name rather than the role.
        return next((named for named in found if named.kind == "name"), found[0] if found else None)

    def _heading_speaker(self, toks):
        """Who a heading before a quote names. "Charlie Bolden, NASA Administrator:", "Michigan Senator
        Debbie Stabenow, Chair, Senate Agriculture … Committee:": the person before the first comma,
        the rest their office (read whole, the capitals ran together into one name or organization).
        "Secretary Perdue Statement on …": the name before a document's noun, not the noun with it."""
        document = next((k for k, t in enumerate(toks) if k and t.capitalized and t.low in DOCUMENTS), None)
        if document is not None:
            author = self.speaker_of(toks[:document])
            if author is not None and author.kind == "name":
                return author
        named = self.speaker_of(toks)
        comma = next((k for k, t in enumerate(toks[:-1]) if t.raw.endswith(",")), None)
        if comma is None or (named is not None and named.kind == "name" and named.start > toks[comma].start):
            return named
        first = self.speaker_of(toks[: comma + 1])
        if first is not None and first.kind == "name":
            return first
        return named

    def _writing_owner(self, toks, position, previous):
        """The person whose writing a sentence opens with: "Commissioner Putnam’s statement is below", "Mayor Reed's
        full remarks follow" (capitals, a possessive, then a statement, remarks, comments or a message), or None."""
        for k, tok in enumerate(toks[:6]):
            if not tok.capitalized:
                return None
            if tok.possessive:
                rest = [t.low for t in toks[k + 1 : k + 3]]
                if rest[:1] and rest[0] in WRITING_ADJECTIVES:
                    rest = rest[1:]
                if not rest or rest[0].rstrip(":,") not in STATEMENT_NOUNS:
                    return None
                i = k
                while i > 0 and (toks[i - 1].name_word or joins_name(toks, i - 1)):
                    i -= 1
                speaker = self.resolve(self.parse_name(toks, i, k + 1, possessive=True), position, previous)
                return speaker if speaker and speaker.kind == "person" else None
        return None

    def _only_person_named(self, first, last, previous):
        """The one person the text names between `first` and `last`, or None if it names none or several."""
        people = {}
        k = bisect_left(self.mention_starts, first)
        for mention in self.mentions[k : bisect_left(self.mention_starts, last)]:
            speaker = self.resolve(mention, first, previous)
            if speaker and speaker.kind == "person":
                people.setdefault(speaker.name, speaker)
        return next(iter(people.values())) if len(people) == 1 else None

    def _unnamed_sayer(self, sentence):
        """The unnamed person who opens a sentence as the subject of its first verb of saying ("Her brother says …",
        "A neighbor said …"), or None."""
        cues = [c for c in self.cues_by_sentence.get(sentence, ()) if c.named]
        if not cues or cues[0].named.kind != "unnamed":
            return None
        first = self.tokens(*sentence)[:1]
        return cues[0].named if first and cues[0].subject_start == first[0].start else None

    def _context_attribution(self, n, quote, sentence, previous):
        """Whose an unattributed quote is: the speaker of the quote before it, or the lead-in paragraph's."""
        p = self.paragraph_index(quote.open_at)
        earlier = self.last_accepted.get(p)
        if earlier:
            return earlier.speaker
        if quote.open_at == self.paragraphs[p][0] and p > 0:
            lead = self.paragraphs[p - 1]
            body = self.text[lead[0] : lead[1]].rstrip()
            # "U.S. Senator Tammy Duckworth (D-IL) released the following statement on Senator Al
            # Franken:" is a sentence with its verb, not a heading: its subject, not the last name.
            issuing = any(t.low in ISSUING_VERBS for t in self.tokens(lead[0], lead[1]))
            if self.is_heading(lead) and not issuing:
                heading = self._heading_speaker(self.tokens(lead[0], lead[0] + len(body.rstrip(":"))))
                speaker = self.resolve(heading, lead[0], previous)
                if speaker:
                    return speaker
            last_sentence = self.sentence_at(lead[1] - 1)
            if body.endswith(":") or (
                body.endswith(",") and word_before(body, 0, len(body)).lower().rstrip(",") in CUE_VERBS
            ):
                # "Rathbun stated:" or "Rathbun stated," closing the paragraph before the quote.
                cues = [c for c in self.cues_by_sentence.get(last_sentence, ()) if c.named]
                if cues:
                    return self.resolve(cues[0].named, cues[0].verb.start, previous)
                if body.endswith(":"):
                    # "Administrator Michael S. Regan issued the following statement:", no verb of saying.
                    speaker = self.resolve(self.main_subject(self.tokens(*last_sentence)), last_sentence[0], previous)
                    if speaker and speaker.kind in {"person", "organization"}:
                        return speaker
                    # "Commissioner Putnam’s statement is below:": whose the writing is that the lead-in points to.
                    speaker = self._writing_owner(self.tokens(*last_sentence), last_sentence[0], previous)
                    if speaker:
                        return speaker
            quoted = self.last_accepted.get(p - 1)
            if quoted is None and p > 1 and body.endswith(":") and len(body.split()) <= 3 and "\u201c" not in body:
                # "More excerpts:" alone between the speaker's quotes: the quote before the label.
                quoted = self.last_accepted.get(p - 2)
            if quoted:
                return quoted.speaker
            # "The following is a statement from NASA Administrator Sean O'Keefe regarding …"
            issued = STATEMENT_BY.search(self.masked, *last_sentence)
            if issued:
                toks = self.tokens(issued.end(), last_sentence[1])
                end = next((k for k, t in enumerate(toks) if not (t.capitalized or t.low in ORG_JOINS)), len(toks))
                speaker = self.resolve(self.speaker_of(toks[:end]), last_sentence[0], previous)
                if speaker and speaker.kind in {"person", "organization"}:
                    return speaker
            # A quote alone after a paragraph whose last sentence opens with an unnamed person saying something: "Her
            # brother says she has the skill … ¶ “Thankfully, she's very good at it.”" (not the "her" of "Her brother")
            unnamed = self._unnamed_sayer(last_sentence)
            if unnamed is not None:
                return self.resolve(unnamed, last_sentence[0], previous)
            # A quote alone after a paragraph about someone: "She is now the site supervisor …"
            speaker = self.resolve(self.main_subject(self.tokens(*last_sentence)), last_sentence[0], previous)
            if speaker and speaker.kind == "person":
                return speaker
            # or after a paragraph that names one person only, though not as its last sentence's subject, which
            # still speaks of that person: "It all started when a man named Peter Kim asked his son … a question.
            # The answer surprised him. ¶ “I asked …”" (not a listing's item naming someone, then a quote)
            if PERSONAL_PRONOUNS.isdisjoint(t.low for t in self.tokens(*last_sentence)):
                # (unless the paragraph opens with the speaker of the quote before it as its subject: "“…,” DA
                # Stephan said. ¶ During a news conference, DA Stephan provided an update …. The law requires … ¶
                # “I’m deeply grateful …”", the writer's interlude between two of her quotes)
                quoted = self.last_accepted.get(p - 2) if p > 1 else None
                if quoted and quoted.speaker and quoted.speaker.kind == "person":
                    first_sentence = self.sentence_at(lead[0])
                    subject = self.main_subject(self.tokens(*first_sentence))
                    speaker = self.resolve(subject, first_sentence[0], previous)
                    if speaker and speaker.name == quoted.speaker.name:
                        return speaker
                return None
            return self._only_person_named(lead[0], lead[1], previous)
        nearest = []
        for i in range(bisect_right(self.sentences, sentence) - 2, -1, -1):
            earlier_sentence = self.sentences[i]
            if self.paragraph_index(earlier_sentence[0]) != p:
                break
            toks = self.tokens(*earlier_sentence)
            if len(nearest) < 3:
                nearest.append((earlier_sentence, toks))
            # "According to Welch, one of the strengths … is their ability …. “You don’t see that everywhere.”":
            # the person whose words the sentence reports.
            held = _any_within(self.according_at, *earlier_sentence)
            for m in ACCORDING_TO.finditer(self.masked, *earlier_sentence) if held else ():
                source = next((sp for _, sp in self._according_to(earlier_sentence, m) if sp.kind == "person"), None)
                if source:
                    return source
            # "…, Hobbs said. “During …”", "… what Gopalswamy calls a library … “That way …”": the
            # subject of the sentence's reporting verb, if it has one, else the sentence's own ("The
            # agency issued a statement.").
            # (not a verb before "to": "VOA continues to reach millions …", "is said to be")
            cue = next(
                (
                    c
                    for c in self.cues_by_sentence.get(earlier_sentence, ())
                    if c.named
                    and not TO_AFTER.match(self.masked, c.verb.end)
                    # (not "when he said" after "He accused Trump of …": the sentence is the accuser's)
                    and not WHEN_PRONOUN.search(self.masked, max(0, c.verb.start - 12), c.verb.start)
                ),
                None,
            )
            named = cue.named if cue else None
            if named is None:
                # "…, said Hicks. “I want …”", "…, explains Hicks, due to the goals …. “I want …”": the name after
                # the reporting verb, where the sentence's own subject is the clause's.
                named = next(
                    (n for c in self.cues_by_sentence.get(earlier_sentence, ()) if (n := self._name_after(c))), None
                )
            if named or any(
                t.low in COMMUNICATION or (t.low in CUE_VERBS and not (k + 1 < len(toks) and toks[k + 1].low == "to"))
                for k, t in enumerate(toks)
            ):
                named = named or self.main_subject(toks)
                speaker = self.resolve(named, earlier_sentence[0], previous)
                return speaker if speaker and speaker.kind != "unknown" else None
        for earlier_sentence, toks in nearest:
            # A quote after sentences about someone, with no verb of saying: "Hal Maring, NASA
            # scientist, experienced it. “The DC-8 has flown …”" (as for a lead-in paragraph above);
            # "And she is a firm believer in positive thinking. Dream the impossible dream. “…”".
            speaker = self.resolve(self.main_subject(toks), earlier_sentence[0], previous)
            if speaker and speaker.kind == "person":
                return speaker
        if nearest:
            # "… is something Hal Maring, NASA Earth Science Division scientist, experienced. “The DC-8 has
            # flown …”": a sentence right before whose subject is no one's, naming one person only.
            (first, last), _ = nearest[0]
            speaker = self._only_person_named(first, last, previous)
            if speaker:
                return speaker
        # "… told an audience at VOA that, “…”" then "Today, VOA continues to reach millions …. “Ukrainians still
        # look to VOA …”": after a sentence of the writer's naming no speaker, the person quoted just before.
        # (only when that quote ends its paragraph, and this one has whole sentences before the quote naming no one)
        quoted = self.last_accepted.get(p - 1) if p else None
        if (
            quoted
            and quoted.speaker
            and quoted.speaker.kind == "person"
            and not self.text[quoted.unit_end : self.paragraphs[p - 1][1]].strip(" .,\u201d\"'")
            and self.text[self.paragraphs[p][0] : quote.open_at].rstrip()[-1:] in {".", "!", "?"}
            and not self._names_a_person(self.paragraphs[p][0], quote.open_at, previous)
        ):
            return quoted.speaker
        return None

    def _names_a_person(self, start, end, previous):
        """Whether a name printed between start and end is a person's."""
        k = bisect_left(self.mention_starts, start)
        for mention in self.mentions[k : bisect_left(self.mention_starts, end)]:
            speaker = self.resolve(mention, start, previous)
            if speaker and speaker.kind == "person":
                return True
        return False

    def _paraphrases(self):
        found = []
        # Spans already proposed, in order; they never overlap, so their ends are in order too.
        taken = [(q.open_at, q.unit_end) for q in self.quotes if q.accepted]
        for cue in self.cues:
            span = self._reported_clause(cue)
            named = cue.named
            if span is not None and named is None and span[1] < cue.verb.start:
                # "<clause>, said Willie Wilson, WCAP program director.": the name after the verb
                named = self._name_after(cue)
            if span is None or named is None or cue.verb.low in DENYING:
                # (a denial's clause holds the quotes it attributes, "denied that the UK was “complicit”", but is
                # what the speaker says is not so: no paraphrase)
                continue
            speaker = self._replier(named, cue.verb.low) or self.resolve(named, self._before_own_clause(cue, span))
            if speaker and (speaker.kind in {"person", "unnamed"}):
                if wish := AND_WISH.search(self.masked, span[0], span[1]):
                    # "said they are happy that … and hoped that the attorney …": the speaker's wish or promise,
                    # with a clause of its own, is no saying and ends what is reported (the partial quotes in it
                    # stay the speaker's: the span read for them is the whole).
                    span = (span[0], wish.start())
                found.append((span, speaker))
        for sentence in self.sentences:
            if _any_within(self.according_at, *sentence):
                for m in ACCORDING_TO.finditer(self.masked, *sentence):
                    found += self._according_to(sentence, m)
        # A partial quote ("the plan is “a disaster” for farmers") may sit inside a paraphrase.
        inside = {(q.open_at, q.unit_end) for q in self.quotes if q.accepted and self._in_narration(q)}
        proposals = []
        for (start, end), speaker in found:
            before = bisect_left(taken, (end,))  # the spans that start before this one ends
            first = before
            while first and taken[first - 1] in inside and start < taken[first - 1][0] < taken[first - 1][1] <= end:
                first -= 1
            if first and taken[first - 1][1] > start:
                continue
            if len(self.text[start:end].split()) < 3:
                continue
            del taken[first:before]  # the partial quotes it holds, which no later span may take either
            taken.insert(first, (start, end))
            proposals.append(self._proposal(start, end, "paraphrase", speaker))
        return proposals

    def _reported_clause(self, cue):
        """Where the clause a reporting verb introduces starts and ends, or None if there is none."""
        if cue not in self.reported_clauses:
            self.reported_clauses[cue] = self._read_reported_clause(cue)
        return self.reported_clauses[cue]

    def _read_reported_clause(self, cue):
        verb = cue.verb.low
        if verb in CHARACTERIZING:
            return None
        if verb.endswith("ing") and verb not in {"saying", "adding", "stating"}:
            # "…, explaining that the budget process requires …": a participle of saying after a
            # comma reports the clause its "that" opens (not "explaining the rules", "noting it").
            following = self.tokens(cue.verb.end, min(cue.sentence[1], cue.verb.end + 12))[:1]
            if not (
                verb in THAT_PARTICIPLES
                and following
                and (following[0].low == "that" or following[0].raw in PERSON_SUBJECTS)
                and word_before(self.masked, 0, cue.verb.start).rstrip('"\u201d').endswith(",")
            ):
                return None
        if (
            verb.endswith("ing")
            and verb not in BARE_PARTICIPLES
            and not word_before(self.masked, 0, cue.verb.start).rstrip('"\u201d').endswith(",")
        ):
            return None  # (word_before reads back one word, where a copy of the text before would be quadratic)
        before = self._clause_before(cue)
        if before:
            return before
        end = cue.sentence[1]
        position = cue.verb.end
        inserted = INSERTED_THAT.match(self.masked, position) if cue.verb.raw[-1] == "," else None
        if inserted:
            # "He noted, however, that Clinton had acted carelessly": an adverb set off by commas, then "that".
            position = inserted.end()
        elif cue.verb.raw[-1] in ",:;.!?":
            # "Smith said, ..." introduces nothing it reports, but "As the Secretary noted, the ports
            # reopened" reports the clause after the comma.
            if cue.verb.raw[-1] != "," or cue.subject_start is None:
                return None
            opening = self.tokens(cue.sentence[0], cue.verb.start)[:1]
            if not opening or opening[0].low != "as":
                return None
            rest = self.tokens(position, end)
            if not rest or PUA in rest[0].raw or rest[0].raw[0] in MARKS:
                return None
            return self._clause_from(cue, rest[0].start, end)
        while m := ADVERBIAL.match(self.masked, position, end):
            if m.end() == position:
                break
            position = m.end()
        rest = self.tokens(position, end)
        if not rest:
            return None
        if rest[0].low in OPENING_PREPOSITIONS and (
            comma := next((k for k, t in enumerate(rest[:8]) if t.raw[-1] in ",;:.!?" or PUA in t.raw), None)
        ):
            # "said during a Beijing conference, “…”": a phrase of when or where, its comma, then the quote that
            # stands for what was said (a direct quote, no clause reported around it).
            quoted = comma + 1 < len(rest) and (rest[comma + 1].raw[0] in MARKS or PUA in rest[comma + 1].raw)
            if rest[comma].raw[-1] == "," and PUA not in rest[comma].raw and quoted:
                return None
        if rest[0].raw == "," and len(rest) > 2 and rest[1].low == "that":
            rest = rest[1:]  # "said on Monday, in a statement, that …": the adverbials were set off, then "that"
        elif rest[0].raw == "," and (set_off := _set_off_phrase(rest)):
            # "said today, in response to the invitation, that the President …": a phrase set off by commas
            # after the verb, then the clause; `…, he said the President …` after it is another verb's.
            rest = rest[set_off:]
            if rest and rest[0].low == "that":
                rest = rest[1:]
            elif len(rest) > 1 and rest[0].low in SUBJECT_PRONOUNS and rest[1].low in CUE_VERBS:
                return None
            if not rest:
                return None
            return self._clause_from(cue, rest[0].start, end)
        if rest[0].low in FINITE_VERBS and rest[0].raw.islower():
            # "his fellow Republicans, who although they lost control of the House, he said had helped push
            # through legislation": a verb right after "said" has no subject of its own, so the attribution
            # is inserted into another clause, whose words are no one's paraphrase.
            return None
        if verb not in OBJECT_VERBS and (that := _listener_then_that(rest)):
            rest = rest[that:]  # "explained to the police that …": whom it was said to, then "that" and the clause
        if verb in OBJECT_VERBS:
            if verb in HEARER_THAT and rest[0].low == "that":
                # "She was later contacted by the person and informed that the cards had been loaded": a verb
                # that needs a listener, with "that" right after it, is passive; its subject heard the clause.
                return None
            that = next((k for k, t in enumerate(rest[:9]) if t.low == "that"), None)
            # "told journalists after casting his vote in …, southwest of Gaborone, that he is
            # confident": a listener set off by commas, then "that" right after a comma.
            comma_that = next(
                (k for k, t in enumerate(rest[2:16], 2) if t.low == "that" and rest[k - 1].raw.endswith(",")), None
            )
            if that is not None and not any(t.raw.endswith(",") or PUA in t.raw for t in rest[:that]):
                rest = rest[that + 1 :]
            elif comma_that is not None and not any(
                PUA in t.raw or t.raw[-1] in ";:" or t.low in FINITE_VERBS or t.low in CUE_VERBS
                for t in rest[:comma_that]
            ):
                rest = rest[comma_that + 1 :]
            elif (
                that is None
                and (late_that := next((k for k, t in enumerate(rest[9:16], 9) if t.low == "that"), None))
                and rest[late_that - 1].capitalized
                and not any(
                    t.raw[-1] in ",;:" or PUA in t.raw or t.low in FINITE_VERBS | CUE_VERBS | SUBORDINATORS
                    for t in rest[:late_that]
                )
            ):
                # "She told VOA English to Africa Service reporter Joe De Capua that several days of dry
                # weather may be over": a listener described at length, ending in a name, then "that".
                rest = rest[late_that + 1 :]
            elif verb in {"tell", "tells", "told"} or verb in INFORMING:
                # "told reporters the council would ...", "told CNN he ...": a short listener, then a clause
                # ("She informed the Board there is no opposition to this request").
                opener = next((k for k in range(1, 4) if k < len(rest) and rest[k].low in CLAUSE_OPENERS), None)
                if opener is None and rest[0].low == "the":
                    # "told the VOA Learning English team he was ready to quit": a listener of up to five
                    # words, capitals and nouns with no preposition, then a pronoun opening the clause.
                    opener = next(
                        (k for k in range(4, 7) if k < len(rest) and rest[k].low in SUBJECT_PRONOUNS - {"it"}), None
                    )
                    if opener is not None and any(
                        not t.raw.isalpha() or t.low in NOT_NOUN_WORDS | FINITE_VERBS for t in rest[1:opener]
                    ):
                        opener = None
                if (
                    opener is None
                    and verb in {"tell", "tells", "told"}
                    and len(rest) > 3
                    and rest[0].capitalized
                    and PUA not in rest[1].raw
                ):
                    # "told VOA Russia is treating …", "told Wikinews only 10% of …": a one-word listener
                    # (an outlet), then a clause that opens with a name, a number or a quantifier. Not after
                    # "notified" and its like, whose listener is an office ("notified Coast Guard Sector …
                    # watchstanders"), not an outlet told a story.
                    second = rest[1]
                    if second.capitalized or second.low in QUANTIFIERS or second.core[:1].isdigit():
                        opener = 1
                    # "commonly told Native American tribal clients to divert their funds": the listeners, then what
                    # they were told to do (an infinitive before any verb), no statement.
                    to = next((k for k in range(1, min(len(rest), 6)) if rest[k].low in FINITE_VERBS | {"to"}), None)
                    if opener == 1 and to is not None and rest[to].low == "to":
                        return None
                if opener is None or any(t.raw[-1] in ",;:" or PUA in t.raw for t in rest[:opener]):
                    return None
                if any(t.low in SUBORDINATORS or t.low in QUESTION_WORDS for t in rest[1:opener]):
                    # "told Congress as he opened …": a clause of time, not what was told; "had told the FBI what
                    # he knew": a question or a thing told, no statement reported.
                    return None
                rest = rest[opener:]
            else:
                return None
        elif (
            verb in SAY
            and rest[0].low == "of"
            and (that := next((k for k, t in enumerate(rest[2:7], 2) if t.low == "that"), None))
            and not any(
                t.raw[-1] in ",;:.!?" or PUA in t.raw or t.low in FINITE_VERBS | CUE_VERBS for t in rest[1:that]
            )
        ):
            # "He said of his release that the justice system “works …”": what the words were about, then the clause.
            rest = rest[that + 1 :]
        elif rest[0].low == "that":
            rest = rest[1:]
            comma = next((k for k, t in enumerate(rest[1:8], 1) if t.raw[-1] in ",;:.!?" or PUA in t.raw), None)
            if (
                rest
                and rest[0].low in PREPOSITIONS
                and comma is not None
                and rest[comma].raw.endswith(",")
                and PUA not in rest[comma].raw
                and comma + 1 < len(rest)
                and rest[comma + 1].raw[0] not in MARKS
                and PUA not in rest[comma + 1].raw
                and not any(t.low in FINITE_VERBS for t in rest[1 : comma + 1])
            ):
                # "She added that in her experience, the beacon should be used …": after "that", a phrase set
                # off by a comma opens the clause it reports (the whole is the clause).
                return self._clause_from(cue, rest[0].start, end)
        elif verb in THAT_PARTICIPLES and rest[0].raw in PERSON_SUBJECTS:
            pass  # "…, noting he has been an advocate for Trump": after a comma, a clause with no "that"
        elif verb in BARE_CLAUSE_VERBS and CONTRACTED.sub("", rest[0].low) in SUBJECT_PRONOUNS:
            pass  # "He argues he is a more accomplished businessman" ("stated he'd never …"): no "that"
        elif verb in NOUN_CLAUSE_VERBS and cue.verb.raw.islower() and _noun_then_verb(rest):
            # "She noted the Mayor’s veto and veto message were properly before the Board", "Governor Newsom announced
            # California will fight …" (a headline's "Mayor Garcetti Announces LA is Half Way …" reports no clause)
            pass
        elif (
            verb not in SAY
            or rest[0].low.endswith("ly")
            or (rest[0].low in NOT_CLAUSES and not self._clause_after_determiner(rest))
        ):
            return None
        if not rest or rest[0].raw[0] in MARKS or PUA in rest[0].raw or rest[0].low in PREPOSITIONS | RELATIVES:
            return None
        if self._only_a_name(rest):
            return None  # `…, said Mayor Jo Banks.`: the speaker after the verb, not what was said
        return self._clause_from(cue, rest[0].start, end)

    @staticmethod
    def _clause_after_determiner(rest):
        """Whether "no", "nothing", "more" … opens a clause, a finite verb following within four words and
        before any punctuation: "said no political reform was necessary", "said nothing had changed";
        not "said no to the plan", "said nothing"."""
        if rest[0].low not in CLAUSE_DETERMINERS:
            return False
        if rest[0].low == "no" and len(rest) > 2 and rest[1].raw == "one":
            return True  # "said no one understood …": "no one" is the clause's subject, as "nobody" is
        for t in rest[1:5]:
            if t.low in FINITE_VERBS:
                return True
            if t.raw[-1] in ",;:.!?" or t.low in PREPOSITIONS or PUA in t.raw:
                return False
        return False

    def _clause_before(self, cue):
        """`<clause>, Naidu said.` or `<clause>, said Chris Jennison, a mission manager.`: the clause
        before an attribution that ends the sentence (None if the sentence goes on, or if what comes
        before is a quote of its own, which is a direct quote's attribution)."""
        if cue not in self.clauses_before:
            self.clauses_before[cue] = self._read_clause_before(cue)
        return self.clauses_before[cue]

    def _read_clause_before(self, cue):
        told = cue.verb.low in {"told", "tells"}
        # "<clause>, he added." and "<clause>, he explained." end a sentence as "<clause>, he said." does.
        added = cue.verb.low in {"added", "adds", "explained", "explains"}
        noted = cue.verb.low in FINAL_REPORTING  # (only as a cue when inverted: "<clause>, notes <Name>.")
        if cue.verb.low not in SAY and cue.verb.low not in WRITE and not told and not added and not noted:
            return None
        # (no subject named before the verb: "<clause>, said Willie Wilson, …" has it after)
        subject_first = cue.named is not None and cue.subject_start is not None and cue.subject_start < cue.verb.start
        head = self.tokens(cue.sentence[0], cue.subject_start if subject_first else cue.verb.start)
        # `North Korea has shown "no indication it is interested in engaging," he wrote.`: the clause may end
        # in a partial quote whose comma is inside its closing mark; the clause keeps that mark.
        # (only after a clause of its own with a finite verb, the quote not opening inside a phrase: not "The
        # court “must be free …,”", "We need to "make sure …,"", "selected for its "clear … commitment …,"")
        inside = (
            len(head) > 2
            and PUA in head[-1].raw
            and head[-1].raw.rstrip(MARKS).endswith(",")
            and head[-2].low not in DETERMINERS | {"to"}
            and any(t.low in FINITE_VERBS for t in head[:-1])
        )
        if len(head) < 3 or not (head[-1].raw.endswith(",") or inside):
            return None
        if PUA in head[-1].raw and not self._partial_at(head[-1]):
            return None
        if PUA in head[0].raw or head[0].raw[0] in MARKS:
            return None
        rest = self.tokens(cue.verb.end, cue.sentence[1])
        if told:
            # "…, he told Wikinews.": a listener of a few words ends the sentence.
            if not subject_first or not 0 < len(rest) <= 3 or any(PUA in t.raw for t in rest):
                return None
        elif inside and subject_first and cue.verb.raw.endswith(",") and rest[0].low == "and":
            pass  # `His Soldiers are, in fact, "dialed in," he added, and all …`: the clause before is his
        elif rest and (subject_first or not self._only_a_name(rest)):
            # "…, Miranda Devine writes in the New York Post.": the outlet may follow the verb.
            outlet = rest[0].low in {"in", "for", "on"} and len(rest) <= 6 and not any(PUA in t.raw for t in rest)
            if not (subject_first and outlet):
                return None
        elif rest and not subject_first and _reason_after_name(rest):
            # "Creating this situation is important, explains Hicks, due to the goals he has.": the clause goes on
            # after the name set in it, so it is split by the attribution, which reports no clause.
            return None
        start, end = trimmed(self.text, head[0].start, head[-1].end - (0 if inside else 1))
        return (start, end) if end > start else None

    def _name_after(self, cue):
        """The name (with its title) right after a reporting verb that ends its sentence, up to a comma
        ("said Chris Jennison, a mission manager."), or None."""
        rest = self.tokens(cue.verb.end, cue.sentence[1])
        return self._name_in(rest) if rest else None

    def _partial_at(self, tok):
        """Whether the quote masked in `tok` is a partial quote in narration (its words start in lower case, or
        with a figure after a preposition: "test Soldiers on “10-level skills …,”")."""
        k = bisect_left(self.quote_starts, tok.start)
        quote = self.quotes[k] if k < len(self.quotes) else None
        if quote is None or quote.open_at >= tok.end:
            return False
        first = self.text[quote.start : quote.start + 1]
        return first.islower() or (first.isdigit() and self._after_preposition(quote))

    def _after_preposition(self, quote):
        """Whether the word before the quote's opening mark is a preposition ("on “10-level skills …”")."""
        return word_before(self.text, max(0, quote.open_at - 40), quote.open_at).lower() in PREPOSITIONS

    def _only_a_name(self, rest):
        """Whether the words after a verb, up to the sentence's end or a comma, are a name and its title."""
        return self._name_in(rest) is not None

    def _name_in(self, rest):
        """The name (with its title) that the words after a verb are, up to the sentence's end or a comma,
        or None (read once for the words at each place: `rest` always runs to its sentence's end)."""
        key = rest[0].start
        if key in self._names_in:
            return self._names_in[key]
        phrase, named = [], None
        for tok in rest:
            phrase.append(tok)
            if tok.raw[-1] in ",;:.!?" and not (tok.raw[-1] == "." and is_abbreviation(tok.raw)):
                break
        # "…, said teenage fan Christina Prieto.": up to three words in lower case that describe the speaker may
        # stand before a name of two words or more (not a preposition, article or conjunction: "said on Monday …").
        described = 0
        while (
            described < min(3, len(phrase) - 2) and phrase[described].raw.isalpha() and phrase[described].raw.islower()
        ):
            if phrase[described].low in PREPOSITIONS_ARTICLES_OR_AND | CONJUNCTIONS:
                described = len(phrase)
                break
            described += 1
        name = phrase[described:]
        if len(name) < 2 or not all(t.name_word for t in name):
            described = 0
        if described and len(phrase) <= 8:
            named = self.speaker_of(name)
        elif len(phrase) <= 6 and all(t.name_word or is_title(t.core) or t.low in PARTICLES for t in phrase):
            named = self.speaker_of(phrase)
        if named is not None and named.kind != "name":
            named = None
        self._names_in[key] = named
        return named

    def _clause_from(self, cue, start, end):
        """The reported clause from `start`: up to the next subject, clause or full quote."""
        for other in self.cues_by_sentence[cue.sentence]:
            if other.subject_start and other.subject_start > start:
                end = min(end, other.subject_start)
                # "… dismissed and another manager, Huchen Zhang, confirmed": the next subject's description too.
                # (read in a bounded window before the subject, so that the search stays linear)
                described = APPOSITION_BEFORE.search(self.masked, max(start, end - 60), end)
                if described:
                    end = described.start()
        # A quote of its own ends it ("said the budget was balanced: “We kept every promise.”"); a
        # partial quote in narration ("the plan is “a disaster” for farmers") is part of it.
        k = bisect_left(self.quote_starts, start)
        while k < len(self.quotes) and self.quotes[k].open_at < end:
            if not self._in_narration(self.quotes[k]):
                end = self.quotes[k].open_at
                break
            k += 1
        # The first match, as CLAUSE_END.search would find it reading each run of spaces once.
        m = CLAUSE_END.match(self.masked, start, end) if self.masked[start - 1 : start].isspace() else None
        m = m or CLAUSE_END_AFTER_WORD.search(self.masked, start, end)
        if m and BUT_AT.match(self.masked, m.start()) and NOT_ONLY.search(self.masked, start, m.start()):
            # "it’s not only about getting the supplies they need, but having someone …": the second half of
            # "not only … but" goes on with the clause.
            m = CLAUSE_END_AFTER_WORD.search(self.masked, m.end(), end)
        while (
            m
            and AND_SUBJECT.match(self.masked, m.start())
            and THAT_BEFORE.search(self.masked, max(0, start - 6), start)
        ):
            # "The Secretary noted that 70 percent of … are women, and USDA is working to …": after "that", a
            # second clause with its own subject joined by ", and" is reported too.
            m = CLAUSE_END_AFTER_WORD.search(self.masked, m.end(), end)
        if m:
            end = m.start()
        start, end = trimmed(self.text, start, end)
        return (start, end) if end > start else None

    def _in_narration(self, quote):
        """Whether a quote may be part of a clause around it: one opening in lower case ("the plan is “a disaster” for
        farmers"), or a number that no punctuation of speech closes (`a group has "9,000 penises" harming …`) or
        that follows a preposition ("test Soldiers on “10-level skills …,”")."""
        first = self.text[quote.start : quote.start + 1]
        unclosed = self.text[quote.end - 1 : quote.end] not in ".!?,;:"
        return first.islower() or (first.isdigit() and (unclosed or self._after_preposition(quote)))

    def _according_to(self, sentence, match):
        """ "According to X, <clause>." or "<clause>, according to X." with X a person (or a spokesperson)."""
        chunks = split_chunks(self.tokens(match.end(), sentence[1]))
        for n, chunk in enumerate(chunks[:2]):  # the source may come with an apposition
            speaker = self.resolve(self.speaker_of(chunk), match.start())
            if not speaker and _a_document(chunk):
                # "According to the lawsuit, …", "According to the video, …": a document no one is named for.
                speaker = Speaker(None, "unnamed", " ".join(t.core for t in chunk))
            elif (not speaker or speaker.kind == "unnamed") and (official := _unnamed_official(chunk)):
                # "according to a senior administration official speaking on background", "According to the
                # official, …": someone who speaks for an office, unnamed, like a spokesman.
                speaker = Speaker(None, "unnamed", official)
            elif not speaker or not (speaker.kind == "person" or speaker.title in SPOKESPEOPLE):
                continue
            head = self.masked[sentence[0] : match.start()].strip(" ,").lower()
            if head in {"", "but", "and", "yet", "however"} and n + 1 < len(chunks):
                if speaker.kind == "person" and _describes(chunks[n + 1], set_off=True):
                    # "According to Boris Skripka, the head of the … administration, <clause>": the clause
                    # comes after the source's description, which is no part of it; after it only a quotation
                    # (`…, the head of …, "several of those …"`) is a direct quote, no clause reported.
                    if n + 2 == len(chunks):
                        return []
                    n += 1
                    # "According to Tony Jasso, adaptive sports program manager, warrior care division directorate
                    # of … at Randolph AFB, Texas, <clause>": the description goes on over more commas.
                    while n + 2 < len(chunks) and _describes_further(chunks[n + 1]):
                        n += 1
                return [(trimmed(self.text, chunks[n + 1][0].start, sentence[1]), speaker)]
            if head and n + 2 == len(chunks) and speaker.kind == "person" and _describes(chunks[n + 1]):
                # "<clause> according to Samira Amrouche, spokeswoman for the regional administration.": the
                # source's description after her name ends the sentence as the source itself would.
                n += 1
            if head and (n + 1 == len(chunks) or chunks[n + 1][0].low in CONTRASTING):
                # "<clause>, according to X." and "<clause>, according to X, but where they could be sent was
                # still uncertain": the source set off after its clause, before another joined by "but".
                return [(trimmed(self.text, sentence[0], match.start()), speaker)]
        return []


def _reason_after_name(rest):
    """Whether the words after an inverted attribution's name and its comma give a reason ("…, explains Hicks, due
    to …", "because …", "so that …"), which goes on with the clause before, not with the saying."""
    k = next((k for k, t in enumerate(rest) if t.raw.endswith(",")), None)
    after = [t.low for t in rest[k + 1 : k + 3]] if k is not None else []
    return bool(after) and (after[0] == "because" or tuple(after) in REASON_OPENERS)


# Two words that open a reason: "due to", "owing to", "so that", "in order (to)".
REASON_OPENERS = frozenset({("due", "to"), ("owing", "to"), ("so", "that"), ("in", "order")})

# Verbs of fearing, whose clause of "that" may hold the subject's own words in marks.
FEARING = frozenset("fear fears feared".split())
# A court's or the police's papers, the source of "According to court records, <clause>" in a prosecutor's release.
PAPERS_OF = frozenset("court charging plea police".split())
PAPERS = frozenset("records documents papers filings".split())
# What may join a clause after "<clause>, according to X, …": "but where they could be sent was still uncertain".
CONTRASTING = frozenset("but yet while although though whereas".split())
# Prepositions that name where a group of people belongs: "Forecasters at the National Hurricane Center".
GROUP_OF = frozenset("at from of with in for".split())
BUT_AT = re.compile(r"\s*,\s+but\b")
NOT_ONLY = re.compile(r"\bnot only\b")
# "He also hailed", "she also praised": a pronoun, "also" and a verb in the past tense (_relative_doer).
ALSO_VERB = re.compile(r"(?:he|she|He|She) also ([a-z]+ed) ")
# Offices that one person holds in a country, state or city: "the president" of a story is its leading person.
HEAD_OFFICES = frozenset("president premier chancellor governor mayor".split())


def _occurrences(text, words):
    """Where any of the words occurs in the text, in order (inside other words too)."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return sorted(found)


def _relative_by_possessive(toks):
    """Where the family noun starts if the words are someone's relative not named ("The victim’s sister",
    "Colvin’s nephew", "the victim’s mother and father": a possessive, then nouns for family in lower case), else
    None. Whose words they are is no one the text names (not the victim, not the last person named in full), but
    one a later "he" or "she" may stand for (`Colvin’s nephew said, "…" He went on to say, "…"`)."""
    p = next((k for k, t in enumerate(toks[:2]) if t.possessive), None)
    if p is None or (p == 1 and toks[0].low != "the") or p == len(toks) - 1:
        return None
    rest = toks[p + 1 :]
    if len(rest) <= 3 and rest[-1].low in KIN and all(t.low in KIN or t.low == "and" for t in rest):
        return p + 1
    return None


def _listener_then_that(rest):
    """Where "that" is if the words after a verb of speech start with whom it was said to ("to the police", "to
    reporters", "to Judge Lee"), up to six words with no comma, verb or quotation, then "that"; else None."""
    if len(rest) < 3 or rest[0].low != "to":
        return None
    if not (rest[1].capitalized or rest[1].low in LISTENER_OPENERS or rest[1].low in GROUPS):
        return None
    that = next((k for k, t in enumerate(rest[2:8], 2) if t.low == "that"), None)
    if that is None or any(
        t.raw[-1] in ",;:" or PUA in t.raw or t.low in FINITE_VERBS or t.low in CUE_VERBS for t in rest[1:that]
    ):
        return None
    return that


def _office_of_body(phrase):
    """Whether the words are an office of a body with no article before it, "Director of the Sunburst Youth
    Challenge Academy,": a title in capitals opening them and "of" after it (`"…," said Director of the …
    Academy, Lieutenant Colonel Joel Armstrong.`: the name set off after them is the speaker's)."""
    return is_title(phrase[0].core) and phrase[0].capitalized and any(t.low == "of" for t in phrase[1:3])


def _any_within(positions, start, end):
    """Whether any of the positions (in order) is in [start, end)."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


class _Timeline:
    """Things at positions, added in order of position, and the latest before a position found by
    bisection (an article reads back from each quote; a scan would make that quadratic)."""

    def __init__(self):
        self.positions, self.items = [], []

    def add(self, position, item):
        self.positions.append(position)
        self.items.append(item)

    def latest_before(self, position, first=True, skip=None):
        """The item at the greatest position before `position` (of several there, the first added,
        or with first=False the last), or None; with `skip`, the latest of the last few for which
        skip(item) is false."""
        i = bisect_left(self.positions, position) - 1
        if i < 0:
            return None
        if first:
            i = bisect_left(self.positions, self.positions[i])
        if skip is not None:
            for k in range(i, max(-1, i - SKIP_LOOKBACK), -1):
                if not skip(self.items[k]):
                    return self.items[k]
            return None
        return self.items[i]


class _People:
    """Whom a "he", "she" or "the governor" may stand for: the people the article names, then the
    speakers of the quotes attributed so far, each in order of position."""

    def __init__(self, named):
        self.named, self.speaking = _Timeline(), _Timeline()
        self.roles = {}  # role: (its holders among the named, among the speakers)
        self.words = set()
        for person in named:
            self._add(person, 0)

    def add(self, speaker):
        self._add(speaker, 1)

    def _add(self, person, which):
        (self.named, self.speaking)[which].add(person.start, person)
        self.words.add(tuple(person.words))
        for role in _roles(person.title):
            timelines = self.roles.get(role)
            if timelines is None:  # (not setdefault, which would make two timelines for every call)
                timelines = self.roles[role] = (_Timeline(), _Timeline())
            timelines[which].add(person.start, person)

    def latest_before(self, position, role=None, skip=None):
        """The person printed or speaking last before `position` (holding `role`; with `skip`, of those
        for which skip(person) is false), or None."""
        named, speaking = self.roles.get(role, (None, None)) if role else (self.named, self.speaking)
        if named is None:
            return None
        printed, said = named.latest_before(position, skip=skip), speaking.latest_before(position, skip=skip)
        if printed is None or (said is not None and said.start > printed.start):
            return said
        return printed


@lru_cache(maxsize=1024)
def _roles(title):
    """The roles a title gives its holder: "Gov." → {"governor"} (the same few titles, over and over)."""
    return frozenset(TITLE_FORMS.get(w, w) for w in normal_title(title))


# Forms that are usually nouns ("the report", "two states") but report speech before "that".
VERBS_BEFORE_THAT = frozenset("state states report reports note notes claim claims comment comments".split())
# Every word _cues_in may take for a reporting verb.
MAY_REPORT = ATTRIBUTING | FINAL_REPORTING | VERBS_BEFORE_THAT
DETERMINERS = frozenset("the a an this that these those its his her their our your my new annual".split())


def verb_before_that(toks, k):
    """ "The agency reports that …", "Smith notes, “…”" (not "a report that …", "the agency's report that")."""
    if toks[k].low not in VERBS_BEFORE_THAT or k == 0:
        return False
    if k + 1 == len(toks):
        # (or a writing's verb right before the words, with no comma: "The article reports “a Gallup poll”")
        set_off = toks[k].raw[-1] in ",:" or toks[k - 1].core.lower() in DOCUMENTS
        return set_off and toks[k - 1].low not in DETERMINERS and not toks[k - 1].possessive
    # "… notes that …", or "… notes, “…”" with the quote straight after (or where the words read stop)
    if toks[k + 1].low != "that" and not (toks[k].raw[-1] in ",:" and PUA in toks[k + 1].raw):
        return False
    return k > 0 and toks[k - 1].low not in DETERMINERS and not toks[k - 1].possessive


DASHES = frozenset("—–-")


# Adverbs that open a sentence before its subject, set off by a comma.
OPENING_ADVERBS = frozenset(
    "separately meanwhile additionally however instead later earlier also still similarly likewise finally".split()
)
# Writings with an author after "by": "an assessment by Peter Hart, …, which concluded …".
AUTHORED = DOCUMENTS | frozenset("assessment evaluation investigation audit inspection".split())
TO_AFTER = re.compile(r"\s+to\s")  # "continues to reach": no verb of saying
# A sentence's verb of putting out a writing: "<Name> released the following statement on …:".
ISSUING_VERBS = frozenset("released issued delivered sent posted shared provided".split())
RECOLLECTION_VERBS = frozenset("remembered remembers remember recalled recalls recall heard hears hear".split())


# Words in "-ly" that are nouns or names, not adverbs: "the Smith family said".
LY_NOUNS = frozenset("family ally assembly rally supply monopoly anomaly bully belly homily".split())


def _manner_adverb(tok):
    """Whether the word is an adverb of manner in lower case ("humourously", "angrily"), no noun in "-ly"."""
    return tok.raw.islower() and tok.low.endswith("ly") and len(tok.low) > 4 and tok.low not in LY_NOUNS


def _body_of_a_place(toks):
    """Where the noun for a body ends in "the <place> <nouns in lower case>" ("the Dublin city council", "the Texas
    state board"): the index of its noun (one of ORGANIZATION_NOUNS, at most two lower-case words after the one word
    in capitals), or None."""
    if len(toks) < 3 or toks[0].low != "the" or not toks[1].capitalized or toks[1].possessive:
        return None
    for k in range(2, min(5, len(toks))):
        if toks[k].capitalized or toks[k].raw[-1:] in ",;:":
            return k if toks[k].low.rstrip(",;:") in ORGANIZATION_NOUNS and not toks[k].capitalized else None
        if toks[k].low in ORGANIZATION_NOUNS:
            return k if k > 2 or toks[1].core not in DEMONYMS else None  # ("the Chinese government": the rule before)
    return None


def _in_organization_name(toks, k):
    """Whether toks[k] continues, leftwards, an organization's name: a capital, or "and", "&", "of"
    between capitals."""
    word = toks[k]
    if word.possessive or word.raw[-1] in ",;:" or PUA in word.raw:
        return False
    if word.capitalized:
        return word.core not in {"The", "A", "An"}
    return word.low in ORG_JOINS and k > 0 and toks[k - 1].capitalized and toks[k - 1].raw[-1] not in ",;:"


def _opens_description(tok):
    """Whether a description may begin after this word: "…, with a key member of Congress saying"."""
    return tok.low == "with" or tok.raw[-1] == ","


def _office_holders(tok):
    """Whether the word is an office's possessive that names an organization with the word after it:
    "Sheriff's" in "the Orange County Sheriff's Office", "Attorney's" in "the State Attorney's Office"."""
    return tok.possessive and tok.capitalized and is_title(tok.core.removesuffix("'s").removesuffix("’s"))


def _describes(chunk, set_off=False):
    """Whether a phrase after a name describes its holder: "spokeswoman for the regional administration", "a
    professor at Yale" (a role in lower case, maybe after an article); with `set_off`, only one closed by a comma
    (not the subject of a clause: "According to Rathbun, a detective for the … office was provided with …")."""
    k = 1 if chunk and chunk[0].low in ARTICLES else 0
    return (
        len(chunk) > k
        and chunk[k].raw[:1].islower()
        and (
            is_title(chunk[k].core)
            or chunk[k].low in PERSON_NOUNS
            # a role after a word or two in lower case, up to a preposition or the end: "technical assistant for
            # CCP's … Office", "a senior research scientist at …"
            or _role_before_preposition(chunk, k)
            # with `set_off`, a few lower-case words ending in the role: "adaptive sports program manager,"
            or (
                set_off
                and len(chunk) - k <= 4
                and is_title(chunk[-1].core)
                and all(t.raw[:1].islower() for t in chunk)
            )
        )
        and (not set_off or chunk[-1].raw.endswith(","))
    )


def _role_before_preposition(chunk, k):
    """Whether the words of a description from `k` run, in lower case, to a role (`is_title`) within three words,
    where the description ends or a preposition follows ("technical assistant for …", "senior scientist.")."""
    for j in range(k + 1, min(k + 3, len(chunk))):
        if not chunk[j].raw[:1].islower():
            return False
        if is_title(chunk[j].core) and (j + 1 == len(chunk) or chunk[j + 1].low in GROUP_OF):
            return True
    return False


def _numbered_document_title(before, words):
    """Whether the words in marks are the title of a document named by its noun and number just before them
    ("Military Personnel Message 15-270 “FY16 … Announcement.”", "Executive Order 13985 “Advancing …”")."""
    if len(before) < 2 or before[-1].raw.endswith(",") or not any(c.isdigit() for c in before[-1].core):
        return False
    if before[-2].low not in NUMBERED_DOCUMENTS:
        return False
    return title_like([w.replace(".", "") if INITIALS.fullmatch(w.rstrip(",")) else w for w in words], longest=16)


def _describes_further(chunk):
    """Whether a phrase set off after a source's description goes on with it: the place or office it is in
    ("warrior care division directorate of Airman and Family Care at Randolph AFB,", "Texas,"), a phrase closed
    by a comma with no verb of its own, opening in lower case or naming a state."""
    return (
        chunk[-1].raw.endswith(",")
        and len(chunk) <= 12
        and (chunk[0].raw[:1].islower() or " ".join(t.core for t in chunk) in STATES)
        and not any(t.low in FINITE_VERBS or t.low in CUE_VERBS or t.raw[0] in MARKS for t in chunk)
    )


def _set_off_phrase(rest):
    """After a comma, the length of a phrase that opens with a preposition and ends at the next comma ("in
    response to the President's invitation to come down and talk,"), counting the comma, or 0: no verb of its
    own, no quotation, at most 16 words."""
    if len(rest) < 3 or rest[1].low not in PREPOSITIONS:
        return 0
    for k, tok in enumerate(rest[1:18], 1):
        if PUA in tok.raw or tok.raw[0] in MARKS or tok.low in FINITE_VERBS or tok.low in CUE_VERBS:
            return 0
        if tok.raw[-1] in ";:.!?":
            return 0
        if tok.raw.endswith(","):
            return k + 1
    return 0


def _unnamed_official(chunk):
    """The noun of an unnamed person speaking for an office, "a senior administration official speaking on
    background", "the official", "a State Department spokeswoman" (or None): a phrase opened by an article
    whose head, among its first words, is such a noun."""
    if len(chunk) < 2 or chunk[0].low not in {"a", "an", "the", "one", "another"}:
        return None
    for tok in chunk[1:5]:
        noun = tok.core.lower()
        if noun in SPOKESPEOPLE or noun in MEMBER_NOUNS:
            return noun
        if tok.raw[-1] in ",;:":
            break
    return None


def _a_document(chunk):
    """Whether the words are "the <document>" alone ("the lawsuit", "the new video") or a court's papers, with
    what goes with them ("court records", "court documents and statements made in connection with the plea")."""
    if 1 < len(chunk) <= 3 and chunk[0].low == "the" and chunk[-1].core.lower() in SOURCE_DOCUMENTS:
        return True
    return len(chunk) > 1 and chunk[0].low in PAPERS_OF and chunk[1].core.lower() in PAPERS


def _noun_then_verb(rest):
    """Whether the words after a verb such as "noted" are a clause without "that": a short noun phrase
    and then a finite verb, with no punctuation, preposition, quote or verb of saying between ("noted the
    budget was balanced"; not "noted the rise in prices", "noted the plan, which was …")."""
    for k, tok in enumerate(rest[:8]):
        if k and tok.low in FINITE_VERBS:
            return rest[0].low not in NOT_CLAUSES
        if tok.raw[-1] in ",;:.!?" or PUA in tok.raw or tok.raw[0] in MARKS or tok.low in NOT_NOUN_WORDS:
            return False
    return False


def _trailing_name(chunk):
    """The words in capitals (and particles) that end the chunk: "Thomas Washburne" in "interviewed legislator
    Thomas Washburne"."""
    k = len(chunk)
    while k > 0 and (chunk[k - 1].name_word or (k < len(chunk) and chunk[k - 1].low in PARTICLES)):
        k -= 1
    return chunk[k:]


def _role_words_to_name(chunk, n):
    """Whether the lower-case word at `n` opens a run of at most three plain lower-case words (a role:
    "team coach", "head coach") that a capitalized word follows, inside the chunk."""
    for tok in chunk[n : n + 4]:
        if tok.capitalized:
            return tok is not chunk[n]
        if not tok.raw.isalpha() or not tok.raw.islower() or tok.low in NOT_ROLE_WORDS:
            return False
    return False


def _office_to_name(chunk, n):
    """Whether the run of lower-case words from `n` ends, right before its capital, in an office ("official",
    "director", "spokesman"): "senior party official Li Yuecheng", not "residents near Guiyang"."""
    k = next((k for k in range(n, len(chunk)) if chunk[k].capitalized), None)
    return k is not None and k > n and (is_title(chunk[k - 1].core) or chunk[k - 1].low == "official")


def _after_last_comma(toks):
    """The words after the last one that ends with a comma (all of them if none does)."""
    cut = next((k + 1 for k in range(len(toks) - 1, -1, -1) if toks[k].raw.endswith(",")), 0)
    return toks[cut:]


def _name_then_fillers(toks, k):
    """Whether toks[k] follows a capitalized word, with at most two words between that may stand between a
    subject and its verb ("today", "also": FILLERS)."""
    j = k - 1
    while j > 0 and k - j <= 2 and toks[j].low in FILLERS:
        j -= 1
    return toks[j].capitalized


def _opening_participle(tok):
    """Whether the word is a participle of saying or characterizing ("Calling", "Describing"), which
    opens a phrase whose subject is the main clause's, not a name ("Calling Jacksonville")."""
    return tok.low.endswith("ing") and (tok.low in ATTRIBUTING or tok.low in PARTIAL_CUES)


def _issuer(chunk):
    """The words naming who issued a document: "the WADA report" gives "WADA" ("the report" stays)."""
    if len(chunk) > 2 and chunk[-1].core.lower() in DOCUMENTS and chunk[0].low in ARTICLES and chunk[1].capitalized:
        return chunk[1:-1]
    return chunk


def _speaking(toks, k):
    """Whether toks[k] (k may count from the end) is a reporting verb used as one: not the adjective
    of "for continuing coverage", "an opening statement" (an -ing form after a preposition or article)."""
    if not -len(toks) <= k < len(toks) or toks[k].low not in CUE_VERBS:
        return False
    k %= len(toks)
    return not (toks[k].low.endswith("ing") and k and toks[k - 1].low in PREPOSITIONS_OR_ARTICLES)


def passive_or_negated(toks, k):
    """ "was said", "declined to comment", "did not say": no one's words reported (the two words
    before the verb are read)."""
    if k == 0 or toks[k].low.endswith("ing"):
        return False
    last = toks[k - 1].low
    if last in BE_FORMS or last in NEGATIONS or last.endswith("n't") or last in OBLIGATIONS:
        return True  # ("the Administration should note that …": what someone ought to say, not words said)
    if k == 1:
        return False
    first = toks[k - 2].low
    return (last == "to" and first in {"declined", "refused", "ought"}) or first in NEGATIONS or first.endswith("n't")


OBLIGATIONS = frozenset({"should", "must"})
AND_SUBJECT = re.compile(
    r",\s+and\s+(?:(?:the|a|an|its|their|his|her)\s+[a-z]+|there|it|he|she|they|we|[A-Z][A-Za-z]+)"
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|must|should)\b"
)
THAT_BEFORE = re.compile(r"\bthat\s+$")
# The speaker's next act a reported clause may run into: a wish or a promise with a "that" of its own.
AND_WISH = re.compile(r"\s+and\s+(?:hoped|hopes|vowed|vows|promised|promises|pledged|pledges|urged|urges)\s+that\b")
DOCUMENT_OWNERS = frozenset("a an the its his her their".split())


# Participles that report a clause with no comma before them: "resigned this week stating he could not …".
BARE_PARTICIPLES = frozenset({"saying", "stating"})
# What may stand between a sentence's start and a pronoun that still opens it: a quote and its punctuation.
LEADING_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Still)\s+")
# A short phrase of time or place opening a sentence before its subject: "On May 28th, he advised …",
# "Later that day, she said …" (no quote, no clause of its own: at most six words, then a comma).
LEADING_PHRASE = re.compile(
    r"(?:On|In|At|After|Before|During|Later|Earlier|Then|Last|Since|By|Two|Three|Days|Weeks|Months|Years)\b"
    r"(?:[ \t]+[\w.'’-]+){0,5}?,[ \t]+"
)
# The same phrase after a conjunction, in lower case: "But after that terrible loss, she says …".
LEADING_PHRASE_AFTER_CONJUNCTION = re.compile(LEADING_PHRASE.pattern, re.IGNORECASE)
QUOTE_LEAD = re.compile("[" + re.escape(PUA + MARKS + " \t\n,.!?;:—–-…’'") + "]*")
# Words that open an adverbial clause after a listener: "told Congress as he opened the address".
SUBORDINATORS = frozenset({"as", "when", "while", "after", "before", "because", "since", "if", "until"})
# Words that open a clause of reason or concession: "because she said …", "although he says …".
REASON_SUBORDINATORS = frozenset({"because", "since", "although", "though"})
# Words that open an indirect question or a thing told after a listener: "told the FBI what he knew".
QUESTION_WORDS = frozenset({"what", "how", "why", "where", "whether", "who", "whom", "which"})
# "<clause>, Miranda Devine writes in the New York Post.": a column's point, reported like a saying.
WRITE = frozenset({"writes", "wrote"})
BE_FORMS = frozenset({"been", "being", "be", "is", "are", "was", "were"})
# Subjects in lower case that open a clause a participle of saying reports with no "that": "…, noting he has been an
# advocate …" (not "it", which may be the participle's object: "noting it").
PERSON_SUBJECTS = frozenset("he she they we".split())
# Participles of saying that report a clause opened by "that" after a comma: "…, explaining that …".
THAT_PARTICIPLES = frozenset("explaining noting arguing insisting warning claiming stressing".split())
A_ONE = frozenset({"a", "an", "one"})
# Nouns for a person not named, besides titles: "a South Korean official", "one Twitter user"; and the words before.
DESCRIBED_PEOPLE = PERSON_NOUNS | frozenset(
    "official user diplomat source expert activist lawyer protester soldier".split()
)
DESCRIBING = A_ONE | {"another"}
# What a speaker writes or issues, whose words are the issuer's: "an article in Techli said".
WRITINGS = DOCUMENTS | {"article", "story"}
# Nouns for a document known by its number, whose title may follow the number in marks: "Message 15-270 “…”".
NUMBERED_DOCUMENTS = frozenset(
    """message memorandum memo order directive instruction regulation bill resolution publication circular
    bulletin""".split()
)
# Initials with their dots, a word of a title like any other: "U.S.", "D.C."
INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
# Nouns for a work whose title may follow them in marks: "his op-ed “…”", "the documentary “…”".
WORKS = frozenset(
    """op-ed oped column editorial essay article book novel memoir film movie documentary song album poem headline
    play musical show series episode podcast paper""".split()
)
# Nouns for an event a text names in capitals after them: "the March event, “An Unfinished Journey: …,”".
EVENTS = frozenset(
    """event exhibit exhibition conference symposium summit forum workshop seminar festival ceremony gala program
    programme campaign initiative contest competition tournament""".split()
)
# What opens a phrase of time, place or manner before a sentence's subject: "In response, …", "After the vote, …".
OPENING_PREPOSITIONS = PREPOSITIONS | {"after", "before", "during", "following", "since", "until", "amid", "despite"}
# Words in NOT_CLAUSES that may instead open a clause as its subject or determiner ("said no decision
# was made", "said nothing had changed", "said more needs to be done"), told apart by a finite verb.
CLAUSE_DETERMINERS = frozenset("no nothing something anything little much more".split())
FINITE_VERBS = frozenset(
    """is are was were has have had will would can could should may might must does do did needs needed
    remains remained""".split()
)
# The same verbs negated and contracted: "doesn’t", "aren't", "won’t".
FINITE_VERBS |= {
    negated.replace("'", apostrophe)
    for negated in "isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't "
    "doesn't don't didn't".split()
    for apostrophe in "'’"
}
QUOTED = frozenset({"quoted", "cited"})
# Organisations called by a common noun once named: "”, the force said".
# A dateline opening a release: "WASHINGTON, June 21, 2012- ", "TALLAHASSEE, Fla.—", "LONDON (AP) — ".
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\- ]{2,}(?:,\s+(?:[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?|D\.C\.))?"
    # or a place in small letters with its state abbreviated: "Washington, D.C. –", "Tampa, Fla. -"
    r"|(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+,\s+(?:D\.C\.|[A-Z][a-z]{1,4}\.))"
    r"(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*(?:\([A-Z]+\)\s*)?[-—–]+\s*"
)
LOWER_WORD = re.compile(r"\b[a-z]{6,}\b")
# The nouns DOCUMENT_MENTION ends with, after their space: searched for first, as re skips from space to
# space here, where DOCUMENT_MENTION's leading \b makes it try every character (after each quote).
DOCUMENT_NOUN = re.compile(rf"\s(?:{'|'.join(DOCUMENTS)})\b")
# Between the quotes of a list: "called it “dangerous,” a “failure,” and “bad for us.”"
LIST_WORDS = frozenset("and or a an".split())
# An award, and who presents it: "the National Press Club’s 2021 Arthur Rowse Award", "the Award of
# Merit from the National Association for Court Management".
AWARD_WORDS = frozenset("award prize medal honor honour citation".split())
_ORG_WORD = r"[A-Z][\w.&-]*"
_ORG_RUN = rf"{_ORG_WORD}(?:(?<!\.)[ \t]+(?:(?:of|for|and|on|the|&)[ \t]+)*{_ORG_WORD})*"  # not past a full stop
AWARD_OF = re.compile(rf"\b(?:the\s+)?(?P<org>{_ORG_RUN})(?:’s|'s)\s+(?:\S+\s+){{0,6}}?(?:Award|Prize|Medal)s?\b")
AWARD_FROM = re.compile(
    rf"\b(?:Award|Prize|Medal|award|prize|medal)s?\b(?:\s+\S+){{0,4}}?\s+(?:from|by)\s+(?:the\s+)?(?P<org>{_ORG_RUN})"
)
# Verbs whose subject issues the writing they take: "The commission released its report on Monday".
ISSUING = ("released", "issued", "published", "filed", "sent", "submitted", "wrote", "produced", "passed", "adopted")
# A writing and its issuer after "by" or "from": "A resolution passed by the European Parliament", "an official
# release from Amnesty International" (a participle, and "out", between them).
ISSUED_BY = re.compile(
    rf"\b(?:{'|'.join(DOCUMENTS)})s?\b(?:\s+[a-z]+ed)?(?:\s+out)?\s+(?:from|by)\s+(?:the\s+)?(?P<org>{_ORG_RUN})"
)
# What may end a run of capitals without being part of the name: "by the European Parliament Thursday".
DATE_WORD = re.compile(rf"\s+(?:{WEEKDAYS}|{MONTHS})$")
DAY_OR_MONTH = frozenset(f"{WEEKDAYS}|{MONTHS}".split("|"))


# Nouns of things that carry a name in marks before them: `a "Vote4Energy" campaign`.
NAMED_THINGS = frozenset(
    """campaign program programme project initiative award prize contest competition series tour festival
    exhibit exhibition conference summit event challenge strategy operation exercise""".split()
)
NAME_DETERMINERS = frozenset("the a an its his her their our this".split())


def _inverted_at(toks, k):
    """Whether toks[k] ("notes", "states") is followed by a name in capitals that ends the sentence or
    comes before a second part of the quote (its last word ends in "." or ",")."""
    rest = toks[k + 1 :]
    return (
        1 < len(rest) <= 9
        and all(t.capitalized or t.low in ORG_JOINS for t in rest)
        and rest[-1].raw[-1:] in {".", ","}
        and PUA not in rest[-1].raw
    )


def _name_before_its_noun(before, after, titled):
    """Whether a quote in capitals stands between a determiner and the noun of a thing it names (`announces
    a "Vote4Energy" campaign to …`, `its “Clean Cities” initiative`): a name, even right after a verb of
    saying."""
    return (
        titled
        and bool(before)
        and before[-1].low in NAME_DETERMINERS
        and not any(t.low in CHARACTERIZING for t in before[-4:])  # (`called it a “Disaster” program`)
        and bool(after)
        and after[0].raw.rstrip(",.;:") in NAMED_THINGS
    )


def _charge_named(before):
    """Whether the words before a quote name a criminal charge, so that the quote is its name ("were
    charged with “gathering crowds to disturb social order”", "the additional charge of “picking
    quarrels …”", "convicted of", "found guilty of"), not someone's words."""
    return (
        len(before) > 1
        and before[-1].raw in {"with", "of", "on"}
        and before[-2].low in CHARGE_WORDS
        and (before[-1].raw != "with" or before[-2].low == "charged")
    )


def _qualifies_a_noun(tok):
    """Whether `tok`, right after a one-word quote, is a word of the phrase the quote qualifies
    (“classified” information), not a word that carries on the sentence (“deadlocked” after, “the
    heart” of)."""
    return tok.raw[:1].islower() and tok.low.isalpha() and tok.low not in NOT_A_NOUN


def _shouted(before):
    """The index in `before` of a verb of crying out whose object the quote is ("others have been
    yelling “cheater” or “steroids”": each of the words listed after it), or None."""
    k = len(before) - 1
    stop = max(0, k - 12)  # a few listed words at most: a sentence of thousands stays linear
    while k > stop and (PUA in before[k].raw or before[k].low in LIST_WORDS):
        k -= 1  # back over the words listed before this one ("“cheater” or")
    if k >= 0 and before[k].low in SHOUTING:
        return k
    return None


# Verbs that report a clause without "that" as "said" does, when a pronoun opens it ("argues he is").
BARE_CLAUSE_VERBS = frozenset(
    "argue argues argued insist insists insisted claim claims claimed contend contends contended stated states "
    "stating maintain maintains maintained".split()
)
# Nouns for things and groups a name in capitals may modify ("the Olympic Judo team"): see _modifies_a_thing.
THING_NOUNS = frozenset(
    """team teams squad program programs programme project initiative act bill plan system award prize trophy
    cup league games tournament championship campaign fund foundation center centre institute museum building
    mission rover telescope satellite spacecraft tool software model series festival conference facility laboratory
    directorate division medal""".split()
)
THING_AFTER = re.compile(r"\s+([a-z]+)\b")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


# A word in capitals that says where someone was born, raised or is based: "Saudi-born", "Texas-raised".
BORN_IN = re.compile(r"[A-Z][\w.]*-(?:born|raised|bred|based)")
# What introduces the one name a story gives someone: "who identified himself as Leonard", "gave her name as Ana".
SELF_NAMED = re.compile(
    r"\b(?:(?:self-)?identified (?:himself |herself )?(?:only )?as|gave (?:his|her) (?:first )?name as) $"
)
# Someone a story may name only by whose relative or friend they are: "Her brother says …".
KIN_OR_FRIENDS = KIN | frozenset("friend neighbor neighbour".split())
# Prepositions of place and time that open a phrase set off before a sentence's subject ("In McLean,").
SETTING_PREPOSITIONS = frozenset("in at outside inside near across on during after before since amid".split())
# An age printed before a name: "33-year-old Mariam".
AGED = re.compile(r"\b\d{1,3}-year-old $")
# The last word of a region's name in capitals ("the U.S. East Coast", "the Rift Valley"): a place, no one a later "he"
# stands for. (Only nouns no surname is: not "Lake", "Bay", "Rivers".)
REGION_NOUNS = frozenset(
    "Coast Valley Peninsula Ocean Desert Plains Basin Strait Canyon Highlands Mountains Islands Midwest".split()
)


def _unnamed_relative(toks, lows):
    """Whether a phrase is a relative or a friend of someone named before, not named: "her brother", "his
    older sister", "their neighbor" (two or three words in lower case after "his", "her" or "their")."""
    return (
        2 <= len(lows) <= 3
        and lows[0] in {"his", "her", "their"}
        and lows[-1] in KIN_OR_FRIENDS
        and all(t.raw.islower() or n == 0 for n, t in enumerate(toks))
    )


def _first_name_speaking(named):
    """Whether the subject of a reporting verb is a first name alone, known as one ("Tony, from Melbourne,
    Australia, said …"): the one name a story gives someone, a person whose clauses are paraphrases."""
    return named is not None and named.kind == "name" and len(named.words) == 1 and named.words[0] in FIRST_NAME_GENDER


def _opening_setting(chunks):
    """How many phrases of place or time, set off by commas, open a sentence before its subject ("In McLean,
    Virginia, outside Washington, Ellis Richard Salvia gave …"): phrases opening with a preposition or a place's
    name alone, none of them the subject, when a phrase follows them (at most four)."""
    n = 0
    while n < min(4, len(chunks) - 1) and (
        chunks[n][0].low in SETTING_PREPOSITIONS or " ".join(t.core for t in chunks[n]) in PLACES
    ):
        n += 1
    return n


def _unnamed_goes_on(previous, toks, k):
    """Whether the participle toks[k] after a comma goes on with the words of the unnamed person who is the
    subject of the verb before it in the sentence ("One reveler said the victory was wonderful, adding that …")."""
    return (
        previous is not None
        and previous.named is not None
        and previous.named.kind == "unnamed"
        and toks[k].low.endswith("ing")
        and k > 0
        and toks[k - 1].raw.endswith(",")
    )


def _a_region_or_its_people(words):
    """Whether a name's words are a region ("East Coast") or the people of a place ("New Yorkers", "Californians":
    the place's name with "-ers" or "-ns"), not a person."""
    if not words or words[-1] in REGION_NOUNS:
        return bool(words)
    last = words[-1]
    return any(
        last.endswith(ending) and " ".join((*words[:-1], last[: -len(ending)])) in PLACES for ending in ("ers", "ns")
    )


def _names_a_thing(word):
    """A name's last word that is a noun for a thing or a group: "Championships", "Commission", "Games"."""
    low = word.lower()
    return low in THING_NOUNS or low in ORGANIZATION_NOUNS or (low[-1:] == "s" and low[:-1] in THING_NOUNS)


# A sentence opening with a word and a gerund ("After meeting", "While visiting"): see _after_gerund_clause.
GERUND_OPENING = re.compile(r"[\s\"“]*([A-Za-z]+)\s+\w+ing\b")
# How long the rest of a paragraph after a pull quote may be to be read as its signature (_signature).
SIGNATURE_CHARACTERS = 200
# Words that name a criminal charge in the quote after them with "of"/"on" ("charged with" too).
CHARGE_WORDS = frozenset("charged charge charges convicted guilty count counts indicted offence offense".split())
# An adverb set off by commas between a reporting verb and the "that" of its clause: "noted, however, that".
INSERTED_THAT = re.compile(
    r"\s*(?:however|though|moreover|furthermore|nevertheless|nonetheless|too|also|again|in\ fact|meanwhile)"
    r",\s+(?=that\b)"
)
# Relative adverbs after which a reporting verb's own subject pronoun follows mid-sentence ("a press
# conference where he announced"; not "when", which opens clauses inside a reported one: "Sundhage said
# Scurry acted very professional when she told her that …").
WHERE = frozenset({"where", "whereupon"})
SUBJECT_PRONOUNS = frozenset("he she they we i it there".split())
# How whom something was said to may open after "to" ("explained to the police that", "to his lawyer", "to reporters").
LISTENER_OPENERS = frozenset("the a an his her their its our reporters journalists police investigators".split())
# A verb contracted onto a pronoun: "he'd", "she’s", "they're".
CONTRACTED = re.compile(r"[’'](?:d|s|re|ve|ll|m)$")
# Verbs that cannot report a clause without a listener: "told that", "informed that" are passive ("was contacted
# and informed that …"), so their subject is the one who heard it ("advised that" is often active: not here).
HEARER_THAT = frozenset("told informed notified".split())
# Verbs that take a listener and then a clause, as "told" does: "informed the Board there is no opposition".
INFORMING = frozenset("informed informs advised advises assured assures reminded reminds notified notifies".split())
# A sentence's end and the next one's start inside a quote's words.
SENTENCES_INSIDE = re.compile(r"[a-z][.!?]\s+[A-Z]")
# Conjunctions that open a sentence with a clause of its own before the main one's subject.
OPENING_SUBORDINATORS = SUBORDINATORS | {"although", "though", "once", "whenever"}
# How far a sentence's main clause is looked for, and words after which "he"/"she" is no subject.
MAIN_CLAUSE_WORDS = 30
NOT_BEFORE_SUBJECT = PREPOSITIONS | {"that", "and", "or", "than", "whom", "whether", "said", "says", "told"}
# How many people back a "he" or "she" looks past those of the other gender.
SKIP_LOOKBACK = 20
# Verbs of answering: their "he"/"she" is the person asked in the sentence before.
REPLYING = frozenset(
    "replied replies reply responded responds respond answered answers answer retorted retorts".split()
)
# "<Full Name> from <Place>": where the person is from, at the end of a subject.
FROM_PLACE = re.compile(OF_PLACE.pattern.replace(r"\s+of\s+", r"\s+from\s+", 1))
# Verbs that report a clause without "that" when it opens with a noun phrase and a finite verb follows.
NOUN_CLAUSE_VERBS = BARE_CLAUSE_VERBS | frozenset(
    """noted notes observed observes acknowledged acknowledges conceded concedes confirmed confirms explained
    explains suggested suggests announced announces""".split()
)
# Lower-case words that never belong to a role before a name (a verb, a preposition, an article …).
NOT_ROLE_WORDS = PREPOSITIONS_OR_ARTICLES | CONJUNCTIONS | ATTRIBUTING | FINITE_VERBS | RELATIVES | {"to", "not"}
NOT_NOUN_WORDS = PREPOSITIONS | RELATIVES | ATTRIBUTING | {"to", "not", "if", "whether", "how", "why", "what"}
# "a statement from X", "remarks by X": who issued what the next paragraph quotes.
# What a lead-in calls a person's own words before printing them: "Commissioner Putnam’s statement is below:".
STATEMENT_NOUNS = frozenset("statement statements remarks comments message testimony".split())
WRITING_ADJECTIVES = frozenset("full complete prepared entire written opening".split())
STATEMENT_BY = re.compile(r"\b(?:statement|remarks|message)\s+(?:from|by)\s+", re.IGNORECASE)
# What an outlet is called after its name: "the Tampa Bay Times newspaper".
MEDIA_NOUNS = frozenset("blog newspaper paper website magazine journal tabloid daily weekly broadcaster".split())
# Nouns for a body of people that its name may follow in apposition: "the … rights group, OutRage!,".
GROUP_NOUNS = frozenset("group association party charity network coalition alliance".split())
ORGANIZATION_NOUNS = frozenset(
    """agency department ministry company firm force police council committee commission government
    organization organisation bureau board union office""".split()
)
# ", and another manager, " just before a subject: that subject's description, not the clause before it.
STATEMENT_AFTER = re.compile(r"\s+in\s+an?\s+(?:(?:brief|short|written|joint|separate|emailed)\s+)?statement\b")
NAMED_STATEMENT = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w.&'’-]*\s+)+)statement\b")
BODY_NOUNS = frozenset("administration campaign government office team".split())
FAULTING = frozenset(
    """accused accuses accuse criticized criticised criticizes criticises faulted faults blamed blames chided chides
    attacked attacks blasted slammed rebuked rebukes""".split()
)
WHEN_PRONOUN = re.compile(r"\bwhen\s+(?:he|she)\s+$")
AUXILIARIES = frozenset("has have had is was will would has been".split())
DESCRIBED_BY = frozenset({"of", "for", "in"})  # "a key member of Congress", "the new president of the Philippines"
# A person described by what they are: "<Name> is a food security expert", "<Name>, an agronomist at …".
DESCRIBED_LOOKBACK = 2000  # characters read back for the description
DESCRIBED_GAP = 12  # characters a title or a comma may add between the name and "is a"


@lru_cache(maxsize=256)
def _described_as(noun):
    return re.compile(rf"(?:\s+is|,)\s+(?:a|an)\s+(?:[a-z-]+\s+){{0,3}}{re.escape(noun)}\b(?![-’'])")


# A third person's pronouns: a sentence with one still speaks of someone.
PERSONAL_PRONOUNS = frozenset("he she him her his".split())
APPOSITION_BEFORE = re.compile(r",?\s+(?:and|but)\s+(?:another|a|an|the|her|his|their|its)\s+[a-z][\w -]{0,30},\s*$")
NEGATIONS = frozenset({"not", "never"})


def _correspondent(toks, k, start):
    """Whether the subject of "reports" (toks[k]), a name starting at `start`, comes right after an outlet's
    possessive in capitals ("VOA's Brian Wagner", "NPR's Ann Lee"): a broadcaster introducing its own correspondent's
    report."""
    first = next((n for n in range(k) if toks[n].start == start), None)
    if first is None or first == 0:
        return False
    owner = toks[first - 1]
    return (
        owner.raw[:1].isupper()
        and owner.raw.endswith(("'s", "’s"))
        and all(toks[n].capitalized for n in range(first, k))
    )
