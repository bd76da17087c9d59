"""`make eval-quotes-history` scores each round of texts with the extractor as it was before them."""

import json
from types import SimpleNamespace

import pytest

from articles.extraction.evaluate import tally
from articles.extraction.history import DEV, history, main, round_of
from articles.extraction.history import git as run_git

# An exact-span scorer with score.py's interface: enough to tell a found quote from a missed one.
SCORER = SimpleNamespace(
    span_of=lambda text, q: (q["start"], q["end"]),
    match=lambda text, golds, preds, lo=0.8, hi=1.2: [
        (gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if g["_span"] == p["_span"]
    ],
    norm_name=lambda name: (name or "").lower(),
)
NOTHING = "def extract_quotes(text):\n    return []\n"
FINDS_IT = (
    "from types import SimpleNamespace\n\n\n"
    "def extract_quotes(text):\n"
    "    start = text.index('We')\n"
    "    end = text.index('.', start) + 1\n"
    "    return [SimpleNamespace(text=text[start:end], kind='direct', speaker='Smith', start=start, end=end)]\n"
)


def record(name, added):
    text = f'{name} said, "We will win."'
    start = text.index("We")
    quote = {"kind": "direct", "text": "We will win.", "speaker": "Smith", "start": start, "end": start + 12}
    return {"id": name, "text": text, "added": added, "quotes": [quote]}


def commit(repo, files):
    """Write the files and commit them; the commit's hash."""
    if not (repo / ".git").exists():
        run_git("init", "-q", repo=repo)
    for name, content in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(content)
    run_git("add", "-A", repo=repo)
    run_git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "c", repo=repo)
    return run_git("rev-parse", "HEAD", repo=repo).strip()


def test_a_round_is_scored_by_the_rules_before_its_texts_came_and_never_by_later_ones(tmp_path):
    first, second = record("Smith", "round 1 (found unseen)"), record("Jones", "round 2 (found unseen)")
    seed = record("Brown", "")  # the texts the first rules were written from: no round, not scored
    blind = commit(
        tmp_path, {"articles/__init__.py": "", "articles/extraction/__init__.py": NOTHING, DEV: json.dumps(seed)}
    )
    # Round 1 arrives with the rule written from it, in one commit: it is scored without that rule.
    with_rule = {"articles/extraction/__init__.py": FINDS_IT}
    fitted = commit(tmp_path, {DEV: "\n".join(json.dumps(r) for r in (seed, first)), **with_rule})
    commit(tmp_path, {DEV: "\n".join(json.dumps(r) for r in (seed, first, second))})

    errors = []
    rows = history([seed, first, second], SCORER, {}, repo=tmp_path, errors=errors)

    assert [(number, count, rules) for number, count, rules, _ in rows] == [(1, 1, blind), (2, 1, fitted)]
    (*_, missed), (*_, found) = rows
    assert (missed["dg"], missed["dm"], missed["dp"]) == (1, 0, 0)
    assert (found["dg"], found["dm"], found["sp"], found["sok"]) == (1, 1, 1, 1)
    assert errors == ["round 1: Smith: missed 'We will win.'"]
    assert history([first], SCORER, {}, repo=tmp_path)[0][3] == missed  # the same without the errors' list


def test_a_text_the_old_extractor_fails_on_counts_as_nothing_found_and_a_round_before_it_is_not_scored(tmp_path):
    first, second = record("Smith", "round 1 (found unseen)"), record("Jones", "round 2 (found unseen)")
    before_any = commit(tmp_path, {DEV: ""})
    raises = "def extract_quotes(text):\n    raise ValueError(text)\n"
    failing = commit(
        tmp_path, {DEV: json.dumps(first), "articles/__init__.py": "", "articles/extraction/__init__.py": raises}
    )
    commit(tmp_path, {DEV: "\n".join(json.dumps(r) for r in (first, second))})

    (*no_package, nothing), (*failed, tot) = history([first, second], SCORER, {}, repo=tmp_path)

    assert (no_package, nothing) == ([1, 1, before_any], None)
    assert failed == [2, 1, failing]
    assert (tot["dg"], tot["dm"], tot["dp"]) == (1, 0, 0)


def test_the_old_extractor_is_run_with_the_file_of_us_cities_it_reads_outside_its_package(tmp_path):
    # From round 72 on the package reads articles/places/us-cities.csv when it loads: taken without it, the old code
    # failed to import and rounds 73-74 showed as "not scored: no extractor there".
    first = record("Smith", "round 1 (found unseen)")
    reads_cities = (
        "from pathlib import Path\n\n"
        "CITIES = (Path(__file__).resolve().parent.parent / 'places' / 'us-cities.csv').read_text()\n\n" + FINDS_IT
    )
    rules = commit(
        tmp_path,
        {
            DEV: "",
            "articles/__init__.py": "",
            "articles/extraction/__init__.py": reads_cities,
            "articles/places/us-cities.csv": "city,state\nNew Orleans,LA\n",
        },
    )
    commit(tmp_path, {DEV: json.dumps(first)})

    ((number, count, commit_before, tot),) = history([first], SCORER, {}, repo=tmp_path)

    assert (number, count, commit_before) == (1, 1, rules)
    assert tot is not None and (tot["dg"], tot["dm"], tot["sok"]) == (1, 1, 1)


def test_a_round_is_read_from_what_its_record_says_it_was_added_in():
    assert round_of({"added": "round 48 (h-extract22, 2026-12-01): scored twice"}) == 48
    assert round_of({"added": "the shared set"}) is None
    assert round_of({}) is None


def test_without_git_or_its_history_the_command_says_so(monkeypatch, tmp_path):
    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    scorer = tmp_path / "score.py"
    scorer.write_text("def norm_name(name):\n    return name\n")
    monkeypatch.setattr("articles.extraction.history.git", no_git)
    with pytest.raises(SystemExit, match="needs git and the repository's history"):
        main(["--scorer", str(scorer)])


@pytest.mark.parametrize(("speaker", "right"), [(None, 1), ("Smith", 0)])
def test_a_quote_whose_label_names_nobody_counts_whether_a_name_was_given(speaker, right):
    # score.py leaves such quotes out of speaker accuracy; the tally counts them apart, so that
    # naming someone for every quote shows.
    quote = record("Smith", None)["quotes"][0] | {"speaker": None, "speaker_kind": "unnamed"}
    found = SimpleNamespace(text=quote["text"], kind="direct", speaker=speaker, start=quote["start"], end=quote["end"])
    errors = []
    tot = tally(SCORER, record("Smith", None) | {"quotes": [quote]}, [found], {}, errors)
    assert (tot["nok"], tot["np"], tot["sp"]) == (right, 1, 0)
    assert bool(errors) == (not right)
