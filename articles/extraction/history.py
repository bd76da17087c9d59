"""`make eval-quotes-history`: every round of the development set scored by the rules before it.

Each round of texts (a record's `added`: "round N (…)") was found after the rules of its time
and came onto `main` in one commit. The extractor as it stood in that commit's first parent had
never seen those texts, so this scores each text with that code (the package only, taken from
git with `git archive`, run in a subprocess) against today's labels, people and scorer. Pooled
over the rounds it is the estimate of the extractor on news it has never seen: what the rounds'
before-scores in `data/README.md` record by hand, here reproducible from history alone, without
trusting anyone's account of what they read.

Records without a round (the first sets, which the first rules were written from) are left out;
so is a round whose commit's parent had no extraction package. Needs the repository's history
(not a shallow clone) and `git` on the path.
"""

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from io import BytesIO
from pathlib import Path

from .attribution import Proposal
from .evaluate import DATA, HEADER, ROOT, SCORER, aliases_of, line, load, load_scorer, tally

DEV = "articles/extraction/data/dev.jsonl"
PACKAGE = ("articles/__init__.py", "articles/extraction")
# Files outside the package that its code reads when it loads (the list of US cities, from round 72 on): taken with it
# where the commit has them.
READ_BY_PACKAGE = ("articles/places/us-cities.csv",)
LATEST = 10  # the last rounds, pooled apart: the rules as they are now, more nearly
ROUND = re.compile(r"round (\d+)\b")
# Run inside the old package: the proposals for each record read from stdin, one JSON line each
# (none for a text it fails on: a failure counts as finding nothing, never as a round left out).
RUNNER = """
import json, sys
from articles.extraction import extract_quotes
for line in sys.stdin:
    try:
        found = [[p.text, p.kind, p.speaker, p.start, p.end] for p in extract_quotes(json.loads(line)["text"])]
    except Exception:
        found = []
    print(json.dumps(found))
"""


def git(*args, repo=ROOT, text=True):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=text, check=True).stdout  # noqa: S603,S607


def round_of(record):
    found = ROUND.match(record.get("added") or "")
    return int(found.group(1)) if found else None


def rules_before(repo=ROOT, path=DEV):
    """{record id: the first parent of the first commit on the first-parent line of HEAD whose `path`
    holds it} (a record of the first commit, which has no parent, is left out)."""
    found, seen = {}, set()
    for commits in git("log", "--first-parent", "--reverse", "--format=%H %P", "--", path, repo=repo).splitlines():
        commit, *parents = commits.split()
        for raw in git("show", f"{commit}:{path}", repo=repo).splitlines():
            if raw.strip() and (key := json.loads(raw)["id"]) not in seen:
                seen.add(key)
                if parents:
                    found[key] = parents[0]
    return found


def proposals_at(commit, records, repo=ROOT):
    """The proposals of the extractor as it was at `commit` for each record, or None if it had none
    (no package there, or one that fails to import)."""
    try:
        read = git("ls-tree", "-r", "--name-only", commit, "--", *READ_BY_PACKAGE, repo=repo).split()
        archive = git("archive", "--format=tar", commit, *PACKAGE, *read, repo=repo, text=False)
    except subprocess.CalledProcessError:
        return None
    with tempfile.TemporaryDirectory() as where:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(where, filter="data")
        run = subprocess.run(  # noqa: S603 (the project's own code, from its history)
            [sys.executable, "-c", RUNNER],
            cwd=where,
            input="".join(json.dumps({"text": r["text"]}) + "\n" for r in records),
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode:
        return None
    return [[Proposal(*p) for p in json.loads(out)] for out in run.stdout.splitlines()]


def history(records, scorer, aliases, repo=ROOT, path=DEV, errors=None):
    """[(round, its records' count, the rules' commit, its tally)] for each round, oldest first (the
    tally None where that commit had no extractor to run); `errors`, a list, receives each round's
    errors under those rules."""
    before = rules_before(repo, path)
    groups = defaultdict(list)
    for record in records:
        number = round_of(record)
        if number is not None and record["id"] in before:
            groups[number, before[record["id"]]].append(record)
    rows = []
    for (number, rules), group in sorted(groups.items()):
        found = proposals_at(rules, group, repo)
        if found is None:
            rows.append((number, len(group), rules, None))
            continue
        tot = Counter()
        for record, proposals in zip(group, found, strict=True):
            found_errors = None if errors is None else []
            tot.update(tally(scorer, record, proposals, aliases, found_errors))
            if found_errors:
                errors += [f"round {number}: {error}" for error in found_errors]
        rows.append((number, len(group), rules, tot))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA / "dev.jsonl"))
    parser.add_argument("--people", default=str(DATA / "people.jsonl"))
    parser.add_argument("--scorer", default=str(SCORER), help="the shared score.py")
    parser.add_argument("--show-errors", action="store_true", help="list each round's errors under its rules")
    args = parser.parse_args(argv)
    if not Path(args.scorer).exists():
        sys.exit(f"No scorer at {args.scorer}: give the shared score.py with --scorer.")
    scorer = load_scorer(args.scorer)
    errors = [] if args.show_errors else None
    try:
        rows = history(load(args.data), scorer, aliases_of(load(args.people), scorer), errors=errors)
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"This needs git and the repository's history: {error}")
    scored = [row for row in rows if row[3] is not None]
    if not scored:
        sys.exit("No round could be scored: this needs the repository's history (not a shallow clone).")
    print("each round scored by the extractor of the commit before its texts came onto main")
    print(HEADER)
    for number, count, rules, tot in rows:
        label = f"  round {number} @{rules[:7]}"
        print(line(label, tot, count) if tot is not None else f"{label:<24} {count:>3} not scored: no extractor there")
    for label, pooled in ((f"all {len(scored)} rounds", scored), (f"latest {LATEST} rounds", scored[-LATEST:])):
        print(line(label, sum((tot for *_, tot in pooled), Counter()), sum(count for _, count, _, _ in pooled)))
    if errors:
        print("\n".join(["errors (each round under the rules before it):", *errors]))


if __name__ == "__main__":
    main()
