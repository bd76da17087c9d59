"""`make eval-quotes`: the extractor scored on the development set in `data/`.

Prints the scores over all articles, per kind of source, and leave-one-source-out: for each
kind, the learned weights (`model.py`) are trained on the other kinds' articles only, then that
kind is scored with them. The leave-one-source-out figures are the estimate for news the
extractor has never seen as far as the weights go; the overall ones measure fit. The hand-written
rules are not refitted per fold: whoever changes them after reading a kind's errors should say so
(and judge the change on articles read after it was written: `history.py`, `make
eval-quotes-history`, scores each round of texts with the rules from before it, taken from git).

The matching of proposals to labels is `../shared/quotes/score.py`'s own (`match`, `span_of`,
`norm_name`, imported from it, not copied), so the figures compare with that scorer's. Only its
loop is repeated here, because that loop runs a command per article (a Django start each) and
keeps one total: folds need the extractor in this process with other weights, and per-kind
tallies. `--check` runs score.py itself on the same set, to show both totals agree.
"""

import argparse
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from . import extract_quotes
from .model import RulesOnly, Weights, train

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared" / "quotes"
SCORER = SHARED / "score.py"


def source_kind(record):
    """The record's `source_kind`, or one derived from its outlet and licence when it has none."""
    if record.get("source_kind"):
        return record["source_kind"]
    where = f"{record.get('outlet') or ''} {record.get('licence') or ''}".lower()
    if "wikinews" in where:
        return "wikinews"
    if "white house" in where:
        return "white-house"
    if "sample" in where:
        return "sample"
    return re.sub(r"[^a-z0-9]+", "-", (record.get("outlet") or "other").lower()).strip("-") or "other"


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("quote_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def aliases_of(people, scorer):
    norm = scorer.norm_name
    return {norm(p["name"]): {norm(p["name"])} | {norm(a) for a in p.get("aliases", [])} for p in people}


def tally(scorer, record, proposals, aliases, errors=None):
    """score.py's counts for one article (its main loop, without the command)."""
    text = record["text"]
    preds = [{"text": p.text, "kind": p.kind, "speaker": p.speaker, "start": p.start, "end": p.end} for p in proposals]
    for p in preds:
        p["_span"] = scorer.span_of(text, p)
    quotes = [dict(q, _span=(q["start"], q["end"])) for q in record["quotes"]]
    gold_d = [q for q in quotes if q["kind"] == "direct" and not q.get("unquoted")]
    skip_d = [q for q in quotes if q["kind"] == "direct" and q.get("unquoted")]
    gold_p = [q for q in quotes if q["kind"] == "paraphrase"]
    pred_d = [p for p in preds if p.get("kind", "direct") == "direct"]
    pred_p = [p for p in preds if p.get("kind") == "paraphrase"]
    ignore = {pi for _, pi in scorer.match(text, skip_d, pred_d)}
    pred_d = [p for i, p in enumerate(pred_d) if i not in ignore]
    md = scorer.match(text, gold_d, pred_d)
    tot = Counter(dp=len(pred_d), dg=len(gold_d), dm=len(md))
    for gi, pi in md:
        g, p = gold_d[gi], pred_d[pi]
        if not g.get("speaker") or g.get("speaker_kind") == "unnamed":
            # score.py leaves these out; counted here ("nobody", "nok" of "np" given no name), so that
            # a rule or model that names someone for every quote does not go unseen.
            tot["np"] += 1
            tot["nok"] += not p.get("speaker")
            if p.get("speaker") and errors is not None:
                errors.append(f"{record['id']}: speaker {p['speaker']!r} for {g['text'][:50]!r}, which names nobody")
            continue
        tot["sp"] += 1
        want = {scorer.norm_name(g["speaker"]), scorer.norm_name(g.get("speaker_canonical"))}
        for k in list(want):
            want |= aliases.get(k, set())
        want.discard("")
        ok = scorer.norm_name(p.get("speaker")) in want
        tot["sok"] += ok
        if not ok and errors is not None:
            errors.append(
                f"{record['id']}: speaker {p.get('speaker')!r} for {g['text'][:50]!r}, wanted {g['speaker']!r}"
            )
    mp = scorer.match(text, gold_p, pred_p, lo=0.5, hi=1.5)
    tot.update(pp=len(pred_p), pg=len(gold_p), pm=len(mp))
    # score.py does not check who a matched paraphrase is given to; counted here the same way as
    # for direct quotes ("psp" of "psok" right), so that a wrong reporter does not go unseen.
    for gi, pi in mp:
        g, p = gold_p[gi], pred_p[pi]
        if not g.get("speaker") or g.get("speaker_kind") == "unnamed":
            continue
        tot["psp"] += 1
        want = {scorer.norm_name(g["speaker"]), scorer.norm_name(g.get("speaker_canonical"))}
        for k in list(want):
            want |= aliases.get(k, set())
        want.discard("")
        ok = scorer.norm_name(p.get("speaker")) in want
        tot["psok"] += ok
        if not ok and errors is not None:
            errors.append(
                f"{record['id']}: paraphrase speaker {p.get('speaker')!r} for {g['text'][:50]!r}, "
                f"wanted {g['speaker']!r}"
            )
    if errors is not None:
        hit_g, hit_p = {gi for gi, _ in md}, {pi for _, pi in md}
        errors += [f"{record['id']}: missed {g['text'][:70]!r}" for gi, g in enumerate(gold_d) if gi not in hit_g]
        errors += [
            f"{record['id']}: wrong {(p.get('text') or '')[:70]!r}" for pi, p in enumerate(pred_d) if pi not in hit_p
        ]
        hit_g, hit_p = {gi for gi, _ in mp}, {pi for _, pi in mp}
        errors += [
            f"{record['id']}: missed paraphrase {g['text'][:70]!r}" for gi, g in enumerate(gold_p) if gi not in hit_g
        ]
        errors += [
            f"{record['id']}: wrong paraphrase {(p.get('text') or '')[:70]!r}"
            for pi, p in enumerate(pred_p)
            if pi not in hit_p
        ]
    return tot


def summary(tot):
    ratio = lambda a, b: tot[a] / tot[b] if tot[b] else 0.0  # noqa: E731
    return {
        "direct_p": ratio("dm", "dp"),
        "direct_r": ratio("dm", "dg"),
        "speaker": ratio("sok", "sp"),
        "paraphrase_p": ratio("pm", "pp"),
        "paraphrase_r": ratio("pm", "pg"),
    }


def line(label, tot, articles):
    s = summary(tot)
    return (
        f"{label:<24} {articles:>3} {tot['dg']:>5} {s['direct_p']:>6.3f} {s['direct_r']:>6.3f} "
        f"{s['speaker']:>7.3f} ({tot['sok']}/{tot['sp']}) {s['paraphrase_p']:>6.3f} {s['paraphrase_r']:>6.3f} "
        f"({tot['pm']}/{tot['pg']}, proposed {tot['pp']}) parSpk {tot['psok']}/{tot['psp']} "
        f"nobody {tot['nok']}/{tot['np']}"
    )


HEADER = f"{'':<24} {'art':>3} {'quo':>5} {'dirP':>6} {'dirR':>6} {'speaker':>7}            {'parP':>6} {'parR':>6}"


def score(records, weights, scorer, aliases, errors=None):
    tot = Counter()
    for record in records:
        tot.update(tally(scorer, record, extract_quotes(record["text"], weights=weights), aliases, errors))
    return tot


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # The project's own set once it is there; the first, smaller shared set until then.
    where = DATA if (DATA / "dev.jsonl").exists() else SHARED
    parser.add_argument("--data", default=str(where / "dev.jsonl"))
    parser.add_argument("--people", default=str(where / "people.jsonl"))
    parser.add_argument("--scorer", default=str(SCORER), help="the shared score.py")
    parser.add_argument("--show-errors", action="store_true", help="list misses and wrong proposals (overall fit)")
    parser.add_argument("--check", action="store_true", help="also run score.py itself on the set")
    args = parser.parse_args(argv)
    if not Path(args.scorer).exists():
        sys.exit(f"No scorer at {args.scorer}: give the shared score.py with --scorer.")
    scorer = load_scorer(args.scorer)
    records = load(args.data)
    aliases = aliases_of(load(args.people), scorer)
    kinds = Counter(source_kind(r) for r in records)
    print(f"{len(records)} articles from {args.data}; kinds: {dict(sorted(kinds.items()))}")
    print(HEADER)
    errors = [] if args.show_errors else None
    stored = Weights.stored()
    overall = score(records, stored, scorer, aliases, errors)
    print(line("all (stored weights)", overall, len(records)))
    print("per kind, stored weights (trained on all kinds: fit)")
    for kind in sorted(kinds):
        subset = [r for r in records if source_kind(r) == kind]
        print(line(f"  {kind}", score(subset, stored, scorer, aliases), len(subset)))
    print("leave-one-source-out (weights trained without the kind scored)")
    held_out = Counter()
    for kind in sorted(kinds):
        subset = [r for r in records if source_kind(r) == kind]
        weights = train([r for r in records if source_kind(r) != kind])
        tot = score(subset, weights, scorer, aliases)
        held_out.update(tot)
        print(line(f"  {kind}", tot, len(subset)))
    print(line("all, held out", held_out, len(records)))
    # What the learned weights add: the same set with the hand-written rules' verdict alone.
    print(line("all, rules alone", score(records, RulesOnly(), scorer, aliases), len(records)))
    if errors:
        print("\n".join(["errors (stored weights):", *errors]))
    if args.check:
        command = f"{sys.executable} {ROOT / 'manage.py'} extract_quotes {{file}} --format json"
        print("score.py itself:", flush=True)
        subprocess.run(  # noqa: S603 (the shared scorer, on the project's own data)
            [sys.executable, args.scorer, args.data, "--people", args.people, "--cmd", command], check=False
        )


if __name__ == "__main__":
    main()
