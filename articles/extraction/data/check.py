"""Checks the labelled quote set: fields, offsets and speakers.

Usage: python articles/extraction/data/check.py [dev.jsonl] [people.jsonl]
Prints one line per problem and exits 1 if there is any.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORD = (
    "id",
    "source_title",
    "source_url",
    "licence",
    "outlet",
    "source_kind",
    "date",
    "headline",
    "text",
    "quotes",
    "not_quotes",
)
QUOTE = ("text", "kind", "speaker", "speaker_title", "speaker_state", "start", "end", "speaker_kind")
KINDS = {
    "wikinews",
    "white-house",
    "federal-agency",
    "federal-release",
    "state-government",
    "voa",
    "court",
    "local-government",
    "sports",
    "sample",
}


def problems(dataset, people_path):
    with open(people_path, encoding="utf-8") as f:
        people = {p["name"]: p for p in map(json.loads, f)}
    with open(dataset, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    seen = set()
    for n, art in enumerate(articles, 1):
        where = f"{dataset.name}:{n} {art.get('id')}"
        for field in RECORD:
            if field not in art:
                yield f"{where}: missing field {field}"
        if art.get("id") in seen:
            yield f"{where}: duplicate id"
        seen.add(art.get("id"))
        if art.get("source_kind") not in KINDS:
            yield f"{where}: unknown source_kind {art.get('source_kind')!r}"
        text = art.get("text", "")
        for q in art.get("quotes", []):
            for field in QUOTE:
                if field not in q:
                    yield f"{where}: quote {q.get('text', '')[:30]!r} lacks {field}"
            if text[q["start"] : q["end"]] != q["text"]:
                yield f"{where}: offsets do not give the text of {q['text'][:40]!r}"
            if q["kind"] not in ("direct", "paraphrase"):
                yield f"{where}: kind {q['kind']!r}"
            if q["speaker_kind"] == "unnamed":
                if q["speaker"] is not None or not q.get("speaker_description"):
                    yield f"{where}: unnamed speaker needs speaker null and a speaker_description"
            else:
                key = q.get("speaker_canonical") or q["speaker"]
                if key not in people:
                    yield f"{where}: speaker {key!r} is not in people.jsonl"
            state = q.get("speaker_state")
            if state is not None and (len(state) != 2 or not state.isupper()):
                yield f"{where}: speaker_state {state!r} is not a USPS code"
        for nq in art.get("not_quotes", []):
            if text[nq["start"] : nq["end"]] != nq["text"] or not nq.get("reason"):
                yield f"{where}: not_quote {nq['text'][:40]!r} has wrong offsets or no reason"


def main():
    dataset = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "dev.jsonl"
    people = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "people.jsonl"
    found = list(problems(dataset, people))
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
