"""The learned part of quote extraction: whether a span in quotation marks is someone's words.

The rules in `attribution.py` read each span's surroundings (a reporting verb next to it, a
speaker found, a title-like span, a name introduced by "named" ...). A logistic regression over
those signals, the rules' own verdict among them, makes the decision: it learns from the
labelled development set where the rules are too strict (short partial quotes inside narration)
or too lenient (titles, scare quotes). Its weights are trained here, in pure Python, from
`data/dev.jsonl` and kept in `weights.json` with their provenance; nothing is downloaded.

`python -m articles.extraction.train` (make train-quotes) retrains them and rewrites weights.json.
"""

import json
import math
from functools import cache
from operator import mul
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEIGHTS = HERE / "weights.json"
DATA = HERE / "data" / "dev.jsonl"

# The signals `attribution._Article._attribute` computes for each span, each 0 or 1 unless noted.
FEATURES = (
    "bias",
    "rules_accept",  # the hand-written rules alone would propose it
    "short",  # fewer than five words and not a sentence of its own
    "words",  # log(1 + words) / 4
    "title_like",  # every word that counts is capitalized, as in a title
    "names_something",  # "named", "so-called", "known as" just before
    "introduced",  # a reporting verb just before
    "cue_in_sentence",  # a reporting verb anywhere in the sentence around it
    "speaker_person",
    "speaker_organization",
    "speaker_none",
    "lower_start",
    "own_sentence",  # starts with a capital and ends with . ! or ?
    "capitals",  # the share of its words that are capitalized
    "set_off",  # a comma or dash after it, as before an attribution
    "paragraph_start",
    "interrupted",  # the second half of a quote split by its attribution
    "closed",
    "ends_with_comma_inside",  # `"…,"` as in a quote before its attribution
)
# The rules are the prior: training starts from "accept what the rules accept" and the penalty
# pulls each weight back towards it, so a few articles of one kind can't overturn the rules.
PRIOR = {"bias": -2.0, "rules_accept": 4.0}
L2 = 0.05
STEPS = 600
RATE = 0.5


class Weights:
    """Logistic-regression weights over FEATURES; `accepts(features)` is the decision."""

    def __init__(self, weights, provenance=None):
        self.weights = dict(weights)
        self.provenance = provenance or {}
        self._vector = tuple(self.weights.get(name, 0.0) for name in FEATURES)

    @classmethod
    @cache
    def stored(cls):
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        return cls(data["weights"], data.get("provenance"))

    def score(self, features):
        """The log-odds; `features` holds FEATURES in their order (attribution builds it so)."""
        return sum(map(mul, self._vector, features.values()))

    def probability(self, features):
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))

    def accepts(self, features):
        return self.score(features) >= 0.0  # probability at least 0.5, without the exponential


class RulesOnly(Weights):
    """The hand-written rules' verdict, unlearned: what training data is collected with."""

    def __init__(self):
        super().__init__({})

    def accepts(self, features):
        return bool(features["rules_accept"])


def examples(records):
    """(features, label) for each span in quotation marks: label 1 when it is a labelled direct quote."""
    from .attribution import extract_quotes

    out = []
    for record in records:
        observed = []
        extract_quotes(record["text"], weights=RulesOnly(), observe=observed)
        golds = [(q["start"], q["end"]) for q in record["quotes"] if q["kind"] == "direct"]
        for (start, end), features in observed:
            out.append((features, int(any(_same_span(record["text"], (start, end), g) for g in golds))))
    return out


def _same_span(text, span, gold):
    """The scorer's test: the span covers 80% of the labelled words and is at most 120% as long."""
    edge = " \t\n\"'“”‘’,.;:!?—–-"

    def trim(s, e):
        while s < e and text[s] in edge:
            s += 1
        while e > s and text[e - 1] in edge:
            e -= 1
        return s, e

    (ps, pe), (gs, ge) = trim(*span), trim(*gold)
    overlap = max(0, min(ge, pe) - max(gs, ps))
    return overlap >= 0.8 * max(1, ge - gs) and (pe - ps) <= 1.2 * max(1, ge - gs) + 2


def train(records):
    """Weights fitted to the records' spans by gradient descent on the log loss, penalised by the
    squared distance from the rules' prior."""
    data = examples(records)
    prior = {k: PRIOR.get(k, 0.0) for k in FEATURES}
    w = dict(prior)
    if not data:
        return Weights(w)
    n = len(data)
    for _ in range(STEPS):
        grad = dict.fromkeys(FEATURES, 0.0)
        for features, label in data:
            z = sum(w[k] * v for k, v in features.items())
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for k, v in features.items():
                grad[k] += error * v
        for k in FEATURES:
            w[k] -= RATE * (grad[k] / n + L2 * (w[k] - prior[k]))
    return Weights({k: round(v, 4) for k, v in w.items()})
