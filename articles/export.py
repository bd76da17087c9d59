"""Open data: quotes as CSV or JSON, streamed row by row so that any size fits in constant memory."""

import csv
import itertools
import json

from django.core.serializers.json import DjangoJSONEncoder

COLUMNS = [
    "said_on",
    "speaker",
    "speaker_title",
    "speaker_state",
    "text",
    "kind",
    "context",
    "article_headline",
    "article_url",
    "quote_url",
    "verification",
    "verification_note",
    "verified_at",
    "rating",
    "rating_label",
    "evidence",
    "statement_url",
    "statement_appearances",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def rows(request, quotes):
    """One dict per quote: the speaker's title and state as they were on the day it was said.

    Fetches CHUNK quotes at a time, with their speakers' positions (one prefetch per chunk). The
    first chunk is read before this returns, in the view: a query past the statement timeout then
    answers 503 rather than a 200 whose body stops after its first line.
    """
    records = _rows(request, quotes)
    first = next(records, None)
    return records if first is None else itertools.chain([first], records)


def _rows(request, quotes):
    for quote in quotes.iterator(chunk_size=CHUNK):
        position = quote.speaker_position
        state = (position.state if position and position.state_id else None) or quote.speaker.state
        yield {
            "said_on": quote.said_on,
            "speaker": quote.speaker.name,
            "speaker_title": position.title if position else "",
            "speaker_state": state.code if state else "",
            "text": quote.text,
            "kind": quote.kind,
            "context": quote.context,
            "article_headline": quote.article.headline,
            "article_url": request.build_absolute_uri(quote.article.get_absolute_url()),
            "quote_url": request.build_absolute_uri(quote.get_absolute_url()),
            "verification": quote.verification,
            "verification_note": quote.verification_note,
            "verified_at": quote.verified_at,
            "rating": quote.rating,
            "rating_label": quote.rating_label,
            "evidence": [evidence_record(evidence) for evidence in quote.evidence.all()],
            # The same words by the same speaker in other articles (articles/statements.py).
            "statement_url": request.build_absolute_uri(quote.statement.get_absolute_url()) if quote.repeated else "",
            "statement_appearances": quote.statement.public_count if quote.statement_id else 1,
        }


def evidence_record(evidence):
    """One source a quote was checked against (prefetched with the chunk of quotes)."""
    return {
        "kind": evidence.kind,
        "title": evidence.title,
        "url": evidence.url,
        "offset": evidence.offset,
        "note": evidence.note,
    }


def evidence_cell(items):
    """The evidence in one CSV cell: a line per source, `kind: title <url> at N s (note)`."""
    lines = []
    for item in items:
        line = f"{item['kind']}: {item['title']}"
        line += f" <{item['url']}>" if item["url"] else ""
        line += f" at {item['offset']} s" if item["offset"] is not None else ""
        line += f" ({item['note']})" if item["note"] else ""
        lines.append(line)
    return "\n".join(lines)


def neutralise(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_lines(records):
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for record in records:
        cells = record | {"evidence": evidence_cell(record["evidence"])}
        yield writer.writerow([neutralise(cells[column]) for column in COLUMNS])


def json_chunks(records):
    yield "["
    for index, record in enumerate(records):
        yield ("," if index else "") + "\n" + json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n]\n"
