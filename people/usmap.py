"""The coverage map of /states/ and the home page: inline SVG drawn on the server.

The shapes are us-atlas's states, pre-projected (Albers USA, 975×610) and turned into
SVG paths by tools/make_us_map.py; the page needs no script, tiles or network.
"""

import functools
import json
import math
from pathlib import Path

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "us-states-albers.json"

# Shades of coverage besides "none" (shade 0): darker means more published articles.
SHADES = 4


@functools.cache
def shapes():
    """{USPS code: {"name", "d", "center"}} for the 50 states and DC, read once per process."""
    return json.loads(SHAPES_FILE.read_text())


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def coverage_label(state):
    """ "Massachusetts: 1 article, 3 people": what a screen reader says for a state."""
    articles = plural(state.article_count, "article")
    people = plural(state.person_count, "person", "people")
    return f"{state.name}: {articles}, {people}"


def shade_steps(counts):
    """The upper bound of each shade in use, as [(shade, upper)], lightest first.

    Bounds are the quartiles of the non-zero counts, so one much-covered state doesn't
    wash out all the others; the most covered states always get the darkest shade.
    """
    covered = sorted(count for count in counts if count)
    if not covered:
        return []
    n = len(covered)
    uppers = sorted({covered[math.ceil(k * n / SHADES) - 1] for k in range(1, SHADES + 1)})
    first = SHADES - len(uppers) + 1
    return [(first + i, upper) for i, upper in enumerate(uppers)]


def shade_of(count, steps):
    if not count:
        return 0
    return next(shade for shade, upper in steps if count <= upper)


def legend(steps):
    entries = [{"shade": 0, "label": "No articles"}]
    low = 1
    for shade, upper in steps:
        entries.append({"shade": shade, "label": str(upper) if low == upper else f"{low}–{upper}"})
        low = upper + 1
    return entries


def coverage_map(states):
    """The map's context from states annotated by `State.objects.with_counts()`.

    Runs no query of its own: pass the states the view already fetched.
    """
    shape_of = shapes()["states"]
    states = list(states)
    steps = shade_steps(state.article_count for state in states)
    drawn, elsewhere = [], []
    for state in states:
        shape = shape_of.get(state.code)
        entry = {
            "code": state.code,
            "name": state.name,
            "url": state.get_absolute_url(),
            "article_count": state.article_count,
            "person_count": state.person_count,
            "label": coverage_label(state),
            "shade": shade_of(state.article_count, steps),
        }
        if shape is None:
            elsewhere.append(entry)  # territories: listed beside the map
            continue
        entry["d"] = shape["d"]
        if state.code == "DC":
            # A few units across at this scale: a dot makes it visible and clickable.
            entry["dot"] = {"cx": shape["center"][0], "cy": shape["center"][1]}
        drawn.append(entry)
    # SVG paints in document order: DC's dot goes last, or Maryland and Virginia cover it.
    drawn.sort(key=lambda entry: "dot" in entry)
    covered = sorted((s for s in drawn if s["article_count"]), key=lambda s: (-s["article_count"], s["name"]))
    summary = "; ".join(f"{s['name']}, {plural(s['article_count'], 'article')}" for s in covered)
    return {
        "states": drawn,
        "territories": elsewhere,
        "legend": legend(steps),
        "summary": f"Covered: {summary}." if covered else "No state has published coverage yet.",
    }
