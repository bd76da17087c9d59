"""The same statement across articles: a speaker's words, reported in several articles.

Every quote not kept apart by an editor (Quote.statement_split) belongs to a Statement of its
speaker. Two quotes are one statement when their words are the same once normalised (`shape`:
case, punctuation, ellipses, quotation marks and apostrophes set aside), or when one is a small
trim of the other: its words run on from the same first words (`head`) or up to the same last
ones (`tail`), with at most a fifth of the longer's words left out (an ellipsis may stand for
words left out between).

Found by indexed lookups only: the speaker's statements with the same key, or with the same
head or tail (statement_speaker_*_idx), never a scan of the quotes; a statement stands by the
fullest words any of its quotes gave, which its trims are compared with. A statement's published
appearances (`public_count`) and its first one are kept as content changes (`refresh`), in the
change's transaction, as the tallies are (articles/tallies.py).
"""

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from newsroom.dependencies import invalidate

from .models import PLAIN_QUOTATION_MARKS, Quote, Statement

# How many first or last words find a trim's candidates.
ANCHOR = 4
# A trim is matched only when the shorter has at least this many words...
MIN_TRIM_WORDS = 6
# ... and at least this share of the longer's.
MIN_TRIM_RATIO = 0.8
# Fewer words than this ("Yes.", "No comment.") are no statement: said often, by anyone, meaning little.
MIN_WORDS = 3

# "...", "…" (NFKC makes it "..."), and an editor's "[...]".
ELLIPSIS = re.compile(r"\[\s*\.{3,}\s*\]|\.{3,}")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
WORD = re.compile(r"[^\W_]+")


class Shape(NamedTuple):
    """A quote's words as matching sees them."""

    words: tuple  # all its words, normalised
    segments: tuple  # the runs of words between ellipses (one run without any)
    key: str  # a hash of the words: the same words, the same key ("" when too short)
    head: str  # a hash of the first ANCHOR words of the first run ("" when it is shorter)
    tail: str  # a hash of the last ANCHOR words of the last run


def _normal_words(text):
    if "'" in text:
        text = APOSTROPHE.sub("", text)  # don't, don’t and dont alike
    return tuple(WORD.findall(text))


def _hash(words, length=32):
    return hashlib.md5(" ".join(words).encode(), usedforsecurity=False).hexdigest()[:length]


def shape(text):
    """The Shape of `text`: case folded, quotation marks and apostrophes unified, punctuation and
    ellipses taken out, whitespace collapsed."""
    if not text.isascii():  # (ASCII is its own NFKC form)
        text = unicodedata.normalize("NFKC", text).translate(PLAIN_QUOTATION_MARKS)
    text = text.casefold()
    segments = tuple(run for run in map(_normal_words, ELLIPSIS.split(text)) if run)
    words = tuple(word for run in segments for word in run)
    if len(words) < MIN_WORDS:
        return Shape(words, segments, "", "", "")
    head = _hash(segments[0][:ANCHOR], 16) if len(segments[0]) >= ANCHOR else ""
    tail = _hash(segments[-1][-ANCHOR:], 16) if len(segments[-1]) >= ANCHOR else ""
    return Shape(words, segments, _hash(words), head, tail)


def _runs_in_order(segments, words):
    """Whether each run of `segments` appears in `words`, contiguous, one after another."""
    haystack, start = " " + " ".join(words) + " ", 0
    for run in segments:
        found = haystack.find(" " + " ".join(run) + " ", start)
        if found < 0:
            return False
        start = found + len(" ".join(run)) + 1
    return True


def same_statement(a, b):
    """Whether Shapes `a` and `b` are the same statement: the same words, or one a small trim of the other."""
    if not a.key or not b.key:
        return False
    if a.key == b.key:
        return True
    short, long = sorted((a, b), key=lambda s: len(s.words))
    if len(short.words) < MIN_TRIM_WORDS or len(short.words) < MIN_TRIM_RATIO * len(long.words):
        return False
    return _runs_in_order(short.segments, long.words)


def statement_fields(found):
    return {
        "key": found.key,
        "head": found.head,
        "tail": found.tail,
        "words": " ".join(found.words),
        "word_count": len(found.words),
    }


def _stored_shape(statement):
    """A statement's Shape from its row (its words are one run: its fullest quote's, ellipses taken out)."""
    words = tuple(statement.words.split())
    return Shape(words, (words,), statement.key, statement.head, statement.tail)


def candidates(speaker_id, found, exclude=None, using="default"):
    """The speaker's statements that may be the same as `found`: the same key, head or tail.
    One query, on the speaker's indexes; a few rows."""
    if not found.key:
        return []
    n = len(found.words)
    # A trim's statement has between MIN_TRIM_RATIO and 1/MIN_TRIM_RATIO times its words.
    trims = Q(word_count__gte=math.ceil(n * MIN_TRIM_RATIO), word_count__lte=math.floor(n / MIN_TRIM_RATIO))
    # One index probe each (statement_speaker_*_idx), in a UNION: ORed in one WHERE, the speaker
    # would be factored out and the database might read all of their statements.
    statements = Statement.objects.using(using).filter(speaker_id=speaker_id)
    parts = [statements.filter(key=found.key)]
    if found.head:
        parts.append(statements.filter(trims, head=found.head))
    if found.tail:
        parts.append(statements.filter(trims, tail=found.tail))
    if exclude is not None:
        parts = [part.exclude(pk=exclude) for part in parts]
    rows = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    # The oldest first: an exact match or the first statement made of these words. (A bound, should
    # a speaker have begun hundreds of statements of this length with the same four words.)
    return list(rows.order_by("pk")[:200])


def match(quote, using="default"):
    """The Statement `quote` belongs to (its speaker's, found or made); None for a quote kept apart
    or too short. Called as the quote is saved, before its row is written: a few indexed queries."""
    if quote.statement_split:
        return None
    found = shape(quote.text)
    if not found.key:
        return None
    # Its current statement, if the quote is alone in it, is reused for its new words rather than
    # matched against (it was made of its old words).
    own = None
    if quote.pk and quote.statement_id:
        others = Quote.objects.using(using).filter(statement_id=quote.statement_id).exclude(pk=quote.pk)
        own = None if others.exists() else quote.statement_id
    rows = candidates(quote.speaker_id, found, exclude=own, using=using)
    for statement in sorted(rows, key=lambda s: (s.key != found.key, s.pk)):
        if same_statement(found, _stored_shape(statement)):
            if len(found.words) > statement.word_count:
                # The fullest words stand for the statement: trims of them, from either end, match.
                # Written by refresh() after the save, as it locks statements after the tallies lock
                # people (a save locking them the other way round could deadlock with another).
                statement.fuller_words = statement_fields(found)
            return statement
    if own is not None:
        Statement.objects.using(using).filter(pk=own).update(**statement_fields(found))
        return Statement.objects.using(using).get(pk=own)
    return Statement.objects.using(using).create(speaker_id=quote.speaker_id, **statement_fields(found))


def drop_empty(statement_ids, using="default"):
    """Delete those of `statement_ids` left with no quote (one query when none is)."""
    quoted = Exists(Quote.objects.using(using).filter(statement=OuterRef("pk")))
    ids = [pk for pk in statement_ids if pk]
    empty = list(Statement.objects.using(using).filter(~quoted, pk__in=ids).values_list("pk", flat=True))
    if empty:  # (a delete collects what refers to the rows: only when there are some)
        Statement.objects.using(using).filter(pk__in=empty).delete()


def take_fuller_words(statement, using="default"):
    """Write the fuller words match() found for `statement`, if any and still fuller than its own."""
    fields = statement.__dict__.pop("fuller_words", None)
    if fields:
        rows = Statement.objects.using(using).filter(pk=statement.pk, word_count__lt=fields["word_count"])
        rows.update(**fields)


def refresh(statement_ids, using="default", announce=True):
    """Recount `statement_ids`' published appearances and find their first, in one UPDATE; delete
    those left with no quote; with `announce`, invalidate the pages of those whose count or first
    appearance changed (hard when one lost an appearance: nothing unpublished may be served from a
    cache). Bulk callers invalidate everything instead."""
    ids = sorted({pk for pk in statement_ids if pk})
    if not ids:
        return
    with transaction.atomic(using=using):
        rows = Statement.objects.using(using).filter(pk__in=ids)
        before = {
            pk: (n, first)
            for pk, n, first in rows.select_for_update()
            .order_by("pk")
            .values_list("pk", "public_count", "first_quote")
        }
        appearances = Quote.objects.using(using).filter(statement=OuterRef("pk"), article__counted=True).order_by()
        earliest = appearances.order_by("article__published_at", "pk")
        rows.update(
            public_count=Coalesce(Subquery(appearances.values("statement").annotate(n=Count("*")).values("n")), 0),
            first_quote=Subquery(earliest.values("pk")[:1]),
            first_published_at=Subquery(earliest.values("article__published_at")[:1]),
        )
        drop_empty(ids, using)
        after = {pk: (n, first) for pk, n, first in rows.values_list("pk", "public_count", "first_quote")}
    changed = {pk for pk in ids if before.get(pk) != after.get(pk, (0, None))}
    public = {pk for pk in changed if before.get(pk, (0,))[0] or after.get(pk, (0,))[0]}
    if public and announce:
        lost = any(after.get(pk, (0,))[0] < before.get(pk, (0,))[0] for pk in public)
        invalidate({"content", *(f"statement-{pk}" for pk in public)}, hard=lost, using=using)


def rematch(quotes, using="default"):
    """Match `quotes` (a query) again, first reported first: after their speaker changed by an
    update, which sends no signal (a merge of people). A few queries per quote, as a save."""
    rows = list(quotes.using(using).select_related(None).order_by("article__published_at", "pk"))
    touched = {quote.statement_id for quote in rows}
    Quote.objects.using(using).filter(pk__in=[quote.pk for quote in rows]).update(statement=None)
    for quote in rows:
        quote.statement = None
        quote.statement = match(quote, using)
        Quote.objects.using(using).filter(pk=quote.pk).update(statement=quote.statement)
        if quote.statement is not None:
            take_fuller_words(quote.statement, using)
        touched.add(quote.statement_id)
    refresh(touched, using)


def refresh_all(batch=20000, using="default"):
    """refresh() every statement, `batch` at a time, announcing nothing: for bulk changes, whose
    callers invalidate everything (manage.py refresh_tallies, generate_archive)."""
    last = 0
    while True:
        ids = list(
            Statement.objects.using(using).filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return
        refresh(ids, using, announce=False)
        last = ids[-1]


class Grouper:
    """Statements found in memory, for quotes fed in order (first reported first): what rebuilding
    the statements of many quotes at once uses, with the same rules as `match`. Per speaker,
    dictionaries by key, head and tail: each quote costs a few lookups, whatever their number."""

    def __init__(self):
        self.shapes = []  # a statement's Shape as stored (its fullest quote's, one run), by its index here
        self.speakers = []
        self.index = defaultdict(list)  # (speaker, "k"/"h"/"t", hash) -> statement indexes

    def add(self, speaker_id, text):
        """The index of the statement the words belong to (made if new), or None if too short."""
        found = shape(text)
        if not found.key:
            return None
        seen = []
        for kind, value in (("k", found.key), ("h", found.head), ("t", found.tail)):
            if value:
                seen += self.index.get((speaker_id, kind, value), [])
        for number in sorted(set(seen)):
            if same_statement(found, self.shapes[number]):
                if len(found.words) > len(self.shapes[number].words):  # the fullest words, as match()
                    self.shapes[number] = found._replace(segments=(found.words,))
                    self._index(speaker_id, found, number)
                return number
        number = len(self.shapes)
        self.shapes.append(found._replace(segments=(found.words,)))
        self.speakers.append(speaker_id)
        self._index(speaker_id, found, number)
        return number

    def _index(self, speaker_id, found, number):
        for kind, value in (("k", found.key), ("h", found.head), ("t", found.tail)):
            if value:
                self.index[(speaker_id, kind, value)].append(number)

    def statement(self, number):
        """An unsaved Statement for the statement numbered `number`."""
        return Statement(speaker_id=self.speakers[number], **statement_fields(self.shapes[number]))


def rebuild(speakers, using="default", announce=True):
    """Make the statements of `speakers`' quotes again from their words (keys: a list): their old
    statements are deleted, quotes kept apart stay apart. Reads their quotes once, first reported
    first; writes a statement per group and each quote's link. Returns how many statements.
    `announce`: as for refresh()."""
    with transaction.atomic(using=using):
        quotes = (
            Quote.objects.using(using)
            .filter(speaker__in=speakers, statement_split=False)
            .order_by("speaker", "article__published_at", "pk")
            .values_list("pk", "speaker", "text")
        )
        # Their old statements' pages are gone: no stale copy of one may be served.
        old = Statement.objects.using(using).filter(speaker__in=speakers)
        shown = [f"statement-{pk}" for pk in old.filter(public_count__gt=0).values_list("pk", flat=True)]
        if shown and announce:
            invalidate({"content", *shown}, hard=True, using=using)
        Quote.objects.using(using).filter(speaker__in=speakers).exclude(statement=None).update(statement=None)
        old.delete()
        grouper, members = Grouper(), defaultdict(list)
        for pk, speaker, text in quotes.iterator(chunk_size=5000):
            number = grouper.add(speaker, text)
            if number is not None:
                members[number].append(pk)
        made = Statement.objects.using(using).bulk_create(grouper.statement(n) for n in range(len(grouper.shapes)))
        links = [Quote(pk=pk, statement_id=made[number].pk) for number, pks in members.items() for pk in pks]
        Quote.objects.using(using).bulk_update(links, ["statement"], batch_size=1000)
        for start in range(0, len(made), 5000):
            refresh([statement.pk for statement in made[start : start + 5000]], using, announce)
    return len(made)
