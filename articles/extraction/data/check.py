"""Checks the labelled quote set: fields, offsets and speakers, and that each name or alias is one person's.

Usage: python articles/extraction/data/check.py [dev.jsonl] [people.jsonl]
Prints one line per problem and exits 1 if there is any.
"""

import json
import sys
from collections import Counter, defaultdict
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


def same_name(name):
    """A name as the scorer compares it: case, spacing and the curly apostrophe do not count."""
    return " ".join(name.replace("\u2019", "'").split()).casefold()


def people_problems(records, where):
    """A person with two records, or a name or alias shared by two people: either makes the
    person a proposed speaker stands for a guess."""
    records_of = Counter(same_name(p["name"]) for p in records)
    owners = defaultdict(dict)
    for p in records:
        for name in [p["name"], *p.get("aliases", [])]:
            owners[same_name(name)].setdefault(same_name(p["name"]), (name, p["name"]))
    for p in records:
        if records_of[same_name(p["name"])] > 1:
            records_of[same_name(p["name"])] = 0
            yield f"{where}: {p['name']!r} has more than one record"
    for owner in owners.values():
        if len(owner) > 1:
            name = next(iter(owner.values()))[0]
            people = ", ".join(sorted(person for _, person in owner.values()))
            yield f"{where}: {name!r} is a name or alias of {len(owner)} people: {people}"


def problems(dataset, people_path):
    with open(people_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    yield from people_problems(records, people_path.name)
    people = {p["name"]: p for p in records}
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
