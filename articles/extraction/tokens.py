"""The article as text: paragraphs, paired quotation marks, the masked text and its words."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    ABBREVIATIONS,
    CITATION,
    CUE_VERBS,
    EDGE,
    MARKS,
    MONTHS,
    PLAIN_SPEECH,
    POSSESSIVE,
    PUA,
    SUFFIXES,
    WEEKDAYS,
    WORD,
)
from .names import Speaker, joined_abbreviations, name_word

MARK = re.compile(f"[{MARKS}]")
NOT_NEWLINE = re.compile(r"[^\n]")
# The attribution after a quote whose closing mark the source left out: `“… as well, said Dr. Nance.
# “…”`, `“Growing up, I read …, said Ken, shown here …. “…,” he said.`
UNCLOSED_REACH = 300  # characters before the next opening mark that may hold that attribution
UNCLOSED_ATTRIBUTION = re.compile(
    r",\s+(?:(?:he|she)\s+|(?:[A-Z][\w.'’-]*\s+){{1,4}})?(?:{})\b".format(
        "|".join(sorted(PLAIN_SPEECH | {"commented"}))
    )
)

# A reopened paragraph whose quote closes on its comma before a named speaker of its own: `,” said Dr. Kimberly
# Giardina, …` or `,” Mark Ruiz said.` (two capitalized words at least: a name, not "he added").
_SPEECH = "|".join(sorted(PLAIN_SPEECH | {"commented"}))
NAMED_ATTRIBUTION = re.compile(
    rf"[,!?][”\"]\s+(?:(?:{_SPEECH})\s+[A-Z][\w.'’-]*\s+[A-Z]|(?:[A-Z][\w.'’-]*\s+){{2,4}}(?:{_SPEECH})\b)"
)
# Words that attribute a quote already in the paragraph before the mark left open.
SPEECH_WORD = re.compile(rf"\b(?:{_SPEECH})\b")

# A straight quote closed by a single mark before its attribution: `"It is amazing …, but it feels good to be
# here,' said Parker. "You can really see …"`.
SINGLE_CLOSED_ATTRIBUTION = re.compile(
    r"[,!?]['’](?=\s+(?:(?:he|she)\s+|(?:[A-Z][\w.'’-]*\s+){{1,4}})?(?:{})\b)".format(
        "|".join(sorted(PLAIN_SPEECH | {"commented"}))
    )
)


class Tok:
    """A word of the masked text, punctuation included: `raw == masked[start:end]`."""

    __slots__ = ("capitalized", "core", "end", "low", "name_word", "possessive", "raw", "start")

    def __init__(self, raw, start, end):
        self.raw, self.start, self.end = raw, start, end
        self.core, self.low, self.capitalized, self.possessive, self.name_word = _forms(raw)


@lru_cache(maxsize=65536)
def _forms(raw):
    """A word's core (without the punctuation at its edges), the core in lower case, whether it is
    capitalized, whether it is possessive and whether it may be part of a name: read once per word,
    not once per occurrence (the same few thousand words come again and again, in every article)."""
    core = raw.strip(EDGE)
    return core, core.lower(), core[:1].isupper(), bool(POSSESSIVE.search(raw.rstrip(",.;:"))), name_word(raw)


@dataclass
class QuoteSpan:
    open_at: int  # the opening mark
    start: int  # the first character of the words
    end: int  # just after the last character of the words
    closed: bool
    speaker: "Speaker | None" = None
    accepted: bool = False
    # Just after the closing mark (or the words, when the paragraph closes the quote); set once, as
    # it is read a dozen times for each quote (a property cost a call each time).
    unit_end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.unit_end = self.end + 1 if self.closed else self.end


def split_paragraphs(text):
    """(start, end) of each paragraph: blocks between blank lines, or lines if there are no blank lines."""
    single = not re.search(r"\n[ \t\r]*\n", text)  # no blank lines: each line is a paragraph
    separator = r"\n\s*" if single else r"\n[ \t\r]*\n\s*"
    spans, position = [], 0
    for m in re.finditer(separator, text):
        spans.append((position, m.start()))
        position = m.end()
    spans.append((position, len(text)))
    paragraphs = []
    for start, end in spans:
        block = text[start:end]
        if not block.strip():
            continue
        start, end = start + len(block) - len(block.lstrip()), start + len(block.rstrip())
        if single and paragraphs and _wrapped(text, paragraphs[-1][1], start):
            paragraphs[-1] = (paragraphs[-1][0], end)  # a line wrapped in mid-sentence, not a new paragraph
        else:
            paragraphs.append((start, end))
    return paragraphs


def _wrapped(text, previous_end, start):
    """Whether a line break between lines (no blank lines in the text) only wraps a sentence: the
    line before ends in a word or a comma and the next one goes on in lower case ("vacation of
    choice for\ngenerations")."""
    last, first = text[previous_end - 1], text[start]
    return (last.isalnum() or last in ",-–—") and first.islower()


def pair_quotes(text, paragraphs):
    """Pairs the double quotation marks, paragraph by paragraph.

    A quote still open at the end of a paragraph continues if the next paragraph opens with a
    quotation mark (the news convention) or, printed without that mark, closes the quote;
    otherwise the paragraph's end closes it, short of a trailing citation such as "[Tweet, 3/11/22]".
    """
    quotes, open_at, inner_close = [], None, -1
    for n, (start, end) in enumerate(paragraphs):
        position = start + 1 if open_at is not None else start
        first_mark = -1 if open_at is not None else None
        for found in MARK.finditer(text, position, end):  # the marks only, not every character
            if first_mark is None:
                first_mark = found.start()
            i = found.start()
            ch = text[i]
            if i == inner_close:
                continue  # closes a quote nested in the same marks (seen at its opening)
            left = text[i - 1] if i > start else " "
            right = text[i + 1] if i + 1 < end else " "
            opens = (left.isspace() or left in "([{—–-/" or left in MARKS) and not right.isspace()
            closes = not left.isspace() and (right.isspace() or right in ",.;:!?)]—–-" or right in MARKS)
            if open_at is None:
                if i == first_mark and closes and not opens and _lost_opening(text, start, i, end):
                    # `We are pleased to continue …,” commented Director Calixto Mateos Hanel.`: the
                    # paragraph's first mark closes a quote set off by its comma: the opening mark was
                    # lost, and the words run from the paragraph's start.
                    quotes.append(QuoteSpan(start, start, i, closed=True))
                    continue
                if (ch in "“„" and not (closes and not opens)) or (ch in '"”' and (opens or not closes)):
                    open_at = i
                elif ch == '"' and _closing_follows(text, i + 1, end):
                    open_at = i  # an opening mark set against the word before it: `communities," For example`
            elif (
                ch == "”"
                or (ch == '"' and (closes or not opens))
                or (ch in "“„" and closes and not opens)
                or (ch in "“„" and left.isspace() and right.isspace() and text[i - 2] in ",.?!")
            ):
                # (the last: an opening mark standing alone after the quote's comma, `leadership, “ said
                # Attorney General Barr.`, closes it, as a straight mark standing alone does)
                if i > open_at + 1:
                    quotes.append(QuoteSpan(open_at, open_at + 1, i, closed=True))
                open_at = None
            elif (
                ch == '"'
                and text[open_at] == '"'
                and opens
                and (closed_single := SINGLE_CLOSED_ATTRIBUTION.search(text, max(open_at + 1, i - UNCLOSED_REACH), i))
            ):
                # A second straight opening mark while one is open, after `,' said Parker.`: the first quote
                # was closed by a single mark, before its attribution.
                quotes.append(QuoteSpan(open_at, open_at + 1, closed_single.start() + 1, closed=True))
                open_at = i
            elif ch in "“„" and text[open_at] in "“„" and opens:
                # A second opening mark while one is open: the first quote lost its closing mark, and
                # ends where its attribution begins, if one is printed before this mark.
                # (read only the last words before the mark: a run of opening marks stays linear)
                attribution = UNCLOSED_ATTRIBUTION.search(text, max(open_at + 1, i - UNCLOSED_REACH), i)
                if attribution:
                    quotes.append(QuoteSpan(open_at, open_at + 1, attribution.start() + 1, closed=False))
                    open_at = i
                else:
                    inner_close = _nested_close(text, i, end)
        if open_at is not None:
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if following and (
                (text[following[0]] in MARKS and not _other_speaker_reopens(text, start, open_at, following))
                or _closed_later(text, paragraphs, n + 1)
            ):
                continue  # reopened, or (without reopening marks) closed in a paragraph soon after
            tail = text[open_at + 1 : end]
            cited = CITATION.search(tail)
            cut = len(tail[: cited.start()].rstrip()) if cited else 0  # the citation and the spaces before it
            stop = open_at + 1 + (cut if cut > 0 else len(tail.rstrip()))
            if stop > open_at + 1:
                quotes.append(QuoteSpan(open_at, open_at + 1, stop, closed=False))
            open_at = None
    return quotes


def _other_speaker_reopens(text, start, open_at, following):
    """Whether the paragraph after an open quote reopens with another speaker's quote: the open quote's
    paragraph already attributes it (`,” said San Diego City Attorney Heather Ferbert. “As your City Attorney,
    …` with no closing mark) and the next paragraph's first quote closes on its comma before a name of its own
    (`“As someone who …,” said Dr. Kimberly Giardina, …`). Then the paragraph's end closes the open quote, its
    closing mark lost. Reads the open quote's paragraph up to its mark and the next one up to its first mark."""
    close = MARK.search(text, following[0] + 1, following[1])
    if close is None or not SPEECH_WORD.search(text, start, open_at):
        return False
    return NAMED_ATTRIBUTION.match(text, close.start() - 1, min(following[1], close.start() + 80)) is not None


def _lost_opening(text, start, i, end):
    """Whether text[start:i], a paragraph's words before a closing mark, reads as a quote whose
    opening mark was lost: a sentence of some length opening with a capital, ending with its comma
    inside the marks, and a reporting verb among the next few words (`…,” commented Director X.`)."""
    if text[i - 1] != "," or not text[start].isupper() or len(text[start:i].split()) < 8:
        return False
    after = text[i + 1 : min(end, i + 120)].split()[:6]
    return any(word.strip(",.").lower() in CUE_VERBS for word in after)


UNMARKED_PARAGRAPHS = 6  # paragraphs without any mark a quote left open may run through


def _closed_later(text, paragraphs, n):
    """Whether a quote left open at the end of the paragraph before paragraphs[n] is closed, without
    reopening marks, in one of the next paragraphs: the paragraphs between hold no quotation mark
    and the first mark of that paragraph closes (a statement printed over several paragraphs with
    one opening and one closing mark). Reads a bounded number of paragraphs."""
    for start, end in paragraphs[n : n + UNMARKED_PARAGRAPHS]:
        first = MARK.search(text, start, end)
        if first is None:
            continue
        if text[first.start()] == "“" and (past := _past_nested_pairs(text, first.start(), end)) != first.start():
            # curly pairs nested in the open quote (`A small “credit card” knife …`) come before its closing mark
            if past is None:
                continue
            return text[past] == "”"
        return _first_mark_closes(text, start, end)
    return False


def _nested_close(text, i, end):
    """The closing mark of a quote nested in the same curly marks as the quote around it (`“… a
    statewide “stay-at-home” order, …”`), or -1: the inner quote closes before any other mark, and
    the next mark after it in the paragraph, past other nested pairs (`“Section 230” or the “CDA”`),
    closes the outer one, or there is none and words follow the inner quote (the outer one goes on
    past the paragraph). Reads only the next few marks."""
    inner = MARK.search(text, i + 1, end)
    if inner is None or text[inner.start()] != "”":
        return -1
    outer = _past_nested_pairs(text, inner.start() + 1, end)
    if outer is None:
        # no other mark: nested only if words follow it (a mark ending the paragraph closes the outer quote)
        after = text[inner.start() + 1 : min(end, inner.start() + 5)]
        return inner.start() if any(ch.isalnum() for ch in after) else -1
    return inner.start() if text[outer] == "”" else -1


NESTED_PAIRS = 4  # nested “…” pairs read past before the mark that closes the quote around them


def _past_nested_pairs(text, start, end):
    """The first quotation mark in text[start:end] past up to NESTED_PAIRS curly pairs “…” (the
    quotes nested in a quote), or None when the paragraph holds no other mark."""
    found = MARK.search(text, start, end)
    for _ in range(NESTED_PAIRS):
        if found is None or text[found.start()] != "“":
            break
        closing = MARK.search(text, found.start() + 1, end)
        if closing is None or text[closing.start()] != "”":
            break
        found = MARK.search(text, closing.start() + 1, end)
    return None if found is None else found.start()


def _looks_closing(text, i, start, end):
    left = text[i - 1] if i > start else " "
    right = text[i + 1] if i + 1 < end else " "
    return not left.isspace() and (right.isspace() or right in ",.;:!?)]—–-" or right in MARKS)


def _closing_follows(text, start, end):
    """Whether the next straight mark in text[start:end] closes a quote (read up to that mark only)."""
    i = text.find('"', start, end)
    return i >= 0 and _looks_closing(text, i, start, end)


def _first_mark_closes(text, start, end):
    """Whether the first quotation mark of a paragraph closes a quote rather than opening one."""
    found = MARK.search(text, start, end)
    if found is None:
        return False
    i = found.start()
    return text[i] == "”" or (text[i] == '"' and _looks_closing(text, i, start, end))


def mask_quotes(text, quotes):
    """The text with each quote's words blanked out (keeping newlines and the final punctuation),
    so that what surrounds a quote reads as one sentence and no name inside it is taken for a speaker."""
    pieces, position = [], 0
    for quote in quotes:
        last = quote.end
        while last > quote.start + 1 and text[last - 1] in "’'":  # "… a ‘Merry Christmas.’”"
            last -= 1
        last = last - 1 if text[last - 1] in ".!?," else quote.end
        if last > quote.start:
            pieces.append(text[position : quote.start])
            words = text[quote.start : last]
            pieces.append(NOT_NEWLINE.sub(PUA, words) if "\n" in words else PUA * len(words))
            position = last
    pieces.append(text[position:])
    return "".join(pieces)


def trimmed(text, start, end):
    """The span without the spaces and punctuation at its end."""
    while end > start and (text[end - 1] in ",.;:—–-" or text[end - 1].isspace()):
        end -= 1
    return start, end


def word_before(text, start, end):
    """The last word of text[start:end] ("" if none), as `text[start:end].split()[-1]` without the copy."""
    # Most words are short: split the last 40 characters, and read back a character at a time only when
    # they may not hold the whole word (a Python loop over each character costs several times more).
    window = text[max(start, end - 40) : end].split()
    if len(window) > 1 or end - 40 <= start:
        return window[-1] if window else ""
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


INITIAL = re.compile(r"[A-Z]")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S", "D.C" (the last period stripped)
# Words that open a sentence and never go on a name or an organisation's name: after "D.C." or "U.S."
# ("… a press conference in Washington D.C.. He proclaimed …") the abbreviation's period ends the sentence
# too, unlike an initial's ("William S. Saturn") or before a name's next word ("U.S. Army").
OPENS_SENTENCE = frozenset(
    """The A An This That These Those It He She They We His Her Their Our But And So Yet However Meanwhile
    In On At After Before When While If""".split()
)


@lru_cache(maxsize=8192)
def is_abbreviation(word):
    """ "Gov.", "Y." (an initial), "U.S.": a period that does not end a sentence."""
    if not word:
        return False
    word = word.lstrip('("“').rstrip(".")
    return (
        word.lower() in ABBREVIATIONS
        or INITIAL.fullmatch(word) is not None
        or DOTTED.fullmatch(word) is not None
        or joined_abbreviations(word.lower())
    )


CLOCK_TIMES = frozenset({"a.m", "p.m"})
# What follows "p.m." inside its sentence: a day, a month, a zone ("at 3 p.m. Eastern", "p.m. EST").
NOT_AFTER_CLOCK = re.compile(
    rf"(?:{WEEKDAYS}|{MONTHS}|Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii|Greenwich|Universal"
    r"|[A-Z]{1,2}[SD]?T|GMT|UTC|Z)\b|[^A-Za-z]"
)


def ends_sentence_after(word, text, at):
    """Whether a period after `word`, an abbreviation, ends its sentence when text[at:] comes next: a
    dotted one ("D.C.", "U.S.") before a word that opens sentences, and a clock time's ("… at 3:00 p.m.
    According to …") before a word in capitals that is not a day, a month or a time zone."""
    following = WORD.match(text, at)
    if (
        DOTTED.fullmatch(word.lstrip('("“').rstrip("."))
        and following
        and following.group().rstrip(",") in OPENS_SENTENCE
    ):
        return True
    return word.lower() in CLOCK_TIMES and not NOT_AFTER_CLOCK.match(text, at)


def split_chunks(toks):
    """Split at commas and dashes: a subject, its appositions and the phrases before it."""
    chunks, current = [], []
    for tok in toks:
        raw = tok.raw  # (never empty)
        if raw in {"—", "–"} or PUA in raw:  # a quote is never part of a subject
            if current:
                chunks.append(current)
                current = []
            continue
        if not current and chunks and tok.core in SUFFIXES and chunks[-1][-1].capitalized:
            # "Edward F. Jacoby, Jr., Director of …": a suffix set off by a comma ends the name before it.
            chunks[-1].append(tok)
            continue
        current.append(tok)
        if raw[-1] == ",":
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks
